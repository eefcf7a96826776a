@testable import KwalCoding
import Testing

/// Word globs: `*` any run of characters, `?` one character, matched against the whole word.
@Suite("Globs")
struct GlobTests {
  static let cases: [(pattern: String, word: String, matches: Bool)] = [
    ("overbrug*", "overbruggen", true), ("overbrug*", "brug", false), ("*samenwerk*", "samenwerkingsverband", true),
    ("kost?n", "kosten", true), ("kost?n", "kostten", false), ("*", "", true), ("a*b*c", "aXbYc", true),
    ("a*b*c", "aXbY", false), ("caf?", "café", true), ("*ë*", "coëfficiënt", true), ("??", "ij", true),
    // A character of two scalars (e and a combining acute) is one character to `?`.
    ("caf?", "cafe\u{301}", true), ("caf??", "cafe\u{301}", false),
    // A pattern with such a character matches only that character.
    ("cafe\u{301}", "cafe\u{301}", true), ("cafe\u{301}", "cafe", false),
    // An emoji of several scalars is one character.
    ("?", "👩‍💻", true), ("x*", "x👩‍💻y", true),
  ]

  /// The scalar comparison (taken for words whose every character is one scalar) agrees with the
  /// character comparison, and says when it cannot tell.
  @Test(arguments: Self.cases)
  func scalarsAgreeWithCharacters(_ example: (pattern: String, word: String, matches: Bool)) {
    let glob = Glob(example.pattern)
    #expect(glob.matches(Array(example.word)) == example.matches)
    if let byScalars = glob.matches(scalars: Array(example.word.unicodeScalars)) {
      #expect(byScalars == example.matches)
      #expect(example.word.unicodeScalars.count == example.word.count)
    }
  }
}
