/// A label in Dutch and English.
public struct Label: Sendable, Hashable, Codable {
  /// The Dutch label.
  public var nl: String?
  /// The English label.
  public var en: String?

  /// Creates a label.
  public init(nl: String? = nil, en: String? = nil) {
    self.nl = nl
    self.en = en
  }

  /// The label to show: Dutch first, then English.
  public var display: String? { nl ?? en }
}

/// A code of a codebook, without its rules: what REFI-QDA, reports and analysis need.
public struct CodeDefinition: Sendable, Hashable, Codable {
  /// The stable kebab-case id.
  public var id: String
  /// The label.
  public var label: Label
  /// The parent code's id, for codes in a tree.
  public var parent: String?
  /// The definition, in the codebook's language.
  public var definition: String?
  /// When to apply the code.
  public var include: [String]
  /// When not to apply the code.
  public var exclude: [String]
  /// A display colour, `#rrggbb`.
  public var color: String?
  /// A memo.
  public var memo: String?
  /// Whether the code may be applied to text (a pure grouping code is not codable).
  public var isCodable: Bool

  /// Creates a code.
  public init(
    id: String, label: Label = Label(), parent: String? = nil, definition: String? = nil,
    include: [String] = [], exclude: [String] = [], color: String? = nil, memo: String? = nil,
    isCodable: Bool = true
  ) {
    self.id = id
    self.label = label
    self.parent = parent
    self.definition = definition
    self.include = include
    self.exclude = exclude
    self.color = color
    self.memo = memo
    self.isCodable = isCodable
  }
}

/// A codebook's metadata and code tree, without rules.
public struct CodebookInfo: Sendable, Hashable, Codable {
  /// The codebook's name (used in the rule coder's name `auto:<name>@<version>`).
  public var name: String
  /// The codebook's version.
  public var version: String
  /// The language of the coded texts (`nl`).
  public var language: String
  /// The authors.
  public var authors: [String]
  /// What the codebook is for.
  public var description: String?
  /// The codes, in codebook order (parents before their children).
  public var codes: [CodeDefinition]
  /// The learned cues the codebook named when it coded (nil without `learned:`): which file,
  /// its SHA-256 and threshold, so two outputs of one codebook version can be told apart.
  public var learned: LearnedCuesProvenance?
  /// The codebook's code sets (`sets:`); written to JSON only when there are any.
  public var sets: [CodeSet] = []
  /// The SHA-256 of the codebook file's bytes, in hexadecimal (nil for a codebook not read from a file).
  public var yamlSHA256: String?
  /// The codebook's content hash: 16 hexadecimal digits of the SHA-256 of the codebook file's
  /// and the learned cues file's hashes, so two states of one codebook version never look alike
  /// (the `codebook_hash` column of `codings.csv`).
  public var hash: String?

  /// Creates a codebook.
  public init(
    name: String, version: String, language: String = "nl", authors: [String] = [],
    description: String? = nil, codes: [CodeDefinition] = [], sets: [CodeSet] = []
  ) {
    self.sets = sets
    self.name = name
    self.version = version
    self.language = language
    self.authors = authors
    self.description = description
    self.codes = codes
  }

  /// The name of the rule coder: `auto:<name>@<version>`.
  public var coderName: String { "auto:\(name)@\(version)" }

  /// The coder of the learned cues' suggestions: `auto:<name>@<version>/suggest`.
  public var suggestionCoderName: String { coderName + CodebookInfo.suggestionSuffix }

  /// The suffix that marks a suggestion's coder.
  public static let suggestionSuffix = "/suggest"

  /// The ids of `code`'s ancestors, nearest first (cycles stop the walk).
  public func ancestors(of code: String) -> [String] {
    var byID: [String: CodeDefinition] = [:]
    for definition in codes { byID[definition.id] = definition }
    return Self.ancestors(of: code, in: byID)
  }

  /// Every code's top-level ancestor (itself for a top-level code), in one pass over the tree.
  public func topLevelCodes() -> [(code: String, topLevel: String)] {
    var byID: [String: CodeDefinition] = [:]
    for definition in codes { byID[definition.id] = definition }
    return codes.map { ($0.id, Self.ancestors(of: $0.id, in: byID).last ?? $0.id) }
  }

  private static func ancestors(of code: String, in byID: [String: CodeDefinition]) -> [String] {
    var result: [String] = []
    var current = byID[code]?.parent
    while let parent = current, !result.contains(parent), parent != code {
      result.append(parent)
      current = byID[parent]?.parent
    }
    return result
  }
}

/// Which learned cues a codebook coded with (see ``CodebookInfo/learned``).
public struct LearnedCuesProvenance: Sendable, Hashable, Codable {
  /// The file as the codebook names it.
  public var file: String
  /// The SHA-256 of the file's bytes, in hexadecimal.
  public var sha256: String
  /// The probability a sentence must reach.
  public var threshold: Double
  /// The probability a sentence must reach to continue a code of the sentence before it, if any.
  public var continuation: Double?
  /// How many codes have cues.
  public var codes: Int

  /// Creates a provenance record.
  public init(file: String, sha256: String, threshold: Double, continuation: Double? = nil, codes: Int) {
    self.file = file
    self.sha256 = sha256
    self.threshold = threshold
    self.continuation = continuation
    self.codes = codes
  }
}

extension CodebookInfo {
  private enum CodingKeys: String, CodingKey {
    case name, version, language, authors, description, codes, learned, sets
    case yamlSHA256 = "yaml_sha256"
    case hash
  }

  /// Decodes a codebook; `sets` may be absent (files written before sets existed).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      name: try container.decode(String.self, forKey: .name),
      version: try container.decode(String.self, forKey: .version),
      language: try container.decode(String.self, forKey: .language),
      authors: try container.decode([String].self, forKey: .authors),
      description: try container.decodeIfPresent(String.self, forKey: .description),
      codes: try container.decode([CodeDefinition].self, forKey: .codes),
      sets: try container.decodeIfPresent([CodeSet].self, forKey: .sets) ?? [])
    learned = try container.decodeIfPresent(LearnedCuesProvenance.self, forKey: .learned)
    yamlSHA256 = try container.decodeIfPresent(String.self, forKey: .yamlSHA256)
    hash = try container.decodeIfPresent(String.self, forKey: .hash)
  }

  /// Encodes a codebook as before sets existed, with `sets` added only when there are any.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(name, forKey: .name)
    try container.encode(version, forKey: .version)
    try container.encode(language, forKey: .language)
    try container.encode(authors, forKey: .authors)
    try container.encodeIfPresent(description, forKey: .description)
    try container.encode(codes, forKey: .codes)
    try container.encodeIfPresent(learned, forKey: .learned)
    if !sets.isEmpty { try container.encode(sets, forKey: .sets) }
    try container.encodeIfPresent(yamlSHA256, forKey: .yamlSHA256)
    try container.encodeIfPresent(hash, forKey: .hash)
  }
}
