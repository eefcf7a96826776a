import KwalText
import Testing

@Suite("Byte interner")
struct ByteInternerTests {
  /// Words of every length up to twenty bytes that share long prefixes (the hash reads eight bytes
  /// at a time) plus multibyte ones.
  static let words: [String] = {
    var words: [String] = [""]
    for length in 1...20 {
      words.append(String(repeating: "a", count: length))
      words.append(String(repeating: "a", count: length - 1) + "b")
      words.append("samenwerking".prefix(min(length, 12)) + String(repeating: "x", count: max(0, length - 12)))
    }
    // Words of one length that differ in one byte only, at every position (short words are
    // compared as overlapping words).
    for length in 1...20 {
      for position in 0..<length {
        var bytes = [UInt8](repeating: UInt8(ascii: "k"), count: length)
        bytes[position] = UInt8(ascii: "q")
        words.append(String(decoding: bytes, as: UTF8.self))
      }
    }
    // Long words (a slot keeps the length up to 255): of one length past it, differing in the
    // last byte, and of lengths around it.
    for length in [254, 255, 256, 300, 301] {
      words.append(String(repeating: "l", count: length))
      words.append(String(repeating: "l", count: length - 1) + "m")
    }
    return words + ["coöperatie", "coöperaties", "🙂", "🙂🙂", "naïef"]
  }()

  @Test func idsAreDenseStableAndInFirstSeenOrder() {
    var interner = ByteInterner(capacity: 4)  // small: the table grows several times
    var expected: [String: UInt32] = [:]
    for word in Self.words {
      var bytes = Array(word.utf8)
      let (id, isNew) = bytes.withUnsafeMutableBufferPointer { interner.intern(UnsafeBufferPointer($0)) }
      if let known = expected[word] {
        #expect(id == known && !isNew, "\(word)")
      } else {
        #expect(isNew && id == UInt32(expected.count), "\(word)")
        expected[word] = id
      }
    }
    #expect(interner.count == expected.count)
    // Again, after all the growing: the same ids, nothing new, the same text back.
    for (word, id) in expected {
      var bytes = Array(word.utf8)
      let again = bytes.withUnsafeMutableBufferPointer { interner.intern(UnsafeBufferPointer($0)) }
      #expect(again.id == id && !again.isNew)
      #expect(interner.string(id) == word)
    }
  }

  @Test func findLooksUpWithoutInterning() {
    var interner = ByteInterner(capacity: 4)
    for word in Self.words.prefix(40) {
      var bytes = Array(word.utf8)
      _ = bytes.withUnsafeMutableBufferPointer { interner.intern(UnsafeBufferPointer($0)) }
    }
    let count = interner.count
    for (index, word) in Self.words.enumerated() {
      var bytes = Array(word.utf8)
      let found = bytes.withUnsafeMutableBufferPointer { interner.find(UnsafeBufferPointer($0)) }
      if index < 40 {
        #expect(found.map { interner.string($0) } == word)
      } else if !Self.words.prefix(40).contains(word) {
        #expect(found == nil, "\(word)")
      }
    }
    #expect(interner.count == count)
  }
}
