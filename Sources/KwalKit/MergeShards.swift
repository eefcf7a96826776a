public import Foundation
public import KwalModel
internal import KwalAnalysis
internal import KwalExport
internal import KwalStore

/// What `kwal merge` wrote.
public struct MergeSummary: Sendable {
  public var shards: Int
  public var documents: Int
  public var codebook: String
  public var outputs: [URL]
}

/// The `kwal merge` use case: shard folders of `kwal code --shard I/N` combined into exactly the
/// bytes one full run would have written (codings, suggestions, units, documents, matrix,
/// codebook.json).
///
/// The streamed files are put together by copying each document's rows, whose byte lengths each
/// shard recorded in `shard.json`, in corpus order; `documents.csv` and `matrix.csv` are written
/// again from the shards' records and counts. Nothing is parsed twice, so memory stays small.
public enum MergeShards {
  /// `spreadsheetSafe`: cells a spreadsheet would evaluate get a leading `'` (see `kwal code`).
  ///
  /// With every shard's project store, the merged folder gets one too: the shards' documents and
  /// codings as one run whose mode is `merged` (`command` is logged).
  public static func run(
    folders: [URL], output: URL, spreadsheetSafe: Bool = false, command: String = "kwal merge"
  ) throws -> MergeSummary {
    guard !folders.isEmpty else { throw ExportError(.usage, "give the shard folders to merge") }
    for folder in folders {
      try OutputGuard.check(
        output: output.path, role: "--out", inputs: [OutputGuard.Input(folder.path, role: "the shard")])
      if OutputGuard.isInside(output.path, folder.path) {
        throw ExportError(.usage, "--out \(output.path) is inside the shard \(folder.path): choose a folder outside it")
      }
    }
    // Every shard's manifest, checked against the first.
    var shards: [(folder: URL, manifest: ShardManifest)] = []
    let decoder = JSONDecoder()
    for folder in folders {
      // A shard run killed between its commit and its renames is finished (or undone) first.
      StoreCommit.recover(folder)
      let url = folder.appendingPathComponent(ShardManifest.fileName)
      guard let data = FileManager.default.contents(atPath: url.path) else {
        throw ExportError(
          .missingInput, "not a shard folder: no \(ShardManifest.fileName) (write it with kwal code --shard I/N)",
          at: SourceLocation(file: folder.path))
      }
      let manifest: ShardManifest
      do { manifest = try decoder.decode(ShardManifest.self, from: data) } catch {
        throw ExportError(
          .badData, "\(ShardManifest.fileName) cannot be read: \(error)", at: SourceLocation(file: url.path))
      }
      shards.append((folder, manifest))
    }
    let first = shards[0]
    let codebookJSON = FileManager.default.contents(atPath: first.folder.appendingPathComponent("codebook.json").path)
    for (folder, manifest) in shards.dropFirst() {
      if manifest.corpus != first.manifest.corpus || manifest.of != first.manifest.of {
        throw ExportError(
          .badData,
          "\(folder.path) is shard \(manifest.shard)/\(manifest.of) of another corpus or split than \(first.folder.path) (shard \(first.manifest.shard)/\(first.manifest.of))"
        )
      }
      let json = FileManager.default.contents(atPath: folder.appendingPathComponent("codebook.json").path)
      if manifest.codebook != first.manifest.codebook || json != codebookJSON {
        throw ExportError(
          .badData,
          "\(folder.path) was coded with \(manifest.codebook), \(first.folder.path) with \(first.manifest.codebook) (or another version of it): code every shard with one codebook"
        )
      }
    }
    var byNumber: [Int: URL] = [:]
    for (folder, manifest) in shards {
      if let other = byNumber[manifest.shard] {
        throw ExportError(
          .usage,
          "\(other.path) and \(folder.path) are both shard \(manifest.shard)/\(manifest.of): give each shard once")
      }
      byNumber[manifest.shard] = folder
    }
    let missing = (1...first.manifest.of).filter { byNumber[$0] == nil }
    if !missing.isEmpty {
      throw ExportError(
        .missingInput,
        "shard(s) \(missing.map(String.init).joined(separator: ", ")) of \(first.manifest.of) missing: merge all \(first.manifest.of) shards"
      )
    }
    guard let codebookJSON, let codebook = try? decoder.decode(CodebookInfo.self, from: codebookJSON) else {
      throw ExportError(.badData, "codebook.json cannot be read", at: SourceLocation(file: first.folder.path))
    }

    // The documents in corpus order, each with its shard and where its rows start there.
    var placed: [(index: Int, shard: Int, document: ShardDocument, offsets: (Int, Int, Int))] = []
    let headers = (
      CodingFiles.codingsCSV([]).count, CodingFiles.unitsCSV([]).count,
      CodingFiles.suggestionColumns.joined(separator: ",").utf8.count + 1
    )
    for (number, shard) in shards.enumerated() {
      var offsets = headers
      for document in shard.manifest.documents {
        placed.append((document.index, number, document, offsets))
        offsets.0 += document.codingsBytes
        offsets.1 += document.unitsBytes
        offsets.2 += document.suggestionsBytes
      }
    }
    placed.sort { $0.index < $1.index }

    StoreCommit.recover(output)
    try AtomicFile.prepare(folder: output)
    let lock = try FolderLock(folder: output)
    defer { lock.release() }
    var staged: [AtomicFile.StagedFile] = []
    do {
      for (name, part) in [("codings.csv", 0), ("units.csv", 1), (CodingFiles.suggestionsFile, 2)] {
        let target = output.appendingPathComponent(name)
        let temporary = AtomicFile.temporary(for: target)
        staged.append(AtomicFile.StagedFile(temporary: temporary, target: target))
        let header = [headers.0, headers.1, headers.2][part]
        try concatenate(name, part: part, header: header, placed: placed, shards: shards.map(\.folder), to: temporary)
      }
      var cases: Set<String> = []
      var counts: [String: [String: Int]] = [:]
      for (_, manifest) in shards {
        for document in manifest.documents { cases.insert(document.record.caseName) }
        for (code, perCase) in manifest.counts {
          for (caseName, count) in perCase { counts[code, default: [:]][caseName, default: 0] += count }
        }
      }
      let matrix = CodeCorpus.matrix(codebook: codebook, counts: counts, cases: cases)
      let matrixTable = CSVTable(
        header: ["code"] + matrix.columns + ["total"],
        rows: zip(matrix.codes, matrix.values).map { code, values in
          [code] + values.map { String(Int($0)) } + [String(Int(values.reduce(0, +)))]
        })
      staged += try AtomicFile.stage([
        (
          output.appendingPathComponent("documents.csv"),
          CodingFiles.documentsCSV(placed.map(\.document.record))
        ),
        (output.appendingPathComponent("matrix.csv"), try matrixTable.csvData()),
        (output.appendingPathComponent("codebook.json"), codebookJSON),
      ])
      // Where each document's rows lie in the merged files, and their identities, for the store.
      var rows: [String: DocumentRows] = [:]
      var at = headers
      for item in placed {
        let next = (
          at.0 + item.document.codingsBytes, at.1 + item.document.unitsBytes, at.2 + item.document.suggestionsBytes
        )
        rows[item.document.record.document] = DocumentRows(
          codings: at.0..<next.0, units: at.1..<next.1, suggestions: at.2..<next.2)
        at = next
      }
      var files: [String: String] = [:]
      if !spreadsheetSafe {
        for file in staged where CodingOutputWriter.streamedFiles.contains(file.target.lastPathComponent) {
          files[file.target.lastPathComponent] = FileIdentity.of(file.temporary)
        }
      }
      if let store = try mergeStores(
        shards: shards.map(\.folder), output: output, codebook: codebook, command: command, rows: rows, files: files)
      {
        // The store first, as in `kwal code`: renamed, it commits the merge.
        staged.insert(store, at: 0)
      }
    } catch {
      AtomicFile.discard(staged)
      throw error
    }
    try AtomicFile.commit(staged)
    // A merged folder is a full run's folder: no shard file.
    try? FileManager.default.removeItem(at: output.appendingPathComponent(ShardManifest.fileName))
    if spreadsheetSafe {
      for file in staged where file.target.pathExtension == "csv" { try SpreadsheetSafe.rewrite(file.target) }
    }
    return MergeSummary(
      shards: shards.count, documents: placed.count, codebook: first.manifest.codebook,
      outputs: staged.map(\.target).sorted { $0.lastPathComponent < $1.lastPathComponent })
  }

  /// Writes the header of shard 1's `name`, then every document's rows from its shard, in order.
  private static func concatenate(
    _ name: String, part: Int, header headerLength: Int,
    placed: [(index: Int, shard: Int, document: ShardDocument, offsets: (Int, Int, Int))],
    shards: [URL], to temporary: URL
  ) throws {
    guard let out = AtomicFile.create(temporary) else {
      throw ExportError(.cannotCreateOutput, "cannot write \(name)", at: SourceLocation(file: temporary.path))
    }
    defer { try? out.close() }
    var inputs: [FileHandle] = []
    defer { for handle in inputs { try? handle.close() } }
    for folder in shards {
      let url = folder.appendingPathComponent(name)
      guard let handle = try? FileHandle(forReadingFrom: url) else {
        throw ExportError(.missingInput, "cannot read \(name)", at: SourceLocation(file: url.path))
      }
      inputs.append(handle)
    }
    do {
      // The header (every shard has the same one), then the documents' rows.
      try out.write(contentsOf: try inputs[0].read(upToCount: headerLength) ?? Data())
      for item in placed {
        let offset = [item.offsets.0, item.offsets.1, item.offsets.2][part]
        let length = [item.document.codingsBytes, item.document.unitsBytes, item.document.suggestionsBytes][part]
        guard length > 0 else { continue }
        try inputs[item.shard].seek(toOffset: UInt64(offset))
        guard let bytes = try inputs[item.shard].read(upToCount: length), bytes.count == length else {
          throw ExportError(
            .badData, "\(name) is shorter than its \(ShardManifest.fileName) says (changed after coding?)",
            at: SourceLocation(file: shards[item.shard].appendingPathComponent(name).path))
        }
        try out.write(contentsOf: bytes)
      }
    } catch let error as ExportError {
      throw error
    } catch {
      throw ExportError(
        .io, "cannot write \(name) (\(AtomicFile.reason(error)))", at: SourceLocation(file: temporary.path))
    }
  }
}
