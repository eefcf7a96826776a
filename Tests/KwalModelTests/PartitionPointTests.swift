import KwalModel
import Testing

@Suite("The partition point of an ordered collection")
struct PartitionPointTests {
  /// Against a linear scan: every threshold below, between, on and above the values of sorted
  /// arrays of every length up to 12 (with repeats), and on slices that do not start at 0.
  @Test func agreesWithALinearScan() {
    for length in 0...12 {
      let values = (0..<length).map { $0 / 2 * 3 }
      for threshold in -1...(length * 2 + 1) {
        let expected = values.firstIndex { $0 >= threshold } ?? values.endIndex
        #expect(values.partitionPoint { $0 >= threshold } == expected, "\(values) ≥ \(threshold)")
        let slice = values.dropFirst(length / 3)
        let expectedInSlice = slice.firstIndex { $0 > threshold } ?? slice.endIndex
        #expect(slice.partitionPoint { $0 > threshold } == expectedInSlice, "\(slice) > \(threshold)")
      }
    }
  }
}
