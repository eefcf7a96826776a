public import Foundation
public import KwalModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One writer per output folder: an advisory lock on `.kwal.lock` in the folder, held while a
/// command writes there and released when the process ends, however it ends (the kernel drops
/// the lock of a killed process, so no stale lock outlives a run; a killed run's file stays,
/// unlocked, and the next run takes it).
///
/// The file is removed on release. A process that opened it just before must not then hold a
/// lock on a removed file: after locking, the lock is kept only when the path still names the
/// file that was locked, and taken again otherwise.
public final class FolderLock {
  /// The lock file's name.
  public static let fileName = ".kwal.lock"
  private var descriptor: Int32 = -1
  private let path: String

  /// Takes the lock of `folder` (which must exist), or says which process holds it.
  public init(folder: URL) throws(StoreError) {
    path = folder.appendingPathComponent(Self.fileName).path
    for _ in 0..<100 {
      try lock(folder: folder)
      var locked = stat()
      var named = stat()
      if fstat(descriptor, &locked) == 0, stat(path, &named) == 0, locked.st_ino == named.st_ino,
        locked.st_dev == named.st_dev
      {
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBufferPointer { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return
      }
      close(descriptor)
      descriptor = -1
    }
    throw StoreError(.busy, "cannot take the folder's lock (it keeps changing)", at: SourceLocation(file: folder.path))
  }

  private func lock(folder: URL) throws(StoreError) {
    descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw StoreError(
        .cannotCreateOutput, "cannot lock the output folder (\(String(cString: strerror(errno))))",
        at: SourceLocation(file: folder.path))
    }
    guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
      var buffer = [UInt8](repeating: 0, count: 32)
      let count = pread(descriptor, &buffer, buffer.count, 0)
      close(descriptor)
      descriptor = -1
      let holder =
        count > 0
        ? String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
      throw StoreError(
        .busy,
        "the folder is in use by \(holder.isEmpty ? "another process" : "process \(holder)") (another kwal writing there); wait for it to end",
        at: SourceLocation(file: folder.path))
    }
  }

  /// Releases the lock.
  public func release() {
    guard descriptor >= 0 else { return }
    unlink(path)
    flock(descriptor, LOCK_UN)
    close(descriptor)
    descriptor = -1
  }

  deinit { release() }
}
