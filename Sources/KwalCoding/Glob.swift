/// A word pattern with `*` (any run of characters) and `?` (one character), matched whole.
struct Glob: Sendable, Hashable {
  private let pattern: [Character]
  /// The pattern's scalars, for words whose every character is one scalar (nearly all); nil
  /// when the pattern itself has a character of more than one scalar.
  private let scalars: [Unicode.Scalar]?

  /// The longest run of literal characters (no `*` or `?`) when it is ASCII: every word the
  /// glob matches holds these bytes (``ScanIndex`` looks globs up by them); empty otherwise.
  let requiredBytes: [UInt8]

  init(_ pattern: String) {
    self.pattern = Array(pattern)
    let literal =
      pattern.split(whereSeparator: { $0 == "*" || $0 == "?" }).max(by: { $0.utf8.count < $1.utf8.count }) ?? ""
    requiredBytes = literal.utf8.allSatisfy { $0 < 0x80 } ? Array(literal.utf8) : []
    let scalars = Array(pattern.unicodeScalars)
    self.scalars = scalars.allSatisfy { Self.standsAlone($0) } ? scalars : nil
  }

  /// Below U+0300 (the combining marks) and not a carriage return, a scalar is a character of
  /// its own: comparing such scalars is comparing characters.
  private static func standsAlone(_ scalar: Unicode.Scalar) -> Bool { scalar.value < 0x300 && scalar != "\r" }

  func matches(_ word: String) -> Bool { matches(Array(word)) }

  /// Whether a word given as its scalars matches; `nil` when the word has a character of more
  /// than one scalar (or a scalar that may join others), which only ``matches(_:)-([Character])``
  /// can tell.
  func matches(scalars text: [Unicode.Scalar]) -> Bool? {
    guard let scalars else { return nil }
    for scalar in text where !Self.standsAlone(scalar) { return nil }
    return Self.match(scalars, text)
  }

  /// Whether the word given as its characters matches.
  func matches(_ text: [Character]) -> Bool { Self.match(pattern, text) }

  private static func match<Element: Equatable & ExpressibleByUnicodeScalarLiteral>(
    _ pattern: [Element], _ text: [Element]
  ) -> Bool {
    let any: Element = "?"
    let run: Element = "*"
    var p = 0
    var t = 0
    var star = -1
    var mark = 0
    while t < text.count {
      if p < pattern.count && (pattern[p] == any || pattern[p] == text[t]) {
        p += 1
        t += 1
      } else if p < pattern.count && pattern[p] == run {
        star = p
        mark = t
        p += 1
      } else if star >= 0 {
        p = star + 1
        mark += 1
        t = mark
      } else {
        return false
      }
    }
    while p < pattern.count && pattern[p] == run { p += 1 }
    return p == pattern.count
  }
}
