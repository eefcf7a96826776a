public import Foundation
public import GRDB
public import KwalModel

/// The error of the store: a store that cannot be opened, read or written, or a folder in use.
public struct StoreError: KwalFailure, Equatable {
  public var kind: FailureKind
  public var location: SourceLocation?
  public var message: String

  /// Creates an error.
  public init(_ kind: FailureKind, _ message: String, at location: SourceLocation? = nil) {
    self.kind = kind
    self.message = message
    self.location = location
  }
}

/// The project store of an output folder, `kwal.sqlite`: the documents and rows of the last
/// run, every codebook version and run, the codings of every run, and the memos.
///
/// One record type per table (``StoredCodebook``, ``StoredRun``, ``StoredDocument``,
/// ``StoredCodingBlock``, ``StoredReview``, ``StoredMemo``); the schema grows by migrations. A store made by a newer
/// Kwal (a migration this one does not know) is refused rather than changed.
public final class ProjectStore {
  /// The store's file name in an output folder.
  public static let fileName = "kwal.sqlite"

  /// The database.
  public let database: DatabaseQueue
  /// The file.
  public let url: URL

  /// Opens (and creates or migrates) the store at `url`.
  ///
  /// With `longTransaction`, one transaction may span several calls (``StoreRun`` written in
  /// place): ``write(_:)`` then nests in it as a savepoint.
  public init(at url: URL, longTransaction: Bool = false) throws(StoreError) {
    self.url = url
    let location = SourceLocation(file: url.path)
    do {
      var configuration = Configuration()
      configuration.foreignKeysEnabled = true
      configuration.busyMode = .timeout(5)
      configuration.allowsUnsafeTransactions = longTransaction
      database = try DatabaseQueue(path: url.path, configuration: configuration)
    } catch {
      throw StoreError(.badData, "cannot open the project store (\(Self.reason(error)))", at: location)
    }
    let migrator = Self.migrator
    do {
      let superseded = try database.read { try migrator.hasBeenSuperseded($0) }
      if superseded {
        throw StoreError(
          .badData,
          "this project store was written by a newer Kwal (it has changes this Kwal does not know): use that Kwal, or code into a new folder",
          at: location)
      }
      let textApart = try database.read { try migrator.appliedIdentifiers($0).contains("v7-text-apart") }
      try migrator.migrate(database)
      // `v7-text-apart` leaves the pages of the table as it was free: given back once.
      if !textApart { try database.vacuum() }
    } catch let error as StoreError {
      throw error
    } catch {
      throw StoreError(.badData, "not a readable Kwal project store (\(Self.reason(error)))", at: location)
    }
  }

  /// The store's migrations, in order; the names are part of the file format.
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.create(table: "codebook") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("hash", .text).notNull().unique()
        table.column("name", .text).notNull()
        table.column("version", .text).notNull()
        table.column("yaml_sha256", .text).notNull()
        table.column("cues_sha256", .text).notNull()
        table.column("tree", .text).notNull()
      }
      try db.create(table: "run") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("started", .text).notNull()
        table.column("mode", .text).notNull()
        table.column("kwal_version", .text).notNull()
        table.column("codebook_id", .integer).references("codebook")
        table.column("command", .text).notNull()
        table.column("options", .text).notNull()
        table.column("documents", .integer).notNull()
        table.column("recoded", .integer).notNull()
        table.column("codings", .integer).notNull()
        table.column("suggestions", .integer).notNull()
        table.column("duration", .double).notNull()
        // The identities (size, time, inode) of the CSV files the run wrote, as JSON: rows are
        // reused only from files that are still as written.
        table.column("files", .text).notNull().defaults(to: "{}")
      }
      try db.create(table: "document") { table in
        table.primaryKey("id", .text)
        table.column("input_hash", .text).notNull()
        table.column("kind", .text).notNull()
        table.column("case_name", .text).notNull()
        table.column("record", .text).notNull()
        table.column("text", .text).notNull()
        table.column("codebook_hash", .text).notNull()
        table.column("kwal_version", .text).notNull()
        // Where the document's rows lie in the run's codings.csv, units.csv and suggestions.csv
        // (byte offset and length): what an incremental run copies instead of coding again.
        for file in ["codings", "units", "suggestions"] {
          table.column("\(file)_offset", .integer).notNull()
          table.column("\(file)_length", .integer).notNull()
        }
        table.column("code_counts", .text).notNull()
        table.column("suggestion_count", .integer).notNull()
        table.column("diagnostics", .text).notNull()
      }
      try db.create(table: "coding_block") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("document", .text).notNull()
        table.column("layer", .text).notNull()
        table.column("rows", .blob).notNull()
        table.column("from_run", .integer).notNull().references("run")
        table.column("to_run", .integer).references("run")
      }
      try db.create(index: "coding_block_by_document", on: "coding_block", columns: ["document", "to_run"])
      try db.create(table: "review") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("layer", .text).notNull()
        table.column("document", .text).notNull()
        table.column("start", .integer).notNull()
        table.column("end", .integer).notNull()
        table.column("code", .text).notNull()
        table.column("decision", .text).notNull()
        table.column("reviewer", .text).notNull()
        table.column("created", .text).notNull()
        table.column("note", .text).notNull()
      }
      try db.create(table: "memo") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("memo", .text).notNull()
        table.column("target", .text).notNull()
        table.column("document", .text).notNull()
        table.column("start", .integer)
        table.column("end", .integer)
        table.column("code", .text).notNull()
        table.column("author", .text).notNull()
        table.column("created", .text).notNull()
        table.column("title", .text).notNull()
        table.column("text", .text).notNull()
      }
    }
    // Each code's fingerprint per codebook version, so that an incremental run after a codebook
    // edit codes again only the codes whose fingerprint changed.
    migrator.registerMigration("v2-code-hashes") { db in
      try db.alter(table: "codebook") { table in
        table.add(column: "code_hashes", .text).notNull().defaults(to: "{}")
      }
    }
    // After an edit of a code's rules, a document in which the code cannot fire keeps its rows
    // without being read: each code's fingerprint without its rules, and each document's
    // distinct words.
    migrator.registerMigration("v3-word-forms") { db in
      try db.alter(table: "codebook") { table in
        table.add(column: "rule_free_hashes", .text).notNull().defaults(to: "{}")
      }
      try db.create(table: "document_words") { table in
        table.primaryKey("document", .text)
        table.column("forms", .blob).notNull()
      }
      // What a document's file was when it was last read (device, inode, size, change times and
      // its manifest settings): a file that is still so need not be read and hashed again.
      try db.create(table: "document_file") { table in
        table.primaryKey("document", .text)
        table.column("identity", .text).notNull()
      }
    }
    // The UTF-8 length of each text (-1: stored before; then it is measured), so that a run that
    // reuses documents does not read their texts to learn it.
    migrator.registerMigration("v4-text-bytes") { db in
      try db.alter(table: "document") { table in
        table.add(column: "text_bytes", .integer).notNull().defaults(to: -1)
      }
    }
    // The learned cues as last decoded, by the SHA-256 of their file (one row: the latest), so
    // that a run does not decode the same JSON again (``cachedCues(inStoreAt:sha256:)``).
    migrator.registerMigration("v5-cues-cache") { db in
      try db.create(table: "cues_cache") { table in
        table.primaryKey("sha256", .text)
        table.column("data", .blob).notNull()
      }
    }
    // Each document's record also in its binary form, read back fast by a run that reuses the
    // document (``KwalModel/DocumentRecord/binaryForm()``); rows stored before get it here.
    migrator.registerMigration("v6-record-binary") { db in
      try addBinaryColumn("record_bin", from: "record", in: db) { json in
        (try? JSONDecoder().decode(DocumentRecord.self, from: json)).map { $0.binaryForm() }
      }
    }
    // The texts in a table of their own: SQLite keeps a long value on overflow pages and reads
    // a row's columns in order, so every column after the text (the rows' places, the record's
    // binary form) cost a walk through the text's pages, and any changed column (a document's
    // rows moved by an edit before it) wrote the whole text again.
    migrator.registerMigration("v7-text-apart") { db in
      try db.create(table: "document_text") { table in
        table.primaryKey("id", .text)
        table.column("text", .text).notNull()
      }
      try db.execute(sql: "INSERT INTO document_text (id, text) SELECT id, text FROM document")
      try db.execute(sql: "UPDATE document SET text_bytes = length(CAST(text AS BLOB)) WHERE text_bytes = -1")
      try db.execute(sql: "ALTER TABLE document DROP COLUMN text")
    }
    // The identity of the cues file the cached cues were read from (``cachedCues(inStoreAt:identity:)``):
    // a file still so is neither read nor hashed again.
    migrator.registerMigration("v8-cues-identity") { db in
      try db.alter(table: "cues_cache") { table in
        table.add(column: "identity", .text).notNull().defaults(to: "")
      }
    }
    // Each document's code counts also in their binary form (``KwalModel/CodeCountsForm``),
    // read back fast by a run that reuses the document; rows stored before get it here.
    migrator.registerMigration("v9-counts-binary") { db in
      try addBinaryColumn("counts_bin", from: "code_counts", in: db) { json in
        (try? JSONDecoder().decode([String: Int].self, from: json)).map(CodeCountsForm.encode)
      }
    }
    // Each code's rules' fingerprints, so that after an edit of some of a code's rules a
    // document is read again only when an edited rule can fire in it.
    migrator.registerMigration("v10-rule-hashes") { db in
      try db.alter(table: "codebook") { table in
        table.add(column: "rule_hashes", .text).notNull().defaults(to: "{}")
      }
    }
    return migrator
  }

  /// Adds the binary column `column` to table `document` and fills it in each row from the JSON
  /// column `json` by `form` (nil, for JSON that is not what it should be: left empty, and the
  /// JSON read instead).
  private static func addBinaryColumn(
    _ column: String, from json: String, in db: Database, form: (Data) -> [UInt8]?
  ) throws {
    try db.alter(table: "document") { table in table.add(column: column, .blob) }
    let rows = try Row.fetchCursor(db, sql: "SELECT id, \(json) FROM document")
    var forms: [(String, Data)] = []
    while let row = try rows.next() {
      let text: String = row[1]
      if let bytes = form(Data(text.utf8)) { forms.append((row[0], Data(bytes))) }
    }
    let update = try db.makeStatement(sql: "UPDATE document SET \(column) = ? WHERE id = ?")
    for (id, bytes) in forms { try update.execute(arguments: [bytes, id]) }
  }

  /// The cached form of the learned cues whose file has this SHA-256, from the store at `url`
  /// (opened to read only, as it is), or nil: no store, none cached, or not readable.
  public static func cachedCues(inStoreAt url: URL, sha256: String) -> [UInt8]? {
    guard FileManager.default.fileExists(atPath: url.path) else { return nil }
    var configuration = Configuration()
    configuration.readonly = true
    guard let database = try? DatabaseQueue(path: url.path, configuration: configuration) else { return nil }
    return try? database.read { db -> [UInt8]? in
      guard try db.tableExists("cues_cache") else { return nil }
      let data = try Data.fetchOne(db, sql: "SELECT data FROM cues_cache WHERE sha256 = ?", arguments: [sha256])
      return data.map { [UInt8]($0) }
    }
  }

  /// The SHA-256 and cached form of the learned cues last read from a file with this identity
  /// (its device, inode, size and times: see `FileIdentity`), from the store at `url`, or nil.
  public static func cachedCues(inStoreAt url: URL, identity: String) -> (sha256: String, data: [UInt8])? {
    guard !identity.isEmpty, FileManager.default.fileExists(atPath: url.path) else { return nil }
    var configuration = Configuration()
    configuration.readonly = true
    guard let database = try? DatabaseQueue(path: url.path, configuration: configuration) else { return nil }
    return try? database.read { db -> (sha256: String, data: [UInt8])? in
      guard try db.columns(in: "cues_cache").contains(where: { $0.name == "identity" }),
        let row = try Row.fetchOne(
          db, sql: "SELECT sha256, data FROM cues_cache WHERE identity = ?", arguments: [identity])
      else { return nil }
      let data: Data = row[1]
      return (row[0], [UInt8](data))
    }
  }

  /// A short reason for a database error, without SQL.
  static func reason(_ error: any Error) -> String {
    if let error = error as? DatabaseError {
      switch error.resultCode {
      case .SQLITE_FULL: return "the disk is full"
      case .SQLITE_BUSY, .SQLITE_LOCKED: return "the store is locked by another process"
      case .SQLITE_CORRUPT, .SQLITE_NOTADB: return "the file is damaged or not a SQLite database"
      case .SQLITE_READONLY: return "the store is read-only"
      case .SQLITE_CANTOPEN: return "the file cannot be opened"
      default: return error.message ?? "SQLite error \(error.resultCode.rawValue)"
      }
    }
    return "\(error)"
  }

  /// Runs `body` in a transaction (a savepoint inside a transaction already open); database
  /// errors become ``StoreError``s that name the store.
  public func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
    do {
      return try database.writeWithoutTransaction { db in
        var result: T?
        try db.inSavepoint {
          result = try body(db)
          return .commit
        }
        guard let result else { throw StoreError(.io, "the store's write gave nothing") }
        return result
      }
    } catch let error as StoreError {
      throw error
    } catch {
      throw StoreError(
        .io, "cannot write the project store (\(Self.reason(error)))", at: SourceLocation(file: url.path))
    }
  }

  /// Runs `body` on a consistent view; database errors become ``StoreError``s.
  public func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
    do {
      return try database.read(body)
    } catch let error as StoreError {
      throw error
    } catch {
      throw StoreError(.io, "cannot read the project store (\(Self.reason(error)))", at: SourceLocation(file: url.path))
    }
  }

  /// Records the codings of a folder written before the store existed as one run, `upgraded`
  /// (nothing when there are none): `blocks` hold each document's rows per layer.
  public func recordUpgrade(
    _ blocks: [StoredCodingBlock], documents: Int, codings: Int, suggestions: Int, started: String,
    kwalVersion: String
  ) throws(StoreError) {
    guard !blocks.isEmpty else { return }
    try write { db in
      var run = StoredRun(
        started: started, mode: "upgraded", kwalVersion: kwalVersion, codebookID: nil,
        command: "(the folder's files before it had a store)", options: "{}", documents: documents,
        codings: codings, suggestions: suggestions)
      try run.insert(db)
      for var block in blocks {
        block.fromRun = run.id ?? 1
        try block.insert(db)
      }
    }
  }

  /// Adds memos (in the order given).
  public func addMemos(_ memos: [StoredMemo]) throws(StoreError) {
    try write { db in
      for var memo in memos { try memo.insert(db) }
    }
  }

  /// Copies `source` to `destination` with Foundation.
  public static func foundationCopy(_ source: URL, _ destination: URL) throws {
    try FileManager.default.copyItem(at: source, to: destination)
  }

  /// Changes a copy of the store at `target` (a new store when there is none), written at
  /// `temporary` and closed after `body`: the caller renames it over `target` together with the
  /// files that go with the change, or removes it.
  ///
  /// `copy` makes the copy (Foundation's unless the caller has a cheaper one).
  public static func editCopy(
    of target: URL, at temporary: URL, copy: (URL, URL) throws -> Void = foundationCopy,
    _ body: (ProjectStore) throws -> Void
  ) throws {
    try? FileManager.default.removeItem(at: temporary)
    if FileManager.default.fileExists(atPath: target.path) {
      do {
        try copy(target, temporary)
      } catch {
        throw StoreError(
          .io, "cannot copy the project store (\(error.localizedDescription))", at: SourceLocation(file: target.path))
      }
    }
    let store = try ProjectStore(at: temporary)
    defer { store.close() }
    try body(store)
  }

  /// The number and start time of the last run the store at `url` holds (number 0 when it holds
  /// none), or nil when the store cannot be read now (missing, busy, damaged). Opening the store
  /// rolls back a transaction that a killed process left unfinished, so the answer is what was
  /// committed.
  public static func lastCommittedRun(at url: URL) -> (id: Int64, started: String)? {
    guard FileManager.default.fileExists(atPath: url.path) else { return nil }
    var configuration = Configuration()
    configuration.busyMode = .timeout(5)
    guard let database = try? DatabaseQueue(path: url.path, configuration: configuration) else { return nil }
    defer { try? database.close() }
    return try? database.read { db -> (id: Int64, started: String) in
      guard try db.tableExists("run"),
        let row = try Row.fetchOne(db, sql: "SELECT id, started FROM run ORDER BY id DESC LIMIT 1")
      else { return (0, "") }
      return (row["id"], row["started"])
    }
  }

  /// Closes the database; the store cannot be used after.
  public func close() { try? database.close() }

  // MARK: Reading

  /// The runs, oldest first.
  public func runs() throws(StoreError) -> [StoredRun] {
    try read { try StoredRun.order(Column("id")).fetchAll($0) }
  }

  /// The last run before run `run` (the last of all when nil), if any.
  public func lastRun(before run: Int64? = nil) throws(StoreError) -> StoredRun? {
    try read { db in
      try StoredRun.filter(Column("id") < (run ?? Int64.max)).order(Column("id").desc).fetchOne(db)
    }
  }

  /// The codebook versions by id.
  public func codebooks() throws(StoreError) -> [Int64: StoredCodebook] {
    try read { db in
      var byID: [Int64: StoredCodebook] = [:]
      for codebook in try StoredCodebook.fetchAll(db) { if let id = codebook.id { byID[id] = codebook } }
      return byID
    }
  }

  /// The coding blocks of run `run` (the latest when nil): those alive in it, by document and layer.
  public func blocks(atRun run: Int64? = nil) throws(StoreError) -> [StoredCodingBlock] {
    try read { db in
      guard let run = try run ?? Int64.fetchOne(db, sql: "SELECT MAX(id) FROM run") else { return [] }
      return try StoredCodingBlock.fetchAll(
        db,
        sql: """
          SELECT * FROM coding_block WHERE from_run <= ? AND (to_run IS NULL OR to_run > ?)
          ORDER BY document, layer
          """, arguments: [run, run])
    }
  }

  /// The documents of the last run whose outputs can be reused by a run with `codebookHash`
  /// and `kwalVersion`, by id: their input hash and rows.
  public func reusableDocuments(codebookHash: String, kwalVersion: String) throws(StoreError) -> [String: String] {
    try read { db in
      let rows = try Row.fetchAll(
        db, sql: "SELECT id, input_hash FROM document WHERE codebook_hash = ? AND kwal_version = ?",
        arguments: [codebookHash, kwalVersion])
      var result: [String: String] = [:]
      for row in rows { result[row["id"]] = row["input_hash"] }
      return result
    }
  }

  /// The code fingerprints a codebook version was stored with (empty when it was stored by a Kwal
  /// that did not record them, or is not in the store).
  public func codeHashes(ofCodebook hash: String) throws(StoreError) -> [String: String] {
    try hashes("code_hashes", ofCodebook: hash)
  }

  /// Each code's fingerprint without its rules, as a codebook version was stored with them
  /// (empty when not recorded).
  public func ruleFreeHashes(ofCodebook hash: String) throws(StoreError) -> [String: String] {
    try hashes("rule_free_hashes", ofCodebook: hash)
  }

  /// Each code's rules' fingerprints, as a codebook version was stored with them (empty when not
  /// recorded).
  public func ruleHashes(ofCodebook hash: String) throws(StoreError) -> [String: String] {
    try hashes("rule_hashes", ofCodebook: hash)
  }

  /// A JSON object of the `codebook` table's `column` (one of the hash columns named above) for
  /// the version `hash`, by code id; empty when not recorded or not readable.
  private func hashes(_ column: String, ofCodebook hash: String) throws(StoreError) -> [String: String] {
    try read { db in
      guard
        let text = try String.fetchOne(db, sql: "SELECT \(column) FROM codebook WHERE hash = ?", arguments: [hash])
      else { return [:] }
      return (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }
  }

  /// Each document's file as it was when last read (see ``StoreRun/record(_:moved:words:kept:files:)``).
  public func fileIdentities() throws(StoreError) -> [String: String] {
    try read { db in
      var result: [String: String] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT document, identity FROM document_file") {
        result[row[0]] = row[1]
      }
      return result
    }
  }

  /// The distinct words of these documents as their last coding found them
  /// (``KwalCoding/DocumentCoding/wordForms``), for those the store has them.
  public func wordForms(of ids: [String]) throws(StoreError) -> [String: Data] {
    try read { db in
      var result: [String: Data] = [:]
      let statement = try db.cachedStatement(sql: "SELECT forms FROM document_words WHERE document = ?")
      for id in ids {
        if let forms = try Data.fetchOne(statement, arguments: [id]) { result[id] = forms }
      }
      return result
    }
  }

  /// The stored documents with these ids (those the store has).
  public func documents(_ ids: [String]) throws(StoreError) -> [String: StoredDocument] {
    var result = try documentsWithoutText(ids).mapValues(\.document)
    try read { db in
      let texts = try db.cachedStatement(sql: "SELECT text FROM document_text WHERE id = ?")
      for id in result.keys { result[id]?.text = try String.fetchOne(texts, arguments: [id]) ?? "" }
    }
    return result
  }

  /// The memos, in the order they were added.
  public func memos() throws(StoreError) -> [StoredMemo] {
    try read { try StoredMemo.order(Column("id")).fetchAll($0) }
  }
}
