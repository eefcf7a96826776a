import CLibXML2
import Foundation

/// Builds Kwal's compact ``DOM`` from libxml2's HTML SAX events, so that libxml2 recovers broken
/// HTML as usual but allocates no tree.
///
/// The builder lives for one parse, in memory its caller allocates; libxml2 hands it back to the
/// callbacks through the parser context's `_private` pointer. It is a struct reached through that
/// pointer, not a class, so that the callbacks, which run for every element and text, mutate it
/// without the run-time exclusivity checks a class's properties get.
struct DOMBuilder {
  private var dom = DOM()
  private var stack: [Int] = []
  /// Open elements whose content is never text (script, style, svg…) and not kept.
  private var skipDepth = 0
  private var inTitle = false
  private var titleBytes: [UInt8] = []
  private var inJSONLD = false
  private var jsonBytes: [UInt8] = []
  private var scratch: [UInt8] = []
  private var nameCache: [UnsafePointer<xmlChar>: (name: String, flags: UInt8, code: UInt8)] = [:]
  /// Open elements below ``maximumDepth``, which are not kept (their text goes to the deepest kept one).
  private var overflowDepth = 0
  /// The overflow depth at which a skipped element (script, style…) opened below the limit, or 0.
  private var overflowSkip = 0
  /// How many elements were flattened into their ancestor at ``maximumDepth``.
  private(set) var flattened = 0

  /// The deepest element nesting kept. Pages nest a few dozen levels; deeper elements are folded
  /// into their ancestor at this depth, so every later walk over the tree has bounded depth.
  static let maximumDepth = 400

  /// Elements whose content is skipped (kept as one removed element).
  static let skipped: Set<String> = ["script", "style", "noscript", "template", "svg", "math", "select", "textarea"]

  init(expectedNodes: Int) {
    dom.reserve(max(64, expectedNodes))
    dom.textBytes.reserveCapacity(expectedNodes * 16)
  }

  /// Points the parser's SAX callbacks at `builder`, which must outlive the parse.
  static func install(_ builder: UnsafeMutablePointer<DOMBuilder>, on context: htmlParserCtxtPtr) {
    context.pointee._private = UnsafeMutableRawPointer(builder)
    guard let sax = context.pointee.sax else { return }
    sax.pointee.startElement = { context, name, attributes in
      DOMBuilder.from(context)?.pointee.start(name, attributes)
    }
    sax.pointee.endElement = { context, _ in
      DOMBuilder.from(context)?.pointee.end()
    }
    sax.pointee.characters = { context, characters, length in
      DOMBuilder.from(context)?.pointee.characters(characters, length)
    }
    sax.pointee.ignorableWhitespace = sax.pointee.characters
    sax.pointee.cdataBlock = { context, characters, length in
      DOMBuilder.from(context)?.pointee.script(characters, length)
    }
    sax.pointee.comment = nil
    sax.pointee.processingInstruction = nil
    sax.pointee.internalSubset = nil
    sax.pointee.externalSubset = nil
    sax.pointee.resolveEntity = nil
    sax.pointee.getEntity = nil
    sax.pointee.entityDecl = nil
    sax.pointee.startDocument = nil
    sax.pointee.endDocument = nil
    sax.pointee.reference = nil
    sax.pointee.startElementNs = nil
    sax.pointee.endElementNs = nil
    sax.pointee.initialized = 1
  }

  /// The DOM built so far (the builder is done with it).
  mutating func finish() -> DOM {
    if !titleBytes.isEmpty { dom.titleTag = collapseSpaces(titleBytes) }
    return dom
  }

  private static func from(_ context: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<DOMBuilder>? {
    guard let context else { return nil }
    let parser = context.assumingMemoryBound(to: htmlParserCtxt.self)
    return parser.pointee._private?.assumingMemoryBound(to: DOMBuilder.self)
  }

  private mutating func start(
    _ namePointer: UnsafePointer<xmlChar>?, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
  ) {
    if skipDepth > 0 {
      skipDepth += 1
      return
    }
    if overflowDepth > 0 || stack.count >= Self.maximumDepth {
      overflowDepth += 1
      flattened += 1
      if overflowSkip == 0, let namePointer, DOMBuilder.isSkipped(namePointer) { overflowSkip = overflowDepth }
      return
    }
    let name: String
    let nameFlags: UInt8
    let tagCode: UInt8
    if let pointer = namePointer {
      if let known = nameCache[pointer] {
        (name, nameFlags, tagCode) = known
      } else {
        name = String(cString: pointer)
        nameFlags = DOM.tagFlags[name] ?? 0
        tagCode = DOM.Tag.byName[name] ?? DOM.Tag.other
        nameCache[pointer] = (name, nameFlags, tagCode)
      }
    } else {
      name = ""
      nameFlags = 0
      tagCode = DOM.Tag.other
    }
    scratch.removeAll(keepingCapacity: true)
    var isHidden = false
    var roleValue = ""
    var metaContent: String?
    var metaKeys: [String] = []
    var scriptType: String?
    if var attribute = attributes {
      while let key = attribute.pointee {
        let value = attribute.advanced(by: 1).pointee
        switch Self.attribute(key) {
        case .classOrID:
          if let value {
            if !scratch.isEmpty { scratch.append(0x20) }
            var length = 0
            while value[length] != 0 { length += 1 }
            scratch.append(contentsOf: UnsafeBufferPointer(start: value, count: length))
          }
        case .hidden:
          isHidden = true
        case .ariaHidden:
          if let value, DOM.equals(value, "true") { isHidden = true }
        case .style:
          if let value {
            let style = Self.bytes(value)
            if DOM.mayHide(style) {
              let compact = String(decoding: style.filter { $0 != 0x20 }, as: UTF8.self).lowercased()
              if compact.contains("display:none") || compact.contains("visibility:hidden") { isHidden = true }
            }
          }
        case .role:
          if let value { roleValue = String(cString: value).lowercased() }
        case .content:
          if nameFlags & DOM.metaFlag != 0, let value { metaContent = String(cString: value).collapsingSpaces() }
        case .metaKey:
          if nameFlags & DOM.metaFlag != 0, let value { metaKeys.append(String(cString: value).lowercased()) }
        case .lang:
          if nameFlags & DOM.metaFlag != 0, let value, dom.meta.language == nil {
            dom.meta.language = String(cString: value)
          }
        case .type:
          if nameFlags & DOM.metaFlag != 0, name == "script", let value {
            scriptType = String(cString: value).lowercased()
          }
        case .other:
          break
        }
        attribute = attribute.advanced(by: 2)
      }
    }
    if let metaContent, !metaContent.isEmpty {
      for key in metaKeys where dom.metaValues[key] == nil { dom.metaValues[key] = metaContent }
    }
    let classes = ClassWords.classify(&scratch)
    let index = dom.addElement(
      name, flags: nameFlags, code: tagCode, parent: stack.last ?? -1, classes: classes, hidden: isHidden,
      role: roleValue)
    stack.append(index)
    if nameFlags & DOM.titleFlag != 0, titleBytes.isEmpty { inTitle = true }
    if nameFlags & DOM.skipFlag != 0 {
      skipDepth = 1
      inJSONLD = name == "script" && scriptType == "application/ld+json"
      jsonBytes.removeAll(keepingCapacity: true)
    }
  }

  private mutating func end() {
    if skipDepth > 1 {
      skipDepth -= 1
      return
    }
    if overflowDepth > 0 {
      if overflowSkip == overflowDepth { overflowSkip = 0 }
      overflowDepth -= 1
      return
    }
    if skipDepth == 1 {
      skipDepth = 0
      if inJSONLD, !jsonBytes.isEmpty { dom.jsonLD.append(String(decoding: jsonBytes, as: UTF8.self)) }
      inJSONLD = false
    }
    inTitle = false
    _ = stack.popLast()
  }

  private mutating func characters(_ characters: UnsafePointer<xmlChar>?, _ length: Int32) {
    guard let characters, length > 0 else { return }
    let buffer = UnsafeBufferPointer(start: characters, count: Int(length))
    if skipDepth > 0 {
      if inJSONLD { jsonBytes.append(contentsOf: buffer) }
      return
    }
    if overflowSkip > 0 { return }
    if inTitle {
      titleBytes.append(contentsOf: buffer)
      return
    }
    guard let parent = stack.last else { return }
    dom.addText(buffer, parent: parent)
  }

  private mutating func script(_ characters: UnsafePointer<xmlChar>?, _ length: Int32) {
    guard let characters, length > 0, inJSONLD else { return }
    jsonBytes.append(contentsOf: UnsafeBufferPointer(start: characters, count: Int(length)))
  }

  /// The attributes Kwal reads.
  private enum Attribute {
    case classOrID, hidden, ariaHidden, style, role, content, metaKey, lang, type, other
  }

  /// Which attribute `key` (a lowercased name, as libxml2 hands it over) is, told by its length first.
  private static func attribute(_ key: UnsafePointer<xmlChar>) -> Attribute {
    var length = 0
    while key[length] != 0, length < 12 { length += 1 }
    switch length {
    case 2: return DOM.equals(key, "id") ? .classOrID : .other
    case 4:
      if DOM.equals(key, "role") { return .role }
      if DOM.equals(key, "name") { return .metaKey }
      if DOM.equals(key, "lang") { return .lang }
      return DOM.equals(key, "type") ? .type : .other
    case 5:
      if DOM.equals(key, "class") { return .classOrID }
      return DOM.equals(key, "style") ? .style : .other
    case 6: return DOM.equals(key, "hidden") ? .hidden : .other
    case 7: return DOM.equals(key, "content") ? .content : .other
    case 8: return DOM.equals(key, "property") || DOM.equals(key, "itemprop") ? .metaKey : .other
    case 10: return DOM.equals(key, "http-equiv") ? .metaKey : .other
    case 11: return DOM.equals(key, "aria-hidden") ? .ariaHidden : .other
    default: return .other
    }
  }

  private static func isSkipped(_ name: UnsafePointer<xmlChar>) -> Bool {
    skipped.contains(String(cString: name).lowercased())
  }

  private static func bytes(_ value: UnsafePointer<xmlChar>) -> [UInt8] {
    var result: [UInt8] = []
    var index = 0
    while value[index] != 0 {
      result.append(value[index])
      index += 1
    }
    return result
  }
}
