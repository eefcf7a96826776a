internal import KwalModel

/// Every reliability statistic of one set of reliability data at one level of measurement.
public struct ReliabilityReport: Sendable, Hashable {
  /// The level of measurement alpha was computed at.
  public var level: MeasurementLevel
  /// Krippendorff's alpha.
  public var alpha: Statistic
  /// The other coefficients.
  public var coefficients: ChanceCorrected
  /// The number of units with at least one value.
  public var units: Int
  /// The number of coders.
  public var coders: Int
  /// The number of pairable values (values in units with two values or more).
  public var pairable: Int
  /// The number of units with two values or more.
  public var pairableUnits: Int
  /// The bootstrap interval for alpha, when asked for and defined.
  public var alphaInterval: AlphaInterval?
  /// Why statistics are undefined, and caveats, one sentence each.
  public var notes: [String]
}

/// Computes reliability statistics.
public enum Reliability {
  /// Checks that `level` can be used on `data`: ordinal needs ordered values, interval and
  /// ratio need numbers, ratio needs non-negative numbers.
  public static func check(_ data: ReliabilityData, level: MeasurementLevel) throws(AnalysisError) {
    // The values that are not numbers, as the message cites them (never the numeric ones).
    let text = data.categories.filter { Domain.number($0) == nil }
    let sample = text.prefix(3).map { "\"\($0)\"" }.joined(separator: ", ") + (text.count > 3 ? ", …" : "")
    if level.needsNumbers && data.numbers == nil {
      throw AnalysisError(
        .badData, "\(level.rawValue) level needs numeric values, but \(text.count) value(s) are not numbers: \(sample)")
    }
    if level.needsOrder && !data.isOrdered {
      throw AnalysisError(
        .badData,
        "\(level.rawValue) level needs numeric values or an explicit order of the values, but \(text.count) value(s) are text: \(sample)"
      )
    }
    if level == .ratio, let numbers = data.numbers, let negative = numbers.first(where: { $0 < 0 }) {
      throw AnalysisError(.badData, "ratio level needs non-negative values, but \(negative) occurs")
    }
  }

  /// Alpha at `level` alone (the fast path: one pass over the data).
  public static func alpha(_ data: ReliabilityData, level: MeasurementLevel) throws(AnalysisError) -> Statistic {
    try check(data, level: level)
    let result = AlphaComputation(Coincidences(data), level: level, numbers: data.numbers)
    if let value = result.value { return .defined(value) }
    return .undefined(result.reason ?? "undefined")
  }

  /// Every statistic of `data` at `level`; `bootstrap` samples (0: none) with `seed`.
  public static func report(
    _ data: ReliabilityData, level: MeasurementLevel, bootstrap: Int = 0, seed: UInt64 = 1
  ) throws(AnalysisError) -> ReliabilityReport {
    try check(data, level: level)
    let coincidences = Coincidences(data)
    let computation = AlphaComputation(coincidences, level: level, numbers: data.numbers)
    let alpha: Statistic = computation.value.map { .defined($0) } ?? .undefined(computation.reason ?? "undefined")
    let coefficients = ChanceCorrected(data)
    var notes: [String] = []
    func note(_ name: String, _ statistic: Statistic) {
      if statistic.value == nil, let reason = statistic.note { notes.append("\(name) is undefined: \(reason)") }
    }
    if data.coderCount < 2 { notes.append("only one coder: agreement needs two coders or more") }
    note("alpha", alpha)
    note("percent_agreement", coefficients.percentAgreement)
    note("cohen_kappa", coefficients.cohenKappa)
    note("fleiss_kappa", coefficients.fleissKappa)
    note("scott_pi", coefficients.scottPi)
    note("gwet_ac1", coefficients.gwetAC1)
    note("brennan_prediger", coefficients.brennanPrediger)
    var interval: AlphaInterval?
    if bootstrap > 0 {
      interval = AlphaBootstrap.interval(coincidences, alpha: computation, samples: bootstrap, seed: seed)
      if interval == nil { notes.append("alpha_ci is undefined: alpha is undefined") }
    }
    return ReliabilityReport(
      level: level, alpha: alpha, coefficients: coefficients, units: coefficients.units, coders: data.coderCount,
      pairable: coincidences.pairableValues, pairableUnits: coincidences.pairableUnits, alphaInterval: interval,
      notes: notes)
  }
}
