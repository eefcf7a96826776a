import ArgumentParser
import Foundation
import KwalKit
import KwalModel

/// The one place where library errors become messages and sysexits codes.
enum Failures {
  /// The sysexits code of a failure kind: 64 usage, 65 bad data, 66 missing input,
  /// 69 a system library missing, 73 cannot create output, 74 I/O, 75 busy (try again later).
  static func exitCode(_ kind: FailureKind) -> Int32 {
    switch kind {
    case .usage: return 64
    case .badData: return 65
    case .missingInput: return 66
    case .cannotCreateOutput: return 73
    case .io: return 74
    case .busy: return 75
    case .unavailable: return 69
    }
  }

  /// Runs `body`, turning any Kwal failure into one line on standard error and its exit code.
  static func run(_ body: () throws -> Void) throws {
    do {
      try body()
    } catch let failure as any KwalFailure {
      let errors = failure.diagnostics.filter { $0.severity == .error }
      if errors.count > 1 {
        for diagnostic in failure.diagnostics { printError(diagnostic.description) }
      } else {
        printError(failure.description)
      }
      throw ExitCode(exitCode(failure.kind))
    }
  }
}

/// Writes a line to standard error.
func printError(_ line: String) {
  var stream = StandardError()
  print(line, to: &stream)
}

/// Standard error as a text stream.
struct StandardError: TextOutputStream {
  mutating func write(_ string: String) {
    FileHandle.standardError.write(Data(string.utf8))
  }
}
