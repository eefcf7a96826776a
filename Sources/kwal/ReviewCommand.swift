import ArgumentParser
import Foundation
import KwalKit

/// `kwal review OUT accept|reject|template|apply|reconcile`: decisions on automatic codings and
/// suggestions, and the consensus on units coders disagreed on.
struct ReviewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "review",
    abstract: "Accept or reject single codings and suggestions of an output folder; the decisions survive re-coding.",
    discussion: """
      A decision names a coding of codings.csv or a suggestion of suggestions.csv by document,
      start, end and code. Decisions live in the folder's store and in reviews.csv, and hold
      through re-coding; matrix, cooccur, kwic and agree count the reviewed codings with
      --reviewed (rule codings not rejected, suggestions accepted).

      reconcile reads the disagreements file of kwal agree (--disagreements) with a column
      consensus filled in: the codes the coders agreed on for each unit, separated by |, or
      (none); an empty cell is a unit not yet reconciled. With --reviewed, a reconciled unit then
      holds exactly its consensus codes: the consensus coder.

      Examples:
        kwal review kwal-out accept --document Lindehof/interviews/gemeente.txt --start 358 --end 485 --code external-funding
        kwal review kwal-out template --out review.csv     (fill in the decision column: accept or reject)
        kwal review kwal-out apply review.csv
        kwal agree anna.csv kwal-out --disagreements verschillen.csv   (add a column consensus)
        kwal review kwal-out reconcile verschillen.csv
      """)

  @Argument(help: "The output folder.")
  var folder: String

  @Argument(
    help:
      "accept, reject, template (write the review form), apply (read a filled-in form) or reconcile (read a disagreements file with a consensus column)."
  )
  var action: String

  @Argument(help: "For apply: the filled-in review form (CSV); for reconcile: the disagreements file.")
  var form: String?

  @Option(help: "The coding's document.")
  var document: String?

  @Option(parsing: .unconditional, help: "The coding's start (Unicode scalar offset).")
  var start: Int?

  @Option(parsing: .unconditional, help: "The coding's end.")
  var end: Int?

  @Option(help: "The coding's code.")
  var code: String?

  @Flag(help: "The decision is on a suggestion of suggestions.csv (default: a coding, else a suggestion).")
  var suggestion = false

  @Option(help: "Who decides (default: $USER).")
  var reviewer: String?

  @Option(help: "A note on the decision.")
  var note: String?

  @Option(help: "For template: the file to write (default: standard output).")
  var out: String?

  func validate() throws {
    guard ["accept", "reject", "template", "apply", "reconcile"].contains(action) else {
      throw ValidationError("the action is accept, reject, template, apply or reconcile, not \"\(action)\"")
    }
    if ["accept", "reject"].contains(action), document == nil || start == nil || end == nil || code == nil {
      throw ValidationError("kwal review \(action) needs --document, --start, --end and --code")
    }
    if action == "apply", form == nil {
      throw ValidationError("kwal review apply needs the filled-in form (a CSV file)")
    }
    if action == "reconcile", form == nil {
      throw ValidationError("kwal review reconcile needs the disagreements file with a consensus column (a CSV file)")
    }
  }

  func run() throws {
    try Failures.run {
      let url = URL(fileURLWithPath: folder)
      switch action {
      case "template":
        let data = try Reviews.form(url)
        if let out, out != "-" {
          try Reviews.writeForm(data, to: URL(fileURLWithPath: out), folder: url)
        } else {
          FileHandle.standardOutput.write(data)
        }
      case "apply":
        let form = URL(fileURLWithPath: self.form ?? "")
        let count = try Reviews.record(url, try Reviews.read(form: form), source: form.path)
        print("kwal: \(count) decision(s) recorded in \(folder) (reviews.csv)")
      case "reconcile":
        let form = URL(fileURLWithPath: self.form ?? "")
        let count = try Reviews.reconcile(url, form: form, reviewer: reviewer)
        print("kwal: the consensus on \(count) unit(s) recorded in \(folder) (reviews.csv); count it with --reviewed")
      default:
        let decision = ReviewDecision(
          layer: suggestion ? "suggestion" : "", document: document ?? "", start: start ?? 0, end: end ?? 0,
          code: code ?? "", decision: action, reviewer: reviewer ?? "", note: note ?? "")
        try Reviews.record(url, [decision], source: nil)
        print("kwal: \(action)ed \(code ?? "") at \(document ?? "") \(start ?? 0)-\(end ?? 0)")
      }
    }
  }
}
