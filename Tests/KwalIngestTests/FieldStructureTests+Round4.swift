import Foundation
@testable import KwalIngest
import KwalModel
import Testing

/// Layouts seen in the development half of the ninth field collection on 2026-12-07, each in
/// text written for the test, with the near misses they must not catch.
extension FieldStructureTests {
  // "Notule" in the singular, and the attendance line behind a bullet.
  @Test func aSingularNotuleTitleAndABulletedAttendanceLineMakeMinutes() throws {
    let text = """
      Notule oudercommissie De Vlinder 12 maart 2019

        • Aanwezig: Anna de Vries, Bas Smit, Carla Jansen

      Huishoudelijk reglement

      Bas zorgt voor een nieuw reglement en legt het in de volgende vergadering voor.

      Verder besproken

      De commissie zoekt een ruimte voor het voorjaarsfeest.
      """
    let (document, _) = try ingest("oudercommissie.txt", text)
    #expect(document.kind == .minutes)
  }

  // A page titled with one meeting, whose first lines then name the record of another, ending
  // in a full stop: the record's title wins.
  @Test func aLaterTitleThatNamesTheRecordWinsOverOneThatNamesAMeeting() throws {
    let text = """
      Jaarvergadering 3 april 2021

      Bestuursvergadering 8 mei 2021 kort verslag voor de leden.

      . de cursus voor beginners is gestart met acht deelnemers.

      . de penningmeester zoekt een opvolger en benadert enkele leden.

      . de werkgroep tuinen organiseert in juni een open dag.
      """
    let (document, _) = try ingest("vereniging.txt", text)
    #expect(document.kind == .minutes)
  }

  // A report that opens by saying the body met and that its record follows.
  @Test func aSentenceThatABodyMetAndItsRecordFollowsNamesMinutes() throws {
    let text = """
      Op dinsdag 4 juni vergaderde de wijkraad in het buurthuis. Hier volgt een verslag:

      Opening.

      De voorzitter opent de vergadering en heet de gasten welkom.

      Speeltuin.

      De speeltuin wordt in het najaar opgeknapt; de gemeente betaalt de helft.
      """
    let (document, _) = try ingest("wijkraad.txt", text)
    #expect(document.kind == .minutes)
  }

  // "Notulen" alone as the title, and the meetings of a running log each headed by its date.
  @Test func aBareNotulenTitleOverDatedEntriesMakesMinutes() throws {
    let text = """
      Notulen
      08-06-2022:

          De opdrachtgever verwacht iets dat in de praktijk bruikbaar is.
          Contact loopt via de app; elke woensdag zijn we op locatie.

      15-06-2022:

          De scenario's worden minder scherp geschreven.
      """
    let (document, _) = try ingest("notulen.txt", text)
    #expect(document.kind == .minutes)
  }

  // Near misses: an article about minutes with a date line, and a sentence about a meeting
  // that promises no record.
  @Test func articlesAboutMeetingsStayDocuments() throws {
    let article = """
      Notulen maken: zo doe je dat
      12-03-2023

      Wie notulen maakt, schrijft op wat er besloten is. In dit artikel lees je hoe je dat kort en duidelijk doet, en welke valkuilen je beter kunt vermijden bij het schrijven.

      Een goede notulist luistert vooral en schrijft pas daarna.
      """
    #expect(try ingest("artikel.txt", article).0.kind != .minutes)
    let news = """
      Op maandag 5 november vergaderde de gemeenteraad over de begroting, en dat liep uit tot na middernacht. De fracties waren het oneens over de kosten van het nieuwe zwembad.

      Volgende week volgt een nieuw debat over de plannen voor het centrum.
      """
    #expect(try ingest("nieuws.txt", news).0.kind != .minutes)
  }
}

/// The byte search behind the minutes evidence's words.
@Suite("Minutes evidence: words in text")
struct MinutesEvidenceWordTests {
  @Test func wordsStartAfterANonLetterAndLongWordsMayEndACompound() {
    #expect(MinutesEvidence.containsWord("kort verslag van de vergadering", "verslag"))
    #expect(!MinutesEvidence.containsWord("jaarverslag 2020", "verslag"))  // inside a word, short
    #expect(MinutesEvidence.containsWord("de bestuursvergadering", "vergadering"))  // eight letters or more
    #expect(MinutesEvidence.containsWord("café-agenda", "agenda"))  // a hyphen starts a word
    #expect(!MinutesEvidence.containsWord("caféagenda", "agenda"))  // é is a letter
    #expect(MinutesEvidence.containsWord("’notulen’", "notulen"))  // a quote is not
    #expect(MinutesEvidence.containsWord("agenda agenda", "agenda"))
    #expect(!MinutesEvidence.containsWord("", "agenda"))
    #expect(MinutesEvidence.contains("aanwezig: jan", "aanwezig:"))
    #expect(!MinutesEvidence.contains("aanwezi", "aanwezig"))
    #expect(MinutesEvidence.offset(of: "vergadering", in: "de vergadering, de vergadering", from: 4) == 19)
  }
}

/// The punctuation the first line's words lose before they are compared with title words.
@Suite("Minutes evidence: punctuation at a word's ends")
struct PunctuationTrimTests {
  @Test func punctuationGoesAtBothEndsOnly() {
    #expect(MinutesEvidence.trimmingPunctuation("“notulen”") == "notulen")
    #expect(MinutesEvidence.trimmingPunctuation("(alv)") == "alv")
    #expect(MinutesEvidence.trimmingPunctuation("verslag:") == "verslag")
    #expect(MinutesEvidence.trimmingPunctuation("co-op") == "co-op")
    #expect(MinutesEvidence.trimmingPunctuation("...") == "")
    #expect(MinutesEvidence.trimmingPunctuation("alv2024") == "alv2024")
  }
}

/// Markdown exported by a wiki with character references at its line ends, and notes of a
/// working group's meeting.
@Suite("Markdown: character references, and meeting notes")
struct MarkdownReferenceTests {
  @Test func referencesBecomeTheirCharactersOutsideCode() {
    let reduced = MarkdownText.reduce(
      "Aanwezig:&#x20;\nCaf&eacute; &amp; co&#46; &#0; &#x110000; &bogus; `&amp;` &#xZZ;", file: "a.md")
    #expect(reduced.text == "Aanwezig: \nCafé & co. \u{FFFD} \u{FFFD} &bogus; &amp; &#xZZ;")
  }

  /// Pieces of references in every order: each reduces without a fault, and a reference that
  /// stands whole becomes one character.
  @Test func piecesOfReferencesReduceSafely() {
    let pieces = [
      "&", "#", "x", "X", "1", "9", "F", "0", ";", "amp", "`", "a", " ", "\n", "é", "&#", "&#x", "nbsp", "1114112",
    ]
    var state: UInt64 = 2024
    for _ in 0..<3000 {
      var line = ""
      for _ in 0..<12 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        line += pieces[Int(state >> 33) % pieces.count]
      }
      let reduced = MarkdownText.reduce(line, file: "f.md")
      #expect(reduced.text.unicodeScalars.count <= line.unicodeScalars.count)
    }
    #expect(MarkdownText.reduce("&#1114112;", file: "f.md").text == "\u{FFFD}")
  }

  @Test func notesOfAWorkingGroupWithAttendanceMakeMinutes() throws {
    let text = """
      # 20220928 - werkgroep 3 note

      Aanwezig:&#x20;

      * Bert Jansen
      * Astrid de Boer&#x20;

      Notities:

      * offerte gemaakt voor een governance-structuur
      * lijstje opmaken met wat nodig is
      """
    let (document, _) = try ingest("werkgroep-note.md", text)
    #expect(document.kind == .minutes)
    #expect(!document.text.contains("&#x20;"))
    // Whole words only: "in een notendop" names no notes.
    var evidence = MinutesEvidence()
    evidence.title("De sprint in een notendop")
    #expect(evidence.titleWeight == 0)
    var notes = MinutesEvidence()
    notes.title("Notities werkgroep")
    #expect(notes.titleWeight == 2 && notes.titleText == "Notities werkgroep")
  }
}

/// A club's record of its annual meeting as a web page shows it (tenth collection, dev part): a
/// title that names the record and the meeting, a line that dates it, then numbered paragraphs,
/// each item's text on its number's line. A fixture in the page's shape, not its words.
@Suite("A dated record in numbered paragraphs")
struct NumberedParagraphRecordTests {
  @Test func aDatedRecordInNumberedParagraphsIsMinutes() throws {
    let text = """
      Verslag Algemene ledenvergadering

      Verslag Algemene Leden Vergadering op woensdag 12 februari 2025

        1. De voorzitter heet iedereen welkom; ruim de helft van de leden is er en er zijn drie afmeldingen.
        2. Het bestuur telt nu vier leden en er is nog een vacature voor een penningmeester met ervaring.
        3. Financiën. De penningmeester licht het jaaroverzicht toe en de leden gaan er na enkele vragen mee akkoord.
        4. Nieuws van de commissies. De jeugdcommissie wil in het voorjaar weer een toernooi houden op de eigen banen.
      """
    let (document, _) = try ingest("verslag-alv.txt", text)
    #expect(document.kind == .minutes)
    // The indented numbers are the agenda's: each paragraph an item.
    #expect(document.segments(.agendaItem).count == 4)
  }

  /// An indented numbered list that a sentence introduces is part of that item's text (a forum's
  /// speakers), and a list indented below an item is a list inside it (a Markdown sub-list).
  @Test func indentedListsInsideTheTextAreNoItems() throws {
    let speakers = """
      Verslag forum 14-05-2025

      1. Opening
      2. Motie over de buurthuizen

      De volgende drie mensen spreken in namens de buurthuizen van de stad.

        1. Een bewoner vertelt dat het buurthuis de enige plek is waar hij andere mensen uit de wijk ziet.
        2. Een vrijwilliger legt uit hoeveel uren de vrijwilligers elke week in het buurthuis steken.
        3. De voorzitter van de stichting vraagt om een meerjarige subsidie in plaats van een jaarlijkse.

      3. Sluiting
      """
    let (forum, _) = try ingest("forum.txt", speakers)
    #expect(forum.kind == .minutes)
    #expect(forum.segments(.agendaItem).count == 3)
    let nested = """
      # Verslag werkgroep 9 mei 2023

      1. Opening
      2. Mededelingen
      3. Openstaande vragen:
         1. Regel 51 wordt versoepeld als de andere partijen daar ook mee instemmen.
         2. Regel 56 krijgt een extra laag voor de versies die nog niet zijn vrijgegeven.
      4. Rondvraag
      """
    let (notes, _) = try ingest("werkgroep.md", nested)
    #expect(notes.segments(.agendaItem).count == 4)
  }

  /// A council's items as its page lists them, each a numbered paragraph whose first sentence
  /// may be what was agreed: an item, and that item's decision (a church council's record,
  /// retired test part).
  @Test func anItemWhoseFirstSentenceDecidesIsADecision() throws {
    let text = """
      Verslag vergadering kerkenraad 3 maart 2025

       1. Er is afgesproken dat de zomerdiensten weer in de eigen kerk worden gehouden, met een kleine groep zangers.
       2. De werkgroep jeugd vertelt over het kamp en over de leiding, die voor volgend jaar nog twee mensen zoekt.
       3. Afgesproken wordt om in het najaar een gemeenteavond te houden over de toekomst van het kerkgebouw.
      """
    let (document, _) = try ingest("kerkenraad.txt", text)
    #expect(document.kind == .minutes)
    #expect(document.segments(.agendaItem).count == 3)
    #expect(document.segments(.decision).count == 2)
  }

  /// Without a line that dates the meeting, or with a title that names no record, numbered
  /// paragraphs stay a document: a club's yearly report, a how-to in steps.
  @Test func numberedParagraphsAloneMakeNoMinutes() throws {
    let undated = """
      Verslag van het seizoen

        1. Het seizoen begon laat omdat de banen na de winter nog niet bespeelbaar waren voor de leden.
        2. De jeugd deed mee aan de competitie en won in twee klassen de eerste plaats met veel plezier.
      """
    #expect(try ingest("seizoen.txt", undated).0.kind != .minutes)
    let steps = """
      Zo bereid je een ledenvergadering voor op 3 maart 2025

        1. Stuur de uitnodiging ruim op tijd naar alle leden, met de agenda en de stukken als bijlage erbij.
        2. Zorg voor een zaal met genoeg stoelen en test de beamer een dag van tevoren grondig en rustig.
      """
    #expect(try ingest("voorbereiding.txt", steps).0.kind != .minutes)
  }
}

/// A document site's transcription of a committee's minutes (tenth collection, dev part): the
/// site's own lines first, then the page's number and the title run on with the attendance
/// fields in one long line. A fixture in that shape, not the page's words.
@Suite("A transcribed record, its title run on after the page's number")
struct RunOnRecordTitleTests {
  @Test func theRecordsTitleAfterAPageNumberMakesMinutes() throws {
    let text = """
      Download "1. Opening"

      Transcriptie

      1 Verslag van de vergadering van de commissie ruimte en wonen van 3 juni 2024 Aanwezig: J. de Vries (voorzitter), P. Jansen (CDA), K. Bakker (VVD); L. Smit (notulist) 1. Opening De voorzitter opent de vergadering. 2. Verslag van 6 mei 2024 Het verslag wordt vastgesteld.
      """
    let (document, _) = try ingest("commissie.txt", text)
    #expect(document.kind == .minutes)
  }

  /// A report whose first long line starts with a number and "Verslag" in another sense stays
  /// a document.
  @Test func aReportOfAnotherKindStaysADocument() throws {
    let text = """
      Jaarverslag

      1 Verslag van de activiteiten van de stichting in het afgelopen jaar, met de cijfers per project en een vooruitblik op het komende jaar.
      """
    #expect(try ingest("jaarverslag.txt", text).0.kind != .minutes)
  }
}
