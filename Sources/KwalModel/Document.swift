/// What a document is, as a researcher codes it.
public enum DocumentKind: String, Sendable, Hashable, Codable, CaseIterable {
  /// An interview transcript: speaker turns.
  case interview
  /// Meeting minutes (notulen): header fields, agenda items, decisions, action items.
  case minutes
  /// A blog or web page: headings, paragraphs, list items, quotes.
  case blog
  /// A debate or hearing (parliament, council): speaker turns of a chair, members and the
  /// government, each label alone on its line (`Mevrouw Kant (SP):`, `De voorzitter:`).
  case debate
  /// Anything else: headings, paragraphs, list items.
  case document
}

/// One ingested document: the plain text every offset refers to, and its structure.
///
/// The plain text is NFC, uses LF line ends and has no byte order mark.
public struct Document: Sendable, Hashable, Codable {
  /// The path relative to the corpus root, with `/` separators; stable across machines.
  public var id: String
  /// What kind of document this is.
  public var kind: DocumentKind
  /// The case the document belongs to (the first folder under the corpus root by default).
  public var caseName: String
  /// A title, when the source has one.
  public var title: String?
  /// A date (ISO 8601, `YYYY-MM-DD` where known), when the source or the manifest has one.
  public var date: String?
  /// Free key/value attributes from the manifest or the source (phase, actor, author...).
  public var attributes: [String: String]
  /// The plain text: NFC, LF line ends, no BOM.
  public var text: String
  /// The structure of the text, in text order; ranges are UTF-8 byte offsets into ``text``.
  public var segments: [Segment]
  /// Why the document got its kind, in words (`kind minutes: title "Notulen …", attendance …`),
  /// for `kwal ingest`'s diagnostics; not part of the document's JSON.
  public var kindReason: String? = nil

  /// Creates a document.
  public init(
    id: String, kind: DocumentKind = .document, caseName: String, title: String? = nil,
    date: String? = nil, attributes: [String: String] = [:], text: String, segments: [Segment] = []
  ) {
    self.id = id
    self.kind = kind
    self.caseName = caseName
    self.title = title
    self.date = date
    self.attributes = attributes
    self.text = text
    self.segments = segments
  }

  private enum CodingKeys: String, CodingKey {
    case id, kind, caseName = "case", title, date, attributes, text, segments
  }
}
