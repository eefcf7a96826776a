public import Foundation
public import KwalModel

/// Refuses an output path that would overwrite one of the command's inputs, or that lies inside
/// a folder the command (or its next run) reads back.
///
/// Paths are compared after resolving `.`, `..` and symbolic links, and files also by device and
/// inode, so a hard link or another spelling of the same file is caught too.
public enum OutputGuard {
  /// An input of a command.
  public struct Input: Sendable {
    /// The path as the user gave it.
    public var path: String
    /// What the command does with it ("the corpus", "the codebook"…), for the message.
    public var role: String
    /// For a folder whose files are read (a corpus): the extensions it reads. An output file
    /// inside it with one of them would be read back on the next run and is refused.
    public var readsBelow: Set<String>

    /// An input file or folder.
    public init(_ path: String, role: String, readsBelow: Set<String> = []) {
      self.path = path
      self.role = role
      self.readsBelow = readsBelow
    }
  }

  /// Throws a usage error when `output` is one of `inputs`, the folder of a folder input, or
  /// inside an input that is read below.
  public static func check(output: String, role: String = "the output", inputs: [Input]) throws(ExportError) {
    let target = resolved(output)
    for input in inputs where !input.path.isEmpty && input.path != "-" {
      let source = resolved(input.path)
      if target == source || sameFile(output, input.path) {
        throw ExportError(
          .usage,
          "\(role) \(output) is \(input.role) \(input.path): Kwal never writes over its input; choose another path")
      }
      if !input.readsBelow.isEmpty, input.readsBelow.contains((target as NSString).pathExtension.lowercased()),
        target.hasPrefix(source.hasSuffix("/") ? source : source + "/")
      {
        throw ExportError(
          .usage,
          "\(role) \(output) is inside \(input.role) \(input.path), which is read again on the next run; choose a path outside it"
        )
      }
    }
  }

  /// Throws when a folder output contains one of `inputs` as a file it would write: `files` are
  /// the names the command writes into `folder`.
  public static func check(folder: String, writes files: [String], inputs: [Input]) throws(ExportError) {
    for file in files {
      let path = (folder as NSString).appendingPathComponent(file)
      try check(output: path, role: "the output file", inputs: inputs.map { Input($0.path, role: $0.role) })
    }
  }

  /// Throws when an input lies inside `folder`, which is about to be replaced as a whole.
  public static func check(replacing folder: String, inputs: [Input]) throws(ExportError) {
    let target = resolved(folder)
    for input in inputs where resolved(input.path).hasPrefix(target + "/") {
      throw ExportError(
        .usage,
        "\(input.role) \(input.path) is inside \(folder), which would be replaced: move it out first or choose another folder"
      )
    }
  }

  /// Whether `path` is `folder` or lies inside it (after resolving both).
  public static func isInside(_ path: String, _ folder: String) -> Bool {
    let inner = resolved(path)
    let outer = resolved(folder)
    return inner == outer || inner.hasPrefix(outer.hasSuffix("/") ? outer : outer + "/")
  }

  /// The absolute, standardised path with symbolic links resolved (of the nearest existing
  /// ancestor, for a path that does not exist yet).
  static func resolved(_ path: String) -> String {
    var url = URL(fileURLWithPath: path).standardizedFileURL
    var missing: [String] = []
    while !FileManager.default.fileExists(atPath: url.path), url.path != "/" {
      missing.insert(url.lastPathComponent, at: 0)
      url = url.deletingLastPathComponent()
    }
    var result = url.resolvingSymlinksInPath().path
    for component in missing { result = (result as NSString).appendingPathComponent(component) }
    return result
  }

  /// Whether both paths exist and are the same file (device and inode).
  static func sameFile(_ first: String, _ second: String) -> Bool {
    var a = stat()
    var b = stat()
    guard stat(first, &a) == 0, stat(second, &b) == 0 else { return false }
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino
  }

  /// Refuses an existing folder that holds files but none that Kwal writes (`kwalFiles`): a
  /// folder of other work is not a place to write coding output into. Hidden files do not count;
  /// a missing or empty folder passes.
  public static func check(kwalFolder folder: URL, kwalFiles: [String]) throws(ExportError) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
    let visible = names.filter { !$0.hasPrefix(".") }.sorted()
    guard let first = visible.first, !visible.contains(where: kwalFiles.contains) else { return }
    throw ExportError(
      .usage,
      "not a Kwal output folder: it holds other files (\(first)\(visible.count > 1 ? " and \(visible.count - 1) more" : "")) and no codings.csv, codebook.json or kwal.sqlite; give a new or empty folder with --out",
      at: SourceLocation(file: folder.path))
  }
}
