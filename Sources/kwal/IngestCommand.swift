import ArgumentParser
import Foundation
import KwalKit
import KwalModel

/// `kwal ingest`: shows exactly what text and structure Kwal will code.
struct IngestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ingest",
    abstract: "Read a corpus (or files) into documents and print them as JSON.",
    discussion: """
      Reads .txt/.md/.org (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252), .docx, .vtt,
      .srt, .html/.htm and .pdf files (the text layer; each page a page segment), with the
      corpus.yaml manifest when the folder has one, and writes one JSON object per document
      with the keys id, path, kind, case, title, date, attributes, text, segments and
      diagnostics. Segment offsets are Unicode scalar offsets
      into text (0-based, end exclusive). Unknown file types are skipped with a note.

      Examples:
        kwal ingest Corpus
        kwal ingest Corpus --format json --output corpus.json
        kwal ingest Corpus/Lindehof/interviews/gemeente.txt Corpus/Lindehof/notulen/2021-03-18-stuurgroep.txt
      """)

  @Argument(help: "A corpus folder, or one or more files.")
  var inputs: [String]

  @Option(help: "Output format: jsonl (one object per line) or json (an array).")
  var format: String = "jsonl"

  @Option(help: "Write to this file (atomically) instead of standard output.")
  var output: String?

  @Option(parsing: .unconditional, help: "Documents read in parallel: by default one per core this process may use.")
  var jobs: Int = AvailableCores.count

  @Flag(help: "No progress line and no notes: only warnings and errors.")
  var quiet = false

  func validate() throws {
    if inputs.isEmpty { throw ValidationError("give a corpus folder or files") }
    if IngestCorpus.Format(rawValue: format) == nil { throw ValidationError("--format must be jsonl or json") }
    if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
  }

  func run() throws {
    Allocator.keepFreedMemory()
    try Failures.run {
      if let output {
        try IngestCorpus.checkOutput(URL(fileURLWithPath: output), inputs: inputs.map { URL(fileURLWithPath: $0) })
      }
      let summary = try IngestCorpus.run(
        inputs: inputs.map { URL(fileURLWithPath: $0) }, format: IngestCorpus.Format(rawValue: format) ?? .jsonl,
        jobs: jobs, progress: ProgressLine.wanted(quiet: quiet))
      Diagnostics.report(summary.diagnostics, quiet: quiet)
      if let output {
        try IngestCorpus.write(summary.output, to: URL(fileURLWithPath: output))
      } else {
        FileHandle.standardOutput.write(summary.output)
      }
      for failure in summary.failures { printError(failure) }
      if !summary.failures.isEmpty { throw ExitCode(summary.libraryMissing ? 69 : 65) }
    }
  }
}
