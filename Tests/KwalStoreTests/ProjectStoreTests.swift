import Foundation
import GRDB
import KwalModel
import KwalStore
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

  func coding(_ document: String, _ start: Int, _ code: String, rule: String = "r") -> StoredCoding {
    StoredCoding(
      document: document, start: start, end: start + 5, code: code, coder: "auto:c@1", layer: "rule", caseName: "",
      unit: "sentence", rule: rule, matched: "", text: "tekst", fromRun: 0)
  }

  func document(_ id: String) -> StoredDocument {
    StoredDocument(
      id: id, inputHash: "h", kind: "document", caseName: "", record: "{}", text: "", codebookHash: "x",
      kwalVersion: "0", rows: DocumentRows(codings: 0..<0, units: 0..<0, suggestions: 0..<0), codeCounts: "{}",
      suggestionCount: 0, diagnostics: "[]")
  }

  /// Records one run into the store at `target` (through a copy, renamed as `kwal code` does).
  func record(_ target: URL, _ documents: [(StoredDocument, [StoredCoding])], hash: String = "x") throws -> Int64 {
    let temporary = target.deletingLastPathComponent().appendingPathComponent(".copy.tmp")
    let run = try StoreRun(target: target, temporary: temporary, codebook: codebook(hash), run: run())
    try run.record(documents.map { ($0.0, $0.1) })
    try run.finish(documents: Set(documents.map(\.0.id)), recoded: documents.count, codings: 0, suggestions: 0)
    #expect(rename(temporary.path, target.path) == 0)
    return run.runID
  }

  @Test("Each run's codings stay readable: a coding lives from the run that made it to the run that lost it")
  func codingsPerRun() throws {
    let folder = try Scratch.folder("kwal-store")
    let target = folder.appendingPathComponent("kwal.sqlite")
    let first = try record(target, [(document("a"), [coding("a", 0, "x"), coding("a", 10, "y")])])
    let second = try record(target, [(document("a"), [coding("a", 0, "x"), coding("a", 20, "z")])])
    // The third run codes "a" by another rule only, and "b" is new.
    let third = try record(
      target, [(document("a"), [coding("a", 0, "x", rule: "r2")]), (document("b"), [coding("b", 0, "x")])],
      hash: "y")
    let store = try ProjectStore(at: target)
    func spans(_ run: Int64) throws -> [String] {
      try store.codings(atRun: run).map { "\($0.document)@\($0.start):\($0.code):\($0.rule)" }
    }
    #expect(try spans(first) == ["a@0:x:r", "a@10:y:r"])
    #expect(try spans(second) == ["a@0:x:r", "a@20:z:r"])
    #expect(try spans(third) == ["a@0:x:r2", "b@0:x:r"])
    #expect(try store.runs().map(\.id) == [1, 2, 3])
    #expect(try store.codebooks().count == 2)
    // The document that left a run leaves the store; its codings close with that run.
    _ = try record(target, [(document("b"), [coding("b", 0, "x")])])
    let after = try ProjectStore(at: target)
    #expect(try after.documents(["a", "b"]).keys.sorted() == ["b"])
    #expect(try after.codings().map(\.document) == ["b"])
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
