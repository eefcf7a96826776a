import Foundation
import KwalAnalysis

/// `kwal-bench agreement generate FILE [CODERS UNITS CATEGORIES]`: writes deterministic reliability
/// data (coder-major bytes, 255 = missing) for Kwal and its peers to read.
/// `kwal-bench agreement alpha FILE CODERS UNITS CATEGORIES LEVEL`: loads it and times alpha,
/// printed as one tab-separated line: load seconds, alpha seconds, alpha, peak RSS in MB.
enum AgreementBench {
  static func run(_ arguments: [String]) -> Int32 {
    guard let command = arguments.first, arguments.count >= 2 else { return usage() }
    let path = arguments[1]
    let numbers = arguments.dropFirst(2).prefix(3).compactMap { Int($0) }
    let (coders, units, categories) = numbers.count == 3 ? (numbers[0], numbers[1], numbers[2]) : (10, 1_000_000, 10)
    switch command {
    case "generate":
      return generate(path: path, coders: coders, units: units, categories: categories)
    case "alpha":
      let level = MeasurementLevel(rawValue: arguments.count > 5 ? arguments[5] : "nominal") ?? .nominal
      return alpha(path: path, coders: coders, units: units, categories: categories, level: level)
    default:
      return usage()
    }
  }

  static func usage() -> Int32 {
    print("usage: kwal-bench agreement generate|alpha FILE [CODERS UNITS CATEGORIES] [LEVEL]")
    return 64
  }

  /// Each unit has a true category; each coder gives it with probability 0.7, else a random
  /// category; 5% of values are missing. SplitMix64 with seed 2024, so every run is the same data.
  static func generate(path: String, coders: Int, units: Int, categories: Int) -> Int32 {
    var generator = SplitMix64(seed: 2024)
    var truth = [UInt8](repeating: 0, count: units)
    for u in 0..<units { truth[u] = UInt8(generator.next() % UInt64(categories)) }
    var bytes = [UInt8](repeating: 255, count: coders * units)
    for c in 0..<coders {
      for u in 0..<units {
        let r = generator.nextUnit()
        if r < 0.05 { continue }
        bytes[c * units + u] = r < 0.75 ? truth[u] : UInt8(generator.next() % UInt64(categories))
      }
    }
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
      print("error: cannot write \(path)")
      return 73
    }
    return 0
  }

  static func alpha(path: String, coders: Int, units: Int, categories: Int, level: MeasurementLevel) -> Int32 {
    let clock = ContinuousClock()
    func seconds(_ duration: Duration) -> Double {
      Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
    let loadStart = clock.now
    guard let data = FileManager.default.contents(atPath: path), data.count == coders * units else {
      print("error: \(path) does not hold \(coders) × \(units) bytes")
      return 66
    }
    // Coder-major bytes → unit-major category indices.
    var cells = [Int32](repeating: -1, count: coders * units)
    data.withUnsafeBytes { raw in
      for c in 0..<coders {
        for u in 0..<units {
          let value = raw[c * units + u]
          if value != 255 { cells[u * coders + c] = Int32(value) }
        }
      }
    }
    let table: ReliabilityData
    do {
      table = try ReliabilityData(
        coders: (0..<coders).map { "c\($0)" }, units: (0..<units).map { _ in "" },
        categories: (0..<categories).map(String.init), numbers: (0..<categories).map(Double.init), cells: cells)
    } catch {
      print("error: \(error)")
      return 1
    }
    let loaded = clock.now - loadStart
    let start = clock.now
    let value: Double?
    do {
      value = try Reliability.alpha(table, level: level).value
    } catch {
      print("error: \(error)")
      return 1
    }
    let elapsed = clock.now - start
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let peak = Double(usage.ru_maxrss) / 1024
    print(
      "\(String(format: "%.3f", seconds(loaded)))\t\(String(format: "%.3f", seconds(elapsed)))\t\(value.map { String($0) } ?? "undefined")\t\(String(format: "%.0f", peak))"
    )
    return 0
  }
}
