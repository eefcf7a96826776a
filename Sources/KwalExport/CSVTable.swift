internal import CSV
internal import Dispatch
public import Foundation
public import KwalModel
internal import Synchronization

/// A CSV table in memory: a header and rows of fields (RFC 4180 quoting through CSV.swift).
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
  /// bytes; reading, where the grammar matters, goes through CSV.swift, and the tests read every
  /// written table back with it.
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

  /// Appends a non-negative integer's decimal digits to `bytes`.
  @inlinable
  public static func appendInteger(_ value: Int, to bytes: inout [UInt8]) {
    if value < 0 {
      bytes.append(contentsOf: String(value).utf8)
      return
    }
    // The digits are written from the end of a small buffer, then appended at once.
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
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw ExportError(.missingInput, "cannot read file", at: SourceLocation(file: url.path))
    }
    return try parse(data, file: url.path)
  }

  /// Parses CSV bytes with a header row. A leading BOM and CRLF line ends are accepted.
  public static func parse(_ data: Data, file: String) throws(ExportError) -> CSVTable {
    guard var text = String(data: data, encoding: .utf8) else {
      throw ExportError(.badData, "not valid UTF-8", at: SourceLocation(file: file))
    }
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    if text.isEmpty {
      throw ExportError(.badData, "empty file: no header row", at: SourceLocation(file: file, line: 1))
    }
    // The reader takes a quoted field left open at the end of the file as if it were closed.
    if let line = unclosedQuote(in: text) {
      throw ExportError(
        .badData, "a quoted field starts here and is never closed", at: SourceLocation(file: file, line: line))
    }
    // A large file is read in pieces, one per core: each piece ends at a line end outside quotes,
    // so every piece holds whole records, and the reader parses each; rows keep their order.
    let pieces = recordPieces(
      text, count: text.utf8.count >= parallelThreshold ? ProcessInfo.processInfo.activeProcessorCount : 1)
    text = ""  // the pieces hold the text now
    let parsed = Mutex<[Int: (rows: [[String]], header: [String]?, error: String?)]>([:])
    DispatchQueue.concurrentPerform(iterations: pieces.count) { index in
      var rows: [[String]] = []
      var header: [String]?
      var failure: String?
      do {
        let reader = try CSVReader(string: pieces[index], hasHeaderRow: index == 0)
        header = reader.headerRow
        while let row = reader.next() { rows.append(row) }
        failure = reader.error.map { "\($0)" }
      } catch {
        failure = index == 0 ? nil : "\(error)"
        header = nil
      }
      parsed.withLock { $0[index] = (rows, header, failure) }
    }
    let results = parsed.withLock { $0 }
    guard let first = results[0], let header = first.header else {
      throw ExportError(.badData, "malformed CSV header", at: SourceLocation(file: file, line: 1))
    }
    var rows: [[String]] = []
    var line = 1
    for index in 0..<pieces.count {
      guard let piece = results[index] else { continue }
      for row in piece.rows {
        line += 1
        if row.count == 1 && row[0].isEmpty { continue }
        guard row.count == header.count else {
          throw ExportError(
            .badData, "row has \(row.count) fields, the header has \(header.count)",
            at: SourceLocation(file: file, line: line))
        }
        rows.append(row)
      }
      if let error = piece.error {
        throw ExportError(
          .badData, "malformed CSV after line \(line): \(error)", at: SourceLocation(file: file, line: line + 1))
      }
    }
    return CSVTable(header: header, rows: rows)
  }

  /// Files from this size on are parsed in pieces in parallel.
  static let parallelThreshold = 1 << 21

  /// `text` cut into at most `count` pieces of whole records: each cut is made after a line end
  /// that is outside quoted fields (quotes pair up, see ``unclosedQuote(in:)``).
  static func recordPieces(_ text: String, count: Int) -> [String] {
    guard count > 1 else { return [text] }
    var text = text
    return text.withUTF8 { bytes in
      var cuts: [Int] = [0]
      var open = false
      var target = bytes.count / count
      for (index, byte) in bytes.enumerated() {
        if byte == 0x22 {
          open.toggle()
        } else if byte == 0x0A, !open, index + 1 >= target, index + 1 < bytes.count {
          cuts.append(index + 1)
          if cuts.count == count { break }
          target = bytes.count / count * cuts.count
        }
      }
      cuts.append(bytes.count)
      return (0..<(cuts.count - 1)).map {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[cuts[$0]..<cuts[$0 + 1]]), as: UTF8.self)
      }
    }
  }

  /// The line where a quoted field opens that no quote closes, if any (quotes pair up in valid
  /// CSV: an opening and a closing one, or a doubled one inside a field).
  static func unclosedQuote(in text: String) -> Int? {
    var open = false
    var line = 1
    var openedOn = 1
    for byte in text.utf8 {
      if byte == 0x22 {
        if !open { openedOn = line }
        open.toggle()
      } else if byte == 0x0A {
        line += 1
      }
    }
    return open ? openedOn : nil
  }

  /// The index of column `name`, or an error naming the file and the missing column.
  public func column(_ name: String, file: String) throws(ExportError) -> Int {
    guard let index = header.firstIndex(of: name) else {
      throw ExportError(
        .badData, "missing column \"\(name)\" (header: \(header.joined(separator: ",")))",
        at: SourceLocation(file: file, line: 1))
    }
    return index
  }
}
