public import Foundation
public import KwalAnalysis
public import KwalModel
import Synchronization

/// One coded document, encoded by a worker: its `documents.csv` record and its rows of
/// `codings.csv`, `units.csv` and `suggestions.csv`.
public struct EncodedDocument: Sendable {
  public var document: DocumentRecord?
  public var codingsCSV: [UInt8]
  public var unitsCSV: [UInt8]
  public var suggestionsCSV: [UInt8]
  /// For a document that did not change: where its rows lie in the previous run's files (see
  /// ``CodingOutputWriter/previous``); its byte arrays are then empty.
  public var reused: CodingOutputWriter.Rows?
  /// The rows of `codingsCSV` and `suggestionsCSV` as the project store keeps them
  /// (``KeptRows/withoutRunFields(_:)``), when already made.
  public var storedCodingsCSV: [UInt8]?
  public var storedSuggestionsCSV: [UInt8]?

  public init(
    document: DocumentRecord? = nil, codingsCSV: [UInt8] = [], unitsCSV: [UInt8] = [], suggestionsCSV: [UInt8] = []
  ) {
    self.document = document
    self.codingsCSV = codingsCSV
    self.unitsCSV = unitsCSV
    self.suggestionsCSV = suggestionsCSV
  }
}

/// Writes batches on a serial queue of its own while the caller codes the next batch; at most one
/// batch waits, so memory does not grow. The first write error is thrown by the next call.
public final class CodingWritePipeline: @unchecked Sendable {
  // The writer is used by the queue only, between `write` and `finish` (the semaphore orders it).
  private let writer: CodingOutputWriter
  private let queue = DispatchQueue(label: "kwal.code.write")
  private let slot = DispatchSemaphore(value: 1)
  private let failure = Mutex<(any Error)?>(nil)

  /// A pipeline into `writer`.
  public init(_ writer: CodingOutputWriter) { self.writer = writer }

  /// Queues a batch of documents (in output order) for writing; `then` runs on the writing
  /// queue once the batch is written, with where each document's rows went (the project store
  /// records them there).
  public func write(_ results: [EncodedDocument], then: (@Sendable ([CodingOutputWriter.Rows]) throws -> Void)? = nil)
    throws
  {
    slot.wait()
    if let error = failure.withLock({ $0 }) {
      slot.signal()
      throw error
    }
    queue.async { [self] in
      defer { slot.signal() }
      do {
        let rows = try writer.append(results)
        try then?(rows)
      } catch {
        failure.withLock { $0 = error }
      }
    }
  }

  /// Waits for the last batch; throws the first write error.
  public func finish() throws {
    queue.sync {}
    if let error = failure.withLock({ $0 }) { throw error }
  }
}

/// Streams the big output files of `kwal code` to temporary files beside their targets and
/// renames them all at the end; ``discard()`` removes whatever was not renamed.
public final class CodingOutputWriter {
  /// The output folder.
  public let folder: URL
  private var handles: [String: (temporary: URL, handle: FileHandle)] = [:]
  /// The rows of `documents.csv` (see ``DocumentTable``).
  private var documents = DocumentTable()
  /// The documents' records, kept when ``keepsRecords`` (a shard's `shard.json` lists them).
  private var records: [DocumentRecord] = []
  /// Whether the documents' records are kept for ``finish(matrix:codebook:shard:alsoCommit:precommit:)``'s
  /// `shard` (else only their `documents.csv` rows are).
  public var keepsRecords = false
  /// Per written document, when ``keepsRecords``: the byte lengths of its rows in codings.csv,
  /// units.csv and suggestions.csv.
  private var blockLengths: [(codings: Int, units: Int, suggestions: Int)] = []
  private var finished = false
  /// The previous run's files, where the rows of reused documents (``EncodedDocument/reused``)
  /// are copied from.
  public var previous: PreviousOutput? {
    didSet {
      // Each file whose header is the previous file's starts as its mirror.
      mirrored = [:]
      for name in Self.streamedFiles {
        if let size = sizes[name], let header = headers[name], previous?.read(name, 0..<size) == header {
          mirrored[name] = size
        }
      }
    }
  }
  /// The bytes of each streamed file so far (written, or mirrored from the previous file).
  private var sizes: [String: Int] = [:]
  /// Each streamed file's header, as written when it was opened.
  private var headers: [String: [UInt8]] = [:]
  /// The streamed files whose bytes so far are the previous file's first bytes: only the first
  /// of them (the count given) are in the temporary file; the rest are copied there as soon as
  /// the file takes another way (``materialise(_:)``). A file that ends as its previous file is
  /// not replaced: an unchanged run rewrites nothing.
  private var mirrored: [String: Int] = [:]

  /// Where one document's rows lie in the streamed files: byte ranges in `codings.csv`,
  /// `units.csv` and `suggestions.csv`.
  public struct Rows: Sendable, Hashable {
    public var codings: Range<Int>
    public var units: Range<Int>
    public var suggestions: Range<Int>

    public init(codings: Range<Int>, units: Range<Int>, suggestions: Range<Int>) {
      self.codings = codings
      self.units = units
      self.suggestions = suggestions
    }
  }

  /// The streamed files' names.
  public static let streamedFiles = ["codings.csv", "units.csv", CodingFiles.suggestionsFile]

  /// Opens the output folder: the streamed files start as temporary files with their headers.
  public init(folder: URL) throws {
    self.folder = folder
    do {
      try AtomicFile.prepare(folder: folder)
    } catch {
      throw ExportError(
        .cannotCreateOutput, "cannot create the output folder (\(error.message))", at: SourceLocation(file: folder.path)
      )
    }
    for name in Self.streamedFiles { try open(name) }
    headers = [
      "codings.csv": [UInt8](CodingFiles.codingsCSV([])), "units.csv": [UInt8](CodingFiles.unitsCSV([])),
      CodingFiles.suggestionsFile: Array((CodingFiles.suggestionColumns.joined(separator: ",") + "\n").utf8),
    ]
    for name in Self.streamedFiles { try write(name, headers[name] ?? []) }
  }

  /// Starts the temporary file of `name`.
  private func open(_ name: String) throws(ExportError) {
    let temporary = AtomicFile.temporary(for: folder.appendingPathComponent(name))
    guard let handle = AtomicFile.create(temporary) else {
      AtomicFile.discard(temporary: temporary)
      discard()
      throw ExportError(
        .cannotCreateOutput, "cannot write in the output folder", at: SourceLocation(file: folder.path))
    }
    handles[name] = (temporary, handle)
  }

  private func write(_ name: String, _ data: some DataProtocol) throws(ExportError) {
    guard let entry = handles[name] else { return }
    if mirrored[name] != nil {
      let at = sizes[name] ?? 0
      if let previous, previous.read(name, at..<(at + data.count)).map({ $0.elementsEqual(data) }) == true {
        sizes[name] = at + data.count
        return
      }
      try materialise(name)
    }
    sizes[name, default: 0] += data.count
    do {
      try entry.handle.write(contentsOf: data)
    } catch {
      throw ExportError(
        .io, "cannot write \(name) (\(AtomicFile.reason(error)))",
        at: SourceLocation(file: folder.appendingPathComponent(name).path))
    }
  }

  /// Appends the rows of a batch, document by document (each document's bytes as they are, or
  /// its rows in the previous run's files); returns where each document's rows went.
  @discardableResult
  public func append(_ batch: [EncodedDocument]) throws -> [Rows] {
    var rows: [Rows] = []
    var at = (sizes["codings.csv"] ?? 0, sizes["units.csv"] ?? 0, sizes[CodingFiles.suggestionsFile] ?? 0)
    for document in batch {
      let lengths = Self.lengths(document)
      let next = (at.0 + lengths.codings, at.1 + lengths.units, at.2 + lengths.suggestions)
      rows.append(Rows(codings: at.0..<next.0, units: at.1..<next.1, suggestions: at.2..<next.2))
      if keepsRecords { blockLengths.append(lengths) }
      at = next
    }
    try write("codings.csv", batch, \.codingsCSV, \.codings)
    try write("units.csv", batch, \.unitsCSV, \.units)
    try write(CodingFiles.suggestionsFile, batch, \.suggestionsCSV, \.suggestions)
    for document in batch {
      guard let record = document.document else { continue }
      documents.append(record)
      if keepsRecords { records.append(record) }
    }
    return rows
  }

  /// The byte lengths of a document's rows in the three streamed files.
  private static func lengths(_ document: EncodedDocument) -> (codings: Int, units: Int, suggestions: Int) {
    if let reused = document.reused {
      return (reused.codings.count, reused.units.count, reused.suggestions.count)
    }
    return (document.codingsCSV.count, document.unitsCSV.count, document.suggestionsCSV.count)
  }

  /// Writes one file's rows of a batch: new rows as they are, reused rows copied from the
  /// previous run's file, neighbouring reused rows in one copy.
  private func write(
    _ name: String, _ batch: [EncodedDocument], _ bytes: KeyPath<EncodedDocument, [UInt8]>,
    _ range: KeyPath<Rows, Range<Int>>
  ) throws {
    var pending: Range<Int>?
    func flush() throws {
      guard let copy = pending else { return }
      pending = nil
      if mirrored[name] != nil {
        if copy.lowerBound == sizes[name] {
          sizes[name, default: 0] += copy.count
          return
        }
        try materialise(name)
      }
      guard let entry = handles[name], let previous,
        previous.append(name, copy, to: entry.handle.fileDescriptor)
      else {
        throw ExportError(
          .io, "cannot copy the rows of unchanged documents from the previous \(name)",
          at: SourceLocation(file: folder.appendingPathComponent(name).path))
      }
      sizes[name, default: 0] += copy.count
    }
    for document in batch {
      if let reused = document.reused {
        let next = reused[keyPath: range]
        if next.isEmpty { continue }
        if let current = pending, current.upperBound == next.lowerBound {
          pending = current.lowerBound..<next.upperBound
        } else {
          try flush()
          pending = next
        }
      } else {
        let data = document[keyPath: bytes]
        if data.isEmpty { continue }
        try flush()
        try write(name, data)
      }
    }
    try flush()
  }

  /// Each streamed file's identity (``FileIdentity``) as written, by file name: taken before
  /// the files are renamed, which keeps them.
  public func identities() throws(ExportError) -> [String: String] {
    try settleMirrors()
    var result: [String: String] = [:]
    for (name, entry) in handles {
      result[name] = FileIdentity.of(unchanged(name) ? folder.appendingPathComponent(name) : entry.temporary)
    }
    return result
  }

  /// Whether the streamed file `name` ends as the previous run's (once every row is appended):
  /// then it stays as it is.
  private func unchanged(_ name: String) -> Bool {
    guard mirrored[name] != nil, let size = sizes[name] else { return false }
    return previous?.size(name) == size
  }

  /// Ends the mirror of every streamed file that does not end as the previous run's (it came
  /// out shorter: the documents after its end were removed), so that its temporary file holds
  /// every byte it stands for.
  private func settleMirrors() throws(ExportError) {
    for name in Self.streamedFiles where mirrored[name] != nil && !unchanged(name) { try materialise(name) }
  }

  /// Ends the mirror of `name` (``mirrored``): the previous file's bytes that the temporary file
  /// does not hold yet are copied there.
  private func materialise(_ name: String) throws(ExportError) {
    guard let held = mirrored.removeValue(forKey: name), let size = sizes[name], size > held else { return }
    guard let entry = handles[name], let previous, previous.append(name, held..<size, to: entry.handle.fileDescriptor)
    else {
      throw ExportError(
        .io, "cannot copy the rows of unchanged documents from the previous \(name)",
        at: SourceLocation(file: folder.appendingPathComponent(name).path))
    }
  }

  /// Writes the small files (and, for a shard, `shard.json` built by `shard` from the written
  /// documents and their row lengths), then renames all into place; returns their URLs by name.
  ///
  /// `alsoCommit` are files written elsewhere (the project store's copy) that are renamed
  /// together with these, first; `precommit` is a transaction (the project store written in
  /// place) committed once all are written and journalled, before the renames.
  public func finish(
    matrix: CodeMatrix, codebook: CodebookInfo,
    shard: (([(record: DocumentRecord, codings: Int, units: Int, suggestions: Int)]) -> ShardManifest)? = nil,
    alsoCommit: [AtomicFile.StagedFile] = [], precommit: AtomicFile.Precommit? = nil
  ) throws -> [URL] {
    try settleMirrors()
    try open("documents.csv")
    try documents.write { (data: Data) throws(ExportError) in try write("documents.csv", data) }
    for (_, entry) in handles { try? entry.handle.close() }
    let matrixTable = CSVTable(
      header: ["code"] + matrix.columns + ["total"],
      rows: zip(matrix.codes, matrix.values).map { code, values in
        [code] + values.map { String(Int($0)) } + [String(Int(values.reduce(0, +)))]
      })
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let codebookJSON = try Self.codebookJSON(codebook)
    var small: [(url: URL, data: Data)] = [
      (folder.appendingPathComponent("matrix.csv"), try matrixTable.csvData()),
      (folder.appendingPathComponent("codebook.json"), codebookJSON),
    ]
    if let shard {
      let manifest = shard(
        zip(records, blockLengths).map { ($0, $1.codings, $1.units, $1.suggestions) })
      do {
        small.append(
          (folder.appendingPathComponent(ShardManifest.fileName), try encoder.encode(manifest) + Data("\n".utf8)))
      } catch {
        throw ExportError(.io, "cannot encode \(ShardManifest.fileName)")
      }
    } else {
      // A full run's folder holds no shard file (an earlier shard run's would mislead a merge).
      try? FileManager.default.removeItem(at: folder.appendingPathComponent(ShardManifest.fileName))
    }
    // All five files are renamed together, once all are written and nothing is in the way.
    let staged = try AtomicFile.stage(small)
    // A streamed file that ends as the previous run's stays; its temporary file goes.
    let kept = handles.keys.filter(unchanged).sorted()
    for name in kept { handles[name].map { AtomicFile.discard(temporary: $0.temporary) } }
    let streamed = handles.keys.sorted().filter { !kept.contains($0) }.compactMap { name in
      handles[name].map { AtomicFile.StagedFile(temporary: $0.temporary, target: folder.appendingPathComponent(name)) }
    }
    // The store first: once it is renamed (or its transaction committed) the run is committed; a
    // CSV file whose rename then fails is named as stale, and the next run rewrites it (its
    // identity no longer matches).
    try AtomicFile.commit(alsoCommit + streamed + staged, precommit: precommit)
    let written = (alsoCommit + streamed + staged).map(\.target) + kept.map { folder.appendingPathComponent($0) }
    finished = true
    handles = [:]
    return written.sorted { $0.lastPathComponent < $1.lastPathComponent }
  }

  /// `codebook.json`: the code tree and the codebook's hashes, as pretty JSON with sorted keys
  /// and a final line end.
  public static func codebookJSON(_ codebook: CodebookInfo) throws(ExportError) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    do {
      return try encoder.encode(codebook) + Data("\n".utf8)
    } catch {
      throw ExportError(.io, "cannot encode codebook.json")
    }
  }

  /// Removes the temporary files of an unfinished run.
  public func discard() {
    guard !finished else { return }
    for (_, entry) in handles {
      try? entry.handle.close()
      AtomicFile.discard(temporary: entry.temporary)
    }
    handles = [:]
  }
}

/// What tells a file that is still as it was written from one that was changed since: its size,
/// its modification time in nanoseconds and its inode, as `size:time:inode` (a rename keeps
/// all three; saving it from a spreadsheet or an editor changes them).
public enum FileIdentity {
  /// The identity of the file at `url`, or nil when it cannot be read.
  public static func of(_ url: URL) -> String? {
    var info = stat()
    guard stat(url.path, &info) == 0 else { return nil }
    let nanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    return "\(info.st_size):\(nanoseconds):\(info.st_ino)"
  }

  /// The identity of an input file, short of its bytes: device, inode, size, and modification
  /// and status-change times to the nanosecond. Any write to the file, a rename over it or a
  /// `touch` changes the status-change time, which no program can set back. Nil when the file
  /// cannot be looked at, or changed in the last two seconds (it could change again within the
  /// same tick of the file system's clock, keeping its identity).
  public static func settled(_ path: String) -> String? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    let now = time(nil)
    guard info.st_mtim.tv_sec < now - 1, info.st_ctim.tv_sec < now - 1 else { return nil }
    // The digits written into one buffer (a run looks at every file of the corpus: string
    // interpolation of seven numbers cost more than the `stat`).
    var bytes: [UInt8] = []
    bytes.reserveCapacity(96)
    // Device and inode numbers are unsigned (an inode at 2^63 or above exists on some network
    // file systems), the others signed; each is written as its own type prints it.
    CSVTable.appendInteger(UInt(info.st_dev), to: &bytes)
    bytes.append(0x3A)
    CSVTable.appendInteger(UInt(info.st_ino), to: &bytes)
    for (separator, value) in [
      (UInt8(0x3A), Int(info.st_size)), (0x3A, info.st_mtim.tv_sec), (0x2E, info.st_mtim.tv_nsec),
      (0x3A, info.st_ctim.tv_sec), (0x2E, info.st_ctim.tv_nsec),
    ] {
      bytes.append(separator)
      CSVTable.appendInteger(value, to: &bytes)
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
