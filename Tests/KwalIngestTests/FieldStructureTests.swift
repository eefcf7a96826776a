import Foundation
import KwalIngest
import KwalModel
import Testing

/// Structure as real documents write it: each fixture reproduces the layout of a kind of
/// document in the field test set (`bench/field/docs`), in text written for the test.
@Suite("Documents as published")
struct FieldStructureTests {
  // Handelingen of the Tweede Kamer: the label alone on its line, title and party in it.
  @Test func debateLabelsAloneOnTheirLineMakeTurns() throws {
    let text = """
      Regeling van werkzaamheden

      De voorzitter:

      Ik deel aan de Kamer mee dat de commissie een nieuwe voorzitter heeft gekozen.

      Daartoe wordt besloten.

      Mevrouw Kant (SP):

      Voorzitter. Ik verzoek u om het verslag op de agenda te zetten.

      De heer Van der Voort i (D66):

      Ik sluit mij daarbij aan.

      Minister Rutte:

      Dat is goed.

      De minister van Financiën:

      Ik kom daar schriftelijk op terug.
      """
    let (document, _) = try ingest("h-tk-regeling.txt", text)
    #expect(document.kind == .debate)
    let turns = document.segments(.turn)
    #expect(turns.map(\.speaker) == ["voorzitter", "Kant", "Van der Voort", "Rutte", "minister van Financiën"])
    #expect(turns.map(\.role) == [.chair, .member, .member, .minister, .minister])
    #expect(turns[1].metadata["party"] == "SP")
    #expect(turns[1].metadata["title"] == "Mevrouw")
    #expect(turns[2].metadata["party"] == "D66")
    // A turn runs over its blank lines to the next label.
    #expect(document.text(of: turns[0]).hasSuffix("Daartoe wordt besloten."))
    #expect(document.kindReason?.hasPrefix("kind debate: 5 speaker labels") == true)
    checkInvariants(document)
  }

  @Test(arguments: [
    "Voorzitter: Jan de Boer", "Mevrouw:", "De heer de Vries zei: nee", "Minister van Dijk kwam later: toen",
  ])
  func linesThatAreNoDebateLabels(_ line: String) throws {
    let (document, _) = try ingest("a.txt", "Verslag\n\n\(line)\n\nEen zin.\n")
    #expect(document.segments(.turn).allSatisfy { $0.metadata["role"] == nil }, "\(line)")
  }

  // Association minutes in Markdown: front matter, attendance, unnumbered ## headings as items.
  @Test func markdownMinutesWithFrontMatterAndHeadings() throws {
    let text = """
      ---
      title: Notulen bestuursvergadering 6 januari 2015
      date: 2015-01-06
      locatie: Utrecht
      ---

      Aanwezig: Sander, Roy, Jaco en Hidde

      ## Notulen vorige vergadering

      De notulen van de vorige vergadering worden goedgekeurd.

      ## Activiteitencommissie

      De nieuwjaarsborrel staat op de planning, zie [de agenda](https://example.org/agenda) en ![foto](borrel.jpg).

      <!-- nog aanvullen -->
      ## Rondvraag

      Geen vragen. **Besloten wordt** de volgende vergadering in maart te houden.
      """
    let (document, _) = try ingest("2015-01-06.md", text)
    #expect(document.kind == .minutes)
    #expect(document.title == "Notulen bestuursvergadering 6 januari 2015")
    #expect(document.date == "2015-01-06")
    #expect(document.attributes["locatie"] == "Utrecht")
    #expect(document.segments(.agendaItem).count == 3)
    #expect(!document.text.contains("https://"))
    #expect(!document.text.contains("nog aanvullen"))
    #expect(!document.text.contains("title:"))
    #expect(document.text.contains("zie de agenda en foto."))
    #expect(document.texts(.header).first?.hasPrefix("Sander") == true)
    checkInvariants(document)
  }

  // Bold numbered titles without a dot ("**1 Welkom**") and an escaped list number ("1\\.").
  @Test func markdownNumberedTitlesInBoldAndEscaped() throws {
    let text = """
      **Verslag: Werkgroep Architectuur 2020-10-15**

      **Agenda**

      **1 Welkom**

      Op github is een indeling gemaakt.

      **2 Introductie**

      Een meetup is besproken.

      3\\. **Rondvraag**

      Geen vragen.
      """
    let (document, _) = try ingest("verslag.md", text)
    #expect(document.kind == .minutes)
    #expect(document.segments(.agendaItem).count == 3)
    #expect(document.segments(.heading).compactMap { $0.metadata["number"] } == ["1", "2", "3"])
  }

  // Council information system pages, as text: "Agendapunten", items "1. 1", "Besluit" alone.
  // Association and working-group minutes: a decision as a list item, and a short emphasised
  // line under an item that says a proposal was accepted.
  @Test func decisionsInListsAndAcceptedProposals() throws {
    let text = """
      ---
      title: Notulen algemene ledenvergadering
      ---

      Aanwezig: Anna, Bram, Cees

      ## 1. Opening

      De voorzitter opent de vergadering.

      ## 2. Lidmaatschap

      -   Het bestuur heeft besloten het lidmaatschap niet voort te zetten. De kosten zijn te hoog.
      -   Bram vraagt wat dat voor de leden betekent.

      ## 3. Wijzigingsvoorstel naamgeving

      Het voorstel is om de nieuwe naam te gebruiken.

      _Wijziging geaccepteerd door TO_

      ## 4. Voorstel aan de leden

      Voorstel aan de leden om de contributie te verhogen.
      """
    let (document, _) = try ingest("alv.md", text)
    #expect(document.kind == .minutes)
    #expect(
      document.texts(.decision) == [
        "Het bestuur heeft besloten het lidmaatschap niet voort te zetten. De kosten zijn te hoog.",
        "Wijziging geaccepteerd door TO",
      ])
    checkInvariants(document)
  }

  @Test func councilAgendaWithDecisionHeadings() throws {
    let text = """
      Gemeenteraad

      dinsdag 28 november 2023

      Voorzitter
      M. Poorter

      Agendapunten

       1. 1

        Besluit

        De voorzitter opent de vergadering en heet iedereen welkom.

        00:02:34 - 00:03:45 - Maarten Poorter
       2. 2

        Besluit

        De agenda wordt ongewijzigd vastgesteld.
       3. 3.a

        Voorgesteld besluit

        De begroting vast te stellen.
      """
    let (document, _) = try ingest("raad.txt", text)
    #expect(document.kind == .minutes)
    #expect(document.segments(.agendaItem).count == 3)
    #expect(
      document.texts(.decision) == [
        "De voorzitter opent de vergadering en heet iedereen welkom.", "De agenda wordt ongewijzigd vastgesteld.",
      ])
    #expect(document.kindReason?.contains("\"Agendapunten\"") == true)
  }

  // Numbered paragraphs that continue the agenda's numbering are items; a sub-list is not.
  @Test func longNumberedParagraphsContinueTheAgenda() throws {
    let text = """
      # Notulen ALV 14 oktober 2020

      ## Aanwezig

      Anneke (voorzitter), Edwin, Wim

      1. Anneke Sinnema opent de vergadering, en neemt de agenda door. Er zijn geen ingezonden vragen.

      2. Jaarrekening 2019

      3. Bevindingen kascommissie: de kascommissie heeft de jaarstukken gecontroleerd en adviseert decharge.

      4. Voorstellen

      1. De begroting vast te stellen.

      2. De contributie te verhogen.

      5. Sluiting
      """
    let (document, _) = try ingest("alv.md", text)
    #expect(document.kind == .minutes)
    #expect(document.segments(.agendaItem).count == 5)
  }

  // A besluitenlijst (Den Helder, 29 June 2015, as its PDF reads): an amendment adds points "4."
  // and "5." inside item 9, the decision lists "1." to "3.", and item 10's title wraps into a line
  // too long for a title. Points below the item's number are a list, and the item after a
  // sub-list is found by its number (items 10 and 11 were lost before).
  @Test func agendaNumberingSurvivesListsInsideItems() throws {
    let text = """
      Besluitenlijst raadsvergadering 29 juni 2015

      8. Verordening kamerverhuurpanden.
      De raad besluit unaniem:
      vast te stellen de Verordening.

      9. Voorstel met betrekking tot rapport Rekenkamercommissie Evalueerbaarheid van
      beleid.
      De fracties van D66 en het CDA dienen een amendement in inhoudende twee beslispunten toe te voegen:
      4. In het onder punt drie genoemde plan van aanpak eveneens op te nemen het ontwikkelen van
      een app voor de begroting.
      5. In het onder punt drie genoemde plan van aanpak een uitspraak te doen over de
      mogelijkheid van inzicht.

      De raad besluit unaniem:
      1. De conclusies uit het rapport te onderschrijven.
      2. De aanbevelingen uit het rapport over te nemen.
      3. Het college van burgemeester en wethouders opdracht te geven de aanbevelingen uit het
      rapport uit te voeren.

      10. Voorstel met betrekking tot de begroting 2016 en meerjarenbegroting 2017-2019 van de Veiligheidsregio Noord-Holland Noord.
      De raad besluit unaniem: in te stemmen met de begroting 2016.

      11. Sluiting.
      """
    let (document, _) = try ingest("besluitenlijst.txt", text)
    #expect(document.kind == .minutes)
    let numbers = document.segments(.agendaItem).compactMap { $0.metadata["number"] }
    #expect(numbers == ["8", "9", "10", "11"])
  }

  // Board minutes (Fronteers, 6 January 2015) that write the decision as the last sentence of a
  // paragraph: the decision starts at "Conclusie was dat", the rest stays the item's text.
  @Test func decisionInsideAParagraph() throws {
    let text = """
      # Notulen bestuursvergadering

      Aanwezig: Sander, Roy, Jaco

      ## Bedankjes vrijwilligers

      Arjan heeft alle vrijwilligers een bedankje gestuurd. Verder was er een discussie over de definitie van een actieve vrijwilliger. Conclusie was dat we de definitie zo ruim mogelijk willen houden.

      ## WVTTK

      Geen punten.
      """
    let (document, _) = try ingest("notulen.md", text)
    #expect(document.kind == .minutes)
    #expect(document.texts(.decision) == ["Conclusie was dat we de definitie zo ruim mogelijk willen houden."])
    #expect(
      document.texts(.paragraph).contains(
        "Arjan heeft alle vrijwilligers een bedankje gestuurd. Verder was er een discussie over de definitie van een actieve vrijwilliger."
      ))
  }

  // An agenda pasted from a word processor (Logius, OAuth-NL, 22 December 2021): one item has a
  // tab after its number ("4.\tWerkgroep …"); it is an item like the others (it was lost before).
  @Test func agendaItemWithATabAfterItsNumber() throws {
    let text =
      "# Verslag werkgroep\n\n## Agenda\n\n1. Aftrap en kennismaking\n\n2. Presentatie beheermodel\n\n"
      + "3. Vaststellen beheermodel\n\n4.\tWerkgroep client credentials flow samenstellen\n\n5. Rondvraag en afsluiting\n"
    let (document, _) = try ingest("verslag.md", text)
    #expect(document.kind == .minutes)
    #expect(document.segments(.agendaItem).compactMap { $0.metadata["number"] } == ["1", "2", "3", "4", "5"])
  }

  // Decisions as councils and boards write them.
  @Test(arguments: [
    "De raad besluit unaniem: het voorstel aan te nemen.", "BESLUIT: akkoord met het plan.",
    "Conclusie: het bestuur gaat door met het project.", "Het bestuur heeft besloten de bijdrage te verhogen.",
    "Er wordt besloten om in maart opnieuw te vergaderen.",
  ])
  func decisionsInMinutes(_ line: String) throws {
    let text = "Notulen stuurgroep\n\nAanwezig: Jan, Piet\n\n1. Opening\n\n2. Plan\n\n\(line)\n"
    let (document, _) = try ingest("n.txt", text)
    #expect(document.kind == .minutes)
    // A label's own word is not part of the decision ("BESLUIT: akkoord" decides "akkoord").
    let decided = line.hasPrefix("BESLUIT: ") ? String(line.dropFirst(9)) : line
    #expect(document.texts(.decision) == [decided])
  }

  // A report titled "Verslag" with two headings is no minutes without more evidence.
  @Test func aReportIsNoMinutes() throws {
    let text = "# Verslag van de meetup\n\n## De sprekers\n\nTwee sprekers vertelden.\n\n## De zaal\n\nHet was vol.\n"
    let (document, _) = try ingest("meetup.md", text)
    #expect(document.kind == .document)
    #expect(document.kindReason?.contains("minutes evidence too weak") == true)
  }

  // One question and one answer.
  @Test func aShortInterviewIsAnInterview() throws {
    let (document, _) = try ingest("kort.txt", "I: Hoe begon de samenwerking?\nR1: Met een gesprek bij de gemeente.\n")
    #expect(document.kind == .interview)
    #expect(document.segments(.turn).map(\.speaker) == ["I", "R1"])
    #expect(document.segments(.turn).map(\.role) == [.interviewer, .respondent])
    #expect(document.texts(.turn) == ["Hoe begon de samenwerking?", "Met een gesprek bij de gemeente."])
  }

  // A council page: the agenda is a list of links, each item's number a block of its own.
  @Test func councilAgendaPageInHTML() throws {
    let items = [
      "Opening en mededelingen.", "Vaststelling agenda.", "Voorstel tot herbenoeming van een lid.", "Sluiting.",
    ]
    let list = items.enumerated().map { index, title in
      """
      <li class="agendaRow"><div class="first"><a href="/punt/\(index + 1)">\(index + 1)</a></div>
      <div class="title"><h3><a href="/punt/\(index + 1)">\(title)</a></h3></div>
      <div class="last"><a href="/punt/\(index + 1)/notitie">notitie</a></div></li>
      """
    }.joined(separator: "\n")
    let html = """
      <!doctype html><html lang="nl"><head><title>Vergadering</title></head><body>
      <div id="menu"><ul><li><a href="/">Home</a></li><li><a href="/kalender">Kalender</a></li></ul></div>
      <div id="legenda"><h2>Legenda</h2><ul><li>Agenda</li><li>Motie</li><li>Amendement</li></ul></div>
      <div id="agendapunten"><h2>Agenda</h2><ul id="vergadering">\(list)</ul></div>
      </body></html>
      """
    let (document, _) = try ingest("raad-29-juni.html", html)
    #expect(document.kind == .minutes)
    #expect(document.segments(.agendaItem).count == 4)
    #expect(document.text.contains("1. Opening en mededelingen."))
    #expect(!document.text.contains("Amendement"))
    #expect(document.kindReason?.hasSuffix("(the page's agenda)") == true)
  }

  // A blog stays a blog, with its reason.
  @Test func anOrdinaryPageStaysABlog() throws {
    let html = """
      <html><head><title>Bakfietsen</title></head><body><article><h1>Bakfietsen</h1>
      <p>Wij overbruggen de laatste kilometer met bakfietsen, en het werkt. De wijk is er blij mee.</p>
      <p>Volgend jaar breiden we uit naar twee wijken, met steun van de gemeente en de winkeliers.</p>
      </article></body></html>
      """
    let (document, _) = try ingest("blog.html", html)
    #expect(document.kind == .blog)
    #expect(document.kindReason == "kind blog: a web page without turns or minutes structure")
  }
}
