/// A memo: a researcher's note on the project, a document, a passage, a code or one coding
/// (a REFI-QDA `<Note>` and where it was referred to). Kept in `memos.csv`.
///
/// What it is about follows from which fields are set: nothing (the project), `document` (a
/// document), `document` with `start` and `end` (a passage, Unicode scalar offsets into the
/// document's plain text), `code` alone (a code), or a passage with a `code` (that coding).
public struct MemoRecord: Sendable, Hashable {
  /// A stable id of the memo (a REFI-QDA note's GUID); rows with the same id are one memo
  /// referred to from several places.
  public var memo: String
  /// The document it is about, or empty.
  public var document: String
  /// The first scalar of the passage it is about.
  public var start: Int?
  /// The scalar after the passage it is about.
  public var end: Int?
  /// The code it is about, or empty.
  public var code: String
  /// Who wrote it.
  public var author: String
  /// When it was written, as the source gave it (ISO 8601), or empty.
  public var created: String
  /// Its title, or empty.
  public var title: String
  /// Its text.
  public var text: String

  /// Creates a memo.
  public init(
    memo: String, document: String = "", start: Int? = nil, end: Int? = nil, code: String = "", author: String = "",
    created: String = "", title: String = "", text: String
  ) {
    self.memo = memo
    self.document = document
    self.start = start
    self.end = end
    self.code = code
    self.author = author
    self.created = created
    self.title = title
    self.text = text
  }

  /// What the memo is about, in words: `project`, `document`, `passage`, `code` or `coding`.
  public var target: String {
    switch (document.isEmpty, start != nil, code.isEmpty) {
    case (true, _, true): return "project"
    case (true, _, false): return "code"
    case (false, false, _): return "document"
    case (false, true, true): return "passage"
    case (false, true, false): return "coding"
    }
  }

  /// Whether the memo is about a passage or coding that overlaps `start..<end` of `document`
  /// (a memo on a point counts when the point lies in the range), and, when it names a code,
  /// whether that code is `code`.
  public func isAbout(document: String, start: Int, end: Int, code: String) -> Bool {
    guard document == self.document, let memoStart = self.start, let memoEnd = self.end else { return false }
    let overlaps =
      memoStart < end && start < memoEnd || (memoStart == memoEnd && memoStart >= start && memoStart <= end)
    return overlaps && (self.code.isEmpty || self.code == code)
  }

  /// The memo as one line of an analysis: `title: text`, or the text.
  public var line: String { title.isEmpty ? text : "\(title): \(text)" }
}
