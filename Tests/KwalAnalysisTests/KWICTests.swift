import KwalModel
import Testing

@testable import KwalAnalysis

@Suite("Keyword in context")
struct KWICTests {
  /// "We moeten de kosten eerlijk verdelen." starts at scalar 100; "kosten" is 13-19 inside it,
  /// so 113-119 in the document.
  static let costs = CodingRecord(
    document: "noord/a.txt", caseName: "noord", unit: .sentence, start: 100, end: 137, code: "costs", coder: "auto:t@1",
    rules: ["kosten"], matched: [MatchedWord(word: "kosten", start: 113, end: 119)],
    text: "We moeten de kosten eerlijk verdelen.")
  /// "Het overleg over de coöperatie werd uitgesteld naar het volgende Overleg." at 0.
  static let meeting = CodingRecord(
    document: "zuid/b.txt", caseName: "zuid", unit: .sentence, start: 0, end: 73, code: "postponing", coder: "auto:t@1",
    rules: ["uitstel"], matched: [MatchedWord(word: "uitgesteld", start: 36, end: 46)],
    text: "Het overleg over de coöperatie werd uitgesteld naar het volgende Overleg.")

  @Test func codeWithWidth() throws {
    let report = try KWICReport.compute(
      AnalysisInput(codings: [Self.costs, Self.meeting]), target: .code("costs"), width: 10)
    let line = try #require(report.lines.first)
    #expect(report.lines.count == 1)
    #expect((line.start, line.end, line.keyword) == (113, 119, "kosten"))
    #expect(line.left == "moeten de ")  // the 10 scalars before: "We moeten de " minus "We "
    #expect(line.right == " eerlijk v")
    #expect(report.alignedText() == "noord/a.txt:113-119  moeten de  [kosten]  eerlijk v\n")
  }

  /// Terms fold case and diacritics: "overleg" finds "overleg" (4-11) and "Overleg" (65-72);
  /// "cooperatie" finds "coöperatie" (20-30); "overleg*" also finds "overleggen".
  @Test func terms() throws {
    let input = AnalysisInput(codings: [Self.costs, Self.meeting])
    let overleg = try KWICReport.compute(input, target: .term("overleg"), width: 5)
    #expect(overleg.lines.map { "\($0.start)-\($0.end) \($0.keyword)" } == ["4-11 overleg", "65-72 Overleg"])
    #expect(overleg.lines[0].left == "Het ")
    #expect(overleg.lines[1].right == ".")
    let cooperatie = try KWICReport.compute(input, target: .term("cooperatie"))
    #expect(cooperatie.lines.map(\.keyword) == ["coöperatie"])
    let phrase = try KWICReport.compute(input, target: .term("volgende overleg"))
    #expect(phrase.lines.map(\.keyword) == ["volgende Overleg"])
    let glob = try KWICReport.compute(input, target: .term("kost*"))
    #expect(glob.lines.map(\.start) == [113])
  }

  /// With the document text, the context reaches beyond the segment.
  @Test func fullTextContext() throws {
    let text = String(repeating: "x", count: 100) + Self.costs.text
    let report = try KWICReport.compute(
      AnalysisInput(codings: [Self.costs]), target: .code("costs"), width: 16, texts: ["noord/a.txt": text])
    #expect(report.lines.first?.left == "xxxWe moeten de ")
  }

  /// `--sort left` orders by the word just before the keyword, then the one before that (not
  /// by the left context spelled backwards).
  @Test func leftSortIsByTheNearestWordsFirst() throws {
    let text = "Over een brug. Aan de brug. Zie aan brug."
    let coding = CodingRecord(
      document: "a.txt", caseName: "a", unit: .document, start: 0, end: 41, code: "c", coder: "x", text: text)
    let report = try KWICReport.compute(AnalysisInput(codings: [coding]), target: .term("brug"), width: 20, sort: .left)
    #expect(report.lines.map(\.start) == [36, 22, 9], "aan, de, een")
    let right = try KWICReport.compute(AnalysisInput(codings: [coding]), target: .term("brug"), width: 20, sort: .right)
    #expect(right.lines.map(\.start) == [36, 9, 22], "'.', '. Aan', '. Zie'")
  }

  @Test func sorting() throws {
    let input = AnalysisInput(codings: [Self.costs, Self.meeting])
    let byRight = try KWICReport.compute(input, target: .term("*e*"), width: 3, sort: .keyword)
    let keywords = byRight.lines.map { $0.keyword.lowercased() }
    #expect(keywords == keywords.sorted())
  }

  /// A codings file without a text column cannot show context without the corpus: say so.
  @Test func codingsWithoutTextAskForTheCorpus() {
    var bare = Self.costs
    bare.text = ""
    bare.matched = []
    let error = #expect(throws: AnalysisError.self) {
      try KWICReport.compute(AnalysisInput(codings: [bare]), target: .code("costs"))
    }
    #expect(error?.message.contains("give --corpus") == true)
  }

  @Test func unknownCodeAndBadOffsets() {
    #expect(throws: AnalysisError.self) {
      try KWICReport.compute(AnalysisInput(codings: [Self.costs]), target: .code("onbekend"))
    }
    var broken = Self.costs
    broken.matched = [MatchedWord(word: "kosten", start: 300, end: 306)]
    do {
      _ = try KWICReport.compute(AnalysisInput(codings: [broken]), target: .code("costs"))
      Issue.record("expected an error")
    } catch {
      #expect(error.location == SourceLocation(file: "codings.csv", line: 2))
    }
  }

  /// A code never coded gives no lines, not an error (it is in the codebook).
  @Test func codeNeverCoded() throws {
    let codebook = CodebookInfo(
      name: "t", version: "1", codes: [CodeDefinition(id: "costs"), CodeDefinition(id: "bridging")])
    let report = try KWICReport.compute(
      AnalysisInput(codings: [Self.costs], codebook: codebook), target: .code("bridging"))
    #expect(report.lines.isEmpty)
  }
}
