@testable import KwalAnalysis
import KwalModel
import Testing

/// The consistency audit on small hand-made coding outputs.
@Suite("Audit")
struct AuditTests {
  static let codebook = CodebookInfo(
    name: "lastmile", version: "1",
    codes: [
      CodeDefinition(id: "overbruggen"), CodeDefinition(id: "dwalen"), CodeDefinition(id: "thema", isCodable: false),
    ])
  static let text = "De gemeente wil de kloof overbruggen. We dwalen af van het doel."

  static func coding(
    _ start: Int, _ end: Int, _ code: String, _ coder: String, rules: [String] = [], text: String? = nil
  )
    -> CodingRecord
  {
    let scalars = Array(Self.text.unicodeScalars)
    let slice = text ?? String(String.UnicodeScalarView(scalars[start..<min(end, scalars.count)]))
    return CodingRecord(
      document: "a.txt", caseName: "R", start: start, end: end, code: code, coder: coder, rules: rules, text: slice)
  }

  @Test("Unused codes and rules, unknown codes, duplicates, zero-length and offsets")
  func basicChecks() {
    let codings = [
      Self.coding(25, 36, "overbruggen", "auto:lastmile@1", rules: ["brug-1"]),
      Self.coding(25, 36, "overbruggen", "auto:lastmile@1", rules: ["brug-1"]),
      Self.coding(40, 40, "overbruggen", "auto:lastmile@1", rules: ["brug-1"]),
      Self.coding(38, 64, "verzonnen", "auto:lastmile@1", rules: ["x"]),
      Self.coding(0, 10, "overbruggen", "auto:lastmile@1", rules: ["brug-1"], text: "iets anders"),
    ]
    let input = AuditInput(
      codings: codings, codebook: Self.codebook, codebookFile: "cb.yaml",
      codeLocations: ["dwalen": SourceLocation(file: "cb.yaml", line: 12, column: 5)],
      rules: [(id: "brug-1", code: "overbruggen", location: nil), (id: "dwaal-1", code: "dwalen", location: nil)],
      texts: ["a.txt": Self.text])
    let report = Audit.run(input)
    func find(_ check: String) -> [AuditFinding] { report.findings.filter { $0.check == check } }
    #expect(
      find("code-never-applied").map(\.message) == ["code \"dwalen\" was never applied"],
      "not \"thema\": it is not codable")
    #expect(find("code-never-applied").first?.location?.line == 12)
    #expect(find("rule-never-fires").map(\.message) == ["rule \"dwaal-1\" of code \"dwalen\" never fired"])
    #expect(find("unknown-code").first?.count == 1 && find("unknown-code").first?.severity == .error)
    #expect(find("duplicate-segment").first?.count == 1)
    #expect(find("zero-length-segment").first?.start == 40)
    #expect(find("offset-mismatch").first?.count == 1 && find("offset-mismatch").first?.start == 0)
    #expect(report.findings.first?.severity == .error, "errors come first")
    #expect(report.notChecked["coder-bias"] == "one coder only")
  }

  /// Duplicates are found alike in a sorted output (compared on their span) and in codings in
  /// any order (a set of every segment): a segment three times is one duplicate, the same segment
  /// by another coder or with another code is none.
  @Test("Duplicate segments in sorted and unsorted codings")
  func duplicatesInAnyOrder() {
    func coding(_ document: String, _ start: Int, _ code: String, _ coder: String) -> CodingRecord {
      CodingRecord(document: document, caseName: "R", start: start, end: start + 5, code: code, coder: coder, text: "")
    }
    let sorted = [
      coding("a.txt", 0, "dwalen", "anna"), coding("a.txt", 0, "overbruggen", "anna"),
      coding("a.txt", 0, "overbruggen", "anna"), coding("a.txt", 0, "overbruggen", "bram"),
      coding("a.txt", 0, "overbruggen", "anna"), coding("a.txt", 7, "dwalen", "anna"),
      coding("b.txt", 0, "dwalen", "anna"), coding("b.txt", 3, "dwalen", "anna"), coding("b.txt", 3, "dwalen", "anna"),
    ]
    func duplicates(_ codings: [CodingRecord]) -> [String] {
      let input = AuditInput(
        codings: codings, codebook: Self.codebook, codebookFile: "cb.yaml", codeLocations: [:], rules: [], texts: [:])
      return Audit.run(input).findings.filter { $0.check == "duplicate-segment" }.map {
        "\($0.location?.file ?? ""):\($0.start ?? -1):\($0.count)"
      }
    }
    let expected = ["a.txt:0:1", "b.txt:3:1"]
    #expect(duplicates(sorted) == expected)
    #expect(duplicates(sorted.reversed()) == expected)
    #expect(duplicates(Array(sorted[6...]) + Array(sorted[..<6])) == expected)
    #expect(Audit.adjacentDuplicates(CodingColumns(sorted)) == [2, 8])
    #expect(Audit.adjacentDuplicates(CodingColumns(sorted.reversed())) == nil)
  }

  @Test("A human coder whose selections cut words is reported: the positions look shifted")
  func shiftedPositions() {
    // "De gemeente wil de kloof overbruggen. We dwalen af van het doel."
    let onWords = [(0, 11), (12, 15), (25, 36), (38, 48), (56, 64), (19, 24)]
    let shifted = onWords.map { ($0.0 + 1, $0.1 + 1) }
    func input(_ spans: [(Int, Int)], coder: String) -> AuditInput {
      AuditInput(
        codings: spans.map { Self.coding($0.0, $0.1, "overbruggen", coder) }, codebook: Self.codebook,
        codebookFile: "cb.yaml", texts: ["a.txt": Self.text])
    }
    let clean = Audit.run(input(onWords, coder: "Anna"))
    #expect(clean.checked.contains("positions-shifted"))
    #expect(clean.findings.filter { $0.check == "positions-shifted" }.isEmpty)
    let report = Audit.run(input(shifted, coder: "Anna"))
    let found = report.findings.filter { $0.check == "positions-shifted" }
    #expect(found.count == 1)
    #expect(found.first?.message.hasPrefix("5 of 5 codings by Anna cut a word in two") == true, "\(found)")
    #expect(found.first?.count == 5)  // the sixth ends beyond the text: an offset mismatch
    // Rule codings are never looked at.
    #expect(
      Audit.run(input(shifted, coder: "auto:lastmile@1")).findings.filter { $0.check == "positions-shifted" }.isEmpty)
  }

  @Test("A corpus that holds none of the coded documents is an error, not a check passed")
  func corpusWithoutTheDocuments() {
    let input = AuditInput(
      codings: [Self.coding(25, 36, "overbruggen", "auto:lastmile@1")], codebook: Self.codebook,
      codebookFile: "cb.yaml", texts: [:], corpusGiven: true)
    let report = Audit.run(input)
    let missing = report.findings.filter { $0.check == "offset-mismatch" }
    #expect(missing.count == 1 && missing.first?.severity == .error)
    #expect(missing.first?.message == "1 coded document(s) are not in the corpus: a.txt")
    // Without a corpus the check is reported as not run.
    let without = Audit.run(
      AuditInput(codings: [Self.coding(25, 36, "overbruggen", "x")], codebook: Self.codebook, codebookFile: "cb.yaml"))
    #expect(without.notChecked["offset-mismatch"] != nil)
  }

  @Test("Codings in interviewer turns are errors when the codebook excludes interviewers")
  func excludedRoles() {
    let units = [
      UnitRecord(document: "a.txt", unit: .turn, start: 0, end: 37, speaker: "I", role: .interviewer),
      UnitRecord(document: "a.txt", unit: .turn, start: 38, end: 64, speaker: "R", role: .respondent),
    ]
    let codings = [Self.coding(25, 36, "overbruggen", "anna"), Self.coding(38, 64, "dwalen", "anna")]
    let report = Audit.run(
      AuditInput(
        codings: codings, units: units, codebook: Self.codebook, codebookFile: "cb.yaml", excludeRoles: [.interviewer]))
    let hits = report.findings.filter { $0.check == "excluded-role" }
    #expect(hits.count == 1 && hits.first?.count == 1 && hits.first?.start == 25)
  }

  @Test("A coder who uses a code far more often is reported with a chi-square test")
  func coderBias() throws {
    var codings: [CodingRecord] = []
    for i in 0..<40 {
      codings.append(Self.coding(i, i + 1, i < 30 ? "overbruggen" : "dwalen", "anna"))
      codings.append(Self.coding(i, i + 1, i < 5 ? "overbruggen" : "dwalen", "bram"))
    }
    let report = Audit.run(AuditInput(codings: codings, codebook: Self.codebook, codebookFile: "cb.yaml"))
    let bias = report.findings.filter { $0.check == "coder-bias" }
    #expect(bias.count == 2, "both codes are skewed")
    let message = try #require(bias.first { $0.message.contains("\"overbruggen\"") }?.message)
    // 2×2 table [[30, 10], [5, 35]]: χ² = 31.75 (no continuity correction), df = 1.
    #expect(
      message.contains("χ² = 31.746") && message.contains("df = 1") && message.contains("p < 0.0001"), "\(message)")
    #expect(message.contains("anna uses it far more often than bram"))
  }
}
