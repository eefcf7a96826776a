internal import Foundation

/// The Dutch tokenizer: cuts UTF-8 text into tokens with byte offsets, without allocating per token.
///
/// Rules (each has a table-driven test in `TokenizerTests`):
/// - words keep internal hyphens (`Noord-Holland`, `winst-en-verliesrekening`, `e-mail`),
///   internal apostrophes (`auto's`, `zo'n`, `m'n`, `A4'tje`) and a trailing hyphen before
///   `en`/`of` (`Noord- en Zuid-Holland`);
/// - clitics with a leading apostrophe are tokens of their own (`'s`, `'t`, `'n`, `'k`), except in
///   names (`'s-Hertogenbosch`);
/// - a period stays on known abbreviations (`bijv.`, `o.a.`, `d.w.z.`), on initials (`J.P.`)
///   and on list numbers at the start of a line (`1.`);
/// - numbers keep their separators (`1.250,50`, `3,5`, `14.00`, `10:30`);
/// - URLs, e-mail addresses, @mentions and #hashtags are single tokens;
/// - every other punctuation mark or symbol is a token; runs of periods (`...`) are one token,
///   and emoji keep their joiners and modifiers.
public struct Tokenizer: Sendable {
  private let abbreviations: Set<String>
  private let shapes: AbbreviationShapes

  /// Creates a tokenizer with Kwal's Dutch abbreviation list.
  public init(abbreviations: Set<String> = DutchAbbreviations.all) {
    self.abbreviations = abbreviations
    self.shapes = AbbreviationShapes(abbreviations.union(DutchAbbreviations.ambiguous))
  }

  /// Tokenizes a whole string.
  public func tokenize(_ text: String) -> [Token] {
    var tokens: [Token] = []
    var text = text
    text.withUTF8 { tokenize($0, range: 0..<$0.count, into: &tokens) }
    return tokens
  }

  /// Appends the tokens of `bytes[range]` to `tokens`.
  public func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, into tokens: inout [Token]) {
    var scanner = Scanner(bytes: bytes, limit: range.upperBound, abbreviations: abbreviations, shapes: shapes)
    var index = range.lowerBound
    while index < range.upperBound {
      let byte = bytes[index]
      if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
        index += 1
        continue
      }
      let (value, length) = decodeScalar(bytes, at: index)
      let charClass = CharClasses.classify(value)
      switch charClass {
      case .space, .newline, .joiner:
        index += length
      case .letter, .upperLetter, .digit:
        let (end, kind) = scanner.word(from: index, lineStart: scanner.isLineStart(index, lower: range.lowerBound))
        tokens.append(Token(start: index, end: end, kind: kind))
        index = end
      case .apostrophe:
        if byte == UInt8(ascii: "'"), index + 1 < range.upperBound, bytes[index + 1] == byte {
          // '' : the closing quote of the ,,…'' pair.
          tokens.append(Token(start: index, end: index + 2, kind: .punctuation))
          index += 2
        } else if let end = scanner.clitic(at: index, length: length) {
          tokens.append(Token(start: index, end: end, kind: .word))
          index = end
        } else {
          tokens.append(Token(start: index, end: index + length, kind: .punctuation))
          index += length
        }
      case .at, .hash:
        let next = index + 1
        if next < range.upperBound, scanner.classAt(next).isAlphanumeric {
          var end = next
          while end < range.upperBound {
            let nextClass = scanner.classAt(end)
            if nextClass.isAlphanumeric || nextClass == .underscore {
              end += scanner.lengthAt(end)
            } else {
              break
            }
          }
          tokens.append(Token(start: index, end: end, kind: charClass == .at ? .mention : .hashtag))
          index = end
        } else {
          tokens.append(Token(start: index, end: index + 1, kind: .symbol))
          index += 1
        }
      case .period:
        var end = index + 1
        while end < range.upperBound, bytes[end] == UInt8(ascii: ".") { end += 1 }
        tokens.append(Token(start: index, end: end, kind: .punctuation))
        index = end
      case .comma where index + 1 < range.upperBound && bytes[index + 1] == byte:
        // ,, : the low opening quote of older Dutch typesetting; in `,,,` a comma comes first.
        var run = index
        while run < range.upperBound, bytes[run] == byte { run += 1 }
        if (run - index) % 2 == 1 {
          tokens.append(Token(start: index, end: index + 1, kind: .punctuation))
          index += 1
        }
        tokens.append(Token(start: index, end: index + 2, kind: .punctuation))
        index += 2
      case .hyphen where scanner.isEnclitic(at: index, lower: range.lowerBound):
        // krijgt-ie, is-ie: the enclitic pronoun.
        tokens.append(Token(start: index, end: index + 3, kind: .word))
        index += 3
      case .hyphen:
        // Runs of hyphens (`--`) are one token; `!` and `?` are one token each, as in UD.
        var end = index + 1
        while end < range.upperBound, bytes[end] == byte { end += 1 }
        tokens.append(Token(start: index, end: end, kind: .punctuation))
        index = end
      case .terminal, .comma, .colon, .slash, .openQuote, .closeQuote, .straightQuote, .openBracket,
        .closeBracket, .ellipsis, .dash:
        tokens.append(Token(start: index, end: index + length, kind: .punctuation))
        index += length
      case .ampersand, .underscore, .other:
        var end = index + length
        // A flag is a pair of regional indicators (🇳🇱): one token.
        if (0x1F1E6...0x1F1FF).contains(value), end < range.upperBound {
          let (next, nextLength) = decodeScalar(bytes, at: end)
          if (0x1F1E6...0x1F1FF).contains(next) { end += nextLength }
        }
        // Keep emoji sequences whole: joiners, variation selectors, skin tones, tags.
        while end < range.upperBound {
          let (next, nextLength) = decodeScalar(bytes, at: end)
          let nextClass = CharClasses.classify(next)
          if nextClass == .joiner {
            end += nextLength
            if next == 0x200D, end < range.upperBound { end += scanner.lengthAt(end) }
          } else {
            break
          }
        }
        tokens.append(Token(start: index, end: end, kind: .symbol))
        index = end
      }
    }
  }
}

/// The scanning state for one tokenize call.
/// The (length, first byte, last byte) shapes of a set of abbreviations: a word of another shape
/// is no abbreviation, which rules out most words before a period without building a string.
private struct AbbreviationShapes: Sendable {
  static let maxLength = 12
  private var bits = [UInt64](repeating: 0, count: (maxLength + 1) * 27 * 27 / 64 + 1)

  init(_ words: Set<String>) {
    // Both canonical forms of every word: the set's lookup treats `é` and `e` + accent as equal,
    // and so must the filter in front of it (a Set of the forms would keep only one of them).
    for word in words {
      let forms = [word, word.precomposedStringWithCanonicalMapping, word.decomposedStringWithCanonicalMapping]
      for bytes in forms.map({ Array($0.utf8) }) {
        guard let first = bytes.first, let last = bytes.last, bytes.count <= Self.maxLength else { continue }
        let key = Self.key(length: bytes.count, first: first, last: last)
        bits[key >> 6] |= 1 << UInt64(key & 63)
      }
    }
  }

  /// A letter's index, folding ASCII case; 26 for any other byte.
  private static func slot(_ byte: UInt8) -> Int {
    let folded = byte | 0x20
    return folded &- 0x61 < 26 ? Int(folded - 0x61) : 26
  }

  private static func key(length: Int, first: UInt8, last: UInt8) -> Int {
    (length * 27 + slot(first)) * 27 + slot(last)
  }

  /// Whether an abbreviation of this shape exists (words longer than ``maxLength`` are not checked).
  func mayContain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let first = bytes.first, let last = bytes.last else { return false }
    guard bytes.count <= Self.maxLength else { return true }
    let key = Self.key(length: bytes.count, first: first, last: last)
    return bits[key >> 6] & (1 << UInt64(key & 63)) != 0
  }
}

private struct Scanner {
  let bytes: UnsafeBufferPointer<UInt8>
  let limit: Int
  let abbreviations: Set<String>
  let shapes: AbbreviationShapes

  @inline(__always)
  func classAt(_ index: Int) -> CharClass {
    guard index < limit else { return .space }
    return CharClasses.classify(decodeScalar(bytes, at: index).value)
  }

  @inline(__always)
  func lengthAt(_ index: Int) -> Int {
    guard index < limit else { return 0 }
    return decodeScalar(bytes, at: index).length
  }

  /// Whether only spaces stand between the previous line break (or the start) and `index`.
  func isLineStart(_ index: Int, lower: Int) -> Bool {
    var cursor = index - 1
    while cursor >= lower {
      let byte = bytes[cursor]
      if byte == 0x0A { return true }
      if byte != 0x20 && byte != 0x09 { return false }
      cursor -= 1
    }
    return true
  }

  private func matchesASCII(_ prefix: StaticString, at index: Int) -> Bool {
    let count = prefix.utf8CodeUnitCount
    guard index + count <= limit else { return false }
    let pointer = prefix.utf8Start
    for offset in 0..<count {
      var byte = bytes[index + offset]
      if byte >= 0x41 && byte <= 0x5A { byte += 0x20 }
      if byte != pointer[offset] { return false }
    }
    return true
  }

  /// The end of a clitic (`'s`, `'t`, `'n`…, `'80`) at an apostrophe, or nil.
  func clitic(at index: Int, length: Int) -> Int? {
    let letterIndex = index + length
    guard letterIndex < limit else { return nil }
    var letter = bytes[letterIndex]
    if letter >= 0x30 && letter <= 0x39 {
      // '80, '90s: years.
      var end = letterIndex
      while end < limit, bytes[end] >= 0x30 && bytes[end] <= 0x39 { end += 1 }
      return end - letterIndex == 2 && !classAt(end).isLetter ? end : nil
    }
    if letter >= 0x41 && letter <= 0x5A { letter += 0x20 }
    guard DutchClitics.letters.contains(letter) else { return nil }
    let after = letterIndex + 1
    let afterClass = classAt(after)
    if afterClass == .hyphen, classAt(after + 1).isLetter {
      // 's-Hertogenbosch, 's-Gravenhage: one name.
      return word(from: after + 1, lineStart: false).end
    }
    return afterClass.isAlphanumeric || afterClass == .apostrophe ? nil : after
  }

  /// Scans a word, number, URL or e-mail address starting at `start`.
  func word(from start: Int, lineStart: Bool) -> (end: Int, kind: TokenKind) {
    let first = bytes[start] | 0x20
    if (first == UInt8(ascii: "h") || first == UInt8(ascii: "w"))
      && (matchesASCII("http://", at: start) || matchesASCII("https://", at: start)
        || matchesASCII("www.", at: start))
    {
      return (url(from: start), .url)
    }
    var index = start
    var previous = CharClass.space
    var hasLetter = false
    var hasDigit = false
    var hasInnerPeriod = false
    var isEmail = false
    var lastSegmentStart = start
    scan: while index < limit {
      // Most bytes of Dutch text are ASCII letters: take a run of them at once.
      if (bytes[index] | 0x20) &- 0x61 < 26 {
        hasLetter = true
        index += 1
        while index < limit, (bytes[index] | 0x20) &- 0x61 < 26 { index += 1 }
        previous = bytes[index - 1] >= 0x61 ? .letter : .upperLetter
        continue
      }
      let (value, length) = decodeScalar(bytes, at: index)
      let charClass = CharClasses.classify(value)
      if charClass.isAlphanumeric {
        if charClass == .digit { hasDigit = true } else { hasLetter = true }
        previous = charClass
        index += length
        continue
      }
      if charClass == .joiner && value != 0x200D {
        index += length
        continue
      }
      let nextIndex = index + length
      let next = classAt(nextIndex)
      switch charClass {
      case .hyphen:
        guard next.isAlphanumeric, !isEnclitic(at: index, lower: start) else { break scan }
      case .apostrophe:
        guard next.isAlphanumeric, previous.isAlphanumeric else { break scan }
        // French elision: l'Eau, l'union (a lowercase l alone before the apostrophe).
        if index == start + 1 && bytes[start] == UInt8(ascii: "l") && next.isLetter {
          return (index + length, .word)
        }
      case .slash:
        // en/of, t/m, 2/3, Amersfoort/Barneveld.
        guard previous.isAlphanumeric && next.isAlphanumeric else { break scan }
      case .period where previous.isLetter && next == .hyphen && classAt(nextIndex + 1).isLetter:
        // St.-Janstraat, O.L.V.-college.
        hasInnerPeriod = true
      case .period:
        let bothDigits = previous == .digit && next == .digit
        let bothLetters = previous.isLetter && next.isLetter
        guard bothDigits || bothLetters || (isEmail && next.isAlphanumeric) else { break scan }
        if bothLetters { hasInnerPeriod = true }
      case .comma, .colon:
        guard previous == .digit && next == .digit else { break scan }
      case .ampersand:
        guard previous.isLetter && next.isLetter, index - start <= 3 else { break scan }
      case .underscore:
        guard next.isAlphanumeric else { break scan }
      case .at:
        guard !isEmail, previous.isAlphanumeric, next.isAlphanumeric, hasEmailDomain(from: nextIndex)
        else { break scan }
        isEmail = true
      default:
        break scan
      }
      previous = charClass
      index = nextIndex
      lastSegmentStart = nextIndex
    }
    _ = lastSegmentStart
    if isEmail { return (index, .email) }
    let kind: TokenKind = hasDigit && !hasLetter ? .number : .word
    guard index < limit else { return (index, kind) }
    let following = bytes[index]
    if following == UInt8(ascii: "%") && kind == .number {
      return (index + 1, .number)  // 5%, 41,5%
    }
    if following == UInt8(ascii: ".") {
      let afterPeriod = index + 1
      let isEllipsis = afterPeriod < limit && bytes[afterPeriod] == UInt8(ascii: ".")
      if !isEllipsis
        && takesPeriod(
          start: start, end: index, hasInnerPeriod: hasInnerPeriod, hasDigit: hasDigit, hasLetter: hasLetter,
          lineStart: lineStart)
      {
        return (afterPeriod, kind == .number ? .word : kind)
      }
    } else if following == UInt8(ascii: "-"), previous.isLetter, suspendedHyphen(after: index + 1) {
      return (index + 1, .word)
    }
    return (index, kind)
  }

  /// Whether the period after `bytes[start..<end]` belongs to the token.
  private func takesPeriod(start: Int, end: Int, hasInnerPeriod: Bool, hasDigit: Bool, hasLetter: Bool, lineStart: Bool)
    -> Bool
  {
    let length = end - start
    if hasDigit && !hasLetter {
      // `1.` as a list number at the start of a line, followed by a space.
      return lineStart && length <= 3 && end + 1 < limit && bytes[end + 1] == 0x20
    }
    if length == 1, classAt(start) == .upperLetter {
      // An initial (J. Jansen), unless a word that only starts sentences follows (eigenschap B. Maar).
      return !nextWordStartsSentence(after: end + 1)
    }
    if hasInnerPeriod && length <= 12 {
      // o.a, d.w.z, J.P: letter groups of at most three letters between periods.
      var run = 0
      var index = start
      while index < end {
        let byte = bytes[index]
        if byte == UInt8(ascii: ".") {
          run = 0
        } else {
          run += 1
          if run > 3 { return abbreviationKnown(start: start, end: end) }
        }
        index += 1
      }
      return true
    }
    guard length <= 10 else { return false }
    return abbreviationKnown(start: start, end: end)
  }

  private func abbreviationKnown(start: Int, end: Int) -> Bool {
    guard shapes.mayContain(UnsafeBufferPointer(rebasing: bytes[start..<end])) else { return false }
    var key = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    if key.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { key = key.lowercased() }
    if abbreviations.contains(key) { return true }
    if DutchAbbreviations.ambiguous.contains(key) {
      // `vol.`, `zo.`, `min.`: words too; an abbreviation only when the sentence goes on.
      var cursor = end + 1
      while cursor < limit, bytes[cursor] == 0x20 { cursor += 1 }
      let next = classAt(cursor)
      let lowQuote = next == .comma && cursor + 1 < limit && bytes[cursor + 1] == UInt8(ascii: ",")
      return next == .letter || next == .digit || (next == .comma && !lowQuote)
    }
    return false
  }

  /// Whether the word after the spaces at `index` is one that starts Dutch sentences and is no
  /// name (`Hij`, `Maar`, `Het`): see ``DutchAbbreviations/sentenceStarters``.
  private func nextWordStartsSentence(after index: Int) -> Bool {
    var cursor = index
    while cursor < limit, bytes[cursor] == 0x20 { cursor += 1 }
    guard cursor < limit, classAt(cursor) == .upperLetter else { return false }
    var end = cursor
    while end < limit, end - cursor < 12, classAt(end).isLetter { end += lengthAt(end) }
    let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[cursor..<end]), as: UTF8.self)
    return DutchAbbreviations.sentenceStarters.contains(word)
  }

  /// `Noord- en Zuid-Holland`, `centrum- rechts`, `land-, tuin- en bosbouw`: a hyphen followed by
  /// a comma, or by a space and a lowercase word.
  private func suspendedHyphen(after index: Int) -> Bool {
    guard index < limit else { return false }
    if bytes[index] == UInt8(ascii: ",") { return true }
    guard bytes[index] == 0x20 else { return false }
    return classAt(index + 1) == .letter
  }

  /// `-ie` after a verb with no space (`krijgt-ie`, `heeft-ie`): an enclitic pronoun.
  func isEnclitic(at index: Int, lower: Int) -> Bool {
    guard index > lower, index + 3 <= limit, bytes[index] == UInt8(ascii: "-"),
      bytes[index + 1] == UInt8(ascii: "i"), bytes[index + 2] == UInt8(ascii: "e")
    else { return false }
    // After a lowercase letter (krijgt-ie) or a space after one (krijgt -ie).
    var cursor = index - 1
    if bytes[cursor] == 0x20 && cursor > lower { cursor -= 1 }
    let before = bytes[cursor]
    let beforeIsLetter = (before >= 0x61 && before <= 0x7A)
    return beforeIsLetter && !classAt(index + 3).isAlphanumeric && classAt(index + 3) != .hyphen
  }

  private func hasEmailDomain(from index: Int) -> Bool {
    var cursor = index
    var sawPeriod = false
    while cursor < limit {
      let charClass = classAt(cursor)
      if charClass == .period {
        if !classAt(cursor + 1).isAlphanumeric { break }
        sawPeriod = true
      } else if !(charClass.isAlphanumeric || charClass == .hyphen) {
        break
      }
      cursor += lengthAt(cursor)
    }
    return sawPeriod
  }

  /// Scans a URL up to white space, then gives back trailing punctuation.
  private func url(from start: Int) -> Int {
    var end = start
    var openParens = 0
    while end < limit {
      let charClass = classAt(end)
      if charClass == .space || charClass == .newline { break }
      if bytes[end] == UInt8(ascii: "(") { openParens += 1 }
      if bytes[end] == UInt8(ascii: ")") { openParens -= 1 }
      end += lengthAt(end)
    }
    while end > start {
      let last = bytes[end - 1]
      if last == UInt8(ascii: ")") && openParens >= 0 && countParens(start, end) > 0 { break }
      if [
        UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"),
        UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ")"), UInt8(ascii: "\""),
        UInt8(ascii: "'"), UInt8(ascii: "]"),
      ].contains(last) {
        end -= 1
      } else if last >= 0x80 {
        // Give back a trailing typographic quote.
        var lead = end - 1
        while lead > start, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
        let charClass = classAt(lead)
        if charClass == .closeQuote || charClass == .apostrophe || charClass == .ellipsis {
          end = lead
        } else {
          break
        }
      } else {
        break
      }
    }
    return end
  }

  /// The balance of parentheses in `bytes[start..<end-1]`: positive when a `(` is open.
  private func countParens(_ start: Int, _ end: Int) -> Int {
    var balance = 0
    for index in start..<(end - 1) {
      if bytes[index] == UInt8(ascii: "(") { balance += 1 }
      if bytes[index] == UInt8(ascii: ")") { balance -= 1 }
    }
    return balance
  }
}
