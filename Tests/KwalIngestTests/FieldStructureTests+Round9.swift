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
}
