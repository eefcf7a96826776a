/// Cuts a run of tokens into sentences.
///
/// A sentence ends:
/// - after `.`, `!`, `?`, `…` or `...` (and any closing quotes or brackets after them) when the next
///   token starts a sentence: a capital, a digit, an opening quote or bracket, a clitic (`'s`), or
///   a new line;
/// - after a sentence-final abbreviation (`enz.`, `etc.`, `e.d.`) followed by a capital, and after
///   any abbreviation followed by a word that only starts sentences (`10 kg. Hij`);
/// - at a blank line, always;
/// - at a single line break when the next line starts like a sentence (a capital, a digit, a
///   bullet, a list marker such as `a)`, or a quote) or the line ended in a colon: headings, list items and transcript lines
///   have no final punctuation. A lowercase continuation is a soft wrap and joins the sentence.
public struct SentenceSplitter: Sendable {
  private let finalAbbreviations: Set<String>

  /// Creates a splitter with Kwal's Dutch data.
  public init(finalAbbreviations: Set<String> = DutchAbbreviations.sentenceFinal) {
    self.finalAbbreviations = finalAbbreviations
  }

  /// The sentences of `tokens[range]`, as ranges of token indices, appended to `sentences`.
  public func split(
    _ bytes: UnsafeBufferPointer<UInt8>, tokens: [Token], range: Range<Int>,
    into sentences: inout [Range<Int>]
  ) {
    guard !range.isEmpty else { return }
    var sentenceStart = range.lowerBound
    var pendingTerminal = false
    var quoteOpen = false  // whether a straight double quote is open: the next one closes it
    for index in range {
      let token = tokens[index]
      if token.kind == .punctuation && bytes[Int(token.start)] == UInt8(ascii: "\"") { quoteOpen.toggle() }
      let isLast = index + 1 == range.upperBound
      if isLast {
        sentences.append(sentenceStart..<(index + 1))
        break
      }
      let next = tokens[index + 1]
      let newlines = countNewlines(bytes, from: Int(token.end), to: Int(next.start))
      let firstByte = bytes[Int(token.start)]
      let tokenLength = Int(token.end - token.start)
      var terminal = false
      if token.kind == .punctuation {
        if firstByte == UInt8(ascii: "."), tokenLength == 1, newlines == 0,
          isEnumerationMarker(bytes, tokens, dot: index, range: range)
        {
          terminal = false  // "om: 1. De begroting …; 2. In te stemmen", "onderdeel 3. ‘Titel’"
        } else if firstByte == UInt8(ascii: ".") || firstByte == UInt8(ascii: "!") || firstByte == UInt8(ascii: "?") {
          terminal = true
        } else if tokenLength == 3 && isEllipsis(bytes, token) {
          terminal = true
        } else if pendingTerminal && isCloser(bytes, token) {
          terminal = true
        }
      } else if token.kind == .symbol && pendingTerminal {
        // An emoji or other symbol after the full stop ends the sentence with it (`op. 👍 De …`).
        terminal = true
      } else if token.kind == .word && tokenLength == 2 && bytes[Int(token.end) - 1] == UInt8(ascii: ".")
        && newlines == 0 && isEnumerationMarker(bytes, tokens, dot: index, range: range)
      {
        terminal = false  // "tot: a. Het aangaan …; b. Autorisatie"
      } else if token.kind == .word && bytes[Int(token.end) - 1] == UInt8(ascii: ".") {
        // enz., e.d. before a capital; any abbreviation before a word that only starts
        // sentences (`10 kg. Hij`, `Nicholas Ltd. Het`).
        terminal = (isFinalAbbreviation(bytes, token) && startsUpper(bytes, next)) || isSentenceStarter(bytes, next)
      }
      var boundary = false
      if newlines >= 2 {
        boundary = true
      } else if terminal {
        if isCloser(bytes, next) && next.kind == .punctuation && newlines == 0
          && (!isStraightQuote(bytes, next)
            || (bytes[Int(next.start)] == UInt8(ascii: "\"") ? quoteOpen : next.start == token.end))
        {
          boundary = false  // the closing quote or bracket belongs to this sentence
        } else if newlines > 0 || startsSentence(bytes, tokens, index + 1, limit: range.upperBound) {
          boundary = true
        }
      } else if newlines == 1 {
        let isColon = firstByte == UInt8(ascii: ":") && token.kind == .punctuation
        let isContinuation =
          token.kind == .punctuation && (firstByte == UInt8(ascii: ",") || firstByte == UInt8(ascii: ";"))
        boundary =
          !isContinuation
          && (isColon || startsSentence(bytes, tokens, index + 1, limit: range.upperBound) || startsList(bytes, next))
      }
      pendingTerminal = terminal && !boundary
      if boundary {
        sentences.append(sentenceStart..<(index + 1))
        sentenceStart = index + 1
      }
    }
  }

  /// Words after which a number is a reference, not the end of a sentence (`onderdeel 3.
  /// ‘Oplossingsrichtingen’`, `hoofdstuk 7. Financiën`).
  static let referenceWords: Set<String> = [
    "onderdeel", "hoofdstuk", "paragraaf", "bijlage", "artikel", "agendapunt", "punt", "stap", "fase", "deel", "sectie",
    "lid", "nummer", "nr", "figuur", "tabel", "pagina", "blz", "pag", "bladzijde", "versie", "ronde", "week", "dag",
  ]

  /// The item label of an enumeration ending at `dot`: a number of one or two digits before a
  /// full stop (tokens `1` `.`) or a letter with its stop (`a.`), that follows a colon, a
  /// semicolon, a comma or a reference word, or has its neighbour (`2.` after `1.`, `b.` before
  /// `c.`) on the same line.
  private func isEnumerationMarker(
    _ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [Token], dot: Int, range: Range<Int>
  ) -> Bool {
    let token = tokens[dot]
    var label: Int  // the item's number (a letter counts a = 1)
    var labelIndex: Int
    if token.kind == .punctuation {
      guard dot > range.lowerBound else { return false }
      let previous = tokens[dot - 1]
      guard previous.end == token.start, let value = itemLabel(bytes, previous) else { return false }
      label = value
      labelIndex = dot - 1
    } else {
      let letter = bytes[Int(token.start)]
      guard letter >= UInt8(ascii: "a"), letter <= UInt8(ascii: "z") else { return false }
      label = Int(letter - UInt8(ascii: "a")) + 1
      labelIndex = dot
    }
    if labelIndex > range.lowerBound {
      let before = tokens[labelIndex - 1]
      let first = bytes[Int(before.start)]
      if before.kind == .punctuation,
        first == UInt8(ascii: ":") || first == UInt8(ascii: ";") || first == UInt8(ascii: ",")
      {
        return true
      }
      if before.kind == .word, token.kind == .punctuation, before.end - before.start <= 12 {
        let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[before.range]), as: UTF8.self).lowercased()
        if Self.referenceWords.contains(word.hasSuffix(".") ? String(word.dropLast()) : word) { return true }
      }
    }
    // A neighbouring label on the same line.
    func labelValue(at index: Int) -> Int? {
      let candidate = tokens[index]
      if index + 1 < range.upperBound, tokens[index + 1].kind == .punctuation, tokens[index + 1].start == candidate.end,
        bytes[Int(tokens[index + 1].start)] == UInt8(ascii: "."), let value = itemLabel(bytes, candidate)
      {
        return value
      }
      if candidate.kind == .word, candidate.end - candidate.start == 2,
        bytes[Int(candidate.start) + 1] == UInt8(ascii: "."), bytes[Int(candidate.start)] >= UInt8(ascii: "a"),
        bytes[Int(candidate.start)] <= UInt8(ascii: "z")
      {
        return Int(bytes[Int(candidate.start)] - UInt8(ascii: "a")) + 1
      }
      return nil
    }
    var index = dot + 1
    while index < range.upperBound, index - dot <= 80,
      countNewlines(bytes, from: Int(tokens[index - 1].end), to: Int(tokens[index].start)) == 0
    {
      if labelValue(at: index) == label + 1 { return true }
      index += 1
    }
    index = labelIndex - 1
    while index >= range.lowerBound, labelIndex - index <= 80,
      countNewlines(bytes, from: Int(tokens[index].end), to: Int(tokens[index + 1].start)) == 0
    {
      if labelValue(at: index) == label - 1, label > 1 { return true }
      index -= 1
    }
    return false
  }

  /// A number of one or two digits, or a single lower-case letter (a = 1), as an item's label.
  private func itemLabel(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Int? {
    let length = token.end - token.start
    if token.kind == .number, length <= 2 {
      return Int(String(decoding: UnsafeBufferPointer(rebasing: bytes[token.range]), as: UTF8.self))
    }
    let first = bytes[Int(token.start)]
    if token.kind == .word, length == 1, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") {
      return Int(first - UInt8(ascii: "a")) + 1
    }
    return nil
  }

  private func countNewlines(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
    var count = 0
    var index = from
    while index < to {
      if bytes[index] == 0x0A { count += 1 }
      index += 1
    }
    return count
  }

  private func isEllipsis(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
    decodeScalar(bytes, at: Int(token.start)).value == 0x2026
  }

  private func isStraightQuote(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
    let first = bytes[Int(token.start)]
    return first == UInt8(ascii: "\"") || first == UInt8(ascii: "'")
  }

  private func isCloser(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
    let charClass = CharClasses.classify(decodeScalar(bytes, at: Int(token.start)).value)
    return charClass == .closeQuote || charClass == .closeBracket || charClass == .straightQuote
      || (charClass == .apostrophe && token.end - token.start <= 3)
  }

  private func startsUpper(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
    CharClasses.classify(decodeScalar(bytes, at: Int(token.start)).value) == .upperLetter
  }

  /// Whether `tokens[index]` can open a sentence: a capital or a digit, or an opening quote,
  /// bracket or dash before one (`,,wij` after `wist Jansen.` continues the quotation).
  private func startsSentence(
    _ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [Token], _ index: Int, limit: Int
  ) -> Bool {
    let token = tokens[index]
    let isLowQuote = token.end - token.start == 2 && bytes[Int(token.start)] == UInt8(ascii: ",")
    let charClass = CharClasses.classify(decodeScalar(bytes, at: Int(token.start)).value)
    var opens = isLowQuote
    if token.kind == .punctuation {
      switch charClass {
      case .openQuote, .openBracket, .straightQuote, .dash, .ellipsis: opens = true
      default: break
      }
    }
    if opens {
      guard index + 1 < limit else { return true }
      let next = tokens[index + 1]
      let nextClass = CharClasses.classify(decodeScalar(bytes, at: Int(next.start)).value)
      return nextClass != .letter
    }
    switch charClass {
    case .upperLetter, .digit:
      return true
    case .apostrophe:
      return token.kind == .word || token.end - token.start == 1
    case .letter:
      // A lowercase start after a terminal still opens a sentence in chat-like text only when
      // it is a bullet-like marker; Dutch sentences start with a capital.
      return false
    default:
      return token.kind == .mention || token.kind == .hashtag || token.kind == .url
    }
  }

  private func startsList(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
    let first = bytes[Int(token.start)]
    if first == UInt8(ascii: "-") || first == UInt8(ascii: "*") { return true }
    // a) b) 1) 2): list markers at the start of a line.
    let end = Int(token.end)
    if token.end - token.start <= 2, end < bytes.count, bytes[end] == UInt8(ascii: ")") { return true }
    let value = decodeScalar(bytes, at: Int(token.start)).value
    return value == 0x2022 || value == 0x25CF || value == 0x2013 || value == 0x2014
  }

  private func isSentenceStarter(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
    guard token.kind == .word, token.end - token.start <= 12, startsUpper(bytes, token) else { return false }
    let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[token.range]), as: UTF8.self)
    return DutchAbbreviations.sentenceStarters.contains(word)
  }

  private func isFinalAbbreviation(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
    let slice = UnsafeBufferPointer(rebasing: bytes[Int(token.start)..<(Int(token.end) - 1)])
    return finalAbbreviations.contains(String(decoding: slice, as: UTF8.self).lowercased())
  }
}
