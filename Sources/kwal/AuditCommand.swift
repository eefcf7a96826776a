import ArgumentParser
import Foundation
import KwalKit
import KwalModel

/// `kwal audit`: the consistency audit of a coding output against its codebook.
struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract: "Check a coding output for consistency with its codebook, corpus and other coders.",
    discussion: """
      Findings, with severity, location and count: codes never applied, codes not in the
      codebook, rules that never fire, codings in excluded speakers' turns, duplicate and
      zero-length segments, codings whose offsets do not match their text (exactly with
      --corpus, else against documents.csv lengths), a coder using a code far more or less
      often than the others (chi-square test), and agreement that drifts across phases or
      over time. Checks that cannot run are listed with why.

      Exit status: 0, or 1 when --fail-on is given and a finding is at least that serious.

      Examples:
        kwal audit kwal-out --codebook Codebooks/lastmile.yaml --corpus Corpus
        kwal audit alle-codeurs.csv --codebook Codebooks/lastmile.yaml --format json
        kwal audit kwal-out --codebook Codebooks/lastmile.yaml --fail-on error
      """)

  @Argument(help: "A coding output: a kwal code folder or a codings CSV file.")
  var coding: String

  @Option(help: "The codebook (YAML).")
  var codebook: String

  @Option(help: "The corpus folder, to check every coding's offsets against its text.")
  var corpus: String?

  @Option(help: "Output format: text, json or csv.")
  var format: String = "text"

  @Option(help: "Exit 1 when a finding is at least this serious: warning or error.")
  var failOn: String?

  func validate() throws {
    guard AuditFormat(rawValue: format) != nil else {
      throw ValidationError("unknown format \"\(format)\" (use text, json or csv)")
    }
    if let failOn, failOn != "warning" && failOn != "error" {
      throw ValidationError("unknown --fail-on \"\(failOn)\" (use warning or error)")
    }
  }

  func run() throws {
    try Failures.run {
      let (report, diagnostics) = try AuditCoding.run(
        coding: URL(fileURLWithPath: coding), codebook: URL(fileURLWithPath: codebook),
        corpus: corpus.map { URL(fileURLWithPath: $0) })
      Diagnostics.report(diagnostics)
      print(try AuditCoding.render(report, format: AuditFormat(rawValue: format) ?? .text), terminator: "")
      if let failOn, let threshold = Severity(rawValue: failOn), AuditCoding.fails(report, at: threshold) {
        throw ExitCode(1)
      }
    }
  }
}
