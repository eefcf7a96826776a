import KwalModel
import Testing

@Suite("Scalar offsets")
struct ScalarOffsetsTests {
  static let texts = [
    "", "ascii only", "café", "coöperatie beëindigd", "emoji 🙂 en 👩‍👩‍👧 familie", String(repeating: "é🙂a", count: 100),
    // Runs of ASCII between multibyte scalars at every alignment of the eight-byte counting.
    (1...40).map { String(repeating: "a", count: $0 % 9) + ["é", "€", "🙂"][$0 % 3] }.joined(),
  ]

  @Test(arguments: texts)
  func byteAndScalarOffsetsAreInverse(_ text: String) {
    let offsets = ScalarOffsets(text)
    let scalars = Array(text.unicodeScalars)
    #expect(offsets.scalarCount == scalars.count)
    var byte = 0
    for (index, scalar) in scalars.enumerated() {
      #expect(offsets.scalarOffset(ofByte: byte) == index)
      #expect(offsets.byteOffset(ofScalar: index) == byte)
      byte += String(scalar).utf8.count
    }
    #expect(offsets.scalarOffset(ofByte: byte) == scalars.count)
    #expect(offsets.byteOffset(ofScalar: scalars.count) == byte)
    #expect(offsets.byteOffset(ofScalar: scalars.count + 1) == nil)
  }

  @Test func recordsConvertCodingsAndMatchedWords() {
    let text = "Het café 🙂 overbrugd."
    let utf8 = Array(text.utf8)
    let start = utf8.count - "overbrugd.".utf8.count
    let coding = Coding(
      document: "d", caseName: "c", unit: .sentence, range: ByteRange(0, utf8.count), code: "x", coder: "auto:t@1",
      rules: ["r"], matches: [MatchedWords(range: ByteRange(start, start + 9), pattern: "stem: overbruggen")],
      text: text)
    let record = ScalarOffsets(text).record(coding, utf8: utf8)
    #expect(record.start == 0)
    #expect(record.end == text.unicodeScalars.count)
    #expect(record.matched == [MatchedWord(word: "overbrugd", start: 11, end: 20)])
  }

  @Test func ancestorsWalkTheTreeAndStopAtCycles() {
    let info = CodebookInfo(
      name: "t", version: "1",
      codes: [
        CodeDefinition(id: "a"), CodeDefinition(id: "b", parent: "a"), CodeDefinition(id: "c", parent: "b"),
        CodeDefinition(id: "x", parent: "y"), CodeDefinition(id: "y", parent: "x"),
      ])
    #expect(info.ancestors(of: "c") == ["b", "a"])
    #expect(info.ancestors(of: "a") == [])
    #expect(info.ancestors(of: "x") == ["y"])
  }
}
