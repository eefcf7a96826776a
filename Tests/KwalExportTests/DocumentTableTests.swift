import Foundation
import KwalModel
import Testing

@testable import KwalExport

@Suite("documents.csv gathered row by row")
struct DocumentTableTests {
  func record(_ id: String, title: String? = nil, attributes: [String: String] = [:]) -> DocumentRecord {
    DocumentRecord(
      document: id, caseName: "casus, \"A\"", kind: .interview, title: title, date: "2024-03-01", characters: 120,
      words: 20, tokens: 24, sentences: 3, attributes: attributes)
  }

  func written(_ table: DocumentTable) throws -> Data {
    var data = Data()
    try table.write { (piece: Data) throws(ExportError) in data.append(piece) }
    return data
  }

  /// The table's bytes are those of the whole-table writer: fixed columns, then the attributes
  /// every document has between them, sorted, empty where a document lacks one; quoted fields.
  @Test func bytesMatchTheWholeTable() throws {
    let records = [
      record("a/een.txt", title: "Een, twee"),
      record("a/twee.txt", attributes: ["fase": "start", "title": "not a column twice"]),
      record("b/\"drie\".txt", attributes: ["actor": "gemeente\nNoord"]),
    ]
    var table = DocumentTable()
    for record in records { table.append(record) }
    #expect(table.count == 3)
    #expect(try written(table) == CodingFiles.documentsTable(records).csvData())
  }

  /// Documents that come out of id order are written sorted by id, ids with quotes and commas
  /// included (a row whose id was not kept is read back from its first field).
  @Test func rowsOutOfOrderAreSortedByID() throws {
    let records = [
      record("b.txt"), record("d, \"x\".txt"), record("c.txt", attributes: ["fase": "2"]), record("a.txt"),
      record("\"e\".txt"),
    ]
    var table = DocumentTable()
    for record in records { table.append(record) }
    #expect(try written(table) == CodingFiles.documentsTable(records).csvData())
  }

  /// An empty table is the header alone.
  @Test func emptyTableIsTheHeader() throws {
    #expect(try written(DocumentTable()) == CodingFiles.documentsTable([]).csvData())
  }
}
