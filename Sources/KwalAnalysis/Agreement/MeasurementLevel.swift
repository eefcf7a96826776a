/// The level of measurement of reliability data: it decides Krippendorff's difference function.
public enum MeasurementLevel: String, Sendable, Hashable, Codable, CaseIterable {
  /// Categories without order: any two different values differ by 1.
  case nominal
  /// Ranked values: the difference grows with the number of values coded between them.
  case ordinal
  /// Numbers on an interval scale: the squared difference.
  case interval
  /// Numbers with a true zero: the squared difference relative to the sum.
  case ratio

  /// Whether the level needs an order of the values (everything but nominal).
  public var needsOrder: Bool { self != .nominal }

  /// Whether the level needs numeric values (interval and ratio).
  public var needsNumbers: Bool { self == .interval || self == .ratio }
}

extension MeasurementLevel {
  /// The squared difference δ² between every pair of categories, row-major (`k * c + k'`).
  ///
  /// `numbers` are the categories' numeric values (interval, ratio), `marginals` the number of
  /// pairable values of each category (ordinal: Krippendorff's rank-based difference).
  func differences(categoryCount k: Int, numbers: [Double]?, marginals: [Double]) -> [Double] {
    var delta = [Double](repeating: 0, count: k * k)
    switch self {
    case .nominal:
      for c in 0..<k { for d in 0..<k where c != d { delta[c * k + d] = 1 } }
    case .ordinal:
      // δ²(c,d) = (Σ_{g=c}^{d} n_g − (n_c + n_d)/2)², with categories in rank order.
      var prefix = [Double](repeating: 0, count: k + 1)
      for c in 0..<k { prefix[c + 1] = prefix[c] + marginals[c] }
      for c in 0..<k {
        for d in 0..<k where c != d {
          let low = min(c, d)
          let high = max(c, d)
          let span = prefix[high + 1] - prefix[low] - (marginals[low] + marginals[high]) / 2
          delta[c * k + d] = span * span
        }
      }
    case .interval:
      let values = numbers ?? (0..<k).map(Double.init)
      for c in 0..<k {
        for d in 0..<k where c != d {
          let difference = values[c] - values[d]
          delta[c * k + d] = difference * difference
        }
      }
    case .ratio:
      let values = numbers ?? (0..<k).map(Double.init)
      for c in 0..<k {
        for d in 0..<k where c != d {
          let sum = values[c] + values[d]
          let difference = values[c] - values[d]
          delta[c * k + d] = sum == 0 ? 0 : (difference / sum) * (difference / sum)
        }
      }
    }
    return delta
  }
}
