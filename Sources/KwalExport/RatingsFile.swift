public import Foundation
public import KwalAnalysis
public import KwalModel

/// Tidy `unit,coder,value` ratings files, read on bytes: units, coders and values are numbered as
/// they are first seen, so a file of a million ratings makes a string per distinct name only.
public enum RatingsFile {
  /// The ratings of `data` (the contents of `file`): an empty value is missing data, spaces and
  /// tabs around a field are ignored, an empty unit or coder is an error naming the line.
  public static func read(_ data: Data, file: String) throws(ExportError) -> IndexedRatings {
    var (_, parts) = try CSVScanner.readPieces(
      data, file: file,
      prepare: { (header) throws(ExportError) -> Columns in try Columns(header: header, file: file) }
    ) { (scanner: inout CSVScanner, columns: Columns) throws(ExportError) -> IndexedRatings in
      var units = StringInterner()
      var coders = StringInterner()
      var values = StringInterner()
      var ratings = IndexedRatings()
      while try scanner.nextRow(file: file, columns: columns.count) {
        guard let unit = try entry(scanner, columns.unit, &units, file: file) else {
          throw scanner.error("empty unit", file: file)
        }
        guard let coder = try entry(scanner, columns.coder, &coders, file: file) else {
          throw scanner.error("empty coder", file: file)
        }
        let value = try entry(scanner, columns.value, &values, file: file) ?? -1
        ratings.append(unit: unit, coder: coder, value: value)
      }
      ratings.units = units.all
      ratings.coders = coders.all
      ratings.values = values.all
      return ratings
    }
    if parts.count == 1 { return parts.removeFirst() }
    return merged(parts)
  }

  /// The line of every rating in `data` (1-based physical lines), for error messages.
  public static func lines(_ data: Data) -> [Int] {
    data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [Int] in
      var scanner = CSVScanner(CSVScanner.withoutByteOrderMark(raw))
      var lines: [Int] = []
      var header = true
      while (try? scanner.next()) == true {
        if header {
          header = false
          continue
        }
        if scanner.count == 1 && scanner.isEmpty(0) { continue }
        lines.append(scanner.line)
      }
      return lines
    }
  }

  /// The columns a ratings file must have.
  struct Columns: Sendable {
    let count: Int
    let unit: Int
    let coder: Int
    let value: Int

    init(header: [String], file: String) throws(ExportError) {
      count = header.count
      unit = try CSVTable.column("unit", in: header, file: file)
      coder = try CSVTable.column("coder", in: header, file: file)
      value = try CSVTable.column("value", in: header, file: file)
    }
  }

  /// The number of field `column`'s trimmed text in `table`, or nil when it is empty.
  private static func entry(
    _ scanner: borrowing CSVScanner, _ column: Int, _ table: inout StringInterner, file: String
  ) throws(ExportError) -> Int32? {
    let found: Int?? = scanner.withField(column) { field -> Int?? in
      var start = 0
      var end = field.count
      while start < end && (field[start] == 0x20 || field[start] == 0x09) { start += 1 }
      while end > start && (field[end - 1] == 0x20 || field[end - 1] == 0x09) { end -= 1 }
      if start == end { return .some(nil) }
      if field[start] < 0x80 && field[end - 1] < 0x80 {
        guard let index = table.entry(UnsafeBufferPointer(rebasing: field[start..<end])) else { return nil }
        return .some(index)
      }
      // Other white space (a no-break space) around the text: trimmed as text.
      guard let text = String(validating: UnsafeBufferPointer(rebasing: field[start..<end]), as: UTF8.self) else {
        return nil
      }
      var trimmed = text.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty { return .some(nil) }
      return .some(trimmed.withUTF8 { table.entry($0) })
    }
    guard let found else { throw scanner.error("not valid UTF-8 in column \(column + 1)", file: file) }
    return found.map { Int32($0) }
  }

  /// The pieces' ratings as one, names numbered again in the order first seen over the file.
  private static func merged(_ parts: [IndexedRatings]) -> IndexedRatings {
    var result = IndexedRatings()
    result.reserve(parts.reduce(0) { $0 + $1.count })
    var units: [String: Int32] = [:]
    var coders: [String: Int32] = [:]
    var values: [String: Int32] = [:]
    func renumber(_ names: [String], _ table: inout [String: Int32], _ all: inout [String]) -> [Int32] {
      names.map { name in
        if let index = table[name] { return index }
        let index = Int32(all.count)
        table[name] = index
        all.append(name)
        return index
      }
    }
    for part in parts {
      let unit = renumber(part.units, &units, &result.units)
      let coder = renumber(part.coders, &coders, &result.coders)
      let value = renumber(part.values, &values, &result.values)
      for row in 0..<part.count {
        let rated = part.value[row]
        result.append(
          unit: unit[Int(part.unit[row])], coder: coder[Int(part.coder[row])], value: rated < 0 ? -1 : value[Int(rated)]
        )
      }
    }
    return result
  }
}
