public import Foundation
public import KwalModel

/// Replaces a whole output folder at once: the new contents are written into a staging folder
/// beside it, which is then renamed into its place.
public enum FolderSwap {
  /// The staging folder beside `folder` for this process (removed first if a dead run left it).
  public static func staging(for folder: URL) -> URL {
    let staging = sibling(of: folder, suffix: "new")
    try? FileManager.default.removeItem(at: staging)
    return staging
  }

  /// Puts `staging` in the place of `folder`; the old folder is removed afterwards. When the
  /// second rename fails, the old folder is put back.
  public static func replace(_ folder: URL, with staging: URL) throws(ExportError) {
    let old = sibling(of: folder, suffix: "old")
    try? FileManager.default.removeItem(at: old)
    guard rename(folder.path, old.path) == 0 else {
      throw ExportError(
        .cannotCreateOutput, "cannot replace \(folder.path) (\(String(cString: strerror(errno))))",
        at: SourceLocation(file: folder.path))
    }
    guard rename(staging.path, folder.path) == 0 else {
      let why = String(cString: strerror(errno))
      _ = rename(old.path, folder.path)
      throw ExportError(
        .cannotCreateOutput, "cannot replace \(folder.path) (\(why)); it is unchanged",
        at: SourceLocation(file: folder.path))
    }
    try? FileManager.default.removeItem(at: old)
  }

  /// Removes a staging folder that was not put in place.
  public static func discard(staging: URL) {
    if FileManager.default.fileExists(atPath: staging.path) { try? FileManager.default.removeItem(at: staging) }
  }

  private static func sibling(of folder: URL, suffix: String) -> URL {
    let standard = folder.standardizedFileURL
    return standard.deletingLastPathComponent().appendingPathComponent(
      ".\(standard.lastPathComponent).kwal-\(ProcessInfo.processInfo.processIdentifier).\(suffix)")
  }
}
