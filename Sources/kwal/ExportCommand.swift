import ArgumentParser
import Foundation
import KwalKit
import KwalModel

/// `kwal export`: REFI-QDA files for ATLAS.ti, NVivo, MAXQDA and QualCoder.
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export a codebook (.qdc) or codings with their texts (.qdpx) in the REFI-QDA exchange format.",
    subcommands: [QDC.self, QDPX.self, Validate.self])

  struct QDC: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "qdc",
      abstract: "Write the code tree of a codebook as a REFI-QDA codebook (.qdc).",
      discussion: """
        Nesting follows the codes' parents; definitions and include/exclude criteria become the
        codes' descriptions; colours and isCodable are kept. GUIDs are derived from the code ids,
        so exporting twice gives identical bytes.

        Examples:
          kwal export qdc --codebook Codebooks/lastmile.yaml --out lastmile.qdc
        """)

    @Option(help: "The codebook (YAML).")
    var codebook: String

    @Option(help: "The .qdc file to write.")
    var out: String

    func run() throws {
      try Failures.run {
        let summary = try REFIExport.codebook(URL(fileURLWithPath: codebook), output: URL(fileURLWithPath: out))
        Diagnostics.report(summary.diagnostics)
        print("wrote \(out): \(summary.codes) codes")
      }
    }
  }

  struct QDPX: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "qdpx",
      abstract: "Write a coding output with its corpus texts and codebook as a REFI-QDA project (.qdpx).",
      discussion: """
        Every document becomes a text source (UTF-8, no BOM, in sources/), every coding a
        selection in Unicode code points (end exclusive) coded by its coder; the rule ids and
        matched words go into the selection's description. Exporting twice gives identical bytes.

        Examples:
          kwal export qdpx kwal-out --corpus Corpus --codebook Codebooks/lastmile.yaml --out lastmile.qdpx
        """)

    @Argument(help: "The coding output folder (kwal code --out), or a codings.csv file.")
    var codings: String

    @Option(help: "The corpus folder that was coded.")
    var corpus: String

    @Option(help: "The codebook (YAML).")
    var codebook: String

    @Option(help: "The .qdpx file to write.")
    var out: String

    @Option(help: "The project name (default: the codebook's name).")
    var name: String?

    @Flag(help: "No progress line on a terminal.")
    var quiet = false

    func run() throws {
      try Failures.run {
        let summary = try REFIExport.project(
          codings: URL(fileURLWithPath: codings), corpus: URL(fileURLWithPath: corpus),
          codebook: URL(fileURLWithPath: codebook), output: URL(fileURLWithPath: out), name: name,
          progress: ProgressLine.wanted(quiet: quiet))
        Diagnostics.report(summary.diagnostics)
        print(
          "wrote \(out): \(summary.sources) sources, \(summary.codings) codings, \(summary.codes) codes, \(summary.users) users"
        )
      }
    }
  }

  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "validate",
      abstract: "Check a .qdc or .qdpx file against the official REFI-QDA schemas; exit 65 when it is not valid.",
      discussion: """
        Examples:
          kwal export validate lastmile.qdpx --schemas ../shared/data/refi-qda
        """)

    @Argument(help: "The .qdc or .qdpx file.")
    var file: String

    @Option(help: "The folder with Codebook.xsd and Project.xsd.")
    var schemas: String

    func run() throws {
      try Failures.run {
        let diagnostics = try REFIExport.validate(URL(fileURLWithPath: file), schemas: URL(fileURLWithPath: schemas))
        for diagnostic in diagnostics { printError(diagnostic.description) }
        let errors = diagnostics.filter { $0.severity == .error }.count
        if errors > 0 {
          print("\(file): not valid, \(errors) error(s)")
          throw ExitCode(65)
        }
        print("\(file): valid")
      }
    }
  }
}
