import Dispatch
import Foundation
import KwalKit

/// What Ctrl-C and SIGTERM do: remove the temporary files of the run (previous outputs stay as
/// they were, since nothing replaces them before a run is complete) and exit with 128 + signal.
enum Interruption {
  /// The signal sources, kept alive for the whole process.
  nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

  /// Installs the handlers (once, before the command runs).
  static func install() {
    let queue = DispatchQueue(label: "kwal.signals")
    for number in [SIGINT, SIGTERM] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler {
        OutputFiles.removeTemporaries()
        printError("kwal: interrupted; unfinished output files removed, earlier outputs unchanged")
        exit(128 + number)
      }
      source.resume()
      sources.append(source)
    }
  }
}
