import Foundation

/// Scores tokenisation and sentence segmentation against Universal Dependencies gold data the
/// way the CoNLL 2018 shared task does: every token and sentence is a span of character offsets
/// in the text *with all white space removed*, and F1 is computed over exactly matching spans.
///
/// The raw text is rebuilt from the `# text =` lines. UD gives no `# newpar` markers for the
/// Dutch treebanks, but their `sent_id`s (`WR-P-P-H-0000000105.p.5.s.4`, `wiki-135.p.100.s.1`)
/// name the document and the paragraph; ``JoinStyle`` says how sentences are joined.
public enum SegmentationEvaluation {
  /// How the gold sentences are joined into a raw text.
  public enum JoinStyle: String, Sendable, CaseIterable {
    /// As UD's `conllu_to_text.pl` does (without its 80-column wrapping): one space between the
    /// sentences of a paragraph, a blank line between paragraphs and between documents.
    case paragraphs
    /// One space between all sentences of a document, a blank line between documents: the
    /// splitter gets no help from line breaks at all.
    case spaces
  }

  /// Tokens and sentences as spans of non-white-space character offsets.
  public struct Spans: Sendable, Equatable {
    /// Token spans, in order.
    public var tokens: [Span] = []
    /// Sentence spans, in order.
    public var sentences: [Span] = []

    /// Creates empty spans.
    public init() {}
  }

  /// A half-open span of non-white-space character offsets.
  public struct Span: Sendable, Hashable {
    /// The first character.
    public var start: Int
    /// The character after the last.
    public var end: Int

    /// Creates a span.
    public init(_ start: Int, _ end: Int) {
      self.start = start
      self.end = end
    }
  }

  /// Precision, recall and F1 of one kind of span.
  public struct Score: Sendable, Equatable, CustomStringConvertible {
    /// Spans in the gold data.
    public var gold: Int
    /// Spans in the system output.
    public var system: Int
    /// Spans in both.
    public var correct: Int

    /// Creates a score from counts.
    public init(gold: Int, system: Int, correct: Int) {
      self.gold = gold
      self.system = system
      self.correct = correct
    }

    /// correct / system.
    public var precision: Double { system == 0 ? 0 : Double(correct) / Double(system) }
    /// correct / gold.
    public var recall: Double { gold == 0 ? 0 : Double(correct) / Double(gold) }
    /// The harmonic mean of precision and recall.
    public var f1: Double { gold + system == 0 ? 0 : 2 * Double(correct) / Double(gold + system) }
    /// `F1 0.9981 (P 0.9980, R 0.9982)`.
    public var description: String {
      "F1 \(format(f1)) (P \(format(precision)), R \(format(recall)))"
    }
  }

  /// A gold treebank: the rebuilt raw text and its gold spans.
  public struct Gold: Sendable {
    /// The raw text, rebuilt from the `# text =` lines.
    public var text: String
    /// The gold tokens and sentences.
    public var spans: Spans
    /// The `# text` lines whose characters (without white space) differ from their tokens'.
    public var mismatches: Int
  }

  /// Reads CoNLL-U and rebuilds its raw text; multi-word token ranges and empty nodes are
  /// skipped (the word lines under a range are not tokens of the text).
  public static func gold(conllu: String, join: JoinStyle) -> Gold {
    var text = ""
    var spans = Spans()
    var mismatches = 0
    var offset = 0
    var previousDocument: Substring?
    var previousParagraph: Substring?
    var sentenceText: Substring?
    var sentenceID: Substring = ""
    var forms: [Substring] = []
    var rangeEnd = 0

    func flush() {
      guard let current = sentenceText else { return }
      let (document, paragraph) = documentAndParagraph(sentenceID)
      if !text.isEmpty {
        if document != previousDocument {
          text += "\n\n"
        } else if join == .paragraphs && paragraph != previousParagraph {
          text += "\n\n"
        } else {
          text += " "
        }
      }
      previousDocument = document
      previousParagraph = paragraph
      text += current
      let sentenceStart = offset
      var joined = 0
      for form in forms {
        let length = nonSpaceCount(form)
        if length == 0 { continue }
        spans.tokens.append(Span(offset, offset + length))
        offset += length
        joined += length
      }
      if joined != nonSpaceCount(current) { mismatches += 1 }
      if offset > sentenceStart { spans.sentences.append(Span(sentenceStart, offset)) }
      sentenceText = nil
      forms.removeAll(keepingCapacity: true)
      rangeEnd = 0
    }

    for line in conllu.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = line.last == "\r" ? line.dropLast() : line
      if line.isEmpty {
        flush()
      } else if line.hasPrefix("# text = ") {
        sentenceText = line.dropFirst(9)
      } else if line.hasPrefix("# sent_id = ") {
        sentenceID = line.dropFirst(12)
      } else if line.first != "#" {
        let columns = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
        guard columns.count >= 2 else { continue }
        let id = columns[0]
        if id.contains(".") { continue }  // an empty node
        if let dash = id.firstIndex(of: "-") {
          // A multi-word token: its surface form is the token, the words under it are not.
          rangeEnd = Int(id[id.index(after: dash)...]) ?? 0
          forms.append(columns[1])
          continue
        }
        if let number = Int(id), number <= rangeEnd { continue }
        forms.append(columns[1])
      }
    }
    flush()
    return Gold(text: text, spans: spans, mismatches: mismatches)
  }

  /// The spans of a Kwal analysis of `text`.
  public static func spans(of text: String, analysis: AnalyzedText) -> Spans {
    var spans = Spans()
    var text = text
    text.withUTF8 { bytes in
      // Non-white-space characters before every byte that starts a token.
      var byteIndex = 0
      var count = 0
      var tokenStarts: [Int] = []
      tokenStarts.reserveCapacity(analysis.tokens.count)
      var tokenEnds: [Int] = []
      tokenEnds.reserveCapacity(analysis.tokens.count)
      func advance(to target: Int) {
        while byteIndex < target {
          let (value, length) = decodeScalar(bytes, at: byteIndex)
          if !isWhiteSpace(value) { count += 1 }
          byteIndex += length
        }
      }
      for token in analysis.tokens {
        advance(to: Int(token.start))
        let start = count
        advance(to: Int(token.end))
        tokenStarts.append(start)
        tokenEnds.append(count)
        if count > start { spans.tokens.append(Span(start, count)) }
      }
      for sentence in analysis.sentences where !sentence.isEmpty {
        let start = tokenStarts[sentence.lowerBound]
        let end = tokenEnds[sentence.upperBound - 1]
        if end > start { spans.sentences.append(Span(start, end)) }
      }
    }
    return spans
  }

  /// The spans of a tool's output given as one token per line with a blank line after every
  /// sentence, in text order, for tools that do not report offsets (ucto, spaCy via a script).
  ///
  /// Returns nil when the tokens' characters are not the text's (the tool changed the text).
  public static func spans(ofTokenLines output: String, text: String) -> Spans? {
    var spans = Spans()
    let characters = Array(text.unicodeScalars.filter { !isWhiteSpace($0.value) })
    var offset = 0
    var sentenceStart: Int?
    for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
      let scalars = line.unicodeScalars.filter { !isWhiteSpace($0.value) }
      if scalars.isEmpty {
        if let start = sentenceStart, offset > start { spans.sentences.append(Span(start, offset)) }
        sentenceStart = nil
        continue
      }
      guard offset + scalars.count <= characters.count,
        characters[offset..<(offset + scalars.count)].elementsEqual(scalars)
      else { return nil }
      if sentenceStart == nil { sentenceStart = offset }
      spans.tokens.append(Span(offset, offset + scalars.count))
      offset += scalars.count
    }
    if let start = sentenceStart, offset > start { spans.sentences.append(Span(start, offset)) }
    return spans
  }

  /// Token and sentence scores of `system` against `gold`.
  public static func score(system: Spans, gold: Spans) -> (tokens: Score, sentences: Score) {
    (match(system.tokens, gold.tokens), match(system.sentences, gold.sentences))
  }

  /// Counts exactly matching spans of two sorted span lists.
  static func match(_ system: [Span], _ gold: [Span]) -> Score {
    var correct = 0
    var i = 0
    var j = 0
    while i < system.count && j < gold.count {
      let s = system[i]
      let g = gold[j]
      if s == g {
        correct += 1
        i += 1
        j += 1
      } else if s.start < g.start || (s.start == g.start && s.end < g.end) {
        i += 1
      } else {
        j += 1
      }
    }
    return Score(gold: gold.count, system: system.count, correct: correct)
  }

  /// The document and paragraph of a UD sentence id (`doc.p.N.s.M`).
  static func documentAndParagraph(_ id: Substring) -> (Substring, Substring) {
    guard let sentenceMark = id.range(of: ".s.", options: .backwards) else { return (id, id) }
    let paragraph = id[..<sentenceMark.lowerBound]
    guard let paragraphMark = paragraph.range(of: ".p.", options: .backwards) else {
      return (paragraph, paragraph)
    }
    return (paragraph[..<paragraphMark.lowerBound], paragraph)
  }

  static func nonSpaceCount<S: StringProtocol>(_ text: S) -> Int {
    var count = 0
    for scalar in text.unicodeScalars where !isWhiteSpace(scalar.value) { count += 1 }
    return count
  }

  /// White space as the CoNLL 2018 evaluation script removes it (Python's `str.isspace`).
  static func isWhiteSpace(_ value: UInt32) -> Bool {
    switch value {
    case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F,
      0x205F, 0x3000:
      return true
    default:
      return false
    }
  }
}

private func format(_ value: Double) -> String {
  let scaled = (value * 10000).rounded()
  let whole = Int(scaled) / 10000
  let fraction = Int(scaled) % 10000
  let digits = String(fraction)
  return "\(whole)." + String(repeating: "0", count: 4 - digits.count) + digits
}
