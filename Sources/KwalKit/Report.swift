public import Foundation
internal import KwalAnalysis
internal import KwalExport
internal import KwalIngest
public import KwalModel
internal import KwalStore

/// What `kwal report` asks for.
public struct ReportRequest: Sendable {
  /// The coding output folder.
  public var folder: URL
  /// The corpus, for the text around coded segments and of uncoded passages.
  public var corpus: URL?
  /// The codebook (YAML or JSON); default: the folder's codebook.json.
  public var codebook: URL?
  /// The HTML file to write.
  public var out: URL
  /// `nl` or `en`.
  public var language = "nl"
  /// Lines of keyword in context per code.
  public var linesPerCode = 25
  /// The command line, for the methods summary.
  public var command = "kwal report"
  /// The date in the methods summary; default: today (or `SOURCE_DATE_EPOCH`, for reproducible files).
  public var date: String?
  /// Tables of agreement or audit results (CSV files from `kwal agree`/`kwal audit --format csv`).
  public var tables: [URL] = []
  /// Whether to show what is being done on standard error (a terminal only; see ``ProgressLine``).
  public var progress = false

  public init(folder: URL, out: URL) {
    self.folder = folder
    self.out = out
  }
}

/// `kwal report`: one self-contained HTML page of a coding output folder.
public enum Report {
  /// Writes the report; returns the HTML's size in bytes.
  @discardableResult
  public static func run(_ request: ReportRequest) throws -> Int {
    guard ["nl", "en"].contains(request.language) else {
      throw AnalysisError(.usage, "--lang is nl or en, not \"\(request.language)\"")
    }
    // The folder's own files are inputs; a report beside them is fine.
    var inputs = (CodingOutput.readFiles + [ProjectStore.fileName, MemoFiles.fileName, Reviews.fileName]).map {
      OutputGuard.Input(request.folder.appendingPathComponent($0).path, role: "a file of the coding output folder")
    }
    if let corpus = request.corpus { inputs.append(OutputGuard.Input(corpus.path, role: "the corpus")) }
    if let codebook = request.codebook { inputs.append(OutputGuard.Input(codebook.path, role: "the codebook")) }
    try OutputGuard.check(output: request.out.path, role: "--out", inputs: inputs)
    let line = ProgressLine(label: "kwal report", unit: "", total: 0, enabled: request.progress)
    defer { line.finish() }
    let html = HTMLReport.render(try content(request, progress: line))
    line.phase("writing \(request.out.lastPathComponent)")
    let data = Data(html.utf8)
    try AtomicFile.write(data, to: request.out)
    return data.count
  }

  /// At most `count` of `items`, evenly spread over them (all when there are no more).
  static func spread<T>(_ items: [T], count: Int) -> [T] {
    guard items.count > count, count > 0 else { return items }
    return (0..<count).map { items[$0 * items.count / count] }
  }

  /// Everything the page shows.
  static func content(_ request: ReportRequest, progress: ProgressLine? = nil) throws -> ReportContent {
    let folder = request.folder
    let input = try Analyse.load(folder, codebook: request.codebook, units: true, suggestions: nil, progress: progress)
    guard let codebook = input.codebook else {
      throw AnalysisError(
        .missingInput, "no codebook: the folder has no codebook.json (give --codebook)",
        at: SourceLocation(file: folder.path))
    }
    // A codebook given beside the folder's must be the one it was coded with.
    if request.codebook != nil,
      let data = FileManager.default.contents(atPath: folder.appendingPathComponent("codebook.json").path),
      let coded = try? JSONDecoder().decode(CodebookInfo.self, from: data),
      coded.name != codebook.name || coded.version != codebook.version
        || (coded.hash != nil && codebook.hash != nil && coded.hash != codebook.hash)
    {
      throw AnalysisError(
        .badData,
        "the folder was coded with \(coded.name)@\(coded.version) (hash \(coded.hash ?? "unknown")), not with the codebook given (\(codebook.name)@\(codebook.version), hash \(codebook.hash ?? "unknown")): code again, or leave out --codebook",
        at: SourceLocation(file: folder.appendingPathComponent("codebook.json").path))
    }
    let suggestionsURL = folder.appendingPathComponent(CodingFiles.suggestionsFile)
    let suggestions =
      FileManager.default.fileExists(atPath: suggestionsURL.path) ? try CodingFiles.readCodings(suggestionsURL) : []
    let english = request.language == "en"
    var labels: [String: String] = [:]
    for code in codebook.codes {
      labels[code.id] = (english ? code.label.en ?? code.label.nl : code.label.nl ?? code.label.en) ?? code.id
    }

    // The texts, for context and uncoded passages.
    var texts: [String: String] = [:]
    if let corpus = request.corpus {
      let opened = try Corpus.open(corpus)
      let wanted = Set(input.documents.map(\.document))
      for entry in opened.entries where wanted.contains(entry.id) {
        if let document = try? opened.document(entry).document { texts[entry.id] = document.text }
      }
    } else if let store = try? ProjectStore(at: folder.appendingPathComponent(ProjectStore.fileName)) {
      defer { store.close() }
      for (id, document) in (try? store.documents(input.documents.map(\.document))) ?? [:] {
        texts[id] = document.text
      }
    }

    // The matrix by case and by every attribute, in counts and per 1,000 words.
    var groupings: [ReportContent.Grouping] = []
    var keys: [(String, ColumnKey)] = [(english ? "case" : "casus", .caseName)]
    let attributes = Set(input.documents.flatMap(\.attributes.keys)).sorted()
    for attribute in attributes {
      if let key = try? ColumnKey(parsing: attribute) { keys.append((attribute, key)) }
    }
    for (name, key) in keys {
      let counts = try MatrixReport.compute(input, options: MatrixOptions(by: [key], measure: .count))
      let perThousand = try MatrixReport.compute(input, options: MatrixOptions(by: [key], measure: .perThousandWords))
      groupings.append(ReportContent.Grouping(by: name, counts: counts, perThousand: perThousand))
    }
    let keyness =
      groupings.first.flatMap { $0.counts.columns.count >= 2 ? try? KeynessReport.compute($0.counts) : nil }
    let cooccurrence =
      input.units.isEmpty
      ? nil
      : try? CooccurrenceReport.compute(
        input, options: CooccurrenceOptions(unit: .unit(.sentence), measures: [.cCoefficient], minCount: 1))

    // Per code: its segments in context, and its suggestions apart.
    var codeSections: [ReportContent.CodeSection] = []
    let depths = Dictionary(
      uniqueKeysWithValues: codebook.codes.map { ($0.id, codebook.ancestors(of: $0.id).count + 1) })
    var suggestionInput = input
    suggestionInput.codings = suggestions
    let codingsByCode = Dictionary(grouping: input.codings, by: \.code)
    let suggestionsByCode = Dictionary(grouping: suggestions, by: \.code)
    let ownCounts = codingsByCode.mapValues(\.count)
    let ownSuggestions = suggestionsByCode.mapValues(\.count)
    for code in codebook.codes {
      var lines: [KWICLine] = []
      var suggestionLines: [KWICLine] = []
      var more = 0
      let codings = codingsByCode[code.id] ?? []
      if code.isCodable, !codings.isEmpty {
        var own = input
        // A few dozen lines per code, spread over the corpus, not all of them.
        own.codings = Self.spread(codings, count: request.linesPerCode)
        let report = try KWICReport.compute(own, target: .code(code.id), width: 60, texts: texts)
        lines = Array(report.lines.prefix(request.linesPerCode))
        more = max(0, codings.count - lines.count)
      }
      if code.isCodable, ownSuggestions[code.id, default: 0] > 0 {
        var own = suggestionInput
        own.codings = Self.spread(suggestionsByCode[code.id] ?? [], count: 10)
        let report = try KWICReport.compute(own, target: .code(code.id), width: 60, texts: texts)
        suggestionLines = Array(report.lines.prefix(10)).map { line in
          var marked = line
          marked.suggestion =
            marked.suggestion
            ?? own.codings.first { $0.document == line.document && $0.start <= line.start && line.end <= $0.end }?
            .cueProbability
          return marked
        }
      }
      // Rules by the keyword's place: the coding that holds the keyword.
      var rules: [String: String] = [:]
      let byDocument = Dictionary(grouping: codings, by: \.document)
      for line in lines {
        if let coding = byDocument[line.document]?.first(where: { $0.start <= line.start && line.end <= $0.end }) {
          rules["\(line.document):\(line.start)"] = coding.rules.joined(separator: "|")
        }
      }
      codeSections.append(
        ReportContent.CodeSection(
          id: code.id, label: labels[code.id] ?? code.id, definition: code.definition ?? "",
          depth: depths[code.id] ?? 1, codings: ownCounts[code.id, default: 0],
          suggestions: ownSuggestions[code.id, default: 0], lines: lines, suggestionLines: suggestionLines,
          rules: rules, moreLines: more))
    }

    // Uncoded sentences per document.
    var coded: [String: [(Int, Int)]] = [:]
    for coding in input.codings { coded[coding.document, default: []].append((coding.start, coding.end)) }
    let sentences = Dictionary(grouping: input.units.filter { $0.unit == .sentence }, by: \.document)
    var uncoded: [ReportContent.Uncoded] = []
    for document in input.documents {
      let spans = coded[document.document] ?? []
      let scalars = texts[document.document].map { Array($0.unicodeScalars) }
      var total = 0
      var open = 0
      var passages: [(start: Int, end: Int, text: String)] = []
      for sentence in sentences[document.document] ?? [] {
        let length = sentence.end - sentence.start
        total += length
        guard !spans.contains(where: { $0.0 < sentence.end && sentence.start < $0.1 }) else { continue }
        open += length
        if passages.count < 12, let scalars, sentence.end <= scalars.count {
          var text = String.UnicodeScalarView()
          text.append(contentsOf: scalars[sentence.start..<sentence.end])
          passages.append((sentence.start, sentence.end, String(text)))
        }
      }
      uncoded.append(
        ReportContent.Uncoded(
          document: document.document, caseName: document.caseName, characters: total, uncodedCharacters: open,
          passages: passages))
    }

    // Tables of agreement or audit results the researcher hands in.
    var tables: [ReportContent.Table] = []
    for url in request.tables {
      let table = try CSVTable.read(url)
      tables.append(ReportContent.Table(title: url.lastPathComponent, header: table.header, rows: table.rows))
    }

    let runs = (try? History.runs(folder).count) ?? 0
    let date: String
    if let given = request.date {
      date = given
    } else if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Double.init) {
      date = String(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: epoch)).prefix(10))
    } else {
      date = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
    }
    let cases = Set(input.documents.map(\.caseName)).sorted()
    let methods = ReportContent.Methods(
      kwalVersion: KwalVersion.string, codebook: codebook.name, codebookVersion: codebook.version,
      codebookHash: codebook.hash ?? "", documents: input.documents.count,
      words: input.documents.reduce(0) { $0 + $1.words }, cases: cases, codings: input.codings.count,
      suggestions: suggestions.count, runs: runs, date: date, command: request.command)
    let title = english ? "Kwal report: \(codebook.name)" : "Kwal-rapport: \(codebook.name)"
    return ReportContent(
      title: title, language: request.language, methods: methods, groupings: groupings, keyness: keyness,
      cooccurrence: cooccurrence, codes: codeSections, uncoded: uncoded, tables: tables, labels: labels)
  }
}
