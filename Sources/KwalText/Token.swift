/// What a token is.
public enum TokenKind: UInt8, Sendable, Hashable, Codable {
  /// A word, including hyphenated compounds, clitics and abbreviations.
  case word
  /// A number: 2019, 3,5, 1.250,50, 14.00.
  case number
  /// Punctuation: . , ; : ! ? quotes, brackets, dashes, ellipses.
  case punctuation
  /// Any other symbol: €, %, +, emoji.
  case symbol
  /// A web address.
  case url
  /// An e-mail address.
  case email
  /// An @mention.
  case mention
  /// A #hashtag.
  case hashtag
}

/// A token: where it is in the text (UTF-8 byte offsets) and what it is.
public struct Token: Sendable, Hashable {
  /// The first byte.
  public var start: Int32
  /// The byte after the last byte.
  public var end: Int32
  /// What the token is.
  public var kind: TokenKind

  /// Creates a token.
  @inlinable
  public init(start: Int, end: Int, kind: TokenKind) {
    self.start = Int32(truncatingIfNeeded: start)
    self.end = Int32(truncatingIfNeeded: end)
    self.kind = kind
  }

  /// The token's byte range.
  @inlinable
  public var range: Range<Int> { Int(start)..<Int(end) }
}
