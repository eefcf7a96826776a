/// Token-level scores of an extracted text against gold text: a bag of words, as the ScrapingHub
/// article-extraction benchmark scores it.
///
/// Tokens are runs of letters and digits; every CJK ideograph, kana or Hangul syllable outside
/// such a run counts as a token of its own, so that Chinese and Japanese pages are scored too.
public struct ExtractionScore: Sendable, Hashable {
  /// Gold tokens that were extracted (counted with multiplicity).
  public var truePositives: Int
  /// Extracted tokens.
  public var extracted: Int
  /// Gold tokens.
  public var gold: Int

  /// Creates a score from counts.
  public init(truePositives: Int, extracted: Int, gold: Int) {
    self.truePositives = truePositives
    self.extracted = extracted
    self.gold = gold
  }

  /// Scores `extracted` against `gold`.
  public init(extracted: String, gold: String) {
    var goldBag: [Substring: Int] = [:]
    let goldTokens = Self.tokens(gold)
    for token in goldTokens { goldBag[token, default: 0] += 1 }
    let extractedTokens = Self.tokens(extracted)
    var matched = 0
    for token in extractedTokens {
      if let count = goldBag[token], count > 0 {
        matched += 1
        goldBag[token] = count - 1
      }
    }
    self.init(truePositives: matched, extracted: extractedTokens.count, gold: goldTokens.count)
  }

  /// Precision: the share of extracted tokens that are gold (1 when nothing was extracted and nothing was gold).
  public var precision: Double { extracted == 0 ? (gold == 0 ? 1 : 0) : Double(truePositives) / Double(extracted) }
  /// Recall: the share of gold tokens that were extracted.
  public var recall: Double { gold == 0 ? 1 : Double(truePositives) / Double(gold) }
  /// The harmonic mean of precision and recall.
  public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

  /// The tokens of a text.
  public static func tokens(_ text: String) -> [Substring] {
    var result: [Substring] = []
    var start: String.Index?
    var index = text.startIndex
    while index < text.endIndex {
      let character = text[index]
      let next = text.index(after: index)
      if let scalar = character.unicodeScalars.first, isIdeographic(scalar.value) {
        if let begin = start { result.append(text[begin..<index]) }
        start = nil
        result.append(text[index..<next])
      } else if character.isLetter || character.isNumber {
        if start == nil { start = index }
      } else if let begin = start {
        result.append(text[begin..<index])
        start = nil
      }
      index = next
    }
    if let begin = start { result.append(text[begin...]) }
    return result
  }

  private static func isIdeographic(_ value: UInt32) -> Bool {
    (0x3040...0x30FF).contains(value) || (0x3400...0x4DBF).contains(value) || (0x4E00...0x9FFF).contains(value)
      || (0xF900...0xFAFF).contains(value) || (0x20000...0x2FA1F).contains(value)
  }

  /// Whether `snippet` occurs in `text`, white space runs compared as one space.
  public static func contains(_ text: String, _ snippet: String) -> Bool {
    let haystack = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    let needle = snippet.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    return needle.isEmpty || haystack.contains(needle)
  }
}
