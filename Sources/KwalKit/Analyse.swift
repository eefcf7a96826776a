internal import Foundation
internal import KwalAnalysis
internal import KwalCoding
internal import KwalExport
internal import KwalIngest
internal import KwalModel

/// An output format of the analysis commands.
enum AnalysisFormat: String, Sendable, CaseIterable {
  /// Comma-separated values (RFC 4180).
  case csv
  /// Tab-separated values.
  case tsv
  /// JSON: `{"title", "about", "columns", "rows", "notes"}`.
  case json
  /// A Markdown table with notes.
  case md
  /// An HTML page (framework matrix).
  case html
  /// GraphML (co-occurrence network).
  case graphml
  /// Graphviz DOT (co-occurrence network).
  case dot
  /// Aligned plain text (KWIC).
  case text

  /// The format for `--format`, or else from the extension of `--out`, or else `fallback`.
  static func choose(_ format: String?, out: String?, fallback: AnalysisFormat) throws(AnalysisError) -> AnalysisFormat
  {
    if let format {
      guard let value = AnalysisFormat(rawValue: format == "markdown" ? "md" : format == "txt" ? "text" : format) else {
        throw AnalysisError(
          .usage, "unknown format \"\(format)\" (use \(allCases.map(\.rawValue).joined(separator: ", ")))")
      }
      return value
    }
    if let out {
      switch URL(fileURLWithPath: out).pathExtension.lowercased() {
      case "csv": return .csv
      case "tsv", "tab": return .tsv
      case "json": return .json
      case "md", "markdown": return .md
      case "html", "htm": return .html
      case "graphml": return .graphml
      case "dot", "gv": return .dot
      case "txt": return .text
      default: break
      }
    }
    return fallback
  }
}

/// The analysis use cases: `kwal matrix`, `kwal cooccur` and `kwal kwic` read a coding output
/// folder, analyse it with KwalAnalysis and render the result.
public enum Analyse {
  /// Reads a coding output folder (or a codings CSV file) and the code tree: `codebook` (YAML, or
  /// a `codebook.json`), else the folder's `codebook.json`, else none (every code a root).
  /// `units`: whether the analysis needs `units.csv` (only unit-based co-occurrence does; it is
  /// the largest file of an output, so the others do not read it). `texts`: whether the
  /// analysis shows coded text (quotes, KWIC, segments); counting does not, and reads faster.
  /// `counting`: the analysis only counts codings (``AnalysisInput/columns``, no records).
  /// `showing`: the analysis counts all codings and shows those of this code and the codes
  /// below it (columns for all, records for those; ``AnalysisInput/codingLines`` says where
  /// each lies).
  static func load(
    _ folder: URL, codebook: URL?, units: Bool = true, texts: Bool = true, suggestions: SuggestionSource? = nil,
    unitKinds: Set<UnitKind>? = nil, counting: Bool = false, showing: String? = nil, progress: ProgressLine? = nil
  ) throws -> AnalysisInput {
    var isFolder: ObjCBool = false
    FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder)
    reading(isFolder.boolValue ? folder.appendingPathComponent("codings.csv") : folder, of: folder, progress: progress)
    defer { progress?.phase("computing") }
    let info = try codeTree(of: folder, isFolder: isFolder.boolValue, codebook: codebook)
    // Reviewed codings are found by their records; other counts need columns only, and shown
    // codings are those of `showing` and the codes below it.
    let asColumns = (counting || showing != nil) && suggestions != .reviewed
    var showingCodes: Set<String>?
    if asColumns, let showing {
      let tree = CodeTree(codebook: info)
      var codes: Set<String> = [showing]
      if let target = tree.index[showing] {
        for code in tree.codes.indices where tree.selfAndAncestors(code).contains(target) {
          codes.insert(tree.codes[code])
        }
      }
      showingCodes = codes
    }
    // Counting by units of one kind needs only where each lies: read as columns.
    let unitsURL = folder.appendingPathComponent("units.csv")
    let spansKind = counting && units && isFolder.boolValue ? unitKinds.flatMap { $0.count == 1 ? $0.first : nil } : nil
    var output = try CodingOutput.read(
      folder, units: units && spansKind == nil, texts: texts, unitKinds: unitKinds, columns: asColumns,
      showing: showingCodes)
    var unitSpans: UnitSpans?
    if let spansKind, FileManager.default.fileExists(atPath: unitsURL.path) {
      unitSpans = try CodingFiles.readUnitSpans(unitsURL, kind: spansKind)
    }
    var suggested: [CodingRecord] = []
    if asColumns, let suggestions {
      suggested = try readSuggestions(suggestions, folder: folder, isFolder: isFolder.boolValue)
      output.columns?.append(CodingColumns(suggested))
    } else if suggestions == .reviewed {
      guard isFolder.boolValue else {
        throw AnalysisError(.usage, "--reviewed needs a coding output folder (its decisions are in its store)")
      }
      output.codings = try Reviews.reviewedCodings(folder, codings: output.codings)
    } else if let suggestions {
      output.codings += try readSuggestions(suggestions, folder: folder, isFolder: isFolder.boolValue)
    }
    let codingsFile = isFolder.boolValue ? folder.appendingPathComponent("codings.csv").path : folder.path
    // A codings file given alone has no units.csv or documents.csv: messages name them beside it.
    let base = isFolder.boolValue ? folder : folder.deletingLastPathComponent()
    var input = AnalysisInput(
      codings: output.codings, documents: output.documents, units: output.units, codebook: info,
      codingsFile: codingsFile,
      documentsFile: base.appendingPathComponent("documents.csv").path,
      unitsFile: base.appendingPathComponent("units.csv").path)
    input.columns = output.columns
    input.unitSpans = unitSpans
    input.hasUnitsFile =
      !output.units.isEmpty
      || (isFolder.boolValue && FileManager.default.fileExists(atPath: base.appendingPathComponent("units.csv").path))
    if let showingCodes, let columns = output.columns {
      input.codings = output.codings + suggested.filter { showingCodes.contains($0.code) }
      let kept = columns.codeIDs.map { showingCodes.contains($0) }
      var lines = output.shownRows.map { $0 + 2 }
      let first = columns.count - suggested.count
      lines += (first..<columns.count).filter { kept[Int(columns.code[$0])] }.map { $0 + 2 }
      input.codingLines = lines
    }
    return input
  }

  /// The code tree an analysis of `folder` uses: `codebook` (YAML, or a `codebook.json`), else
  /// the folder's `codebook.json`, else none.
  static func codeTree(of folder: URL, isFolder: Bool, codebook: URL?) throws -> CodebookInfo? {
    if let codebook { return try loadCodebook(codebook) }
    let json = folder.appendingPathComponent("codebook.json")
    guard isFolder, FileManager.default.fileExists(atPath: json.path) else { return nil }
    return try loadCodebook(json)
  }

  /// Says on the progress line that the codings of `folder` (the file `codings`) are being read.
  static func reading(_ codings: URL, of folder: URL, progress: ProgressLine?) {
    // A run killed between committing and renaming its files is finished (or undone) first.
    if codings != folder { StoreCommit.recover(folder) }
    let size = (try? FileManager.default.attributesOfItem(atPath: codings.path)[.size] as? Int) ?? 0
    progress?.phase("reading \(folder.path) (\(max(1, size / 1_000_000)) MB of codings)")
  }

  /// The suggestions to count beside the codings: the folder's `suggestions.csv`, or a file the
  /// researcher kept the accepted ones in (any codings CSV; a row without `/suggest` in its coder
  /// is marked as a suggestion all the same).
  static func readSuggestions(_ source: SuggestionSource, folder: URL, isFolder: Bool) throws -> [CodingRecord] {
    let url: URL
    switch source {
    case .folder:
      guard isFolder else {
        throw AnalysisError(.usage, "--with-suggestions needs a coding output folder (or give --suggestions FILE)")
      }
      url = folder.appendingPathComponent(CodingFiles.suggestionsFile)
      guard FileManager.default.fileExists(atPath: url.path) else {
        throw AnalysisError(
          .missingInput, "the folder has no suggestions.csv (coded without learned cues, or by an older Kwal)",
          at: SourceLocation(file: url.path))
      }
    case .file(let path):
      url = URL(fileURLWithPath: path)
    case .reviewed:
      return []
    }
    return try CodingFiles.readCodings(url).map { coding in
      var marked = coding
      if !marked.coder.hasSuffix(CodebookInfo.suggestionSuffix) { marked.coder += CodebookInfo.suggestionSuffix }
      return marked
    }
  }

  /// A codebook's tree: a `.json` file holds a `CodebookInfo` (as `kwal code` writes it), any
  /// other file is a YAML codebook.
  static func loadCodebook(_ url: URL) throws -> CodebookInfo {
    guard url.pathExtension.lowercased() == "json" else { return try Codebook.load(contentsOf: url).codebook.info }
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw AnalysisError(.missingInput, "cannot read the codebook", at: SourceLocation(file: url.path))
    }
    do {
      return try JSONDecoder().decode(CodebookInfo.self, from: data)
    } catch {
      throw AnalysisError(
        .badData, "not a codebook JSON (name, version, codes): \(error)", at: SourceLocation(file: url.path))
    }
  }

  /// `kwal matrix`: the code matrix, the keyness table (`keyness`) or the framework matrix (`quotes`).
  static func matrix(
    _ input: AnalysisInput, options: MatrixOptions, keyness: KeynessOptions?, quotes: Int?, format: AnalysisFormat,
    memos: [MemoRecord] = []
  ) throws -> Data {
    if let quotes {
      var framework = try FrameworkMatrix.compute(input, by: options.by, level: options.level, quotes: quotes)
      framework.attach(memos)
      switch format {
      case .md: return Data(framework.markdown().utf8)
      case .html: return Data(framework.html().utf8)
      default: return try render(framework.table(), format: format, allowed: [.csv, .tsv, .json, .md, .html])
      }
    }
    return try matrix(MatrixReport.compute(input, options: options), keyness: keyness, format: format)
  }

  /// The code matrix, or its keyness table, rendered.
  static func matrix(_ report: MatrixReport, keyness: KeynessOptions?, format: AnalysisFormat) throws -> Data {
    if let keyness {
      return try render(
        KeynessReport.compute(report, options: keyness).table(), format: format, allowed: [.csv, .tsv, .json, .md])
    }
    let table = format == .md ? report.readableTable() : report.table()
    return try render(table, format: format, allowed: [.csv, .tsv, .json, .md])
  }

  /// The input of a counting analysis with its codings counted one document at a time as they
  /// are read (see ``CodingFiles/tally(_:empty:tree:codebookName:documents:documentsFile:defaultCoder:)``):
  /// memory then grows with the documents, not the codings. `empty` makes the empty tally from
  /// the code tree and the input (its documents read), or gives nil when it cannot count this
  /// input. Needs the code tree (`codebook`, or the folder's codebook.json); nil without one, or
  /// when the codings are not grouped by document (a file Kwal did not write), for the caller to
  /// read them whole.
  static func loadTally<Tally: DocumentTally>(
    _ folder: URL, codebook: URL?, progress: ProgressLine?,
    empty: (CodeTree, inout AnalysisInput) throws -> Tally?
  ) throws -> (AnalysisInput, Tally)? {
    var isFolder: ObjCBool = false
    FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder)
    guard let info = try codeTree(of: folder, isFolder: isFolder.boolValue, codebook: codebook) else { return nil }
    let codingsURL = isFolder.boolValue ? folder.appendingPathComponent("codings.csv") : folder
    reading(codingsURL, of: folder, progress: progress)
    defer { progress?.phase("computing") }
    let output = try CodingOutput.read(folder, units: false, texts: false, codings: false)
    let base = isFolder.boolValue ? folder : folder.deletingLastPathComponent()
    var input = AnalysisInput(
      codings: [], documents: output.documents, codebook: info, codingsFile: codingsURL.path,
      documentsFile: base.appendingPathComponent("documents.csv").path,
      unitsFile: base.appendingPathComponent("units.csv").path)
    input.hasUnitsFile = isFolder.boolValue && FileManager.default.fileExists(atPath: input.unitsFile)
    let tree = CodeTree(codebook: info)
    guard let start = try empty(tree, &input),
      let tally = try CodingFiles.tally(
        codingsURL, empty: start, tree: tree, codebookName: info.name, documents: output.documents,
        documentsFile: input.documentsFile, defaultCoder: isFolder.boolValue ? folder.lastPathComponent : nil)
    else { return nil }
    return (input, tally)
  }

  /// `kwal cooccur`: the pair table or network, or (with `query`) the segments behind it.
  static func cooccur(
    _ input: AnalysisInput, options: CooccurrenceOptions, query: CodeQuery?, format: AnalysisFormat
  ) throws -> Data {
    if let query {
      let segments = try CodeRetrieval.retrieve(input, query: query, unit: options.unit, level: options.level)
      return try render(CodeRetrieval.table(segments, query: query), format: format, allowed: [.csv, .tsv, .json, .md])
    }
    return try cooccur(CooccurrenceReport.compute(input, options: options), format: format)
  }

  /// An empty co-occurrence tally over the units of `unit`'s kind in units.csv, or nil when
  /// there are none (the whole read then says why, or counts documents as units).
  static func cooccurrenceTally(tree: CodeTree, input: AnalysisInput, unit: CooccurrenceUnit, level: Int?) throws
    -> CooccurrenceTally?
  {
    guard input.hasUnitsFile, let kind = unit.kind else { return nil }
    let spans = try CodingFiles.readUnitSpans(URL(fileURLWithPath: input.unitsFile), kind: kind)
    guard spans.count > 0 else { return nil }
    var windowSize = 1
    if case .window(let size) = unit { windowSize = size }
    var caseOf: [String: String]?
    if !input.documents.isEmpty {
      caseOf = Dictionary(input.documents.map { ($0.document, $0.caseName) }, uniquingKeysWith: { first, _ in first })
    }
    return CooccurrenceTally(
      ranges: UnitRanges(spans), windowSize: windowSize, tree: tree, level: level, caseOfDocument: caseOf)
  }

  /// The co-occurrence table or network, rendered.
  static func cooccur(_ report: CooccurrenceReport, format: AnalysisFormat) throws -> Data {
    switch format {
    case .graphml: return Data(try report.graphML().utf8)
    case .dot: return Data(report.dot().utf8)
    default: return try render(report.table(), format: format, allowed: [.csv, .tsv, .json, .md, .graphml, .dot])
    }
  }

  /// `kwal kwic`: keyword-in-context lines; `corpus` gives the full document text as context.
  static func kwic(
    _ input: AnalysisInput, target: KWICTarget, width: Int, sort: KWICSort, corpus: URL?, format: AnalysisFormat,
    memos: [MemoRecord] = []
  ) throws -> Data {
    var texts: [String: String] = [:]
    if let corpus {
      let opened = try Corpus.open(corpus)
      let wanted = Set(input.codings.map(\.document)).union(input.documents.map(\.document))
      for entry in opened.entries where wanted.contains(entry.id) {
        texts[entry.id] = try opened.document(entry).document.text
      }
    }
    var report = try KWICReport.compute(input, target: target, width: width, sort: sort, texts: texts)
    report.attach(memos)
    switch format {
    case .text: return Data(report.alignedText().utf8)
    case .md: return Data(report.markdown().utf8)
    default: return try render(report.table(), format: format, allowed: [.text, .csv, .tsv, .json, .md])
    }
  }

  /// Renders a table in `format`.
  static func render(_ table: ResultTable, format: AnalysisFormat, allowed: [AnalysisFormat]) throws -> Data {
    guard allowed.contains(format) else {
      throw AnalysisError(
        .usage,
        "format \(format.rawValue) does not fit this output (use \(allowed.map(\.rawValue).joined(separator: ", ")))")
    }
    switch format {
    case .csv: return try CSVTable(header: table.columns, rows: table.fields).csvData()
    case .tsv: return CSVTable(header: table.columns, rows: table.fields).tsvData()
    case .json: return Data(table.json().utf8)
    case .md: return Data(table.markdown().utf8)
    default:
      throw AnalysisError(.usage, "format \(format.rawValue) does not fit this output")
    }
  }

  /// Refuses an `out` that is one of the analysis's inputs: the folder's files, the codebook, a
  /// suggestions file or the corpus.
  static func guardOutput(
    _ out: String?, folder: String, codebook: String?, suggestions: SuggestionSource?, corpus: String? = nil
  ) throws {
    guard let out, out != "-" else { return }
    var inputs = [OutputGuard.Input(folder, role: "the coding input")]
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue {
      for name in CodingOutput.readFiles {
        inputs.append(OutputGuard.Input((folder as NSString).appendingPathComponent(name), role: "the input"))
      }
    }
    if let codebook { inputs.append(OutputGuard.Input(codebook, role: "the codebook")) }
    if case .file(let file) = suggestions { inputs.append(OutputGuard.Input(file, role: "the suggestions file")) }
    if let corpus {
      inputs.append(OutputGuard.Input(corpus, role: "the corpus", readsBelow: Corpus.supportedExtensions))
    }
    try OutputGuard.check(output: out, role: "--out", inputs: inputs)
  }

  /// Writes `data` to `out` atomically, or to standard output when `out` is nil or `-`; CSV
  /// with `spreadsheetSafe` gets its formula-like cells guarded (see ``SpreadsheetSafe``).
  static func emit(_ data: Data, to out: String?, format: AnalysisFormat, spreadsheetSafe: Bool) throws {
    if spreadsheetSafe, format == .csv {
      try emit(try SpreadsheetSafe.data(data, file: out ?? "standard output"), to: out)
    } else {
      try emit(data, to: out)
    }
  }

  /// Writes `data` to `out` atomically, or to standard output when `out` is nil or `-`.
  static func emit(_ data: Data, to out: String?) throws {
    guard let out, out != "-" else {
      FileHandle.standardOutput.write(data)
      return
    }
    try AtomicFile.write(data, to: URL(fileURLWithPath: out))
  }
}

/// Which suggestions of the learned cues an analysis counts beside the codings.
public enum SuggestionSource: Sendable, Hashable {
  /// The folder's `suggestions.csv` (`--with-suggestions`).
  case folder
  /// A file of accepted suggestions the researcher edited (`--suggestions FILE`).
  case file(String)
  /// The reviewed codings (`--reviewed`): the rule codings not rejected and the suggestions
  /// accepted with `kwal review`, counted as codings.
  case reviewed
}

/// What `kwal matrix` asks for, as the command line spells it.
public struct MatrixRequest: Sendable {
  /// The coding output folder (or a codings CSV file).
  public var folder: String
  /// The codebook (YAML or JSON); default: the folder's codebook.json.
  public var codebook: String?
  /// The column keys, comma-separated (`case`, `phase`, `case,date:quarter`).
  public var by = "case"
  /// The measure.
  public var measure = "count"
  /// The deepest code level shown.
  public var level: Int?
  /// Whether to write the keyness table instead of the matrix.
  public var keyness = false
  /// What keyness frequencies are relative to: words, codings or sentences.
  public var keynessBase = "words"
  /// The significance level.
  public var alpha = 0.05
  /// The correction for multiple tests: holm, bonferroni or none.
  public var correction = "holm"
  /// Quotes per cell for a framework matrix.
  public var quotes: Int?
  /// The output format (default: from `out`'s extension, else csv).
  public var format: String?
  /// The output file (default: standard output).
  public var out: String?

  /// Suggestions of the learned cues to count beside the codings (default: none).
  public var suggestions: SuggestionSource?

  /// Whether to show what is being done on standard error (a terminal only; see ``ProgressLine``).
  public var progress = false

  /// Whether CSV cells a spreadsheet would evaluate get a leading `'` (see ``SpreadsheetSafe``).
  public var spreadsheetSafe = false

  /// Creates a request for `folder` with the defaults.
  public init(folder: String) { self.folder = folder }
}

/// What `kwal cooccur` asks for.
public struct CooccurRequest: Sendable {
  /// The coding output folder (or a codings CSV file).
  public var folder: String
  /// The codebook (YAML or JSON); default: the folder's codebook.json.
  public var codebook: String?
  /// The unit: overlap, sentence, paragraph, turn, agenda-item, window:N or document.
  public var unit = "sentence"
  /// The measures, comma-separated; default: every measure that fits the unit.
  public var measures: String?
  /// `case` for one table per case; nil pools the data.
  public var by: String?
  /// Pairs with fewer co-occurrences are left out.
  public var minCount = 1
  /// The test behind p_value: fisher or chi-square.
  public var test = "fisher"
  /// Codes deeper than this level count as their ancestor.
  public var level: Int?
  /// Only these codes (comma-separated).
  public var codes: String?
  /// Show the segments of the units coded with all of `codes` instead of the pair table.
  public var show = false
  /// A boolean query (`a AND NOT b`): show its segments.
  public var query: String?
  /// The output format (default: from `out`'s extension, else csv).
  public var format: String?
  /// The output file (default: standard output).
  public var out: String?

  /// Suggestions of the learned cues to count beside the codings (default: none).
  public var suggestions: SuggestionSource?

  /// Whether to show what is being done on standard error (a terminal only; see ``ProgressLine``).
  public var progress = false

  /// Whether CSV cells a spreadsheet would evaluate get a leading `'` (see ``SpreadsheetSafe``).
  public var spreadsheetSafe = false

  /// Creates a request for `folder` with the defaults.
  public init(folder: String) { self.folder = folder }
}

/// What `kwal kwic` asks for.
public struct KwicRequest: Sendable {
  /// The coding output folder (or a codings CSV file).
  public var folder: String
  /// The codebook (YAML or JSON); default: the folder's codebook.json.
  public var codebook: String?
  /// The code whose matched words are the keywords.
  public var code: String?
  /// The term to find instead.
  public var term: String?
  /// Context characters on each side.
  public var width = 40
  /// The order: position, keyword, left or right.
  public var sort = "position"
  /// The corpus folder, for context from the full document text.
  public var corpus: String?
  /// The output format (default: from `out`'s extension, else text).
  public var format: String?
  /// The output file (default: standard output).
  public var out: String?

  /// Suggestions of the learned cues to count beside the codings (default: none).
  public var suggestions: SuggestionSource?

  /// Whether to show what is being done on standard error (a terminal only; see ``ProgressLine``).
  public var progress = false

  /// Whether CSV cells a spreadsheet would evaluate get a leading `'` (see ``SpreadsheetSafe``).
  public var spreadsheetSafe = false

  /// Creates a request for `folder` with the defaults.
  public init(folder: String) { self.folder = folder }
}

extension Analyse {
  /// Runs `kwal matrix`: reads, analyses, renders, then writes (nothing is written on an error).
  public static func run(_ request: MatrixRequest) throws {
    try guardOutput(request.out, folder: request.folder, codebook: request.codebook, suggestions: request.suggestions)
    let format = try AnalysisFormat.choose(request.format, out: request.out, fallback: .csv)
    guard let measure = MatrixMeasure(rawValue: request.measure) else {
      throw AnalysisError(
        .usage,
        "unknown measure \"\(request.measure)\" (use \(MatrixMeasure.allCases.map(\.rawValue).joined(separator: ", ")))"
      )
    }
    let options = MatrixOptions(by: try ColumnKey.parseList(request.by), measure: measure, level: request.level)
    var keyness: KeynessOptions?
    if request.keyness {
      guard let base = KeynessBase(rawValue: request.keynessBase) else {
        throw AnalysisError(.usage, "unknown keyness base \"\(request.keynessBase)\" (use words, codings or sentences)")
      }
      guard let correction = Statistics.Correction(rawValue: request.correction) else {
        throw AnalysisError(.usage, "unknown correction \"\(request.correction)\" (use holm, bonferroni or none)")
      }
      keyness = KeynessOptions(base: base, alpha: request.alpha, correction: correction)
    }
    let line = ProgressLine(label: "kwal matrix", unit: "", total: 0, enabled: request.progress)
    defer { line.finish() }
    // Counting alone streams the codings, one document at a time.
    if request.quotes == nil, request.suggestions == nil,
      let (input, tally) = try loadTally(
        URL(fileURLWithPath: request.folder), codebook: request.codebook.map { URL(fileURLWithPath: $0) },
        progress: line, empty: { tree, _ in try MatrixTally(tree: tree, level: options.level) })
    {
      let report = try MatrixReport.compute(tally, input: input, options: options)
      try emit(
        try matrix(report, keyness: keyness, format: format), to: request.out, format: format,
        spreadsheetSafe: request.spreadsheetSafe)
      return
    }
    let input = try load(
      URL(fileURLWithPath: request.folder), codebook: request.codebook.map { URL(fileURLWithPath: $0) }, units: false,
      texts: request.quotes != nil, suggestions: request.suggestions, counting: request.quotes == nil, progress: line)
    try emit(
      try matrix(
        input, options: options, keyness: keyness, quotes: request.quotes, format: format,
        memos: request.quotes == nil ? [] : try Memos.list(URL(fileURLWithPath: request.folder))),
      to: request.out, format: format, spreadsheetSafe: request.spreadsheetSafe)
  }

  /// Runs `kwal cooccur`.
  public static func run(_ request: CooccurRequest) throws {
    try guardOutput(request.out, folder: request.folder, codebook: request.codebook, suggestions: request.suggestions)
    let format = try AnalysisFormat.choose(request.format, out: request.out, fallback: .csv)
    let unit = try CooccurrenceUnit(parsing: request.unit)
    guard let test = IndependenceTest(rawValue: request.test) else {
      throw AnalysisError(.usage, "unknown test \"\(request.test)\" (use fisher or chi-square)")
    }
    if let by = request.by, by != "case" {
      throw AnalysisError(.usage, "cooccur --by takes only \"case\" (without it the data are pooled)")
    }
    let codes =
      request.codes.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } } ?? []
    let options = CooccurrenceOptions(
      unit: unit, measures: try request.measures.map(CooccurrenceMeasure.parseList), byCase: request.by == "case",
      minCount: request.minCount, test: test, level: request.level, codes: codes)
    var query: CodeQuery?
    if let text = request.query {
      query = try CodeQuery(parsing: text)
    } else if request.show {
      guard !codes.isEmpty else { throw AnalysisError(.usage, "--show needs --codes a,b (or use --query)") }
      query = try CodeQuery.all(codes)
    }
    let line = ProgressLine(label: "kwal cooccur", unit: "", total: 0, enabled: request.progress)
    defer { line.finish() }
    // Counting by unit streams the codings, one document at a time, beside the units of the kind.
    if query == nil, request.suggestions == nil, unit.kind != nil,
      let (input, tally) = try loadTally(
        URL(fileURLWithPath: request.folder), codebook: request.codebook.map { URL(fileURLWithPath: $0) },
        progress: line,
        empty: { tree, input in try cooccurrenceTally(tree: tree, input: input, unit: unit, level: options.level) })
    {
      try emit(
        try cooccur(CooccurrenceReport.compute(tally, input: input, options: options), format: format),
        to: request.out, format: format, spreadsheetSafe: request.spreadsheetSafe)
      return
    }
    let input = try load(
      URL(fileURLWithPath: request.folder), codebook: request.codebook.map { URL(fileURLWithPath: $0) },
      units: unit != .overlap, texts: query != nil, suggestions: request.suggestions,
      unitKinds: unit.kind.map { [$0] }, counting: query == nil, progress: line)
    try emit(
      try cooccur(input, options: options, query: query, format: format), to: request.out, format: format,
      spreadsheetSafe: request.spreadsheetSafe)
  }

  /// Runs `kwal kwic`.
  public static func run(_ request: KwicRequest) throws {
    try guardOutput(
      request.out, folder: request.folder, codebook: request.codebook, suggestions: request.suggestions,
      corpus: request.corpus)
    let format = try AnalysisFormat.choose(request.format, out: request.out, fallback: .text)
    let target: KWICTarget
    switch (request.code, request.term) {
    case (let code?, nil): target = .code(code)
    case (nil, let term?): target = .term(term)
    default: throw AnalysisError(.usage, "give either --code ID or --term WORD")
    }
    guard let sort = KWICSort(rawValue: request.sort) else {
      throw AnalysisError(.usage, "unknown sort \"\(request.sort)\" (use position, keyword, left or right)")
    }
    let line = ProgressLine(label: "kwal kwic", unit: "", total: 0, enabled: request.progress)
    defer { line.finish() }
    let input = try load(
      URL(fileURLWithPath: request.folder), codebook: request.codebook.map { URL(fileURLWithPath: $0) }, units: false,
      suggestions: request.suggestions, showing: request.code, progress: line)
    try emit(
      try kwic(
        input, target: target, width: request.width, sort: sort,
        corpus: request.corpus.map { URL(fileURLWithPath: $0) }, format: format,
        memos: try Memos.list(URL(fileURLWithPath: request.folder))),
      to: request.out, format: format, spreadsheetSafe: request.spreadsheetSafe)
  }
}
