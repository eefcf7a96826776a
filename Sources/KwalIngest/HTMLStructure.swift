import KwalModel

/// The structure of a web page beyond its main article: minutes, debates and interviews published
/// as pages, and the agenda pages of council information systems.
///
/// A page's main text (``ContentExtractor``) is first read as any text is (``TextStructure``),
/// with its headings, list items, quotes and table rows as hints: an interview or a verslag
/// published as a page is recognised as such. Council information systems (the agenda of a
/// meeting with its items, decisions and speakers) render the agenda as a list of links, which
/// main-text extraction rightly drops as navigation; when the page has a heading "Agenda" or
/// "Agendapunten", that part of the page is read instead, with an item's number (a block of its
/// own: `1`, `3.a`) joined to its title.
enum HTMLStructure {
  /// The extracted page read as structured text, or nil when it is an ordinary page (a blog).
  static func analyse(text: String, segments: [Segment], title: String?) -> TextStructure.Analysis? {
    let analysis = structure(text: text, segments: segments, title: title)
    return analysis.kind == .document ? nil : analysis
  }

  /// The agenda part of a council page (from its "Agenda" heading), read as minutes; nil when the
  /// page has no such heading or the part is not minutes.
  static func agendaPage(_ dom: DOM, title: String?) -> (text: String, analysis: TextStructure.Analysis)? {
    let count = dom.tag.count
    guard count > 0 else { return nil }
    var removed = [Bool](repeating: false, count: count)
    for node in 0..<count {
      let parent = dom.parent[node]
      if parent >= 0, removed[parent] {
        removed[node] = true
        continue
      }
      if !dom.isText(node), dom.flags[node] & DOM.neverContentFlag != 0 && dom.tag[node] != "header" || dom.hidden[node]
      {
        removed[node] = true
      }
    }
    // The first heading that says "Agenda" or "Agendapunten".
    guard
      let heading = (0..<count).first(where: { node in
        !removed[node] && dom.flags[node] & DOM.headingFlag != 0 && isAgendaHeading(plainText(dom, node))
      }), dom.parent[heading] >= 0
    else { return nil }
    var renderer = BlockRenderer(dom: dom, removed: removed)
    renderer.render(dom.parent[heading])
    renderer.flush()
    let rendered = renderer.assemble(dropTitle: nil)
    let (text, segments) = joiningItemNumbers(rendered.text, rendered.segments)
    let analysis = structure(text: text, segments: segments, title: title)
    guard analysis.kind == .minutes else { return nil }
    return (text, analysis)
  }

  static func isAgendaHeading(_ text: String) -> Bool {
    // "agendapunten:" has 13 scalars, and lowercasing never makes fewer: a longer text is no
    // such heading, and is not lowercased (a page asks this of every block's first words).
    let trimmed = text.trimmingSpaces()
    guard trimmed.utf8.count <= 13 * 4, trimmed.unicodeScalars.count <= 13 else { return false }
    var lower = trimmed.lowercased()
    if lower.hasSuffix(":") { lower.removeLast() }
    return lower == "agenda" || lower == "agendapunten" || lower == "agendapunt"
  }

  /// The text under `node`, spaces collapsed.
  static func plainText(_ dom: DOM, _ node: Int) -> String {
    var bytes: [UInt8] = []
    var stack = [node]
    while let current = stack.popLast() {
      if dom.isText(current) {
        dom.appendText(current, to: &bytes)
        bytes.append(0x20)
        if bytes.count > 200 { break }
      } else {
        stack += dom.children(current).reversed()
      }
    }
    return collapseSpaces(bytes)
  }

  /// Blocks that hold only an agenda item's number (`1`, `3.a`, `4.1`) joined with the block
  /// after them: `1. Opening en mededelingen.`
  static func joiningItemNumbers(_ text: String, _ segments: [Segment]) -> (String, [Segment]) {
    let bytes = Array(text.utf8)
    var out = ""
    var outSegments: [Segment] = []
    var pendingNumber: String?
    for segment in segments {
      let block = String(decoding: bytes[segment.range.start..<segment.range.end], as: UTF8.self)
      if isItemNumber(block) {
        pendingNumber = block.hasSuffix(".") ? String(block.dropLast()) : block
        continue
      }
      if !out.isEmpty { out += "\n\n" }
      let start = out.utf8.count
      var kind = segment.kind
      var metadata = segment.metadata
      if let number = pendingNumber {
        out += "\(number). "
        // The item's title is no heading or list item of its own now: the number makes it an item.
        kind = .paragraph
        metadata = [:]
        pendingNumber = nil
      }
      out += block
      outSegments.append(Segment(kind: kind, range: ByteRange(start, out.utf8.count), metadata: metadata))
    }
    return (out, outSegments)
  }

  /// `1`, `12`, `3.a`, `4.1`, `7g`, `2.` as a block of its own.
  static func isItemNumber(_ block: String) -> Bool {
    let scalars = Array(block.unicodeScalars)
    guard let first = scalars.first, first.properties.numericType != nil, scalars.count <= 6 else { return false }
    return scalars.allSatisfy {
      $0.properties.numericType != nil || $0 == "." || ($0.isASCII && $0.properties.isLowercase)
    }
  }

  /// Reads rendered blocks as text, their kinds as line hints.
  static func structure(text: String, segments: [Segment], title: String?) -> TextStructure.Analysis {
    var hints: [Int: SourceLine.Hint] = [:]
    for segment in segments {
      switch segment.kind {
      case .heading: hints[segment.range.start] = .heading(Int(segment.metadata["level"] ?? "2") ?? 2)
      case .quote: hints[segment.range.start] = .quote
      case .tableRow: hints[segment.range.start] = .tableRow
      default: break
      }
    }
    return TextStructure.withBytes(of: text) { bytes in
      var lines = TextStructure.lines(of: bytes)
      for index in lines.indices { lines[index].hint = hints[lines[index].start] ?? .none }
      return TextStructure(bytes: bytes, lines: lines, markdown: false, givenTitle: title).analyse(forcedKind: nil)
    }
  }
}
