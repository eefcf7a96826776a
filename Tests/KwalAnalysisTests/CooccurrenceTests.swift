import Foundation
import KwalModel
import Testing

@testable import KwalAnalysis
import KwalExport

@Suite("Co-occurrence: units, measures, tests, retrieval, graphs")
struct CooccurrenceTests {
  func pair(_ report: CooccurrenceReport, _ a: String, _ b: String, case name: String? = nil) -> CooccurrencePair? {
    report.pairs.first { $0.codeA == a && $0.codeB == b && $0.caseName == name }
  }

  func measure(_ report: CooccurrenceReport, _ pair: CooccurrencePair, _ measure: CooccurrenceMeasure) -> Double? {
    report.options.measures.firstIndex(of: measure).flatMap { pair.values[$0] }
  }

  /// Sentences (9 in all): a s0 {bridging, wandering}, a s1 {bridging, value-creation}, a s2 {};
  /// b s0 {wandering}, b s1 {}, b s2 {wandering}; c s0 {bridging}, c s1 {}, c s2 {wandering}.
  /// bridging n1 = 3, wandering n2 = 4, n12 = 1, n = 9.
  @Test func sentenceMeasures() throws {
    let report = try CooccurrenceReport.compute(MatrixFixture.input, options: CooccurrenceOptions())
    #expect(report.units == 9)
    #expect(report.pairs.count == 2)
    let p = try #require(pair(report, "bridging", "wandering"))
    #expect((p.count, p.countA, p.countB, p.units) == (1, 3, 4, 9))
    #expect(measure(report, p, .cCoefficient) == 1.0 / 6)  // 1 / (3 + 4 − 1)
    #expect(measure(report, p, .jaccard) == 1.0 / 6)  // units with both / units with either
    #expect(measure(report, p, .pBGivenA) == 1.0 / 3)
    #expect(measure(report, p, .pAGivenB) == 1.0 / 4)
    #expect(measure(report, p, .lift) == 0.75)  // 1·9 / (3·4)
    #expect(abs((measure(report, p, .pmi) ?? 0) - log2(0.75)) < 1e-12)
    #expect(abs((measure(report, p, .npmi) ?? 0) - log2(0.75) / -log2(1.0 / 9)) < 1e-12)
    // Fisher on [[1, 2], [3, 3]]: P(k) = C(4,k)C(5,3−k)/84 = 10, 40, 30, 4 (/84): all ≤ 40/84, p = 1.
    #expect(abs((measure(report, p, .pValue) ?? 0) - 1) < 1e-12)
    // value-creation and bridging share a s1: [[1, 0], [2, 6]], p = 3/9.
    let q = try #require(pair(report, "value-creation", "bridging"))
    #expect((q.count, q.countA, q.countB) == (1, 1, 3))
    #expect(abs((measure(report, q, .pValue) ?? 0) - 1.0 / 3) < 1e-12)
    #expect(measure(report, q, .pBGivenA) == 1)
  }

  /// --min-count 0 adds pairs that never co-occur: value-creation/wandering has n12 = 0,
  /// so npmi = −1, pmi undefined, P(B|A) = 0. postponing never occurs: its pairs with a code
  /// that does occur are listed with zeros.
  @Test func zeroCounts() throws {
    let report = try CooccurrenceReport.compute(MatrixFixture.input, options: CooccurrenceOptions(minCount: 0))
    let p = try #require(pair(report, "value-creation", "wandering"))
    #expect(p.count == 0)
    #expect(measure(report, p, .npmi) == -1)
    #expect(measure(report, p, .pmi) == nil)
    #expect(measure(report, p, .pBGivenA) == 0)
    let never = try #require(pair(report, "bridging", "postponing"))
    #expect(never.countB == 0)
    #expect(measure(report, never, .pAGivenB) == nil)
    #expect(measure(report, never, .lift) == nil)
  }

  /// window:2 (two consecutive sentences; 2 windows per document, 6 in all): bridging in a w0, a w1,
  /// c w0 = 3; wandering in a w0, b w0, b w1, c w1 = 4; together only in a w0.
  @Test func windowOfTwoSentences() throws {
    let report = try CooccurrenceReport.compute(
      MatrixFixture.input, options: CooccurrenceOptions(unit: .window(2), measures: [.cCoefficient]))
    #expect(report.units == 6)
    let p = try #require(pair(report, "bridging", "wandering"))
    #expect((p.count, p.countA, p.countB) == (1, 3, 4))
    #expect(report.table().columns == ["code_a", "code_b", "count", "c-coefficient"])
  }

  /// Per case: noord has 6 sentences, bridging 2, wandering 3, together 1; zuid none together.
  @Test func perCase() throws {
    let report = try CooccurrenceReport.compute(MatrixFixture.input, options: CooccurrenceOptions(byCase: true))
    let p = try #require(pair(report, "bridging", "wandering", case: "noord"))
    #expect((p.count, p.countA, p.countB, p.units) == (1, 2, 3, 6))
    #expect(pair(report, "bridging", "wandering", case: "zuid") == nil)
    #expect(report.table().columns.last == "case")
  }

  /// Overlap: bridging–wandering overlap once (a 0-50); bridging has 3 codings, wandering 4:
  /// c = 1/(3 + 4 − 1); one of three bridging codings overlaps wandering: P(B|A) = 1/3; one of four
  /// wandering codings overlaps bridging: P(A|B) = 1/4. Jaccard in characters: bridging covers
  /// 50 + 40 + 30 = 120, wandering 50 + 100 + 60 + 50 = 260, both 50: 50/(120 + 260 − 50).
  @Test func overlap() throws {
    let report = try CooccurrenceReport.compute(MatrixFixture.input, options: CooccurrenceOptions(unit: .overlap))
    #expect(report.options.measures == [.cCoefficient, .jaccard, .pBGivenA, .pAGivenB])
    let p = try #require(pair(report, "bridging", "wandering"))
    #expect(p.count == 1 && p.units == nil)
    #expect(measure(report, p, .cCoefficient) == 1.0 / 6)
    #expect(measure(report, p, .pBGivenA) == 1.0 / 3)
    #expect(measure(report, p, .pAGivenB) == 1.0 / 4)
    #expect(measure(report, p, .jaccard) == 50.0 / 330)
    do {
      _ = try CooccurrenceReport.compute(
        MatrixFixture.input, options: CooccurrenceOptions(unit: .overlap, measures: [.lift]))
      Issue.record("lift must not fit overlap")
    } catch {
      #expect(error.kind == .badData)
      #expect(error.message.contains("does not fit unit overlap"))
    }
  }

  /// Paragraphs exist only in a: the units there are 2 paragraphs; turns do not exist.
  @Test func unitsThatDoNotFit() throws {
    let report = try CooccurrenceReport.compute(
      MatrixFixture.input, options: CooccurrenceOptions(unit: .unit(.paragraph)))
    #expect(report.units == 2)
    #expect(pair(report, "bridging", "wandering")?.count == 1)
    #expect(throws: AnalysisError.self) {
      try CooccurrenceReport.compute(MatrixFixture.input, options: CooccurrenceOptions(unit: .unit(.turn)))
    }
    // Without units.csv, sentence units cannot be counted; documents can.
    let bare = AnalysisInput(codings: MatrixFixture.codings, documents: MatrixFixture.documents)
    #expect(throws: AnalysisError.self) { try CooccurrenceReport.compute(bare, options: CooccurrenceOptions()) }
    let documents = try CooccurrenceReport.compute(bare, options: CooccurrenceOptions(unit: .unit(.document)))
    #expect(documents.units == 3)
    // bridging in a, c; wandering in a, b, c; both in a and c.
    #expect(pair(documents, "bridging", "wandering").map { ($0.count, $0.countA, $0.countB) } ?? (0, 0, 0) == (2, 2, 3))
  }

  /// --level 1 counts bridging as value-creation.
  @Test func levelRollUp() throws {
    let report = try CooccurrenceReport.compute(MatrixFixture.input, options: CooccurrenceOptions(level: 1))
    let p = try #require(pair(report, "value-creation", "wandering"))
    #expect((p.count, p.countA) == (1, 3))
    #expect(!report.pairs.contains { $0.codeA == "bridging" || $0.codeB == "bridging" })
  }

  @Test func queries() throws {
    #expect(try CodeQuery(parsing: "a AND NOT b OR c") == .or(.and(.code("a"), .not(.code("b"))), .code("c")))
    #expect(try CodeQuery(parsing: "a and (b or c)") == .and(.code("a"), .or(.code("b"), .code("c"))))
    #expect(throws: AnalysisError.self) { try CodeQuery(parsing: "a AND") }
    #expect(throws: AnalysisError.self) { try CodeQuery(parsing: "(a OR b") }
    // bridging AND wandering: a s0, with both codings.
    let both = try CodeRetrieval.retrieve(
      MatrixFixture.input, query: CodeQuery.all(["bridging", "wandering"]), unit: .unit(.sentence))
    #expect(
      both.map { "\($0.document) \($0.code) \($0.start)" } == ["noord/a.txt bridging 0", "noord/a.txt wandering 0"])
    // bridging AND NOT wandering: a s1 and c s0.
    let only = try CodeRetrieval.retrieve(
      MatrixFixture.input, query: CodeQuery(parsing: "bridging AND NOT wandering"), unit: .unit(.sentence))
    #expect(only.map { "\($0.document) \($0.start)-\($0.end)" } == ["noord/a.txt 60-100", "zuid/c.txt 10-40"])
    // Overlap: the bridging codings that overlap wandering.
    let overlapping = try CodeRetrieval.retrieve(
      MatrixFixture.input, query: .and(.code("bridging"), .code("wandering")), unit: .overlap)
    #expect(Set(overlapping.map(\.code)) == ["bridging", "wandering"])
    #expect(Set(overlapping.map(\.start)) == [0])
    #expect(throws: AnalysisError.self) {
      try CodeRetrieval.retrieve(MatrixFixture.input, query: .code("onbekend"), unit: .unit(.sentence))
    }
  }

  @Test func graphs() throws {
    let report = try CooccurrenceReport.compute(MatrixFixture.input, options: CooccurrenceOptions(measures: [.jaccard]))
    let graphML = try report.graphML()
    #expect(graphML.contains("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">"))
    #expect(
      graphML.contains(
        "<node id=\"bridging\">\n      <data key=\"label\">Overbruggen</data>\n      <data key=\"n\">3</data>\n    </node>"
      ))
    #expect(
      graphML.contains("<edge id=\"e1\" source=\"bridging\" target=\"wandering\">\n      <data key=\"count\">1</data>"))
    #expect(!graphML.contains("postponing"))
    let dot = report.dot()
    #expect(dot.hasPrefix("graph cooccurrence {"))
    #expect(dot.contains("\"bridging\" -- \"wandering\" [weight=1"))
  }

  @Test func unknownCodeInCodes() {
    #expect(throws: AnalysisError.self) {
      try CooccurrenceReport.compute(MatrixFixture.input, options: CooccurrenceOptions(codes: ["onbekend"]))
    }
  }

  @Test func unitParsing() throws {
    #expect(try CooccurrenceUnit(parsing: "window:3") == .window(3))
    #expect(try CooccurrenceUnit(parsing: "agenda-item") == .unit(.agendaItem))
    #expect(throws: AnalysisError.self) { try CooccurrenceUnit(parsing: "window:0") }
    #expect(throws: AnalysisError.self) { try CooccurrenceMeasure.parseList("lift,kappa") }
  }
}
