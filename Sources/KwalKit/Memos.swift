public import Foundation
internal import KwalExport
public import KwalModel
internal import KwalStore

/// A memo to add to an output folder (`kwal memo OUT add`).
public struct MemoRequest: Sendable {
  public var folder: URL
  public var document = ""
  public var start: Int?
  public var end: Int?
  public var code = ""
  public var text: String
  public var title = ""
  public var author = ""

  public init(folder: URL, text: String) {
    self.folder = folder
    self.text = text
  }
}

/// Memos on a project, its documents, passages, codes and codings: kept in the folder's store and
/// in `memos.csv` beside the codings, which the REFI export, `kwic` and the framework matrix read.
public enum Memos {
  /// Adds a memo; the store and `memos.csv` change together. Returns the memo as written.
  public static func add(_ request: MemoRequest) throws -> MemoRecord {
    let folder = request.folder
    guard !request.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
      throw ExportError(.usage, "a memo needs a text (--text)")
    }
    guard (request.start == nil) == (request.end == nil) else {
      throw ExportError(.usage, "give both --start and --end, or neither")
    }
    if let start = request.start, let end = request.end, start < 0 || end < start {
      throw ExportError(.usage, "--start \(start) --end \(end): start must be 0 or more and at most end")
    }
    guard request.start == nil || !request.document.isEmpty else {
      throw ExportError(.usage, "a memo on a passage needs its document (--document)")
    }
    let output = try CodingOutput.read(folder, units: false)
    if !request.document.isEmpty, !output.documents.isEmpty {
      guard let document = output.documents.first(where: { $0.document == request.document }) else {
        throw ExportError(
          .usage, "no document \"\(request.document)\" in this folder (documents.csv lists them)",
          at: SourceLocation(file: folder.path))
      }
      if let end = request.end, end > document.characters {
        throw ExportError(
          .usage,
          "--end \(end) lies beyond the end of \(request.document) (\(document.characters) characters)",
          at: SourceLocation(file: folder.path))
      }
    }
    if !request.code.isEmpty {
      let codebookURL = folder.appendingPathComponent("codebook.json")
      if let data = try? Data(contentsOf: codebookURL),
        let codebook = try? JSONDecoder().decode(CodebookInfo.self, from: data),
        !codebook.codes.contains(where: { $0.id == request.code })
      {
        throw ExportError(
          .usage, "no code \"\(request.code)\" in the folder's codebook (codebook.json)",
          at: SourceLocation(file: folder.path))
      }
    }
    _ = try History.openStore(folder)
    let lock = try FolderLock(folder: folder)
    defer { lock.release() }
    let target = folder.appendingPathComponent(ProjectStore.fileName)
    let temporary = AtomicFile.temporary(for: target)
    var added: MemoRecord?
    do {
      try ProjectStore.editCopy(of: target, at: temporary, copy: FileCopy.copy) { store in
        var memos = try store.memos().map(\.record)
        if memos.isEmpty {
          // Memos an import wrote before the folder had a store join it first.
          let file = folder.appendingPathComponent(MemoFiles.fileName)
          if FileManager.default.fileExists(atPath: file.path) {
            memos = try MemoFiles.read(file)
            try store.addMemos(memos.map(StoredMemo.init))
          }
        }
        let used = Set(memos.map(\.memo))
        var number = memos.count + 1
        while used.contains("m\(number)") { number += 1 }
        let memo = MemoRecord(
          memo: "m\(number)", document: request.document, start: request.start, end: request.end, code: request.code,
          author: request.author.isEmpty ? (ProcessInfo.processInfo.environment["USER"] ?? "") : request.author,
          created: ISO8601DateFormatter().string(from: Date()), title: request.title, text: request.text)
        try store.addMemos([StoredMemo(memo)])
        added = memo
      }
      let staged = try AtomicFile.stage([
        (folder.appendingPathComponent(MemoFiles.fileName), try MemoFiles.table(list(store: temporary)).csvData())
      ])
      try AtomicFile.commit([AtomicFile.StagedFile(temporary: temporary, target: target)] + staged)
    } catch {
      AtomicFile.discard(temporary: temporary)
      throw error
    }
    guard let added else { throw ExportError(.io, "the memo was not written") }
    return added
  }

  /// The memos of a folder: from its store, or from `memos.csv` when the store holds none.
  public static func list(_ folder: URL) throws -> [MemoRecord] {
    let target = folder.appendingPathComponent(ProjectStore.fileName)
    if FileManager.default.fileExists(atPath: target.path) {
      let memos = try list(store: target)
      if !memos.isEmpty { return memos }
    }
    let file = folder.appendingPathComponent(MemoFiles.fileName)
    guard FileManager.default.fileExists(atPath: file.path) else { return [] }
    return MemoFiles.sorted(try MemoFiles.read(file))
  }

  private static func list(store url: URL) throws -> [MemoRecord] {
    let store = try ProjectStore(at: url)
    defer { store.close() }
    return MemoFiles.sorted(try store.memos().map(\.record))
  }

  /// The memos as `md`, `csv` (the columns of `memos.csv`) or `json`.
  public static func render(_ memos: [MemoRecord], format: String) throws -> Data {
    let table = MemoFiles.table(memos)
    return try DiffRendering.table(header: table.header, rows: table.rows, format: format)
  }
}

extension StoredMemo {
  init(_ memo: MemoRecord) {
    self.init(
      memo: memo.memo, target: memo.target, document: memo.document, start: memo.start, end: memo.end, code: memo.code,
      author: memo.author, created: memo.created, title: memo.title, text: memo.text)
  }

  var record: MemoRecord {
    MemoRecord(
      memo: memo, document: document, start: start, end: end, code: code, author: author, created: created,
      title: title, text: text)
  }
}
