import Foundation
import KwalIngest
import KwalModel
import Testing
import KwalTestSupport

/// Reads `text` (or `data`) as if it were the corpus file `id`.
func ingest(
  _ id: String, _ text: String, settings: CorpusManifest.Settings = CorpusManifest.Settings(),
  interviewer: [String]? = nil
) throws -> (document: Document, diagnostics: [Diagnostic]) {
  try Corpus.document(id: id, data: Data(text.utf8), settings: settings, interviewer: interviewer)
}

/// Reads bytes as if they were the corpus file `id`.
func ingest(_ id: String, data: Data) throws -> (document: Document, diagnostics: [Diagnostic]) {
  try Corpus.document(id: id, data: data)
}

extension Document {
  /// The text of a segment.
  func text(of segment: Segment) -> String {
    let bytes = Array(text.utf8)
    return String(decoding: bytes[segment.range.start..<segment.range.end], as: UTF8.self)
  }

  /// The segments of a kind.
  func segments(_ kind: SegmentKind) -> [Segment] { segments.filter { $0.kind == kind } }

  /// The texts of the segments of a kind.
  func texts(_ kind: SegmentKind) -> [String] { segments(kind).map { text(of: $0) } }
}

/// Checks what every document must satisfy: ranges inside the text on scalar boundaries, block
/// segments that do not overlap, segments in text order.
func checkInvariants(_ document: Document, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
  let bytes = Array(document.text.utf8)
  var previous: Segment?
  var blockEnd = 0
  for segment in document.segments {
    #expect(
      segment.range.start >= 0 && segment.range.end <= bytes.count, "range \(segment.range) outside the text",
      sourceLocation: sourceLocation)
    #expect(segment.range.end > segment.range.start, "empty \(segment.kind) segment", sourceLocation: sourceLocation)
    if segment.range.start < bytes.count {
      #expect(
        bytes[segment.range.start] & 0xC0 != 0x80, "segment starts inside a scalar", sourceLocation: sourceLocation)
    }
    if segment.range.end < bytes.count {
      #expect(bytes[segment.range.end] & 0xC0 != 0x80, "segment ends inside a scalar", sourceLocation: sourceLocation)
    }
    if let previous {
      #expect(previous.range.start <= segment.range.start, "segments out of order", sourceLocation: sourceLocation)
    }
    if segment.kind.isBlock {
      #expect(
        segment.range.start >= blockEnd, "block \(segment.kind) at \(segment.range) overlaps the block before it",
        sourceLocation: sourceLocation)
      blockEnd = segment.range.end
    }
    previous = segment
  }
  #expect(!document.text.contains("\r"), "CR in the plain text", sourceLocation: sourceLocation)
  #expect(!document.text.hasPrefix("\u{FEFF}"), "BOM in the plain text", sourceLocation: sourceLocation)
}

/// A fresh temporary folder.
func temporaryFolder() throws -> URL {
  try Scratch.folder("kwal-ingest")
}

/// Writes `text` to `root/path`, creating folders.
func write(_ text: String, to path: String, in root: URL) throws {
  try write(Data(text.utf8), to: path, in: root)
}

/// Writes `data` to `root/path`, creating folders.
func write(_ data: Data, to path: String, in root: URL) throws {
  let url = root.appendingPathComponent(path)
  try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
  try data.write(to: url)
}
