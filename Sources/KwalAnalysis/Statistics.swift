internal import Foundation

/// The statistics behind keyness and co-occurrence: the chi-square distribution (through the
/// regularised incomplete gamma function), Fisher's exact test, log-likelihood G2, log-ratio and
/// corrections for multiple tests. Written here and tested against known values.
public enum Statistics {
  private static let epsilon = 1e-15
  private static let tiny = 1e-300

  /// The natural logarithm of the gamma function.
  public static func logGamma(_ x: Double) -> Double { lgamma(x) }

  /// The regularised lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a), for a > 0, x ≥ 0.
  public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
    guard a > 0, x > 0 else { return x <= 0 ? 0 : .nan }
    if x < a + 1 { return gammaSeries(a, x) }
    return 1 - gammaContinuedFraction(a, x)
  }

  /// The regularised upper incomplete gamma function Q(a, x) = 1 − P(a, x).
  public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
    guard a > 0, x > 0 else { return x <= 0 ? 1 : .nan }
    if x < a + 1 { return 1 - gammaSeries(a, x) }
    return gammaContinuedFraction(a, x)
  }

  /// P(a, x) by its power series (converges quickly for x < a + 1).
  private static func gammaSeries(_ a: Double, _ x: Double) -> Double {
    var term = 1 / a
    var sum = term
    var denominator = a
    for _ in 0..<10_000 {
      denominator += 1
      term *= x / denominator
      sum += term
      if abs(term) < abs(sum) * epsilon { break }
    }
    return sum * exp(-x + a * log(x) - logGamma(a))
  }

  /// Q(a, x) by its continued fraction, evaluated with the modified Lentz method (x ≥ a + 1).
  private static func gammaContinuedFraction(_ a: Double, _ x: Double) -> Double {
    var b = x + 1 - a
    var c = 1 / tiny
    var d = 1 / b
    var h = d
    for i in 1..<10_000 {
      let an = -Double(i) * (Double(i) - a)
      b += 2
      d = an * d + b
      if abs(d) < tiny { d = tiny }
      c = b + an / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) < epsilon { break }
    }
    return exp(-x + a * log(x) - logGamma(a)) * h
  }

  /// The chi-square distribution function: P(X ≤ x) with `degrees` degrees of freedom.
  public static func chiSquareCDF(_ x: Double, degrees: Int) -> Double {
    guard degrees > 0 else { return .nan }
    return regularizedGammaP(Double(degrees) / 2, x / 2)
  }

  /// The upper tail P(X ≥ x) of the chi-square distribution: the p-value of a statistic `x`.
  public static func chiSquarePValue(_ x: Double, degrees: Int) -> Double {
    guard degrees > 0, !x.isNaN else { return .nan }
    return min(1, max(0, regularizedGammaQ(Double(degrees) / 2, x / 2)))
  }

  /// log C(n, k).
  public static func logChoose(_ n: Int, _ k: Int) -> Double {
    guard k >= 0, k <= n else { return -.infinity }
    return logGamma(Double(n + 1)) - logGamma(Double(k + 1)) - logGamma(Double(n - k + 1))
  }

  /// Fisher's exact test, two-sided, for the 2×2 table [[a, b], [c, d]]: the sum of the
  /// probabilities of all tables with the same margins that are no more likely than this one.
  public static func fisherExact(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Double {
    guard a >= 0, b >= 0, c >= 0, d >= 0 else { return .nan }
    let row1 = a + b
    let column1 = a + c
    let n = a + b + c + d
    guard n > 0 else { return 1 }
    let low = max(0, row1 + column1 - n)
    let high = min(row1, column1)
    let base = logChoose(n, row1)
    func probability(_ k: Int) -> Double {
      exp(logChoose(column1, k) + logChoose(n - column1, row1 - k) - base)
    }
    let observed = probability(a)
    let threshold = observed * (1 + 1e-7)
    // The hypergeometric distribution is unimodal: walk out from the mode both ways and stop once
    // the terms are negligible.
    let mode = min(high, max(low, Int((Double(row1 + 1) * Double(column1 + 1)) / Double(n + 2))))
    var total = 0.0
    var k = mode
    while k >= low {
      let p = probability(k)
      if p <= threshold { total += p }
      if p < observed * 1e-17 && p <= threshold { break }
      k -= 1
    }
    k = mode + 1
    while k <= high {
      let p = probability(k)
      if p <= threshold { total += p }
      if p < observed * 1e-17 && p <= threshold { break }
      k += 1
    }
    return min(1, total)
  }

  /// Pearson's chi-square for the 2×2 table [[a, b], [c, d]] (no continuity correction), and the
  /// smallest expected count; `nil` when a margin is zero.
  public static func chiSquare2x2(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> (
    statistic: Double, minimumExpected: Double
  )? {
    let row1 = Double(a + b)
    let row2 = Double(c + d)
    let column1 = Double(a + c)
    let column2 = Double(b + d)
    let n = row1 + row2
    guard row1 > 0, row2 > 0, column1 > 0, column2 > 0 else { return nil }
    let difference = Double(a) * Double(d) - Double(b) * Double(c)
    let statistic = n * difference * difference / (row1 * row2 * column1 * column2)
    let minimumExpected = min(row1, row2) * min(column1, column2) / n
    return (statistic, minimumExpected)
  }

  /// Log-likelihood G2 as corpus linguists compute it (Rayson and Garside 2000): observed counts
  /// `observed[i]` in corpora of sizes `sizes[i]`, expected E_i = size_i · Σ observed / Σ sizes,
  /// G2 = 2 Σ O_i ln(O_i / E_i). It has `observed.count − 1` degrees of freedom.
  public static func logLikelihood(observed: [Double], sizes: [Double]) -> Double? {
    guard observed.count == sizes.count, observed.count >= 2 else { return nil }
    let totalObserved = observed.reduce(0, +)
    let totalSize = sizes.reduce(0, +)
    guard totalSize > 0, sizes.allSatisfy({ $0 > 0 }) else { return nil }
    if totalObserved == 0 { return 0 }
    var sum = 0.0
    for (o, size) in zip(observed, sizes) where o > 0 {
      let expected = size * totalObserved / totalSize
      sum += o * log(o / expected)
    }
    return max(0, 2 * sum)
  }

  /// Hardie's log-ratio effect size: log2 of the ratio of relative frequencies (a/sizeA)/(b/sizeB);
  /// a zero count is replaced by 0.5 so that the ratio stays finite; `nil` when both are zero.
  public static func logRatio(_ a: Double, sizeA: Double, _ b: Double, sizeB: Double) -> Double? {
    guard sizeA > 0, sizeB > 0, a > 0 || b > 0 else { return nil }
    let adjustedA = a > 0 ? a : 0.5
    let adjustedB = b > 0 ? b : 0.5
    return log2((adjustedA / sizeA) / (adjustedB / sizeB))
  }

  /// A correction for testing many hypotheses at once.
  public enum Correction: String, Sendable, Hashable, CaseIterable {
    /// No correction.
    case none
    /// Bonferroni: p · m.
    case bonferroni
    /// Holm's step-down method: uniformly more powerful than Bonferroni, same guarantee.
    case holm

    /// The adjusted p-values, in the order given; `nil` entries are not counted as tests.
    public func adjust(_ pValues: [Double?]) -> [Double?] {
      let tested = pValues.enumerated().compactMap { index, p in p.map { (index, $0) } }
      let m = Double(tested.count)
      var result = [Double?](repeating: nil, count: pValues.count)
      switch self {
      case .none:
        return pValues
      case .bonferroni:
        for (index, p) in tested { result[index] = min(1, p * m) }
      case .holm:
        let sorted = tested.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        var running = 0.0
        for (rank, item) in sorted.enumerated() {
          running = max(running, min(1, (m - Double(rank)) * item.1))
          result[item.0] = running
        }
      }
      return result
    }
  }
}
