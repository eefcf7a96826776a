import ArgumentParser
import Foundation
import KwalKit

/// `kwal review OUT accept|reject|template|apply`: decisions on automatic codings and suggestions.
struct ReviewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "review",
    abstract: "Accept or reject single codings and suggestions of an output folder; the decisions survive re-coding.",
    discussion: """
      A decision names a coding of codings.csv or a suggestion of suggestions.csv by document,
      start, end and code. Decisions live in the folder's store and in reviews.csv, and hold
      through re-coding; matrix, cooccur, kwic and agree count the reviewed codings with
      --reviewed (rule codings not rejected, suggestions accepted).

      Examples:
        kwal review kwal-out accept --document Lindehof/interviews/gemeente.txt --start 358 --end 485 --code external-funding
        kwal review kwal-out template --out review.csv     (fill in the decision column: accept or reject)
        kwal review kwal-out apply review.csv
      """)

  @Argument(help: "The output folder.")
  var folder: String

  @Argument(help: "accept, reject, template (write the review form) or apply (read a filled-in form).")
  var action: String

  @Argument(help: "For apply: the filled-in review form (CSV).")
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
    guard ["accept", "reject", "template", "apply"].contains(action) else {
      throw ValidationError("the action is accept, reject, template or apply, not \"\(action)\"")
    }
    if ["accept", "reject"].contains(action), document == nil || start == nil || end == nil || code == nil {
      throw ValidationError("kwal review \(action) needs --document, --start, --end and --code")
    }
    if action == "apply", form == nil {
      throw ValidationError("kwal review apply needs the filled-in form (a CSV file)")
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
