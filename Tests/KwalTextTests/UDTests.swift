import KwalTestSupport
import Testing

@testable import KwalText

/// Token and sentence F1 against the UD Dutch treebanks, scored CoNLL 2018 style.
///
/// The raw text is rebuilt from the `# text =` lines as UD's `conllu_to_text.pl` does (without
/// its line wrapping): one space between the sentences of a paragraph, a blank line between
/// paragraphs and documents (read from the `sent_id`s). The rules were developed on the dev
/// sets only; the test-set figures below were measured once and are asserted as floors.
///
/// | set | token F1 | sentence F1 |
/// | --- | ---: | ---: |
/// | Alpino dev | 0.9995 | 1.0000 |
/// | LassySmall dev | 0.9960 | 0.9096 |
/// | Alpino test | 0.9987 | 1.0000 |
/// | LassySmall test | 0.9979 | 0.8653 |
@Suite("UD Dutch segmentation")
struct UDTests {
  static let floors: [(file: String, tokens: Double, sentences: Double)] = [
    ("nl_alpino-ud-dev", 0.999, 0.995), ("nl_lassysmall-ud-dev", 0.995, 0.905),
    ("nl_alpino-ud-test", 0.998, 0.99), ("nl_lassysmall-ud-test", 0.997, 0.86),
  ]

  @Test(
    "token and sentence F1 stay at or above their floors", .enabled(if: SharedData.has("ud-dutch"), SharedData.absent),
    arguments: floors.indices)
  func ud(index: Int) throws {
    let floor = Self.floors[index]
    let conllu = try #require(SharedData.text("ud-dutch/\(floor.file).conllu"))
    let gold = SegmentationEvaluation.gold(conllu: conllu, join: .paragraphs)
    #expect(gold.mismatches == 0)
    let analysis = TextAnalyzer().analyze(gold.text, lexicon: nil)
    let system = SegmentationEvaluation.spans(of: gold.text, analysis: analysis)
    let (tokens, sentences) = SegmentationEvaluation.score(system: system, gold: gold.spans)
    print("UD \(floor.file): tokens \(tokens), sentences \(sentences)")
    #expect(tokens.f1 >= floor.tokens)
    #expect(sentences.f1 >= floor.sentences)
  }

  @Test("the scorer: exact spans without white space")
  func scorer() throws {
    let conllu = """
      # sent_id = doc.p.1.s.1
      # text = Hij kwam, zei ze.
      1\tHij\t_
      2\tkwam\t_
      3\t,\t_
      4\tzei\t_
      5\tze\t_
      5.1\tleeg\t_
      6\t.\t_

      # sent_id = doc.p.2.s.1
      # text = Nu.
      1\tNu\t_
      2\t.\t_

      """
    let gold = SegmentationEvaluation.gold(conllu: conllu, join: .paragraphs)
    #expect(gold.text == "Hij kwam, zei ze.\n\nNu.")
    #expect(gold.spans.tokens.count == 8)
    #expect(gold.spans.sentences == [.init(0, 14), .init(14, 17)])
    let lines = try #require(
      SegmentationEvaluation.spans(ofTokenLines: "Hij\nkwam,\nzei\nze\n.\nNu\n.\n", text: gold.text))
    let (tokens, sentences) = SegmentationEvaluation.score(system: lines, gold: gold.spans)
    #expect(tokens.correct == 6 && tokens.system == 7 && tokens.gold == 8)
    #expect(sentences.correct == 0)
    #expect(SegmentationEvaluation.spans(ofTokenLines: "Hij\nging\n", text: gold.text) == nil)
    let joined = SegmentationEvaluation.gold(conllu: conllu, join: .spaces)
    #expect(joined.text == "Hij kwam, zei ze. Nu.")
  }
}
