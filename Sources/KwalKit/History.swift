public import Foundation
internal import KwalAnalysis
internal import KwalExport
public import KwalModel
internal import KwalStore

/// One run of an output folder, as `kwal runs` lists it.
public struct RunLogEntry: Sendable, Hashable {
  public var number: Int
  public var started: String
  /// `full`, `incremental`, `merged` or `upgraded`.
  public var mode: String
  public var kwalVersion: String
  /// `name@version` of the codebook, and its content hash (empty for an upgraded folder's run).
  public var codebook: String
  public var codebookHash: String
  public var documents: Int
  public var recoded: Int
  public var codings: Int
  public var suggestions: Int
  public var seconds: Double
  public var command: String
}

/// The history of an output folder: its runs, the codings of each, and what changed between two.
public enum History {
  /// The runs of `folder`, oldest first. A folder written before the store existed is upgraded
  /// in place first (its codings become run 1).
  public static func runs(_ folder: URL) throws -> [RunLogEntry] {
    let store = try openStore(folder)
    let codebooks = try store.codebooks()
    return try store.runs().map { run in
      let codebook = run.codebookID.flatMap { codebooks[$0] }
      return RunLogEntry(
        number: Int(run.id ?? 0), started: run.started, mode: run.mode, kwalVersion: run.kwalVersion,
        codebook: codebook.map { "\($0.name)@\($0.version)" } ?? "", codebookHash: codebook?.hash ?? "",
        documents: run.documents, recoded: run.recoded, codings: run.codings, suggestions: run.suggestions,
        seconds: run.duration, command: run.command)
    }
  }

  /// The runs as a table (`md`, `csv` or `json`).
  public static func renderRuns(_ runs: [RunLogEntry], format: String) throws -> Data {
    let header = [
      "run", "started", "mode", "kwal", "codebook", "codebook_hash", "documents", "recoded", "codings", "suggestions",
      "seconds", "command",
    ]
    let rows = runs.map { run in
      [
        String(run.number), run.started, run.mode, run.kwalVersion, run.codebook, run.codebookHash,
        String(run.documents), String(run.recoded), String(run.codings), String(run.suggestions),
        String(format: "%.2f", run.seconds), run.command,
      ]
    }
    return try DiffRendering.table(header: header, rows: rows, format: format)
  }

  /// Opens the store of `folder`, upgrading a folder written before stores existed.
  static func openStore(_ folder: URL) throws -> ProjectStore {
    // A run killed between committing and renaming its files is finished (or undone) first.
    StoreCommit.recover(folder)
    let url = folder.appendingPathComponent(ProjectStore.fileName)
    if FileManager.default.fileExists(atPath: url.path) { return try ProjectStore(at: url) }
    let codings = folder.appendingPathComponent("codings.csv")
    guard FileManager.default.fileExists(atPath: codings.path) else {
      throw ExportError(
        .missingInput, "not a coding output folder: no kwal.sqlite and no codings.csv",
        at: SourceLocation(file: folder.path))
    }
    let lock = try FolderLock(folder: folder)
    defer { lock.release() }
    let previous = try upgrade(from: folder)
    let temporary = AtomicFile.temporary(for: url)
    do {
      let store = try ProjectStore(at: temporary)
      try store.recordUpgrade(
        previous.blocks, documents: previous.documents, codings: previous.codings, suggestions: previous.suggestions,
        started: ISO8601DateFormatter().string(from: Date()), kwalVersion: KwalVersion.string)
      store.close()
      try AtomicFile.commit([AtomicFile.StagedFile(temporary: temporary, target: url)])
    } catch {
      AtomicFile.discard(temporary: temporary)
      throw error
    }
    return try ProjectStore(at: url)
  }

  /// The codings of `spec`: a folder (its current codings) or `FOLDER@N` (run N of its store);
  /// with `suggestions`, the learned cues' suggestions too.
  public static func codings(_ spec: String, suggestions: Bool) throws -> [CodingRecord] {
    var folder = URL(fileURLWithPath: spec)
    var run: Int64?
    if !FileManager.default.fileExists(atPath: spec), let at = spec.lastIndex(of: "@"),
      let number = Int64(spec[spec.index(after: at)...])
    {
      folder = URL(fileURLWithPath: String(spec[..<at]))
      run = number
    }
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
      throw ExportError(.missingInput, "no such output folder", at: SourceLocation(file: folder.path))
    }
    let hasStore = FileManager.default.fileExists(atPath: folder.appendingPathComponent(ProjectStore.fileName).path)
    guard hasStore || run != nil else {
      // A folder without a store (from an earlier Kwal, or another tool's codings.csv): its files.
      var codings = try CodingFiles.readCodings(
        folder.appendingPathComponent("codings.csv"), defaultCoder: folder.lastPathComponent)
      let file = folder.appendingPathComponent(CodingFiles.suggestionsFile)
      if suggestions, FileManager.default.fileExists(atPath: file.path) {
        codings += try CodingFiles.readCodings(file)
      }
      return codings
    }
    let store = try openStore(folder)
    if let run {
      let known = try store.runs().compactMap(\.id)
      guard known.contains(run) else {
        throw ExportError(
          .usage,
          "no run \(run) in this folder (runs: \(known.map(String.init).joined(separator: ", "))); kwal runs lists them",
          at: SourceLocation(file: folder.path))
      }
    }
    // The store keeps a run's own rows without its coder and codebook hash: they are the run's.
    var codebook: StoredCodebook?
    if let last = try (run.map { try store.lastRun(before: $0 + 1) } ?? store.lastRun()), let id = last.codebookID {
      codebook = try store.codebooks()[id]
    }
    return try decode(
      store.blocks(atRun: run).filter { suggestions || $0.layer != "suggestion" },
      coder: codebook.map { "auto:\($0.name)@\($0.version)" } ?? "", codebookHash: codebook?.hash ?? "")
  }

  /// The codings of blocks, in output order; rows without a coder get `coder` (with the
  /// suggestion suffix in the suggestion layer) and `codebookHash`.
  static func decode(_ blocks: [StoredCodingBlock], coder: String, codebookHash: String) throws -> [CodingRecord] {
    let headers = [
      "rule": Data((CodingFiles.codingColumns.joined(separator: ",") + "\n").utf8),
      "suggestion": Data((CodingFiles.suggestionColumns.joined(separator: ",") + "\n").utf8),
    ]
    let coders = [
      "rule": CodingFiles.encodedField(coder),
      "suggestion": CodingFiles.encodedField(coder + CodebookInfo.suggestionSuffix),
    ]
    let hash = CodingFiles.encodedField(codebookHash)
    var codings: [CodingRecord] = []
    for block in blocks {
      let file = block.layer == "suggestion" ? CodingFiles.suggestionsFile : "codings.csv"
      let rows = [UInt8](block.rows)
      let whole = KeptRows.withRunFields(rows, coder: coders[block.layer] ?? [], codebookHash: hash) ?? rows
      codings += try CodingFiles.codings(
        csv: (headers[block.layer] ?? Data()) + Data(whole),
        file: "\(ProjectStore.fileName): \(block.document) \(file)", defaultCoder: "")
    }
    return codings.sorted(by: CodingRecord.outputOrder)
  }

  /// The codings of a folder written before the store existed, as blocks per document and
  /// layer (the rows as `codings.csv` and `suggestions.csv` hold them).
  static func upgrade(from folder: URL) throws -> StoreRun.Upgrade {
    var blocks: [StoredCodingBlock] = []
    var documents: Set<String> = []
    var counts = (codings: 0, suggestions: 0)
    for (name, layer) in [("codings.csv", "rule"), (CodingFiles.suggestionsFile, "suggestion")] {
      let url = folder.appendingPathComponent(name)
      guard FileManager.default.fileExists(atPath: url.path) else { continue }
      let table = try CSVTable.read(url)
      guard let column = table.header.firstIndex(of: "document") else { continue }
      var byDocument: [String: [[String]]] = [:]
      var order: [String] = []
      for row in table.rows {
        if byDocument[row[column]] == nil { order.append(row[column]) }
        byDocument[row[column], default: []].append(row)
      }
      for document in order {
        let rows = byDocument[document] ?? []
        let data = try CSVTable(header: table.header, rows: rows).csvData(includeHeader: false)
        blocks.append(StoredCodingBlock(document: document, layer: layer, rows: data))
        documents.insert(document)
      }
      if layer == "rule" { counts.codings = table.rows.count } else { counts.suggestions = table.rows.count }
    }
    return StoreRun.Upgrade(
      blocks: blocks, documents: documents.count, codings: counts.codings, suggestions: counts.suggestions)
  }

  /// What changed from `before` to `after` (folders or `FOLDER@N`), rendered as `csv`, `md` or `json`.
  public static func diff(
    _ before: String, _ after: String, format: String, all: Bool, suggestions: Bool
  ) throws -> Data {
    var diff = CodingDiff(
      before: try codings(before, suggestions: suggestions), after: try codings(after, suggestions: suggestions),
      includeRuleChanges: all)
    // Review decisions on the changed codings, from the folder of either side that has them.
    var decisions: [Reviews.Key: StoredReview] = [:]
    // Reconciled units by document: a coding inside one is `consensus` when its code is among the
    // unit's consensus codes, else `not in consensus`.
    var consensus: [String: [Reviews.Consensus]] = [:]
    for spec in [before, after] {
      let folder = URL(
        fileURLWithPath: spec.split(separator: "@").count > 1 && !FileManager.default.fileExists(atPath: spec)
          ? String(spec[..<(spec.lastIndex(of: "@") ?? spec.endIndex)]) : spec)
      decisions.merge(try Reviews.decisions(folder)) { _, new in new }
      for unit in try Reviews.consensus(folder) { consensus[unit.document, default: []].append(unit) }
    }
    if !decisions.isEmpty || !consensus.isEmpty {
      for index in diff.rows.indices {
        let coding = diff.rows[index].coding
        let layer = coding.coder.hasSuffix(CodebookInfo.suggestionSuffix) ? "suggestion" : "rule"
        let key = Reviews.Key(
          layer: layer, document: coding.document, start: coding.start, end: coding.end, code: coding.code)
        if let decision = decisions[key]?.decision {
          diff.rows[index].review = decision
        } else if let unit = consensus[coding.document]?.last(where: {
          coding.start >= $0.start && coding.end <= $0.end
        }) {
          diff.rows[index].review = unit.codes.contains(coding.code) ? "consensus" : "not in consensus"
        }
      }
    }
    return try DiffRendering.render(diff, before: before, after: after, format: format)
  }
}
