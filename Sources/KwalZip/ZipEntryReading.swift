public import Foundation
internal import CZlib
public import ZIPFoundation

/// Why an entry of a zip could not be read.
public enum ZipReadError: Error, Equatable, Sendable {
  /// The entry inflates beyond the limit the caller set (a zip bomb, or a part far too large).
  case tooLarge(limit: UInt64)
  /// The deflate data stops before the end of its stream: the zip is truncated or damaged.
  case endsEarly
  /// The compressed data is not valid deflate data, or its checksum does not match.
  case corrupt(String)
  /// The archive file could not be read.
  case unreadable(String)

  /// A short phrase for a message ("… in the zip: <reason>").
  public var reason: String {
    switch self {
    case .tooLarge(let limit): "it inflates beyond \(limit) bytes"
    case .endsEarly: "its compressed data ends early (a truncated or damaged zip)"
    case .corrupt(let detail): "its compressed data is damaged (\(detail))"
    case .unreadable(let detail): "the file cannot be read (\(detail))"
    }
  }
}

extension Archive {
  /// Reads one entry of an archive opened from `url`, with a bound on the work whatever the bytes.
  ///
  /// ZIPFoundation's own inflate keeps asking for input when a deflate stream ends before its
  /// end-of-stream marker and the file ends too: on Linux it then never returns (found by
  /// `make fuzz` on a damaged .docx), and it tells zlib that every input chunk is a whole buffer
  /// long, so the last, shorter chunk is read past its end. Here zlib (the library ZIPFoundation
  /// links) is given exactly the entry's compressed bytes and no more: data that stops before
  /// the end of its stream is an error, not a hang, and the output is bounded by `limit`.
  public func contents(of entry: Entry, in url: URL, limit: UInt64) throws(ZipReadError) -> Data {
    if entry.uncompressedSize > limit { throw .tooLarge(limit: limit) }
    // Stored entries, and the rare ZIP64 entry whose offset lies in its extended information,
    // are read by ZIPFoundation, which bounds stored data by its size.
    guard entry.isCompressed, let offset = entry.dataOffset else {
      return try libraryContents(of: entry, limit: limit)
    }
    let handle: FileHandle
    do {
      handle = try FileHandle(forReadingFrom: url)
      try handle.seek(toOffset: offset)
    } catch {
      throw .unreadable(error.localizedDescription)
    }
    defer { try? handle.close() }
    let inflater = try Inflater()
    var remaining = entry.compressedSize
    var output = Data()
    while !inflater.finished {
      guard remaining > 0 else { throw .endsEarly }
      let input: Data
      do {
        input = try handle.read(upToCount: Int(Swift.min(remaining, 64 * 1024))) ?? Data()
      } catch {
        throw .unreadable(error.localizedDescription)
      }
      guard !input.isEmpty else { throw .endsEarly }
      remaining -= UInt64(input.count)
      try inflater.inflate(input, into: &output, limit: limit)
    }
    guard Self.checksum(output) == entry.checksum else { throw .corrupt("checksum mismatch") }
    return output
  }

  /// The CRC-32 of `data`, as zip stores it.
  static func checksum(_ data: Data) -> UInt32 {
    data.withUnsafeBytes { buffer in
      UInt32(crc32(0, buffer.bindMemory(to: UInt8.self).baseAddress, uInt(buffer.count)))
    }
  }

  private func libraryContents(of entry: Entry, limit: UInt64) throws(ZipReadError) -> Data {
    var output = Data()
    var tooLarge = false
    do {
      _ = try extract(entry, skipCRC32: false) { chunk in
        guard UInt64(output.count + chunk.count) <= limit else {
          tooLarge = true
          throw ZipReadError.tooLarge(limit: limit)
        }
        output.append(chunk)
      }
    } catch {
      if tooLarge { throw .tooLarge(limit: limit) }
      throw .corrupt("\(error)")
    }
    return output
  }
}

extension Entry {
  /// Where the entry's data begins in the archive: the local header's offset plus its length.
  ///
  /// ZIPFoundation parses these fields but does not make them public, so they are read from its
  /// parsed headers by reflection; `nil` for a ZIP64 offset (kept in the extended information)
  /// and when a later ZIPFoundation stores them differently (the tests of damaged zips then
  /// fail, which is how an upgrade is noticed).
  var dataOffset: UInt64? {
    let entry = Mirror(reflecting: self)
    guard let central = entry.child("centralDirectoryStructure"),
      let local = entry.child("localFileHeader"),
      let offset32 = Mirror(reflecting: central).child("relativeOffsetOfLocalHeader") as? UInt32,
      let nameLength = Mirror(reflecting: local).child("fileNameLength") as? UInt16,
      let extraLength = Mirror(reflecting: local).child("extraFieldLength") as? UInt16
    else { return nil }
    guard offset32 != UInt32.max else { return nil }
    return UInt64(offset32) + 30 + UInt64(nameLength) + UInt64(extraLength)
  }
}

extension Mirror {
  fileprivate func child(_ label: String) -> Any? {
    children.first { $0.label == label }?.value
  }
}

/// A raw-deflate stream (zip's method 8) through zlib, fed exactly the bytes it is given.
///
/// The `z_stream` lives on the heap: zlib keeps a pointer back to it and refuses a stream that
/// has moved.
private final class Inflater {
  private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
  private var buffer = [UInt8](repeating: 0, count: 64 * 1024)
  private(set) var finished = false

  init() throws(ZipReadError) {
    stream.initialize(to: z_stream())
    let status = inflateInit2_(stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else {
      stream.deinitialize(count: 1)
      stream.deallocate()
      throw .corrupt("zlib refused to start (status \(status))")
    }
  }

  deinit {
    inflateEnd(stream)
    stream.deinitialize(count: 1)
    stream.deallocate()
  }

  /// Inflates all of `input` (or up to the end of the stream), appending to `output`.
  func inflate(_ input: Data, into output: inout Data, limit: UInt64) throws(ZipReadError) {
    var status = Z_OK
    var overflow = false
    input.withUnsafeBytes { inBytes in
      stream.pointee.next_in = UnsafeMutablePointer(mutating: inBytes.bindMemory(to: Bytef.self).baseAddress)
      stream.pointee.avail_in = uInt(inBytes.count)
      repeat {
        status = buffer.withUnsafeMutableBytes { outBytes in
          stream.pointee.next_out = outBytes.bindMemory(to: Bytef.self).baseAddress
          stream.pointee.avail_out = uInt(outBytes.count)
          return CZlib.inflate(stream, Z_NO_FLUSH)
        }
        let produced = buffer.count - Int(stream.pointee.avail_out)
        if UInt64(output.count + produced) > limit {
          overflow = true
          break
        }
        output.append(contentsOf: buffer[..<produced])
        // Go on while zlib has input left or filled the whole buffer (more output may wait).
      } while status == Z_OK && (stream.pointee.avail_in > 0 || stream.pointee.avail_out == 0)
      stream.pointee.next_in = nil
    }
    if overflow { throw .tooLarge(limit: limit) }
    switch status {
    case Z_STREAM_END: finished = true
    case Z_OK, Z_BUF_ERROR: break  // all input taken: the stream wants more
    default:
      let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib status \(status)"
      throw .corrupt(message)
    }
  }
}
