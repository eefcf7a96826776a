import Foundation

/// The external test data in `../shared/data` (see its README), or nil with a printed reason.
enum SharedData {
  /// The data folder: `$KWAL_SHARED/data` when set, else `../shared/data` beside the package.
  static var folder: URL {
    if let shared = ProcessInfo.processInfo.environment["KWAL_SHARED"] {
      return URL(fileURLWithPath: shared).appendingPathComponent("data")
    }
    let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    return package.deletingLastPathComponent().appendingPathComponent("shared/data")
  }

  /// The contents of `path` under the data folder, or nil (printing that the check is skipped).
  static func text(_ path: String, for check: String) -> String? {
    let url = folder.appendingPathComponent(path)
    guard let data = FileManager.default.contents(atPath: url.path) else {
      print("SKIPPED \(check): \(url.path) is absent (the external data in ../shared/data is not here)")
      return nil
    }
    return String(decoding: data, as: UTF8.self)
  }
}
