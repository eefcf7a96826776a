import Foundation
import KwalModel

/// One line of a PDF page as poppler reads it, with the box around its characters (points, origin
/// at the top left of the page; all zero when poppler gave no boxes) and how it is set.
struct PDFLine: Sendable, Equatable {
  var text: String
  var left: Double
  var top: Double
  var right: Double
  var bottom: Double
  /// The font size of most of its characters, in points (0: unknown).
  var size: Double
  /// Whether most of its characters are set in a bold face.
  var bold: Bool
  /// Whether it starts with a number set in a column of its own, left of the text (an agenda
  /// item's number, `1` beside `Klacht bij …`), put back before it (``PDFLayout/mergeMarkers(_:)``).
  var columnNumber = false
  /// Whether it is a table's row: two of its characters lie a column's gap apart (`A
  /// Vaststelling agenda  …  Conform`, or a field beside its value), or its cells were joined
  /// (``PDFLayout/tableRows(_:)``); such a line starts a paragraph of its own.
  var columnGap = false

  init(
    text: String, left: Double = 0, top: Double = 0, right: Double = 0, bottom: Double = 0, size: Double = 0,
    bold: Bool = false
  ) {
    self.text = text
    self.left = left
    self.top = top
    self.right = right
    self.bottom = bottom
    self.size = size
    self.bold = bold
  }

  /// Whether the line has a box.
  var isPlaced: Bool { right > left && bottom > top }
  var height: Double { bottom - top }
  var middle: Double { (top + bottom) / 2 }
}

/// One page: its number (from 1), size in points and lines in reading order.
struct PDFPage: Sendable, Equatable {
  var number: Int
  var width: Double
  var height: Double
  var lines: [PDFLine]
}

/// Turns the lines of PDF pages into Kwal's plain text, one paragraph per line with a blank line
/// between paragraphs, as ``TextStructure`` reads text files:
///
/// 1. each line is cleaned (ligatures, private-use bullets, odd spaces, NFC), and a bullet or
///    list number that poppler gives as a line of its own goes back to the line beside it;
/// 2. running headers and footers are dropped: lines among the first or last three of a page,
///    near its top or bottom edge and set apart from the text by a gap or a smaller font, whose
///    text (digits aside) recurs so on most pages, and page numbers (`3`, `- 3 -`,
///    `Pagina 3 van 12`); a line set larger than the text is dropped only where its very words
///    head (or foot) most pages;
/// 3. lines join into paragraphs unless a list item, numbered line or label (`Besluit:`,
///    `Aanwezig:`, `R2:`) starts, a vertical gap or a change of font size or weight parts them,
///    or the line ends short of the column where the next line's first word would have fitted;
///    a paragraph goes on across a page break when the page ends mid-sentence and the next
///    begins in lower case;
/// 4. a line that ends in a hyphen joins the next without a space: the hyphen goes when the next
///    line starts in lower case (`samen-`/`werking`), stays before a capital or digit
///    (`Noord-`/`Holland`, `2017-`/`2019`) and where a vowel meets the same vowel
///    (`portfolio-`/`ontwikkeling`), and a space follows it before `en`/`of` (`zorg- en welzijn`);
/// 5. a paragraph of at most three lines without final punctuation is a heading when it is set
///    larger than the body text, or when it is one bold or short line set apart by gaps.
enum PDFLayout {
  /// What the layout produced: the text, where each page's text lies and the headings.
  struct Result: Sendable {
    var text: String
    var pages: [(number: Int, range: ByteRange)]
    var headings: [(range: ByteRange, level: Int)]
    /// Running headers, footers and page numbers dropped.
    var dropped: Int
    /// Where each paragraph that starts with a number set in a column of its own starts.
    var numberedColumns: [Int] = []
  }

  /// Why two consecutive lines are, or are not, in one paragraph.
  enum Join: Equatable {
    /// Different paragraphs.
    case paragraph(Reason)
    /// One paragraph, with a space between the lines.
    case space
    /// One paragraph; the hyphen ending the first line goes (`samen-`/`werking`).
    case dropHyphen
    /// One paragraph; the hyphen ending the first line stays (`Noord-`/`Holland`).
    case keepHyphen
  }

  /// Why a paragraph ends.
  enum Reason: Equatable {
    /// A list item, numbered line or label starts.
    case structure
    /// A vertical gap.
    case gap
    /// The next line is above or beside this one (another column or block).
    case layout
    /// The font size or weight changes.
    case font
    /// The line ends short where the next word would have fitted.
    case short
    /// A page ends here (and the text does not run on).
    case page
  }

  static func assemble(_ input: [PDFPage]) -> Result {
    var pages = input.map { page -> PDFPage in
      var copy = page
      copy.lines = mergeMarkers(page.lines.compactMap(clean))
      return copy
    }
    let body = bodySize(pages)
    let dropped = dropRunningLines(&pages, bodySize: body)
    // Tables after the running lines are gone (a footer's parts joined would differ by page).
    for index in pages.indices { pages[index].lines = tableRows(pages[index].lines) }
    let metrics = pages.map(PageMetrics.init)

    // Every line in reading order, with how it joins the one before.
    var lines: [(page: Int, line: PDFLine)] = []
    var joins: [Join] = []
    for (pageIndex, page) in pages.enumerated() {
      for (index, line) in page.lines.enumerated() {
        if let previous = lines.last {
          if index == 0 {
            joins.append(acrossPages(previous.line, line))
          } else {
            joins.append(
              join(
                page.lines[index - 1], line, metrics: metrics[pageIndex],
                columnRight: metrics[pageIndex].columnRight[index - 1]))
          }
        } else {
          joins.append(.paragraph(.page))
        }
        lines.append((pageIndex, line))
      }
    }

    // Paragraphs: runs of joined lines; headings among them.
    var levels: [Int: Int] = [:]  // first line index → level
    var start = 0
    while start < lines.count {
      var end = start + 1
      while end < lines.count, !isParagraphBreak(joins[end]) { end += 1 }
      let before = joins[start]
      let after: Join = end < lines.count ? joins[end] : .paragraph(.page)
      let pageIndex = lines[start].page
      let firstOnPage = start == 0 || lines[start - 1].page != pageIndex
      if lines[start..<end].allSatisfy({ $0.page == pageIndex }),
        let level = headingLevel(
          lines[start..<end].map(\.line), body: body,
          apartBefore: firstOnPage || before == .paragraph(.gap) || before == .paragraph(.font),
          apartAfter: end == lines.count || after == .paragraph(.gap) || after == .paragraph(.font))
      {
        levels[start] = level
      }
      start = end
    }

    // The text.
    var text = ""
    text.reserveCapacity(lines.reduce(0) { $0 + $1.line.text.utf8.count + 2 })
    var pageRanges: [(number: Int, range: ByteRange)] = []
    var headings: [(range: ByteRange, level: Int)] = []
    var pageStart = 0
    var numberedColumns: [Int] = []
    var openHeading: (start: Int, level: Int)?
    for (index, item) in lines.enumerated() {
      let newPage = index == 0 || lines[index - 1].page != item.page
      if index > 0 {
        switch joins[index] {
        case .paragraph: break
        case .space: break
        case .dropHyphen: text.unicodeScalars.removeLast()
        case .keepHyphen: break
        }
        if newPage {
          let previous = pages[lines[index - 1].page].number
          if text.utf8.count > pageStart { pageRanges.append((previous, ByteRange(pageStart, text.utf8.count))) }
        }
        if isParagraphBreak(joins[index]) {
          if let heading = openHeading {
            headings.append((ByteRange(heading.start, text.utf8.count), heading.level))
            openHeading = nil
          }
          text += "\n\n"
        } else if joins[index] == .space {
          text += " "
        }
      }
      if newPage { pageStart = text.utf8.count }
      if let level = levels[index] { openHeading = (text.utf8.count, level) }
      if item.line.columnNumber, index == 0 || isParagraphBreak(joins[index]) {
        numberedColumns.append(text.utf8.count)
      }
      text += item.line.text
    }
    if let last = lines.last, text.utf8.count > pageStart {
      pageRanges.append((pages[last.page].number, ByteRange(pageStart, text.utf8.count)))
    }
    if let heading = openHeading { headings.append((ByteRange(heading.start, text.utf8.count), heading.level)) }
    return Result(
      text: text, pages: pageRanges, headings: headings, dropped: dropped, numberedColumns: numberedColumns)
  }

  static func isParagraphBreak(_ join: Join) -> Bool {
    if case .paragraph = join { return true }
    return false
  }

  // MARK: - Cleaning lines

  /// The line with ligatures spelled out, private-use bullets as `•`, odd spaces as spaces,
  /// control characters dropped, runs of spaces collapsed, trimmed and in NFC; nil when empty.
  static func clean(_ line: PDFLine) -> PDFLine? {
    var scalars = String.UnicodeScalarView()
    var pendingSpace = false
    for scalar in line.text.unicodeScalars {
      let value = scalar.value
      if value == 0x09 || value == 0xA0 || (0x2000...0x200A).contains(value) || value == 0x202F || value == 0x3000
        || value == 0x20
      {
        pendingSpace = !scalars.isEmpty
        continue
      }
      if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0xFEFF || value == 0x200B { continue }
      if pendingSpace {
        scalars.append(" ")
        pendingSpace = false
      }
      if value >= 0xFB00, value <= 0xFB06, let spelled = ligatures[value] {
        scalars.append(contentsOf: spelled.unicodeScalars)
      } else if (0xF000...0xF0FF).contains(value), scalars.isEmpty {
        // Symbol and Wingdings bullets (U+F0B7, U+F0A7, …) at the start of a line.
        scalars.append("•")
      } else if value == 0xAD {
        continue
      } else {
        scalars.append(scalar)
      }
    }
    // A soft hyphen at the end of the line is a hyphenation point.
    if line.text.unicodeScalars.last(where: { $0 != " " && $0 != "\t" && $0 != "\u{A0}" })?.value == 0xAD {
      scalars.append("-")
    }
    guard !scalars.isEmpty else { return nil }
    var copy = line
    let text = String(scalars)
    copy.text = TextDecoding.needsNFC(text) ? text.precomposedStringWithCanonicalMapping : text
    return copy
  }

  static let ligatures: [UInt32: String] = [
    0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st",
  ]

  /// A number of one to three digits alone (`7`, `62`).
  static func isColumnNumber(_ text: String) -> Bool {
    (1...3).contains(text.utf8.count) && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
  }

  /// Bullets and list numbers that poppler may give as a line of their own.
  static func isMarker(_ text: String) -> Bool {
    if ["•", "◦", "▪", "▫", "■", "□", "●", "○", "·", "-", "–", "—", "*", "+", "o", "►", "➢", "→", "✓"].contains(text) {
      return true
    }
    let scalars = Array(text.unicodeScalars)
    guard scalars.count >= 2, scalars.count <= 4, let last = scalars.last, last == "." || last == ")" else {
      return false
    }
    let head = scalars.dropLast()
    if head.allSatisfy({ ("0"..."9").contains($0) }) { return true }
    return head.count == 1 && head.allSatisfy({ ("a"..."z").contains($0) })
  }

  /// Puts each bullet or number that stands alone back before the text beside it (the line at the
  /// same height to its right, among the next few).
  ///
  /// A bare number (`1`, `12`) goes back too when the text beside it starts with a capital and
  /// stands apart from it by a column's gap (twice the line's height or more): an agenda
  /// item's number in a column of its own, as council systems set their minutes.
  static func mergeMarkers(_ lines: [PDFLine]) -> [PDFLine] {
    var result = lines
    var index = 0
    while index < result.count {
      let marker = result[index]
      let bare = isColumnNumber(marker.text)
      guard marker.isPlaced, bare || isMarker(marker.text) else {
        index += 1
        continue
      }
      var partner: Int?
      for candidate in (index + 1)..<min(result.count, index + 9) {
        let line = result[candidate]
        guard line.isPlaced, !isMarker(line.text) else { continue }
        let tolerance = max(marker.height, line.height) / 2
        if abs(line.middle - marker.middle) <= tolerance, line.left >= marker.right - 1 {
          if bare {
            guard line.left - marker.right >= 2 * max(marker.height, line.height),
              line.text.unicodeScalars.first?.properties.isUppercase == true
            else { break }
          }
          partner = candidate
          break
        }
      }
      guard let partner else {
        index += 1
        continue
      }
      var line = result[partner]
      line.text = marker.text + " " + line.text
      line.columnNumber = bare
      line.left = marker.left
      line.top = min(line.top, marker.top)
      line.bottom = max(line.bottom, marker.bottom)
      result[partner] = line
      result.remove(at: index)
    }
    return result
  }

  // MARK: - Tables

  /// A table's rows, one line each. A row's last cell of one or two words without digits (an
  /// outcome, `Conform`) that follows its row a column's gap to the right is joined to it; a
  /// table that poppler read column by column (a decision list's item codes `D.4`, `D.5`, …, then
  /// their titles, then their outcomes) is put back row by row. Such a column is three lines or
  /// more in a row of the reading order, each an item's code (``isItemCode(_:)``), at one left
  /// edge, going down the page, most of them with a line of another cell beside them (at the
  /// same height, a line's height or more to the left or right). The lines of the page at the
  /// heights of that column, and those read after it that stand at most three rows above it,
  /// are sorted top to bottom, and those at one height (the cells of a row) become one line,
  /// left to right; the other lines keep their places. Runs after the running headers and
  /// footers are dropped.
  static func tableRows(_ input: [PDFLine]) -> [PDFLine] {
    // Cells of one row that follow each other in the reading order, a column's gap apart at the
    // same height (`A  Vaststelling agenda` then `Conform`), are one line.
    var lines: [PDFLine] = []
    lines.reserveCapacity(input.count)
    for line in input {
      // (A bullet's glyph beside its text is no cell: it has neither letter nor digit.)
      // The geometry first: most lines are below the one before, and their text is not read.
      if var last = lines.last, last.isPlaced, line.isPlaced,
        abs(line.middle - last.middle) <= max(1, min(last.height, line.height)) * 0.4,
        line.left >= last.right + max(last.height, line.height) * 4,
        line.text.utf8.count(where: { $0 == 0x20 }) <= 1, !line.text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }),
        last.text.unicodeScalars.contains(where: { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
      {
        last.text += " " + line.text
        last.right = line.right
        last.top = min(last.top, line.top)
        last.bottom = max(last.bottom, line.bottom)
        last.columnGap = true
        lines[lines.count - 1] = last
      } else {
        lines.append(line)
      }
    }
    guard lines.count >= 6 else { return lines }
    func beside(_ line: PDFLine, _ other: PDFLine) -> Bool {
      let height = max(1, line.height)
      return abs(other.middle - line.middle) <= height * 0.4
        && (other.left >= line.right + height || other.right <= line.left - height)
    }
    var result = lines
    var start = 0
    while start < result.count {
      // A run of short lines at one left edge, going down.
      var end = start
      while end < result.count, result[end].isPlaced, isItemCode(result[end].text),
        !result[end].columnGap, abs(result[end].left - result[start].left) <= 2,
        end == start || result[end].top > result[end - 1].bottom - 1
      {
        end += 1
      }
      guard end - start >= 3 else {
        start += 1
        continue
      }
      let column = Array(result[start..<end])
      let withCells = column.filter { cell in
        result.indices.contains { !(start..<end).contains($0) && beside(cell, result[$0]) }
      }
      guard withCells.count * 3 >= column.count * 2, let first = column.first, let last = column.last else {
        start = end
        continue
      }
      // The lines at the column's heights, in reading order's place of the column's first line.
      var low = first.top - first.height / 2
      let high = last.bottom + last.height / 2
      // Lines read after the column that stand just above it belong to the rows above (an
      // outcome printed beside the row before): at most three rows' pitch up.
      let pitch = (last.top - first.top) / Double(column.count - 1)
      for line in result[end...] where line.isPlaced && line.middle < low && line.middle >= low - 3 * pitch {
        low = min(low, line.top - line.height / 4)
      }
      let inside = result.indices.filter {
        result[$0].isPlaced && result[$0].middle >= low && result[$0].middle <= high
      }
      var block = inside.map { result[$0] }.sorted {
        $0.middle != $1.middle ? $0.middle < $1.middle : $0.left < $1.left
      }
      // The cells of one row: lines whose middles lie within half a line's height of the row's first.
      var rows: [PDFLine] = []
      var index = 0
      while index < block.count {
        var cells = [block[index]]
        var next = index + 1
        while next < block.count, abs(block[next].middle - block[index].middle) <= max(1, block[index].height) * 0.4 {
          cells.append(block[next])
          next += 1
        }
        cells.sort { $0.left < $1.left }
        if cells.count == 1 {
          rows.append(cells[0])
        } else {
          var row = cells[0]
          row.text = cells.map(\.text).joined(separator: " ")
          row.left = cells.map(\.left).min() ?? row.left
          row.right = cells.map(\.right).max() ?? row.right
          row.top = cells.map(\.top).min() ?? row.top
          row.bottom = cells.map(\.bottom).max() ?? row.bottom
          row.columnGap = true
          rows.append(row)
        }
        index = next
      }
      block = rows
      let firstPlace = inside.min() ?? start
      var rebuilt: [PDFLine] = []
      rebuilt.reserveCapacity(result.count)
      let insideSet = Set(inside)
      for index in result.indices {
        if index == firstPlace { rebuilt.append(contentsOf: block) }
        if !insideSet.contains(index) { rebuilt.append(result[index]) }
      }
      result = rebuilt
      start = firstPlace + block.count
    }
    return result
  }

  /// Whether a line is an item's code alone: one to three capitals with dotted parts (`A`, `AB`,
  /// `D.4`, `G.A`), or a number with dotted parts (`12`, `3.1`, `321638`).
  static func isItemCode(_ text: String) -> Bool {
    guard !text.isEmpty, text.unicodeScalars.count <= 9 else { return false }
    var pieces = text.split(separator: ".", omittingEmptySubsequences: false)
    if pieces.count > 1, pieces.last?.isEmpty == true { pieces.removeLast() }
    guard let head = pieces.first, !head.isEmpty else { return false }
    let letters = head.count <= 3 && head.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
    let digits = head.count <= 6 && head.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
    guard letters || digits else { return false }
    return pieces.dropFirst().allSatisfy { piece in
      !piece.isEmpty && piece.count <= 3
        && piece.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("A"..."Z").contains($0) }
    }
  }

  // MARK: - Running headers and footers

  /// The font size of most characters (0 when unknown).
  static func bodySize(_ pages: [PDFPage]) -> Double {
    var weights: [Double: Int] = [:]
    for page in pages {
      for line in page.lines where line.size > 0 { weights[line.size, default: 0] += line.text.utf8.count }
    }
    return weights.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? 0
  }

  /// The text with digit runs as `#`, lowercased, spaces collapsed: what a running header keeps
  /// from page to page.
  static func runningKey(_ text: String) -> String {
    var key = String.UnicodeScalarView()
    var inDigits = false
    for scalar in text.lowercased().unicodeScalars {
      if ("0"..."9").contains(scalar) {
        if !inDigits { key.append("#") }
        inDigits = true
      } else {
        inDigits = false
        key.append(scalar)
      }
    }
    return String(key)
  }

  /// Whether a running key is a page number: `#`, `- # -`, `# / #`, `Pagina # van #`, `Page # of #`, `blz. #`.
  static func isPageNumber(_ key: String) -> Bool {
    let letters = String(
      String.UnicodeScalarView(key.unicodeScalars.filter { $0 == "#" || $0.properties.isAlphabetic }))
    return [
      "#", "##", "pagina#", "pagina#van#", "page#", "page#of#", "blz#", "blad#", "p#", "pag#", "#van#", "#of#",
    ].contains(letters)
  }

  /// Drops running headers, footers and page numbers; returns how many lines went.
  static func dropRunningLines(_ pages: inout [PDFPage], bodySize: Double) -> Int {
    func candidates(_ page: PDFPage) -> [Int] {
      let lines = page.lines
      let count = lines.count
      guard count > 0 else { return [] }
      guard page.height > 0, lines.allSatisfy(\.isPlaced) else {
        // Without boxes: the first and last lines.
        return Array(Set((0..<min(2, count)).map { $0 } + (max(0, count - 2)..<count).map { $0 })).sorted()
      }
      let metrics = PageMetrics(page)
      func apart(_ upper: PDFLine, _ lower: PDFLine) -> Bool {
        lower.top - upper.bottom > max(metrics.gap + metrics.height / 2, metrics.height * 0.3)
      }
      func eligible(_ line: PDFLine) -> Bool {
        line.top < page.height * 0.15 || line.bottom > page.height * 0.85
      }
      func small(_ line: PDFLine) -> Bool { bodySize > 0 && line.size > 0 && line.size < bodySize * 0.95 }
      // A block at the top (or bottom) edge: up to three lines near the edge, set apart from the
      // text by a gap or set smaller than it (body lines that happen to repeat are neither).
      var result: [Int] = []
      var block: [Int] = []
      for index in 0..<min(3, count) {
        guard eligible(lines[index]) else { break }
        block.append(index)
        if index + 1 < count, apart(lines[index], lines[index + 1]) {
          result += block
          block = []
          break
        }
      }
      result += block.prefix { small(lines[$0]) }
      block = []
      for index in stride(from: count - 1, through: max(0, count - 3), by: -1) where !result.contains(index) {
        guard eligible(lines[index]) else { break }
        block.append(index)
        if index > 0, apart(lines[index - 1], lines[index]) {
          result += block
          block = []
          break
        }
      }
      result += block.prefix { small(lines[$0]) }
      return result.sorted()
    }
    // A line set larger than the text is a title unless the same words (digits included: not
    // `Agendapunt 1`, `Agendapunt 2` …) head or foot three pages and most of them, as a logo's
    // or an organisation's name set large does (`Digitaal Vlaanderen ///`): it is then dropped
    // from each page where it stands at the edge, except at the top of the first page with text
    // where it is the largest line (a document's title repeated on every page keeps its first).
    func large(_ line: PDFLine) -> Bool { bodySize > 0 && line.size > bodySize * 1.15 }
    func exactKey(_ line: PDFLine) -> String { line.text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
    var pagesWithKey: [String: Set<Int>] = [:]
    var pagesWithLargeKey: [String: Set<Int>] = [:]
    for (pageIndex, page) in pages.enumerated() {
      for index in candidates(page) {
        let line = page.lines[index]
        if large(line) {
          pagesWithLargeKey[exactKey(line), default: []].insert(pageIndex)
        } else {
          pagesWithKey[runningKey(line.text), default: []].insert(pageIndex)
        }
      }
    }
    let pagesWithText = pages.filter { !$0.lines.isEmpty }.count
    let firstPageWithText = pages.firstIndex { !$0.lines.isEmpty }
    var dropped = 0
    for pageIndex in pages.indices {
      let page = pages[pageIndex]
      let largest = page.lines.map(\.size).max() ?? 0
      let drop = Set(
        candidates(page).filter { index in
          let line = page.lines[index]
          if large(line) {
            if isPageNumber(runningKey(line.text)) { return true }
            let pagesWithIt = pagesWithLargeKey[exactKey(line)] ?? []
            guard pagesWithIt.count >= 3 && pagesWithIt.count * 2 > pagesWithText else { return false }
            let isTitle = pageIndex == firstPageWithText && line.size >= largest && line.top < page.height / 2
            return !isTitle
          }
          let key = runningKey(line.text)
          let count = pagesWithKey[key]?.count ?? 0
          return isPageNumber(key) || (count >= 2 && count * 2 > pagesWithText)
        })
      if drop.isEmpty { continue }
      dropped += drop.count
      pages[pageIndex].lines = pages[pageIndex].lines.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
    }
    return dropped
  }

  // MARK: - Joining lines

  /// What is usual on a page: the gap between the lines of a paragraph and their height, and
  /// where each line's column ends.
  struct PageMetrics {
    var gap: Double
    var height: Double
    /// For each line, the right edge of the text around it: the farthest right among the nearby
    /// lines (six either way) that start about where it starts.
    var columnRight: [Double]

    init(_ page: PDFPage) {
      let placed = page.lines.filter(\.isPlaced)
      height = PDFLayout.median(placed.map(\.height)) ?? 0
      var gaps: [Double] = []
      for (above, below) in zip(placed, placed.dropFirst()) where below.top >= above.top {
        let gap = below.top - above.bottom
        if gap < 3 * height { gaps.append(gap) }
      }
      gap = PDFLayout.median(gaps) ?? 0
      let lines = page.lines
      let reach = 3 * max(height, 1)
      columnRight = lines.indices.map { index in
        var right = lines[index].right
        for other in max(0, index - 6)..<min(lines.count, index + 7) where lines[other].isPlaced {
          if abs(lines[other].left - lines[index].left) <= reach { right = max(right, lines[other].right) }
        }
        return right
      }
    }
  }

  static func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
  }

  /// How `next` joins `previous`, two lines of one page.
  static func join(_ previous: PDFLine, _ next: PDFLine, metrics: PageMetrics, columnRight: Double) -> Join {
    if startsStructure(next.text) || next.columnNumber { return .paragraph(.structure) }
    if next.columnGap { return .paragraph(.layout) }
    if isLoneLabel(previous.text) { return .space }
    if previous.isPlaced, next.isPlaced {
      let height = max(1, min(previous.height, next.height))
      if next.top < previous.top - height / 2 { return .paragraph(.layout) }
      if next.left > previous.right + height, next.top < previous.bottom { return .paragraph(.layout) }
      let gap = next.top - previous.bottom
      if gap > max(metrics.gap + height / 2, height * 0.3) { return .paragraph(.gap) }
      if previous.size > 0, next.size > 0, max(previous.size, next.size) > min(previous.size, next.size) * 1.15 {
        return .paragraph(.font)
      }
      if let hyphen = hyphenJoin(previous.text, next.text) { return hyphen }
      // A bold line (an agenda item's title) before plain text, or the other way round.
      if previous.bold != next.bold, !startsLowercase(next.text) { return .paragraph(.font) }
      // A line that ends where the next line's first word would have fitted was ended on purpose,
      // when a new sentence or line starts there (a digit or bracket goes on: "versie" / "1 mei").
      if !startsLowercase(next.text),
        next.text.unicodeScalars.first?.properties.isUppercase == true || endsSentence(previous.text)
          || previous.text.hasSuffix(":"),
        wouldFit(previous, next, columnRight: columnRight)
      {
        return .paragraph(.short)
      }
      return .space
    }
    if let hyphen = hyphenJoin(previous.text, next.text) { return hyphen }
    if endsSentence(previous.text), !startsLowercase(next.text) { return .paragraph(.short) }
    return .space
  }

  /// How the first line of a page joins the last line of the page before.
  static func acrossPages(_ previous: PDFLine, _ next: PDFLine) -> Join {
    if startsStructure(next.text) { return .paragraph(.page) }
    if let hyphen = hyphenJoin(previous.text, next.text) { return hyphen }
    if !endsSentence(previous.text), !previous.text.hasSuffix(":"), startsLowercase(next.text) { return .space }
    return .paragraph(.page)
  }

  /// Whether the first word of `next` would have fitted at the end of `previous` (with a margin
  /// of a character; a word of up to three characters is measured with the word after it, as
  /// such words are often bound to it by a no-break space: `1 mei`, `€ 10`).
  static func wouldFit(_ previous: PDFLine, _ next: PDFLine, columnRight: Double) -> Bool {
    let characters = previous.text.unicodeScalars.count
    guard characters > 0, columnRight > 0 else { return false }
    let width = (previous.right - previous.left) / Double(characters)
    let words = next.text.split(separator: " ", maxSplits: 2)
    guard let first = words.first else { return false }
    var length = first.unicodeScalars.count
    if length <= 3, words.count > 1 { length += 1 + words[1].unicodeScalars.count }
    return previous.right + width * Double(length + 2) <= columnRight
  }

  /// The join of a line that ends in a hyphen after a letter, or nil.
  static func hyphenJoin(_ previous: String, _ next: String) -> Join? {
    let scalars = previous.unicodeScalars
    guard scalars.last == "-", scalars.count >= 2 else { return nil }
    let before = scalars[scalars.index(scalars.endIndex, offsetBy: -2)]
    guard let first = next.unicodeScalars.first else { return nil }
    // A range of numbers (2017-/2019) keeps its hyphen.
    if ("0"..."9").contains(before), ("0"..."9").contains(first) { return .keepHyphen }
    guard before.properties.isAlphabetic else { return nil }
    guard first.properties.isAlphabetic || ("0"..."9").contains(first) else { return nil }
    let lastWord = previous.split(separator: " ").last.map(String.init) ?? previous
    if lastWord.contains("://") || lastWord.hasPrefix("www.") || lastWord.contains("@") { return .keepHyphen }
    // Dutch keeps the hyphen where one vowel meets the same vowel (portfolio-ontwikkeling, zee-egel).
    let lowerBefore = Character(before).lowercased()
    if "aeiou".contains(lowerBefore), Character(first).lowercased() == lowerBefore { return .keepHyphen }
    if first.properties.isLowercase {
      let firstWord = next.prefix { $0 != " " && $0 != "," }
      // "zorg- en welzijnsbeleid": a word left open before a conjunction. After a vowel or "ij"
      // the "en" is a plural ending instead (partij-/en, knie-/en): Dutch hyphenation puts a
      // consonant before a vowel on the next line, so it never splits "-en" after one.
      if ["en", "of", "tot", "noch", "dan"].contains(firstWord), lastWord.count > 2 {
        let stem = lastWord.dropLast().lowercased()
        let suffix = firstWord == "en" && (stem.hasSuffix("ij") || "aeiouy".contains(stem.last ?? "x"))
        if !suffix { return .space }
      }
      return .dropHyphen
    }
    return .keepHyphen
  }

  static func startsLowercase(_ text: String) -> Bool {
    text.unicodeScalars.first?.properties.isLowercase ?? false
  }

  /// Whether a line ends a sentence (`.`, `!`, `?`, maybe inside quotes or brackets).
  static func endsSentence(_ text: String) -> Bool {
    guard let last = text.unicodeScalars.last(where: { !"\"'”’)]»".unicodeScalars.contains($0) }) else { return false }
    return last == "." || last == "!" || last == "?" || last == ";"
  }

  /// Whether a line starts a block of its own: a bullet, a number (`1.`, `2)`, `3.1`, `4 Titel`),
  /// a letter (`a)`), a timestamp (`[00:12:33]`), a decision word (`Besloten wordt …`) or a label
  /// (`Besluit:`, `Aanwezig:`, `R2:`, `Jan de Vries:`).
  static func startsStructure(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars.prefix(64))
    guard let first = scalars.first else { return false }
    let second = scalars.count > 1 ? scalars[1] : " "
    // Bullets: "- ", "• ", "-Tekst".
    if "•◦▪▫■□●○·*+–—►➢→✓".unicodeScalars.contains(first), second == " " { return true }
    if first == "-", second == " " || second.properties.isUppercase { return true }
    // Numbers.
    if ("0"..."9").contains(first) {
      var index = 0
      while index < scalars.count, index < 3, ("0"..."9").contains(scalars[index]) { index += 1 }
      guard index < scalars.count else { return false }
      let after = scalars[index]
      if after == "." || after == ")" {
        let rest = index + 1 < scalars.count ? scalars[index + 1] : " "
        if rest == " " { return true }
        // 3.1 Titel
        if ("0"..."9").contains(rest) {
          var end = index + 1
          while end < scalars.count, ("0"..."9").contains(scalars[end]) || scalars[end] == "." { end += 1 }
          return end < scalars.count && scalars[end] == " " && end + 1 < scalars.count
            && scalars[end + 1].properties.isUppercase
        }
        return false
      }
      // 4 Titel
      if after == " ", index <= 2, index + 1 < scalars.count, scalars[index + 1].properties.isUppercase { return true }
      return false
    }
    // a) b)
    if ("a"..."z").contains(first), second == ")" { return true }
    if first == "[", scalars.count > 3, ("0"..."9").contains(scalars[1]) { return true }
    let word = String(String.UnicodeScalarView(scalars.prefix { $0.properties.isAlphabetic })).lowercased()
    if first.properties.isUppercase, TextStructure.decisionWords.contains(word) { return true }
    return label(text) != nil
  }

  /// The label before a colon at the start of a line (`Besluit`, `Aanwezig`, `R2`, `Jan de Vries`), or nil.
  static func label(_ text: String) -> String? {
    guard let colon = text.utf8.prefix(49).firstIndex(of: 0x3A) else { return nil }
    let name = String(text[..<colon])
    let after = text[text.index(after: colon)...]
    guard !name.isEmpty, after.isEmpty || after.first == " " else { return nil }
    let lower = name.lowercased()
    if TextStructure.fieldNames.contains(lower) || TextStructure.decisionWords.contains(lower)
      || TextStructure.actionWords.contains(lower)
    {
      return name
    }
    if name.last == " " || TextStructure.discourseLabels.contains(lower) { return nil }
    return TextStructure.isSpeakerName(name) ? name : nil
  }

  /// A label alone on its line (`Aanwezig:`): its text follows on the next line.
  static func isLoneLabel(_ text: String) -> Bool {
    text.hasSuffix(":") && label(text).map { $0.utf8.count + 1 == text.utf8.count } == true
  }

  // MARK: - Headings

  /// The level of a heading made of `lines`, or nil when they are no heading.
  static func headingLevel(_ lines: [PDFLine], body: Double, apartBefore: Bool, apartAfter: Bool) -> Int? {
    guard lines.count <= 3, let first = lines.first, let last = lines.last, lines.allSatisfy(\.isPlaced) else {
      return nil
    }
    let scalars = lines.reduce(0) { $0 + $1.text.unicodeScalars.count + 1 }
    guard scalars <= 150, let initial = first.text.unicodeScalars.first,
      initial.properties.isUppercase || ("0"..."9").contains(initial),
      first.text.unicodeScalars.lazy.filter({ $0.properties.isAlphabetic }).prefix(2).count == 2,
      let final = last.text.unicodeScalars.last, !".,;:!?".unicodeScalars.contains(final),
      !startsStructure(first.text)
    else { return nil }
    let size = lines.map(\.size).max() ?? 0
    if body > 0, size >= body * 1.15 { return size >= body * 1.4 ? 1 : 2 }
    guard lines.count == 1, apartBefore, apartAfter else { return nil }
    if first.bold { return 2 }
    let words = first.text.split(separator: " ").count
    return scalars <= 80 && words <= 10 ? 3 : nil
  }
}
