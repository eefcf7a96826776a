import Foundation
import KwalAnalysis
import KwalModel
import Testing

/// Agreement between coders on coding outputs: units, the assignment rule, counts and P/R/F1.
@Suite("Agreement: coding outputs")
struct AgreementCodingTests {
  // Four sentences of one document: 0-10, 11-20, 21-30, 31-40.
  static let units = [(0, 10), (11, 20), (21, 30), (31, 40)].map {
    UnitRecord(document: "d.txt", unit: .sentence, start: $0.0, end: $0.1)
  }

  static func coding(_ start: Int, _ end: Int, _ code: String, _ coder: String) -> CodingRecord {
    CodingRecord(document: "d.txt", caseName: "", start: start, end: end, code: code, coder: coder, text: "")
  }

  @Test("A coding counts for units it covers by half of the unit or half of the coding")
  func assignmentRule() throws {
    let codings = [
      Self.coding(2, 4, "brug", "anna"),  // inside unit 1: all of the coding
      Self.coding(8, 16, "brug", "bram"),  // 2 of unit 1 (not half of either), 5 of 9 of unit 2: half of unit 2
      Self.coding(21, 40, "brug", "anna"),  // units 3 and 4 completely
      Self.coding(0, 10, "brug", "bram"),
    ]
    let report = try CodingAgreement.compare(
      coders: ["anna", "bram"], codings: codings, units: Self.units, options: CodingAgreementOptions())
    let code = try #require(report.codes.first)
    #expect(code.codedBy == [3, 2])
    #expect(code.all == 1 && code.aOnly == 2 && code.bOnly == 1 && code.none == 0)
    #expect(report.disagreements.map(\.start) == [11, 21, 31])
  }

  /// Two coders' per-code coefficients come from four counts; they must equal, to the last bit,
  /// the general computation over a table of values per unit (random codings, several seeds,
  /// codes from never to always applied).
  @Test("Two coders' coefficients from counts equal the general computation", arguments: [UInt64(1), 2, 3, 4])
  func twoCodersFromCounts(seed: UInt64) throws {
    var generator = SplitMix64(seed: seed)
    let sentences = 400
    let units = (0..<sentences).map { UnitRecord(document: "d.txt", unit: .sentence, start: $0 * 10, end: $0 * 10 + 9) }
    let codes = ["a", "b", "c", "d"]
    // The share of sentences each coder codes with each code, per mille.
    let shares = [[0, 1000], [500, 480], [30, 90], [1000, 1000]]
    var codings: [CodingRecord] = []
    var cells: [String: [Int32]] = [:]
    for (index, code) in codes.enumerated() {
      var table = [Int32](repeating: 0, count: sentences * 2)
      for sentence in 0..<sentences {
        for (coder, name) in ["anna", "bram"].enumerated() where Int(generator.next() % 1000) < shares[index][coder] {
          codings.append(Self.coding(sentence * 10, sentence * 10 + 9, code, name))
          table[sentence * 2 + coder] = 1
        }
      }
      cells[code] = table
    }
    let report = try CodingAgreement.compare(
      coders: ["anna", "bram"], codings: codings, units: units, options: CodingAgreementOptions())
    for agreement in report.codes {
      let data = try ReliabilityData(
        coders: ["anna", "bram"], units: units.indices.map(String.init), categories: ["0", "1"], numbers: [0, 1],
        cells: try #require(cells[agreement.code]))
      let general = ChanceCorrected(data)
      let alpha = AlphaComputation(Coincidences(data), level: .nominal, numbers: nil)
      #expect(agreement.alpha.value == alpha.value, "\(agreement.code)")
      #expect(agreement.alpha.note == alpha.reason, "\(agreement.code)")
      #expect(agreement.kappa == general.cohenKappa, "\(agreement.code)")
      #expect(agreement.percentAgreement == general.percentAgreement, "\(agreement.code)")
    }
    #expect(report.codes.count == 4)
  }

  @Test("Uncoded units are counted by default and left out on request")
  func uncoded() throws {
    let codings = [
      Self.coding(0, 10, "brug", "anna"), Self.coding(0, 10, "brug", "bram"), Self.coding(11, 20, "dwaal", "anna"),
    ]
    let included = try CodingAgreement.compare(
      coders: ["anna", "bram"], codings: codings, units: Self.units, options: CodingAgreementOptions())
    let excluded = try CodingAgreement.compare(
      coders: ["anna", "bram"], codings: codings, units: Self.units,
      options: CodingAgreementOptions(excludeUncoded: true))
    #expect(included.units == 4 && included.uncodedUnits == 2)
    #expect(excluded.units == 2 && excluded.uncodedUnits == 0)
    // Code sets: (brug, brug), (dwaal, none), (none, none) ×2 → pairwise agreement 3/4 and 1/2.
    #expect(included.overallPercentAgreement.value == 0.75)
    #expect(excluded.overallPercentAgreement.value == 0.5)
  }

  @Test("Precision, recall and F1 of an automatic coder against a human")
  func retrieval() throws {
    let codings = [
      Self.coding(0, 10, "brug", "auto:cb@1"), Self.coding(11, 20, "brug", "auto:cb@1"),
      Self.coding(0, 10, "brug", "anna"), Self.coding(21, 30, "brug", "anna"), Self.coding(31, 40, "brug", "anna"),
    ]
    let report = try CodingAgreement.compare(
      coders: ["anna", "auto:cb@1"], codings: codings, units: Self.units, options: CodingAgreementOptions())
    let scores = try #require(report.codes.first?.retrieval.first)
    #expect(scores.reference == "anna" && scores.automatic == "auto:cb@1")
    #expect(scores.precision.value == 0.5)
    #expect(scores.recall.value == 1.0 / 3.0)
    #expect(abs((scores.f1.value ?? 0) - 0.4) < 1e-12)
  }

  /// More codes than fit in one word of bits (the table keeps 64 codes a word): a code past the
  /// 64th is counted for its own units and the code sets of the overall alpha hold it.
  @Test("Codes beyond the 64th are counted as the first ones")
  func manyCodes() throws {
    let codes = (0..<70).map { String(format: "c%02d", $0) }
    var codings: [CodingRecord] = []
    for (index, code) in codes.enumerated() {
      let unit = Self.units[index % 4]
      codings.append(Self.coding(unit.start, unit.end, code, "anna"))
      // Bram agrees except on the last code, which he gives the next unit.
      let other = index == 69 ? Self.units[(index + 1) % 4] : unit
      codings.append(Self.coding(other.start, other.end, code, "bram"))
    }
    let report = try CodingAgreement.compare(
      coders: ["anna", "bram"], codings: codings, units: Self.units, options: CodingAgreementOptions())
    #expect(report.codes.map(\.code) == codes)
    let last = try #require(report.codes.last)
    #expect(last.codedBy == [1, 1] && last.aOnly == 1 && last.bOnly == 1 && last.all == 0)
    let sixtyFifth = try #require(report.codes.first { $0.code == "c65" })
    #expect(sixtyFifth.all == 1 && sixtyFifth.some == 0 && sixtyFifth.alpha.value == 1)
    // Units 69 % 4 = 1 and 2 differ: anna's set for unit 2 lacks c69, bram's for unit 1 does.
    #expect(report.disagreements.map(\.start) == [11, 21])
    #expect(report.disagreements[0].codes[0].contains("c69") && !report.disagreements[0].codes[1].contains("c69"))
    #expect(report.overallPercentAgreement.value == 0.5)
  }

  @Test("One coder is a usage error")
  func oneCoder() {
    #expect(throws: AnalysisError.self) {
      try CodingAgreement.compare(coders: ["anna"], codings: [], units: Self.units, options: CodingAgreementOptions())
    }
  }
  @Test("Disagreements get their text pieced from the codings whose text fits their offsets")
  func disagreementTexts() throws {
    // "De brug één, het pad. Wij dwalen nu weer. Dan komt er taak." in three sentences.
    let units = [(0, 21), (22, 41), (42, 59)].map {
      UnitRecord(document: "d.txt", unit: .sentence, start: $0.0, end: $0.1)
    }
    func coding(_ start: Int, _ end: Int, _ code: String, _ coder: String, _ text: String) -> CodingRecord {
      CodingRecord(document: "d.txt", caseName: "", start: start, end: end, code: code, coder: coder, text: text)
    }
    let codings = [
      coding(0, 12, "brug", "anna", "De brug één,"),
      // A long coding that starts two sentences before the last one it gives text to.
      coding(0, 41, "dwaal", "anna", "De brug één, het pad. Wij dwalen nu weer."),
      coding(46, 59, "taak", "bram", "komt er taak."),
      coding(42, 50, "taak", "bram", "onzin"),  // its text does not fit its offsets: not used
    ]
    let report = try CodingAgreement.compare(
      coders: ["anna", "bram"], codings: codings, units: units, options: CodingAgreementOptions())
    #expect(report.disagreements.map(\.start) == [0, 22, 42])
    #expect(report.disagreements.map(\.text) == ["De brug één, het pad.", "Wij dwalen nu weer.", " … komt er taak."])
    #expect(report.disagreements.map(\.codes) == [[["brug", "dwaal"], []], [["dwaal"], []], [[], ["taak"]]])
  }
}
