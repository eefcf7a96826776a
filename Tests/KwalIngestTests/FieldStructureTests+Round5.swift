import Foundation
@testable import KwalIngest
import KwalModel
import Testing

/// Layouts seen in the tenth field collection (retired to development on 2026-12-07), each in
/// text written for the test, with the minutes they must not lose.
extension FieldStructureTests {
  // An association's invitation to its general meeting, with the agenda of the meeting to come
  // and the proposals to be voted on: not minutes, and its "Voorstel 1:" lines are no speakers.
  @Test func anInvitationWithTheComingAgendaIsNoMinutes() throws {
    let text = """
      ---
      title: Algemene Ledenvergadering Tuinvereniging 2024
      date: 2024-03-01
      ---
      Op vrijdag 15 maart vindt de jaarlijkse algemene ledenvergadering plaats. Alle leden zijn hiervoor van harte uitgenodigd.

      Agenda:

      1. Opening door de voorzitter
      2. Jaarverslag 2023
      3. Begroting 2024
      4. Bestuursverkiezing
      5. Rondvraag
      6. Sluiting

      Er worden twee voorstellen ingebracht:

      Voorstel 1:
      Het bestuur reserveert 300 euro voor nieuwe gereedschappen.

      Voorstel 2:
      De contributie blijft gelijk.

      Met vriendelijke groet, het bestuur
      """
    let (document, _) = try ingest("uitnodiging.md", text)
    #expect(document.kind == .document)
    #expect(document.kindReason?.contains("announced before the meeting") == true)
    #expect(!document.segments.contains { $0.kind == .turn || $0.kind == .agendaItem })
  }

  // The same agenda with text under its items is the record of the meeting, even when the
  // record mentions the invitation.
  @Test func minutesThatMentionTheInvitationStayMinutes() throws {
    let text = """
      ---
      title: Notulen Algemene Ledenvergadering Tuinvereniging 2024
      ---
      De leden waren per brief uitgenodigd.

      1. Opening door de voorzitter
      De voorzitter opent om 20.00 uur de vergadering.
      2. Jaarverslag 2023
      Het jaarverslag wordt zonder wijzigingen vastgesteld.
      3. Begroting 2024
      De begroting wordt aangenomen.
      4. Rondvraag
      Geen vragen.
      """
    let (document, _) = try ingest("notulen.md", text)
    #expect(document.kind == .minutes)
    #expect(document.segments.filter { $0.kind == .agendaItem }.count == 4)
  }

  // Numbered parts of a document are no speaker labels; numbered speakers still are.
  @Test func numberedPartsAreNoSpeakers() {
    for part in ["Voorstel 1", "Verkiezing 2", "Agendapunt 3a", "Bijlage 2.1", "Sprint 4"] {
      #expect(TextStructure.isNumberedPart(part), "\(part)")
    }
    for speaker in ["Respondent 3", "R1", "Spreker 2", "Deelnemer 12", "Voorstel", "Jan de Vries"] {
      #expect(!TextStructure.isNumberedPart(speaker), "\(speaker)")
    }
  }
}
