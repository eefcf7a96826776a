/// Where in a recording or a printed document a byte offset of a document's text lies: the
/// timestamp of the turn or cue around it (captions, timestamped transcripts) and the PDF page.
/// Built once per document; each look-up is a binary search.
public struct DocumentPlaces: Sendable {
  private let stamps: [(range: ByteRange, value: String)]
  private let pages: [(range: ByteRange, value: Int)]

  /// Collects the timestamped segments and the pages of `document`.
  public init(_ document: Document) {
    var stamps: [(range: ByteRange, value: String)] = []
    var pages: [(range: ByteRange, value: Int)] = []
    for segment in document.segments {
      if segment.kind.rawValue == "page", let number = segment.metadata["number"].flatMap(Int.init) {
        pages.append((segment.range, number))
      } else if let stamp = segment.metadata["timestamp"], segment.kind == .turn || segment.kind == .paragraph {
        stamps.append((segment.range, stamp))
      }
    }
    self.stamps = stamps.sorted { $0.range.start < $1.range.start }
    self.pages = pages.sorted { $0.range.start < $1.range.start }
  }

  /// The timestamp of the segment holding byte `offset`, if any.
  public func timestamp(at offset: Int) -> String? { Self.find(stamps, offset)?.value }

  /// The page holding byte `offset`, if the document has pages.
  public func page(at offset: Int) -> Int? { Self.find(pages, offset)?.value }

  private static func find<Value>(_ items: [(range: ByteRange, value: Value)], _ offset: Int) -> (
    range: ByteRange, value: Value
  )? {
    let low = items.partitionPoint { $0.range.start > offset }
    var index = low - 1
    // Nested segments: the innermost holding the offset started last.
    while index >= 0 {
      if items[index].range.end > offset || items[index].range.start == offset { return items[index] }
      if low - index > 8 { break }
      index -= 1
    }
    return nil
  }
}
