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
/// Parsed by ``XMLDocumentReader``, which also reads ParlaMint's TEI (``TEIReader``).
enum HandelingenReader {
  /// The text and structure of `handelingen`, the element of that name (parsed by
  /// ``XMLDocumentReader``).
  static func extracted(handelingen: xmlNodePtr, forcedKind: DocumentKind?) -> Extracted {
    var paragraphs: [DocxReader.Paragraph] = []
    collect(handelingen, into: &paragraphs)
    var extracted = DocxReader.extracted(from: paragraphs, forcedKind: forcedKind ?? .debate)
    if forcedKind == nil { extracted.kindReason = "kind debate: the Handelingen in XML (officielebekendmakingen.nl)" }
    extracted.title = firstTitle(handelingen).map(collapse) ?? extracted.title
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
