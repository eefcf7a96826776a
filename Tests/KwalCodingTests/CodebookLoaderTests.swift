import Foundation
import KwalCoding
import KwalModel
import Testing

/// A minimal valid codebook header, with the codes given.
func codebookYAML(_ codes: String, policy: String = "") -> String {
  """
  codebook:
    name: test
    version: 1.0.0
  \(policy)
  codes:
  \(codes)
  """
}

@Suite("Loading codebooks")
struct CodebookLoaderTests {
  @Test func loadsMetadataCodesAndRules() throws {
    let yaml = codebookYAML(
      """
        - id: value-creation
          label: {nl: Waardecreatie, en: Value creation}
          codable: false
        - id: bridging
          parent: value-creation
          label: Overbruggen
          definition: Koppelen aan het gedeelde doel.
          include: [een deelproject gekoppeld aan het doel]
          exclude: [een letterlijke brug]
          color: "#2A9D8F"
          rules:
            - any: [{stem: overbruggen}, "brug slaan", "overbrug*", ~verbinden]
              negation: true
            - id: bridging-goal
              all: [{compound: doel}]
              scope: paragraph
              where: {document-kind: [interview], role: [respondent], attribute: {phase: [start]}}
          examples:
            positive: [We overbruggen de kloof.]
            negative: [{text: Slaan we een brug?, role: interviewer}]
      """)
    let (codebook, diagnostics) = try Codebook.parse(yaml, file: "t.yaml")
    #expect(diagnostics.isEmpty)
    #expect(codebook.info.name == "test")
    #expect(codebook.info.coderName == "auto:test@1.0.0")
    #expect(codebook.codes.map(\.id) == ["value-creation", "bridging"])
    #expect(codebook.codes[0].definition.isCodable == false)
    let bridging = codebook.codes[1]
    #expect(bridging.definition.label == Label(nl: "Overbruggen"))
    #expect(bridging.definition.color == "#2a9d8f")
    #expect(bridging.rules.map(\.id) == ["bridging#1", "bridging-goal"])
    #expect(
      bridging.rules[0].any == [
        .stem("overbruggen"), .phrase([.word("brug"), .word("slaan")]), .glob("overbrug*"), .stem("verbinden"),
      ])
    #expect(bridging.rules[0].negation)
    #expect(bridging.rules[0].scope == .sentence)
    #expect(bridging.rules[1].scope == .paragraph)
    #expect(bridging.rules[1].filter.documentKinds == [.interview])
    #expect(bridging.rules[1].filter.attributes == ["phase": ["start"]])
    #expect(bridging.negativeExamples.first?.role == .interviewer)
  }

  /// Each broken codebook, and the located message it must give.
  static let broken: [(yaml: String, message: String, line: Int?)] = [
    (
      codebookYAML("  - id: a\n    defintion: x\n    rules: [{any: [x]}]"),
      "unknown key \"defintion\" in a code (did you mean \"definition\"?)", 7
    ),
    (
      codebookYAML("  - id: a\n    rules: [{any: [x]}]\n  - id: a\n    rules: [{any: [y]}]"), "duplicate code id \"a\"",
      8
    ),
    (
      codebookYAML("  - id: a\n    parent: value-creaton\n  - id: value-creation"),
      "unknown parent \"value-creaton\" (did you mean \"value-creation\"?)", 7
    ),
    (codebookYAML("  - id: a\n    parent: b\n  - id: b\n    parent: a"), "cycle in the code tree", 7),
    (codebookYAML("  - id: a\n    rules: [{any: [{regex: \"(\"}]}]"), "invalid regex", 7),
    (codebookYAML("  - id: a\n    rules: [{scope: sentence}]"), "is empty", 7),
    (codebookYAML("  - id: a\n    rules:\n      - any:\n          - [~a, \"b c\"]"), "is not a single word", 9),
    (codebookYAML("  - id: a\n    rules:\n      - any:\n          - [~a, [b]]"), "a list inside a list", 9),
    (codebookYAML("  - id: a\n    rules:\n      - any:\n          - []"), "an empty list matches nothing", 9),
    (codebookYAML("  - id: a\n    rules: {any: [x]}"), "rules must be a list", 7),
    (codebookYAML("  - id: a\n    rules: [{any: [x], where: {role: [moderator]}}]"), "unknown role \"moderator\"", 7),
    (codebookYAML("  - id: Bad_Id"), "must be kebab-case", 6),
    (codebookYAML("  - id: a\n    rules: [{any: [x], scope: chapter}]"), "unknown scope \"chapter\"", 7),
    ("codebook: [a\n", "YAML syntax error", nil),
    ("codes: []\n", "missing \"codebook:\"", nil),
    (
      codebookYAML("  - id: a") + "\nsets:\n  - name: S\n    codes: [a, b]\n",
      "names code \"b\", which the codebook does not define", 9
    ),
    (codebookYAML("  - id: a") + "\nsets:\n  - codes: [a]\n", "a code set needs a name", 8),
  ]

  @Test func codeFingerprintsChangeWithWhatCodesDependOn() throws {
    func fingerprints(_ yaml: String) throws -> [String: String] {
      try Codebook.parse(yaml, file: "f.yaml").codebook.codeFingerprints()
    }
    let head = "codebook: {name: f, version: \"1\"}\npolicy: {negation-window: 3}\ncodes:\n"
    let costs = "  - id: costs\n    rules: [{any: &money [kosten, geld]}]\n"
    let funding = "  - id: funding\n    rules: [{any: [subsidie], all: [*money]}]\n"
    let base = try fingerprints(head + costs + funding)
    #expect(base.count == 2 && base["costs"] != base["funding"])
    // Another version, or the codes in another order: no code changes.
    #expect(try fingerprints(head.replacingOccurrences(of: "\"1\"", with: "\"2\"") + costs + funding) == base)
    #expect(try fingerprints(head + funding.replacingOccurrences(of: "*money", with: "[kosten, geld]") + costs) == base)
    // The anchor's words change both codes that use them; one code's rule changes that code only.
    let more = try fingerprints(head + costs.replacingOccurrences(of: "geld]", with: "geld, euro]") + funding)
    #expect(more["costs"] != base["costs"] && more["funding"] != base["funding"])
    let one = try fingerprints(head + costs + funding.replacingOccurrences(of: "[subsidie]", with: "[subsidie, fonds]"))
    #expect(one["costs"] == base["costs"] && one["funding"] != base["funding"])
    // The policy is shared: every code changes.
    let policy = try fingerprints(head.replacingOccurrences(of: "window: 3", with: "window: 4") + costs + funding)
    #expect(policy["costs"] != base["costs"] && policy["funding"] != base["funding"])
  }

  @Test func codeSetsAreRead() throws {
    let yaml =
      codebookYAML("  - id: a\n  - id: b")
      + "\nsets:\n  - name: Beide\n    description: Twee codes\n    codes: [b, a]\n"
    let codebook = try Codebook.parse(yaml, file: "c.yaml")
    #expect(codebook.codebook.info.sets == [CodeSet(name: "Beide", description: "Twee codes", codes: ["b", "a"])])
  }

  @Test(arguments: broken)
  func reportsLocatedErrors(_ example: (yaml: String, message: String, line: Int?)) {
    do {
      _ = try Codebook.parse(example.yaml, file: "lastmile.yaml")
      Issue.record("expected an error containing \(example.message)")
    } catch {
      #expect(error.kind == .badData)
      #expect(error.description.contains(example.message), "\(error.description)")
      #expect(error.location?.file == "lastmile.yaml")
      if let line = example.line { #expect(error.location?.line == line, "\(error.description)") }
    }
  }

  @Test func collectsEveryErrorNotOnlyTheFirst() {
    let yaml = codebookYAML("  - id: a\n    defintion: x\n  - id: b\n    parent: nope")
    do {
      _ = try Codebook.parse(yaml, file: "c.yaml")
      Issue.record("expected errors")
    } catch {
      #expect(error.diagnostics.filter { $0.severity == .error }.count == 2)
      #expect(error.description.contains("and 1 more error"))
    }
  }

  @Test func policyDefaultsAreStatedAndReadable() throws {
    let yaml = codebookYAML(
      "  - id: a\n    rules: [{any: [x]}]",
      policy:
        "policy:\n  case-folding: false\n  overlap: separate\n  exclude-roles: [interviewer]\n  negation-window: 2")
    let (codebook, _) = try Codebook.parse(yaml, file: "p.yaml")
    #expect(codebook.policy.caseFolding == false)
    #expect(codebook.policy.diacriticFolding == true)
    #expect(codebook.policy.overlap == .separate)
    #expect(codebook.policy.excludeRoles == [.interviewer])
    #expect(codebook.policy.negationWindow == 2)
  }

  @Test func lintWarnsAboutShadowedRulesManualCodesAndImpossiblePatterns() throws {
    let yaml = codebookYAML(
      """
        - id: manual
        - id: a
          rules:
            - any: [x, y]
            - any: [x]
            - any: [{word: "brug!"}]
          examples: {positive: [x]}
      """)
    let (codebook, _) = try Codebook.parse(yaml, file: "l.yaml")
    let messages = CodebookLint.check(codebook).map(\.message)
    #expect(messages.contains { $0.contains("\"manual\" has no rules: it is for manual coding only") })
    #expect(messages.contains { $0.contains("rule \"a#2\" is shadowed by rule \"a#1\"") })
    #expect(messages.contains { $0.contains("can never match") })
  }
}
