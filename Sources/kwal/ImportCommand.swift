import ArgumentParser
import Foundation
import KwalKit
import KwalModel

/// `kwal import`: bring REFI-QDA files from ATLAS.ti, NVivo, MAXQDA or QualCoder into Kwal.
struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import a REFI-QDA codebook (.qdc) as a Kwal codebook.",
    subcommands: [QDC.self])

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
        for note in summary.notes { print(note.description) }
        print("wrote \(out): \(summary.codes) codes, \(summary.notes.count) tolerated or dropped")
      }
    }
  }
}
