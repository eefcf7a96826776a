public import Foundation

#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// Copies between files done by the kernel where it can: whole files (the project store's copy
/// for a run, handed to `KwalStore` by `KwalKit`) and byte ranges (rows a run reuses from the
/// previous run's CSV files), so the bytes never pass through the process.
public enum FileCopy {
  /// Copies `source` to `destination` (which must not exist): a clone that shares the blocks
  /// (Btrfs, XFS), else a copy inside the kernel, else Foundation's copy.
  public static func copy(_ source: URL, _ destination: URL) throws {
    #if os(Linux)
      if copyInKernel(source.path, destination.path) { return }
    #endif
    try FileManager.default.copyItem(at: source, to: destination)
  }

  /// Copies `range` of the file open as `input` to the current position of `output` (which
  /// moves on by the bytes copied); false when the kernel cannot (then nothing may have been
  /// copied and the caller must write the bytes itself from the same position).
  public static func copyRange(from input: Int32, _ range: Range<Int>, to output: Int32) -> Bool {
    #if os(Linux)
      guard let copyFileRange = copyFileRange else { return false }
      let start = lseek(output, 0, SEEK_CUR)
      var offset = Int64(range.lowerBound)
      var remaining = range.count
      while remaining > 0 {
        let copied = copyFileRange(input, &offset, output, nil, remaining, 0)
        if copied < 0 && errno == EINTR { continue }
        guard copied > 0 else {
          // Back to where the range started, for the caller's own copy.
          _ = lseek(output, start, SEEK_SET)
          _ = ftruncate(output, start)
          return false
        }
        remaining -= copied
      }
      return true
    #else
      return false
    #endif
  }

  #if os(Linux)
    /// copy_file_range(2), which Swift's view of glibc does not show: looked up by name.
    private typealias CopyFileRange =
      @convention(c) (
        Int32, UnsafeMutablePointer<Int64>?, Int32, UnsafeMutablePointer<Int64>?, Int, UInt32
      ) -> Int
    nonisolated(unsafe) private static let copyFileRange: CopyFileRange? = {
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "copy_file_range") else { return nil }
      return unsafeBitCast(symbol, to: CopyFileRange.self)
    }()

    /// FICLONE, else `copy_file_range`; false (and nothing left behind) when neither works.
    private static func copyInKernel(_ source: String, _ destination: String) -> Bool {
      let input = open(source, O_RDONLY | O_CLOEXEC)
      guard input >= 0 else { return false }
      defer { close(input) }
      var status = stat()
      guard fstat(input, &status) == 0 else { return false }
      let output = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(status.st_mode & 0o777))
      guard output >= 0 else { return false }
      var done = false
      defer {
        close(output)
        if !done { unlink(destination) }
      }
      // FICLONE is _IOW(0x94, 9, int).
      let ficlone: UInt = 0x4004_9409
      if ioctl(output, ficlone, input) == 0 {
        done = true
        return true
      }
      done = copyRange(from: input, 0..<Int(status.st_size), to: output)
      return done
    }
  #endif
}
