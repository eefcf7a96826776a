internal import Crypto
public import Foundation
internal import KwalModel
internal import KwalText

/// Cue weights learned from coded examples by `kwal codebook learn`: for each code, a logistic
/// model over the words of a sentence (their Snowball stems, the known stems inside compounds,
/// and pairs of adjacent stems).
///
/// A sentence gets a code when `bias + Σ weight` over the distinct cues it contains reaches the
/// logit of ``threshold``. The weights are plain numbers in a JSON file next to the codebook,
/// so a researcher can read which words count for which code and by how much; every coding they
/// make lists rule `learned` and the words of its strongest cues.
public struct LearnedCues: Sendable, Hashable, Codable {
  /// The format this version reads and writes.
  public static let currentFormat = "kwal-learned-cues/3"
  /// The formats this version reads: `/1` is `/2` without `parts` and `continuation`, `/2` is `/3`
  /// without `calibration` (a version that reads only an older format would ignore the newer
  /// keys, so files with them have the newer format).
  static let readableFormats: Set<String> = ["kwal-learned-cues/1", "kwal-learned-cues/2", currentFormat]

  /// ``currentFormat``.
  public var format: String
  /// The codebook the cues were learned for, `name@version`.
  public var codebook: String
  /// The probability a sentence must reach to be coded (0 < threshold < 1).
  public var threshold: Double
  /// The probability a sentence must reach to continue a code of the sentence before it, in the
  /// same paragraph and turn (0 < continuation < threshold), or nil: a sentence that elaborates
  /// on the one before ("Dat bindt ons.") has few cues of its own. Such codings list rule
  /// `learned-context`.
  public var continuation: Double?
  /// The inverse regularisation strength the weights were fitted with (larger: closer fit).
  public var regularisation: Double
  /// How many texts the cues were learned from, and the files they came from.
  public var examples: Int
  public var sources: [String]
  /// The learned codes, in codebook order.
  public var codes: [LearnedCode]
  /// The stems a compound's parts are looked up in (sorted): a word whose stem is not one of them
  /// also counts as its longest known head and modifier (`klachtencijfers` as `cijfer` and
  /// `klacht`). Empty in files written before parts were learned (then words count whole only).
  public var parts: [String]
  /// How the model's probabilities translate into the share of right codings, measured on texts
  /// held out from the fit (cross-validation): points `[model probability, share right]`,
  /// ascending in both. The threshold and `probability` are on this calibrated scale. Empty in
  /// files written before calibration (then the model's probabilities are used as they are).
  public var calibration: [[Double]]

  /// Creates cues.
  public init(
    codebook: String, threshold: Double, regularisation: Double, examples: Int, sources: [String],
    codes: [LearnedCode], parts: [String] = [], continuation: Double? = nil, calibration: [[Double]] = []
  ) {
    self.calibration = calibration
    self.format = Self.currentFormat
    self.codebook = codebook
    self.threshold = threshold
    self.continuation = continuation
    self.regularisation = regularisation
    self.examples = examples
    self.sources = sources
    self.codes = codes
    self.parts = parts
  }

  enum CodingKeys: String, CodingKey {
    case format, codebook, threshold, continuation, regularisation, examples, sources, codes, parts, calibration
  }

  /// Reads a cues file; `parts` and `continuation` may be missing (files written before them).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    format = try container.decode(String.self, forKey: .format)
    codebook = try container.decode(String.self, forKey: .codebook)
    threshold = try container.decode(Double.self, forKey: .threshold)
    continuation = try container.decodeIfPresent(Double.self, forKey: .continuation)
    regularisation = try container.decode(Double.self, forKey: .regularisation)
    examples = try container.decode(Int.self, forKey: .examples)
    sources = try container.decode([String].self, forKey: .sources)
    codes = try container.decode([LearnedCode].self, forKey: .codes)
    parts = try container.decodeIfPresent([String].self, forKey: .parts) ?? []
    calibration = try container.decodeIfPresent([[Double]].self, forKey: .calibration) ?? []
  }

  /// The calibrated probability of a model probability `raw` (linear between the points; the
  /// model's own where there is no calibration).
  public func calibrated(_ raw: Double) -> Double {
    Self.interpolate(raw, calibration.map { ($0[0], $0[1]) })
  }

  /// The smallest model probability whose calibrated probability reaches `target` (nil: none does).
  public func rawProbability(reaching target: Double) -> Double? {
    guard !calibration.isEmpty else { return target }
    let points = calibration.map { ($0[0], $0[1]) }
    guard let last = points.last, last.1 >= target else { return nil }
    var previous = (0.0, 0.0)
    for point in points {
      if point.1 >= target {
        if point.1 == previous.1 { return point.0 }
        return previous.0 + (target - previous.1) / (point.1 - previous.1) * (point.0 - previous.0)
      }
      previous = point
    }
    return nil
  }

  static func interpolate(_ x: Double, _ points: [(Double, Double)]) -> Double {
    guard !points.isEmpty else { return x }
    var previous = (0.0, 0.0)
    for point in points {
      if x <= point.0 {
        guard point.0 > previous.0 else { return point.1 }
        return previous.1 + (x - previous.0) / (point.0 - previous.0) * (point.1 - previous.1)
      }
      previous = point
    }
    // Beyond the last point, towards (1, 1).
    guard previous.0 < 1 else { return previous.1 }
    return previous.1 + (x - previous.0) / (1 - previous.0) * (1 - previous.1)
  }

  /// The cue weights of one code.
  public struct LearnedCode: Sendable, Hashable, Codable {
    /// The code id.
    public var code: String
    /// The log-odds of a sentence without any cue.
    public var bias: Double
    /// How many of the texts had the code.
    public var positives: Int
    /// Cue → weight. A cue is a stem (`uitstel`) or two adjacent stems (`volgend keer`).
    public var cues: [String: Double]

    /// Creates a code's weights.
    public init(code: String, bias: Double, positives: Int, cues: [String: Double]) {
      self.code = code
      self.bias = bias
      self.positives = positives
      self.cues = cues
    }
  }

  /// The largest weight or bias a cues file may hold (fitted weights are a few units).
  static let largestWeight = 1e6

  /// Reads and checks a cues file for `codebook`; `reference` locates the `learned:` key in
  /// messages. Warnings (cues learned for another version) come back with the cues, and the
  /// file's SHA-256.
  ///
  /// `decoded`: the file's bytes and their decoding when already read (see ``EarlyCues``);
  /// `cache`: where decoded files are kept between runs.
  static func load(
    _ url: URL, for codebook: Codebook, reference: SourceLocation, decoded: EarlyCues.Decoded? = nil,
    cache: (any LearnedCuesCache)? = nil
  ) throws(CodebookError) -> (LearnedCues, [Diagnostic], sha256: String) {
    let here = SourceLocation(file: url.path)
    let data: Data
    if let decoded, let read = decoded.data {
      data = read
    } else if let decoded, decoded.cues != nil {
      // Known to the cache as it is: neither read nor hashed.
      data = Data()
    } else {
      do {
        data = try Data(contentsOf: url)
      } catch {
        throw CodebookError(
          .missingInput, "cannot read the learned cues \(url.path) named by \"learned:\"", at: reference)
      }
    }
    let sha256 = decoded?.sha256 ?? sha256Hex(data)
    let cues: LearnedCues
    if let early = decoded?.cues {
      cues = early
    } else {
      do {
        cues = try decode(data, sha256: sha256, cache: cache)
      } catch {
        throw CodebookError(.badData, "not a learned cues file (\(Self.describe(error)))", at: here)
      }
    }
    guard readableFormats.contains(cues.format) else {
      throw CodebookError(.badData, "unknown format \"\(cues.format)\" (expected \(currentFormat))", at: here)
    }
    guard cues.threshold > 0 && cues.threshold < 1 else {
      throw CodebookError(.badData, "threshold \(cues.threshold) is not between 0 and 1", at: here)
    }
    if let continuation = cues.continuation, !(continuation > 0 && continuation < cues.threshold) {
      throw CodebookError(
        .badData, "continuation \(continuation) is not between 0 and the threshold \(cues.threshold)", at: here)
    }
    let known = Dictionary(codebook.codes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let normalizer = Normalizer(
      foldsCase: codebook.policy.caseFolding, foldsDiacritics: codebook.policy.diacriticFolding)
    var seen: Set<String> = []
    for code in cues.codes {
      guard let spec = known[code.code] else {
        throw CodebookError(.badData, "cues for code \"\(code.code)\", which the codebook does not have", at: here)
      }
      guard spec.definition.isCodable else {
        throw CodebookError(.badData, "cues for code \"\(code.code)\", which is not codable", at: here)
      }
      guard seen.insert(code.code).inserted else {
        throw CodebookError(.badData, "code \"\(code.code)\" has cues twice", at: here)
      }
      guard code.bias.isFinite, code.cues.values.allSatisfy(\.isFinite) else {
        throw CodebookError(.badData, "code \"\(code.code)\" has a weight that is not a number", at: here)
      }
      guard abs(code.bias) <= largestWeight, code.cues.values.allSatisfy({ abs($0) <= largestWeight }) else {
        throw CodebookError(
          .badData, "code \"\(code.code)\" has a weight beyond ±\(Int(largestWeight)): not a fitted weight", at: here)
      }
      // The keys are sorted only to name the first bad one (sorting 40,000 cues on every load
      // cost more than checking them).
      if code.cues.keys.contains(where: { !Self.isCue($0, normalizer: normalizer) }),
        let bad = code.cues.keys.sorted().first(where: { !Self.isCue($0, normalizer: normalizer) })
      {
        throw CodebookError(
          .badData,
          "code \"\(code.code)\": \"\(bad)\" is not a folded stem or two (as `kwal codebook learn` writes them)",
          at: here)
      }
    }
    if let bad = cues.parts.first(where: { part in !Self.isCue(part, normalizer: normalizer) || part.contains(" ") }) {
      throw CodebookError(
        .badData, "parts: \"\(bad)\" is not a folded stem (as `kwal codebook learn` writes them)", at: here)
    }
    var diagnostics: [Diagnostic] = []
    let expected = "\(codebook.info.name)@\(codebook.info.version)"
    let learnedName = cues.codebook.split(separator: "@", maxSplits: 1).first.map(String.init) ?? cues.codebook
    guard learnedName == codebook.info.name else {
      throw CodebookError(
        .badData, "the cues were learned for the codebook \(cues.codebook), not \(codebook.info.name)", at: here)
    }
    if cues.codebook != expected {
      diagnostics.append(
        Diagnostic(
          .warning, here,
          "the cues were learned for \(cues.codebook), not \(expected): run `kwal codebook learn` again"))
    }
    return (cues, diagnostics, sha256)
  }

  /// The SHA-256 of `data` in lower-case hexadecimal.
  static func sha256Hex(_ data: some DataProtocol) -> String {
    SHA256.hash(data: data).map { byte in
      let hex = String(byte, radix: 16)
      return byte < 16 ? "0" + hex : hex
    }.joined()
  }

  /// A cue is one stem or two stems separated by one space, each as the codebook's normaliser
  /// folds it (a cue that folding would change can never match).
  static func isCue(_ cue: String, normalizer: Normalizer) -> Bool {
    // Lower-case ASCII letters and digits with at most one space inside (nearly every cue):
    // folding leaves them as they are.
    var bytes = cue
    let plain = bytes.withUTF8 { utf8 -> Bool in
      guard let first = utf8.first, let last = utf8.last, first != 0x20, last != 0x20 else { return false }
      var spaces = 0
      for byte in utf8 {
        if byte == 0x20 {
          spaces += 1
        } else if !(byte >= 0x61 && byte <= 0x7A || byte >= 0x30 && byte <= 0x39) {
          return false
        }
      }
      return spaces <= 1
    }
    if plain { return true }
    let parts = cue.split(separator: " ", omittingEmptySubsequences: false)
    return (parts.count == 1 || parts.count == 2)
      && parts.allSatisfy { part in
        !part.isEmpty && !part.unicodeScalars.contains(where: isWhitespace)
          && normalizer.normalize(String(part)) == part
      }
  }

  /// White space, ASCII without a Unicode property lookup (a cues file holds tens of thousands).
  private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x80 ? scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
  }

  static func describe(_ error: any Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, _): return "missing \"\(key.stringValue)\""
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      let joined = context.codingPath.map { key in key.intValue.map { "[\($0)]" } ?? "." + key.stringValue }.joined()
      let path = joined.hasPrefix(".") ? String(joined.dropFirst()) : joined
      return path.isEmpty ? "wrong type" : "wrong type at \(path)"
    case DecodingError.dataCorrupted: return "not valid JSON"
    default: return "unreadable"
    }
  }

  /// The file's bytes: pretty-printed JSON with sorted keys, so the same cues give the same bytes.
  public func encoded() -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // Encoding plain strings and numbers cannot fail.
    return ((try? encoder.encode(self)) ?? Data()) + Data("\n".utf8)
  }
}

/// The cues of a text, as training and coding both see them: the folded Snowball stem of every
/// word token, the parts of a compound that are known stems (see ``parts(of:known:)``), and each
/// pair of adjacent stems (numbers and punctuation between them are skipped).
enum CueFeatures {
  /// Whether a token's stem can be a cue.
  static func counts(_ kind: TokenKind) -> Bool { kind == .word }

  /// The shortest stem that can be a part of a compound, in letters.
  static let shortestPart = 4
  /// The longest stem whose compound parts are looked for, in letters (Dutch compounds of 60
  /// letters and more do not occur in running text).
  static let longestWord = 60

  /// The parts of the stem of a compound (or derivation) that are stems of their own: the
  /// longest known proper suffix of at least ``shortestPart`` letters after at least three letters
  /// with a vowel (the head: `cijfer` in `klachtencijfer`, `rapportag` in `tussenrapportag`), and
  /// the longest known proper prefix of at least ``shortestPart`` letters before at least three
  /// more (the modifier: `klacht` in `klachtencijfer`, `bezorg` in `bezorging`). `known` is the
  /// stems the cues were learned with (``LearnedCues/parts``).
  static func parts(of stem: String, known: Set<String>) -> (head: String?, modifier: String?) {
    parts(of: stem, knowsNone: known.isEmpty) { bytes in
      let candidate = String(decoding: bytes, as: UTF8.self)
      return known.contains(candidate) ? candidate : nil
    }
  }

  /// ``parts(of:known:)`` with the known stems looked up by `find`, given a candidate's UTF-8
  /// bytes (a prefix or suffix of the stem's, at a scalar's start), which gives the known stem or
  /// nil; `knowsNone` when no stem is known.
  static func parts(
    of stem: String, knowsNone: Bool, find: (UnsafeBufferPointer<UInt8>) -> String?
  ) -> (head: String?, modifier: String?) {
    guard !knowsNone else { return (nil, nil) }
    var stem = stem
    return stem.withUTF8 { bytes in
      withUnsafeTemporaryAllocation(of: Int.self, capacity: longestWord + 1) { offsets in
        // Where each scalar starts; a stem longer than any word (a pasted blob, a base64 string)
        // has no parts: looking would try every prefix and suffix of it.
        var count = 0
        for index in bytes.indices where bytes[index] & 0xC0 != 0x80 {
          guard count < longestWord else { return (nil, nil) }
          offsets[count] = index
          count += 1
        }
        offsets[count] = bytes.count
        guard count >= shortestPart + 3 else { return (nil, nil) }
        var head: String?
        var sawVowel = false
        for split in 1...(count - shortestPart) {
          let letter = bytes[offsets[split - 1]]
          if [0x61, 0x65, 0x69, 0x6F, 0x75, 0x79].contains(letter) { sawVowel = true }
          guard split >= 3, sawVowel else { continue }
          if let found = find(UnsafeBufferPointer(rebasing: bytes[offsets[split]..<bytes.count])) {
            head = found
            break
          }
        }
        var modifier: String?
        for split in stride(from: count - 3, through: shortestPart, by: -1) {
          if let found = find(UnsafeBufferPointer(rebasing: bytes[0..<offsets[split]])) {
            modifier = found
            break
          }
        }
        return (head, modifier)
      }
    }
  }

  /// Whether a stem can be a part of others (long enough).
  static func canBePart(_ stem: String) -> Bool { stem.unicodeScalars.count >= shortestPart }

  /// The distinct cues of a stretch of tokens whose stems are `stems` (nil for tokens that do not
  /// count), in first-seen order: per token its stem, its parts among `known`, and the pair of it
  /// and the stem before.
  static func cues(_ stems: [String?], known: Set<String>) -> [String] {
    var result: [String] = []
    var seen: Set<String> = []
    var previous: String?
    for stem in stems {
      guard let stem else { continue }
      // A stop word ("") is no cue and parts a pair, as the scorer's unknown stems do.
      guard !stem.isEmpty else {
        previous = nil
        continue
      }
      if seen.insert(stem).inserted { result.append(stem) }
      let (head, modifier) = parts(of: stem, known: known)
      if let head, seen.insert(head).inserted { result.append(head) }
      if let modifier, seen.insert(modifier).inserted { result.append(modifier) }
      if let previous {
        let pair = previous + " " + stem
        if seen.insert(pair).inserted { result.append(pair) }
      }
      previous = stem
    }
    return result
  }
}

/// The cues compiled for the per-sentence loop: integer stems and features, flat weight lists.
struct CompiledCues: Sendable {
  /// Folded stem → stem number (every stem that occurs in some cue).
  let stems: [String: Int32]
  /// Per stem number: the feature of the stem alone, or -1.
  let single: [Int32]
  /// `first << 32 | second` → the feature of a pair of stems.
  let pairs: [UInt64: Int32]
  /// Per feature: its (code index, weight) entries, `featureStart[f]..<featureStart[f + 1]`.
  let featureStart: [Int32]
  let entryCode: [Int32]
  let entryWeight: [Double]
  /// Features with weights for many codes (common words) also as a dense row of a weight per
  /// code, four codes to a vector: `denseWeights[denseRow[f] * lanes ..< (denseRow[f] + 1) * lanes]`,
  /// or -1.
  let denseRow: [Int32]
  let denseWeights: [SIMD4<Double>]
  /// Vectors per dense row: the codes, four to a vector.
  let lanes: Int
  /// The cue text of every feature (for explanations).
  let featureNames: [String]
  /// Per code index: the bias, or nil for a code without cues.
  let bias: [Double?]
  /// The log-odds a sentence must reach.
  let cut: Double
  /// The calibration points (see ``LearnedCues/calibration``).
  let calibration: [(Double, Double)]
  /// The log-odds a sentence must reach to continue a code of the sentence before it, or nil.
  let continuationCut: Double?
  /// The pattern sources of the features' matched words start here (``CompiledCodebook/patternSources``).
  let sourceBase: Int32
  /// The codes' roles: words of excluded roles do not count (as for rules without roles).
  let roleMask: UInt8
  /// The stems compounds' parts are looked up in (``LearnedCues/parts``), by their bytes, and
  /// each by its number there.
  let parts: ByteInterner
  let partNames: [String]

  init(_ cues: LearnedCues, codeIDs: [String], sourceBase: Int, roleMask: UInt8) {
    let codeIndex = Dictionary(codeIDs.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { first, _ in first })
    var entries: [String: [(Int32, Double)]] = [:]
    var bias = [Double?](repeating: nil, count: codeIDs.count)
    for code in cues.codes {
      guard let index = codeIndex[code.code] else { continue }
      bias[Int(index)] = code.bias
      for (cue, weight) in code.cues where weight != 0 { entries[cue, default: []].append((index, weight)) }
    }
    let names = entries.keys.sorted()
    var stems: [String: Int32] = [:]
    func number(_ stem: Substring) -> Int32 {
      if let known = stems[String(stem)] { return known }
      let next = Int32(stems.count)
      stems[String(stem)] = next
      return next
    }
    var singles: [(Int32, Int32)] = []
    var pairs: [UInt64: Int32] = [:]
    var featureStart: [Int32] = [0]
    var entryCode: [Int32] = []
    var entryWeight: [Double] = []
    for (feature, name) in names.enumerated() {
      let parts = name.split(separator: " ")
      if parts.count == 1 {
        singles.append((number(parts[0]), Int32(feature)))
      } else {
        let key = UInt64(UInt32(number(parts[0]))) << 32 | UInt64(UInt32(number(parts[1])))
        pairs[key] = Int32(feature)
      }
      for (code, weight) in entries[name, default: []].sorted(by: { $0.0 < $1.0 }) {
        entryCode.append(code)
        entryWeight.append(weight)
      }
      featureStart.append(Int32(entryCode.count))
    }
    let lanes = max(1, (codeIDs.count + 3) / 4)
    var denseRow = [Int32](repeating: -1, count: names.count)
    var denseWeights: [SIMD4<Double>] = []
    for feature in names.indices
    where Int(featureStart[feature + 1] - featureStart[feature]) * 4 >= max(4, codeIDs.count) {
      denseRow[feature] = Int32(denseWeights.count / lanes)
      var row = [SIMD4<Double>](repeating: .zero, count: lanes)
      for entry in Int(featureStart[feature])..<Int(featureStart[feature + 1]) {
        let code = Int(entryCode[entry])
        row[code / 4][code % 4] = entryWeight[entry]
      }
      denseWeights += row
    }
    var single = [Int32](repeating: -1, count: stems.count)
    for (stem, feature) in singles { single[Int(stem)] = feature }
    self.stems = stems
    self.single = single
    self.pairs = pairs
    self.featureStart = featureStart
    self.entryCode = entryCode
    self.entryWeight = entryWeight
    self.denseRow = denseRow
    self.denseWeights = denseWeights
    self.lanes = lanes
    self.featureNames = names
    self.bias = bias
    // The threshold and the continuation are calibrated probabilities: the cut is the model's
    // log-odds where the calibrated probability reaches them (never, when it does not).
    func logOdds(_ target: Double) -> Double {
      guard let raw = cues.rawProbability(reaching: target) else { return .infinity }
      let clamped = min(max(raw, 1e-9), 1 - 1e-9)
      return log(clamped / (1 - clamped))
    }
    self.cut = logOdds(cues.threshold)
    self.continuationCut = cues.continuation.map { logOdds($0) }
    self.calibration = cues.calibration.map { ($0[0], $0[1]) }
    self.sourceBase = Int32(sourceBase)
    self.roleMask = roleMask
    var partIDs = ByteInterner(capacity: cues.parts.count)
    var partNames: [String] = []
    for part in cues.parts {
      var bytes = part
      if bytes.withUTF8({ partIDs.intern($0).isNew }) { partNames.append(part) }
    }
    self.parts = partIDs
    self.partNames = partNames
  }

  /// The features of the head and the modifier of a word whose folded stem is `stem` (see
  /// ``CueFeatures/parts(of:known:)``), each -1 when the word has no such part or it has no weight.
  func partFeatures(of stem: String) -> (head: Int32, modifier: Int32) {
    // The closure captures the two tables, not `self`: capturing the whole struct copied it
    // (and retained each of its arrays) for every candidate part.
    let parts = parts
    let partNames = partNames
    let (head, modifier) = CueFeatures.parts(of: stem, knowsNone: partNames.isEmpty) { bytes in
      parts.find(bytes).map { partNames[Int($0)] }
    }
    func feature(_ part: String?) -> Int32 {
      guard let part, let number = stems[part] else { return -1 }
      return single[Int(number)]
    }
    return (feature(head), feature(modifier))
  }

  /// The feature of a pair of stem numbers, or -1.
  @inline(__always) func pair(_ first: Int32, _ second: Int32) -> Int32 {
    pairs[UInt64(UInt32(first)) << 32 | UInt64(UInt32(second))] ?? -1
  }

  /// A feature's weight for a code (0 when it has none).
  @inline(__always) func weight(_ feature: Int32, code: Int32) -> Double {
    let row = Int(denseRow[Int(feature)])
    if row >= 0 { return denseWeights[row &* lanes &+ Int(code) >> 2][Int(code) & 3] }
    var entry = Int(featureStart[Int(feature)])
    let end = Int(featureStart[Int(feature) + 1])
    while entry < end {
      if entryCode[entry] == code { return entryWeight[entry] }
      entry &+= 1
    }
    return 0
  }
}

/// A worker's scorer for the learned cues: its scratch memory is allocated once, and the
/// per-sentence loop reads and writes it through pointers (no allocation, no exclusivity checks
/// per token). Not thread-safe: one per ``CodingContext``.
final class CueScorer {
  let cues: CompiledCues
  /// The pairs as an open-addressing table: `key | 1 << 63` (0 for an empty slot) and feature.
  private let pairKeys: UnsafeMutableBufferPointer<UInt64>
  private let pairFeatures: UnsafeMutableBufferPointer<Int32>
  private let pairShift: UInt64
  /// Per feature: the sentence that last counted it (each cue counts once per sentence).
  private let featureStamp: UnsafeMutableBufferPointer<Int32>
  /// Per code: the running score of the sentence, four codes to a vector.
  private let score: UnsafeMutableBufferPointer<SIMD4<Double>>
  /// The codes with cues.
  private let learnedCodes: [Int32]
  private var sentence: Int32 = 0
  /// Per code: the last sentence's score (a log-odds: bias plus its cues' weights), NaN for codes
  /// without cues (see ``codes(_:kinds:types:typeCue:typeParts:into:near:)``).
  private(set) var lastTotals: [Float]

  init(_ cues: CompiledCues, codeCount: Int) {
    self.cues = cues
    var bits: UInt64 = 4
    while (1 << bits) < max(16, cues.pairs.count * 2) { bits += 1 }
    pairShift = 64 - bits
    pairKeys = .allocate(capacity: 1 << bits)
    pairKeys.initialize(repeating: 0)
    pairFeatures = .allocate(capacity: 1 << bits)
    pairFeatures.initialize(repeating: -1)
    let mask = (1 << Int(bits)) - 1
    for (key, feature) in cues.pairs.sorted(by: { $0.key < $1.key }) {
      var slot = Int((key &* 0x9E37_79B9_7F4A_7C15) >> pairShift)
      while pairKeys[slot] != 0 { slot = (slot + 1) & mask }
      pairKeys[slot] = key | 1 << 63
      pairFeatures[slot] = feature
    }
    featureStamp = .allocate(capacity: max(1, cues.featureNames.count))
    featureStamp.initialize(repeating: 0)
    score = .allocate(capacity: cues.lanes)
    score.initialize(repeating: .zero)
    learnedCodes = cues.bias.indices.filter { cues.bias[$0] != nil }.map { Int32($0) }
    lastTotals = [Float](repeating: .nan, count: codeCount)
  }

  deinit {
    pairKeys.deallocate()
    pairFeatures.deallocate()
    featureStamp.deallocate()
    score.deallocate()
  }

  /// The feature of a pair of stem numbers, or -1.
  @inline(__always) func pair(_ first: Int32, _ second: Int32) -> Int32 {
    let key = UInt64(UInt32(first)) << 32 | UInt64(UInt32(second)) | 1 << 63
    let mask = pairKeys.count - 1
    var slot = Int(((key & ~(1 << 63)) &* 0x9E37_79B9_7F4A_7C15) >> pairShift)
    while true {
      let stored = pairKeys[slot]
      if stored == key { return pairFeatures[slot] }
      if stored == 0 { return -1 }
      slot = (slot + 1) & mask
    }
  }

  /// Scores the sentence `tokens`: each distinct cue of its words adds its weights to its codes.
  /// Appends the codes whose score reaches the cut to `result`, and those that reach only the
  /// continuation cut to `near` (both ascending).
  func codes(
    _ tokens: Range<Int>, kinds: UnsafeBufferPointer<Token>, types: UnsafeBufferPointer<UInt32>,
    typeCue: UnsafeBufferPointer<Int32>, typeParts: UnsafeBufferPointer<Int32>, into result: inout [Int32],
    near: inout [Int32]
  ) {
    sentence &+= 1
    let sentence = sentence
    let cues = cues
    let lanes = cues.lanes
    for lane in 0..<lanes { score[lane] = .zero }
    cues.featureStart.withUnsafeBufferPointer { featureStart in
      cues.entryCode.withUnsafeBufferPointer { entryCode in
        cues.entryWeight.withUnsafeBufferPointer { entryWeight in
          cues.denseRow.withUnsafeBufferPointer { denseRow in
            cues.denseWeights.withUnsafeBufferPointer { denseWeights in
              cues.single.withUnsafeBufferPointer { single in
                @inline(__always) func count(_ feature: Int32) {
                  guard feature >= 0, featureStamp[Int(feature)] != sentence else { return }
                  featureStamp[Int(feature)] = sentence
                  let row = Int(denseRow[Int(feature)])
                  if row >= 0 {
                    let base = row * lanes
                    for lane in 0..<lanes { score[lane] += denseWeights[base + lane] }
                  } else {
                    for entry in Int(featureStart[Int(feature)])..<Int(featureStart[Int(feature) + 1]) {
                      let code = Int(entryCode[entry])
                      score[code >> 2][code & 3] += entryWeight[entry]
                    }
                  }
                }
                var previous: Int32 = -1
                for token in tokens where CueFeatures.counts(kinds[token].kind) {
                  let type = Int(types[token])
                  let stem = typeCue[type]
                  if stem >= 0 { count(single[Int(stem)]) }
                  count(typeParts[2 &* type])
                  count(typeParts[2 &* type &+ 1])
                  guard stem >= 0 else {
                    previous = -1
                    continue
                  }
                  if previous >= 0 { count(pair(previous, stem)) }
                  previous = stem
                }
              }
            }
          }
        }
      }
    }
    let lower = cues.continuationCut ?? cues.cut
    lastTotals.withUnsafeMutableBufferPointer { totals in
      for index in totals.indices { totals[index] = .nan }
      for code in learnedCodes {
        guard let bias = cues.bias[Int(code)] else { continue }
        totals[Int(code)] = Float(bias + score[Int(code) >> 2][Int(code) & 3])
      }
    }
    for code in learnedCodes {
      guard let bias = cues.bias[Int(code)] else { continue }
      let total = bias + score[Int(code) >> 2][Int(code) & 3]
      if total >= cues.cut {
        result.append(code)
      } else if total >= lower {
        near.append(code)
      }
    }
  }
}
