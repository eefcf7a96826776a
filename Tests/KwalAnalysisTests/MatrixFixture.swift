import KwalAnalysis
import KwalModel

/// A small hand-made coding output (two cases, three documents) whose numbers the tests compute by hand.
///
/// Documents: noord/a.txt (interview, 2023-02-10, phase start, 100 words, 600 characters,
/// 10 sentences), noord/b.txt (minutes, 2023-05-01, phase uitvoering, 200 words, 1000
/// characters, 20 sentences), zuid/c.txt (interview, 2023-04-20, phase start, 100 words,
/// 500 characters, 10 sentences).
///
/// Tree: value-creation > bridging; wandering; postponing (never coded).
///
/// Codings: a: bridging 0-50, wandering 0-50, bridging 60-100, value-creation 60-100;
/// b: wandering 0-100, wandering 200-260; c: bridging 10-40, wandering 100-150.
///
/// Sentences: a and c: 0-50, 50-100, 100-150; b: 0-100, 100-200, 200-260.
/// Paragraphs: a: 0-100, 100-150.
enum MatrixFixture {
  static let codebook = CodebookInfo(
    name: "test", version: "1",
    codes: [
      CodeDefinition(id: "value-creation", label: Label(nl: "Waardecreatie")),
      CodeDefinition(id: "bridging", label: Label(nl: "Overbruggen"), parent: "value-creation"),
      CodeDefinition(id: "wandering", label: Label(nl: "Dwalen")),
      CodeDefinition(id: "postponing", label: Label(nl: "Uitstellen")),
    ])

  static let documents = [
    DocumentRecord(
      document: "noord/a.txt", caseName: "noord", kind: .interview, date: "2023-02-10", characters: 600, words: 100,
      tokens: 120, sentences: 10, attributes: ["phase": "start"]),
    DocumentRecord(
      document: "noord/b.txt", caseName: "noord", kind: .minutes, date: "2023-05-01", characters: 1000, words: 200,
      tokens: 230, sentences: 20, attributes: ["phase": "uitvoering"]),
    DocumentRecord(
      document: "zuid/c.txt", caseName: "zuid", kind: .interview, date: "2023-04-20", characters: 500, words: 100,
      tokens: 110, sentences: 10, attributes: ["phase": "start"]),
  ]

  static func coding(_ document: String, _ start: Int, _ end: Int, _ code: String, text: String = "tekst")
    -> CodingRecord
  {
    CodingRecord(
      document: document, caseName: String(document.prefix { $0 != "/" }), unit: .sentence, start: start, end: end,
      code: code, coder: "auto:test@1", text: text)
  }

  static let codings = [
    coding("noord/a.txt", 0, 50, "bridging"), coding("noord/a.txt", 0, 50, "wandering"),
    coding("noord/a.txt", 60, 100, "bridging"), coding("noord/a.txt", 60, 100, "value-creation"),
    coding("noord/b.txt", 0, 100, "wandering"), coding("noord/b.txt", 200, 260, "wandering"),
    coding("zuid/c.txt", 10, 40, "bridging"), coding("zuid/c.txt", 100, 150, "wandering"),
  ]

  static var units: [UnitRecord] {
    var units: [UnitRecord] = []
    for document in ["noord/a.txt", "zuid/c.txt"] {
      for (start, end) in [(0, 50), (50, 100), (100, 150)] {
        units.append(UnitRecord(document: document, unit: .sentence, start: start, end: end))
      }
    }
    for (start, end) in [(0, 100), (100, 200), (200, 260)] {
      units.append(UnitRecord(document: "noord/b.txt", unit: .sentence, start: start, end: end))
    }
    units.append(UnitRecord(document: "noord/a.txt", unit: .paragraph, start: 0, end: 100))
    units.append(UnitRecord(document: "noord/a.txt", unit: .paragraph, start: 100, end: 150))
    return units
  }

  static var input: AnalysisInput {
    AnalysisInput(codings: codings, documents: documents, units: units, codebook: codebook)
  }
}
