import ArgumentParser
import Foundation
import KwalKit
import KwalModel

/// `kwal import`: bring REFI-QDA files from ATLAS.ti, NVivo, MAXQDA or QualCoder into Kwal.
struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import a REFI-QDA codebook (.qdc) or project (.qdpx) into Kwal.",
    subcommands: [QDC.self, QDPX.self])

  struct QDC: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "qdc",
      abstract: "Write the code tree of a REFI-QDA codebook (.qdc) as a Kwal codebook (YAML, without rules).",
      discussion: """
        Tolerates what real files do differently from the schema (older namespaces, an empty
        <Sets/>) and lists every tolerated deviation and everything dropped (code sets, notes).

        Examples:
          kwal import qdc team.qdc --out Codebooks/team.yaml
        """)

    @Argument(help: "The .qdc file.")
    var file: String

    @Option(help: "The Kwal codebook (YAML) to write.")
    var out: String

    func run() throws {
      try Failures.run {
        let summary = try REFIImport.codebook(URL(fileURLWithPath: file), output: URL(fileURLWithPath: out))
        Diagnostics.report(summary.notes)
        print("wrote \(out): \(summary.codes) codes, \(summary.notes.count) tolerated or dropped")
      }
    }
  }

  struct QDPX: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "qdpx",
      abstract: "Write a REFI-QDA project's texts, codings and code tree as a Kwal corpus, codings.csv and codebook.",
      discussion: """
        Writes DIR/corpus/ (one plain text per source, <document id>.txt, and a
        corpus.yaml keeping each source's document id, case, title and variables),
        DIR/codings.csv (one coder per REFI user, offsets in code points),
        DIR/documents.csv and DIR/codebook.yaml. Lists everything tolerated or
        dropped. Re-exporting a project Kwal wrote (kwal export qdpx DIR with
        --corpus DIR/corpus --codebook DIR/codebook.yaml) gives the same bytes.

        Examples:
          kwal import qdpx team.qdpx --out team
          kwal import qdpx team-v2.qdpx --out team --force
          kwal agree team/codings.csv kwal-out
        """)

    @Argument(help: "The .qdpx file.")
    var file: String

    @Option(help: "The folder to write (new or empty; see --force).")
    var out: String

    @Flag(help: "Replace a folder that is not empty, as a whole (nothing of it stays).")
    var force = false

    @Flag(help: "No progress line on a terminal.")
    var quiet = false

    func run() throws {
      try Failures.run {
        let summary = try REFIImport.project(
          URL(fileURLWithPath: file), output: URL(fileURLWithPath: out), force: force,
          progress: ProgressLine.wanted(quiet: quiet))
        Diagnostics.report(summary.notes)
        var parts = [
          "\(summary.documents) documents", "\(summary.codings) codings by \(summary.coders.count) coder(s)",
          "\(summary.codes) codes",
        ]
        if summary.codeSets + summary.documentSets > 0 {
          parts.append("\(summary.codeSets) code set(s), \(summary.documentSets) document set(s)")
        }
        if summary.memos > 0 { parts.append("\(summary.memos) memo(s)") }
        print("wrote \(out): " + parts.joined(separator: ", ") + ", \(summary.notes.count) note(s)")
        if summary.unplaceable > 0 {
          printError(
            "kwal: \(summary.unplaceable) selection(s) could not be placed on their text and were not imported: "
              + "see \(out)/unplaceable.csv")
          throw ExitCode(65)
        }
      }
    }
  }
}
