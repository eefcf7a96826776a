internal import Foundation
internal import KwalModel
internal import KwalText

/// A text and the codes a coder gave it (a sentence or a short passage).
public struct LabelledText: Sendable, Hashable {
  /// The text.
  public var text: String
  /// The code ids.
  public var codes: Set<String>
  /// Codes the text must not get from the cues (a codebook's negative example of the code).
  public var excluded: Set<String>

  /// Creates a labelled text.
  public init(text: String, codes: Set<String>, excluded: Set<String> = []) {
    self.text = text
    self.codes = codes
    self.excluded = excluded
  }
}

/// Learns ``LearnedCues`` from labelled texts: per code, an L2-regularised logistic regression
/// over the texts' cues, with the classes weighted to count equally (a rare code is not drowned
/// by the texts without it), fitted by Newton's method with conjugate-gradient steps. The same
/// texts give the same weights, on any machine and thread count.
public struct CueTrainer: Sendable {
  /// Options of the fit.
  public struct Options: Sendable, Hashable {
    /// The probability a sentence must reach to be coded.
    public var threshold = 0.7
    /// The probability a sentence must reach to continue a code of the sentence before it (see
    /// ``LearnedCues/continuation``), or nil for none; below ``threshold``.
    public var continuation: Double? = 0.1
    /// The inverse regularisation strength `C` (larger: closer fit to the texts).
    public var regularisation = 1.0
    /// A cue must occur in at least this many texts.
    public var minimumTexts = 2
    /// A code is learned only from at least this many texts that have it.
    public var minimumPositives = 3
    /// Weights closer to zero than this are left out of the file.
    public var smallestWeight = 0.1

    /// The defaults.
    public init() {}
  }

  let codebook: Codebook
  let options: Options

  /// Creates a trainer for `codebook`.
  public init(codebook: Codebook, options: Options = Options()) {
    self.codebook = codebook
    self.options = options
  }

  /// The codebook's own examples as labelled texts: a positive example has its code, a
  /// negative example none and must not get its code from the cues (see ``learn(_:sources:)``).
  public static func examples(of codebook: Codebook) -> [LabelledText] {
    var result: [LabelledText] = []
    for code in codebook.codes {
      result += code.positiveExamples.map { LabelledText(text: $0.text, codes: [code.id]) }
      result += code.negativeExamples.map { LabelledText(text: $0.text, codes: [], excluded: [code.id]) }
    }
    return result
  }

  /// The folded stems of a text's tokens (nil for tokens that are not words, "" for stop words:
  /// cues are content words, and a stop word parts a pair) and its sentences, as the coding
  /// engine sees them.
  func stems(of text: String, lexicon: Lexicon, analyzer: TextAnalyzer) -> (stems: [String?], sentences: [Range<Int>]) {
    let analyzed = analyzer.analyze(text, lexicon: lexicon)
    let normalizer = lexicon.normalizer
    let stems = zip(analyzed.tokens, analyzed.types).map { token, type in
      !CueFeatures.counts(token.kind)
        ? nil : DutchStopWords.words.contains(lexicon.lowercase(type)) ? "" : normalizer.normalize(lexicon.stem(type))
    }
    return (stems, analyzed.sentences)
  }

  /// Learns the cues of every codable code with enough positive texts. `sources` names the
  /// files the texts came from (recorded in the result).
  public func learn(_ texts: [LabelledText], sources: [String]) -> LearnedCues {
    let policy = codebook.policy
    let lexicon = Lexicon(
      normalizer: Normalizer(foldsCase: policy.caseFolding, foldsDiacritics: policy.diacriticFolding), stemming: true)
    let analyzer = TextAnalyzer()
    let analyzed = texts.map { stems(of: $0.text, lexicon: lexicon, analyzer: analyzer) }
    // The stems compounds are split into: those of at least `minimumTexts` texts, long enough.
    var stemCount: [String: Int] = [:]
    for text in analyzed {
      for stem in Set(text.stems.compactMap { $0 }) where !stem.isEmpty && CueFeatures.canBePart(stem) {
        stemCount[stem, default: 0] += 1
      }
    }
    let parts = stemCount.filter { $0.value >= options.minimumTexts }.keys.sorted()
    let known = Set(parts)
    let textCues = analyzed.map { CueFeatures.cues($0.stems, known: known) }
    // The sentences of the texts that must not get some code, as the engine will score them.
    var sentenceCues: [Int: [[String]]] = [:]
    for (index, text) in texts.enumerated() where !text.excluded.isEmpty {
      let stems = analyzed[index].stems
      sentenceCues[index] = analyzed[index].sentences.map { CueFeatures.cues(Array(stems[$0]), known: known) }
    }
    // The vocabulary: cues of at least `minimumTexts` texts, sorted (a fixed order).
    var textCount: [String: Int] = [:]
    for cues in textCues { for cue in cues { textCount[cue, default: 0] += 1 } }
    let vocabulary = textCount.filter { $0.value >= options.minimumTexts }.keys.sorted()
    let number = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, Int32($0)) })
    let rows = textCues.map { cues in cues.compactMap { number[$0] }.sorted() }
    var codes: [LearnedCues.LearnedCode] = []
    var heldOut: [(probability: Double, right: Bool)] = []
    for spec in codebook.codes where spec.definition.isCodable {
      let labels = texts.map { $0.codes.contains(spec.id) }
      let positives = labels.filter { $0 }.count
      guard positives >= options.minimumPositives, positives < texts.count else { continue }
      // A text that must not get the code (a codebook's near miss) and still would, in one of its
      // sentences, counts four times as much in the next fit, for a few rounds: the cues keep the
      // codebook's examples passing wherever the data allow.
      let guarded = texts.indices.filter { texts[$0].excluded.contains(spec.id) }
      var multipliers = [Double](repeating: 1, count: texts.count)
      var learned: LearnedCues.LearnedCode
      var round = 0
      while true {
        let fit = LogisticFit(
          rows: rows, labels: labels, features: vocabulary.count, regularisation: options.regularisation,
          multipliers: multipliers)
        var weights: [String: Double] = [:]
        for (feature, weight) in fit.weights.enumerated() where abs(weight) >= options.smallestWeight {
          weights[vocabulary[feature]] = Self.rounded(weight)
        }
        learned = LearnedCues.LearnedCode(
          code: spec.id, bias: Self.rounded(fit.bias), positives: positives, cues: weights)
        let coded = guarded.filter { index in
          (sentenceCues[index] ?? []).contains { Self.reaches(learned, $0, threshold: options.threshold) }
        }
        round += 1
        if coded.isEmpty || round == Self.guardRounds { break }
        for index in coded { multipliers[index] *= 4 }
      }
      codes.append(learned)
      heldOut += Self.crossValidated(rows: rows, labels: labels, features: vocabulary.count, options: options)
    }
    return LearnedCues(
      codebook: "\(codebook.info.name)@\(codebook.info.version)", threshold: options.threshold,
      regularisation: options.regularisation, examples: texts.count, sources: sources, codes: codes, parts: parts,
      continuation: options.continuation, calibration: Self.calibration(heldOut))
  }

  /// The folds of the cross-validation that calibrates the probabilities.
  static let calibrationFolds = 5

  /// The model's probability for every text when it is held out: the texts are split into
  /// ``calibrationFolds`` folds by position, and each fold is predicted by a fit to the others.
  static func crossValidated(rows: [[Int32]], labels: [Bool], features: Int, options: Options) -> [(
    probability: Double, right: Bool
  )] {
    var result: [(probability: Double, right: Bool)] = []
    for fold in 0..<calibrationFolds {
      let train = rows.indices.filter { $0 % calibrationFolds != fold }
      let trainLabels = train.map { labels[$0] }
      guard trainLabels.contains(true), trainLabels.contains(false) else { continue }
      let fit = LogisticFit(
        rows: train.map { rows[$0] }, labels: trainLabels, features: features, regularisation: options.regularisation)
      for index in rows.indices where index % calibrationFolds == fold {
        let margin = rows[index].reduce(fit.bias) { $0 + fit.weights[Int($1)] }
        result.append((LogisticFit.sigmoid(margin), labels[index]))
      }
    }
    return result
  }

  /// The least number of held-out texts behind one calibration point.
  static let calibrationBlock = 40

  /// An isotonic (monotone) fit of the share right to the model probability, by pooling adjacent
  /// violators, with blocks of at least ``calibrationBlock`` texts: points `[probability, share]`.
  static func calibration(_ pairs: [(probability: Double, right: Bool)]) -> [[Double]] {
    let sorted = pairs.sorted { $0.probability < $1.probability }
    guard sorted.count >= 2 * calibrationBlock else { return [] }
    // Blocks: (sum of probabilities, sum right, count), merged while they violate the order or are small.
    var blocks: [(probability: Double, right: Double, count: Double)] = []
    var pending = (probability: 0.0, right: 0.0, count: 0.0)
    for pair in sorted {
      pending.probability += pair.probability
      pending.right += pair.right ? 1 : 0
      pending.count += 1
      if pending.count >= Double(calibrationBlock) {
        blocks.append(pending)
        pending = (0, 0, 0)
      }
    }
    if pending.count > 0 {
      if var last = blocks.popLast() {
        last.probability += pending.probability
        last.right += pending.right
        last.count += pending.count
        blocks.append(last)
      } else {
        blocks.append(pending)
      }
    }
    var pooled: [(probability: Double, right: Double, count: Double)] = []
    for block in blocks {
      pooled.append(block)
      while pooled.count >= 2,
        pooled[pooled.count - 1].right / pooled[pooled.count - 1].count
          < pooled[pooled.count - 2].right / pooled[pooled.count - 2].count
      {
        let last = pooled.removeLast()
        pooled[pooled.count - 1].probability += last.probability
        pooled[pooled.count - 1].right += last.right
        pooled[pooled.count - 1].count += last.count
      }
    }
    // One point per share: a run of blocks with the same share ends at its last block.
    var points: [[Double]] = []
    for block in pooled {
      let point = [rounded(block.probability / block.count), rounded(block.right / block.count)]
      if let last = points.last, last[1] == point[1] { points[points.count - 1] = point } else { points.append(point) }
    }
    return points
  }

  /// How many times a code is fitted at most while near misses still get it.
  static let guardRounds = 6

  /// Whether a sentence with `cues` gets the code, summed as the engine sums (cue by cue, in the
  /// order they occur).
  static func reaches(_ code: LearnedCues.LearnedCode, _ cues: [String], threshold: Double) -> Bool {
    var score = 0.0
    for cue in cues { score += code.cues[cue] ?? 0 }
    return code.bias + score >= log(threshold / (1 - threshold))
  }

  /// Four decimals: enough for the decision, short in the file.
  static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
}

/// An L2-regularised, class-balanced logistic regression on binary sparse features:
/// minimises `½‖w‖² + C Σᵢ sᵢ log(1 + exp(−yᵢ(xᵢ·w + b)))`, with `sᵢ = n / (2 n_class)` and the
/// bias `b` not regularised, by Newton's method (conjugate gradients for each step, a
/// backtracking line search).
struct LogisticFit {
  private(set) var weights: [Double]
  private(set) var bias = 0.0

  init(rows: [[Int32]], labels: [Bool], features: Int, regularisation: Double, multipliers: [Double]? = nil) {
    let count = labels.count
    let positives = labels.filter { $0 }.count
    let sign = labels.map { $0 ? 1.0 : -1.0 }
    let sampleWeight = labels.indices.map { index in
      regularisation * Double(count) / (2 * Double(labels[index] ? positives : count - positives))
        * (multipliers?[index] ?? 1)
    }
    weights = [Double](repeating: 0, count: features)

    // The margins zᵢ = xᵢ·w + b.
    func margins(_ w: [Double], _ b: Double) -> [Double] {
      rows.map { row in row.reduce(b) { $0 + w[Int($1)] } }
    }
    func objective(_ w: [Double], _ z: [Double]) -> Double {
      var value = 0.5 * w.reduce(0) { $0 + $1 * $1 }
      for i in 0..<count { value += sampleWeight[i] * Self.softplus(-sign[i] * z[i]) }
      return value
    }
    var z = margins(weights, bias)
    var value = objective(weights, z)
    var firstNorm = 0.0
    for _ in 0..<100 {
      // Gradient and the Hessian's data weights.
      var gradient = weights
      var gradientBias = 0.0
      var curvature = [Double](repeating: 0, count: count)
      for i in 0..<count {
        let p = Self.sigmoid(z[i])
        let g = sampleWeight[i] * (p - (sign[i] > 0 ? 1 : 0))
        for feature in rows[i] { gradient[Int(feature)] += g }
        gradientBias += g
        curvature[i] = sampleWeight[i] * p * (1 - p)
      }
      let norm = (gradient.reduce(0) { $0 + $1 * $1 } + gradientBias * gradientBias).squareRoot()
      if firstNorm == 0 { firstNorm = max(norm, 1e-12) }
      if norm <= 1e-6 * firstNorm || norm < 1e-10 { break }
      // H v = v_w + Xᵀ D (X v_w + v_b), and its bias component.
      func hessianTimes(_ v: [Double], _ vb: Double) -> ([Double], Double) {
        var result = v
        var resultBias = 1e-10 * vb
        for i in 0..<count {
          let d = curvature[i]
          guard d > 0 else { continue }
          let xv = rows[i].reduce(vb) { $0 + v[Int($1)] } * d
          for feature in rows[i] { result[Int(feature)] += xv }
          resultBias += xv
        }
        return (result, resultBias)
      }
      // Conjugate gradients for H d = −g, to a relative residual of 0.1 (truncated Newton).
      var step = [Double](repeating: 0, count: features)
      var stepBias = 0.0
      var residual = gradient.map { -$0 }
      var residualBias = -gradientBias
      var direction = residual
      var directionBias = residualBias
      var residualNorm = norm * norm
      for _ in 0..<200 {
        if residualNorm.squareRoot() <= 0.1 * norm { break }
        let (hd, hdBias) = hessianTimes(direction, directionBias)
        var dHd = directionBias * hdBias
        for j in 0..<features { dHd += direction[j] * hd[j] }
        guard dHd > 0 else { break }
        let alpha = residualNorm / dHd
        for j in 0..<features {
          step[j] += alpha * direction[j]
          residual[j] -= alpha * hd[j]
        }
        stepBias += alpha * directionBias
        residualBias -= alpha * hdBias
        let next = residual.reduce(0) { $0 + $1 * $1 } + residualBias * residualBias
        let beta = next / residualNorm
        residualNorm = next
        for j in 0..<features { direction[j] = residual[j] + beta * direction[j] }
        directionBias = residualBias + beta * directionBias
      }
      // Backtracking line search (Armijo).
      var slope = gradientBias * stepBias
      for j in 0..<features { slope += gradient[j] * step[j] }
      guard slope < 0 else { break }
      var size = 1.0
      var accepted = false
      for _ in 0..<30 {
        let candidate = zip(weights, step).map { $0 + size * $1 }
        let candidateBias = bias + size * stepBias
        let candidateZ = margins(candidate, candidateBias)
        let candidateValue = objective(candidate, candidateZ)
        if candidateValue <= value + 1e-4 * size * slope {
          weights = candidate
          bias = candidateBias
          z = candidateZ
          accepted = value - candidateValue > 1e-12 * max(1, abs(value))
          value = candidateValue
          break
        }
        size /= 2
      }
      if !accepted { break }
    }
  }

  static func sigmoid(_ z: Double) -> Double {
    z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
  }

  /// log(1 + eˣ) without overflow.
  static func softplus(_ x: Double) -> Double {
    x > 30 ? x : (x < -30 ? exp(x) : log1p(exp(x)))
  }
}
