public import Foundation
public import GRDB

/// A version of a codebook the folder was coded with (table `codebook`).
public struct StoredCodebook: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "codebook"
  public var id: Int64?
  /// The content hash (``KwalModel/CodebookInfo/hash``): one row per hash.
  public var hash: String
  public var name: String
  public var version: String
  /// The SHA-256 of the codebook file.
  public var yamlSHA256: String
  /// The SHA-256 of the learned cues file, empty without cues.
  public var cuesSHA256: String
  /// The code tree as `codebook.json` holds it.
  public var tree: String
  /// Each code's fingerprint (``KwalCoding/Codebook/codeFingerprints()``) as JSON, `{}` when
  /// not known.
  public var codeHashes: String
  /// Each code's fingerprint without its rules (``KwalCoding/Codebook/fingerprints()``), as
  /// JSON, `{}` when not known.
  public var ruleFreeHashes: String
  /// Each code's rules' fingerprints (``KwalCoding/Codebook/ruleFingerprints()``), as JSON,
  /// `{}` when not known.
  public var ruleHashes: String

  enum CodingKeys: String, CodingKey {
    case id, hash, name, version, tree
    case yamlSHA256 = "yaml_sha256"
    case cuesSHA256 = "cues_sha256"
    case codeHashes = "code_hashes"
    case ruleFreeHashes = "rule_free_hashes"
    case ruleHashes = "rule_hashes"
  }

  public init(
    hash: String, name: String, version: String, yamlSHA256: String, cuesSHA256: String, tree: String,
    codeHashes: String = "{}", ruleFreeHashes: String = "{}", ruleHashes: String = "{}"
  ) {
    self.codeHashes = codeHashes
    self.ruleFreeHashes = ruleFreeHashes
    self.ruleHashes = ruleHashes
    self.hash = hash
    self.name = name
    self.version = version
    self.yamlSHA256 = yamlSHA256
    self.cuesSHA256 = cuesSHA256
    self.tree = tree
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One `kwal code` run, merge or upgrade (table `run`).
public struct StoredRun: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "run"
  /// The run number, from 1.
  public var id: Int64?
  /// When it started, ISO 8601 in UTC.
  public var started: String
  /// `full`, `incremental`, `merged` or `upgraded` (a folder written before the store existed).
  public var mode: String
  public var kwalVersion: String
  public var codebookID: Int64?
  /// The command line, as typed.
  public var command: String
  /// The options that shape the output (jobs, shard, spreadsheet-safe), as JSON.
  public var options: String
  public var documents: Int
  /// Documents coded in this run (the others' outputs were kept from an earlier run).
  public var recoded: Int
  public var codings: Int
  public var suggestions: Int
  /// Seconds.
  public var duration: Double
  /// The identities (size, time, inode) of the CSV files the run wrote, by file name, as JSON.
  public var files: String = "{}"

  enum CodingKeys: String, CodingKey {
    case id, started, mode, command, options, documents, recoded, codings, suggestions, duration, files
    case kwalVersion = "kwal_version"
    case codebookID = "codebook_id"
  }

  public init(
    started: String, mode: String, kwalVersion: String, codebookID: Int64?, command: String, options: String,
    documents: Int = 0, recoded: Int = 0, codings: Int = 0, suggestions: Int = 0, duration: Double = 0
  ) {
    self.started = started
    self.mode = mode
    self.kwalVersion = kwalVersion
    self.codebookID = codebookID
    self.command = command
    self.options = options
    self.documents = documents
    self.recoded = recoded
    self.codings = codings
    self.suggestions = suggestions
    self.duration = duration
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A document of the folder's last run (table `document`, its text in table `document_text`):
/// what was read and what came out. Written by ``upsert(_:)`` and read by
/// ``ProjectStore/documents(_:)``, which join the two tables; not a persistable record.
public struct StoredDocument: Codable, Sendable, Hashable, TableRecord {
  public static let databaseTableName = "document"
  /// The document id.
  public var id: String
  /// The SHA-256 of the file's bytes and its manifest settings: the document is coded again
  /// when this changes.
  public var inputHash: String
  public var kind: String
  public var caseName: String
  /// The `documents.csv` record, as JSON (attributes included).
  public var record: String
  /// The same record in its binary form (``KwalModel/DocumentRecord/binaryForm()``), which a
  /// run that reuses the document reads instead of the JSON; nil in rows written before it.
  public var recordBinary: Data?
  /// The plain text that was coded (offsets of codings are Unicode scalar offsets into it).
  public var text: String
  /// The codebook hash and Kwal version the rows below were made with.
  public var codebookHash: String
  public var kwalVersion: String
  /// Where the document's rows lie in the run's `codings.csv`, `units.csv` and
  /// `suggestions.csv`: byte offset and length in each.
  public var rows: DocumentRows
  /// Rule codings per code, as JSON (`{"code": count}`), and the number of suggestions.
  public var codeCounts: String
  /// The same counts in their binary form (``KwalModel/CodeCountsForm``), which a run that
  /// reuses the document reads instead of the JSON; nil in rows written before it.
  public var codeCountsBinary: Data?
  public var suggestionCount: Int
  /// What reading the document noticed, as JSON: shown again when its rows are reused.
  public var diagnostics: String

  enum CodingKeys: String, CodingKey {
    case id, kind, record, text, diagnostics
    case recordBinary = "record_bin"
    case codeCountsBinary = "counts_bin"
    case codeCounts = "code_counts"
    case suggestionCount = "suggestion_count"
    case codingsOffset = "codings_offset"
    case codingsLength = "codings_length"
    case unitsOffset = "units_offset"
    case unitsLength = "units_length"
    case suggestionsOffset = "suggestions_offset"
    case suggestionsLength = "suggestions_length"
    case inputHash = "input_hash"
    case caseName = "case_name"
    case codebookHash = "codebook_hash"
    case kwalVersion = "kwal_version"
  }

  public init(
    id: String, inputHash: String, kind: String, caseName: String, record: String, text: String,
    codebookHash: String, kwalVersion: String, rows: DocumentRows, codeCounts: String, suggestionCount: Int,
    diagnostics: String, recordBinary: Data? = nil, codeCountsBinary: Data? = nil
  ) {
    self.recordBinary = recordBinary
    self.codeCountsBinary = codeCountsBinary
    self.codeCounts = codeCounts
    self.suggestionCount = suggestionCount
    self.diagnostics = diagnostics
    self.id = id
    self.inputHash = inputHash
    self.kind = kind
    self.caseName = caseName
    self.record = record
    self.text = text
    self.codebookHash = codebookHash
    self.kwalVersion = kwalVersion
    self.rows = rows
  }
}

/// Where one document's rows lie in the three streamed files of a run.
public struct DocumentRows: Sendable, Hashable {
  public var codings: Range<Int>
  public var units: Range<Int>
  public var suggestions: Range<Int>

  public init(codings: Range<Int>, units: Range<Int>, suggestions: Range<Int>) {
    self.codings = codings
    self.units = units
    self.suggestions = suggestions
  }
}

extension StoredDocument {
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    func range(_ offset: CodingKeys, _ length: CodingKeys) throws -> Range<Int> {
      let start = try container.decode(Int.self, forKey: offset)
      return start..<(start + (try container.decode(Int.self, forKey: length)))
    }
    self.init(
      id: try container.decode(String.self, forKey: .id),
      inputHash: try container.decode(String.self, forKey: .inputHash),
      kind: try container.decode(String.self, forKey: .kind),
      caseName: try container.decode(String.self, forKey: .caseName),
      record: try container.decode(String.self, forKey: .record),
      text: try container.decodeIfPresent(String.self, forKey: .text) ?? "",
      codebookHash: try container.decode(String.self, forKey: .codebookHash),
      kwalVersion: try container.decode(String.self, forKey: .kwalVersion),
      rows: DocumentRows(
        codings: try range(.codingsOffset, .codingsLength), units: try range(.unitsOffset, .unitsLength),
        suggestions: try range(.suggestionsOffset, .suggestionsLength)),
      codeCounts: try container.decode(String.self, forKey: .codeCounts),
      suggestionCount: try container.decode(Int.self, forKey: .suggestionCount),
      diagnostics: try container.decode(String.self, forKey: .diagnostics),
      recordBinary: try container.decodeIfPresent(Data.self, forKey: .recordBinary),
      codeCountsBinary: try container.decodeIfPresent(Data.self, forKey: .codeCountsBinary))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(id, forKey: .id)
    try container.encode(inputHash, forKey: .inputHash)
    try container.encode(kind, forKey: .kind)
    try container.encode(caseName, forKey: .caseName)
    try container.encode(record, forKey: .record)
    try container.encode(text, forKey: .text)
    try container.encode(codebookHash, forKey: .codebookHash)
    try container.encode(kwalVersion, forKey: .kwalVersion)
    try container.encode(rows.codings.lowerBound, forKey: .codingsOffset)
    try container.encode(rows.codings.count, forKey: .codingsLength)
    try container.encode(rows.units.lowerBound, forKey: .unitsOffset)
    try container.encode(rows.units.count, forKey: .unitsLength)
    try container.encode(rows.suggestions.lowerBound, forKey: .suggestionsOffset)
    try container.encode(rows.suggestions.count, forKey: .suggestionsLength)
    try container.encode(codeCounts, forKey: .codeCounts)
    try container.encode(suggestionCount, forKey: .suggestionCount)
    try container.encode(diagnostics, forKey: .diagnostics)
    try container.encodeIfPresent(recordBinary, forKey: .recordBinary)
    try container.encodeIfPresent(codeCountsBinary, forKey: .codeCountsBinary)
  }
}

extension StoredDocument {
  /// The table's columns, in the order ``upsert(_:)`` binds them (the text is kept apart, in
  /// table `document_text`).
  static let columns = [
    "id", "input_hash", "kind", "case_name", "record", "codebook_hash", "kwal_version", "codings_offset",
    "codings_length", "units_offset", "units_length", "suggestions_offset", "suggestions_length", "code_counts",
    "suggestion_count", "diagnostics", "text_bytes", "record_bin", "counts_bin",
  ]

  /// Inserts the document and its text, or replaces every column of the one with its id: what
  /// `save` does, through prepared statements instead of an update tried first and a record
  /// encoded per call.
  func upsert(_ db: Database) throws {
    let sql =
      "INSERT INTO document (\(Self.columns.joined(separator: ", "))) VALUES ("
      + Array(repeating: "?", count: Self.columns.count).joined(separator: ", ") + ") ON CONFLICT(id) DO UPDATE SET "
      + Self.columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
    try db.cachedStatement(sql: sql).execute(arguments: [
      id, inputHash, kind, caseName, record, codebookHash, kwalVersion, rows.codings.lowerBound, rows.codings.count,
      rows.units.lowerBound, rows.units.count, rows.suggestions.lowerBound, rows.suggestions.count, codeCounts,
      suggestionCount, diagnostics, text.utf8.count, recordBinary, codeCountsBinary,
    ])
    try db.cachedStatement(
      sql: "INSERT INTO document_text (id, text) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET text = excluded.text"
    ).execute(arguments: [id, text])
  }
}

/// One document's codings of one layer as a run wrote them (table `coding_block`): its rows of
/// `codings.csv` (layer `rule`) or `suggestions.csv` (layer `suggestion`), without header,
/// alive from run `fromRun` until the run before `toRun` (nil while they are current).
///
/// A document whose rows did not change keeps its block through runs; one whose rows changed
/// gets a new block and its old one is closed, so every run's codings can be read back and two
/// runs compared document by document. One row per document, not per coding, keeps writing the
/// store a small part of a run.
public struct StoredCodingBlock: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "coding_block"
  public var id: Int64?
  public var document: String
  /// `rule` or `suggestion`.
  public var layer: String
  /// The rows, UTF-8 CSV without header.
  public var rows: Data
  public var fromRun: Int64
  public var toRun: Int64?

  enum CodingKeys: String, CodingKey {
    case id, document, layer, rows
    case fromRun = "from_run"
    case toRun = "to_run"
  }

  public init(document: String, layer: String, rows: Data, fromRun: Int64 = 0, toRun: Int64? = nil) {
    self.document = document
    self.layer = layer
    self.rows = rows
    self.fromRun = fromRun
    self.toRun = toRun
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A memo (table `memo`): the same fields as a row of `memos.csv`.
public struct StoredMemo: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "memo"
  public var id: Int64?
  /// The memo's id as `memos.csv` shows it (rows with one id are one memo on several things).
  public var memo: String
  public var target: String
  public var document: String
  public var start: Int?
  public var end: Int?
  public var code: String
  public var author: String
  public var created: String
  public var title: String
  public var text: String

  public init(
    memo: String, target: String, document: String, start: Int?, end: Int?, code: String, author: String,
    created: String, title: String, text: String
  ) {
    self.memo = memo
    self.target = target
    self.document = document
    self.start = start
    self.end = end
    self.code = code
    self.author = author
    self.created = created
    self.title = title
    self.text = text
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
