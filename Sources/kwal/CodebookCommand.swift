import ArgumentParser
import Foundation
import KwalKit
import KwalModel

/// `kwal codebook`: check, test and explain a codebook.
struct CodebookCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "codebook",
    abstract: "Check a codebook, run its examples, or explain which rules fire on a sentence.",
    subcommands: [Lint.self, Test.self, Explain.self])

  struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print every diagnostic of a codebook; exit 0 when clean or with warnings only, 65 on any error.",
      discussion: """
        Examples:
          kwal codebook lint Codebooks/lastmile.yaml
        """)

    @Argument(help: "The codebook (YAML).")
    var file: String

    func run() throws {
      try Failures.run {
        let diagnostics = try CodebookTools.lint(URL(fileURLWithPath: file))
        for diagnostic in diagnostics { print(diagnostic.description) }
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        let notes = diagnostics.filter { $0.severity == .note }.count
        print("\(file): no errors, \(warnings) warning(s), \(notes) note(s)")
      }
    }
  }

  struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run every code's example sentences; exit 1 when any fails.",
      discussion: """
        Positive examples must receive their code, negative ones must not. An example is coded as
        one respondent turn (or the role the example names).

        Examples:
          kwal codebook test Codebooks/lastmile.yaml
        """)

    @Argument(help: "The codebook (YAML).")
    var file: String

    func run() throws {
      try Failures.run {
        let report = try CodebookTools.test(URL(fileURLWithPath: file))
        for failure in report.failures {
          let location = failure.location.map { "\($0): " } ?? ""
          print(
            "\(location)FAIL \(failure.positive ? "positive" : "negative") example of \(failure.code): \"\(failure.text)\""
          )
          print("  expected: \(failure.positive ? "" : "not ")\(failure.code)")
          print(
            "  actual:   \(failure.actualCodes.isEmpty ? "(no codes)" : failure.actualCodes.joined(separator: ", "))")
          if !failure.firedRules.isEmpty { print("  fired:    \(failure.firedRules.joined(separator: "; "))") }
        }
        print("\(report.total - report.failures.count) passed, \(report.failures.count) failed")
        if !report.failures.isEmpty { throw ExitCode(1) }
      }
    }
  }

  struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show which rules fire on a text and why (and why others almost did).",
      discussion: """
        Examples:
          kwal codebook explain Codebooks/lastmile.yaml --text "We hebben dat weer teruggekoppeld aan het gezamenlijke doel."
          kwal codebook explain Codebooks/lastmile.yaml --text "Hoe kijkt u daarop terug?" --role interviewer
        """)

    @Argument(help: "The codebook (YAML).")
    var file: String

    @Option(help: "The text to explain.")
    var text: String

    @Option(help: "The speaker's role: respondent or interviewer.")
    var role: String = "respondent"

    func validate() throws {
      guard SpeakerRole(rawValue: role) != nil else {
        throw ValidationError("--role must be respondent or interviewer")
      }
    }

    func run() throws {
      try Failures.run {
        let reports = try CodebookTools.explain(
          URL(fileURLWithPath: file), text: text, role: SpeakerRole(rawValue: role) ?? .respondent)
        if reports.isEmpty { print("No pattern of any rule matches this text.") }
        for report in reports {
          print("\(report.fired ? "FIRES" : "does not fire") \(report.rule) → \(report.code)")
          for reason in report.reasons { print("  \(reason)") }
        }
      }
    }
  }
}
