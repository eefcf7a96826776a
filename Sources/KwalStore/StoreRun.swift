public import Foundation
internal import GRDB
public import KwalModel

/// One run recorded into a folder's store so that the store and the CSV files always belong to
/// one run, and a killed run leaves the old pair intact.
///
/// Two ways: a copy of the store, made at the start, changed as documents are written and
/// renamed over `kwal.sqlite` together with the CSV files (a new store, a full run); or the store
/// itself, changed in one transaction that commits between writing the commit journal and
/// renaming the CSV files (an incremental run: only the pages that change are written, where a
/// copy writes the whole store).
public final class StoreRun: @unchecked Sendable {
  // Used from one thread at a time: the caller's, then the write queue's (which the caller orders).
  /// The copy being written (a temporary file beside the store), or the store itself when the
  /// run writes in place.
  public let temporary: URL
  /// Whether the run writes the store in place (``commit()`` ends it).
  public let inPlace: Bool
  /// The run's number.
  public let runID: Int64
  /// When the run started, as the store records it.
  public let runStarted: String
  private let store: ProjectStore
  private let started: Date
  private var closed = false

  /// Starts a run in a copy of the store at `target` (a new store when there is none), written
  /// at `temporary`, or with `inPlace` in the store itself when there is one: registers the
  /// codebook version and the run.
  ///
  /// `upgrade` gives the codings of a folder written before the store existed: they become run
  /// 1 (`upgraded`), so the first run with a store can be compared with what was there.
  /// `copy` makes the copy (Foundation's unless the caller has a cheaper one).
  public init(
    target: URL, temporary: URL, inPlace: Bool = false, codebook: StoredCodebook, run: StoredRun,
    upgrade: (() throws -> Upgrade)? = nil, copy: (URL, URL) throws -> Void = ProjectStore.foundationCopy
  ) throws {
    started = Date()
    let exists = FileManager.default.fileExists(atPath: target.path)
    self.inPlace = inPlace && exists
    if self.inPlace {
      self.temporary = target
      store = try ProjectStore(at: target, longTransaction: true)
      // A rollback journal (the transaction's commit point is its removal), synced, and room for
      // the changed pages, so that readers are kept out only while the run commits.
      do {
        try store.database.writeWithoutTransaction { db in
          try db.execute(sql: "PRAGMA journal_mode = DELETE")
          try db.execute(sql: "PRAGMA synchronous = FULL")
          try db.execute(sql: "PRAGMA cache_size = -65536")
          try db.execute(sql: "BEGIN IMMEDIATE")
        }
      } catch {
        store.close()
        throw StoreError(
          .busy, "cannot start writing the project store (\(ProjectStore.reason(error)))",
          at: SourceLocation(file: target.path))
      }
    } else {
      self.temporary = temporary
      try? FileManager.default.removeItem(at: temporary)
      if exists {
        // A transaction that a killed run left unfinished is rolled back before the copy: a copy
        // without its journal would keep half of it.
        if FileManager.default.fileExists(atPath: target.path + "-journal") {
          _ = ProjectStore.lastCommittedRun(at: target)
          guard !FileManager.default.fileExists(atPath: target.path + "-journal") else {
            throw StoreError(
              .io,
              "the project store has an unfinished transaction of a killed run that cannot be rolled back now (is the folder read-only, or the store in use?)",
              at: SourceLocation(file: target.path))
          }
        }
        do {
          try copy(target, temporary)
        } catch {
          throw StoreError(
            .io, "cannot copy the project store (\(error.localizedDescription))", at: SourceLocation(file: target.path))
        }
      }
      store = try ProjectStore(at: temporary)
      // The copy is renamed over the store only when complete: a rollback journal and syncs to
      // disk would protect nothing the rename does not.
      do {
        try store.database.writeWithoutTransaction { db in
          try db.execute(sql: "PRAGMA journal_mode = OFF")
          try db.execute(sql: "PRAGMA synchronous = OFF")
        }
      } catch {
        throw StoreError(
          .io, "cannot prepare the project store (\(ProjectStore.reason(error)))",
          at: SourceLocation(file: temporary.path))
      }
    }
    var run = run
    runStarted = run.started
    let upgrading = exists ? nil : upgrade
    let previous = try upgrading.map { try $0() }
    if let previous {
      try store.recordUpgrade(
        previous.blocks, documents: previous.documents, codings: previous.codings, suggestions: previous.suggestions,
        started: run.started, kwalVersion: run.kwalVersion)
    }
    runID = try store.write { db in
      run.codebookID = try Self.codebookID(codebook, in: db)
      try run.insert(db)
      return run.id ?? 0
    }
  }

  /// Keeps the cached form of the learned cues whose file has this SHA-256, in place of any
  /// other (see ``ProjectStore/cachedCues(inStoreAt:sha256:)``).
  /// `identity` is the file's (empty when it was written moments ago: then it is hashed next
  /// time). Without `data`, only the identity of the cues already kept is recorded.
  public func keepCues(sha256: String, data: [UInt8]?, identity: String) throws(StoreError) {
    try store.write { db in
      if let data {
        try db.execute(sql: "DELETE FROM cues_cache")
        try db.execute(
          sql: "INSERT INTO cues_cache (sha256, data, identity) VALUES (?, ?, ?)",
          arguments: [sha256, Data(data), identity])
      } else {
        try db.execute(sql: "UPDATE cues_cache SET identity = ? WHERE sha256 = ?", arguments: [identity, sha256])
      }
    }
  }

  /// A document kept from an earlier run without being read again, its rows rewritten for this
  /// run's codebook (see ``record(_:moved:words:kept:)``).
  public struct KeptDocument: Sendable {
    public var id: String
    public var codebookHash: String
    public var kwalVersion: String
    public var rows: DocumentRows
    /// Rule codings per code, as JSON and in binary (``KwalModel/CodeCountsForm``), and the
    /// number of suggestions.
    public var codeCounts: String
    public var codeCountsBinary: Data?
    public var suggestionCount: Int
    /// Its rows of `codings.csv` and `suggestions.csv`.
    public var codings: Data
    public var suggestions: Data

    public init(
      id: String, codebookHash: String, kwalVersion: String, rows: DocumentRows, codeCounts: String,
      suggestionCount: Int, codings: Data, suggestions: Data, codeCountsBinary: Data? = nil
    ) {
      self.codeCountsBinary = codeCountsBinary
      self.id = id
      self.codebookHash = codebookHash
      self.kwalVersion = kwalVersion
      self.rows = rows
      self.codeCounts = codeCounts
      self.suggestionCount = suggestionCount
      self.codings = codings
      self.suggestions = suggestions
    }
  }

  /// The codings of a folder written before the store existed, per document and layer.
  public struct Upgrade: Sendable {
    public var blocks: [StoredCodingBlock]
    public var documents: Int
    public var codings: Int
    public var suggestions: Int

    public init(blocks: [StoredCodingBlock], documents: Int, codings: Int, suggestions: Int) {
      self.blocks = blocks
      self.documents = documents
      self.codings = codings
      self.suggestions = suggestions
    }
  }

  static func codebookID(_ codebook: StoredCodebook, in db: Database) throws -> Int64? {
    if var known = try StoredCodebook.filter(Column("hash") == codebook.hash).fetchOne(db) {
      // Stored by a Kwal that did not record the codes' fingerprints: they are added.
      if known.codeHashes == "{}" && codebook.codeHashes != "{}"
        || known.ruleFreeHashes == "{}" && codebook.ruleFreeHashes != "{}"
        || known.ruleHashes == "{}" && codebook.ruleHashes != "{}"
      {
        known.codeHashes = codebook.codeHashes
        known.ruleFreeHashes = codebook.ruleFreeHashes
        known.ruleHashes = codebook.ruleHashes
        try known.update(db)
      }
      return known.id
    }
    var codebook = codebook
    try codebook.insert(db)
    return codebook.id
  }

  /// The store being written (for reading what an earlier run left: reusable documents).
  public var current: ProjectStore { store }

  /// Records documents coded in this run: their record, and their rows of `codings.csv` and
  /// `suggestions.csv` against the blocks the store holds for them (rows that stayed keep their
  /// block and its first run; rows that changed close it and start a new one).
  ///
  /// `moved` are documents kept from an earlier run whose rows now lie elsewhere in the files.
  /// `words` are the distinct words of documents coded in this run (see
  /// ``ProjectStore/wordForms(of:)``). `kept` are documents that were not read again, whose
  /// rows were rewritten for this run's codebook. `files` are the identities of the documents'
  /// files as this run found them (see ``ProjectStore/fileIdentities()``; empty: forget it).
  /// Callers pass only places and identities that changed: an unchanged run writes no row.
  public func record(
    _ documents: [(document: StoredDocument, codings: Data, suggestions: Data)],
    moved: [(id: String, rows: DocumentRows)] = [], words: [(id: String, forms: Data)] = [],
    kept: [KeptDocument] = [], files: [(id: String, identity: String)] = []
  ) throws(StoreError) {
    try store.write { db in
      for (document, codings, suggestions) in documents {
        try document.upsert(db)
        try Self.replaceBlocks(of: document.id, with: ["rule": codings, "suggestion": suggestions], run: runID, in: db)
      }
      let keptUpdate = try db.cachedStatement(
        sql: """
          UPDATE document SET codebook_hash = ?, kwal_version = ?, codings_offset = ?, codings_length = ?,
            units_offset = ?, units_length = ?, suggestions_offset = ?, suggestions_length = ?, code_counts = ?,
            counts_bin = ?, suggestion_count = ? WHERE id = ?
          """)
      for document in kept {
        let rows = document.rows
        try keptUpdate.execute(arguments: [
          document.codebookHash, document.kwalVersion, rows.codings.lowerBound, rows.codings.count,
          rows.units.lowerBound, rows.units.count, rows.suggestions.lowerBound, rows.suggestions.count,
          document.codeCounts, document.codeCountsBinary, document.suggestionCount, document.id,
        ])
        try Self.replaceBlocks(
          of: document.id, with: ["rule": document.codings, "suggestion": document.suggestions], run: runID, in: db)
      }
      let wordsUpsert = try db.cachedStatement(
        sql: "INSERT OR REPLACE INTO document_words (document, forms) VALUES (?, ?)")
      for (id, forms) in words { try wordsUpsert.execute(arguments: [id, forms]) }
      // An empty identity (a file changed moments before it was read) is not kept: the file is
      // read and hashed next time.
      let fileUpsert = try db.cachedStatement(
        sql: "INSERT OR REPLACE INTO document_file (document, identity) VALUES (?, ?)")
      let fileDelete = try db.cachedStatement(sql: "DELETE FROM document_file WHERE document = ?")
      for (id, identity) in files {
        if identity.isEmpty {
          try fileDelete.execute(arguments: [id])
        } else {
          try fileUpsert.execute(arguments: [id, identity])
        }
      }
      let update = try db.cachedStatement(
        sql: """
          UPDATE document SET codings_offset = ?, codings_length = ?, units_offset = ?, units_length = ?,
            suggestions_offset = ?, suggestions_length = ? WHERE id = ?
          """)
      for (id, rows) in moved {
        try update.execute(arguments: [
          rows.codings.lowerBound, rows.codings.count, rows.units.lowerBound, rows.units.count,
          rows.suggestions.lowerBound, rows.suggestions.count, id,
        ])
      }
    }
  }

  /// Records blocks as they are (a merge takes the shards' blocks), against the store's.
  public func record(blocks documents: [(document: StoredDocument, blocks: [StoredCodingBlock])]) throws(StoreError) {
    try store.write { db in
      for (document, blocks) in documents {
        try document.upsert(db)
        var rows: [String: Data] = ["rule": Data(), "suggestion": Data()]
        for block in blocks { rows[block.layer] = block.rows }
        try Self.replaceBlocks(of: document.id, with: rows, run: runID, in: db)
      }
    }
  }

  /// Keeps, closes or starts each layer's block of `document` (empty rows: no block).
  static func replaceBlocks(of document: String, with rows: [String: Data], run: Int64, in db: Database) throws {
    let alive = try Row.fetchAll(
      db.cachedStatement(sql: "SELECT id, layer, rows FROM coding_block WHERE document = ? AND to_run IS NULL"),
      arguments: [document])
    var current: [String: (id: Int64, rows: Data)] = [:]
    for row in alive { current[row["layer"]] = (row["id"], row["rows"]) }
    for (layer, data) in rows.sorted(by: { $0.key < $1.key }) {
      if let known = current[layer] {
        if known.rows == data { continue }
        try db.cachedStatement(sql: "UPDATE coding_block SET to_run = ? WHERE id = ?").execute(arguments: [
          run, known.id,
        ])
      }
      guard !data.isEmpty else { continue }
      try db.cachedStatement(
        sql: "INSERT INTO coding_block (document, layer, rows, from_run) VALUES (?, ?, ?, ?)"
      ).execute(arguments: [document, layer, data, run])
    }
  }

  /// Ends the run: documents not among `documents` (removed from the corpus, or unreadable now)
  /// leave the store and their codings are closed; the run's counts are written and a copy
  /// closed, ready to be renamed over `kwal.sqlite` (a store written in place waits for
  /// ``commit()``).
  ///
  /// `files` are the identities of the CSV files the run wrote, by name (see ``StoredRun/files``).
  public func finish(
    documents: Set<String>, recoded: Int, codings: Int, suggestions: Int, mode: String? = nil,
    files: [String: String] = [:]
  ) throws(StoreError) {
    let duration = Date().timeIntervalSince(started)
    try store.write { db in
      let known = try String.fetchAll(db, sql: "SELECT id FROM document")
      let none: [String: Data] = ["rule": Data(), "suggestion": Data()]
      for id in known where !documents.contains(id) {
        try Self.replaceBlocks(of: id, with: none, run: runID, in: db)
        _ = try StoredDocument.deleteOne(db, key: id)
        try db.execute(sql: "DELETE FROM document_text WHERE id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM document_words WHERE document = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM document_file WHERE document = ?", arguments: [id])
      }
      // Codings of documents the store never held rows for (an upgraded folder's) close too.
      let orphans = try String.fetchAll(db, sql: "SELECT DISTINCT document FROM coding_block WHERE to_run IS NULL")
      for id in orphans where !documents.contains(id) {
        try Self.replaceBlocks(of: id, with: none, run: runID, in: db)
      }
      try db.execute(
        sql: "UPDATE run SET documents = ?, recoded = ?, codings = ?, suggestions = ?, duration = ? WHERE id = ?",
        arguments: [documents.count, recoded, codings, suggestions, duration, runID])
      if let mode { try db.execute(sql: "UPDATE run SET mode = ? WHERE id = ?", arguments: [mode, runID]) }
      let json =
        "{" + files.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\"\($0.value)\"" }.joined(separator: ",") + "}"
      try db.execute(sql: "UPDATE run SET files = ? WHERE id = ?", arguments: [json, runID])
    }
    // In place, the transaction stays open until ``commit()``.
    if !inPlace { close() }
  }

  /// Commits a run written in place (``finish(documents:recoded:codings:suggestions:mode:files:)``
  /// first) and closes the store; for a copy, closes it (the caller renames the copy).
  public func commit() throws(StoreError) {
    if inPlace && !closed {
      do {
        try store.database.writeWithoutTransaction { db in try db.execute(sql: "COMMIT") }
      } catch {
        throw StoreError(
          .io, "cannot commit the project store (\(ProjectStore.reason(error)))",
          at: SourceLocation(file: temporary.path))
      }
    }
    close()
  }

  /// Closes the database (a copy stays for the caller to rename or discard; a transaction in
  /// place that was not committed is rolled back).
  public func close() {
    guard !closed else { return }
    closed = true
    if inPlace {
      try? store.database.writeWithoutTransaction { db in
        if db.isInsideTransaction { try db.execute(sql: "ROLLBACK") }
      }
    }
    try? store.database.close()
  }

  /// Closes and removes the temporary copy (rolls back a run written in place).
  public func discard() {
    close()
    guard !inPlace else { return }
    try? FileManager.default.removeItem(at: temporary)
    for suffix in ["-journal", "-wal", "-shm"] {
      try? FileManager.default.removeItem(atPath: temporary.path + suffix)
    }
  }
}
