import Foundation
import KwalKit
import Synchronization
import Testing

@Suite("The progress line")
struct ProgressLineTests {
  final class Recorder: Sendable {
    let written = Mutex<[String]>([])
    let clock = Mutex<Double>(0)
    var output: ProgressLine.Output {
      ProgressLine.Output(
        write: { text in self.written.withLock { $0.append(text) } }, now: { self.clock.withLock { $0 } })
    }
  }

  @Test("Redrawn in place at most four times a second, with the rate and the time left; cleared at the end")
  func redrawsAndClears() {
    let recorder = Recorder()
    let line = ProgressLine(label: "kwal code", unit: "documents", total: 1200, enabled: true, output: recorder.output)
    for step in 1...1000 {
      recorder.clock.withLock { $0 = Double(step) * 0.01 }  // ten seconds in all
      line.advance(bytes: 10_000)
    }
    line.finish()
    let written = recorder.written.withLock { $0 }
    // 10 s at no more than one drawing per 0.25 s, and the clearing.
    #expect(written.count >= 30 && written.count <= 42, "\(written.count)")
    #expect(written.allSatisfy { $0.hasPrefix("\r\u{1B}[K") })
    let last = written.dropLast().last ?? ""
    #expect(
      last.hasPrefix("\r\u{1B}[Kkwal code: 9") && last.hasSuffix(" of 1,200 documents, 1.0 MB/s, 0:02 left"), "\(last)")
    #expect(written.last == "\r\u{1B}[K")
  }

  @Test("Off (not a terminal, or --quiet): nothing at all is written")
  func silentWhenOff() {
    let recorder = Recorder()
    let line = ProgressLine(label: "kwal code", unit: "documents", total: 10, enabled: false, output: recorder.output)
    for _ in 0..<10 { line.advance(bytes: 1) }
    line.finish()
    #expect(recorder.written.withLock { $0 }.isEmpty)
  }
}
