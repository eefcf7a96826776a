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
    var staged: [(temporary: URL, target: URL)] = []
    func discard() { for item in staged { try? FileManager.default.removeItem(at: item.temporary) } }
    for file in files {
      let folder = file.url.deletingLastPathComponent()
      do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(
          ".\(file.url.lastPathComponent).kwal-\(ProcessInfo.processInfo.processIdentifier).tmp")
        try file.data.write(to: temporary)
        staged.append((temporary, file.url))
      } catch {
        discard()
        throw ExportError(.cannotCreateOutput, "cannot write \(file.url.path)", at: SourceLocation(file: file.url.path))
      }
    }
    for item in staged where rename(item.temporary.path, item.target.path) != 0 {
      discard()
      throw ExportError(
        .cannotCreateOutput, "cannot write \(item.target.path)", at: SourceLocation(file: item.target.path))
    }
  }
}
