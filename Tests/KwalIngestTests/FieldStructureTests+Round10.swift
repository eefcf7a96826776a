import Foundation
@testable import KwalIngest
import KwalModel
import KwalTestSupport
import Testing

/// Layouts seen in the seventeenth field collection's frozen part after its scoring on
/// 2026-12-08, each in text written for the test.
extension FieldStructureTests {
  // The European Parliament's record labels a speaker without a group by name and function
  // after a comma, and an interpreted speech opens with its language before it addresses the
  // chair.
  @Test func nameAndFunctionBeforeADashAreALabelAndALanguageTagComesBeforeTheAddress() throws {
    let text = """
      Debatten
      Woensdag 9 mei 2007 - Brussel

      De Voorzitter. - Aan de orde is het verslag over de veiligheid van fietsers bij vrachtwagens.

      Anna Verbeek, lid van de Commissie. - (FR) Mijnheer de Voorzitter, dames en heren, de Commissie stelt voor de spiegels te verplichten.

      Piet de Groot, namens de PPE-DE-Fractie. - Voorzitter, wij steunen dit voorstel.
      """
    let (document, _) = try ingest("europarl.txt", text)
    #expect(document.kind == .debate)
    let turns = document.segments(.turn)
    #expect(turns.map(\.speaker) == ["voorzitter", "Anna Verbeek", "Piet de Groot"])
    #expect(turns.map(\.role) == [.chair, .minister, .member])
    #expect(turns[2].metadata["party"] == "PPE-DE-Fractie")
    #expect(turns[1].metadata["title"] == "lid van de Commissie")
    // An ordinary sentence with a comma and a dash names no one.
    let prose = "Het verslag, zoals gezegd. - Dat is alles wat er over te zeggen valt."
    #expect(try ingest("proza.txt", prose).document.segments(.turn).isEmpty)
  }

  // A school council's minutes: dash bullets closed by a colon title the line under them.
  @Test func dashBulletsClosedByAColonOverTheirTextAreAgendaItems() throws {
    let text = """
      Notulen MR vergadering 3 december 2007
      - Notulen vorige vergadering:
      punt 4 wordt aangepast, verder geen opmerkingen.
      - Ingekomen stukken:
      Een brief van de ouderraad.
      - Kennismaking met kandidaat lid voor de MR (oudergeleding):
      Karel Smit.
      - Goedkeuring formatieplan:
      Het plan wordt ondertekend.
      Volgende MR vergadering: 9 januari 2008
      """
    let (document, _) = try ingest("mr.txt", text)
    #expect(document.kind == .minutes)
    #expect(document.segments(.agendaItem).count == 4)
  }

  // A Flemish council's points numbered after a letter (`P.1.`), and its attendance list of
  // names with their functions, each closed by a semicolon.
  @Test func pointsNumberedAfterALetterAreItemsAndFunctionsInAttendanceAreNoSpeakers() throws {
    let text = """
      Zitting van 24 februari 2022

      Aanwezig de dames en heren:

      Anna Peeters: Burgemeester;

      Jan Claes: Voorzitter;

      Wim Maes: Algemeen directeur;

      P.1. Dossiernaam: Gemeenteraadsvergadering d.d. 27.01.2022
      Onderwerp: Goedkeuring notulen

      BESLUIT

      De raad keurt de notulen van de zitting van 27 januari 2022 goed.

      P.2. Dossiernaam: Adviesraden
      Onderwerp: Mededeling verslagen gemeentelijke adviesraden

      De raad neemt kennis van de verslagen.
      """
    let (document, _) = try ingest("raad.txt", text)
    #expect(document.kind == .minutes)
    #expect(document.segments(.turn).isEmpty)
    #expect(document.segments(.agendaItem).map { $0.metadata["number"] } == ["P.1", "P.2"])
  }

  // A magazine's interview in its house style: answers after the speaker's name in guillemets,
  // questions after the magazine's name in capitals.
  @Test func namesBeforeGuillemetsAndTheMagazinesCapitalsAreAnInterviewsLabels() throws {
    let text = """
      Twee makers, twee voorstellingen. Een gesprek over het theater en de stad.

      KRANT Waarom speelt u nog in kleine zalen?

      Lies Janssens «Omdat het publiek daar dichtbij zit. Je hoort ze ademen.»

      Tom Wouters «Dat is precies het punt. In een grote zaal speel je voor jezelf.»

      KRANT En de subsidies?

      Janssens «Die zijn nooit genoeg, maar we klagen niet.»
      """
    let (document, _) = try ingest("dubbelinterview.txt", text)
    #expect(document.kind == .interview)
    let turns = document.segments(.turn)
    #expect(turns.map(\.speaker) == ["KRANT", "Lies Janssens", "Tom Wouters", "KRANT", "Janssens"])
    #expect(turns.first?.role == .interviewer)
    #expect(turns[1].role == .respondent)
    // One name before guillemets is a quotation in a report, no interview.
    let report = """
      De burgemeester sprak de raad toe.

      Anna Peeters «We gaan door met het plan.»
      """
    #expect(try ingest("verslag.txt", report).document.segments(.turn).isEmpty)
  }
}

/// Layouts of the eighteenth field collection's dev half, each in text written for the test.
extension FieldStructureTests {
  // A school's page about its council, with the coming meeting's agenda and nothing under it.
  @Test func aPagesAgendaOfAComingMeetingIsNoMinutes() throws {
    let text = """
      Medezeggenschapsraad

      Algemene informatie, agenda en notulen van vergaderingen

      Sinds 2009 heeft onze school een medezeggenschapsraad. De raad denkt mee over schoolzaken en adviseert het bestuur.

      Agenda MR-vergadering 10-12-2020

      1. Opening
      2. Notulen
      3. Ingekomen stukken
      4. Begroting 2021
      5. Rondvraag
      6. Sluiting

      Schoolgids
      """
    let (page, _) = try ingest("mr-pagina.txt", text)
    #expect(page.kind != .minutes)
    // Minutes that list their agenda first and then report under it stay minutes.
    let minutes = """
      Notulen MR-vergadering 10-12-2020

      Aanwezig: Jan, Piet, Anna

      Agenda MR-vergadering 10-12-2020

      1. Opening
      2. Notulen
      3. Ingekomen stukken
      4. Rondvraag

      De voorzitter opent de vergadering om 19.30 uur en heet iedereen welkom bij deze vergadering.

      De notulen van de vorige vergadering worden zonder wijzigingen vastgesteld door de raad.
      """
    #expect(try ingest("notulen.txt", minutes).document.kind == .minutes)
  }

  // A page that explains what minutes are: `Notulen: Notulen zijn …` defines a word.
  @Test func aWordExplainedAfterItsColonIsNoField() throws {
    let text = """
      Notuleren binnen de VvE

      Het gaat om het vastleggen van de vergadering. Dat kan op twee manieren.

      Notulen: Notulen zijn aantekeningen die de besluitvorming van een vergadering vastleggen.

      Transcriptie: Een transcriptie is de omzetting van gesproken taal in geschreven tekst.
      """
    let (document, _) = try ingest("uitleg.txt", text)
    #expect(document.kind != .minutes)
    #expect(document.segments(.header).isEmpty)
  }
}

/// Layouts of the development parts still missed, each in text written for the test.
extension FieldStructureTests {
  // A local paper's short interview: each paragraph a question, then `Antwoord:` and the
  // answer in quotation marks on the same line.
  @Test func answersAfterTheirQuestionInOneParagraphMakeAnInterview() throws {
    let text = """
      Door: Redactie

      Hallo Sanne, even bijpraten op het bankje. Waar word jij blij van? Antwoord: “Van een lange wandeling langs de dijk met de hond.”

      Met wie zou je een dag willen ruilen? Antwoord: “Met de burgemeester, om te zien hoe druk die het heeft.”

      Wat eet je het liefst? Antwoord: “Stamppot, gewoon op een doordeweekse dag.”
      """
    let (document, _) = try ingest("bankje.txt", text)
    #expect(document.kind == .interview)
    let turns = document.segments(.turn)
    #expect(turns.count == 6)
    #expect(turns.map(\.role) == [.interviewer, .respondent, .interviewer, .respondent, .interviewer, .respondent])
    #expect(document.text(of: turns[1]).hasPrefix("“Van een lange wandeling"))
    // One such paragraph in a report is left as written.
    let report =
      "De wethouder kreeg de vraag of het plan doorgaat? Antwoord: nog niet bekend.\n\nDe raad vergadert volgende week."
    #expect(try ingest("verslag.txt", report).document.kind != .interview)
  }
}

extension FieldStructureTests {
  // A workshop's report walks through its slides: `Slide 44:` numbers a part, it names no one.
  @Test func slidesNumberPartsNotSpeakers() throws {
    let text = """
      VERSLAG

      Aanwezig: Jan, Anna, Piet

      1. Het model

      Slide 44: Fien wil op de hoogte blijven van de beslissingen in haar gemeente.

      Slide 46: Het bericht verwijst naar het besluit.

      Vraag: Is een profiel nodig?

      Antwoord: Het profiel hangt samen met de doelgroep.
      """
    let (document, _) = try ingest("workshop.txt", text)
    #expect(document.kind == .minutes)
    #expect(document.segments(.turn).map(\.speaker) == ["Vraag", "Antwoord"])
  }
}

/// What a review of the session's rules found they did to ordinary documents, each in text
/// written for the test.
extension FieldStructureTests {
  @Test func aMinuteTakersNameAndFunctionBeforeADashIsNoDebateLabel() throws {
    let text = """
      Notulen ledenvergadering 3 maart 2023

      1. Opening
      Jan de Vries, voorzitter. - Hij opent de vergadering om 20.00 uur.

      2. Financiën
      Marieke Jansen, penningmeester. - Zij licht de jaarcijfers toe.

      3. Sluiting
      De voorzitter sluit de vergadering.
      """
    let (document, _) = try ingest("notulen.txt", text)
    #expect(document.kind == .minutes)
    #expect(document.segments(.agendaItem).count == 3)
    #expect(document.segments(.turn).isEmpty)
  }

  @Test func quotesInGuillemetsThatANewsReportAttributesMakeNoInterview() throws {
    let text = """
      Debat over de begroting

      In de Tweede Kamer werd gisteren gesproken over de begroting.

      Mark de Wit «We moeten de rekening niet doorschuiven», zei hij maandag in Den Haag.

      Sanne Bos «Onderwijs is de sleutel tot alles», aldus de fractieleider.

      Mark de Wit «Ik heb geen herinnering aan dat gesprek», antwoordde hij later.
      """
    let (document, _) = try ingest("nieuws.txt", text)
    #expect(document.kind != .interview)
    #expect(document.segments(.turn).isEmpty)
  }

  @Test func bulletsThatRunASentenceOnOverTheirColonAreNoItems() throws {
    let text = """
      Verslag overleg werkgroep verkeer
      Datum: 3 maart 2023
      Aanwezig: Jan, Piet, Klaas

      De voorzitter opent het overleg. De volgende afspraken zijn gemaakt:

      - Let op:
      de nieuwe regels gaan in per 1 april.
      - Piet neemt contact op met de gemeente over:
      de oversteekplaats en de verlichting bij het fietspad.
      - Klaas maakt een overzicht van:
      de gevaarlijke punten in de wijk.

      De voorzitter sluit het overleg om 21.30 uur.
      """
    let (document, _) = try ingest("werkgroep.txt", text)
    #expect(document.segments(.agendaItem).isEmpty)
  }

  @Test func headerFieldsClosedBySemicolonsAndFieldsNamingTheirValueStayFields() throws {
    let text = """
      Notulen bestuursvergadering 12 april 2023

      Voorzitter: Jan de Vries;
      Notulist: Marieke Jansen;
      Vergadering: Vergadering van het dagelijks bestuur

      1. Opening
      De voorzitter opent de vergadering.

      2. Rondvraag
      Er zijn geen vragen.

      3. Sluiting
      De vergadering wordt gesloten.
      """
    let (document, _) = try ingest("bestuur.txt", text)
    #expect(document.kind == .minutes)
    #expect(
      Set(document.segments(.header).compactMap { $0.metadata["field"] }) == ["voorzitter", "notulist", "vergadering"])
  }

  @Test func minutesThatListTheirAgendaAndThenReportStayMinutes() throws {
    let text = """
      Verslag MR-vergadering 10-12-2020

      Agenda van deze vergadering

      1. Opening
      2. Notulen
      3. Begroting
      4. Rondvraag
      5. Sluiting

      Notulen
      De notulen worden goedgekeurd.

      Begroting
      De begroting is besproken.
      """
    let (document, _) = try ingest("mr.txt", text)
    #expect(document.kind == .minutes)
  }

  @Test func twoQuestionsAnsweredInOneParagraphAreFourTurns() throws {
    let text = """
      Door: Redactie

      Hoe voelt het? Antwoord: “Het is een eer.” Wat is uw eerste prioriteit? Antwoord: “Woningbouw, zonder twijfel.”

      Waar woont u? Antwoord: “In het centrum, vlak bij de markt.”
      """
    let (document, _) = try ingest("kort.txt", text)
    #expect(document.kind == .interview)
    let turns = document.segments(.turn)
    #expect(
      turns.map { document.text(of: $0) } == [
        "Hoe voelt het?", "“Het is een eer.”", "Wat is uw eerste prioriteit?", "“Woningbouw, zonder twijfel.”",
        "Waar woont u?", "“In het centrum, vlak bij de markt.”",
      ])
  }
}

extension FieldStructureTests {
  // A page flattened to one line: each question after a dash, its answer in quotation marks
  // glued to the question mark.
  @Test func questionsGluedToTheirQuotedAnswersInOneLineAreAnInterview() throws {
    let text =
      "- Hoe ben je bij de club gekomen?\"Via mijn buurvrouw, die al jaren meedeed en me een keer meenam.\""
      + "- Wat doe je er nu?\"Ik zit in het bestuur en regel de uitstapjes voor de leden.\""
      + "-Hoe lang blijf je nog?\"Zolang mijn gezondheid het toelaat, daar ben ik eerlijk over.\"\n"
    let (document, _) = try ingest("eenregel.txt", text)
    #expect(document.kind == .interview)
    let turns = document.segments(.turn)
    #expect(turns.count == 6)
    #expect(document.text(of: turns[2]) == "Wat doe je er nu?")
    #expect(document.text(of: turns[3]).hasSuffix("de leden.\""))
    // A story's dialogue closes its quotes: no interview.
    let story = "\"Waar ga je heen?\" vroeg hij. \"Naar huis?\" zei ze, en ze liep door naar de markt in de stad.\n"
    #expect(try ingest("verhaal.txt", story).document.kind != .interview)
  }
}

extension FieldStructureTests {
  // A magazine writes a speaker's name in full the first time and by initials after.
  @Test func aSpeakersInitialsAreTheSameSpeakerForTheKind() throws {
    let text = """
      Terugblik op een bijzonder jaar

      Anna van der Berg:
      “We begonnen het jaar vol plannen en hadden genoeg perspectief.”

      Tom Visser:
      “Wij waren geplaatst en alles stond in het teken van de laatste fase.”

      AvdB: “Toen kwam het bericht dat alles dicht moest.”
      """
    let (document, _) = try ingest("terugblik.txt", text)
    #expect(document.kind == .interview)
    #expect(document.segments(.turn).map(\.speaker) == ["Anna van der Berg", "Tom Visser", "AvdB"])
    let labels = ["Anna van der Berg", "AvdB", "Tom Visser", "TV", "Tim Vos"].map { (speaker: $0, quoted: true) }
    #expect(TextStructure.initialsLabels(labels) == ["AvdB": "Anna van der Berg"])
    // Initials used before the full name, or without quoted answers, are someone else.
    #expect(TextStructure.initialsLabels([("JB", true), ("Jan Bakker", true), ("JB", true)]).isEmpty)
    #expect(TextStructure.initialsLabels([("Jan de Vries", false), ("JdV", false)]).isEmpty)
  }
}

/// What a second review found, each in text written for the test.
extension FieldStructureTests {
  @Test func questionsClosedByAQuoteInNewsAndFictionAreNoInterview() throws {
    let news = """
      Brand in loods

      Een buurtbewoner riep naar de brandweer: "Is er nog iemand binnen?"De commandant schudde zijn hoofd.

      Volgens de politie is de oorzaak nog onbekend.

      Een omwonende vroeg zich af: "Waarom duurde het zo lang?"Pas na twintig minuten was de brandweer er.
      """
    #expect(try ingest("brand.txt", news).document.kind != .interview)
    let fiction = "Ze keek hem aan. \"Waarom?\"Hij lachte en liep weg. \"Echt?\"Hij knikte en zei niets meer.\n"
    #expect(try ingest("verhaal.txt", fiction).document.kind != .interview)
  }

  @Test func aDashInsideALaterQuestionIsNoBoundary() throws {
    let text = """
      Interview met de burgemeester

      Wat wilt u bereiken? Antwoord: “Een veilige stad voor iedereen.” Vindt u hoofd- en bijzaken even belangrijk? Antwoord: “Nee, zeker niet.” Gaat u - als het meezit - nog vier jaar door? Antwoord: “Dat hoop ik wel.”
      """
    let (document, _) = try ingest("burgemeester.txt", text)
    let turns = document.segments(.turn).map { document.text(of: $0) }
    #expect(turns.contains("Vindt u hoofd- en bijzaken even belangrijk?"))
    #expect(turns.contains("Gaat u - als het meezit - nog vier jaar door?"))
    #expect(turns.contains("“Nee, zeker niet.”"))
  }

  @Test func initialsOfAnActionListAreNoInterview() throws {
    let text = """
      Actielijst

      Jan de Vries: het hek is kapot.
      Kees Bakker: er is nog budget.
      JdV: vraagt offerte aan.
      KB: regelt de aanvraag.
      """
    #expect(try ingest("acties.txt", text).document.kind != .interview)
  }
}

extension FieldStructureTests {
  // An interview set as `Vraag:` and `Antwoord:`: the questions are the interviewer's.
  @Test func vraagLabelsAreTheInterviewers() throws {
    let text = """
      Interview met de directeur

      Vraag: Hoe begon de samenwerking?

      Antwoord: Met een gesprek bij de gemeente.

      Vraag: En daarna?

      Antwoord: Daarna kwamen de vervoerders erbij.
      """
    let (document, _) = try ingest("va.txt", text)
    #expect(document.segments(.turn).map(\.role) == [.interviewer, .respondent, .interviewer, .respondent])
  }
}
