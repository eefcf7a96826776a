public import Foundation
public import KwalModel

/// A codebook: metadata, matching policy, and codes with their rules and examples.
///
/// Load one with ``Codebook/load(contentsOf:)`` or ``Codebook/parse(_:file:)``; compile it with
/// ``CompiledCodebook`` before coding.
public struct Codebook: Sendable, Hashable {
  /// The name, version, authors and code tree.
  public var info: CodebookInfo
  /// The matching policy stated in the file (with defaults for what it leaves out).
  public var policy: MatchingPolicy
  /// The codes, in file order, with their rules.
  public var codes: [CodeSpec]
  /// The file the codebook was read from, for messages.
  public var file: String
  /// The learned cues file the codebook names (`learned:`), as written, and where it is named.
  public var learnedFile: String?
  public var learnedLocation: SourceLocation?
  /// The learned cues, read by ``Codebook/load(contentsOf:)`` from ``learnedFile``.
  public var learned: LearnedCues? { didSet { cueDigests = nil } }
  /// Each code's cues digested for its fingerprint (``LearnedCues/codeDigests()``), made while
  /// the YAML was parsed; nil when not made or when ``learned`` was set since.
  var cueDigests: CueDigests?
  /// The codebook's domain (top-level `context:`): what a passage must be about for the codes
  /// that say `context: domain`.
  public var domain: CodeGuard?
  /// The file's text that each code's codings depend on (see ``codeFingerprints()``).
  var fingerprintSource: CodeFingerprintSource?

  /// Creates a codebook.
  public init(
    info: CodebookInfo, policy: MatchingPolicy = MatchingPolicy(), codes: [CodeSpec], file: String = "codebook"
  ) {
    self.info = info
    self.policy = policy
    self.codes = codes
    self.file = file
  }

  /// Where ``learnedFile`` is: relative to the codebook's folder.
  public var learnedURL: URL? {
    learnedFile.map {
      URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: file).deletingLastPathComponent()).standardizedFileURL
    }
  }

  /// Every rule of every code, in codebook order.
  public var rules: [Rule] { codes.flatMap(\.rules) }
}

/// How text is compared with patterns; every choice is explicit in the codebook's `policy`.
public struct MatchingPolicy: Sendable, Hashable {
  /// What to do when several rules of one code fire on the same unit.
  public enum Overlap: String, Sendable, Hashable, CaseIterable {
    /// One coding listing every rule id.
    case merge
    /// One coding per rule.
    case separate
  }

  /// `Overleg` matches `overleg`.
  public var caseFolding = true
  /// `coöperatie` matches `cooperatie`.
  public var diacriticFolding = true
  /// Several rules of one code on one unit.
  public var overlap = Overlap.merge
  /// The unit a rule codes when it does not say.
  public var scope = UnitKind.sentence
  /// How many tokens before and after a match a negation guard looks at (within the sentence).
  public var negationWindow = 3
  /// The words that negate (normalised).
  public var negations = ["niet", "geen", "nooit", "allerminst", "nergens", "niemand", "niets", "geenszins", "noch"]
  /// Speaker roles whose turns are never coded, unless a rule names roles itself.
  public var excludeRoles: [SpeakerRole] = []

  /// The default policy.
  public init() {}
}

/// A code with its rules, exclusion patterns and examples.
public struct CodeSpec: Sendable, Hashable {
  /// The code's definition (id, label, parent, criteria, colour, memo).
  public var definition: CodeDefinition
  /// The rules that apply the code.
  public var rules: [Rule]
  /// Patterns that suppress the code in a unit where one of them matches.
  public var excludePatterns: [Pattern]
  /// Exclusion criteria made executable (`exclude:` entries with patterns): the code is not
  /// given where one of a guard's patterns occurs within its scope.
  public var excludeGuards: [CodeGuard] = []
  /// What the code's passage must be about (`context:`): the code is given only where one of
  /// the guard's patterns occurs within its scope.
  public var context: CodeGuard?
  /// Sentences that must receive the code.
  public var positiveExamples: [Example]
  /// Sentences that must not receive the code.
  public var negativeExamples: [Example]
  /// Where the code is defined in the file.
  public var location: SourceLocation?
  /// Where its `parent:` is, for errors about the parent.
  public var parentLocation: SourceLocation?

  /// Creates a code.
  public init(
    definition: CodeDefinition, rules: [Rule] = [], excludePatterns: [Pattern] = [],
    positiveExamples: [Example] = [], negativeExamples: [Example] = [], location: SourceLocation? = nil
  ) {
    self.definition = definition
    self.rules = rules
    self.excludePatterns = excludePatterns
    self.positiveExamples = positiveExamples
    self.negativeExamples = negativeExamples
    self.location = location
  }

  /// The code id.
  public var id: String { definition.id }
}

/// Patterns a coded passage is checked against, at a scope around the coded unit: an exclusion
/// criterion (the code is refused where one matches) or a context (the code is given only where
/// one matches).
public struct CodeGuard: Sendable, Hashable {
  /// How far around the coded unit the patterns are looked for.
  public enum Scope: String, Sendable, Hashable, CaseIterable {
    /// The coded unit itself.
    case unit
    /// The paragraph (block) holding the coded unit.
    case paragraph
    /// The speaker turn holding it (the paragraph where there are no turns).
    case turn
    /// The whole document.
    case document
  }

  /// The scope.
  public var scope: Scope
  /// The patterns; one is enough.
  public var patterns: [Pattern]
  /// The criterion in words (an `exclude:` entry's `text`), if any.
  public var criterion: String?
  /// Where it is in the file.
  public var location: SourceLocation?

  /// Creates a guard.
  public init(scope: Scope, patterns: [Pattern], criterion: String? = nil, location: SourceLocation? = nil) {
    self.scope = scope
    self.patterns = patterns
    self.criterion = criterion
    self.location = location
  }
}

/// An example sentence of a code, optionally said by someone in a role.
public struct Example: Sendable, Hashable {
  /// The sentence.
  public var text: String
  /// The speaker's role (respondent when not given).
  public var role: SpeakerRole?
  /// Where it is in the file.
  public var location: SourceLocation?

  /// Creates an example.
  public init(text: String, role: SpeakerRole? = nil, location: SourceLocation? = nil) {
    self.text = text
    self.role = role
    self.location = location
  }
}

/// A rule: when it fires on a unit, the unit gets the rule's code.
public struct Rule: Sendable, Hashable {
  /// The rule id (`<code>#<n>` when the file gives none).
  public var id: String
  /// The code the rule applies.
  public var code: String
  /// At least one must match (when not empty).
  public var any: [Pattern]
  /// Every one must match.
  public var all: [Pattern]
  /// None may match.
  public var none: [Pattern]
  /// The unit the rule codes.
  public var scope: UnitKind
  /// Whether matches negated nearby are refused.
  public var negation: Bool
  /// Where the rule applies.
  public var filter: RuleFilter
  /// Where the rule is in the file.
  public var location: SourceLocation?

  /// Creates a rule.
  public init(
    id: String, code: String, any: [Pattern] = [], all: [Pattern] = [], none: [Pattern] = [],
    scope: UnitKind = .sentence, negation: Bool = false, filter: RuleFilter = RuleFilter(),
    location: SourceLocation? = nil
  ) {
    self.id = id
    self.code = code
    self.any = any
    self.all = all
    self.none = none
    self.scope = scope
    self.negation = negation
    self.filter = filter
    self.location = location
  }
}

/// Where a rule applies; an empty list allows everything.
public struct RuleFilter: Sendable, Hashable {
  /// Document kinds.
  public var documentKinds: [DocumentKind] = []
  /// Segment kinds the unit must be in.
  public var segmentKinds: [SegmentKind] = []
  /// Speaker roles whose words count (overrides the policy's `exclude-roles`).
  public var roles: [SpeakerRole] = []
  /// Cases.
  public var cases: [String] = []
  /// Attribute values, by attribute name.
  public var attributes: [String: [String]] = [:]

  /// Allows everything.
  public init() {}
}

/// A pattern that matches words of a unit.
public indirect enum Pattern: Sendable, Hashable, CustomStringConvertible {
  /// The normalised word exactly.
  case word(String)
  /// Any word with the same Snowball stem as the given word.
  case stem(String)
  /// Normalised words matching a glob (`*`, `?`).
  case glob(String)
  /// The word itself or a Dutch compound with it as a part.
  case compound(String)
  /// Normalised words matching a regular expression (whole word).
  case regex(String)
  /// Consecutive words, with optional gaps.
  case phrase([PhraseElement])
  /// Every part within a window of tokens, ordered or not.
  case near([Pattern], within: Int, ordered: Bool)
  /// Any one of a list of single-word patterns (words, stems, globs, compounds, regexes): written
  /// as a YAML list where a pattern goes, such as `[~kosten, ~prijs, {compound: tarief}]`.
  case oneOf([Pattern])

  /// The pattern as a codebook writes it, such as `stem: overbruggen`.
  public var description: String {
    switch self {
    case .word(let word): return "word: \(word)"
    case .stem(let word): return "stem: \(word)"
    case .glob(let glob): return "glob: \(glob)"
    case .compound(let part): return "compound: \(part)"
    case .regex(let source): return "regex: \(source)"
    case .phrase(let elements): return "phrase: \(elements.map(\.description).joined(separator: " "))"
    case .near(let parts, let within, let ordered):
      return "near: [\(parts.map(\.description).joined(separator: ", "))] within \(within)\(ordered ? " ordered" : "")"
    case .oneOf(let members): return "[\(members.map(\.listMember).joined(separator: ", "))]"
    }
  }

  /// The pattern as a member of a word list, in the codebook's shorthand where one exists
  /// (`overleg`, `~kosten`, `overbrug*`), in braces otherwise (`{compound: tarief}`).
  var listMember: String {
    switch self {
    case .word(let word) where Self.isPlainShorthand(word): return word
    case .stem(let word): return "~\(word)"
    case .glob(let glob) where !glob.contains(" ") && glob.contains(where: { $0 == "*" || $0 == "?" }): return glob
    default: return "{\(description)}"
    }
  }

  /// Whether a word written bare reads back as that word (not a stem, glob or phrase).
  private static func isPlainShorthand(_ word: String) -> Bool {
    !word.isEmpty && !word.hasPrefix("~") && !word.contains(where: { $0 == " " || $0 == "*" || $0 == "?" })
  }
}

/// One element of a phrase.
public enum PhraseElement: Sendable, Hashable, CustomStringConvertible {
  /// A word, compared after normalisation.
  case word(String)
  /// A word compared by its stem (`~word`).
  case stem(String)
  /// A word matching a glob.
  case glob(String)
  /// A gap of `min` to `max` words.
  case gap(min: Int, max: Int)

  /// The element as written.
  public var description: String {
    switch self {
    case .word(let word): return word
    case .stem(let word): return "~\(word)"
    case .glob(let glob): return glob
    case .gap: return "…"
    }
  }
}

/// Digests of a codebook's learned cues, kept with it as a cache: no part of its value (two
/// codebooks equal but for it are equal).
struct CueDigests: Sendable, Hashable {
  var byCode: [String: [UInt8]]

  static func == (lhs: CueDigests, rhs: CueDigests) -> Bool { true }
  func hash(into hasher: inout Hasher) {}
}
