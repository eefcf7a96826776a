import ArgumentParser
import Foundation
import KwalKit
import KwalModel

/// `kwal pseudonymise`: a copy of a corpus without the people in it, and a key to go back.
struct PseudonymiseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pseudonymise",
    abstract: "Write a pseudonymised copy of a corpus and a key file that maps each pseudonym to what it replaced.",
    discussion: """
      Replaces people (speakers, caption voices, authors, names in the text: with a title, with
      initials, given name and surname, and their later mentions) and identifiers (e-mail
      addresses, telephone numbers, postcodes, street addresses, IBANs, BSN-like numbers, URLs
      with a name) by pseudonyms: [persoon-3], [e-mail], [telefoon], [adres], [postcode],
      [iban], [bsn], [url]. Speaker labels become labels Kwal reads as speakers (I, R1, <v R2>,
      Persoon 3), so turns and roles survive. Text, captions and Markdown keep their format;
      .docx, HTML and PDF are written as plain text. The key (CSV: pseudonym,original,kind,
      documents) stays outside --out; an existing key is reused and extended, so pseudonyms
      stay the same across runs. The report pseudonymise-report.csv in --out lists every
      replacement and every capitalised word to check by hand, without the originals.

      Results too: a coding output folder (with --corpus, the corpus it was coded from) is
      written with every coding's offsets, text and matched words carried over to the
      pseudonymised texts, which go to --out/corpus/; a .qdpx project becomes another .qdpx.

      Examples:
        kwal pseudonymise Corpus --out Corpus-pseudo --key private/key.csv
        kwal pseudonymise Corpus --out Corpus-pseudo --key private/key.csv --names namen.txt --keep plaatsen.txt
        kwal pseudonymise kwal-out --corpus Corpus --out kwal-out-pseudo --key private/key.csv
        kwal pseudonymise team.qdpx --out team-pseudo.qdpx --key private/key.csv
      """)

  @Argument(help: "The corpus folder, a coding output folder (with --corpus) or a .qdpx project.")
  var input: String

  @Option(help: "For a coding output folder: the corpus it was coded from.")
  var corpus: String?

  @Option(help: "The folder to write the pseudonymised copy to (new or empty; see --force).")
  var out: String

  @Option(help: "The key file (CSV), outside --out: read when it exists, then extended.")
  var key: String

  @Option(help: "A file of names to replace, one per line.")
  var names: String?

  @Option(help: "A file of words never to replace (places, organisations named openly), one per line.")
  var keep: String?

  @Flag(help: "Replace a folder that is not empty, as a whole.")
  var force = false

  @Flag(help: "Print only warnings and errors.")
  var quiet = false

  func run() throws {
    try Failures.run {
      let inputURL = URL(fileURLWithPath: input)
      var request = PseudonymiseRequest(
        corpus: URL(fileURLWithPath: corpus ?? input), output: URL(fileURLWithPath: out), key: URL(fileURLWithPath: key)
      )
      request.names = names.map { URL(fileURLWithPath: $0) }
      request.keep = keep.map { URL(fileURLWithPath: $0) }
      request.force = force
      request.progress = ProgressLine.wanted(quiet: quiet)
      let summary: PseudonymiseSummary
      if inputURL.pathExtension.lowercased() == "qdpx" {
        summary = try Pseudonymise.runProject(inputURL, request: request)
      } else if FileManager.default.fileExists(atPath: inputURL.appendingPathComponent("codings.csv").path) {
        guard let corpus else {
          throw ValidationError("\(input) is a coding output folder: give --corpus, the corpus it was coded from")
        }
        summary = try Pseudonymise.runResults(folder: inputURL, corpus: URL(fileURLWithPath: corpus), request: request)
      } else {
        summary = try Pseudonymise.run(request)
      }
      Diagnostics.report(summary.diagnostics, quiet: quiet)
      let kinds = summary.counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
      printError(
        "kwal: pseudonymised \(summary.documents) document(s): "
          + (kinds.isEmpty ? "nothing replaced" : kinds.joined(separator: ", ") + " replaced")
          + "; \(summary.uncertain) capitalised word(s) to check (see \(out)/\(Pseudonymise.reportFile))")
      if !quiet {
        for row in summary.perDocument {
          printError("  \(row.document): \(row.replacements) replaced, \(row.uncertain) to check")
        }
        printError("kwal: key \(key): \(summary.keyEntries) entries (\(summary.newKeyEntries) new)")
      }
    }
  }
}
