import Foundation
import KwalModel
import Testing

@testable import KwalExport
import KwalTestSupport

/// The REFI-QDA schemas in `../shared/data/refi-qda` (tests that need them are enabled only
/// when they are there).
enum REFISchemas {
  static let folder = SharedData.url("refi-qda")
  static let present = SharedData.has("refi-qda/Project.xsd") && SharedData.has("refi-qda/Codebook.xsd")
  static func schema(_ name: String) -> URL { folder.appendingPathComponent(name) }
}

/// A small Dutch codebook with a tree, criteria, colours and characters that need escaping.
let refiCodebook = CodebookInfo(
  name: "laatste-kilometer", version: "1.2", description: "Codes voor de laatste kilometer & <bezorging>",
  codes: [
    CodeDefinition(id: "logistiek", label: Label(nl: "Logistiek"), color: "#336699", isCodable: false),
    CodeDefinition(
      id: "kosten", label: Label(nl: "Kosten & \"baten\" <geld>"), parent: "logistiek",
      definition: "Uitspraken over wat bezorging kost.", include: ["prijzen", "tarieven"], exclude: ["lonen"],
      color: "#C0FFEE"),
    CodeDefinition(id: "overlast", label: Label(en: "Nuisance"), parent: "logistiek", color: "rood"),
    CodeDefinition(id: "groen", label: Label(nl: "Groene bezorging")),
  ])

@Suite("REFI-QDA export")
struct REFITests {
  @Test func uuid5MatchesPythonsUUIDModule() {
    // python3 -c "import uuid; n=uuid.uuid5(uuid.NAMESPACE_URL,'kwal.refi-qda'); print(n, uuid.uuid5(n,'code:kosten'))"
    #expect(StableGUID.format(StableGUID.namespace) == "4df3135a-7c84-582e-80c2-d662d544a7ae")
    #expect(StableGUID.make("code", "kosten") == "dd801670-13e9-58ee-85a1-aa0b88735024")
    #expect(StableGUID.make("code", "kosten") != StableGUID.make("code", "overlast"))
  }

  @Test func codebookNestsEscapesAndIsDeterministic() throws {
    let data = try QDCWriter.data(refiCodebook)
    #expect(try QDCWriter.data(refiCodebook) == data)
    let xml = String(decoding: data, as: UTF8.self)
    #expect(xml.contains("<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\""))
    #expect(xml.contains("name=\"Kosten &amp; &quot;baten&quot; &lt;geld&gt;\""))
    #expect(xml.contains("color=\"#c0ffee\""))
    #expect(!xml.contains("rood"))
    #expect(xml.contains("isCodable=\"false\""))
    #expect(xml.contains("Kwal-id: kosten"))
    // The children sit inside their parent: "kosten" comes after "logistiek" opens and before "groen".
    let logistiek = try #require(xml.range(of: "name=\"Logistiek\""))
    let kosten = try #require(xml.range(of: "Kwal-id: kosten"))
    let groen = try #require(xml.range(of: "name=\"Groene bezorging\""))
    #expect(logistiek.lowerBound < kosten.lowerBound && kosten.lowerBound < groen.lowerBound)
  }

  @Test(.enabled(if: REFISchemas.present, SharedData.absent))
  func codebookValidatesAgainstCodebookXSD() throws {
    let xsd = REFISchemas.schema("Codebook.xsd")
    let validator = try SchemaValidator(schema: xsd)
    let diagnostics = validator.validate(try QDCWriter.data(refiCodebook), name: "kwal.qdc")
    #expect(diagnostics == [], "\(diagnostics)")
  }

  @Test func emptyCodebookIsAnError() {
    #expect(throws: ExportError.self) { try QDCWriter.data(CodebookInfo(name: "leeg", version: "1")) }
  }

  @Test(.enabled(if: REFISchemas.present, SharedData.absent))
  func validatorReportsViolationsAndMalformedXMLWithLines() throws {
    let xsd = REFISchemas.schema("Codebook.xsd")
    let validator = try SchemaValidator(schema: xsd)
    let invalid = Data(
      "<?xml version=\"1.0\"?>\n<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\">\n<Codes/>\n<Sets/>\n</CodeBook>\n".utf8)
    let violations = validator.validate(invalid, name: "leeg.qdc")
    #expect(!violations.isEmpty)
    #expect(violations.allSatisfy { $0.location.file == "leeg.qdc" && $0.location.line != nil })
    let malformed = Data("<?xml version=\"1.0\"?>\n<CodeBook>\n  <Codes>\n</CodeBook>\n".utf8)
    let errors = validator.validate(malformed, name: "kapot.qdc")
    let first = try #require(errors.first)
    #expect(first.severity == .error)
    #expect(first.location.line == 4)
  }

  @Test(.enabled(if: REFISchemas.present, SharedData.absent))
  func validatorNeverResolvesExternalEntities() throws {
    let xsd = REFISchemas.schema("Codebook.xsd")
    let secret = Scratch.root.appendingPathComponent("kwal-refi-geheim-\(UUID().uuidString).txt")
    try Data("GEHEIM".utf8).write(to: secret)
    defer { try? FileManager.default.removeItem(at: secret) }
    let hostile = """
      <?xml version="1.0"?>
      <!DOCTYPE CodeBook [<!ENTITY x SYSTEM "file://\(secret.path)">]>
      <CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="dd801670-13e9-58ee-85a1-aa0b88735024" \
      name="a" isCodable="true"><Description>&x;</Description></Code></Codes></CodeBook>
      """
    let diagnostics = try SchemaValidator(schema: xsd).validate(Data(hostile.utf8), name: "vijandig.qdc")
    #expect(!diagnostics.contains { $0.message.contains("GEHEIM") })
  }

  static let text = "Interviewer: Wat kost één pakket? 🚲\nBewoner: Te veel, en de busjes geven overlast.\n"

  static func output(code: String = "kosten", end: Int = 28) -> CodingOutput {
    CodingOutput(
      codings: [
        CodingRecord(
          document: "interviews/noord.txt", caseName: "Noord", unit: .sentence, start: 13, end: end, code: code,
          coder: "auto:laatste-kilometer@1.2", rules: ["kosten-1"],
          matched: [MatchedWord(word: "kost", start: 17, end: 21)],
          text: ""),
        CodingRecord(
          document: "interviews/noord.txt", caseName: "Noord", start: 35, end: 82, code: "overlast", coder: "Anouk",
          text: ""),
      ],
      documents: [
        DocumentRecord(
          document: "interviews/noord.txt", caseName: "Noord", kind: .interview, title: "Noord <1>", characters: 83,
          words: 14, tokens: 18, sentences: 3, attributes: ["fase": "2", "actor": "bewoner"]),
        DocumentRecord(
          document: "notulen/mei.txt", caseName: "", kind: .minutes, characters: 5, words: 1, tokens: 1, sentences: 1),
      ])
  }

  static let texts = ["interviews/noord.txt": text, "notulen/mei.txt": "Leeg."]

  /// The project written to a file as it is made (documents on every core, a batch at a time)
  /// has the bytes of the project made in memory, with memos (made one document at a time) and
  /// without, over more documents than one batch holds, into a folder that does not exist yet.
  @Test(arguments: [false, true])
  func projectWrittenAsItIsMadeHasTheSameBytes(memos withMemos: Bool) throws {
    var texts = Self.texts
    var output = Self.output()
    for number in 0..<150 {
      let id = "extra/doc-\(number).txt"
      texts[id] = "Zin \(number): de kosten van één pakket, \"met\" <tekens> & regels.\nTweede regel 🚲."
      output.codings.append(
        CodingRecord(
          document: id, caseName: number % 2 == 0 ? "Noord" : "", unit: .sentence, start: 0, end: 20 + number % 9,
          code: number % 3 == 0 ? "kosten" : "overlast",
          coder: number % 4 == 0 ? "Anouk" : "auto:laatste-kilometer@1.2",
          rules: ["r\(number % 5)"], text: ""))
    }
    let memos =
      withMemos
      ? [
        MemoRecord(
          memo: "m1", document: "extra/doc-7.txt", start: 0, end: 27, code: "overlast", author: "Anouk",
          created: "2026-01-02T10:00:00Z", title: "Waarom", text: "Omdat."),
        MemoRecord(
          memo: "m2", document: "extra/doc-70.txt", start: 3, end: 9, code: "", author: "", created: "", title: "",
          text: "Een passage zonder codering."),
      ] : []
    let inMemory = try QDPXWriter.data(
      name: "T", codebook: refiCodebook, output: output, texts: texts, memos: memos)
    let folder = Scratch.root.appendingPathComponent("kwal-refi-\(UUID().uuidString)/nieuw")
    let url = folder.appendingPathComponent("project.qdpx")
    let summary = try QDPXWriter.write(
      name: "T", codebook: refiCodebook, output: output, texts: texts, memos: memos, to: url)
    #expect(try Data(contentsOf: url) == inMemory.data)
    #expect(summary == inMemory.summary)
    #expect(summary.sources == 152)
    // Nothing else is left beside it.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["project.qdpx"])
  }

  @Test func projectHasExactPositionsAndQuotedText() throws {
    let project = try QDPXWriter.project(name: "Test", codebook: refiCodebook, output: Self.output(), texts: Self.texts)
    let xml = String(decoding: project.qde, as: UTF8.self)
    // Scalars 13..<28 are "Wat kost één p" ... counted in code points: "één" is three, the bike one.
    let scalars = Array(Self.text.unicodeScalars)
    var expected = String.UnicodeScalarView()
    expected.append(contentsOf: scalars[13..<28])
    #expect(xml.contains("name=\"\(String(expected))\" startPosition=\"13\" endPosition=\"28\""))
    #expect(xml.contains("startPosition=\"35\" endPosition=\"82\""))
    #expect(xml.contains("Regel (rule): kosten-1"))
    #expect(xml.contains("Woorden (matched): kost@17-21"))
    #expect(xml.contains("plainTextPath=\"internal://\(StableGUID.make("source", "interviews/noord.txt")).txt\""))
    #expect(!xml.contains("richTextPath"))
    #expect(
      project.sources.map(\.path) == [
        "sources/\(StableGUID.make("source", "interviews/noord.txt")).txt",
        "sources/\(StableGUID.make("source", "notulen/mei.txt")).txt",
      ])
    #expect(project.summary == QDPXWriter.Summary(users: 2, codes: 4, sources: 2, codings: 2))
  }

  @Test(.enabled(if: REFISchemas.present, SharedData.absent))
  func projectValidatesAgainstProjectXSD() throws {
    let xsd = REFISchemas.schema("Project.xsd")
    let project = try QDPXWriter.project(name: "Test", codebook: refiCodebook, output: Self.output(), texts: Self.texts)
    let diagnostics = try SchemaValidator(schema: xsd).validate(project.qde, name: "project.qde")
    #expect(diagnostics == [], "\(diagnostics)")
  }

  @Test func qdpxIsAZipWithIdenticalBytesTwice() throws {
    let first = try QDPXWriter.data(name: "Test", codebook: refiCodebook, output: Self.output(), texts: Self.texts)
    let second = try QDPXWriter.data(name: "Test", codebook: refiCodebook, output: Self.output(), texts: Self.texts)
    #expect(first.data == second.data)
    #expect(first.data.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]))
    // The first entry is project.qde (its name follows the 30-byte local header).
    #expect(first.data.subdata(in: 30..<41) == Data("project.qde".utf8))
  }

  @Test func aQuoteThatDiffersFromTheCorpusIsAWarning() throws {
    var output = Self.output()
    output.codings[0].text = "iets anders"
    let project = try QDPXWriter.project(name: "T", codebook: refiCodebook, output: output, texts: Self.texts)
    #expect(project.summary.warnings.count == 1)
    #expect(project.summary.warnings.first?.message.contains("was the corpus changed after coding?") == true)
  }

  @Test func badCodingsAreClearErrors() {
    #expect(throws: ExportError.self) {
      try QDPXWriter.project(
        name: "T", codebook: refiCodebook, output: Self.output(code: "onbekend"), texts: Self.texts)
    }
    do {
      _ = try QDPXWriter.project(name: "T", codebook: refiCodebook, output: Self.output(end: 500), texts: Self.texts)
      Issue.record("expected an error")
    } catch {
      #expect(error.message.contains("beyond the end of interviews/noord.txt"))
    }
    do {
      _ = try QDPXWriter.project(name: "T", codebook: refiCodebook, output: Self.output(), texts: [:])
      Issue.record("expected an error")
    } catch {
      #expect(error.kind == .missingInput)
    }
  }
}
