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

/// Classifies scalars: a table for ASCII, Unicode properties beyond it.
enum CharClasses {
  private static let ascii: [CharClass] = {
    var table = [CharClass](repeating: .other, count: 128)
    for byte in 0..<32 { table[byte] = .space }
    table[0x0A] = .newline
    table[0x20] = .space
    table[0x7F] = .space
    for byte in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(byte)] = .letter }
    for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(byte)] = .upperLetter }
    for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(byte)] = .digit }
    table[Int(UInt8(ascii: "'"))] = .apostrophe
    table[Int(UInt8(ascii: "`"))] = .apostrophe
    table[Int(UInt8(ascii: "-"))] = .hyphen
    table[Int(UInt8(ascii: "."))] = .period
    table[Int(UInt8(ascii: ","))] = .comma
    table[Int(UInt8(ascii: ":"))] = .colon
    table[Int(UInt8(ascii: "/"))] = .slash
    table[Int(UInt8(ascii: "&"))] = .ampersand
    table[Int(UInt8(ascii: "_"))] = .underscore
    table[Int(UInt8(ascii: "@"))] = .at
    table[Int(UInt8(ascii: "#"))] = .hash
    table[Int(UInt8(ascii: "\""))] = .straightQuote
    table[Int(UInt8(ascii: "("))] = .openBracket
    table[Int(UInt8(ascii: "["))] = .openBracket
    table[Int(UInt8(ascii: "{"))] = .openBracket
    table[Int(UInt8(ascii: ")"))] = .closeBracket
    table[Int(UInt8(ascii: "]"))] = .closeBracket
    table[Int(UInt8(ascii: "}"))] = .closeBracket
    table[Int(UInt8(ascii: "!"))] = .terminal
    table[Int(UInt8(ascii: "?"))] = .terminal
    return table
  }()

  /// The class of `value`.
  @inline(__always)
  static func classify(_ value: UInt32) -> CharClass {
    if value < 0x80 { return ascii[Int(value)] }
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
