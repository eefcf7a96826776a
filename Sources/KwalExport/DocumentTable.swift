public import Foundation
public import KwalModel

/// `documents.csv` gathered while a run writes: each document's fixed columns are encoded once
/// into one buffer, and attributes are kept only for the documents that have them. A corpus of
/// many small documents then costs about a hundred bytes per document instead of a record of
/// strings, and the file is written in pieces rather than built whole.
///
/// Rows by document id; the attribute columns come after the fixed ones, sorted by name, empty
/// where a document has no such attribute.
struct DocumentTable {
  /// The fixed columns of every row, one after another, each row without its line end.
  private var bytes: [UInt8] = []
  /// Where each row ends in `bytes`.
  private var rowEnds: [Int] = []
  /// Each row's attributes (those that are not fixed columns), by row, for the rows that have some.
  private var attributes: [Int: [String: String]] = [:]
  private var attributeNames: Set<String> = []
  /// The last id added and whether the ids so far came in ascending order (the order a run codes
  /// a corpus in); otherwise the rows are sorted when written.
  private var lastID: String?
  private var ascending = true
  /// The ids of the rows added after the ids stopped ascending (the others are read back from
  /// their rows when sorting).
  private var laterIDs: [Int: String] = [:]

  private static let fixed = Set(CodingFiles.documentColumns)

  var count: Int { rowEnds.count }

  /// Adds a document's row.
  mutating func append(_ record: DocumentRecord) {
    if let lastID, ascending, record.document < lastID { ascending = false }
    lastID = record.document
    if !ascending { laterIDs[rowEnds.count] = record.document }
    let fields = [
      record.document, record.caseName, record.kind.rawValue, record.title ?? "", record.date ?? "",
    ]
    for (index, field) in fields.enumerated() {
      if index > 0 { bytes.append(0x2C) }
      CSVTable.appendField(field, to: &bytes)
    }
    for number in [record.characters, record.words, record.tokens, record.sentences] {
      bytes.append(0x2C)
      bytes.append(contentsOf: String(number).utf8)
    }
    rowEnds.append(bytes.count)
    let own = record.attributes.filter { !Self.fixed.contains($0.key) }
    if !own.isEmpty {
      attributes[rowEnds.count - 1] = own
      attributeNames.formUnion(own.keys)
    }
  }

  /// The row order: as added when the ids ascended, else by id.
  private func order() -> [Int] {
    let rows = Array(0..<rowEnds.count)
    guard !ascending else { return rows }
    let keys = rows.map { row in laterIDs[row] ?? firstField(of: row) }
    return rows.sorted { keys[$0] < keys[$1] }
  }

  /// The first field of a row, unquoted.
  private func firstField(of row: Int) -> String {
    let start = row == 0 ? 0 : rowEnds[row - 1]
    let slice = bytes[start..<rowEnds[row]]
    guard slice.first == 0x22 else { return String(decoding: slice.prefix { $0 != 0x2C }, as: UTF8.self) }
    var field: [UInt8] = []
    var index = slice.startIndex + 1
    while index < slice.endIndex {
      if slice[index] == 0x22 {
        if index + 1 < slice.endIndex, slice[index + 1] == 0x22 {
          field.append(0x22)
          index += 2
          continue
        }
        break
      }
      field.append(slice[index])
      index += 1
    }
    return String(decoding: field, as: UTF8.self)
  }

  /// Writes the whole file through `write`, in pieces of about a megabyte.
  func write<Failure: Error>(_ write: (Data) throws(Failure) -> Void) throws(Failure) {
    let names = attributeNames.sorted()
    var chunk: [UInt8] = []
    chunk.reserveCapacity(1 << 20)
    for (index, name) in (CodingFiles.documentColumns + names).enumerated() {
      if index > 0 { chunk.append(0x2C) }
      CSVTable.appendField(name, to: &chunk)
    }
    chunk.append(0x0A)
    for row in order() {
      chunk.append(contentsOf: bytes[(row == 0 ? 0 : rowEnds[row - 1])..<rowEnds[row]])
      let own = attributes[row]
      for name in names {
        chunk.append(0x2C)
        if let value = own?[name] { CSVTable.appendField(value, to: &chunk) }
      }
      chunk.append(0x0A)
      if chunk.count >= 1 << 20 {
        try write(Data(chunk))
        chunk.removeAll(keepingCapacity: true)
      }
    }
    try write(Data(chunk))
  }
}
