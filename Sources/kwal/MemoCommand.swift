import ArgumentParser
import Foundation
import KwalKit
import KwalModel

/// `kwal memo OUT add|list`: memos on the project, documents, passages, codes and codings.
struct MemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "memo",
    abstract: "Add a memo to an output folder, or list its memos.",
    discussion: """
      A memo is about what its options name: the project (none), a document (--document), a
      passage (--document with --start and --end, Unicode scalar offsets as in codings.csv), a
      code (--code), or one coding (a passage with --code). Memos live in the folder's store
      and in memos.csv; they survive kwal code, and kwal export qdpx writes them as <Notes>.

      Examples:
        kwal memo kwal-out add --document Lindehof/interviews/gemeente.txt --start 358 --end 485 \\
          --code external-funding --text "Subsidie als startkapitaal, niet als structurele bron."
        kwal memo kwal-out list --format csv
      """)

  @Argument(help: "The output folder.")
  var folder: String

  @Argument(help: "add or list.")
  var action: String

  @Option(help: "The document the memo is about (its id, as in documents.csv).")
  var document: String?

  @Option(parsing: .unconditional, help: "The first character of the passage (Unicode scalar offset).")
  var start: Int?

  @Option(parsing: .unconditional, help: "The character after the passage.")
  var end: Int?

  @Option(help: "The code the memo is about.")
  var code: String?

  @Option(help: "The memo's text.")
  var text: String?

  @Option(help: "A title.")
  var title: String?

  @Option(help: "Who writes it (default: $USER).")
  var author: String?

  @Option(help: "For list: md (default), csv or json.")
  var format = "md"

  func validate() throws {
    guard ["add", "list"].contains(action) else {
      throw ValidationError("the action is add or list, not \"\(action)\"")
    }
    if action == "add", text == nil { throw ValidationError("kwal memo add needs --text") }
  }

  func run() throws {
    try Failures.run {
      let url = URL(fileURLWithPath: folder)
      if action == "list" {
        FileHandle.standardOutput.write(try Memos.render(try Memos.list(url), format: format))
        return
      }
      var request = MemoRequest(folder: url, text: text ?? "")
      request.document = document ?? ""
      request.start = start
      request.end = end
      request.code = code ?? ""
      request.title = title ?? ""
      request.author = author ?? ""
      let memo = try Memos.add(request)
      print("kwal: memo \(memo.memo) on the \(memo.target) added to \(folder)/memos.csv")
    }
  }
}
