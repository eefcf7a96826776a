/// Krippendorff's coincidence matrix of reliability data, with the counts that go with it.
///
/// Built per unit from the unit's value counts: a unit with `m ≥ 2` values adds
/// `n_c · (n_k − [c = k]) / (m − 1)` to cell (c, k), so no loop runs over pairs of coders.
public struct Coincidences: Sendable, Hashable {
  /// The number of categories.
  public var categoryCount: Int
  /// `matrix[c * categoryCount + k]`: the coincidences of values c and k.
  public var matrix: [Double]
  /// The number of pairable values of each category (the matrix's row sums).
  public var marginals: [Double]
  /// The number of pairable values (`n..`).
  public var pairableValues: Int
  /// The number of units with at least two values.
  public var pairableUnits: Int
  /// The number of pairs of values within units: Σ m(m − 1)/2 over pairable units.
  public var pairs: Int

  /// A coincidence matrix counted elsewhere (`matrix[c * categoryCount + k]`), with its counts.
  init(categoryCount k: Int, matrix: [Double], pairableValues: Int, pairableUnits: Int, pairs: Int) {
    var marginals = [Double](repeating: 0, count: k)
    for c in 0..<k { for d in 0..<k { marginals[c] += matrix[c * k + d] } }
    self.categoryCount = k
    self.matrix = matrix
    self.marginals = marginals
    self.pairableValues = pairableValues
    self.pairableUnits = pairableUnits
    self.pairs = pairs
  }

  /// Counts the coincidences of `data`.
  public init(_ data: ReliabilityData) {
    let k = data.categories.count
    var matrix = [Double](repeating: 0, count: k * k)
    var pairableValues = 0
    var pairableUnits = 0
    var pairs = 0
    matrix.withUnsafeMutableBufferPointer { matrix in
      data.forEachUnitCounts { m, values, counts in
        guard m >= 2 else { return }
        pairableValues += m
        pairableUnits += 1
        pairs += m * (m - 1) / 2
        let weight = 1 / Double(m - 1)
        for c in values {
          let nc = Double(counts[Int(c)])
          let row = Int(c) * k
          for d in values {
            let nd = Double(counts[Int(d)]) - (c == d ? 1 : 0)
            matrix[row + Int(d)] += nc * nd * weight
          }
        }
      }
    }
    self.init(
      categoryCount: k, matrix: matrix, pairableValues: pairableValues, pairableUnits: pairableUnits, pairs: pairs)
  }
}

/// Krippendorff's alpha from a coincidence matrix, or why it is undefined.
public struct AlphaComputation: Sendable, Hashable {
  /// Alpha, or `nil` when undefined.
  public var value: Double?
  /// Why alpha is undefined.
  public var reason: String?
  /// The observed disagreement Do (mean δ² over pairable pairs).
  public var observedDisagreement: Double
  /// The expected disagreement De.
  public var expectedDisagreement: Double
  /// δ² for every pair of categories, row-major.
  public var differences: [Double]

  /// Computes alpha = 1 − Do/De at `level` (`numbers` are the categories' numeric values).
  public init(_ coincidences: Coincidences, level: MeasurementLevel, numbers: [Double]?) {
    let k = coincidences.categoryCount
    let delta = level.differences(categoryCount: k, numbers: numbers, marginals: coincidences.marginals)
    differences = delta
    let n = Double(coincidences.pairableValues)
    var observed = 0.0
    var expected = 0.0
    for c in 0..<k {
      for d in 0..<k where c != d && delta[c * k + d] != 0 {
        observed += coincidences.matrix[c * k + d] * delta[c * k + d]
        expected += coincidences.marginals[c] * coincidences.marginals[d] * delta[c * k + d]
      }
    }
    observedDisagreement = n > 0 ? observed / n : 0
    expectedDisagreement = n > 1 ? expected / (n * (n - 1)) : 0
    if coincidences.pairableValues == 0 {
      value = nil
      reason = "no pairable values: no unit has values from two coders"
    } else if expected == 0 {
      value = nil
      reason = "expected disagreement is zero: the pairable values use only one category"
    } else {
      value = 1 - (n - 1) * observed / expected
      reason = nil
    }
  }
}
