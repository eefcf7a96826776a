import Foundation
import KwalCoding
import KwalModel
import Testing

/// Exclusion criteria and contexts that keep a code's sense: the same words in another sense
/// (a walk in the woods, a literal bridge) are not coded, and a code that needs the codebook's
/// domain is given only in passages about it.
@Suite("Guards: exclusion criteria and contexts")
struct GuardTests {
  static let codebook = """
    codebook:
      name: zin
      version: 1.0.0
    context:
      scope: document
      any: [{compound: gemeente}, {compound: samenwerking}, {stem: partner}, {compound: project}, {stem: vervoerder}]
    codes:
      - id: wandering
        context: domain
        exclude:
          - "Letterlijk verdwalen (prose only)"
          - text: "Letterlijk dwalen: in een bos, een stad of een gebouw"
            scope: paragraph
            any: [{compound: bos}, {word: wandeling}, {compound: wijk}]
        rules:
          - any: [{stem: dwalen}, {phrase: "uit het oog"}]
      - id: bridging
        exclude:
          - text: "Een brug van steen of staal"
            any: [{phrase: "over de rivier"}, {word: voetgangersbrug}]
        rules:
          - any: [{stem: overbruggen}, "brug slaan", "een brug"]
    """

  func codes(_ text: String) throws -> [String] {
    let (codebook, _) = try Codebook.parse(Self.codebook, file: "zin.yaml")
    let context = CodingContext(CompiledCodebook(codebook))
    let paragraphs = text.components(separatedBy: "\n\n")
    var segments: [Segment] = []
    var offset = 0
    for paragraph in paragraphs {
      segments.append(Segment(kind: .paragraph, range: ByteRange(offset, offset + paragraph.utf8.count)))
      offset += paragraph.utf8.count + 2
    }
    let document = Document(id: "d.txt", kind: .document, caseName: "A", text: text, segments: segments)
    return context.code(document).codings.map { "\($0.code): \($0.text)" }
  }

  @Test func anExclusionCriterionRefusesTheCodeWithinItsScope() throws {
    let text = """
      De gemeente en de vervoerders werkten samen.

      Op zondag dwalen we graag rond. Het bos is prachtig.

      Later dwaalden we af van het gezamenlijke doel.
      """
    #expect(try codes(text) == ["wandering: Later dwaalden we af van het gezamenlijke doel."])
  }

  @Test func aContextKeepsTheCodeToPassagesAboutTheDomain() throws {
    // The same sentence, in a text without the domain: no coding.
    #expect(try codes("Later dwaalden we af van het gezamenlijke doel.").isEmpty)
    #expect(
      try codes("Het project liep goed.\n\nLater dwaalden we af van het gezamenlijke doel.")
        == ["wandering: Later dwaalden we af van het gezamenlijke doel."])
  }

  @Test func aUnitScopedCriterionLooksAtTheCodedUnitOnly() throws {
    #expect(try codes("We slaan een brug over de rivier.").isEmpty)
    #expect(
      try codes("De voetgangersbrug is dicht. We slaan een brug tussen de partners.") == [
        "bridging: We slaan een brug tussen de partners."
      ])
  }

  @Test func proseCriteriaStayAndExecutableOnesAreKeptAsText() throws {
    let (codebook, _) = try Codebook.parse(Self.codebook, file: "zin.yaml")
    let wandering = try #require(codebook.codes.first { $0.id == "wandering" })
    #expect(
      wandering.definition.exclude == [
        "Letterlijk verdwalen (prose only)", "Letterlijk dwalen: in een bos, een stad of een gebouw",
      ])
    #expect(wandering.excludeGuards.count == 1)
    #expect(wandering.excludeGuards.first?.scope == .paragraph)
    #expect(wandering.context?.scope == .document)
  }

  /// The codebook's own criteria hold for every code that codes text: each lists them after its
  /// own (once, though it names one itself), and they refuse its codings like its own criteria.
  @Test func codebookCriteriaHoldForEveryCode() throws {
    let yaml = """
      codebook: {name: zin, version: 1.0.0}
      exclude:
        - "Een citaat uit de krant"
        - text: "Het privéleven van de spreker"
          any: ["mijn dochter"]
      codes:
        - id: group
          codable: false
        - id: bridging
          parent: group
          exclude: ["Een citaat uit de krant", "Een brug van steen"]
          rules: [{any: [{stem: overbruggen}]}]
        - id: wandering
          parent: group
          rules: [{any: [{stem: dwalen}]}]
      """
    let (codebook, _) = try Codebook.parse(yaml, file: "zin.yaml")
    let exclude = Dictionary(uniqueKeysWithValues: codebook.codes.map { ($0.id, $0.definition.exclude) })
    #expect(exclude["group"] == [])
    #expect(exclude["bridging"] == ["Een citaat uit de krant", "Een brug van steen", "Het privéleven van de spreker"])
    #expect(exclude["wandering"] == ["Een citaat uit de krant", "Het privéleven van de spreker"])
    let context = CodingContext(CompiledCodebook(codebook))
    let text = "Mijn dochter dwaalt af. We overbruggen de verschillen. We dwalen af van het doel."
    let document = Document(id: "d.txt", kind: .document, caseName: "A", text: text, segments: [])
    #expect(
      context.code(document).codings.map { "\($0.code): \($0.text)" } == [
        "bridging: We overbruggen de verschillen.", "wandering: We dwalen af van het doel.",
      ])
    // `explain` names the criterion that refused the code, and its words.
    let reasons = CodingContext(CompiledCodebook(codebook)).explain("Mijn dochter dwaalt af.").flatMap(\.reasons)
    #expect(
      reasons.contains("exclusion criterion \"Het privéleven van de spreker\" of wandering matched \"Mijn dochter\""),
      "\(reasons)")
  }

  @Test(arguments: [
    ("exclude:\n  - any: [x]\n", "needs its \"text\"", 5),
    ("context:\n  scope: chapter\n  any: [x]\n", "unknown scope \"chapter\"", 5),
    ("context:\n  scope: document\n", "needs \"any:\"", 5),
    ("codes:\n  - id: a\n    context: domain\n    rules: [{any: [x]}]\n", "the codebook has no top-level context:", 6),
    (
      "codes:\n  - id: a\n    exclude:\n      - any: [x]\n    rules: [{any: [x]}]\n",
      "needs its \"text\"", 7
    ),
    (
      "codes:\n  - id: a\n    exclude:\n      - text: t\n        any: [{regex: \"(\"}]\n    rules: [{any: [x]}]\n",
      "regex", 8
    ),
  ])
  func badGuardsAreLocatedErrors(_ example: (String, String, Int)) {
    var yaml = "codebook:\n  name: t\n  version: 1.0.0\n" + example.0
    if !yaml.contains("codes:") { yaml += "codes:\n  - id: a\n    rules: [{any: [x]}]\n" }
    do {
      _ = try Codebook.parse(yaml, file: "t.yaml")
      Issue.record("expected an error: \(example.1)")
    } catch {
      #expect(error.kind == .badData)
      #expect(error.description.contains(example.1), "\(error.description)")
      #expect(error.location?.line == example.2, "\(error.description)")
    }
  }
}
