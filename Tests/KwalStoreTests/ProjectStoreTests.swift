import Foundation
import GRDB
import KwalModel
@testable import KwalStore
import Testing
import KwalTestSupport

@Suite("The project store")
struct ProjectStoreTests {
  func codebook(_ hash: String) -> StoredCodebook {
    StoredCodebook(hash: hash, name: "c", version: "1", yamlSHA256: "y", cuesSHA256: "", tree: "{}")
  }

  func run() -> StoredRun {
    StoredRun(
      started: "2026-12-05T00:00:00Z", mode: "full", kwalVersion: "0", codebookID: nil, command: "kwal code",
      options: "{}")
  }

  func document(_ id: String) -> StoredDocument {
    StoredDocument(
      id: id, inputHash: "h", kind: "document", caseName: "", record: "{}", text: "", codebookHash: "x",
      kwalVersion: "0", rows: DocumentRows(codings: 0..<0, units: 0..<0, suggestions: 0..<0), codeCounts: "{}",
      suggestionCount: 0, diagnostics: "[]")
  }

  /// Records one run into the store at `target` (through a copy, renamed as `kwal code` does):
  /// each document with its codings rows.
  func record(_ target: URL, _ documents: [(String, String)], hash: String = "x") throws -> Int64 {
    let temporary = target.deletingLastPathComponent().appendingPathComponent(".copy.tmp")
    let run = try StoreRun(target: target, temporary: temporary, codebook: codebook(hash), run: run())
    try run.record(documents.map { (document($0.0), Data($0.1.utf8), Data()) })
    try run.finish(documents: Set(documents.map(\.0)), recoded: documents.count, codings: 0, suggestions: 0)
    #expect(rename(temporary.path, target.path) == 0)
    return run.runID
  }

  @Test(
    "Each run's codings stay readable: a document's rows live from the run that wrote them to the run that changed them"
  )
  func codingsPerRun() throws {
    let folder = try Scratch.folder("kwal-store")
    let target = folder.appendingPathComponent("kwal.sqlite")
    let first = try record(target, [("a", "a,x,0\na,y,10\n")])
    let second = try record(target, [("a", "a,x,0\na,y,10\n"), ("b", "b,x,0\n")])
    let third = try record(target, [("a", "a,x,0\n"), ("b", "b,x,0\n")], hash: "y")
    let store = try ProjectStore(at: target)
    func rows(_ run: Int64) throws -> [String] {
      try store.blocks(atRun: run).map { "\($0.document):" + String(decoding: $0.rows, as: UTF8.self) }
    }
    #expect(try rows(first) == ["a:a,x,0\na,y,10\n"])
    #expect(try rows(second) == ["a:a,x,0\na,y,10\n", "b:b,x,0\n"])
    #expect(try rows(third) == ["a:a,x,0\n", "b:b,x,0\n"])
    // Unchanged rows keep their block: "a" was written once for runs 1 and 2, "b" once for 2 and 3.
    let all = try store.read { try StoredCodingBlock.fetchAll($0) }
    #expect(all.count == 3)
    #expect(try store.runs().map(\.id) == [1, 2, 3])
    #expect(try store.codebooks().count == 2)
    // The document that left a run leaves the store; its rows close with that run.
    _ = try record(target, [("b", "b,x,0\n")])
    let after = try ProjectStore(at: target)
    #expect(try after.documents(["a", "b"]).keys.sorted() == ["b"])
    #expect(try after.blocks().map(\.document) == ["b"])
  }

  /// A store from before the binary record and the texts' own table (made by the migrations
  /// up to `v4-text-bytes`, one document written as Kwal then wrote it): opening it adds the
  /// cues cache, fills each document's binary record from its JSON (one that is not a record's
  /// JSON stays without), and moves the texts apart with their lengths.
  @Test("A store from before the binary forms is upgraded: records get their binary form, texts their own table")
  func olderStoreIsUpgraded() throws {
    let folder = try Scratch.folder("kwal-store")
    let target = folder.appendingPathComponent("kwal.sqlite")
    let record = DocumentRecord(
      document: "a", caseName: "Zwolle", kind: .interview, title: nil, date: "2024-01-02", characters: 10, words: 2,
      tokens: 3, sentences: 1, attributes: ["rol": "gemeente"])
    let json = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
    let database = try DatabaseQueue(path: target.path)
    try ProjectStore.migrator.migrate(database, upTo: "v4-text-bytes")
    try database.write { db in
      for (id, record, text) in [("a", json, "Één tekst."), ("b", "{}", "B")] {
        try db.execute(
          sql: """
            INSERT INTO document (id, input_hash, kind, case_name, record, text, codebook_hash, kwal_version,
              codings_offset, codings_length, units_offset, units_length, suggestions_offset, suggestions_length,
              code_counts, suggestion_count, diagnostics)
            VALUES (?, 'h', 'interview', 'Zwolle', ?, ?, 'x', '0', 10, 20, 30, 40, 50, 60, '{"c":1}', 2, '[]')
            """, arguments: [id, record, text])
      }
    }
    try database.close()
    let store = try ProjectStore(at: target)
    let documents = try store.documents(["a", "b"])
    #expect(documents["a"]?.recordBinary.flatMap { DocumentRecord(binaryForm: [UInt8]($0)) } == record)
    #expect(documents["b"]?.recordBinary == nil, "\"{}\" is no record: read from its JSON, which names it")
    #expect(documents["a"]?.text == "Één tekst." && documents["b"]?.text == "B")
    #expect(documents["a"]?.rows == DocumentRows(codings: 10..<30, units: 30..<70, suggestions: 50..<110))
    #expect(documents["a"]?.codeCounts == "{\"c\":1}" && documents["a"]?.suggestionCount == 2)
    #expect(documents["a"]?.codeCountsBinary.flatMap { CodeCountsForm.decode([UInt8]($0)) } == ["c": 1])
    #expect(try store.documentsWithoutText(["a"])["a"]?.textBytes == "Één tekst.".utf8.count)
    #expect(ProjectStore.cachedCues(inStoreAt: target, sha256: "none") == nil)
    let columns = try store.read { try $0.columns(in: "document").map(\.name) }
    #expect(!columns.contains("text") && columns.contains("record_bin") && columns.contains("counts_bin"))
  }

  /// A document recorded again replaces every column of its row (one row per id).
  @Test("A document recorded again replaces its row")
  func documentReplaced() throws {
    let folder = try Scratch.folder("kwal-store")
    let target = folder.appendingPathComponent("kwal.sqlite")
    _ = try record(target, [("a", "a,x,0\n")])
    let temporary = folder.appendingPathComponent(".copy.tmp")
    let run = try StoreRun(target: target, temporary: temporary, codebook: codebook("x"), run: run())
    var changed = document("a")
    changed.inputHash = "h2"
    changed.text = "Nieuwe tekst."
    changed.rows = DocumentRows(codings: 10..<20, units: 5..<9, suggestions: 0..<3)
    changed.suggestionCount = 2
    try run.record([(changed, Data("a,y,0\n".utf8), Data())])
    try run.finish(documents: ["a"], recoded: 1, codings: 1, suggestions: 0)
    #expect(rename(temporary.path, target.path) == 0)
    let stored = try ProjectStore(at: target).documents(["a"])
    #expect(stored.count == 1)
    #expect(stored["a"] == changed)
  }

  @Test("A store written by a newer Kwal is refused with a clear message; a damaged one too")
  func newerAndDamagedStoresAreRefused() throws {
    let folder = try Scratch.folder("kwal-store")
    let target = folder.appendingPathComponent("kwal.sqlite")
    _ = try record(target, [])
    let store = try ProjectStore(at: target)
    try store.database.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')") }
    store.close()
    #expect {
      try ProjectStore(at: target)
    } throws: { error in
      (error as? StoreError)?.message.contains("written by a newer Kwal") == true
    }
    let damaged = folder.appendingPathComponent("damaged.sqlite")
    try Data(String(repeating: "niet een database ", count: 200).utf8).write(to: damaged)
    #expect {
      try ProjectStore(at: damaged)
    } throws: { error in
      (error as? StoreError)?.message.contains("damaged or not a SQLite database") == true
    }
  }

  @Test("One writer per folder: a second lock says which process holds the folder")
  func oneWriterPerFolder() throws {
    let folder = try Scratch.folder("kwal-lock")
    let lock = try FolderLock(folder: folder)
    #expect {
      try FolderLock(folder: folder)
    } throws: { error in
      let failure = error as? StoreError
      return failure?.kind == .busy
        && failure?.message.contains("in use by process \(ProcessInfo.processInfo.processIdentifier)") == true
    }
    lock.release()
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(FolderLock.fileName).path))
    let again = try FolderLock(folder: folder)
    again.release()
  }
}
