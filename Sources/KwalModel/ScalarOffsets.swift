/// Converts UTF-8 byte offsets into Unicode scalar offsets for one text.
///
/// Every offset a user sees (CSV, JSON, CoNLL-U, REFI-QDA, reports) is a 0-based, end-exclusive
/// Unicode scalar offset, so that Python's `text[start:end]` gives the coded text back. Kwal
/// keeps UTF-8 byte offsets inside and converts here, in one place.
///
/// The table holds the scalar count before every 64-byte block, so a lookup counts at most 63
/// bytes. Pure ASCII text needs no table at all.
public struct ScalarOffsets: Sendable {
  private static let blockShift = 6
  private let utf8: [UInt8]
  private let blockStarts: [Int]
  private let isASCII: Bool

  /// Builds the table for `text`.
  public init(_ text: String) {
    let bytes = Array(text.utf8)
    self.utf8 = bytes
    var ascii = true
    for byte in bytes where byte >= 0x80 {
      ascii = false
      break
    }
    self.isASCII = ascii
    if ascii {
      self.blockStarts = []
      return
    }
    let blockSize = 1 << Self.blockShift
    var starts: [Int] = []
    starts.reserveCapacity(bytes.count / blockSize + 1)
    var scalars = 0
    bytes.withUnsafeBufferPointer { buffer in
      var index = 0
      if let base = UnsafeRawPointer(buffer.baseAddress) {
        // Whole blocks, eight bytes at a time (see ``scalarOffset(ofByte:)``).
        while index + blockSize <= buffer.count {
          starts.append(scalars)
          for offset in stride(from: index, to: index + blockSize, by: 8) {
            let word = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            scalars += (((~word >> 7) | (word >> 6)) & 0x0101_0101_0101_0101).nonzeroBitCount
          }
          index += blockSize
        }
      }
      if index < buffer.count { starts.append(scalars) }
    }
    self.blockStarts = starts
  }

  /// The number of Unicode scalars in the whole text.
  public var scalarCount: Int { scalarOffset(ofByte: utf8.count) }

  /// The scalar offset of the scalar that starts at (or contains) byte `byte`.
  ///
  /// Offsets past the end are clamped to the end of the text.
  public func scalarOffset(ofByte byte: Int) -> Int {
    let byte = min(max(0, byte), utf8.count)
    if isASCII { return byte }
    let block = byte >> Self.blockShift
    var count = block < blockStarts.count ? blockStarts[block] : (blockStarts.last ?? 0)
    var index = block << Self.blockShift
    if block >= blockStarts.count {
      index = (blockStarts.count - 1) << Self.blockShift
      if index < 0 { return 0 }
    }
    return utf8.withUnsafeBufferPointer { bytes in
      // Eight bytes at a time: a byte starts a scalar unless it is 0b10xxxxxx.
      if let base = UnsafeRawPointer(bytes.baseAddress) {
        while index + 8 <= byte {
          let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
          let starts = ((~word >> 7) | (word >> 6)) & 0x0101_0101_0101_0101
          count += starts.nonzeroBitCount
          index += 8
        }
      }
      while index < byte {
        if bytes[index] & 0xC0 != 0x80 { count += 1 }
        index += 1
      }
      return count
    }
  }

  /// The scalar range for a byte range.
  public func scalarRange(_ range: ByteRange) -> (start: Int, end: Int) {
    (scalarOffset(ofByte: range.start), scalarOffset(ofByte: range.end))
  }

  /// The byte offset of scalar number `scalar` (the inverse of ``scalarOffset(ofByte:)``).
  public func byteOffset(ofScalar scalar: Int) -> Int? {
    if scalar < 0 { return nil }
    if isASCII { return scalar <= utf8.count ? scalar : nil }
    // Binary search for the last block that starts at or before the scalar.
    var low = 0
    var high = blockStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if blockStarts[mid] <= scalar { low = mid } else { high = mid - 1 }
    }
    var index = low << Self.blockShift
    var count = blockStarts.isEmpty ? 0 : blockStarts[low]
    while index < utf8.count {
      if utf8[index] & 0xC0 != 0x80 {
        if count == scalar { return index }
        count += 1
      }
      index += 1
    }
    return count == scalar ? utf8.count : nil
  }
}
