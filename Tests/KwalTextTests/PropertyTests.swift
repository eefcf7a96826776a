import KwalModel
import Testing

@testable import KwalText

/// A small deterministic generator (SplitMix64), so that failures reproduce.
struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Checks the invariants of an analysis of `bytes`: tokens in order, not overlapping, never
/// empty, starting and ending on scalar boundaries (as the tokenizer decodes them: an invalid
/// byte is a scalar of its own); sentences in order, contiguous, covering all tokens.
func checkInvariants(_ bytes: [UInt8], _ tokens: [Token], _ sentences: [Range<Int>]) -> String? {
  var boundaries = Set<Int>([bytes.count])
  bytes.withUnsafeBufferPointer { buffer in
    var index = 0
    while index < buffer.count {
      boundaries.insert(index)
      index += decodeScalar(buffer, at: index).length
    }
  }
  var previousEnd = 0
  for (index, token) in tokens.enumerated() {
    let start = Int(token.start)
    let end = Int(token.end)
    if start < previousEnd { return "token \(index) overlaps or is out of order" }
    if end <= start || end > bytes.count { return "token \(index) is empty or past the end" }
    if !boundaries.contains(start) || !boundaries.contains(end) { return "token \(index) cuts a scalar" }
    previousEnd = end
  }
  var expected = 0
  for sentence in sentences {
    if sentence.lowerBound != expected || sentence.isEmpty { return "sentences are not contiguous" }
    expected = sentence.upperBound
  }
  if expected != tokens.count { return "sentences do not cover all tokens" }
  return nil
}

@Suite("Tokenizer and splitter properties")
struct PropertyTests {
  /// Pieces that stress the rules: abbreviations, quotes, clitics, numbers, URLs, emoji,
  /// control characters, combining marks, line breaks.
  static let pieces: [String] = [
    "de", "Brug", " ", " ", "  ", "\n", "\n\n", "\t", "\r\n", ".", ",", ",,", "''", "'", "’", "'s", "'t",
    "zo'n", "bijv.", "o.a.", "J.P.", "enz.", "vol.", "3,5", "1.250,50", "14.00", "8:30", "5%", "-",
    "--", "—", "…", "...", "?", "!", "(", ")", "„", "”", "\"", "https://a.nl/x(y)", "www.x.nl",
    "a@b.nl", "@x", "#y", "€", "👍🏽", "👨‍👩‍👧", "\u{200D}", "\u{FE0F}", "e\u{301}", "\u{0}", "\u{7}",
    "\u{1B}", "\u{FEFF}", "\u{2028}", "\u{85}", "ĳ", "IJssel", "km²", "en/of", "/", "Noord-",
    "-ie", "'s-Hertogenbosch", "1.", "A.", ":", ";", "\u{FFFD}", "x", "ö",
  ]

  @Test("random texts keep the invariants and text[start:end] == form", arguments: 0..<200)
  func random(seed: Int) {
    var generator = SplitMix(state: UInt64(seed))
    var text = ""
    for _ in 0..<Int.random(in: 0...60, using: &generator) {
      text += Self.pieces.randomElement(using: &generator) ?? ""
    }
    let analysis = TextAnalyzer().analyze(text, lexicon: Lexicon(stemming: true))
    let bytes = Array(text.utf8)
    #expect(
      checkInvariants(bytes, analysis.tokens, analysis.sentences) == nil, "seed \(seed): \(text.debugDescription)")
    // Scalar offsets give the same forms back.
    let offsets = ScalarOffsets(text)
    let scalars = Array(text.unicodeScalars)
    for token in analysis.tokens {
      let (start, end) = offsets.scalarRange(ByteRange(Int(token.start), Int(token.end)))
      var form = String.UnicodeScalarView()
      form.append(contentsOf: scalars[start..<end])
      #expect(String(form) == String(decoding: bytes[token.range], as: UTF8.self))
    }
  }

  @Test("random bytes, including invalid UTF-8, never crash and keep the invariants", arguments: 0..<200)
  func randomBytes(seed: Int) {
    var generator = SplitMix(state: UInt64(seed) &+ 1000)
    let alphabet: [UInt8] =
      Array("aZ9 .,'-\n:/@#%".utf8) + [0x80, 0xBF, 0xC3, 0xA9, 0xE2, 0x80, 0x99, 0xF0, 0x9F, 0xFF, 0xC0, 0x00]
    let bytes = (0..<Int.random(in: 0...80, using: &generator)).map { _ in
      alphabet.randomElement(using: &generator) ?? 0
    }
    var tokens: [Token] = []
    var sentences: [Range<Int>] = []
    bytes.withUnsafeBufferPointer { buffer in
      Tokenizer().tokenize(buffer, range: 0..<buffer.count, into: &tokens)
      SentenceSplitter().split(buffer, tokens: tokens, range: 0..<tokens.count, into: &sentences)
    }
    #expect(checkInvariants(bytes, tokens, sentences) == nil, "seed \(seed): \(bytes)")
  }

  @Test("invalid UTF-8 is replaced and reported by byte offset")
  func invalidUTF8() {
    let bytes: [UInt8] = Array("de ".utf8) + [0xFF] + Array(" brug ".utf8) + [0xC3] + Array("x".utf8)
    let (text, invalid) = UTF8Repair.decode(bytes)
    #expect(invalid == [3, 10])
    #expect(text == "de \u{FFFD} brug \u{FFFD}x")
    #expect(forms(text) == ["de", "\u{FFFD}", "brug", "\u{FFFD}", "x"])
  }

  @Test("very long tokens and lines: linear, correct offsets")
  func longTokens() {
    let long = String(repeating: "a", count: 200_000)
    let text = "Een \(long). En https://x.nl/\(long) en \(String(repeating: "-", count: 50_000)) eind"
    let tokens = Tokenizer().tokenize(text)
    let bytes = Array(text.utf8)
    let texts = tokens.map { String(decoding: bytes[$0.range], as: UTF8.self) }
    #expect(texts[1] == long)
    #expect(texts[4] == "https://x.nl/\(long)")
    #expect(texts.count == 8)
    let line = String(repeating: "Dit is een zin zonder einde ", count: 20_000)
    let analysis = TextAnalyzer().analyze(line, lexicon: nil)
    #expect(analysis.sentences.count == 1)
    #expect(analysis.tokens.count == 6 * 20_000)
  }

  @Test("control characters are white space, not tokens")
  func controls() {
    #expect(forms("de\u{0}brug\u{7}\u{1B}is\u{FEFF}af") == ["de", "brug", "is", "af"])
  }

  @Test("empty input")
  func empty() {
    #expect(Tokenizer().tokenize("").isEmpty)
    let analysis = TextAnalyzer().analyze("", lexicon: Lexicon())
    #expect(analysis.tokens.isEmpty && analysis.sentences.isEmpty && analysis.types.isEmpty)
  }
}
