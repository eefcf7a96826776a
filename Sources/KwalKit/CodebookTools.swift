public import Foundation
public import KwalModel
internal import KwalCoding
internal import KwalExport

/// The report of `kwal codebook test`.
public struct ExampleReport: Sendable {
  /// The number of examples run.
  public var total: Int
  /// The examples that failed.
  public var failures: [ExampleResult]
}

/// The `kwal codebook` use cases: lint, test, explain.
public enum CodebookTools {
  /// Every diagnostic of a codebook: loading errors (thrown, with all diagnostics) or the
  /// warnings and notes of a codebook that loads.
  public static func lint(_ url: URL) throws -> [Diagnostic] {
    let (codebook, diagnostics) = try Codebook.load(contentsOf: url)
    return diagnostics + CodebookLint.check(codebook)
  }

  /// Runs every example of the codebook.
  public static func test(_ url: URL) throws -> ExampleReport {
    let (codebook, _) = try Codebook.load(contentsOf: url)
    let context = CodingContext(CompiledCodebook(codebook))
    let results = context.testExamples()
    return ExampleReport(total: results.count, failures: results.filter { !$0.passed })
  }

  /// The default of `kwal codebook learn --threshold`.
  public static var defaultThreshold: Double { CueTrainer.Options().threshold }

  /// The default of `kwal codebook learn --smallest-weight`.
  public static var defaultSmallestWeight: Double { CueTrainer.Options().smallestWeight }

  /// What `kwal codebook learn` did.
  public struct LearnReport: Sendable {
    /// Where the cues were written.
    public var output: URL
    /// How many texts they were learned from (example files and the codebook's examples).
    public var texts: Int
    /// Per learned code: its id, the texts that have it and the number of cues.
    public var codes: [(code: String, positives: Int, cues: Int)]
    /// Codable codes with too few texts to learn from.
    public var skipped: [String]
    /// Whether the codebook already names the output with `learned:`.
    public var named: Bool
  }

  /// Learns cue weights for the codes of the codebook at `url` from its own examples (unless
  /// `includingExamples` is false) and the labelled texts of `files`, and writes them
  /// atomically to `output` (by default the file the codebook's `learned:` names, else
  /// `<codebook>.learned.json` beside it).
  ///
  /// A file has a `text` column and either `codes` (the codes of the text, separated by `|`, empty
  /// for none) or `code` (one coding per row, as `kwal code` and the coding CSV format write;
  /// rows of one text are merged).
  public static func learn(
    _ url: URL, from files: [URL], output: URL?, threshold: Double, regularisation: Double, minimumTexts: Int,
    smallestWeight: Double = defaultSmallestWeight, includingExamples: Bool
  ) throws -> LearnReport {
    let (codebook, _) = try Codebook.load(contentsOf: url, readingLearned: false)
    let known = Set(codebook.codes.map(\.id))
    var texts = includingExamples ? CueTrainer.examples(of: codebook) : []
    for file in files {
      texts += try labelledTexts(file, known: known)
    }
    guard !texts.isEmpty else {
      throw CodebookError(.usage, "nothing to learn from: no example files and no examples in the codebook")
    }
    var options = CueTrainer.Options()
    options.threshold = threshold
    options.regularisation = regularisation
    options.minimumTexts = minimumTexts
    options.smallestWeight = smallestWeight
    var sources = files.map(\.lastPathComponent)
    if includingExamples { sources.insert(url.lastPathComponent, at: 0) }
    let cues = CueTrainer(codebook: codebook, options: options).learn(texts, sources: sources)
    let target =
      output ?? codebook.learnedURL
      ?? url.deletingPathExtension().appendingPathExtension("learned.json")
    try AtomicFile.write(cues.encoded(), to: target)
    let learned = Set(cues.codes.map(\.code))
    return LearnReport(
      output: target, texts: texts.count, codes: cues.codes.map { ($0.code, $0.positives, $0.cues.count) },
      skipped: codebook.codes.filter { $0.definition.isCodable && !learned.contains($0.id) }.map(\.id),
      named: codebook.learnedURL?.path == target.standardizedFileURL.path)
  }

  /// The labelled texts of a CSV file (see ``learn(_:from:output:threshold:regularisation:minimumTexts:smallestWeight:includingExamples:)``).
  static func labelledTexts(_ url: URL, known: Set<String>) throws -> [LabelledText] {
    let table = try CSVTable.read(url)
    guard let textColumn = table.header.firstIndex(of: "text") else {
      throw CodebookError(.badData, "no \"text\" column", at: SourceLocation(file: url.path, line: 1))
    }
    let codesColumn = table.header.firstIndex(of: "codes")
    let codeColumn = table.header.firstIndex(of: "code")
    guard codesColumn != nil || codeColumn != nil else {
      throw CodebookError(
        .badData, "no \"codes\" or \"code\" column", at: SourceLocation(file: url.path, line: 1))
    }
    var order: [String] = []
    var textOf: [String: String] = [:]
    var codesOf: [String: Set<String>] = [:]
    // The key of a text: its document and offsets when the file has them (a coding CSV), else the text.
    let keyColumns = ["document", "start", "end"].compactMap { table.header.firstIndex(of: $0) }
    for (index, row) in table.rows.enumerated() {
      let line = index + 2
      let codes: [String]
      if let codesColumn {
        codes = row[codesColumn].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
          !$0.isEmpty
        }
      } else {
        codes = [row[codeColumn ?? 0]].filter { !$0.isEmpty }
      }
      for code in codes where !known.contains(code) {
        throw CodebookError(
          .badData, "unknown code \"\(code)\" (not in the codebook)", at: SourceLocation(file: url.path, line: line))
      }
      let text = row[textColumn]
      guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
        throw CodebookError(.badData, "empty text", at: SourceLocation(file: url.path, line: line))
      }
      let key = keyColumns.count == 3 && codesColumn == nil ? keyColumns.map { row[$0] }.joined(separator: "\u{1F}") : text
      if codesOf[key] == nil {
        order.append(key)
        codesOf[key] = []
      }
      codesOf[key]?.formUnion(codes)
      if codesColumn == nil { textOf[key] = text }
    }
    return order.map { LabelledText(text: textOf[$0] ?? $0, codes: codesOf[$0] ?? []) }
  }

  /// Explains which rules fire on `text` (said by `role`) and why.
  public static func explain(_ url: URL, text: String, role: SpeakerRole) throws -> [RuleExplanation] {
    let (codebook, _) = try Codebook.load(contentsOf: url)
    return CodingContext(CompiledCodebook(codebook)).explain(text, role: role)
  }
}
