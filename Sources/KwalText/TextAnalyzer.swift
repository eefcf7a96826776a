public import KwalModel

/// A text cut into sentences and tokens, each token with its type id in a ``Lexicon``.
public struct AnalyzedText: Sendable {
  /// The tokens, in text order.
  public var tokens: [Token] = []
  /// The lexicon type id of each token.
  public var types: [UInt32] = []
  /// The sentences, as ranges of token indices.
  public var sentences: [Range<Int>] = []

  /// Creates an empty analysis.
  public init() {}

  /// The byte range of sentence `index`.
  public func sentenceRange(_ index: Int) -> ByteRange {
    let range = sentences[index]
    return ByteRange(Int(tokens[range.lowerBound].start), Int(tokens[range.upperBound - 1].end))
  }
}

/// Tokenizes, splits and interns text: the Dutch text layer in one call.
///
/// Sentences never cross the block ranges given to ``analyze(_:blocks:lexicon:)``: a sentence
/// ends with its paragraph, turn or heading.
public struct TextAnalyzer: Sendable {
  /// The tokenizer.
  public var tokenizer: Tokenizer
  /// The sentence splitter.
  public var splitter: SentenceSplitter

  /// Creates an analyzer with Kwal's Dutch data.
  public init(tokenizer: Tokenizer = Tokenizer(), splitter: SentenceSplitter = SentenceSplitter()) {
    self.tokenizer = tokenizer
    self.splitter = splitter
  }

  /// Analyzes `text` block by block (the whole text when `blocks` is empty).
  public func analyze(_ text: String, blocks: [ByteRange] = [], lexicon: Lexicon?) -> AnalyzedText {
    var result = AnalyzedText()
    var text = text
    text.withUTF8 { bytes in
      let ranges = blocks.isEmpty ? [ByteRange(0, bytes.count)] : blocks
      // Dutch prose has a token every five or six bytes: one allocation for most documents.
      result.tokens.reserveCapacity(bytes.count / 5 + 16)
      for block in ranges {
        let first = result.tokens.count
        let lower = min(max(0, block.start), bytes.count)
        let upper = min(max(lower, block.end), bytes.count)
        tokenizer.tokenize(bytes, range: lower..<upper, into: &result.tokens)
        splitter.split(bytes, tokens: result.tokens, range: first..<result.tokens.count, into: &result.sentences)
      }
      if let lexicon {
        lexicon.appendTypeIDs(of: result.tokens, in: bytes, to: &result.types)
      }
    }
    return result
  }
}
