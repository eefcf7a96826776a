public import KwalModel

/// A code-by-column table of numbers: codes as rows, column values (cases by default) as columns.
public struct CodeMatrix: Sendable, Hashable {
  /// The row codes, in codebook order.
  public var codes: [String]
  /// The column values, sorted.
  public var columns: [String]
  /// `values[row][column]`.
  public var values: [[Double]]

  /// Creates a matrix.
  public init(codes: [String], columns: [String], values: [[Double]]) {
    self.codes = codes
    self.columns = columns
    self.values = values
  }

  /// Coded segments per code and case. `codes` gives the rows and their order (codes that were
  /// never applied get a row of zeros); `cases` adds columns for cases without codings.
  public static func counts(codings: [CodingRecord], codes: [String], cases: [String] = []) -> CodeMatrix {
    let columns = Set(cases).union(codings.map(\.caseName)).sorted()
    var columnIndex: [String: Int] = [:]
    for (index, name) in columns.enumerated() { columnIndex[name] = index }
    var rowIndex: [String: Int] = [:]
    var rows = codes
    for code in codes where rowIndex[code] == nil { rowIndex[code] = rowIndex.count }
    for coding in codings where rowIndex[coding.code] == nil {
      rowIndex[coding.code] = rows.count
      rows.append(coding.code)
    }
    var values = [[Double]](repeating: [Double](repeating: 0, count: columns.count), count: rows.count)
    for coding in codings {
      guard let row = rowIndex[coding.code], let column = columnIndex[coding.caseName] else { continue }
      values[row][column] += 1
    }
    return CodeMatrix(codes: rows, columns: columns, values: values)
  }

  /// The total of each row.
  public var rowTotals: [Double] { values.map { $0.reduce(0, +) } }
}

/// What a matrix cell counts.
public enum MatrixMeasure: String, Sendable, Hashable, CaseIterable {
  /// Coded segments: distinct (document, start, end) spans coded with the code or a descendant.
  case count
  /// 1 when the code occurs in the column, else 0.
  case presence
  /// Documents with the code.
  case documents
  /// Coded segments per 1000 words of the column's documents.
  case perThousandWords = "per-1000-words"
  /// The code's coded segments as a share of all coded segments in the column.
  case share
  /// The share of the column's text (in characters) that the code's segments cover.
  case coverage
}

/// How to build a matrix.
public struct MatrixOptions: Sendable, Hashable {
  /// The column keys (`case` by default; two keys give combined columns such as `north/start`).
  public var by: [ColumnKey]
  /// The measure in the cells.
  public var measure: MatrixMeasure
  /// The deepest level of the code tree to show (1 = roots only); `nil` shows every code.
  public var level: Int?

  /// Creates options.
  public init(by: [ColumnKey] = [.caseName], measure: MatrixMeasure = .count, level: Int? = nil) {
    self.by = by
    self.measure = measure
    self.level = level
  }
}

/// A code matrix with totals and the raw counts behind it.
///
/// Rows are codes in tree order; a parent row rolls up its descendants (a segment coded with a
/// parent and a child counts once). The `total` row is computed over all coded segments (any
/// code), the `total` column over all columns pooled, with the same measure.
public struct MatrixReport: Sendable, Hashable {
  /// The measure in ``values``.
  public var measure: MatrixMeasure
  /// The column keys.
  public var by: [ColumnKey]
  /// The row codes.
  public var codes: [String]
  /// The row codes' labels.
  public var labels: [String]
  /// The row codes' depths (1 = root).
  public var depths: [Int]
  /// The column names, sorted.
  public var columns: [String]
  /// `values[row][column]` in the measure; `nil` where undefined (no words, no text).
  public var values: [[Double?]]
  /// The `total` column: each row over all columns.
  public var rowTotals: [Double?]
  /// The `total` row: all coded segments (any code), per column.
  public var columnTotals: [Double?]
  /// The `total` row's `total` column.
  public var grandTotal: Double?
  /// Coded segments per row and column (the `count` measure), for keyness.
  public var counts: [[Int]]
  /// Coded segments with any code per column.
  public var columnCodings: [Int]
  /// Words per column (from documents.csv; 0 when unknown).
  public var columnWords: [Int]
  /// Sentences per column (from documents.csv; 0 when unknown).
  public var columnSentences: [Int]
  /// Characters per column (from documents.csv; 0 when unknown).
  public var columnCharacters: [Int]

  /// The matrix as a table: `code`, one column per column value, `total`; the last row is `total`.
  public func table() -> ResultTable {
    var rows: [[TableValue]] = []
    for (row, code) in codes.enumerated() {
      rows.append([.text(code)] + values[row].map(TableValue.optional) + [.optional(rowTotals[row])])
    }
    rows.append([.text("total")] + columnTotals.map(TableValue.optional) + [.optional(grandTotal)])
    return ResultTable(
      title: "Codes by \(by.map(\.description).joined(separator: ", ")) (\(measure.rawValue))",
      columns: ["code"] + columns + ["total"], rows: rows,
      about: [("measure", .text(measure.rawValue)), ("by", .text(by.map(\.description).joined(separator: ",")))],
      notes: [
        "Parent codes roll up their descendants; a segment coded with a parent and a child counts once.",
        "The total row counts coded segments with any code; the total column pools all columns.",
      ])
  }

  /// The table for people: codes indented by depth and labelled.
  public func readableTable() -> ResultTable {
    var table = table()
    for row in codes.indices {
      let indent = String(repeating: "· ", count: max(0, depths[row] - 1))
      let label = labels[row] == codes[row] ? codes[row] : "\(codes[row]) (\(labels[row]))"
      table.rows[row][0] = .text(indent + label)
    }
    return table
  }
}

/// The codes behind each matrix row: rows, and for every code the rows it rolls up into.
struct MatrixRows: Sendable {
  /// The tree indices of the rows.
  var rows: [Int]
  /// For every tree code, the rows it counts in (itself and its ancestors that are rows).
  var rowsOfCode: [[Int]]

  init(tree: CodeTree, level: Int?) throws(AnalysisError) {
    if let level, level < 1 { throw AnalysisError(.usage, "--level must be 1 or more (1 = root codes only)") }
    var rowOfCode = [Int?](repeating: nil, count: tree.count)
    var rows: [Int] = []
    for code in 0..<tree.count where level.map({ tree.depths[code] <= $0 }) ?? true {
      rowOfCode[code] = rows.count
      rows.append(code)
    }
    self.rows = rows
    self.rowsOfCode = (0..<tree.count).map { code in tree.selfAndAncestors(code).compactMap { rowOfCode[$0] } }
  }
}

extension MatrixReport {
  /// Builds the matrix of `input` with `options`.
  public static func compute(_ input: AnalysisInput, options: MatrixOptions = MatrixOptions()) throws(AnalysisError)
    -> MatrixReport
  {
    let prepared = try PreparedInput(input)
    try checkMeasure(options.measure, hasDocumentTable: prepared.hasDocumentTable, input: input)
    var tally = try MatrixTally(tree: prepared.tree, level: options.level)
    // The codings of each document, in file order, given to the tally one document at a time.
    let documentOf = prepared.codingDocument
    var firstOfDocument = [Int](repeating: 0, count: prepared.documents.count + 1)
    for document in documentOf { firstOfDocument[Int(document) + 1] += 1 }
    for index in prepared.documents.indices { firstOfDocument[index + 1] += firstOfDocument[index] }
    var next = firstOfDocument
    var byDocument = [Int32](repeating: 0, count: prepared.codingCount)
    for coding in 0..<prepared.codingCount {
      let document = Int(documentOf[coding])
      byDocument[next[document]] = Int32(coding)
      next[document] += 1
    }
    var codings = DocumentCodings(document: "", caseName: "")
    for (index, document) in prepared.documents.enumerated() where firstOfDocument[index + 1] > firstOfDocument[index] {
      codings.reset(document: document.document, caseName: document.caseName)
      for position in firstOfDocument[index]..<firstOfDocument[index + 1] {
        let coding = Int(byDocument[position])
        codings.append(
          code: prepared.codingCode[coding], start: prepared.codingStart[coding], end: prepared.codingEnd[coding])
      }
      tally.add(codings)
    }
    return try compute(
      tally, tree: prepared.tree, documents: prepared.documents, hasDocumentTable: prepared.hasDocumentTable,
      documentsFile: input.documentsFile, options: options)
  }

  /// Builds the matrix from codings counted one document at a time (a codings file streamed;
  /// see ``MatrixTally``): `input` gives the documents (documents.csv), the code tree and the
  /// file names, not the codings. Every coded document must be in `input`'s documents when it
  /// has any, and every code in the tree the tally was made with.
  public static func compute(_ tally: MatrixTally, input: AnalysisInput, options: MatrixOptions = MatrixOptions())
    throws(AnalysisError) -> MatrixReport
  {
    let hasDocumentTable = !input.documents.isEmpty
    try checkMeasure(options.measure, hasDocumentTable: hasDocumentTable, input: input)
    return try compute(
      tally, tree: CodeTree(codebook: input.codebook),
      documents: hasDocumentTable ? input.documents : tally.documentRecords, hasDocumentTable: hasDocumentTable,
      documentsFile: input.documentsFile, options: options)
  }

  private static func checkMeasure(_ measure: MatrixMeasure, hasDocumentTable: Bool, input: AnalysisInput)
    throws(AnalysisError)
  {
    if [.perThousandWords, .coverage].contains(measure), !hasDocumentTable {
      throw AnalysisError(
        .badData,
        "measure \(measure.rawValue) needs \(input.documentsFile) (words and characters per document), which the coding output does not have",
        at: SourceLocation(file: input.documentsFile))
    }
  }

  private static func compute(
    _ tally: MatrixTally, tree: CodeTree, documents: [DocumentRecord], hasDocumentTable: Bool, documentsFile: String,
    options: MatrixOptions
  ) throws(AnalysisError) -> MatrixReport {
    let grouping = try ColumnGrouping(
      keys: options.by, documents: documents, hasDocumentTable: hasDocumentTable, documentsFile: documentsFile)
    let matrixRows = tally.matrixRows
    let rowCount = matrixRows.rows.count
    let columnCount = grouping.names.count
    var documentIndex: [String: Int] = [:]
    documentIndex.reserveCapacity(documents.count)
    for (index, document) in documents.enumerated() { documentIndex[document.document] = index }
    var counts = [[Int]](repeating: [Int](repeating: 0, count: columnCount), count: rowCount + 1)
    var documentCounts = counts
    var covered = counts
    for (position, id) in tally.documents.enumerated() {
      guard let index = documentIndex[id] else { continue }
      let column = grouping.columnOfDocument[index]
      for entry in tally.entryStart[position]..<tally.entryStart[position + 1] {
        let row = Int(tally.entryRow[entry])
        counts[row][column] += tally.entryCount[entry]
        documentCounts[row][column] += 1
        covered[row][column] += tally.entryCovered[entry]
      }
    }

    var words = [Int](repeating: 0, count: columnCount)
    var characters = words
    var sentences = words
    for (index, document) in documents.enumerated() {
      let column = grouping.columnOfDocument[index]
      words[column] += document.words
      characters[column] += document.characters
      sentences[column] += document.sentences
    }
    let anyRow = rowCount
    func measure(count: Int, documents: Int, covered: Int, words: Int, characters: Int, codings: Int) -> Double? {
      switch options.measure {
      case .count: return Double(count)
      case .presence: return count > 0 ? 1 : 0
      case .documents: return Double(documents)
      case .perThousandWords: return words > 0 ? Double(count) * 1000 / Double(words) : nil
      case .share: return codings > 0 ? Double(count) / Double(codings) : nil
      case .coverage: return characters > 0 ? Double(covered) / Double(characters) : nil
      }
    }
    func rowValues(_ row: Int) -> (cells: [Double?], total: Double?) {
      let cells = (0..<columnCount).map { column in
        measure(
          count: counts[row][column], documents: documentCounts[row][column], covered: covered[row][column],
          words: words[column], characters: characters[column], codings: counts[anyRow][column])
      }
      let total = measure(
        count: counts[row].reduce(0, +), documents: documentCounts[row].reduce(0, +),
        covered: covered[row].reduce(0, +),
        words: words.reduce(0, +), characters: characters.reduce(0, +), codings: counts[anyRow].reduce(0, +))
      return (cells, total)
    }
    var values: [[Double?]] = []
    var totals: [Double?] = []
    for row in 0..<rowCount {
      let result = rowValues(row)
      values.append(result.cells)
      totals.append(result.total)
    }
    let any = rowValues(anyRow)
    return MatrixReport(
      measure: options.measure, by: options.by, codes: matrixRows.rows.map { tree.codes[$0] },
      labels: matrixRows.rows.map { tree.labels[$0] }, depths: matrixRows.rows.map { tree.depths[$0] },
      columns: grouping.names, values: values, rowTotals: totals, columnTotals: any.cells, grandTotal: any.total,
      counts: Array(counts[0..<rowCount]), columnCodings: counts[anyRow], columnWords: words,
      columnSentences: sentences, columnCharacters: characters)
  }
}
