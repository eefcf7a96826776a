import Foundation
import KwalAnalysis
@testable import KwalExport
import KwalModel
import KwalTestSupport
import Testing

@Suite("Codings read as columns")
struct CodingColumnsTests {
  /// Random codings with every optional field, some texts with quotes and line breaks.
  static func records(_ count: Int, seed: UInt64) -> [CodingRecord] {
    var generator = SplitMix64(seed: seed)
    var records: [CodingRecord] = []
    for number in 0..<count {
      let start = Int(generator.next() % 5_000)
      var record = CodingRecord(
        document: "case-\(generator.next() % 3)/d\(generator.next() % 40).txt",
        caseName: ["Noord", "Zuid", "", "Oost, \"west\""][Int(generator.next() % 4)],
        unit: [.sentence, .segment, .turn][number % 3], start: start, end: start + Int(generator.next() % 90),
        code: "c\(generator.next() % 9)", coder: ["auto:x@1", "anna", ""][Int(generator.next() % 3)],
        rules: [[], ["r\(number % 4)"], ["r\(number % 4)", "r9"]][number % 3],
        matched: [MatchedWord(word: "zin", start: start, end: start)],
        text: number % 5 == 0 ? "regel\n\"met\" een, komma" : "zin \(number) één")
      record.role = number % 3 == 0 ? .respondent : nil
      record.page = number % 4 == 0 ? 1 + number % 7 : nil
      record.cueProbability = number % 2 == 0 ? Double(number % 100) / 100 : nil
      record.speaker = number % 3 == 0 ? "R\(number % 5)" : nil
      records.append(record)
    }
    return records.sorted(by: CodingRecord.outputOrder)
  }

  /// The columns are what the records give, for files read in one piece and in several.
  @Test(arguments: [(300, UInt64(1)), (300, UInt64(2)), (40_000, UInt64(3))])
  func columnsAreTheRecordsColumns(_ example: (count: Int, seed: UInt64)) throws {
    let records = Self.records(example.count, seed: example.seed)
    let data = CodingFiles.codingsCSV(records, presorted: true)
    if example.count > 10_000 { #expect(data.count > 1 << 21) }  // read in pieces
    let columns = try CodingFiles.columns(csv: data, file: "codings.csv", defaultCoder: "x")
    let read = try CodingFiles.codings(csv: data, file: "codings.csv", defaultCoder: "x", texts: false)
    #expect(columns == CodingColumns(read))
    #expect(columns.count == records.count)
    // Coders (an empty one is the default coder), units and rules are kept per coding.
    #expect(Set(columns.coderIDs) == ["auto:x@1", "anna", "x"])
    for row in [0, records.count / 2, records.count - 1] {
      let record = columns.record(row)
      #expect(record.coder == (records[row].coder.isEmpty ? "x" : records[row].coder))
      #expect(record.unit == records[row].unit)
      #expect(record.rules == records[row].rules)
      #expect(record.code == records[row].code && record.start == records[row].start)
    }
  }

  /// A large file is read from its mapping, whose pages are given back as they are read (and
  /// read again from the file when touched again): the columns are those of the same bytes read
  /// into memory, and a re-read of the mapping after the scan still sees the file's bytes.
  @Test func aMappedFileGivesBackItsPagesAndReadsTheSame() throws {
    var records = Self.records(20_000, seed: 9)
    for index in records.indices { records[index].text = String(repeating: "tekst \(index % 97) ", count: 140) }
    let data = CodingFiles.codingsCSV(records, presorted: true)
    #expect(data.count > 3 * CSVScanner.releaseStep)  // several releases per piece
    let url = Scratch.root.appendingPathComponent("kwal-columns-\(UUID().uuidString).csv")
    try data.write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let mapped = try CSVScanner.contents(of: url)
    #expect(mapped.withUnsafeBytes { CSVScanner.isMappedFile($0.bindMemory(to: UInt8.self)) })
    #expect(!data.withUnsafeBytes { CSVScanner.isMappedFile($0.bindMemory(to: UInt8.self)) })
    let fromFile = try CodingFiles.columns(csv: mapped, file: url.path, defaultCoder: "x")
    let fromMemory = try CodingFiles.columns(csv: data, file: url.path, defaultCoder: "x")
    #expect(fromFile == fromMemory)
    #expect(fromFile.count == records.count)
    #expect(mapped == data)
  }

  /// The units of one kind read as columns are those the records give, in one piece and in
  /// several; a file the record reader refuses is refused with the same message and line.
  @Test func unitSpansAreTheRecordsSpans() throws {
    var generator = SplitMix64(seed: 5)
    var units: [UnitRecord] = []
    for number in 0..<60_000 {
      let start = Int(generator.next() % 90_000)
      units.append(
        UnitRecord(
          document: "case-\(number % 7)/d\(number % 300).txt", unit: [.sentence, .paragraph, .turn][number % 3],
          start: start, end: start + Int(generator.next() % 200), speaker: number % 5 == 0 ? "R\(number % 4)" : nil,
          role: number % 5 == 0 ? .respondent : nil))
    }
    let data = CodingFiles.unitsCSV(units)
    #expect(data.count > 1 << 21)  // read in pieces
    for kind in [UnitKind.sentence, .turn, .document] {
      let spans = try CodingFiles.unitSpans(csv: data, file: "units.csv", kind: kind)
      #expect(spans == UnitSpans(try CodingFiles.units(csv: data, file: "units.csv"), kind: kind))
    }
    for bad in [
      "document,unit,start,end\na.txt,sentence,1,2\na.txt,chapter,1,2\n",
      "document,unit,start,end\na.txt,sentence,5,2\n",
      "document,unit,start\na.txt,sentence,1\n",
      "document,unit,start,end\na.txt,sentence,1\n",
    ] {
      var expected: ExportError?
      do { _ = try CodingFiles.units(csv: Data(bad.utf8), file: "units.csv", kinds: [.sentence]) } catch {
        expected = error
      }
      let error = #expect(throws: ExportError.self) {
        try CodingFiles.unitSpans(csv: Data(bad.utf8), file: "units.csv", kind: .sentence)
      }
      #expect(expected != nil && error?.description == expected?.description, "\(bad)")
    }
  }

  /// A file one command refuses, every command refuses, with the same message and line.
  @Test(arguments: [
    "document,start,end,code\na.txt,1,2,c\na.txt,x,3,c\n",
    "document,start,end,code\na.txt,5,3,c\n",
    "document,start,end,code\n,1,3,c\n",
    "document,start,end,code\na.txt,1,3,\n",
    "document,start,code\na.txt,1,c\n",
    "document,start,end,code\na.txt,1,2\n",
    "document,start,end,code,unit\na.txt,1,2,c,sentence\na.txt,1,2,c,chapter\n",
    "document,start,end,code,role\na.txt,1,2,c,boss\n",
    "document,start,end,code,page\na.txt,1,2,c,0\n",
    "document,start,end,code,cue_probability\na.txt,1,2,c,0.5\nb.txt,1,2,c,1.5\n",
    "document,case,start,end,code\na.txt,\"Noord\n\",1,2,c\nb.txt,Zuid,1,\"2\n\",c\n",
    "document,start,end,code\na.txt,1,2,\"c\n",
    "",
  ])
  func badFilesAreRefusedAsTheRecordReaderRefusesThem(_ text: String) {
    var expected: ExportError?
    do {
      _ = try CodingFiles.codings(csv: Data(text.utf8), file: "codings.csv", defaultCoder: "x", texts: false)
    } catch {
      expected = error
    }
    let error = #expect(throws: ExportError.self) { try CodingFiles.columns(csv: Data(text.utf8), file: "codings.csv") }
    #expect(expected != nil)
    #expect(error?.description == expected?.description)
  }

  /// Invalid UTF-8 in a column counting does not read is refused all the same.
  @Test func invalidUTF8InAnyColumnIsRefused() {
    var bytes = Array("document,start,end,code,coder\na.txt,1,2,c,".utf8)
    bytes += [0xC3, 0x28, 0x0A]
    let error = #expect(throws: ExportError.self) { try CodingFiles.columns(csv: Data(bytes), file: "codings.csv") }
    #expect(error?.description.hasPrefix("codings.csv:2: error: not valid UTF-8 in column 5") == true)
  }

  /// The second pass of a reader that shows a few codes: their whole records, in file order.
  /// Counting all codings and showing those of some codes is one pass: the columns of all, the
  /// whole records of the codes shown, and where each lies among all.
  @Test(arguments: [(500, UInt64(7)), (40_000, UInt64(8))])
  func codingsOfSomeCodesAreReadWholeInTheSamePass(_ example: (count: Int, seed: UInt64)) throws {
    let records = Self.records(example.count, seed: example.seed)
    let data = CodingFiles.codingsCSV(records, presorted: true)
    let read = try CodingFiles.columns(csv: data, file: "codings.csv", showing: ["c1", "c4"], defaultCoder: "x")
    let all = try CodingFiles.codings(csv: data, file: "codings.csv", defaultCoder: "x")
    #expect(read.columns == CodingColumns(all))
    #expect(read.shown == all.filter { ["c1", "c4"].contains($0.code) })
    #expect(read.rows == all.indices.filter { ["c1", "c4"].contains(all[$0].code) })
    #expect(!read.shown.isEmpty)
  }
}
