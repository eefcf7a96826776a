import Foundation
@testable import KwalExport
import KwalTestSupport
import Testing

/// A commit of several files is journalled: a process killed between two renames leaves a folder
/// that the next command finishes, never one with files of two runs.
@Suite("Commit journal")
struct CommitJournalTests {
  /// The id of a process that has ended.
  static func endedProcess() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
  }

  /// A folder with the previous run's codings.csv and a killed commit's new one beside it,
  /// journalled by `journal` (given the temporary file's name) under an ended process's id.
  static func killedCommit(journal: (_ temporary: String, _ pid: Int32) -> String) throws -> (
    folder: URL, temporary: String
  ) {
    let folder = Scratch.root.appendingPathComponent("kwal-journal-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data("old codings\n".utf8).write(to: folder.appendingPathComponent("codings.csv"))
    let pid = try endedProcess()
    let temporary = ".codings.csv.kwal-\(pid).tmp"
    try Data("new codings\n".utf8).write(to: folder.appendingPathComponent(temporary))
    try Data(journal(temporary, pid).utf8).write(to: folder.appendingPathComponent(AtomicFile.journalName(pid: pid)))
    return (folder, temporary)
  }

  @Test func aKilledCommitIsFinishedByTheNextReader() throws {
    // A killed commit that renamed the first of its two files (the store) before it died.
    let (folder, _) = try Self.killedCommit { temporary, pid in
      ".kwal.sqlite.kwal-\(pid).tmp\tkwal.sqlite\n\(temporary)\tcodings.csv\n../notes.md\tkwal.sqlite\n"
    }
    try Data("new store\n".utf8).write(to: folder.appendingPathComponent("kwal.sqlite"))
    // A researcher's file and a journal line that leaves the folder are not touched.
    try Data("notes\n".utf8).write(to: folder.appendingPathComponent("notes.md"))
    AtomicFile.recover(in: folder)
    #expect(try String(contentsOf: folder.appendingPathComponent("codings.csv"), encoding: .utf8) == "new codings\n")
    #expect(try String(contentsOf: folder.appendingPathComponent("kwal.sqlite"), encoding: .utf8) == "new store\n")
    #expect(try String(contentsOf: folder.appendingPathComponent("notes.md"), encoding: .utf8) == "notes\n")
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(left == ["codings.csv", "kwal.sqlite", "notes.md"])
  }

  @Test func aLiveWritersJournalIsLeftToIt() throws {
    let folder = Scratch.root.appendingPathComponent("kwal-journal-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    // The parent of this test process is alive: its journal is its own business.
    let pid = getppid()
    let temporary = ".codings.csv.kwal-\(pid).tmp"
    try Data("new\n".utf8).write(to: folder.appendingPathComponent(temporary))
    try Data("\(temporary)\tcodings.csv\n".utf8).write(
      to: folder.appendingPathComponent(AtomicFile.journalName(pid: pid)))
    AtomicFile.recover(in: folder)
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("codings.csv").path))
    #expect(
      FileManager.default.fileExists(atPath: folder.appendingPathComponent(AtomicFile.journalName(pid: pid)).path))
  }

  @Test func aFinishedCommitLeavesNoJournal() throws {
    let folder = Scratch.root.appendingPathComponent("kwal-journal-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try AtomicFile.writeAll([
      (folder.appendingPathComponent("a.csv"), Data("a\n".utf8)),
      (folder.appendingPathComponent("b.csv"), Data("b\n".utf8)),
    ])
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a.csv", "b.csv"])
  }
}

/// A commit that waits on a transaction (the project store written in place) is finished only
/// when the transaction committed, undone when it did not, and left alone by a command that
/// cannot tell.
@Suite("Commit journal with a transaction")
struct ConditionalCommitJournalTests {
  /// A folder with the previous codings and a killed commit's new ones, journalled under a condition.
  func killed() throws -> (folder: URL, temporary: String) {
    try CommitJournalTests.killedCommit { temporary, _ in "?\tstore-run\tkwal.sqlite\t7\n\(temporary)\tcodings.csv\n" }
  }

  func codings(_ folder: URL) throws -> String {
    try String(contentsOf: folder.appendingPathComponent("codings.csv"), encoding: .utf8)
  }

  @Test func committedIsFinished() throws {
    let (folder, _) = try killed()
    var asked: [[String]] = []
    AtomicFile.recover(in: folder) {
      asked.append($0); return true
    }
    #expect(asked == [["store-run", "kwal.sqlite", "7"]])
    #expect(try codings(folder) == "new codings\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["codings.csv"])
  }

  @Test func uncommittedIsUndone() throws {
    let (folder, _) = try killed()
    AtomicFile.recover(in: folder) { _ in false }
    #expect(try codings(folder) == "old codings\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["codings.csv"])
  }

  @Test func withoutAnAnswerEverythingStays() throws {
    let (folder, temporary) = try killed()
    // As a command that writes only CSV files prepares the folder: stale temporaries go, not these.
    AtomicFile.removeStaleTemporaries(in: folder)
    #expect(try codings(folder) == "old codings\n")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(names.contains(temporary) && names.contains { $0.hasSuffix(".journal") })
  }

  @Test func anUnknownAnswerLeavesTheJournal() throws {
    let (folder, temporary) = try killed()
    AtomicFile.recover(in: folder) { _ in nil }
    #expect(try codings(folder) == "old codings\n")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(names.contains(temporary) && names.contains { $0.hasSuffix(".journal") })
  }

  @Test func anInterruptionAfterTheJournalLeavesTheFilesToIt() throws {
    let folder = Scratch.root.appendingPathComponent("kwal-journal-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let staged = try AtomicFile.stage([
      (folder.appendingPathComponent("a.csv"), Data("a\n".utf8)),
      (folder.appendingPathComponent("b.csv"), Data("b\n".utf8)),
    ])
    // Ctrl-C while the transaction commits: the handler removes this process's live temporaries,
    // which must no longer hold the journalled ones (the handler itself is not called here: it
    // would remove the files of the tests that run beside this one).
    var stillLive: [Bool] = []
    try AtomicFile.commit(
      staged,
      precommit: AtomicFile.Precommit(condition: ["t"]) { stillLive = staged.map { AtomicFile.isLive($0.temporary) } })
    #expect(stillLive == [false, false])
    #expect(try String(contentsOf: folder.appendingPathComponent("a.csv"), encoding: .utf8) == "a\n")
  }

  @Test func aFailedTransactionRenamesNothing() throws {
    let folder = Scratch.root.appendingPathComponent("kwal-journal-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data("old\n".utf8).write(to: folder.appendingPathComponent("a.csv"))
    let staged = try AtomicFile.stage([(folder.appendingPathComponent("a.csv"), Data("new\n".utf8))])
    struct Refused: Error {}
    var journalled = false
    #expect(throws: ExportError.self) {
      try AtomicFile.commit(
        staged,
        precommit: AtomicFile.Precommit(condition: ["t"]) {
          journalled = try FileManager.default.contentsOfDirectory(atPath: folder.path).contains {
            $0.hasSuffix(".journal")
          }
          throw Refused()
        })
    }
    #expect(journalled)
    #expect(try String(contentsOf: folder.appendingPathComponent("a.csv"), encoding: .utf8) == "old\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.csv"])
  }
}
