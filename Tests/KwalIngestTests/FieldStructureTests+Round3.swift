import Foundation
import KwalIngest
import KwalModel
import Testing

/// Layouts seen in the field documents on 2026-12-07 (the earlier test parts, retired to
/// development that day), each in text written for the test.
extension FieldStructureTests {
  // A council information system's print page: the agenda is a table whose cells are classed
  // `print_agendapunt` and `print_omschrijving`, which once read as "print" boilerplate.
  @Test func aPrintPagesAgendaTableGivesItsItems() throws {
    let page = """
      <!DOCTYPE html><html lang="nl"><head><title>Vergadering</title></head><body><div id="page" class="main printpage">
      <div id="printhead"><h1>Pagina afdrukken</h1><ul><li><a href="javascript:print()">Afdrukken</a></li></ul></div>
      <div id="content"><h1>Vergadering</h1><p>Vergadering van Gemeenteraad<br/>Datum: 31-08-2015 19:30 uur</p>
      <table id="agenda_print"><tr><th colspan="4">Raadzaal</th></tr><tr><td></td><td class="print_agendapunt">1</td><td class="print_omschrijving">Opening.<br/></td><td>0</td></tr><tr><td></td><td class="print_agendapunt">2</td><td class="print_omschrijving">Vaststelling agenda.<br/></td><td>0</td></tr><tr><td></td><td class="print_agendapunt">3</td><td class="print_omschrijving">Voorstel tot benoeming van een commissielid.<br/>De raad wordt gevraagd in te stemmen met het voorstel, zodat het college de uitvoering kan voorbereiden, de kosten kan ramen en de inwoners kan informeren over de gevolgen voor hun wijk.</td><td>0</td></tr><tr><td></td><td class="print_agendapunt">4</td><td class="print_omschrijving">Voorstel over de begroting 2016 van de regeling.<br/>De raad wordt gevraagd in te stemmen met het voorstel, zodat het college de uitvoering kan voorbereiden, de kosten kan ramen en de inwoners kan informeren over de gevolgen voor hun wijk.</td><td>0</td></tr><tr><td></td><td class="print_agendapunt">5</td><td class="print_omschrijving">Sluiting.<br/></td><td>0</td></tr></table></div></div></body></html>
      """
    let (document, _) = try ingest("vergadering-print.html", page)
    #expect(document.kind == .minutes)
    #expect(document.segments(.agendaItem).count == 5)
    #expect(document.segments(.agendaItem).map { $0.metadata["number"] } == ["1", "2", "3", "4", "5"])
  }

  // A council page that describes some items and shows the others as links only: the page's
  // agenda, with every item, wins over the main text with the described ones.
  @Test func theAgendaWithMoreItemsWins() throws {
    let page = """
      <!DOCTYPE html><html lang="nl"><head><title>Vergadering</title></head><body>
      <div id="menu"><ul><li><a href="/">Home</a></li><li><a href="/agenda">Agenda</a></li></ul></div>
      <div id="content"><h1>Vergadering</h1><p>Vergadering van de gemeenteraad, maandag 31 augustus 2015, 19:30 uur.</p>
      <div id="agendapunten"><h2>Agenda</h2><ul id="vergadering"><li class="agendaRow"><div class="first"><a href="/vergadering/1">1</a></div>
      <div class="title"><h3><a href="/vergadering/1">Opening.</a></h3></div>
      <div class="last"><a href="/vergadering/1/notitie" title="Notitie">notitie</a></div></li><li class="agendaRow"><div class="first"><a href="/vergadering/2">2</a></div>
      <div class="title"><h3><a href="/vergadering/2">Vaststelling agenda.</a></h3></div>
      <div class="last"><a href="/vergadering/2/notitie" title="Notitie">notitie</a></div></li><li class="agendaRow"><div class="first"><a href="/vergadering/3">3</a></div>
      <div class="title"><h3>Voorstel tot benoeming van een commissielid.</h3><p>De raad wordt gevraagd in te stemmen met het voorstel, zodat het college de uitvoering kan voorbereiden, de kosten kan ramen en de inwoners kan informeren over de gevolgen voor hun wijk.</p></div>
      <div class="last"><a href="/vergadering/3/notitie" title="Notitie">notitie</a></div></li><li class="agendaRow"><div class="first"><a href="/vergadering/4">4</a></div>
      <div class="title"><h3>Voorstel over de begroting 2016 van de regeling.</h3><p>De raad wordt gevraagd in te stemmen met het voorstel, zodat het college de uitvoering kan voorbereiden, de kosten kan ramen en de inwoners kan informeren over de gevolgen voor hun wijk.</p></div>
      <div class="last"><a href="/vergadering/4/notitie" title="Notitie">notitie</a></div></li><li class="agendaRow"><div class="first"><a href="/vergadering/5">5</a></div>
      <div class="title"><h3><a href="/vergadering/5">Sluiting.</a></h3></div>
      <div class="last"><a href="/vergadering/5/notitie" title="Notitie">notitie</a></div></li></ul></div></div></body></html>
      """
    let (document, _) = try ingest("vergadering.html", page)
    #expect(document.kind == .minutes)
    #expect(document.segments(.agendaItem).count == 5)
  }

  // A report of a council forum: a field block (Voorzitter, Griffier, "Aanwezig namens") and a
  // line "Verslag van de vergadering" make minutes without numbered items.
  @Test func aLineVerslagVanDeVergaderingAndAnAttendanceBlockMakeMinutes() throws {
    let text = """
      Forum 14-05-2018

      Motie: Behoud van het buurthuis (14-05-2018)

      Datum 14-05-2018 Tijd 19:00 - 20:00
      Voorzitter
      D. Jansen
      Griffier
      U. Smit
      Aanwezig namens Naam

      Verslag van de vergadering

      De voorzitter opent het forum en heet iedereen welkom. Vanavond wordt alleen de motie besproken.
      """
    let (document, _) = try ingest("forumverslag.txt", text)
    #expect(document.kind == .minutes)
    #expect(document.kindReason?.contains("title \"Verslag van de vergadering\"") == true)
    #expect(document.kindReason?.contains("attendance") == true)
  }

  // One contribution to a debate, as the Eerste Kamer publishes each: a member's label with a
  // party, alone on its line, and a speech that addresses the chair.
  @Test func oneSpeechThatAddressesTheChairIsADebate() throws {
    let text = """
      Plenair Van der Berg bij behandeling van het wetsvoorstel

      Verslag van de vergadering van 19 april 2022

      De heer Van der Berg (D66):

      Voorzitter. Graag complimenteer ik de initiatiefnemers met het wetsvoorstel.

      Voorzitter. Onze fractie vindt het belangrijk dit te benadrukken.
      """
    let (document, _) = try ingest("spreekbeurt.txt", text)
    #expect(document.kind == .debate)
    let turns = document.segments(.turn)
    #expect(turns.map(\.speaker) == ["Van der Berg"])
    #expect(turns.first?.metadata["party"] == "D66")
    // A quoted exchange in a blog is not.
    let blog = """
      Wat de minister zei

      Minister Jansen:

      Ik denk dat het goed gaat met de economie.
      """
    #expect(try ingest("blog.txt", blog).document.kind != .debate)
  }

  // Association minutes whose attendance heading is "Aanwezige leden:" and whose items are
  // headings under one heading "Notulen": the items are the headings under it.
  @Test func anAttendanceHeadingAndANotulenHeadingAreNoItems() throws {
    let text = """
      ---
      title: Notulen ALV 29 november 2024
      ---

      ## Aanwezige leden:

      Claudia  
      Christian

      ## Notulen

      Claudia opent de ALV.

      ### Conference

      Christian vertelt over de conferentie.

      ### Marcom:

      Nieuwsbrieven doen het goed.

      ### Bestuursposities:

      Anneke wordt weer toegevoegd aan het bestuur.
      """
    let (document, _) = try ingest("notulen-alv.md", text)
    #expect(document.kind == .minutes)
    #expect(document.texts(.agendaItem).count == 3)
    #expect(
      document.segments(.heading).map { document.text(of: $0) }.filter { !$0.hasPrefix("Aanwezige") }
        == ["Notulen", "Conference", "Marcom:", "Bestuursposities:"])
  }
}
