/// A statistic's value, or why it is undefined (reported as JSON `null` with a note, never NaN).
public struct Statistic: Sendable, Hashable, Codable {
  /// The value, or `nil` when undefined.
  public var value: Double?
  /// Why the value is undefined (or a caveat about it).
  public var note: String?

  /// A defined value.
  public static func defined(_ value: Double) -> Statistic { Statistic(value: value, note: nil) }
  /// An undefined value and why.
  public static func undefined(_ reason: String) -> Statistic { Statistic(value: nil, note: reason) }

  /// Creates a statistic.
  public init(value: Double?, note: String?) {
    self.value = value
    self.note = note
  }
}

/// The agreement coefficients of the Gwet (2014) family, which share one observed agreement and
/// differ in chance agreement; and Cohen's and Fleiss' kappa as scikit-learn and statsmodels
/// compute them.
///
/// Definitions (r_u: values of unit u, r_uk: values of category k in unit u, q: categories in
/// the domain):
/// - percent agreement p_a: the mean over units with r_u ≥ 2 of Σ_k r_uk(r_uk − 1)/(r_u(r_u − 1)),
///   the share of agreeing coder pairs per unit;
/// - π_k: the mean over units with r_u ≥ 1 of r_uk / r_u;
/// - Scott's pi (Fleiss' generalisation, missing data allowed): p_e = Σ π_k²;
/// - Gwet's AC1: p_e = Σ π_k(1 − π_k)/(q − 1);
/// - Brennan-Prediger: p_e = 1/q;
/// - every coefficient is (p_a − p_e)/(1 − p_e).
public struct ChanceCorrected: Sendable, Hashable {
  /// The percent agreement (a proportion, 0…1).
  public var percentAgreement: Statistic
  /// Scott's pi.
  public var scottPi: Statistic
  /// Gwet's AC1.
  public var gwetAC1: Statistic
  /// Brennan and Prediger's kappa.
  public var brennanPrediger: Statistic
  /// Cohen's kappa (exactly two coders; units both coded).
  public var cohenKappa: Statistic
  /// Cohen's kappa with linear weights on the ranks of the values present.
  public var cohenKappaLinear: Statistic
  /// Cohen's kappa with quadratic weights on the ranks of the values present.
  public var cohenKappaQuadratic: Statistic
  /// Fleiss' kappa (complete data: every coder rated every unit that has a value).
  public var fleissKappa: Statistic
  /// The number of units with at least one value.
  public var units: Int
  /// The number of units with values from two coders or more.
  public var pairableUnits: Int

  /// Computes the coefficients of `data`.
  public init(_ data: ReliabilityData) {
    let k = data.categories.count
    let coderCount = data.coderCount
    var agreementSum = 0.0
    var pairableUnits = 0
    var rated = 0
    var complete = true
    var pi = [Double](repeating: 0, count: k)
    // Fleiss: Σ_u Σ_k r_uk² and category totals over complete units.
    var fleissSquares = 0.0
    var fleissTotals = [Double](repeating: 0, count: k)
    pi.withUnsafeMutableBufferPointer { pi in
      fleissTotals.withUnsafeMutableBufferPointer { fleissTotals in
        data.forEachUnitCounts { m, values, counts in
          guard m > 0 else { return }
          rated += 1
          if m != coderCount { complete = false }
          var same = 0
          for value in values {
            let c = Int(value)
            let count = Int(counts[c])
            same += count * (count - 1)
            pi[c] += Double(count) / Double(m)
            fleissSquares += Double(count * count)
            fleissTotals[c] += Double(count)
          }
          if m >= 2 {
            pairableUnits += 1
            agreementSum += Double(same) / Double(m * (m - 1))
          }
        }
      }
    }
    units = rated
    self.pairableUnits = pairableUnits

    let q = Double(k)
    if pairableUnits == 0 {
      let reason = "no unit has values from two coders"
      percentAgreement = .undefined(reason)
      scottPi = .undefined(reason)
      gwetAC1 = .undefined(reason)
      brennanPrediger = .undefined(reason)
    } else {
      let pa = agreementSum / Double(pairableUnits)
      percentAgreement = .defined(pa)
      for c in 0..<k { pi[c] /= Double(rated) }
      let scottChance = pi.reduce(0) { $0 + $1 * $1 }
      scottPi = Self.corrected(pa, scottChance, reason: "chance agreement is 1: all values are in one category")
      if k < 2 {
        gwetAC1 = .undefined("the value domain has fewer than two categories")
        brennanPrediger = .undefined("the value domain has fewer than two categories")
      } else {
        let gwetChance = pi.reduce(0) { $0 + $1 * (1 - $1) } / (q - 1)
        gwetAC1 = Self.corrected(pa, gwetChance, reason: "chance agreement is 1")
        brennanPrediger = Self.corrected(pa, 1 / q, reason: "chance agreement is 1")
      }
    }

    if coderCount != 2 {
      let reason = "Cohen's kappa needs exactly two coders (there are \(coderCount))"
      cohenKappa = .undefined(reason)
      cohenKappaLinear = .undefined(reason)
      cohenKappaQuadratic = .undefined(reason)
    } else {
      let kappas = Self.cohen(data, ordered: data.isOrdered)
      cohenKappa = kappas.0
      cohenKappaLinear = kappas.1
      cohenKappaQuadratic = kappas.2
    }

    if rated == 0 {
      fleissKappa = .undefined("no unit has a value")
    } else if !complete {
      fleissKappa = .undefined("Fleiss' kappa needs complete data: some units were not rated by every coder")
    } else if coderCount < 2 {
      fleissKappa = .undefined("Fleiss' kappa needs two coders or more")
    } else {
      let r = Double(coderCount)
      let n = Double(rated)
      let observed = (fleissSquares - n * r) / (n * r * (r - 1))
      var chance = 0.0
      for c in 0..<k {
        let share = fleissTotals[c] / (n * r)
        chance += share * share
      }
      fleissKappa = Self.corrected(observed, chance, reason: "chance agreement is 1: all values are in one category")
    }
  }

  static func corrected(_ observed: Double, _ chance: Double, reason: String) -> Statistic {
    let denominator = 1 - chance
    if abs(denominator) < 1e-15 { return .undefined(reason) }
    return .defined((observed - chance) / denominator)
  }

  /// Cohen's kappa, unweighted and with linear and quadratic weights, as scikit-learn's
  /// `cohen_kappa_score`: units both coded; the labels are the values present in them, ranked
  /// in domain order; κ = 1 − Σ w·observed / Σ w·expected.
  static func cohen(_ data: ReliabilityData, ordered: Bool) -> (Statistic, Statistic, Statistic) {
    let k = data.categories.count
    var confusion = [Double](repeating: 0, count: k * k)
    var used = 0
    for unit in 0..<data.unitCount {
      let a = Int(data.cells[unit * 2])
      let b = Int(data.cells[unit * 2 + 1])
      guard a >= 0, b >= 0 else { continue }
      confusion[a * k + b] += 1
      used += 1
    }
    return cohen(confusion: confusion, categories: k, used: used, ordered: ordered)
  }

  /// Cohen's kappas (as ``cohen(_:ordered:)``) from the confusion matrix of two coders'
  /// values (`confusion[a * k + b]`: units the first coder gave a and the second b) over the
  /// `used` units both coded.
  static func cohen(confusion: [Double], categories k: Int, used: Int, ordered: Bool) -> (
    Statistic, Statistic, Statistic
  ) {
    guard used > 0 else {
      let reason = "no unit was coded by both coders"
      return (.undefined(reason), .undefined(reason), .undefined(reason))
    }
    var rows = [Double](repeating: 0, count: k)
    var columns = [Double](repeating: 0, count: k)
    for a in 0..<k {
      for b in 0..<k {
        rows[a] += confusion[a * k + b]
        columns[b] += confusion[a * k + b]
      }
    }
    // Ranks among the labels present (scikit-learn weights by label index, not by value).
    var rank = [Int](repeating: -1, count: k)
    var present = 0
    for c in 0..<k where rows[c] + columns[c] > 0 {
      rank[c] = present
      present += 1
    }
    let total = Double(used)
    func kappa(_ weight: (Int, Int) -> Double) -> Statistic {
      var observed = 0.0
      var expected = 0.0
      for a in 0..<k where rank[a] >= 0 {
        for b in 0..<k where rank[b] >= 0 {
          let w = weight(rank[a], rank[b])
          observed += w * confusion[a * k + b]
          expected += w * rows[a] * columns[b] / total
        }
      }
      if expected == 0 { return .undefined("expected disagreement is zero: both coders used a single category") }
      return .defined(1 - observed / expected)
    }
    let plain = kappa { $0 == $1 ? 0 : 1 }
    guard ordered else {
      let reason = "weighted kappa needs ordered values"
      return (plain, .undefined(reason), .undefined(reason))
    }
    let linear = kappa { Double(abs($0 - $1)) }
    let quadratic = kappa { Double(($0 - $1) * ($0 - $1)) }
    return (plain, linear, quadratic)
  }
}
