public import CLibXML2
internal import Foundation

/// Reading libxml2 trees: the helpers that KwalIngest's readers (Word, the Handelingen) and
/// KwalExport's REFI-QDA readers share.
public enum XMLRead {
  /// The local name of an element.
  public static func name(_ node: xmlNodePtr) -> String {
    guard let name = node.pointee.name else { return "" }
    return String(cString: name)
  }

  /// The first child element with the local name `name`.
  public static func firstChild(_ node: xmlNodePtr, named name: String) -> xmlNodePtr? {
    var child = node.pointee.children
    while let current = child {
      if current.pointee.type == XML_ELEMENT_NODE, Self.name(current) == name { return current }
      child = current.pointee.next
    }
    return nil
  }

  /// The namespace URI of an element, if it has one.
  public static func namespace(_ node: xmlNodePtr) -> String? {
    node.pointee.ns?.pointee.href.map { String(cString: $0) }
  }

  /// An attribute's value by local name, in any namespace.
  public static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
    var property = node.pointee.properties
    while let current = property {
      if let propertyName = current.pointee.name, String(cString: propertyName) == name {
        guard let value = xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self))
        else { return "" }
        defer { kwal_xml_free(value) }
        return String(cString: value)
      }
      property = current.pointee.next
    }
    return nil
  }

  /// Parses `raw` as XML without network access, errors or warnings on standard error (libxml2
  /// keeps them per thread: a syntax error, or its nesting limit of 256 levels); `options` are
  /// added to those. Gives the document, or libxml2's reason and line (nil when it gave none).
  public static func read(_ raw: UnsafeRawBufferPointer, name: String, encoding: String?, options: UInt32 = 0) -> (
    document: xmlDocPtr?, error: (reason: String, line: Int?)?
  ) {
    xmlResetLastError()
    let all = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | options)
    guard let base = raw.baseAddress,
      let document = xmlReadMemory(base.assumingMemoryBound(to: CChar.self), Int32(raw.count), name, encoding, all)
    else {
      guard let error = xmlGetLastError(), let text = error.pointee.message else { return (nil, nil) }
      let line = Int(error.pointee.line)
      return (nil, (String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines), line > 0 ? line : nil))
    }
    return (document, nil)
  }

  /// The child elements of a node, in order.
  public static func elements(_ node: xmlNodePtr) -> [xmlNodePtr] {
    var elements: [xmlNodePtr] = []
    var child = node.pointee.children
    while let current = child {
      if current.pointee.type == XML_ELEMENT_NODE { elements.append(current) }
      child = current.pointee.next
    }
    return elements
  }

  /// The text content of a node and its descendants.
  public static func content(_ node: xmlNodePtr) -> String {
    guard let value = xmlNodeGetContent(node) else { return "" }
    defer { kwal_xml_free(value) }
    return String(cString: value)
  }

  /// The local name and namespace of the root element of the XML file at `path`, read with
  /// libxml2's streaming reader up to that element (no network, no entities): nil when the file
  /// cannot be read or holds no element.
  public static func rootElement(path: String) -> (name: String, namespace: String?)? {
    let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
    guard let reader = xmlReaderForFile(path, nil, options) else { return nil }
    defer { xmlFreeTextReader(reader) }
    while xmlTextReaderRead(reader) == 1 {
      guard xmlTextReaderNodeType(reader) == Int32(XML_READER_TYPE_ELEMENT.rawValue) else { continue }
      guard let name = xmlTextReaderConstLocalName(reader) else { return nil }
      let namespace = xmlTextReaderConstNamespaceUri(reader).map { String(cString: $0) }
      return (String(cString: name), namespace)
    }
    return nil
  }
}
