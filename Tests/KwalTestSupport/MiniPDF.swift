public import Foundation

/// Writes small, valid PDF files for tests: A4 pages of Helvetica text (WinAnsi, so Dutch
/// accents work), laid out top-down like a word processor would, with a correct cross-reference
/// table. A PDF is text syntax; this is all a reader needs.
public struct MiniPDF: Sendable {
  /// One thing on a page, top to bottom.
  public enum Item: Sendable {
    /// A line of body text (11 pt).
    case line(String)
    /// A line of bold body text (11 pt).
    case bold(String)
    /// A line set larger (a heading or title).
    case large(String, size: Double)
    /// An empty line's worth of space.
    case gap
    /// A running header at the top edge of the page.
    case header(String)
    /// A running footer at the bottom edge of the page.
    case footer(String)
    /// A line set large at the top edge of the page (a logo's or an organisation's name).
    case largeHeader(String, size: Double)
    /// A line set large at the bottom edge of the page (a slogan).
    case largeFooter(String, size: Double)
    /// A table (11 pt): each row's cells at the columns' left edges `columns`, written into the
    /// page row by row, or column by column (`byColumn`: the first cell of every row, then the
    /// second, as some word processors write a table).
    case table([[String]], columns: [Double], byColumn: Bool)
  }

  /// The pages, each a list of items.
  public var pages: [[Item]]
  /// The `/Title` of the document information dictionary.
  public var title: String?

  /// Creates a document.
  public init(pages: [[Item]], title: String? = nil) {
    self.pages = pages
    self.title = title
  }

  /// The content stream of one page.
  static func content(_ items: [Item]) -> [UInt8] {
    var stream: [UInt8] = []
    func show(_ text: String, font: String, size: Double, x: Double, y: Double) {
      stream += Array("BT /\(font) \(format(size)) Tf \(format(x)) \(format(y)) Td (".utf8)
      stream += escaped(text)
      stream += Array(") Tj ET\n".utf8)
    }
    var y = 770.0
    for item in items {
      switch item {
      case .line(let text):
        show(text, font: "F1", size: 11, x: 72, y: y)
        y -= 14
      case .bold(let text):
        show(text, font: "F2", size: 11, x: 72, y: y)
        y -= 14
      case .large(let text, let size):
        show(text, font: "F2", size: size, x: 72, y: y)
        y -= size * 1.3
      case .gap:
        y -= 14
      case .header(let text):
        show(text, font: "F1", size: 8, x: 72, y: 810)
      case .footer(let text):
        show(text, font: "F1", size: 8, x: 72, y: 30)
      case .largeHeader(let text, let size):
        show(text, font: "F2", size: size, x: 72, y: 805)
      case .largeFooter(let text, let size):
        show(text, font: "F2", size: size, x: 72, y: 24)
      case .table(let rows, let columns, let byColumn):
        let cells = rows.indices.flatMap { row in rows[row].indices.map { (row, $0) } }
        let order = byColumn ? cells.sorted { ($0.1, $0.0) < ($1.1, $1.0) } : cells
        for (row, column) in order where column < columns.count {
          show(rows[row][column], font: "F1", size: 11, x: columns[column], y: y - 16 * Double(row))
        }
        y -= 16 * Double(rows.count)
      }
    }
    return stream
  }

  static func format(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
  }

  /// Text as a PDF string's bytes: WinAnsi (Latin-1 for the letters Dutch needs), with `(`, `)`
  /// and `\` escaped.
  static func escaped(_ text: String) -> [UInt8] {
    var bytes: [UInt8] = []
    for scalar in text.unicodeScalars {
      switch scalar {
      case "(", ")", "\\":
        bytes += [0x5C, UInt8(scalar.value)]
      case "\u{2013}": bytes.append(0x96)  // en dash
      case "\u{2019}": bytes.append(0x92)  // right single quote
      default:
        bytes.append(scalar.value < 256 ? UInt8(scalar.value) : 0x3F)
      }
    }
    return bytes
  }

  /// The file's bytes.
  public var data: Data {
    var objects: [[UInt8]] = []
    let pageCount = pages.count
    // 1 catalog, 2 page tree, 3 and 4 fonts, then a page and its contents per page, then the info.
    let firstPage = 5
    objects.append(Array("<< /Type /Catalog /Pages 2 0 R >>".utf8))
    let kids = (0..<pageCount).map { "\(firstPage + 2 * $0) 0 R" }.joined(separator: " ")
    objects.append(Array("<< /Type /Pages /Kids [\(kids)] /Count \(pageCount) >>".utf8))
    for font in ["Helvetica", "Helvetica-Bold"] {
      objects.append(Array("<< /Type /Font /Subtype /Type1 /BaseFont /\(font) /Encoding /WinAnsiEncoding >>".utf8))
    }
    for (index, items) in pages.enumerated() {
      let contents = firstPage + 2 * index + 1
      objects.append(
        Array(
          ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            + "/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents \(contents) 0 R >>").utf8))
      let stream = Self.content(items)
      objects.append(Array("<< /Length \(stream.count) >>\nstream\n".utf8) + stream + Array("\nendstream".utf8))
    }
    var info: Int?
    if let title {
      objects.append(Array("<< /Title (".utf8) + Self.escaped(title) + Array(") >>".utf8))
      info = objects.count
    }
    var file: [UInt8] = Array("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
    var offsets: [Int] = []
    for (index, object) in objects.enumerated() {
      offsets.append(file.count)
      file += Array("\(index + 1) 0 obj\n".utf8) + object + Array("\nendobj\n".utf8)
    }
    let xref = file.count
    file += Array("xref\n0 \(objects.count + 1)\n0000000000 65535 f \n".utf8)
    for offset in offsets {
      let digits = String(offset)
      file += Array((String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n").utf8)
    }
    let infoEntry = info.map { " /Info \($0) 0 R" } ?? ""
    file += Array("trailer\n<< /Size \(objects.count + 1) /Root 1 0 R\(infoEntry) >>\nstartxref\n\(xref)\n%%EOF\n".utf8)
    return Data(file)
  }
}
