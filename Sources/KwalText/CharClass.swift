/// The classes the tokenizer distinguishes.
enum CharClass: UInt8 {
  case space, newline, letter, upperLetter, digit, apostrophe, hyphen, period, comma, colon, slash
  case ampersand, underscore, at, hash, openQuote, closeQuote, straightQuote, openBracket
  case closeBracket, terminal, ellipsis, dash, joiner, other

  /// Letters and digits (and combining marks, which count as letters).
  var isAlphanumeric: Bool { self == .letter || self == .upperLetter || self == .digit }
  /// Letters only.
  var isLetter: Bool { self == .letter || self == .upperLetter }
}

/// Classifies scalars: a switch for ASCII and Latin-1 (no table lookup behind a lazy global),
/// Unicode properties beyond.
enum CharClasses {
  /// The class of an ASCII byte.
  @inline(__always)
  static func ascii(_ value: UInt32) -> CharClass {
    switch value {
    case 0x61...0x7A: return .letter
    case 0x41...0x5A: return .upperLetter
    case 0x30...0x39: return .digit
    case 0x20: return .space
    case 0x0A: return .newline
    case 0x2E: return .period
    case 0x2C: return .comma
    case 0x27, 0x60: return .apostrophe
    case 0x2D: return .hyphen
    case 0x3A: return .colon
    case 0x2F: return .slash
    case 0x26: return .ampersand
    case 0x5F: return .underscore
    case 0x40: return .at
    case 0x23: return .hash
    case 0x22: return .straightQuote
    case 0x28, 0x5B, 0x7B: return .openBracket
    case 0x29, 0x5D, 0x7D: return .closeBracket
    case 0x21, 0x3F: return .terminal
    case 0x00...0x1F, 0x7F: return .space
    default: return .other
    }
  }

  /// The class of `value`.
  @inline(__always)
  static func classify(_ value: UInt32) -> CharClass {
    if value < 0x80 { return ascii(value) }
    switch value {
    case 0xC0...0xD6, 0xD8...0xDE: return .upperLetter  // À…Þ
    case 0xDF...0xF6, 0xF8...0xFF: return .letter  // ß…ÿ
    default: return classifyBeyondLatin1(value)
    }
  }

  static func classifyBeyondLatin1(_ value: UInt32) -> CharClass {
    switch value {
    case 0x85, 0x2028, 0x2029: return .newline
    case 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000, 0xFEFF: return .space
    case 0x200B, 0x200C, 0x2060: return .space
    case 0x200D, 0xFE0E, 0xFE0F, 0x1F3FB...0x1F3FF, 0xE0020...0xE007F: return .joiner
    case 0x2019, 0x00B4, 0x02BC: return .apostrophe
    case 0x2018, 0x201A, 0x201B: return .openQuote
    case 0x201C, 0x201E, 0x201F, 0x00AB, 0x2039: return .openQuote
    case 0x201D, 0x00BB, 0x203A: return .closeQuote
    case 0x2010, 0x2011: return .hyphen
    case 0x2012...0x2015, 0x2212: return .dash
    case 0x2026: return .ellipsis
    case 0x00A1, 0x00BF: return .other
    case 0x00B2, 0x00B3, 0x00B9, 0x2070...0x2079: return .letter  // km², m³
    default: break
    }
    guard let scalar = Unicode.Scalar(value) else { return .other }
    let properties = scalar.properties
    switch properties.generalCategory {
    case .uppercaseLetter, .titlecaseLetter: return .upperLetter
    case .lowercaseLetter, .modifierLetter, .otherLetter: return .letter
    case .nonspacingMark, .spacingMark, .enclosingMark: return .letter
    case .decimalNumber: return .digit
    case .spaceSeparator: return .space
    case .lineSeparator, .paragraphSeparator: return .newline
    case .control, .format: return .space
    case .openPunctuation: return .openBracket
    case .closePunctuation: return .closeBracket
    case .initialPunctuation: return .openQuote
    case .finalPunctuation: return .closeQuote
    case .dashPunctuation: return .dash
    default: return .other
    }
  }
}
