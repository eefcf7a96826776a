import Foundation
import KwalIngest
import KwalModel
import Testing

/// Layouts of the documents added to the field set's development part on 2026-12-06, each in
/// text written for the test.
extension FieldStructureTests {
  // Working-group minutes in Markdown (Logius): setext headings with an escaped number and bold,
  // items as headings inside list items, no title; the folder says they are minutes.
  @Test func setextHeadingsAndAFolderNamedNotulenMakeMinutes() throws {
    let text = """

      1\\. **Mededelingen**
      --------------------------------------------

      * Introductie nieuwe deelnemers.

      2\\. **Onderwerpen vergadering**
      --------------------------------------------

      De vergadering was bedoeld om terug te blikken.

      * ### 1. **[Delegatie](../presentaties/delegatie.pdf)** zonder eigen installatie

        **Conclusie / consensus**
        * beter buiten het contract houden

      * ### 2. Overige wijzigingen

      ***

      3\\. **Planning**
      ---
      Volgende keer.
      """
    let (document, _) = try ingest("FSC/notulen/20251202.md", text)
    #expect(document.kind == .minutes)
    #expect(!document.text.contains("-----"))
    #expect(document.text.contains("## 1. Mededelingen"))
    #expect(document.text.contains("### 1. Delegatie zonder eigen installatie"))
    let items = document.segments(.agendaItem).compactMap { $0.metadata["number"] }
    #expect(items == ["1", "2", "3"])
    #expect(document.segments(.decision).map { document.text(of: $0) } == ["beter buiten het contract houden"])
    #expect(document.kindReason?.contains("file name FSC/notulen/20251202.md") == true)
    // The same text under another name has no title, attendance or name that says minutes.
    #expect(try ingest("FSC/2025/20251202.md", text).document.kind != .minutes)
  }

  // A setext underline under a paragraph of several lines, and a rule after a list, stay out of
  // the headings.
  @Test func underlinesUnderParagraphsAndRulesAreNoHeadings() throws {
    let text = """
      Eerste regel van een alinea
      en de tweede regel.
      ----

      - een punt
      ---

      Titel
      =====
      """
    let (document, _) = try ingest("tekst.md", text)
    #expect(document.text == "Eerste regel van een alinea\nen de tweede regel.\n\n- een punt\n\n\n# Titel")
  }

  // Board minutes (Fronteers, 2018) written as loose bullets under one heading: the title and
  // the attendance line make them minutes; each bullet of the list of topics is an agenda item
  // whose heading is its first sentence; a decision late in a bullet is found.
  @Test func aTitleAndAnAttendanceLineMakeMinutesWithoutAnAgenda() throws {
    let text = """
      ---
      title: Notulen bestuursvergadering 5 april 2018
      ---

      Aanwezig: Edwin, Sander, Anneke

      ## Besproken onderwerpen:

      -   Anneke stelt voor om een etentje te organiseren. Omdat niet iedereen kon, hebben we besloten twee etentjes te houden.
      -   De vrijwilligers zijn nu verenigd in een (besloten) kanaal.
      """
    let (document, _) = try ingest("notulen-5-april-2018.md", text)
    #expect(document.kind == .minutes)
    #expect(
      document.segments(.decision).map { document.text(of: $0) } == [
        "Omdat niet iedereen kon, hebben we besloten twee etentjes te houden."
      ])
    #expect(document.segments(.agendaItem).count == 2)
    #expect(
      document.segments(.heading).map { document.text(of: $0) } == [
        "Besproken onderwerpen:", "Anneke stelt voor om een etentje te organiseren.",
        "De vrijwilligers zijn nu verenigd in een (besloten) kanaal.",
      ])
  }

  // Decisions written inside sentences ("Na enige discussie besluit het bestuur …", "Afgesproken
  // wordt …", "… is afgesproken …"); "besloten" as "private" and a hypothetical are not.
  @Test func decisionsInsideSentencesOfMinutes() throws {
    let text = """
      # Notulen bestuursvergadering

      ## Sprekersvergoedingen

      Na enige discussie besluit het bestuur dat we dit per geval bekijken.

      ## Kennisplatform

      Frank licht het toe. Afgesproken wordt dat de opzet in de stuurgroep wordt besproken.

      ## Slack

      Er is een besloten kanaal. Later kunnen we besluiten om het te openen.
      """
    let (document, _) = try ingest("notulen.md", text)
    #expect(document.kind == .minutes)
    #expect(
      document.segments(.decision).map { document.text(of: $0) } == [
        "Na enige discussie besluit het bestuur dat we dit per geval bekijken.",
        "Afgesproken wordt dat de opzet in de stuurgroep wordt besproken.",
      ])
  }

  // Headings that only group the items under them ("## Commissies") are not items.
  @Test func groupHeadingsAreNotAgendaItems() throws {
    let text = """
      # Notulen bestuursvergadering 21 april 2011

      ## Ingebrachte onderwerpen

      ## T-shirts (Sander)

      Het idee is nieuwe shirts te laten maken.

      ## Commissies

      ## Commissie Congres

      Het congres loopt goed.

      ## Wat verder ter tafel komt

      Niets.
      """
    let (document, _) = try ingest("notulen.md", text)
    let items = document.segments(.agendaItem).map { document.text(of: $0).split(separator: "\n").first ?? "" }
    #expect(items == ["## T-shirts (Sander)", "## Commissie Congres", "## Wat verder ter tafel komt"])
  }

  // Items taken out of order (Logius API, 2023): the round of questions brought forward, then
  // the items it skipped; dates in an action list are no items.
  @Test func agendaItemsOutOfOrderAndDatesInActionLists() throws {
    let text = """
      # Verslag werkgroep

      1. Opening
      Welkom.

      2. Mededelingen
      Geen.

      5. Rondvraag
      Op verzoek halen we de rondvraag naar voren.

      3. Stand van zaken
      Martin laat de opzet zien.

      4. Bijeenkomst kennisplatform
      Afgesproken wordt dat de opzet daar wordt besproken.

      30 April Actie

      22 Mei Samenvoegen van de analyses
      """
    let (document, _) = try ingest("verslag.txt", text)
    #expect(document.kind == .minutes)
    #expect(document.segments(.agendaItem).compactMap { $0.metadata["number"] } == ["1", "2", "5", "3", "4"])
  }

  // Council pages of an information system (iBabs): the agenda as bullets with a number only.
  @Test func bulletsWithANumberOnlyAreAgendaItems() throws {
    let text = """
      RAADSVERGADERING

      Agendapunten

       • 1

        Besluit
        De volgende mededelingen worden gedaan.
       • 2

        De agenda wordt vastgesteld.
       • 3 Vaststellen notulen

        Besluit
        De notulen worden ongewijzigd vastgesteld.
      """
    let (document, _) = try ingest("raad.txt", text)
    #expect(document.kind == .minutes)
    #expect(document.segments(.agendaItem).compactMap { $0.metadata["number"] } == ["1", "2", "3"])
    #expect(document.segments(.decision).count == 2)
  }

  // A council's spoken-text transcript (Notubiz): a time and the name, the function and party,
  // the name again, then the words.
  @Test func councilTranscriptSpeakersMakeDebateTurns() throws {
    let text = """
      Commissievergadering 16 september 2013

       • 1 Opening
        • 0:11 J. Deuring
         raadslid CDA
         J. Deuring
         Heel hartelijk welkom op deze vergadering.
       • 2 Mededelingen
        • 0:41 J. Deuring
         raadslid CDA
         J. Deuring
         We hebben een aantal meldingen van afwezigheid.
        • 1:02 J. Hamster
         Wethouder (ChristenUnie)
         J. Hamster
         Ja, graag voorzitter.
      """
    let (document, _) = try ingest("transcript.txt", text)
    #expect(document.kind == .debate)
    let turns = document.segments(.turn)
    #expect(turns.map(\.speaker) == ["J. Deuring", "J. Deuring", "J. Hamster"])
    #expect(turns.map { document.text(of: $0) }.last == "Ja, graag voorzitter.")
    #expect(turns.last?.metadata == ["title": "Wethouder", "party": "ChristenUnie", "role": "executive"])
    #expect(turns.first?.metadata["party"] == "CDA")
    #expect(document.segments(.heading).map { document.text(of: $0) }.contains("Mededelingen"))
  }

  // A magazine interview: questions on lines of their own, answers in Dutch quotation marks, no
  // speaker labels. A blog that asks its reader a few questions stays a document.
  @Test func printedQuestionsAndAnswersWithoutLabelsAreAnInterview() throws {
    let text = """
      Ooit gedacht dat je van je hobby je beroep zou maken?

      ,,Nee. Ik studeerde eerst iets heel anders.”

      Was je altijd al gek op haken?

      ,,In mijn puberjaren heb ik het veel gedaan.”

      Hoe reageerde je omgeving?

      ,,Mensen zetten er hun vraagtekens bij.”
      En ik twijfelde zelf ook.
      """
    let (document, _) = try ingest("wolwinkel.txt", text)
    #expect(document.kind == .interview)
    let turns = document.segments(.turn)
    #expect(turns.count == 6)
    #expect(turns.map(\.role) == [.interviewer, .respondent, .interviewer, .respondent, .interviewer, .respondent])
    #expect(turns.allSatisfy { $0.speaker == nil })
    #expect(document.text(of: turns[5]) == ",,Mensen zetten er hun vraagtekens bij.”\nEn ik twijfelde zelf ook.")

    let blog = """
      Waarom zou je een moestuin beginnen?

      Omdat het gezond is en je buiten bent.

      Wat heb je nodig?

      Een schop, zaad en geduld.

      Wanneer begin je?

      In maart, als de grond droog is.
      """
    #expect(try ingest("moestuin.txt", blog).document.kind == .document)
  }
}
