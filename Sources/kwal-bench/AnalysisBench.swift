import Foundation
import KwalAnalysis
import KwalExport
import KwalModel

/// `kwal-bench analysis [CODINGS] [--write DIR] [--corpus DIR]`: builds a synthetic coding output
/// with CODINGS codings (default 1,000,000; deterministic), times the analyses in-process and
/// prints one tab-separated line per step: step, codings, seconds, result size. With `--write
/// DIR` it also writes the folder (codings.csv, documents.csv, units.csv, codebook.json) for
/// timing the CLI, and with `--corpus DIR` the documents' texts (for `kwal export qdpx`).
enum AnalysisBench {
  /// SplitMix64: a small deterministic generator, so every run analyses the same data.
  struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
  }

  /// 8 root codes with 4 children each; 12 cases; documents of 300 sentences of 80 characters;
  /// each coding is a sentence with a code (about 1.5 codes per coded sentence).
  static func makeInput(codings target: Int) -> AnalysisInput {
    var codes: [CodeDefinition] = []
    for root in 0..<8 {
      codes.append(CodeDefinition(id: "root-\(root)"))
      for child in 0..<4 { codes.append(CodeDefinition(id: "code-\(root)-\(child)", parent: "root-\(root)")) }
    }
    let leaves = codes.filter { $0.parent != nil }.map(\.id)
    let codebook = CodebookInfo(name: "bench", version: "1", codes: codes)
    var random = Generator(state: 20_260_524)
    let sentencesPerDocument = 300
    let sentenceLength = 80
    var codings: [CodingRecord] = []
    codings.reserveCapacity(target)
    var documents: [DocumentRecord] = []
    var units: [UnitRecord] = []
    let phases = ["start", "uitvoering", "evaluatie"]
    var document = 0
    while codings.count < target {
      let caseName = "case-\(document % 12)"
      let id = "\(caseName)/doc-\(document).txt"
      let month = 1 + document % 12
      documents.append(
        DocumentRecord(
          document: id, caseName: caseName, kind: document % 3 == 0 ? .minutes : .interview,
          date: "2023-\(month < 10 ? "0" : "")\(month)-15", characters: sentencesPerDocument * sentenceLength,
          words: sentencesPerDocument * 13, tokens: sentencesPerDocument * 15, sentences: sentencesPerDocument,
          attributes: ["phase": phases[document % 3]]))
      for sentence in 0..<sentencesPerDocument {
        let start = sentence * sentenceLength
        units.append(UnitRecord(document: id, unit: .sentence, start: start, end: start + sentenceLength - 1))
        guard codings.count < target, random.below(3) > 0 else { continue }
        let count = 1 + random.below(2)
        let first = random.below(leaves.count)
        for offset in 0..<count where codings.count < target {
          // Neighbouring codes co-occur more often than chance.
          let code = leaves[(first + offset * (1 + random.below(3))) % leaves.count]
          codings.append(
            CodingRecord(
              document: id, caseName: caseName, unit: .sentence, start: start, end: start + sentenceLength - 1,
              code: code,
              coder: "auto:bench@1", rules: [code],
              matched: [MatchedWord(word: "woord", start: start + 10, end: start + 15)],
              text: Self.sentence(sentence)))
        }
      }
      document += 1
    }
    return AnalysisInput(codings: codings, documents: documents, units: units, codebook: codebook)
  }

  /// The sentence text of every document's sentence `number`: one line of the document,
  /// padded to the sentence's 79 characters, so a coding's text is the document's text at its
  /// offsets.
  static func sentence(_ number: Int) -> String {
    let text = "Dit is zin \(number) van het document, met woorden voor de bank en de analyse."
    return text + String(repeating: " ", count: max(0, 79 - text.count))
  }

  /// Writes every document's text under `folder` (`case-N/doc-M.txt`): its sentences, one a
  /// line, so that the folder is the corpus the codings were made of (for `kwal export qdpx`).
  static func writeCorpus(_ input: AnalysisInput, to folder: URL) throws {
    for document in input.documents {
      let url = folder.appendingPathComponent(document.document)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      let text = (0..<document.sentences).map { sentence($0) + "\n" }.joined()
      try Data(text.utf8).write(to: url)
    }
  }

  static func run(_ arguments: [String]) -> Int32 {
    var count = 1_000_000
    var writeFolder: String?
    var corpusFolder: String?
    var index = 0
    while index < arguments.count {
      if arguments[index] == "--write", index + 1 < arguments.count {
        writeFolder = arguments[index + 1]
        index += 2
        continue
      }
      if arguments[index] == "--corpus", index + 1 < arguments.count {
        corpusFolder = arguments[index + 1]
        index += 2
        continue
      }
      guard let value = Int(arguments[index]), value > 0 else {
        print("usage: kwal-bench analysis [CODINGS] [--write DIR] [--corpus DIR]")
        return 64
      }
      count = value
      index += 1
    }
    let clock = ContinuousClock()
    func seconds(_ duration: Duration) -> String {
      String(format: "%.3f", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
    func step(_ name: String, _ body: () throws -> Int) -> Bool {
      let start = clock.now
      do {
        let size = try body()
        print("\(name)\t\(count)\t\(seconds(clock.now - start))\t\(size)")
        return true
      } catch {
        print("\(name)\terror: \(error)")
        return false
      }
    }
    var input = AnalysisInput(codings: [])
    var ok = step("generate") {
      input = makeInput(codings: count)
      return input.units.count
    }
    if let writeFolder {
      ok =
        step("write-folder") {
          let folder = URL(fileURLWithPath: writeFolder)
          let encoder = JSONEncoder()
          encoder.outputFormatting = [.sortedKeys]
          try AtomicFile.writeAll([
            (folder.appendingPathComponent("codings.csv"), CodingFiles.codingsCSV(input.codings)),
            (folder.appendingPathComponent("documents.csv"), CodingFiles.documentsCSV(input.documents)),
            (folder.appendingPathComponent("units.csv"), CodingFiles.unitsCSV(input.units)),
            (folder.appendingPathComponent("codebook.json"), try encoder.encode(input.codebook)),
          ])
          return input.codings.count
        } && ok
    }
    if let corpusFolder {
      ok =
        step("write-corpus") {
          try writeCorpus(input, to: URL(fileURLWithPath: corpusFolder))
          return input.documents.count
        } && ok
    }
    ok = step("matrix-count-by-case") { try MatrixReport.compute(input).codes.count } && ok
    ok =
      step("matrix-coverage-by-case,phase") {
        try MatrixReport.compute(
          input, options: MatrixOptions(by: [.caseName, .attribute("phase")], measure: .coverage)
        ).columns.count
      } && ok
    ok =
      step("keyness-by-case") {
        try KeynessReport.compute(try MatrixReport.compute(input)).tests.count
      } && ok
    ok =
      step("cooccur-sentence-all-measures") {
        try CooccurrenceReport.compute(input, options: CooccurrenceOptions()).pairs.count
      } && ok
    ok =
      step("cooccur-window:3-by-case") {
        try CooccurrenceReport.compute(input, options: CooccurrenceOptions(unit: .window(3), byCase: true)).pairs.count
      } && ok
    ok =
      step("cooccur-overlap") {
        try CooccurrenceReport.compute(input, options: CooccurrenceOptions(unit: .overlap)).pairs.count
      } && ok
    ok = step("kwic-code") { try KWICReport.compute(input, target: .code("root-3")).lines.count } && ok
    return ok ? 0 : 1
  }
}
