/// Decodes one Unicode scalar from UTF-8 at `index`: its value and its length in bytes.
///
/// Kwal's texts come from Swift strings, so the bytes are normally valid UTF-8. Raw bytes are
/// still safe: a lead byte without its continuation bytes, or a stray continuation byte, is
/// consumed as one byte with the value U+FFFD, so scanning always advances and never splits a
/// valid scalar.
@inline(__always)
func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, length: Int) {
  let lead = bytes[index]
  if lead < 0x80 { return (UInt32(lead), 1) }
  let count = bytes.count
  @inline(__always) func isContinuation(_ offset: Int) -> Bool {
    index + offset < count && bytes[index + offset] & 0xC0 == 0x80
  }
  if lead & 0xE0 == 0xC0, lead >= 0xC2, isContinuation(1) {
    return ((UInt32(lead & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F), 2)
  }
  if lead & 0xF0 == 0xE0, isContinuation(1), isContinuation(2) {
    let value =
      (UInt32(lead & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6)
      | UInt32(bytes[index + 2] & 0x3F)
    return (value, 3)
  }
  if lead & 0xF8 == 0xF0, isContinuation(1), isContinuation(2), isContinuation(3) {
    let value =
      (UInt32(lead & 0x07) << 18) | (UInt32(bytes[index + 1] & 0x3F) << 12)
      | (UInt32(bytes[index + 2] & 0x3F) << 6) | UInt32(bytes[index + 3] & 0x3F)
    return (value, 4)
  }
  return (0xFFFD, 1)
}

/// Turns bytes that should be UTF-8 into a string, replacing every invalid sequence with
/// U+FFFD (as the Unicode standard recommends: one replacement per maximal invalid subpart).
public enum UTF8Repair {
  /// The text, and the byte offset of every invalid sequence that was replaced.
  public static func decode(_ bytes: some Collection<UInt8>) -> (text: String, invalidOffsets: [Int]) {
    // Valid text (nearly all of it) is checked and copied at once; only invalid text is walked
    // scalar by scalar.
    if let text = String(validating: bytes, as: UTF8.self) { return (text, []) }
    var scalars = String.UnicodeScalarView()
    var invalid: [Int] = []
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    loop: while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        scalars.append(Unicode.UTF8.decode(encoded))
        offset += encoded.count
      case .error(let length):
        invalid.append(offset)
        scalars.append("\u{FFFD}")
        offset += length
      case .emptyInput:
        break loop
      }
    }
    return (String(scalars), invalid)
  }
}
