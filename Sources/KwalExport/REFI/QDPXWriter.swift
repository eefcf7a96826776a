public import Foundation
public import KwalModel
internal import ZIPFoundation

/// Writes a REFI-QDA project (`.qdpx`): a zip with `project.qde` (namespace
/// `urn:QDA-XML:project:1.0`) and every document's plain text as `sources/<guid>.txt`.
///
/// Users are the coders (the rule coder is `auto:<codebook>@<version>`); variables come from the
/// documents' attributes; every coding becomes a `PlainTextSelection` (Unicode code points, end
/// exclusive, quoted text in `name`, rule ids and matched words in `Description`) with one
/// `Coding`. GUIDs are UUIDv5 of stable ids and zip entries have a fixed order and timestamp, so
/// the same input always gives the same bytes.
public enum QDPXWriter {
  /// The REFI-QDA project namespace.
  public static let namespace = "urn:QDA-XML:project:1.0"

  /// What went into a project.
  public struct Summary: Sendable, Hashable {
    /// The number of users (coders).
    public var users: Int
    /// The number of codes.
    public var codes: Int
    /// The number of text sources.
    public var sources: Int
    /// The number of codings (selections).
    public var codings: Int
    /// Codings whose `text` differs from the corpus text at their offsets (a corpus changed
    /// since coding): exported at their offsets, with the corpus text as the quote.
    public var warnings: [Diagnostic] = []
  }

  /// The `project.qde` bytes and the source texts by zip path, in zip order.
  public static func project(
    name: String, codebook: CodebookInfo, output: CodingOutput, texts: [String: String],
    documentSets: [DocumentSet] = [], memos: [MemoRecord] = []
  ) throws(ExportError) -> (qde: Data, sources: [(path: String, text: String)], summary: Summary) {
    let knownCodes = Set(codebook.codes.map(\.id))
    var coders = Set(output.codings.map(\.coder))
    coders.insert(codebook.coderName)
    coders.formUnion(memos.map(\.author).filter { !$0.isEmpty })
    var notes = ProjectNotes(memos)
    let users = coders.sorted()
    func userGUID(_ coder: String) -> String { StableGUID.make("user", coder) }

    var documentsByID: [String: DocumentRecord] = [:]
    for document in output.documents { documentsByID[document.document] = document }
    let documentIDs = Set(output.documents.map(\.document)).union(output.codings.map(\.document))
      .union(memos.map(\.document).filter { !$0.isEmpty }).sorted()
    var caseOf: [String: String] = [:]
    for document in output.documents where !document.caseName.isEmpty { caseOf[document.document] = document.caseName }
    for coding in output.codings where !coding.caseName.isEmpty && caseOf[coding.document] == nil {
      caseOf[coding.document] = coding.caseName
    }
    let variableNames = Set(output.documents.flatMap { $0.attributes.keys }).sorted()
    func variableGUID(_ name: String) -> String { StableGUID.make("variable", name) }
    func sourceGUID(_ document: String) -> String { StableGUID.make("source", document) }

    var codingsByDocument: [String: [CodingRecord]] = [:]
    for coding in output.codings.sorted(by: CodingRecord.outputOrder) {
      guard knownCodes.contains(coding.code) else {
        throw ExportError(
          .badData,
          "coding of \(coding.document) \(coding.start)-\(coding.end) refers to unknown code \"\(coding.code)\"",
          at: SourceLocation(file: "codings.csv"))
      }
      codingsByDocument[coding.document, default: []].append(coding)
    }

    var warnings: [Diagnostic] = []
    var sourceElements: [XMLNode] = []
    var sourceFiles: [(path: String, text: String)] = []
    for document in documentIDs {
      guard let text = texts[document] else {
        throw ExportError(
          .missingInput, "no plain text for document \"\(document)\" in the corpus", at: SourceLocation(file: document))
      }
      let scalars = Array(text.unicodeScalars)
      let guid = sourceGUID(document)
      var children: [XMLNode] = []
      if let title = documentsByID[document]?.title { children.append(XMLNode("Description", text: title)) }
      for coding in codingsByDocument[document] ?? [] {
        guard coding.end <= scalars.count else {
          throw ExportError(
            .badData,
            "selection \(coding.start)-\(coding.end) is beyond the end of \(document) (\(scalars.count) characters)",
            at: SourceLocation(file: document))
        }
        var quoted = String.UnicodeScalarView()
        quoted.append(contentsOf: scalars[coding.start..<coding.end])
        if !coding.text.isEmpty && coding.text != String(quoted) {
          warnings.append(
            Diagnostic(
              .warning, SourceLocation(file: document),
              "coding \(coding.start)-\(coding.end) (\(coding.code)) quotes \"\(coding.text.prefix(40))\" but the corpus has "
                + "\"\(String(quoted).prefix(40))\" there: was the corpus changed after coding?"))
        }
        let key = "\(document)\u{1F}\(coding.start)\u{1F}\(coding.end)\u{1F}\(coding.code)\u{1F}\(coding.coder)"
        var selection: [XMLNode] = []
        if let provenance = provenance(coding) { selection.append(XMLNode("Description", text: provenance)) }
        let onCoding =
          coding.unit == .document && coding.start == 0 && coding.end == scalars.count
          ? notes.take(document: document, start: nil, end: nil, code: coding.code)
            + notes.take(document: document, start: 0, end: coding.end, code: coding.code)
          : notes.take(document: document, start: coding.start, end: coding.end, code: coding.code)
        selection.append(
          XMLNode(
            "Coding", [("guid", StableGUID.make("coding", key)), ("creatingUser", userGUID(coding.coder))],
            children: [XMLNode("CodeRef", [("targetGUID", QDCWriter.guid(ofCode: coding.code))])] + onCoding))
        selection += notes.take(document: document, start: coding.start, end: coding.end, code: "")
        children.append(
          XMLNode(
            "PlainTextSelection",
            [
              ("guid", StableGUID.make("selection", key)), ("name", String(quoted)),
              ("startPosition", String(coding.start)), ("endPosition", String(coding.end)),
              ("creatingUser", userGUID(coding.coder)),
            ], children: selection))
      }
      // Memos on passages no coding covers get a selection of their own, without codings.
      for (start, end) in notes.passages(of: document) where end <= scalars.count {
        var quoted = String.UnicodeScalarView()
        quoted.append(contentsOf: scalars[start..<end])
        let refs =
          notes.take(document: document, start: start, end: end, code: "")
          + notes.takeAnyCode(document: document, start: start, end: end)
        children.append(
          XMLNode(
            "PlainTextSelection",
            [
              ("guid", StableGUID.make("memo-selection", "\(document)\u{1F}\(start)\u{1F}\(end)")),
              ("name", String(quoted)), ("startPosition", String(start)), ("endPosition", String(end)),
            ], children: refs))
      }
      children +=
        notes.take(document: document, start: nil, end: nil, code: "")
        + notes.takeAnyCode(document: document, start: nil, end: nil)
      if let attributes = documentsByID[document]?.attributes {
        for name in variableNames {
          guard let value = attributes[name] else { continue }
          children.append(
            XMLNode(
              "VariableValue",
              children: [
                XMLNode("VariableRef", [("targetGUID", variableGUID(name))]), XMLNode("TextValue", text: value),
              ]))
        }
      }
      sourceElements.append(
        XMLNode(
          "TextSource", [("guid", guid), ("name", document), ("plainTextPath", "internal://\(guid).txt")],
          children: children))
      sourceFiles.append((path: "sources/\(guid).txt", text: text))
    }

    var top: [XMLNode] = []
    top.append(
      XMLNode("Users", children: users.map { XMLNode("User", [("guid", userGUID($0)), ("name", $0), ("id", $0)]) }))
    if !codebook.codes.isEmpty {
      let codes = try QDCWriter.codesElement(codebook) { notes.take(document: "", start: nil, end: nil, code: $0) }
      top.append(XMLNode("CodeBook", children: [codes]))
    }
    if !variableNames.isEmpty {
      top.append(
        XMLNode(
          "Variables",
          children: variableNames.map {
            XMLNode("Variable", [("guid", variableGUID($0)), ("name", $0), ("typeOfVariable", "Text")])
          }))
    }
    let cases = Set(caseOf.values).sorted()
    if !cases.isEmpty {
      top.append(
        XMLNode(
          "Cases",
          children: cases.map { caseName in
            XMLNode(
              "Case", [("guid", StableGUID.make("case", caseName)), ("name", caseName)],
              children: documentIDs.filter { caseOf[$0] == caseName }.map {
                XMLNode("SourceRef", [("targetGUID", sourceGUID($0))])
              })
          }))
    }
    if !sourceElements.isEmpty { top.append(XMLNode("Sources", children: sourceElements)) }
    let projectRefs = notes.take(document: "", start: nil, end: nil, code: "")
    let leftOver = notes.remaining()
    if !notes.all.isEmpty {
      top.append(
        XMLNode(
          "Notes",
          children: notes.all.map { note in
            var attributes: [(String, String?)] = [
              ("guid", note.guid), ("name", note.title.isEmpty ? nil : note.title),
            ]
            if !note.author.isEmpty { attributes.append(("creatingUser", userGUID(note.author))) }
            if ProjectNotes.isDateTime(note.created) { attributes.append(("creationDateTime", note.created)) }
            return XMLNode("Note", attributes, children: [XMLNode("PlainTextContent", text: note.text)])
          }))
    }
    let sets = Self.sets(codebook.sets, documentSets, documents: Set(documentIDs), sourceGUID: sourceGUID)
    // A document set may name documents the project does not hold (not coded, not in the corpus).
    for set in documentSets {
      let missing = set.documents.filter { !documentIDs.contains($0) }
      if !missing.isEmpty {
        warnings.append(
          Diagnostic(
            .warning, SourceLocation(file: "corpus.yaml"),
            "document set \"\(set.name)\": \(missing.count) document(s) not in the project left out "
              + "(\(missing.prefix(3).joined(separator: ", ")))"))
      }
    }
    if !sets.isEmpty { top.append(XMLNode("Sets", children: sets)) }
    if let description = codebook.description, !description.isEmpty {
      top.append(XMLNode("Description", text: description))
    }
    top += projectRefs + leftOver.refs
    warnings += leftOver.warnings
    let root = XMLNode(
      "Project", [("name", name), ("origin", "Kwal"), ("creatingUserGUID", userGUID(codebook.coderName))], children: top
    )
    let qde = try root.document(namespace: namespace)
    let summary = Summary(
      users: users.count, codes: codebook.codes.count, sources: sourceElements.count, codings: output.codings.count,
      warnings: warnings)
    return (qde, sourceFiles, summary)
  }

  /// The project-level `<Set>`s: code sets and document sets, one set where both have a name.
  static func sets(
    _ codeSets: [CodeSet], _ documentSets: [DocumentSet], documents: Set<String>, sourceGUID: (String) -> String
  ) -> [XMLNode] {
    var names: [String] = []
    for name in codeSets.map(\.name) + documentSets.map(\.name) where !names.contains(name) { names.append(name) }
    return names.map { name in
      let codeSet = codeSets.first { $0.name == name }
      let documentSet = documentSets.first { $0.name == name }
      var children: [XMLNode] = []
      if let description = codeSet?.description ?? documentSet?.description {
        children.append(XMLNode("Description", text: description))
      }
      for code in codeSet?.codes ?? [] {
        children.append(XMLNode("MemberCode", [("targetGUID", QDCWriter.guid(ofCode: code))]))
      }
      for document in documentSet?.documents ?? [] where documents.contains(document) {
        children.append(XMLNode("MemberSource", [("targetGUID", sourceGUID(document))]))
      }
      return XMLNode("Set", [("guid", StableGUID.make("set", name)), ("name", name)], children: children)
    }
  }

  /// The `.qdpx` zip bytes: `project.qde` first, then the sources in document order, all with
  /// the same fixed timestamp and permissions.
  public static func data(
    name: String, codebook: CodebookInfo, output: CodingOutput, texts: [String: String],
    documentSets: [DocumentSet] = [], memos: [MemoRecord] = []
  ) throws(ExportError) -> (data: Data, summary: Summary) {
    let parts = try project(
      name: name, codebook: codebook, output: output, texts: texts, documentSets: documentSets, memos: memos)
    var entries: [(String, Data)] = [("project.qde", parts.qde)]
    for source in parts.sources { entries.append((source.path, Data(source.text.utf8))) }
    return (try zip(entries), parts.summary)
  }

  /// A zip of `entries` (deflated, fixed timestamp 2000-01-01 00:00 local zip time, mode 0644).
  static func zip(_ entries: [(String, Data)]) throws(ExportError) -> Data {
    // ZIP stores local calendar fields; building the date in the current calendar makes the
    // stored fields the same in every time zone.
    let fixedDate =
      Calendar.current.date(from: DateComponents(year: 2000, month: 1, day: 1, hour: 0, minute: 0))
      ?? Date(timeIntervalSince1970: 946_684_800)
    do {
      let archive = try Archive(data: Data(), accessMode: .create)
      for (path, bytes) in entries {
        try archive.addEntry(
          with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: fixedDate,
          permissions: 0o644,
          compressionMethod: .deflate
        ) { position, size in
          bytes.subdata(in: Int(position)..<Int(position) + size)
        }
      }
      guard let data = archive.data else { throw ExportError(.io, "cannot build the .qdpx zip in memory") }
      return data
    } catch let error as ExportError {
      throw error
    } catch {
      throw ExportError(.io, "cannot build the .qdpx zip: \(error)")
    }
  }

  /// The provenance of an automatic coding: its rule ids and matched words.
  static func provenance(_ coding: CodingRecord) -> String? {
    var lines: [String] = []
    if !coding.rules.isEmpty { lines.append("Regel (rule): " + coding.rules.joined(separator: ", ")) }
    if !coding.matched.isEmpty {
      lines.append(
        "Woorden (matched): " + coding.matched.map { "\($0.word)@\($0.start)-\($0.end)" }.joined(separator: ", "))
    }
    if coding.unit != .segment { lines.append("Eenheid (unit): \(coding.unit.rawValue)") }
    if let speaker = coding.speaker { lines.append("Spreker (speaker): \(speaker)") }
    if let role = coding.role { lines.append("Rol (role): \(role.rawValue)") }
    if let page = coding.page { lines.append("Pagina (page): \(page)") }
    if let timestamp = coding.timestamp { lines.append("Tijd (timestamp): \(timestamp)") }
    return lines.isEmpty ? nil : lines.joined(separator: "\n")
  }
}

/// The memos of a project as REFI-QDA notes: one `<Note>` per memo id, and the `<NoteRef>`s that
/// each element takes for the memos about it (each reference handed out once).
struct ProjectNotes {
  struct Note {
    var guid: String
    var title: String
    var text: String
    var author: String
    var created: String
  }

  /// The notes, in memo order.
  private(set) var all: [Note] = []
  /// The note GUIDs still to be referred to, by what they are about.
  private var pending: [Target: [String]] = [:]

  struct Target: Hashable {
    var document: String
    var start: Int?
    var end: Int?
    var code: String
  }

  init(_ memos: [MemoRecord]) {
    var seen: [String: String] = [:]
    for memo in MemoFiles.sorted(memos) {
      let guid: String
      if let known = seen[memo.memo] {
        guid = known
      } else {
        guid = Self.isGUID(memo.memo) ? memo.memo : StableGUID.make("note", memo.memo)
        seen[memo.memo] = guid
        all.append(Note(guid: guid, title: memo.title, text: memo.text, author: memo.author, created: memo.created))
      }
      let target = Target(document: memo.document, start: memo.start, end: memo.end, code: memo.code)
      if !(pending[target]?.contains(guid) ?? false) { pending[target, default: []].append(guid) }
    }
    all.sort { $0.guid < $1.guid }
  }

  /// The references for memos about exactly this target, handed out once.
  mutating func take(document: String, start: Int?, end: Int?, code: String) -> [XMLNode] {
    let target = Target(document: document, start: start, end: end, code: code)
    guard let guids = pending.removeValue(forKey: target) else { return [] }
    return guids.map { XMLNode("NoteRef", [("targetGUID", $0)]) }
  }

  /// The references for memos about this passage (or document) with any code: memos on codings
  /// that are not in the project, kept on the passage.
  mutating func takeAnyCode(document: String, start: Int?, end: Int?) -> [XMLNode] {
    let targets = pending.keys.filter {
      $0.document == document && $0.start == start && $0.end == end && !$0.code.isEmpty
    }
    return targets.sorted { $0.code < $1.code }.flatMap {
      take(document: $0.document, start: $0.start, end: $0.end, code: $0.code)
    }
  }

  /// The passages of `document` that still have memos to place.
  func passages(of document: String) -> [(Int, Int)] {
    Set(pending.keys.filter { $0.document == document && $0.start != nil }.map { [$0.start ?? 0, $0.end ?? 0] })
      .sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }.map { ($0[0], $0[1]) }
  }

  /// What is left once every element took its references: memos on codes or documents the
  /// project does not hold, kept as project notes with a warning.
  mutating func remaining() -> (refs: [XMLNode], warnings: [Diagnostic]) {
    var refs: [XMLNode] = []
    var warnings: [Diagnostic] = []
    for target in pending.keys.sorted(by: { ($0.document, $0.code) < ($1.document, $1.code) }) {
      let what = target.document.isEmpty ? "code \"\(target.code)\"" : "document \"\(target.document)\""
      warnings.append(
        Diagnostic(
          .warning, SourceLocation(file: MemoFiles.fileName),
          "a memo on \(what), which the project does not hold, is kept as a note on the project"))
      refs += take(document: target.document, start: target.start, end: target.end, code: target.code)
    }
    return (refs, warnings)
  }

  static func isGUID(_ text: String) -> Bool {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    return parts.map(\.count) == [8, 4, 4, 4, 12] && parts.allSatisfy { $0.allSatisfy(\.isHexDigit) }
  }

  /// Whether `text` is an XML Schema dateTime such as `2024-05-01T12:00:00Z` (roughly).
  static func isDateTime(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    guard scalars.count >= 19, scalars[4] == "-", scalars[7] == "-", scalars[10] == "T", scalars[13] == ":" else {
      return false
    }
    return [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15].allSatisfy { scalars[$0].properties.numericType != nil }
  }
}
