public import Foundation
internal import KwalCoding

/// Where `kwal code` keeps decoded cues files between runs into different output folders (a
/// new folder, a shard's folder): Foundation takes about 35 ms to decode the JSON of a cues
/// file of forty thousand weights, where reading the cached binary form takes 2 ms. Entries
/// are named by the SHA-256 of the cues file's bytes, so an edited file is decoded afresh;
/// an entry that cannot be read back is ignored and written again. Nothing else is kept there.
public enum CuesCacheFolder {
  /// The folder: `KWAL_CACHE_DIR` when set (set and empty: no cache), else
  /// `$XDG_CACHE_HOME/kwal`, else `~/.cache/kwal`; nil without a home.
  public static func folder(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
    if let chosen = environment["KWAL_CACHE_DIR"] {
      return chosen.isEmpty ? nil : URL(fileURLWithPath: chosen, isDirectory: true)
    }
    if let base = environment["XDG_CACHE_HOME"], base.hasPrefix("/") {
      return URL(fileURLWithPath: base, isDirectory: true).appendingPathComponent("kwal", isDirectory: true)
    }
    guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
    return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".cache/kwal", isDirectory: true)
  }

  /// The largest entry read back (a cues file's binary form is about a megabyte).
  static let largestEntry = 256 << 20

  static func entry(_ folder: URL, sha256: String) -> URL {
    folder.appendingPathComponent("cues-\(sha256).bin")
  }

  /// An entry's first line: the layout and the SHA-256 it was written for (an entry copied or
  /// renamed under another file's name is not taken for that file's).
  static func header(_ sha256: String) -> [UInt8] { Array("kwal-cues-cache/1 \(sha256)\n".utf8) }

  /// The binary form kept for a cues file with this SHA-256 and the cues it holds, or nil.
  static func read(_ folder: URL, sha256: String) -> (cues: LearnedCues, form: [UInt8])? {
    let url = entry(folder, sha256: sha256)
    let header = header(sha256)
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
      let size = attributes[.size] as? Int, size <= largestEntry,
      let data = try? Data(contentsOf: url), data.starts(with: header)
    else { return nil }
    let form = [UInt8](data.dropFirst(header.count))
    return LearnedCues(binaryForm: form).map { ($0, form) }
  }

  /// Keeps `form` for a cues file with this SHA-256: written beside it under a name of its
  /// own, then renamed into place, so a reader never sees part of it. Failures are ignored
  /// (a full disk, a read-only home): the cache only saves time.
  static func write(_ folder: URL, sha256: String, form: [UInt8]) {
    let manager = FileManager.default
    guard (try? manager.createDirectory(at: folder, withIntermediateDirectories: true)) != nil else { return }
    let target = entry(folder, sha256: sha256)
    let temporary = folder.appendingPathComponent(".cues-\(sha256).\(getpid()).\(UInt64.random(in: 0...UInt64.max))")
    guard (try? Data(header(sha256) + form).write(to: temporary)) != nil, rename(temporary.path, target.path) == 0
    else {
      try? manager.removeItem(at: temporary)
      return
    }
  }
}
