import CLibXML2
import Foundation

/// Builds Kwal's compact ``DOM`` from libxml2's HTML SAX events, so that libxml2 recovers broken
/// HTML as usual but allocates no tree.
///
/// The builder lives for one parse; libxml2 hands it back to the callbacks through the parser
/// context's `_private` pointer.
final class DOMBuilder {
  private var dom = DOM()
  private var stack: [Int] = []
  /// Open elements whose content is never text (script, style, svg…) and not kept.
  private var skipDepth = 0
  private var inTitle = false
  private var titleBytes: [UInt8] = []
  private var inJSONLD = false
  private var jsonBytes: [UInt8] = []
  private var scratch: [UInt8] = []
  private var nameCache: [UnsafePointer<xmlChar>: (name: String, flags: UInt8)] = [:]
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

  /// Points the parser's SAX callbacks at this builder.
  func install(on context: htmlParserCtxtPtr) {
    context.pointee._private = Unmanaged.passUnretained(self).toOpaque()
    guard let sax = context.pointee.sax else { return }
    sax.pointee.startElement = { context, name, attributes in
      DOMBuilder.from(context)?.start(name, attributes)
    }
    sax.pointee.endElement = { context, _ in
      DOMBuilder.from(context)?.end()
    }
    sax.pointee.characters = { context, characters, length in
      DOMBuilder.from(context)?.characters(characters, length)
    }
    sax.pointee.ignorableWhitespace = sax.pointee.characters
    sax.pointee.cdataBlock = { context, characters, length in
      DOMBuilder.from(context)?.script(characters, length)
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
  func finish() -> DOM {
    if !titleBytes.isEmpty { dom.titleTag = collapseSpaces(titleBytes) }
    return dom
  }

  private static func from(_ context: UnsafeMutableRawPointer?) -> DOMBuilder? {
    guard let context else { return nil }
    let parser = context.assumingMemoryBound(to: htmlParserCtxt.self)
    guard let builder = parser.pointee._private else { return nil }
    return Unmanaged<DOMBuilder>.fromOpaque(builder).takeUnretainedValue()
  }

  private func start(
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
    if let pointer = namePointer {
      if let known = nameCache[pointer] {
        (name, nameFlags) = known
      } else {
        name = String(cString: pointer)
        nameFlags = DOM.tagFlags[name] ?? 0
        nameCache[pointer] = (name, nameFlags)
      }
    } else {
      name = ""
      nameFlags = 0
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
        if DOM.equals(key, "class") || DOM.equals(key, "id") {
          if let value {
            if !scratch.isEmpty { scratch.append(0x20) }
            var index = 0
            while value[index] != 0 {
              scratch.append(value[index])
              index += 1
            }
          }
        } else if DOM.equals(key, "hidden") {
          isHidden = true
        } else if DOM.equals(key, "aria-hidden") {
          if let value, DOM.equals(value, "true") { isHidden = true }
        } else if DOM.equals(key, "style") {
          if let value {
            let style = Self.bytes(value)
            if DOM.mayHide(style) {
              let compact = String(decoding: style.filter { $0 != 0x20 }, as: UTF8.self).lowercased()
              if compact.contains("display:none") || compact.contains("visibility:hidden") { isHidden = true }
            }
          }
        } else if DOM.equals(key, "role") {
          if let value { roleValue = String(cString: value).lowercased() }
        } else if nameFlags & DOM.metaFlag != 0 {
          if DOM.equals(key, "content"), let value {
            metaContent = String(cString: value).collapsingSpaces()
          } else if DOM.equals(key, "name") || DOM.equals(key, "property") || DOM.equals(key, "itemprop")
            || DOM.equals(key, "http-equiv"), let value
          {
            metaKeys.append(String(cString: value).lowercased())
          } else if DOM.equals(key, "lang"), let value, dom.meta.language == nil {
            dom.meta.language = String(cString: value)
          }
          if name == "script", DOM.equals(key, "type"), let value { scriptType = String(cString: value).lowercased() }
        }
        attribute = attribute.advanced(by: 2)
      }
    }
    if let metaContent, !metaContent.isEmpty {
      for key in metaKeys where dom.metaValues[key] == nil { dom.metaValues[key] = metaContent }
    }
    let classes = ClassWords.classify(&scratch)
    let index = dom.addElement(
      name, flags: nameFlags, parent: stack.last ?? -1, classes: classes, hidden: isHidden, role: roleValue)
    stack.append(index)
    if name == "title", titleBytes.isEmpty { inTitle = true }
    if nameFlags & DOM.skipFlag != 0 {
      skipDepth = 1
      inJSONLD = name == "script" && scriptType == "application/ld+json"
      jsonBytes.removeAll(keepingCapacity: true)
    }
  }

  private func end() {
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

  private func characters(_ characters: UnsafePointer<xmlChar>?, _ length: Int32) {
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

  private func script(_ characters: UnsafePointer<xmlChar>?, _ length: Int32) {
    guard let characters, length > 0, inJSONLD else { return }
    jsonBytes.append(contentsOf: UnsafeBufferPointer(start: characters, count: Int(length)))
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
