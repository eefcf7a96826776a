public import Foundation
public import KwalModel
internal import KwalExport
internal import KwalIngest

/// What `kwal ingest` produced: the documents as JSON, and what went wrong with single files.
public struct IngestRunSummary: Sendable {
  /// The rendered output (JSON Lines or a JSON array), UTF-8.
  public var output: Data
  /// The number of documents read.
  public var documents: Int
  /// Files that could not be read, as one-line messages (the others were ingested).
  public var failures: [String]
  /// Whether a file could not be read for a system library that is not installed (poppler-glib
  /// for PDF): the command then exits 69, not 65.
  public var libraryMissing = false
  /// Notes about the corpus as a whole (skipped files, manifest warnings).
  public var diagnostics: [Diagnostic]
}

/// The `kwal ingest` use case: read a corpus folder or files into documents, as JSON.
public enum IngestCorpus {
  /// Output formats.
  public enum Format: String, Sendable, CaseIterable {
    /// One JSON object per line.
    case jsonl
    /// One pretty-printed JSON array.
    case json
  }

  /// One document as `kwal ingest` writes it: offsets are Unicode scalar offsets.
  ///
  /// ``JSONBytesWriter`` writes it; its `Encodable` form is what the writer's bytes are held to
  /// (`JSONEncoder` with sorted keys, unescaped slashes, pretty-printed for `--format json`).
  struct DocumentJSON: Encodable {
    struct SegmentJSON: Encodable {
      var kind: String
      var start: Int
      var end: Int
      var speaker: String?
      var role: String?
      var metadata: [String: String]?
    }
    var id: String
    var path: String
    var kind: String
    var caseName: String
    var title: String?
    var date: String?
    var attributes: [String: String]
    var text: String
    var segments: [SegmentJSON]
    var diagnostics: [String]

    enum CodingKeys: String, CodingKey {
      case id, path, kind, caseName = "case", title, date, attributes, text, segments, diagnostics
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(id, forKey: .id)
      try container.encode(path, forKey: .path)
      try container.encode(kind, forKey: .kind)
      try container.encode(caseName, forKey: .caseName)
      try container.encode(title, forKey: .title)
      try container.encode(date, forKey: .date)
      try container.encode(attributes, forKey: .attributes)
      try container.encode(text, forKey: .text)
      try container.encode(segments, forKey: .segments)
      try container.encode(diagnostics, forKey: .diagnostics)
    }
  }

  /// Ingests `inputs` (one corpus folder, or files) and renders the documents in `format`.
  ///
  /// Documents are read in parallel on `jobs` threads; the output is in id order and identical at
  /// any `jobs`. A file that cannot be read is reported in ``IngestRunSummary/failures``.
  ///
  /// `progress`: a progress line on standard error (see ``ProgressLine``).
  public static func run(inputs: [URL], format: Format, jobs: Int = 1, progress: Bool = false) throws
    -> IngestRunSummary
  {
    guard !inputs.isEmpty else { throw IngestError(.usage, "give a corpus folder or files") }
    var isFolder: ObjCBool = false
    let corpus: Corpus
    if inputs.count == 1, FileManager.default.fileExists(atPath: inputs[0].path, isDirectory: &isFolder),
      isFolder.boolValue
    {
      corpus = try Corpus.open(inputs[0])
    } else {
      corpus = try Corpus.open(files: inputs)
    }
    let entries = corpus.entries
    let results = ResultBox(count: entries.count)
    let workers = CodeCorpus.workers(jobs, documents: entries.count)
    let line = ProgressLine(label: "kwal ingest", unit: "documents", total: entries.count, enabled: progress)
    defer { line.finish() }
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      var index = worker
      while index < entries.count {
        let entry = entries[index]
        do throws(IngestError) {
          let (document, diagnostics) = try corpus.document(entry)
          results.set(index, .success(render(document, path: entry.url.path, diagnostics: diagnostics)))
        } catch {
          results.set(index, .failure(error))
        }
        // The file's size is asked only for the progress line (a stat per file).
        line.advance(bytes: progress ? (try? entry.url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0 : 0)
        index += workers
      }
    }
    var objects: [DocumentJSON] = []
    var failures: [String] = []
    var libraryMissing = false
    for result in results.values() {
      switch result {
      case .success(let object): objects.append(object)
      case .failure(let error):
        failures.append(error.description)
        if error.kind == .unavailable { libraryMissing = true }
      case nil: break
      }
    }
    let output = encode(objects, format: format)
    var summary = IngestRunSummary(
      output: output, documents: objects.count, failures: failures, diagnostics: corpus.diagnostics)
    summary.libraryMissing = libraryMissing
    return summary
  }

  /// The documents as `format`'s bytes.
  static func encode(_ objects: [DocumentJSON], format: Format) -> Data {
    var writer = JSONBytesWriter(
      pretty: format == .json, capacity: objects.reduce(1024) { $0 + $1.text.utf8.count + 64 * $1.segments.count })
    writer.write(objects)
    return Data(writer.bytes)
  }

  /// Refuses an output file that is one of the inputs or lies inside an input folder.
  public static func checkOutput(_ output: URL, inputs: [URL]) throws {
    try OutputGuard.check(
      output: output.path, role: "--output",
      inputs: inputs.map { OutputGuard.Input($0.path, role: "the input", readsBelow: Corpus.supportedExtensions) })
  }

  /// Writes `data` to `url` atomically.
  public static func write(_ data: Data, to url: URL) throws {
    try AtomicFile.write(data, to: url)
  }

  static func render(_ document: Document, path: String, diagnostics: [Diagnostic]) -> DocumentJSON {
    let offsets = ScalarOffsets(document.text)
    let segments = document.segments.map { segment -> DocumentJSON.SegmentJSON in
      let (start, end) = offsets.scalarRange(segment.range)
      return DocumentJSON.SegmentJSON(
        kind: segment.kind.rawValue, start: start, end: end, speaker: segment.speaker, role: segment.role?.rawValue,
        metadata: segment.metadata.isEmpty ? nil : segment.metadata)
    }
    return DocumentJSON(
      id: document.id, path: path, kind: document.kind.rawValue, caseName: document.caseName, title: document.title,
      date: document.date, attributes: document.attributes, text: document.text, segments: segments,
      diagnostics: (diagnostics
        + (document.kindReason.map { [Diagnostic(.note, SourceLocation(file: document.id), $0)] } ?? []))
        .map(\.description))
  }
}

/// Per-index results written by parallel workers.
private final class ResultBox: @unchecked Sendable {
  private var storage: [Result<IngestCorpus.DocumentJSON, IngestError>?]
  private let lock = NSLock()

  init(count: Int) { storage = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ value: Result<IngestCorpus.DocumentJSON, IngestError>) {
    lock.lock()
    storage[index] = value
    lock.unlock()
  }

  func values() -> [Result<IngestCorpus.DocumentJSON, IngestError>?] {
    lock.lock()
    defer { lock.unlock() }
    return storage
  }
}
