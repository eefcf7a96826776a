import ArgumentParser
import Foundation
import KwalKit
import KwalModel

/// `kwal agree`: inter-coder agreement on tidy ratings or on coding outputs.
struct AgreeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "agree",
    abstract: "Inter-coder agreement: a reliability calculator, or agreement between coding outputs.",
    discussion: """
      With --ratings, reads a tidy CSV `unit,coder,value` (an empty value or a missing row is
      missing data) and reports Krippendorff's alpha at --level, percent agreement, Cohen's kappa
      (two coders), Fleiss' kappa (complete data), Scott's pi, Gwet's AC1 and Brennan-Prediger,
      with a seeded bootstrap interval for alpha (--bootstrap N). Undefined statistics are null,
      with the reason in `notes`.

      With two or more coding outputs (kwal code folders or codings CSV files; each coder name
      is a coder, `auto:…` coders are rules), compares them unit by unit: per code binary alpha,
      kappa, percent agreement and A-only/B-only/both counts, alpha over the code sets, and
      precision/recall/F1 of every automatic coder against every human one. A coding counts for
      every unit it overlaps by at least half of the unit or half of the coding.

      Examples:
        kwal agree --ratings ratings.csv --level ordinal --bootstrap 1000 --seed 7
        kwal agree --ratings labels.csv --level ordinal --order "laag,midden,hoog"
        kwal agree gold/anna.csv gold/bram.csv --units kwal-out --format md
        kwal agree gold/anna.csv kwal-out --disagreements verschillen.csv
        kwal agree anna.csv bram.csv --unit segment --overlap 0.9
      """)

  @Option(help: "A tidy ratings CSV with the columns unit,coder,value.")
  var ratings: String?

  @Argument(help: "Coding outputs to compare: kwal code folders or codings CSV files.")
  var inputs: [String] = []

  @Option(parsing: .unconditional, help: "Level of measurement for alpha: nominal, ordinal, interval or ratio.")
  var level: String = "nominal"

  @Option(help: "The ranked values, comma-separated, for ordinal alpha on text values.")
  var order: String?

  @Option(help: "Output format: json, csv or md.")
  var format: String = "json"

  @Option(parsing: .unconditional, help: "Bootstrap samples for alpha's confidence interval (0: none).")
  var bootstrap: Int = 0

  @Option(parsing: .unconditional, help: "Seed of the bootstrap's random generator.")
  var seed: UInt64 = 1

  @Option(help: "Unit of comparison: sentence, paragraph, turn, agenda-item, document or segment.")
  var unit: String = "sentence"

  @Option(
    parsing: .unconditional, help: "Segment units: least overlap (intersection over union) of two coders' segments.")
  var overlap: Double = 0.9

  @Flag(help: "Leave out units that no coder coded (default: included, and said so in the output).")
  var excludeUncoded = false

  @Option(help: "The units: a kwal code output folder or its units.csv (needed when only CSV files are given).")
  var units: String?

  @Option(help: "Documents to compare: common (coded by every coder, the default) or all.")
  var documents: String = "common"

  @Option(help: "The corpus folder, for the exact text of disagreements.")
  var corpus: String?

  @Option(help: "Write every unit where coders differ to this CSV file.")
  var disagreements: String?

  @Flag(
    help:
      "For kwal code output folders: compare their reviewed codings (rule codings not rejected, suggestions accepted with kwal review)."
  )
  var reviewed = false

  func validate() throws {
    if ratings != nil && !inputs.isEmpty {
      throw ValidationError("give either --ratings FILE or coding outputs, not both")
    }
    if ratings == nil && inputs.count < 2 {
      throw ValidationError("give --ratings FILE, or two coding outputs or more (got \(inputs.count))")
    }
    guard AgreeFormat(rawValue: format) != nil else {
      throw ValidationError("unknown format \"\(format)\" (use json, csv or md)")
    }
    guard bootstrap >= 0 else { throw ValidationError("--bootstrap must be 0 or more") }
    guard overlap > 0 && overlap <= 1 else { throw ValidationError("--overlap must be in (0, 1]") }
  }

  func run() throws {
    try Failures.run {
      let format = AgreeFormat(rawValue: format) ?? .json
      if let ratings {
        let order = self.order.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        let report = try Agree.ratings(
          file: URL(fileURLWithPath: ratings), level: level, bootstrap: bootstrap, seed: seed, order: order)
        print(try Agree.render(report, format: format), terminator: "")
        return
      }
      let options = try Agree.options(
        unit: unit, overlap: overlap, excludeUncoded: excludeUncoded, documents: documents)
      let report = try Agree.codings(
        inputs: inputs.map { URL(fileURLWithPath: $0) }, options: options,
        units: units.map { URL(fileURLWithPath: $0) },
        corpus: corpus.map { URL(fileURLWithPath: $0) }, reviewed: reviewed, disagreementTexts: disagreements != nil)
      if let disagreements {
        try Agree.writeDisagreements(report, to: URL(fileURLWithPath: disagreements))
      }
      print(try Agree.render(report, format: format), terminator: "")
    }
  }
}
