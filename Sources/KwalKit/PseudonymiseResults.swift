public import Foundation
public import KwalModel
internal import KwalExport
internal import KwalIngest
internal import KwalPseudonym

/// `kwal pseudonymise` of results: a coding output folder (with the corpus it was coded from)
/// or a REFI-QDA project, with every coding's offsets carried over to the pseudonymised texts.
extension Pseudonymise {
  /// The coding files whose offsets and texts are remapped (those present are).
  static let offsetFiles = ["codings.csv", CodingFiles.suggestionsFile, "units.csv"]

  /// Pseudonymises a coding output folder: `out` gets the coding files with remapped offsets,
  /// texts and matched words, `documents.csv` with the new character counts, the unchanged
  /// `matrix.csv` and `codebook.json`, and `corpus/` with the pseudonymised plain texts (the
  /// texts the offsets count in) and a `corpus.yaml` that keeps each document's id and case.
  public static func runResults(
    folder: URL, corpus corpusURL: URL, request: PseudonymiseRequest
  ) throws -> PseudonymiseSummary {
    for (path, role) in [(folder.path, "the coding folder"), (corpusURL.path, "the corpus")] {
      if OutputGuard.isInside(request.output.path, path) || OutputGuard.isInside(path, request.output.path) {
        throw ExportError(
          .usage, "--out \(request.output.path) and \(role) \(path) overlap: choose another output folder")
      }
    }
    try refuseKey(request.key, inside: request.output)
    guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("codings.csv").path) else {
      throw ExportError(
        .missingInput, "not a coding output folder: no codings.csv", at: SourceLocation(file: folder.path))
    }
    var (key, names, keep, corpus, diagnostics) = try prepare(request, corpus: corpusURL)
    // The plain texts: what the codings' offsets count in.
    var inputs: [PseudonymDocument] = []
    var documents: [Document] = []
    let line = ProgressLine(
      label: "kwal pseudonymise", unit: "documents read", total: corpus.entries.count, enabled: request.progress)
    defer { line.finish() }
    for entry in corpus.entries {
      defer { line.advance() }
      let (document, documentDiagnostics) = try corpus.document(entry)
      diagnostics += documentDiagnostics.filter { $0.severity == .error }
      documents.append(document)
      inputs.append(
        PseudonymDocument(
          id: document.id, text: document.text, speakers: speakers(of: document),
          authors: authors(of: document)))
    }
    let before = key.entries.count
    line.phase("finding and replacing names in \(inputs.count) document(s)")
    let results = Pseudonymiser(names: names, keep: keep).run(inputs, key: &key)
    var texts: [String: [Unicode.Scalar]] = [:]
    var maps: [String: OffsetMap] = [:]
    for result in results {
      texts[result.id] = Array(result.text.unicodeScalars)
      maps[result.id] = OffsetMap(result.replacements)
    }
    let originals = knownOriginals(key)

    let final = request.output
    let exists = try prepareOutput(final, force: request.force)
    let out = exists ? FolderSwap.staging(for: final) : final
    defer { if exists { FolderSwap.discard(staging: out) } }
    var files: [(url: URL, data: Data)] = []
    for name in offsetFiles {
      let url = folder.appendingPathComponent(name)
      guard FileManager.default.fileExists(atPath: url.path) else { continue }
      let table = try remap(try CSVTable.read(url), file: url.path, texts: texts, maps: maps, key: key)
      files.append((out.appendingPathComponent(name), try table.csvData()))
    }
    let documentsURL = folder.appendingPathComponent("documents.csv")
    if FileManager.default.fileExists(atPath: documentsURL.path) {
      var table = try CSVTable.read(documentsURL)
      let column = table.header.firstIndex(of: "characters")
      let fixed = Set(["document", "case", "kind", "date", "characters", "words", "tokens", "sentences"])
      for index in table.rows.indices {
        let id = table.rows[index][0]
        if let column, let text = texts[id] { table.rows[index][column] = String(text.count) }
        for (position, name) in table.header.enumerated() where !fixed.contains(name) {
          table.rows[index][position] = replacingKnown(table.rows[index][position], originals)
        }
      }
      files.append((out.appendingPathComponent("documents.csv"), try table.csvData()))
    }
    for name in ["matrix.csv", "codebook.json"] {
      if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) {
        files.append((out.appendingPathComponent(name), data))
      }
    }
    let memos = folder.appendingPathComponent(MemoFiles.fileName)
    if FileManager.default.fileExists(atPath: memos.path) {
      var table = try CSVTable.read(memos)
      for index in table.rows.indices {
        for position in table.header.indices where table.header[position] != "document" {
          table.rows[index][position] = replacingKnown(table.rows[index][position], originals)
        }
      }
      files.append((out.appendingPathComponent(MemoFiles.fileName), try table.csvData()))
    }
    // The texts, as an imported corpus: one plain text per document, ids and cases kept.
    var sources: [ImportedSource] = []
    for (document, result) in zip(documents, results) {
      let file = document.id.hasSuffix(".txt") ? document.id : document.id + ".txt"
      sources.append(
        ImportedSource(
          id: document.id, file: file, caseName: document.caseName,
          title: document.title.map { replacingKnown($0, originals) },
          attributes: document.attributes.mapValues { replacingKnown($0, originals) }, text: result.text))
      files.append((out.appendingPathComponent("corpus").appendingPathComponent(file), Data(result.text.utf8)))
    }
    let manifest = try ImportedCorpus.manifest(sources, origin: corpusURL.lastPathComponent)
    files.append(
      (out.appendingPathComponent("corpus").appendingPathComponent(CorpusManifest.fileName), Data(manifest.utf8)))
    let report = reportRows(results, texts: inputs.map(\.text))
    files.append(
      (out.appendingPathComponent(reportFile), try CSVTable(header: reportColumns, rows: report.rows).csvData()))
    try AtomicFile.writeAll(files)
    if exists { try FolderSwap.replace(final, with: out) }
    try writeKey(key, to: request.key)
    return PseudonymiseSummary(
      documents: results.count, counts: report.counts, perDocument: report.perDocument, uncertain: report.uncertain,
      keyEntries: key.entries.count, newKeyEntries: key.entries.count - before, diagnostics: diagnostics)
  }

  /// Pseudonymises a REFI-QDA project into another `.qdpx`: imported, pseudonymised with its
  /// codings remapped, and exported again. The report is written beside the new project.
  public static func runProject(_ qdpx: URL, request: PseudonymiseRequest) throws -> PseudonymiseSummary {
    guard request.output.pathExtension.lowercased() == "qdpx" else {
      throw ExportError(.usage, "a .qdpx is pseudonymised into a .qdpx: give --out NAME.qdpx")
    }
    try OutputGuard.check(
      output: request.output.path, role: "--out", inputs: [OutputGuard.Input(qdpx.path, role: "the project")])
    // The key is never written over the project or the new project.
    try OutputGuard.check(
      output: request.key.path, role: "--key",
      inputs: [
        OutputGuard.Input(qdpx.path, role: "the project"), OutputGuard.Input(request.output.path, role: "--out"),
      ])
    let work = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kwal-pseudonymise-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: work) }
    let imported = work.appendingPathComponent("imported")
    _ = try REFIImport.project(qdpx, output: imported)
    var inner = request
    inner.output = work.appendingPathComponent("pseudonymised")
    inner.force = false
    let summary = try runResults(folder: imported, corpus: imported.appendingPathComponent("corpus"), request: inner)
    _ = try REFIExport.project(
      codings: inner.output, corpus: inner.output.appendingPathComponent("corpus"),
      codebook: imported.appendingPathComponent("codebook.yaml"), output: request.output)
    let report = request.output.deletingPathExtension().appendingPathExtension("pseudonymise-report.csv")
    if let data = FileManager.default.contents(atPath: inner.output.appendingPathComponent(reportFile).path) {
      try AtomicFile.write(data, to: report)
    }
    return summary
  }

  // MARK: Steps

  /// The turn speakers of a document, each once, with their roles.
  static func speakers(of document: Document) -> [(name: String, role: SpeakerRole?)] {
    var speakers: [(name: String, role: SpeakerRole?)] = []
    for segment in document.segments where segment.kind == .turn {
      if let name = segment.speaker, !speakers.contains(where: { $0.name == name }) {
        speakers.append((name, segment.role))
      }
    }
    return speakers
  }

  /// Refuses a key none of whose documents is in the corpus.
  static func checkKey(_ key: PseudonymKey, belongsTo ids: [String], file: String) throws {
    guard !key.entries.isEmpty else { return }
    let known = Set(key.entries.flatMap(\.documents))
    if known.isDisjoint(with: ids) {
      throw ExportError(
        .badData,
        "the key names \(known.count) document(s), none of them in this corpus: it belongs to another corpus (give a new --key file for this one)",
        at: SourceLocation(file: file))
    }
  }

  /// Whether the output folder exists (and may be replaced); refuses a file or, without
  /// `force`, a folder that is not empty.
  static func prepareOutput(_ output: URL, force: Bool) throws -> Bool {
    var isFolder: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: output.path, isDirectory: &isFolder)
    if exists, !isFolder.boolValue { throw ExportError(.usage, "--out \(output.path) is a file, not a folder") }
    let contents = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
    if !contents.isEmpty, !force {
      throw ExportError(
        .usage,
        "--out \(output.path) is not empty (\(contents.count) entries): give --force to replace it as a whole, or choose a new folder"
      )
    }
    return exists
  }

  /// Writes the key file atomically.
  static func writeKey(_ key: PseudonymKey, to url: URL) throws {
    let rows = key.entries.map {
      [$0.pseudonym, $0.original, $0.kind.rawValue, $0.documents.sorted().joined(separator: "|")]
    }
    try AtomicFile.write(try CSVTable(header: keyColumns, rows: rows).csvData(), to: url)
  }

  /// The report rows (without originals), counts per kind and per document.
  static func reportRows(_ results: [PseudonymisedDocument], texts: [String]) -> (
    rows: [[String]], counts: [String: Int], perDocument: [(document: String, replacements: Int, uncertain: Int)],
    uncertain: Int
  ) {
    var rows: [[String]] = []
    var counts: [String: Int] = [:]
    var perDocument: [(document: String, replacements: Int, uncertain: Int)] = []
    var uncertain = 0
    for (result, text) in zip(results, texts) {
      let lines = LineIndex(text)
      for replacement in result.replacements {
        counts[replacement.kind.rawValue, default: 0] += 1
        let (line, column) = lines.position(of: replacement.start)
        rows.append([
          result.id, String(line), String(column), replacement.kind.rawValue, replacement.pseudonym, "replaced",
        ])
      }
      for candidate in result.uncertain {
        let (line, column) = lines.position(of: candidate.start)
        rows.append([result.id, String(line), String(column), "possible-name", "", "check"])
      }
      uncertain += result.uncertain.count
      perDocument.append((result.id, result.replacements.count, result.uncertain.count))
    }
    return (rows, counts, perDocument, uncertain)
  }

  /// Persons' and speakers' originals with their pseudonyms, longest first (for titles,
  /// attributes and memos, which are no texts of the corpus).
  static func knownOriginals(_ key: PseudonymKey) -> [(original: String, pseudonym: String)] {
    key.entries.filter { $0.original.count >= 3 }.map { ($0.original, $0.pseudonym) }
      .sorted {
        $0.original.count != $1.original.count ? $0.original.count > $1.original.count : $0.original < $1.original
      }
  }

  static func replacingKnown(_ value: String, _ originals: [(original: String, pseudonym: String)]) -> String {
    var result = value
    for (original, pseudonym) in originals where result.contains(original) {
      result = result.replacingOccurrences(of: original, with: pseudonym)
    }
    return result
  }

  /// A coding table (codings, suggestions or units) with its offsets carried over to the new
  /// texts, its `text` and `matched` words taken from them, and its speakers pseudonymised.
  static func remap(
    _ table: CSVTable, file: String, texts: [String: [Unicode.Scalar]], maps: [String: OffsetMap], key: PseudonymKey
  ) throws -> CSVTable {
    var table = table
    func column(_ name: String) -> Int? { table.header.firstIndex(of: name) }
    guard let documentColumn = column("document"), let startColumn = column("start"), let endColumn = column("end")
    else {
      throw ExportError(.badData, "no document, start and end columns", at: SourceLocation(file: file, line: 1))
    }
    let textColumn = column("text")
    let matchedColumn = column("matched")
    let speakerColumn = column("speaker")
    func slice(_ text: [Unicode.Scalar], _ start: Int, _ end: Int) -> String {
      let lower = max(0, min(start, text.count))
      return String(String.UnicodeScalarView(text[lower..<max(lower, min(end, text.count))]))
    }
    for index in table.rows.indices {
      let row = table.rows[index]
      let document = row[documentColumn]
      guard let map = maps[document], let text = texts[document], let start = Int(row[startColumn]),
        let end = Int(row[endColumn])
      else {
        throw ExportError(
          .badData, "row \(index + 1): document \"\(document)\" is not in the corpus, or its offsets are no numbers",
          at: SourceLocation(file: file, line: index + 2))
      }
      let newStart = map.map(start, isEnd: false)
      let newEnd = map.map(end, isEnd: true)
      table.rows[index][startColumn] = String(newStart)
      table.rows[index][endColumn] = String(newEnd)
      if let textColumn { table.rows[index][textColumn] = slice(text, newStart, newEnd) }
      if let matchedColumn, !row[matchedColumn].isEmpty {
        // `word@start-end`, `|` between them.
        table.rows[index][matchedColumn] = row[matchedColumn].split(separator: "|").map { item -> String in
          guard let at = item.lastIndex(of: "@") else { return String(item) }
          let span = item[item.index(after: at)...].split(separator: "-")
          guard span.count == 2, let from = Int(span[0]), let to = Int(span[1]) else { return String(item) }
          let (a, b) = (map.map(from, isEnd: false), map.map(to, isEnd: true))
          return "\(slice(text, a, b))@\(a)-\(b)"
        }.joined(separator: "|")
      }
      if let speakerColumn, !row[speakerColumn].isEmpty {
        let speaker = row[speakerColumn]
        table.rows[index][speakerColumn] =
          key.pseudonym(for: speaker, kind: .speaker) ?? key.pseudonym(for: speaker, kind: .person) ?? speaker
      }
    }
    return table
  }
}
