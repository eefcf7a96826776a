import Foundation
@testable import KwalIngest
import KwalModel
import KwalTestSupport
import Testing

/// Layouts seen in the twelfth field collection's frozen part after its scoring on 2026-12-07,
/// each in text written for the test.
extension FieldStructureTests {
  // A parliament's web record whose name lines carry a form of address ("De heer Ward Kennes"),
  // and a heading between the chair's line and its words.
  @Test func nameLinesWithAFormOfAddressAreTurns() throws {
    let text = """
      U bent hier

      De voorzitter

      Algemene bespreking

      Dames en heren, aan de orde is het ontwerp van decreet.

      De heer Kennes, verslaggever, heeft het woord.

      De heer Ward Kennes

      Minister, collega's, de commissie heeft het ontwerp besproken.

      De voorzitter

      Mevrouw Celis heeft het woord.

      Mevrouw Vera Celis

      Voorzitter, wij steunen het ontwerp.
      """
    let (document, _) = try ingest("plenaire.txt", text)
    #expect(document.kind == .debate)
    let turns = document.segments.filter { $0.kind == .turn }
    #expect(turns.map(\.speaker) == ["voorzitter", "Ward Kennes", "voorzitter", "Vera Celis"])
    #expect(turns.map(\.role) == [.chair, .member, .chair, .member])
    #expect(turns.map { $0.metadata["title"] } == ["De voorzitter", "De heer", "De voorzitter", "Mevrouw"])
    // A surname alone, a name particle, a party after the name; a form of address before words
    // that are no name is no name line (the floor was given: the speech follows at once).
    let record = [
      "De voorzitter", "Mevrouw Celis heeft het woord.", "Mevrouw Celis", "Voorzitter, ik ben het eens.",
      "De voorzitter", "Mevrouw De Ridder heeft het woord.", "Mevrouw de Ridder", "Ik ook.",
      "De voorzitter", "De heer Kennes heeft het woord.", "De heer Ward Kennes (N-VA)", "Dank u.",
      "De voorzitter", "De heer Jansen heeft het woord.", "De heer wil iets zeggen", "Tot ziens.",
    ]
    let (others, _) = try ingest("plenaire.txt", record.joined(separator: "\n\n") + "\n")
    let otherTurns = others.segments.filter { $0.kind == .turn }
    #expect(
      otherTurns.map(\.speaker) == [
        "voorzitter", "Celis", "voorzitter", "de Ridder", "voorzitter", "Ward Kennes", "voorzitter", "Jansen",
      ])
    #expect(otherTurns.count == 8 && otherTurns[1].metadata["title"] == "Mevrouw")
    #expect(otherTurns.count == 8 && otherTurns[5].metadata["party"] == "N-VA")
    #expect(!TextStructure.isAddressedName("wil iets zeggen"))
    #expect(!TextStructure.isAddressedName(""))
  }

  // A logo line set larger than the text at the top of every page, and a slogan set large at the
  // foot of every page, are running lines; a large title on the first page only, and large item
  // titles that differ page by page, are not.
  @Test func largeLinesThatHeadOrFootEveryPageAreDropped() throws {
    let topics = ["de begroting", "het nieuwe plein", "de verkeersveiligheid", "de rondvraag"]
    func page(_ number: Int, title: String? = nil) -> [MiniPDF.Item] {
      var items: [MiniPDF.Item] = [.largeHeader("Digitaal Vlaanderen ///", size: 16), .gap, .gap, .gap]
      if let title { items.append(.large(title, size: 20)) }
      items.append(.large("Agendapunt \(number)", size: 16))
      for line in 1...8 {
        items.append(
          .line("Over \(topics[number - 1]) zegt de werkgroep in regel \(line) wat zij ervan vindt en waarom."))
      }
      items.append(.largeFooter("Samen organiseren", size: 14))
      return items
    }
    let first = page(1, title: "Verslag werkgroep")
    let (document, _) = try PDFTests.read(MiniPDF(pages: [first, page(2), page(3), page(4)]))
    #expect(!document.text.contains("Digitaal Vlaanderen"))
    #expect(!document.text.contains("Samen organiseren"))
    #expect(document.text.contains("Verslag werkgroep"))
    for number in 1...4 {
      #expect(document.text.contains("Agendapunt \(number)"))
      #expect(document.text.contains("Over \(topics[number - 1]) zegt de werkgroep in regel 1"))
    }
    // Large item titles with a gap under them open every page: each is kept (their digits differ).
    let items = (1...4).map { number -> [MiniPDF.Item] in
      [.large("Agendapunt \(number)", size: 16), .gap, .gap] + page(number).dropFirst(5).dropLast()
    }
    let (numbered, _) = try PDFTests.read(MiniPDF(pages: items))
    for number in 1...4 { #expect(numbered.text.contains("Agendapunt \(number)")) }
    // A title repeated at the top of every page is kept on the first, as the title.
    let titled = (1...4).map { number -> [MiniPDF.Item] in
      [.largeHeader("Verslag van de werkgroep", size: 20), .gap, .gap, .gap] + page(number).dropFirst(5).dropLast()
    }
    let (repeated, _) = try PDFTests.read(MiniPDF(pages: titled))
    #expect(repeated.text.components(separatedBy: "Verslag van de werkgroep").count == 2)
    #expect(repeated.text.hasPrefix("Verslag van de werkgroep"))
    // On two pages, or on two pages of four, a large line is no running line.
    let (two, _) = try PDFTests.read(MiniPDF(pages: [page(1), page(2)]))
    #expect(two.text.components(separatedBy: "Digitaal Vlaanderen").count == 3)
    let (short, _) = try PDFTests.read(
      MiniPDF(pages: [page(1), page(2), [.gap, .line("Slot.")], [.gap, .line("Einde.")]]))
    #expect(short.text.contains("Digitaal Vlaanderen"))
  }
}

extension FieldStructureTests {
  // An association board's minutes that record their decisions as "We besluiten …" in a bullet.
  @Test func weDecideInABulletIsADecision() throws {
    let text = """
      # Notulen bestuursvergadering 28 januari 2011

      Aanwezig: Anna, Bas, Carla.

      ## Financiën

      -   De begroting is besproken. We besluiten de contributie gelijk te houden.
      -   Wij besluiten een nieuwe penningmeester te zoeken.

      ## Ledenadministratie

      -   Het ledenbestand is bijgewerkt.
      """
    let (document, _) = try ingest("notulen.md", text)
    #expect(document.kind == .minutes)
    #expect(document.segments.filter { $0.kind == .decision }.count == 2)
  }
}

/// Layouts seen in the development half of the thirteenth field collection, each in text written
/// for the test.
extension FieldStructureTests {
  // A school council's short record: a title that names and dates it, the points discussed as
  // bullets, and the next meeting's date.
  @Test func aDatedRecordWithTheNextMeetingIsMinutes() throws {
    let text = """
      Verslag 12 maart 2024

      Volgende punten werden besproken:

        • Het schoolreglement wordt aangepast voor de uitstappen.
        • De data van de sportdag liggen vast.

      Volgende vergadering: 4 juni 2024
      """
    let (document, _) = try ingest("verslag.txt", text)
    #expect(document.kind == .minutes)
    // Without the date in the title, or without the next meeting, it is no record.
    let (undated, _) = try ingest("b.txt", text.replacingOccurrences(of: "Verslag 12 maart 2024", with: "Verslag"))
    #expect(undated.kind == .document)
    let (plain, _) = try ingest(
      "c.txt", text.replacingOccurrences(of: "Volgende vergadering: 4 juni 2024", with: "Tot ziens."))
    #expect(plain.kind == .document)
  }

  // A district council's page: its title is the page's ("Verslagen"), the record below it has
  // "Aanwezige wijkraadleden:" alone on a line over the names.
  @Test func anAttendanceHeadingWithANounIsAttendance() throws {
    let text = """
      Verslagen

      Van deze overleggen worden verslagen gemaakt.

      Verslag: 27-6-2018

      Aanwezige wijkraadleden:

      Anna de Vries (voorzitter)
      Bas Smit (penningmeester)

       • Geen opmerkingen bij het vorige verslag.
       • Werkgroep Parkeren: er volgt een overleg met de gemeente.
      """
    let (document, _) = try ingest("verslagen.txt", text)
    #expect(document.kind == .minutes)
    // Without the line over the names, the page is no record.
    let (bare, _) = try ingest("b.txt", text.replacingOccurrences(of: "Aanwezige wijkraadleden:\n\n", with: ""))
    #expect(bare.kind == .document)
  }
}

extension FieldStructureTests {
  // Stories and announcements that share the new signals are no minutes: a trip report where
  // "We besluiten …" opens a sentence, a lecture's report that names the next gathering, and an
  // agenda page with "Aanwezig bij de opening:".
  @Test func storiesWithMinutesWordsAreNoMinutes() throws {
    let trip = """
      Verslag fietsweekend 2024

      Op zaterdag 14 september vertrokken we om negen uur.

      Na de lunch begon het te regenen. We besluiten terug te fietsen naar de camping.

      - We besluiten de volgende dag de kortere route te nemen.
      - Op zondag 15 september scheen de zon weer.
      """
    let (story, _) = try ingest("fietsweekend.txt", trip)
    #expect(story.kind != .minutes)
    let lecture = """
      Verslag lezing 14 maart

      De spreker vertelde over de geschiedenis van het dorp en de oude boerderijen.

      Volgende bijeenkomst: 11 april
      """
    let (report, _) = try ingest("lezing.txt", lecture)
    #expect(report.kind != .minutes)
    let agenda = """
      Agenda voorjaar 2024

      Aanwezig bij de opening:

      De burgemeester en de wethouder openen het nieuwe plein op 4 mei.
      """
    let (page, _) = try ingest("agenda.txt", agenda)
    #expect(page.kind != .minutes)
    #expect(!MinutesEvidence.isAttendanceNounHeading("Aanwezig bij de opening:"))
    #expect(MinutesEvidence.isAttendanceNounHeading("Aanwezige wijkraadleden:"))
    #expect(!MinutesEvidence.namesDate("Top 2000"))
    #expect(MinutesEvidence.namesDate("8 oktober 2013"))
  }
}

extension FieldStructureTests {
  // A club's page about its general meeting ends with links to the records of past meetings:
  // "verslag ledenvergadering 2010", "… 2011"; a list of records is no title.
  @Test func aListOfRecordsIsNoTitle() throws {
    let text = """
      Algemene Ledenvergadering

      Eens per jaar organiseert het bestuur een Algemene Ledenvergadering. Op de agenda staan ten minste:

       • Vaststelling van de notulen
       • Jaarverslag van het bestuur
       • Rondvraag

      Van de Algemene Ledenvergadering wordt een verslag opgesteld.
      verslag ledenvergadering 2010
      verslag ledenvergadering 2011
      verslag ledenvergadering 2012

      Contact
      """
    let (page, _) = try ingest("uitleg.txt", text)
    #expect(page.kind != .minutes)
    // One such line alone below a letterhead is the record's title.
    let record = """
      Vereniging De Start

      Verslag ledenvergadering 12 maart 2012

      Aanwezig: Anna, Bas, Carla

      1. Opening
      2. Jaarverslag
      3. Rondvraag
      """
    let (minutes, _) = try ingest("verslag.txt", record)
    #expect(minutes.kind == .minutes)
  }
}

/// Layouts seen in the thirteenth field collection's frozen part after its scoring on
/// 2026-12-07, each in text written for the test.
extension FieldStructureTests {
  // A copy of a parliament's web record that lost its speaker lines: the chair's words that give
  // the floor are left, a paragraph each; they are the chair's turns, and what follows each is
  // the named speaker's. Once in a record (minutes that say so) is no debate.
  @Test func wordsThatGiveTheFloorAreTheChairsTurns() throws {
    let text = """
      U bent hier

      De heer Peeters heeft het woord.

      Dank u, voorzitter. Minister, de scholen gaan weer open.

      Hoe kijkt u daartegenaan?

      Mevrouw De Smet heeft het woord.

      Voorzitter, ik sluit mij aan bij de vraag.

      Minister-president Jambon heeft het woord.

      Collega's, we doen wat we kunnen.
      """
    let (document, _) = try ingest("plenaire.txt", text)
    #expect(document.kind == .debate)
    let turns = document.segments.filter { $0.kind == .turn }
    #expect(turns.map(\.speaker) == ["voorzitter", "Peeters", "voorzitter", "De Smet", "voorzitter", "Jambon"])
    #expect(turns.map(\.role) == [.chair, .member, .chair, .member, .chair, .minister])
    #expect(turns.first.map { document.text(of: $0) }?.hasPrefix("De heer Peeters heeft het woord.") == true)
    // A chair's line before the words keeps them in the chair's turn.
    let labelled = text.replacingOccurrences(
      of: "Mevrouw De Smet heeft", with: "De voorzitter\n\nMevrouw De Smet heeft")
    let (withChair, _) = try ingest("plenaire.txt", labelled)
    #expect(withChair.segments.filter { $0.kind == .turn }.count == 6)
    let once = """
      Verslag van de vergadering van de werkgroep.

      De heer Peeters heeft het woord.

      Hij vertelt over de plannen voor het plein.
      """
    let (minutes, _) = try ingest("verslag.txt", once)
    #expect(minutes.segments.filter { $0.kind == .turn }.isEmpty)
  }

  // A newspaper's interview: the questions unlabelled, the answers in quotation marks, the first
  // after the speaker's name ("Veldwijk: ,,Ik volg …"). Two questions whose answers are all quoted
  // make an interview; two questions in a report, answered in plain text, do not.
  @Test func aNewspaperInterviewWithQuotedAnswersIsAnInterview() throws {
    let text = """
      Je bent net begonnen bij de club. Wat is je indruk?

      Jansen: ,,Ik ken de club al jaren. Mijn indruk is zeer positief.”

      Je hebt veel ervaring als trainer. Wat maakt jou geschikt voor dit team?

      ,,De laatste vijf jaar train ik jeugd en senioren. Dat neem ik mee.”

      ,,Ik denk dat we goed bij elkaar passen.”
      """
    let (document, _) = try ingest("interview.txt", text)
    #expect(document.kind == .interview)
    let turns = document.segments.filter { $0.kind == .turn }
    #expect(turns.map(\.role) == [.interviewer, .respondent, .interviewer, .respondent])
    #expect(turns.count == 4 && turns[1].speaker == "Jansen")
    let report = """
      De raad vergaderde dinsdag. Wat werd er besloten?

      De begroting is vastgesteld en het plein wordt opnieuw ingericht.

      En hoe gaat het verder met de bibliotheek?

      ,,Daar komen we in het voorjaar op terug”, zei de wethouder.
      """
    let (other, _) = try ingest("bericht.txt", report)
    #expect(other.kind == .document)
  }

  // A record of the Tweede Kamer converted to Markdown sets its labels in bold
  // (`**Mevrouw Gerkens (SP):** Voorzitter! …`); the Belgian Senate closes them with a full stop
  // and a dash, or two spaces (`De heer Philippe Moureaux (PS). - Uw commissie …`), under a heading
  // that names the record ("Handelingen - Nederlandse versie").
  @Test func labelsInBoldOrClosedByAFullStopAndADashAreTurns() throws {
    let markdown = """
      # Softwareoctrooien

      Aan de orde is het spoeddebat over softwareoctrooien.

      **Mevrouw Gerkens (SP):** Voorzitter! Twee weken geleden stond ik hier.

      **De heer Hessels (CDA)**: Dat is niet juist.

      **Mevrouw Gerkens (SP):** Het is wel juist.
      """
    let (bold, _) = try ingest("debat.txt", markdown)
    #expect(bold.kind == .debate)
    let boldTurns = bold.segments.filter { $0.kind == .turn }
    #expect(boldTurns.map(\.speaker) == ["Gerkens", "Hessels", "Gerkens"])
    #expect(boldTurns.first.map { bold.text(of: $0) }?.hasPrefix("Voorzitter! Twee weken") == true)
    let senate = """
      Belgische Senaat

      Handelingen - Nederlandse versie

      De voorzitter. - Aan de orde is het onderzoek van de geloofsbrieven.

      De heer Philippe Moureaux (PS). - Uw commissie diende de geloofsbrieven te onderzoeken.

      De heer Verreycken (Vl. Bl.).  Mevrouw de voorzitter, ik heb een klein probleem.
      """
    let (record, _) = try ingest("senaat.txt", senate)
    #expect(record.kind == .debate)
    let turns = record.segments.filter { $0.kind == .turn }
    #expect(turns.map(\.speaker) == ["voorzitter", "Philippe Moureaux", "Verreycken"])
    #expect(turns.map { $0.metadata["party"] } == [nil, "PS", "Vl. Bl."])
    #expect(turns.count == 3 && record.text(of: turns[1]).hasPrefix("Uw commissie"))
    // A full stop and a dash after words that are no label, and a label alone on its line
    // without a colon, are not labels.
    #expect(DebateLabel.parse("De begroting. - Vastgesteld.") == nil)
    #expect(DebateLabel.parse("De heer Jansen. - ") == nil)
    #expect(DebateLabel.parse("**Vergadering van 3 maart:** geopend") == nil)
  }

  // An agenda printed as bullets right under the title, without a heading; decisions under a
  // Markdown heading or a quoted "Beslissing"; a Flemish council's formula ("De gemeenteraad keurt
  // … goed.").
  @Test func bulletAgendasAndDecisionHeadingsInMinutes() throws {
    let text = """
      • Notulen ALV 2017

        Notulen Algemene Ledenvergadering VV Ons Dorp 16 maart 2017

        • Vaststelling notulen 27 november 2015

        • Jaarverslag van de secretaris

        • Verslag van de kascommissie

        • Rondvraag

        Opening

        De voorzitter opent de vergadering en heet iedereen welkom.
      """
    let (document, _) = try ingest("notulen.txt", text)
    #expect(document.kind == .minutes)
    let items = document.segments.filter { $0.kind == .agendaItem }
    #expect(items.count == 4)
    #expect(items.first.map { document.text(of: $0) }?.contains("Vaststelling notulen") == true)
    let markdown = """
      # Verslag werkgroep adres, 8 juni 2016

      Aanwezig: Jan, Piet, Marie

      ## 1. Opening

      De voorzitter opent.

      > Beslissing

      Het model wordt overgenomen.

      ### Besluit

      Het model wordt vastgesteld.

      De gemeenteraad keurt eenparig het volgende besluit goed.
      """
    let (decided, _) = try ingest("verslag.md", markdown)
    #expect(decided.kind == .minutes)
    let decisions = decided.segments.filter { $0.kind == .decision }.map { decided.text(of: $0) }
    #expect(decisions.contains { $0.hasPrefix("Het model wordt overgenomen") })
    #expect(decisions.contains { $0.hasPrefix("Het model wordt vastgesteld") })
    #expect(decisions.contains { $0.hasPrefix("De gemeenteraad keurt eenparig") })
  }

  // Minutes in Word whose agenda is a numbered list: the numbers Word shows are in the text, as
  // its reader sees them (`word/numbering.xml`), so the items are found; bullets stay list items.
  @Test func wordListNumbersAreInTheText() throws {
    let numbering = """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:abstractNum w:abstractNumId="0">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="2">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
      <w:num w:numId="4"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
      </w:numbering>
      """
    let body =
      paragraph("Notulen bestuursvergadering 12 maart 2024", style: "Title")
      + paragraph("Aanwezig: Jan, Piet, Marie")
      + paragraph("Opening", numbered: true) + paragraph("De voorzitter opent de vergadering.")
      + paragraph("Mededelingen", numbered: true)
      + paragraph("de kascommissie", numbered: true, level: 1) + paragraph("de website", numbered: true, level: 1)
      + paragraph("Koffie", numbered: true, list: 2)
      + paragraph("Rondvraag", numbered: true) + paragraph("Er zijn geen vragen.")
      + paragraph("Werkwijze", numbered: true, list: 3) + paragraph("Stap een", numbered: true, list: 3, level: 1)
      + paragraph("Opnieuw", numbered: true, list: 4) + paragraph("Geen nummer", numbered: true, list: 0)
      + paragraph("Onbekende lijst", numbered: true, list: 9)
    let (document, _) = try ingest("notulen.docx", data: try makeDocx(body: body, numberingXML: numbering))
    for line in [
      "1. Opening", "2. Mededelingen", "a) de kascommissie", "b) de website", "3. Rondvraag", "1. Werkwijze",
      "1.1 Stap een", "1. Opnieuw",
    ] {
      #expect(document.text.contains(line + "\n") || document.text.hasSuffix(line), "\(line)")
    }
    #expect(document.text.contains("\n\nKoffie\n") && document.text.contains("\n\nGeen nummer\n"))
    #expect(document.text.hasSuffix("\n\nOnbekende lijst"))
    #expect(document.kind == .minutes)
    let items = document.segments.filter { $0.kind == .agendaItem }.map { document.text(of: $0) }
    #expect(items.contains { $0.hasPrefix("1. Opening") } && items.contains { $0.hasPrefix("3. Rondvraag") })
    #expect(WordNumbering.format(28, as: "lowerLetter") == "bb" && WordNumbering.format(14, as: "upperRoman") == "XIV")
    // A numbering part that is not XML costs the numbers, not the document (a warning names it);
    // a hostile one (a huge or negative start, a level text far longer than Word's) numbers
    // within bounds or not at all.
    let (unnumbered, notes) = try ingest("kapot.docx", data: try makeDocx(body: body, numberingXML: "<w:numbering"))
    #expect(unnumbered.text.contains("\n\nOpening\n") && notes.contains { $0.message.contains("word/numbering.xml") })
    let hostile = numbering.replacingOccurrences(
      of: "<w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/>",
      with: "<w:start w:val=\"9223372036854775807\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%1.\"/>"
    )
    .replacingOccurrences(
      of: "<w:lvlText w:val=\"%2)\"/>", with: "<w:lvlText w:val=\"\(String(repeating: "%2", count: 500))\"/>")
    #expect(hostile != numbering)
    let (bounded, _) = try ingest("vijandig.docx", data: try makeDocx(body: body, numberingXML: hostile))
    #expect(bounded.text.contains("32767. Opening") && bounded.text.contains("\n\nde kascommissie"))
    #expect(WordNumbering.format(1_000_000, as: "lowerLetter") == "1000000" && WordNumbering.bounded(-5) == 0)
  }

  // An interview on a website without labels or quotation marks: questions asked of the person
  // ("je"), answered in the first person ("ik"). A municipality's questions and answers ("Hoe
  // vraag ik …?", "U kunt …") are no interview.
  @Test func questionsAskedOfAPersonAndAnsweredByThemMakeAnInterview() throws {
    let text = """
      Hoi Sandra, wie ben je en wat doe je?

      Sinds april ben ik wijkraadslid voor het centrum.

      Wat is je drijfveer?

      Ik wil mijn wijk leren kennen en helpen.

      Wat wil je de komende jaren bereiken?

      Een groot punt waar ik kansen zie, is participatie.

      Wat vind je het lastigst?

      Dat er al zoveel boze mensen zijn, maar ik blijf luisteren.
      """
    let (document, _) = try ingest("sandra.txt", text)
    #expect(document.kind == .interview)
    #expect(document.segments.filter { $0.kind == .turn }.count == 8)
    let faq = """
      Hoe vraag ik een paspoort aan?

      U kunt een afspraak maken bij de balie.

      Wat kost een paspoort?

      Een paspoort kost dit jaar 80 euro.

      Hoe lang is mijn paspoort geldig?

      Een paspoort is tien jaar geldig.

      Kan ik mijn paspoort laten bezorgen?

      Dat kan tegen betaling.
      """
    let (questions, _) = try ingest("paspoort.txt", faq)
    #expect(questions.kind == .document)
    let informal = """
      Hoe vraag je een pas aan?

      Je maakt een afspraak; wij nemen je foto.

      Wat kost je pas?

      Wij rekenen 20 euro, dat betaal je bij ons.

      Hoe lang is je pas geldig?

      We geven je pas vijf jaar.

      Kun je je pas laten bezorgen?

      Ja, wij bezorgen hem bij je thuis.
      """
    let (ours, _) = try ingest("pas.txt", informal)
    #expect(ours.kind == .document)
  }

  // An automatic transcript names voices "Spreker 1", "Spreker 2" without a colon: alone on a
  // line (with a time or not), before the words, or run on in one paragraph. A community's
  // transcript of a committee writes "(00:46) Hessels (CDA):" and "Van Dam (PvdA):".
  @Test func numberedSpeakersAndPartiesAfterANameAreTurns() throws {
    let runOn = """
      Stuurgroep vergadering
      Transcriptie
      Spreker 2 Zo, welkom allemaal. Ja ja. Spreker 1 Dank je. Spreker 2 Dan het verslag van de vorige keer. Spreker 3 Daar heb ik een punt bij.
      Spreker 4
      Klopt, dat hebben we besproken.
      Spreker 2 00:03:12
      Goed, dan gaan we door.
      """
    let (transcript, _) = try ingest("transcript.txt", runOn)
    let turns = transcript.segments.filter { $0.kind == .turn }
    #expect(turns.map(\.speaker) == ["Spreker 2", "Spreker 1", "Spreker 2", "Spreker 3", "Spreker 4", "Spreker 2"])
    #expect(turns.count == 6 && transcript.text(of: turns[1]).hasPrefix("Dank je."))
    #expect(
      turns.last?.metadata["timestamp"] == "00:03:12"
        || turns.last.map { transcript.text(of: $0) } == "Goed, dan gaan we door.")
    let committee = """
      Voorzitter Hofstra:

      De vergadering is geopend.

      (00:46) Hessels (CDA):

      Dank u, voorzitter.

      Voorzitter:

      Dank u. De heer Van Dam.

      Van Dam (PvdA):

      Een vraag.

      Voorzitter:

      Kort graag.

      Van Dam:

      Dat is alles.

      Voorzitter:

      Mevrouw Gerkens.
      """
    let (meeting, _) = try ingest("overleg.txt", committee)
    #expect(
      meeting.segments.filter { $0.kind == .turn }.map(\.speaker) == [
        "Voorzitter Hofstra", "Hessels", "Voorzitter", "Van Dam", "Voorzitter", "Van Dam", "Voorzitter",
      ])
    // A masterclass's transcript: a name with a curly apostrophe, and someone in the audience.
    let masterclass = """
      One’sy Muller: We gaan verder met het onderdeel.

      Lisa Hinderks: Ja, dank je wel.

      Iemand uit het publiek: Hoe doe je dat?

      Lisa Hinderks: Zo doe ik dat.

      Iemand uit het publiek: Dank je.
      """
    let (session, _) = try ingest("masterclass.txt", masterclass)
    #expect(
      session.segments.filter { $0.kind == .turn }.map(\.speaker) == [
        "One’sy Muller", "Lisa Hinderks", "Iemand uit het publiek", "Lisa Hinderks", "Iemand uit het publiek",
      ])
    // A sentence that opens with "Spreker 2" and lowercase words, and a traceback, are no labels.
    let prose = """
      Spreker 2 is de tweede stem in de opname.

      Traceback (most recent call last):

      File "foo.py", line 1
      """
    let (plain, _) = try ingest("uitleg.txt", prose)
    #expect(plain.segments.filter { $0.kind == .turn }.isEmpty)
  }

  // The Kamer's own pages open with "Tweede Kamer, 14e vergadering, …", a committee's report
  // says it is a "woordelijk verslag": with one speech, a debate; minutes that say no verbatim
  // record was made stay minutes.
  @Test func aParliamentsRecordSaysSoInItsOpening() throws {
    let plenary = """
      Tweede Kamer, 14e vergadering, woensdag 25 oktober 2017

      Voorzitter: Arib

      Aanwezig zijn 135 leden der Kamer, te weten: Van Aalst, Agema, Amhaouch.

      De voorzitter:
      Ik open de vergadering.
      """
    let (record, _) = try ingest("plenair.txt", plenary)
    #expect(record.kind == .debate)
    #expect(record.segments.filter { $0.kind == .turn }.map(\.speaker) == ["voorzitter"])
    let report = """
      VERSLAG VAN EEN ALGEMEEN OVERLEG

      Van dit overleg brengt de commissie bijgaand geredigeerd woordelijk verslag uit.

      Voorzitter: Van Weyenberg

      De voorzitter: Ik heet iedereen welkom.
      """
    #expect(try ingest("overleg.txt", report).document.kind == .debate)
    // The same said in a line that opens with "De" (checked as well as the Handelingen' "De
    // beraadslaging wordt geopend.").
    let opensWithDe = report.replacingOccurrences(
      of: "Van dit overleg brengt de commissie", with: "De commissie brengt van dit overleg")
    #expect(try ingest("overleg.txt", opensWithDe).document.kind == .debate)
    let minutes = """
      Notulen bestuursvergadering 3 maart 2024

      Aanwezig: Jan, Piet, Marie

      Van deze vergadering is geen woordelijk verslag gemaakt.

      1. Opening

      De voorzitter: Welkom allemaal.

      2. Rondvraag
      """
    #expect(try ingest("notulen.txt", minutes).document.kind == .minutes)
  }

  // A Flemish council's minutes: "BESLUIT" (set as a heading in a PDF), then "Artikel 1" over the
  // decision's text.
  @Test func aDecisionUnderItsArticleNumber() throws {
    let text = """
      Notulen van de gemeenteraad van 17 november 2025

      Aanwezig: de voorzitter, de burgemeester, de schepenen

      1 Klacht bij Agentschap Binnenlands Bestuur - Kennisneming

      De gouverneur komt tot de conclusie dat niets werd geschonden.

      BESLUIT

      Artikel 1

      Kennis te nemen van de beslissing van de gouverneur.

      2 Verkeersreglement - Goedkeuring

      BESLUIT

      Art. 1

      Het reglement goed te keuren.

      BIJLAGEN

      1. Opvraging_CBS.pdf

      2. Klacht_2025.000710.pdf
      """
    let (document, _) = try ingest("notulen.txt", text)
    #expect(document.kind == .minutes)
    let decisions = document.segments.filter { $0.kind == .decision }.map { document.text(of: $0) }
    #expect(decisions == ["Kennis te nemen van de beslissing van de gouverneur.", "Het reglement goed te keuren."])
    // The attachments' numbered list names files: no agenda items.
    let items = document.segments.filter { $0.kind == .agendaItem }.map { document.text(of: $0) }
    #expect(items.count == 2 && !items.contains { $0.hasPrefix("1. Opvraging") || $0.hasPrefix("2. Klacht") })
    #expect(
      !TextStructure.withBytes(of: "Artikel 12 van de wet") { bytes in
        TextStructure(bytes: bytes, lines: TextStructure.lines(of: bytes), markdown: false)
          .isArticleLine(SourceLine(start: 0, end: bytes.count))
      })
  }
}
