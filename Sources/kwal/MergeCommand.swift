import ArgumentParser
import Foundation
import KwalKit

/// `kwal merge`: the shard folders of `kwal code --shard I/N` as one output folder.
struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Combine the shard folders of kwal code --shard I/N into the output of one full run.",
    discussion: """
      Writes codings.csv, suggestions.csv, units.csv, documents.csv, matrix.csv and
      codebook.json byte for byte as one kwal code run over the whole corpus would have. Every
      shard of the split must be given once; shards of another corpus, another split or another
      codebook version are refused.

      Examples:
        kwal merge shards/1 shards/2 shards/3 shards/4 --out kwal-out
        kwal merge shards/* --out kwal-out --quiet
      """)

  @Argument(help: "The shard folders.")
  var shards: [String] = []

  @Option(help: "The output folder.")
  var out: String

  @Flag(help: "Print nothing on success.")
  var quiet = false

  @Flag(
    help:
      "Give CSV cells that begin with =, +, -, @ (and are not numbers) a leading ' so spreadsheets show them as text.")
  var spreadsheetSafe = false

  func validate() throws {
    if shards.isEmpty { throw ValidationError("give the shard folders to merge") }
  }

  func run() throws {
    try Failures.run {
      let summary = try MergeShards.run(
        folders: shards.map { URL(fileURLWithPath: $0) }, output: URL(fileURLWithPath: out),
        spreadsheetSafe: spreadsheetSafe, command: ShellQuoting.commandLine)
      if !quiet {
        print(
          "kwal: merged \(summary.shards) shard(s), \(summary.documents) document(s) coded with \(summary.codebook) into \(out)/"
        )
      }
    }
  }
}
