import KwalModel
import Testing

@Suite("Keys sorted by their UTF-8 bytes")
struct SortedByUTF8Tests {
  @Test("the order of the keys' bytes, for shared prefixes, NUL bytes, non-ASCII and long keys")
  func orderOfTheBytes() {
    // Every key of up to three pieces (shared prefixes, a NUL, multi-byte scalars, a canonical
    // equivalent apart), each also made longer than the eight bytes compared as one number.
    let pieces = ["a", "b", "A", "é", "e\u{301}", "\u{0}", "😀", "1"]
    var keys: Set<String> = [""]
    for first in pieces {
      keys.insert(first)
      for second in pieces {
        keys.insert(first + second)
        for third in pieces { keys.insert(first + second + third) }
      }
    }
    for key in Array(keys) { keys.insert("abcdefgh" + key) }
    var values: [String: Int] = [:]
    for (number, key) in keys.enumerated() { values[key] = number }
    let expected = values.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    #expect(values.sortedByUTF8Keys().map(\.key) == expected)
    #expect(values.sortedByUTF8Keys().allSatisfy { values[$0.key] == $0.value })
    #expect([String: Int]().sortedByUTF8Keys().isEmpty)
    #expect(["abcdefgh": 1, "abcdefgh\u{0}": 2, "abcdefg": 3].sortedByUTF8Keys().map(\.value) == [3, 1, 2])
  }
}
