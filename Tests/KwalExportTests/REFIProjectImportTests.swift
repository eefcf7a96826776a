import Foundation
import KwalModel
import Testing

@testable import KwalExport
import KwalTestSupport

@Suite("REFI-QDA project import")
struct REFIProjectImportTests {
  func temporaryFile(_ data: Data, name: String = "project.qdpx") throws -> URL {
    let folder = Scratch.root.appendingPathComponent("kwal-refi-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try data.write(to: url)
    return url
  }

  @Test func kwalsOwnProjectRoundTripsItsCodings() throws {
    let output = REFITests.output()
    let exported = try QDPXWriter.data(name: "T", codebook: refiCodebook, output: output, texts: REFITests.texts)
    let project = try QDPXReader.read(try temporaryFile(exported.data))
    func key(_ coding: CodingRecord) -> String {
      "\(coding.document) \(coding.start) \(coding.end) \(coding.code) \(coding.coder)"
    }
    #expect(project.codings.map(key).sorted() == output.codings.map(key).sorted())
    let texts = Dictionary(uniqueKeysWithValues: project.documents.map { ($0.name, $0.text) })
    #expect(texts == REFITests.texts)
    #expect(project.codebook.codes.map(\.id) == refiCodebook.codes.map(\.id))
    // Exporting the import again gives the same codings (the texts are the same).
    let again = try QDPXWriter.project(
      name: "T", codebook: refiCodebook, output: CodingOutput(codings: project.codings), texts: texts)
    #expect(again.summary.codings == output.codings.count)
  }

  @Test func toleratesRealWorldDeviationsAndReportsThem() throws {
    let text = "\u{FEFF}Eerste regel.\r\nTweede régel 🚲.\r\n"
    let qde = """
      <?xml version="1.0" encoding="UTF-8"?>
      <Project xmlns="urn:QDA-XML:project:0.9" name="team">
        <Users><User guid="{AAAAAAAA-0000-4000-8000-000000000001}" name="Anouk"/></Users>
        <CodeBook><Codes>
          <Code guid="11111111-0000-4000-8000-000000000001" name="Regels" isCodable="true"/>
        </Codes></CodeBook>
        <sources>
          <TextSource guid="22222222-0000-4000-8000-000000000001" name="../../buiten/gevaar" plainTextPath="internal://bron.txt">
            <PlainTextSelection guid="33333333-0000-4000-8000-000000000001" name="Tweede régel 🚲" startPosition="14" endPosition="28">
              <Coding guid="44444444-0000-4000-8000-000000000001" creatingUser="aaaaaaaa-0000-4000-8000-000000000001">
                <CodeRef targetGUID="11111111-0000-4000-8000-000000000001"/>
              </Coding>
            </PlainTextSelection>
            <PlainTextSelection guid="33333333-0000-4000-8000-000000000002" startPosition="5" endPosition="999">
              <Coding guid="44444444-0000-4000-8000-000000000002"><CodeRef targetGUID="11111111-0000-4000-8000-000000000001"/></Coding>
            </PlainTextSelection>
            <PlainTextSelection guid="33333333-0000-4000-8000-000000000003" startPosition="0" endPosition="6">
              <Coding guid="44444444-0000-4000-8000-000000000003"><CodeRef targetGUID="99999999-0000-4000-8000-000000000009"/></Coding>
            </PlainTextSelection>
            <Coding guid="44444444-0000-4000-8000-000000000004" creatingUser="AAAAAAAA-0000-4000-8000-000000000001">
              <CodeRef targetGUID="11111111-0000-4000-8000-000000000001"/>
            </Coding>
          </TextSource>
          <PictureSource guid="55555555-0000-4000-8000-000000000001" name="foto" path="internal://foto.png"/>
        </sources>
      </Project>
      """
    let zip = try QDPXWriter.zip([("team.qde", Data(qde.utf8)), ("sources/bron.txt", Data(text.utf8))])
    let project = try QDPXReader.read(try temporaryFile(zip, name: "team.qdpx"))
    #expect(project.documents.map(\.name) == ["buiten/gevaar.txt"])
    let stored = try #require(project.documents.first?.text)
    #expect(stored == "Eerste regel.\nTweede régel 🚲.\n")
    // The selection counted CRLF as one position; Kwal's offsets count the normalised text (LF).
    let selection = try #require(project.codings.first { $0.unit == .segment })
    #expect(selection.text == "Tweede régel 🚲")
    #expect((selection.start, selection.end) == (14, 28))
    #expect(selection.coder == "Anouk")
    let whole = try #require(project.codings.first { $0.unit == .document })
    #expect((whole.start, whole.end) == (0, stored.unicodeScalars.count))
    #expect(project.codings.count == 2)
    let messages = project.notes.map(\.message).joined(separator: "\n")
    for expected in [
      "team.qde tolerated", "namespace urn:QDA-XML:project:0.9 tolerated", "<sources> in lower case tolerated",
      "leading BOM removed", "Unicode code points, CRLF as one:", "beyond the end", "unknown code", "whole-document",
      "1 PictureSource(s) dropped",
    ] {
      #expect(messages.contains(expected), "missing note: \(expected)\n\(messages)")
    }
  }

  @Test func notAZipAndMissingSourcesAreReported() throws {
    #expect(throws: ExportError.self) { try QDPXReader.read(try temporaryFile(Data("geen zip".utf8))) }
    // A folder given as the project is refused at once (the zip reader never returned on one).
    let folder = Scratch.root.appendingPathComponent("kwal-folder-\(UUID().uuidString).qdpx")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(throws: ExportError.self) { try QDPXReader.read(folder) }
    let qde = """
      <?xml version="1.0"?>
      <Project xmlns="urn:QDA-XML:project:1.0" name="x"><CodeBook><Codes>
      <Code guid="11111111-0000-4000-8000-000000000001" name="A" isCodable="true"/></Codes></CodeBook>
      <Sources><TextSource guid="22222222-0000-4000-8000-000000000001" name="weg" plainTextPath="internal://weg.txt"/></Sources>
      </Project>
      """
    let project = try QDPXReader.read(try temporaryFile(try QDPXWriter.zip([("project.qde", Data(qde.utf8))])))
    #expect(project.documents.isEmpty)
    #expect(
      project.notes.contains {
        $0.severity == .error && $0.message.contains("internal://weg.txt is not in the archive")
      })
  }

  @Test(arguments: [
    ("../../etc/passwd", "etc/passwd.txt"), ("/abs/pad.md", "abs/pad.md.txt"), ("a*b?[c].txt", "a-b--c-.txt"),
    ("C:\\data\\x", "C-/data/x.txt"), ("", "bron.txt"),
  ])
  func sourceNamesBecomeSafeRelativePaths(_ example: (String, String)) {
    var used: Set<String> = []
    #expect(QDPXReader.safeName(example.0, used: &used) == example.1)
  }
}
