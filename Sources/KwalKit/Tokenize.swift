public import Foundation
public import KwalModel
internal import KwalIngest
internal import KwalText

/// What `kwal tokenize` produced: the rendered sentences and tokens, and what it noticed.
public struct TokenizeResult: Sendable {
  /// The rendered output, UTF-8.
  public var output: Data
  /// The number of sentences.
  public var sentences: Int
  /// The number of tokens.
  public var tokens: Int
  /// Warnings about the input (invalid UTF-8 replaced, with its byte offset).
  public var diagnostics: [Diagnostic]
}

/// The `kwal tokenize` use case: Dutch sentences and tokens of one text, with the original form,
/// the normalised form, the Snowball stem and Unicode scalar offsets.
public enum TokenizeText {
  /// Output formats.
  public enum Format: String, Sendable, CaseIterable {
    /// CoNLL-U: the stem in LEMMA, `SpaceAfter=No` and `TokenRange=start:end` in MISC.
    case conllu
    /// Tab-separated values with a header line.
    case tsv
    /// One JSON object with the sentences and their tokens.
    case json
  }

  /// Reads `input` (a file path, or `-` for standard input) and tokenizes it.
  ///
  /// Throws an ``IngestError``-kind failure (a ``KwalFailure``) when the input cannot be read.
  public static func run(input: String, format: Format) throws -> TokenizeResult {
    let name = input == "-" ? "<stdin>" : input
    let data: Data
    if input == "-" {
      data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: input, isDirectory: &isFolder) else {
        throw IngestError(.missingInput, "no such file", at: SourceLocation(file: input))
      }
      guard !isFolder.boolValue, let contents = FileManager.default.contents(atPath: input) else {
        throw IngestError(
          .missingInput, isFolder.boolValue ? "is a folder, not a text file" : "cannot read the file",
          at: SourceLocation(file: input))
      }
      data = contents
    }
    return tokenize(data, name: name, format: format)
  }

  /// Tokenizes the bytes of a text called `name` (for messages) and renders them as `format`.
  ///
  /// Invalid UTF-8 is replaced by U+FFFD (one per invalid sequence, which then counts as one
  /// scalar in the offsets) and reported with its byte offset.
  public static func tokenize(_ data: Data, name: String, format: Format) -> TokenizeResult {
    let (text, invalid) = UTF8Repair.decode(data)
    var diagnostics: [Diagnostic] = []
    for offset in invalid.prefix(20) {
      diagnostics.append(
        Diagnostic(.warning, SourceLocation(file: name), "invalid UTF-8 at byte \(offset), replaced by U+FFFD"))
    }
    if invalid.count > 20 {
      diagnostics.append(
        Diagnostic(
          .warning, SourceLocation(file: name), "\(invalid.count - 20) more invalid UTF-8 sequences replaced by U+FFFD")
      )
    }
    let lexicon = Lexicon()
    let analysis = TextAnalyzer().analyze(text, lexicon: lexicon)
    let rendered: String
    switch format {
    case .conllu: rendered = conllu(text, analysis, lexicon)
    case .tsv: rendered = tsv(text, analysis, lexicon)
    case .json: rendered = json(text, analysis, lexicon, diagnostics)
    }
    return TokenizeResult(
      output: Data(rendered.utf8), sentences: analysis.sentences.count, tokens: analysis.tokens.count,
      diagnostics: diagnostics)
  }

  /// Everything the renderers need about one token (its JSON form too).
  private struct Row: Encodable {
    /// The 1-based number of the token in its sentence.
    var id: Int
    var form: String
    var normalized: String
    var stem: String
    var kind: String
    var start: Int
    var end: Int
    var spaceAfter: Bool
  }

  /// Calls `body` for every sentence with its scalar range, text and rows.
  private static func forEachSentence(
    _ text: String, _ analysis: AnalyzedText, _ lexicon: Lexicon,
    _ body: (_ index: Int, _ start: Int, _ end: Int, _ sentence: String, _ rows: [Row]) -> Void
  ) {
    let offsets = ScalarOffsets(text)
    let bytes = Array(text.utf8)
    for (index, sentence) in analysis.sentences.enumerated() {
      var rows: [Row] = []
      rows.reserveCapacity(sentence.count)
      for tokenIndex in sentence {
        let token = analysis.tokens[tokenIndex]
        let type = analysis.types[tokenIndex]
        let (start, end) = offsets.scalarRange(ByteRange(Int(token.start), Int(token.end)))
        let nextStart = tokenIndex + 1 < analysis.tokens.count ? Int(analysis.tokens[tokenIndex + 1].start) : -1
        rows.append(
          Row(
            id: rows.count + 1, form: lexicon.surface(type), normalized: lexicon.normalized(type), stem: lexicon.stem(type),
            kind: kindName(token.kind), start: start, end: end, spaceAfter: nextStart != Int(token.end)))
      }
      let range = analysis.sentenceRange(index)
      let sentenceText = String(decoding: bytes[range.start..<range.end], as: UTF8.self)
      let (start, end) = offsets.scalarRange(range)
      body(index, start, end, sentenceText, rows)
    }
  }

  static func kindName(_ kind: TokenKind) -> String {
    switch kind {
    case .word: return "word"
    case .number: return "number"
    case .punctuation: return "punctuation"
    case .symbol: return "symbol"
    case .url: return "url"
    case .email: return "email"
    case .mention: return "mention"
    case .hashtag: return "hashtag"
    }
  }

  /// CoNLL-U: `# sent_id`, `# text` (the tokens joined as their SpaceAfter says, so that the
  /// UD tools can check it; every run of white space or line breaks becomes one space), then
  /// ID FORM LEMMA(stem) and `_` for the columns Kwal does not fill, with SpaceAfter=No and
  /// TokenRange in MISC.
  static func conllu(_ text: String, _ analysis: AnalyzedText, _ lexicon: Lexicon) -> String {
    var out = ""
    forEachSentence(text, analysis, lexicon) { index, _, _, _, rows in
      var sentenceText = ""
      for (number, row) in rows.enumerated() {
        sentenceText += row.form
        if row.spaceAfter && number + 1 < rows.count { sentenceText += " " }
      }
      out += "# sent_id = \(index + 1)\n"
      out += "# text = \(sentenceText)\n"
      for (number, row) in rows.enumerated() {
        let misc = (row.spaceAfter ? "" : "SpaceAfter=No|") + "TokenRange=\(row.start):\(row.end)"
        out += "\(number + 1)\t\(row.form)\t\(row.stem)\t_\t_\t_\t_\t_\t_\t\(misc)\n"
      }
      out += "\n"
    }
    return out
  }

  /// TSV: `sentence token start end form normalized stem kind`, one token per line.
  static func tsv(_ text: String, _ analysis: AnalyzedText, _ lexicon: Lexicon) -> String {
    var out = "sentence\ttoken\tstart\tend\tform\tnormalized\tstem\tkind\n"
    forEachSentence(text, analysis, lexicon) { index, _, _, _, rows in
      for (number, row) in rows.enumerated() {
        out +=
          "\(index + 1)\t\(number + 1)\t\(row.start)\t\(row.end)\t\(row.form)\t\(row.normalized)\t\(row.stem)\t\(row.kind)\n"
      }
    }
    return out
  }

  private struct SentenceJSON: Encodable {
    var id: Int
    var start: Int
    var end: Int
    var text: String
    var tokens: [Row]
  }

  private struct DocumentJSON: Encodable {
    var sentences: [SentenceJSON]
    var diagnostics: [String]
  }

  /// JSON: `{"diagnostics": [...], "sentences": [{"id", "start", "end", "text", "tokens": [...]}]}`
  /// with keys sorted, so the bytes are deterministic.
  static func json(_ text: String, _ analysis: AnalyzedText, _ lexicon: Lexicon, _ diagnostics: [Diagnostic]) -> String
  {
    var sentences: [SentenceJSON] = []
    forEachSentence(text, analysis, lexicon) { index, start, end, sentence, rows in
      sentences.append(SentenceJSON(id: index + 1, start: start, end: end, text: sentence, tokens: rows))
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let document = DocumentJSON(sentences: sentences, diagnostics: diagnostics.map(\.description))
    guard let data = try? encoder.encode(document) else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
