internal import KwalModel

/// A bootstrap confidence interval for Krippendorff's alpha.
public struct AlphaInterval: Sendable, Hashable, Codable {
  /// The lower bound.
  public var lower: Double
  /// The upper bound.
  public var upper: Double
  /// The confidence level (0.95).
  public var level: Double
  /// The number of bootstrap samples.
  public var samples: Int
  /// The seed of the random generator.
  public var seed: UInt64
  /// The number of pairs drawn per sample.
  public var pairsPerSample: Int
  /// For common minimum alphas (0.667, 0.7, 0.8, 0.9): the share of samples below it, the
  /// probability q of failing to reach that reliability (as KALPHA reports it).
  public var probabilityBelow: [String: Double]

  private enum CodingKeys: String, CodingKey {
    case lower, upper, level, samples, seed, pairsPerSample = "pairs_per_sample", probabilityBelow = "probability_below"
  }
}

/// Bootstraps alpha as Krippendorff's algorithm for KALPHA (Hayes and Krippendorff 2007) does.
///
/// The coincidence matrix, normalised, is a distribution over pairs of values. Each sample draws
/// M pairs from it with replacement (M = the number of pairs of values within units,
/// Σ m(m − 1)/2), averages their δ² into a resampled observed disagreement Do*, and keeps the
/// expected disagreement De fixed: α* = 1 − Do*/De. The interval is the percentile interval of
/// the α*; the same seed gives the same interval. Cost: samples × M draws.
public enum AlphaBootstrap {
  /// The interval for `alpha` at `level`, or `nil` when alpha is undefined or `samples` < 1.
  public static func interval(
    _ coincidences: Coincidences, alpha: AlphaComputation, samples: Int, seed: UInt64, level: Double = 0.95
  ) -> AlphaInterval? {
    guard samples > 0, alpha.value != nil, alpha.expectedDisagreement > 0, coincidences.pairs > 0 else { return nil }
    let k = coincidences.categoryCount
    // The cells with coincidences, as a cumulative distribution over their δ².
    var cumulative: [Double] = []
    var deltas: [Double] = []
    var running = 0.0
    for cell in 0..<(k * k) where coincidences.matrix[cell] > 0 {
      running += coincidences.matrix[cell]
      cumulative.append(running)
      deltas.append(alpha.differences[cell])
    }
    guard running > 0 else { return nil }
    for index in cumulative.indices { cumulative[index] /= running }
    let pairs = coincidences.pairs
    var generator = SplitMix64(seed: seed)
    var alphas: [Double] = []
    alphas.reserveCapacity(samples)
    let last = cumulative.count - 1
    for _ in 0..<samples {
      var sum = 0.0
      for _ in 0..<pairs {
        let r = generator.nextUnit()
        sum += deltas[cumulative[..<last].partitionPoint { $0 > r }]
      }
      let observed = sum / Double(pairs)
      alphas.append(1 - observed / alpha.expectedDisagreement)
    }
    alphas.sort()
    let tail = (1 - level) / 2
    let lowerIndex = min(samples - 1, max(0, Int((tail * Double(samples)).rounded(.down))))
    let upperIndex = min(samples - 1, max(0, Int(((1 - tail) * Double(samples)).rounded(.up)) - 1))
    var below: [String: Double] = [:]
    for (name, minimum) in [("0.667", 2.0 / 3.0), ("0.7", 0.7), ("0.8", 0.8), ("0.9", 0.9)] {
      below[name] = Double(alphas.lazy.filter { $0 < minimum }.count) / Double(samples)
    }
    return AlphaInterval(
      lower: alphas[lowerIndex], upper: alphas[upperIndex], level: level, samples: samples, seed: seed,
      pairsPerSample: pairs, probabilityBelow: below)
  }
}
