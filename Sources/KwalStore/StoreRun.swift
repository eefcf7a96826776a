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
  ///
  /// `moved` are documents kept from an earlier run whose rows now lie elsewhere in the files.
  public func record(
    _ documents: [(document: StoredDocument, codings: [StoredCoding])], moved: [(id: String, rows: DocumentRows)] = []
  ) throws(StoreError) {
    try store.write { db in
      for (document, codings) in documents {
        try document.save(db)
        try Self.replaceCodings(of: document.id, with: codings, run: runID, in: db)
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

  static let insertCoding = """
    INSERT INTO coding (document, start, "end", code, coder, layer, case_name, unit, rule, matched, text, speaker,
      role, cue_probability, from_run) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    """

  static func insert(_ coding: StoredCoding, run: Int64, in db: Database) throws {
    try db.cachedStatement(sql: insertCoding).execute(arguments: [
      coding.document, coding.start, coding.end, coding.code, coding.coder, coding.layer, coding.caseName, coding.unit,
      coding.rule, coding.matched, coding.text, coding.speaker, coding.role, coding.cueProbability, run,
    ])
  }

  /// Rows per multi-row insert.
  static let batch = 32
  static let insertBatch =
    insertCoding.components(separatedBy: " VALUES ")[0] + " VALUES "
    + Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: batch).joined(separator: ", ")

  /// Inserts codings, `batch` rows per statement.
  static func insertAll(_ codings: [StoredCoding], run: Int64, in db: Database) throws {
    var start = 0
    if codings.count >= batch {
      let statement = try db.cachedStatement(sql: insertBatch)
      var values: [(any DatabaseValueConvertible)?] = []
      values.reserveCapacity(batch * 15)
      while start + batch <= codings.count {
        values.removeAll(keepingCapacity: true)
        for coding in codings[start..<(start + batch)] {
          values += [
            coding.document, coding.start, coding.end, coding.code, coding.coder, coding.layer, coding.caseName,
            coding.unit, coding.rule, coding.matched, coding.text, coding.speaker, coding.role, coding.cueProbability,
            run,
          ]
        }
        try statement.execute(arguments: StatementArguments(values))
        start += batch
      }
    }
    for coding in codings[start...] { try insert(coding, run: run, in: db) }
  }

  static func replaceCodings(of document: String, with codings: [StoredCoding], run: Int64, in db: Database) throws {
    let alive = try Row.fetchAll(
      db.cachedStatement(
        sql: """
          SELECT id, start, "end", code, coder, rule, layer, case_name, unit, matched, text, speaker, role, cue_probability
          FROM coding WHERE document = ? AND to_run IS NULL
          """), arguments: [document])
    guard !alive.isEmpty else {
      try insertAll(codings, run: run, in: db)
      return
    }
    var waiting: [StoredCoding.Identity: [Row]] = [:]
    for row in alive {
      let identity = StoredCoding.Identity(
        document: document, start: row["start"], end: row["end"], code: row["code"], coder: row["coder"],
        rule: row["rule"])
      waiting[identity, default: []].append(row)
    }
    for coding in codings {
      guard let known = waiting[coding.identity]?.popLast() else {
        try insert(coding, run: run, in: db)
        continue
      }
      // The same coding: details that may change without making it another coding are updated.
      let same =
        known["layer"] == coding.layer && known["case_name"] == coding.caseName && known["unit"] == coding.unit
        && known["matched"] == coding.matched && known["text"] == coding.text
        && known["speaker"] == coding.speaker && known["role"] == coding.role
        && known["cue_probability"] == coding.cueProbability
      if !same {
        try db.cachedStatement(
          sql: """
            UPDATE coding SET layer = ?, case_name = ?, unit = ?, matched = ?, text = ?, speaker = ?, role = ?,
              cue_probability = ? WHERE id = ?
            """
        ).execute(arguments: [
          coding.layer, coding.caseName, coding.unit, coding.matched, coding.text, coding.speaker, coding.role,
          coding.cueProbability, known["id"] as Int64,
        ])
      }
    }
    let close = try db.cachedStatement(sql: "UPDATE coding SET to_run = ? WHERE id = ?")
    for (_, gone) in waiting {
      for row in gone { try close.execute(arguments: [run, row["id"] as Int64]) }
    }
  }

  /// Ends the run: documents not among `documents` (removed from the corpus, or unreadable now)
  /// leave the store and their codings are closed; the run's counts are written and the store
  /// closed, ready to be renamed over `kwal.sqlite`.
  ///
  /// `files` are the identities of the CSV files the run wrote, by name (see ``StoredRun/files``).
  public func finish(
    documents: Set<String>, recoded: Int, codings: Int, suggestions: Int, mode: String? = nil,
    files: [String: String] = [:]
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
      let json =
        "{" + files.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\"\($0.value)\"" }.joined(separator: ",") + "}"
      try db.execute(sql: "UPDATE run SET files = ? WHERE id = ?", arguments: [json, runID])
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
