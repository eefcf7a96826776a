internal import CLibXML2
public import Foundation
public import KwalModel
internal import KwalXML

/// Reads a REFI-QDA codebook (`.qdc`) into a Kwal code tree, tolerating what real files do
/// differently from the schema (other namespace versions, an empty `<Sets/>`), and saying so.
///
/// Parsing never touches the network and never substitutes entities. Codes exported by Kwal keep
/// their ids (`Kwal-id:` in the description) and criteria; other codes get a kebab-case id made
/// from their name.
public enum QDCReader {
  /// The codebook in the `.qdc` at `url` and the notes on what was tolerated or dropped.
  public static func read(_ url: URL) throws(ExportError) -> (codebook: CodebookInfo, notes: [Diagnostic]) {
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw ExportError(.missingInput, "cannot read the file", at: SourceLocation(file: url.path))
    }
    return try parse(data, file: url.path, name: url.deletingPathExtension().lastPathComponent)
  }

  /// The codebook in the `.qdc` bytes `data`; `file` names it in errors and notes.
  public static func parse(_ data: Data, file: String, name: String) throws(ExportError) -> (
    codebook: CodebookInfo, notes: [Diagnostic]
  ) {
    let doc = try XMLInput.parse(data, file: file)
    defer { xmlFreeDoc(doc) }
    var reader = Reader(file: file)
    guard let root = xmlDocGetRootElement(doc), XMLRead.name(root) == "CodeBook" else {
      throw ExportError(
        .badData, "not a REFI-QDA codebook: the root element is not CodeBook", at: SourceLocation(file: file))
    }
    reader.checkNamespace(root)
    var codes: [CodeDefinition] = []
    var sawCodes = false
    var setNodes: [xmlNodePtr] = []
    for child in XMLRead.elements(root) {
      switch XMLRead.name(child) {
      case "Codes":
        sawCodes = true
        for code in XMLRead.elements(child) { reader.readCode(code, parent: nil, into: &codes) }
      case "Sets":
        let sets = XMLRead.elements(child)
        if sets.isEmpty { reader.note(child, .note, "empty <Sets/> tolerated (the schema wants one Set at least)") }
        setNodes += sets
      default:
        reader.note(child, .warning, "element <\(XMLRead.name(child))> dropped")
      }
    }
    guard sawCodes, !codes.isEmpty else {
      throw ExportError(.badData, "the codebook has no codes", at: SourceLocation(file: file))
    }
    if !reader.noteRefs.isEmpty {
      reader.note(
        root, .warning, "\(reader.noteRefs.count) note reference(s) of codes dropped: a codebook file holds no notes")
    }
    let sets = reader.codeSets(setNodes)
    let origin = XMLRead.attribute(root, "origin")
    if let origin, origin.hasPrefix("Kwal: ") {
      // Kwal's own export: "Kwal: <name> <version>" gives the codebook its name and version back.
      let parts = origin.dropFirst("Kwal: ".count).split(separator: " ", maxSplits: 1).map(String.init)
      return (
        CodebookInfo(name: parts[0], version: parts.count > 1 ? parts[1] : "", codes: codes, sets: sets), reader.notes
      )
    }
    return (
      CodebookInfo(
        name: name, version: "1", description: origin.map { "Imported from \($0)" }, codes: codes, sets: sets),
      reader.notes
    )
  }

  /// Walks the code tree, collecting codes and notes.
  struct Reader {
    let file: String
    var notes: [Diagnostic] = []
    var usedIDs: Set<String> = []
    /// Code ids by normalised GUID (lower case, no braces).
    var guids: [String: String] = [:]
    /// The notes codes refer to (`NoteRef`): the code's id and the note's normalised GUID.
    var noteRefs: [(code: String, note: String)] = []

    init(file: String) { self.file = file }

    mutating func note(_ node: xmlNodePtr, _ severity: Severity, _ message: String) {
      let line = Int(xmlGetLineNo(node))
      notes.append(Diagnostic(severity, SourceLocation(file: file, line: line > 0 ? line : nil), message))
    }

    mutating func checkNamespace(_ root: xmlNodePtr) {
      let namespace = XMLRead.namespace(root)
      if namespace == QDCWriter.namespace { return }
      if let namespace, namespace.hasPrefix("urn:QDA-XML:codebook:") {
        note(root, .note, "namespace \(namespace) tolerated (the schema's is \(QDCWriter.namespace))")
      } else {
        note(root, .warning, "namespace \(namespace ?? "(none)") is not a REFI-QDA codebook namespace; read anyway")
      }
    }

    /// The code sets of a codebook's `<Sets>`: `<Set>`s of `<MemberCode guid=…>` (the schema's
    /// attribute) or `targetGUID` (as projects write it).
    mutating func codeSets(_ nodes: [xmlNodePtr]) -> [CodeSet] {
      var sets: [CodeSet] = []
      for node in nodes {
        guard XMLRead.name(node) == "Set" else {
          note(node, .warning, "element <\(XMLRead.name(node))> in <Sets> dropped")
          continue
        }
        var set = CodeSet(name: XMLRead.attribute(node, "name") ?? "set \(sets.count + 1)")
        if sets.contains(where: { $0.name == set.name }) {
          var number = 2
          while sets.contains(where: { $0.name == "\(set.name) (\(number))" }) { number += 1 }
          set.name = "\(set.name) (\(number))"
        }
        for member in XMLRead.elements(node) {
          switch XMLRead.name(member) {
          case "Description": set.description = XMLRead.content(member)
          case "MemberCode":
            let target = (XMLRead.attribute(member, "guid") ?? XMLRead.attribute(member, "targetGUID")).map(
              XMLInput.normalisedGUID)
            if let target, let code = guids[target] {
              set.codes.append(code)
            } else {
              note(member, .warning, "set \"\(set.name)\": a member that is no code of the codebook dropped")
            }
          default: note(member, .warning, "set \"\(set.name)\": <\(XMLRead.name(member))> dropped")
          }
        }
        sets.append(set)
      }
      return sets
    }

    mutating func readCode(_ node: xmlNodePtr, parent: String?, into codes: inout [CodeDefinition]) {
      guard XMLRead.name(node) == "Code" else {
        note(node, .warning, "element <\(XMLRead.name(node))> in a code tree dropped")
        return
      }
      let name = XMLRead.attribute(node, "name") ?? ""
      var description: String?
      for child in XMLRead.elements(node) where XMLRead.name(child) == "Description" {
        description = XMLRead.content(child)
      }
      var parsed = CodeDescription(description)
      var id = parsed.id ?? slug(name)
      if id.isEmpty { id = "code-\(codes.count + 1)" }
      if usedIDs.contains(id) {
        var number = 2
        while usedIDs.contains("\(id)-\(number)") { number += 1 }
        note(node, .note, "code id \"\(id)\" is taken: this one is \"\(id)-\(number)\"")
        id = "\(id)-\(number)"
      }
      usedIDs.insert(id)
      if let guid = XMLRead.attribute(node, "guid") { guids[XMLInput.normalisedGUID(guid)] = id }
      if name.isEmpty { note(node, .warning, "code without a name: it is called \"\(id)\"") }
      let codable = XMLRead.attribute(node, "isCodable")
      if codable == nil { note(node, .note, "code \"\(id)\" has no isCodable: taken as codable") }
      var color = XMLRead.attribute(node, "color")
      if let value = color, QDCWriter.color(value) == nil {
        note(node, .warning, "colour \"\(value)\" of code \"\(id)\" dropped: not #rrggbb")
        color = nil
      }
      parsed.id = nil
      codes.append(
        CodeDefinition(
          id: id, label: Label(nl: name.isEmpty ? id : name), parent: parent, definition: parsed.definition,
          include: parsed.include, exclude: parsed.exclude, color: color.flatMap(QDCWriter.color), memo: parsed.memo,
          isCodable: codable.map { $0 == "true" || $0 == "1" } ?? true))
      for child in XMLRead.elements(node) where XMLRead.name(child) != "Description" {
        if XMLRead.name(child) == "NoteRef" {
          if let target = XMLRead.attribute(child, "targetGUID") {
            noteRefs.append((id, XMLInput.normalisedGUID(target)))
          }
          continue
        }
        readCode(child, parent: id, into: &codes)
      }
    }
  }

  /// A kebab-case id from a code name: lower case, letters and digits, diacritics removed.
  static func slug(_ name: String) -> String {
    let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
    var result = ""
    var dash = false
    for scalar in folded.unicodeScalars {
      if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
        if dash && !result.isEmpty { result.append("-") }
        result.unicodeScalars.append(scalar)
        dash = false
      } else {
        dash = true
      }
    }
    return result
  }
}

/// A code's description split back into what ``QDCWriter`` put in it.
struct CodeDescription {
  var definition: String?
  var include: [String] = []
  var exclude: [String] = []
  var memo: String?
  var id: String?

  init(_ text: String?) {
    guard let text else { return }
    var rest: [String] = []
    for paragraph in text.components(separatedBy: "\n\n") {
      let lines = paragraph.components(separatedBy: "\n")
      let items = lines.dropFirst().map { $0.hasPrefix("- ") ? String($0.dropFirst(2)) : $0 }
      if paragraph.hasPrefix("Kwal-id: ") {
        id = String(paragraph.dropFirst("Kwal-id: ".count)).trimmingCharacters(in: .whitespacesAndNewlines)
      } else if lines.first == "Wel coderen (include):" {
        include = items
      } else if lines.first == "Niet coderen (exclude):" {
        exclude = items
      } else if paragraph.hasPrefix("Memo: ") {
        memo = String(paragraph.dropFirst("Memo: ".count))
      } else {
        rest.append(paragraph)
      }
    }
    let joined = rest.joined(separator: "\n\n").trimmingCharacters(in: .whitespacesAndNewlines)
    definition = joined.isEmpty ? nil : joined
  }
}

/// Safe XML input with libxml2: no network, no entity substitution, errors with line and column.
enum XMLInput {
  static func parse(_ data: Data, file: String) throws(ExportError) -> xmlDocPtr {
    final class FirstError { var error: (String, Int, Int)? }
    let first = FirstError()
    let box = Unmanaged.passRetained(first)
    defer { box.release() }
    xmlSetStructuredErrorFunc(box.toOpaque()) { userData, error in
      guard let userData, let error else { return }
      let target = Unmanaged<FirstError>.fromOpaque(userData).takeUnretainedValue()
      guard target.error == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
      let message = error.pointee.message.map { String(cString: $0) } ?? "XML error"
      target.error = (
        message.trimmingCharacters(in: .whitespacesAndNewlines), Int(error.pointee.line), Int(error.pointee.int2)
      )
    }
    defer { xmlSetStructuredErrorFunc(nil, nil) }
    let options = Int32(XML_PARSE_NONET.rawValue)
    let doc = data.withUnsafeBytes { raw -> xmlDocPtr? in
      guard let base = raw.baseAddress else { return nil }
      return xmlReadMemory(base.assumingMemoryBound(to: CChar.self), Int32(raw.count), file, nil, options)
    }
    guard let doc else {
      if let (message, line, column) = first.error {
        throw ExportError(
          .badData, "malformed XML: \(message)",
          at: SourceLocation(file: file, line: line > 0 ? line : nil, column: column > 0 ? column : nil))
      }
      throw ExportError(.badData, "malformed XML (empty file?)", at: SourceLocation(file: file))
    }
    if let subset = doc.pointee.intSubset ?? doc.pointee.extSubset {
      // REFI-QDA files have no DTD; one that declares entities is at best useless, at worst hostile
      // (external files, billion laughs). Nothing in it was loaded or expanded.
      let line = Int(xmlGetLineNo(UnsafeMutableRawPointer(subset).assumingMemoryBound(to: xmlNode.self)))
      xmlFreeDoc(doc)
      throw ExportError(
        .badData, "the file has a DOCTYPE: REFI-QDA files have none, and Kwal never resolves entities",
        at: SourceLocation(file: file, line: line > 0 ? line : nil))
    }
    return doc
  }

  /// A GUID in lower case without braces, for matching references.
  static func normalisedGUID(_ guid: String) -> String {
    guid.trimmingCharacters(in: CharacterSet(charactersIn: "{} \t\n")).lowercased()
  }
}
