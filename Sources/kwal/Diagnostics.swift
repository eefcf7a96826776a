import KwalModel

/// The one way every command prints the diagnostics of its run: on standard error, one line
/// each (`file:line:column: severity: message`), notes left out under `--quiet`.
enum Diagnostics {
  static func report(_ diagnostics: [Diagnostic], quiet: Bool = false) {
    for diagnostic in diagnostics where !quiet || diagnostic.severity >= .warning {
      printError(diagnostic.description)
    }
  }
}
