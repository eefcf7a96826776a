import CLibXML2
import Foundation
import KwalModel

/// Reads `.html`/`.htm` pages with libxml2's HTML parser (recovering as browsers do, no network)
/// and keeps the author's text: the main content, without navigation, headers, footers, cookie
/// banners, share widgets, related-article lists, comments, newsletter forms, scripts and styles.
///
/// Title, author, date and description come from `<title>`, `<meta>`, `article:published_time`
/// and JSON-LD.
enum HTMLReader {
  /// The largest page Kwal reads (64 MiB).
  static let maximumBytes = 64 << 20

  static func read(_ data: Data, file: String) throws(IngestError) -> Extracted {
    if data.count > maximumBytes {
      throw IngestError(.badData, "page too large (\(data.count >> 20) MiB; Kwal reads pages up to \(maximumBytes >> 20) MiB)", at: SourceLocation(file: file))
    }
    if data.isEmpty {
      return Extracted(text: "", segments: [], kind: .blog, title: nil, date: nil)
    }
    if data.prefix(8192).contains(0), !(data.count >= 2 && (data[0] == 0xFF || data[0] == 0xFE)) {
      throw IngestError(.badData, "binary file (NUL bytes), not HTML", at: SourceLocation(file: file))
    }
    let encoding = detectEncoding(data)
    let options = Int32(
      HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue
        | HTML_PARSE_COMPACT.rawValue)
    let document: htmlDocPtr? = data.withUnsafeBytes { raw -> htmlDocPtr? in
      guard let base = raw.baseAddress else { return nil }
      return htmlReadMemory(base.assumingMemoryBound(to: CChar.self), Int32(raw.count), "page.html", encoding, options)
    }
    guard let document else {
      throw IngestError(.badData, "cannot parse the page as HTML", at: SourceLocation(file: file))
    }
    defer { xmlFreeDoc(document) }
    guard let root = xmlDocGetRootElement(document) else {
      return Extracted(text: "", segments: [], kind: .blog, title: nil, date: nil,
                       diagnostics: [Diagnostic(.warning, SourceLocation(file: file), "the page has no elements")])
    }
    var dom = DOM()
    dom.load(root)
    var extractor = ContentExtractor(dom: dom)
    let extraction = extractor.extract()
    var result = Extracted(
      text: extraction.text, segments: extraction.segments, kind: .blog, title: dom.meta.title, date: dom.meta.date)
    if let author = dom.meta.author { result.attributes["author"] = author }
    if let description = dom.meta.description { result.attributes["description"] = description }
    if let language = dom.meta.language { result.attributes["language"] = language }
    return result
  }

  /// The encoding to decode with: a BOM, then valid UTF-8, then the declared charset, then Windows-1252.
  static func detectEncoding(_ data: Data) -> String {
    if data.count >= 2, data[0] == 0xFF, data[1] == 0xFE { return "UTF-16LE" }
    if data.count >= 2, data[0] == 0xFE, data[1] == 0xFF { return "UTF-16BE" }
    let bytes = [UInt8](data)
    if String(validating: bytes, as: UTF8.self) != nil { return "UTF-8" }
    if let declared = declaredCharset(bytes.prefix(4096)) { return declared }
    return "windows-1252"
  }

  /// The `charset=` of a `<meta>` near the top of the page.
  static func declaredCharset(_ head: ArraySlice<UInt8>) -> String? {
    let text = String(decoding: head, as: UTF8.self).lowercased()
    guard let range = text.range(of: "charset=") else { return nil }
    let rest = text[range.upperBound...].drop(while: { $0 == "\"" || $0 == "'" || $0 == " " })
    let name = rest.prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
    return name.isEmpty ? nil : String(name)
  }
}

/// Page metadata.
struct PageMeta {
  var title: String?
  var author: String?
  var date: String?
  var description: String?
  var language: String?
}

/// A compact copy of the libxml2 tree: arrays indexed by node number.
struct DOM {
  /// Element tag (lowercased) or "#text".
  var tag: [String] = []
  var parent: [Int] = []
  var children: [[Int]] = []
  /// Text of text nodes (raw, not collapsed).
  var text: [String] = []
  /// Lowercased tokens of class and id.
  var tokens: [[Substring]] = []
  /// Other attributes that matter: hidden, role, aria-hidden, style with display:none.
  var hidden: [Bool] = []
  var role: [String] = []
  var meta = PageMeta()
  var titleTag: String?
  private var jsonLD: [String] = []

  mutating func load(_ root: xmlNodePtr) {
    if let lang = XMLNode.attribute(root, "lang"), !lang.isEmpty { meta.language = lang }
    _ = add(root, parent: -1)
    finishMeta()
  }

  private mutating func add(_ node: xmlNodePtr, parent: Int) -> Int {
    let index = tag.count
    let name = XMLNode.name(node).lowercased()
    tag.append(name)
    self.parent.append(parent)
    children.append([])
    text.append("")
    var classTokens: [Substring] = []
    var isHidden = false
    var roleValue = ""
    var property = node.pointee.properties
    while let current = property {
      if let attributeName = current.pointee.name {
        let key = String(cString: attributeName)
        switch key {
        case "class", "id":
          if let value = attributeValue(current) {
            classTokens += value.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) })
          }
        case "hidden":
          isHidden = true
        case "aria-hidden":
          isHidden = isHidden || attributeValue(current) == "true"
        case "style":
          if let style = attributeValue(current)?.lowercased().replacingOccurrences(of: " ", with: ""),
            style.contains("display:none") || style.contains("visibility:hidden")
          {
            isHidden = true
          }
        case "role":
          roleValue = attributeValue(current)?.lowercased() ?? ""
        default: break
        }
      }
      property = current.pointee.next
    }
    tokens.append(classTokens)
    hidden.append(isHidden)
    role.append(roleValue)
    switch name {
    case "title":
      if titleTag == nil { titleTag = XMLNode.content(node).collapsingSpaces() }
    case "meta":
      readMeta(node)
    case "script":
      if XMLNode.attribute(node, "type")?.lowercased() == "application/ld+json" { jsonLD.append(XMLNode.content(node)) }
      return index
    case "style", "noscript", "template", "svg":
      return index
    default: break
    }
    var child = node.pointee.children
    while let current = child {
      switch current.pointee.type {
      case XML_ELEMENT_NODE:
        let childIndex = add(current, parent: index)
        children[index].append(childIndex)
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
        if let content = current.pointee.content {
          let childIndex = tag.count
          tag.append("#text")
          self.parent.append(index)
          children.append([])
          text.append(String(cString: content))
          tokens.append([])
          hidden.append(false)
          role.append("")
          children[index].append(childIndex)
        }
      default: break
      }
      child = current.pointee.next
    }
    return index
  }

  private func attributeValue(_ attribute: xmlAttrPtr) -> String? {
    guard let value = xmlNodeGetContent(UnsafeMutableRawPointer(attribute).assumingMemoryBound(to: xmlNode.self)) else { return nil }
    defer { kwal_xml_free(value) }
    return String(cString: value)
  }

  private var metaValues: [String: String] = [:]

  private mutating func readMeta(_ node: xmlNodePtr) {
    guard let content = XMLNode.attribute(node, "content")?.collapsingSpaces(), !content.isEmpty else { return }
    for key in ["name", "property", "itemprop", "http-equiv"] {
      if let name = XMLNode.attribute(node, key)?.lowercased(), metaValues[name] == nil { metaValues[name] = content }
    }
  }

  private mutating func finishMeta() {
    var ld: [String: String] = [:]
    for script in jsonLD { Self.readJSONLD(script, into: &ld) }
    func first(_ keys: [String]) -> String? {
      for key in keys { if let value = metaValues[key], !value.isEmpty { return value } }
      return nil
    }
    meta.title = first(["og:title", "twitter:title", "dc.title"]) ?? ld["headline"] ?? titleTag.flatMap { $0.isEmpty ? nil : $0 }
    meta.author = first(["author", "article:author", "dc.creator", "byl", "parsely-author", "sailthru.author"]) ?? ld["author"]
    meta.description = first(["description", "og:description", "twitter:description", "dc.description"]) ?? ld["description"]
    let rawDate = first(["article:published_time", "og:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date.issued", "dc.date", "sailthru.date", "parsely-pub-date"])
      ?? ld["datePublished"] ?? ld["dateCreated"]
    meta.date = rawDate.flatMap { DutchDate.parse($0) }
  }

  /// Reads headline, author, description and dates from JSON-LD (objects, arrays, `@graph`).
  static func readJSONLD(_ script: String, into result: inout [String: String]) {
    guard let data = script.data(using: .utf8), let json = try? JSONSerialization.jsonObject(with: data) else { return }
    var queue: [Any] = [json]
    while let item = queue.first {
      queue.removeFirst()
      if let array = item as? [Any] {
        queue += array
        continue
      }
      guard let object = item as? [String: Any] else { continue }
      if let graph = object["@graph"] { queue.append(graph) }
      for key in ["headline", "description", "datePublished", "dateCreated"] where result[key] == nil {
        if let value = object[key] as? String { result[key] = value.collapsingSpaces() }
      }
      if result["author"] == nil, let author = object["author"] {
        let authors = (author as? [Any]) ?? [author]
        let names = authors.compactMap { entry -> String? in
          if let name = entry as? String { return name }
          return (entry as? [String: Any])?["name"] as? String
        }
        if !names.isEmpty { result["author"] = names.joined(separator: ", ") }
      }
    }
  }
}

extension String {
  /// White space runs collapsed to one space, trimmed.
  func collapsingSpaces() -> String {
    var result = ""
    result.reserveCapacity(utf8.count)
    var pendingSpace = false
    for scalar in unicodeScalars {
      if scalar.properties.isWhitespace || scalar == "\u{00A0}" {
        pendingSpace = !result.isEmpty
      } else {
        if pendingSpace { result.unicodeScalars.append(" ") }
        pendingSpace = false
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
