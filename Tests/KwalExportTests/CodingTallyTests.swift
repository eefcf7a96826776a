import Foundation
import KwalAnalysis
@testable import KwalExport
import KwalModel
import Testing

@Suite("Codings counted one document at a time")
struct CodingTallyTests {
  /// c1 and c2 below c0, c5 below c4 below c3: the matrix rolls children up.
  static let codebook = CodebookInfo(
    name: "tree", version: "1",
    codes: [
      CodeDefinition(id: "c0", label: Label(nl: "nul")),
      CodeDefinition(id: "c1", label: Label(nl: "een"), parent: "c0"),
      CodeDefinition(id: "c2", label: Label(nl: "twee"), parent: "c0"),
      CodeDefinition(id: "c3", label: Label(nl: "drie")),
      CodeDefinition(id: "c4", label: Label(nl: "vier"), parent: "c3"),
      CodeDefinition(id: "c5", label: Label(nl: "vijf"), parent: "c4"),
      CodeDefinition(id: "c6", label: Label(nl: "zes")),
      CodeDefinition(id: "c7", label: Label(nl: "zeven")),
      CodeDefinition(id: "c8", label: Label(nl: "acht")),
    ])

  /// Every document the generated codings name, and some without codings.
  static let documents: [DocumentRecord] = (0..<3).flatMap { caseNumber in
    (0..<42).map { number in
      DocumentRecord(
        document: "case-\(caseNumber)/d\(number).txt", caseName: "case \(caseNumber)", kind: .interview,
        characters: 5_100 + number, words: 800 + number, tokens: 900, sentences: 40,
        attributes: ["phase": number % 2 == 0 ? "start" : "end"])
    }
  }

  static func tally(
    _ data: Data, documents: [DocumentRecord] = documents, level: Int? = nil, pieces: Int
  ) throws -> MatrixTally? {
    let tree = CodeTree(codebook: codebook)
    return try CodingFiles.tally(
      csv: data, file: "codings.csv", empty: try MatrixTally(tree: tree, level: level), tree: tree,
      codebookName: codebook.name, documents: documents, documentsFile: "documents.csv", defaultCoder: "x",
      parallelFrom: 0, pieces: pieces)
  }

  /// The matrix of a streamed file is the matrix of its codings held whole, whatever the pieces
  /// it was read in cut through documents, for every measure, with and without documents.csv
  /// and with the tree cut to its roots.
  @Test(arguments: [1, 2, 3, 5, 8])
  func aStreamedMatrixIsTheHeldMatrix(pieces: Int) throws {
    let records = CodingColumnsTests.records(3_000, seed: UInt64(pieces))
    let data = CodingFiles.codingsCSV(records, presorted: true)
    for documents in [Self.documents, []] {
      for level in [nil, 1] {
        let tally = try #require(try Self.tally(data, documents: documents, level: level, pieces: pieces))
        #expect(tally.documentCount == Set(records.map(\.document)).count)
        let held = AnalysisInput(codings: records, documents: documents, codebook: Self.codebook)
        let streamed = AnalysisInput(codings: [], documents: documents, codebook: Self.codebook)
        let measures: [MatrixMeasure] =
          documents.isEmpty ? [.count, .presence, .documents, .share] : MatrixMeasure.allCases
        for measure in measures {
          for by: [ColumnKey] in documents.isEmpty
            ? [[.caseName], [.document]] : [[.caseName], [.caseName, .attribute("phase")]]
          {
            let options = MatrixOptions(by: by, measure: measure, level: level)
            #expect(
              try MatrixReport.compute(tally, input: streamed, options: options)
                == MatrixReport.compute(held, options: options))
          }
        }
      }
    }
  }

  /// Sentences of every document but the last of each case (which has none), 100 characters
  /// each, written in an order other than by start; and a document only units.csv names.
  static let units: [UnitRecord] =
    documents.filter { !$0.document.hasSuffix("d41.txt") }.flatMap { document in
      stride(from: 0, to: document.characters, by: 100).reversed().map { start in
        UnitRecord(
          document: document.document, unit: .sentence, start: start, end: min(start + 100, document.characters))
      }
    } + [UnitRecord(document: "case-9/units-only.txt", unit: .sentence, start: 0, end: 80)]

  /// Co-occurrence by sentence and by window, counted as the codings stream past the units, is
  /// what the codings held whole give, per case and pooled, with codes rolled up or not.
  @Test(arguments: [1, 3])
  func streamedCooccurrenceIsHeldCooccurrence(pieces: Int) throws {
    let records = CodingColumnsTests.records(3_000, seed: UInt64(10 + pieces))
    let data = CodingFiles.codingsCSV(records, presorted: true)
    let tree = CodeTree(codebook: Self.codebook)
    // With documents.csv every document units.csv names must be in it.
    for documents in [Self.documents + [Self.unitsOnly], []] {
      for unit in [CooccurrenceUnit.unit(.sentence), .window(3)] {
        for level in [nil, 1] {
          var windowSize = 1
          if case .window(let size) = unit { windowSize = size }
          let spans = UnitSpans(Self.units, kind: .sentence)
          let caseOf =
            documents.isEmpty ? nil : Dictionary(uniqueKeysWithValues: documents.map { ($0.document, $0.caseName) })
          let empty = CooccurrenceTally(
            ranges: UnitRanges(spans), windowSize: windowSize, tree: tree, level: level, caseOfDocument: caseOf)
          let tally = try #require(
            try CodingFiles.tally(
              csv: data, file: "codings.csv", empty: empty, tree: tree, codebookName: "tree", documents: documents,
              documentsFile: "documents.csv", defaultCoder: "x", parallelFrom: 0, pieces: pieces))
          var held = AnalysisInput(codings: records, documents: documents, units: Self.units, codebook: Self.codebook)
          held.hasUnitsFile = true
          let streamed = AnalysisInput(codings: [], documents: documents, codebook: Self.codebook)
          for byCase in [false, true] {
            let options = CooccurrenceOptions(unit: unit, byCase: byCase, level: level)
            let expected = try CooccurrenceReport.compute(held, options: options)
            let got = try CooccurrenceReport.compute(tally, input: streamed, options: options)
            #expect(got == expected)
            #expect(got.codes.map(\.count) == expected.codes.map(\.count))
            #expect(got.table() == expected.table())
          }
        }
      }
    }
  }

  static let unitsOnly = DocumentRecord(
    document: "case-9/units-only.txt", caseName: "case 9", kind: .interview, characters: 80, words: 12, tokens: 14,
    sentences: 1)

  /// A file whose documents' codings are not together (not written by Kwal) is not streamed:
  /// the caller reads it whole.
  @Test(arguments: [1, 3])
  func aFileNotGroupedByDocumentIsNotStreamed(pieces: Int) throws {
    var records = CodingColumnsTests.records(2_000, seed: 5)
    records.swapAt(3, records.count - 4)
    #expect(try Self.tally(CodingFiles.codingsCSV(records, presorted: true), pieces: pieces) == nil)
  }

  /// A bad coding is refused on its own line of the file, in whichever piece it lies.
  @Test(arguments: [1, 4])
  func aBadCodingIsRefusedOnItsLine(pieces: Int) throws {
    let records = CodingColumnsTests.records(2_000, seed: 6)
    for (change, message) in [
      ({ (record: inout CodingRecord) in record.code = "c99" }, "unknown code \"c99\": it is not in codebook \"tree\""),
      ({ (record: inout CodingRecord) in record.end = 9_000 }, "the coding ends at 9000, past the end of"),
      (
        { (record: inout CodingRecord) in record.document = "case-2/d99.txt" },
        "document \"case-2/d99.txt\" is not in documents.csv"
      ),
    ] {
      var changed = records
      change(&changed[1_500])
      let data = CodingFiles.codingsCSV(changed, presorted: true)
      let lineOfChange =
        try #require(
          String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
            $0.contains("c99") || $0.contains(",9000,") || $0.contains("d99.txt")
          }) + 1
      let error = try #require(throws: ExportError.self) { try Self.tally(data, pieces: pieces) }
      #expect(error.message.hasPrefix(message))
      #expect(error.location?.line == lineOfChange)
    }
  }
}
