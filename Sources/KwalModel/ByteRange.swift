/// A half-open range of UTF-8 byte offsets into a document's plain text.
///
/// Kwal works on UTF-8 bytes inside; users only ever see Unicode scalar offsets, which
/// ``ScalarOffsets`` computes in one place.
public struct ByteRange: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  /// The first byte of the range.
  public var start: Int
  /// The byte after the last byte of the range.
  public var end: Int

  /// Creates a range; `end` is clamped so that it is never before `start`.
  public init(_ start: Int, _ end: Int) {
    self.start = start
    self.end = max(start, end)
  }

  /// The number of bytes covered.
  public var count: Int { end - start }
  /// Whether the range covers no byte.
  public var isEmpty: Bool { end == start }

  /// Whether `other` lies entirely inside this range.
  public func contains(_ other: ByteRange) -> Bool { other.start >= start && other.end <= end }
  /// Whether the two ranges share at least one byte.
  public func overlaps(_ other: ByteRange) -> Bool { other.start < end && start < other.end }

  /// Orders by start, then by end.
  public static func < (lhs: ByteRange, rhs: ByteRange) -> Bool {
    lhs.start != rhs.start ? lhs.start < rhs.start : lhs.end < rhs.end
  }

  /// `start..<end`, for messages.
  public var description: String { "\(start)..<\(end)" }
}
