import KwalCoding
import KwalModel
import Testing

/// Codes `text` (one respondent turn, or plain paragraphs) with the given codes and returns
/// `code: coded text` lines.
func code(
  _ text: String, codes: String, policy: String = "", kind: DocumentKind = .interview, role: SpeakerRole? = .respondent,
  caseName: String = "A", attributes: [String: String] = [:], segments: [Segment]? = nil
) throws -> [Coding] {
  let (codebook, _) = try Codebook.parse(codebookYAML(codes, policy: policy), file: "t.yaml")
  let context = CodingContext(CompiledCodebook(codebook))
  let range = ByteRange(0, text.utf8.count)
  let document = Document(
    id: "d.txt", kind: kind, caseName: caseName, attributes: attributes, text: text,
    segments: segments ?? [Segment(kind: .turn, range: range, speaker: "R", role: role)])
  return context.code(document).codings
}

func summary(_ codings: [Coding]) -> [String] { codings.map { "\($0.code): \($0.text)" } }

@Suite("The coding engine")
struct CodingEngineTests {
  static let termCases: [(pattern: String, text: String, matches: Bool)] = [
    ("{stem: overbruggen}", "Dat hebben we overbrugd.", true),
    ("{stem: overbruggen}", "De overbrugging duurde lang.", true),
    ("{stem: overbruggen}", "De brug bij de Veerkade was dicht.", false),
    ("{word: overleg}", "Het Overleg was kort.", true),
    ("{word: cooperatie}", "De coöperatie groeide.", true),
    ("\"overbrug*\"", "Overbruggingskrediet aangevraagd.", true),
    ("\"*samenwerking*\"", "Het samenwerkingsverband stopte.", true),
    ("{compound: samenwerking}", "Het samenwerkingsverband stopte.", true),
    ("{compound: budget}", "De projectbudgetten waren op.", true),
    ("{compound: taak}", "De taks was hoog.", false),
    ("{regex: \"^kost(en)?$\"}", "Wie betaalt de kosten?", true),
    ("{regex: \"^kost(en)?$\"}", "Dat is kostbaar.", false),
    ("\"naar het volgende overleg\"", "Dat schuiven we door naar het volgende overleg.", true),
    ("\"naar … volgende vergadering\"", "Dat gaat naar de eerstvolgende, eh, volgende vergadering.", true),
    ("\"naar … volgende vergadering\"", "Naar huis, en de volgende dag een vergadering.", false),
    ("{near: [{stem: stellen}, {word: uit}], within: 6, ordered: true}", "We stellen die beslissing weer uit.", true),
    (
      "{near: [{stem: stellen}, {word: uit}], within: 2, ordered: true}", "We stellen die lastige beslissing weer uit.",
      false
    ),
    ("{near: [{word: uit}, {stem: stellen}], within: 6, ordered: true}", "We stellen die beslissing weer uit.", false),
    ("{near: [{word: uit}, {stem: stellen}], within: 6}", "We stellen die beslissing weer uit.", true),
    // A list where a pattern goes is any one of its words: stems, compounds, globs, regexes.
    ("[~overbruggen, {compound: convenant}]", "Dat overbrugde de kloof.", true),
    ("[~overbruggen, {compound: convenant}]", "Het samenwerkingsconvenant is getekend.", true),
    ("[~overbruggen, {compound: convenant}]", "De brug is getekend.", false),
    ("[\"overbrug*\", {regex: \"^kost(en)?$\"}]", "De kosten zijn hoog.", true),
    ("{near: [[kosten, prijs], per], within: 3, ordered: true}", "De prijs per pakket daalde.", true),
    ("{near: [[kosten, prijs], per], within: 3, ordered: true}", "Per pakket was de prijs lager.", false),
  ]

  @Test(arguments: termCases)
  func termPatterns(_ example: (pattern: String, text: String, matches: Bool)) throws {
    let codings = try code(example.text, codes: "  - id: c\n    rules: [{any: [\(example.pattern)]}]")
    #expect(!codings.isEmpty == example.matches, "\(example.pattern) on \(example.text)")
  }

  @Test func anyAllNoneCombine() throws {
    let codes = "  - id: c\n    rules: [{any: [kosten, geld], all: [~doorschuiven], none: [brug]}]"
    // Separable: "door" is not "doorschuiven".
    #expect(try code("De kosten schuiven we door.", codes: codes).count == 0)
    #expect(try code("Het doorschuiven van de kosten.", codes: codes).count == 1)
    #expect(try code("Het doorschuiven van de kosten over de brug.", codes: codes).count == 0)
    #expect(try code("Het doorschuiven van de planning.", codes: codes).count == 0)
  }

  @Test func wordListsWorkInAllNoneAndGuards() throws {
    // A party needs a word of its role: one list in `all`, another in `none`.
    let codes = """
        - id: c
          exclude:
            - text: Een kerkelijke gemeente
              any: [[kerkgemeente, {compound: kerk}]]
          rules:
            - any: [{compound: gemeente}]
              all: [[~samenwerken, {compound: subsidie}]]
              none: [[goegemeente, gemeentehuis]]
      """
    #expect(try code("De gemeente gaf de winkeliers subsidie.", codes: codes).count == 1)
    #expect(try code("De gemeenten gingen samenwerken.", codes: codes).count == 1)
    #expect(try code("Ik woon in een mooie gemeente.", codes: codes).isEmpty)
    #expect(try code("In het gemeentehuis werd de subsidie besproken.", codes: codes).isEmpty)
    #expect(try code("De kerkgemeente kreeg subsidie van de gemeente.", codes: codes).isEmpty)
    // A word in two lists of one rule is found by both.
    let twice = "  - id: c\n    rules: [{any: [[kosten, geld]], all: [[geld, euro]]}]"
    #expect(try code("Het geld was op.", codes: twice).count == 1)
  }

  @Test func aWordListDescribesItselfAsTheCodebookWritesIt() {
    // explain and the provenance show a list as written, not every member's key.
    let list = Pattern.oneOf([
      .word("kosten"), .stem("prijs"), .glob("tarie*"), .compound("budget"), .glob("tarief"), .regex("^geld$"),
    ])
    #expect(list.description == "[kosten, ~prijs, tarie*, {compound: budget}, {glob: tarief}, {regex: ^geld$}]")
  }

  @Test func negationGuardRefusesNegatedMatches() throws {
    let codes = "  - id: c\n    rules: [{any: [~overbruggen], negation: true}]"
    #expect(try code("We hebben dat niet overbrugd.", codes: codes).isEmpty)
    #expect(try code("Dat overbrugden we nooit.", codes: codes).isEmpty)
    #expect(try code("We hebben dat goed overbrugd.", codes: codes).count == 1)
    // The guard stays inside the clause and the sentence.
    #expect(try code("Dat hebben we overbrugd, niemand twijfelde.", codes: codes).count == 1)
    #expect(try code("Niet alles lukte. Maar dit hebben we overbrugd.", codes: codes).count == 1)
  }

  @Test func excludePatternsSuppressTheCode() throws {
    let codes = "  - id: c\n    rules: [{any: [brug]}]\n    exclude-patterns: [\"brug over de\"]"
    #expect(try code("We slaan een brug naar de partners.", codes: codes).count == 1)
    #expect(try code("De brug over de rivier is dicht.", codes: codes).isEmpty)
  }

  @Test func interviewerTurnsAreNotCodedWhenThePolicySaysSo() throws {
    let codes = "  - id: c\n    rules: [{any: [kosten]}]"
    let policy = "policy:\n  exclude-roles: [interviewer]"
    #expect(try code("En de kosten?", codes: codes, policy: policy, role: .interviewer).isEmpty)
    #expect(try code("De kosten zijn hoog.", codes: codes, policy: policy, role: .respondent).count == 1)
    // A rule that names roles itself overrides the policy.
    let own = "  - id: c\n    rules: [{any: [kosten], where: {role: [interviewer]}}]"
    #expect(try code("En de kosten?", codes: own, policy: policy, role: .interviewer).count == 1)
    #expect(try code("De kosten zijn hoog.", codes: own, policy: policy, role: .respondent).isEmpty)
  }

  @Test func documentFiltersRestrictRules() throws {
    let codes =
      "  - id: c\n    rules: [{any: [kosten], where: {document-kind: [minutes], case: [B], attribute: {phase: [start]}}}]"
    let text = "De kosten zijn hoog."
    #expect(try code(text, codes: codes, kind: .minutes, caseName: "B", attributes: ["phase": "start"]).count == 1)
    #expect(try code(text, codes: codes, kind: .interview, caseName: "B", attributes: ["phase": "start"]).isEmpty)
    #expect(try code(text, codes: codes, kind: .minutes, caseName: "A", attributes: ["phase": "start"]).isEmpty)
    #expect(try code(text, codes: codes, kind: .minutes, caseName: "B", attributes: ["phase": "eind"]).isEmpty)
  }

  @Test func segmentKindFilterLooksAtTheUnitsSegment() throws {
    let text = "Besluit: de kosten worden gedeeld.\n\nDe kosten zijn hoog."
    let first = ByteRange(0, 34)
    let second = ByteRange(36, text.utf8.count)
    let segments = [Segment(kind: .decision, range: first), Segment(kind: .paragraph, range: second)]
    let codes = "  - id: c\n    rules: [{any: [kosten], where: {segment-kind: [decision]}}]"
    let codings = try code(text, codes: codes, kind: .minutes, segments: segments)
    #expect(summary(codings) == ["c: Besluit: de kosten worden gedeeld."])
  }

  @Test func scopesCodeTheirUnit() throws {
    let text = "Eerst iets anders. De kosten stijgen.\n\nNieuwe alinea zonder dat woord."
    let segments = [
      Segment(kind: .paragraph, range: ByteRange(0, 37)),
      Segment(kind: .paragraph, range: ByteRange(39, text.utf8.count)),
    ]
    let codes = """
        - id: s
          rules: [{any: [kosten]}]
        - id: p
          rules: [{any: [kosten], scope: paragraph}]
        - id: d
          rules: [{all: [kosten, alinea], scope: document}]
      """
    let codings = try code(text, codes: codes, kind: .document, segments: segments)
    #expect(
      summary(codings) == [
        "s: De kosten stijgen.", "p: Eerst iets anders. De kosten stijgen.", "d: \(text)",
      ])
    #expect(codings.map(\.unit) == [.sentence, .paragraph, .document])
  }

  @Test func overlappingRulesOfOneCodeMakeOneCodingWithEveryRule() throws {
    let codes = "  - id: c\n    rules:\n      - id: r1\n        any: [kosten]\n      - id: r2\n        any: [~betalen]"
    let codings = try code("Wie gaat de kosten betalen?", codes: codes)
    #expect(codings.count == 1)
    #expect(codings.first?.rules == ["r1", "r2"])
    #expect(codings.first?.matches.map(\.pattern) == ["word: kosten", "stem: betalen"])
    let separate = try code("Wie gaat de kosten betalen?", codes: codes, policy: "policy:\n  overlap: separate")
    #expect(separate.map(\.rules) == [["r1"], ["r2"]])
  }

  /// The same word found by two rules of one code (or twice by one rule) is listed once, in
  /// text order, however many hits the unit has.
  @Test func mergedCodingsListEachMatchOnce() throws {
    let codes = """
        - id: c
          rules:
            - {id: r1, any: [kosten], all: [kosten]}
            - {id: r2, any: [kosten, geld]}
      """
    let text = Array(repeating: "geld kosten", count: 300).joined(separator: " ") + "."
    let codings = try code(text, codes: codes)
    #expect(codings.count == 1)
    let matches = try #require(codings.first?.matches)
    #expect(matches.count == 600)
    #expect(matches.map(\.range.start) == matches.map(\.range.start).sorted())
    #expect(Set(matches).count == matches.count)
  }

  /// Explain names each matched stretch once, though a near pattern reaches a word from two anchors.
  @Test func explainNamesEachWordOnce() throws {
    let codes = "  - id: c\n    rules: [{id: r, any: [{near: [kosten, hoog], within: 4}]}]"
    let (codebook, _) = try Codebook.parse(codebookYAML(codes), file: "t.yaml")
    let explanation = CodingContext(CompiledCodebook(codebook)).explain("De kosten, kosten zijn hoog.")
    let reason = try #require(explanation.first?.reasons.first)
    #expect(reason.hasSuffix("matched \"kosten\", \"hoog\", \"kosten\""), "\(reason)")
  }

  @Test func matchedWordsPointAtTheWords() throws {
    let text = "Café-eigenaar: we hebben het overbrugd."
    let codings = try code(text, codes: "  - id: c\n    rules: [{any: [~overbruggen]}]")
    let match = try #require(codings.first?.matches.first)
    let bytes = Array(text.utf8)
    #expect(String(decoding: bytes[match.range.start..<match.range.end], as: UTF8.self) == "overbrugd")
  }

  @Test func examplesRunAsTests() throws {
    let yaml = codebookYAML(
      """
        - id: c
          rules: [{any: [~overbruggen], negation: true}]
          examples:
            positive: [Dat hebben we overbrugd., Dit is geen brug.]
            negative: [Dat is niet overbrugd.]
      """, policy: "policy:\n  exclude-roles: [interviewer]")
    let (codebook, _) = try Codebook.parse(yaml, file: "e.yaml")
    let results = CodingContext(CompiledCodebook(codebook)).testExamples()
    #expect(results.map(\.passed) == [true, false, true])
  }

  @Test func explainSaysWhyARuleDidNotFire() throws {
    let yaml = codebookYAML("  - id: c\n    rules: [{id: r, any: [~overbruggen], negation: true}]")
    let (codebook, _) = try Codebook.parse(yaml, file: "e.yaml")
    let context = CodingContext(CompiledCodebook(codebook))
    let negated = context.explain("Dat is niet overbrugd.")
    #expect(negated.first?.fired == false)
    #expect(negated.first?.reasons.contains { $0.contains("negated nearby") } == true)
    let fired = context.explain("Dat is overbrugd.")
    #expect(fired.first?.fired == true)
    #expect(fired.first?.reasons == ["any stem: overbruggen matched \"overbrugd\""])
  }

  /// A pattern that matches words of an excluded role is said not to count, not also "did not
  /// match".
  @Test func explainSaysOnceWhyAnExcludedRolesWordDoesNotCount() throws {
    let yaml = codebookYAML(
      "  - id: c\n    rules: [{id: r, all: [kosten, uitstel*]}]", policy: "policy: {exclude-roles: [interviewer]}")
    let (codebook, _) = try Codebook.parse(yaml, file: "e.yaml")
    let context = CodingContext(CompiledCodebook(codebook))
    let reasons = context.explain("De kosten kennen uitstel.", role: .interviewer).first?.reasons ?? []
    #expect(reasons.contains { $0.contains("kosten") && $0.contains("does not count") })
    #expect(!reasons.contains { $0.contains("kosten") && $0.contains("did not match") }, "\(reasons)")
  }

  /// A word listed twice in a word-list regex is one atom of the word: explain names each matched
  /// word once, in a short text (scanned) and in one longer than 256 tokens (indexed) alike.
  @Test func aWordListedTwiceInARegexMatchesOnce() throws {
    let yaml = codebookYAML("  - id: c\n    rules: [{id: r, any: [{regex: \"^(kosten|kosten|tekort)$\"}]}]")
    let (codebook, _) = try Codebook.parse(yaml, file: "e.yaml")
    let context = CodingContext(CompiledCodebook(codebook))
    let expected = ["any regex: ^(kosten|kosten|tekort)$ matched \"kosten\""]
    let short = "De kosten liepen op."
    #expect(context.explain(short).first?.reasons == expected)
    let long = String(repeating: "We praten en praten. ", count: 80) + short
    #expect(context.explain(long).first?.reasons == expected)
  }
}
