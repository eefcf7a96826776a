import KwalModel

/// Finds a page's main content and renders it as blocks (headings, paragraphs, list items,
/// quotes, table rows).
///
/// The approach: drop what is never the author's text (scripts, navigation, forms, hidden
/// elements, elements whose class or id says boilerplate); score paragraph-like elements by their
/// length and commas and give the score to their ancestors; take the best ancestor with its
/// worthy siblings; inside it, drop link lists, share bars and other link-heavy blocks.
struct ContentExtractor {
  let dom: DOM
  private var removed: [Bool]
  private var length: [Int]
  private var linkLength: [Int]
  private var commas: [Int]

  init(dom: DOM) {
    self.dom = dom
    let count = dom.tag.count
    removed = Array(repeating: false, count: count)
    length = Array(repeating: 0, count: count)
    linkLength = Array(repeating: 0, count: count)
    commas = Array(repeating: 0, count: count)
  }

  // MARK: - Vocabulary

  static let neverContent: Set<String> = [
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "nav", "aside", "footer",
    "button", "select", "input", "textarea", "label", "option", "head", "title", "meta", "link", "figcaption", "dialog",
    "menu", "address", "video", "audio", "picture", "img", "map", "header",
  ]
  static let blockTags: Set<String> = [
    "p", "div", "section", "article", "main", "ul", "ol", "li", "table", "tbody", "thead", "tfoot", "tr", "td", "th",
    "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "form", "dl", "dd", "dt", "figure",
    "aside", "nav", "hr", "center", "body", "html",
  ]
  static let looseTextContainers: Set<String> = ["div", "section", "article", "main", "td", "body", "center", "font"]
  /// Containers that the clean-up inside the selection may drop.
  static let cleanedTags: Set<String> = ["div", "section", "ul", "ol", "table", "form", "dl", "figure", "span"]
  static let headingLevels: [String: Int] = ["h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6]
  static let badRoles: Set<String> = [
    "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert", "menu", "menubar",
    "alertdialog",
  ]

  private func isUnlikely(_ node: Int) -> Bool { dom.unlikely[node] }
  private func isLikely(_ node: Int) -> Bool { dom.likely[node] }
  private func introducesBox(_ node: Int) -> Bool { dom.boxHeading[node] }

  /// The class weight: +25 for content words, −25 for boilerplate words.
  private func weight(_ node: Int) -> Double {
    var result = 0.0
    if isLikely(node) { result += 25 }
    if isUnlikely(node) { result -= 25 }
    return result
  }

  // MARK: - Extraction

  /// The extracted text and its block segments (byte ranges).
  mutating func extract() -> (text: String, segments: [Segment]) {
    let count = dom.tag.count
    guard count > 0 else { return ("", []) }
    dropNeverContent()
    measure()
    let body = (0..<count).first { dom.code[$0] == DOM.Tag.body } ?? 0
    dropBoilerplate(bodyLength: max(1, length[body]))
    measure()
    let scores = scoreCandidates()
    let (top, topScore) = chooseContent(scores: scores, body: body)
    let selected = withWorthySiblings(top, topScore: topScore, scores: scores)
    // Pass 5: clean inside the selection, then render.
    let counts = DescendantCounts(dom)
    for root in selected { clean(root, inside: counts) }
    var renderer = BlockRenderer(dom: dom, removed: removed)
    for root in selected { renderer.render(root) }
    renderer.flush()
    return renderer.assemble(dropTitle: dom.meta.title ?? dom.titleTag)
  }

  /// Pass 1: what is never content (scripts, navigation, forms, hidden elements, bad roles).
  private mutating func dropNeverContent() {
    let count = dom.tag.count
    for node in 0..<count {
      let parent = dom.parent[node]
      if parent >= 0, removed[parent] {
        removed[node] = true
        continue
      }
      if dom.isText(node) { continue }
      if dom.flags[node] & DOM.neverContentFlag != 0 || dom.hidden[node]
        || (!dom.role[node].isEmpty && Self.badRoles.contains(dom.role[node]))
      {
        removed[node] = true
      }
    }
  }

  /// Pass 2: boilerplate by class and id, unless the element holds most of the page's text.
  private mutating func dropBoilerplate(bodyLength: Int) {
    let count = dom.tag.count
    for node in 0..<count where !removed[node] {
      let parent = dom.parent[node]
      if parent >= 0, removed[parent] {
        removed[node] = true
        continue
      }
      let code = dom.code[node]
      if dom.isText(node) || code == DOM.Tag.body || code == DOM.Tag.html || code == DOM.Tag.article
        || code == DOM.Tag.main
      {
        continue
      }
      if dom.classKey[node] == 0 { continue }
      if dom.flags[node] & DOM.headingFlag != 0, introducesBox(node), parent >= 0,
        elementChildren(parent).first == node,
        !["body", "html", "main"].contains(dom.tag[parent])
      {
        // A box introduced by a "related posts" heading goes as a whole.
        removeSubtree(parent)
        continue
      }
      if isUnlikely(node) {
        let share = Double(length[node]) / Double(bodyLength)
        if isLikely(node) && share > 0.3 { continue }
        if share > 0.6 { continue }
        removed[node] = true
      }
    }
    // Forms: ASP.NET pages wrap the whole page in one; drop only small ones.
    for node in 0..<count where !removed[node] && dom.code[node] == DOM.Tag.form {
      if Double(length[node]) < 0.5 * Double(bodyLength) { removeSubtree(node) }
    }
  }

  /// Pass 3: paragraph scores, given to their ancestors and weighed by link density.
  private func scoreCandidates() -> [Double] {
    let count = dom.tag.count
    var scores = [Double](repeating: .nan, count: count)
    for node in 0..<count where !removed[node] && isParagraphLike(node) {
      let textLength = length[node]
      if textLength < 25 { continue }
      let score = 1.0 + Double(commas[node]) + min(3.0, Double(textLength) / 100.0)
      propagate(score, from: dom.parent[node], into: &scores)
    }
    // Text directly inside a container with block children counts as a paragraph of the container.
    for node in 0..<count where !removed[node] && dom.flags[node] & DOM.looseFlag != 0 && !isParagraphLike(node) {
      var loose = 0
      var looseCommas = 0
      for child in dom.children(node) where !removed[child] && dom.flags[child] & DOM.blockFlag == 0 {
        loose += length[child] - linkLength[child]
        looseCommas += commas[child]
      }
      if loose < 25 { continue }
      let score = 1.0 + Double(looseCommas) + min(3.0, Double(loose) / 100.0)
      propagate(score, from: node, into: &scores)
    }
    for node in 0..<count where !scores[node].isNaN { scores[node] *= (1 - linkDensity(node)) }
    return scores
  }

  /// The content element: the best-scored one, or the ancestor of several strong candidates,
  /// climbing while a parent scores better, and standing for an only-child chain.
  private func chooseContent(scores: [Double], body: Int) -> (top: Int, score: Double) {
    let count = dom.tag.count
    var top = body
    var topScore = -Double.infinity
    var scored = false
    for node in 0..<count where !scores[node].isNaN && scores[node] > topScore {
      let score = scores[node]
      scored = true
      top = node
      topScore = score
    }
    if !scored { topScore = 0 }
    // When several strong candidates share an ancestor (entries of a live blog, sections of a
    // long article), the ancestor is the content.
    if scored {
      var others: [Int] = []
      for node in 0..<count where node != top && !scores[node].isNaN && scores[node] >= 0.75 * topScore {
        others.append(node)
      }
      others.sort { scores[$0] > scores[$1] }
      others = Array(others.prefix(5))
      if others.count >= 3 {
        var ancestor = dom.parent[top]
        while ancestor >= 0, dom.tag[ancestor] != "body", dom.tag[ancestor] != "html" {
          var inside = 0
          for other in others {
            var walk = dom.parent[other]
            while walk >= 0, walk != ancestor { walk = dom.parent[walk] }
            if walk == ancestor { inside += 1 }
          }
          if inside >= 3 {
            top = ancestor
            topScore = max(topScore, scores[ancestor].isNaN ? 0 : scores[ancestor])
            break
          }
          ancestor = dom.parent[ancestor]
        }
      }
    }
    // Climb while a parent scores better.
    var parent = dom.parent[top]
    var lastScore = topScore
    let threshold = topScore / 3
    while parent >= 0, dom.tag[parent] != "body", dom.tag[parent] != "html" {
      let parentScore = scores[parent]
      if parentScore.isNaN {
        parent = dom.parent[parent]
        continue
      }
      if parentScore < threshold { break }
      if parentScore > lastScore {
        top = parent
        topScore = parentScore
        break
      }
      lastScore = parentScore
      parent = dom.parent[parent]
    }
    // An only child stands for its parent.
    while dom.parent[top] >= 0, dom.tag[dom.parent[top]] != "body", dom.tag[dom.parent[top]] != "html",
      elementChildren(dom.parent[top]).count == 1
    {
      top = dom.parent[top]
      topScore = max(topScore, scores[top].isNaN ? 0 : scores[top])
    }
    return (top, topScore)
  }

  /// Pass 4: the content element and its worthy siblings.
  private func withWorthySiblings(_ top: Int, topScore: Double, scores: [Double]) -> [Int] {
    var selected: [Int] = []
    let topParent = dom.parent[top]
    if topParent >= 0, dom.tag[top] != "body" {
      let siblingThreshold = max(10, topScore * 0.2)
      let topTokens = dom.classKey[top]
      for sibling in elementChildren(topParent) {
        if sibling == top {
          selected.append(sibling)
          continue
        }
        // Another article beside the article is another post (related, next), not more of this one.
        if dom.tag[sibling] == "article", dom.tag[top] == "article" { continue }
        var bonus = 0.0
        if topTokens != 0, dom.classKey[sibling] == topTokens { bonus = topScore * 0.2 }
        if !scores[sibling].isNaN, scores[sibling] + bonus >= siblingThreshold {
          selected.append(sibling)
        } else if isParagraphLike(sibling) || dom.tag[sibling] == "p" {
          let density = linkDensity(sibling)
          let textLength = length[sibling]
          if textLength > 80 && density < 0.25 {
            selected.append(sibling)
          } else if textLength < 80, textLength > 0, density == 0, endsSentence(sibling) {
            selected.append(sibling)
          }
        }
      }
    } else {
      selected = [top]
    }
    return selected
  }

  /// Adds a paragraph's score to `start` and up to four ancestors above it, less with each level
  /// (the first gets it whole, the next half, then 1/(3 × level)), stopping at `<html>`.
  private func propagate(_ score: Double, from start: Int, into scores: inout [Double]) {
    var ancestor = start
    var level = 0
    while ancestor >= 0, level < 5 {
      if dom.tag[ancestor] == "html" { break }
      if scores[ancestor].isNaN { scores[ancestor] = initialScore(ancestor) }
      let divider = level == 0 ? 1.0 : (level == 1 ? 2.0 : Double(level) * 3.0)
      scores[ancestor] += score / divider
      ancestor = dom.parent[ancestor]
      level += 1
    }
  }

  private func initialScore(_ node: Int) -> Double {
    var score: Double
    switch dom.tag[node] {
    case "div", "article", "main": score = 5
    case "pre", "td", "blockquote", "section": score = 3
    case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": score = -3
    case "h1", "h2", "h3", "h4", "h5", "h6", "th": score = -5
    default: score = 0
    }
    return score + weight(node)
  }

  private func isParagraphLike(_ node: Int) -> Bool {
    switch dom.code[node] {
    case DOM.Tag.p, DOM.Tag.pre, DOM.Tag.td, DOM.Tag.blockquote: return true
    case DOM.Tag.div, DOM.Tag.section, DOM.Tag.article, DOM.Tag.span, DOM.Tag.font, DOM.Tag.center:
      for child in dom.children(node) where !removed[child] && dom.flags[child] & DOM.blockFlag != 0 { return false }
      return dom.code[node] != DOM.Tag.span
        || dom.firstChild[node] >= 0 && dom.parent[node] >= 0 && dom.code[dom.parent[node]] != DOM.Tag.p
    default: return false
    }
  }

  private func elementChildren(_ node: Int) -> [Int] {
    dom.children(node).filter { !removed[$0] && !dom.isText($0) }
  }

  private func linkDensity(_ node: Int) -> Double {
    length[node] == 0 ? 0 : Double(linkLength[node]) / Double(length[node])
  }

  private func endsSentence(_ node: Int) -> Bool {
    var last: Int?
    var stack = [node]
    while let current = stack.popLast() {
      if dom.isText(current), !dom.text(current).allSatisfy(\.isWhitespace) {
        last = max(last ?? current, current)
      }
      for child in dom.children(current) where !removed[child] { stack.append(child) }
    }
    guard let last else { return false }
    let trimmed = dom.text(last).trimmingSpaces()
    return trimmed.hasSuffix(".") || trimmed.hasSuffix("!") || trimmed.hasSuffix("?") || trimmed.hasSuffix("。")
  }

  private mutating func removeSubtree(_ node: Int) {
    var stack = [node]
    while let current = stack.popLast() {
      removed[current] = true
      stack += dom.children(current)
    }
  }

  /// Text length (non-space scalars), link text length and commas of every subtree.
  private mutating func measure() {
    let count = dom.tag.count
    for node in 0..<count {
      length[node] = 0
      linkLength[node] = 0
      commas[node] = 0
    }
    for node in stride(from: count - 1, through: 0, by: -1) where !removed[node] {
      if dom.isText(node) {
        length[node] = dom.letters[node]
        commas[node] = dom.commas[node]
      }
      if dom.code[node] == DOM.Tag.a { linkLength[node] = length[node] }
      let parent = dom.parent[node]
      if parent >= 0 {
        length[parent] += length[node]
        linkLength[parent] += linkLength[node]
        commas[parent] += commas[node]
      }
    }
  }

  /// Drops link lists, share bars, image galleries and form remnants inside the selection, top
  /// down (a dropped container is not looked into).
  private mutating func clean(_ root: Int, inside: DescendantCounts) {
    var stack = [root]
    while let node = stack.popLast() {
      if removed[node] { continue }
      if node != root, Self.cleanedTags.contains(dom.tag[node]), shouldDrop(node, inside) {
        removeSubtree(node)
        continue
      }
      for child in dom.children(node) where !dom.isText(child) { stack.append(child) }
    }
  }

  /// Paragraphs, images, list items and form inputs below each element, counted in one pass.
  struct DescendantCounts {
    var paragraphs: [Int32]
    var images: [Int32]
    var listItems: [Int32]
    var inputs: [Int32]

    init(_ dom: DOM) {
      let count = dom.tag.count
      paragraphs = Array(repeating: 0, count: count)
      images = Array(repeating: 0, count: count)
      listItems = Array(repeating: 0, count: count)
      inputs = Array(repeating: 0, count: count)
      // Children always come after their parent, so one backward pass sums every subtree.
      for node in stride(from: count - 1, through: 0, by: -1) {
        let parent = dom.parent[node]
        guard parent >= 0 else { continue }
        paragraphs[parent] += paragraphs[node]
        images[parent] += images[node]
        listItems[parent] += listItems[node]
        inputs[parent] += inputs[node]
        switch dom.code[node] {
        case DOM.Tag.p: paragraphs[parent] += 1
        case DOM.Tag.img: images[parent] += 1
        case DOM.Tag.li: listItems[parent] += 1
        case DOM.Tag.input, DOM.Tag.select, DOM.Tag.textarea, DOM.Tag.button: inputs[parent] += 1
        default: break
        }
      }
    }
  }

  private func shouldDrop(_ node: Int, _ inside: DescendantCounts) -> Bool {
    let tag = dom.tag[node]
    let nodeWeight = weight(node)
    let density = linkDensity(node)
    let textLength = length[node]
    if nodeWeight < 0 && !isLikely(node) { return true }
    if commas[node] >= 10 { return false }
    let isList = tag == "ul" || tag == "ol"
    if isList { return density > 0.5 }
    let paragraphs = Int(inside.paragraphs[node])
    let images = Int(inside.images[node])
    let listItems = Int(inside.listItems[node])
    let inputs = Int(inside.inputs[node])
    if tag == "span" { return density > 0.5 && textLength < 200 }
    if images > 1 && Double(paragraphs) / Double(images) < 0.5 && textLength < 200 { return true }
    if listItems > paragraphs + 2 && density > 0.3 { return true }
    if inputs > paragraphs / 3 + 1 { return true }
    if textLength < 25 && paragraphs == 0 && (images == 0 || images > 2) { return true }
    if nodeWeight < 25 && density > 0.33 { return true }
    if nodeWeight >= 25 && density > 0.5 { return true }
    return false
  }
}

/// Renders the selected elements as blocks of plain text.
struct BlockRenderer {
  let dom: DOM
  let removed: [Bool]
  private var buffer: [UInt8] = []
  private var kindStack: [SegmentKind] = [.paragraph]
  private var blocks: [(kind: SegmentKind, text: String, level: Int?)] = []
  private var pendingLevel: Int?

  init(dom: DOM, removed: [Bool]) {
    self.dom = dom
    self.removed = removed
  }

  /// A step of the walk: open an element (render its start and queue its content), close it,
  /// or put the separator between table cells.
  private enum Step {
    case open(Int)
    case close(Int)
    case cellSeparator
  }

  /// Renders `root` and everything below it, walking with an explicit stack (no recursion, so
  /// the depth of a page's nesting never meets the thread's stack).
  mutating func render(_ root: Int) {
    var steps: [Step] = [.open(root)]
    while let step = steps.popLast() {
      switch step {
      case .cellSeparator:
        buffer += Array(" | ".utf8)
      case .close(let node):
        close(node)
      case .open(let node):
        if removed[node] { continue }
        if dom.isText(node) {
          dom.appendText(node, to: &buffer)
          continue
        }
        let code = dom.code[node]
        switch code {
        case DOM.Tag.br:
          buffer.append(0x01)
          continue
        case DOM.Tag.pre:
          flush()
          renderPreformatted(node)
          flush()
          continue
        case _ where dom.flags[node] & DOM.headingFlag != 0:
          flush()
        case DOM.Tag.li, DOM.Tag.dd, DOM.Tag.dt:
          flush()
        case DOM.Tag.blockquote:
          flush()
          kindStack.append(.quote)
        case DOM.Tag.tr:
          flush()
          steps.append(.close(node))
          let cells = dom.children(node).filter { !removed[$0] && !dom.isText($0) }
          for (index, cell) in cells.enumerated().reversed() {
            for child in Array(dom.children(cell)).reversed() { steps.append(.open(child)) }
            if index > 0 { steps.append(.cellSeparator) }
          }
          continue
        default:
          if dom.flags[node] & DOM.blockFlag != 0 { flush() }
        }
        steps.append(.close(node))
        for child in Array(dom.children(node)).reversed() { steps.append(.open(child)) }
      }
    }
  }

  /// What ends an element once its content is rendered.
  private mutating func close(_ node: Int) {
    let code = dom.code[node]
    switch code {
    case _ where dom.flags[node] & DOM.headingFlag != 0:
      pendingLevel = ContentExtractor.headingLevels[dom.tag[node]]
      flush(as: .heading)
    case DOM.Tag.li, DOM.Tag.dd, DOM.Tag.dt:
      flush(as: .listItem)
    case DOM.Tag.blockquote:
      flush()
      kindStack.removeLast()
    case DOM.Tag.tr:
      flush(as: .tableRow)
    default:
      if dom.flags[node] & DOM.blockFlag != 0 { flush() }
    }
  }

  /// Preformatted text as it stands, its line breaks kept.
  private mutating func renderPreformatted(_ node: Int) {
    var stack = [node]
    var order: [Int] = []
    while let current = stack.popLast() {
      order.append(current)
      stack += dom.children(current).reversed().filter { !removed[$0] }
    }
    for item in order where dom.isText(item) { dom.appendText(item, to: &buffer) }
    for index in buffer.indices where buffer[index] == 0x0A { buffer[index] = 0x01 }
  }

  mutating func flush(as kind: SegmentKind? = nil) {
    // The buffer's lines (0x01 ends one), each with its spaces collapsed, the empty ones left out.
    var bytes: [UInt8] = []
    buffer.withUnsafeBufferPointer { all in
      var lineStart = 0
      for index in 0...all.count where index == all.count || all[index] == 0x01 {
        if index > lineStart {
          let mark = bytes.count
          if !bytes.isEmpty { bytes.append(0x0A) }
          if !appendCollapsingSpaces(UnsafeBufferPointer(rebasing: all[lineStart..<index]), to: &bytes) {
            bytes.removeSubrange(mark...)
          }
        }
        lineStart = index + 1
      }
    }
    buffer.removeAll(keepingCapacity: true)
    let level = pendingLevel
    pendingLevel = nil
    guard !bytes.isEmpty else { return }
    let text = String(decoding: bytes, as: UTF8.self)
    let blockKind = kind ?? kindStack.last ?? .paragraph
    blocks.append(
      (blockKind == .paragraph && kindStack.last == .quote ? .quote : blockKind, TextDecoding.normalise(text), level))
  }

  /// The text (blocks separated by blank lines) and block segments; a first heading equal to the
  /// page title is left out (the title is kept as the document's title).
  func assemble(dropTitle title: String?) -> (text: String, segments: [Segment]) {
    var text = ""
    var segments: [Segment] = []
    var skippedTitle = false
    // A heading with nothing after it ("Meer informatie" above a removed link list) is not text.
    var blocks = self.blocks
    while blocks.last?.kind == .heading { blocks.removeLast() }
    for block in blocks {
      if !skippedTitle, block.kind == .heading, let title, !title.isEmpty,
        title.lowercased().contains(block.text.lowercased()) || block.text.lowercased().contains(title.lowercased())
      {
        skippedTitle = true
        continue
      }
      if !text.isEmpty { text += "\n\n" }
      let start = text.utf8.count
      text += block.text
      var metadata: [String: String] = [:]
      if let level = block.level { metadata["level"] = String(level) }
      segments.append(Segment(kind: block.kind, range: ByteRange(start, text.utf8.count), metadata: metadata))
    }
    return (text, segments)
  }
}

/// UTF-8 bytes with white space runs collapsed to one space, trimmed.
func collapseSpaces(_ bytes: [UInt8]) -> String {
  var out: [UInt8] = []
  out.reserveCapacity(bytes.count)
  _ = bytes.withUnsafeBufferPointer { appendCollapsingSpaces($0, to: &out) }
  return String(decoding: out, as: UTF8.self)
}

/// Appends `bytes` to `out` with white space runs (ASCII spaces, no-break and other Unicode
/// spaces) collapsed to one space and trimmed at both ends; whether anything was appended.
func appendCollapsingSpaces(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Bool {
  var pending = false
  var started = false
  var index = 0
  let count = bytes.count
  while index < count {
    let byte = bytes[index]
    var width = 0
    if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
      width = 1
    } else if byte == 0xC2, index + 1 < count, bytes[index + 1] == 0xA0 {
      width = 2
    } else if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80,
      (0x80...0x8A).contains(bytes[index + 2]) || bytes[index + 2] == 0xAF
    {
      width = 3
    } else if byte == 0xE3, index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x80 {
      width = 3
    }
    if width > 0 {
      pending = started
      index += width
      continue
    }
    if pending { out.append(0x20) }
    pending = false
    started = true
    // The run of bytes up to the next one that may begin a space, copied at once.
    var end = index + 1
    while end < count {
      let next = bytes[end]
      if next <= 0x20 || next == 0xC2 || next == 0xE2 || next == 0xE3 { break }
      end += 1
    }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
    index = end
  }
  return started
}
