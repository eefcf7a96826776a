import Foundation
import Testing

@testable import KwalKit

/// `kwal ingest`'s byte writer against what `JSONEncoder` writes for the same documents.
@Suite("Ingest JSON")
struct IngestJSONTests {
  static func encoder(_ format: IngestCorpus.Format) -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting =
      format == .json
      ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }

  /// The encoder's bytes: one pretty array, or one compact object per line.
  static func reference(_ documents: [IngestCorpus.DocumentJSON], _ format: IngestCorpus.Format) throws -> Data {
    let encoder = encoder(format)
    var data = Data()
    switch format {
    case .json:
      data = try encoder.encode(documents)
      data.append(0x0A)
    case .jsonl:
      for document in documents {
        data.append(try encoder.encode(document))
        data.append(0x0A)
      }
    }
    return data
  }

  static var controls: String {
    var text = ""
    for value in 0..<32 { text.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
    return text
  }

  static let documents: [IngestCorpus.DocumentJSON] = [
    IngestCorpus.DocumentJSON(
      id: "a/b", path: "/corpus/a/b.html", kind: "blog", caseName: "Lindehof", title: nil, date: nil,
      attributes: [:], text: "", segments: [], diagnostics: []),
    IngestCorpus.DocumentJSON(
      id: "c\"d\\e", path: "/x/ü/c.txt", kind: "interview", caseName: "", title: "Titel \u{2028} met / slash",
      date: "2024-01-02",
      attributes: [
        "a10": "1", "a2": "2", "B": "3", "a": "4", "_x": "5", "é": "6", "e\u{301}x": "7", "éa": "8", "Z": "",
        "a b": "\t",
        "😀": "emoji", "ß": "s", "\u{FFFD}": "", "\u{E000}": "",
      ],
      text: "Regel één\r\nregel twee\u{7F}" + controls + "\u{FEFF}\"\\/",
      segments: [
        .init(
          kind: "turn", start: 0, end: 12, speaker: "R1", role: "respondent", metadata: ["party": "SP", "title": ""]),
        .init(kind: "paragraph", start: 12, end: 13, speaker: nil, role: nil, metadata: nil),
        .init(kind: "turn", start: 13, end: 1_000_000, speaker: "", role: nil, metadata: [:]),
      ], diagnostics: ["note: één", "warning: \"x\""]),
  ]

  @Test(arguments: IngestCorpus.Format.allCases)
  func bytesAreTheEncoders(_ format: IngestCorpus.Format) throws {
    let written = IngestCorpus.encode(Self.documents, format: format)
    let expected = try Self.reference(Self.documents, format)
    #expect(String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    #expect(written == expected)
  }

  @Test(arguments: IngestCorpus.Format.allCases)
  func noDocuments(_ format: IngestCorpus.Format) throws {
    #expect(IngestCorpus.encode([], format: format) == (try Self.reference([], format)))
  }

  @Test func eachDocumentAloneAndTogether() throws {
    for format in IngestCorpus.Format.allCases {
      for document in Self.documents {
        #expect(IngestCorpus.encode([document], format: format) == (try Self.reference([document], format)))
      }
    }
  }
}
