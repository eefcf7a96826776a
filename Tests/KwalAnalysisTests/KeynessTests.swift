import Foundation
import KwalModel
import Testing

@testable import KwalAnalysis

@Suite("Keyness between cases")
struct KeynessTests {
  /// bridging: noord 2 in 300 words, zuid 1 in 100. E = 300·3/400 = 2.25 and 0.75;
  /// G2 = 2(2 ln(2/2.25) + 1 ln(1/0.75)) = 0.10423; log-ratio = log2((2/300)/(1/100)) = −0.585;
  /// the 2×2 table [[2, 298], [1, 99]] has a smallest expected count 100·3/400 = 0.75 < 5: no chi-square.
  @Test func twoCases() throws {
    let matrix = try MatrixReport.compute(MatrixFixture.input)
    let report = try KeynessReport.compute(matrix)
    #expect(report.tests.count == 4)
    let bridging = try #require(report.tests.first { $0.code == "bridging" })
    #expect(bridging.column == "noord" && bridging.reference == "zuid")
    #expect((bridging.count, bridging.size, bridging.otherCount, bridging.otherSize) == (2, 300, 1, 100))
    #expect(bridging.expected == 2.25)
    let g2 = 2 * (2 * log(2 / 2.25) + 1 * log(1 / 0.75))
    #expect(abs((bridging.g2 ?? 0) - g2) < 1e-12)
    #expect(abs((bridging.logRatio ?? 0) - log2((2.0 / 300) / (1.0 / 100))) < 1e-12)
    #expect(bridging.chiSquare == nil)
    #expect(abs((bridging.pValue ?? 0) - Statistics.chiSquarePValue(g2, degrees: 1)) < 1e-15)
    // postponing never occurs: not tested, so 3 tests are corrected for.
    let postponing = try #require(report.tests.first { $0.code == "postponing" })
    #expect(postponing.g2 == nil && postponing.pValue == nil && !postponing.isSignificant)
    #expect(report.testCount == 3)
    #expect(report.table().notes.contains { $0.contains("holm correction for 3 tests") })
  }

  /// Three columns: each against the rest. Large counts give a chi-square and a significant result.
  /// alpha: 40 in 1000 words; beta 10 in 1000; gamma 10 in 1000. alpha vs rest: a = 40, n = 1000,
  /// b = 20, n = 2000: E = 1000·60/3000 = 20 and 40; G2 = 2(40 ln 2 + 20 ln .5) = 40 ln 2.
  @Test func threeColumnsAgainstTheRest() throws {
    var codings: [CodingRecord] = []
    var documents: [DocumentRecord] = []
    for (name, count) in [("alpha", 40), ("beta", 10), ("gamma", 10)] {
      documents.append(
        DocumentRecord(
          document: "\(name)/d.txt", caseName: name, kind: .document, characters: 5000, words: 1000, tokens: 1000,
          sentences: 100))
      for index in 0..<count {
        codings.append(
          CodingRecord(
            document: "\(name)/d.txt", caseName: name, start: index * 10, end: index * 10 + 5, code: "costs",
            coder: "x", text: "kosten"))
      }
    }
    let matrix = try MatrixReport.compute(AnalysisInput(codings: codings, documents: documents))
    let report = try KeynessReport.compute(matrix, options: KeynessOptions(correction: .bonferroni))
    #expect(report.tests.map(\.reference) == ["rest", "rest", "rest"])
    let alpha = report.tests[0]
    #expect(abs((alpha.g2 ?? 0) - 40 * log(2.0)) < 1e-9)
    #expect(abs((alpha.logRatio ?? 0) - 2) < 1e-12)  // log2((40/1000)/(20/2000)) = log2 4
    // Pearson on [[40, 960], [20, 1980]]: n 3000, ad − bc = 79200 − 19200 = 60000;
    // χ² = 3000·60000²/(1000·2000·60·2940); smallest expected 1000·60/3000 = 20 ≥ 5.
    #expect(abs((alpha.chiSquare ?? 0) - 3000.0 * 60000 * 60000 / (1000.0 * 2000 * 60 * 2940)) < 1e-9)
    #expect(alpha.isSignificant)
    #expect(abs((alpha.adjustedPValue ?? 0) - min(1, 3 * (alpha.pValue ?? 1))) < 1e-15)
    #expect(report.testCount == 3)
  }

  /// One case only: no tests, and a note that says why.
  @Test func oneCaseOnly() throws {
    let input = AnalysisInput(
      codings: MatrixFixture.codings.filter { $0.caseName == "noord" },
      documents: MatrixFixture.documents.filter { $0.caseName == "noord" }, codebook: MatrixFixture.codebook)
    let report = try KeynessReport.compute(try MatrixReport.compute(input))
    #expect(report.tests.isEmpty)
    #expect(report.notes.contains { $0.contains("at least two") })
  }

  /// Relative to codings: bridging noord 2 of 4 segments, zuid 1 of 2.
  @Test func relativeToCodings() throws {
    let matrix = try MatrixReport.compute(AnalysisInput(codings: MatrixFixture.codings))
    let report = try KeynessReport.compute(matrix, options: KeynessOptions(base: .codings))
    let bridging = try #require(report.tests.first { $0.code == "bridging" })
    #expect((bridging.size, bridging.otherSize) == (4, 2))
    #expect(bridging.logRatio == 0)
    // Words are unknown without documents.csv.
    #expect(throws: AnalysisError.self) { try KeynessReport.compute(matrix) }
  }
}
