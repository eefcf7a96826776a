/// A text as the name finder reads it: its Unicode scalars and its tokens (words, numbers and
/// single punctuation marks), each with scalar offsets.
struct NameTokens {
  enum Kind: Equatable {
    case word
    case number
    case mark
  }

  struct Token {
    var start: Int
    var end: Int
    var kind: Kind
    var text: String
    /// Whether the first scalar is an uppercase letter.
    var isCapitalised: Bool
    /// Whether a line break lies between this token and the one before.
    var afterLineBreak: Bool
    /// Whether the token starts a sentence (the first of a line, or after `.`, `!`, `?`, `:`).
    var startsSentence: Bool
  }

  let scalars: [Unicode.Scalar]
  private(set) var tokens: [Token] = []

  init(_ text: String) {
    scalars = Array(text.unicodeScalars)
    var index = 0
    var lineBreak = true
    var sentenceStart = true
    let count = scalars.count
    while index < count {
      let scalar = scalars[index]
      if scalar.properties.isWhitespace {
        if scalar == "\n" || scalar == "\r" { lineBreak = true }
        index += 1
        continue
      }
      let start = index
      let kind: Kind
      if Self.isLetter(scalar) {
        // A word: letters, with an inner apostrophe (`d'Ancona`) or hyphen (`Terwal-Arends`).
        index += 1
        while index < count {
          let next = scalars[index]
          if Self.isLetter(next) || next.properties.numericType != nil {
            index += 1
          } else if next == "'" || next == "’" || next == "-", index + 1 < count, Self.isLetter(scalars[index + 1]) {
            index += 2
          } else {
            break
          }
        }
        kind = .word
      } else if scalar.properties.numericType != nil {
        index += 1
        while index < count, scalars[index].properties.numericType != nil { index += 1 }
        kind = .number
      } else {
        index += 1
        kind = .mark
      }
      let text = String(String.UnicodeScalarView(scalars[start..<index]))
      tokens.append(
        Token(
          start: start, end: index, kind: kind, text: text,
          isCapitalised: kind == .word && scalar.properties.isUppercase,
          afterLineBreak: lineBreak, startsSentence: sentenceStart || lineBreak))
      lineBreak = false
      sentenceStart =
        kind == .mark && (text == "." || text == "!" || text == "?" || text == ":" || text == "•")
        || (sentenceStart && kind == .mark && (text == "\"" || text == "“" || text == "'" || text == "("))
    }
  }

  static func isLetter(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isAlphabetic }

  /// The text between two scalar offsets.
  func text(_ start: Int, _ end: Int) -> String {
    String(String.UnicodeScalarView(scalars[start..<end]))
  }

  /// Whether only spaces (no line break) lie between two scalar offsets.
  func onlySpaces(_ start: Int, _ end: Int) -> Bool {
    guard start <= end else { return false }
    return scalars[start..<end].allSatisfy { $0 == " " || $0 == "\u{A0}" || $0 == "\t" }
  }
}
