import Foundation
import KwalCoding
import KwalKit

/// `kwal-bench coding CORPUS CODEBOOK OUT JOBS`: one whole `kwal code` run in-process, timed,
/// printed as one tab-separated line: jobs, documents, bytes, seconds, MB/s, codings.
enum CodingBench {
  static func run(_ arguments: [String]) -> Int32 {
    guard arguments.count == 4, let jobs = Int(arguments[3]) else {
      print("usage: kwal-bench coding CORPUS CODEBOOK OUT JOBS")
      return 64
    }
    let clock = ContinuousClock()
    let start = clock.now
    do {
      let summary = try CodeCorpus.run(
        corpus: URL(fileURLWithPath: arguments[0]), codebook: URL(fileURLWithPath: arguments[1]),
        output: URL(fileURLWithPath: arguments[2]), jobs: jobs, full: true)
      let elapsed = clock.now - start
      let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
      let megabytes = Double(summary.bytes) / 1_000_000
      print(
        "\(jobs)\t\(summary.documents)\t\(summary.bytes)\t\(String(format: "%.3f", seconds))\t\(String(format: "%.2f", megabytes / seconds))\t\(summary.codings)"
      )
      return 0
    } catch {
      print("error: \(error)")
      return 1
    }
  }
}
