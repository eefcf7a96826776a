internal import CLibXML2
internal import Foundation
internal import KwalModel
internal import KwalZip
internal import ZIPFoundation
internal import KwalXML

/// The files a project's sources and notes name: entries of the `.qdpx` archive first, then
/// files beside the `.qdpx` (REFI's external and relative sources).
struct ArchiveFiles {
  let archive: Archive
  /// The `.qdpx` file.
  let project: URL
  /// The project's `basePath`, for `relative://` paths.
  let basePath: String?
  /// The archive's files by lower-cased path.
  private var entries: [String: Entry] = [:]

  init(archive: Archive, project: URL, basePath: String?) {
    self.archive = archive
    self.project = project
    self.basePath = basePath
    for entry in archive where entry.type == .file { entries[entry.path.lowercased()] = entry }
  }

  /// The bytes of the file `path` names (`internal://`, `relative://`, `file://`, an absolute
  /// path, a bare name or a relative path), or a sentence saying why there are none.
  func data(_ path: String) -> Result<(data: Data, place: String), MissingFile> {
    let trimmed = path.trimmingCharacters(in: .whitespacesAndNewlines)
    var inside: [String] = []
    var beside: [String] = []
    if let rest = trimmed.dropScheme("internal://") {
      inside = ["sources/" + rest, rest, "sources/" + Self.lastComponent(rest)]
    } else if let rest = trimmed.dropScheme("relative://") {
      inside = ["sources/" + rest, rest]
      beside = [rest, Self.lastComponent(rest)]
    } else if let rest = trimmed.dropScheme("file://") ?? trimmed.dropScheme("absolute://") {
      beside = [Self.lastComponent(rest)]
    } else if trimmed.hasPrefix("/") || trimmed.hasPrefix("\\")
      || (trimmed.count > 2 && trimmed.dropFirst().hasPrefix(":"))
    {
      beside = [Self.lastComponent(trimmed)]
    } else {
      inside = ["sources/" + trimmed, trimmed, "sources/" + Self.lastComponent(trimmed)]
      beside = [trimmed, Self.lastComponent(trimmed)]
    }
    for candidate in inside {
      guard let entry = entries[candidate.replacingOccurrences(of: "\\", with: "/").lowercased()] else { continue }
      guard entry.uncompressedSize <= QDPXReader.maximumSourceSize else {
        return .failure(MissingFile(description: "\(entry.path) is larger than \(QDPXReader.maximumSourceSize) bytes"))
      }
      let bytes: Data
      do {
        bytes = try archive.contents(of: entry, in: project, limit: QDPXReader.maximumSourceSize)
      } catch {
        return .failure(MissingFile(description: "cannot read \(entry.path) in the archive: \(error.reason)"))
      }
      return .success((bytes, entry.path))
    }
    let folder = project.deletingLastPathComponent()
    var looked: [String] = []
    for candidate in beside {
      let parts = candidate.split(whereSeparator: { $0 == "/" || $0 == "\\" })
      guard !parts.isEmpty, !parts.contains(where: { $0 == ".." || $0 == "." }) else { continue }
      let url = parts.reduce(folder) { $0.appendingPathComponent(String($1)) }
      if looked.contains(url.path) { continue }
      looked.append(url.path)
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else {
        continue
      }
      let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? UInt64) ?? 0
      guard size <= QDPXReader.maximumSourceSize else {
        return .failure(MissingFile(description: "\(url.path) is larger than \(QDPXReader.maximumSourceSize) bytes"))
      }
      guard let data = FileManager.default.contents(atPath: url.path) else {
        return .failure(MissingFile(description: "cannot read \(url.path)"))
      }
      return .success((data, url.path))
    }
    if inside.isEmpty {
      return .failure(
        MissingFile(
          description:
            "the external file \(trimmed) is not beside the project (looked for \(looked.joined(separator: ", ")))"))
    }
    let besideNote = looked.isEmpty ? "" : ", nor beside the project (\(looked.joined(separator: ", ")))"
    return .failure(
      MissingFile(
        description: "\(trimmed) is not in the archive (looked for \(inside.joined(separator: ", ")))\(besideNote)"))
  }

  static func lastComponent(_ path: String) -> String {
    String(path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? Substring(path))
  }

  /// A source file's text: UTF-16 when it starts with a byte order mark for it, else UTF-8.
  static func text(_ data: Data) -> (text: String, invalidUTF8: Bool) {
    if data.count >= 2,
      (data[data.startIndex] == 0xFF && data[data.startIndex + 1] == 0xFE)
        || (data[data.startIndex] == 0xFE && data[data.startIndex + 1] == 0xFF)
    {
      let little = data[data.startIndex] == 0xFF
      var units: [UInt16] = []
      units.reserveCapacity(data.count / 2)
      var index = data.startIndex + 2
      while index + 1 < data.endIndex {
        let a = UInt16(data[index])
        let b = UInt16(data[index + 1])
        units.append(little ? a | b << 8 : a << 8 | b)
        index += 2
      }
      return (String(decoding: units, as: UTF16.self), false)
    }
    let valid = String(validating: data, as: UTF8.self)
    return (valid ?? String(decoding: data, as: UTF8.self), valid == nil)
  }
}

/// Why a file named in a project could not be read, as one sentence.
struct MissingFile: Error, CustomStringConvertible {
  var description: String
}

extension String {
  /// The rest after a URL scheme such as `internal://`, compared without case.
  fileprivate func dropScheme(_ scheme: String) -> String? {
    lowercased().hasPrefix(scheme) ? String(dropFirst(scheme.count)) : nil
  }
}

/// A REFI-QDA `<Note>`: a memo's text, and where the project refers to it.
struct ProjectNote {
  var guid: String
  var title: String
  var text: String
  var author: String
  var created: String
}

/// What a project holds besides its source texts, read element by element, and what placing
/// the selections on the normalised texts gives.
struct ProjectParts {
  let file: String
  var notes: [Diagnostic] = []
  var reader: QDCReader.Reader
  var users: [String: String] = [:]
  var codes: [CodeDefinition] = []
  var sourceNodes: [xmlNodePtr] = []
  var projectDescription: String?
  private var caseOf: [String: String] = [:]
  private var variableNames: [String: String] = [:]
  private var caseAttributes: [String: [String: String]] = [:]
  private var setNodes: [(node: xmlNodePtr, codebookStyle: Bool)] = []
  private var projectNoteRefs: [String] = []
  private var noteNodes: [xmlNodePtr] = []
  private var projectNotes: [String: ProjectNote] = [:]
  private var attachedNotes: Set<String> = []
  /// Document ids by normalised source GUID.
  private var documentOfSource: [String: String] = [:]

  var codings: [CodingRecord] = []
  var memos: [MemoRecord] = []
  var unplaceable: [UnplaceableSelection] = []
  var codeSets: [CodeSet] = []
  var documentSets: [DocumentSet] = []

  init(file: String) {
    self.file = file
    self.reader = QDCReader.Reader(file: file)
  }

  mutating func note(_ severity: Severity, _ message: String, line: Int? = nil) {
    notes.append(Diagnostic(severity, SourceLocation(file: file, line: line.flatMap { $0 > 0 ? $0 : nil }), message))
  }

  // MARK: - Header

  /// Users, the code tree, variables, cases, sets, notes and the description.
  mutating func readHeader(_ root: xmlNodePtr) {
    let namespace = XMLRead.namespace(root) ?? "(none)"
    if namespace != QDPXWriter.namespace {
      note(
        .note, "namespace \(namespace) tolerated (the schema's is \(QDPXWriter.namespace))",
        line: Int(xmlGetLineNo(root)))
    }
    // Variables first: cases and sources refer to them.
    for child in XMLRead.elements(root) where XMLRead.name(child) == "Variables" {
      for variable in XMLRead.elements(child) where XMLRead.name(variable) == "Variable" {
        guard let guid = XMLRead.attribute(variable, "guid") else { continue }
        variableNames[XMLInput.normalisedGUID(guid)] = XMLRead.attribute(variable, "name") ?? guid
      }
    }
    for child in XMLRead.elements(root) {
      let line = Int(xmlGetLineNo(child))
      switch XMLRead.name(child) {
      case "Users":
        for user in XMLRead.elements(child) {
          guard let guid = XMLRead.attribute(user, "guid") else { continue }
          users[XMLInput.normalisedGUID(guid)] =
            XMLRead.attribute(user, "name") ?? XMLRead.attribute(user, "id") ?? guid
        }
      case "CodeBook":
        for part in XMLRead.elements(child) {
          switch XMLRead.name(part) {
          case "Codes": for code in XMLRead.elements(part) { reader.readCode(code, parent: nil, into: &codes) }
          case "Sets": setNodes += XMLRead.elements(part).map { ($0, true) }
          default: note(.warning, "<\(XMLRead.name(part))> in the code book dropped", line: Int(xmlGetLineNo(part)))
          }
        }
      case "Sources", "sources":
        if XMLRead.name(child) == "sources" { note(.note, "<sources> in lower case tolerated", line: line) }
        sourceNodes += XMLRead.elements(child)
      case "Description":
        projectDescription = XMLRead.content(child)
      case "Cases":
        readCases(child)
      case "Sets":
        setNodes += XMLRead.elements(child).map { ($0, false) }
      case "Notes":
        noteNodes += XMLRead.elements(child).filter { XMLRead.name($0) == "Note" }
      case "NoteRef":
        if let target = XMLRead.attribute(child, "targetGUID") {
          projectNoteRefs.append(XMLInput.normalisedGUID(target))
        }
      case "Variables":
        break
      default:
        note(.warning, "<\(XMLRead.name(child))> dropped", line: line)
      }
    }
  }

  private mutating func readCases(_ node: xmlNodePtr) {
    for caseNode in XMLRead.elements(node) where XMLRead.name(caseNode) == "Case" {
      let caseName = XMLRead.attribute(caseNode, "name") ?? XMLRead.attribute(caseNode, "guid") ?? ""
      caseAttributes[caseName, default: [:]].merge(variables(of: caseNode)) { _, new in new }
      for ref in XMLRead.elements(caseNode) where XMLRead.name(ref) == "SourceRef" {
        guard let target = XMLRead.attribute(ref, "targetGUID") else { continue }
        let key = XMLInput.normalisedGUID(target)
        if let first = caseOf[key] {
          note(
            .note, "source \(target) is in several cases: the first, \(first), is kept", line: Int(xmlGetLineNo(ref)))
        } else {
          caseOf[key] = caseName
        }
      }
    }
  }

  /// The variable values under `node` (`VariableValue` with a `VariableRef` and a value).
  private mutating func variables(of node: xmlNodePtr) -> [String: String] {
    var values: [String: String] = [:]
    for value in XMLRead.elements(node) where XMLRead.name(value) == "VariableValue" {
      let parts = XMLRead.elements(value)
      guard let ref = parts.first(where: { XMLRead.name($0) == "VariableRef" }),
        let target = XMLRead.attribute(ref, "targetGUID"),
        let name = variableNames[XMLInput.normalisedGUID(target)],
        let content = parts.first(where: { XMLRead.name($0) != "VariableRef" })
      else {
        note(.warning, "variable value without a known variable: dropped", line: Int(xmlGetLineNo(value)))
        continue
      }
      values[name] = XMLRead.content(content)
    }
    return values
  }

  // MARK: - Notes

  /// The project's notes: their text inline (`PlainTextContent`) or in a file of the archive.
  mutating func readNotes(files: ArchiveFiles) {
    for node in noteNodes {
      let line = Int(xmlGetLineNo(node))
      guard let guid = XMLRead.attribute(node, "guid").map(XMLInput.normalisedGUID) else {
        note(.warning, "note without a guid: dropped", line: line)
        continue
      }
      var text = XMLRead.elements(node).first { XMLRead.name($0) == "PlainTextContent" }.map(XMLRead.content)
      if text == nil, let path = XMLRead.attribute(node, "plainTextPath") {
        switch files.data(path) {
        case .success(let found): text = ArchiveFiles.text(found.data).text
        case .failure(let why):
          note(.warning, "note \"\(XMLRead.attribute(node, "name") ?? guid)\": \(why)", line: line)
        }
      }
      if XMLRead.elements(node).contains(where: { XMLRead.name($0) == "PlainTextSelection" }) {
        note(
          .warning,
          "codings inside note \"\(XMLRead.attribute(node, "name") ?? guid)\" dropped: Kwal codes documents, not memos",
          line: line)
      }
      let author = XMLRead.attribute(node, "creatingUser").map { users[XMLInput.normalisedGUID($0)] ?? $0 } ?? ""
      projectNotes[guid] = ProjectNote(
        guid: guid, title: XMLRead.attribute(node, "name") ?? "",
        text: NormalisedText(text ?? "").text, author: author,
        created: XMLRead.attribute(node, "creationDateTime") ?? "")
    }
    for guid in projectNoteRefs { attach(guid, line: 0) }
    for (code, guid) in reader.noteRefs { attach(guid, code: code, line: 0) }
  }

  /// A memo for the note `guid` on what the other arguments name.
  private mutating func attach(
    _ guid: String, document: String = "", start: Int? = nil, end: Int? = nil, code: String = "", line: Int
  ) {
    guard let note = projectNotes[guid] else {
      self.note(.warning, "reference to an unknown note \(guid) dropped", line: line)
      return
    }
    attachedNotes.insert(guid)
    memos.append(
      MemoRecord(
        memo: guid, document: document, start: start, end: end, code: code, author: note.author, created: note.created,
        title: note.title, text: note.text))
  }

  /// The notes no element refers to, as memos on the project (so none is lost).
  func unattachedNotes() -> [MemoRecord] {
    projectNotes.values.filter { !attachedNotes.contains($0.guid) }.sorted { $0.guid < $1.guid }.map {
      MemoRecord(memo: $0.guid, author: $0.author, created: $0.created, title: $0.title, text: $0.text)
    }
  }

  private func noteRefs(_ node: xmlNodePtr) -> [String] {
    XMLRead.elements(node).filter { XMLRead.name($0) == "NoteRef" }.compactMap {
      XMLRead.attribute($0, "targetGUID").map(XMLInput.normalisedGUID)
    }
  }

  // MARK: - Sources

  /// A text source's text, document id, case, title, variables and raw selections; nil (with
  /// an error note, its codings listed as unplaceable) when its text cannot be had.
  mutating func readSource(_ node: xmlNodePtr, files: ArchiveFiles, usedNames: inout Set<String>) -> SourceInProject? {
    let line = Int(xmlGetLineNo(node))
    let sourceName = XMLRead.attribute(node, "name") ?? XMLRead.attribute(node, "guid") ?? "source"
    let guid = XMLRead.attribute(node, "guid").map(XMLInput.normalisedGUID)
    let caseName = guid.flatMap { caseOf[$0] } ?? ""
    var original: String
    if let path = XMLRead.attribute(node, "plainTextPath") {
      switch files.data(path) {
      case .success(let found):
        let decoded = ArchiveFiles.text(found.data)
        original = decoded.text
        if decoded.invalidUTF8 {
          note(
            .warning, "source \"\(sourceName)\": \(found.place) is not valid UTF-8; bad bytes became U+FFFD", line: line
          )
        }
        if !found.place.lowercased().hasPrefix("sources/") {
          note(.note, "source \"\(sourceName)\": plainTextPath \"\(path)\" read from \(found.place)", line: line)
        }
      case .failure(let why):
        note(.error, "source \"\(sourceName)\": \(why): the source and its codings are not imported", line: line)
        listUnplaceable(node, source: sourceName, reason: "the source's text is missing (\(path))")
        return nil
      }
    } else if let content = XMLRead.elements(node).first(where: { XMLRead.name($0) == "PlainTextContent" }) {
      original = XMLRead.content(content)
    } else {
      note(
        .error, "source \"\(sourceName)\" has no plain text: the source and its codings are not imported", line: line)
      listUnplaceable(node, source: sourceName, reason: "the source has no plain text")
      return nil
    }
    if original.unicodeScalars.first == "\u{FEFF}" {
      // A byte order mark is no content: writers (NVivo) count positions from after it.
      original.unicodeScalars.removeFirst()
      note(.note, "source \"\(sourceName)\": leading BOM removed", line: line)
    }
    let positions = SourcePositions(original)
    if original.unicodeScalars.contains("\r") {
      note(.note, "source \"\(sourceName)\": CR and CRLF line ends made LF, positions carried over", line: line)
    }
    let normalised = NormalisedText(original)
    let file = QDPXReader.safeName(sourceName, used: &usedNames)
    let id = file.hasSuffix(".txt") && !sourceName.hasSuffix(".txt") ? String(file.dropLast(4)) : file
    if let guid { documentOfSource[guid] = id }
    var attributes = caseAttributes[caseName] ?? [:]
    attributes.merge(variables(of: node)) { _, new in new }
    let title = XMLRead.elements(node).first { XMLRead.name($0) == "Description" }.map(XMLRead.content)
    var selections: [(node: xmlNodePtr, raw: RawSelection)] = []
    var broken: [xmlNodePtr] = []
    for selection in XMLRead.elements(node) where XMLRead.name(selection) == "PlainTextSelection" {
      guard let start = XMLRead.attribute(selection, "startPosition").flatMap({ Int($0) }),
        let end = XMLRead.attribute(selection, "endPosition").flatMap({ Int($0) })
      else {
        broken.append(selection)
        continue
      }
      selections.append((selection, RawSelection(start: start, end: end, name: XMLRead.attribute(selection, "name"))))
    }
    return SourceInProject(
      node: node, name: sourceName, line: line, positions: positions, normalised: normalised,
      imported: ImportedSource(
        id: id, file: file, caseName: caseName, title: title, attributes: attributes, text: normalised.text),
      selections: selections, broken: broken)
  }

  /// The codes and coders of the codings under `node`.
  private func codesAndCoders(_ node: xmlNodePtr) -> (codes: [String], coders: [String]) {
    var codes: [String] = []
    var coders: [String] = []
    for coding in XMLRead.elements(node) where XMLRead.name(coding) == "Coding" {
      if let ref = XMLRead.elements(coding).first(where: { XMLRead.name($0) == "CodeRef" }),
        let target = XMLRead.attribute(ref, "targetGUID"), let code = reader.guids[XMLInput.normalisedGUID(target)]
      {
        codes.append(code)
      }
      if let user = XMLRead.attribute(coding, "creatingUser") ?? XMLRead.attribute(node, "creatingUser") {
        coders.append(users[XMLInput.normalisedGUID(user)] ?? user)
      }
    }
    return (codes, coders)
  }

  /// Lists every selection of a source whose text is missing as unplaceable.
  private mutating func listUnplaceable(_ source: xmlNodePtr, source name: String, reason: String) {
    for selection in XMLRead.elements(source) where XMLRead.name(selection) == "PlainTextSelection" {
      unplaceable(selection, source: name, reason: reason)
    }
  }

  private mutating func unplaceable(_ selection: xmlNodePtr, source: String, reason: String) {
    let (codes, coders) = codesAndCoders(selection)
    unplaceable.append(
      UnplaceableSelection(
        source: source, startPosition: XMLRead.attribute(selection, "startPosition").flatMap { Int($0) },
        endPosition: XMLRead.attribute(selection, "endPosition").flatMap { Int($0) }, codes: codes, coders: coders,
        quote: XMLRead.attribute(selection, "name") ?? "", reason: reason, line: Int(xmlGetLineNo(selection))))
  }

  // MARK: - Placing

  /// The codings and memos of `source`, its positions read in `unit` and carried over to the
  /// normalised text; selections that fit nowhere are listed as unplaceable.
  mutating func place(_ source: SourceInProject, unit: PositionUnit, quotesAreText: Bool) {
    let document = source.imported.id
    let texts = Array(source.normalised.text.unicodeScalars)
    func slice(_ start: Int, _ end: Int) -> String {
      var view = String.UnicodeScalarView()
      view.append(contentsOf: texts[start..<end])
      return String(view)
    }
    for node in source.broken {
      unplaceable(node, source: source.name, reason: "no valid startPosition/endPosition")
      note(
        .error, "selection in \"\(source.name)\" has no valid startPosition/endPosition: listed as unplaceable",
        line: Int(xmlGetLineNo(node)))
    }
    var placedElsewhere = 0
    for (node, raw) in source.selections {
      let line = Int(xmlGetLineNo(node))
      var chosen = unit
      var span = Self.span(raw, source.positions, unit)
      let quote = raw.name.map(QuoteMatch.collapse) ?? ""
      if quotesAreText && !quote.isEmpty
        && !(span.map { QuoteMatch.matches(quote, source.positions.slice($0.0, $0.1)) } ?? false)
      {
        // The quote is elsewhere in this counting: another counting that finds it, or none.
        let other = source.positions.distinctUnits.first { candidate in
          Self.span(raw, source.positions, candidate).map {
            QuoteMatch.matches(quote, source.positions.slice($0.0, $0.1))
          }
            ?? false
        }
        if let other {
          chosen = other
          span = Self.span(raw, source.positions, other)
          placedElsewhere += 1
        } else if let found = span.map({ "\"\(source.positions.slice($0.0, $0.1).prefix(40))\"" }) {
          unplaceable(
            node, source: source.name,
            reason: "quotes \"\(quote.prefix(40))\" but the text there is \(found) in every counting")
          note(
            .error,
            "selection \(raw.start)-\(raw.end) in \"\(source.name)\" quotes other words than its positions hold in every counting: listed as unplaceable",
            line: line)
          continue
        }
      }
      guard let (start, end) = span else {
        let length = source.positions.length(in: chosen)
        let reason =
          max(raw.start, raw.end) > length
          ? "beyond the end of the text (\(length) positions as \(chosen))"
          : raw.start > raw.end ? "starts after it ends" : "falls inside a character as \(chosen)"
        unplaceable(node, source: source.name, reason: reason)
        note(
          .error, "selection \(raw.start)-\(raw.end) in \"\(source.name)\": \(reason): listed as unplaceable",
          line: line)
        continue
      }
      let from = source.normalised.start(start)
      let to = max(from, source.normalised.end(end))
      let text = slice(from, to)
      let description = XMLRead.elements(node).first { XMLRead.name($0) == "Description" }
      let provenance = description.map { Provenance(XMLRead.content($0)) } ?? Provenance()
      addCodings(
        of: node, document: document, caseName: source.imported.caseName, start: from, end: to,
        unit: provenance.unit ?? .segment, provenance: provenance, text: text,
        fallbackUser: XMLRead.attribute(node, "creatingUser"), source: source.name)
      for guid in noteRefs(node) { attach(guid, document: document, start: from, end: to, line: line) }
    }
    if placedElsewhere > 0 {
      note(
        .note,
        "source \"\(source.name)\": \(placedElsewhere) selection(s) found their quoted text only in another counting and were placed by it",
        line: source.line)
    }
    let before = codings.count
    addCodings(
      of: source.node, document: document, caseName: source.imported.caseName, start: 0, end: texts.count,
      unit: .document, provenance: Provenance(), text: source.normalised.text,
      fallbackUser: XMLRead.attribute(source.node, "creatingUser"), source: source.name)
    if codings.count > before {
      note(
        .note,
        "\(codings.count - before) coding(s) directly on source \"\(source.name)\" imported as whole-document codings",
        line: source.line)
    }
    for guid in noteRefs(source.node) { attach(guid, document: document, line: source.line) }
  }

  /// The scalar indexes of a selection's ends in `unit`, or nil when either fits no character.
  static func span(_ raw: RawSelection, _ positions: SourcePositions, _ unit: PositionUnit) -> (Int, Int)? {
    guard let start = positions.scalarIndex(raw.start, in: unit), let end = positions.scalarIndex(raw.end, in: unit),
      start <= end
    else { return nil }
    return (start, end)
  }

  private mutating func addCodings(
    of node: xmlNodePtr, document: String, caseName: String, start: Int, end: Int, unit: UnitKind,
    provenance: Provenance, text: String, fallbackUser: String?, source: String
  ) {
    for coding in XMLRead.elements(node) where XMLRead.name(coding) == "Coding" {
      let codingLine = Int(xmlGetLineNo(coding))
      guard let ref = XMLRead.elements(coding).first(where: { XMLRead.name($0) == "CodeRef" }),
        let target = XMLRead.attribute(ref, "targetGUID"), let code = reader.guids[XMLInput.normalisedGUID(target)]
      else {
        note(.error, "coding in \"\(source)\" refers to an unknown code: dropped", line: codingLine)
        continue
      }
      let userGUID = XMLRead.attribute(coding, "creatingUser") ?? fallbackUser
      let coder = userGUID.flatMap { users[XMLInput.normalisedGUID($0)] ?? $0 } ?? "unknown"
      var record = CodingRecord(
        document: document, caseName: caseName, unit: unit, start: start, end: end, code: code, coder: coder,
        rules: provenance.rules, matched: provenance.matched, text: text)
      record.speaker = provenance.speaker
      record.role = provenance.role
      record.page = provenance.page
      record.timestamp = provenance.timestamp
      codings.append(record)
      for guid in noteRefs(coding) {
        attach(
          guid, document: document, start: unit == .document ? nil : start, end: unit == .document ? nil : end,
          code: code, line: codingLine)
      }
    }
  }

  // MARK: - Sets

  /// The sets: codes into code sets (for the codebook), sources into document sets (for the
  /// manifest). A set holding both is kept in both under its name.
  mutating func resolveSets() {
    for (node, codebookStyle) in setNodes {
      let line = Int(xmlGetLineNo(node))
      guard XMLRead.name(node) == "Set" else {
        note(.warning, "<\(XMLRead.name(node))> in <Sets> dropped", line: line)
        continue
      }
      let name = XMLRead.attribute(node, "name") ?? XMLRead.attribute(node, "guid") ?? "set"
      let description = XMLRead.elements(node).first { XMLRead.name($0) == "Description" }.map(XMLRead.content)
      var setCodes: [String] = []
      var setDocuments: [String] = []
      var unknown = 0
      for member in XMLRead.elements(node) {
        // A .qdc's MemberCode names its code by `guid`, a project's by `targetGUID`.
        let target = (XMLRead.attribute(member, "targetGUID") ?? XMLRead.attribute(member, "guid")).map(
          XMLInput.normalisedGUID)
        switch XMLRead.name(member) {
        case "MemberCode":
          if let target, let code = reader.guids[target] { setCodes.append(code) } else { unknown += 1 }
        case "MemberSource":
          if let target, let document = documentOfSource[target] { setDocuments.append(document) } else { unknown += 1 }
        case "MemberNote":
          note(.note, "set \"\(name)\": a note as member dropped (memos have no sets in Kwal)", line: line)
        case "Description": break
        default: unknown += 1
        }
      }
      if unknown > 0 {
        note(.warning, "set \"\(name)\": \(unknown) member(s) that are no code or imported source dropped", line: line)
      }
      if !setCodes.isEmpty || (setDocuments.isEmpty && codebookStyle) {
        codeSets.append(
          CodeSet(name: uniqueName(name, codeSets.map(\.name)), description: description, codes: setCodes))
      }
      if !setDocuments.isEmpty || (setCodes.isEmpty && !codebookStyle) {
        documentSets.append(
          DocumentSet(
            name: uniqueName(name, documentSets.map(\.name)), description: description, documents: setDocuments))
      }
    }
  }

  private mutating func uniqueName(_ name: String, _ taken: [String]) -> String {
    guard taken.contains(name) else { return name }
    var number = 2
    while taken.contains("\(name) (\(number))") { number += 1 }
    note(.note, "set name \"\(name)\" is taken: this one is \"\(name) (\(number))\"")
    return "\(name) (\(number))"
  }
}
