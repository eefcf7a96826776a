public import KwalModel

/// A quoted coded segment in a framework matrix cell.
public struct FrameworkQuote: Sendable, Hashable {
  /// The document.
  public var document: String
  /// The first scalar.
  public var start: Int
  /// The scalar after the last.
  public var end: Int
  /// The code the segment was coded with (the cell's code or a descendant).
  public var code: String
  /// The coded text.
  public var text: String
  /// The number of matched words (the rule evidence) behind the coding.
  public var evidence: Int
  /// The memos on the passage or on this coding (`title: text`).
  public var memos: [String] = []
}

/// A framework matrix as NVivo makes them: cases (or other column values) × codes, with the K most
/// representative coded segments per cell.
///
/// Representative means: most matched words (the strongest rule evidence) first, then the
/// shorter segment, then document order. A parent code's cell draws on its descendants too.
public struct FrameworkMatrix: Sendable, Hashable {
  /// The row values (cases by default).
  public var rows: [String]
  /// The column codes.
  public var codes: [String]
  /// The codes' labels.
  public var labels: [String]
  /// `cells[row][code]`: at most K quotes.
  public var cells: [[[FrameworkQuote]]]
  /// `counts[row][code]`: all distinct coded segments in the cell.
  public var counts: [[Int]]
  /// The column key.
  public var by: String

  /// Builds the framework matrix with `quotes` segments per cell.
  public static func compute(_ input: AnalysisInput, by: [ColumnKey] = [.caseName], level: Int? = nil, quotes: Int)
    throws(AnalysisError) -> FrameworkMatrix
  {
    guard quotes >= 1 else { throw AnalysisError(.usage, "--quotes must be 1 or more") }
    let prepared = try PreparedInput(input)
    let grouping = try ColumnGrouping(keys: by, input: prepared, documentsFile: input.documentsFile)
    let matrixRows = try MatrixRows(tree: prepared.tree, level: level)
    var candidates = [[[Int]]](
      repeating: [[Int]](repeating: [], count: matrixRows.rows.count), count: grouping.names.count)
    for coding in 0..<prepared.codingCount {
      let column = grouping.columnOfDocument[Int(prepared.codingDocument[coding])]
      for row in matrixRows.rowsOfCode[Int(prepared.codingCode[coding])] { candidates[column][row].append(coding) }
    }
    let codings = input.codings
    // The number of distinct matched words of each coding (a file may list a word twice).
    let distinctWords = codings.map { coding in
      Set(coding.matched.map { [$0.start, $0.end] }).count
    }
    func better(_ lhs: Int, _ rhs: Int) -> Bool {
      let l = codings[lhs]
      let r = codings[rhs]
      if distinctWords[lhs] != distinctWords[rhs] { return distinctWords[lhs] > distinctWords[rhs] }
      if l.end - l.start != r.end - r.start { return l.end - l.start < r.end - r.start }
      if l.document != r.document { return l.document < r.document }
      if l.start != r.start { return l.start < r.start }
      return lhs < rhs
    }
    var cells: [[[FrameworkQuote]]] = []
    var counts: [[Int]] = []
    for column in candidates.indices {
      var rowCells: [[FrameworkQuote]] = []
      var rowCounts: [Int] = []
      for row in candidates[column].indices {
        var seen = Set<String>()
        var distinct: [Int] = []
        for coding in candidates[column][row] {
          let record = codings[coding]
          if seen.insert("\(record.document)\u{0}\(record.start)\u{0}\(record.end)").inserted {
            distinct.append(coding)
          }
        }
        rowCounts.append(distinct.count)
        rowCells.append(
          distinct.sorted(by: better).prefix(quotes).map { coding in
            let record = codings[coding]
            return FrameworkQuote(
              document: record.document, start: record.start, end: record.end, code: record.code, text: record.text,
              evidence: record.matched.count)
          })
      }
      cells.append(rowCells)
      counts.append(rowCounts)
    }
    let tree = prepared.tree
    return FrameworkMatrix(
      rows: grouping.names, codes: matrixRows.rows.map { tree.codes[$0] },
      labels: matrixRows.rows.map { tree.labels[$0] },
      cells: cells, counts: counts, by: by.map(\.description).joined(separator: "/"))
  }

  /// Attaches each memo on a passage or a coding to the quotes it is about (a coding's memo
  /// only to quotes coded with its code).
  public mutating func attach(_ memos: [MemoRecord]) {
    let byDocument = Dictionary(grouping: memos.filter { $0.start != nil && !$0.document.isEmpty }, by: \.document)
    guard !byDocument.isEmpty else { return }
    for row in cells.indices {
      for column in cells[row].indices {
        for index in cells[row][column].indices {
          let quote = cells[row][column][index]
          for memo in byDocument[quote.document] ?? []
          where memo.isAbout(document: quote.document, start: quote.start, end: quote.end, code: quote.code) {
            cells[row][column][index].memos.append(memo.line)
          }
        }
      }
    }
  }

  /// One row per quote: `by value, code, rank, document, start, end, coded_with, segments, text,
  /// memos` (memos joined by ` | `).
  public func table() -> ResultTable {
    var rows: [[TableValue]] = []
    for (row, name) in self.rows.enumerated() {
      for (column, code) in codes.enumerated() {
        for (rank, quote) in cells[row][column].enumerated() {
          rows.append([
            .text(name), .text(code), .integer(rank + 1), .text(quote.document), .integer(quote.start),
            .integer(quote.end),
            .text(quote.code), .integer(counts[row][column]), .text(quote.text),
            .text(quote.memos.joined(separator: " | ")),
          ])
        }
      }
    }
    return ResultTable(
      title: "Framework matrix: \(by) x codes",
      columns: [by, "code", "rank", "document", "start", "end", "coded_with", "segments", "text", "memos"], rows: rows,
      notes: [FrameworkMatrix.rankingNote])
  }

  public static let rankingNote =
    "Quotes per cell: the segments with the most matched words first, then the shorter, then in document order; a parent code's cell includes its descendants' segments."

}
