public import Foundation

/// Runs the built `kwal` binary, as a user would, and captures what it prints.
public enum KwalProcess {
  /// The result of one run.
  public struct Output: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
      self.status = status
      self.stdout = stdout
      self.stderr = stderr
    }
  }

  /// The package root (three folders up from this file).
  public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The `kwal` binary next to the test bundle (`swift build` puts both in the same folder).
  public static var binary: URL {
    let candidates = [
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("kwal"),
      packageRoot.appendingPathComponent(".build/debug/kwal"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]
  }

  /// Runs `kwal` with `arguments` in `directory`, feeding `input` on standard input.
  /// `environment` is added to this process's own.
  public static func run(
    _ arguments: [String], in directory: URL? = nil, input: String? = nil, environment extra: [String: String] = [:]
  ) throws -> Output {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory ?? packageRoot
    // The decoded cues cache of the tests' own, not the home folder's.
    var environment = ProcessInfo.processInfo.environment
    if environment["KWAL_CACHE_DIR"] == nil {
      environment["KWAL_CACHE_DIR"] =
        FileManager.default.temporaryDirectory
        .appendingPathComponent("kwal-tests-cues-cache-\(getuid())").path
    }
    environment.merge(extra) { $1 }
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    let inPipe = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = inPipe
    try process.run()
    if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
    try inPipe.fileHandleForWriting.close()
    // Read both pipes to the end before waiting, so a large output cannot block the child.
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
      errData = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Output(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  /// A fresh temporary folder.
  public static func temporaryFolder() throws -> URL {
    try Scratch.folder("kwal-e2e")
  }

  /// Writes `files` (relative path → content) under `folder`.
  public static func write(_ files: [String: String], under folder: URL) throws {
    for (path, content) in files {
      let url = folder.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(content.utf8).write(to: url)
    }
  }
}
