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

  /// libxml2's global state, initialised once before any thread parses (Swift runs this once).
  static let libxml2Ready: Bool = {
    xmlInitParser()
    return true
  }()

  static func read(_ data: Data, file: String) throws(IngestError) -> Extracted {
    _ = libxml2Ready
    if data.count > maximumBytes {
      throw IngestError(
        .badData, "page too large (\(data.count >> 20) MiB; Kwal reads pages up to \(maximumBytes >> 20) MiB)",
        at: SourceLocation(file: file))
    }
    if data.isEmpty {
      return Extracted(text: "", segments: [], kind: .blog, title: nil, date: nil)
    }
    let hasNUL = data.withUnsafeBytes { raw in
      raw.baseAddress.map { memchr($0, 0, min(raw.count, 8192)) != nil } ?? false
    }
    if hasNUL, !(data.count >= 2 && (data[0] == 0xFF || data[0] == 0xFE)) {
      throw IngestError(.badData, "binary file (NUL bytes), not HTML", at: SourceLocation(file: file))
    }
    let encoding = detectEncoding(data)
    let options = Int32(
      HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
        | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)
    // SAX: libxml2 parses (and recovers) but builds no tree; the builder fills Kwal's compact DOM.
    let builder = UnsafeMutablePointer<DOMBuilder>.allocate(capacity: 1)
    builder.initialize(to: DOMBuilder(expectedNodes: data.count / 40))
    defer {
      builder.deinitialize(count: 1)
      builder.deallocate()
    }
    func parse(_ raw: UnsafeRawBufferPointer) -> Bool {
      guard let base = raw.baseAddress, let context = htmlNewParserCtxt() else { return false }
      defer { htmlFreeParserCtxt(context) }
      DOMBuilder.install(builder, on: context)
      let document = htmlCtxtReadMemory(
        context, base.assumingMemoryBound(to: CChar.self), Int32(raw.count), "page.html", encoding, options)
      if let document { xmlFreeDoc(document) }
      return true
    }
    let parsed: Bool = data.withUnsafeBytes { raw -> Bool in
      // Script and style contents and comments never reach libxml2 (UTF-16 pages are parsed as they are).
      if !encoding.hasPrefix("UTF-16"),
        let stripped = HTMLPrefilter.strip(raw.bindMemory(to: UInt8.self), attributes: encoding == "UTF-8")
      {
        return stripped.withUnsafeBytes { parse($0) }
      }
      return parse(raw)
    }
    guard parsed else {
      throw IngestError(.badData, "cannot parse the page as HTML", at: SourceLocation(file: file))
    }
    var dom = builder.pointee.finish()
    if dom.tag.isEmpty {
      return Extracted(
        text: "", segments: [], kind: .blog, title: nil, date: nil,
        diagnostics: [Diagnostic(.warning, SourceLocation(file: file), "the page has no elements")])
    }
    dom.finishMeta()
    var extractor = ContentExtractor(dom: dom)
    let extraction = extractor.extract()
    var result = Extracted(
      text: extraction.text, segments: extraction.segments, kind: .blog, title: dom.meta.title, date: dom.meta.date)
    // Minutes, debates and interviews published as pages keep their structure.
    let main = HTMLStructure.analyse(text: extraction.text, segments: extraction.segments, title: dom.meta.title)
    // The agenda part of the page is read when the main text is no minutes, or minutes whose
    // items may have been links (a council page that describes some items and links the rest):
    // the reading with more agenda items wins.
    let mainItems = main?.segments.reduce(0) { $0 + ($1.kind == .agendaItem ? 1 : 0) } ?? 0
    let agenda =
      main == nil || main?.kind == .minutes
      ? HTMLStructure.agendaPage(dom, title: dom.meta.title ?? dom.titleTag).flatMap { page in
        page.analysis.segments.reduce(0) { $0 + ($1.kind == .agendaItem ? 1 : 0) } > mainItems ? page : nil
      } : nil
    if let analysis = main, agenda == nil {
      result.kind = analysis.kind
      result.segments = analysis.segments
      result.declaredRoles = analysis.declaredRoles
      result.date = result.date ?? analysis.date
      result.kindReason = analysis.kindReason
    } else if let page = agenda {
      result.text = page.text
      result.kind = page.analysis.kind
      result.segments = page.analysis.segments
      result.date = result.date ?? page.analysis.date
      result.kindReason = page.analysis.kindReason + " (the page's agenda)"
    } else {
      result.kindReason = "kind blog: a web page without turns or minutes structure"
    }
    let flattened = builder.pointee.flattened
    if flattened > 0 {
      result.diagnostics.append(
        Diagnostic(
          .warning, SourceLocation(file: file),
          "\(flattened) elements nested deeper than \(DOMBuilder.maximumDepth) levels were read as part of their ancestor at that depth"
        ))
    }
    if let author = dom.meta.author { result.attributes["author"] = author }
    if let description = dom.meta.description { result.attributes["description"] = description }
    if let language = dom.meta.language { result.attributes["language"] = language }
    return result
  }

  /// The encoding to decode with: a BOM, then valid UTF-8, then the declared charset, then Windows-1252.
  static func detectEncoding(_ data: Data) -> String {
    if data.count >= 2, data[0] == 0xFF, data[1] == 0xFE { return "UTF-16LE" }
    if data.count >= 2, data[0] == 0xFE, data[1] == 0xFF { return "UTF-16BE" }
    let valid = data.withUnsafeBytes { raw in TextDecoding.isValidUTF8(raw.bindMemory(to: UInt8.self)) }
    if valid { return "UTF-8" }
    if let declared = declaredCharset([UInt8](data.prefix(4096))[...]) { return declared }
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
  /// First child and next sibling (-1: none).
  var firstChild: [Int] = []
  var nextSibling: [Int] = []
  var lastChild: [Int] = []
  /// Where the text of a text node lies in ``textBytes`` (elements: length 0).
  var textStart: [Int] = []
  var textLength: [Int] = []
  /// The raw UTF-8 text of all text nodes, one after the other.
  var textBytes: [UInt8] = []
  /// A hash of the lowercased class and id (0: none), for comparing siblings.
  var classKey: [UInt64] = []
  /// Whether class or id hold a boilerplate word, a content word, or a "related box" heading word.
  var unlikely: [Bool] = []
  var likely: [Bool] = []
  var boxHeading: [Bool] = []
  /// Non-space characters and commas of text nodes.
  var letters: [Int] = []
  var commas: [Int] = []
  /// What the tag is: ``blockFlag``, ``neverContentFlag``, ``headingFlag``, ``looseFlag``.
  var flags: [UInt8] = []
  /// The tag as a ``Tag`` number (``Tag/other`` for the tags no rule names), so that the
  /// extractor's passes over every node compare numbers, not strings.
  var code: [UInt8] = []

  /// Numbers for the tags the extractor's rules name.
  enum Tag {
    static let other: UInt8 = 0
    static let text: UInt8 = 1
    static let p: UInt8 = 2
    static let a: UInt8 = 3
    static let img: UInt8 = 4
    static let li: UInt8 = 5
    static let input: UInt8 = 6
    static let select: UInt8 = 7
    static let textarea: UInt8 = 8
    static let button: UInt8 = 9
    static let div: UInt8 = 10
    static let section: UInt8 = 11
    static let article: UInt8 = 12
    static let span: UInt8 = 13
    static let font: UInt8 = 14
    static let center: UInt8 = 15
    static let pre: UInt8 = 16
    static let td: UInt8 = 17
    static let blockquote: UInt8 = 18
    static let body: UInt8 = 19
    static let html: UInt8 = 20
    static let main: UInt8 = 21
    static let form: UInt8 = 22
    static let br: UInt8 = 23
    static let dd: UInt8 = 24
    static let dt: UInt8 = 25
    static let tr: UInt8 = 26

    /// The number of a (lowercased) tag name.
    static let byName: [String: UInt8] = [
      "p": p, "a": a, "img": img, "li": li, "input": input, "select": select, "textarea": textarea,
      "button": button, "div": div, "section": section, "article": article, "span": span, "font": font,
      "center": center, "pre": pre, "td": td, "blockquote": blockquote, "body": body, "html": html, "main": main,
      "form": form, "br": br, "dd": dd, "dt": dt, "tr": tr,
    ]
  }
  static let blockFlag: UInt8 = 1
  static let neverContentFlag: UInt8 = 2
  static let headingFlag: UInt8 = 4
  static let looseFlag: UInt8 = 8
  /// Elements whose other attributes matter (meta, html, script).
  static let metaFlag: UInt8 = 16
  /// Elements whose content is skipped (script, style, svg…).
  static let skipFlag: UInt8 = 32
  /// Text nodes.
  static let textFlag: UInt8 = 64
  /// The `<title>` element.
  static let titleFlag: UInt8 = 128

  /// Whether `node` is a text node.
  @inline(__always) func isText(_ node: Int) -> Bool { flags[node] & Self.textFlag != 0 }
  /// Flags by tag name, computed once.
  static let tagFlags: [String: UInt8] = {
    var table: [String: UInt8] = [:]
    for tag in ContentExtractor.blockTags { table[tag, default: 0] |= blockFlag }
    for tag in ContentExtractor.neverContent { table[tag, default: 0] |= neverContentFlag }
    for tag in ContentExtractor.headingLevels.keys { table[tag, default: 0] |= headingFlag }
    for tag in ContentExtractor.looseTextContainers { table[tag, default: 0] |= looseFlag }
    for tag in ["meta", "html", "script"] { table[tag, default: 0] |= metaFlag }
    for tag in DOMBuilder.skipped { table[tag, default: 0] |= skipFlag }
    table["title", default: 0] |= titleFlag
    return table
  }()
  /// Other attributes that matter: hidden, role, aria-hidden, style with display:none.
  var hidden: [Bool] = []
  var role: [String] = []
  var meta = PageMeta()
  var titleTag: String?

  mutating func reserve(_ capacity: Int) {
    tag.reserveCapacity(capacity)
    flags.reserveCapacity(capacity)
    code.reserveCapacity(capacity)
    parent.reserveCapacity(capacity)
    firstChild.reserveCapacity(capacity)
    nextSibling.reserveCapacity(capacity)
    lastChild.reserveCapacity(capacity)
    textStart.reserveCapacity(capacity)
    textLength.reserveCapacity(capacity)
    classKey.reserveCapacity(capacity)
    unlikely.reserveCapacity(capacity)
    likely.reserveCapacity(capacity)
    boxHeading.reserveCapacity(capacity)
    letters.reserveCapacity(capacity)
    commas.reserveCapacity(capacity)
    hidden.reserveCapacity(capacity)
    role.reserveCapacity(capacity)
  }

  /// Adds an element under `parent` (-1: the root) and returns its number.
  mutating func addElement(
    _ name: String, flags nameFlags: UInt8, code tagCode: UInt8, parent: Int,
    classes: (key: UInt64, unlikely: Bool, likely: Bool, boxHeading: Bool),
    hidden isHidden: Bool, role roleValue: String
  ) -> Int {
    let index = tag.count
    tag.append(name)
    flags.append(nameFlags)
    code.append(tagCode)
    self.parent.append(parent)
    firstChild.append(-1)
    nextSibling.append(-1)
    lastChild.append(-1)
    textStart.append(0)
    textLength.append(0)
    classKey.append(classes.key)
    unlikely.append(classes.unlikely)
    likely.append(classes.likely)
    boxHeading.append(classes.boxHeading)
    letters.append(0)
    commas.append(0)
    hidden.append(isHidden)
    role.append(roleValue)
    if parent >= 0 { link(index, to: parent) }
    return index
  }

  /// Adds text under `parent`; text right after text of the same parent extends it.
  mutating func addText(_ bytes: UnsafeBufferPointer<UInt8>, parent: Int) {
    let last = lastChild[parent]
    if last >= 0, last == tag.count - 1, flags[last] & Self.textFlag != 0,
      textStart[last] + textLength[last] == textBytes.count
    {
      textBytes.append(contentsOf: bytes)
      textLength[last] += bytes.count
      let (moreLetters, moreCommas) = Self.measure(bytes)
      letters[last] += moreLetters
      commas[last] += moreCommas
      return
    }
    let index = tag.count
    tag.append("#text")
    flags.append(Self.textFlag)
    code.append(Tag.text)
    self.parent.append(parent)
    firstChild.append(-1)
    nextSibling.append(-1)
    lastChild.append(-1)
    textStart.append(textBytes.count)
    textLength.append(bytes.count)
    textBytes.append(contentsOf: bytes)
    classKey.append(0)
    unlikely.append(false)
    likely.append(false)
    boxHeading.append(false)
    let (textLetters, textCommas) = Self.measure(bytes)
    letters.append(textLetters)
    commas.append(textCommas)
    hidden.append(false)
    role.append("")
    link(index, to: parent)
  }

  private mutating func link(_ child: Int, to parent: Int) {
    if lastChild[parent] >= 0 {
      nextSibling[lastChild[parent]] = child
    } else {
      firstChild[parent] = child
    }
    lastChild[parent] = child
  }

  /// The children of `node`, in document order.
  func children(_ node: Int) -> Children { Children(next: nextSibling, first: firstChild[node]) }

  /// The raw text of a text node ("" for elements).
  func text(_ node: Int) -> String {
    let start = textStart[node]
    return String(decoding: textBytes[start..<(start + textLength[node])], as: UTF8.self)
  }

  /// Appends the raw UTF-8 text of a text node to `bytes`.
  func appendText(_ node: Int, to bytes: inout [UInt8]) {
    let length = textLength[node]
    if length == 0 { return }
    let start = textStart[node]
    bytes.append(contentsOf: textBytes[start..<(start + length)])
  }

  /// The children of a node, as a sequence (holding only the sibling links, not the whole DOM).
  struct Children: Sequence, IteratorProtocol {
    let siblings: [Int]
    var current: Int
    init(next: [Int], first: Int) {
      self.siblings = next
      self.current = first
    }
    mutating func next() -> Int? {
      guard current >= 0 else { return nil }
      defer { current = siblings[current] }
      return current
    }
  }

  /// Whether a libxml2 name equals `literal` (ASCII).
  static func equals(_ name: UnsafePointer<xmlChar>, _ literal: StaticString) -> Bool {
    let count = literal.utf8CodeUnitCount
    let bytes = literal.utf8Start
    for index in 0..<count where name[index] != bytes[index] { return false }
    return name[count] == 0
  }

  /// Non-space characters and commas of UTF-8 text.
  static func measure(_ text: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
    var letters = 0
    var commas = 0
    var index = 0
    let count = text.count
    while index < count {
      let byte = text[index]
      if byte <= 0x20 {
      } else if byte == 0xC2, index + 1 < count, text[index + 1] == 0xA0 {
        index += 1
      } else if byte & 0xC0 != 0x80 {
        letters += 1
        if byte == 0x2C {
          commas += 1
        } else if byte == 0xEF, index + 2 < count, text[index + 1] == 0xBC, text[index + 2] == 0x8C {
          commas += 1
        } else if byte == 0xE3, index + 2 < count, text[index + 1] == 0x80, text[index + 2] == 0x81 {
          commas += 1
        }
      }
      index += 1
    }
    return (letters, commas)
  }

  /// Whether a style may hide its element (it mentions "none" or "hidden").
  static func mayHide(_ style: [UInt8]) -> Bool {
    guard style.count >= 4 else { return false }
    for index in 0...(style.count - 4) {
      let a = style[index] | 0x20
      if a == 0x6E, style[index + 1] | 0x20 == 0x6F, style[index + 2] | 0x20 == 0x6E, style[index + 3] | 0x20 == 0x65 {
        return true
      }  // none
      if a == 0x68, style[index + 1] | 0x20 == 0x69, style[index + 2] | 0x20 == 0x64, style[index + 3] | 0x20 == 0x64 {
        return true
      }  // hidd
    }
    return false
  }

  var metaValues: [String: String] = [:]
  var jsonLD: [String] = []

  mutating func finishMeta() {
    var ld: [String: String] = [:]
    for script in jsonLD { Self.readJSONLD(script, into: &ld) }
    func first(_ keys: [String]) -> String? {
      for key in keys { if let value = metaValues[key], !value.isEmpty { return value } }
      return nil
    }
    // A page without a title of its own (a template whose <head> comes from an include, a
    // fragment) is titled by its first <h1>.
    meta.title =
      first(["og:title", "twitter:title", "dc.title"]) ?? ld["headline"] ?? titleTag.flatMap { $0.isEmpty ? nil : $0 }
      ?? firstHeading()
    // "Kop van het stuk | Naam van de site": the page's own <h1> without the site name.
    if let title = meta.title, let heading = firstHeading(), heading.count >= 8, heading.count < title.count,
      title.hasPrefix(heading)
    {
      meta.title = heading
    }
    meta.author =
      first(["author", "article:author", "dc.creator", "byl", "parsely-author", "sailthru.author"]) ?? ld["author"]
    meta.description =
      first(["description", "og:description", "twitter:description", "dc.description"]) ?? ld["description"]
    let rawDate =
      first([
        "article:published_time", "og:published_time", "datepublished", "date", "pubdate", "publishdate",
        "dc.date.issued", "dc.date", "sailthru.date", "parsely-pub-date",
      ])
      ?? ld["datePublished"] ?? ld["dateCreated"]
    meta.date = rawDate.flatMap { DutchDate.parse($0) }
  }

  /// The text of the first `<h1>`.
  private func firstHeading() -> String? {
    guard let h1 = tag.firstIndex(of: "h1") else { return nil }
    var bytes: [UInt8] = []
    var stack = [h1]
    while let node = stack.popLast() {
      appendText(node, to: &bytes)
      stack += Array(children(node)).reversed()
    }
    let text = collapseSpaces(bytes)
    return text.isEmpty ? nil : text
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

/// Words of class and id attributes that mark boilerplate or content.
enum ClassWords {
  /// Class and id words that mark boilerplate. Not "print": print buttons are links, which the link
  /// density drops, while council information systems mark their print pages' agenda tables
  /// `print_agendapunt` and `agenda_print`.
  static let unlikelyWords: Set<String> = [
    "ad", "ads", "adv", "advert", "advertisement", "advertising", "banner", "breadcrumb", "breadcrumbs", "combx",
    "comment",
    "comments", "commentlist", "community", "cookie", "cookies", "consent", "disqus", "extra", "footer", "gdpr",
    "masthead",
    "menu", "nav", "navbar", "navigation", "related", "remark", "replies", "reply", "rss", "share", "sharing",
    "shoutbox",
    "sidebar", "skyscraper", "social", "sponsor", "sponsored", "supplemental", "popup", "modal", "newsletter",
    "subscribe",
    "subscription", "signup", "promo", "pagination", "pager", "widget", "widgets", "tags", "tagcloud", "toolbar",
    "outbrain", "taboola", "recommended", "recommendations", "trending", "popular", "byline", "author", "meta", "login",
    "search", "header", "topbar", "bottom", "links", "follow", "jump", "skip", "hidden", "caption", "credit", "credits",
    "copyright", "most", "teaser", "teasers", "more", "next", "prev", "previous", "sitemap", "lang", "language",
    "dateline",
    "timestamp", "date", "shares", "sns", "buttons", "btn", "icons", "rating", "vote", "feedback", "tooltip", "overlay",
    "leaderboard", "dfp", "gpt", "adsense", "partner", "partners", "embed", "video", "newsticker", "ticker",
  ]
  /// Roots that mark boilerplate inside compound words (`sharedaddy`, `relatedposts`).
  static let unlikelyRoots: [[UInt8]] = [
    "comment", "share", "social", "related", "cookie", "newsletter", "sidebar", "banner", "advert", "breadcrumb",
    "footer",
    "popup", "promo", "sponsor", "subscri", "widget", "disqus", "outbrain", "taboola", "navig", "menu", "signup",
    "masthead", "header",
  ].map { Array($0.utf8) }
  /// Roots of heading classes that introduce a box of other content ("related posts").
  static let boxRoots: [[UInt8]] = [
    "related", "recommend", "popular", "trending", "comment", "newsletter", "share", "sidebar", "widget", "footer",
    "readmore",
    "morestories",
  ].map { Array($0.utf8) }
  /// Class and id words that mark content.
  static let likelyWords: Set<String> = [
    "article", "body", "content", "entry", "main", "post", "text", "story", "blog", "hentry", "column", "prose",
    "articlebody",
    "postbody", "entrycontent", "storycontent", "richtext", "page", "news", "detail", "contents", "single",
  ]

  /// Classifies the bytes of `class` and `id` (space separated).
  static func classify(_ lower: inout [UInt8]) -> (key: UInt64, unlikely: Bool, likely: Bool, boxHeading: Bool) {
    if lower.isEmpty { return (0, false, false, false) }
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for index in lower.indices {
      if lower[index] >= 0x41 && lower[index] <= 0x5A { lower[index] += 0x20 }
      hash = (hash ^ UInt64(lower[index])) &* 0x100_0000_01B3
    }
    if hash == 0 { hash = 1 }
    var unlikely = false
    var likely = false
    var box = false
    var start = 0
    func isWordByte(_ byte: UInt8) -> Bool {
      (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte >= 0x80
    }
    var index = 0
    while index <= lower.count {
      if index == lower.count || !isWordByte(lower[index]) {
        if index > start {
          let token = lower[start..<index]
          if !unlikely, unlikelyTable.contains(token) { unlikely = true }
          if !likely, likelyTable.contains(token) { likely = true }
          if token.count > 5 {
            if !unlikely, unlikelyMatcher.occurs(in: token) { unlikely = true }
            if !likely, starts(token, "article") || ends(token, "content") || ends(token, "body") { likely = true }
          }
          if !box, token.count >= 5, boxMatcher.occurs(in: token) { box = true }
        }
        start = index + 1
      }
      index += 1
    }
    return (hash, unlikely, likely, box)
  }

  static let unlikelyTable = WordTable(unlikelyWords)
  static let unlikelyMatcher = RootMatcher(unlikelyRoots)
  static let boxMatcher = RootMatcher(boxRoots)
  static let likelyTable = WordTable(likelyWords)

  private static func starts(_ token: ArraySlice<UInt8>, _ prefix: StaticString) -> Bool {
    let count = prefix.utf8CodeUnitCount
    guard token.count >= count else { return false }
    for offset in 0..<count where token[token.startIndex + offset] != prefix.utf8Start[offset] { return false }
    return true
  }

  private static func ends(_ token: ArraySlice<UInt8>, _ suffix: StaticString) -> Bool {
    let count = suffix.utf8CodeUnitCount
    guard token.count >= count else { return false }
    let start = token.endIndex - count
    for offset in 0..<count where token[start + offset] != suffix.utf8Start[offset] { return false }
    return true
  }

  private static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
    guard haystack.count >= needle.count, let first = needle.first else { return false }
    var index = haystack.startIndex
    let last = haystack.endIndex - needle.count
    while index <= last {
      if haystack[index] == first {
        var matched = true
        for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
          matched = false
          break
        }
        if matched { return true }
      }
      index += 1
    }
    return false
  }
}

/// Finds whether any of a few ASCII roots occurs inside a word: candidate positions are found by
/// their first two bytes in a 64K-entry table, so most positions cost one lookup.
struct RootMatcher: Sendable {
  private var byPair: [UInt8]  // index + 1 into `groups`, 0: no root starts with this pair
  private var groups: [[[UInt8]]]

  init(_ roots: [[UInt8]]) {
    byPair = Array(repeating: 0, count: 1 << 16)
    groups = []
    for root in roots where root.count >= 2 {
      let pair = Int(root[0]) << 8 | Int(root[1])
      if byPair[pair] == 0 {
        groups.append([])
        byPair[pair] = UInt8(groups.count)
      }
      groups[Int(byPair[pair]) - 1].append(root)
    }
  }

  func occurs(in token: ArraySlice<UInt8>) -> Bool {
    guard token.count >= 2 else { return false }
    var index = token.startIndex
    while index + 1 < token.endIndex {
      let group = byPair[Int(token[index]) << 8 | Int(token[index + 1])]
      if group != 0 {
        for root in groups[Int(group) - 1] where index + root.count <= token.endIndex {
          if token[index..<(index + root.count)].elementsEqual(root) { return true }
        }
      }
      index += 1
    }
    return false
  }
}

/// A set of short ASCII words looked up by length and first byte, without hashing.
struct WordTable: Sendable {
  private var buckets: [[[UInt8]]]

  init(_ words: Set<String>) {
    buckets = Array(repeating: [], count: 32 * 128)
    for word in words {
      let bytes = Array(word.utf8)
      guard let key = Self.key(bytes[...]) else { continue }
      buckets[key].append(bytes)
    }
  }

  private static func key(_ token: ArraySlice<UInt8>) -> Int? {
    guard let first = token.first, first < 128, token.count < 32 else { return nil }
    return token.count * 128 + Int(first)
  }

  func contains(_ token: ArraySlice<UInt8>) -> Bool {
    guard let key = Self.key(token) else { return false }
    for word in buckets[key] where word.elementsEqual(token) { return true }
    return false
  }
}

extension String {
  /// White space runs collapsed to one space, trimmed.
  func collapsingSpaces() -> String { collapseSpaces(Array(utf8)) }
}
