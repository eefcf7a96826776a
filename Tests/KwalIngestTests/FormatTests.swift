import Foundation
import KwalIngest
import KwalModel
import Testing
import ZIPFoundation

/// Builds a minimal .docx in memory: `[Content_Types].xml` and `word/document.xml` (and
/// `word/numbering.xml` when given).
func makeDocx(
  body: String, documentXML: String? = nil, numberingXML: String? = nil, compression: CompressionMethod = .deflate
) throws -> Data {
  let xml =
    documentXML
      ?? """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)</w:body></w:document>
      """
  let types = """
    <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>
    """
  let archive = try Archive(data: Data(), accessMode: .create)
  var parts = [("[Content_Types].xml", types), ("word/document.xml", xml)]
  if let numberingXML { parts.append(("word/numbering.xml", numberingXML)) }
  for (path, text) in parts {
    let data = Data(text.utf8)
    try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: compression) {
      position, size in
      data.subdata(in: Int(position)..<Int(position) + size)
    }
  }
  guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
  return data
}

/// A Word paragraph, with an optional style or numbering (list instance `list` at `level`).
func paragraph(_ text: String, style: String? = nil, numbered: Bool = false, list: Int = 1, level: Int = 0) -> String {
  var properties = ""
  if let style { properties += "<w:pStyle w:val=\"\(style)\"/>" }
  if numbered {
    properties += "<w:numPr><w:ilvl w:val=\"\(level)\"/><w:numId w:val=\"\(list)\"/></w:numPr>"
  }
  let pPr = properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>"
  return "<w:p>\(pPr)<w:r><w:t xml:space=\"preserve\">\(text)</w:t></w:r></w:p>"
}

@Suite("Word .docx")
struct DocxTests {
  @Test func headingsListsTablesAndParagraphs() throws {
    let body =
      paragraph("Evaluatie Campus Zuid", style: "Title") + paragraph("Aanleiding", style: "Kop1")
      + paragraph("De hub is in 2020 gestart.") + paragraph("Bundelen van pakketten", numbered: true)
      + paragraph("Minder ritten", style: "Lijstalinea")
      + "<w:tbl><w:tr><w:tc>\(paragraph("Partij"))</w:tc><w:tc>\(paragraph("Rol"))</w:tc><w:tc>\(paragraph("Sinds"))</w:tc></w:tr>"
      + "<w:tr><w:tc>\(paragraph("Gemeente"))</w:tc><w:tc>\(paragraph("trekker"))</w:tc><w:tc>\(paragraph("2019"))</w:tc></w:tr></w:tbl>"
      + "<w:p><w:r><w:t>Tekst met </w:t></w:r><w:r><w:delText>weg</w:delText></w:r><w:r><w:t>twee runs</w:t></w:r><w:r><w:br/><w:t>en een regel.</w:t></w:r></w:p>"
    let (document, diagnostics) = try ingest("CampusZuid/evaluatie.docx", data: try makeDocx(body: body))
    #expect(diagnostics.isEmpty)
    #expect(document.title == "Evaluatie Campus Zuid")
    #expect(document.texts(.heading) == ["Evaluatie Campus Zuid", "Aanleiding"])
    #expect(document.texts(.listItem) == ["Bundelen van pakketten", "Minder ritten"])
    #expect(document.texts(.tableRow) == ["Partij | Rol | Sinds", "Gemeente | trekker | 2019"])
    #expect(document.texts(.paragraph).contains("De hub is in 2020 gestart."))
    #expect(document.texts(.paragraph).contains("Tekst met twee runs\nen een regel."))
    #expect(!document.text.contains("weg"))
    checkInvariants(document)
  }

  @Test func transcriptInWord() throws {
    let body =
      paragraph("Datum: 12 juni 2019") + paragraph("I: Hoe begon de samenwerking?")
      + paragraph("R1: Met veel enthousiasme.")
      + paragraph("Maar dat ebde weg.") + paragraph("I: Waarom?") + paragraph("R1: Iedereen had een eigen agenda.")
    let (document, _) = try ingest("Havenstad/r1.docx", data: try makeDocx(body: body))
    #expect(document.kind == .interview)
    #expect(document.date == "2019-06-12")
    let turns = document.segments(.turn)
    #expect(turns.map(\.speaker) == ["I", "R1", "I", "R1"])
    #expect(turns.map(\.role) == [.interviewer, .respondent, .interviewer, .respondent])
    #expect(document.text(of: turns[1]) == "Met veel enthousiasme.\n\nMaar dat ebde weg.")
    checkInvariants(document)
  }

  @Test func speakerTable() throws {
    func row(_ cells: String...) -> String {
      "<w:tr>" + cells.map { "<w:tc>\(paragraph($0))</w:tc>" }.joined() + "</w:tr>"
    }
    let body =
      "<w:tbl>" + row("Interviewer", "Wat deed de gemeente?") + row("Karin", "Zij was trekker.")
      + row("Interviewer", "En nu?")
      + row("Karin", "Nu niet meer.") + "</w:tbl>"
    let (document, _) = try ingest("t.docx", data: try makeDocx(body: body))
    #expect(document.kind == .interview)
    #expect(document.segments(.turn).map(\.speaker) == ["Interviewer", "Karin", "Interviewer", "Karin"])
    #expect(document.texts(.turn).dropFirst().first == "Zij was trekker.", "\(document.text)")
  }

  @Test(arguments: [
    ("corrupt", Data("PK\u{03}\u{04} dit is geen zip".utf8), "corrupt or truncated zip"),
    ("tekst", Data("Dit is gewoon tekst met een .docx-extensie.".utf8), "corrupt or truncated zip"),
  ])
  func notAZip(name: String, data: Data, message: String) throws {
    do {
      _ = try ingest("\(name).docx", data: data)
      Issue.record("expected an error")
    } catch let error as IngestError {
      #expect(error.kind == .badData)
      #expect(error.message.contains(message))
      #expect(error.location?.file == "\(name).docx")
    }
  }

  @Test func truncatedZip() throws {
    let data = try makeDocx(body: paragraph("Een alinea die afgekapt wordt."))
    #expect(throws: IngestError.self) { try ingest("kort.docx", data: data.prefix(data.count / 2)) }
  }

  @Test func zipWithoutDocumentXML() throws {
    let archive = try Archive(data: Data(), accessMode: .create)
    let content = Data("hallo".utf8)
    try archive.addEntry(with: "iets.txt", type: .file, uncompressedSize: Int64(content.count)) { position, size in
      content.subdata(in: Int(position)..<Int(position) + size)
    }
    let data = try #require(archive.data)
    do {
      _ = try ingest("leeg.docx", data: data)
      Issue.record("expected an error")
    } catch let error as IngestError {
      #expect(error.message.contains("no word/document.xml"))
    }
  }

  @Test func externalEntitiesAndDTDsAreRefused() throws {
    let xml = """
      <?xml version="1.0"?>
      <!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY lol "lol">]>
      <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&xxe;&lol;</w:t></w:r></w:p></w:body></w:document>
      """
    do {
      _ = try ingest("aanval.docx", data: try makeDocx(body: "", documentXML: xml))
      Issue.record("expected an error")
    } catch let error as IngestError {
      #expect(error.message.contains("DTD"))
    }
  }

  @Test func notWellFormedXML() throws {
    let xml = "<w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>open"
    #expect(throws: IngestError.self) { try ingest("stuk.docx", data: try makeDocx(body: "", documentXML: xml)) }
  }

  @Test func zipBombIsRefused() throws {
    // 3 MB of spaces compress about a thousandfold.
    let xml =
      "<w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>" + String(repeating: " ", count: 3 << 20)
      + "</w:t></w:r></w:p></w:body></w:document>"
    do {
      _ = try ingest("bom.docx", data: try makeDocx(body: "", documentXML: xml))
      Issue.record("expected an error")
    } catch let error as IngestError {
      #expect(error.message.contains("zip bomb"))
    }
  }
}

@Suite("Captions .vtt and .srt")
struct CaptionTests {
  @Test func webVTTVoicesMergeIntoTurns() throws {
    let vtt = """
      WEBVTT

      NOTE geëxporteerd uit Teams

      1
      00:00:01.000 --> 00:00:04.000
      <v Jan de Vries>Goedemorgen, welkom allemaal.</v>

      2
      00:00:04.500 --> 00:00:06.000 align:start
      <v Jan de Vries>Zullen we beginnen?</v>

      00:00:06.500 --> 00:01:09.250
      <v Ans Bakker>Ja, prima. [lacht]
      Ik begin wel.</v>
      """
    let (document, diagnostics) = try ingest("Lindehof/overleg.vtt", vtt)
    #expect(diagnostics.isEmpty)
    #expect(document.kind == .interview)
    let turns = document.segments(.turn)
    #expect(turns.map(\.speaker) == ["Jan de Vries", "Ans Bakker"])
    #expect(document.text(of: turns[0]) == "Goedemorgen, welkom allemaal. Zullen we beginnen?")
    #expect(turns[0].metadata == ["timestamp": "00:00:01.000", "end_timestamp": "00:00:06.000"])
    #expect(turns[1].metadata["end_timestamp"] == "00:01:09.250")
    #expect(document.text(of: turns[1]) == "Ja, prima. [lacht] Ik begin wel.")
    #expect(document.segments(.marker).map { $0.metadata["marker"] } == ["lacht"])
    checkInvariants(document)
  }

  @Test func subRipWithLabels() throws {
    let srt =
      "1\r\n00:00:01,000 --> 00:00:03,000\r\nI: Hoe gaat het?\r\n\r\n2\r\n00:00:03,500 --> 00:00:05,000\r\nR: Goed.\r\n\r\n3\r\n00:00:05,000 --> 00:00:07,000\r\nDank je.\r\n"
    let (document, _) = try ingest("zoom.srt", srt)
    let turns = document.segments(.turn)
    #expect(turns.map(\.speaker) == ["I", "R"])
    #expect(turns.map(\.role) == [.interviewer, .respondent])
    #expect(document.text(of: turns[1]) == "Goed. Dank je.")
    #expect(turns[1].metadata["timestamp"] == "00:00:03.500")
  }

  /// Two people in one cue, a line each (with the dialogue dash or without): each line goes to
  /// its own speaker, and the interviewer's question stays the interviewer's.
  @Test func oneCueWithTwoSpeakers() throws {
    let srt = """
      1
      00:00:01,000 --> 00:00:02,000
      Interviewer: Hoe?

      2
      00:00:02,000 --> 00:00:03,000
      - Jan: De kosten zijn hoog.
      - Piet: Ja, de kosten.

      3
      00:00:03,000 --> 00:00:04,000
      Piet: Te hoog.
      Jan: Veel te hoog.
      - En dat blijft zo.

      """
    let (document, _) = try ingest("gesprek.srt", srt)
    let turns = document.segments(.turn)
    #expect(turns.map(\.speaker) == ["Interviewer", "Jan", "Piet", "Jan"])
    #expect(
      document.texts(.turn) == [
        "Hoe?", "De kosten zijn hoog.", "Ja, de kosten. Te hoog.", "Veel te hoog. En dat blijft zo.",
      ])
    #expect(turns.map(\.role) == [.interviewer, .respondent, .respondent, .respondent])
    checkInvariants(document)
  }

  @Test func malformedCueIsSkippedWithALine() throws {
    let vtt =
      "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>Een.</v>\n\n00:0x:03.000 --> 00:00:04.000\n<v B>Kapot.</v>\n\n00:00:05.000 --> 00:00:06.000\n<v B>Drie.</v>\n"
    let (document, diagnostics) = try ingest("x.vtt", vtt)
    #expect(document.texts(.turn) == ["Een.", "Drie."])
    let warning = try #require(diagnostics.first)
    #expect(warning.location.line == 6)
  }

  @Test func aCueThatEndsBeforeItStartsIsKeptWithAWarning() throws {
    let vtt = "WEBVTT\n\n00:00:05.000 --> 00:00:02.000\n<v A>Terug in de tijd.</v>\n"
    let (document, diagnostics) = try ingest("x.vtt", vtt)
    #expect(document.texts(.turn) == ["Terug in de tijd."])
    let warning = try #require(diagnostics.first)
    #expect(warning.location.line == 3)
    #expect(warning.message == "cue ends at 00:00:02.000, before it starts at 00:00:05.000")
  }

  @Test func notCaptions() throws {
    #expect(throws: IngestError.self) { try ingest("x.vtt", "Dit is geen ondertitelbestand.\nHelemaal niet.\n") }
  }
}
