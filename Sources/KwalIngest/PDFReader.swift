internal import CPoppler
import Foundation
import KwalModel

/// Reads `.pdf` files with poppler-glib: the text of each page in reading order, with the place
/// and font of every line, laid out by ``PDFLayout`` into paragraphs (hyphenation repaired,
/// running headers and footers dropped, headings found), then analysed like a text file, so that
/// minutes and interviews in PDF are recognised as such. Each page becomes a `page` segment.
///
/// What cannot be read is one error naming the file: an encrypted or damaged PDF, a PDF without
/// a text layer, too many pages, too large a file, or extraction that runs over its time budget.
enum PDFReader {
  /// The most pages Kwal reads from one PDF.
  static let maximumPages = 2000
  /// The longest Kwal spends extracting the pages of one PDF.
  static let timeBudget: Duration = .seconds(60)

  /// The limits of one read (the defaults for corpora; tests use small ones).
  struct Limits {
    var bytes = TextDecoding.maximumBytes
    var pages = PDFReader.maximumPages
    var time = PDFReader.timeBudget
  }

  static func read(_ data: Data, file: String, forcedKind: DocumentKind?, limits: Limits = Limits())
    throws(IngestError) -> Extracted
  {
    let source = try extract(data, file: file, limits: limits)
    let layout = PDFLayout.assemble(source.pages)
    guard layout.text.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil })
    else {
      throw IngestError(.badData, "no text layer: scanned? run OCR first", at: SourceLocation(file: file))
    }
    var diagnostics: [Diagnostic] = []
    let empty = source.pages.filter { page in !page.lines.contains { !$0.text.isEmpty } }.map(\.number)
    if !empty.isEmpty {
      let list = empty.prefix(10).map(String.init).joined(separator: ", ") + (empty.count > 10 ? ", …" : "")
      diagnostics.append(
        Diagnostic(
          .warning, SourceLocation(file: file),
          "\(empty.count == 1 ? "page" : "pages") \(list) of \(source.pages.count) \(empty.count == 1 ? "has" : "have") no text layer (scanned? run OCR first); \(empty.count == 1 ? "its" : "their") text is missing"
        ))
    }
    // The layout's headings (one line each) tell the analysis what the text alone cannot.
    var headingLines: [Int: Int] = [:]
    for heading in layout.headings { headingLines[heading.range.start] = heading.level }
    var extracted = PlainTextReader.analyse(
      layout.text, markdown: false, forcedKind: forcedKind, file: file, layoutHeadings: headingLines,
      layoutItems: Set(layout.numberedColumns))
    extracted.diagnostics = diagnostics
    extracted.segments = segments(extracted.segments, layout: layout)
    extracted.title = title(metadata: source.title, text: layout.text, analysed: extracted, layout: layout) {
      extracted.diagnostics.append(Diagnostic(.note, SourceLocation(file: file), $0))
    }
    return extracted
  }

  // MARK: - Segments and title

  /// The analysis's segments with the layout's headings and one `page` segment per page, in text order.
  static func segments(_ analysed: [Segment], layout: PDFLayout.Result) -> [Segment] {
    var levels: [ByteRange: Int] = [:]
    for heading in layout.headings { levels[heading.range] = heading.level }
    var blocks = analysed
    for index in blocks.indices where blocks[index].kind == .paragraph {
      if let level = levels[blocks[index].range] {
        blocks[index].kind = .heading
        blocks[index].metadata["level"] = String(level)
      }
    }
    let pages = layout.pages.map { Segment(kind: .page, range: $0.range, metadata: ["number": String($0.number)]) }
    // Both lists are in text order; a page goes before a segment with the same range (the container first).
    return TextStructure.merging(blocks, into: pages)
  }

  /// The metadata title when the text bears it out (Word carries a template's title into every
  /// PDF made from it), else the text's own title or first heading, else the metadata title.
  static func title(
    metadata: String?, text: String, analysed: Extracted, layout: PDFLayout.Result, note: (String) -> Void
  ) -> String? {
    let fromText =
      analysed.title
      ?? layout.headings.first.map { heading in
        String(decoding: Array(text.utf8)[heading.range.start..<heading.range.end], as: UTF8.self)
      }
    guard let metadata = usableMetadataTitle(metadata) else { return fromText }
    if fromText == nil || letters(of: text).contains(letters(of: metadata)) { return metadata }
    note("the PDF's metadata title \"\(metadata)\" does not occur in its text; the title is taken from the text")
    return fromText
  }

  /// The metadata title, unless it is empty or the name of the file it was made from.
  static func usableMetadataTitle(_ title: String?) -> String? {
    guard var title = title?.trimmingSpaces(), !title.isEmpty else { return nil }
    for prefix in ["Microsoft Word - ", "Microsoft PowerPoint - "] where title.hasPrefix(prefix) {
      title.removeFirst(prefix.count)
    }
    let lower = title.lowercased()
    if [".doc", ".docx", ".odt", ".pdf", ".rtf", ".txt"].contains(where: { lower.hasSuffix($0) }) { return nil }
    if lower == "untitled" || lower == "naamloos" || lower == "titel" { return nil }
    return title.isEmpty ? nil : title
  }

  /// Lowercased letters and digits only, for comparing titles with text.
  private static func letters(of text: String) -> String {
    String(
      String.UnicodeScalarView(
        text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }))
  }

  // MARK: - poppler

  /// The pages of a PDF as lines with their geometry, and the metadata title.
  struct Source {
    var pages: [PDFPage]
    var title: String?
  }

  static func extract(_ data: Data, file: String, limits: Limits = Limits()) throws(IngestError) -> Source {
    let location = SourceLocation(file: file)
    if data.count > limits.bytes {
      throw IngestError(
        .badData, "file too large (\(data.count >> 20) MiB; Kwal reads files up to \(limits.bytes >> 20) MiB)",
        at: location)
    }
    var reason = [CChar](repeating: 0, count: 512)
    if kwal_poppler_load(&reason, reason.count) != 0 {
      let detail = String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      throw IngestError(
        .unavailable,
        "cannot read PDF without poppler-glib (\(detail)): install libpoppler-glib8 (Debian, Ubuntu) or poppler (Homebrew)",
        at: location)
    }
    let outcome: Result<Source, IngestError> = data.withUnsafeBytes { raw in
      // poppler reads the bytes in place: the document is freed before this closure returns.
      guard let base = raw.baseAddress, raw.count > 0 else {
        return .failure(IngestError(.badData, "not a readable PDF: the file is empty", at: location))
      }
      var error: UnsafeMutablePointer<KwalGError>?
      guard let document = kwal_poppler_document_new(base, raw.count, &error) else {
        defer { kwal_g_error_free(error) }
        if kwal_poppler_error_is_encrypted(error) != 0 {
          return .failure(
            IngestError(.badData, "encrypted PDF: cannot read it without its password", at: location))
        }
        let message = error.flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "unknown error"
        return .failure(IngestError(.badData, "not a readable PDF: \(message)", at: location))
      }
      defer { kwal_poppler_document_free(document) }
      do throws(IngestError) {
        return .success(try read(document, location: location, limits: limits))
      } catch {
        return .failure(error)
      }
    }
    return try outcome.get()
  }

  private static func read(_ document: OpaquePointer, location: SourceLocation, limits: Limits) throws(IngestError)
    -> Source
  {
    let count = Int(kwal_poppler_document_page_count(document))
    guard count > 0 else {
      throw IngestError(.badData, "not a readable PDF: it has no pages", at: location)
    }
    if count > limits.pages {
      throw IngestError(.badData, "PDF has \(count) pages; Kwal reads at most \(limits.pages)", at: location)
    }
    var title: String?
    if let raw = kwal_poppler_document_title(document) {
      title = String(cString: raw)
      kwal_g_free(raw)
    }
    let clock = ContinuousClock()
    let start = clock.now
    var pages: [PDFPage] = []
    pages.reserveCapacity(count)
    var textBytes = 0
    for index in 0..<count {
      guard let page = kwal_poppler_document_page(document, Int32(index)) else {
        pages.append(PDFPage(number: index + 1, width: 0, height: 0, lines: []))
        continue
      }
      let read = lines(of: page, number: index + 1)
      kwal_poppler_page_free(page)
      pages.append(read)
      textBytes += read.lines.reduce(0) { $0 + $1.text.utf8.count + 1 }
      if textBytes > limits.bytes {
        throw IngestError(
          .badData, "PDF text exceeds \(limits.bytes >> 20) MiB by page \(index + 1); Kwal reads at most that",
          at: location)
      }
      let elapsed = clock.now - start
      if elapsed > limits.time, index + 1 < count {
        throw IngestError(
          .badData,
          "PDF extraction stopped after \(seconds(elapsed)) s at page \(index + 1) of \(count) (the budget is \(seconds(limits.time)) s a file): split the PDF or convert it to text first",
          at: location)
      }
    }
    return Source(pages: pages, title: title)
  }

  private static func seconds(_ duration: Duration) -> String {
    let (whole, fraction) = duration.components
    return fraction >= 500_000_000_000_000_000 ? String(whole + 1) : String(whole)
  }

  /// The lines of one page: poppler's text in reading order, each line with the box around its
  /// characters and its most common font size and weight.
  private static func lines(of page: OpaquePointer, number: Int) -> PDFPage {
    var width = 0.0
    var height = 0.0
    kwal_poppler_page_size(page, &width, &height)
    guard let raw = kwal_poppler_page_text(page) else {
      return PDFPage(number: number, width: width, height: height, lines: [])
    }
    defer { kwal_g_free(raw) }
    var rectangles: UnsafeMutablePointer<KwalPopplerRectangle>?
    var rectangleCount: UInt32 = 0
    let hasLayout = kwal_poppler_page_text_layout(page, &rectangles, &rectangleCount) != 0
    defer { kwal_g_free(rectangles) }
    // Font runs: character ranges (inclusive) with a size and a weight.
    var runs: [(start: Int, end: Int, size: Double, bold: Bool)] = []
    if let list = kwal_poppler_page_text_attributes(page) {
      var node: UnsafeMutablePointer<KwalGList>? = list
      var weights: [String: Bool] = [:]
      while let current = node {
        if let data = current.pointee.data {
          let attributes = data.assumingMemoryBound(to: KwalPopplerTextAttributes.self).pointee
          let font = attributes.font_name.map { String(cString: $0) } ?? ""
          let bold = weights[font] ?? isBold(font)
          weights[font] = bold
          runs.append((Int(attributes.start_index), Int(attributes.end_index), attributes.font_size, bold))
        }
        node = current.pointee.next
      }
      kwal_poppler_page_free_text_attributes(list)
    }
    // The UTF-8 bytes of the text; boxes and font runs count characters (Unicode scalars).
    let bytes = UnsafeBufferPointer(
      start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw))
    var scalarCount = 0
    for byte in bytes where byte & 0xC0 != 0x80 { scalarCount += 1 }
    // The boxes belong to the characters only when poppler gave one per character.
    let boxes: UnsafeMutablePointer<KwalPopplerRectangle>? =
      hasLayout && Int(rectangleCount) == scalarCount ? rectangles : nil

    var lines: [PDFLine] = []
    var current = LineBuilder()
    var run = 0
    var index = -1  // the character at `offset`
    var lineStart = 0
    for offset in 0..<bytes.count {
      let byte = bytes[offset]
      if byte & 0xC0 == 0x80 { continue }
      index += 1
      if byte == 0x0A {
        lines.append(current.finish(UnsafeBufferPointer(rebasing: bytes[lineStart..<offset])))
        current = LineBuilder()
        lineStart = offset + 1
        continue
      }
      if byte == 0x20 || byte == 0x09 || byte == 0x0D {
        current.previousRight = nil
        continue
      }
      if let boxes {
        let box = boxes[index]
        if box.x2 > box.x1 || box.y2 > box.y1 {
          // poppler runs the cells of a table's column together on one line ("D.4 D.5"), one
          // below or above the other: a character wholly below or above the line's characters
          // starts a line.
          // So does a character far back to the left and lower than the line's top: the first cell
          // of the next row, after a cell set lower in its row ("Conform" beside "A Vaststelling
          // agenda", then "B …").
          let height = box.y2 - box.y1
          let nextRow =
            current.lastRight.map { box.x1 < $0 - height * 4 } == true && box.y1 > current.top + height / 2
          // Text set vertically (each character under the one before, at the same place across) is
          // no new line.
          let stacked =
            current.lastRight.map { box.x1 < $0 && box.x2 > $0 - height * 2 } == true
            && box.y1 - current.bottom < height * 0.15 && current.top - box.y2 < height * 0.15
          if current.bottom > current.top, !stacked, box.y1 >= current.bottom || box.y2 <= current.top || nextRow {
            lines.append(current.finish(UnsafeBufferPointer(rebasing: bytes[lineStart..<offset])))
            current = LineBuilder()
            lineStart = offset
          }
          current.measureGap(before: box.x1, height: height)
          // poppler runs table cells together ("tijd11 april", "uurVergaderplaats"): a gap of a
          // fifth of the character's height or more between two characters, or a step back to
          // the left (the cell's next line), is a space.
          if let previous = current.previousRight, box.x1 - previous > height * 0.2 || previous - box.x1 > height * 2 {
            current.spaces.append(offset - lineStart)
          }
          current.add(box.x1, box.y1, box.x2, box.y2)
          current.previousRight = box.x2
          current.lastRight = box.x2
        }
      }
      while run < runs.count, runs[run].end < index { run += 1 }
      if run < runs.count, runs[run].start <= index {
        current.count(size: runs[run].size, bold: runs[run].bold)
      }
    }
    if lineStart < bytes.count { lines.append(current.finish(UnsafeBufferPointer(rebasing: bytes[lineStart...]))) }
    return PDFPage(number: number, width: width, height: height, lines: lines)
  }

  /// Whether a font name names a bold face (`Arial-BoldMT`, `Calibri-Bold`, `Verdana-BoldItalic`).
  static func isBold(_ font: String) -> Bool {
    let lower = font.lowercased()
    return lower.contains("bold") || lower.contains("black") || lower.contains("heavy") || lower.contains("semibold")
      || lower.contains("demi")
  }

  /// Collects one line's box, font and missing spaces.
  private struct LineBuilder {
    /// The right edge of the character before, when it is no space.
    var previousRight: Double?
    /// The right edge of the last character that was no space.
    var lastRight: Double?
    /// Whether two characters of the line lie a column's gap apart (four times the character's
    /// height or more): the cells of a table's row, or a field and its value.
    var columnGap = false
    /// Byte offsets in the line where a space is missing.
    var spaces: [Int] = []
    var left = Double.infinity
    var top = Double.infinity
    var right = -Double.infinity
    var bottom = -Double.infinity
    /// Characters per font size (rounded to half points); a line has one or two sizes.
    var sizes: [(size: Double, count: Int)] = []
    var boldCount = 0
    var counted = 0

    mutating func add(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) {
      left = min(left, x1)
      top = min(top, y1)
      right = max(right, x2)
      bottom = max(bottom, y2)
    }

    mutating func measureGap(before x: Double, height: Double) {
      if let lastRight, height > 0, x - lastRight >= height * 4 { columnGap = true }
    }

    mutating func count(size: Double, bold: Bool) {
      let rounded = (size * 2).rounded() / 2
      if let index = sizes.firstIndex(where: { $0.size == rounded }) {
        sizes[index].count += 1
      } else {
        sizes.append((rounded, 1))
      }
      if bold { boldCount += 1 }
      counted += 1
    }

    func finish(_ bytes: UnsafeBufferPointer<UInt8>) -> PDFLine {
      var text: String
      if spaces.isEmpty {
        text = String(decoding: bytes, as: UTF8.self)
      } else {
        var spaced: [UInt8] = []
        spaced.reserveCapacity(bytes.count + spaces.count)
        var from = 0
        for offset in spaces {
          spaced += bytes[from..<offset]
          spaced.append(0x20)
          from = offset
        }
        spaced += bytes[from...]
        text = String(decoding: spaced, as: UTF8.self)
      }
      let size = sizes.max { $0.count != $1.count ? $0.count < $1.count : $0.size > $1.size }?.size ?? 0
      let placed = right > left
      var line = PDFLine(
        text: text, left: placed ? left : 0, top: placed ? top : 0, right: placed ? right : 0,
        bottom: placed ? bottom : 0, size: size, bold: counted > 0 && boldCount * 2 > counted)
      line.columnGap = columnGap
      return line
    }
  }
}
