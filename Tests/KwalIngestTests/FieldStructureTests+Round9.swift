import Foundation
@testable import KwalIngest
import KwalModel
import KwalTestSupport
import Testing

/// Layouts seen in the sixteenth field collection's frozen part after its scoring on 2026-12-08,
/// each in text written for the test.
extension FieldStructureTests {
  // A local paper's interview cut short after its first question: the opening says it is an
  // interview, the question stands on its own line, the answer opens with quotation marks.
  @Test func oneQuestionAnsweredInQuotesUnderAnInterviewsOpeningIsAnInterview() throws {
    let text = """
      In een geleende jas en met koude handen doet Sanne de Wit dit interview op het bordes van het gemeentehuis.

      Hoe bevalt het nieuwe werk?

      ,,Beter dan ik dacht. De eerste weken waren druk, maar ik leer de dorpen nu echt kennen.
      """
    let (document, _) = try ingest("portret.txt", text)
    #expect(document.kind == .interview)
    #expect(document.segments.filter { $0.kind == .turn }.count == 2)
    // A news report quotes someone it names: one question and a quote make no interview.
    let report = """
      De wethouder gaf gisteren een interview over de nieuwe busroute.

      Wat betekent dit voor de dorpen?

      ,,Dat weten we nog niet precies", zegt wethouder Bakker. ,,We kijken eerst naar de cijfers."
      """
    let (news, _) = try ingest("bericht.txt", report)
    #expect(news.kind != .interview)
    // Without an opening that names an interview, one question and a quote make none either.
    let column = """
      Het regende de hele week in het dorp.

      Wanneer houdt het op?

      ,,Nooit", schreef een lezer ons.
      """
    let (notes, _) = try ingest("column.txt", column)
    #expect(notes.kind != .interview)
  }

  // The seventeenth collection's dev part: a cooperative's web page whose title stands twice (the
  // page's and the article's), under a category line, its items bullets that title a paragraph.
  @Test func bulletsThatTitleTheirParagraphsAreAgendaItems() throws {
    let text = """
      Nieuws

      VERSLAG LEDENVERGADERING

      Verslag Ledenvergadering

      Datum: 12 mei 2021
      Aantal aanwezigen: 14

        • Opening:

      De voorzitter opent om 20:00 de vergadering en heet iedereen welkom.

        • Jaarcijfers

      De penningmeester licht de cijfers toe; de leden stellen de jaarrekening vast.

        • Rondvraag

      Er worden geen vragen gesteld en de voorzitter sluit de vergadering.
      """
    let (document, _) = try ingest("coop.txt", text)
    #expect(document.kind == .minutes)
    #expect(document.segments.filter { $0.kind == .agendaItem }.count == 3)
  }

  // A Flemish council's decision as its record gives it: recitals, "Besluit:", the vote, the
  // articles (`Art. 1:` names no speaker).
  @Test func aCouncilsDecisionWithRecitalsAndAVoteIsMinutes() throws {
    let text = """
      GR20210311 Punt 7. Sport - reglement voor de toelage aan sportclubs - goedkeuring

      Gelet op het decreet over het lokaal bestuur;

      Gelet op het advies van de sportraad van 2 februari 2021;

      Overwegende dat de clubs een vaste toelage vragen;

      Besluit:

      met 21 ja-stemmen en 3 onthoudingen

      Art. 1: Het reglement voor de toelage aan sportclubs wordt goedgekeurd.

      Art. 2: Het reglement treedt in werking op 1 april 2021.
      """
    let (document, _) = try ingest("punt7.txt", text)
    #expect(document.kind == .minutes)
    #expect(!document.segments.contains { $0.kind == .turn })
    // Recitals and a decision without a vote are a regulation's text, no minutes.
    let regulation = """
      Verordening sportsubsidie 2021

      Gelet op het decreet over het lokaal bestuur;

      Overwegende dat de clubs een vaste toelage vragen;

      Besluit:

      Art. 1: Deze verordening regelt de toelage aan sportclubs.
      """
    let (rules, _) = try ingest("verordening.txt", regulation)
    #expect(rules.kind != .minutes)
  }

  // A Vlaams Parlement page: the chair's name line, a heading, the chair's words ending with who
  // has the floor, that speech without a name line, then a member's name alone on its line over
  // words that address the chair.
  @Test func aFloorGivenAtTheEndOfTheChairsWordsAndANameLineAreTurns() throws {
    let text = """
      De voorzitter

      Bespreking

      Dames en heren, ik stel voor de bespreking van het voorstel van resolutie te openen. (Instemming)

      De bespreking is geopend.

      De heer Peeters heeft het woord.

      Dit voorstel vraagt de regering om de wegen beter te onderhouden. Ik raad iedereen aan het te steunen.

      Sofie Van den Broeck

      Voorzitter, ik zal kort zijn. Wij steunen het voorstel, met een kleine aanvulling.
      """
    let (document, _) = try ingest("plenaire.txt", text)
    #expect(document.kind == .debate)
    let turns = document.segments.filter { $0.kind == .turn }
    #expect(turns.map(\.speaker) == ["voorzitter", "Peeters", "Sofie Van den Broeck"])
  }

  // A workshop's report lists requirements by code (`WERK012:`): in minutes those are no speakers.
  @Test func numberedCodesInMinutesAreNoSpeakers() throws {
    var text =
      "Verslag werkgroep 3 van 4 maart 2020\n\nAanwezig: An, Bert, Chris\n\n1. Opening\n\nAn opent.\n\n2. Eisen\n\n"
    for number in [1, 4, 7, 12, 15, 21] {
      text += "WERK0\(number): een bestuur kan een sjabloon kiezen voor besluit \(number).\n"
    }
    let (document, _) = try ingest("werkgroep.txt", text)
    #expect(document.kind == .minutes)
    #expect(!document.segments.contains { $0.kind == .turn })
    // Numbered speakers of a transcript stay speakers.
    var transcript = "Verslag overleg 5 juni 2020\n\nAanwezig: vijf sprekers\n\n"
    for round in 0..<2 {
      for number in 1...5 { transcript += "SPREKER \(number): punt \(round) is voor mij helder.\n" }
    }
    let (meeting, _) = try ingest("overleg.txt", transcript)
    #expect(meeting.segments.filter { $0.kind == .turn }.count == 10)
  }

  // A paper's interview: the answers in quotation marks, one question put as a statement.
  @Test func aStatementAnsweredInQuotesIsAQuestionOfAnInterview() throws {
    let text = """
      Kent u de stad goed?

      ,,Ik kom er al jaren, maar de wijken moet ik nog leren kennen.''

      Hoe kwam u bij deze baan?

      ,,De partij vroeg het me, en ik wilde graag.''

      Uw vorige gemeente verliest nu haar meest ervaren wethouder.

      ,,Dat valt wel mee, er zijn goede mensen genoeg.''

      Wat gaat u het eerst doen?

      ,,Luisteren, vooral in de wijken waar het moeilijk gaat.''
      """
    let (document, _) = try ingest("interview.txt", text)
    #expect(document.kind == .interview)
    #expect(document.segments.filter { $0.kind == .turn }.count == 8)
  }

  // Look-alikes of this round's layouts, found in review: each stays what it is.
  @Test func lookalikesOfRoundNinesLayoutsStayWhatTheyAre() throws {
    // Participants numbered by one code who speak again and again are people, not identifiers.
    var focus = "Verslag focusgroep bewoners 12 maart 2021\n\nAanwezig: zes bewoners, twee onderzoekers\n\n"
    for round in 1...3 {
      for number in 1...6 { focus += "DLN\(number): over punt \(round) denk ik er zo over.\n" }
    }
    let (group, _) = try ingest("focusgroep.txt", focus)
    #expect(group.segments.filter { $0.kind == .turn }.count == 18)
    // A news report that names the interview: the quote's speaker is named after it.
    let report = """
      In een interview met de lokale omroep blikte burgemeester Bakker terug op zijn eerste jaar.

      Wat is hem het meest bijgebleven?

      ,,De brand in de Hoofdstraat. Die nacht vergeet ik nooit."

      Dat vertelde hij in het programma van zaterdag.
      """
    let (news, _) = try ingest("omroep.txt", report)
    #expect(news.kind != .interview)
    // A regulation whose last line uses "stemmen" as a verb records no vote.
    let regulation = """
      Verordening burgerparticipatie 2022

      Gelet op artikel 150 van de Gemeentewet;

      Overwegende dat inwoners vaker willen meedenken;

      Besluit:

      vast te stellen de Verordening burgerparticipatie 2022.

      Met deze verordening kunnen inwoners voortaan ook digitaal stemmen over buurtplannen.
      """
    let (rules, _) = try ingest("verordening.txt", regulation)
    #expect(rules.kind != .minutes)
    // Bullets whose lines wrap are no titles of the paragraphs under them.
    let wrapped = """
      Notulen bewonersoverleg 3 maart 2021

      Aanwezig: An, Bert, Chris

      - De penningmeester licht de
      cijfers van vorig jaar toe; er is een klein overschot.
      - De voorzitter vraagt wie
      de nieuwe kascommissie wil vormen; Bert meldt zich aan.
      - Het bestuur stelt voor om
      de contributie gelijk te houden; de leden gaan akkoord.
      """
    let (minutes, _) = try ingest("overleg.txt", wrapped)
    #expect(minutes.segments(.agendaItem).isEmpty)
  }

  // An interview's lede and its narration after a quoted answer are no questions.
  @Test func narrationAndSumsInAQuotedInterviewAreNoQuestions() throws {
    let text = """
      Sanne de Wit is sinds mei wethouder in Epe. We spraken haar op het gemeentehuis.

      Hoe bevalt het nieuwe werk?

      ,,Goed. Ik leer de dorpen kennen en dat kost tijd.''

      Ze kijkt even naar buiten.

      Wat staat er dit jaar op de planning?

      € 2 miljoen gaat naar de wijken, dat is afgesproken in de begroting.

      Wat wilt u nog bereiken?

      ,,Dat de wijken zelf meer te zeggen krijgen.''
      """
    let (document, _) = try ingest("wethouder.txt", text)
    #expect(document.kind == .interview)
    let turnTexts = document.segments(.turn).map { document.text(of: $0) }
    #expect(!turnTexts.contains { $0.hasPrefix("Sanne de Wit") })
    #expect(!turnTexts.contains { $0.hasPrefix("Ze kijkt") })
    // Three questions and their answers (the sum is an answer, not a quote).
    #expect(turnTexts.count == 6)
  }

  // Name lines of a Flemish record under a chair, each over words to the chair: parties,
  // forms of address and ministers are parsed as when the floor is given.
  @Test func nameLinesOverWordsToTheChairKeepTheirTitlesAndParties() throws {
    let text = """
      De voorzitter

      De bespreking is geopend.

      Vera Celis (N-VA)

      Voorzitter, wij steunen dit voorstel.

      Mevrouw De Ridder

      Voorzitter, ook wij steunen het.

      Minister-president Jambon

      Voorzitter, de regering neemt het mee.

      Minister Weyts

      Voorzitter, ik sluit me daarbij aan.
      """
    let (document, _) = try ingest("plenaire.txt", text)
    #expect(document.kind == .debate)
    let turns = document.segments.filter { $0.kind == .turn }
    #expect(turns.map(\.speaker) == ["voorzitter", "Vera Celis", "De Ridder", "Jambon", "Weyts"])
    #expect(turns.map(\.role) == [.chair, .member, .member, .minister, .minister])
    #expect(turns[1].metadata["party"] == "N-VA")
  }

  // A decision list in text: a note (`NB`) is no item, an outcome after a sentence's end is no
  // decision (an abbreviation's full stop is none), a letter repeated by its block is one item, and a list whose `B` row lost its
  // letter still has its items.
  @Test func aDecisionListsRowsAreReadWithCare() throws {
    let text = """
      Besluitenlijst raad 3 april 2025

      A Vaststelling agenda Conform

      B Vaststelling van de besluitenlijst Conform

      NB Het college zegt toe de raad in mei te informeren.

      C Voorstel inzake de bibliotheek Aangenomen

      321633 Amendement C.A Meer ruimte voor lezen Verworpen

      C Geamendeerd voorstel inzake de bibliotheek Aangenomen

      C.2 Motie n.a.v. de begroting Aangenomen

      Het voorstel gaat naar de bibliotheek. Conform de eerdere toezegging volgt een evaluatie.

      D Voorstel inzake het parkeerbeleid Aangenomen
      """
    let (document, _) = try ingest("besluitenlijst.txt", text)
    let items = document.segments(.agendaItem).map { document.text(of: $0).prefix(2) }
    #expect(items == ["A ", "B ", "C ", "D "])
    let decisions = document.segments(.decision).map { String(document.text(of: $0).prefix(12)) }
    // An abbreviation's full stop (`n.a.v. `) ends no sentence.
    #expect(decisions == ["321633 Amend", "C Geamendeer", "C.2 Motie n."])
  }
}
