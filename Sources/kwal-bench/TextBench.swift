import Foundation
import KwalText

/// `kwal-bench text …`: the Dutch text layer's accuracy against UD gold and its speed.
///
/// - `text raw CONLLU JOIN OUT`: writes the raw text rebuilt from the `# text` lines, the input of
///   every tool; JOIN is `paragraphs` (sentences of a paragraph joined by a space, paragraphs and
///   documents by a blank line, as UD's conllu_to_text.pl) or `spaces` (one space between all
///   sentences of a document);
/// - `text score CONLLU JOIN [TOKENLINES]`: token and sentence F1 (CoNLL 2018 spans) of Kwal, or of a
///   tool's output given as one token per line with a blank line after every sentence; prints
///   `tokenF1 sentenceF1 tokenP tokenR sentenceP sentenceR`, tab-separated;
/// - `text speed FILE split|stem`: streams FILE in 4 MiB blocks cut at paragraph breaks,
///   tokenises and splits (and with `stem` also normalises and stems every type through a
///   ``Lexicon``), on one core; prints `bytes tokens sentences seconds MB/s tokens/s`.
enum TextBench {
  static func run(_ arguments: [String]) -> Int32 {
    switch (arguments.first, arguments.count) {
    case ("raw", 4):
      guard let join = SegmentationEvaluation.JoinStyle(rawValue: arguments[2]) else { break }
      return raw(arguments[1], join, arguments[3])
    case ("score", 3), ("score", 4):
      guard let join = SegmentationEvaluation.JoinStyle(rawValue: arguments[2]) else { break }
      return score(arguments[1], join, arguments.count == 4 ? arguments[3] : nil)
    case ("speed", 3):
      return speed(arguments[1], stemming: arguments[2] == "stem")
    default:
      break
    }
    print("usage: kwal-bench text raw CONLLU JOIN OUT | score CONLLU JOIN [TOKENLINES] | speed FILE split|stem")
    return 64
  }

  static func read(_ path: String) -> String? {
    guard let data = FileManager.default.contents(atPath: path) else {
      print("error: cannot read \(path)")
      return nil
    }
    return String(decoding: data, as: UTF8.self)
  }

  static func raw(_ conllu: String, _ join: SegmentationEvaluation.JoinStyle, _ output: String) -> Int32 {
    guard let text = read(conllu) else { return 66 }
    let gold = SegmentationEvaluation.gold(conllu: text, join: join)
    guard FileManager.default.createFile(atPath: output, contents: Data((gold.text + "\n").utf8)) else {
      print("error: cannot write \(output)")
      return 73
    }
    return 0
  }

  static func score(_ conllu: String, _ join: SegmentationEvaluation.JoinStyle, _ tokenLines: String?) -> Int32 {
    guard let text = read(conllu) else { return 66 }
    let gold = SegmentationEvaluation.gold(conllu: text, join: join)
    let system: SegmentationEvaluation.Spans
    if let tokenLines {
      guard let output = read(tokenLines) else { return 66 }
      guard let spans = SegmentationEvaluation.spans(ofTokenLines: output, text: gold.text) else {
        print("error: \(tokenLines): the tokens do not spell the text (the tool changed characters)")
        return 65
      }
      system = spans
    } else {
      let analysis = TextAnalyzer().analyze(gold.text, lexicon: nil)
      system = SegmentationEvaluation.spans(of: gold.text, analysis: analysis)
    }
    let (tokens, sentences) = SegmentationEvaluation.score(system: system, gold: gold.spans)
    let fields = [tokens.f1, sentences.f1, tokens.precision, tokens.recall, sentences.precision, sentences.recall]
    print(fields.map { String(format: "%.4f", $0) }.joined(separator: "\t"))
    return 0
  }

  static func speed(_ path: String, stemming: Bool) -> Int32 {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      print("error: cannot read \(path)")
      return 66
    }
    let analyzer = TextAnalyzer()
    let lexicon: Lexicon? = stemming ? Lexicon() : nil
    let blockSize = 4 << 20
    var carry: [UInt8] = []
    var bytes = 0
    var tokens = 0
    var sentences = 0
    let clock = ContinuousClock()
    let start = clock.now
    func analyze(_ chunk: ArraySlice<UInt8>) {
      let text = String(decoding: chunk, as: UTF8.self)
      let analysis = analyzer.analyze(text, lexicon: lexicon)
      tokens += analysis.tokens.count
      sentences += analysis.sentences.count
    }
    while true {
      let block = handle.readData(ofLength: blockSize)
      if block.isEmpty { break }
      bytes += block.count
      carry.append(contentsOf: block)
      // Cut after the last paragraph break, so no sentence is cut; keep the rest for later.
      let cut = lastParagraphBreak(carry) ?? (carry.count > 4 * blockSize ? carry.count : nil)
      if let cut {
        analyze(carry[..<cut])
        carry.removeSubrange(..<cut)
      }
    }
    if !carry.isEmpty { analyze(carry[...]) }
    try? handle.close()
    let elapsed = clock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print(
      "\(bytes)\t\(tokens)\t\(sentences)\t\(String(format: "%.3f", seconds))\t"
        + "\(String(format: "%.1f", Double(bytes) / 1e6 / seconds))\t\(String(format: "%.0f", Double(tokens) / seconds))"
    )
    return 0
  }

  /// The index just after the last blank line (`\n\n`) in `bytes`, if any.
  static func lastParagraphBreak(_ bytes: [UInt8]) -> Int? {
    var index = bytes.count - 1
    while index > 0 {
      if bytes[index] == 0x0A && bytes[index - 1] == 0x0A { return index + 1 }
      index -= 1
    }
    return nil
  }
}
