/// Decodes one Unicode scalar from valid UTF-8 at `index`: its value and its length in bytes.
///
/// Kwal's texts come from Swift strings, so the bytes are valid UTF-8; a stray continuation
/// byte is still consumed as a one-byte scalar so that scanning always advances.
@inline(__always)
func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, length: Int) {
  let lead = bytes[index]
  if lead < 0x80 { return (UInt32(lead), 1) }
  let count = bytes.count
  if lead & 0xE0 == 0xC0, index + 1 < count {
    return ((UInt32(lead & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F), 2)
  }
  if lead & 0xF0 == 0xE0, index + 2 < count {
    let value = (UInt32(lead & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6)
      | UInt32(bytes[index + 2] & 0x3F)
    return (value, 3)
  }
  if lead & 0xF8 == 0xF0, index + 3 < count {
    let value = (UInt32(lead & 0x07) << 18) | (UInt32(bytes[index + 1] & 0x3F) << 12)
      | (UInt32(bytes[index + 2] & 0x3F) << 6) | UInt32(bytes[index + 3] & 0x3F)
    return (value, 4)
  }
  return (0xFFFD, 1)
}
