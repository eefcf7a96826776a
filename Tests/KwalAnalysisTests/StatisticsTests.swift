import Foundation
import Testing

@testable import KwalAnalysis

@Suite("Statistics: chi-square, Fisher, G2, log-ratio, corrections")
struct StatisticsTests {
  /// Closed forms: df 2 gives Q = exp(-x/2); df 4 gives exp(-x/2)(1 + x/2); df 1 gives erfc(sqrt(x/2)).
  @Test(arguments: [
    (2.0, 2, exp(-1.0)),  // exp(-2/2)
    (4.0, 4, exp(-2.0) * 3),  // exp(-4/2) * (1 + 4/2)
    (1.0, 1, erfc(sqrt(0.5))),  // 0.31731050786291415
    (10.0, 2, exp(-5.0)),
    (0.5, 4, exp(-0.25) * 1.25),
  ])
  func chiSquareClosedForms(x: Double, degrees: Int, expected: Double) {
    #expect(abs(Statistics.chiSquarePValue(x, degrees: degrees) - expected) < 1e-12)
    #expect(abs(Statistics.chiSquareCDF(x, degrees: degrees) - (1 - expected)) < 1e-12)
  }

  /// Critical values from chi-square tables (such as NIST's): P(X ≥ x) for the given df.
  @Test(arguments: [
    (3.841458820694124, 1, 0.05), (6.634896601021213, 1, 0.01), (10.827566170662733, 1, 0.001),
    (5.991464547107979, 2, 0.05), (18.307038053275146, 10, 0.05), (124.34211340400407, 100, 0.05),
  ])
  func chiSquareCriticalValues(x: Double, degrees: Int, p: Double) {
    #expect(abs(Statistics.chiSquarePValue(x, degrees: degrees) - p) < 1e-9)
  }

  @Test func chiSquareEdges() {
    #expect(Statistics.chiSquarePValue(0, degrees: 1) == 1)
    #expect(Statistics.chiSquarePValue(1e4, degrees: 1) < 1e-300 + 1e-300)
    #expect(Statistics.chiSquarePValue(1, degrees: 0).isNaN)
  }

  /// P(a, x) for a = 1 is 1 - exp(-x); for a = 3, 1 - exp(-x)(1 + x + x²/2).
  @Test func incompleteGamma() {
    #expect(abs(Statistics.regularizedGammaP(1, 0.3) - (1 - exp(-0.3))) < 1e-14)
    let p37: Double = 1 - exp(-7.0) * (1.0 + 7.0 + 49.0 / 2.0)
    #expect(abs(Statistics.regularizedGammaP(3, 7) - p37) < 1e-13)
    let q315: Double = exp(-1.5) * (1.0 + 1.5 + 2.25 / 2.0)
    #expect(abs(Statistics.regularizedGammaQ(3, 1.5) - q315) < 1e-13)
  }

  /// Fisher's tea tasting, [[3,1],[1,3]]: P(k) = C(4,k)C(4,4-k)/C(8,4) = 1, 16, 36, 16, 1 (/70);
  /// two-sided p sums those ≤ 16/70: (1 + 16 + 16 + 1)/70 = 34/70.
  @Test func fisherTeaTasting() {
    #expect(abs(Statistics.fisherExact(3, 1, 1, 3) - 34.0 / 70) < 1e-12)
    #expect(abs(Statistics.fisherExact(4, 0, 0, 4) - 2.0 / 70) < 1e-12)
    #expect(abs(Statistics.fisherExact(2, 2, 2, 2) - 1) < 1e-12)
  }

  /// [[1,0],[2,6]]: n 9, first row 1, first column 3: P(0) = 6/9, P(1) = 3/9; p = 3/9.
  @Test func fisherSmall() {
    #expect(abs(Statistics.fisherExact(1, 0, 2, 6) - 3.0 / 9) < 1e-12)
    #expect(Statistics.fisherExact(0, 0, 0, 0) == 1)
  }

  /// A large table stays fast and is tiny: [[1000, 10], [10, 1000]].
  @Test func fisherLarge() {
    let p = Statistics.fisherExact(1000, 10, 10, 1000)
    #expect(p >= 0 && p < 1e-200)
    #expect(abs(Statistics.fisherExact(500, 500, 500, 500) - 1) < 1e-9)
  }

  /// [[10, 20], [30, 40]]: n 100, ad − bc = 400 − 600 = −200; χ² = 100·200²/(30·70·40·60) = 0.79365...;
  /// smallest expected = 30·40/100 = 12.
  @Test func pearson2x2() throws {
    let result = try #require(Statistics.chiSquare2x2(10, 20, 30, 40))
    #expect(abs(result.statistic - 100.0 * 40000 / (30 * 70 * 40 * 60)) < 1e-12)
    #expect(result.minimumExpected == 12)
    #expect(Statistics.chiSquare2x2(0, 0, 3, 4) == nil)
  }

  /// 10 in 1000 words against 2 in 1000: E = 6 and 6; G2 = 2(10 ln(10/6) + 2 ln(2/6)) = 5.8221;
  /// log-ratio = log2((10/1000)/(2/1000)) = log2(5).
  @Test func logLikelihoodAndLogRatio() throws {
    let g2 = try #require(Statistics.logLikelihood(observed: [10, 2], sizes: [1000, 1000]))
    #expect(abs(g2 - 2 * (10 * log(10.0 / 6) + 2 * log(2.0 / 6))) < 1e-12)
    #expect(abs(g2 - 5.822063) < 1e-6)
    #expect(abs((Statistics.logRatio(10, sizeA: 1000, 2, sizeB: 1000) ?? 0) - log2(5)) < 1e-12)
    // Zero counts: G2 of nothing is 0; log-ratio takes 0.5 for a zero; both zero is undefined.
    #expect(Statistics.logLikelihood(observed: [0, 0], sizes: [10, 10]) == 0)
    #expect(abs((Statistics.logRatio(0, sizeA: 100, 4, sizeB: 100) ?? 0) - log2(0.5 / 4)) < 1e-12)
    #expect(Statistics.logRatio(0, sizeA: 100, 0, sizeB: 100) == nil)
    // One corpus only: no test.
    #expect(Statistics.logLikelihood(observed: [3], sizes: [10]) == nil)
  }

  /// Three corpora: 5, 10, 15 in sizes 100, 100, 100: E = 10 each;
  /// G2 = 2(5 ln .5 + 10 ln 1 + 15 ln 1.5).
  @Test func logLikelihoodThreeCorpora() throws {
    let g2 = try #require(Statistics.logLikelihood(observed: [5, 10, 15], sizes: [100, 100, 100]))
    #expect(abs(g2 - 2 * (5 * log(0.5) + 15 * log(1.5))) < 1e-12)
  }

  /// p = 0.01, 0.04, 0.03, 0.005 (m = 4). Bonferroni: ×4 → 0.04, 0.16, 0.12, 0.02.
  /// Holm, sorted 0.005, 0.01, 0.03, 0.04: ×4, ×3, ×2, ×1 = 0.02, 0.03, 0.06, 0.04 → running
  /// maximum 0.02, 0.03, 0.06, 0.06.
  @Test func corrections() {
    let p: [Double?] = [0.01, 0.04, 0.03, 0.005, nil]
    let bonferroni = Statistics.Correction.bonferroni.adjust(p)
    let holm = Statistics.Correction.holm.adjust(p)
    for (value, expected) in zip(bonferroni, [0.04, 0.16, 0.12, 0.02]) {
      #expect(abs((value ?? -1) - expected) < 1e-12)
    }
    for (value, expected) in zip(holm, [0.03, 0.06, 0.06, 0.02]) { #expect(abs((value ?? -1) - expected) < 1e-12) }
    #expect(bonferroni[4] == nil && holm[4] == nil)
    #expect(Statistics.Correction.bonferroni.adjust([0.5, 0.6]) == [1, 1])
  }
}
