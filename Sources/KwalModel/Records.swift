/// A word that made a rule fire, as users see it: the form and its Unicode scalar offsets.
public struct MatchedWord: Sendable, Hashable, Codable {
  /// The word as it appears in the text.
  public var word: String
  /// The first scalar, 0-based, into the document's plain text.
  public var start: Int
  /// The scalar after the last, end exclusive.
  public var end: Int

  /// Creates a matched word.
  public init(word: String, start: Int, end: Int) {
    self.word = word
    self.start = start
    self.end = end
  }
}

/// Where a coding lies and what it codes: its identity when codings are found again (a second
/// read of a file, KWIC lines, duplicate segments).
public struct CodingAddress: Hashable, Sendable {
  public var document: String
  public var start: Int
  public var end: Int
  public var code: String

  public init(document: String, start: Int, end: Int, code: String) {
    self.document = document
    self.start = start
    self.end = end
    self.code = code
  }

  /// The address of `coding`.
  public init(_ coding: CodingRecord) {
    self.init(document: coding.document, start: coding.start, end: coding.end, code: coding.code)
  }
}

/// One coded segment as it is written to and read from `codings.csv`.
///
/// Offsets are Unicode scalar offsets (0-based, end exclusive) into the document's plain text,
/// so Python's `text[start:end]` gives ``text`` back. Human and automatic codings have the same
/// shape: the coder is part of a coding's identity.
public struct CodingRecord: Sendable, Hashable, Codable {
  /// The document id (path relative to the corpus root).
  public var document: String
  /// The case of the document.
  public var caseName: String
  /// The kind of unit that was coded (`sentence`, `paragraph`, `turn`, `agenda-item`,
  /// `document` or `segment`).
  public var unit: UnitKind
  /// The first scalar of the coded text.
  public var start: Int
  /// The scalar after the last of the coded text.
  public var end: Int
  /// The code id.
  public var code: String
  /// Who coded: `auto:<codebook>@<version>` for rules, a person's name otherwise.
  public var coder: String
  /// The ids of the rules that fired (empty for human codings).
  public var rules: [String]
  /// The words that made the rules fire.
  public var matched: [MatchedWord]
  /// The coded text.
  public var text: String
  /// The speaker of the turn the coded unit lies in, as written (`R2`, `Kant`), if any.
  public var speaker: String? = nil
  /// The speaker's role (interviewer, respondent, chair, member …), if known.
  public var role: SpeakerRole? = nil
  /// The PDF page the coded unit starts on (1-based), for documents read from PDF.
  public var page: Int? = nil
  /// The time the coded unit starts at in a recording (caption cue or transcript timestamp).
  public var timestamp: String? = nil
  /// The learned cues' probability for the code in the coded sentence (nil where they gave
  /// none); for a suggestion, its probability.
  public var cueProbability: Double? = nil
  /// The content hash of the codebook that made an automatic coding (``CodebookInfo/hash``).
  public var codebookHash: String? = nil

  /// Creates a coding record.
  public init(
    document: String, caseName: String, unit: UnitKind = .segment, start: Int, end: Int, code: String,
    coder: String, rules: [String] = [], matched: [MatchedWord] = [], text: String
  ) {
    self.document = document
    self.caseName = caseName
    self.unit = unit
    self.start = start
    self.end = end
    self.code = code
    self.coder = coder
    self.rules = rules
    self.matched = matched
    self.text = text
  }

  /// Orders codings by document, start, end, code and coder: the order of every output file.
  public static func outputOrder(_ lhs: CodingRecord, _ rhs: CodingRecord) -> Bool {
    if lhs.document != rhs.document { return lhs.document < rhs.document }
    if lhs.start != rhs.start { return lhs.start < rhs.start }
    if lhs.end != rhs.end { return lhs.end < rhs.end }
    if lhs.code != rhs.code { return lhs.code < rhs.code }
    return lhs.coder < rhs.coder
  }

  private enum CodingKeys: String, CodingKey {
    case document, caseName = "case", unit, start, end, code, coder, rules, matched, text, speaker, role, page,
      timestamp
    case cueProbability = "cue_probability"
    case codebookHash = "codebook_hash"
  }
}

/// One document of a coding run, as written to `documents.csv`.
public struct DocumentRecord: Sendable, Hashable, Codable {
  /// The document id (path relative to the corpus root).
  public var document: String
  /// The case.
  public var caseName: String
  /// The document kind.
  public var kind: DocumentKind
  /// The title, when known.
  public var title: String?
  /// The date (ISO 8601), when known.
  public var date: String?
  /// The number of Unicode scalars in the plain text.
  public var characters: Int
  /// The number of word and number tokens.
  public var words: Int
  /// The number of tokens, punctuation included.
  public var tokens: Int
  /// The number of sentences.
  public var sentences: Int
  /// Manifest and source attributes (phase, actor...).
  public var attributes: [String: String]

  /// Creates a document record.
  public init(
    document: String, caseName: String, kind: DocumentKind, title: String? = nil, date: String? = nil,
    characters: Int, words: Int, tokens: Int, sentences: Int, attributes: [String: String] = [:]
  ) {
    self.document = document
    self.caseName = caseName
    self.kind = kind
    self.title = title
    self.date = date
    self.characters = characters
    self.words = words
    self.tokens = tokens
    self.sentences = sentences
    self.attributes = attributes
  }

  private enum CodingKeys: String, CodingKey {
    case document, caseName = "case", kind, title, date, characters, words, tokens, sentences, attributes
  }
}

/// A unit of a document that codings can be counted by, as written to `units.csv`:
/// sentences, paragraphs (and other blocks), speaker turns, agenda items and whole documents.
public struct UnitRecord: Sendable, Hashable, Codable {
  /// The document id.
  public var document: String
  /// The unit kind.
  public var unit: UnitKind
  /// The first scalar.
  public var start: Int
  /// The scalar after the last.
  public var end: Int
  /// The speaker, for turns (and for sentences and paragraphs inside a turn).
  public var speaker: String?
  /// The speaker's role, where known.
  public var role: SpeakerRole?

  /// Creates a unit record.
  public init(document: String, unit: UnitKind, start: Int, end: Int, speaker: String? = nil, role: SpeakerRole? = nil)
  {
    self.document = document
    self.unit = unit
    self.start = start
    self.end = end
    self.speaker = speaker
    self.role = role
  }
}
