import ArgumentParser
import Foundation
import KwalKit

/// `kwal runs`: the runs of an output folder.
struct RunsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "runs",
    abstract: "List the runs of an output folder: when, which codebook (and its hash), how much was coded again.",
    discussion: """
      Every kwal code into a folder is logged in its project store, kwal.sqlite. A folder
      written before stores existed is upgraded in place: its codings become run 1 (upgraded).

      Examples:
        kwal runs kwal-out
        kwal runs kwal-out --format csv
      """)

  @Argument(help: "The output folder.")
  var folder: String

  @Option(help: "md (default), csv or json.")
  var format = "md"

  func run() throws {
    try Failures.run {
      let runs = try History.runs(URL(fileURLWithPath: folder))
      FileHandle.standardOutput.write(try History.renderRuns(runs, format: format))
    }
  }
}

/// `kwal diff`: the codings gained and lost between two folders or two runs.
struct DiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "List every coding gained or lost between two output folders, or two runs of one (OUT@3 OUT@5).",
    discussion: """
      A coding is its document, start, end and code: one whose span and code stayed but whose
      rule changed is not a change (--all lists those too, as ~). This is what a codebook edit did.

      CSV columns: change (+ or -, ~ with --all), document, start, end, code, case, unit, rule,
      text, coder, previous_rule. md and json add a summary per code (before, after, gained, lost).

      Examples:
        kwal diff kwal-out@1 kwal-out@2 --format csv > changes.csv
        kwal diff old-out new-out --format md
      """)

  @Argument(help: "The first folder, or FOLDER@N for run N of its store.")
  var before: String

  @Argument(help: "The second folder, or FOLDER@N.")
  var after: String

  @Option(help: "csv (default), md or json.")
  var format = "csv"

  @Flag(help: "Also list codings whose rule changed while span and code stayed (change ~).")
  var all = false

  @Flag(help: "Compare the learned cues' suggestions too, not only the rule codings.")
  var suggestions = false

  func run() throws {
    try Failures.run {
      FileHandle.standardOutput.write(
        try History.diff(before, after, format: format, all: all, suggestions: suggestions))
    }
  }
}
