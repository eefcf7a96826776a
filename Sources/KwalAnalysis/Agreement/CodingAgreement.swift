public import KwalModel
internal import CProcess
internal import Dispatch
internal import Foundation
internal import Synchronization

/// How `kwal agree` compares coding outputs: which units, which documents, what counts.
public struct CodingAgreementOptions: Sendable, Hashable {
  /// Which documents are compared.
  public enum DocumentScope: String, Sendable, Hashable, CaseIterable {
    /// The documents every coder coded at least once (the default: a coder who coded only part
    /// of the corpus is compared on that part).
    case common
    /// Every document of the units table (or with a coding).
    case all
  }

  /// The unit kind: sentence, paragraph, turn, agenda-item, document, or segment.
  public var unit: UnitKind
  /// For segment units: the least overlap (intersection over union) that links two coders'
  /// segments of one code into one unit.
  public var overlap: Double
  /// Whether units that no coder coded are left out.
  public var excludeUncoded: Bool
  /// Which documents are compared.
  public var documents: DocumentScope

  /// Creates options.
  public init(
    unit: UnitKind = .sentence, overlap: Double = 0.9, excludeUncoded: Bool = false, documents: DocumentScope = .common
  ) {
    self.unit = unit
    self.overlap = overlap
    self.excludeUncoded = excludeUncoded
    self.documents = documents
  }
}

/// Precision, recall and F1 of an automatic coder against a human reference.
public struct RetrievalScores: Sendable, Hashable {
  /// The automatic coder (`auto:…`).
  public var automatic: String
  /// The human coder taken as the reference.
  public var reference: String
  /// Units both coded.
  public var truePositives: Int
  /// Units only the automatic coder coded.
  public var falsePositives: Int
  /// Units only the reference coded.
  public var falseNegatives: Int
  /// TP / (TP + FP).
  public var precision: Statistic
  /// TP / (TP + FN).
  public var recall: Statistic
  /// The harmonic mean of precision and recall.
  public var f1: Statistic

  /// Scores from the three counts.
  public init(
    automatic: String, reference: String, truePositives tp: Int, falsePositives fp: Int, falseNegatives fn: Int
  ) {
    self.automatic = automatic
    self.reference = reference
    truePositives = tp
    falsePositives = fp
    falseNegatives = fn
    precision =
      tp + fp == 0 ? .undefined("the automatic coder never applied it") : .defined(Double(tp) / Double(tp + fp))
    recall = tp + fn == 0 ? .undefined("the reference never applied it") : .defined(Double(tp) / Double(tp + fn))
    if let p = precision.value, let r = recall.value {
      f1 = p + r == 0 ? .defined(0) : .defined(2 * p * r / (p + r))
    } else {
      f1 = .undefined("precision or recall is undefined")
    }
  }
}

/// Agreement on one code: binary alpha, kappa and percent agreement over the compared units.
public struct CodeAgreement: Sendable, Hashable {
  /// The code id.
  public var code: String
  /// Krippendorff's alpha on the binary data (coded / not coded per unit and coder).
  public var alpha: Statistic
  /// Cohen's kappa for two coders, Fleiss' kappa for more.
  public var kappa: Statistic
  /// The share of agreeing coder pairs per unit, averaged over units.
  public var percentAgreement: Statistic
  /// Units each coder coded with the code, in coder order.
  public var codedBy: [Int]
  /// Units coded by every coder.
  public var all: Int
  /// Units coded by some but not all coders.
  public var some: Int
  /// Units coded by no coder (among the compared units).
  public var none: Int
  /// Two coders: units coded by the first only.
  public var aOnly: Int?
  /// Two coders: units coded by the second only.
  public var bOnly: Int?
  /// Precision, recall and F1 for every (automatic, human) pair of coders.
  public var retrieval: [RetrievalScores]
}

/// A unit on which coders differ, ready to reconcile.
public struct Disagreement: Sendable, Hashable {
  /// The document id.
  public var document: String
  /// The first scalar of the unit.
  public var start: Int
  /// The scalar after the last.
  public var end: Int
  /// The unit's text (pieces not covered by any coding are shown as `…` without a corpus).
  public var text: String
  /// Each coder's codes on the unit (sorted), in coder order.
  public var codes: [[String]]
}

/// The result of comparing coders on coding outputs.
public struct CodingAgreementReport: Sendable, Hashable {
  /// The options used.
  public var options: CodingAgreementOptions
  /// The coders, in input order.
  public var coders: [String]
  /// The documents compared.
  public var documents: [String]
  /// The number of units compared.
  public var units: Int
  /// The number of compared units that no coder coded (0 with `excludeUncoded`).
  public var uncodedUnits: Int
  /// Per code, in code order.
  public var codes: [CodeAgreement]
  /// Alpha over the code set: each coder's value for a unit is the set of codes applied.
  public var overallAlpha: Statistic
  /// Cohen's (two coders) or Fleiss' kappa over the code set.
  public var overallKappa: Statistic
  /// The share of agreeing coder pairs on the whole code set.
  public var overallPercentAgreement: Statistic
  /// The mean of the defined per-code alphas.
  public var meanCodeAlpha: Statistic
  /// Precision, recall and F1 over all codes (micro-averaged), per (automatic, human) pair.
  public var overallRetrieval: [RetrievalScores]
  /// The units where coders differ, sorted by document and position.
  public var disagreements: [Disagreement]
  /// Caveats: documents left out, codings outside every unit.
  public var notes: [String]
}

/// Compares coders' codings unit by unit.
///
/// Assignment rule: a coding counts for every unit (of the chosen kind, in its document) that it
/// overlaps by at least half of the unit or at least half of the coding; a zero-length coding
/// counts for the unit that contains its position. With `segment` units, the units are built per
/// document and code from the coders' own segments: two segments of different coders are one unit
/// when their overlap (intersection over union) reaches `overlap`.
public enum CodingAgreement {
  /// Compares `codings` of `coders` (in that order) on `units` (ignored for segment units).
  /// `texts` (document id → plain text) gives the disagreements their exact text when known;
  /// `spans` (such as a gold standard's sentences) and the codings' own texts fill in otherwise.
  public static func compare(
    coders: [String], codings: [CodingRecord], units: [UnitRecord], options: CodingAgreementOptions,
    texts: [String: String] = [:], spans: [TextSpan] = []
  ) throws(AnalysisError) -> CodingAgreementReport {
    try compare(coders: coders, codingGroups: [codings], units: units, options: options, texts: texts, spans: spans)
  }

  /// ``compare(coders:codings:units:options:texts:spans:)`` on the codings of several inputs one
  /// after another, as they were read (a million codings are not copied into one array).
  public static func compare(
    coders: [String], codingGroups: [[CodingRecord]], units: [UnitRecord], options: CodingAgreementOptions,
    texts: [String: String] = [:], spans: [TextSpan] = []
  ) throws(AnalysisError) -> CodingAgreementReport {
    try compare(
      coders: coders, columnGroups: codingGroups.map(CodingColumns.init), units: units, options: options, texts: texts,
      spans: spans, textsOf: codingGroups)
  }

  /// ``compare(coders:codings:units:options:texts:spans:)`` on the codings of several inputs read
  /// as columns (a coder is named by the input's ``CodingColumns/coderIDs``). The
  /// disagreements' texts come from `texts` and `spans` (or afterwards from
  /// ``withTexts(_:codings:spans:)``), or from `textsOf`: the same codings as records, with text.
  /// `unitSpans`, when given, are the units of `options.unit` read as columns (`units` is then
  /// not looked at).
  public static func compare(
    coders: [String], columnGroups: [CodingColumns], units: [UnitRecord], unitSpans: UnitSpans? = nil,
    options: CodingAgreementOptions, texts: [String: String] = [:], spans: [TextSpan] = [],
    textsOf records: [[CodingRecord]] = []
  ) throws(AnalysisError) -> CodingAgreementReport {
    let unitsOfKind = unitSpans.flatMap { $0.kind == options.unit ? $0 : nil } ?? UnitSpans(units, kind: options.unit)
    guard coders.count >= 2 else {
      throw AnalysisError(.usage, "agreement needs two coders or more, got \(coders.count)")
    }
    if options.unit == .segment, !(options.overlap > 0 && options.overlap <= 1) {
      throw AnalysisError(.usage, "--overlap must be in (0, 1], got \(options.overlap)")
    }
    var coderIndex: [String: Int] = [:]
    for (index, coder) in coders.enumerated() { coderIndex[coder] = index }
    var notes: [String] = []
    let all = ComparedCodings(columnGroups, coderIndex: coderIndex)

    // Documents: those every coder coded (or all).
    var documentsByCoder = [Set<String>](repeating: [], count: coders.count)
    for (coder, documents) in all.documentsOfCoder(coders.count).enumerated() {
      documentsByCoder[coder] = Set(documents.map { all.documentIDs[$0] })
    }
    let unitDocuments = Set(unitsOfKind.documentIDs)
    var documentSet: Set<String>
    switch options.documents {
    case .common:
      documentSet = documentsByCoder.dropFirst().reduce(documentsByCoder[0]) { $0.intersection($1) }
    case .all:
      documentSet = documentsByCoder.reduce(into: Set<String>()) { $0.formUnion($1) }
      if options.unit != .segment { documentSet.formUnion(unitDocuments) }
    }
    let everything = documentsByCoder.reduce(into: Set<String>()) { $0.formUnion($1) }
    let leftOut = everything.subtracting(documentSet).sorted()
    if !leftOut.isEmpty {
      notes.append(
        "\(leftOut.count) document(s) not coded by every coder were left out (use --documents all to include them): "
          + leftOut.prefix(10).joined(separator: ", ") + (leftOut.count > 10 ? ", …" : ""))
    }
    if options.unit != .segment {
      let missing = documentSet.subtracting(unitDocuments).sorted()
      if !missing.isEmpty {
        notes.append(
          "\(missing.count) document(s) have no \(options.unit.rawValue) units in the units table and were left out: "
            + missing.prefix(10).joined(separator: ", ") + (missing.count > 10 ? ", …" : ""))
        documentSet.subtract(missing)
      }
    }
    let documents = documentSet.sorted()
    let selected = all.selecting(documents: documentSet)
    let codes = selected.codeIDs
    let selectedRecords = records.map { group in
      group.filter { documentSet.contains($0.document) && coderIndex[$0.coder] != nil }
    }

    // Units and, per unit, code and coder, whether it was coded.
    var table = UnitTable(coderCount: coders.count, codeCount: codes.count)
    if options.unit == .segment {
      table.buildSegments(selected, documents: documents, coders: coders, overlap: options.overlap)
    } else {
      let outside = table.buildFixed(selected, units: unitsOfKind, documents: documentSet)
      if outside > 0 {
        notes.append("\(outside) coding(s) overlap no \(options.unit.rawValue) unit enough and were not counted")
      }
    }
    var kept = [Int](0..<table.units.count)
    var uncoded = 0
    for u in kept where !table.isCoded(u) { uncoded += 1 }
    if options.excludeUncoded { kept = kept.filter { table.isCoded($0) } }
    let includedUncoded = options.excludeUncoded ? 0 : uncoded

    // Per code.
    let segmentNote =
      "segment units are built from the coders' own segments, so no unit is uncoded and chance-corrected coefficients are not meaningful; report percent agreement"
    let autos = coders.indices.filter { coders[$0].hasPrefix("auto:") }
    let humans = coders.indices.filter { !coders[$0].hasPrefix("auto:") }
    var perCode: [CodeAgreement] = []
    var alphas: [Double] = []
    var totals: [[Int]] = Array(repeating: [0, 0, 0], count: autos.count * humans.count)
    // The units' names, made once: every code of fixed units shares them.
    let unitNames = kept.map(String.init)
    let pairs = autos.flatMap { a in humans.map { (a, $0) } }
    // Codes are independent: each is computed by one worker into its own slot and gathered in
    // code order, so the report is the same whatever the number of cores.
    let frozen = table
    let keptUnits = kept
    let computed = Mutex<[Int: CodeAgreement]>([:])
    let next = Atomic<Int>(0)
    let workers = min(codes.count, Int(kwal_available_cores()))
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      // One table of cells per worker, reused from code to code.
      var cells: [Int32] = []
      while true {
        let c = next.wrappingAdd(1, ordering: .relaxed).oldValue
        guard c < codes.count else { return }
        let agreement = Self.codeAgreement(
          c, code: codes[c], table: frozen, kept: keptUnits, unitNames: unitNames, coders: coders, pairs: pairs,
          unit: options.unit, segmentNote: segmentNote, cells: &cells)
        computed.withLock { $0[c] = agreement }
      }
    }
    let agreements = computed.withLock { $0 }
    for c in codes.indices {
      guard let agreement = agreements[c] else { continue }
      perCode.append(agreement)
      if let value = agreement.alpha.value { alphas.append(value) }
      for (pairIndex, scores) in agreement.retrieval.enumerated() {
        totals[pairIndex][0] += scores.truePositives
        totals[pairIndex][1] += scores.falsePositives
        totals[pairIndex][2] += scores.falseNegatives
      }
    }
    let overallRetrieval = autos.flatMap { a in humans.map { (a, $0) } }.enumerated().map { index, pair in
      RetrievalScores(
        automatic: coders[pair.0], reference: coders[pair.1], truePositives: totals[index][0],
        falsePositives: totals[index][1], falseNegatives: totals[index][2])
    }

    // Overall: each coder's value for a unit is its set of codes.
    var overallAlpha = Statistic.undefined(segmentNote)
    var overallKappa = Statistic.undefined(segmentNote)
    var overallPercent = Statistic.undefined("no units")
    // Ratings numbered as a reader of tidy ratings numbers them (units and coders as first seen,
    // each distinct code set one value), without a string per rating.
    var ratings = IndexedRatings()
    ratings.units = unitNames
    ratings.coders = coders
    ratings.reserve(kept.count * coders.count)
    // A set of codes is numbered by its bits when they fit in one word (no array per rating).
    var valueOfSet: [[Int]: Int32] = [:]
    var valueOfWord: [UInt64: Int32] = [:]
    for row in kept.indices {
      for r in 0..<coders.count {
        let value: Int32
        if let word = table.codeWord(kept[row], coder: r), let known = valueOfWord[word] {
          value = known
        } else {
          let set = table.codeSet(kept[row], coder: r)
          if let known = valueOfSet[set] {
            value = known
          } else {
            value = Int32(ratings.values.count)
            valueOfSet[set] = value
            ratings.values.append(set.isEmpty ? "(none)" : set.map { codes[$0] }.joined(separator: "|"))
          }
          if let word = table.codeWord(kept[row], coder: r) { valueOfWord[word] = value }
        }
        ratings.append(unit: Int32(row), coder: Int32(r), value: value)
      }
    }
    if ratings.count > 0, let data = try? ReliabilityData.fromIndexed(ratings) {
      let coefficients = ChanceCorrected(data)
      overallPercent = coefficients.percentAgreement
      if options.unit != .segment {
        let computation = AlphaComputation(Coincidences(data), level: .nominal, numbers: nil)
        overallAlpha = computation.value.map { .defined($0) } ?? .undefined(computation.reason ?? "undefined")
        overallKappa = coders.count == 2 ? coefficients.cohenKappa : coefficients.fleissKappa
      }
    } else if options.unit != .segment {
      overallAlpha = .undefined("no units")
      overallKappa = .undefined("no units")
    }
    let meanAlpha: Statistic =
      alphas.isEmpty
      ? .undefined(options.unit == .segment ? segmentNote : "no code has a defined alpha")
      : .defined(alphas.reduce(0, +) / Double(alphas.count))

    // Disagreements, with text from the corpus or stitched from the codings.
    var stitcher = TextStitcher(codings: selectedRecords, texts: texts, spans: spans)
    var disagreements: [Disagreement] = []
    for u in kept where table.coders(disagreeOn: u) {
      let sets = (0..<coders.count).map { r in table.codeSet(u, coder: r).map { codes[$0] } }
      let unit = table.units[u]
      disagreements.append(
        Disagreement(
          document: unit.document, start: unit.start, end: unit.end,
          text: stitcher.text(document: unit.document, start: unit.start, end: unit.end), codes: sets))
    }
    disagreements.sort { lhs, rhs in
      if lhs.document != rhs.document { return lhs.document < rhs.document }
      if lhs.start != rhs.start { return lhs.start < rhs.start }
      if lhs.end != rhs.end { return lhs.end < rhs.end }
      return lhs.codes.description < rhs.codes.description
    }
    return CodingAgreementReport(
      options: options, coders: coders, documents: documents, units: kept.count, uncodedUnits: includedUncoded,
      codes: perCode, overallAlpha: overallAlpha, overallKappa: overallKappa, overallPercentAgreement: overallPercent,
      meanCodeAlpha: meanAlpha, overallRetrieval: overallRetrieval, disagreements: disagreements, notes: notes)
  }
}

extension CodingAgreement {
  /// The report with its disagreements' texts pieced together again from `codings` (those that
  /// overlap a disagreement suffice, in the order the comparison had them) and `spans`: for a
  /// report computed from codings read without their texts.
  public static func withTexts(
    _ report: CodingAgreementReport, codings: [CodingRecord], spans: [TextSpan] = []
  ) -> CodingAgreementReport {
    var report = report
    var stitcher = TextStitcher(codings: [codings], texts: [:], spans: spans)
    for index in report.disagreements.indices {
      let unit = report.disagreements[index]
      report.disagreements[index].text = stitcher.text(document: unit.document, start: unit.start, end: unit.end)
    }
    return report
  }
}

/// Units with, per unit, code and coder, a coded flag.
extension CodingAgreement {
  /// ``codeAgreement(_:code:table:kept:unitNames:coders:pairs:unit:segmentNote:cells:)`` for two
  /// coders, from the four counts of units both, only the first, only the second and neither
  /// coded. Every unit has both coders' values, so each sum the general computation makes per
  /// unit is a sum of whole numbers: the counts give the same matrices, and the same
  /// coefficients to the last bit, without a table of values per unit.
  static func twoCoderAgreement(
    _ c: Int, code: String, table: UnitTable, rows: [Int], coders: [String], pairs: [(Int, Int)], unit: UnitKind,
    segmentNote: String
  ) -> CodeAgreement {
    var both = 0
    var firstOnly = 0
    var secondOnly = 0
    for u in rows {
      let first = table.coded(u, code: c, coder: 0)
      let second = table.coded(u, code: c, coder: 1)
      if first && second { both += 1 } else if first { firstOnly += 1 } else if second { secondOnly += 1 }
    }
    let units = rows.count
    let neither = units - both - firstOnly - secondOnly
    let percent = Statistic.defined(Double(both + neither) / Double(units))
    let alpha: Statistic
    let kappa: Statistic
    if unit == .segment {
      alpha = .undefined(segmentNote)
      kappa = .undefined(segmentNote)
    } else {
      // Values 0 (not coded) and 1 (coded); a unit of two equal values adds 2 to its diagonal
      // cell, a unit of two different values 1 to each off-diagonal cell.
      let mixed = Double(firstOnly + secondOnly)
      let coincidences = Coincidences(
        categoryCount: 2, matrix: [2 * Double(neither), mixed, mixed, 2 * Double(both)], pairableValues: 2 * units,
        pairableUnits: units, pairs: units)
      let computation = AlphaComputation(coincidences, level: .nominal, numbers: nil)
      alpha = computation.value.map { .defined($0) } ?? .undefined(computation.reason ?? "undefined")
      let confusion = [Double(neither), Double(secondOnly), Double(firstOnly), Double(both)]
      kappa = ChanceCorrected.cohen(confusion: confusion, categories: 2, used: units, ordered: false).0
    }
    let retrieval = pairs.map { pair in
      RetrievalScores(
        automatic: coders[pair.0], reference: coders[pair.1], truePositives: both,
        falsePositives: pair.0 == 0 ? firstOnly : secondOnly, falseNegatives: pair.0 == 0 ? secondOnly : firstOnly)
    }
    return CodeAgreement(
      code: code, alpha: alpha, kappa: kappa, percentAgreement: percent,
      codedBy: [both + firstOnly, both + secondOnly], all: both, some: firstOnly + secondOnly, none: neither,
      aOnly: firstOnly, bOnly: secondOnly, retrieval: retrieval)
  }

  /// The agreement on one code (`c`, with the id `code`) over the kept units; `cells` is the
  /// caller's scratch table.
  static func codeAgreement(
    _ c: Int, code: String, table: UnitTable, kept: [Int], unitNames: [String], coders: [String],
    pairs: [(Int, Int)], unit: UnitKind, segmentNote: String, cells: inout [Int32]
  ) -> CodeAgreement {
    // In segment mode a code's units are the clusters of that code.
    let rows = unit == .segment ? kept.filter { table.units[$0].code == c } : kept
    if coders.count == 2 && !rows.isEmpty {
      return twoCoderAgreement(
        c, code: code, table: table, rows: rows, coders: coders, pairs: pairs, unit: unit, segmentNote: segmentNote)
    }
    // One table of cells for every code (the last code's data is gone by now, so it is reused).
    if cells.count == rows.count * coders.count {
      cells.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    } else {
      cells = [Int32](repeating: 0, count: rows.count * coders.count)
    }
    var codedBy = [Int](repeating: 0, count: coders.count)
    var all = 0
    var some = 0
    var none = 0
    var aOnly = 0
    var bOnly = 0
    for (row, u) in rows.enumerated() {
      var count = 0
      for r in 0..<coders.count where table.coded(u, code: c, coder: r) {
        cells[row * coders.count + r] = 1
        codedBy[r] += 1
        count += 1
      }
      if count == coders.count { all += 1 } else if count == 0 { none += 1 } else { some += 1 }
      if coders.count == 2 && count == 1 {
        if cells[row * 2] == 1 { aOnly += 1 } else { bOnly += 1 }
      }
    }
    let alpha: Statistic
    let kappa: Statistic
    let percent: Statistic
    if let data = try? ReliabilityData(
      coders: coders, units: unit == .segment ? rows.map(String.init) : unitNames, categories: ["0", "1"],
      numbers: [0, 1], cells: cells)
    {
      let coefficients = ChanceCorrected(data)
      percent = coefficients.percentAgreement
      if unit == .segment {
        alpha = .undefined(segmentNote)
        kappa = .undefined(segmentNote)
      } else {
        let computation = AlphaComputation(Coincidences(data), level: .nominal, numbers: nil)
        alpha = computation.value.map { .defined($0) } ?? .undefined(computation.reason ?? "undefined")
        kappa = coders.count == 2 ? coefficients.cohenKappa : coefficients.fleissKappa
      }
    } else {
      alpha = .undefined("no units")
      kappa = .undefined("no units")
      percent = .undefined("no units")
    }
    var retrieval: [RetrievalScores] = []
    for pair in pairs {
      var tp = 0
      var fp = 0
      var fn = 0
      for row in 0..<rows.count {
        let auto = cells[row * coders.count + pair.0] == 1
        let human = cells[row * coders.count + pair.1] == 1
        if auto && human { tp += 1 } else if auto { fp += 1 } else if human { fn += 1 }
      }
      retrieval.append(
        RetrievalScores(
          automatic: coders[pair.0], reference: coders[pair.1], truePositives: tp, falsePositives: fp,
          falseNegatives: fn))
    }
    return CodeAgreement(
      code: code, alpha: alpha, kappa: kappa, percentAgreement: percent, codedBy: codedBy, all: all, some: some,
      none: none, aOnly: coders.count == 2 ? aOnly : nil, bOnly: coders.count == 2 ? bOnly : nil,
      retrieval: retrieval)
  }
}

/// A piece of a document's text at a known position (a unit's text from a units table).
public struct TextSpan: Sendable, Hashable {
  /// The document id.
  public var document: String
  /// The first scalar.
  public var start: Int
  /// The text from there.
  public var text: String

  /// Creates a span.
  public init(document: String, start: Int, text: String) {
    self.document = document
    self.start = start
    self.text = text
  }
}

/// The text of a range: from the document's plain text when known, else pieced together from
/// codings' texts (gaps shown as `…`).
struct TextStitcher {
  /// A text that fits its offsets: its scalars are made only when a range uses it.
  private struct Piece {
    var start: Int
    var length: Int
    var text: String
  }

  private var texts: [String: [Unicode.Scalar]] = [:]
  private var pieces: [String: [Piece]] = [:]
  /// Per document, the longest piece: pieces that start further before a range end before it.
  private var longest: [String: Int] = [:]
  /// The codings of each input, in order.
  private let codings: [[CodingRecord]]
  private let spans: [TextSpan]
  private var indexed = false

  init(codings: [[CodingRecord]], texts: [String: String], spans: [TextSpan]) {
    self.codings = codings
    self.spans = spans
    for (document, text) in texts { self.texts[document] = Array(text.unicodeScalars) }
  }

  mutating func text(document: String, start: Int, end: Int) -> String {
    if let scalars = texts[document] {
      let lower = min(max(0, start), scalars.count)
      let upper = min(max(lower, end), scalars.count)
      return String(String.UnicodeScalarView(scalars[lower..<upper]))
    }
    if !indexed {
      for coding in codings.joined() {
        // Only texts that fit their offsets can be trusted.
        let length = coding.text.unicodeScalars.count
        guard length == coding.end - coding.start, length > 0 else { continue }
        pieces[coding.document, default: []].append(Piece(start: coding.start, length: length, text: coding.text))
      }
      for span in spans where !span.text.isEmpty {
        pieces[span.document, default: []].append(
          Piece(start: span.start, length: span.text.unicodeScalars.count, text: span.text))
      }
      for key in pieces.keys {
        pieces[key]?.sort { $0.start < $1.start }
        longest[key] = pieces[key]?.lazy.map(\.length).max() ?? 0
      }
      indexed = true
    }
    var result = String.UnicodeScalarView()
    var position = start
    let list = pieces[document] ?? []
    // The first piece that can reach the range: none that starts before `start - longest` does.
    let earliest = start - (longest[document] ?? 0)
    for piece in list[list.partitionPoint { $0.start >= earliest }...]
    where piece.start < end && piece.start + piece.length > position {
      if piece.start > position {
        result.append(contentsOf: " … ".unicodeScalars)
        position = piece.start
      }
      let from = position - piece.start
      let to = min(piece.length, end - piece.start)
      if from < to {
        result.append(contentsOf: piece.text.unicodeScalars.dropFirst(from).prefix(to - from))
        position = piece.start + to
      }
      if position >= end { break }
    }
    if position < end && !result.isEmpty { result.append(contentsOf: " …".unicodeScalars) }
    return String(result)
  }
}
