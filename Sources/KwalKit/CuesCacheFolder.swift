public import Foundation
internal import KwalCoding
internal import KwalExport
internal import KwalStore

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

  /// The entry for a cues file with this SHA-256, written by this build of Kwal (another build,
  /// which may decode the file otherwise, has entries of its own; see ``keep(_:sha256:form:)``).
  static func entry(_ folder: URL, sha256: String) -> URL {
    folder.appendingPathComponent("cues-\(sha256)-\(LearnedCues.binaryLayout)-\(buildTag).bin")
  }

  /// Twelve hexadecimal digits of the SHA-256 of ``KwalVersion/build``.
  static let buildTag = String(StoreHash.sha256Hex([Data(KwalVersion.build.utf8)]).prefix(12))

  /// How long an entry that was not written again is kept.
  static let keptFor: TimeInterval = 30 * 24 * 3600

  /// An entry's first line: the layout and the SHA-256 it was written for (an entry copied or
  /// renamed under another file's name is not taken for that file's).
  static func header(_ sha256: String) -> [UInt8] { Array("kwal-cues-cache/1 \(sha256)\n".utf8) }

  /// Whether `folder` is a folder of this user's that no one else may write to (a link to a
  /// folder is not followed: the cache is then not used). One that others may read (made by
  /// hand, or by a Kwal before the cache was private) is made private first.
  static func isPrivate(_ folder: URL) -> Bool {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: folder.path),
      attributes[.type] as? FileAttributeType == .typeDirectory,
      (attributes[.ownerAccountID] as? NSNumber)?.uint32Value == getuid(),
      let permissions = attributes[.posixPermissions] as? Int, permissions & 0o022 == 0
    else { return false }
    if permissions & 0o077 != 0 { return chmod(folder.path, 0o700) == 0 }
    return true
  }

  /// The binary form kept for a cues file with this SHA-256 and the cues it holds, or nil. The
  /// entry is opened without following a link or waiting on a pipe; what cannot be sought to its
  /// end and back (a pipe) or read (a folder) is not used, nor more than ``largestEntry`` bytes.
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
    defer { unlink(temporary.path) }
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress.map { $0 + written }, $0.count - written) }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { break }
      written += count
    }
    // On disk before the rename, so that a crash cannot leave an entry cut short under its name.
    let synced = written == bytes.count && fsync(descriptor) == 0
    guard close(descriptor) == 0, synced, rename(temporary.path, target.path) == 0 else { return }
    removeOthers(folder, keeping: target.lastPathComponent, sha256: sha256)
  }

  /// Removes the entries of the same cues file written by other builds, and entries not written
  /// for ``keptFor``.
  static func removeOthers(_ folder: URL, keeping kept: String, sha256: String) {
    let manager = FileManager.default
    guard let names = try? manager.contentsOfDirectory(atPath: folder.path) else { return }
    let oldest = Date(timeIntervalSinceNow: -keptFor)
    for name in names where name.hasPrefix("cues-") && name.hasSuffix(".bin") && name != kept {
      let path = folder.appendingPathComponent(name).path
      guard let attributes = try? manager.attributesOfItem(atPath: path),
        attributes[.type] as? FileAttributeType == .typeRegular
      else { continue }
      let modified = (attributes[.modificationDate] as? Date) ?? .distantPast
      if name.hasPrefix("cues-\(sha256)-") || modified < oldest { unlink(path) }
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
    !folders.contains { OutputGuard.isInside(folder.path, $0.path) }
  }
}
