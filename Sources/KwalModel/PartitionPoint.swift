extension RandomAccessCollection {
  /// The first index whose element satisfies `isAfter`, or `endIndex`: a binary search in a
  /// collection where every element that satisfies `isAfter` follows every element that does not
  /// (ranges sorted by start, and "starts at or after x"). Every ordered look-up of the project
  /// (units around a coding, the segment holding an offset, the token range of a unit) is one.
  @inlinable
  public func partitionPoint(where isAfter: (Element) throws -> Bool) rethrows -> Index {
    var low = startIndex
    var count = self.count
    while count > 0 {
      let half = count / 2
      let middle = index(low, offsetBy: half)
      if try isAfter(self[middle]) {
        count = half
      } else {
        low = index(after: middle)
        count -= half + 1
      }
    }
    return low
  }
}
