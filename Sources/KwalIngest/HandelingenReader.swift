import CLibXML2
import Foundation
import KwalModel
internal import KwalXML

/// Reads the Handelingen of the Tweede and Eerste Kamer as officielebekendmakingen.nl publishes
/// them in XML (`officiele-publicatie` with `handelingen`): each agenda item's title becomes a
/// heading, its subject a paragraph, and each `spreekbeurt` a turn: the `spreker` element as the
/// printed label (`Mevrouw Ellemeet (GroenLinks):`) on a line of its own, then the `al`
/// paragraphs of its `tekst` (motions included). The labels are then read as in a debate's text,
/// so the speaker, title, party and role come out as they do for the printed Handelingen.
///
/// Parsed with libxml2 (no network); a document that declares entities is refused, so none is
/// expanded. Another XML document is refused
/// with its root element named. A copy saved through a wrong encoding (UTF-8 read as Latin-1 and
/// written again as UTF-8: `cliÃ«nten`) is repaired first.
enum HandelingenReader {
  static func read(_ data: Data, file: String, forcedKind: DocumentKind?) throws(IngestError) -> Extracted {
    _ = HTMLReader.libxml2Ready
    var bytes = [UInt8](data)
    var diagnostics: [Diagnostic] = []
    if let repaired = TextDecoding.repairingDoubleEncoding(bytes) {
      bytes = repaired
      diagnostics.append(
        Diagnostic(
          .note, SourceLocation(file: file),
          "the file was saved twice through UTF-8 (\"Ã«\" for \"ë\"); read as the text it was meant to be"))
    }
    // The Handelingen declare no entities; a document that does could expand a few kilobytes
    // into gigabytes of text (libxml2 substitutes internal entities when text is read).
    if bytes.firstRange(of: Array("<!ENTITY".utf8)) != nil {
      throw IngestError(
        .badData, "the XML declares entities; refused (the Handelingen declare none, and none are expanded)",
        at: SourceLocation(file: file))
    }
    // A byte order mark or white space before the XML declaration (libxml2 wants it first).
    if let first = bytes.firstIndex(of: UInt8(ascii: "<")) { bytes.removeFirst(first) }
    let parsed = bytes.withUnsafeBytes { XMLRead.read($0, name: "handelingen.xml", encoding: nil) }
    guard let document = parsed.document else {
      throw IngestError(
        .badData, "not well-formed XML" + (parsed.error.map { ": \($0.reason)" } ?? ""),
        at: SourceLocation(file: file, line: parsed.error?.line))
    }
    defer { xmlFreeDoc(document) }
    guard let root = xmlDocGetRootElement(document) else {
      throw IngestError(.badData, "an XML file without elements", at: SourceLocation(file: file))
    }
    let rootName = XMLRead.name(root)
    guard rootName == "officiele-publicatie" || rootName == "handelingen",
      let handelingen = rootName == "handelingen" ? root : XMLRead.firstChild(root, named: "handelingen")
    else {
      throw IngestError(
        .badData,
        "an XML document Kwal does not read (root <\(rootName)>): Kwal reads XML as the Handelingen of officielebekendmakingen.nl (<officiele-publicatie> with <handelingen>)",
        at: SourceLocation(file: file))
    }
    var paragraphs: [DocxReader.Paragraph] = []
    collect(handelingen, into: &paragraphs)
    var extracted = DocxReader.extracted(from: paragraphs, forcedKind: forcedKind ?? .debate)
    if forcedKind == nil { extracted.kindReason = "kind debate: the Handelingen in XML (officielebekendmakingen.nl)" }
    extracted.title = firstTitle(handelingen).map(collapse) ?? extracted.title
    extracted.diagnostics += diagnostics
    return extracted
  }

  /// The paragraphs of the Handelingen under `node`, in document order.
  private static func collect(_ node: xmlNodePtr, into paragraphs: inout [DocxReader.Paragraph]) {
    for current in XMLRead.elements(node) {
      switch XMLRead.name(current) {
      case "item-titel":
        paragraphs.append(DocxReader.Paragraph(text: collapse(XMLRead.content(current)), hint: .heading(2)))
      case "titel", "tussenkop":
        paragraphs.append(DocxReader.Paragraph(text: collapse(XMLRead.content(current)), hint: .heading(3)))
      case "spreker", "al":
        paragraphs.append(DocxReader.Paragraph(text: tidy(collapse(XMLRead.content(current))), hint: .none))
      case "nr", "metadata", "meta":
        break
      default:
        collect(current, into: &paragraphs)
      }
    }
  }

  /// The first agenda item's title.
  private static func firstTitle(_ node: xmlNodePtr) -> String? {
    var stack = [node]
    while let current = stack.popLast() {
      if XMLRead.name(current) == "item-titel" { return XMLRead.content(current) }
      stack += XMLRead.elements(current).reversed()
    }
    return nil
  }

  /// White space runs as one space, trimmed: the XML is often printed with each element on a
  /// line of its own.
  static func collapse(_ text: String) -> String {
    text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }

  /// Text whose elements were printed on lines of their own, with the spaces that printing put
  /// before closing punctuation and after an opening bracket taken out (`het VAO .` → `het VAO.`,
  /// `Mevrouw Ellemeet ( GroenLinks ) :` → `Mevrouw Ellemeet (GroenLinks):`).
  static func tidy(_ text: String) -> String {
    var tidied = text
    for (from, to) in [(" :", ":"), (" )", ")"), ("( ", "("), (" .", "."), (" ,", ","), (" ;", ";")] {
      while tidied.contains(from) { tidied = tidied.replacingOccurrences(of: from, with: to) }
    }
    return tidied
  }
}
