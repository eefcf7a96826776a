internal import Foundation
internal import KwalCoding
internal import KwalExport
internal import KwalIngest
internal import KwalModel
internal import KwalStore

/// The project store's side of `kwal code`: the folder's lock, the run being recorded, and the
/// documents whose outputs an earlier run left and this one may reuse.
final class StoreSession: @unchecked Sendable {
  // Used by the coding loop (reuse look-ups) and the write queue (recording), which the
  // pipeline orders; the store serialises its own access.
  let lock: FolderLock
  let run: StoreRun
  /// Input hashes of the documents whose rows can be reused, by id (empty for a full run).
  let reusable: [String: String]
  let codebookHash: String
  let target: URL

  init(output: URL, codebook: CodebookInfo, command: String, options: [String: String], full: Bool) throws {
    lock = try FolderLock(folder: output)
    target = output.appendingPathComponent(ProjectStore.fileName)
    codebookHash = codebook.hash ?? ""
    let tree = String(decoding: try CodingOutputWriter.codebookJSON(codebook), as: UTF8.self)
    let optionsJSON =
      "{" + options.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\"\($0.value)\"" }.joined(separator: ",") + "}"
    let started = ISO8601DateFormatter().string(from: Date())
    let upgrade: () throws -> [StoredCoding] = {
      // A folder written before the store existed: its codings become the first run.
      var previous: [StoredCoding] = []
      let codings = output.appendingPathComponent("codings.csv")
      let suggestions = output.appendingPathComponent(CodingFiles.suggestionsFile)
      if FileManager.default.fileExists(atPath: codings.path) {
        previous += try CodingFiles.readCodings(codings).map { StoredCoding($0, layer: "rule", run: 1) }
      }
      if FileManager.default.fileExists(atPath: suggestions.path) {
        previous += try CodingFiles.readCodings(suggestions).map { StoredCoding($0, layer: "suggestion", run: 1) }
      }
      return previous
    }
    run = try StoreRun(
      target: target, temporary: AtomicFile.temporary(for: target),
      codebook: StoredCodebook(codebook, tree: tree),
      run: StoredRun(
        started: started, mode: "full", kwalVersion: KwalVersion.string, codebookID: nil,
        command: command, options: optionsJSON),
      upgrade: upgrade)
    reusable =
      full ? [:] : try run.current.reusableDocuments(codebookHash: codebookHash, kwalVersion: KwalVersion.build)
  }

  /// The input hash of a document: its bytes and how the manifest says to read it.
  static func inputHash(_ data: Data, settings: String) -> String {
    StoreHash.sha256Hex([data, Data(settings.utf8)])
  }

  /// The results of reused documents, filled in from the store (rows, counts, diagnostics).
  func fill(_ results: inout [CodeCorpus.DocumentResult]) throws {
    let ids = results.filter(\.reused).compactMap(\.id)
    guard !ids.isEmpty else { return }
    let stored = try run.current.documents(ids)
    let decoder = JSONDecoder()
    for index in results.indices where results[index].reused {
      guard let id = results[index].id, let document = stored[id],
        let record = try? decoder.decode(DocumentRecord.self, from: Data(document.record.utf8))
      else {
        results[index].failure = "\(results[index].id ?? "?"): the stored output of this document cannot be read"
        continue
      }
      results[index].encoded = EncodedDocument(
        document: record, codingsCSV: Array(document.codingsRows), unitsCSV: Array(document.unitsRows),
        suggestionsCSV: Array(document.suggestionsRows))
      results[index].codeCounts = (try? decoder.decode([String: Int].self, from: Data(document.codeCounts.utf8))) ?? [:]
      results[index].suggestions = document.suggestionCount
      results[index].bytes = document.text.utf8.count
      results[index].diagnostics =
        (try? decoder.decode([Diagnostic].self, from: Data(document.diagnostics.utf8))) ?? []
    }
  }

  /// What the store keeps of the documents coded in this batch (not the reused ones).
  func stored(_ results: [CodeCorpus.DocumentResult]) -> [(StoredDocument, Data, Data)] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var documents: [(StoredDocument, Data, Data)] = []
    for result in results where !result.reused && result.failure == nil {
      guard let record = result.encoded.document, let text = result.text else { continue }
      let json = { (value: any Encodable) in
        (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
      }
      let codings = Data(result.encoded.codingsCSV)
      let suggestions = Data(result.encoded.suggestionsCSV)
      documents.append(
        (
          StoredDocument(
            id: record.document, inputHash: result.inputHash ?? "", kind: record.kind.rawValue,
            caseName: record.caseName, record: json(record), text: text, codebookHash: codebookHash,
            kwalVersion: KwalVersion.build, codingsRows: codings, unitsRows: Data(result.encoded.unitsCSV),
            suggestionsRows: suggestions, codeCounts: json(result.codeCounts), suggestionCount: result.suggestions,
            diagnostics: json(result.diagnostics)),
          codings, suggestions
        ))
    }
    return documents
  }

  /// Records coded documents (on the write queue): their rows, and their codings decoded from them.
  func record(_ documents: [(StoredDocument, Data, Data)]) throws {
    let header = Data((CodingFiles.codingColumns.joined(separator: ",") + "\n").utf8)
    let suggestionHeader = Data((CodingFiles.suggestionColumns.joined(separator: ",") + "\n").utf8)
    var batch: [(document: StoredDocument, codings: [StoredCoding])] = []
    for (document, codings, suggestions) in documents {
      var stored: [StoredCoding] = []
      if !codings.isEmpty {
        let table = try CSVTable.parse(header + codings, file: "codings.csv")
        stored += try CodingFiles.codings(from: table, file: "codings.csv", defaultCoder: "")
          .map { StoredCoding($0, layer: "rule", run: run.runID) }
      }
      if !suggestions.isEmpty {
        let table = try CSVTable.parse(suggestionHeader + suggestions, file: CodingFiles.suggestionsFile)
        stored += try CodingFiles.codings(from: table, file: CodingFiles.suggestionsFile, defaultCoder: "")
          .map { StoredCoding($0, layer: "suggestion", run: run.runID) }
      }
      batch.append((document, stored))
    }
    try run.record(batch)
  }

  /// The store's copy, ready to be renamed with the CSV files.
  func finish(documents: Set<String>, recoded: Int, codings: Int, suggestions: Int) throws -> AtomicFile.StagedFile {
    try run.finish(
      documents: documents, recoded: recoded, codings: codings, suggestions: suggestions,
      mode: recoded < documents.count ? "incremental" : "full")
    return AtomicFile.StagedFile(temporary: run.temporary, target: target)
  }

  /// Removes the store's copy of an unfinished run and releases the folder.
  func discard() {
    run.discard()
    lock.release()
  }
}
