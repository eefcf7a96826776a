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

  /// The default of `kwal codebook learn --continuation`.
  public static var defaultContinuation: Double? { CueTrainer.Options().continuation }

  /// The continuation to learn with: `given`, else the default when it is below `threshold`, else none.
  public static func continuation(_ given: Double?, threshold: Double) -> Double? {
    if let given { return given }
    guard let fallback = defaultContinuation, fallback < threshold else { return nil }
    return fallback
  }

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
    /// The output as `learned:` in the codebook would name it (relative to the codebook's folder).
    public var reference: String
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
    _ url: URL, from files: [URL], output: URL?, threshold: Double, continuation: Double? = defaultContinuation,
    regularisation: Double, minimumTexts: Int, smallestWeight: Double = defaultSmallestWeight, includingExamples: Bool,
    progress: Bool = false
  ) throws -> LearnReport {
    let line = ProgressLine(label: "kwal codebook learn", unit: "", total: 0, enabled: progress)
    defer { line.finish() }
    line.phase("reading the codebook and \(files.count) example file(s)")
    let (codebook, _) = try Codebook.load(contentsOf: url, readingLearned: false)
    let target =
      (output ?? codebook.learnedURL ?? url.deletingPathExtension().appendingPathExtension("learned.json"))
      .standardizedFileURL
    guard target.pathExtension.lowercased() == "json" else {
      throw CodebookError(
        .usage, "the learned cues are a .json file, not \(target.lastPathComponent)",
        at: SourceLocation(file: target.path))
    }
    for input in [url] + files
    where input.standardizedFileURL.resolvingSymlinksInPath() == target.resolvingSymlinksInPath() {
      throw CodebookError(
        .usage, "the output would overwrite an input; name another file with --output",
        at: SourceLocation(file: target.path))
    }
    let known = Set(codebook.codes.filter(\.definition.isCodable).map(\.id))
    let grouping = Set(codebook.codes.filter { !$0.definition.isCodable }.map(\.id))
    var texts = includingExamples ? CueTrainer.examples(of: codebook) : []
    for file in files {
      texts += try labelledTexts(file, known: known, grouping: grouping)
    }
    guard !texts.isEmpty else {
      throw CodebookError(.usage, "nothing to learn from: no example files and no examples in the codebook")
    }
    line.phase("fitting the cues on \(texts.count) labelled text(s)")
    var options = CueTrainer.Options()
    options.threshold = threshold
    if let continuation, !(continuation > 0 && continuation < threshold) {
      throw CodebookError(.usage, "the continuation \(continuation) is not between 0 and the threshold \(threshold)")
    }
    options.continuation = continuation
    options.regularisation = regularisation
    options.minimumTexts = minimumTexts
    options.smallestWeight = smallestWeight
    var sources = files.map(\.lastPathComponent)
    if includingExamples { sources.insert(url.lastPathComponent, at: 0) }
    let cues = CueTrainer(codebook: codebook, options: options).learn(texts, sources: sources)
    guard !cues.codes.isEmpty else {
      throw CodebookError(
        .badData,
        "no code has \(CueTrainer.Options().minimumPositives) coded texts to learn from; nothing was written",
        at: SourceLocation(file: files.first?.path ?? url.path))
    }
    try AtomicFile.write(cues.encoded(), to: target)
    let learned = Set(cues.codes.map(\.code))
    return LearnReport(
      output: target, texts: texts.count, codes: cues.codes.map { ($0.code, $0.positives, $0.cues.count) },
      skipped: codebook.codes.filter { $0.definition.isCodable && !learned.contains($0.id) }.map(\.id),
      named: codebook.learnedURL?.path == target.path,
      reference: relativePath(of: target, from: url.deletingLastPathComponent()))
  }

  /// `target` as a path relative to `folder` (what `learned:` in a codebook in `folder` says).
  static func relativePath(of target: URL, from folder: URL) -> String {
    let to = target.standardizedFileURL.pathComponents
    let from = folder.standardizedFileURL.pathComponents
    var common = 0
    while common < min(to.count - 1, from.count) && to[common] == from[common] { common += 1 }
    return (Array(repeating: "..", count: from.count - common) + to[common...]).joined(separator: "/")
  }

  /// The labelled texts of a CSV file (see
  /// ``learn(_:from:output:threshold:continuation:regularisation:minimumTexts:smallestWeight:includingExamples:)``).
  static func labelledTexts(_ url: URL, known: Set<String>, grouping: Set<String>) throws -> [LabelledText] {
    let table = try CSVTable.read(url)
    guard let textColumn = table.header.firstIndex(of: "text") else {
      let semicolons = table.header.count == 1 && table.header[0].contains(";")
      throw CodebookError(
        .badData,
        "no \"text\" column"
          + (semicolons ? " (the columns look separated by semicolons: save the file as comma-separated CSV)" : ""),
        at: SourceLocation(file: url.path, line: 1))
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
        let message =
          grouping.contains(code)
          ? "code \"\(code)\" groups other codes (codable: false): name the codes under it"
          : "unknown code \"\(code)\" (not in the codebook)"
        throw CodebookError(.badData, message, at: SourceLocation(file: url.path, line: line))
      }
      let text = row[textColumn]
      guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
        throw CodebookError(.badData, "empty text", at: SourceLocation(file: url.path, line: line))
      }
      let key =
        keyColumns.count == 3 && codesColumn == nil ? keyColumns.map { row[$0] }.joined(separator: "\u{1F}") : text
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
  public static func explain(_ url: URL, text: String, role: SpeakerRole, code: String? = nil) throws
    -> [RuleExplanation]
  {
    let (codebook, _) = try Codebook.load(contentsOf: url)
    if let code, !codebook.codes.contains(where: { $0.id == code }) {
      let ids = codebook.codes.map(\.id)
      let close = ids.filter { $0.hasPrefix(String(code.prefix(3))) }.prefix(5)
      throw CodebookError(
        .usage,
        "the codebook has no code \"\(code)\""
          + (close.isEmpty ? "" : " (did you mean \(close.joined(separator: ", "))?)"),
        at: SourceLocation(file: url.path))
    }
    let explanations = CodingContext(CompiledCodebook(codebook)).explain(text, role: role)
    guard let code else { return explanations }
    return explanations.filter { $0.code == code }
  }
}
