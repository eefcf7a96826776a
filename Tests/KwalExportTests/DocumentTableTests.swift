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

  /// Fixed columns, then the attributes the documents have between them, sorted, empty where a
  /// document lacks one (an attribute named as a fixed column is not repeated); quoted fields.
  @Test func fixedColumnsThenAttributes() throws {
    let records = [
      record("a/een.txt", title: "Een, twee"),
      record("a/twee.txt", attributes: ["fase": "start", "title": "not a column twice"]),
      record("b/\"drie\".txt", attributes: ["actor": "gemeente\nNoord"]),
    ]
    var table = DocumentTable()
    for record in records { table.append(record) }
    #expect(table.count == 3)
    let expected = [
      "document,case,kind,title,date,characters,words,tokens,sentences,actor,fase",
      #"a/een.txt,"casus, ""A""",interview,"Een, twee",2024-03-01,120,20,24,3,,"#,
      #"a/twee.txt,"casus, ""A""",interview,,2024-03-01,120,20,24,3,,start"#,
      #""b/""drie"".txt","casus, ""A""",interview,,2024-03-01,120,20,24,3,"gemeente"#,
      #"Noord","#,
    ].map { $0 + "\n" }.joined()
    #expect(try written(table) == Data(expected.utf8))
    #expect(CodingFiles.documentsCSV(records) == Data(expected.utf8))
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
    let rest = #","casus, ""A""",interview,,2024-03-01,120,20,24,3,"#
    let expected = [
      "document,case,kind,title,date,characters,words,tokens,sentences,fase",
      #""""e"".txt""#, "a.txt", "b.txt", "c.txt", #""d, ""x"".txt""#,
    ].enumerated().map { index, id in
      index == 0 ? id + "\n" : id + rest + (id == "c.txt" ? "2" : "") + "\n"
    }.joined()
    #expect(try written(table) == Data(expected.utf8))
    #expect(try written(table) == CodingFiles.documentsCSV(records.sorted { $0.document < $1.document }))
  }

  /// An empty table is the header alone.
  @Test func emptyTableIsTheHeader() throws {
    #expect(
      try written(DocumentTable()) == Data("document,case,kind,title,date,characters,words,tokens,sentences\n".utf8))
  }
}
