import CSV
import Foundation
import KwalAnalysis
import KwalModel
import Testing

@testable import KwalExport

/// CSV.swift's reading of the same bytes: the reference the byte-level reader is held to.
enum ReferenceCSV {
  static func records(_ data: Data) throws -> [[String]] {
    let reader = try CSVReader(string: String(decoding: data, as: UTF8.self), hasHeaderRow: false)
    var rows: [[String]] = []
    while let row = reader.next() { rows.append(row) }
    return rows
  }

  static func parse(_ data: Data) throws -> (header: [String], rows: [[String]]) {
    let records = try records(data)
    return (records.first ?? [], Array(records.dropFirst()))
  }
}

@Suite("CSV read on bytes")
struct CSVScannerTests {
  func records(_ text: String) throws -> [[String]] {
    let data = Data(text.utf8)
    return try data.withUnsafeBytes { raw in
      var scanner = CSVScanner(raw.bindMemory(to: UInt8.self))
      var rows: [[String]] = []
      while try scanner.next() { rows.append(scanner.strings()) }
      return rows
    }
  }

  /// Random well-formed files (quoted and unquoted fields, doubled quotes, separators and line
  /// breaks inside quotes, LF, CRLF and CR line ends, empty fields, Dutch and emoji) read the same
  /// as CSV.swift reads them.
  @Test func wellFormedFilesReadAsTheCSVLibraryReadsThem() throws {
    var random = SplitMix64(seed: 7)
    let pieces = ["a", "één", "x y", ",", "\"", "\n", "\r\n", "🙂", "12", " ", "Ruud's", "\t"]
    for _ in 0..<1_500 {
      let lineEnd = ["\n", "\r\n", "\r"][random.next(3)]
      var text = ""
      let columns = 1 + random.next(4)
      let recordCount = 1 + random.next(6)
      for record in 0..<recordCount {
        for column in 0..<columns {
          if column > 0 { text += "," }
          var field = ""
          for _ in 0..<random.next(4) { field += pieces[random.next(pieces.count)] }
          // An unquoted empty field alone on its line would be an empty line; quote it.
          let special = field.contains { ",\"\n\r".contains($0) } || field.unicodeScalars.contains("\r")
          if special || random.next(4) == 0 || (columns == 1 && field.isEmpty) {
            text += "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
          } else {
            text += field
          }
        }
        // Every record but the last ends with a line end; the last one may.
        if record < recordCount - 1 || random.next(2) == 0 { text += lineEnd }
      }
      let expected = try ReferenceCSV.records(Data(text.utf8))
      #expect(try records(text) == expected, "\(text.debugDescription)")
    }
  }

  /// Outside the grammar the reader does what spreadsheet programs and Python's `csv` do, and says
  /// it met a stray quote.
  @Test func strayQuotesAreReadAsPythonReadsThem() throws {
    #expect(try records("a,\"b\"c,d\n") == [["a", "bc", "d"]])
    #expect(try records("5\" scherm,x\n") == [["5\" scherm", "x"]])
    #expect(try records("\"a\"\"b\"x\"y\",z") == [["a\"bx\"y\"", "z"]])
    let data = Data("a,b\"c\n".utf8)
    data.withUnsafeBytes { raw in
      var scanner = CSVScanner(raw.bindMemory(to: UInt8.self))
      _ = try? scanner.next()
      #expect(scanner.sawStrayQuote)
    }
  }

  /// Bytes as Python's csv module writes them with QUOTE_ALL, CRLF and a byte order mark
  /// (utf-8-sig), the way pandas and spreadsheet exports often come: numbers quoted too.
  @Test func codingsWrittenByPythonWithEveryFieldQuotedReadBack() throws {
    let bytes =
      "\u{FEFF}\"document\",\"case\",\"start\",\"end\",\"code\",\"text\"\r\n"
      + "\"a.txt\",\"Zuid\",\"0\",\"4\",\"costs\",\"Een \"\"dure\"\"\r\nzaak\"\r\n"
    let codings = try CodingFiles.codings(csv: Data(bytes.utf8), file: "py.csv", defaultCoder: "py")
    #expect(
      codings == [
        CodingRecord(
          document: "a.txt", caseName: "Zuid", start: 0, end: 4, code: "costs", coder: "py",
          text: "Een \"dure\"\r\nzaak")
      ])
  }

  @Test func anUnclosedQuoteIsNamedByTheLineItOpensOn() {
    let failure = #expect(throws: CSVScanner.Failure.self) { try records("a,b\n1,2\n3,\"vier\nvijf\n") }
    #expect(failure?.line == 3)
    let error = #expect(throws: ExportError.self) {
      try CSVTable.parse(Data("a,b\n1,2\n3,\"vier\nvijf\n".utf8), file: "x.csv")
    }
    #expect(error?.description.hasPrefix("x.csv:3: error: a quoted field starts here and is never closed") == true)
  }

  @Test func linesCountLineBreaksInsideQuotedFields() {
    let error = #expect(throws: ExportError.self) {
      try CSVTable.parse(Data("a,b\n1,\"twee\nregels\"\n3\n".utf8), file: "x.csv")
    }
    #expect(error?.location?.line == 4)
  }

  @Test func integersAreReadFromBytes() {
    func integer(_ text: String) -> Int? {
      Array(text.utf8).withUnsafeBufferPointer { CSVScanner.integer($0) }
    }
    #expect(integer("0") == 0)
    #expect(integer("1234567") == 1_234_567)
    #expect(integer("-12") == -12)
    #expect(integer("+5") == 5)
    #expect(integer("") == nil)
    #expect(integer("-") == nil)
    #expect(integer(" 5") == nil)
    #expect(integer("5x") == nil)
    #expect(integer("99999999999999999999") == nil)
  }

  /// A large file with a stray quote cannot be cut by quote parity; it is read again in one
  /// piece and gives what one reading gives.
  @Test func largeFilesWithStrayQuotesAreReadInOnePiece() throws {
    var text = "id,text\n"
    for number in 0..<80_000 {
      text += number == 10 ? "\(number),5\" scherm\n" : "\(number),\"regel \(number), met komma\"\n"
    }
    let table = try CSVTable.parse(Data(text.utf8), file: "x.csv")
    #expect(table.rows.count == 80_000)
    #expect(table.rows[10] == ["10", "5\" scherm"])
    #expect(table.rows[79_999] == ["79999", "regel 79999, met komma"])
  }

  @Test func invalidUTF8IsAnErrorOnItsLine() {
    var data = Data("a,b\n1,2\n3,".utf8)
    data.append(contentsOf: [0xC3, 0x28, 0x0A])
    let error = #expect(throws: ExportError.self) { try CSVTable.parse(data, file: "x.csv") }
    #expect(error?.location?.line == 3)
  }

  @Test func theInternerGivesOneStringPerByteSequence() {
    var interner = StringInterner()
    var seen: [String] = []
    for round in 0..<2 {
      for number in 0..<5_000 {
        let value = Array("code-\(number)-é".utf8).withUnsafeBufferPointer { interner.string($0) }
        if round == 0 { seen.append(value ?? "") } else { #expect(value == seen[number]) }
      }
    }
    #expect(Array("".utf8).withUnsafeBufferPointer { interner.string($0) } == "")
    #expect([UInt8]([0xFF]).withUnsafeBufferPointer { interner.string($0) } == nil)
  }
}

extension SplitMix64 {
  fileprivate mutating func next(_ bound: Int) -> Int { Int.random(in: 0..<bound, using: &self) }
}
