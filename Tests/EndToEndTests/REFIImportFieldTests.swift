import Foundation
import KwalTestSupport
import Testing
import ZIPFoundation

/// `kwal import qdpx` on a project as NVivo for Windows writes it (a BOM, CRLF, emoji, positions
/// in UTF-16 code units), with one selection beyond the text: every imported coding is
/// `text[start:end]` of the document `kwal ingest` reads back, the bad selection is listed in
/// `unplaceable.csv`, and the command exits 65 after writing the rest.
@Suite("kwal import qdpx from the field", .serialized)
struct REFIImportFieldTests {
  @Test func importedCodingsAreOnTheIngestedText() throws {
    let root = try KwalProcess.temporaryFolder()
    let body = "Mari 😀: jó\r\nPéter 👍👍: nem igaz 🙄\r\nAnna: oltás\r\n"
    func utf16(_ needle: String) -> (Int, Int) {
      let range = body.range(of: needle)!
      let start = body.utf16.distance(from: body.utf16.startIndex, to: range.lowerBound)
      return (start, start + needle.utf16.count)
    }
    let spans = [utf16("nem igaz"), utf16("Anna: oltás\r\n"), (500, 510)]
    let selections = spans.enumerated().map { index, span in
      """
      <PlainTextSelection guid="a0000000-0000-4000-8000-00000000000\(index)" name="" startPosition="\(span.0)" endPosition="\(span.1)"><Coding guid="b0000000-0000-4000-8000-00000000000\(index)" creatingUser="0b0c6f7b-1e59-4c4b-9c1b-000000000001"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000001"/></Coding></PlainTextSelection>
      """
    }.joined()
    let qde = """
      <?xml version="1.0" encoding="utf-8"?>
      <Project name="oltas" origin="NVivo for Windows 12.6" xmlns="urn:QDA-XML:project:1.0"><Users><User guid="0b0c6f7b-1e59-4c4b-9c1b-000000000001" name="KL"/></Users><CodeBook><Codes><Code guid="c0000000-0000-4000-8000-000000000001" name="Ellenvetés" isCodable="true"/></Codes></CodeBook><Sources><TextSource guid="50000000-0000-4000-8000-000000000001" name="videos" plainTextPath="internal://v.txt">\(selections)</TextSource></Sources></Project>
      """
    let qdpx = root.appendingPathComponent("oltas.qdpx")
    let archive = try Archive(url: qdpx, accessMode: .create)
    for (path, text) in [("project.qde", qde), ("Sources/v.txt", "\u{FEFF}" + body)] {
      let data = Data(text.utf8)
      try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count)) { position, size in
        data.subdata(in: Int(position)..<Int(position) + size)
      }
    }
    let out = root.appendingPathComponent("imported")
    let run = try KwalProcess.run(["import", "qdpx", qdpx.path, "--out", out.path])
    #expect(run.status == 65, "\(run.stderr)")
    #expect(run.stderr.contains("1 selection(s) could not be placed"))
    #expect(run.stderr.contains("positions read as UTF-16 code units"))
    let unplaceable = try String(contentsOf: out.appendingPathComponent("unplaceable.csv"), encoding: .utf8)
    #expect(unplaceable.contains("videos,500,510,ellenvetes,KL,,beyond the end"))

    let ingest = try KwalProcess.run(["ingest", out.appendingPathComponent("corpus").path])
    #expect(ingest.status == 0, "\(ingest.stderr)")
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(ingest.stdout.utf8)) as? [String: Any])
    let text = try #require(document["text"] as? String)
    #expect(text == "Mari 😀: jó\nPéter 👍👍: nem igaz 🙄\nAnna: oltás\n")
    let scalars = Array(text.unicodeScalars)
    let codings = try String(contentsOf: out.appendingPathComponent("codings.csv"), encoding: .utf8)
    // The second selection ends after its CRLF: its quoted text holds the LF, so the CSV row is quoted across lines.
    #expect(codings.contains("videos,,segment,21,29,ellenvetes,KL,,,nem igaz,,,,,,\n"))
    #expect(codings.contains("videos,,segment,32,44,ellenvetes,KL,,,\"Anna: oltás\n\",,,,,,\n"))
    #expect(String(String.UnicodeScalarView(scalars[21..<29])) == "nem igaz")
    #expect(String(String.UnicodeScalarView(scalars[32..<44])) == "Anna: oltás\n")
    #expect(codings.split(separator: "\n").filter { $0.hasPrefix("videos,") }.count == 2)
  }
}
