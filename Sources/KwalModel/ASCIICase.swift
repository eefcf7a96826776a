extension StringProtocol {
  /// The text with ASCII capitals made small and every other byte as it is: enough to match
  /// ASCII words (the structure rules', a plain word's normal form) without the Unicode case
  /// mapping of `lowercased()`, which looks up every scalar of a text that holds one non-ASCII
  /// character.
  public var asciiLowercased: String {
    var copy = String(self)
    let lowered: String? = copy.withUTF8 { bytes in
      guard bytes.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return nil }
      return String(unsafeUninitializedCapacity: bytes.count) { target in
        for index in bytes.indices {
          let byte = bytes[index]
          target[index] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
        }
        return bytes.count
      }
    }
    return lowered ?? copy
  }
}
