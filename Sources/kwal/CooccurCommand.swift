import ArgumentParser
import KwalKit

/// `kwal cooccur`: which codes occur together, how strongly, and the segments behind a pair.
struct CooccurCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cooccur",
    abstract: "Code co-occurrence in a coding output folder: counts, coefficients, tests, networks, retrieval.",
    discussion: """
      With unit U (sentence, paragraph, turn, agenda-item, document, or window:N = N consecutive
      sentences), n1 is the number of units coded with code 1 and n12 the number coded with both;
      a coding is in every unit it overlaps. With unit overlap, count is the number of overlapping
      coding pairs (lift, pmi, npmi and p_value need units and do not fit it).

      The CSV is long form: code_a, code_b, count, then one column per --measure (c-coefficient,
      jaccard, p_b_given_a, p_a_given_b, lift, pmi, npmi, p_value), then case with --by case.

      Examples:
        kwal cooccur kwal-out
        kwal cooccur kwal-out --unit window:3 --measure c-coefficient,p_b_given_a,p_a_given_b --min-count 2
        kwal cooccur kwal-out --by case --format md
        kwal cooccur kwal-out --unit paragraph --out network.graphml
        kwal cooccur kwal-out --codes bridging,wandering --show
        kwal cooccur kwal-out --query "bridging AND NOT wandering" --format md
      """)

  @Argument(help: "The coding output folder written by `kwal code` (or a codings CSV file).")
  var folder: String

  @Option(help: "The codebook (YAML or codebook.json); default: the folder's codebook.json.")
  var codebook: String?

  @Option(help: "overlap, sentence, paragraph, turn, agenda-item, window:N or document.")
  var unit = "sentence"

  @Option(help: "Measures, comma-separated; default: every measure that fits the unit.")
  var measure: String?

  @Option(help: "`case` for one table per case; default: pooled.")
  var by: String?

  @Option(parsing: .unconditional, help: "Leave out pairs that co-occur fewer times (0 keeps all).")
  var minCount = 1

  @Option(help: "The test behind p_value: fisher (exact, two-sided) or chi-square.")
  var test = "fisher"

  @Option(parsing: .unconditional, help: "Count codes deeper than this level as their ancestor.")
  var level: Int?

  @Option(help: "Only these codes (comma-separated); with --show: the cell to retrieve.")
  var codes: String?

  @Flag(help: "Show the coded segments of the units coded with all of --codes.")
  var show = false

  @Option(help: "Show the segments of the units matching a query: \"a AND b\", \"a AND NOT b\", OR, ( ).")
  var query: String?

  @Option(help: "csv, tsv, json, md, graphml or dot; default: from --out's extension, else csv.")
  var format: String?

  @Option(help: "The output file (written atomically); default: standard output.")
  var out: String?

  @OptionGroup var suggestionOptions: SuggestionOptions

  @Flag(help: "No progress line on a terminal.")
  var quiet = false

  @Flag(
    help:
      "In CSV output, give cells that begin with =, +, -, @ (and are not numbers) a leading ' so spreadsheets show them as text."
  )
  var spreadsheetSafe = false

  func run() throws {
    try Failures.run {
      var request = CooccurRequest(folder: folder)
      request.suggestions = suggestionOptions.source
      request.progress = ProgressLine.wanted(quiet: quiet)
      request.codebook = codebook
      request.unit = unit
      request.measures = measure
      request.by = by
      request.minCount = minCount
      request.test = test
      request.level = level
      request.codes = codes
      request.show = show
      request.query = query
      request.format = format
      request.out = out
      request.spreadsheetSafe = spreadsheetSafe
      try Analyse.run(request)
    }
  }
}
