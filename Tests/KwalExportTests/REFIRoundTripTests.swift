import Foundation
import KwalModel
import Testing

@testable import KwalExport
import KwalTestSupport

@Suite("REFI-QDA round trip")
struct REFIRoundTripTests {
  func temporaryFile(_ data: Data) throws -> URL {
    let folder = Scratch.root.appendingPathComponent("kwal-refi-rt-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent("project.qdpx")
    try data.write(to: url)
    return url
  }

  /// Export, import, export again: the same bytes, because the import keeps the document ids,
  /// cases, titles, variables, provenance (rules, matched words, unit) and the codebook's name,
  /// version and description.
  @Test func kwalsOwnExportComesBackByteForByte() throws {
    let output = REFITests.output()
    let first = try QDPXWriter.data(name: "T", codebook: refiCodebook, output: output, texts: REFITests.texts)
    let project = try QDPXReader.read(try temporaryFile(first.data))
    #expect(project.notes.isEmpty, "\(project.notes)")
    #expect(project.codebook.name == refiCodebook.name)
    #expect(project.codebook.version == refiCodebook.version)
    #expect(project.codebook.description == refiCodebook.description)
    let noord = try #require(project.sources.first { $0.id == "interviews/noord.txt" })
    #expect(noord.file == "interviews/noord.txt")
    #expect(noord.caseName == "Noord")
    #expect(noord.title == "Noord <1>")
    #expect(noord.attributes == ["fase": "2", "actor": "bewoner"])
    let automatic = try #require(project.codings.first { $0.coder == "auto:laatste-kilometer@1.2" })
    #expect(automatic.rules == ["kosten-1"])
    #expect(automatic.matched == [MatchedWord(word: "kost", start: 17, end: 21)])
    #expect(automatic.unit == .sentence)

    let documents = try CodingFiles.readDocuments(try temporaryCSV(ImportedCorpus.documentsTable(project.sources)))
    let texts = Dictionary(uniqueKeysWithValues: project.sources.map { ($0.id, $0.text) })
    let second = try QDPXWriter.data(
      name: "T", codebook: project.codebook, output: CodingOutput(codings: project.codings, documents: documents),
      texts: texts)
    #expect(second.data == first.data)
  }

  func temporaryCSV(_ table: CSVTable) throws -> URL {
    let url = try temporaryFile(Data()).deletingLastPathComponent().appendingPathComponent("documents.csv")
    try table.csvData().write(to: url)
    return url
  }

  @Test func nonTextSourcesKeepTheirIDsAndTheManifestSaysSo() throws {
    let output = CodingOutput(
      codings: [
        CodingRecord(
          document: "Zuid/blog.html", caseName: "Zuid", start: 0, end: 4, code: "groen", coder: "Eva", text: "Fiets")
      ],
      documents: [
        DocumentRecord(
          document: "Zuid/blog.html", caseName: "Zuid", kind: .blog, title: "Bakfiets", characters: 12, words: 2,
          tokens: 3,
          sentences: 1, attributes: ["fase": "start"]),
        DocumentRecord(
          document: "README.md", caseName: "", kind: .document, characters: 5, words: 1, tokens: 2, sentences: 1),
      ])
    let texts = ["Zuid/blog.html": "Fietsen mag.", "README.md": "Over."]
    let exported = try QDPXWriter.data(name: "T", codebook: refiCodebook, output: output, texts: texts)
    let project = try QDPXReader.read(try temporaryFile(exported.data))
    #expect(project.sources.map(\.id) == ["README.md", "Zuid/blog.html"])
    #expect(project.sources.map(\.file) == ["README.md.txt", "Zuid/blog.html.txt"])
    #expect(project.codings.map(\.document) == ["Zuid/blog.html"])
    let manifest = try ImportedCorpus.manifest(project.sources, origin: "project.qdpx")
    #expect(
      manifest.contains(
        "- path: \"Zuid/blog.html.txt\"\n  id: \"Zuid/blog.html\"\n  case: \"Zuid\"\n  title: \"Bakfiets\""))
    #expect(manifest.contains("\"fase\": \"start\""))
    let table = ImportedCorpus.documentsTable(project.sources)
    #expect(table.header.suffix(1) == ["fase"])
    #expect(table.rows.map { $0[0] } == ["README.md", "Zuid/blog.html"])
  }

  @Test func variablesOnCasesAndSourcesAreImportedSourcesWinning() throws {
    let qde = """
      <?xml version="1.0" encoding="UTF-8"?>
      <Project xmlns="urn:QDA-XML:project:1.0" name="p">
        <CodeBook><Codes><Code guid="c1" name="Kosten" isCodable="true"/></Codes></CodeBook>
        <Variables>
          <Variable guid="v1" name="fase" typeOfVariable="Text"/>
          <Variable guid="v2" name="regio" typeOfVariable="Text"/>
        </Variables>
        <Cases><Case guid="k1" name="Noord">
          <VariableValue><VariableRef targetGUID="v1"/><TextValue>start</TextValue></VariableValue>
          <VariableValue><VariableRef targetGUID="v2"/><TextValue>noord</TextValue></VariableValue>
          <SourceRef targetGUID="s1"/></Case></Cases>
        <Sources><TextSource guid="s1" name="gesprek.txt">
          <PlainTextContent>Het kost veel.</PlainTextContent>
          <VariableValue><VariableRef targetGUID="v1"/><TextValue>groei</TextValue></VariableValue>
          <VariableValue><VariableRef targetGUID="onbekend"/><TextValue>x</TextValue></VariableValue>
        </TextSource></Sources>
      </Project>
      """
    let archive = try QDPXWriter.zip([("project.qde", Data(qde.utf8))])
    let project = try QDPXReader.read(try temporaryFile(archive))
    #expect(project.sources.first?.attributes == ["fase": "groei", "regio": "noord"])
    #expect(project.notes.contains { $0.message.contains("variable value without a known variable") })
    #expect(!project.notes.contains { $0.message.contains("Variables") })
    // Not Kwal's own project: the codebook is named after the file.
    #expect(project.codebook.name == "project")
  }
}
