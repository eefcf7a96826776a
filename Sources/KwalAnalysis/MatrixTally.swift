public import KwalModel

/// The codings of one document, in file order: what a counting analysis is given one document
/// at a time when a codings file is streamed rather than held (codes are indices into the
/// analysis's ``CodeTree``; offsets are Unicode scalar offsets).
public struct DocumentCodings: Sendable, Hashable {
  /// The document id.
  public var document: String
  /// The document's case, as its first coding gives it.
  public var caseName: String
  /// Per coding: its code (an index into the code tree), first scalar and the scalar after its last.
  public var code: [Int32] = []
  public var start: [Int] = []
  public var end: [Int] = []

  /// No codings of `document` yet.
  public init(document: String, caseName: String) {
    self.document = document
    self.caseName = caseName
  }

  /// The number of codings.
  public var count: Int { code.count }

  /// Adds a coding.
  public mutating func append(code: Int32, start: Int, end: Int) {
    self.code.append(code)
    self.start.append(start)
    self.end.append(end)
  }

  /// Adds `other`'s codings (more codings of the same document) after these.
  public mutating func append(contentsOf other: DocumentCodings) {
    code.append(contentsOf: other.code)
    start.append(contentsOf: other.start)
    end.append(contentsOf: other.end)
  }

  /// Forgets the codings, keeping their room, for the next document.
  public mutating func reset(document: String, caseName: String) {
    self.document = document
    self.caseName = caseName
    code.removeAll(keepingCapacity: true)
    start.removeAll(keepingCapacity: true)
    end.removeAll(keepingCapacity: true)
  }
}

/// What a counting analysis keeps of codings given one document at a time: it must not depend
/// on the order documents are given in, and two tallies of different documents merge into the
/// tally of both.
public protocol DocumentTally: Sendable {
  /// Counts one document's codings (each document is given once, with all its codings).
  mutating func add(_ codings: DocumentCodings)
  /// Adds the counts of `other`, which counted other documents.
  mutating func merge(_ other: Self)
}

/// What the code matrix needs of the codings, gathered one document at a time: per document and
/// matrix row (and the row of any code), the coded segments (distinct spans) and the characters
/// they cover. Its memory grows with documents × rows used, not with codings.
public struct MatrixTally: DocumentTally {
  /// The rows and, per tree code, the rows it counts in.
  let matrixRows: MatrixRows
  /// The documents counted, in the order given, with their case as their codings give it.
  public private(set) var documents: [String] = []
  private(set) var cases: [String] = []
  /// Per document, its entries: `entryStart[d]..<entryStart[d + 1]` of the entry columns.
  private(set) var entryStart: [Int] = [0]
  /// Per entry: the row (``MatrixRows/rows`` count stands for any code), the coded segments
  /// and the characters covered.
  private(set) var entryRow: [Int32] = []
  private(set) var entryCount: [Int] = []
  private(set) var entryCovered: [Int] = []
  // Per row, while a document is counted: whether it has a coding yet, the last coding's span,
  // where its cover ends, and its counts.
  private var touched: [Bool]
  private var touchedRows: [Int] = []
  private var lastStart: [Int]
  private var lastEnd: [Int]
  private var coverEnd: [Int]
  private var segments: [Int]
  private var covered: [Int]
  private var order: [Int] = []

  /// An empty tally for the rows of `tree` down to `level`.
  public init(tree: CodeTree, level: Int?) throws(AnalysisError) {
    self.init(rows: try MatrixRows(tree: tree, level: level))
  }

  init(rows: MatrixRows) {
    matrixRows = rows
    let count = rows.rows.count + 1
    touched = Array(repeating: false, count: count)
    lastStart = Array(repeating: -1, count: count)
    lastEnd = lastStart
    coverEnd = lastStart
    segments = Array(repeating: 0, count: count)
    covered = segments
  }

  /// The number of documents counted.
  public var documentCount: Int { documents.count }

  public mutating func add(_ codings: DocumentCodings) {
    documents.append(codings.document)
    cases.append(codings.caseName)
    // Each row sees the document's codings by start, then end: the union of their spans is
    // then one pass, and a span seen twice in a row is one segment.
    let start = codings.start
    let end = codings.end
    order.removeAll(keepingCapacity: true)
    order.append(contentsOf: 0..<codings.count)
    if (1..<max(1, codings.count)).contains(where: { (start[$0], end[$0]) < (start[$0 - 1], end[$0 - 1]) }) {
      order.sort { (start[$0], end[$0], $0) < (start[$1], end[$1], $1) }
    }
    let anyRow = matrixRows.rows.count
    for coding in order {
      let code = Int(codings.code[coding])
      for row in matrixRows.rowsOfCode[code] { visit(row, start: start[coding], end: end[coding]) }
      visit(anyRow, start: start[coding], end: end[coding])
    }
    touchedRows.sort()
    for row in touchedRows {
      entryRow.append(Int32(row))
      entryCount.append(segments[row])
      entryCovered.append(covered[row])
      touched[row] = false
    }
    touchedRows.removeAll(keepingCapacity: true)
    entryStart.append(entryRow.count)
  }

  private mutating func visit(_ row: Int, start: Int, end: Int) {
    if !touched[row] {
      touched[row] = true
      touchedRows.append(row)
      segments[row] = 1
      covered[row] = end - start
      coverEnd[row] = end
    } else {
      if !(lastStart[row] == start && lastEnd[row] == end) { segments[row] += 1 }
      if end > coverEnd[row] {
        covered[row] += end - max(start, coverEnd[row])
        coverEnd[row] = end
      }
    }
    lastStart[row] = start
    lastEnd[row] = end
  }

  public mutating func merge(_ other: MatrixTally) {
    let offset = entryRow.count
    documents += other.documents
    cases += other.cases
    entryStart += other.entryStart.dropFirst().map { $0 + offset }
    entryRow += other.entryRow
    entryCount += other.entryCount
    entryCovered += other.entryCovered
  }

  /// The documents counted as records (no words or characters known), for a matrix without
  /// documents.csv.
  var documentRecords: [DocumentRecord] {
    zip(documents, cases).map { id, caseName in
      DocumentRecord(
        document: id, caseName: caseName, kind: .document, characters: 0, words: 0, tokens: 0, sentences: 0)
    }
  }
}
