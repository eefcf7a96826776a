internal import CLibXML2
internal import Foundation
internal import KwalModel

/// A small XML element tree that is serialised with libxml2's tree API, so that escaping is
/// libxml2's job and attribute order is the order given here.
struct XMLNode {
  /// The element name (local name, in the document's one namespace).
  var name: String
  /// Attributes in output order; `nil` values are left out.
  var attributes: [(String, String)]
  /// Text content, for leaf elements such as `Description`.
  var text: String?
  /// Child elements in output order.
  var children: [XMLNode]

  init(_ name: String, _ attributes: [(String, String?)] = [], text: String? = nil, children: [XMLNode] = []) {
    self.name = name
    self.attributes = attributes.compactMap { key, value in value.map { (key, XMLNode.clean($0)) } }
    self.text = text.map(XMLNode.clean)
    self.children = children
  }

  /// Replaces characters XML 1.0 cannot carry (most C0 controls, lone surrogates cannot occur in
  /// Swift strings) with U+FFFD, one scalar for one, so positions do not move.
  static func clean(_ text: String) -> String {
    guard mayHoldForbidden(text), text.unicodeScalars.contains(where: isForbidden) else { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      result.append(isForbidden(scalar) ? "\u{FFFD}" : scalar)
    }
    return String(result)
  }

  /// Whether `text`'s bytes hold a control byte or the lead byte of U+FFFE and U+FFFF (most
  /// texts hold neither: one pass over the bytes).
  private static func mayHoldForbidden(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in bytes.contains { $0 < 0x20 || $0 == 0xEF } }
  }

  private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value < 0x20 { return value != 0x09 && value != 0x0A && value != 0x0D }
    return value == 0xFFFE || value == 0xFFFF
  }

  /// The UTF-8 bytes of a document with this element as its root in namespace `namespace`,
  /// indented, with an XML declaration.
  func document(namespace: String) throws(ExportError) -> Data {
    guard let doc = xmlNewDoc(xmlString("1.0")) else { throw ExportError(.io, "libxml2 cannot create a document") }
    defer { xmlFreeDoc(doc) }
    guard let root = xmlNewDocNode(doc, nil, xmlString(name), nil) else {
      throw ExportError(.io, "libxml2 cannot create an element")
    }
    xmlDocSetRootElement(doc, root)
    guard let ns = xmlNewNs(root, xmlString(namespace), nil) else {
      throw ExportError(.io, "libxml2 cannot create a namespace")
    }
    xmlSetNs(root, ns)
    try fill(root, doc: doc, ns: ns)
    var buffer: UnsafeMutablePointer<xmlChar>?
    var size: Int32 = 0
    xmlDocDumpFormatMemoryEnc(doc, &buffer, &size, "UTF-8", 1)
    guard let buffer, size > 0 else { throw ExportError(.io, "libxml2 cannot serialise the document") }
    defer { kwal_xml_free(buffer) }
    return Data(bytes: buffer, count: Int(size))
  }

  /// The UTF-8 bytes of this element as ``document(namespace:)`` writes it at depth `level`
  /// (the root is depth 0): its start tag without the indentation before it, its children
  /// indented below it, its end tag. The element is written without a namespace declaration
  /// (in a document it takes the root's default namespace), so a document can be written a part
  /// at a time and every part freed once written.
  func fragment(level: Int) throws(ExportError) -> [UInt8] {
    guard let doc = xmlNewDoc(xmlString("1.0")) else { throw ExportError(.io, "libxml2 cannot create a document") }
    defer { xmlFreeDoc(doc) }
    // Written as UTF-8, as the whole document is (without an encoding, characters beyond ASCII
    // would become character references).
    doc.pointee.encoding = UnsafePointer(xmlStrdup(xmlString("UTF-8")))
    guard let root = xmlNewDocNode(doc, nil, xmlString(name), nil) else {
      throw ExportError(.io, "libxml2 cannot create an element")
    }
    xmlDocSetRootElement(doc, root)
    try fill(root, doc: doc, ns: nil)
    // No encoder: the bytes are UTF-8 already, and stay in the buffer.
    guard let output = xmlAllocOutputBuffer(nil) else {
      throw ExportError(.io, "libxml2 cannot create an output buffer")
    }
    xmlNodeDumpOutput(output, doc, root, Int32(level), 1, "UTF-8")
    xmlOutputBufferFlush(output)
    var bytes: [UInt8] = []
    if let content = xmlOutputBufferGetContent(output) {
      bytes = Array(UnsafeBufferPointer(start: content, count: Int(xmlOutputBufferGetSize(output))))
    }
    xmlOutputBufferClose(output)
    guard !bytes.isEmpty else { throw ExportError(.io, "libxml2 cannot serialise element \(name)") }
    return bytes
  }

  private func fill(_ node: xmlNodePtr, doc: xmlDocPtr, ns: xmlNsPtr?) throws(ExportError) {
    for (key, value) in attributes where xmlNewProp(node, xmlString(key), xmlString(value)) == nil {
      throw ExportError(.io, "libxml2 cannot add attribute \(key)")
    }
    if let text {
      // xmlNewDocText stores the text as is; the serialiser escapes it.
      guard let textNode = xmlNewDocText(doc, xmlString(text)) else {
        throw ExportError(.io, "libxml2 cannot add text")
      }
      xmlAddChild(node, textNode)
    }
    for child in children {
      guard let element = xmlNewDocNode(doc, ns, xmlString(child.name), nil) else {
        throw ExportError(.io, "libxml2 cannot create element \(child.name)")
      }
      xmlAddChild(node, element)
      try child.fill(element, doc: doc, ns: ns)
    }
  }
}

/// A NUL-terminated UTF-8 copy of `text`, which Swift passes to libxml2 as `const xmlChar *`.
func xmlString(_ text: String) -> [xmlChar] {
  var bytes = Array(text.utf8)
  bytes.append(0)
  return bytes
}
