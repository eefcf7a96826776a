import Foundation
import KwalModel
import Testing

@testable import KwalExport
import KwalTestSupport

/// Projects as real programs write them. Each fixture reproduces the quirks of a file collected
/// from a public repository (listed in `Tests/KwalExportTests/Fixtures/REFI-FIELD.md`); the
/// files themselves are not kept (licence unclear, or personal data of third parties).
@Suite("REFI-QDA projects from the field")
struct REFIFieldProjectTests {
  static func write(_ entries: [(String, String)], name: String = "project.qdpx", beside: [String: String] = [:]) throws
    -> URL
  {
    let folder = Scratch.root.appendingPathComponent("kwal-field-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (file, text) in beside { try Data(text.utf8).write(to: folder.appendingPathComponent(file)) }
    let url = folder.appendingPathComponent(name)
    try QDPXWriter.zip(entries.map { ($0.0, Data($0.1.utf8)) }).write(to: url)
    return url
  }

  /// `text[start..<end]` in scalars.
  static func slice(_ text: String, _ start: Int, _ end: Int) -> String {
    let scalars = Array(text.unicodeScalars)
    return String(String.UnicodeScalarView(scalars[start..<end]))
  }

  /// UTF-16 offsets of `needle` in `haystack` (as NVivo counts), after the BOM.
  static func utf16Range(of needle: String, in haystack: String) -> (Int, Int) {
    guard let range = haystack.range(of: needle) else { return (-1, -1) }
    let start = haystack.utf16.distance(from: haystack.utf16.startIndex, to: range.lowerBound)
    return (start, start + needle.utf16.count)
  }

  // NVivo for Windows 12.6: UTF-8 text with a BOM that positions do not count, CRLF line ends
  // counted as two, UTF-16 code units (emoji count twice), empty `name`s, a `Sources/` folder,
  // one selection per coding so ranges repeat, and selections that end after a CRLF.
  @Test func nvivoWindowsPositionsAreUTF16CountedAfterTheBOM() throws {
    let body = "Mari 😀😀: ez jó\r\nPéter 👍: nem igaz 🙄\r\nAnna: 😡😡😡 oltás\r\n"
    let text = "\u{FEFF}" + body
    let first = Self.utf16Range(of: "nem igaz", in: body)
    let line = Self.utf16Range(of: "Anna: 😡😡😡 oltás\r\n", in: body)
    let qde = """
      <?xml version="1.0" encoding="utf-8"?>
      <Project name="oltas" origin="NVivo for Windows 12.6" xmlns="urn:QDA-XML:project:1.0">
        <Users><User guid="0b0c6f7b-1e59-4c4b-9c1b-000000000001" name="KL"/></Users>
        <CodeBook><Codes>
          <Code guid="c0000000-0000-4000-8000-000000000001" name="Ellenvetés" isCodable="true"/>
          <Code guid="c0000000-0000-4000-8000-000000000002" name="Düh" isCodable="true"/>
        </Codes></CodeBook>
        <Sources>
          <TextSource guid="50000000-0000-4000-8000-000000000001" name="videos_selection" plainTextPath="internal://50000000-0000-4000-8000-000000000001.txt">
            <PlainTextSelection guid="a0000000-0000-4000-8000-000000000001" name="" startPosition="\(first.0)" endPosition="\(first.1)" creatingUser="0b0c6f7b-1e59-4c4b-9c1b-000000000001">
              <Description/>
              <Coding guid="b0000000-0000-4000-8000-000000000001" creatingUser="0b0c6f7b-1e59-4c4b-9c1b-000000000001"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000001"/></Coding>
            </PlainTextSelection>
            <PlainTextSelection guid="a0000000-0000-4000-8000-000000000002" name="" startPosition="\(first.0)" endPosition="\(first.1)" creatingUser="0b0c6f7b-1e59-4c4b-9c1b-000000000001">
              <Description/>
              <Coding guid="b0000000-0000-4000-8000-000000000002" creatingUser="0b0c6f7b-1e59-4c4b-9c1b-000000000001"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000002"/></Coding>
            </PlainTextSelection>
            <PlainTextSelection guid="a0000000-0000-4000-8000-000000000003" name="" startPosition="\(line.0)" endPosition="\(line.1)" creatingUser="0b0c6f7b-1e59-4c4b-9c1b-000000000001">
              <Coding guid="b0000000-0000-4000-8000-000000000003" creatingUser="0b0c6f7b-1e59-4c4b-9c1b-000000000001"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000002"/></Coding>
            </PlainTextSelection>
          </TextSource>
        </Sources>
      </Project>
      """
    let url = try Self.write([
      ("project.qde", qde), ("Sources/50000000-0000-4000-8000-000000000001.txt", text),
      ("Sources/50000000-0000-4000-8000-000000000001.docx", "not read"),
    ])
    let project = try QDPXReader.read(url)
    let document = try #require(project.sources.first)
    #expect(document.text == "Mari 😀😀: ez jó\nPéter 👍: nem igaz 🙄\nAnna: 😡😡😡 oltás\n")
    #expect(project.codings.count == 3)
    for coding in project.codings { #expect(Self.slice(document.text, coding.start, coding.end) == coding.text) }
    #expect(project.codings.map(\.text) == ["nem igaz", "nem igaz", "Anna: 😡😡😡 oltás\n"])
    #expect(project.codings.map(\.coder) == ["KL", "KL", "KL"])
    #expect(project.unplaceable.isEmpty)
    let notes = project.notes.map(\.message).joined(separator: "\n")
    #expect(notes.contains("positions read as UTF-16 code units"))
    #expect(notes.contains("leading BOM removed"))
    #expect(notes.contains("made LF"))
  }

  // NVivo for Mac 12.7: LF only, no BOM, UTF-16 code units, an empty `sources/.root` entry,
  // `<User>` with an `id` attribute; read as code points, most selections would cut words.
  @Test func nvivoMacPositionsAreUTF16() throws {
    let text = "🚲🚲 Koerier: wij leveren 🚚 samen met de gemeente. 👍 Prima plan!\n"
    let spans = ["wij leveren", "samen met de gemeente", "Prima plan"].map { Self.utf16Range(of: $0, in: text) }
    let selections = spans.enumerated().map { index, span in
      """
      <PlainTextSelection guid="a0000000-0000-4000-8000-00000000000\(index)" name="" startPosition="\(span.0)" endPosition="\(span.1)">
        <Coding guid="b0000000-0000-4000-8000-00000000000\(index)" creatingUser="0b0c6f7b-1e59-4c4b-9c1b-000000000001"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000001"/></Coding>
      </PlainTextSelection>
      """
    }.joined()
    let qde = """
      <?xml version="1.0" encoding="UTF-8" standalone="no"?><Project xmlns="urn:QDA-XML:project:1.0" name="m" origin="NVivo for Mac 12.7.0"><Users><User guid="0b0c6f7b-1e59-4c4b-9c1b-000000000001" id="u1" name="Coder"/></Users><CodeBook><Codes><Code guid="c0000000-0000-4000-8000-000000000001" isCodable="true" name="Samenwerking"/></Codes></CodeBook><Sources><TextSource guid="50000000-0000-4000-8000-000000000001" name="comments" plainTextPath="internal://s1.txt">\(selections)</TextSource></Sources></Project>
      """
    let project = try QDPXReader.read(
      try Self.write([("project.qde", qde), ("sources/.root", ""), ("sources/s1.txt", text)]))
    #expect(project.codings.map(\.text) == ["wij leveren", "samen met de gemeente", "Prima plan"])
    #expect(project.codings.map(\.coder) == ["Coder", "Coder", "Coder"])
  }

  // qc 1.3.2 (qualitative-coding): a bare file name as plainTextPath for a file in `sources/`,
  // no `name` on the source, selection names like "line:3" (not quotes), no XML declaration.
  @Test func qcBareFileNamesAreFoundInTheArchive() throws {
    let text = "The board met.\nWe agreed on the budget.\nMeeting closed.\n"
    let qde = """
      <Project xmlns="urn:QDA-XML:project:1.0" name="qc" origin="qc 1.3.2"><Users><User guid="0b0c6f7b-1e59-4c4b-9c1b-000000000001" name="chris"/></Users><CodeBook><Codes><Code guid="c0000000-0000-4000-8000-000000000001" name="budget" isCodable="true"/></Codes></CodeBook><Sources><TextSource guid="50000000-0000-4000-8000-000000000001" plainTextPath="board_2017.txt"><PlainTextSelection guid="a0000000-0000-4000-8000-000000000001" name="line:2" startPosition="15" endPosition="40"><Coding guid="b0000000-0000-4000-8000-000000000001" creatingUser="0b0c6f7b-1e59-4c4b-9c1b-000000000001"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000001"/></Coding></PlainTextSelection></TextSource></Sources></Project>
      """
    let project = try QDPXReader.read(try Self.write([("project.qde", qde), ("sources/board_2017.txt", text)]))
    #expect(project.sources.count == 1)
    #expect(project.codings.map(\.text) == ["We agreed on the budget.\n"])
    #expect(project.unplaceable.isEmpty)
  }

  // ATLAS.ti 23: an empty project holds only `<Users>`, with a pseudo-user and upper-case GUIDs.
  @Test func anEmptyAtlasProjectImportsAsAnEmptyProject() throws {
    let qde =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<Project name=\"blank\" origin=\"ATLAS.ti for Windows 23.2.3.27778\" xmlns=\"urn:QDA-XML:project:1.0\">\r\n<Users><User guid=\"AB9C0B7E-7C3B-4A27-9B7E-1B2C3D4E5F60\" name=\"ATLAS.ti\"/></Users>\r\n</Project>\r\n"
    let project = try QDPXReader.read(try Self.write([("project.qde", qde)]))
    #expect(project.sources.isEmpty)
    #expect(project.codings.isEmpty)
    #expect(project.codebook.codes.isEmpty)
    #expect(project.notes.contains { $0.message.contains("no codes") && $0.severity == .note })
  }

  // MAXQDA 24: project-level sets of sources only; ATLAS.ti code groups: sets of codes.
  @Test func setsOfDocumentsAndCodesAreKept() throws {
    let qde = """
      <?xml version="1.0" encoding="utf-8"?>
      <Project xmlns="urn:QDA-XML:project:1.0" name="sets" origin="MAXQDA 24 (Release 24.7.0)">
        <CodeBook><Codes>
          <Code guid="c0000000-0000-4000-8000-000000000001" name="Vertrouwen" isCodable="true"/>
          <Code guid="c0000000-0000-4000-8000-000000000002" name="Kosten" isCodable="true"/>
        </Codes></CodeBook>
        <Sources>
          <TextSource guid="50000000-0000-4000-8000-000000000001" name="Interview A" plainTextPath="internal://a.txt"/>
          <TextSource guid="50000000-0000-4000-8000-000000000002" name="Interview B" plainTextPath="internal://b.txt"/>
        </Sources>
        <Sets>
          <Set guid="e0000000-0000-4000-8000-000000000001" name="Eerste ronde"><Description>Voorjaar</Description>
            <MemberSource targetGUID="50000000-0000-4000-8000-000000000001"/><MemberSource targetGUID="50000000-0000-4000-8000-000000000002"/></Set>
          <Set guid="e0000000-0000-4000-8000-000000000002" name="Relatie"><MemberCode targetGUID="C0000000-0000-4000-8000-000000000001"/></Set>
        </Sets>
      </Project>
      """
    let project = try QDPXReader.read(
      try Self.write([("project.qde", qde), ("sources/a.txt", "A."), ("sources/b.txt", "B.")]))
    #expect(
      project.documentSets == [
        DocumentSet(name: "Eerste ronde", description: "Voorjaar", documents: ["Interview A", "Interview B"])
      ])
    #expect(project.codebook.sets == [CodeSet(name: "Relatie", codes: ["vertrouwen"])])
    // Written back, the sets come out as the same members.
    let output = CodingOutput(
      codings: [],
      documents: project.sources.map {
        DocumentRecord(
          document: $0.id, caseName: "", kind: .document, title: nil, date: nil, characters: 2, words: 0, tokens: 0,
          sentences: 0, attributes: [:])
      })
    let texts = Dictionary(uniqueKeysWithValues: project.sources.map { ($0.id, $0.text) })
    let again = try QDPXWriter.data(
      name: "sets", codebook: project.codebook, output: output, texts: texts, documentSets: project.documentSets)
    let reread = try QDPXReader.read(
      try Self.write([("x", "")]).deletingLastPathComponent().appendingPathComponent("y.qdpx").writing(again.data))
    #expect(reread.documentSets == project.documentSets)
    #expect(reread.codebook.sets == project.codebook.sets)
  }

  // Notes on the project, a source, a selection, a coding and a code become memos, and come back.
  @Test func notesBecomeMemosAndRoundTrip() throws {
    let text = "De gemeente en de vervoerders zaten aan tafel.\r\nDaarna ging het mis.\r\n"
    let qde = """
      <?xml version="1.0" encoding="utf-8"?>
      <Project xmlns="urn:QDA-XML:project:1.0" name="n" origin="QualCoder 3.5">
        <Users><User guid="0b0c6f7b-1e59-4c4b-9c1b-000000000001" name="Eva"/></Users>
        <CodeBook><Codes>
          <Code guid="c0000000-0000-4000-8000-000000000001" name="Overbruggen" isCodable="true"><Description>Partijen verbinden.</Description><NoteRef targetGUID="d0000000-0000-4000-8000-000000000005"/></Code>
        </Codes></CodeBook>
        <Sources>
          <TextSource guid="50000000-0000-4000-8000-000000000001" name="notulen" plainTextPath="internal://n.txt">
            <PlainTextSelection guid="a0000000-0000-4000-8000-000000000001" name="De gemeente en de vervoerders zaten aan tafel." startPosition="0" endPosition="46">
              <Coding guid="b0000000-0000-4000-8000-000000000001" creatingUser="0b0c6f7b-1e59-4c4b-9c1b-000000000001"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000001"/><NoteRef targetGUID="d0000000-0000-4000-8000-000000000004"/></Coding>
              <NoteRef targetGUID="d0000000-0000-4000-8000-000000000003"/>
            </PlainTextSelection>
            <NoteRef targetGUID="d0000000-0000-4000-8000-000000000002"/>
          </TextSource>
        </Sources>
        <Notes>
          <Note guid="d0000000-0000-4000-8000-000000000001" name="Project" creatingUser="0b0c6f7b-1e59-4c4b-9c1b-000000000001" creationDateTime="2024-03-01T10:00:00Z"><PlainTextContent>Over het hele project.</PlainTextContent></Note>
          <Note guid="d0000000-0000-4000-8000-000000000002" name="Bron"><PlainTextContent>Over de notulen.</PlainTextContent></Note>
          <Note guid="d0000000-0000-4000-8000-000000000003" name="Passage"><PlainTextContent>Over deze zin.</PlainTextContent></Note>
          <Note guid="d0000000-0000-4000-8000-000000000004" name="Codering"><PlainTextContent>Waarom overbruggen.</PlainTextContent></Note>
          <Note guid="d0000000-0000-4000-8000-000000000005" name="Code"><PlainTextContent>Over de code.</PlainTextContent></Note>
          <Note guid="d0000000-0000-4000-8000-000000000006" name="Los"><PlainTextContent>Nergens aan gehangen.</PlainTextContent></Note>
        </Notes>
        <NoteRef targetGUID="d0000000-0000-4000-8000-000000000001"/>
      </Project>
      """
    let project = try QDPXReader.read(try Self.write([("project.qde", qde), ("sources/n.txt", text)]))
    let byTitle = Dictionary(uniqueKeysWithValues: project.memos.map { ($0.title, $0) })
    #expect(byTitle["Project"]?.target == "project")
    #expect(byTitle["Project"]?.author == "Eva")
    #expect(byTitle["Project"]?.created == "2024-03-01T10:00:00Z")
    #expect(byTitle["Bron"]?.target == "document")
    #expect(byTitle["Passage"]?.target == "passage")
    #expect(byTitle["Passage"]?.start == 0)
    #expect(byTitle["Passage"]?.end == 46)
    #expect(byTitle["Codering"]?.target == "coding")
    #expect(byTitle["Codering"]?.code == "overbruggen")
    #expect(byTitle["Code"]?.target == "code")
    #expect(byTitle["Los"]?.target == "project")
    #expect(project.memos.count == 6)

    let output = CodingOutput(codings: project.codings)
    let texts = Dictionary(uniqueKeysWithValues: project.sources.map { ($0.id, $0.text) })
    let again = try QDPXWriter.data(
      name: "n", codebook: project.codebook, output: output, texts: texts, memos: project.memos)
    let url = try Self.write([("x", "")]).deletingLastPathComponent().appendingPathComponent("again.qdpx").writing(
      again.data)
    let reread = try QDPXReader.read(url)
    func key(_ memo: MemoRecord) -> String {
      "\(memo.target) \(memo.document) \(memo.start ?? -1) \(memo.code) \(memo.title) \(memo.text)"
    }
    #expect(reread.memos.map(key).sorted() == project.memos.map(key).sorted())
    // The exported project is valid against the official schema.
    if FileManager.default.fileExists(atPath: REFISchemas.folder.appendingPathComponent("Project.xsd").path) {
      #expect(try REFIValidation.validate(url, schemas: REFISchemas.folder).isEmpty)
    }
  }

  // A selection beyond the text is listed as unplaceable, never shifted; so is a selection whose
  // quoted text is not at its positions in any counting, in a project whose quotes are text.
  @Test func selectionsThatFitNoCountingAreUnplaceable() throws {
    let text = "Eerste zin hier.\nTweede zin daar.\n"
    let selection = { (index: Int, name: String, start: Int, end: Int) in
      """
      <PlainTextSelection guid="a0000000-0000-4000-8000-00000000000\(index)" name="\(name)" startPosition="\(start)" endPosition="\(end)"><Coding guid="b0000000-0000-4000-8000-00000000000\(index)"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000001"/></Coding></PlainTextSelection>
      """
    }
    let qde = """
      <Project xmlns="urn:QDA-XML:project:1.0" name="u"><CodeBook><Codes><Code guid="c0000000-0000-4000-8000-000000000001" name="Zin" isCodable="true"/></Codes></CodeBook><Sources><TextSource guid="50000000-0000-4000-8000-000000000001" name="t" plainTextPath="internal://t.txt">\(selection(1, "Eerste zin hier.", 0, 16))\(selection(2, "Tweede zin daar.", 17, 33))\(selection(3, "Derde", 40, 45))\(selection(4, "Vierde zin nergens", 0, 10))</TextSource></Sources></Project>
      """
    let project = try QDPXReader.read(try Self.write([("project.qde", qde), ("sources/t.txt", text)]))
    #expect(project.codings.map(\.text) == ["Eerste zin hier.", "Tweede zin daar."])
    #expect(project.unplaceable.map(\.startPosition) == [40, 0])
    #expect(project.unplaceable[0].reason.contains("beyond the end"))
    #expect(project.unplaceable[1].reason.contains("every counting"))
    #expect(project.unplaceable.allSatisfy { $0.codes == ["zin"] })
  }

  // REFI's external sources: a file beside the .qdpx is read; a missing one is named.
  @Test func externalSourcesAreLookedUpBesideTheProject() throws {
    let qde = """
      <Project xmlns="urn:QDA-XML:project:1.0" name="e"><CodeBook><Codes><Code guid="c0000000-0000-4000-8000-000000000001" name="X" isCodable="true"/></Codes></CodeBook><Sources>
      <TextSource guid="50000000-0000-4000-8000-000000000001" name="buiten" plainTextPath="file:///C:/Users/anna/Documents/buiten.txt"><PlainTextSelection guid="a0000000-0000-4000-8000-000000000001" startPosition="0" endPosition="6"><Coding guid="b0000000-0000-4000-8000-000000000001"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000001"/></Coding></PlainTextSelection></TextSource>
      <TextSource guid="50000000-0000-4000-8000-000000000002" name="weg" plainTextPath="relative://weg.txt"><PlainTextSelection guid="a0000000-0000-4000-8000-000000000002" startPosition="0" endPosition="3"><Coding guid="b0000000-0000-4000-8000-000000000002"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000001"/></Coding></PlainTextSelection></TextSource>
      </Sources></Project>
      """
    let url = try Self.write([("project.qde", qde)], beside: ["buiten.txt": "Buiten staat een fiets."])
    let project = try QDPXReader.read(url)
    #expect(project.sources.map(\.id) == ["buiten"])
    #expect(project.codings.map(\.text) == ["Buiten"])
    #expect(project.unplaceable.map(\.source) == ["weg"])
    #expect(project.notes.contains { $0.severity == .error && $0.message.contains("weg.txt") })
  }

  // Decomposed accents (NFD) become NFC; offsets follow, and never split a character.
  @Test func offsetsFollowNormalisation() throws {
    let text = "Cafe\u{301} de\u{301}ja\u{300} vu\r\nnaïef"
    let normalised = NormalisedText(text)
    #expect(normalised.text == "Café déjà vu\nnaïef")
    #expect(normalised.start(5) == 4)
    #expect(normalised.end(6) == 5)
    // Inside "e + ́" a start moves back to the cluster, an end forward; so inside CR LF.
    #expect(normalised.start(4) == 3)
    #expect(normalised.end(4) == 4)
    #expect(normalised.start(16) == 12)
    #expect(normalised.end(16) == 13)
    #expect(normalised.start(17) == 13)
    #expect(normalised.end(text.unicodeScalars.count) == normalised.text.unicodeScalars.count)
  }
}

extension URL {
  /// Writes `data` to this URL and returns it.
  fileprivate func writing(_ data: Data) throws -> URL {
    try data.write(to: self)
    return self
  }
}
