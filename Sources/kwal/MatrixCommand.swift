import ArgumentParser
import KwalKit

/// `kwal matrix`: codes x cases (or any document property), keyness, framework matrices.
struct MatrixCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "matrix",
    abstract: "The coded matrix of a coding output folder: codes x cases, phases, periods or attributes.",
    discussion: """
      Rows are codes in codebook order; a parent row rolls up its descendants. Columns are the
      values of --by (case, document, kind, phase or any attribute of documents.csv, date:year,
      date:quarter, date:month, or two at once: case,phase). The CSV has `code`, one column per
      column value and `total`; the last row, `total`, counts segments with any code.

      Measures: count (coded segments), presence (0/1), documents (documents with the code),
      per-1000-words, share (of the column's coded segments), coverage (share of the column's
      characters the code covers).

      --keyness writes, per code, the difference between the columns instead: log-likelihood G2,
      log-ratio, chi-square where every expected count is at least 5, p-values corrected for the
      number of tests (Holm by default). --quotes K writes a framework matrix (cases x codes with
      the K most representative segments per cell) as Markdown or HTML.

      Examples:
        kwal matrix kwal-out
        kwal matrix kwal-out --by case,phase --measure per-1000-words --format md
        kwal matrix kwal-out --by case,date:quarter --level 1
        kwal matrix kwal-out --keyness --correction bonferroni --alpha 0.01
        kwal matrix kwal-out --quotes 2 --out framework.html
      """)

  @Argument(help: "The coding output folder written by `kwal code` (or a codings CSV file).")
  var folder: String

  @Option(help: "The codebook (YAML or codebook.json) for the code tree; default: the folder's codebook.json.")
  var codebook: String?

  @Option(help: "Columns: case, document, kind, phase, an attribute, date:year|quarter|month; two with a comma.")
  var by = "case"

  @Option(help: "count, presence, documents, per-1000-words, share or coverage.")
  var measure = "count"

  @Option(parsing: .unconditional, help: "Show codes down to this depth of the tree (1 = roots); deeper codes roll up.")
  var level: Int?

  @Flag(help: "Write the keyness of every code between the columns instead of the matrix.")
  var keyness = false

  @Option(help: "What keyness frequencies are relative to: words, codings or sentences.")
  var keynessBase = "words"

  @Option(parsing: .unconditional, help: "The significance level for --keyness, after correction.")
  var alpha = 0.05

  @Option(help: "The correction for the number of tests: holm, bonferroni or none.")
  var correction = "holm"

  @Option(parsing: .unconditional, help: "Write a framework matrix with this many quotes per cell.")
  var quotes: Int?

  @Option(help: "csv, tsv, json, md (and html with --quotes); default: from --out's extension, else csv.")
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
      var request = MatrixRequest(folder: folder)
      request.suggestions = suggestionOptions.source
      request.progress = ProgressLine.wanted(quiet: quiet)
      request.codebook = codebook
      request.by = by
      request.measure = measure
      request.level = level
      request.keyness = keyness
      request.keynessBase = keynessBase
      request.alpha = alpha
      request.correction = correction
      request.quotes = quotes
      request.format = format
      request.out = out
      request.spreadsheetSafe = spreadsheetSafe
      try Analyse.run(request)
    }
  }
}
