public import Foundation
public import KwalModel
import Synchronization

/// Writes files so that a reader never sees half of one: the bytes go to a temporary file in the
/// same folder, which is then renamed over the target.
///
/// Temporary files are named `.NAME.kwal-PID.tmp`. Every live one is recorded, so that an
/// interrupted run removes its own (``removeLiveTemporaries()``, called on SIGINT and SIGTERM), and
/// the next write into a folder removes those of processes that no longer run.
public enum AtomicFile {
  /// Writes `data` to `url` atomically, creating the folder when needed.
  public static func write(_ data: Data, to url: URL) throws(ExportError) {
    try commit(try stage([(url, data)]))
  }

  /// Writes `text` as UTF-8 (no BOM) to `url` atomically.
  public static func write(_ text: String, to url: URL) throws(ExportError) {
    try write(Data(text.utf8), to: url)
  }

  /// Writes several files so that either all of them are written or none is changed, as far as
  /// the file system allows: every file is first written beside its target, then all are renamed.
  public static func writeAll(_ files: [(url: URL, data: Data)]) throws(ExportError) {
    try commit(try stage(files))
  }

  /// A file written beside its target, waiting to be renamed over it (see ``commit(_:)``).
  public struct StagedFile: Sendable {
    public let temporary: URL
    public let target: URL

    public init(temporary: URL, target: URL) {
      self.temporary = temporary
      self.target = target
    }
  }

  /// The temporary file beside `target` for this process (recorded as live until it is renamed
  /// or removed).
  public static func temporary(for target: URL) -> URL {
    let url = target.deletingLastPathComponent().appendingPathComponent(
      ".\(target.lastPathComponent).kwal-\(ProcessInfo.processInfo.processIdentifier).tmp")
    live.withLock { _ = $0.insert(url.path) }
    return url
  }

  /// Creates (or empties) the file at `url` and opens it for writing, in one call: Foundation's
  /// `createFile` writes a `.dat.nosync…` file and renames it, which a process killed in between
  /// leaves behind for good.
  public static func create(_ url: URL) -> FileHandle? {
    let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { return nil }
    return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
  }

  /// Creates `folder` (and its parents) for output, and removes temporary files that processes
  /// which no longer run left in it.
  public static func prepare(folder: URL) throws(ExportError) {
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw ExportError(
        .cannotCreateOutput, "cannot create folder \(folder.path) (\(reason(error)))",
        at: SourceLocation(file: folder.path))
    }
    removeStaleTemporaries(in: folder)
  }

  /// Writes every file beside its target (nothing is replaced yet); when one cannot be written,
  /// the others are removed and the error names it and says why.
  public static func stage(_ files: [(url: URL, data: Data)]) throws(ExportError) -> [StagedFile] {
    var staged: [StagedFile] = []
    var prepared: Set<String> = []
    for file in files {
      let folder = file.url.deletingLastPathComponent()
      if prepared.insert(folder.path).inserted {
        do throws(ExportError) {
          try prepare(folder: folder)
        } catch {
          discard(staged)
          throw error
        }
      }
      let temporary = temporary(for: file.url)
      do {
        try file.data.write(to: temporary)
        staged.append(StagedFile(temporary: temporary, target: file.url))
      } catch {
        discard(staged + [StagedFile(temporary: temporary, target: file.url)])
        throw ExportError(
          .cannotCreateOutput, "cannot write \(file.url.path) (\(reason(error)))",
          at: SourceLocation(file: file.url.path))
      }
    }
    return staged
  }

  /// A commit point outside the files: a database transaction that must commit together with
  /// the renames (the project store written in place). The journal records `condition`; the
  /// transaction is committed after the journal is written and before the first rename, so a
  /// process killed in between leaves a folder that ``recover(in:confirm:)`` finishes or undoes
  /// by asking whether the transaction committed.
  public struct Precommit {
    /// Fields that let ``recover(in:confirm:)``'s `confirm` tell whether `commit` took effect
    /// (no tabs or line ends).
    public var condition: [String]
    /// Commits the transaction; on failure nothing is renamed.
    public var commit: () throws -> Void

    public init(condition: [String], commit: @escaping () throws -> Void) {
      self.condition = condition
      self.commit = commit
    }
  }

  /// Renames staged files over their targets, all or (as far as the file system allows) none: a
  /// target that cannot be replaced (a folder in its place) is found before anything is renamed.
  /// On failure every staged file not yet renamed is removed, and the error names the files that
  /// were replaced and those that still hold the previous output.
  ///
  /// With `precommit`, its transaction is committed once the journal is written and before the
  /// first rename; when it fails, nothing is renamed.
  public static func commit(_ staged: [StagedFile], precommit: Precommit? = nil) throws(ExportError) {
    for item in staged {
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: item.target.path, isDirectory: &isFolder), isFolder.boolValue {
        discard(staged)
        throw ExportError(
          .cannotCreateOutput, "cannot write \(item.target.path): a folder is in the way",
          at: SourceLocation(file: item.target.path))
      }
    }
    // Several files of one folder: the renames are written down first, so that a process killed
    // between two of them leaves a folder the next command finishes (``recover(in:confirm:)``).
    let journal = staged.count > 1 || precommit != nil ? writeJournal(staged, condition: precommit?.condition) : nil
    defer { if let journal { try? FileManager.default.removeItem(at: journal) } }
    // Once journalled, the files belong to the journal: an interruption (which removes this
    // process's live temporaries) leaves them for the next command to finish or undo.
    if journal != nil { live.withLock { paths in for item in staged { paths.remove(item.temporary.path) } } }
    if let precommit {
      guard journal != nil, let target = staged.first?.target else {
        discard(staged)
        throw ExportError(
          .cannotCreateOutput, "cannot write the commit journal beside \(staged.first?.target.path ?? "the output")",
          at: staged.first.map { SourceLocation(file: $0.target.path) })
      }
      do {
        try precommit.commit()
      } catch {
        discard(staged)
        throw ExportError(
          .cannotCreateOutput,
          "cannot commit the run (\((error as? any KwalFailure)?.message ?? reason(error))); the folder holds the previous output",
          at: SourceLocation(file: target.deletingLastPathComponent().path))
      }
    }
    for (index, item) in staged.enumerated() {
      if rename(item.temporary.path, item.target.path) == 0 {
        live.withLock { _ = $0.remove(item.temporary.path) }
        continue
      }
      let why = String(cString: strerror(errno))
      discard(Array(staged[index...]))
      var message = "cannot write \(item.target.path) (\(why))"
      if index > 0 || precommit != nil {
        let replaced = staged[..<index].map(\.target.lastPathComponent) + (precommit == nil ? [] : ["the store"])
        let stale = staged[index...].map(\.target.lastPathComponent).joined(separator: ", ")
        message +=
          "; \(replaced.joined(separator: ", ")) were replaced, \(stale) still hold the previous output: run the command again"
      }
      throw ExportError(.cannotCreateOutput, message, at: SourceLocation(file: item.target.path))
    }
  }

  /// Removes staged files.
  public static func discard(_ staged: [StagedFile]) {
    for item in staged { discard(temporary: item.temporary) }
  }

  /// Removes one temporary file.
  public static func discard(temporary: URL) {
    try? FileManager.default.removeItem(at: temporary)
    live.withLock { _ = $0.remove(temporary.path) }
  }

  /// Removes every temporary file this process has not yet renamed or removed (for a signal
  /// handler: the process is about to end).
  public static func removeLiveTemporaries() {
    let paths = live.withLock { paths in
      let all = paths
      paths.removeAll()
      return all
    }
    for path in paths {
      unlink(path)
      // A database being written beside it (the project store's copy) may have a journal.
      unlink(path + "-journal")
    }
  }

  /// Removes `.NAME.kwal-PID.tmp` files in `folder` whose process no longer runs (and the
  /// `-journal` of a database copy among them).
  public static func removeStaleTemporaries(in folder: URL) {
    let waiting = recover(in: folder)
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
    let own = ProcessInfo.processInfo.processIdentifier
    for name in names where name.hasPrefix(".") && (name.hasSuffix(".tmp") || name.hasSuffix(".tmp-journal")) {
      // Files of a commit whose outcome this process cannot tell stay (``recover(in:confirm:)``).
      guard !waiting.contains(name) else { continue }
      guard let marker = name.range(of: ".kwal-", options: .backwards) else { continue }
      let digits = name[marker.upperBound...].dropLast(name.hasSuffix(".tmp") ? 4 : 12)
      guard let pid = Int32(digits), pid > 0, pid != own else { continue }
      // kill(pid, 0) fails with ESRCH when no process has this id.
      if kill(pid, 0) != 0 && errno == ESRCH {
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
      }
    }
  }

  /// The journal of a commit of several files: `.kwal-commit.PID.journal` in their folder, one
  /// `temporary<TAB>target` line (file names) per file, after a first line `?<TAB>fields…` when
  /// the commit waits on a transaction (``Precommit``).
  static func journalName(pid: Int32) -> String { ".kwal-commit.\(pid).journal" }

  /// Writes the journal of `staged` (nil when the files are not all in one folder, or the journal
  /// cannot be written: the commit then goes on without one, as before, unless it has a condition).
  private static func writeJournal(_ staged: [StagedFile], condition: [String]?) -> URL? {
    guard let first = staged.first else { return nil }
    let folder = first.target.deletingLastPathComponent().standardizedFileURL
    guard
      staged.allSatisfy({
        $0.target.deletingLastPathComponent().standardizedFileURL == folder
          && $0.temporary.deletingLastPathComponent().standardizedFileURL == folder
      })
    else { return nil }
    var lines = condition.map { (["?"] + $0).joined(separator: "\t") + "\n" } ?? ""
    lines += staged.map { "\($0.temporary.lastPathComponent)\t\($0.target.lastPathComponent)\n" }.joined()
    let url = folder.appendingPathComponent(journalName(pid: ProcessInfo.processInfo.processIdentifier))
    // Written beside itself and renamed, under the name of Kwal's temporary files (which a
    // later command removes if this process dies first).
    let temporary = temporary(for: url)
    do {
      try Data(lines.utf8).write(to: temporary)
    } catch {
      discard(temporary: temporary)
      return nil
    }
    guard rename(temporary.path, url.path) == 0 else {
      discard(temporary: temporary)
      return nil
    }
    live.withLock { _ = $0.remove(temporary.path) }
    return url
  }

  /// Finishes the commits that processes which no longer run began in `folder`: each renaming
  /// whose temporary file is still there is made, then the journal is removed. A folder is
  /// therefore never left with some files of one run and some of the run before.
  ///
  /// A commit that waited on a transaction (``Precommit``) is finished only when `confirm` says,
  /// from the journal's condition, that the transaction committed, and undone (its files
  /// removed) when it says it did not. Without `confirm` (nor a check installed with
  /// ``installConditionCheck(_:)``), or when it cannot tell (nil), such a journal and its files
  /// are left for a caller that can. Returns the names of the files so left.
  @discardableResult
  public static func recover(in folder: URL, confirm: (([String]) -> Bool?)? = nil) -> Set<String> {
    let installed = conditionCheck.withLock { $0 }
    let confirm = confirm ?? installed.map { check in { check(folder, $0) } }
    var waiting: Set<String> = []
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return waiting }
    let own = ProcessInfo.processInfo.processIdentifier
    for name in names.sorted() where name.hasPrefix(".kwal-commit.") && name.hasSuffix(".journal") {
      let digits = name.dropFirst(".kwal-commit.".count).dropLast(".journal".count)
      guard let pid = Int32(digits), pid > 0, pid != own else { continue }
      // A live writer finishes its own commit.
      guard kill(pid, 0) != 0 && errno == ESRCH else { continue }
      let journal = folder.appendingPathComponent(name)
      guard let text = try? String(contentsOf: journal, encoding: .utf8) else { continue }
      var renames: [(temporary: String, target: String)] = []
      var condition: [String]?
      for line in text.split(separator: "\n") {
        let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        if parts.first == "?" {
          condition = Array(parts.dropFirst())
          continue
        }
        guard parts.count == 2, !parts[0].contains("/"), !parts[1].contains("/") else { continue }
        renames.append((parts[0], parts[1]))
      }
      var finish = true
      if let condition {
        guard let answer = confirm?(condition) else {
          waiting.insert(name)
          for rename in renames { waiting.insert(rename.temporary) }
          continue
        }
        finish = answer
      }
      for (temporary, target) in renames {
        let source = folder.appendingPathComponent(temporary)
        guard FileManager.default.fileExists(atPath: source.path) else { continue }
        if finish {
          _ = rename(source.path, folder.appendingPathComponent(target).path)
        } else {
          try? FileManager.default.removeItem(at: source)
        }
      }
      try? FileManager.default.removeItem(at: journal)
    }
    return waiting
  }

  /// Installs the check that tells whether a commit journal's transaction committed (the
  /// project store's, from KwalKit), for every recovery that is given none: readers of the CSV
  /// files then finish a run that committed instead of reading the run before.
  public static func installConditionCheck(_ check: @escaping @Sendable (URL, [String]) -> Bool?) {
    conditionCheck.withLock { $0 = check }
  }

  /// The installed check (``installConditionCheck(_:)``).
  private static let conditionCheck = Mutex<(@Sendable (URL, [String]) -> Bool?)?>(nil)

  /// The operating system's reason for a failed write ("No space left on device").
  public static func reason(_ error: any Error) -> String {
    let ns = error as NSError
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
      return String(cString: strerror(Int32(underlying.code)))
    }
    if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
    return ns.localizedDescription
  }

  /// Whether `temporary` is among the files an interruption removes (for tests).
  static func isLive(_ temporary: URL) -> Bool { live.withLock { $0.contains(temporary.path) } }

  /// The temporary files of this process not yet renamed or removed.
  private static let live = Mutex<Set<String>>([])
}
