public import KwalModel

/// Where the units of one kind lie in each document, sorted: what counting co-occurrence by unit
/// holds while the codings pass one document at a time.
public struct UnitRanges: Sendable {
  /// The documents with units, in the order units.csv first names them.
  public private(set) var documents: [String] = []
  /// The index of each of ``documents``.
  var documentIndex: [String: Int] = [:]
  /// Per document, its units: `first[d]..<first[d + 1]` of ``start`` and ``end``, by start.
  var first: [Int] = [0]
  var start: [Int] = []
  var end: [Int] = []

  /// The units of `spans`, grouped by document and sorted within each.
  public init(_ spans: UnitSpans) {
    documents = spans.documentIDs
    for (index, id) in documents.enumerated() { documentIndex[id] = index }
    var counts = [Int](repeating: 0, count: documents.count + 1)
    for document in spans.document { counts[Int(document) + 1] += 1 }
    for index in documents.indices { counts[index + 1] += counts[index] }
    first = counts
    var next = counts
    start = [Int](repeating: 0, count: spans.count)
    end = start
    for unit in 0..<spans.count {
      let document = Int(spans.document[unit])
      start[next[document]] = spans.start[unit]
      end[next[document]] = spans.end[unit]
      next[document] += 1
    }
    for document in documents.indices {
      let range = first[document]..<first[document + 1]
      let sorted = range.sorted { (start[$0], end[$0]) < (start[$1], end[$1]) }
      if sorted.elementsEqual(range) { continue }
      let starts = sorted.map { start[$0] }
      let ends = sorted.map { end[$0] }
      start.replaceSubrange(range, with: starts)
      end.replaceSubrange(range, with: ends)
    }
  }

  /// The number of units of `document`.
  func count(_ document: Int) -> Int { first[document + 1] - first[document] }

  /// The number of units counted in `document`: its units, or its windows of `size` units (a
  /// document with fewer units is one window).
  func windows(_ document: Int, size: Int) -> Int {
    let units = count(document)
    return units == 0 ? 0 : max(1, units - size + 1)
  }
}

/// What co-occurrence by unit (or window of sentences) needs of the codings, gathered one
/// document at a time: per case, the units each code touches and the units each pair of codes
/// touches together. Its memory grows with cases × codes², not with codings; the units of the
/// kind are held in ``UnitRanges``.
public struct CooccurrenceTally: DocumentTally {
  let ranges: UnitRanges
  let windowSize: Int
  /// Per tree code, the code it is counted as (itself, or its ancestor at the level asked).
  let codeMap: [Int32]
  let codeCount: Int
  /// The case of each document of documents.csv; nil without it (the codings give the case).
  let caseOfDocument: [String: String]?
  /// The documents counted and their cases, in the order given.
  public private(set) var documents: [String] = []
  private(set) var cases: [String] = []
  /// The cases met, and per case the units of each code and of each pair (`a * codeCount + b`).
  private(set) var groupNames: [String] = []
  private var groupIndex: [String: Int] = [:]
  private(set) var single: [[Int]] = []
  private(set) var pair: [[Int]] = []
  private var memberships: [UInt64] = []

  /// An empty tally over `ranges` (windows of `windowSize` units; 1 for the units themselves)
  /// for the codes of `tree`, deeper ones counted as their ancestor at `level`.
  public init(
    ranges: UnitRanges, windowSize: Int, tree: CodeTree, level: Int?, caseOfDocument: [String: String]?
  ) {
    self.ranges = ranges
    self.windowSize = windowSize
    codeMap = (0..<tree.count).map { Int32(tree.atLevel($0, level)) }
    codeCount = tree.count
    self.caseOfDocument = caseOfDocument
  }

  /// The group (case) of `name`, added when new.
  private mutating func group(_ name: String) -> Int {
    if let known = groupIndex[name] { return known }
    groupIndex[name] = groupNames.count
    groupNames.append(name)
    single.append([Int](repeating: 0, count: codeCount))
    pair.append([Int](repeating: 0, count: codeCount * codeCount))
    return groupNames.count - 1
  }

  public mutating func add(_ codings: DocumentCodings) {
    let caseName = caseOfDocument?[codings.document] ?? codings.caseName
    documents.append(codings.document)
    cases.append(caseName)
    guard let document = ranges.documentIndex[codings.document] else { return }
    let units = ranges.first[document]..<ranges.first[document + 1]
    if units.isEmpty { return }
    memberships.removeAll(keepingCapacity: true)
    for coding in 0..<codings.count {
      let code = UInt64(codeMap[Int(codings.code[coding])])
      UnitIndex.windows(
        touchedBy: codings.start[coding], codings.end[coding], units: units, unitStart: { ranges.start[$0] },
        unitEnd: { ranges.end[$0] }, size: windowSize
      ) { window in memberships.append(UInt64(window) << UnitIndex.codeBits | code) }
    }
    memberships.sort()
    let group = group(caseName.isEmpty ? missingColumnValue : caseName)
    UnitIndex.forEachUnit(memberships) { _, codes in
      UnitIndex.count(codes, codeCount: codeCount, single: &single[group], pair: &pair[group])
    }
  }

  public mutating func merge(_ other: CooccurrenceTally) {
    documents += other.documents
    cases += other.cases
    for (index, name) in other.groupNames.enumerated() {
      let group = group(name)
      for code in 0..<codeCount { single[group][code] += other.single[index][code] }
      for cell in 0..<(codeCount * codeCount) { pair[group][cell] += other.pair[index][cell] }
    }
  }
}
