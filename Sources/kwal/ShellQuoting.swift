import Foundation

/// The command line as it could be typed again, for run logs.
enum ShellQuoting {
  /// `argument` as a POSIX shell word: bare when it is safe, in single quotes otherwise.
  static func quoted(_ argument: String) -> String {
    let safe = argument.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        || "-_./=:@%+,".unicodeScalars.contains($0)
    }
    if safe && !argument.isEmpty { return argument }
    return "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  /// The process's command line, quoted, with the executable named `kwal`.
  static var commandLine: String {
    (["kwal"] + CommandLine.arguments.dropFirst()).map(quoted).joined(separator: " ")
  }
}
