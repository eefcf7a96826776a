public import Foundation
internal import GRDB
public import KwalModel

/// One run recorded into a copy of a folder's store: the copy is made at the start, changed as
/// documents are written, and renamed over `kwal.sqlite` together with the CSV files, so the
/// store and the CSV files always belong to one run and a killed run leaves the old pair intact.
public final class StoreRun: @unchecked Sendable {
  // Used from one thread at a time: the caller's, then the write queue's (which the caller orders).
  /// The copy being written (a temporary file beside the store).
  public let temporary: URL
  /// The run's number.
  public let runID: Int64
  private let store: ProjectStore
  private let started: Date
  private var closed = false

  /// Starts a run in a copy of the store at `target` (a new store when there is none), written
  /// at `temporary`: registers the codebook version and the run.
  ///
  /// `upgrade` gives the codings of a folder written before the store existed: they become run
  /// 1 (`upgraded`), so the first run with a store can be compared with what was there.
  public init(
    target: URL, temporary: URL, codebook: StoredCodebook, run: StoredRun,
    upgrade: (() throws -> [StoredCoding])? = nil
  ) throws {
    self.temporary = temporary
    started = Date()
    try? FileManager.default.removeItem(at: temporary)
    if FileManager.default.fileExists(atPath: target.path) {
      do {
        try FileManager.default.copyItem(at: target, to: temporary)
      } catch {
        throw StoreError(
          .io, "cannot copy the project store (\(error.localizedDescription))", at: SourceLocation(file: target.path))
      }
    }
    store = try ProjectStore(at: temporary)
    var run = run
    let upgrading = FileManager.default.fileExists(atPath: target.path) ? nil : upgrade
    let previous = try upgrading.map { try $0() }
    if let previous { try store.recordUpgrade(previous, started: run.started, kwalVersion: run.kwalVersion) }
    runID = try store.write { db in
      run.codebookID = try Self.codebookID(codebook, in: db)
      try run.insert(db)
      return run.id ?? 0
    }
  }

  static func codebookID(_ codebook: StoredCodebook, in db: Database) throws -> Int64? {
    if let known = try StoredCodebook.filter(Column("hash") == codebook.hash).fetchOne(db) { return known.id }
    var codebook = codebook
    try codebook.insert(db)
    return codebook.id
  }

  /// The store being written (for reading what an earlier run left: reusable documents).
  public var current: ProjectStore { store }

  /// Records documents coded in this run: their rows, and their codings against the codings the
  /// store holds for them (a coding that stayed keeps its first run; one that went is closed).
  public func record(_ documents: [(document: StoredDocument, codings: [StoredCoding])]) throws(StoreError) {
    try store.write { db in
      for (document, codings) in documents {
        try document.save(db)
        try Self.replaceCodings(of: document.id, with: codings, run: runID, in: db)
      }
    }
  }

  static func replaceCodings(of document: String, with codings: [StoredCoding], run: Int64, in db: Database) throws {
    let alive = try StoredCoding.filter(Column("document") == document && Column("to_run") == nil).fetchAll(db)
    var waiting: [StoredCoding.Identity: [StoredCoding]] = [:]
    for coding in alive { waiting[coding.identity, default: []].append(coding) }
    for var coding in codings {
      if var known = waiting[coding.identity]?.popLast() {
        // The same coding: details that may change without making it another coding are updated.
        if known.matched != coding.matched || known.text != coding.text || known.cueProbability != coding.cueProbability
          || known.speaker != coding.speaker || known.role != coding.role || known.unit != coding.unit
          || known.caseName != coding.caseName || known.layer != coding.layer
        {
          known.matched = coding.matched
          known.text = coding.text
          known.cueProbability = coding.cueProbability
          known.speaker = coding.speaker
          known.role = coding.role
          known.unit = coding.unit
          known.caseName = coding.caseName
          known.layer = coding.layer
          try known.update(db)
        }
        continue
      }
      coding.fromRun = run
      coding.toRun = nil
      try coding.insert(db)
    }
    for (_, gone) in waiting {
      for var coding in gone {
        coding.toRun = run
        try coding.update(db)
      }
    }
  }

  /// Ends the run: documents not among `documents` (removed from the corpus, or unreadable now)
  /// leave the store and their codings are closed; the run's counts are written and the store
  /// closed, ready to be renamed over `kwal.sqlite`.
  public func finish(
    documents: Set<String>, recoded: Int, codings: Int, suggestions: Int, mode: String? = nil
  ) throws(StoreError) {
    let duration = Date().timeIntervalSince(started)
    try store.write { db in
      let known = try String.fetchAll(db, sql: "SELECT id FROM document")
      for id in known where !documents.contains(id) {
        try Self.replaceCodings(of: id, with: [], run: runID, in: db)
        _ = try StoredDocument.deleteOne(db, key: id)
      }
      // Codings of documents the store never held rows for (an upgraded folder's) close too.
      let orphans = try String.fetchAll(db, sql: "SELECT DISTINCT document FROM coding WHERE to_run IS NULL")
      for id in orphans where !documents.contains(id) {
        try Self.replaceCodings(of: id, with: [], run: runID, in: db)
      }
      try db.execute(
        sql: "UPDATE run SET documents = ?, recoded = ?, codings = ?, suggestions = ?, duration = ? WHERE id = ?",
        arguments: [documents.count, recoded, codings, suggestions, duration, runID])
      if let mode { try db.execute(sql: "UPDATE run SET mode = ? WHERE id = ?", arguments: [mode, runID]) }
    }
    close()
  }

  /// Closes the database (the temporary file stays for the caller to rename or discard).
  public func close() {
    guard !closed else { return }
    closed = true
    try? store.database.close()
  }

  /// Closes and removes the temporary copy.
  public func discard() {
    close()
    try? FileManager.default.removeItem(at: temporary)
    for suffix in ["-journal", "-wal", "-shm"] {
      try? FileManager.default.removeItem(atPath: temporary.path + suffix)
    }
  }
}
