public import Foundation
internal import KwalCoding

#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// Where `kwal code` keeps decoded cues files between runs into different output folders (a
/// new folder, a shard's folder): Foundation takes about 35 ms to decode the JSON of a cues
/// file of forty thousand weights, where reading the cached binary form takes 2 ms. Entries
/// are named by the SHA-256 of the cues file's bytes (and the layout of the binary form), so
/// an edited file is decoded afresh; an entry that cannot be read back is ignored and written
/// again. The cache only saves time: any failure to read or write it is silent.
///
/// The entries hold the cue words, stems of the texts the cues were fitted on, so the folder
/// is made readable by its owner only, and one that others may write to is not used.
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

  /// The largest entry read or written (a cues file's binary form is about a megabyte).
  static let largestEntry = 256 << 20

  static func entry(_ folder: URL, sha256: String) -> URL {
    folder.appendingPathComponent("cues-\(sha256)-\(LearnedCues.binaryLayout).bin")
  }

  /// An entry's first line: the layout and the SHA-256 it was written for (an entry copied or
  /// renamed under another file's name is not taken for that file's).
  static func header(_ sha256: String) -> [UInt8] { Array("kwal-cues-cache/1 \(sha256)\n".utf8) }

  /// Whether `folder` is a folder of this user's that no one else may write to.
  static func isPrivate(_ folder: URL) -> Bool {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: folder.path),
      attributes[.type] as? FileAttributeType == .typeDirectory,
      (attributes[.ownerAccountID] as? NSNumber)?.uint32Value == getuid(),
      let permissions = attributes[.posixPermissions] as? Int
    else { return false }
    return permissions & 0o022 == 0
  }

  /// The binary form kept for a cues file with this SHA-256 and the cues it holds, or nil. The
  /// entry is opened without following a link, and read only when it is a regular file (a pipe
  /// cannot be read to its end, nor a folder), at most ``largestEntry`` bytes.
  static func load(_ folder: URL, sha256: String) -> (cues: LearnedCues, form: [UInt8])? {
    guard isPrivate(folder) else { return nil }
    let descriptor = open(entry(folder, sha256: sha256).path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    guard let size = try? handle.seekToEnd(), size <= UInt64(largestEntry), (try? handle.seek(toOffset: 0)) != nil,
      let read = try? handle.read(upToCount: Int(size))
    else { return nil }
    let data = read ?? Data()
    guard data.count == Int(size) else { return nil }
    let header = header(sha256)
    guard data.starts(with: header) else { return nil }
    let form = [UInt8](data.dropFirst(header.count))
    return LearnedCues(binaryForm: form).map { ($0, form) }
  }

  /// Keeps `form` for a cues file with this SHA-256: written beside it under a name of its
  /// own, then renamed into place, so a reader never sees part of it. Temporaries that a killed
  /// run left (an hour old or more) are removed.
  static func keep(_ folder: URL, sha256: String, form: [UInt8]) {
    guard form.count <= largestEntry else { return }
    if mkdir(folder.path, 0o700) != 0 && errno == ENOENT {
      try? FileManager.default.createDirectory(
        at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
      _ = mkdir(folder.path, 0o700)
    }
    guard isPrivate(folder) else { return }
    removeLeftovers(folder)
    let target = entry(folder, sha256: sha256)
    let temporary = folder.appendingPathComponent(".cues-\(sha256).\(getpid()).\(UInt64.random(in: 0...UInt64.max))")
    let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { return }
    let bytes = header(sha256) + form
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress.map { $0 + written }, $0.count - written) }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { break }
      written += count
    }
    close(descriptor)
    guard written == bytes.count, rename(temporary.path, target.path) == 0 else {
      unlink(temporary.path)
      return
    }
  }

  /// Removes the temporaries of writes that did not finish, an hour old or more.
  static func removeLeftovers(_ folder: URL) {
    let manager = FileManager.default
    guard let names = try? manager.contentsOfDirectory(atPath: folder.path) else { return }
    let hourAgo = Date(timeIntervalSinceNow: -3600)
    for name in names where name.hasPrefix(".cues-") {
      let path = folder.appendingPathComponent(name).path
      guard let attributes = try? manager.attributesOfItem(atPath: path),
        attributes[.type] as? FileAttributeType == .typeRegular,
        let modified = attributes[.modificationDate] as? Date, modified < hourAgo
      else { continue }
      unlink(path)
    }
  }

  /// Whether a run may use `folder`: not inside the corpus, where its entries would be read as
  /// documents, nor inside the output folder.
  static func usable(_ folder: URL, besides folders: [URL]) -> Bool {
    let path = folder.standardizedFileURL.resolvingSymlinksInPath().path
    return !folders.contains { other in
      let base = other.standardizedFileURL.resolvingSymlinksInPath().path
      return path == base || path.hasPrefix(base.hasSuffix("/") ? base : base + "/")
    }
  }
}
