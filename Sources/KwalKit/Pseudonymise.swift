public import Foundation
public import KwalModel
internal import KwalExport
internal import KwalIngest
internal import KwalPseudonym

/// What `kwal pseudonymise` is asked to do.
public struct PseudonymiseRequest: Sendable {
  public var corpus: URL
  public var output: URL
  public var key: URL
  /// A file with names to replace, one per line (`--names`).
  public var names: URL?
  /// A file with words never to replace, one per line (`--keep`).
  public var keep: URL?
  /// Replace a non-empty output folder as a whole.
  public var force = false
  /// Whether to show a progress line on standard error (a terminal only; see ``ProgressLine``).
  public var progress = false

  public init(corpus: URL, output: URL, key: URL) {
    self.corpus = corpus
    self.output = output
    self.key = key
  }
}

/// What `kwal pseudonymise` did.
public struct PseudonymiseSummary: Sendable {
  public var documents: Int
  /// Replacements per kind (`person`, `email`…).
  public var counts: [String: Int]
  /// Replacements per document.
  public var perDocument: [(document: String, replacements: Int, uncertain: Int)]
  /// Capitalised words that might be names, left for a person to check.
  public var uncertain: Int
  /// Entries of the key file (new ones included) and how many are new.
  public var keyEntries: Int
  public var newKeyEntries: Int
  public var diagnostics: [Diagnostic]
}

/// The `kwal pseudonymise` use case: a pseudonymised copy of a corpus, a key outside it, and a
/// report of what was replaced (without the originals).
public enum Pseudonymise {
  /// The columns of the key file.
  public static let keyColumns = ["pseudonym", "original", "kind", "documents"]
  /// The columns of `pseudonymise-report.csv`.
  public static let reportColumns = ["document", "line", "column", "kind", "pseudonym", "status"]
  /// The report's file name in the output folder.
  public static let reportFile = "pseudonymise-report.csv"

  public static func run(_ request: PseudonymiseRequest) throws -> PseudonymiseSummary {
    let corpusPath = request.corpus.path
    let outPath = request.output.path
    if OutputGuard.isInside(outPath, corpusPath) {
      throw ExportError(
        .usage, "--out \(outPath) is the corpus \(corpusPath) or inside it: write the pseudonymised copy elsewhere")
    }
    if OutputGuard.isInside(corpusPath, outPath) {
      throw ExportError(.usage, "the corpus \(corpusPath) is inside --out \(outPath): choose another output folder")
    }
    try refuseKey(request.key, inside: request.output)
    var (key, names, keep, corpus, diagnostics) = try prepare(request, corpus: request.corpus)
    // The documents, with the text to rewrite and what ingestion knows of their people.
    var inputs: [PseudonymDocument] = []
    var targets: [String] = []
    let line = ProgressLine(
      label: "kwal pseudonymise", unit: "documents read", total: corpus.entries.count, enabled: request.progress)
    defer { line.finish() }
    for entry in corpus.entries {
      defer { line.advance() }
      let (document, documentDiagnostics) = try corpus.document(entry)
      diagnostics += documentDiagnostics.filter { $0.severity == .error }
      let authors = authors(of: document)
      let path = relative(entry, in: corpus)
      if let source = try corpus.sourceText(entry) {
        inputs.append(
          PseudonymDocument(id: document.id, text: source, speakers: speakers(of: document), authors: authors))
        targets.append(path)
      } else {
        inputs.append(
          PseudonymDocument(id: document.id, text: document.text, speakers: speakers(of: document), authors: authors))
        targets.append((path as NSString).deletingPathExtension + ".txt")
        diagnostics.append(
          Diagnostic(
            .note, SourceLocation(file: entry.path),
            "written as plain text (\(targets[targets.count - 1])): Kwal does not rewrite .\(entry.url.pathExtension) files"
          ))
      }
    }
    let before = key.entries.count
    line.phase("finding and replacing names in \(inputs.count) document(s)")
    let results = Pseudonymiser(names: names, keep: keep).run(inputs, key: &key)

    // The output: documents, the manifest, the report; then the key, outside.
    let exists = try prepareOutput(request.output, force: request.force)
    let folder = exists ? FolderSwap.staging(for: request.output) : request.output
    defer { if exists { FolderSwap.discard(staging: folder) } }
    var files: [(url: URL, data: Data)] = []
    for (index, result) in results.enumerated() {
      files.append((folder.appendingPathComponent(targets[index]), Data(result.text.utf8)))
    }
    if let manifest = corpus.manifest {
      let source = request.corpus.appendingPathComponent(CorpusManifest.fileName)
      if let data = FileManager.default.contents(atPath: source.path) {
        files.append((folder.appendingPathComponent(CorpusManifest.fileName), data))
        diagnostics += manifestMentions(String(decoding: data, as: UTF8.self), file: manifest.file, key: key)
      }
    }
    let report = reportRows(results, texts: inputs.map(\.text))
    files.append(
      (folder.appendingPathComponent(reportFile), try CSVTable(header: reportColumns, rows: report.rows).csvData()))
    try AtomicFile.writeAll(files)
    if exists { try FolderSwap.replace(request.output, with: folder) }
    try writeKey(key, to: request.key)
    return PseudonymiseSummary(
      documents: results.count, counts: report.counts, perDocument: report.perDocument, uncertain: report.uncertain,
      keyEntries: key.entries.count, newKeyEntries: key.entries.count - before, diagnostics: diagnostics)
  }

  /// What every mode reads before it pseudonymises: the key (checked against the corpus), the
  /// `--names` and `--keep` lists, and the corpus with its warnings and errors.
  static func prepare(_ request: PseudonymiseRequest, corpus url: URL) throws -> (
    key: PseudonymKey, names: [String], keep: [String], corpus: Corpus, diagnostics: [Diagnostic]
  ) {
    let key = try readKey(request.key)
    let names = try request.names.map(readList) ?? []
    let keep = try request.keep.map(readList) ?? []
    let corpus = try Corpus.open(url)
    try checkKey(key, belongsTo: corpus.entries.map(\.id), file: request.key.path)
    return (key, names, keep, corpus, corpus.diagnostics.filter { $0.severity != .note })
  }

  /// Refuses a key inside the output folder: it would be shared with the data.
  static func refuseKey(_ key: URL, inside output: URL) throws {
    if OutputGuard.isInside(key.path, output.path) {
      throw ExportError(
        .usage,
        "the key \(key.path) is inside --out \(output.path), which is meant to be shared: keep the key elsewhere")
    }
  }

  /// The people a document's metadata names as its authors (docx core properties, HTML and
  /// Markdown author tags).
  static func authors(of document: Document) -> [String] {
    ["author", "creator", "lastModifiedBy"].compactMap { document.attributes[$0] }
  }

  /// The path of an entry relative to the corpus root.
  private static func relative(_ entry: CorpusEntry, in corpus: Corpus) -> String {
    let root = corpus.root.standardizedFileURL.path
    var path = entry.url.standardizedFileURL.path
    if path.hasPrefix(root) { path.removeFirst(root.count) }
    while path.hasPrefix("/") { path.removeFirst() }
    return path
  }

  /// Reads a key file (an empty key when it does not exist yet).
  static func readKey(_ url: URL) throws -> PseudonymKey {
    guard FileManager.default.fileExists(atPath: url.path) else { return PseudonymKey() }
    let table = try CSVTable.read(url)
    guard table.header == keyColumns else {
      throw ExportError(
        .badData, "not a pseudonym key: the header must be \(keyColumns.joined(separator: ","))",
        at: SourceLocation(file: url.path, line: 1))
    }
    var entries: [PseudonymKey.Entry] = []
    for (index, row) in table.rows.enumerated() {
      guard let kind = IdentifierKind(rawValue: row[2]), !row[0].isEmpty, !row[1].isEmpty else {
        throw ExportError(
          .badData,
          "row \(index + 1) of the key is not pseudonym,original,kind,documents with a known kind (\(IdentifierKind.allCases.map(\.rawValue).joined(separator: ", ")))",
          at: SourceLocation(file: url.path, line: index + 2))
      }
      let documents = row[3].split(separator: "|").map(String.init)
      entries.append(PseudonymKey.Entry(pseudonym: row[0], original: row[1], kind: kind, documents: Set(documents)))
    }
    return PseudonymKey(entries: entries)
  }

  /// The lines of a list file (`--names`, `--keep`), without blanks and `#` comments.
  static func readList(_ url: URL) throws -> [String] {
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw ExportError(.missingInput, "cannot read file", at: SourceLocation(file: url.path))
    }
    return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
  }

  /// Warnings for manifest lines that hold a name the texts had replaced (the manifest is
  /// copied as it is: its cases and attributes are the researcher's to word).
  static func manifestMentions(_ text: String, file: String, key: PseudonymKey) -> [Diagnostic] {
    let names = Set(
      key.entries.filter { $0.kind == .person || $0.kind == .speaker }.map(\.original).filter { $0.count >= 4 })
    var result: [Diagnostic] = []
    for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if names.contains(where: { line.contains($0) }) {
        result.append(
          Diagnostic(
            .warning, SourceLocation(file: file, line: number + 1),
            "the manifest names a person the texts no longer name; it was copied as it is: reword it before sharing"))
      }
    }
    return result
  }
}

/// Line and column (1-based, in scalars) of scalar offsets in a text.
struct LineIndex {
  private var starts: [Int] = [0]

  init(_ text: String) {
    for (offset, scalar) in text.unicodeScalars.enumerated() where scalar == "\n" { starts.append(offset + 1) }
  }

  func position(of offset: Int) -> (line: Int, column: Int) {
    var low = 0
    var high = starts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if starts[middle] <= offset { low = middle } else { high = middle - 1 }
    }
    return (low + 1, offset - starts[low] + 1)
  }
}
