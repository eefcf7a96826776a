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
