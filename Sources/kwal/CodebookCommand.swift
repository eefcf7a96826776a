import ArgumentParser
import Foundation
import KwalKit
import KwalModel

/// `kwal codebook`: check, test and explain a codebook.
struct CodebookCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "codebook",
    abstract: "Check a codebook, run its examples, explain which rules fire on a sentence, or learn cue weights.",
    subcommands: [Lint.self, Test.self, Explain.self, Learn.self])

  struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "lint",
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
      commandName: "test",
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

  struct Learn: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "learn",
      abstract: "Learn cue weights for the codes from coded texts, for the codebook's `learned:` file.",
      discussion: """
        Fits, for every codable code with at least three coded texts, a logistic model over the
        words of a text (Snowball stems, known parts of compounds, pairs of adjacent stems) to
        the codebook's own example sentences and the texts of the CSV files. A file has a `text` column and either `codes`
        (the text's codes separated by `|`, empty for none) or `code` (one coding per row, as in
        a coding CSV). The weights are written as JSON (by default to the file the codebook's
        `learned:` names, else `<codebook>.learned.json`); name it in the codebook with
        `learned: <file>` and `kwal code` gives a sentence a code when its cues reach the
        threshold, as rule `learned`; a sentence that follows one with a code, in the same
        paragraph and turn, gets the code when its cues reach the lower --continuation
        probability, as rule `learned-context`.

        Examples:
          kwal codebook learn Codebooks/lastmile.yaml Codebooks/dev/lastmile-dev.csv
          kwal codebook learn my.yaml coded-by-hand.csv --output my.learned.json --threshold 0.8
        """)

    @Argument(help: "The codebook (YAML).")
    var file: String

    @Argument(help: "CSV files of coded texts (columns text and codes, or text and code).")
    var examples: [String] = []

    @Option(help: "Where to write the cues (default: the codebook's learned: file, else <codebook>.learned.json).")
    var output: String?

    @Option(parsing: .unconditional, help: "The probability a sentence must reach to get a code (between 0 and 1).")
    var threshold: Double = CodebookTools.defaultThreshold

    @Option(
      parsing: .unconditional,
      help: ArgumentHelp(
        "The probability a sentence must reach to continue a code of the sentence before it (same paragraph and turn).",
        discussion:
          "Between 0 and --threshold (default: 0.1 when below the threshold); such codings list rule learned-context."))
    var continuation: Double?

    @Flag(help: "A sentence never continues a code of the sentence before it (no learned-context codings).")
    var noContinuation = false

    @Option(parsing: .unconditional, help: "The inverse regularisation strength C (larger: closer fit to the texts).")
    var regularisation: Double = 1.0

    @Option(parsing: .unconditional, help: "A cue must occur in at least this many texts.")
    var minTexts: Int = 2

    @Option(parsing: .unconditional, help: "Leave out weights closer to zero than this (a smaller, faster file).")
    var smallestWeight: Double = CodebookTools.defaultSmallestWeight

    @Flag(help: "Leave out the codebook's own example sentences.")
    var noExamples = false

    func validate() throws {
      guard threshold > 0 && threshold < 1 else { throw ValidationError("--threshold must be between 0 and 1") }
      if let continuation {
        guard !noContinuation else { throw ValidationError("give either --continuation or --no-continuation") }
        guard continuation > 0 && continuation < threshold else {
          throw ValidationError(
            "--continuation must be between 0 and the threshold (\(threshold)), or use --no-continuation")
        }
      }
      guard regularisation >= 1e-6 && regularisation <= 1e6 else {
        throw ValidationError("--regularisation must be between 0.000001 and 1000000")
      }
      guard minTexts >= 1 else { throw ValidationError("--min-texts must be at least 1") }
      guard smallestWeight >= 0 && smallestWeight.isFinite else {
        throw ValidationError("--smallest-weight must be zero or a positive number")
      }
    }

    func run() throws {
      try Failures.run {
        let report = try CodebookTools.learn(
          URL(fileURLWithPath: file), from: examples.map { URL(fileURLWithPath: $0) },
          output: output.map { URL(fileURLWithPath: $0) }, threshold: threshold,
          continuation: noContinuation ? nil : CodebookTools.continuation(continuation, threshold: threshold),
          regularisation: regularisation,
          minimumTexts: minTexts, smallestWeight: smallestWeight, includingExamples: !noExamples,
          progress: ProgressLine.wanted(quiet: false))
        print(
          "kwal: learned cues for \(report.codes.count) code(s) from \(report.texts) text(s) → \(report.output.path)")
        for code in report.codes {
          print("  \(code.code): \(code.positives) coded text(s), \(code.cues) cue(s)")
        }
        if !report.skipped.isEmpty {
          print("  fewer than 3 coded texts, not learned: \(report.skipped.joined(separator: ", "))")
        }
        if !report.named {
          print("Add to the codebook to use them: learned: \(report.reference)")
        }
      }
    }
  }

  struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "explain",
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

    @Option(help: "The speaker's role: respondent, interviewer, chair, member, minister or executive.")
    var role: String = "respondent"

    @Option(help: "Explain only this code's rules and cues.")
    var code: String?

    func validate() throws {
      guard SpeakerRole(rawValue: role) != nil else {
        throw ValidationError(
          "--role must be one of " + SpeakerRole.allCases.map(\.rawValue).joined(separator: ", "))
      }
    }

    func run() throws {
      try Failures.run {
        let reports = try CodebookTools.explain(
          URL(fileURLWithPath: file), text: text, role: SpeakerRole(rawValue: role) ?? .respondent, code: code)
        if reports.isEmpty {
          print(
            code.map { "No pattern of a rule of \($0) matches this text." }
              ?? "No pattern of any rule matches this text.")
        }
        for report in reports {
          print("\(report.fired ? "FIRES" : "does not fire") \(report.rule) → \(report.code)")
          for reason in report.reasons { print("  \(reason)") }
        }
      }
    }
  }
}
