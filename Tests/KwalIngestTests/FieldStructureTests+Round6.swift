import Foundation
@testable import KwalIngest
import KwalModel
import Testing

/// Layouts seen in the development half of the eleventh field collection and in retired test
/// parts on 2026-12-07, each in text written for the test.
extension FieldStructureTests {
  // A working group's minutes in Markdown: bold lines title the topics, "Vraag:" and "Antwoord:"
  // lines inside them do not make it an interview; `.mdown` is Markdown.
  @Test func boldTopicLinesInMarkdownAreTheAgenda() throws {
    let text = """
      # Werkgroep Gegevens

      **Datum:** 7-4-2023

      **Aanwezig:**
      Anna de Vries (Gemeente A)
      Bas Smit (Provincie B)

      **Nieuwe richtlijn**

      De richtlijn is besproken. Vraag: gaan we hem verplichten?
      Antwoord Anna: nog niet, eerst een proef.

      **Publicatie**

      De tekst gaat in mei naar de redactie.

      **Rondvraag**

      Geen punten.
      """
    for name in ["verslag.md", "verslag.mdown", "verslag.mkd"] {
      let (document, _) = try ingest(name, text)
      #expect(document.kind == .minutes, "\(name)")
      #expect(document.segments.filter { $0.kind == .agendaItem }.count == 3, "\(name)")
    }
    #expect(MarkdownText.isBoldLine("**Begroting 2024**"))
    for line in ["**Aanwezig:**", "**Dit is een zin.**", "**a** en **b**", "Begroting **2024**"] {
      #expect(!MarkdownText.isBoldLine(Substring(line)), "\(line)")
    }
  }

  // A parliament's web record that gives the floor in words: "De voorzitter" alone on its line,
  // "… heeft het woord.", then the speaker's full name alone on its line.
  @Test func aRecordThatGivesTheFloorInWordsHasTurns() throws {
    let text = """
      U bent hier

      De voorzitter

      De heer Peeters heeft het woord.

      Jan Peeters

      Minister, mijn vraag gaat over de inschrijvingen in het basisonderwijs.

      De voorzitter

      Minister Van Damme heeft het woord.

      Minister Els Van Damme

      Voorzitter, de regeling wordt volgend jaar geëvalueerd.
      """
    let (document, _) = try ingest("plenaire.txt", text)
    #expect(document.kind == .debate)
    let turns = document.segments.filter { $0.kind == .turn }
    #expect(turns.map(\.speaker) == ["voorzitter", "Jan Peeters", "voorzitter", "Els Van Damme"])
    #expect(turns.map(\.role) == [.chair, .member, .chair, .minister])
    #expect(turns[1].metadata["title"] == nil)
    // A name after a line that does not give the floor stays text.
    let (plain, _) = try ingest("brief.txt", "De voorzitter\n\nWij danken u.\n\nJan Peeters\n\nTot ziens.\n")
    #expect(!plain.segments.contains { $0.kind == .turn })
  }

  // An acting chair, and a member who opens by thanking the chair: a debate.
  @Test func anActingChairAndAThankedChairMakeADebate() throws {
    let text = """
      Verslag van de vergadering van 2 juli 2019

      Aanvang: 13.54 uur

      De tijdelijke voorzitter:

      Aan de orde is de verkiezing van de Voorzitter van de Kamer.

      De heer Jansen (D66):

      Dank u, voorzitter. Ik stel mij kandidaat.
      """
    let (document, _) = try ingest("verkiezing.txt", text)
    #expect(document.kind == .debate)
    #expect(document.segments.filter { $0.kind == .turn }.map(\.role) == [.chair, .member])
  }
}

extension FieldStructureTests {
  // A newspaper's short interview: numbered questions, answers that open with ",,".
  @Test func numberedQuestionsWithQuotedAnswersAreAnInterview() throws {
    let text = """
      1. U wordt weer wethouder, maar nu voor een half jaar?

      ,,Nee, ik word benoemd voor vier jaar en ik ga er vol voor."

      2. Bent u nog benaderd om elders wethouder te worden?

      ,,Dat zou ik niet zeggen, dat vind ik niet fair."

      3. Wat prefereert u, boeskool of koek?

      ,,Dan staat de boeskool voorop."
      """
    let (document, _) = try ingest("vier-vragen.txt", text)
    #expect(document.kind == .interview)
    #expect(
      document.segments.filter { $0.kind == .turn }.map(\.role) == [
        .interviewer, .respondent, .interviewer, .respondent, .interviewer, .respondent,
      ])
  }
}

extension FieldStructureTests {
  // A working group's report in Word: "Verslag:" over a paragraph of a no-break space. No turn of
  // a speaker "Verslag", no empty paragraph, and the meeting's line stays the title.
  @Test func aReportLabelOverANoBreakSpaceIsNoTurn() throws {
    let body =
      paragraph("Visie vergadering 25-09-2024:") + paragraph("Verslag:") + paragraph("\u{00A0}")
      + paragraph("Aanwezig:") + paragraph("Anna de Vries (): Geonovum") + paragraph("Bas Smit (): Kadaster")
      + paragraph("Besproken is de planning voor volgend jaar.")
    let (document, _) = try ingest("verslag.docx", data: try makeDocx(body: body))
    #expect(!document.segments.contains { $0.kind == .turn })
    #expect(!document.text.contains("\u{00A0}"))
    #expect(document.kind == .minutes)
    #expect(document.kindReason?.contains("title \"Visie vergadering 25-09-2024:\"") == true)
  }
}

extension FieldStructureTests {
  // The same layout with the party after the name, and a speech that follows the chair's words
  // at once, without a name line (seen in test-11 after its scoring).
  @Test func aRecordThatGivesTheFloorInWordsWithPartiesAndAMissingNameLine() throws {
    let text = """
      De voorzitter

      Mevrouw Claes heeft het woord.

      Vera Claes (N-VA)

      Voorzitter, minister, mijn vraag gaat over het lerarentekort.

      De voorzitter

      De heer Vandamme heeft het woord.

      Voorzitter, ook ik maak mij zorgen over de scholen.
      """
    let (document, _) = try ingest("plenaire.txt", text)
    #expect(document.kind == .debate)
    let turns = document.segments.filter { $0.kind == .turn }
    #expect(turns.map(\.speaker) == ["voorzitter", "Vera Claes", "voorzitter", "Vandamme"])
    #expect(turns[1].metadata["party"] == "N-VA")
    #expect(turns[3].metadata["title"] == "De heer")
    #expect(document.text(of: turns[3]).hasPrefix("Voorzitter, ook ik"))
  }
}

extension FieldStructureTests {
  // Minutes whose notes under each item are bullets, and which mention invitations: minutes.
  @Test func minutesWithBulletNotesThatMentionInvitationsStayMinutes() throws {
    let text = """
      ---
      title: Algemene ledenvergadering Tuinvereniging 12 maart 2024
      ---
      1. Opening
      - De voorzitter opent de vergadering en heet iedereen welkom.
      2. Ledenavond
      - De uitnodiging voor de ledenavond gaat volgende week de deur uit.
      3. Financiën
      - De penningmeester licht de cijfers over het afgelopen jaar toe.
      4. Sluiting
      - De voorzitter sluit de vergadering om tien uur.
      """
    let (document, _) = try ingest("overleg.md", text)
    #expect(document.kind == .minutes)
  }

  // An interview guide numbers its questions and notes under them: no interview.
  @Test func aNumberedInterviewGuideIsNoInterview() throws {
    let text = """
      Interviewleidraad samenwerking

      1. Hoe is de samenwerking begonnen?

      Doorvragen naar de eerste afspraken en wie het initiatief nam.

      2. Wat ging er goed in het eerste jaar?

      Voorbeelden vragen van concrete resultaten.

      3. Wat zou u nu anders doen?

      Ingaan op de rol van de gemeente.
      """
    let (document, _) = try ingest("leidraad.txt", text)
    #expect(document.kind != .interview)
  }
}

extension FieldStructureTests {
  // Minutes kept as an outline: short title bullets with deeper bullets under them.
  @Test func titleBulletsWithBulletsUnderThemAreTheAgenda() throws {
    let text = """
      # Notulen vergadering 4 (07/03/2017)

      Aanwezigen: Anna de Vries, Bas Smit, Carla Jansen

      * Frontend
       * De frontend vordert goed.
       * De backend wordt vaker samengevoegd.
      * Backend
       * De backend vordert goed.
      * Documentatie
       * De handleiding komt in orde.
      """
    let (document, _) = try ingest("vergadering-4.md", text)
    #expect(document.kind == .minutes)
    #expect(document.segments.filter { $0.kind == .agendaItem }.count == 3)
    // Bullets with sentences under a sentence are no titles.
    let plain = """
      # Notulen vergadering 5 (14/03/2017)

      Aanwezigen: Anna de Vries, Bas Smit, Carla Jansen

      * We hebben de planning besproken en goedgekeurd.
       * Met twee kanttekeningen.
      """
    let (other, _) = try ingest("vergadering-5.md", plain)
    #expect(other.segments.filter { $0.kind == .agendaItem }.isEmpty)
  }
}

extension FieldStructureTests {
  // A working group's report under its name: a heading that names and dates the record makes
  // minutes; one label repeated line after line (a table's rows) makes no turns.
  @Test func aRecordHeadingUnderTheGroupsNameAndRepeatedRowLabels() throws {
    let text = """
      # Kennisplatform Werkgroep Architectuur

      ## Verslag Overleg 03-07-2020

      1 Welkom

      2 Introductie

      De uitslag van de enquête is besproken.

      Matrix: AP02 Ontkoppelen met diensten.

      Matrix: AP08 Gebruik open standaarden.

      Matrix: AP01 Diensten zijn herbruikbaar.

      Matrix: AP42 Integriteit.

      Matrix: AP05 Transparant.

      6 Rondvraag

      Geen punten.
      """
    let (document, _) = try ingest("verslag.md", text)
    #expect(document.kind == .minutes)
    #expect(!document.segments.contains { $0.kind == .turn })
  }
}
