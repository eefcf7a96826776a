import KwalModel
import Testing

@Suite("Keys sorted by their UTF-8 bytes")
struct SortedByUTF8Tests {
  @Test("the order of the keys' bytes, for shared prefixes, NUL bytes, non-ASCII and long keys")
  func orderOfTheBytes() {
    var generator = SplitMix(seed: 20_261_207)
    let alphabet: [String] = ["a", "b", "z", "A", "é", "e\u{301}", "\u{0}", " ", "😀", "ß", "1"]
    for round in 0..<50 {
      var values: [String: Int] = [:]
      for number in 0..<(round * 7 + 1) {
        let length = Int.random(in: 0...12, using: &generator)
        let key = (0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "a" }.joined()
        values[key] = number
      }
      let expected = values.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
      #expect(values.sortedByUTF8Keys().map(\.key) == expected)
      #expect(values.sortedByUTF8Keys().allSatisfy { values[$0.key] == $0.value })
    }
    #expect([String: Int]().sortedByUTF8Keys().isEmpty)
    #expect(["abcdefgh": 1, "abcdefgh\u{0}": 2, "abcdefg": 3].sortedByUTF8Keys().map(\.value) == [3, 1, 2])
  }
}

/// A seeded generator (SplitMix64), so that a failing case comes back.
struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }
}
