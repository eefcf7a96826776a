import KwalModel
import Testing

/// The store's binary form of a document's record (``DocumentRecord/binaryForm()``): read back
/// as written, and anything else read as nothing, never as a wrong record or a fault.
@Suite("Binary forms")
struct BinaryFormTests {
  static let records = [
    DocumentRecord(
      document: "interviews/gemeente-01.txt", caseName: "Stadshub Zwolle", kind: .interview, title: "Interview één",
      date: "2024-03-01", characters: 12_345, words: 2_001, tokens: 2_300, sentences: 140,
      attributes: ["regio": "Overijssel", "rol": "gemeente", "": "leeg", "emoji": "🚲"]),
    DocumentRecord(
      document: "notulen.pdf", caseName: "", kind: .minutes, title: nil, date: nil, characters: 0, words: 0, tokens: 0,
      sentences: 0, attributes: [:]),
  ]

  @Test func recordsAreReadBackAsWritten() throws {
    for record in Self.records {
      let form = record.binaryForm()
      #expect(DocumentRecord(binaryForm: form) == record)
      // The same record gives the same bytes, whatever the order of its attributes.
      #expect(record.binaryForm() == form)
    }
  }

  @Test func cutOrChangedFormsAreReadAsNothing() {
    let form = Self.records[0].binaryForm()
    for length in 0..<form.count {
      #expect(DocumentRecord(binaryForm: Array(form[0..<length])) == nil, "cut at \(length)")
    }
    #expect(DocumentRecord(binaryForm: form + [0]) == nil, "a byte too many")
    var otherLayout = form
    otherLayout[otherLayout.firstIndex(of: UInt8(ascii: "1"))!] = UInt8(ascii: "2")
    #expect(DocumentRecord(binaryForm: otherLayout) == nil, "another layout's name")
    // A length far beyond the end (the first string's) is refused before anything is read.
    var writer = BinaryWriter()
    writer.bytes(Array("kwal-document-bin/1\n".utf8))
    writer.integer(Int.max)
    #expect(DocumentRecord(binaryForm: writer.output) == nil)
    writer = BinaryWriter()
    writer.bytes(Array("kwal-document-bin/1\n".utf8))
    writer.integer(-1)
    #expect(DocumentRecord(binaryForm: writer.output) == nil)
  }

  @Test func numbersAndStringsKeepEveryValue() {
    var writer = BinaryWriter()
    let integers = [0, 1, -1, Int.max, Int.min, 1 << 40]
    let doubles = [0.0, -0.0, 1.5, -3.25e-300, .infinity, Double.greatestFiniteMagnitude]
    for value in integers { writer.integer(value) }
    for value in doubles { writer.double(value) }
    writer.strings(["", "a", "één", "\u{0}"])
    writer.optionalString(nil)
    writer.optionalString("x")
    var reader = BinaryReader(writer.output)
    #expect(integers.map { _ in reader.integer() } == integers)
    #expect(doubles.map { _ in reader.double()?.bitPattern } == doubles.map(\.bitPattern))
    #expect(reader.strings() == ["", "a", "één", "\u{0}"])
    #expect(reader.optionalString() == .some(nil))
    #expect(reader.optionalString() == .some("x"))
    #expect(reader.atEnd)
    #expect(reader.integer() == nil)
  }

  @Test func codeCountsAreReadBackAsWritten() {
    let counts = ["municipality-role": 3, "costs": 1, "één": 0, "": 7]
    let form = CodeCountsForm.encode(counts)
    #expect(CodeCountsForm.decode(form) == counts)
    #expect(CodeCountsForm.decode(CodeCountsForm.encode([:])) == [:])
    for length in 0..<form.count {
      #expect(CodeCountsForm.decode(Array(form[0..<length])) == nil, "cut at \(length)")
    }
    #expect(CodeCountsForm.decode(form + [1]) == nil)
    #expect(CodeCountsForm.decode(DocumentRecord.binaryFormOfNothing) == nil)
  }
}

extension DocumentRecord {
  /// Another form's bytes: a record's, which counts must not be read from.
  static var binaryFormOfNothing: [UInt8] {
    DocumentRecord(
      document: "d", caseName: "", kind: .blog, title: nil, date: nil, characters: 0, words: 0, tokens: 0, sentences: 0,
      attributes: [:]
    ).binaryForm()
  }
}
