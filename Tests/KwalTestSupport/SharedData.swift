public import Foundation
public import Testing

/// The external test data (`../shared/data`, see its README): Universal Dependencies Dutch
/// treebanks, the Snowball Dutch vocabulary, the REFI-QDA schemas and examples, the agreement
/// reference values. Resolved once, from one variable: `KWAL_SHARED` names the shared folder
/// (its `data/` is used); without it, `../shared` beside the package.
///
/// Tests that need it declare `.enabled(if: SharedData.has("…"), SharedData.absent)`, so the
/// test framework reports them as skipped when the data is not on the machine.
public enum SharedData {
  /// The data folder.
  public static let folder: URL = {
    if let shared = ProcessInfo.processInfo.environment["KWAL_SHARED"], !shared.isEmpty {
      return URL(fileURLWithPath: shared).appendingPathComponent("data")
    }
    let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    return package.deletingLastPathComponent().appendingPathComponent("shared/data")
  }()

  /// Why a test that needs the data did not run.
  public static let absent = Comment(
    rawValue: "the shared test data (../shared/data, or $KWAL_SHARED/data) is not on this machine")

  /// The URL of `path` under the data folder.
  public static func url(_ path: String) -> URL { folder.appendingPathComponent(path) }

  /// Whether `path` exists under the data folder.
  public static func has(_ path: String) -> Bool { FileManager.default.fileExists(atPath: url(path).path) }

  /// The contents of `path` as UTF-8 text, or nil when it is absent.
  public static func text(_ path: String) -> String? {
    FileManager.default.contents(atPath: url(path).path).map { String(decoding: $0, as: UTF8.self) }
  }
}
