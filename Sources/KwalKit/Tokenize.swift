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
      out.finish()
    }
    return (analysis.sentences.count, analysis.tokens.count)
  }

  /// Rendered bytes, handed on whenever a megabyte has gathered (a buffer of its own: appending
  /// a byte is a store, with no check of an array's uniqueness). ``finish()`` hands on the rest
  /// and frees the buffer.
  struct Output {
    let write: (Data) -> Void
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity = 1 << 21
    private var count = 0

    init(write: @escaping (Data) -> Void) {
      self.write = write
      storage = .allocate(capacity: capacity)
    }

    mutating func finish() {
      flush()
      storage.deallocate()
      digitPairs.deallocate()
      powersOfTen.deallocate()
      capacity = 0
    }

    /// Makes room for `size` more bytes.
    @inline(__always)
    private mutating func reserve(_ size: Int) {
      if count + size > capacity { makeRoom(size) }
    }

    private mutating func makeRoom(_ size: Int) {
      flush()
      if size > capacity {
        storage.deallocate()
        capacity = size
        storage = .allocate(capacity: capacity)
      }
    }

    @inline(__always)
    mutating func append(_ piece: UnsafeBufferPointer<UInt8>) {
      guard let base = piece.baseAddress else { return }
      append(base, count: piece.count)
    }

    /// Appends `size` bytes from `source`; a short piece (most tokens and columns) byte by byte,
    /// without the call of a general copy.
    @inline(__always)
    mutating func append(_ source: UnsafePointer<UInt8>, count size: Int) {
      reserve(size)
      let target = UnsafeMutableRawPointer(storage + count)
      let from = UnsafeRawPointer(source)
      // Up to 16 bytes as two words that may overlap, as a copy routine does for short pieces,
      // without calling one.
      if size >= 8, size <= 16 {
        let head = from.loadUnaligned(as: UInt64.self)
        let tail = from.loadUnaligned(fromByteOffset: size &- 8, as: UInt64.self)
        target.storeBytes(of: head, as: UInt64.self)
        target.storeBytes(of: tail, toByteOffset: size &- 8, as: UInt64.self)
      } else if size >= 4, size < 8 {
        let head = from.loadUnaligned(as: UInt32.self)
        let tail = from.loadUnaligned(fromByteOffset: size &- 4, as: UInt32.self)
        target.storeBytes(of: head, as: UInt32.self)
        target.storeBytes(of: tail, toByteOffset: size &- 4, as: UInt32.self)
      } else if size < 4 {
        for index in 0..<size { target.storeBytes(of: source[index], toByteOffset: index, as: UInt8.self) }
      } else {
        target.copyMemory(from: from, byteCount: size)
      }
      count &+= size
    }

    mutating func append(_ piece: String) {
      var piece = piece
      piece.withUTF8 { append($0) }
    }

    @inline(__always)
    mutating func append(byte: UInt8) {
      reserve(1)
      storage[count] = byte
      count += 1
    }

    /// The two ASCII digits of 0 to 99, one pair after the other (made once per output).
    private let digitPairs: UnsafeMutablePointer<UInt8> = {
      let pairs = UnsafeMutablePointer<UInt8>.allocate(capacity: 200)
      for value in 0..<100 {
        pairs[2 * value] = UInt8(0x30 + value / 10)
        pairs[2 * value + 1] = UInt8(0x30 + value % 10)
      }
      return pairs
    }()

    /// 10⁰ to 10¹⁹ (made once per output).
    private let powersOfTen: UnsafeMutablePointer<UInt> = {
      let powers = UnsafeMutablePointer<UInt>.allocate(capacity: 20)
      var power: UInt = 1
      for exponent in 0..<20 {
        powers[exponent] = power
        if exponent < 19 { power &*= 10 }
      }
      return powers
    }()

    /// Appends `value` (0 or more) in decimal digits, written from the right two at a time.
    @inline(__always)
    mutating func append(decimal value: Int) {
      reserve(20)
      // Most numbers of a token table are small (a token's number in its sentence).
      if value < 10 {
        storage[count] = UInt8(truncatingIfNeeded: 0x30 &+ max(0, value))
        count &+= 1
      } else if value < 100 {
        storage[count] = digitPairs[value &* 2]
        storage[count &+ 1] = digitPairs[value &* 2 &+ 1]
        count &+= 2
      } else {
        appendLong(UInt(bitPattern: value))
      }
    }

    /// The digits of the last value's ten-thousands (up to eight, as the bytes of a word): the
    /// positions of a token table share them for ten thousand scalars at a time.
    private var highValue = UInt.max
    private var highDigits: UInt64 = 0
    private var highCount = 0

    /// Appends `value` (100 or more) in decimal digits.
    private mutating func appendLong(_ value: UInt) {
      if value >= 10_000, value < 1_000_000_000_000 {
        let high = value / 10_000
        if high != highValue { remember(high) }
        let target = UnsafeMutableRawPointer(storage + count)
        // Eight bytes stored, `highCount` of them kept: the digits below overwrite the rest.
        target.storeBytes(of: highDigits, as: UInt64.self)
        let low = Int(value &- high &* 10_000)
        let upper = low / 100 &* 2
        let lower = low % 100 &* 2
        let at = count &+ highCount
        storage[at] = digitPairs[upper]
        storage[at &+ 1] = digitPairs[upper &+ 1]
        storage[at &+ 2] = digitPairs[lower]
        storage[at &+ 3] = digitPairs[lower &+ 1]
        count = at &+ 4
        return
      }
      appendDigits(value)
    }

    /// Keeps the digits of `high` (1 to 99,999,999) as the bytes of a word, the first digit lowest.
    private mutating func remember(_ high: UInt) {
      var digits: [UInt8] = []
      var rest = high
      repeat {
        digits.append(UInt8(truncatingIfNeeded: 0x30 &+ rest % 10))
        rest /= 10
      } while rest > 0
      highDigits = 0
      for (index, digit) in digits.reversed().enumerated() { highDigits |= UInt64(digit) << (8 * UInt64(index)) }
      highCount = digits.count
      highValue = high
    }

    /// Appends `value` (10 or more) in decimal digits, written from the right two at a time.
    private mutating func appendDigits(_ value: UInt) {
      var rest = value
      // The number of digits from the number of bits: ⌊bits · log₁₀ 2⌋ is the exponent of the
      // power of ten at or below the value, or one above it.
      let bits = UInt.bitWidth &- rest.leadingZeroBitCount
      let exponent = (bits &* 1233) >> 12
      let digits = exponent &+ (rest >= powersOfTen[exponent] ? 1 : 0)
      var index = count &+ digits
      while rest >= 100 {
        let pair = Int(rest % 100) &* 2
        rest /= 100
        index &-= 2
        storage[index] = digitPairs[pair]
        storage[index &+ 1] = digitPairs[pair &+ 1]
      }
      if rest >= 10 {
        let pair = Int(rest) &* 2
        storage[index &- 2] = digitPairs[pair]
        storage[index &- 1] = digitPairs[pair &+ 1]
      } else {
        storage[index &- 1] = UInt8(truncatingIfNeeded: 0x30 &+ rest)
      }
      count &+= digits
    }

    /// Hands the output on when a megabyte has gathered.
    mutating func endBlock() { if count >= 1 << 20 { flush() } }

    /// Hands the gathered bytes to `write` without copying them: `write` must not keep the
    /// `Data` past its return (writing it out or appending it elsewhere copies it).
    mutating func flush() {
      guard count > 0 else { return }
      write(Data(bytesNoCopy: storage, count: count, deallocator: .none))
      count = 0
    }
  }

  /// Scalar offsets of byte offsets that only grow, counted on from the last one.
  private struct RunningScalars {
    let bytes: UnsafeBufferPointer<UInt8>
    var byte = 0
    var scalar = 0

    mutating func offset(_ target: Int) -> Int {
      if target < byte {
        byte = 0
        scalar = 0
      }
      while byte < target {
        if bytes[byte] & 0xC0 != 0x80 { scalar += 1 }
        byte += 1
      }
      return scalar
    }
  }

  /// The columns a token's type decides (`\tnormalized\tstem\t`), as bytes made once per type:
  /// most tokens repeat a type. Held where no reference is counted; ``free()`` gives them back.
  private struct TypeColumns {
    private var bytes: UnsafeMutablePointer<UInt8>
    private var capacity = 1 << 16
    private var used = 0
    /// Per type: where its bytes start, and their count plus one (0: not made yet).
    private let spanStart: UnsafeMutablePointer<Int>
    private let spanCount: UnsafeMutablePointer<Int>
    private let columns: (UInt32) -> String

    init(_ lexicon: Lexicon, columns: @escaping (UInt32) -> String) {
      bytes = .allocate(capacity: capacity)
      spanStart = .allocate(capacity: lexicon.typeCount)
      spanStart.initialize(repeating: 0, count: lexicon.typeCount)
      spanCount = .allocate(capacity: lexicon.typeCount)
      spanCount.initialize(repeating: 0, count: lexicon.typeCount)
      self.columns = columns
    }

    func free() {
      bytes.deallocate()
      spanStart.deallocate()
      spanCount.deallocate()
    }

    @inline(__always)
    mutating func append(_ type: UInt32, to out: inout Output) {
      let index = Int(type)
      if spanCount[index] == 0 { make(index) }
      out.append(bytes + spanStart[index], count: spanCount[index] &- 1)
    }

    private mutating func make(_ index: Int) {
      var text = columns(UInt32(index))
      text.withUTF8 { piece in
        if used + piece.count > capacity {
          capacity = max(capacity * 2, used + piece.count)
          let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
          grown.update(from: bytes, count: used)
          bytes.deallocate()
          bytes = grown
        }
        if let base = piece.baseAddress { (bytes + used).update(from: base, count: piece.count) }
        spanStart[index] = used
        spanCount[index] = piece.count + 1
        used += piece.count
      }
    }
  }

  /// Calls `body` for every token with its sentence's index and its number in the sentence, its
  /// bytes, scalar range and whether a space follows, on the text's bytes (no string per token).
  private static func forEachToken(
    _ text: String, _ analysis: AnalyzedText,
    _ body:
      (
        _ out: inout Output, _ sentence: Int, _ number: Int, _ token: Int, _ form: UnsafeBufferPointer<UInt8>,
        _ start: Int, _ end: Int, _ spaceAfter: Bool
      ) -> Void,
    sentenceStart: (_ out: inout Output, _ sentence: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [Int]) ->
      Void =
      { _, _, _, _ in },
    into out: inout Output
  ) {
    var text = text
    text.withUTF8 { bytes in
      var scalars = RunningScalars(bytes: bytes)
      for (index, sentence) in analysis.sentences.enumerated() {
        let tokens = Array(sentence)
        sentenceStart(&out, index, bytes, tokens)
        for (position, tokenIndex) in tokens.enumerated() {
          let token = analysis.tokens[tokenIndex]
          let start = scalars.offset(Int(token.start))
          let end = scalars.offset(Int(token.end))
          let nextStart = tokenIndex + 1 < analysis.tokens.count ? Int(analysis.tokens[tokenIndex + 1].start) : -1
          body(
            &out, index, position + 1, tokenIndex,
            UnsafeBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)]), start, end,
            nextStart != Int(token.end))
        }
        out.endBlock()
      }
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
  /// TokenRange in MISC. Written as bytes, token by token.
  static func conllu(_ text: String, _ analysis: AnalyzedText, _ lexicon: Lexicon, into out: inout Output) {
    var typeColumns = TypeColumns(lexicon) { "\t\(lexicon.stem($0))\t_\t_\t_\t_\t_\t_\t" }
    defer { typeColumns.free() }
    forEachToken(
      text, analysis,
      { out, _, number, token, form, start, end, spaceAfter in
        out.append(decimal: number)
        out.append(byte: 0x09)
        out.append(form)
        typeColumns.append(analysis.types[token], to: &out)
        if !spaceAfter { out.append("SpaceAfter=No|") }
        out.append("TokenRange=")
        out.append(decimal: start)
        out.append(byte: 0x3A)
        out.append(decimal: end)
        out.append(byte: 0x0A)
      },
      sentenceStart: { out, index, bytes, tokens in
        if index > 0 { out.append(byte: 0x0A) }
        out.append("# sent_id = ")
        out.append(decimal: index + 1)
        out.append("\n# text = ")
        for (position, tokenIndex) in tokens.enumerated() {
          let token = analysis.tokens[tokenIndex]
          out.append(UnsafeBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)]))
          let nextStart = tokenIndex + 1 < analysis.tokens.count ? Int(analysis.tokens[tokenIndex + 1].start) : -1
          if nextStart != Int(token.end) && position + 1 < tokens.count { out.append(byte: 0x20) }
        }
        out.append(byte: 0x0A)
      }, into: &out)
    if !analysis.sentences.isEmpty { out.append(byte: 0x0A) }
  }

  /// TSV: `sentence token start end form normalized stem kind`, one token per line, written as
  /// bytes.
  static func tsv(_ text: String, _ analysis: AnalyzedText, _ lexicon: Lexicon, into out: inout Output) {
    out.append("sentence\ttoken\tstart\tend\tform\tnormalized\tstem\tkind\n")
    var typeColumns = TypeColumns(lexicon) { "\t\(lexicon.normalized($0))\t\(lexicon.stem($0))\t" }
    // The last column and the line end of each kind (16 bytes a kind, the first its length),
    // and the first column of the sentence: bytes made once, held where no reference is counted.
    let kindLines = UnsafeMutablePointer<UInt8>.allocate(capacity: 256 * 16)
    kindLines.initialize(repeating: 0, count: 256 * 16)
    for raw in 0...UInt8.max {
      guard let kind = TokenKind(rawValue: raw) else { continue }
      let line = Array((kindName(kind) + "\n").utf8)
      kindLines[Int(raw) * 16] = UInt8(line.count)
      for (index, byte) in line.enumerated() { kindLines[Int(raw) * 16 + 1 + index] = byte }
    }
    let sentenceColumn = UnsafeMutablePointer<UInt8>.allocate(capacity: 24)
    defer {
      kindLines.deallocate()
      sentenceColumn.deallocate()
      typeColumns.free()
    }
    var sentenceColumnSize = 0
    var columnSentence = -1
    forEachToken(
      text, analysis,
      { out, sentence, number, token, form, start, end, _ in
        if sentence != columnSentence {
          let column = Array("\(sentence + 1)\t".utf8)
          for (index, byte) in column.enumerated() { sentenceColumn[index] = byte }
          sentenceColumnSize = column.count
          columnSentence = sentence
        }
        out.append(sentenceColumn, count: sentenceColumnSize)
        out.append(decimal: number)
        out.append(byte: 0x09)
        out.append(decimal: start)
        out.append(byte: 0x09)
        out.append(decimal: end)
        out.append(byte: 0x09)
        out.append(form)
        typeColumns.append(analysis.types[token], to: &out)
        let kind = kindLines + Int(analysis.tokens[token].kind.rawValue) * 16
        out.append(kind + 1, count: Int(kind[0]))
      }, into: &out)
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
