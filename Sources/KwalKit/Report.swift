internal import Dispatch
public import Foundation
internal import KwalAnalysis
internal import KwalExport
internal import KwalIngest
public import KwalModel
internal import KwalStore
internal import Synchronization

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

  /// The codings file of `folder` (a folder, or a codings CSV file itself).
  static func codingsFile(_ folder: URL) -> URL {
    var isFolder: ObjCBool = false
    FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder)
    return isFolder.boolValue ? folder.appendingPathComponent("codings.csv") : folder
  }

  /// `shown` (codings by code, read without their texts) read again whole from `file`, in the
  /// same order.
  static func whole(_ shown: [String: [CodingRecord]], in file: URL) throws -> [String: [CodingRecord]] {
    let places = Set(shown.values.joined().map(CodingFiles.CodingAddress.init))
    var byAddress: [CodingFiles.CodingAddress: CodingRecord] = [:]
    for record in try CodingFiles.readCodings(file, at: places)
    where byAddress[CodingFiles.CodingAddress(record)] == nil {
      byAddress[CodingFiles.CodingAddress(record)] = record
    }
    return shown.mapValues { codings in codings.map { byAddress[CodingFiles.CodingAddress($0)] ?? $0 } }
  }

  /// The positions of `items` grouped by `key`, in order.
  static func positions<T>(_ items: [T], by key: (T) -> String) -> [String: [Int]] {
    positions(items.indices, of: items, by: key)
  }

  /// The positions `chosen` of `items` grouped by `key`, in order.
  static func positions<T, Positions: Sequence<Int>>(_ chosen: Positions, of items: [T], by key: (T) -> String)
    -> [String: [Int]]
  {
    var result: [String: [Int]] = [:]
    for position in chosen { result[key(items[position]), default: []].append(position) }
    return result
  }

  /// Everything the page shows.
  static func content(_ request: ReportRequest, progress: ProgressLine? = nil) throws -> ReportContent {
    let folder = request.folder
    // A codebook given beside the folder's must be the one it was coded with: checked before
    // the folder, which can take seconds to read, is read.
    if let given = request.codebook,
      let data = FileManager.default.contents(atPath: folder.appendingPathComponent("codebook.json").path),
      let coded = try? JSONDecoder().decode(CodebookInfo.self, from: data)
    {
      let codebook = try Analyse.loadCodebook(given)
      if coded.name != codebook.name || coded.version != codebook.version
        || (coded.hash != nil && codebook.hash != nil && coded.hash != codebook.hash)
      {
        throw AnalysisError(
          .badData,
          "the folder was coded with \(coded.name)@\(coded.version) (hash \(coded.hash ?? "unknown")), not with the codebook given (\(codebook.name)@\(codebook.version), hash \(codebook.hash ?? "unknown")): code again, or leave out --codebook",
          at: SourceLocation(file: folder.appendingPathComponent("codebook.json").path))
      }
    }
    // Every coding is counted, few are shown: texts are read in a second pass for those shown.
    let input = try Analyse.load(
      folder, codebook: request.codebook, units: true, texts: false, suggestions: nil, unitKinds: [.sentence],
      progress: progress)
    guard let codebook = input.codebook else {
      throw AnalysisError(
        .missingInput, "no codebook: the folder has no codebook.json (give --codebook)",
        at: SourceLocation(file: folder.path))
    }
    let suggestionsURL = folder.appendingPathComponent(CodingFiles.suggestionsFile)
    let hasSuggestions = FileManager.default.fileExists(atPath: suggestionsURL.path)
    let suggestions = hasSuggestions ? try CodingFiles.readCodings(suggestionsURL, texts: false) : []
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
      let entries = opened.entries.filter { wanted.contains($0.id) }
      // Read on every core; the texts are gathered by name, so the order of reading does not matter.
      let read = Mutex<[String: String]>([:])
      DispatchQueue.concurrentPerform(iterations: entries.count) { index in
        if let document = try? opened.document(entries[index]).document {
          read.withLock { $0[entries[index].id] = document.text }
        }
      }
      texts = read.withLock { $0 }
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
    // Positions by code (the records themselves are not copied).
    let codingsByCode = Self.positions(input.codings, by: \.code)
    let suggestionsByCode = Self.positions(suggestions, by: \.code)
    let ownCounts = codingsByCode.mapValues(\.count)
    let ownSuggestions = suggestionsByCode.mapValues(\.count)
    // The codings and suggestions shown, a few dozen per code spread over the corpus, read again
    // whole (with their texts and matched words).
    var shownCodings: [String: [CodingRecord]] = [:]
    var shownSuggestions: [String: [CodingRecord]] = [:]
    for code in codebook.codes where code.isCodable {
      if let positions = codingsByCode[code.id] {
        shownCodings[code.id] = Self.spread(positions, count: request.linesPerCode).map { input.codings[$0] }
      }
      if let positions = suggestionsByCode[code.id] {
        shownSuggestions[code.id] = Self.spread(positions, count: 10).map { suggestions[$0] }
      }
    }
    shownCodings = try Self.whole(shownCodings, in: codingsFile(folder))
    if hasSuggestions { shownSuggestions = try Self.whole(shownSuggestions, in: suggestionsURL) }
    for code in codebook.codes {
      var lines: [KWICLine] = []
      var suggestionLines: [KWICLine] = []
      var more = 0
      let codingCount = ownCounts[code.id, default: 0]
      if code.isCodable, codingCount > 0 {
        var own = input
        // A few dozen lines per code, spread over the corpus, not all of them.
        own.codings = shownCodings[code.id] ?? []
        let report = try KWICReport.compute(own, target: .code(code.id), width: 60, texts: texts)
        lines = Array(report.lines.prefix(request.linesPerCode))
        more = max(0, codingCount - lines.count)
      }
      if code.isCodable, ownSuggestions[code.id, default: 0] > 0 {
        var own = suggestionInput
        own.codings = shownSuggestions[code.id] ?? []
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
      // The lines come from the codings shown.
      let byDocument = Dictionary(grouping: shownCodings[code.id] ?? [], by: \.document)
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
    let sentences = Self.positions(
      input.units.lazy.filter { $0.unit == .sentence }.indices, of: input.units, by: \.document)
    var uncoded: [ReportContent.Uncoded] = []
    for document in input.documents {
      let spans = coded[document.document] ?? []
      // The text is walked forward to each passage (sentences come in text order), not copied.
      let scalars = texts[document.document]?.unicodeScalars
      var cursor = scalars?.startIndex
      var cursorOffset = 0
      var total = 0
      var open = 0
      var passages: [(start: Int, end: Int, text: String)] = []
      for position in sentences[document.document] ?? [] {
        let sentence = input.units[position]
        let length = sentence.end - sentence.start
        total += length
        guard !spans.contains(where: { $0.0 < sentence.end && sentence.start < $0.1 }) else { continue }
        open += length
        guard passages.count < 12, let scalars, var index = cursor, sentence.start >= cursorOffset else { continue }
        guard let from = scalars.index(index, offsetBy: sentence.start - cursorOffset, limitedBy: scalars.endIndex),
          let to = scalars.index(from, offsetBy: length, limitedBy: scalars.endIndex)
        else {
          cursor = nil
          continue
        }
        index = to
        cursor = index
        cursorOffset = sentence.end
        passages.append((sentence.start, sentence.end, String(scalars[from..<to])))
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
