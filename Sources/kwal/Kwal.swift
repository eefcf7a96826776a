import ArgumentParser
import KwalKit

/// The `kwal` command: a thin layer over KwalKit, one library call per subcommand.
@main
struct Kwal: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kwal",
    abstract: "Code Dutch qualitative data (interviews, minutes, blogs) with a codebook, reproducibly.",
    discussion: """
      Examples:
        kwal code Corpus --codebook Codebooks/lastmile.yaml --out kwal-out
        kwal help code
      """,
    version: KwalVersion.string,
    subcommands: [
      CodeCommand.self, CodebookCommand.self, AgreeCommand.self, AuditCommand.self, IngestCommand.self,
      MatrixCommand.self, CooccurCommand.self, KwicCommand.self, TokenizeCommand.self, ExportCommand.self,
      ImportCommand.self, PseudonymiseCommand.self, MergeCommand.self, RunsCommand.self, DiffCommand.self,
      MemoCommand.self, ReviewCommand.self, ReportCommand.self,
    ])

  /// Installs the interruption handlers, then parses and runs the command.
  static func main() {
    Interruption.install()
    OutputFiles.installRecovery()
    main(nil)
  }
}
