import ArgumentParser
import Foundation
import KwalKit
import KwalModel

/// `kwal tokenize`: Dutch sentences and tokens of one text, as Kwal sees them.
struct TokenizeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tokenize",
    abstract: "Cut a Dutch text into sentences and tokens, with normalised forms, stems and offsets.",
    discussion: """
      Reads a UTF-8 text file (or standard input with -) and writes its sentences and tokens:
      the original form, the normalised form (NFC, lowercase with IJ, no diacritics, unified
      quotes), the Snowball Dutch stem and Unicode scalar offsets (0-based, end exclusive), so
      that in Python text[start:end] == form. Invalid UTF-8 is replaced by U+FFFD and reported
      on standard error with its byte offset.

      Formats:
        conllu  CoNLL-U: the stem in LEMMA, SpaceAfter=No and TokenRange=start:end in MISC
        tsv     sentence, token, start, end, form, normalized, stem, kind
        json    {"sentences": [{"id", "start", "end", "text", "tokens": [...]}], "diagnostics": [...]}

      Examples:
        kwal tokenize Corpus/Lindehof/interviews/gemeente.txt
        echo "Dhr. Jansen stelt het o.a. uit. Zij niet." | kwal tokenize - --format tsv
        kwal tokenize notulen.txt --format json > notulen.tokens.json
      """)

  @Argument(help: "The text file, or - for standard input.")
  var input: String = "-"

  @Option(help: "Output format: conllu, tsv or json.")
  var format: String = "conllu"

  func validate() throws {
    if TokenizeText.Format(rawValue: format) == nil {
      throw ValidationError("--format must be conllu, tsv or json, not '\(format)'")
    }
  }

  func run() throws {
    try Failures.run {
      // The output goes out as it is made: a large text is never held rendered whole.
      _ = try TokenizeText.run(
        input: input, format: TokenizeText.Format(rawValue: format) ?? .conllu,
        report: { Diagnostics.report($0) },
        write: { FileHandle.standardOutput.write($0) })
    }
  }
}
