import KwalAnalysis
import KwalModel
import Testing

/// Hand-computed cases for the statistics the reference file does not cover, and for
/// undefined values, errors and the bootstrap.
@Suite("Agreement: hand-computed statistics")
struct AgreementStatisticsTests {
  static func close(_ statistic: Statistic, _ expected: Double, _ what: String) {
    guard let value = statistic.value else {
      Issue.record("\(what) is undefined: \(statistic.note ?? "")")
      return
    }
    #expect(abs(value - expected) < 1e-12, "\(what): expected \(expected), got \(value)")
  }

  /// Two coders, six units, three themes (Dutch labels). By hand: p_a = 4/6; π = (1/2, 1/3, 1/6);
  /// Scott p_e = 7/18 so π = 5/11; AC1 p_e = 11/36 so AC1 = 13/25; BP p_e = 1/3 so 1/2;
  /// Cohen's kappa = Fleiss' kappa = 5/11 (equal marginals); alpha: Do = 1/3, De = 2/3, so 1/2.
  @Test("Complete two-coder data")
  func twoCoders() throws {
    let data = try ReliabilityData.fromMatrix([
      ["werk", "werk", "gezin", "geld", "werk", "gezin"],
      ["werk", "gezin", "gezin", "geld", "werk", "werk"],
    ])
    let report = try Reliability.report(data, level: .nominal)
    Self.close(report.coefficients.percentAgreement, 2.0 / 3.0, "percent agreement")
    Self.close(report.coefficients.scottPi, 5.0 / 11.0, "Scott's pi")
    Self.close(report.coefficients.gwetAC1, 13.0 / 25.0, "Gwet's AC1")
    Self.close(report.coefficients.brennanPrediger, 0.5, "Brennan-Prediger")
    Self.close(report.coefficients.cohenKappa, 5.0 / 11.0, "Cohen's kappa")
    Self.close(report.coefficients.fleissKappa, 5.0 / 11.0, "Fleiss' kappa")
    Self.close(report.alpha, 0.5, "alpha")
    #expect(report.units == 6 && report.coders == 2 && report.pairable == 12)
    #expect(report.coefficients.cohenKappaLinear.value == nil, "text labels have no order")
  }

  /// Three coders with missing values: u1 a a a, u2 a b –, u3 a – – (unpairable).
  /// p_a = (1 + 0)/2; π_a = (1 + 1/2 + 1)/3 = 5/6; Scott p_e = 26/36, so π = −0.8;
  /// AC1 p_e = 10/36, so 4/13; BP 0; alpha: Do = 2/5, De = 8/20, so 0.
  @Test("Missing values: Gwet's definitions")
  func missingValues() throws {
    let data = try ReliabilityData.fromMatrix([["a", "a", "a"], ["a", "b", nil], ["a", nil, nil]])
    let report = try Reliability.report(data, level: .nominal)
    Self.close(report.coefficients.percentAgreement, 0.5, "percent agreement")
    Self.close(report.coefficients.scottPi, -0.8, "Scott's pi")
    Self.close(report.coefficients.gwetAC1, 4.0 / 13.0, "Gwet's AC1")
    Self.close(report.coefficients.brennanPrediger, 0, "Brennan-Prediger")
    Self.close(report.alpha, 0, "alpha")
    #expect(report.coefficients.fleissKappa.value == nil)
    #expect(report.coefficients.cohenKappa.value == nil)
    #expect(report.notes.contains { $0.hasPrefix("fleiss_kappa is undefined") })
    #expect(report.pairable == 5 && report.pairableUnits == 2 && report.units == 3)
  }

  @Test("Undefined statistics are reported with a reason, never NaN")
  func undefinedStatistics() throws {
    let oneCoder = try ReliabilityData.fromMatrix([["1", "2", "3"]])
    let report = try Reliability.report(oneCoder, level: .interval)
    #expect(report.alpha.value == nil)
    #expect(report.alpha.note?.contains("no pairable values") == true)
    #expect(report.notes.contains { $0.contains("only one coder") })
    let constant = try ReliabilityData.fromMatrix([["ja", "ja"], ["ja", "ja"]])
    let flat = try Reliability.report(constant, level: .nominal)
    #expect(flat.alpha.value == nil && flat.alpha.note?.contains("expected disagreement is zero") == true)
    #expect(flat.coefficients.percentAgreement.value == 1)
    #expect(flat.coefficients.gwetAC1.value == nil)
  }

  @Test("Levels that do not fit the values are errors", arguments: [MeasurementLevel.ordinal, .interval, .ratio])
  func levelErrors(level: MeasurementLevel) throws {
    let text = try ReliabilityData.fromMatrix([["laag", "hoog"], ["laag", "midden"]])
    #expect(throws: AnalysisError.self) { try Reliability.report(text, level: level) }
  }

  @Test("Ordinal on text works with an explicit order")
  func ordinalWithOrder() throws {
    let data = try ReliabilityData.fromMatrix(
      [["laag", "hoog", "midden"], ["laag", "midden", "midden"]], order: ["laag", "midden", "hoog"])
    let numeric = try ReliabilityData.fromMatrix([["1", "3", "2"], ["1", "2", "2"]])
    let a = try Reliability.alpha(data, level: .ordinal)
    let b = try Reliability.alpha(numeric, level: .ordinal)
    #expect(a.value != nil && a.value == b.value)
    #expect(throws: AnalysisError.self) {
      try ReliabilityData.fromMatrix([["laag", "onbekend"]], order: ["laag", "hoog"])
    }
  }

  @Test("A coder who rates a unit twice is an error that names the place")
  func duplicateRating() {
    let ratings = [
      Rating(unit: "z1", coder: "anna", value: "1", location: SourceLocation(file: "r.csv", line: 2)),
      Rating(unit: "z1", coder: "anna", value: "2", location: SourceLocation(file: "r.csv", line: 5)),
    ]
    #expect {
      try ReliabilityData.fromRatings(ratings)
    } throws: { error in
      guard let error = error as? AnalysisError else { return false }
      return error.location?.line == 5 && error.message.contains("r.csv:2")
    }
  }

  @Test("Numbers written differently are one category")
  func numericCategories() throws {
    let data = try ReliabilityData.fromMatrix([["1", "2.0", " 3"], ["1.0", "2", "3"]])
    #expect(data.categories == ["1", "2", "3"])
    #expect(try Reliability.alpha(data, level: .interval).value == 1)
  }

  @Test("The bootstrap is deterministic for a seed and brackets alpha")
  func bootstrap() throws {
    let data = try ReliabilityData.fromMatrix([
      ["1", "2", "3", "3", "2", "1", "4", "1", "2", nil, nil, nil],
      ["1", "2", "3", "3", "2", "2", "4", "1", "2", "5", nil, "3"],
      [nil, "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", nil],
      ["1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", nil],
    ])
    let first = try Reliability.report(data, level: .nominal, bootstrap: 2000, seed: 42)
    let second = try Reliability.report(data, level: .nominal, bootstrap: 2000, seed: 42)
    let other = try Reliability.report(data, level: .nominal, bootstrap: 2000, seed: 7)
    let interval = try #require(first.alphaInterval)
    #expect(first.alphaInterval == second.alphaInterval)
    #expect(first.alphaInterval != other.alphaInterval)
    let alpha = try #require(first.alpha.value)
    #expect(interval.lower < alpha && alpha < interval.upper)
    #expect(interval.upper <= 1)
    #expect(interval.pairsPerSample == 3 + 8 * 6 + 3 + 1)  // m = 3, eight units of 4, 3, 2
    let below = try #require(interval.probabilityBelow["0.8"])
    #expect(below > 0 && below < 1)
  }

  @Test("SplitMix64 gives the published first outputs for seed 0")
  func splitMix() {
    var generator = SplitMix64(seed: 0)
    #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
    #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
  }
}
