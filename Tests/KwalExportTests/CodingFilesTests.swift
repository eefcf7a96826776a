import Foundation
@testable import KwalExport
import KwalModel
import Testing
import KwalTestSupport

@Suite("Coding output files")
struct CodingFilesTests {
  /// Rows spell unit kinds and roles from fixed bytes; they must be the raw values the files
  /// are read back with.
  @Test func fixedFieldsAreTheRawValues() {
    for kind in UnitKind.allCases {
      #expect(CodingFiles.separated(kind).description == ",\(kind.rawValue),")
    }
    for role in SpeakerRole.allCases {
      #expect(CodingFiles.lastField(role).description == ",\(role.rawValue)\n")
    }
    #expect(CodingFiles.lastField(nil).description == ",\n")
  }

  @Test(arguments: [
    ("plain", "plain"), ("", ""), ("a,b", "\"a,b\""), ("\"", "\"\"\"\""), ("\"aan het begin", "\"\"\"aan het begin\""),
    ("aan het eind\"", "\"aan het eind\"\"\""), ("twee \"\" aanhalingstekens", "\"twee \"\"\"\" aanhalingstekens\""),
    ("regel\nregel", "\"regel\nregel\""), ("cr\r", "\"cr\r\""), ("café, ëën", "\"café, ëën\""),
  ])
  func fieldsAreQuotedAsRFC4180Says(_ example: (field: String, encoded: String)) {
    var bytes: [UInt8] = []
    CSVTable.appendField(example.field, to: &bytes)
    #expect(String(decoding: bytes, as: UTF8.self) == example.encoded)
    // The row writer of `kwal code` quotes the same way.
    var row: [UInt8] = [0x78]
    var field = example.field
    field.withUTF8 { utf8 in
      RowWriter.append(to: &row, capacity: RowWriter.maximum(field: utf8.count)) { $0.put(field: utf8) }
    }
    #expect(String(decoding: row, as: UTF8.self) == "x" + example.encoded)
  }

  @Test(arguments: [0, 7, 9, 10, 99, 100, 12_345, 1_000_000, Int.max, -1, -250])
  func integersAreWrittenInDecimal(_ value: Int) {
    var bytes: [UInt8] = [0x78]
    CSVTable.appendInteger(value, to: &bytes)
    #expect(String(decoding: bytes, as: UTF8.self) == "x\(value)")
    var row: [UInt8] = [0x78]
    RowWriter.append(to: &row, capacity: RowWriter.maximumInteger) { $0.put(integer: value) }
    #expect(String(decoding: row, as: UTF8.self) == "x\(value)")
  }

  /// Unsigned numbers past `Int.max` (inode numbers on some network file systems), and `Int.min`.
  @Test func largeAndSmallestIntegersAreWrittenInDecimal() {
    for value in [UInt(0), 1 << 63, UInt.max] {
      var bytes: [UInt8] = []
      CSVTable.appendInteger(value, to: &bytes)
      #expect(String(decoding: bytes, as: UTF8.self) == "\(value)")
    }
    var bytes: [UInt8] = []
    CSVTable.appendInteger(Int.min, to: &bytes)
    #expect(String(decoding: bytes, as: UTF8.self) == "\(Int.min)")
  }

  /// A quoted field left open at the end of a file is an error on the line it opens (the CSV
  /// reader would take it as closed).
  @Test func anUnclosedQuoteIsRefused() throws {
    let text = "a,b\n1,\"twee\"\n3,\"vier \"\"en\"\"\"\n5,\"zes\n"
    let error = #expect(throws: ExportError.self) { try CSVTable.parse(Data(text.utf8), file: "x.csv") }
    #expect(error?.location?.line == 4)
    let fine = try CSVTable.parse(Data("a,b\n1,\"twee, \"\"drie\"\"\nvier\"\n".utf8), file: "y.csv")
    #expect(fine.rows == [["1", "twee, \"drie\"\nvier"]])
  }

  /// Large files are read in pieces in parallel, cut at line ends outside quotes: the rows, their
  /// order and the lines in error messages are those of one reading.
  @Test func largeFilesReadInPiecesGiveTheSameRowsAndLines() throws {
    var records: [CodingRecord] = []
    for number in 0..<60_000 {
      let text = number % 7 == 0 ? "regel \(number)\n\"met\" een, komma" : "zin \(number) één"
      records.append(
        CodingRecord(
          document: "d\(number % 13).txt", caseName: number % 2 == 0 ? "Noord" : "Zuid", unit: .sentence,
          start: number, end: number + 5, code: "c\(number % 5)", coder: "auto:x@1", rules: ["r"],
          matched: [MatchedWord(word: "zin", start: number, end: number + 3)], text: text))
    }
    var data = CodingFiles.codingsCSV(records, presorted: true)
    #expect(data.count > 1 << 21)  // read in pieces, one per core
    let url = Scratch.root.appendingPathComponent("kwal-big-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: url) }
    try data.write(to: url)
    #expect(try CodingFiles.readCodings(url) == records)
    // A bad row near the end is named by its line in an editor (the header is line 1; texts
    // with a line break take two).
    let badLine = data.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    data.append(Data("d.txt,Noord,sentence,9,3,c,auto:x@1,r,,kapot\n".utf8))
    try data.write(to: url)
    let error = #expect(throws: ExportError.self) { try CodingFiles.readCodings(url) }
    #expect(error?.location?.line == badLine)
    // A row with too few fields, in the last piece.
    var short = CodingFiles.codingsCSV(records, presorted: true)
    short.append(Data("d.txt,Noord\n".utf8))
    let table = #expect(throws: ExportError.self) { try CSVTable.parse(short, file: "x.csv") }
    #expect(table?.location?.line == badLine)
  }

  @Test func codingsRoundTripThroughCSVWithQuotingAndUnicode() throws {
    let codings = [
      CodingRecord(
        document: "b.txt", caseName: "Zuid", unit: .sentence, start: 4, end: 30, code: "bridging", coder: "auto:x@1",
        rules: ["r1", "r2"], matched: [MatchedWord(word: "overbrugd", start: 10, end: 19)],
        text: "Hij zei: \"dat is, eh, overbrugd\"\nen klaar 🙂"),
      CodingRecord(document: "a.txt", caseName: "Noord", start: 0, end: 3, code: "costs", coder: "anna", text: "één"),
    ]
    let data = CodingFiles.codingsCSV(codings)
    let back = try CodingFiles.codings(csv: data, file: "codings.csv", defaultCoder: "x")
    #expect(back == codings.sorted(by: CodingRecord.outputOrder))
    #expect(String(decoding: data, as: UTF8.self).hasSuffix("\n"))
  }

  /// Swift calls a composed `é` and `e` + combining acute equal; a file is bytes, and each row
  /// keeps the bytes of its own fields (a coder name typed on macOS is often decomposed).
  @Test func repeatedFieldsKeepTheirOwnBytesUnderCanonicalEquivalence() {
    let composed = "Jos\u{E9}"
    let decomposed = "Jose\u{301}"
    let rows = zip(["caf\u{E9}.txt", "cafe\u{301}.txt"], [composed, decomposed]).map { document, coder in
      CodingRecord(document: document, caseName: "Zuid", start: 0, end: 3, code: "costs", coder: coder, text: "één")
    }
    var bytes: [UInt8] = []
    CodingFiles.appendCodingRows(rows, to: &bytes)
    var expected: [UInt8] = []
    for row in rows {
      var single: [UInt8] = []
      CodingFiles.appendCodingRows([row], to: &single)
      expected += single
    }
    #expect(bytes == expected)
    var units: [UInt8] = []
    let unitRows = [
      UnitRecord(document: "caf\u{E9}.txt", unit: .sentence, start: 0, end: 3),
      UnitRecord(document: "cafe\u{301}.txt", unit: .sentence, start: 4, end: 9),
    ]
    CodingFiles.appendUnitRows(unitRows, presorted: true, to: &units)
    #expect(units == Array("caf\u{E9}.txt,sentence,0,3,,\ncafe\u{301}.txt,sentence,4,9,,\n".utf8))
  }

  @Test(arguments: [
    ("document,start,end,code\na.txt,x,3,c\n", "codings.csv:2: error: start \"x\" is not a non-negative integer"),
    ("document,start,end,code\na.txt,5,3,c\n", "codings.csv:2: error: end \"3\" is not an integer at or after start 5"),
    ("document,start,code\na.txt,1,c\n", "codings.csv:1: error: missing column \"end\""),
    ("document,start,end,code\na.txt,1,2\n", "codings.csv:2: error: row has 3 fields, the header has 4"),
    ("document,start,end,code,unit\na.txt,1,2,c,chapter\n", "codings.csv:2: error: unknown unit \"chapter\""),
    ("", "codings.csv:1: error: empty file: no header row"),
  ])
  func malformedCodingsNameFileAndLine(_ example: (String, String)) {
    do {
      _ = try CodingFiles.codings(csv: Data(example.0.utf8), file: "codings.csv", defaultCoder: "x")
      Issue.record("expected an error")
    } catch {
      #expect(error.description.hasPrefix(example.1), "\(error.description)")
      #expect(error.kind == .badData)
    }
  }

  @Test func humanCodingsWithoutOptionalColumnsGetTheFileNameAsCoder() throws {
    let codings = try CodingFiles.codings(
      csv: Data("\u{FEFF}document,start,end,code\r\na.txt,0,4,x\r\n".utf8), file: "anna.csv", defaultCoder: "anna")
    #expect(
      codings == [CodingRecord(document: "a.txt", caseName: "", start: 0, end: 4, code: "x", coder: "anna", text: "")])
  }

  @Test func atomicWritesLeaveNoTemporaryFiles() throws {
    let folder = Scratch.root.appendingPathComponent("kwal-atomic-\(UUID().uuidString)")
    let target = folder.appendingPathComponent("sub/out.csv")
    try AtomicFile.write("a,b\n", to: target)
    try AtomicFile.write("c,d\n", to: target)
    #expect(try String(contentsOf: target, encoding: .utf8) == "c,d\n")
    let left = try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path)
    #expect(left == ["out.csv"])
  }

  @Test func documentsAndUnitsRoundTrip() throws {
    let folder = Scratch.root.appendingPathComponent("kwal-files-\(UUID().uuidString)")
    let documents = [
      DocumentRecord(
        document: "a.txt", caseName: "Noord", kind: .interview, title: "Gesprek", date: "2020-01-02", characters: 10,
        words: 2, tokens: 3, sentences: 1, attributes: ["phase": "start", "actor": "gemeente"])
    ]
    let units = [UnitRecord(document: "a.txt", unit: .turn, start: 0, end: 10, speaker: "R1", role: .respondent)]
    try AtomicFile.write(
      CodingFiles.documentsCSV(documents), to: folder.appendingPathComponent("documents.csv"))
    try AtomicFile.write(CodingFiles.unitsCSV(units), to: folder.appendingPathComponent("units.csv"))
    try AtomicFile.write(CodingFiles.codingsCSV([]), to: folder.appendingPathComponent("codings.csv"))
    let output = try CodingOutput.read(folder)
    #expect(output.documents == documents)
    #expect(output.units == units)
    #expect(output.codings.isEmpty)
  }

  /// Units read by kind keep only those kinds, in file order, with what reading all gives.
  @Test func unitsAreReadByKind() throws {
    let units = [
      UnitRecord(document: "a.txt", unit: .paragraph, start: 0, end: 20),
      UnitRecord(document: "a.txt", unit: .sentence, start: 0, end: 9),
      UnitRecord(document: "a.txt", unit: .turn, start: 0, end: 20, speaker: "R1", role: .respondent),
      UnitRecord(document: "b.txt", unit: .sentence, start: 3, end: 12, speaker: "I", role: .interviewer),
    ]
    let data = CodingFiles.unitsCSV(units)
    let all = try CodingFiles.units(csv: data, file: "units.csv")
    #expect(Set(all) == Set(units))
    let sentences = try CodingFiles.units(csv: data, file: "units.csv", kinds: [.sentence])
    #expect(sentences == all.filter { $0.unit == .sentence })
    #expect(sentences.count == 2)
  }

  /// The second pass of a reader that counted without texts: whole records at the places asked
  /// for, in file order; rows that share a start with a wanted one are not taken.
  @Test func codingsAreReadAgainWholeAtTheirPlaces() throws {
    let codings = [
      CodingRecord(document: "a.txt", caseName: "Noord", start: 0, end: 4, code: "x", coder: "auto", text: "een"),
      CodingRecord(
        document: "a.txt", caseName: "Noord", start: 0, end: 4, code: "y", coder: "auto", text: "twee, \"drie\""),
      CodingRecord(document: "b.txt", caseName: "Zuid", start: 0, end: 9, code: "x", coder: "auto", text: "vier"),
      CodingRecord(document: "b.txt", caseName: "Zuid", start: 5, end: 9, code: "x", coder: "auto", text: "vijf"),
    ]
    let url = Scratch.root.appendingPathComponent("kwal-places-\(UUID().uuidString).csv")
    try AtomicFile.write(CodingFiles.codingsCSV(codings), to: url)
    let counted = try CodingFiles.readCodings(url, texts: false)
    #expect(counted.allSatisfy { $0.text.isEmpty })
    let wanted = Set([counted[3], counted[1]].map(CodingFiles.CodingAddress.init))
    let whole = try CodingFiles.readCodings(url, at: wanted)
    #expect(
      whole.map(CodingFiles.CodingAddress.init)
        == counted.map(CodingFiles.CodingAddress.init).filter { wanted.contains($0) })
    #expect(Set(whole.map(\.text)) == ["twee, \"drie\"", "vijf"])
    #expect(whole.count == 2)
  }
}

@Suite("Coding rows written straight to bytes")
struct CodingRowBytesTests {
  /// The fast encoder must quote exactly as RFC 4180 asks: the CSV library reads every field back.
  @Test func directRowsReadBackThroughTheCSVLibrary() throws {
    let codings = [
      CodingRecord(
        document: "a,b.txt", caseName: "Zuid", unit: .sentence, start: 0, end: 1_234_567, code: "c", coder: "auto:x@1",
        rules: ["r1", "r2"],
        matched: [MatchedWord(word: "\"x\"", start: 10, end: 19), MatchedWord(word: "3,5", start: 0, end: 3)],
        text: "regel een\nregel \"twee\", klaar 🙂"),
      CodingRecord(document: "b.txt", caseName: "", start: 7, end: 9, code: "d", coder: "anna", text: ""),
    ]
    let data = CodingFiles.codingsCSV(codings, presorted: true)
    let table = try ReferenceCSV.parse(data)
    #expect(table.header == CodingFiles.codingColumns)
    #expect(
      table.rows.first == [
        "a,b.txt", "Zuid", "sentence", "0", "1234567", "c", "auto:x@1", "r1|r2", "\"x\"@10-19|3,5@0-3",
        "regel een\nregel \"twee\", klaar 🙂", "", "", "", "", "", "",
      ])
    #expect(try CodingFiles.codings(csv: data, file: "codings.csv", defaultCoder: "x") == codings)
    let units = [
      UnitRecord(document: "b", unit: .sentence, start: 5, end: 9, speaker: "R, 1", role: .respondent),
      UnitRecord(document: "a", unit: .turn, start: 0, end: 90),
      UnitRecord(document: "a", unit: .document, start: 0, end: 100),
    ]
    let unitTable = try CSVTable.parse(CodingFiles.unitsCSV(units), file: "units.csv")
    #expect(
      unitTable.rows == [
        ["a", "document", "0", "100", "", ""], ["a", "turn", "0", "90", "", ""],
        ["b", "sentence", "5", "9", "R, 1", "respondent"],
      ])
  }
}
