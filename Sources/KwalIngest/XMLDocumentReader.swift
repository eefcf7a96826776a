import CLibXML2
import Foundation
import KwalModel
internal import KwalXML

/// Reads the XML documents Kwal knows, by their root element: the Handelingen of
/// officielebekendmakingen.nl (``HandelingenReader``) and the TEI transcripts of parliaments
/// that ParlaMint publishes (``TEIReader``).
///
/// Parsed with libxml2 (no network); a document that declares entities is refused, so none is
/// expanded. Another XML document is refused with its root element named. A copy saved through a
/// wrong encoding (UTF-8 read as Latin-1 and written again as UTF-8: `cliÃ«nten`) is repaired
/// first.
enum XMLDocumentReader {
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
    // Neither format declares entities; a document that does could expand a few kilobytes into
    // gigabytes of text (libxml2 substitutes internal entities when text is read).
    if bytes.firstRange(of: Array("<!ENTITY".utf8)) != nil {
      throw IngestError(
        .badData,
        "the XML declares entities; refused (the Handelingen and ParlaMint declare none, and none are expanded)",
        at: SourceLocation(file: file))
    }
    // A byte order mark or white space before the XML declaration (libxml2 wants it first).
    if let first = bytes.firstIndex(of: UInt8(ascii: "<")) { bytes.removeFirst(first) }
    let parsed = bytes.withUnsafeBytes { XMLRead.read($0, name: "document.xml", encoding: nil) }
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
    var extracted: Extracted
    if rootName == "officiele-publicatie" || rootName == "handelingen",
      let handelingen = rootName == "handelingen" ? root : XMLRead.firstChild(root, named: "handelingen")
    {
      extracted = HandelingenReader.extracted(handelingen: handelingen, forcedKind: forcedKind)
    } else if rootName == "TEI", XMLRead.namespace(root) == TEIReader.namespace {
      extracted = try TEIReader.extracted(tei: root, file: file, forcedKind: forcedKind)
    } else if let what = TEIReader.describesCorpus(rootName: rootName, namespace: XMLRead.namespace(root)) {
      throw IngestError(
        .badData, "\(what), not a transcript: leave it out of the corpus (Kwal skips it when it reads the folder)",
        at: SourceLocation(file: file))
    } else {
      throw IngestError(
        .badData,
        "an XML document Kwal does not read (root <\(rootName)>): Kwal reads the Handelingen of officielebekendmakingen.nl (<officiele-publicatie> with <handelingen>) and TEI transcripts of parliaments as ParlaMint publishes them (<TEI> in the TEI namespace, http://www.tei-c.org/ns/1.0, with <u> utterances)",
        at: SourceLocation(file: file))
    }
    extracted.diagnostics = diagnostics + extracted.diagnostics
    return extracted
  }
}
