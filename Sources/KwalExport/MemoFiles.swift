public import Foundation
public import KwalModel

/// `memos.csv`: the memos of a folder, one row per memo and what it is about.
///
/// Columns `memo,target,document,start,end,code,author,created,title,text`: `memo` is the memo's
/// id (rows with the same id are one memo on several things), `target` says what it is about
/// (`project`, `document`, `passage`, `code`, `coding`), offsets are Unicode scalar offsets into
/// the document's plain text.
public enum MemoFiles {
  /// The file name in a folder.
  public static let fileName = "memos.csv"
  /// The columns, in order.
  public static let columns = [
    "memo", "target", "document", "start", "end", "code", "author", "created", "title", "text",
  ]

  /// The memos in a fixed order: by document, passage, code, then id.
  public static func sorted(_ memos: [MemoRecord]) -> [MemoRecord] {
    memos.sorted {
      ($0.document, $0.start ?? -1, $0.end ?? -1, $0.code, $0.memo) < (
        $1.document, $1.start ?? -1, $1.end ?? -1, $1.code, $1.memo
      )
    }
  }

  /// The table of `memos`, sorted.
  public static func table(_ memos: [MemoRecord]) -> CSVTable {
    CSVTable(
      header: columns,
      rows: sorted(memos).map {
        [
          $0.memo, $0.target, $0.document, $0.start.map(String.init) ?? "", $0.end.map(String.init) ?? "", $0.code,
          $0.author, $0.created, $0.title, $0.text,
        ]
      })
  }

  /// Reads a `memos.csv`; errors name the file and line.
  public static func read(_ url: URL) throws(ExportError) -> [MemoRecord] {
    let table = try CSVTable.read(url)
    let file = url.path
    var index: [String: Int] = [:]
    for name in ["memo", "document", "start", "end", "code", "text"] {
      index[name] = try table.column(name, file: file)
    }
    func optional(_ name: String, _ row: [String]) -> String {
      table.header.firstIndex(of: name).map { row[$0] } ?? ""
    }
    var memos: [MemoRecord] = []
    for (number, row) in table.rows.enumerated() {
      let location = SourceLocation(file: file, line: number + 2)
      func offset(_ name: String) throws(ExportError) -> Int? {
        let text = row[index[name] ?? 0]
        if text.isEmpty { return nil }
        guard let value = Int(text), value >= 0 else {
          throw ExportError(.badData, "\(name) \"\(text)\" is not a non-negative integer", at: location)
        }
        return value
      }
      let start = try offset("start")
      let end = try offset("end")
      guard (start == nil) == (end == nil), (start ?? 0) <= (end ?? 0) else {
        throw ExportError(
          .badData, "a memo's start and end are both given, start at or before end, or neither", at: location)
      }
      let document = row[index["document"] ?? 0]
      guard start == nil || !document.isEmpty else {
        throw ExportError(.badData, "a memo on a passage needs its document", at: location)
      }
      memos.append(
        MemoRecord(
          memo: row[index["memo"] ?? 0], document: document, start: start, end: end, code: row[index["code"] ?? 0],
          author: optional("author", row), created: optional("created", row), title: optional("title", row),
          text: row[index["text"] ?? 0]))
    }
    return memos
  }
}

/// `unplaceable.csv`: the selections of an imported project that could not be placed on their
/// text, with the positions as the project gives them and why.
public enum UnplaceableFiles {
  /// The file name in a folder.
  public static let fileName = "unplaceable.csv"

  /// The table of `selections`, in project order.
  public static func table(_ selections: [UnplaceableSelection]) -> CSVTable {
    CSVTable(
      header: ["source", "start_position", "end_position", "codes", "coders", "quote", "reason", "line"],
      rows: selections.map {
        [
          $0.source, $0.startPosition.map(String.init) ?? "", $0.endPosition.map(String.init) ?? "",
          $0.codes.joined(separator: "|"), $0.coders.joined(separator: "|"), $0.quote, $0.reason, String($0.line),
        ]
      })
  }
}
