/// The kinds of structure Kwal keeps in a document.
public enum SegmentKind: String, Sendable, Hashable, Codable, CaseIterable {
  /// A speaker turn in an interview or in minutes that name speakers.
  case turn
  /// A paragraph of running text.
  case paragraph
  /// A heading or title line.
  case heading
  /// An item of a bulleted or numbered list.
  case listItem = "list-item"
  /// A quotation (a block quote in HTML or Markdown).
  case quote
  /// A header field of minutes or a transcript (`Datum: …`, `Aanwezig: …`).
  case header
  /// A numbered agenda item of minutes, with everything under it.
  case agendaItem = "agenda-item"
  /// A decision in minutes (`Besluit: …`, `Besloten wordt …`).
  case decision
  /// An action item in minutes (`Actiepunten`).
  case actionItem = "action-item"
  /// A transcriber's marker such as `[onverstaanbaar]`, `[lacht]`, `[naam]`.
  case marker
  /// A table cell or row from a word-processor file.
  case tableRow = "table-row"
  /// A page of a PDF, with everything on it (`number` in its metadata, from 1).
  case page

  /// Whether segments of this kind hold running text that is cut into sentences and coded.
  ///
  /// Container kinds (agenda items, pages) and markers are not blocks: their text is covered by
  /// the blocks inside them.
  public var isBlock: Bool {
    switch self {
    case .agendaItem, .page, .marker: return false
    default: return true
    }
  }
}

/// Who speaks in a turn.
public enum SpeakerRole: String, Sendable, Hashable, Codable, CaseIterable {
  /// The person asking the questions.
  case interviewer
  /// The person interviewed, or a participant of a meeting.
  case respondent
  /// The chair of a debate or meeting (`De voorzitter:`).
  case chair
  /// A member of a parliament, council or board speaking in a debate (`Mevrouw Kant (SP):`).
  case member
  /// A member of the national government in a debate (`Minister Rutte:`, `Staatssecretaris X:`).
  case minister
  /// A member of a local or regional executive in a debate (`Wethouder X:`, `Gedeputeerde X:`).
  case executive
}

/// A structural part of a document: its kind, its range and what belongs to its kind.
public struct Segment: Sendable, Hashable, Codable {
  /// What the segment is.
  public var kind: SegmentKind
  /// Where it is, in UTF-8 byte offsets into the document's plain text.
  public var range: ByteRange
  /// The speaker of a turn (the label as written, such as `R2` or `Ans de Vries`).
  public var speaker: String?
  /// The speaker's role, for turns.
  public var role: SpeakerRole?
  /// Kind-specific metadata: `timestamp`, `end_timestamp`, `number` (agenda item, page), `field` (header),
  /// `level` (heading), `marker` (the marker word).
  public var metadata: [String: String]

  /// Creates a segment.
  public init(
    kind: SegmentKind, range: ByteRange, speaker: String? = nil, role: SpeakerRole? = nil,
    metadata: [String: String] = [:]
  ) {
    self.kind = kind
    self.range = range
    self.speaker = speaker
    self.role = role
    self.metadata = metadata
  }
}
