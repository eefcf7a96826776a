public import KwalModel
internal import Foundation

/// A co-occurrence measure; the raw value names the CSV column.
public enum CooccurrenceMeasure: String, Sendable, Hashable, CaseIterable {
  /// n12: units coded with both codes (for `overlap`: overlapping coding pairs).
  case count
  /// The c-coefficient n12 / (n1 + n2 − n12), as ATLAS.ti computes it.
  case cCoefficient = "c-coefficient"
  /// Jaccard: units with both / units with either (for `overlap`: characters covered by both /
  /// characters covered by either).
  case jaccard
  /// P(B|A) = n12 / n1.
  case pBGivenA = "p_b_given_a"
  /// P(A|B) = n12 / n2.
  case pAGivenB = "p_a_given_b"
  /// Lift n12 · n / (n1 · n2): how much more often than chance.
  case lift
  /// Pointwise mutual information log2(lift).
  case pmi
  /// Normalised PMI: pmi / −log2(n12 / n), from −1 (never together) to 1 (always together).
  case npmi
  /// The p-value of independence (Fisher's exact test, two-sided, or Pearson's chi-square).
  case pValue = "p_value"

  /// Whether the measure needs the number of units n (which `overlap` does not have).
  public var needsUnitCount: Bool { [.lift, .pmi, .npmi, .pValue].contains(self) }

  /// Parses a comma-separated list of measures.
  public static func parseList(_ text: String) throws(AnalysisError) -> [CooccurrenceMeasure] {
    var result: [CooccurrenceMeasure] = []
    for part in text.split(separator: ",") {
      let name = part.trimmingSpaces()
      guard let measure = CooccurrenceMeasure(rawValue: name) else {
        throw AnalysisError(
          .usage,
          "unknown measure \"\(name)\" (use \(CooccurrenceMeasure.allCases.map(\.rawValue).joined(separator: ", ")))")
      }
      if !result.contains(measure) { result.append(measure) }
    }
    return result
  }
}

/// The significance test behind `p_value`.
public enum IndependenceTest: String, Sendable, Hashable, CaseIterable {
  /// Fisher's exact test, two-sided.
  case fisher
  /// Pearson's chi-square on the 2×2 table, 1 degree of freedom.
  case chiSquare = "chi-square"
}

/// How to count co-occurrences.
public struct CooccurrenceOptions: Sendable, Hashable {
  /// The unit.
  public var unit: CooccurrenceUnit
  /// The measures after `count`, in the order of the columns.
  public var measures: [CooccurrenceMeasure]
  /// One table per case instead of pooled.
  public var byCase: Bool
  /// Pairs with fewer co-occurrences are left out (0 keeps every pair).
  public var minCount: Int
  /// The test behind `p_value`.
  public var test: IndependenceTest
  /// Codes deeper than this level are counted as their ancestor at this level.
  public var level: Int?
  /// Only pairs of these codes (all when empty).
  public var codes: [String]

  /// Creates options.
  public init(
    unit: CooccurrenceUnit = .unit(.sentence), measures: [CooccurrenceMeasure]? = nil, byCase: Bool = false,
    minCount: Int = 1, test: IndependenceTest = .fisher, level: Int? = nil, codes: [String] = []
  ) {
    self.unit = unit
    self.measures = (measures ?? CooccurrenceOptions.defaultMeasures(for: unit)).filter { $0 != .count }
    self.byCase = byCase
    self.minCount = minCount
    self.test = test
    self.level = level
    self.codes = codes
  }

  /// Every measure that fits the unit.
  public static func defaultMeasures(for unit: CooccurrenceUnit) -> [CooccurrenceMeasure] {
    CooccurrenceMeasure.allCases.filter { $0 != .count && (unit != .overlap || !$0.needsUnitCount) }
  }
}

/// One pair of codes in one group (a case, or all data pooled).
public struct CooccurrencePair: Sendable, Hashable {
  /// The case, when counted per case.
  public var caseName: String?
  /// The first code (in tree order).
  public var codeA: String
  /// The second code.
  public var codeB: String
  /// n12.
  public var count: Int
  /// n1: units coded with A (for `overlap`: codings of A).
  public var countA: Int
  /// n2: units coded with B.
  public var countB: Int
  /// n: all units of the group (nil for `overlap`).
  public var units: Int?
  /// The measures, in the order asked; `nil` where undefined (such as P(B|A) when n1 = 0).
  public var values: [Double?]
}

/// A co-occurrence report: one row per code pair (and case).
public struct CooccurrenceReport: Sendable, Hashable {
  /// The options used.
  public var options: CooccurrenceOptions
  /// The pairs, by case, then code A, then code B (tree order).
  public var pairs: [CooccurrencePair]
  /// The codes with how many units (or codings, for overlap) each has, pooled, in tree order.
  public var codes: [(code: String, label: String, count: Int)]
  /// The number of units, pooled (nil for overlap).
  public var units: Int?
  /// Notes for readers.
  public var notes: [String]

  /// Compares reports by their pairs and options.
  public static func == (lhs: CooccurrenceReport, rhs: CooccurrenceReport) -> Bool {
    lhs.options == rhs.options && lhs.pairs == rhs.pairs && lhs.units == rhs.units
  }

  /// Hashes the report.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(options)
    hasher.combine(pairs)
  }

  /// Counts co-occurrences in `input`.
  public static func compute(_ input: AnalysisInput, options: CooccurrenceOptions) throws(AnalysisError)
    -> CooccurrenceReport
  {
    if options.unit == .overlap, let misfit = options.measures.first(where: \.needsUnitCount) {
      throw AnalysisError(
        .badData,
        "measure \(misfit.rawValue) does not fit unit overlap: it needs a number of units; use a unit such as sentence or paragraph"
      )
    }
    guard options.minCount >= 0 else { throw AnalysisError(.usage, "--min-count must be 0 or more") }
    let prepared = try PreparedInput(input)
    let tree = prepared.tree
    let (codeMap, selected) = try codes(tree: tree, input: input, options: options)
    let counts: GroupCounts
    if options.unit == .overlap {
      counts = GroupCounts.overlap(
        prepared: prepared, codeMap: codeMap, byCase: options.byCase, jaccard: options.measures.contains(.jaccard))
    } else {
      let index = try UnitIndex(
        unit: options.unit, input: input, prepared: prepared, codeMap: codeMap, keepCodings: false)
      counts = GroupCounts.units(index, codeCount: tree.count, byCase: options.byCase)
    }
    return report(counts, tree: tree, codeMap: codeMap, selected: selected, options: options)
  }

  /// Counts co-occurrences by unit from codings counted one document at a time (a codings file
  /// streamed; see ``CooccurrenceTally``): `input` gives the documents (documents.csv), the code
  /// tree and the file names, not the codings; `tally` holds the units of the kind.
  public static func compute(_ tally: CooccurrenceTally, input: AnalysisInput, options: CooccurrenceOptions)
    throws(AnalysisError) -> CooccurrenceReport
  {
    guard options.minCount >= 0 else { throw AnalysisError(.usage, "--min-count must be 0 or more") }
    guard options.unit != .overlap else {
      throw AnalysisError(.usage, "unit overlap is counted from the codings themselves, not from a tally by unit")
    }
    let tree = CodeTree(codebook: input.codebook)
    let (codeMap, selected) = try codes(tree: tree, input: input, options: options)
    // Every document's case: documents.csv's, else its codings', else none (units only).
    var caseOf: [String: String] = [:]
    let hasDocumentTable = !input.documents.isEmpty
    for document in input.documents { caseOf[document.document] = document.caseName }
    if !hasDocumentTable {
      for (document, caseName) in zip(tally.documents, tally.cases) where caseOf[document] == nil {
        caseOf[document] = caseName
      }
    }
    let ranges = tally.ranges
    for document in ranges.documents where caseOf[document] == nil {
      if hasDocumentTable {
        throw AnalysisError(
          .badData, CodingCheck.unlisted(document, documentsFile: input.documentsFile),
          at: SourceLocation(file: input.unitsFile))
      }
      caseOf[document] = ""
    }
    func name(_ caseName: String) -> String { caseName.isEmpty ? missingColumnValue : caseName }
    let groups = options.byCase ? Set(caseOf.values.map(name)).sorted() : ["all"]
    var groupIndex: [String: Int] = [:]
    for (index, group) in groups.enumerated() { groupIndex[group] = index }
    let codeCount = tree.count
    var counts = GroupCounts(
      groups: groups, units: [Int](repeating: 0, count: groups.count),
      single: [[Int]](repeating: [Int](repeating: 0, count: codeCount), count: groups.count),
      pair: [[Int]](repeating: [Int](repeating: 0, count: codeCount * codeCount), count: groups.count),
      conditional: [[Int]](repeating: [Int](repeating: 0, count: codeCount * codeCount), count: groups.count))
    for (index, document) in ranges.documents.enumerated() {
      let group = options.byCase ? groupIndex[name(caseOf[document] ?? "")] ?? 0 : 0
      counts.units[group] += ranges.windows(index, size: tally.windowSize)
    }
    for (index, caseName) in tally.groupNames.enumerated() {
      let group = options.byCase ? groupIndex[caseName] ?? 0 : 0
      for code in 0..<codeCount { counts.single[group][code] += tally.single[index][code] }
      for cell in 0..<(codeCount * codeCount) { counts.pair[group][cell] += tally.pair[index][cell] }
    }
    return report(counts, tree: tree, codeMap: codeMap, selected: selected, options: options)
  }

  /// The code each code is counted as (itself, or its ancestor at the level asked), and the
  /// codes of `--codes` so counted.
  private static func codes(tree: CodeTree, input: AnalysisInput, options: CooccurrenceOptions) throws(AnalysisError)
    -> (codeMap: [Int], selected: Set<Int>)
  {
    if let level = options.level, level < 1 { throw AnalysisError(.usage, "--level must be 1 or more") }
    let codeMap = (0..<tree.count).map { tree.atLevel($0, options.level) }
    var selected = Set<Int>()
    for code in options.codes {
      guard let index = tree.index[code] else {
        throw AnalysisError(
          .badData, "unknown code \"\(code)\" in --codes", at: SourceLocation(file: input.codingsFile))
      }
      selected.insert(codeMap[index])
    }
    return (codeMap, selected)
  }

  private static func report(
    _ counts: GroupCounts, tree: CodeTree, codeMap: [Int], selected: Set<Int>, options: CooccurrenceOptions
  ) -> CooccurrenceReport {
    let codeCount = tree.count
    var pairs: [CooccurrencePair] = []
    for group in counts.groups.indices {
      let name = options.byCase ? counts.groups[group] : nil
      for a in 0..<codeCount where codeMap[a] == a && (selected.isEmpty || selected.contains(a)) {
        for b in (a + 1)..<max(a + 1, codeCount) where codeMap[b] == b && (selected.isEmpty || selected.contains(b)) {
          let n12 = counts.pair[group][a * codeCount + b]
          if n12 < options.minCount { continue }
          // With --min-count 0, a pair of two codes that never occur in the group says nothing.
          if n12 == 0, counts.single[group][a] + counts.single[group][b] == 0 { continue }
          let n1 = counts.single[group][a]
          let n2 = counts.single[group][b]
          let n = counts.units[group]
          let values = options.measures.map { measure in
            value(
              measure, n12: n12, n1: n1, n2: n2, n: n, test: options.test, isOverlap: options.unit == .overlap,
              overlapAB: counts.conditional[group][a * codeCount + b],
              overlapBA: counts.conditional[group][b * codeCount + a],
              characters: counts.characters.isEmpty
                ? nil
                : (
                  counts.characters[group][a], counts.characters[group][b],
                  counts.sharedCharacters[group][a * codeCount + b]
                ))
          }
          pairs.append(
            CooccurrencePair(
              caseName: name, codeA: tree.codes[a], codeB: tree.codes[b], count: n12, countA: n1, countB: n2,
              units: options.unit == .overlap ? nil : n, values: values))
        }
      }
    }
    var pooled = [Int](repeating: 0, count: codeCount)
    for group in counts.groups.indices { for code in 0..<codeCount { pooled[code] += counts.single[group][code] } }
    let codes = (0..<codeCount).filter { codeMap[$0] == $0 }.map { (tree.codes[$0], tree.labels[$0], pooled[$0]) }
    var notes: [String] = []
    switch options.unit {
    case .overlap:
      notes.append(
        "Unit overlap: count is the number of overlapping coding pairs; n1 and n2 are codings; p_b_given_a is the share of A codings that overlap a B coding; jaccard is in characters."
      )
    case .unit(let kind):
      notes.append(
        "Unit \(kind.rawValue): a code is in every \(kind.rawValue) one of its codings overlaps; n1, n2 and count are \(kind.rawValue)s."
      )
    case .window(let size):
      notes.append(
        "Unit window:\(size): every run of \(size) consecutive sentences of a document is a unit (a shorter document is one unit); two codes co-occur when they fall within \(size) sentences of each other."
      )
    }
    if options.measures.contains(.pValue) {
      notes.append(
        options.test == .fisher
          ? "p_value: Fisher's exact test, two-sided, on the 2x2 table of units."
          : "p_value: Pearson's chi-square, 1 degree of freedom, on the 2x2 table of units.")
    }
    if let level = options.level {
      notes.append("Codes deeper than level \(level) are counted as their ancestor at that level.")
    }
    let unitTotal: Int? = options.unit == .overlap ? nil : counts.units.reduce(0, +)
    return CooccurrenceReport(options: options, pairs: pairs, codes: codes, units: unitTotal, notes: notes)
  }

  static func value(
    _ measure: CooccurrenceMeasure, n12: Int, n1: Int, n2: Int, n: Int, test: IndependenceTest, isOverlap: Bool,
    overlapAB: Int, overlapBA: Int, characters: (Int, Int, Int)?
  ) -> Double? {
    func ratio(_ numerator: Int, _ denominator: Int) -> Double? {
      denominator > 0 ? Double(numerator) / Double(denominator) : nil
    }
    switch measure {
    case .count: return Double(n12)
    case .cCoefficient: return ratio(n12, n1 + n2 - n12)
    case .jaccard:
      if let (a, b, both) = characters { return ratio(both, a + b - both) }
      return ratio(n12, n1 + n2 - n12)
    case .pBGivenA: return ratio(isOverlap ? overlapAB : n12, n1)
    case .pAGivenB: return ratio(isOverlap ? overlapBA : n12, n2)
    case .lift:
      guard n > 0, n1 > 0, n2 > 0 else { return nil }
      return Double(n12) * Double(n) / (Double(n1) * Double(n2))
    case .pmi:
      guard n > 0, n1 > 0, n2 > 0, n12 > 0 else { return nil }
      return log2(Double(n12) * Double(n) / (Double(n1) * Double(n2)))
    case .npmi:
      guard n > 0, n1 > 0, n2 > 0 else { return nil }
      if n12 == 0 { return -1 }
      if n12 == n { return 1 }
      return log2(Double(n12) * Double(n) / (Double(n1) * Double(n2))) / -log2(Double(n12) / Double(n))
    case .pValue:
      guard n > 0, n12 <= n1, n12 <= n2, n1 + n2 - n12 <= n else { return nil }
      let a = n12
      let b = n1 - n12
      let c = n2 - n12
      let d = n - n1 - n2 + n12
      switch test {
      case .fisher: return Statistics.fisherExact(a, b, c, d)
      case .chiSquare:
        return Statistics.chiSquare2x2(a, b, c, d).map { Statistics.chiSquarePValue($0.statistic, degrees: 1) }
      }
    }
  }

  /// Long form: `code_a, code_b, count`, one column per measure, then `case` when counted per case.
  public func table() -> ResultTable {
    var columns = ["code_a", "code_b", "count"] + options.measures.map(\.rawValue)
    if options.byCase { columns.append("case") }
    let rows: [[TableValue]] = pairs.map { pair in
      var row: [TableValue] = [.text(pair.codeA), .text(pair.codeB), .integer(pair.count)]
      row += pair.values.map(TableValue.optional)
      if options.byCase { row.append(.text(pair.caseName ?? "")) }
      return row
    }
    var about: [(key: String, value: TableValue)] = [("unit", .text(options.unit.description))]
    about.append(("units", units.map { .integer($0) } ?? .missing))
    about.append(("min_count", .integer(options.minCount)))
    if options.measures.contains(.pValue) { about.append(("test", .text(options.test.rawValue))) }
    return ResultTable(
      title: "Code co-occurrence (unit \(options.unit))\(options.byCase ? " per case" : "")", columns: columns,
      rows: rows,
      about: about, notes: notes)
  }
}

/// Counts per group (a case, or everything): units, codes, pairs.
struct GroupCounts {
  var groups: [String]
  var units: [Int]
  var single: [[Int]]
  var pair: [[Int]]
  /// For overlap: conditional[a * C + b] = codings of a that overlap at least one coding of b.
  var conditional: [[Int]]
  /// For overlap with Jaccard: characters covered per code, and shared per pair.
  var characters: [[Int]] = []
  var sharedCharacters: [[Int]] = []

  static func units(_ index: UnitIndex, codeCount: Int, byCase: Bool) -> GroupCounts {
    let groups = byCase ? index.caseNames : ["all"]
    var counts = GroupCounts(
      groups: groups, units: [Int](repeating: 0, count: groups.count),
      single: [[Int]](repeating: [Int](repeating: 0, count: codeCount), count: groups.count),
      pair: [[Int]](repeating: [Int](repeating: 0, count: codeCount * codeCount), count: groups.count),
      conditional: [[Int]](repeating: [Int](repeating: 0, count: codeCount * codeCount), count: groups.count))
    for unit in 0..<index.count { counts.units[byCase ? Int(index.unitCase[unit]) : 0] += 1 }
    UnitIndex.forEachUnit(index.memberships) { unit, codes in
      let group = byCase ? Int(index.unitCase[Int(unit)]) : 0
      UnitIndex.count(codes, codeCount: codeCount, single: &counts.single[group], pair: &counts.pair[group])
    }
    return counts
  }

  static func overlap(prepared: PreparedInput, codeMap: [Int], byCase: Bool, jaccard: Bool) -> GroupCounts {
    let codeCount = prepared.tree.count
    let caseNames = Set(prepared.documents.map { $0.caseName.isEmpty ? missingColumnValue : $0.caseName }).sorted()
    var caseIndex: [String: Int] = [:]
    for (position, name) in caseNames.enumerated() { caseIndex[name] = position }
    let groups = byCase ? caseNames : ["all"]
    func group(_ document: Int) -> Int {
      guard byCase else { return 0 }
      let name = prepared.documents[document].caseName
      return caseIndex[name.isEmpty ? missingColumnValue : name] ?? 0
    }
    var counts = GroupCounts(
      groups: groups, units: [Int](repeating: 0, count: groups.count),
      single: [[Int]](repeating: [Int](repeating: 0, count: codeCount), count: groups.count),
      pair: [[Int]](repeating: [Int](repeating: 0, count: codeCount * codeCount), count: groups.count),
      conditional: [[Int]](repeating: [Int](repeating: 0, count: codeCount * codeCount), count: groups.count))
    // Distinct (document, start, end, mapped code) codings, sorted.
    struct Item: Comparable {
      var document: Int32
      var start: Int
      var end: Int
      var code: Int32
      static func < (lhs: Item, rhs: Item) -> Bool {
        (lhs.document, lhs.start, lhs.end, lhs.code) < (rhs.document, rhs.start, rhs.end, rhs.code)
      }
    }
    var items: [Item] = (0..<prepared.codingCount).map { coding in
      Item(
        document: prepared.codingDocument[coding], start: prepared.codingStart[coding], end: prepared.codingEnd[coding],
        code: Int32(codeMap[Int(prepared.codingCode[coding])]))
    }
    items.sort()
    var distinct: [Item] = []
    distinct.reserveCapacity(items.count)
    for item in items where distinct.last != item { distinct.append(item) }
    var partners: [UInt64] = []  // (item << 24 | other code)
    for (i, item) in distinct.enumerated() {
      let g = group(Int(item.document))
      counts.single[g][Int(item.code)] += 1
      var j = i + 1
      while j < distinct.count, distinct[j].document == item.document,
        distinct[j].start < item.end || distinct[j].start == item.start
      {
        let other = distinct[j]
        if other.code != item.code {
          let a = Int(min(item.code, other.code))
          let b = Int(max(item.code, other.code))
          counts.pair[g][a * codeCount + b] += 1
          partners.append(UInt64(i) << UnitIndex.codeBits | UInt64(other.code))
          partners.append(UInt64(j) << UnitIndex.codeBits | UInt64(item.code))
        }
        j += 1
      }
    }
    partners.sort()
    let mask: UInt64 = (1 << UnitIndex.codeBits) - 1
    for value in UnitIndex.unique(partners) {
      let item = distinct[Int(value >> UnitIndex.codeBits)]
      counts.conditional[group(Int(item.document))][Int(item.code) * codeCount + Int(value & mask)] += 1
    }
    if jaccard {
      counts.characters = [[Int]](repeating: [Int](repeating: 0, count: codeCount), count: groups.count)
      counts.sharedCharacters = [[Int]](
        repeating: [Int](repeating: 0, count: codeCount * codeCount), count: groups.count)
      // Per document: the union of each code's intervals, then pairwise intersections.
      var position = 0
      while position < distinct.count {
        let document = distinct[position].document
        var byCode: [Int: [(Int, Int)]] = [:]
        while position < distinct.count, distinct[position].document == document {
          let item = distinct[position]
          var list = byCode[Int(item.code), default: []]
          if let last = list.last, item.start <= last.1 {
            list[list.count - 1].1 = max(last.1, item.end)
          } else {
            list.append((item.start, item.end))
          }
          byCode[Int(item.code)] = list
          position += 1
        }
        let g = group(Int(document))
        let present = byCode.keys.sorted()
        for code in present { counts.characters[g][code] += byCode[code, default: []].reduce(0) { $0 + $1.1 - $1.0 } }
        for (i, a) in present.enumerated() {
          for b in present[(i + 1)...] {
            counts.sharedCharacters[g][a * codeCount + b] += GroupCounts.intersection(
              byCode[a, default: []], byCode[b, default: []])
          }
        }
      }
    }
    return counts
  }

  /// The characters two sorted lists of disjoint intervals share.
  static func intersection(_ lhs: [(Int, Int)], _ rhs: [(Int, Int)]) -> Int {
    var i = 0
    var j = 0
    var total = 0
    while i < lhs.count, j < rhs.count {
      let start = max(lhs[i].0, rhs[j].0)
      let end = min(lhs[i].1, rhs[j].1)
      if end > start { total += end - start }
      if lhs[i].1 < rhs[j].1 { i += 1 } else { j += 1 }
    }
    return total
  }
}
