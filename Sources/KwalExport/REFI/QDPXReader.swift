internal import CLibXML2
public import Foundation
public import KwalModel
internal import ZIPFoundation

/// One text source of a REFI-QDA project read back.
public struct ImportedSource: Sendable, Hashable {
  /// The document id: the source's name when it is a safe relative path, else the file name.
  public var id: String
  /// A safe relative file name for the plain text (the id, with `.txt` added unless it ends so).
  public var file: String
  /// The case (the first REFI case listing the source), or empty.
  public var caseName: String
  /// The title (the source's `Description`).
  public var title: String?
  /// The variables of the source and of its case (the source's win), as text.
  public var attributes: [String: String]
  /// The plain text.
  public var text: String
}

/// A REFI-QDA project read back: the texts, the codings (one coder per REFI user) and the code tree.
public struct ImportedProject: Sendable {
  /// The text sources, in project order.
  public var sources: [ImportedSource]
  /// The documents: a safe relative file name and the plain text.
  public var documents: [(name: String, text: String)] { sources.map { ($0.file, $0.text) } }
  /// The codings, offsets in Unicode code points.
  public var codings: [CodingRecord]
  /// The code tree.
  public var codebook: CodebookInfo
  /// Everything tolerated or dropped.
  public var notes: [Diagnostic]
}

/// Reads a `.qdpx`, tolerating what real files do differently from the standard and reporting it.
///
/// Zip entry names are never used as output paths (documents are named after their sources),
/// entries are size-limited, and the XML is parsed without network or entities.
public enum QDPXReader {
  /// The largest source text read out of a project.
  public static let maximumSourceSize: UInt64 = 256 * 1024 * 1024

  /// Reads the project at `url`.
  public static func read(_ url: URL) throws(ExportError) -> ImportedProject {
    let (qdeName, data) = try REFIValidation.projectXML(url)
    let file = "\(url.path)/\(qdeName)"
    var notes: [Diagnostic] = []
    func note(_ severity: Severity, _ message: String, line: Int? = nil) {
      notes.append(Diagnostic(severity, SourceLocation(file: file, line: line), message))
    }
    if qdeName != "project.qde" { note(.note, "project document named \(qdeName) tolerated (the standard says project.qde)") }
    let archive: Archive
    do { archive = try Archive(url: url, accessMode: .read) } catch {
      throw ExportError(.badData, "not a zip file (a .qdpx is a zip)", at: SourceLocation(file: url.path))
    }
    let doc = try XMLInput.parse(data, file: file)
    defer { xmlFreeDoc(doc) }
    guard let root = xmlDocGetRootElement(doc), XMLInput.name(root) == "Project" else {
      throw ExportError(.badData, "not a REFI-QDA project: the root element is not Project", at: SourceLocation(file: file))
    }
    let namespace = XMLInput.namespace(root) ?? "(none)"
    if namespace != QDPXWriter.namespace {
      note(.note, "namespace \(namespace) tolerated (the schema's is \(QDPXWriter.namespace))", line: Int(xmlGetLineNo(root)))
    }
    var users: [String: String] = [:]
    var reader = QDCReader.Reader(file: file)
    var codes: [CodeDefinition] = []
    var sourceNodes: [xmlNodePtr] = []
    var caseOf: [String: String] = [:]
    var variableNames: [String: String] = [:]
    var caseAttributes: [String: [String: String]] = [:]
    var projectDescription: String?
    /// The variable values under `node` (`VariableValue` with a `VariableRef` and a value).
    func variables(of node: xmlNodePtr) -> [String: String] {
      var values: [String: String] = [:]
      for value in XMLInput.elements(node) where XMLInput.name(value) == "VariableValue" {
        let parts = XMLInput.elements(value)
        guard let ref = parts.first(where: { XMLInput.name($0) == "VariableRef" }),
          let target = XMLInput.attribute(ref, "targetGUID"),
          let name = variableNames[XMLInput.normalisedGUID(target)],
          let content = parts.first(where: { XMLInput.name($0) != "VariableRef" })
        else {
          note(.warning, "variable value without a known variable: dropped", line: Int(xmlGetLineNo(value)))
          continue
        }
        values[name] = XMLInput.content(content)
      }
      return values
    }
    // Variables first: cases and sources refer to them.
    for child in XMLInput.elements(root) where XMLInput.name(child) == "Variables" {
      for variable in XMLInput.elements(child) where XMLInput.name(variable) == "Variable" {
        guard let guid = XMLInput.attribute(variable, "guid") else { continue }
        variableNames[XMLInput.normalisedGUID(guid)] = XMLInput.attribute(variable, "name") ?? guid
      }
    }
    for child in XMLInput.elements(root) {
      let line = Int(xmlGetLineNo(child))
      switch XMLInput.name(child) {
      case "Users":
        for user in XMLInput.elements(child) {
          guard let guid = XMLInput.attribute(user, "guid") else { continue }
          users[XMLInput.normalisedGUID(guid)] = XMLInput.attribute(user, "name") ?? XMLInput.attribute(user, "id") ?? guid
        }
      case "CodeBook":
        for codesNode in XMLInput.elements(child) where XMLInput.name(codesNode) == "Codes" {
          for code in XMLInput.elements(codesNode) { reader.readCode(code, parent: nil, into: &codes) }
        }
      case "Sources", "sources":
        if XMLInput.name(child) == "sources" { note(.note, "<sources> in lower case tolerated", line: line) }
        sourceNodes += XMLInput.elements(child)
      case "Description":
        projectDescription = XMLInput.content(child)
      case "Cases":
        for caseNode in XMLInput.elements(child) where XMLInput.name(caseNode) == "Case" {
          let caseName = XMLInput.attribute(caseNode, "name") ?? XMLInput.attribute(caseNode, "guid") ?? ""
          caseAttributes[caseName, default: [:]].merge(variables(of: caseNode)) { _, new in new }
          for ref in XMLInput.elements(caseNode) where XMLInput.name(ref) == "SourceRef" {
            guard let target = XMLInput.attribute(ref, "targetGUID") else { continue }
            let key = XMLInput.normalisedGUID(target)
            if caseOf[key] != nil {
              note(.note, "source \(target) is in several cases: the first, \(caseOf[key] ?? ""), is kept", line: Int(xmlGetLineNo(ref)))
            } else {
              caseOf[key] = caseName
            }
          }
        }
      case "Variables":
        break
      default:
        note(.warning, "<\(XMLInput.name(child))> dropped", line: line)
      }
    }
    notes += reader.notes
    guard !codes.isEmpty else { throw ExportError(.badData, "the project has no codes", at: SourceLocation(file: file)) }
    var entries: [String: Entry] = [:]
    for entry in archive where entry.type == .file { entries[entry.path.lowercased()] = entry }

    var documents: [ImportedSource] = []
    var usedNames: Set<String> = []
    var codings: [CodingRecord] = []
    var dropped: [String: Int] = [:]
    for source in sourceNodes {
      let kind = XMLInput.name(source)
      let line = Int(xmlGetLineNo(source))
      guard kind == "TextSource" else {
        dropped[kind, default: 0] += 1
        continue
      }
      let sourceName = XMLInput.attribute(source, "name") ?? XMLInput.attribute(source, "guid") ?? "source"
      let caseName = XMLInput.attribute(source, "guid").flatMap { caseOf[XMLInput.normalisedGUID($0)] } ?? ""
      var text: String
      if let path = XMLInput.attribute(source, "plainTextPath") {
        guard path.hasPrefix("internal://") else {
          note(.error, "source \"\(sourceName)\" refers to an external file \(path): dropped", line: line)
          continue
        }
        let inside = "sources/" + path.dropFirst("internal://".count)
        guard let entry = entries[inside.lowercased()] else {
          note(.error, "source \"\(sourceName)\": \(inside) is missing from the zip: dropped", line: line)
          continue
        }
        guard entry.uncompressedSize <= maximumSourceSize else {
          note(.error, "source \"\(sourceName)\": \(inside) is larger than \(maximumSourceSize) bytes: dropped", line: line)
          continue
        }
        var bytes = Data()
        do {
          _ = try archive.extract(entry, skipCRC32: false) { chunk in
            bytes.append(chunk)
            if UInt64(bytes.count) > maximumSourceSize { throw ExportError(.badData, "\(inside) inflates beyond its size") }
          }
        } catch {
          note(.error, "source \"\(sourceName)\": cannot read \(inside) (\(error)): dropped", line: line)
          continue
        }
        text = String(decoding: bytes, as: UTF8.self)
      } else if let content = XMLInput.elements(source).first(where: { XMLInput.name($0) == "PlainTextContent" }) {
        text = XMLInput.content(content)
      } else {
        note(.error, "source \"\(sourceName)\" has no plain text: dropped", line: line)
        continue
      }
      if text.unicodeScalars.first == "\u{FEFF}" {
        text.unicodeScalars.removeFirst()
        note(.note, "source \"\(sourceName)\": leading BOM removed", line: line)
      }
      let file = safeName(sourceName, used: &usedNames)
      let name = file.hasSuffix(".txt") && !sourceName.hasSuffix(".txt") ? String(file.dropLast(4)) : file
      var attributes = caseAttributes[caseName] ?? [:]
      attributes.merge(variables(of: source)) { _, new in new }
      let title = XMLInput.elements(source).first { XMLInput.name($0) == "Description" }.map(XMLInput.content)
      documents.append(
        ImportedSource(
          id: name, file: file, caseName: caseName, title: title, attributes: attributes, text: text))
      let scalars = Array(text.unicodeScalars)
      // Positions may count CRLF as one (some programs) or two (the standard's code points):
      // decide per file by the selections' quoted text.
      let selections = XMLInput.elements(source).filter { XMLInput.name($0) == "PlainTextSelection" }
      var collapsed: [Int] = []
      for (index, scalar) in scalars.enumerated() where !(scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n") {
        collapsed.append(index)
      }
      collapsed.append(scalars.count)
      func slice(_ start: Int, _ end: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
      }
      var matchesAsIs = 0
      var matchesCollapsed = 0
      if collapsed.count <= scalars.count {
        for selection in selections {
          guard let quote = XMLInput.attribute(selection, "name"), !quote.isEmpty,
            let start = XMLInput.attribute(selection, "startPosition").flatMap({ Int($0) }),
            let end = XMLInput.attribute(selection, "endPosition").flatMap({ Int($0) }), start >= 0, start <= end
          else { continue }
          if end <= scalars.count && slice(start, end) == quote { matchesAsIs += 1 }
          if end < collapsed.count && slice(collapsed[start], collapsed[end]) == quote { matchesCollapsed += 1 }
        }
      }
      let useCollapsed = matchesCollapsed > matchesAsIs
      if useCollapsed { note(.note, "source \"\(sourceName)\": positions count CRLF as one character; converted", line: line) }
      let positions = useCollapsed ? collapsed.count - 1 : scalars.count
      func offset(_ position: Int) -> Int { useCollapsed ? collapsed[position] : position }

      func addCodings(
        of node: xmlNodePtr, start: Int, end: Int, unit: UnitKind, fallbackUser: String?,
        provenance: Provenance = Provenance()
      ) {
        for coding in XMLInput.elements(node) where XMLInput.name(coding) == "Coding" {
          let codingLine = Int(xmlGetLineNo(coding))
          guard let ref = XMLInput.elements(coding).first(where: { XMLInput.name($0) == "CodeRef" }),
            let target = XMLInput.attribute(ref, "targetGUID"), let code = reader.guids[XMLInput.normalisedGUID(target)]
          else {
            note(.error, "coding in \"\(sourceName)\" refers to an unknown code: dropped", line: codingLine)
            continue
          }
          let userGUID = XMLInput.attribute(coding, "creatingUser") ?? fallbackUser
          let coder = userGUID.flatMap { users[XMLInput.normalisedGUID($0)] ?? $0 } ?? "unknown"
          codings.append(
            CodingRecord(
              document: name, caseName: caseName, unit: provenance.unit ?? unit, start: start, end: end, code: code,
              coder: coder, rules: provenance.rules, matched: provenance.matched, text: slice(start, end)))
        }
      }
      for selection in selections {
        let selectionLine = Int(xmlGetLineNo(selection))
        guard let start = XMLInput.attribute(selection, "startPosition").flatMap({ Int($0) }),
          let end = XMLInput.attribute(selection, "endPosition").flatMap({ Int($0) }), start >= 0, start <= end
        else {
          note(.error, "selection in \"\(sourceName)\" has no valid startPosition/endPosition: dropped", line: selectionLine)
          continue
        }
        guard end <= positions else {
          note(.error, "selection \(start)-\(end) is beyond the end of \"\(sourceName)\" (\(positions) positions): dropped", line: selectionLine)
          continue
        }
        let description = XMLInput.elements(selection).first { XMLInput.name($0) == "Description" }
        addCodings(
          of: selection, start: offset(start), end: offset(end), unit: .segment,
          fallbackUser: XMLInput.attribute(selection, "creatingUser"),
          provenance: description.map { Provenance(XMLInput.content($0)) } ?? Provenance())
      }
      let before = codings.count
      addCodings(of: source, start: 0, end: scalars.count, unit: .document, fallbackUser: XMLInput.attribute(source, "creatingUser"))
      if codings.count > before {
        note(.note, "\(codings.count - before) coding(s) directly on source \"\(sourceName)\" imported as whole-document codings", line: line)
      }
    }
    for (kind, count) in dropped.sorted(by: { $0.key < $1.key }) {
      note(.warning, "\(count) \(kind)(s) dropped: Kwal imports text sources only")
    }
    // A project Kwal wrote names its creating user after the codebook (`auto:<name>@<version>`)
    // and holds the codebook's description: restore both, so a re-export gives the same bytes.
    var codebook = CodebookInfo(
      name: url.deletingPathExtension().lastPathComponent, version: "1",
      description: "Imported from \(url.lastPathComponent)", codes: codes)
    if XMLInput.attribute(root, "origin") == "Kwal",
      let creator = XMLInput.attribute(root, "creatingUserGUID").flatMap({ users[XMLInput.normalisedGUID($0)] }),
      creator.hasPrefix("auto:"), let at = creator.lastIndex(of: "@")
    {
      codebook.name = String(creator[creator.index(creator.startIndex, offsetBy: 5)..<at])
      codebook.version = String(creator[creator.index(after: at)...])
      codebook.description = projectDescription
    }
    return ImportedProject(sources: documents, codings: codings, codebook: codebook, notes: notes)
  }

  /// A relative file path for a source: never absolute, no `..`, no glob characters, unique, ending in `.txt`.
  static func safeName(_ name: String, used: inout Set<String>) -> String {
    // Folders are kept; empty, "." and ".." parts, leading dots and drive colons are not.
    let parts = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).compactMap { part -> String? in
      var cleaned = String(part.map { ":*?[]".contains($0) ? "-" : $0 }).trimmingCharacters(in: .whitespaces)
      while cleaned.hasPrefix(".") { cleaned.removeFirst() }
      return cleaned.isEmpty ? nil : cleaned
    }
    var base = parts.joined(separator: "/")
    if base.isEmpty { base = "bron" }
    let lower = base.lowercased()
    if !lower.hasSuffix(".txt") { base += ".txt" }
    var candidate = base
    var number = 2
    while used.contains(candidate.lowercased()) {
      candidate = "\(number)-\(base)"
      number += 1
    }
    used.insert(candidate.lowercased())
    return candidate
  }
}


/// The provenance Kwal writes into a selection's `Description` (see `QDPXWriter.provenance`),
/// read back: rule ids, matched words and the unit. Other descriptions give nothing.
struct Provenance {
  var rules: [String] = []
  var matched: [MatchedWord] = []
  var unit: UnitKind?

  init() {}

  init(_ description: String) {
    for line in description.split(separator: "\n") {
      if let rest = line.dropPrefix("Regel (rule): ") {
        rules = rest.components(separatedBy: ", ").filter { !$0.isEmpty }
      } else if let rest = line.dropPrefix("Woorden (matched): ") {
        for item in rest.components(separatedBy: ", ") {
          guard let at = item.lastIndex(of: "@") else { continue }
          let range = item[item.index(after: at)...].split(separator: "-")
          guard range.count == 2, let start = Int(range[0]), let end = Int(range[1]) else { continue }
          matched.append(MatchedWord(word: String(item[..<at]), start: start, end: end))
        }
      } else if let rest = line.dropPrefix("Eenheid (unit): ") {
        unit = UnitKind(rawValue: rest)
      }
    }
  }
}

extension Substring {
  /// The rest after `prefix`, or nil when the text does not start with it.
  fileprivate func dropPrefix(_ prefix: String) -> String? { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil }
}
