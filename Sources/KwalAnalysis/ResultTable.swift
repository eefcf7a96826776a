internal import Foundation

/// One cell of a result table.
public enum TableValue: Sendable, Hashable {
  /// Text.
  case text(String)
  /// A whole number.
  case integer(Int)
  /// A real number; NaN and infinities are written as missing.
  case number(Double)
  /// A flag.
  case flag(Bool)
  /// No value (undefined statistic): empty in CSV, `null` in JSON, `–` in Markdown.
  case missing

  /// A number, or missing for `nil`.
  public static func optional(_ value: Double?) -> TableValue { value.map { .number($0) } ?? .missing }

  /// The value as a CSV/TSV field: full precision, shortest round-trip form.
  public var field: String {
    switch self {
    case .text(let text): return text
    case .integer(let value): return String(value)
    case .flag(let value): return value ? "true" : "false"
    case .missing: return ""
    case .number(let value): return TableValue.format(value) ?? ""
    }
  }

  /// Shortest round-trip form; whole numbers without a fraction; nil for NaN and infinities.
  public static func format(_ value: Double) -> String? {
    guard value.isFinite else { return nil }
    if value == 0 { return "0" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return String(value)
  }

  /// The value for people: at most 3 decimals (3 significant digits for small numbers).
  public var display: String {
    switch self {
    case .number(let value):
      guard value.isFinite else { return "–" }
      if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
      if abs(value) < 0.001 { return String(format: "%.2e", value) }
      var text = String(format: "%.3f", value)
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
      return text
    case .missing: return "–"
    default: return field
    }
  }

  /// Whether the value is a number (right-aligned in Markdown).
  public var isNumeric: Bool {
    switch self {
    case .integer, .number: return true
    default: return false
    }
  }

}

/// A table of results: named columns, rows of values, and notes that say how to read it
/// (the correction applied, the unit counted). Renders as Markdown, HTML and JSON here; as CSV
/// and TSV through KwalExport's `CSVTable`.
public struct ResultTable: Sendable, Hashable {
  /// A title for readable formats.
  public var title: String
  /// The column names.
  public var columns: [String]
  /// The rows; each has as many values as there are columns.
  public var rows: [[TableValue]]
  /// Facts about the table, written into JSON (`"about"`) and under Markdown tables.
  public var about: [(key: String, value: TableValue)]
  /// Notes for readers (Markdown, HTML and JSON `"notes"`).
  public var notes: [String]

  /// Creates a table.
  public init(
    title: String, columns: [String], rows: [[TableValue]] = [], about: [(key: String, value: TableValue)] = [],
    notes: [String] = []
  ) {
    self.title = title
    self.columns = columns
    self.rows = rows
    self.about = about
    self.notes = notes
  }

  /// Compares tables field by field.
  public static func == (lhs: ResultTable, rhs: ResultTable) -> Bool {
    lhs.title == rhs.title && lhs.columns == rhs.columns && lhs.rows == rhs.rows && lhs.notes == rhs.notes
      && lhs.about.map(\.key) == rhs.about.map(\.key) && lhs.about.map(\.value) == rhs.about.map(\.value)
  }

  /// Hashes the table.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(title)
    hasher.combine(columns)
    hasher.combine(rows)
  }

  /// The rows as text fields (for CSV and TSV).
  public var fields: [[String]] { rows.map { $0.map(\.field) } }

}
