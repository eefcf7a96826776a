import Foundation
import KwalModel
import KwalText
import Testing

@testable import KwalCoding
import KwalTestSupport

/// A codebook with two codes, the first with one rule, naming a learned cues file.
private let learnedYAML = """
  codebook:
    name: cues
    version: 1.0.0
  policy:
    exclude-roles: [interviewer]
  learned: cues.learned.json
  codes:
    - id: postponing
      rules:
        - id: postponing-word
          any: [{stem: uitstellen}]
      exclude-patterns: ["geen punt"]
    - id: costs
  """

/// Texts where `vertraagd` and `volgende keer` mean postponing and `euro` means costs.
private let texts: [LabelledText] = [
  LabelledText(text: "Het besluit is weer vertraagd.", codes: ["postponing"]),
  LabelledText(text: "De keuze werd vertraagd tot na de zomer.", codes: ["postponing"]),
  LabelledText(text: "Dat doen we de volgende keer wel.", codes: ["postponing"]),
  LabelledText(text: "Het punt schuift naar de volgende keer.", codes: ["postponing"]),
  LabelledText(text: "Alles werd vertraagd, de volgende keer maar weer.", codes: ["postponing"]),
  LabelledText(text: "De hub kost veertig euro per dag.", codes: ["costs"]),
  LabelledText(text: "Wie betaalt die euro per pakket?", codes: ["costs"]),
  LabelledText(text: "Het kost ons duizend euro.", codes: ["costs"]),
  LabelledText(text: "De zon scheen op de markt.", codes: []),
  LabelledText(text: "We rijden met elektrische busjes.", codes: []),
  LabelledText(text: "De volgende halte is het station.", codes: []),
  LabelledText(text: "Keer op keer reden de busjes vol.", codes: []),
  LabelledText(text: "Het weer was mooi.", codes: []),
  LabelledText(text: "De trein was niet vertraagd vandaag, gelukkig.", codes: []),
]

/// A scratch folder, removed when the test ends.
private func withFolder(_ body: (URL) throws -> Void) throws {
  let folder = Scratch.root.appendingPathComponent("kwal-cues-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  try body(folder)
}

/// Writes the codebook and cues learned from `texts` into `folder`; returns the codebook's URL.
private func writeLearnedCodebook(in folder: URL) throws -> URL {
  let url = folder.appendingPathComponent("cues.yaml")
  try Data(learnedYAML.utf8).write(to: url)
  let (codebook, _) = try Codebook.load(contentsOf: url, readingLearned: false)
  var options = CueTrainer.Options()
  options.regularisation = 10
  let cues = CueTrainer(codebook: codebook, options: options).learn(texts, sources: ["test"])
  try cues.encoded().write(to: folder.appendingPathComponent("cues.learned.json"))
  return url
}

private func document(_ text: String, role: SpeakerRole = .respondent) -> Document {
  let range = ByteRange(0, text.utf8.count)
  return Document(
    id: "d.txt", kind: .interview, caseName: "c", text: text,
    segments: [Segment(kind: .turn, range: range, speaker: "R", role: role)])
}

@Suite("Learned cues")
struct LearnedCuesTests {
  @Test func cuesAreStemsAndAdjacentPairs() {
    #expect(
      CueFeatures.cues(["volgend", "ker", nil, "wel", "ker"], known: [])
        == ["volgend", "ker", "volgend ker", "wel", "ker wel", "wel ker"])
  }

  /// A compound's head is its longest known suffix after at least three letters with a vowel,
  /// its modifier its longest known prefix before at least three more letters; a word is never
  /// its own part.
  @Test func compoundPartsAreTheLongestKnownHeadAndModifier() {
    let known: Set<String> = ["cijfer", "klacht", "klachten", "rapportag", "ijfer"]
    #expect(CueFeatures.parts(of: "klachtencijfer", known: known) == ("cijfer", "klachten"))
    #expect(CueFeatures.parts(of: "tussenrapportag", known: known) == ("rapportag", nil))
    // No vowel on the left (`bst`), too little on the left (`de`), the whole word, too short.
    #expect(CueFeatures.parts(of: "bstcijfer", known: known) == (nil, nil))
    #expect(CueFeatures.parts(of: "decijfer", known: known) == ("ijfer", nil))
    #expect(CueFeatures.parts(of: "rapportag", known: known) == (nil, nil))
    #expect(CueFeatures.parts(of: "klachtje", known: known) == (nil, nil))
    #expect(CueFeatures.parts(of: "klachtjes", known: known) == (nil, "klacht"))
    #expect(
      CueFeatures.cues(["klachtencijfer", "stijg"], known: known)
        == ["klachtencijfer", "cijfer", "klachten", "stijg", "klachtencijfer stijg"])
  }

  /// A compound the texts never had counts as the parts they had: `personeelskosten` as `kost`,
  /// in training and in coding alike, and explain names the part.
  @Test func aNewCompoundCountsAsItsKnownParts() throws {
    let (codebook, _) = try Codebook.parse(learnedYAML, file: "cues.yaml")
    let costs = [
      "De kosten stijgen elk jaar.", "Wie betaalt de kosten van de hub?", "De kosten waren hoger dan gedacht.",
      "Over de kosten is nog niets besloten.", "Die kosten kunnen we niet dragen.",
    ].map { LabelledText(text: $0, codes: ["costs"]) }
    let other = [
      "De zon scheen op de markt.", "We rijden met elektrische busjes.", "De chauffeurs waren op tijd.",
      "Ze rijden elke dag.", "De hub staat aan de rand van de stad.", "Het weer was mooi.",
    ].map { LabelledText(text: $0, codes: []) }
    var options = CueTrainer.Options()
    options.regularisation = 10
    options.threshold = 0.6
    var cues = CueTrainer(codebook: codebook, options: options).learn(costs + other, sources: ["test"])
    #expect(cues.parts.contains("kost"))
    #expect(!cues.parts.contains("personeelskost"))
    let weights = try #require(cues.codes.first { $0.code == "costs" })
    #expect((weights.cues["kost"] ?? 0) > 1)

    var coded = codebook
    coded.learned = cues
    let context = CodingContext(CompiledCodebook(coded))
    let text = "De personeelskosten stijgen."
    let coding = try #require(context.code(document(text)).codings.first { $0.code == "costs" })
    #expect(coding.rules == ["learned"])
    let bytes = Array(text.utf8)
    let words = coding.matches.map { String(decoding: bytes[$0.range.start..<$0.range.end], as: UTF8.self) }
    #expect(words.contains("personeelskosten"))
    let learned = try #require(context.explain(text).first { $0.rule == "learned" && $0.code == "costs" })
    #expect(learned.fired)
    #expect(learned.reasons.contains { $0.contains("\"personeelskosten\" (kost)") }, "\(learned.reasons)")

    // Without the parts list (a file from before parts), the compound counts whole only.
    cues.parts = []
    coded.learned = cues
    #expect(CodingContext(CompiledCodebook(coded)).code(document(text)).codings.isEmpty)
  }

  /// A sentence that follows one with a code, in the same paragraph and turn, gets the code when
  /// its cues reach the continuation and one of them weighs for the code (rule `learned-context`),
  /// whether a rule or the cues coded the sentence before; not across a paragraph or a change of
  /// speaker, nor without a continuation.
  @Test func aSentenceContinuesTheCodeOfTheSentenceBefore() throws {
    let (parsed, _) = try Codebook.parse(learnedYAML, file: "cues.yaml")
    var codebook = parsed
    let lexicon = Lexicon(normalizer: Normalizer(), stemming: true)
    let euro = lexicon.stem(of: "euro")
    let terug = lexicon.stem(of: "terug")
    let duur = lexicon.stem(of: "duur")
    var cues = LearnedCues(
      codebook: "cues@1.0.0", threshold: 0.7, regularisation: 1, examples: 1, sources: [],
      codes: [
        .init(code: "postponing", bias: -2, positives: 3, cues: [terug: 1]),
        .init(code: "costs", bias: -1, positives: 3, cues: [euro: 3, duur: 0.2]),
      ],
      continuation: 0.2)
    codebook.learned = cues
    let context = CodingContext(CompiledCodebook(codebook))
    func codes(_ document: Document) -> [(String, String, [String])] {
      let text = Array(document.text.utf8)
      return context.code(document).codings.map { coding in
        (
          String(decoding: text[coding.range.start..<coding.range.end], as: UTF8.self), coding.code,
          coding.rules
        )
      }
    }
    // The cues code the first sentence; the second (probability 0.31, "duur") continues it, then
    // "Zo duur." too; the third reaches 0.27 on the bias alone, without a word for the code: no.
    var result = codes(document("Het kost veertig euro per dag. Dat is duur. Zo duur. En dat is het."))
    #expect(result.map(\.0) == ["Het kost veertig euro per dag.", "Dat is duur.", "Zo duur."])
    #expect(result.map(\.2) == [["learned"], ["learned-context"], ["learned-context"]])
    // A rule codes the first sentence; the second (probability 0.27 with "terug") continues it,
    // the third (0.12) does not.
    result = codes(document("We willen het besluit uitstellen. Het komt weer terug. Dat is het."))
    #expect(result.map(\.0) == ["We willen het besluit uitstellen.", "Het komt weer terug."])
    #expect(result.map(\.2) == [["postponing-word"], ["learned-context"]])
    let explained = context.explain("We willen het besluit uitstellen. Het komt weer terug.")
    let continued = try #require(explained.first { $0.rule == "learned-context" })
    #expect(continued.fired && continued.code == "postponing")
    #expect(continued.reasons.contains { $0.contains("continues the code of the sentence before") })

    // Another paragraph, another speaker: no continuation.
    let text = "Het kost veertig euro per dag.\n\nDat is duur."
    let first = ByteRange(0, 30)
    let second = ByteRange(32, text.utf8.count)
    var paragraphs = document(text)
    paragraphs.segments = [Segment(kind: .paragraph, range: first), Segment(kind: .paragraph, range: second)]
    #expect(codes(paragraphs).map(\.0) == ["Het kost veertig euro per dag."])
    // Explain reads a blank line in its text as a new paragraph too.
    #expect(!context.explain(text).contains { $0.rule == "learned-context" })
    #expect(context.explain("Het kost veertig euro per dag. Dat is duur.").contains { $0.rule == "learned-context" })
    let oneLine = "Het kost veertig euro per dag. Dat is duur."
    var turns = document(oneLine)
    turns.segments = [
      Segment(kind: .turn, range: ByteRange(0, 30), speaker: "A", role: .respondent),
      Segment(kind: .turn, range: ByteRange(31, oneLine.utf8.count), speaker: "B", role: .respondent),
    ]
    #expect(codes(turns).map(\.0) == ["Het kost veertig euro per dag."])
    // Without a continuation (a file from before it), the sentence alone decides.
    cues.continuation = nil
    codebook.learned = cues
    #expect(
      CodingContext(CompiledCodebook(codebook)).code(document("Het kost veertig euro per dag. Dat is duur.")).codings
        .count == 1)
  }

  @Test func learnedCuesCodeNewSentencesWithTheirWords() throws {
    try withFolder { folder in
      let url = try writeLearnedCodebook(in: folder)
      let (codebook, diagnostics) = try Codebook.load(contentsOf: url)
      #expect(diagnostics.isEmpty)
      let cues = try #require(codebook.learned)
      #expect(cues.codes.map(\.code) == ["postponing", "costs"])
      let postponing = try #require(cues.codes.first)
      #expect((postponing.cues["vertraagd"] ?? postponing.cues["vertraag"] ?? 0) > 0)
      #expect((postponing.cues["volgend ker"] ?? 0) > 0)

      let context = CodingContext(CompiledCodebook(codebook))
      let coded = context.code(document("Ook dit onderwerp werd vertraagd tot de volgende keer.")).codings
      let coding = try #require(coded.first { $0.code == "postponing" })
      #expect(coding.rules == ["learned"])
      #expect(coding.unit == .sentence)
      let words = coding.matches.map { coding.text.utf8.count >= $0.range.end ? $0.pattern : "" }
      #expect(words.contains { $0.hasPrefix("learned: ") })
      #expect(context.code(document("De zon scheen op het station.")).codings.isEmpty)
    }
  }

  /// The words a coding shows are those of its strongest cues with a content word; stop words
  /// alone (`dat`, `zo`) count but are never shown.
  @Test func shownCueWordsPreferContentWords() throws {
    let (parsed, _) = try Codebook.parse(learnedYAML, file: "cues.yaml")
    var codebook = parsed
    let stem = Lexicon(normalizer: Normalizer(), stemming: true).stem(of: "vertraging")
    codebook.learned = LearnedCues(
      codebook: "cues@1.0.0", threshold: 0.5, regularisation: 1, examples: 1, sources: [],
      codes: [.init(code: "postponing", bias: -1, positives: 3, cues: ["dat": 3, "zo": 2.5, "is": 2, stem: 1])])
    let context = CodingContext(CompiledCodebook(codebook))
    let text = "Dat is zo, de vertraging."
    let coding = try #require(context.code(document(text)).codings.first { $0.code == "postponing" })
    let bytes = Array(text.utf8)
    let words = coding.matches.map { String(decoding: bytes[$0.range.start..<$0.range.end], as: UTF8.self) }
    #expect(words == ["vertraging"])
  }

  /// The words shown do not overlap: a cue pair and its own word are one stretch, not two.
  @Test func shownCueWordsDoNotOverlap() throws {
    let (parsed, _) = try Codebook.parse(learnedYAML, file: "cues.yaml")
    var codebook = parsed
    let lexicon = Lexicon(normalizer: Normalizer(), stemming: true)
    let (a, b) = (lexicon.stem(of: "verdeling"), lexicon.stem(of: "kosten"))
    codebook.learned = LearnedCues(
      codebook: "cues@1.0.0", threshold: 0.5, regularisation: 1, examples: 1, sources: [],
      codes: [.init(code: "postponing", bias: -1, positives: 3, cues: [a: 3, "\(a) van": 2.5, "de \(a)": 2, b: 1])])
    let context = CodingContext(CompiledCodebook(codebook))
    let text = "De verdeling van de kosten."
    let coding = try #require(context.code(document(text)).codings.first { $0.code == "postponing" })
    let ranges = coding.matches.map(\.range).sorted { $0.start < $1.start }
    #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.end <= $1.start }, "\(ranges)")
    #expect(ranges.count == 2)
    #expect(CodingContext.decimals(1e20) == "1e+20")
  }

  @Test func ruleAndCuesOnOneSentenceMakeOneCoding() throws {
    try withFolder { folder in
      let (codebook, _) = try Codebook.load(contentsOf: try writeLearnedCodebook(in: folder))
      let context = CodingContext(CompiledCodebook(codebook))
      let coded = context.code(document("Het is uitgesteld en weer vertraagd tot de volgende keer.")).codings
      let postponing = coded.filter { $0.code == "postponing" }
      #expect(postponing.count == 1)
      #expect(postponing.first?.rules == ["postponing-word", "learned"])
    }
  }

  @Test func excludedRolesAndExclusionPatternsHoldForCues() throws {
    try withFolder { folder in
      let (codebook, _) = try Codebook.load(contentsOf: try writeLearnedCodebook(in: folder))
      let context = CodingContext(CompiledCodebook(codebook))
      let text = "Het besluit werd vertraagd tot de volgende keer."
      #expect(context.code(document(text)).codings.contains { $0.code == "postponing" })
      #expect(context.code(document(text, role: .interviewer)).codings.isEmpty)
      let excluded = "Geen punt, het besluit werd vertraagd tot de volgende keer."
      #expect(!context.code(document(excluded)).codings.contains { $0.code == "postponing" })
    }
  }

  @Test func explainShowsTheCuesAndTheirWeights() throws {
    try withFolder { folder in
      let (codebook, _) = try Codebook.load(contentsOf: try writeLearnedCodebook(in: folder))
      let context = CodingContext(CompiledCodebook(codebook))
      let reports = context.explain("Het werd vertraagd tot de volgende keer.")
      let learned = try #require(reports.first { $0.rule == "learned" && $0.code == "postponing" })
      #expect(learned.fired)
      #expect(learned.reasons.contains { $0.contains("probability") && $0.contains("\"vertraagd\"") })
    }
  }

  @Test func learningIsDeterministic() throws {
    let (codebook, _) = try Codebook.parse(learnedYAML, file: "cues.yaml")
    let first = CueTrainer(codebook: codebook).learn(texts, sources: ["a.csv"]).encoded()
    let second = CueTrainer(codebook: codebook).learn(texts, sources: ["a.csv"]).encoded()
    #expect(first == second)
    let decoded = try JSONDecoder().decode(LearnedCues.self, from: first)
    #expect(decoded.format == LearnedCues.currentFormat)
    #expect(decoded.codebook == "cues@1.0.0")
    #expect(decoded.examples == texts.count)
  }

  /// A codebook's negative example that the texts alone would code is weighted up until the
  /// cues leave it alone, so `kwal codebook test` keeps passing.
  @Test func negativeExamplesAreRespected() throws {
    let yaml = learnedYAML.replacingOccurrences(
      of: "    exclude-patterns: [\"geen punt\"]",
      with: "    examples:\n      negative: [De trein werd vertraagd door de sneeuw.]")
    let (codebook, _) = try Codebook.parse(yaml, file: "cues.yaml")
    #expect(codebook.codes[0].negativeExamples.count == 1)
    let negative = "De trein werd vertraagd door de sneeuw."
    var options = CueTrainer.Options()
    options.regularisation = 10
    // Without the example, the cues give the sentence the code.
    let plain = CueTrainer(codebook: codebook, options: options).learn(texts, sources: [])
    var withPlain = codebook
    withPlain.learned = plain
    let plainContext = CodingContext(CompiledCodebook(withPlain))
    #expect(plainContext.code(document(negative)).codings.contains { $0.code == "postponing" })
    // With it, they do not, and the examples pass.
    let guarded = CueTrainer(codebook: codebook, options: options).learn(
      CueTrainer.examples(of: codebook) + texts, sources: [])
    var withGuard = codebook
    withGuard.learned = guarded
    let context = CodingContext(CompiledCodebook(withGuard))
    #expect(!context.code(document(negative)).codings.contains { $0.code == "postponing" })
    let results = context.testExamples()
    #expect(results.allSatisfy { $0.passed })
    #expect(
      context.code(document("Het besluit werd vertraagd tot de volgende keer.")).codings.contains {
        $0.code == "postponing"
      })
  }

  /// At the fitted weights the gradient of the objective is zero (the fit is the optimum, not
  /// just a point that separates the texts).
  @Test func theFitIsTheOptimum() {
    let rows: [[Int32]] = [[0], [0, 1], [1], [1, 2], [2], [0, 2], [], [1]]
    let labels = [true, true, false, false, false, true, false, true]
    let fit = LogisticFit(rows: rows, labels: labels, features: 3, regularisation: 2)
    let positives = Double(labels.filter { $0 }.count)
    let negatives = Double(labels.count) - positives
    var gradient = fit.weights
    var gradientBias = 0.0
    for (row, label) in zip(rows, labels) {
      let z = row.reduce(fit.bias) { $0 + fit.weights[Int($1)] }
      let weight = 2 * Double(labels.count) / (2 * (label ? positives : negatives))
      let g = weight * (LogisticFit.sigmoid(z) - (label ? 1 : 0))
      for feature in row { gradient[Int(feature)] += g }
      gradientBias += g
    }
    #expect(gradient.allSatisfy { abs($0) < 1e-5 })
    #expect(abs(gradientBias) < 1e-5)
    #expect(fit.weights[0] > 0 && fit.weights[2] < 0)
  }

  @Test func badCuesFilesAreNamed() throws {
    try withFolder { folder in
      let url = folder.appendingPathComponent("cues.yaml")
      try Data(learnedYAML.utf8).write(to: url)
      // Missing file: the codebook's learned: key is named.
      var error = #expect(throws: CodebookError.self) { try Codebook.load(contentsOf: url) }
      #expect(error?.kind == .missingInput)
      #expect(error?.location?.file == url.path)
      #expect(error?.location?.line == 6)
      // Not JSON; then cues for a code the codebook lacks.
      let cuesURL = folder.appendingPathComponent("cues.learned.json")
      try Data("{".utf8).write(to: cuesURL)
      error = #expect(throws: CodebookError.self) { try Codebook.load(contentsOf: url) }
      #expect(error?.kind == .badData)
      #expect(error?.location?.file == cuesURL.path)
      var cues = LearnedCues(
        codebook: "cues@1.0.0", threshold: 0.7, regularisation: 1, examples: 1, sources: [],
        codes: [.init(code: "bridging", bias: -1, positives: 3, cues: ["brug": 1])])
      try cues.encoded().write(to: cuesURL)
      error = #expect(throws: CodebookError.self) { try Codebook.load(contentsOf: url) }
      #expect(error?.message.contains("\"bridging\"") == true)
      // Cues that could never match, absurd weights, another codebook, a wrong type.
      for (change, message) in [
        ({ (cues: inout LearnedCues) in cues.codes[0].cues["Euro"] = 1 }, "folded stem"),
        ({ (cues: inout LearnedCues) in cues.codes[0].cues["een\ttwee"] = 1 }, "folded stem"),
        ({ (cues: inout LearnedCues) in cues.codes[0].cues["een\u{2003}twee"] = 1 }, "folded stem"),
        ({ (cues: inout LearnedCues) in cues.codes[0].bias = 1e17 }, "not a fitted weight"),
        ({ (cues: inout LearnedCues) in cues.codebook = "ander@1.0.0" }, "learned for the codebook ander@1.0.0"),
        ({ (cues: inout LearnedCues) in cues.parts = ["kost", "Euro"] }, "parts: \"Euro\" is not a folded stem"),
        (
          { (cues: inout LearnedCues) in cues.continuation = 0.7 },
          "continuation 0.7 is not between 0 and the threshold"
        ),
        ({ (cues: inout LearnedCues) in cues.parts = ["volgend ker"] }, "parts: \"volgend ker\""),
      ] {
        var changed = LearnedCues(
          codebook: "cues@1.0.0", threshold: 0.7, regularisation: 1, examples: 1, sources: [],
          codes: [.init(code: "costs", bias: -1, positives: 3, cues: ["euro": 2])])
        change(&changed)
        try changed.encoded().write(to: cuesURL)
        error = #expect(throws: CodebookError.self) { try Codebook.load(contentsOf: url) }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
      }
      try Data(
        #"{"format": "kwal-learned-cues/1", "codebook": "cues@1.0.0", "threshold": 0.7, "regularisation": 1, "examples": 1, "sources": [], "codes": [{"code": "costs", "bias": -1, "positives": 3, "cues": {"euro": "x"}}]}"#
          .utf8
      )
      .write(to: cuesURL)
      error = #expect(throws: CodebookError.self) { try Codebook.load(contentsOf: url) }
      #expect(error?.message.contains("wrong type at codes[0].cues.euro") == true, "\(error?.message ?? "")")
      // A file without parts (written before parts were learned) loads, without parts.
      try Data(
        #"{"format": "kwal-learned-cues/1", "codebook": "cues@1.0.0", "threshold": 0.7, "regularisation": 1, "examples": 1, "sources": [], "codes": [{"code": "costs", "bias": -1, "positives": 3, "cues": {"euro": 2}}]}"#
          .utf8
      )
      .write(to: cuesURL)
      #expect(try Codebook.load(contentsOf: url).0.learned?.parts == [])
      // Learned for another version: a warning, the cues still apply.
      cues.codebook = "cues@0.9.0"
      cues.codes = [.init(code: "costs", bias: -1, positives: 3, cues: ["euro": 2])]
      try cues.encoded().write(to: cuesURL)
      let (codebook, diagnostics) = try Codebook.load(contentsOf: url)
      #expect(codebook.learned != nil)
      #expect(diagnostics.contains { $0.severity == .warning && $0.message.contains("cues@0.9.0") })
    }
  }

  @Test(arguments: ["learned", "learned-context"])
  func aRuleMayNotBeCalledLikeTheCues(_ id: String) {
    let yaml = learnedYAML.replacingOccurrences(of: "id: postponing-word", with: "id: \(id)")
    let error = #expect(throws: CodebookError.self) { try Codebook.parse(yaml, file: "cues.yaml") }
    #expect(error?.message.contains("rule id \"\(id)\" is kept for the learned cues") == true)
  }
}

/// The calibration of the learned cues' probabilities (``LearnedCues/calibration``).
@Suite("Calibration of learned cues")
struct CueCalibrationTests {
  @Test func calibrationIsMonotoneAndPoolsViolators() {
    // Model probabilities that are too high: of texts at 0.9, only half have the code.
    var pairs: [(probability: Double, right: Bool)] = []
    for index in 0..<400 { pairs.append((0.1, index % 10 == 0)) }
    for index in 0..<400 { pairs.append((0.5, index % 5 == 0)) }
    for index in 0..<400 { pairs.append((0.9, index % 2 == 0)) }
    for index in 0..<80 { pairs.append((0.95, index % 4 == 0)) }  // a violator: pooled with 0.9
    let points = CueTrainer.calibration(pairs)
    #expect(!points.isEmpty)
    #expect(zip(points, points.dropFirst()).allSatisfy { $0[0] <= $1[0] && $0[1] < $1[1] })
    let cues = LearnedCues(
      codebook: "c@1", threshold: 0.4, regularisation: 1, examples: 1, sources: [], codes: [], calibration: points)
    #expect(abs(cues.calibrated(0.1) - 0.1) < 0.02)
    #expect(cues.calibrated(0.9) < 0.55)
    // The threshold 0.4 is reached only above a model probability of 0.5.
    let raw = try? #require(cues.rawProbability(reaching: 0.4))
    #expect((raw ?? 0) > 0.5)
    #expect(cues.rawProbability(reaching: 0.99) == nil || (cues.rawProbability(reaching: 0.99) ?? 0) > 0.95)
  }

  @Test func withoutCalibrationProbabilitiesStayAsTheyAre() {
    let cues = LearnedCues(codebook: "c@1", threshold: 0.7, regularisation: 1, examples: 1, sources: [], codes: [])
    #expect(cues.calibrated(0.83) == 0.83)
    #expect(cues.rawProbability(reaching: 0.7) == 0.7)
  }

  /// Two states of one codebook version never share a hash: an edited rule or retrained cues
  /// change it; the same bytes give the same hash.
  @Test func codebookHashFollowsTheCodebookAndItsCues() throws {
    try withFolder { folder in
      let url = try writeLearnedCodebook(in: folder)
      let first = try Codebook.load(contentsOf: url).codebook.info
      #expect(first.hash?.count == 16)
      #expect(first.yamlSHA256?.count == 64)
      #expect(try Codebook.load(contentsOf: url).codebook.info.hash == first.hash)
      // The cues retrained on other texts: same YAML, another hash.
      let cuesURL = folder.appendingPathComponent("cues.learned.json")
      var cues = try Data(contentsOf: cuesURL)
      cues.append(contentsOf: Array("\n".utf8))
      try cues.write(to: cuesURL)
      let retrained = try Codebook.load(contentsOf: url).codebook.info
      #expect(retrained.yamlSHA256 == first.yamlSHA256)
      #expect(retrained.hash != first.hash)
      // A comment added to the YAML: same version, another hash.
      try Data((learnedYAML + "\n# edited\n").utf8).write(to: url)
      let edited = try Codebook.load(contentsOf: url).codebook.info
      #expect(edited.version == first.version)
      #expect(edited.hash != first.hash && edited.hash != retrained.hash)
    }
  }
}

@Suite("Learned cues: the form of a cue")
struct CueFormTests {
  /// A cue is one or two folded stems; the short way for plain ASCII agrees with the long one.
  @Test func cuesAreOneOrTwoFoldedStems() {
    let normalizer = Normalizer(foldsCase: true, foldsDiacritics: true)
    for cue in ["overleg", "a2", "aangeslot winkel", "kosten 2020"] {
      #expect(LearnedCues.isCue(cue, normalizer: normalizer))
    }
    for cue in ["", " overleg", "overleg ", "drie losse stem", "twee  spaties", "Overleg", "tab\tstem", "café"] {
      #expect(!LearnedCues.isCue(cue, normalizer: normalizer), "\(cue)")
    }
    #expect(LearnedCues.isCue("cafe", normalizer: normalizer))
    #expect(LearnedCues.isCue("co-op", normalizer: normalizer))
  }

  /// The parts of a compound are found on the stem's bytes as the first way found them on its
  /// scalars: the longest known suffix after three letters with a vowel, the longest known prefix
  /// before three more; non-ASCII letters count as one.
  @Test func compoundPartsOnBytesAgreeWithTheScalarWay() {
    func scalarWay(_ stem: String, _ known: Set<String>) -> (String?, String?) {
      let letters = Array(stem.unicodeScalars)
      let count = letters.count
      guard count >= 7, count <= 60, !known.isEmpty else { return (nil, nil) }
      func text(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: letters[range])
        return String(view)
      }
      var head: String?
      var sawVowel = false
      for split in 1...(count - 4) {
        if "aeiouy".unicodeScalars.contains(letters[split - 1]) { sawVowel = true }
        guard split >= 3, sawVowel, known.contains(text(split..<count)) else { continue }
        head = text(split..<count)
        break
      }
      var modifier: String?
      for split in stride(from: count - 3, through: 4, by: -1) where known.contains(text(0..<split)) {
        modifier = text(0..<split)
        break
      }
      return (head, modifier)
    }
    let known: Set<String> = ["klacht", "cijfer", "rapportag", "bezorg", "café", "overleg", "tussen", "ijsje", "wijk"]
    let stems = [
      "klachtencijfer", "tussenrapportag", "bezorging", "cafébezoek", "overlegstructur", "wijkoverleg",
      "ijsjeskraam", "kort", "klacht", "xxxxxxxxcijfer", "éénwijkoverleg", String(repeating: "a", count: 61),
      "grrrcijfer", "bbbbbbbbb",
    ]
    for stem in stems {
      let found = CueFeatures.parts(of: stem, known: known)
      let expected = scalarWay(stem, known)
      #expect(found.head == expected.0 && found.modifier == expected.1, "\(stem)")
    }
    #expect(CueFeatures.parts(of: "klachtencijfer", known: []) == (nil, nil))
  }
}

/// The cues' binary form, which the project store keeps so that a run does not decode the same
/// JSON again: read back equal to the JSON's decoding, refused when cut or changed, and used by
/// the loader only for a file with the same bytes.
@Suite("Learned cues in binary form")
struct LearnedCuesBinaryTests {
  /// A cache in memory that counts what is asked of it.
  final class MemoryCache: LearnedCuesCache, @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [String: [UInt8]] = [:]
    private(set) var hits = 0
    private(set) var offered = 0

    func cues(sha256: String) -> LearnedCues? {
      lock.withLock {
        guard let form = kept[sha256], let cues = LearnedCues(binaryForm: form) else { return nil }
        hits += 1
        return cues
      }
    }

    func decoded(_ cues: LearnedCues, sha256: String) {
      lock.withLock {
        offered += 1
        kept[sha256] = cues.binaryForm()
      }
    }

    func damage() { lock.withLock { kept = kept.mapValues { Array($0.dropLast()) } } }
  }

  @Test func theDemoCuesAreReadBackAsTheJSONDecodes() throws {
    let data = try Data(contentsOf: KwalProcess.packageRoot.appendingPathComponent("Codebooks/lastmile.learned.json"))
    let cues = try JSONDecoder().decode(LearnedCues.self, from: data)
    let form = cues.binaryForm()
    #expect(LearnedCues(binaryForm: form) == cues)
    #expect(cues.binaryForm() == form, "the same cues give the same bytes")
    // Cut anywhere (a sample of places, the whole form is large) or with a byte too many: nothing.
    for length in stride(from: 0, to: form.count, by: max(1, form.count / 97)) {
      #expect(LearnedCues(binaryForm: Array(form[0..<length])) == nil, "cut at \(length)")
    }
    #expect(LearnedCues(binaryForm: Array(form.dropLast())) == nil)
    #expect(LearnedCues(binaryForm: form + [0]) == nil)
  }

  @Test func theLoaderUsesTheCacheForTheSameBytesOnly() throws {
    try withFolder { folder in
      let url = try writeLearnedCodebook(in: folder)
      let cache = MemoryCache()
      let (first, _) = try Codebook.load(contentsOf: url, cuesCache: cache)
      #expect(cache.offered == 1 && cache.hits == 0)
      let (second, _) = try Codebook.load(contentsOf: url, cuesCache: cache)
      #expect(cache.hits == 1, "the second load reads the cache")
      #expect(second.learned == first.learned)
      #expect(second.info.learned == first.info.learned)
      // A damaged entry is read past: the JSON is decoded again and offered again.
      cache.damage()
      let (third, _) = try Codebook.load(contentsOf: url, cuesCache: cache)
      #expect(cache.offered == 2 && third.learned == first.learned)
      // Changed cues have another SHA-256: decoded, not taken from the cache.
      let cuesURL = folder.appendingPathComponent("cues.learned.json")
      var changed = try JSONDecoder().decode(LearnedCues.self, from: Data(contentsOf: cuesURL))
      changed.threshold = 0.91
      try changed.encoded().write(to: cuesURL)
      let (fourth, _) = try Codebook.load(contentsOf: url, cuesCache: cache)
      #expect(fourth.learned?.threshold == 0.91)
      #expect(cache.offered == 3)
    }
  }
}

/// The cues' digests made on the thread that reads the cues file give the fingerprints the
/// codebook would compute itself, and setting other cues drops them.
@Suite("Cue digests made early")
struct CueDigestTests {
  @Test func earlyDigestsGiveTheSameFingerprints() throws {
    let url = KwalProcess.packageRoot.appendingPathComponent("Codebooks/lastmile.yaml")
    let (loaded, _) = try Codebook.load(contentsOf: url)
    #expect(loaded.cueDigests != nil, "the demo codebook names its cues on a top-level line")
    var recomputed = loaded
    recomputed.learned = loaded.learned
    #expect(recomputed.cueDigests == nil)
    #expect(loaded.fingerprints().all == recomputed.fingerprints().all)
    #expect(loaded.fingerprints().withoutRules == recomputed.fingerprints().withoutRules)
    // Other cues: other fingerprints for the codes they weigh, never the early digests'.
    var other = loaded
    var cues = try #require(loaded.learned)
    cues.codes[0].bias += 1
    other.learned = cues
    #expect(other.fingerprints().all[cues.codes[0].code] != loaded.fingerprints().all[cues.codes[0].code])
  }

  @Test func anyChangedCueChangesItsCodesFingerprintOnly() throws {
    let url = KwalProcess.packageRoot.appendingPathComponent("Codebooks/lastmile.yaml")
    let (loaded, _) = try Codebook.load(contentsOf: url)
    let base = try #require(loaded.learned)
    let before = loaded.fingerprints().all
    let code = try #require(base.codes.firstIndex { Set($0.cues.values).count >= 2 })
    let id = base.codes[code].code
    let sorted = base.codes[code].cues.sorted { $0.key < $1.key }
    let first = sorted[0].key
    let second = try #require(sorted.first { $0.value != sorted[0].value }).key
    func fingerprints(_ change: (inout LearnedCues.LearnedCode) -> Void) -> [String: String] {
      var cues = base
      change(&cues.codes[code])
      var codebook = loaded
      codebook.learned = cues
      return codebook.fingerprints().all
    }
    let changes: [(String, (inout LearnedCues.LearnedCode) -> Void)] = [
      ("a weight", { $0.cues[first]? += 1e-12 }),
      (
        "two weights swapped",
        {
          $0.cues[first] = $0.cues[second]; $0.cues[second] = base.codes[code].cues[first]
        }
      ),
      ("a cue renamed", { $0.cues["\(first)x"] = $0.cues.removeValue(forKey: first) }),
      ("a cue removed", { $0.cues.removeValue(forKey: first) }),
      ("a cue added", { $0.cues["nieuwecue"] = 0.5 }),
    ]
    for (name, change) in changes {
      let after = fingerprints(change)
      #expect(after[id] != before[id], "\(name)")
      #expect(after.filter { $0.key != id } == before.filter { $0.key != id }, "\(name): other codes")
    }
    // The same cues inserted in other orders (sorted, reversed, every other one first): the same
    // fingerprints.
    let entries = base.codes[code].cues.sorted { $0.key < $1.key }
    let halves = entries.enumerated().sorted { ($0.offset % 2, $0.offset) < ($1.offset % 2, $1.offset) }.map(\.element)
    for order in [entries, entries.reversed(), halves] {
      #expect(fingerprints { $0.cues = Dictionary(uniqueKeysWithValues: order) } == before)
    }
  }
}

@Suite("Cues read early")
struct EarlyCuesLineTests {
  @Test func theFirstLineThatBeginsWithLearnedIsFound() {
    #expect(EarlyCues.learnedLine("name: x\nlearned: cues.json\ncodes: []\n") == "learned: cues.json")
    #expect(EarlyCues.learnedLine("learned: a.json") == "learned: a.json")
    #expect(EarlyCues.learnedLine("name: x\r\nlearned: b.json\r\n") == "learned: b.json")
    #expect(EarlyCues.learnedLine("learned: first.json\nlearned: second.json\n") == "learned: first.json")
    // Only at the start of a line (an indented or quoted key is no top-level `learned:`).
    #expect(EarlyCues.learnedLine("codes:\n  learned: no.json\nnote: 'learned: no'\n") == nil)
    #expect(EarlyCues.learnedLine("") == nil)
    #expect(EarlyCues.learnedLine("\n\n") == nil)
    #expect(EarlyCues.learnedLine("é: x\nlearned: ü.json") == "learned: ü.json")
  }
}
