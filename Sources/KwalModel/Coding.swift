/// The kind of unit a coding applies to.
public enum UnitKind: String, Sendable, Hashable, Codable, CaseIterable {
  /// One sentence.
  case sentence
  /// A paragraph (or any other text block: heading, list item, table row).
  case paragraph
  /// A speaker turn.
  case turn
  /// A numbered agenda item of minutes.
  case agendaItem = "agenda-item"
  /// The whole document.
  case document
  /// A free span, as a human coder marks it.
  case segment
}

/// A word (or words) that made a rule fire: where it is and which pattern it satisfied.
public struct MatchedWords: Sendable, Hashable, Codable {
  /// The words' range, in UTF-8 byte offsets into the document's plain text.
  public var range: ByteRange
  /// The pattern as written in the codebook, such as `stem: overbruggen`.
  public var pattern: String

  /// Creates a match record.
  public init(range: ByteRange, pattern: String) {
    self.range = range
    self.pattern = pattern
  }
}

/// A coded segment: the unit of text, the code, who coded it and why.
///
/// The coder is part of a coding's identity, so agreement between coders needs no special case.
public struct Coding: Sendable, Hashable, Codable {
  /// The document's id (its path relative to the corpus root).
  public var document: String
  /// The case of the document.
  public var caseName: String
  /// The kind of unit that was coded.
  public var unit: UnitKind
  /// The coded text's range, in UTF-8 byte offsets into the document's plain text.
  public var range: ByteRange
  /// The code id.
  public var code: String
  /// The coder: `auto:<codebook>@<version>` for rules, a person's name otherwise.
  public var coder: String
  /// The ids of the rules that fired, in codebook order (empty for human codings).
  public var rules: [String]
  /// The words that made the rules fire.
  public var matches: [MatchedWords]
  /// The coded text.
  public var text: String

  /// Creates a coding.
  public init(
    document: String, caseName: String, unit: UnitKind, range: ByteRange, code: String,
    coder: String, rules: [String] = [], matches: [MatchedWords] = [], text: String
  ) {
    self.document = document
    self.caseName = caseName
    self.unit = unit
    self.range = range
    self.code = code
    self.coder = coder
    self.rules = rules
    self.matches = matches
    self.text = text
  }
}
