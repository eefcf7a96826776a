import ArgumentParser
import Foundation
import KwalKit
import KwalModel

/// `kwal code`: code a corpus with a codebook.
struct CodeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "code",
    abstract: "Code every document of a corpus with a codebook and write the coding output folder.",
    discussion: """
      Writes codings.csv (one row per coded segment, with the rule and the words that made it),
      documents.csv, units.csv (every sentence, paragraph, turn, agenda item, document),
      matrix.csv (codes x cases) and codebook.json. Offsets are Unicode scalar offsets, 0-based,
      end exclusive. Output is identical at any --jobs.

      The folder's project store, kwal.sqlite, logs every run (kwal runs) and keeps the codings
      of each (kwal diff). Coding into a folder coded before re-codes only the documents whose
      bytes or manifest entry changed, when the codebook (its content hash) and the Kwal build
      are the same; the files are byte-identical to a full run's. --full codes every document.

      A codebook's learned cues file is decoded once and kept in ~/.cache/kwal (or
      $XDG_CACHE_HOME/kwal; KWAL_CACHE_DIR names another folder, KWAL_CACHE_DIR= keeps none).

      Examples:
        kwal code Corpus --codebook Codebooks/lastmile.yaml --out kwal-out
        kwal code interviews/ --codebook mijn-codeboek.yaml --out resultaten --jobs 1
      """)

  @Argument(help: "The corpus folder.")
  var corpus: String

  @Option(help: "The codebook (YAML).")
  var codebook: String

  @Option(help: "The output folder (created when missing).")
  var out: String = "kwal-out"

  @Option(parsing: .unconditional, help: "Worker threads: by default one per core this process may use.")
  var jobs: Int = AvailableCores.count

  @Flag(help: "Print only warnings and errors: no notes, no summary.")
  var quiet = false

  @Option(
    help: "Code shard I of N of the corpus (1-based, e.g. 3/8), balanced by size, with shard.json for kwal merge.")
  var shard: String?

  @Flag(
    help:
      "Give CSV cells that begin with =, +, -, @ (and are not numbers) a leading ' so spreadsheets show them as text; such cells then differ from the document text."
  )
  var spreadsheetSafe = false

  @Flag(help: "Code every document, even those unchanged since the folder's last run.")
  var full = false

  func validate() throws {
    guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    if let shard, CodeCorpus.parseShard(shard) == nil {
      throw ValidationError("--shard must be I/N with 1 ≤ I ≤ N (e.g. 3/8), not \"\(shard)\"")
    }
  }

  func run() throws {
    Allocator.keepFreedMemory()
    try Failures.run {
      let summary = try CodeCorpus.run(
        corpus: URL(fileURLWithPath: corpus), codebook: URL(fileURLWithPath: codebook),
        output: URL(fileURLWithPath: out), jobs: jobs, spreadsheetSafe: spreadsheetSafe,
        shard: shard.flatMap(CodeCorpus.parseShard), full: full,
        command: ShellQuoting.commandLine, progress: ProgressLine.wanted(quiet: quiet),
        cuesCacheFolder: CuesCacheFolder.folder())
      // --quiet keeps warnings and errors, drops notes (skipped files) and the summary.
      Diagnostics.report(summary.diagnostics, quiet: quiet)
      if !quiet { print(SummaryText.render(summary, output: out)) }
      if !summary.failures.isEmpty {
        printError("kwal: \(summary.failures.count) document(s) could not be read; the others were coded")
        throw ExitCode(summary.libraryMissing ? 69 : 65)
      }
    }
  }
}
