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
    tokenize(try read(input), name: input == "-" ? "<stdin>" : input, format: format)
  }

  /// Reads `input` and writes the rendered output to `write` sentence by sentence, in pieces of
  /// about a megabyte, so the output is never held whole; `report` gets the diagnostics first.
  public static func run(
    input: String, format: Format, report: ([Diagnostic]) -> Void, write: (Data) -> Void
  ) throws -> (sentences: Int, tokens: Int) {
    try stream(read(input), name: input == "-" ? "<stdin>" : input, format: format, report: report, write: write)
  }

  private static func read(_ input: String) throws -> Data {
    if input == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: input, isDirectory: &isFolder) else {
      throw IngestError(.missingInput, "no such file", at: SourceLocation(file: input))
    }
    guard !isFolder.boolValue, let contents = FileManager.default.contents(atPath: input) else {
      throw IngestError(
        .missingInput, isFolder.boolValue ? "is a folder, not a text file" : "cannot read the file",
        at: SourceLocation(file: input))
    }
    return contents
  }

  /// Tokenizes the bytes of a text called `name` (for messages) and renders them as `format`.
  ///
  /// Invalid UTF-8 is replaced by U+FFFD (one per invalid sequence, which then counts as one
  /// scalar in the offsets) and reported with its byte offset.
  public static func tokenize(_ data: Data, name: String, format: Format) -> TokenizeResult {
    var output = Data()
    var diagnostics: [Diagnostic] = []
    let (sentences, tokens) = stream(
      data, name: name, format: format, report: { diagnostics = $0 }, write: { output.append($0) })
    return TokenizeResult(output: output, sentences: sentences, tokens: tokens, diagnostics: diagnostics)
  }

  /// Tokenizes and renders, handing the output to `write` in pieces.
  static func stream(
    _ data: Data, name: String, format: Format, report: ([Diagnostic]) -> Void, write: (Data) -> Void
  ) -> (sentences: Int, tokens: Int) {
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
    report(diagnostics)
    let lexicon = Lexicon()
    let analysis = TextAnalyzer().analyze(text, lexicon: lexicon)
    withoutActuallyEscaping(write) { write in
      var out = Output(write: write)
      switch format {
      case .conllu: conllu(text, analysis, lexicon, into: &out)
      case .tsv: tsv(text, analysis, lexicon, into: &out)
      case .json: json(text, analysis, lexicon, diagnostics, into: &out)
      }
      out.flush()
    }
    return (analysis.sentences.count, analysis.tokens.count)
  }

  /// Rendered text, handed on whenever a megabyte has gathered.
  struct Output {
    let write: (Data) -> Void
    var text = ""

    mutating func append(_ piece: String) {
      text += piece
      if text.utf8.count >= 1 << 20 { flush() }
    }

    mutating func flush() {
      guard !text.isEmpty else { return }
      write(Data(text.utf8))
      text = ""
    }
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
            id: rows.count + 1, form: lexicon.surface(type), normalized: lexicon.normalized(type),
            stem: lexicon.stem(type),
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
  static func conllu(_ text: String, _ analysis: AnalyzedText, _ lexicon: Lexicon, into out: inout Output) {
    forEachSentence(text, analysis, lexicon) { index, _, _, _, rows in
      var sentenceText = ""
      for (number, row) in rows.enumerated() {
        sentenceText += row.form
        if row.spaceAfter && number + 1 < rows.count { sentenceText += " " }
      }
      var block = "# sent_id = \(index + 1)\n"
      block += "# text = \(sentenceText)\n"
      for (number, row) in rows.enumerated() {
        let misc = (row.spaceAfter ? "" : "SpaceAfter=No|") + "TokenRange=\(row.start):\(row.end)"
        block += "\(number + 1)\t\(row.form)\t\(row.stem)\t_\t_\t_\t_\t_\t_\t\(misc)\n"
      }
      block += "\n"
      out.append(block)
    }
  }

  /// TSV: `sentence token start end form normalized stem kind`, one token per line.
  static func tsv(_ text: String, _ analysis: AnalyzedText, _ lexicon: Lexicon, into out: inout Output) {
    out.append("sentence\ttoken\tstart\tend\tform\tnormalized\tstem\tkind\n")
    forEachSentence(text, analysis, lexicon) { index, _, _, _, rows in
      var block = ""
      for (number, row) in rows.enumerated() {
        block +=
          "\(index + 1)\t\(number + 1)\t\(row.start)\t\(row.end)\t\(row.form)\t\(row.normalized)\t\(row.stem)\t\(row.kind)\n"
      }
      out.append(block)
    }
  }

  private struct SentenceJSON: Encodable {
    var id: Int
    var start: Int
    var end: Int
    var text: String
    var tokens: [Row]
  }

  /// JSON: `{"diagnostics": [...], "sentences": [{"id", "start", "end", "text", "tokens": [...]}]}`
  /// with keys sorted, so the bytes are deterministic; written sentence by sentence (the bytes
  /// are those of encoding the whole document at once).
  static func json(
    _ text: String, _ analysis: AnalyzedText, _ lexicon: Lexicon, _ diagnostics: [Diagnostic], into out: inout Output
  ) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    func encoded(_ value: some Encodable) -> String {
      (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
    out.append("{\"diagnostics\":\(encoded(diagnostics.map(\.description))),\"sentences\":[")
    forEachSentence(text, analysis, lexicon) { index, start, end, sentence, rows in
      out.append(
        (index > 0 ? "," : "")
          + encoded(SentenceJSON(id: index + 1, start: start, end: end, text: sentence, tokens: rows)))
    }
    out.append("]}\n")
  }
}
