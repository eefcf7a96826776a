public import Foundation
public import KwalModel

/// Writes files so that a reader never sees half of one: the bytes go to a temporary file in the
/// same folder, which is then renamed over the target.
public enum AtomicFile {
  /// Writes `data` to `url` atomically, creating the folder when needed.
  public static func write(_ data: Data, to url: URL) throws(ExportError) {
    let folder = url.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw ExportError(
        .cannotCreateOutput, "cannot create folder \(folder.path)", at: SourceLocation(file: folder.path))
    }
    let temporary = folder.appendingPathComponent(
      ".\(url.lastPathComponent).kwal-\(ProcessInfo.processInfo.processIdentifier).tmp")
    do {
      try data.write(to: temporary)
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw ExportError(.cannotCreateOutput, "cannot write \(url.path)", at: SourceLocation(file: url.path))
    }
    if rename(temporary.path, url.path) != 0 {
      try? FileManager.default.removeItem(at: temporary)
      throw ExportError(.cannotCreateOutput, "cannot write \(url.path)", at: SourceLocation(file: url.path))
    }
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

  /// Writes every file beside its target (nothing is replaced yet); when one cannot be written,
  /// the others are removed and the error names it.
  public static func stage(_ files: [(url: URL, data: Data)]) throws(ExportError) -> [StagedFile] {
    var staged: [StagedFile] = []
    for file in files {
      let folder = file.url.deletingLastPathComponent()
      do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(
          ".\(file.url.lastPathComponent).kwal-\(ProcessInfo.processInfo.processIdentifier).tmp")
        try file.data.write(to: temporary)
        staged.append(StagedFile(temporary: temporary, target: file.url))
      } catch {
        discard(staged)
        throw ExportError(.cannotCreateOutput, "cannot write \(file.url.path)", at: SourceLocation(file: file.url.path))
      }
    }
    return staged
  }

  /// Renames staged files over their targets, all or (as far as the file system allows) none: a
  /// target that cannot be replaced (a folder in its place) is found before anything is renamed.
  /// On failure every staged file not yet renamed is removed.
  public static func commit(_ staged: [StagedFile]) throws(ExportError) {
    for item in staged {
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: item.target.path, isDirectory: &isFolder), isFolder.boolValue {
        discard(staged)
        throw ExportError(
          .cannotCreateOutput, "cannot write \(item.target.path): a folder is in the way",
          at: SourceLocation(file: item.target.path))
      }
    }
    for (index, item) in staged.enumerated() where rename(item.temporary.path, item.target.path) != 0 {
      discard(Array(staged[index...]))
      throw ExportError(
        .cannotCreateOutput, "cannot write \(item.target.path)", at: SourceLocation(file: item.target.path))
    }
  }

  /// Removes staged files.
  public static func discard(_ staged: [StagedFile]) {
    for item in staged { try? FileManager.default.removeItem(at: item.temporary) }
  }
}
