import ArgumentParser
import KwalKit

/// `kwal kwic`: keyword-in-context lines for a code's matched words or a term.
struct KwicCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kwic",
    abstract: "Keyword in context: the words behind a code, or a term, with what surrounds them.",
    discussion: """
      With --code, the keywords are the words that made the code's codings (and its
      descendants') fire; with --term, a word, a glob (overbrug*) or a phrase, matched without
      regard to case and diacritics. The context is the coded segment, or the whole document
      with --corpus. Lines give document, case, offsets (Unicode scalars), left context,
      keyword and right context, sorted (--sort) and aligned.

      Examples:
        kwal kwic kwal-out --code bridging
        kwal kwic kwal-out --term "overleg*" --width 30 --sort right
        kwal kwic kwal-out --code postponing --corpus Corpus --format md
      """)

  @Argument(help: "The coding output folder written by `kwal code` (or a codings CSV file).")
  var folder: String

  @Option(help: "The code whose matched words are the keywords.")
  var code: String?

  @Option(help: "A word, glob or phrase to find instead.")
  var term: String?

  @Option(parsing: .unconditional, help: "Characters of context on each side.")
  var width = 40

  @Option(help: "position, keyword, left or right.")
  var sort = "position"

  @Option(help: "The corpus folder, for context from the whole document.")
  var corpus: String?

  @Option(help: "The codebook (YAML or codebook.json) for the code tree; default: the folder's codebook.json.")
  var codebook: String?

  @Option(help: "text (aligned), csv, tsv, json or md; default: from --out's extension, else text.")
  var format: String?

  @Option(help: "The output file (written atomically); default: standard output.")
  var out: String?

  func validate() throws {
    guard (code == nil) != (term == nil) else { throw ValidationError("give either --code ID or --term WORD") }
    guard (0...1000).contains(width) else { throw ValidationError("--width must be between 0 and 1000") }
  }

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
      var request = KwicRequest(folder: folder)
      request.suggestions = suggestionOptions.source
      request.progress = ProgressLine.wanted(quiet: quiet)
      request.codebook = codebook
      request.code = code
      request.term = term
      request.width = width
      request.sort = sort
      request.corpus = corpus
      request.format = format
      request.out = out
      request.spreadsheetSafe = spreadsheetSafe
      try Analyse.run(request)
    }
  }
}
