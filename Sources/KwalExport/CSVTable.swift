public import Foundation
public import KwalModel

/// A CSV table in memory: a header and rows of fields (RFC 4180 quoting).
public struct CSVTable: Sendable, Hashable {
  /// The column names.
  public var header: [String]
  /// The rows; every row has as many fields as the header.
  public var rows: [[String]]

  /// Creates a table.
  public init(header: [String], rows: [[String]] = []) {
    self.header = header
    self.rows = rows
  }

  /// The table as CSV bytes: UTF-8, LF line ends, a final line end, fields quoted where needed
  /// (RFC 4180: a field with a comma, a quote, CR or LF is quoted, and its quotes doubled).
  ///
  /// Writing is the hot end of `kwal code` (millions of rows), so fields are encoded here on UTF-8
  /// bytes; reading goes through ``CSVScanner``, and the tests read every written table back with
  /// CSV.swift as well.
  public func csvData(delimiter: String = ",", includeHeader: Bool = true) throws(ExportError) -> Data {
    guard let separator = delimiter.utf8.first, delimiter.utf8.count == 1 else {
      throw ExportError(.usage, "a CSV delimiter must be one ASCII character")
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity((rows.count + 1) * 64)
    func append(_ row: [String]) {
      for (index, field) in row.enumerated() {
        if index > 0 { bytes.append(separator) }
        Self.appendField(field, to: &bytes, separator: separator)
      }
      bytes.append(0x0A)
    }
    if includeHeader { append(header) }
    for row in rows { append(row) }
    return Data(bytes)
  }

  /// Appends one CSV field to `bytes`, quoted when it holds the separator, a quote, CR or LF
  /// (RFC 4180), with its quotes doubled.
  @inlinable
  public static func appendField(_ field: String, to bytes: inout [UInt8], separator: UInt8 = 0x2C) {
    var field = field
    field.withUTF8 { appendField(utf8: $0, to: &bytes, separator: separator) }
  }

  /// Appends one CSV field given as UTF-8 bytes (see ``appendField(_:to:separator:)``).
  @inlinable
  public static func appendField(
    utf8 field: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8], separator: UInt8 = 0x2C
  ) {
    let (needsQuotes, hasQuote) = quoting(of: field, separator: separator)
    guard needsQuotes else {
      bytes.append(contentsOf: field)
      return
    }
    bytes.append(0x22)
    if hasQuote {
      // Copy the stretches between quotes whole; double every quote.
      var start = 0
      for (index, byte) in field.enumerated() where byte == 0x22 {
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: field[start...index]))
        bytes.append(0x22)
        start = index + 1
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: field[start...]))
    } else {
      bytes.append(contentsOf: field)
    }
    bytes.append(0x22)
  }

  /// Whether a field must be quoted (it holds the separator, a quote, CR or LF: RFC 4180) and
  /// whether it holds a quote (to be doubled).
  @inlinable
  public static func quoting(of field: UnsafeBufferPointer<UInt8>, separator: UInt8) -> (
    needsQuotes: Bool, hasQuote: Bool
  ) {
    var needsQuotes = false
    for byte in field where byte == separator || byte == 0x22 || byte == 0x0A || byte == 0x0D {
      needsQuotes = true
      if byte == 0x22 { return (true, true) }
    }
    return (needsQuotes, false)
  }

  /// Appends an integer's decimal digits to `bytes` (a minus sign first when negative).
  @inlinable
  public static func appendInteger(_ value: Int, to bytes: inout [UInt8]) {
    if value < 0 { bytes.append(0x2D) }
    appendInteger(value.magnitude, to: &bytes)
  }

  /// Appends an unsigned integer's decimal digits to `bytes`.
  @inlinable
  public static func appendInteger(_ value: UInt, to bytes: inout [UInt8]) {
    // The digits (20 at most) are written from the end of a small buffer, then appended at once.
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    withUnsafeMutableBytes(of: &digits) { buffer in
      var start = buffer.count
      var rest = value
      repeat {
        start -= 1
        buffer[start] = UInt8(truncatingIfNeeded: rest % 10) &+ 0x30
        rest /= 10
      } while rest > 0
      bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start...]))
    }
  }

  /// The table as tab-separated values (tabs and line breaks inside fields become spaces).
  public func tsvData() -> Data {
    func clean(_ field: String) -> String {
      String(field.map { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }
    var text = header.map(clean).joined(separator: "\t") + "\n"
    for row in rows { text += row.map(clean).joined(separator: "\t") + "\n" }
    return Data(text.utf8)
  }

  /// Reads a CSV file with a header row; `file` names it in errors.
  public static func read(_ url: URL) throws(ExportError) -> CSVTable {
    try parse(try CSVScanner.contents(of: url), file: url.path)
  }

  /// Parses CSV bytes with a header row (see ``CSVScanner`` for the grammar). A leading BOM and
  /// CRLF line ends are accepted; empty lines are skipped; every row must have as many fields as
  /// the header. Errors name the file and line.
  public static func parse(_ data: Data, file: String) throws(ExportError) -> CSVTable {
    let header: [String]
    var parts: [[[String]]]
    (header, parts) = try CSVScanner.readPieces(data, file: file, prepare: { $0 }) {
      (scanner: inout CSVScanner, header: [String]) throws(ExportError) -> [[String]] in
      var rows: [[String]] = []
      while try scanner.nextRow(file: file, columns: header.count) {
        var row: [String] = []
        row.reserveCapacity(scanner.count)
        for index in 0..<scanner.count {
          guard let field = scanner.string(index) else {
            throw scanner.error("not valid UTF-8 in field \(index + 1)", file: file)
          }
          row.append(field)
        }
        rows.append(row)
      }
      return rows
    }
    return CSVTable(header: header, rows: CSVScanner.joined(&parts))
  }

  /// The index of column `name`, or an error naming the file and the missing column.
  public func column(_ name: String, file: String) throws(ExportError) -> Int {
    try Self.column(name, in: header, file: file)
  }

  /// The index of column `name` in `header`, or an error naming the file and the missing column.
  public static func column(_ name: String, in header: [String], file: String) throws(ExportError) -> Int {
    guard let index = header.firstIndex(of: name) else {
      throw ExportError(
        .badData, "missing column \"\(name)\" (header: \(header.joined(separator: ",")))",
        at: SourceLocation(file: file, line: 1))
    }
    return index
  }
}
