internal import Foundation
internal import KwalExport
internal import KwalModel
internal import KwalStore

extension MergeShards {
  /// The merged folder's store: the shards' documents (rows, text, input hashes) and their
  /// codings, recorded as one run whose mode is `merged`; a store already in the output folder
  /// keeps its history, so `kwal diff` compares the merge with what was there.
  ///
  /// `rows` are where each document's rows lie in the merged files, `files` those files' SHA-256,
  /// so that a later `kwal code` into the merged folder can reuse them.
  static func mergeStores(
    shards: [URL], output: URL, codebook: CodebookInfo, command: String, rows: [String: DocumentRows],
    files: [String: String]
  ) throws -> AtomicFile.StagedFile? {
    let stores = shards.map { $0.appendingPathComponent(ProjectStore.fileName) }
    // Shards written before stores existed: the merge writes no store, as before.
    guard stores.allSatisfy({ FileManager.default.fileExists(atPath: $0.path) }) else { return nil }
    let target = output.appendingPathComponent(ProjectStore.fileName)
    let tree = String(decoding: try CodingOutputWriter.codebookJSON(codebook), as: UTF8.self)
    // The codes' fingerprints as the shards stored them (one codebook version for all), so that
    // a codebook edit after the merge codes only the edited codes again.
    var fingerprints: (all: [String: String], withoutRules: [String: String], rules: [String: String]) = (
      [:], [:], [:]
    )
    if let first = stores.first, let hash = codebook.hash {
      let store = try ProjectStore(at: first)
      defer { store.close() }
      fingerprints = (
        try store.codeHashes(ofCodebook: hash), try store.ruleFreeHashes(ofCodebook: hash),
        try store.ruleHashes(ofCodebook: hash)
      )
    }
    let run = try StoreRun(
      target: target, temporary: AtomicFile.temporary(for: target),
      codebook: StoredCodebook(
        codebook, tree: tree, codeHashes: fingerprints.all, ruleFreeHashes: fingerprints.withoutRules,
        ruleHashes: fingerprints.rules),
      run: StoredRun(
        started: ISO8601DateFormatter().string(from: Date()), mode: "merged", kwalVersion: KwalVersion.string,
        codebookID: nil, command: command, options: "{\"shards\":\"\(shards.count)\"}"))
    do {
      var all: Set<String> = []
      var codings = 0
      var suggestions = 0
      for url in stores {
        let store = try ProjectStore(at: url)
        defer { store.close() }
        let ids = try store.documentIDs()
        // What each document's file was when its shard read it (the same corpus files).
        let identities = try store.fileIdentities()
        var start = 0
        while start < ids.count {
          let batch = Array(ids[start..<min(ids.count, start + 256)])
          start += batch.count
          let documents = try store.documents(batch)
          let byDocument = try store.currentBlocks(of: batch)
          var recorded: [(document: StoredDocument, blocks: [StoredCodingBlock])] = []
          for id in batch {
            guard var document = documents[id], let place = rows[id] else { continue }
            document.rows = place
            let stored = byDocument[id] ?? []
            let perCode = try? JSONDecoder().decode([String: Int].self, from: Data(document.codeCounts.utf8))
            codings += perCode?.values.reduce(0, +) ?? 0
            suggestions += document.suggestionCount
            recorded.append((document, stored))
            all.insert(id)
          }
          try run.record(blocks: recorded)
          // The documents' words, so that a rule edit after the merge need not read them all.
          let words = try store.wordForms(of: batch)
          try run.record(
            [], words: batch.compactMap { id in words[id].map { (id, $0) } },
            files: batch.compactMap { id in identities[id].map { (id, $0) } })
        }
      }
      try run.finish(
        documents: all, recoded: 0, codings: codings, suggestions: suggestions, mode: "merged", files: files)
    } catch {
      run.discard()
      throw error
    }
    return AtomicFile.StagedFile(temporary: run.temporary, target: target)
  }
}
