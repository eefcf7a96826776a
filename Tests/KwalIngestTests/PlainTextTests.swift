import Foundation
import KwalIngest
import KwalModel
import Testing

@Suite("Encodings of .txt files")
struct EncodingTests {
  static let sentence = "Het café in Zuid was geïnspireerd, zei de coördinator."

  @Test func utf8WithAndWithoutBOM() throws {
    let plain = try ingest("a.txt", data: Data(Self.sentence.utf8))
    let bom = try ingest("a.txt", data: Data([0xEF, 0xBB, 0xBF] + Array(Self.sentence.utf8)))
    #expect(plain.document.text == Self.sentence)
    #expect(bom.document.text == Self.sentence)
    #expect(plain.diagnostics.isEmpty && bom.diagnostics.isEmpty)
  }

  @Test(arguments: [true, false])
  func utf16WithBOM(littleEndian: Bool) throws {
    var bytes: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
    for unit in Self.sentence.utf16 {
      let pair = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
      bytes += littleEndian ? pair : pair.reversed()
    }
    let (document, _) = try ingest("oud.txt", data: Data(bytes))
    #expect(document.text == Self.sentence)
  }

  @Test func windows1252AndLatin1() throws {
    // "Café geïnspireerd – €5" in Windows-1252: é E9, ï EF, en dash 96, euro 80.
    let bytes: [UInt8] =
      Array("Caf".utf8) + [0xE9] + Array(" ge".utf8) + [0xEF] + Array("nspireerd ".utf8) + [0x96, 0x20, 0x80]
      + Array("5".utf8)
    let (document, diagnostics) = try ingest("oud.txt", data: Data(bytes))
    #expect(document.text == "Café geïnspireerd – €5")
    #expect(diagnostics.contains { $0.message.contains("Windows-1252") })
  }

  @Test func invalidUTF8IsRepairedWithALocatedWarning() throws {
    // Valid "é" (C3 A9) on line 1, a stray 0xFF on line 2, column 4.
    let bytes: [UInt8] = Array("Café\nabc".utf8) + [0xFF] + Array("def\n".utf8)
    let (document, diagnostics) = try ingest("kapot.txt", data: Data(bytes))
    #expect(document.text.contains("\u{FFFD}"))
    let warning = try #require(diagnostics.first)
    #expect(warning.severity == .warning)
    #expect(warning.location.line == 2)
    #expect(warning.location.column == 4)
  }

  @Test func lineEndsAndNFC() throws {
    // CRLF and a lone CR become LF; "e" + combining diaeresis becomes "ë".
    let (document, _) = try ingest("a.txt", "Eerste regel\r\nTweede regel\rDe\u{0065}\u{0308}rste\r\n")
    #expect(document.text == "Eerste regel\nTweede regel\nDeërste\n")
    #expect(document.text.unicodeScalars.contains("ë"))
    checkInvariants(document)
  }

  @Test func binaryFileIsAnError() throws {
    let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]
    #expect(throws: IngestError.self) { try ingest("foto.txt", data: Data(bytes)) }
    do {
      _ = try ingest("foto.txt", data: Data(bytes))
    } catch let error as IngestError {
      #expect(error.kind == .badData)
      #expect(error.description.hasPrefix("foto.txt: error: binary file"))
    }
  }

  @Test func emptyFileIsAWarning() throws {
    let (document, diagnostics) = try ingest("leeg.txt", "")
    #expect(document.text.isEmpty)
    #expect(document.segments.isEmpty)
    #expect(diagnostics.contains { $0.severity == .warning && $0.message.contains("empty") })
    let blank = try ingest("blanco.txt", "  \n\t\n \n")
    #expect(blank.diagnostics.contains { $0.severity == .warning && $0.message == "empty document: only white space" })
  }

  @Test func hugeTextIsReadInOnePiece() throws {
    let turn = "I: Hoe ging het?\n\nR: Goed, we hebben veel geleerd van de stadshub.\n\n"
    let text = String(repeating: turn, count: 20_000)  // about 1.3 MB, 40,000 turns
    let (document, _) = try ingest("groot.txt", text)
    #expect(document.kind == .interview)
    #expect(document.segments(.turn).count == 40_000)
    checkInvariants(document)
  }
}

@Suite("Interview transcripts")
struct InterviewTests {
  @Test(arguments: [
    ("I: Hoe begon het?", "I", nil as String?, "Hoe begon het?"),
    ("R2: Met een subsidie.", "R2", nil, "Met een subsidie."),
    ("Interviewer: Vertel eens.", "Interviewer", nil, "Vertel eens."),
    ("Ans de Vries (00:12:33): Dat klopt.", "Ans de Vries", "00:12:33", "Dat klopt."),
    ("[00:12:33] Ans de Vries: Dat klopt.", "Ans de Vries", "00:12:33", "Dat klopt."),
    ("Respondent 2: Nou, eh, ja.", "Respondent 2", nil, "Nou, eh, ja."),
    ("Jan van der Berg: Prima.", "Jan van der Berg", nil, "Prima."),
    ("I:Zonder spatie?", "I", nil, "Zonder spatie?"),
  ])
  func speakerLabelForms(line: String, speaker: String, timestamp: String?, content: String) throws {
    let text = "\(line)\n\nR9: Tweede antwoord.\n\n\(line)\n\nR9: Derde antwoord.\n"
    let (document, _) = try ingest("a/b.txt", text)
    #expect(document.kind == .interview)
    let turn = try #require(document.segments(.turn).first)
    #expect(turn.speaker == speaker)
    #expect(turn.metadata["timestamp"] == timestamp)
    #expect(document.text(of: turn) == content)
    checkInvariants(document)
  }

  /// `Kortom:` or `Let op:` at the start of a line opens a sentence, not a speaker's turn: the
  /// words stay in the turn they belong to.
  @Test func discourseWordsAreNoSpeakers() throws {
    let text = """
      I: Hoe ging het?

      R: Moeizaam.
      Kortom: de kosten waren te hoog.
      Let op: dat gold voor iedereen.

      I: Dank je.
      """
    let (document, _) = try ingest("a/b.txt", text)
    #expect(document.segments(.turn).map(\.speaker) == ["I", "R", "I"])
    let answer = try #require(document.segments(.turn).dropFirst().first)
    #expect(document.text(of: answer).contains("Kortom: de kosten waren te hoog."))
    checkInvariants(document)
  }

  @Test func labelAloneOnItsLineWithTimestamp() throws {
    let text = """
      Ans de Vries 00:00:05
      Goedemorgen, fijn dat u er bent.

      Karel Jansen 00:00:09
      Ja, graag gedaan.
      We beginnen maar.

      Ans de Vries 00:00:15
      Mooi.
      """
    let (document, _) = try ingest("teams.txt", text)
    #expect(document.kind == .interview)
    let turns = document.segments(.turn)
    #expect(turns.map(\.speaker) == ["Ans de Vries", "Karel Jansen", "Ans de Vries"])
    #expect(turns.map { $0.metadata["timestamp"] } == ["00:00:05", "00:00:09", "00:00:15"])
    #expect(document.text(of: turns[1]) == "Ja, graag gedaan.\nWe beginnen maar.")
  }

  static let transcript = """
    Interview wethouder Havenstad
    Datum: 14 mei 2019
    Aanwezig: Jan (interviewer), R2 (respondent)

    Jan: Hoe kijkt u terug op de eerste fase?

    R2: Eerlijk gezegd met gemengde gevoelens. [lacht] We wilden te veel tegelijk.
    En de vervoerders hadden hun eigen agenda.

    Jan: Kunt u een voorbeeld geven?

    R2: De [naam] wilde de volumes niet delen. [onverstaanbaar]
    """

  @Test func headerRolesTurnsAndMarkers() throws {
    let (document, _) = try ingest("Havenstad/interviews/wethouder.txt", Self.transcript)
    #expect(document.kind == .interview)
    #expect(document.caseName == "Havenstad")
    #expect(document.title == "Interview wethouder Havenstad")
    #expect(document.date == "2019-05-14")
    #expect(document.texts(.header) == ["14 mei 2019", "Jan (interviewer), R2 (respondent)"])
    #expect(document.segments(.header).map { $0.metadata["field"] } == ["datum", "aanwezig"])
    let turns = document.segments(.turn)
    #expect(turns.map(\.speaker) == ["Jan", "R2", "Jan", "R2"])
    #expect(turns.map(\.role) == [.interviewer, .respondent, .interviewer, .respondent])
    #expect(document.text(of: turns[1]).hasSuffix("En de vervoerders hadden hun eigen agenda."))
    let markers = document.segments(.marker)
    #expect(markers.map { $0.metadata["marker"] } == ["lacht", "naam", "onverstaanbaar"])
    #expect(document.text(of: markers[0]) == "[lacht]")
    checkInvariants(document)
  }

  @Test func builtInInterviewerLabelsAndManifestOverride() throws {
    let text = "Onderzoeker: Vraag een.\n\nPiet: Antwoord een.\n\nOnderzoeker: Vraag twee.\n\nPiet: Antwoord twee.\n"
    let (plain, _) = try ingest("x.txt", text)
    #expect(plain.segments(.turn).map(\.role) == [.interviewer, .respondent, .interviewer, .respondent])
    var settings = CorpusManifest.Settings()
    settings.roles = ["piet": .interviewer, "Onderzoeker": .respondent]
    let (overridden, _) = try ingest("x.txt", text, settings: settings)
    #expect(overridden.segments(.turn).map(\.role) == [.respondent, .interviewer, .respondent, .interviewer])
    let (listed, _) = try ingest("x.txt", text, interviewer: ["Piet"])
    #expect(listed.segments(.turn).map(\.role) == [.respondent, .interviewer, .respondent, .interviewer])
  }

  @Test func numberedInterviewerLabels() throws {
    let text = "I1: Vraag.\n\nR1: Antwoord.\n\nInterviewer 2: Nog een vraag.\n\nR1: Nog een antwoord.\n"
    let (document, _) = try ingest("x.txt", text)
    #expect(document.segments(.turn).map(\.role) == [.interviewer, .respondent, .interviewer, .respondent])
  }

  @Test func notASpeakerLabel() throws {
    // Sentences with a colon are no turns; a URL is no label.
    let text =
      "Het project: een overzicht van de pilot.\n\nZie http://example.org voor meer.\n\nDe wethouder zei: dat gaat niet.\n"
    let (document, _) = try ingest("x.txt", text)
    #expect(document.kind == .document)
    #expect(document.segments(.turn).isEmpty)
    #expect(document.segments(.paragraph).count == 3)
  }
}

@Suite("Minutes")
struct MinutesTests {
  static let minutes = """
    Notulen stuurgroep Campus Zuid
    Datum: 3 maart 2021
    Aanwezig: Jan de Vries (voorzitter), Ans Bakker, Piet Smit
    Afwezig: Karin Mol

    1. Opening
    De voorzitter opent de vergadering om 10.00 uur.

    2. Stand van zaken pilot
    Ans: de pilot loopt goed, maar de vervoerders haken af.
    Piet geeft aan dat de kosten hoger zijn dan begroot.
    Besluit: de pilot wordt met drie maanden verlengd.
    Besloten wordt de provincie om extra subsidie te vragen.

    3. Actiepunten
    - Jan stuurt de planning rond.
    - Ans belt de vervoerders.
    Actie: Piet maakt een begroting.

    4. Rondvraag en sluiting
    Geen vragen.
    """

  @Test func headerAgendaDecisionsActions() throws {
    let (document, _) = try ingest("CampusZuid/notulen/2021-03-03.txt", Self.minutes)
    #expect(document.kind == .minutes)
    #expect(document.date == "2021-03-03")
    #expect(document.segments(.header).map { $0.metadata["field"] } == ["datum", "aanwezig", "afwezig"])
    let items = document.segments(.agendaItem)
    #expect(items.map { $0.metadata["number"] } == ["1", "2", "3", "4"])
    #expect(document.text(of: items[0]) == "1. Opening\nDe voorzitter opent de vergadering om 10.00 uur.")
    #expect(
      document.texts(.decision) == [
        "de pilot wordt met drie maanden verlengd.", "Besloten wordt de provincie om extra subsidie te vragen.",
      ])
    #expect(
      document.texts(.actionItem) == [
        "Jan stuurt de planning rond.", "Ans belt de vervoerders.", "Piet maakt een begroting.",
      ])
    let turns = document.segments(.turn)
    #expect(turns.map(\.speaker) == ["Ans"])
    #expect(document.text(of: turns[0]) == "de pilot loopt goed, maar de vervoerders haken af.")
    #expect(document.texts(.heading).contains("Stand van zaken pilot"))
    // Every decision and action lies inside its agenda item.
    for segment in document.segments where segment.kind == .decision || segment.kind == .actionItem {
      #expect(items.contains { $0.range.contains(segment.range) })
    }
    checkInvariants(document)
  }

  @Test func interviewWithDatumHeaderStaysAnInterview() throws {
    let text =
      "Datum: 2 februari 2020\nAanwezig: I, R\n\nI: Vraag?\n\nR: Antwoord.\n\nI: Nog een vraag?\n\nR: Nog een antwoord.\n"
    #expect(try ingest("x.txt", text).document.kind == .interview)
  }

  @Test func agendapuntForm() throws {
    let text =
      "Verslag overleg\nDatum: 2020-02-02\n\nAgendapunt 1: Opening\nWelkom.\n\nAgendapunt 2: Begroting\nDe begroting is rond.\n"
    let (document, _) = try ingest("x.txt", text)
    #expect(document.kind == .minutes)
    #expect(document.segments(.agendaItem).map { $0.metadata["number"] } == ["1", "2"])
  }
}

@Suite("Documents and Markdown")
struct DocumentStructureTests {
  @Test func markdownBlocks() throws {
    let text = """
      # Evaluatie stadshub

      De hub draaide twee jaar. Het doel was minder vrachtverkeer.

      ## Wat ging goed

      - De bundeling van pakketten.
      - Het contact met de apotheek.

      > Samen kom je verder dan alleen.

      1. Eerst de planning.
      2. Dan de uitvoering.
      """
    let (document, _) = try ingest("blog/evaluatie.md", text)
    #expect(document.kind == .document)
    #expect(document.title == "Evaluatie stadshub")
    #expect(document.texts(.heading) == ["Evaluatie stadshub", "Wat ging goed"])
    #expect(document.segments(.heading).map { $0.metadata["level"] } == ["1", "2"])
    #expect(
      document.texts(.listItem) == [
        "De bundeling van pakketten.", "Het contact met de apotheek.", "Eerst de planning.", "Dan de uitvoering.",
      ])
    #expect(document.texts(.quote) == ["Samen kom je verder dan alleen."])
    #expect(document.texts(.paragraph) == ["De hub draaide twee jaar. Het doel was minder vrachtverkeer."])
    checkInvariants(document)
  }

  @Test func paragraphsSeparatedByBlankLines() throws {
    let (document, _) = try ingest("x.txt", "Eerste alinea,\nnog steeds de eerste.\n\n\nTweede alinea.\n")
    #expect(document.texts(.paragraph) == ["Eerste alinea,\nnog steeds de eerste.", "Tweede alinea."])
  }
}
