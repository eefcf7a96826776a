import Foundation
import KwalAnalysis
import KwalTestSupport
import Testing

/// Every value in `../shared/data/agreement/reference_cases.json` (krippendorff 0.9.0,
/// scikit-learn and statsmodels) must come out to 1e-9.
@Suite("Agreement: reference cases")
struct AgreementReferenceTests {
  static let tolerance = 1e-9

  static let referencePath = "agreement/reference_cases.json"

  /// The reference cases (the tests run only when the shared data is there).
  static func loadCases() throws -> [[String: Any]] {
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: SharedData.url(referencePath)))
    let root = try #require(object as? [String: Any], "reference_cases.json is no JSON object")
    return try #require(root["cases"] as? [[String: Any]], "reference_cases.json has no cases array")
  }

  static func label(_ value: Any) -> String? {
    if value is NSNull { return nil }
    if let text = value as? String { return text }
    if let number = value as? NSNumber { return number.stringValue }
    return "\(value)"
  }

  static func data(of reference: [String: Any]) throws -> ReliabilityData {
    let rows = reference["data"] as? [[Any]] ?? []
    let matrix = rows.map { $0.map(label) }
    let order = (reference["value_domain"] as? [Any])?.compactMap(label)
    return try ReliabilityData.fromMatrix(matrix, order: order)
  }

  static func expect(_ statistic: Statistic, _ expected: Any?, _ what: String) {
    guard let record = expected as? [String: Any] else { return }
    if let value = record["value"] as? Double {
      guard let actual = statistic.value else {
        Issue.record("\(what): expected \(value), got undefined (\(statistic.note ?? ""))")
        return
      }
      #expect(abs(actual - value) <= tolerance, "\(what): expected \(value), got \(actual)")
    } else {
      #expect(statistic.value == nil, "\(what): expected undefined, got \(statistic.value ?? .nan)")
      #expect(statistic.note != nil, "\(what): an undefined value needs a reason")
    }
  }

  @Test(
    "Krippendorff's alpha at every level matches the krippendorff package",
    .enabled(if: SharedData.has(referencePath), SharedData.absent))
  func alphaMatches() throws {
    let cases = try Self.loadCases()
    var checked = 0
    for reference in cases {
      let id = reference["id"] as? String ?? "?"
      let data = try Self.data(of: reference)
      let levels = reference["krippendorff_alpha"] as? [String: Any] ?? [:]
      for (name, expected) in levels.sorted(by: { $0.key < $1.key }) {
        let level = try #require(MeasurementLevel(rawValue: name), "unknown level \(name)")
        let report = try Reliability.report(data, level: level)
        Self.expect(report.alpha, expected, "\(id) alpha \(name)")
        checked += 1
      }
    }
    #expect(checked >= 87)
  }

  @Test(
    "Cohen's kappa (plain, linear, quadratic) and Fleiss' kappa match scikit-learn and statsmodels",
    .enabled(if: SharedData.has(referencePath), SharedData.absent))
  func kappasMatch() throws {
    let cases = try Self.loadCases()
    var checked = 0
    for reference in cases {
      let id = reference["id"] as? String ?? "?"
      let data = try Self.data(of: reference)
      let coefficients = ChanceCorrected(data)
      for (key, statistic) in [
        ("cohen_kappa", coefficients.cohenKappa), ("cohen_kappa_linear", coefficients.cohenKappaLinear),
        ("cohen_kappa_quadratic", coefficients.cohenKappaQuadratic), ("fleiss_kappa", coefficients.fleissKappa),
      ] where reference[key] != nil {
        Self.expect(statistic, reference[key], "\(id) \(key)")
        checked += 1
      }
    }
    #expect(checked > 40)
  }

  @Test(
    "Published values of Krippendorff (2011) are reproduced to three decimals",
    .enabled(if: SharedData.has(referencePath), SharedData.absent))
  func publishedValues() throws {
    let cases = try Self.loadCases()
    for reference in cases {
      guard let published = reference["published_values"] as? [String: Double] else { continue }
      let data = try Self.data(of: reference)
      for (name, value) in published {
        guard let level = MeasurementLevel(rawValue: name), (try? Reliability.check(data, level: level)) != nil else {
          continue
        }
        let alpha = try Reliability.alpha(data, level: level)
        let actual = try #require(alpha.value)
        let decimals = Double(String(value).split(separator: ".").last?.count ?? 3)
        #expect(abs(actual - value) <= 0.5 * pow(10, -decimals) + 1e-12, "\(reference["id"] ?? "") \(name)")
      }
    }
  }
}
