import Foundation
@testable import KwalIngest
import KwalModel
import KwalTestSupport
import Testing

/// Layouts seen in the fifteenth field collection's frozen part after its scoring on 2026-12-07,
/// each in text written for the test.
extension FieldStructureTests {
  // A Flemish council's minutes: "Zitting van …" names and dates the meeting, an attendance
  // block, agenda items as titles in capitals, "Besluit:"; "Publicatiedatum:" is a field.
  @Test func aFlemishSessionTitleMakesMinutes() throws {
    let text = """
      Gemeente Voorbeeld

      Zitting van 12 MAART 2024

      Van 20:00 tot 21:15 uur.

      Aanwezig:

      Jan Peeters, voorzitter.

      An Claes, Piet Maes, raadsleden.

      Verontschuldigd:

      Els Wouters, raadslid.

      GOEDKEURING VAN DE VORIGE VERGADERING

      Gelet op het decreet lokaal bestuur;

      Besluit:

      met 21 stemmen ja (eenparig)

      Publicatiedatum: 20/03/2024

      AANSTELLING VAN EEN RAADSLID

      Gelet op het ontslag van een raadslid;
      """
    let (document, _) = try ingest("zitting.txt", text)
    #expect(document.kind == .minutes)
    let items = document.segments.filter { $0.kind == .agendaItem }
    #expect(items.count == 2)
    #expect(document.segments.filter { $0.kind == .decision }.count == 1)
    #expect(document.segments.filter { $0.kind == .turn }.isEmpty)
    // A date's or a time's field is no speaker; a name is.
    #expect(TextStructure.isFieldName("publicatiedatum") && TextStructure.isFieldName("aanvangstijd"))
    #expect(!TextStructure.isFieldName("jansen") && !TextStructure.isFieldName("tijd2"))
    // "bezitting" holds no session.
    let (estate, _) = try ingest("bezitting.txt", "Bezitting van de familie\n\nAanwezig: Jan, Piet\n\nHet huis.\n")
    #expect(estate.kind != .minutes)
  }

  // The European Parliament's record: the chair's label closed by a full stop, and a member
  // named with the political group, closed by a full stop and a dash, without a title.
  @Test func partyLabelsClosedByADashAreTurns() throws {
    let text = """
      Debatten

      16. Spreektijd van één minuut

        De Voorzitter. We gaan verder met de spreektijd van één minuut.

        Manolis Mavrommatis (PPE-DE). - (EL) Meneer de Voorzitter, de tarieven zijn gestegen.

      Onlangs hebben de burgers geprotesteerd.

        Gary Titley (PSE). – Meneer de Voorzitter, ik wil iets zeggen.
      """
    let (document, _) = try ingest("debat.txt", text)
    #expect(document.kind == .debate)
    let turns = document.segments.filter { $0.kind == .turn }
    #expect(turns.map(\.speaker) == ["voorzitter", "Manolis Mavrommatis", "Gary Titley"])
    #expect(turns.map(\.role) == [.chair, .member, .member])
    #expect(turns.map { $0.metadata["party"] } == [nil, "PPE-DE", "PSE"])
    // The turn's text starts after the dash, and the next paragraph goes on with the speech.
    #expect(turns.count == 3 && document.text(of: turns[1]).hasPrefix("(EL) Meneer de Voorzitter"))
    #expect(turns.count == 3 && document.text(of: turns[1]).contains("Onlangs hebben"))
    // An age in brackets is no group; a name without the dash's words is no label; one word
    // is no name.
    #expect(DebateLabel.partyDash("Marieke Jansen (34). - Ik woon hier") == nil)
    #expect(DebateLabel.partyDash("Marieke Jansen (GL). - ") == nil)
    #expect(DebateLabel.partyDash("Jansen (GL). - Ik woon hier") == nil)
    #expect(DebateLabel.partyDash("Het plan (fase 2). - Dit is de tekst") == nil)
    #expect(DebateLabel.partyDash("Marieke Jansen (GL). - Ik woon hier")?.party == "GL")
  }

  // A blog's "five questions": numbered questions asked of the blogger and answered in the
  // first person, under an opening that says "interview"; an interview guide's numbered
  // questions with notes under them stay a document.
  @Test func numberedQuestionsAnsweredInTheFirstPersonMakeAnInterview() throws {
    let text = """
      Interview

      De vragen werden gesteld door Maarten.

      1. Hoe ziet een nachtmerrie er bij jou uit?
      Vallen, altijd maar vallen. Ik geloof niet zo in de verklaring daarvan.

      2. Wat vind je zo mooi aan je favoriete muziek?
      Dat het me raakt op een manier die voorbij het rationele gaat.

      3. Is er leven na de dood?
      Nee. Het is nu zo goed als het wordt.

      4. Wie is je held?
      Iedereen die dichterbij komt, vertoont gelukkig wat rafeltjes voor mij.
      """
    let (document, _) = try ingest("vragen.txt", text)
    #expect(document.kind == .interview)
    #expect(document.segments.filter { $0.kind == .turn }.count == 8)
    let guide = """
      Interviewleidraad

      1. Hoe ziet jouw werkdag eruit?
      Doorvragen op taken en overleg.

      2. Wat vind je van de samenwerking?
      Noteren welke partners genoemd worden.

      3. Wat zou je veranderen?
      Vragen naar voorbeelden.
      """
    let (notes, _) = try ingest("leidraad.txt", guide)
    #expect(notes.kind != .interview)
  }

  // The sixteenth collection's dev part: a student's interview transcript in Markdown whose
  // speakers' names stand in capitals alone on their lines, the words quoted under them.
  @Test func namesInCapitalsAloneOnTheirLinesAreLabels() throws {
    let text = """
      # Transcriptie Interview

      INTERVIEWER

      > Zou je iets willen vertellen over je stage?

      MARVIN

      > Ik loop stage bij een adviesbureau.

      INTERVIEWER

      > Hoe kom je daar terecht?

      MARVIN

      > Via een vriend van mijn broer.
      """
    let (document, _) = try ingest("interview.md", text)
    #expect(document.kind == .interview)
    let turns = document.segments.filter { $0.kind == .turn }
    #expect(turns.map(\.speaker) == ["INTERVIEWER", "MARVIN", "INTERVIEWER", "MARVIN"])
    #expect(turns.map(\.role) == [.interviewer, .respondent, .interviewer, .respondent])
    // A report's headings in capitals, recurring, name no interviewer: no labels.
    let report = """
      SAMENVATTING

      Het project liep goed.

      RESULTATEN

      De pilot werd verlengd.

      SAMENVATTING

      Kort gezegd: het werkt.

      RESULTATEN

      Twee partners stapten in.
      """
    let (other, _) = try ingest("rapport.txt", report)
    #expect(other.segments.filter { $0.kind == .turn }.isEmpty)
    // Names over unquoted words, with Latin-1 capitals and a hyphen; a report whose headings
    // in capitals recur beside one INTERVIEWER line is no transcript.
    let plain = """
      INTERVIEWER
      Hoe begon het project?

      RENÉ DE JONG-PIETERS
      Met een proef in de binnenstad.

      INTERVIEWER
      En daarna?

      RENÉ DE JONG-PIETERS
      Daarna kwamen de vervoerders erbij.
      """
    let (spoken, _) = try ingest("gesprek.txt", plain)
    #expect(spoken.kind == .interview)
    #expect(spoken.segments.filter { $0.kind == .turn }.map(\.speaker).last == "RENÉ DE JONG-PIETERS")
    let headings = "INTERVIEWER\n\nWie sprak.\n\nSAMENVATTING\n\nEen.\n\nRESULTATEN\n\nTwee.\n\nSAMENVATTING\n\nDrie.\n"
    let (summary, _) = try ingest("rapport2.txt", headings)
    #expect(summary.segments.filter { $0.kind == .turn }.isEmpty)
  }

  // A Flemish city council's minutes name the parts of each item with labels (`Regelgeving:`
  // before "bevoegdheid", `VERVOLGSTAPPEN:`): sections of the item, not speakers.
  @Test func sectionLabelsOfMinutesAreNoSpeakers() throws {
    let text = """
      Notulen gemeenteraad 17 november 2025

      Aanwezig: de voorzitter, de schepenen en de raadsleden.

      1. Aankoop van een perceel

      Regelgeving: bevoegdheid

      De gemeenteraad is bevoegd op grond van het decreet.

      VERVOLGSTAPPEN: het college voert het besluit uit.

      2. Subsidiereglement

      Regelgeving: bevoegdheid

      De gemeenteraad is bevoegd.

      Jan: dit reglement is nodig.
      """
    let (document, _) = try ingest("notulen.txt", text)
    #expect(document.kind == .minutes)
    #expect(document.segments.filter { $0.kind == .turn }.map(\.speaker) == ["Jan"])
    #expect(TextStructure.isSectionLabel("Regelgeving") && TextStructure.isSectionLabel("Toelichting"))
    #expect(TextStructure.isSectionLabel("VERVOLGSTAPPEN") && TextStructure.isSectionLabel("Bevoegdheid"))
    #expect(!TextStructure.isSectionLabel("Jan") && !TextStructure.isSectionLabel("De Vries"))
    #expect(!TextStructure.isSectionLabel("JV") && !TextStructure.isSectionLabel("Koning"))
    // Bodies and roles that speak in minutes, and surnames with such an ending, stay speakers.
    for speaker in ["Directie", "WETHOUDER", "Hesseling", "JANSSEN", "Stichting", "Bruining"] {
      #expect(!TextStructure.isSectionLabel(speaker), "\(speaker)")
    }
    let council = """
      Notulen overleg 3 maart 2025

      Aanwezig: directie, ondernemingsraad.

      1. Reorganisatie

      Directie: de plannen liggen klaar.

      Hesseling: wij willen eerst de cijfers zien.

      Directie: die komen volgende week.
      """
    let (minutes, _) = try ingest("overleg.txt", council)
    #expect(minutes.kind == .minutes)
    #expect(minutes.segments.filter { $0.kind == .turn }.map(\.speaker) == ["Directie", "Hesseling", "Directie"])
  }

  // Review of the round: a wrapped line of a sentence that starts "de voorzitter." is no label;
  // "zittingsperiode" names no session; an interview guide whose notes speak in the first person
  // stays a guide.
  @Test func lookalikesOfTheRoundsLayoutsStayText() throws {
    let wrapped = """
      Verslag van de bijeenkomst

      De avond werd om acht uur geopend door
      de voorzitter. Hij heette iedereen welkom en gaf het woord aan de wethouder.
      """
    let (report, _) = try ingest("verslag.txt", wrapped)
    #expect(report.segments.filter { $0.kind == .turn }.isEmpty)
    let term = """
      Zittingsperiode 2022-2026

      Aanwezig: alle raadsleden

      De raad kijkt terug op een bewogen jaar.
      """
    let (period, _) = try ingest("periode.txt", term)
    #expect(period.kind != .minutes)
    let guide = """
      Interviewleidraad

      1. Hoe ziet jouw werkdag eruit?
      Ik vraag door op taken en overleg met mijn collega's.

      2. Wat vind je van de samenwerking?
      Ik noteer welke partners genoemd worden.

      3. Wat zou je veranderen?
      Ik vraag naar voorbeelden uit mijn eigen praktijk.
      """
    let (notes, _) = try ingest("leidraad.txt", guide)
    #expect(notes.kind != .interview)
  }

  // The same transcript's quoted answers run over several paragraphs, and its header breaks
  // lines with a backslash: neither the quote marks nor the backslashes are text to code.
  @Test func markdownQuoteMarksAndHardBreaksAreNoText() throws {
    let text = """
      # Transcriptie Interview

      > Marvin Zwolsman\\
      > 19 Nov. 2018

      INTERVIEWER

      > Zou je iets willen vertellen over je stage?

      MARVIN

      > Ik loop stage bij een adviesbureau.
      >
      > Het idee is dat collega's elkaar punten geven.

      INTERVIEWER

      > Hoe kom je daar terecht?

      MARVIN

      > Via een vriend. Een pad als C:\\\\temp blijft staan.
      """
    let (document, _) = try ingest("interview.md", text)
    #expect(document.kind == .interview)
    #expect(!document.text.contains(">"))
    #expect(document.text.contains("Marvin Zwolsman\n19 Nov. 2018"))
    #expect(document.text.contains("C:\\temp"))
    let turns = document.segments.filter { $0.kind == .turn }
    #expect(turns.map(\.speaker) == ["INTERVIEWER", "MARVIN", "INTERVIEWER", "MARVIN"])
    #expect(turns.count == 4 && document.text(of: turns[1]).hasPrefix("Ik loop stage"))
    #expect(turns.count == 4 && document.text(of: turns[1]).hasSuffix("punten geven."))
    #expect(document.segments.filter { $0.kind == .quote }.count == 1)
    // A quote of two paragraphs in a blog stays one quote, without its marks.
    let blog = """
      # Terugblik

      > Het was een mooi project.
      >
      > We gaan door met de hub.

      Tot zover.
      """
    let (post, _) = try ingest("blog.md", blog)
    let quotes = post.segments.filter { $0.kind == .quote }
    #expect(quotes.count == 1)
    #expect(quotes.count == 1 && post.text(of: quotes[0]) == "Het was een mooi project.\n\nWe gaan door met de hub.")
  }

  // A Flemish provincial council's record: "De heer voorzitter" alone on its line, the chair's
  // speech ending "ge hebt het woord.", then the speaker's name line with a function between the
  // form of address and the name.
  @Test func aProvincialCouncilsChairAndGovernorAreTurns() throws {
    let text = """
      DEBATTEN

      OPENBARE ZITTING 22 MEI 2013

      De heer voorzitter

      Ik verklaar de zitting voor geopend. Collega's, wij houden een minuut stilte. Dank u. \
      Meneer de gouverneur, ge hebt het woord.

      De heer gouverneur Briers

      Dank u, voorzitter. De hulpdiensten hebben uitstekend samengewerkt.

      De heer voorzitter

      Dank u. Mevrouw De Ridder heeft het woord.

      Mevrouw De Ridder

      Ik sluit mij aan bij de gouverneur.
      """
    let (document, _) = try ingest("debatten.txt", text)
    #expect(document.kind == .debate)
    let turns = document.segments.filter { $0.kind == .turn }
    #expect(turns.map(\.speaker) == ["voorzitter", "Briers", "voorzitter", "De Ridder"])
    #expect(turns.map(\.role) == [.chair, .executive, .chair, .member])
    #expect(turns.count == 4 && turns[1].metadata["title"] == "De heer gouverneur")
  }
}
