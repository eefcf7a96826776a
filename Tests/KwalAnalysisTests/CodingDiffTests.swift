import KwalAnalysis
import KwalModel
import Testing

@Suite("Coding diff")
struct CodingDiffTests {
  func coding(_ document: String, _ start: Int, _ code: String, rule: String, coder: String = "auto:c@1")
    -> CodingRecord
  {
    CodingRecord(
      document: document, caseName: "", unit: .sentence, start: start, end: start + 10, code: code, coder: coder,
      rules: [rule], text: "tekst")
  }

  @Test("Gained and lost by document, start, end and code; a changed rule only with --all; the coder is not the key")
  func gainedLostAndRuleChanges() {
    let before = [
      coding("a", 0, "x", rule: "r1"), coding("a", 20, "y", rule: "r2"), coding("b", 0, "x", rule: "r1"),
    ]
    let after = [
      coding("a", 0, "x", rule: "r1", coder: "auto:c@2"), coding("a", 20, "y", rule: "r3", coder: "auto:c@2"),
      coding("b", 5, "x", rule: "r1", coder: "auto:c@2"),
    ]
    let plain = CodingDiff(before: before, after: after)
    #expect(plain.rows.map { "\($0.change.rawValue)\($0.coding.document)@\($0.coding.start)" } == ["-b@0", "+b@5"])
    let all = CodingDiff(before: before, after: after, includeRuleChanges: true)
    #expect(all.rows.map(\.change) == [.rule, .lost, .gained])
    #expect(all.rows.first?.previousRules == ["r2"] && all.rows.first?.coding.rules == ["r3"])
    let x = plain.summary.first { $0.code == "x" }
    #expect(x?.before == 2 && x?.after == 2 && x?.gained == 1 && x?.lost == 1)
    let y = plain.summary.first { $0.code == "y" }
    #expect(y?.ruleChanged == 1 && y?.gained == 0 && y?.lost == 0)
  }
}
