public import KwalModel

/// The unit within which two codes co-occur.
public enum CooccurrenceUnit: Sendable, Hashable, CustomStringConvertible {
  /// Two codings overlap (share at least one character).
  case overlap
  /// Both codes touch the same unit of this kind (sentence, paragraph, turn, agenda item, document).
  case unit(UnitKind)
  /// Both codes touch the same window of N consecutive sentences (sliding, within a document).
  case window(Int)

  /// Parses `overlap`, `sentence`, `paragraph`, `turn`, `agenda-item`, `document` or `window:N`.
  public init(parsing text: String) throws(AnalysisError) {
    switch text {
    case "overlap": self = .overlap
    case "sentence": self = .unit(.sentence)
    case "paragraph": self = .unit(.paragraph)
    case "turn": self = .unit(.turn)
    case "agenda-item": self = .unit(.agendaItem)
    case "document": self = .unit(.document)
    default:
      if text.hasPrefix("window:"), let size = Int(text.dropFirst("window:".count)), size >= 1 {
        self = .window(size)
        return
      }
      throw AnalysisError(
        .usage, "unknown unit \"\(text)\" (use overlap, sentence, paragraph, turn, agenda-item, window:N or document)")
    }
  }

  /// The kind of unit it reads from `units.csv` (sentences for a window), nil for overlap.
  public var kind: UnitKind? {
    switch self {
    case .overlap: return nil
    case .unit(let kind): return kind
    case .window: return .sentence
    }
  }

  /// The unit as written on the command line.
  public var description: String {
    switch self {
    case .overlap: return "overlap"
    case .unit(let kind): return kind.rawValue
    case .window(let size): return "window:\(size)"
    }
  }
}

/// The units of one kind, with the codes (and codings) that touch each.
///
/// A coding touches every unit it overlaps by at least one character (a zero-length coding, the
/// unit it lies in). Units of one kind are assumed not to overlap each other, as `kwal code` writes them.
struct UnitIndex: Sendable {
  /// Per unit: its document (index into ``documentNames``), first and last scalar.
  var unitDocument: [Int32] = []
  var unitStart: [Int] = []
  var unitEnd: [Int] = []
  /// The case index of every unit.
  var unitCase: [Int32] = []
  /// The names of the documents units refer to.
  var documentNames: [String] = []
  /// The case names, sorted.
  var caseNames: [String] = []
  /// Sorted distinct (unit << 24 | code) pairs: which (mapped) codes touch which unit.
  var memberships: [UInt64] = []
  /// Sorted (unit << 32 | coding) pairs, when asked for (retrieval).
  var codingsOfUnits: [UInt64] = []

  static let codeBits: UInt64 = 24

  init(
    unit: CooccurrenceUnit, input: AnalysisInput, prepared: PreparedInput, codeMap: [Int], keepCodings: Bool
  ) throws(AnalysisError) {
    let kind: UnitKind
    switch unit {
    case .overlap: return
    case .unit(let unitKind): kind = unitKind
    case .window: kind = .sentence
    }
    // Documents: those known to the prepared input, plus any only units.csv names.
    var documentNames = prepared.documents.map(\.document)
    var documentIndex = prepared.documentIndex
    var caseOfDocument = prepared.documents.map(\.caseName)
    var ranges = [[(start: Int, end: Int)]](repeating: [], count: documentNames.count)
    // The units read as columns, or the records of the kind.
    let spans = input.unitSpans.flatMap { $0.kind == kind ? $0 : nil } ?? UnitSpans(input.units, kind: kind)
    let sawKind = spans.count > 0
    var indexOfSpanDocument: [Int] = []
    for id in spans.documentIDs {
      if let known = documentIndex[id] {
        indexOfSpanDocument.append(known)
        continue
      }
      if prepared.hasDocumentTable {
        throw AnalysisError(
          .badData, CodingCheck.unlisted(id, documentsFile: input.documentsFile),
          at: SourceLocation(file: input.unitsFile))
      }
      indexOfSpanDocument.append(documentNames.count)
      documentIndex[id] = documentNames.count
      documentNames.append(id)
      caseOfDocument.append("")
      ranges.append([])
    }
    for unit in 0..<spans.count {
      ranges[indexOfSpanDocument[Int(spans.document[unit])]].append((spans.start[unit], spans.end[unit]))
    }
    if !sawKind {
      if kind == .document {
        // One unit per document: from 0 to its length (or the end of its last coding).
        var ends = prepared.documents.map(\.characters)
        for coding in 0..<prepared.codingCount {
          let document = Int(prepared.codingDocument[coding])
          ends[document] = max(ends[document], prepared.codingEnd[coding])
        }
        for document in ends.indices { ranges[document] = [(0, ends[document])] }
      } else if !input.hasUnitsFile {
        throw AnalysisError(
          .badData,
          "unit \(unit) needs \(input.unitsFile) (written by kwal code), which the coding output does not have",
          at: SourceLocation(file: input.unitsFile))
      } else {
        throw AnalysisError(
          .badData, "unit \(unit) does not fit this data: \(input.unitsFile) has no \(kind.rawValue) units",
          at: SourceLocation(file: input.unitsFile))
      }
    }
    for document in ranges.indices {
      ranges[document].sort { $0.start != $1.start ? $0.start < $1.start : $0.end < $1.end }
    }

    let caseNames = Set(caseOfDocument.map { $0.isEmpty ? missingColumnValue : $0 }).sorted()
    var caseIndex: [String: Int32] = [:]
    for (position, name) in caseNames.enumerated() { caseIndex[name] = Int32(position) }
    self.documentNames = documentNames
    self.caseNames = caseNames

    // Global unit numbers; for windows, window w of a document covers sentences w ..< w + N.
    var firstUnit = [Int](repeating: 0, count: ranges.count)
    var windowSize = 1
    if case .window(let size) = unit { windowSize = size }
    for document in ranges.indices {
      firstUnit[document] = unitDocument.count
      let sentences = ranges[document]
      let count = sentences.isEmpty ? 0 : max(1, sentences.count - windowSize + 1)
      let documentCase =
        caseIndex[caseOfDocument[document].isEmpty ? missingColumnValue : caseOfDocument[document]] ?? 0
      for window in 0..<count {
        unitDocument.append(Int32(document))
        unitStart.append(sentences[window].start)
        unitEnd.append(sentences[min(window + windowSize, sentences.count) - 1].end)
        unitCase.append(documentCase)
      }
    }

    var memberships: [UInt64] = []
    memberships.reserveCapacity(prepared.codingCount * windowSize)
    var codingsOfUnits: [UInt64] = []
    for coding in 0..<prepared.codingCount {
      let document = Int(prepared.codingDocument[coding])
      let sentences = ranges[document]
      if sentences.isEmpty { continue }
      let code = UInt64(codeMap[Int(prepared.codingCode[coding])])
      UnitIndex.windows(
        touchedBy: prepared.codingStart[coding], prepared.codingEnd[coding], units: sentences.indices,
        unitStart: { sentences[$0].start }, unitEnd: { sentences[$0].end }, size: windowSize
      ) { window in
        let global = UInt64(firstUnit[document] + window)
        memberships.append(global << UnitIndex.codeBits | code)
        if keepCodings { codingsOfUnits.append(global << 32 | UInt64(coding)) }
      }
    }
    memberships.sort()
    self.memberships = UnitIndex.unique(memberships)
    codingsOfUnits.sort()
    self.codingsOfUnits = UnitIndex.unique(codingsOfUnits)
  }

  /// Calls `body` with every window of `size` units (0 for the first; the units themselves for
  /// size 1) that a coding from `start` to `end` touches, among `units`, the indices of one
  /// document's units sorted by start (`unitStart` and `unitEnd` give where each lies). A coding
  /// touches a unit it overlaps by at least one character; a zero-length coding, the unit it
  /// lies in. A document with fewer units than `size` is one window.
  @inline(__always)
  static func windows(
    touchedBy start: Int, _ end: Int, units: Range<Int>, unitStart: (Int) -> Int, unitEnd: (Int) -> Int, size: Int,
    _ body: (Int) -> Void
  ) {
    let windows = max(1, units.count - size + 1)
    // The first unit whose end is after the coding's start, then every unit it touches.
    var position = units.partitionPoint { unitEnd($0) > start }
    while position < units.upperBound {
      let first = unitStart(position)
      let last = unitEnd(position)
      guard end > start ? (first < end && start < last) : (first <= start && start < last) else { break }
      let local = position - units.lowerBound
      for window in max(0, local - size + 1)...min(local, windows - 1) { body(window) }
      position += 1
    }
  }

  /// Calls `body` with each unit of `memberships` (sorted `unit << codeBits | code` values) and
  /// its distinct codes, ascending.
  static func forEachUnit(_ memberships: [UInt64], _ body: (_ unit: UInt64, _ codes: [Int]) -> Void) {
    let mask: UInt64 = (1 << codeBits) - 1
    var codes: [Int] = []
    var position = 0
    while position < memberships.count {
      let unit = memberships[position] >> codeBits
      codes.removeAll(keepingCapacity: true)
      while position < memberships.count, memberships[position] >> codeBits == unit {
        let code = Int(memberships[position] & mask)
        if codes.last != code { codes.append(code) }
        position += 1
      }
      body(unit, codes)
    }
  }

  /// Counts a unit's distinct `codes` (ascending): each in `single`, each pair in `pair`
  /// (`a * codeCount + b`, a < b).
  static func count(_ codes: [Int], codeCount: Int, single: inout [Int], pair: inout [Int]) {
    for (i, a) in codes.enumerated() {
      single[a] += 1
      for b in codes[(i + 1)...] { pair[a * codeCount + b] += 1 }
    }
  }

  static func unique(_ sorted: [UInt64]) -> [UInt64] {
    var result: [UInt64] = []
    result.reserveCapacity(sorted.count)
    for value in sorted where result.last != value { result.append(value) }
    return result
  }

  /// The number of units.
  var count: Int { unitDocument.count }
}
