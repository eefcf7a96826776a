public import Foundation

/// Scratch space for tests: every folder and file a test writes lives under one folder per test
/// process, removed when the process exits, so test runs leave nothing behind in the system's
/// temporary directory (not even from a test that stopped halfway).
public enum Scratch {
  /// This process's scratch folder.
  public static let root: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kwal-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: Scratch.root) }
    return url
  }()

  /// A new, empty folder named `<prefix>-<uuid>` under ``root``.
  public static func folder(_ prefix: String) throws -> URL {
    let url = root.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
