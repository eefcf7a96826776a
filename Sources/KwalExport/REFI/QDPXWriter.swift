public import Foundation
public import KwalModel
internal import Dispatch
internal import Synchronization
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
    var sourceBytes: [UInt8] = []
    let parts = try project(
      name: name, codebook: codebook, output: output, texts: texts, documentSets: documentSets, memos: memos
    ) { (bytes: [UInt8]) throws(ExportError) in sourceBytes += bytes }
    var qde = Data(parts.head)
    qde.append(contentsOf: sourceBytes)
    qde.append(contentsOf: parts.tail)
    return (qde, parts.sources.map { ($0.path, texts[$0.document] ?? "") }, parts.summary)
  }

  /// The name of the element that stands for the sources while the rest of `project.qde` is
  /// written (not an element of the REFI-QDA schema, and never left in a project).
  static let sourcesPlaceholder = "KwalSourcesPlaceholder"

  /// `project.qde` in three parts, so that a project of a million codings is never held whole:
  /// each `<TextSource>` element (with its line's indentation and end) is handed to `source` as
  /// it is made, in document order; `head` and `tail` are the bytes before and after them.
  /// `sources` are the zip paths of the documents' texts, with their document ids.
  static func project(
    name: String, codebook: CodebookInfo, output: CodingOutput, texts: [String: String],
    documentSets: [DocumentSet] = [], memos: [MemoRecord] = [],
    source: ([UInt8]) throws(ExportError) -> Void
  ) throws(ExportError) -> (
    head: [UInt8], tail: [UInt8], sources: [(path: String, document: String)], summary: Summary
  ) {
    let knownCodes = Set(codebook.codes.map(\.id))
    var coders = Set(output.codings.map(\.coder))
    coders.insert(codebook.coderName)
    coders.formUnion(memos.map(\.author).filter { !$0.isEmpty })
    var notes = ProjectNotes(memos)
    let users = coders.sorted()
    // Users and codes are few: each GUID is made once.
    let userGUIDs = Dictionary(users.map { ($0, StableGUID.make("user", $0)) }, uniquingKeysWith: { a, _ in a })
    @Sendable func userGUID(_ coder: String) -> String { userGUIDs[coder] ?? StableGUID.make("user", coder) }
    let codeGUIDs = Dictionary(
      codebook.codes.map { ($0.id, QDCWriter.guid(ofCode: $0.id)) }, uniquingKeysWith: { a, _ in a })

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
    @Sendable func variableGUID(_ name: String) -> String { StableGUID.make("variable", name) }
    @Sendable func sourceGUID(_ document: String) -> String { StableGUID.make("source", document) }

    // The codings of each document in output order, as positions in `output.codings` (the
    // records are not copied).
    let codings = output.codings
    var codingsByDocument: [String: [Int]] = [:]
    for index in codings.indices.sorted(by: { CodingRecord.outputOrder(codings[$0], codings[$1]) }) {
      let coding = codings[index]
      guard knownCodes.contains(coding.code) else {
        throw ExportError(
          .badData,
          "coding of \(coding.document) \(coding.start)-\(coding.end) refers to unknown code \"\(coding.code)\"",
          at: SourceLocation(file: "codings.csv"))
      }
      codingsByDocument[coding.document, default: []].append(index)
    }

    let codingsOfDocument = codingsByDocument
    let documentRecords = documentsByID
    var warnings: [Diagnostic] = []
    var sourceCount = 0
    var sourceFiles: [(path: String, document: String)] = []
    /// One document's `<TextSource>` line, with the warnings it gave; the memos about it are
    /// taken from `notes`.
    @Sendable func sourceLine(_ document: String, notes: inout ProjectNotes) throws(ExportError) -> (
      bytes: [UInt8], warnings: [Diagnostic]
    ) {
      var warnings: [Diagnostic] = []
      guard let text = texts[document] else {
        throw ExportError(
          .missingInput, "no plain text for document \"\(document)\" in the corpus", at: SourceLocation(file: document))
      }
      let quotes = ScalarSlicer(text)
      let guid = sourceGUID(document)
      var children: [XMLNode] = []
      if let title = documentRecords[document]?.title { children.append(XMLNode("Description", text: title)) }
      for index in codingsOfDocument[document] ?? [] {
        let coding = codings[index]
        guard coding.end <= quotes.count else {
          throw ExportError(
            .badData,
            "selection \(coding.start)-\(coding.end) is beyond the end of \(document) (\(quotes.count) characters)",
            at: SourceLocation(file: document))
        }
        let quoted = quotes.text(coding.start..<coding.end)
        if !coding.text.isEmpty && coding.text != quoted {
          warnings.append(
            Diagnostic(
              .warning, SourceLocation(file: document),
              "coding \(coding.start)-\(coding.end) (\(coding.code)) quotes \"\(coding.text.prefix(40))\" but the corpus has "
                + "\"\(quoted.prefix(40))\" there: was the corpus changed after coding?"))
        }
        let key = "\(document)\u{1F}\(coding.start)\u{1F}\(coding.end)\u{1F}\(coding.code)\u{1F}\(coding.coder)"
        var selection: [XMLNode] = []
        if let provenance = provenance(coding) { selection.append(XMLNode("Description", text: provenance)) }
        let onCoding =
          coding.unit == .document && coding.start == 0 && coding.end == quotes.count
          ? notes.take(document: document, start: nil, end: nil, code: coding.code)
            + notes.take(document: document, start: 0, end: coding.end, code: coding.code)
          : notes.take(document: document, start: coding.start, end: coding.end, code: coding.code)
        selection.append(
          XMLNode(
            "Coding", [("guid", StableGUID.make("coding", key)), ("creatingUser", userGUID(coding.coder))],
            children: [
              XMLNode("CodeRef", [("targetGUID", codeGUIDs[coding.code] ?? QDCWriter.guid(ofCode: coding.code))])
            ]
              + onCoding))
        selection += notes.take(document: document, start: coding.start, end: coding.end, code: "")
        children.append(
          XMLNode(
            "PlainTextSelection",
            [
              ("guid", StableGUID.make("selection", key)), ("name", quoted),
              ("startPosition", String(coding.start)), ("endPosition", String(coding.end)),
              ("creatingUser", userGUID(coding.coder)),
            ], children: selection))
      }
      // Memos on passages no coding covers get a selection of their own, without codings.
      for (start, end) in notes.passages(of: document) where end <= quotes.count {
        let quoted = quotes.text(start..<end)
        let refs =
          notes.take(document: document, start: start, end: end, code: "")
          + notes.takeAnyCode(document: document, start: start, end: end)
        children.append(
          XMLNode(
            "PlainTextSelection",
            [
              ("guid", StableGUID.make("memo-selection", "\(document)\u{1F}\(start)\u{1F}\(end)")),
              ("name", quoted), ("startPosition", String(start)), ("endPosition", String(end)),
            ], children: refs))
      }
      children +=
        notes.take(document: document, start: nil, end: nil, code: "")
        + notes.takeAnyCode(document: document, start: nil, end: nil)
      if let attributes = documentRecords[document]?.attributes {
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
      // Made at its depth in the project (Project > Sources > TextSource).
      let element = XMLNode(
        "TextSource", [("guid", guid), ("name", document), ("plainTextPath", "internal://\(guid).txt")],
        children: children)
      return (Array("    ".utf8) + (try element.fragment(level: 2)) + [0x0A], warnings)
    }
    // Without memos the documents do not share anything: they are made on every core, a batch
    // at a time, and written in document order.
    let batchSize = memos.isEmpty ? 64 : 1
    var batchStart = 0
    while batchStart < documentIDs.count {
      let batch = Array(documentIDs[batchStart..<min(documentIDs.count, batchStart + batchSize)])
      batchStart += batch.count
      var lines: [Result<(bytes: [UInt8], warnings: [Diagnostic]), ExportError>]
      if batch.count == 1 {
        lines = [Result { () throws(ExportError) in try sourceLine(batch[0], notes: &notes) }]
      } else {
        let made = Mutex<[Int: Result<(bytes: [UInt8], warnings: [Diagnostic]), ExportError>]>([:])
        DispatchQueue.concurrentPerform(iterations: batch.count) { position in
          var none = ProjectNotes([])
          let line = Result { () throws(ExportError) in try sourceLine(batch[position], notes: &none) }
          made.withLock { $0[position] = line }
        }
        let all = made.withLock { $0 }
        lines = batch.indices.map { all[$0] ?? .failure(ExportError(.io, "a source was not made")) }
      }
      for (document, line) in Swift.zip(batch, lines) {
        let (bytes, found) = try line.get()
        warnings += found
        try source(bytes)
        sourceCount += 1
        sourceFiles.append((path: "sources/\(sourceGUID(document)).txt", document: document))
      }
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
    if sourceCount > 0 { top.append(XMLNode("Sources", children: [XMLNode(Self.sourcesPlaceholder)])) }
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
    let qde = [UInt8](try root.document(namespace: namespace))
    let summary = Summary(
      users: users.count, codes: codebook.codes.count, sources: sourceCount, codings: output.codings.count,
      warnings: warnings)
    // The sources go where the placeholder's line is.
    guard sourceCount > 0 else { return (qde, [], sourceFiles, summary) }
    let marker = Array("<\(Self.sourcesPlaceholder)/>".utf8)
    guard let at = Self.firstIndex(of: marker, in: qde) else {
      throw ExportError(.io, "cannot place the sources in project.qde")
    }
    let lineStart = (qde[..<at].lastIndex(of: 0x0A) ?? -1) + 1
    let lineEnd = min(qde.count, at + marker.count + 1)
    return (Array(qde[..<lineStart]), Array(qde[lineEnd...]), sourceFiles, summary)
  }

  /// Where `needle` first occurs in `bytes`.
  static func firstIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
    guard let first = needle.first, needle.count <= bytes.count else { return nil }
    var index = 0
    while index + needle.count <= bytes.count {
      if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
      index += 1
    }
    return nil
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

  /// Writes the `.qdpx` of ``data(name:codebook:output:texts:documentSets:memos:)`` to `url`,
  /// atomically, without holding the project in memory: the sources' XML is written to a
  /// temporary file as it is made, and the zip is written beside `url` and renamed over it.
  /// The bytes are those of ``data(name:codebook:output:texts:documentSets:memos:)``.
  public static func write(
    name: String, codebook: CodebookInfo, output: CodingOutput, texts: [String: String],
    documentSets: [DocumentSet] = [], memos: [MemoRecord] = [], to url: URL
  ) throws(ExportError) -> Summary {
    try AtomicFile.prepare(folder: url.deletingLastPathComponent())
    let sourcesURL = AtomicFile.temporary(
      for: url.deletingLastPathComponent().appendingPathComponent(
        url.lastPathComponent + ".sources"))
    defer { AtomicFile.discard(temporary: sourcesURL) }
    guard let writer = AtomicFile.create(sourcesURL) else {
      throw ExportError(.cannotCreateOutput, "cannot write beside \(url.path)", at: SourceLocation(file: url.path))
    }
    var sourcesSize = 0
    let parts: (head: [UInt8], tail: [UInt8], sources: [(path: String, document: String)], summary: Summary)
    do {
      parts = try project(
        name: name, codebook: codebook, output: output, texts: texts, documentSets: documentSets, memos: memos
      ) { (bytes: [UInt8]) throws(ExportError) in
        do {
          try writer.write(contentsOf: bytes)
        } catch {
          throw ExportError(
            .io, "cannot write beside \(url.path) (\(AtomicFile.reason(error)))", at: SourceLocation(file: url.path))
        }
        sourcesSize += bytes.count
      }
      try writer.close()
    } catch let error as ExportError {
      try? writer.close()
      throw error
    } catch {
      throw ExportError(
        .io, "cannot write beside \(url.path) (\(AtomicFile.reason(error)))", at: SourceLocation(file: url.path))
    }
    let staged = AtomicFile.temporary(for: url)
    do {
      let reader = try FileHandle(forReadingFrom: sourcesURL)
      defer { try? reader.close() }
      let head = Data(parts.head)
      let tail = Data(parts.tail)
      let sourcesEnd = head.count + sourcesSize
      // project.qde is head + sources + tail, read in the order the zip asks for it.
      let qde = { (position: Int64, size: Int) throws -> Data in
        var chunk = Data()
        var at = Int(position)
        let end = at + size
        while at < end {
          if at < head.count {
            let upper = min(end, head.count)
            chunk.append(head[at..<upper])
            at = upper
          } else if at < sourcesEnd {
            let upper = min(end, sourcesEnd)
            try reader.seek(toOffset: UInt64(at - head.count))
            let read = try reader.read(upToCount: upper - at) ?? Data()
            guard !read.isEmpty else {
              throw ExportError(
                .io, "the temporary file of the project's sources ended early (was it removed?)",
                at: SourceLocation(file: sourcesURL.path))
            }
            chunk.append(read)
            at += read.count
          } else {
            let upper = min(end, sourcesEnd + tail.count)
            chunk.append(tail[(at - sourcesEnd)..<(upper - sourcesEnd)])
            at = upper
          }
        }
        return chunk
      }
      let archive = try Archive(url: staged, accessMode: .create)
      try archive.addEntry(
        with: "project.qde", type: .file, uncompressedSize: Int64(sourcesEnd + tail.count),
        modificationDate: zipDate, permissions: 0o644, compressionMethod: .deflate, provider: qde)
      for source in parts.sources {
        let bytes = Data((texts[source.document] ?? "").utf8)
        try archive.addEntry(
          with: source.path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: zipDate,
          permissions: 0o644, compressionMethod: .deflate
        ) { position, size in
          bytes.subdata(in: Int(position)..<Int(position) + size)
        }
      }
    } catch let error as ExportError {
      AtomicFile.discard(temporary: staged)
      throw error
    } catch {
      AtomicFile.discard(temporary: staged)
      throw ExportError(.io, "cannot write the .qdpx zip \(url.path): \(error)", at: SourceLocation(file: url.path))
    }
    try AtomicFile.commit([AtomicFile.StagedFile(temporary: staged, target: url)])
    return parts.summary
  }

  /// The time every zip entry carries: 2000-01-01 00:00 in local zip time. ZIP stores local
  /// calendar fields; building the date in the current calendar makes the stored fields the
  /// same in every time zone.
  static var zipDate: Date {
    Calendar.current.date(from: DateComponents(year: 2000, month: 1, day: 1, hour: 0, minute: 0))
      ?? Date(timeIntervalSince1970: 946_684_800)
  }

  /// A zip of `entries` (deflated, fixed timestamp 2000-01-01 00:00 local zip time, mode 0644).
  static func zip(_ entries: [(String, Data)]) throws(ExportError) -> Data {
    let fixedDate = zipDate
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

/// A text's passages by scalar offsets, cut from its UTF-8 bytes (no scalar is copied one by one).
struct ScalarSlicer {
  private let utf8: [UInt8]
  /// The byte offset of every scalar, and the text's length in bytes last.
  private let starts: [Int32]

  init(_ text: String) {
    utf8 = Array(text.utf8)
    var starts: [Int32] = []
    starts.reserveCapacity(utf8.count + 1)
    for (offset, byte) in utf8.enumerated() where byte & 0xC0 != 0x80 { starts.append(Int32(offset)) }
    starts.append(Int32(utf8.count))
    self.starts = starts
  }

  /// The number of scalars.
  var count: Int { starts.count - 1 }

  /// The scalars `range` (within ``count``) as a string.
  func text(_ range: Range<Int>) -> String {
    String(decoding: utf8[Int(starts[range.lowerBound])..<Int(starts[range.upperBound])], as: UTF8.self)
  }
}
