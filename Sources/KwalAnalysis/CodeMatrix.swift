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
