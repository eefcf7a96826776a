import ArgumentParser
import Foundation
import KwalKit

/// `kwal report`: one self-contained HTML page of a coding output folder.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract:
      "Write one self-contained HTML page: heat maps, keyness, co-occurrence, coded segments, uncoded text, methods.",
    discussion: """
      The page loads nothing from elsewhere (inline CSS, SVG and a little JavaScript for folding,
      switching views and sorting), so it opens offline and can be archived with a publication.
      Every chart has a table with the same figures; the page prints.

      Examples:
        kwal report kwal-out --corpus Corpus --codebook Codebooks/lastmile.yaml --out report.html
        kwal report kwal-out --corpus Corpus --out report-en.html --lang en
      """)

  @Argument(help: "The coding output folder.")
  var folder: String

  @Option(
    help: "The corpus folder, for the text around coded segments and of uncoded passages (default: the folder's store)."
  )
  var corpus: String?

  @Option(help: "The codebook (YAML or JSON); default: the folder's codebook.json.")
  var codebook: String?

  @Option(help: "The HTML file to write.")
  var out: String = "report.html"

  @Option(help: "Labels and headings: nl or en.")
  var lang = "nl"

  @Option(parsing: .unconditional, help: "Keyword-in-context lines per code.")
  var lines = 25

  @Option(help: "A CSV table of agreement or audit results to include (kwal agree/audit --format csv); repeatable.")
  var table: [String] = []

  @Option(help: "The date in the methods summary (default: today, or SOURCE_DATE_EPOCH when set).")
  var date: String?

  @Flag(help: "Print nothing but errors.")
  var quiet = false

  func run() throws {
    try Failures.run {
      var request = ReportRequest(folder: URL(fileURLWithPath: folder), out: URL(fileURLWithPath: out))
      request.corpus = corpus.map { URL(fileURLWithPath: $0) }
      request.codebook = codebook.map { URL(fileURLWithPath: $0) }
      request.language = lang
      request.linesPerCode = lines
      request.command = ShellQuoting.commandLine
      request.tables = table.map { URL(fileURLWithPath: $0) }
      request.date = date
      request.progress = ProgressLine.wanted(quiet: quiet)
      let bytes = try Report.run(request)
      if !quiet { print("kwal: wrote \(out) (\(bytes / 1024) KB)") }
    }
  }
}
