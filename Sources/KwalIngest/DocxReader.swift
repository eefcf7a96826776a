import CLibXML2
import Foundation
import KwalModel
import KwalZip
import ZIPFoundation
internal import KwalXML

/// Reads Word `.docx` files: `word/document.xml` from the zip, parsed with libxml2 (no network, no
/// DTD, no entity expansion). Paragraphs become lines; heading styles, lists, quotes and table rows
/// become hints; the text structure (speaker labels, header fields, agenda items) is then found as
/// in plain text.
enum DocxReader {
  /// The largest `word/document.xml` Kwal inflates (64 MiB).
  static let maximumXMLBytes: UInt64 = 64 << 20
  /// The largest compression ratio accepted (a zip bomb has thousands).
  static let maximumRatio: UInt64 = 200

  static func read(_ data: Data, file: String, forcedKind: DocumentKind?) throws(IngestError) -> Extracted {
    let (xml, numbering) = try documentXML(data, file: file)
    // A numbering part that cannot be read (damaged in the zip, too large, not XML) costs the
    // list numbers, not the document: a warning says so.
    var lists: WordNumbering?
    var note: Diagnostic?
    do {
      lists = try numbering.map { part throws(IngestError) in try self.numbering(try part.get(), file: file) } ?? nil
    } catch {
      note = Diagnostic(.warning, SourceLocation(file: file), "\(error.message); read without list numbers")
    }
    var result = extracted(from: try parse(xml, lists: lists, file: file), forcedKind: forcedKind)
    if let note { result.diagnostics.insert(note, at: 0) }
    return result
  }

  /// The text of paragraphs (each NFC, joined by blank lines; table rows by line ends) with the
  /// structure found in it as in plain text, the paragraphs' hints guiding it.
  static func extracted(from paragraphs: [Paragraph], forcedKind: DocumentKind?) -> Extracted {
    var text = ""
    var hints: [(start: Int, hint: SourceLine.Hint)] = []
    var previousWasRow = false
    for paragraph in paragraphs {
      let body = TextDecoding.normalise(paragraph.text).trimmingSpaces()
      // A paragraph of no-break spaces alone is as empty as a blank one.
      if body.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) { continue }
      if !text.isEmpty { text += (previousWasRow && paragraph.hint == .tableRow) ? "\n" : "\n\n" }
      hints.append((text.utf8.count, paragraph.hint))
      text += body
      previousWasRow = paragraph.hint == .tableRow
    }
    // Every paragraph is NFC and they are joined with ASCII, so the whole text is NFC.
    let normal = text
    var byStart: [Int: SourceLine.Hint] = [:]
    for item in hints { byStart[item.start] = item.hint }
    let analysis = TextStructure.withBytes(of: normal) { bytes in
      var lines = TextStructure.lines(of: bytes)
      for index in lines.indices { lines[index].hint = byStart[lines[index].start] ?? .none }
      return TextStructure(bytes: bytes, lines: lines, markdown: false).analyse(forcedKind: forcedKind)
    }
    return Extracted(
      text: normal, segments: analysis.segments, kind: analysis.kind, title: analysis.title, date: analysis.date,
      declaredRoles: analysis.declaredRoles, kindReason: analysis.kindReason)
  }

  /// Inflates `word/document.xml` and, when the document has one, `word/numbering.xml`, refusing
  /// corrupt zips, missing parts and zip bombs.
  ///
  /// The zip is read from a temporary file, not from memory: ZIPFoundation's in-memory archive
  /// traps on some corrupt zips (a range with its bounds reversed), where its file archive
  /// reports an error (found by `make fuzz`; `HostileTests` keeps the input).
  static func documentXML(
    _ data: Data, file: String
  ) throws(IngestError) -> (document: Data, numbering: Result<Data, IngestError>?) {
    let temporary = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kwal-docx-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).zip")
    do {
      try data.write(to: temporary)
    } catch {
      throw IngestError(.io, "cannot unpack the .docx (no temporary space)", at: SourceLocation(file: file))
    }
    defer { try? FileManager.default.removeItem(at: temporary) }
    let archive: Archive
    do {
      archive = try Archive(url: temporary, accessMode: .read)
    } catch {
      throw IngestError(.badData, "not a .docx file (corrupt or truncated zip)", at: SourceLocation(file: file))
    }
    guard let entry = archive["word/document.xml"] else {
      throw IngestError(.badData, "not a .docx file (no word/document.xml in the zip)", at: SourceLocation(file: file))
    }
    let document = try part(entry, "word/document.xml", of: archive, in: temporary, file: file)
    var numbering: Result<Data, IngestError>?
    if let entry = archive["word/numbering.xml"] {
      do {
        numbering = .success(try part(entry, "word/numbering.xml", of: archive, in: temporary, file: file))
      } catch {
        numbering = .failure(error)
      }
    }
    return (document, numbering)
  }

  /// One inflated part of the zip, within the size and ratio limits.
  private static func part(
    _ entry: Entry, _ name: String, of archive: Archive, in temporary: URL, file: String
  ) throws(IngestError) -> Data {
    if entry.uncompressedSize > maximumXMLBytes {
      throw IngestError(
        .badData, "\(name) is too large (\(entry.uncompressedSize >> 20) MiB)", at: SourceLocation(file: file))
    }
    if entry.compressedSize > 0, entry.uncompressedSize / entry.compressedSize > maximumRatio,
      entry.uncompressedSize > 1 << 20
    {
      throw IngestError(
        .badData, "\(name) is compressed suspiciously well (a zip bomb?)", at: SourceLocation(file: file))
    }
    do {
      return try archive.contents(of: entry, in: temporary, limit: maximumXMLBytes)
    } catch .tooLarge {
      throw IngestError(
        .badData, "\(name) inflates beyond \(maximumXMLBytes >> 20) MiB", at: SourceLocation(file: file))
    } catch {
      throw IngestError(
        .badData, "not a .docx file (\(name) in the zip: \(error.reason))", at: SourceLocation(file: file))
    }
  }

  struct Paragraph {
    var text: String
    var hint: SourceLine.Hint
  }

  /// Parses WordprocessingML into paragraphs with hints; a numbered paragraph starts with the
  /// number Word shows when `lists` (read from `word/numbering.xml`) defines it.
  static func parse(_ xml: Data, lists: WordNumbering? = nil, file: String) throws(IngestError) -> [Paragraph] {
    let document = try tree(xml, "word/document.xml", file: file)
    defer { xmlFreeDoc(document) }
    guard let root = xmlDocGetRootElement(document) else {
      throw IngestError(.badData, "word/document.xml is empty", at: SourceLocation(file: file))
    }
    var lists = lists
    var paragraphs: [Paragraph] = []
    if let body = XMLRead.firstChild(root, named: "body") {
      collect(body, into: &paragraphs, lists: &lists)
    }
    return paragraphs
  }

  /// The list numbering of `word/numbering.xml` (nil for a part without a root element).
  static func numbering(_ xml: Data, file: String) throws(IngestError) -> WordNumbering? {
    let numberingTree = try tree(xml, "word/numbering.xml", file: file)
    defer { xmlFreeDoc(numberingTree) }
    return xmlDocGetRootElement(numberingTree).map(WordNumbering.init(root:))
  }

  /// A part of the zip parsed by libxml2; the caller frees it.
  private static func tree(_ xml: Data, _ name: String, file: String) throws(IngestError) -> xmlDocPtr {
    _ = HTMLReader.libxml2Ready
    // Word never writes a DOCTYPE; one in a .docx is an attack (entities, external DTDs).
    if let head = String(data: xml.prefix(4096), encoding: .utf8)
      ?? String(data: xml.prefix(4096), encoding: .isoLatin1),
      head.contains("<!DOCTYPE") || head.contains("<!ENTITY")
    {
      throw IngestError(
        .badData, "\(name) declares a DTD; refused (no entities are expanded or fetched)",
        at: SourceLocation(file: file))
    }
    let parsed = xml.withUnsafeBytes {
      XMLRead.read(
        $0, name: (name as NSString).lastPathComponent, encoding: "UTF-8", options: XML_PARSE_COMPACT.rawValue)
    }
    guard let document = parsed.document else {
      if let (reason, line) = parsed.error {
        throw IngestError(
          .badData, "\(name) cannot be read\(line.map { " (its line \($0))" } ?? ""): \(reason)",
          at: SourceLocation(file: file))
      }
      throw IngestError(.badData, "\(name) is not well-formed XML", at: SourceLocation(file: file))
    }
    return document
  }

  private static func collect(_ node: xmlNodePtr, into paragraphs: inout [Paragraph], lists: inout WordNumbering?) {
    for current in XMLRead.elements(node) {
      switch XMLRead.name(current) {
      case "p":
        paragraphs.append(paragraph(current, lists: &lists))
      case "tbl":
        table(current, into: &paragraphs, lists: &lists)
      case "sdt", "sdtContent", "customXml", "ins", "smartTag":
        collect(current, into: &paragraphs, lists: &lists)
      default:
        break
      }
    }
  }

  private static func table(_ node: xmlNodePtr, into paragraphs: inout [Paragraph], lists: inout WordNumbering?) {
    var row = node.pointee.children
    while let current = row {
      defer { row = current.pointee.next }
      guard current.pointee.type == XML_ELEMENT_NODE, XMLRead.name(current) == "tr" else { continue }
      var cells: [String] = []
      var cell = current.pointee.children
      while let cellNode = cell {
        defer { cell = cellNode.pointee.next }
        guard cellNode.pointee.type == XML_ELEMENT_NODE, XMLRead.name(cellNode) == "tc" else { continue }
        var inner: [Paragraph] = []
        collect(cellNode, into: &inner, lists: &lists)
        cells.append(inner.map { $0.text.trimmingSpaces() }.filter { !$0.isEmpty }.joined(separator: " "))
      }
      // A two-column transcript table (speaker | text), optionally with a time column first.
      if cells.count == 2, cells[0].count <= 40, !cells[0].isEmpty, TextStructure.isSpeakerName(cells[0]) {
        paragraphs.append(Paragraph(text: "\(cells[0]): \(cells[1])", hint: .none))
      } else if cells.count == 3, cells[1].count <= 40, !cells[1].isEmpty, TextStructure.isSpeakerName(cells[1]),
        cells[0].allSatisfy({ $0.isNumber || $0 == ":" || $0 == "." })
      {
        paragraphs.append(Paragraph(text: "\(cells[1]) (\(cells[0])): \(cells[2])", hint: .none))
      } else {
        let joined = cells.filter { !$0.isEmpty }.joined(separator: " | ")
        if !joined.isEmpty { paragraphs.append(Paragraph(text: joined, hint: .tableRow)) }
      }
    }
  }

  private static func paragraph(_ node: xmlNodePtr, lists: inout WordNumbering?) -> Paragraph {
    var hint = SourceLine.Hint.none
    var number: String?
    if let properties = XMLRead.firstChild(node, named: "pPr") {
      if let style = XMLRead.firstChild(properties, named: "pStyle"), let value = XMLRead.attribute(style, "val") {
        hint = styleHint(value)
      }
      if hint == .none, let outline = XMLRead.firstChild(properties, named: "outlineLvl"),
        let value = XMLRead.attribute(outline, "val"),
        let level = Int(value), level < 9
      {
        hint = .heading(level + 1)
      }
      if let numbered = XMLRead.firstChild(properties, named: "numPr") {
        let value = { (name: String) in
          XMLRead.firstChild(numbered, named: name).flatMap { XMLRead.attribute($0, "val") }
        }
        // numId 0 takes the numbering away.
        if let instance = value("numId"), instance != "0" {
          number = lists?.label(instance: instance, level: value("ilvl").flatMap(Int.init) ?? 0)
        }
        // A number shown is read as the text's own ("3. Rondvraag"); a bullet makes a list item.
        if hint == .none, number == nil { hint = .listItem }
      }
    }
    var text = ""
    runs(node, into: &text)
    if let number, !text.trimmingSpaces().isEmpty { text = number + " " + text.trimmingSpaces() }
    return Paragraph(text: text, hint: hint)
  }

  private static func runs(_ node: xmlNodePtr, into text: inout String) {
    var child = node.pointee.children
    while let current = child {
      defer { child = current.pointee.next }
      guard current.pointee.type == XML_ELEMENT_NODE else { continue }
      switch XMLRead.name(current) {
      case "t": text += XMLRead.content(current)
      case "tab": text += "\t"
      case "br", "cr": text += "\n"
      case "noBreakHyphen": text += "-"
      case "softHyphen": break
      case "pPr", "rPr", "del", "instrText", "delText", "fldChar", "footnoteReference", "endnoteReference",
        "commentReference":
        break
      default: runs(current, into: &text)
      }
    }
  }

  /// The hint of a Word paragraph style id (English and Dutch names).
  static func styleHint(_ style: String) -> SourceLine.Hint {
    let lower = style.lowercased().replacingOccurrences(of: " ", with: "")
    for prefix in ["heading", "kop"] where lower.hasPrefix(prefix) {
      if let level = Int(lower.dropFirst(prefix.count)), level >= 1, level <= 9 { return .heading(level) }
    }
    if lower == "title" || lower == "titel" { return .heading(1) }
    if lower == "subtitle" || lower == "ondertitel" { return .heading(2) }
    if lower.contains("quote") || lower.contains("citaat") { return .quote }
    if lower.hasPrefix("listparagraph") || lower.hasPrefix("lijstalinea") || lower.hasPrefix("listbullet")
      || lower.hasPrefix("opsomming")
    {
      return .listItem
    }
    return .none
  }
}
