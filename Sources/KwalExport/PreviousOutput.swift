public import Foundation
public import KwalModel

#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// The streamed files of an output folder's last run (codings.csv, units.csv, suggestions.csv),
/// open so that a new run can take over the rows of documents that did not change: copied by the
/// kernel where it can, read and written otherwise.
public final class PreviousOutput: @unchecked Sendable {
  // Descriptors are opened once and only read with explicit offsets, so they can be shared.
  private var descriptors: [String: Int32] = [:]

  /// Opens the streamed files of `folder` when each one is as `identities` (file name to
  /// ``FileIdentity``) describes: as the last run wrote it, not opened and saved elsewhere since.
  public init?(folder: URL, identities: [String: String]) {
    for name in CodingOutputWriter.streamedFiles {
      let url = folder.appendingPathComponent(name)
      guard let expected = identities[name], FileIdentity.of(url) == expected else {
        close()
        return nil
      }
      let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
      guard descriptor >= 0 else {
        close()
        return nil
      }
      descriptors[name] = descriptor
    }
  }

  deinit { close() }

  /// Appends `range` of the previous `name` to `output` at its current position; false when the
  /// bytes cannot be read.
  func append(_ name: String, _ range: Range<Int>, to output: Int32) -> Bool {
    if range.isEmpty { return true }
    guard let input = descriptors[name] else { return false }
    if FileCopy.copyRange(from: input, range, to: output) { return true }
    // A megabyte at a time through a buffer.
    var at = range.lowerBound
    while at < range.upperBound {
      let chunk = at..<min(range.upperBound, at + (1 << 20))
      guard let buffer = read(name, chunk) else { return false }
      var written = 0
      while written < buffer.count {
        let step = buffer.withUnsafeBytes { raw -> Int in
          guard let base = raw.baseAddress else { return -1 }
          return write(output, base + written, buffer.count - written)
        }
        guard step > 0 else { return false }
        written += step
      }
      at = chunk.upperBound
    }
    return true
  }

  /// The bytes of `range` of the previous `name`, or nil when they cannot be read.
  public func read(_ name: String, _ range: Range<Int>) -> [UInt8]? {
    guard let input = descriptors[name] else { return nil }
    var buffer = [UInt8](repeating: 0, count: range.count)
    var done = 0
    while done < range.count {
      let read = buffer.withUnsafeMutableBytes { raw in
        pread(input, raw.baseAddress.map { $0 + done }, range.count - done, off_t(range.lowerBound + done))
      }
      guard read > 0 else { return nil }
      done += read
    }
    return buffer
  }

  /// The size of the previous `name` in bytes, or nil when it is not open.
  public func size(_ name: String) -> Int? {
    guard let input = descriptors[name] else { return nil }
    var info = stat()
    guard fstat(input, &info) == 0 else { return nil }
    return Int(info.st_size)
  }

  /// Closes the files.
  public func close() {
    for (_, descriptor) in descriptors { closeDescriptor(descriptor) }
    descriptors = [:]
  }
}

private func closeDescriptor(_ descriptor: Int32) { _ = close(descriptor) }
