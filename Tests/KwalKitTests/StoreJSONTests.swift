import Foundation
import KwalModel
import Testing

@testable import KwalKit

/// The store's JSON columns from the byte writer against what `JSONEncoder` wrote for them
/// before (`.sortedKeys`, `.withoutEscapingSlashes`).
@Suite("Store JSON")
struct StoreJSONTests {
  static func reference(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  @Test("a document's record, with and without its title and date")
  func records() throws {
    let records = [
      DocumentRecord(
        document: "case-01/a.txt", caseName: "Lindehof", kind: .interview, characters: 120, words: 20, tokens: 24,
        sentences: 3),
      DocumentRecord(
        document: "c\"d\\e/ü.html", caseName: "", kind: .minutes, title: "Titel / met \u{2028} en \t",
        date: "2024-01-02",
        characters: 0, words: 0, tokens: 0, sentences: 0,
        attributes: ["a10": "1", "a2": "2", "B": "3", "é": "6", "e\u{301}x": "7", "😀": "", "a b": "\u{1}"]),
    ]
    // Every stored property reaches the writer (a property added later must be written too).
    #expect(Mirror(reflecting: records[0]).children.count == 10)
    for record in records {
      #expect(JSONBytesWriter.json { $0.write(record) } == (try Self.reference(record)))
    }
  }

  @Test("code counts, keys in the encoder's order")
  func counts() throws {
    for counts in [[:], ["shared-goal": 3, "bridging": 12, "Zeta": 0, "é": 1, "e\u{301}x": 2, "a b": -1]] {
      #expect(JSONBytesWriter.json { $0.write(counts) } == (try Self.reference(counts)))
    }
  }

  @Test("diagnostics, with and without a line and column")
  func diagnostics() throws {
    let lists: [[Diagnostic]] = [
      [],
      [
        Diagnostic(.warning, SourceLocation(file: "a/b.txt"), "empty document: no text"),
        Diagnostic(.note, SourceLocation(file: "x \"y\".docx", line: 4), "kind: minutes (\"Besluit\")"),
        Diagnostic(.error, SourceLocation(file: "ü/é.pdf", line: 12, column: 7), "bad\nline / \\ end"),
        Diagnostic(.warning, SourceLocation(file: "a\u{0}b", column: 3), "nul \u{0}, delete \u{7F}, tab \t"),
      ],
    ]
    #expect(Mirror(reflecting: lists[1][0]).children.count == 3)
    #expect(Mirror(reflecting: lists[1][0].location).children.count == 3)
    for diagnostics in lists {
      #expect(JSONBytesWriter.json { $0.write(diagnostics) } == (try Self.reference(diagnostics)))
    }
  }
}
