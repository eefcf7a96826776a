import CLibXML2
import Foundation
import KwalModel
import Yams

/// Markdown reduced to the text a reader sees, so that link targets, image paths, comments and
/// emphasis marks are neither coded nor taken for structure.
///
/// - YAML front matter (`---` … `---` at the start) becomes the title, date and attributes;
/// - `<!-- comments -->` are removed, and reference definitions (`[1]: https://…`);
/// - `![alt](src)` becomes `alt`, `[text](url)` and `[text][ref]` become `text`;
/// - `**strong**`, `__strong__`, `*em*`, `_em_` and `` `code` `` lose their marks, and a
///   backslash escape (`1\.`) its backslash;
/// - character references (`&#x20;`, `&#233;`, `&amp;`, `&nbsp;`) become the characters they
///   stand for, outside code (named ones as libxml2's HTML entity table knows them; an unknown
///   name stays as written);
/// - a quote's marks (`> `, `>> `) are left out and its lines remembered as quoted, so that an
///   answer quoted under its speaker's name is coded as words without marks; a hard line break's
///   backslash at a line's end is left out;
/// - headings (`#`), lists and tables keep their marks: they are structure. A setext
///   heading (a line over `===` or `---`) becomes a `#` or `##` heading, a heading inside a list
///   item (`* ### 1. Title`) a heading, and a thematic break (`---`, `***`) a blank line. Fenced
///   code blocks are kept as they are.
enum MarkdownText {
  /// The reduced text and what the front matter said.
  struct Reduced {
    var text: String
    var title: String?
    var date: String?
    var attributes: [String: String] = [:]
    var diagnostics: [Diagnostic] = []
    /// The UTF-8 offsets in `text` of lines that were bold and nothing else (`**Begroting 2024**`),
    /// as minutes written in Markdown title their items: headings of the third level.
    var boldLines: [Int] = []
    /// The UTF-8 offsets in `text` of lines that were quoted (`> …`, a bare `>` too), their marks
    /// left out.
    var quoteLines: [Int] = []
  }

  /// Reduces `markdown` (Kwal's plain text: LF line ends); `file` names it in diagnostics.
  static func reduce(_ markdown: String, file: String) -> Reduced {
    var reduced = Reduced(text: "")
    var body = Substring(markdown)
    if let (yaml, rest, line) = frontMatter(body) {
      body = rest
      readFrontMatter(yaml, line: line, file: file, into: &reduced)
    }
    let uncommented = removingComments(String(body))
    var lines: [Substring] = []
    // Each line as written, before its inline marks were reduced (`1\. Title` is no list item).
    var written: [Substring] = []
    var fenced = false
    var bold: Set<Int> = []
    var quoted: Set<Int> = []
    for line in uncommented.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.drop { $0 == " " }
      if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
        fenced.toggle()
        continue
      }
      if fenced {
        lines.append(line)
        written.append(line)
        continue
      }
      if isReferenceDefinition(trimmed) { continue }
      if let mark = underline(line) {
        let previous = (written.last ?? "").drop { $0 == " " }
        let beforePrevious = written.count >= 2 ? written[written.count - 2].drop { $0 == " " } : ""
        let setext = (mark == "=" || mark == "-") && !line.trimmingCharacters(in: .whitespaces).contains(" ")
        if setext, !previous.isEmpty, !isBlockStart(previous) {
          // `Title` over `=====` or `-----` is a heading; under a paragraph of several lines the
          // underline is dropped and the paragraph stays text.
          if beforePrevious.isEmpty || beforePrevious.hasPrefix("#") {
            let title = lines[lines.count - 1].drop { $0 == " " }
            lines[lines.count - 1] = Substring((mark == "=" ? "# " : "## ") + title)
          }
          continue
        }
        // A thematic break (`---`, `***`, `- - -`) separates blocks.
        lines.append("")
        written.append("")
        continue
      }
      if let shortcode = shortcodeLine(trimmed) {
        // A Hugo shortcode on a line of its own: a section's title becomes a heading, the rest a
        // blank line.
        lines.append(Substring(shortcode))
        written.append("")
        continue
      }
      if isBoldLine(trimmed) { bold.insert(lines.count) }
      // "> Ik loop stage …", ">> …": the marks left out, the line remembered as quoted.
      if trimmed.first == ">", line.count - trimmed.count <= 3 {
        // A bare ">" keeps a quote of several paragraphs one quote.
        let content = trimmed.drop { $0 == ">" || $0 == " " }
        quoted.insert(lines.count)
        lines.append(Substring(inline(Self.withoutHardBreak(content))))
        written.append(line)
        continue
      }
      lines.append(Substring(inline(listedHeading(Self.withoutHardBreak(line)))))
      written.append(line)
    }
    reduced.text = lines.joined(separator: "\n")
    var offset = 0
    for (index, line) in lines.enumerated() {
      if bold.contains(index) { reduced.boldLines.append(offset) }
      if quoted.contains(index) { reduced.quoteLines.append(offset) }
      offset += line.utf8.count + 1
    }
    return reduced
  }

  /// A line without the backslash of a hard line break at its end (`Marvin Zwolsman\`); an
  /// escaped backslash (`\\`) stays.
  static func withoutHardBreak(_ line: Substring) -> Substring {
    let backslashes = line.utf8.reversed().prefix { $0 == 0x5C }.count
    return backslashes % 2 == 1 ? line.dropLast() : line
  }

  /// A line that is one bold span and nothing else (`**Begroting 2024**`, `__Rondvraag__`), of a
  /// heading's length; a bold label (`**Aanwezig:**`) or a bold sentence is none.
  static func isBoldLine(_ trimmed: Substring) -> Bool {
    var line = trimmed
    while line.last == " " { line.removeLast() }
    guard line.utf8.count >= 5, line.utf8.count <= 100 else { return false }
    for mark in ["**", "__"] where line.hasPrefix(mark) && line.hasSuffix(mark) {
      let inner = line.dropFirst(2).dropLast(2)
      guard !inner.isEmpty, !inner.contains(mark), inner.first != " ", inner.last != " " else { return false }
      return ![":", ".", "!", "?", ";", ","].contains(inner.last ?? " ")
    }
    return false
  }

  /// The mark of a setext underline or thematic break of three marks or more (`=====`, `-----`,
  /// `- - -`, `***`, `___`), at most three spaces in.
  static func underline(_ line: Substring) -> Character? {
    let indent = line.prefix { $0 == " " }.count
    guard indent <= 3 else { return nil }
    let marks = line.filter { $0 != " " && $0 != "\t" }
    guard marks.count >= 3, let mark = marks.first, "=-*_".contains(mark), marks.allSatisfy({ $0 == mark }) else {
      return nil
    }
    return mark
  }

  /// A line that starts a block of its own (a heading, list item, quote, table row or fence),
  /// which an underline does not turn into a heading.
  static func isBlockStart(_ line: Substring) -> Bool {
    guard let first = line.first else { return false }
    if "#>|".contains(first) { return true }
    if "*-+".contains(first), line.dropFirst().first == " " { return true }
    let digits = line.prefix { $0.isASCII && $0.isNumber }
    if !digits.isEmpty, digits.count <= 3 {
      let after = line.dropFirst(digits.count)
      if after.hasPrefix(". ") || after.hasPrefix(") ") { return true }
    }
    return false
  }

  /// `* ### 1. Title`: a heading inside a list item is a heading.
  static func listedHeading(_ line: Substring) -> Substring {
    let content = line.drop { $0 == " " }
    guard let first = content.first, "*-+".contains(first), content.dropFirst().first == " " else { return line }
    let rest = content.dropFirst(2).drop { $0 == " " }
    let hashes = rest.prefix { $0 == "#" }.count
    guard hashes >= 1, hashes <= 6, rest.dropFirst(hashes).first == " " else { return line }
    return rest
  }

  // MARK: - Front matter

  /// The YAML between a first line `---` and the next `---` (or `...`), the text after it, and
  /// the line the YAML starts on.
  static func frontMatter(_ text: Substring) -> (yaml: String, rest: Substring, line: Int)? {
    guard text.hasPrefix("---\n") else { return nil }
    var index = text.index(text.startIndex, offsetBy: 4)
    let yamlStart = index
    while index < text.endIndex {
      let lineEnd = text[index...].firstIndex(of: "\n") ?? text.endIndex
      let line = text[index..<lineEnd]
      if line == "---" || line == "..." {
        let rest = lineEnd < text.endIndex ? text[text.index(after: lineEnd)...] : text[lineEnd...]
        return (String(text[yamlStart..<index]), rest, 2)
      }
      index = lineEnd < text.endIndex ? text.index(after: lineEnd) : lineEnd
    }
    return nil
  }

  static func readFrontMatter(_ yaml: String, line: Int, file: String, into reduced: inout Reduced) {
    let value: Any?
    do {
      value = try Yams.load(yaml: yaml)
    } catch {
      reduced.diagnostics.append(
        Diagnostic(
          .warning, SourceLocation(file: file, line: line),
          "front matter is not valid YAML: left out of the text, not read"))
      return
    }
    guard let mapping = value as? [String: Any] else { return }
    for (key, item) in mapping.sorted(by: { $0.key < $1.key }) {
      let text: String
      switch item {
      case let date as Date:
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        text = formatter.string(from: date)
      case let list as [Any]: text = list.map { "\($0)" }.joined(separator: ", ")
      case is [String: Any]: continue
      default: text = "\(item)"
      }
      switch key.lowercased() {
      case "title", "titel": reduced.title = text
      case "date", "datum": reduced.date = DutchDate.parse(text) ?? reduced.date
      default: reduced.attributes[key] = text
      }
    }
  }

  // MARK: - Blocks

  /// A line that is one Hugo shortcode (`{{< chapter/section title="Agenda" >}}`, `{{% note %}}`,
  /// `{{< /chapter/section >}}`): `## Agenda` when it opens a section with a title, else "".
  /// Nil for any other line.
  static func shortcodeLine(_ line: Substring) -> String? {
    let text = line.trimmingCharacters(in: .whitespaces)
    guard text.hasPrefix("{{<") && text.hasSuffix(">}}") || text.hasPrefix("{{%") && text.hasSuffix("%}}"),
      text.count >= 6
    else { return nil }
    let inner = text.dropFirst(3).dropLast(3)
    guard !inner.contains("{{"), !inner.contains("}}") else { return nil }
    guard let range = inner.range(of: "title=\""), !inner.hasPrefix(" /"), !inner.hasPrefix("/") else { return "" }
    let rest = inner[range.upperBound...]
    guard let close = rest.firstIndex(of: "\"") else { return "" }
    let title = rest[..<close].trimmingCharacters(in: .whitespaces)
    return title.isEmpty ? "" : "## " + title
  }

  /// The text without `<!-- … -->` comments (an unclosed comment is kept).
  static func removingComments(_ text: String) -> String {
    guard text.contains("<!--") else { return text }
    var result = ""
    var rest = Substring(text)
    while let open = rest.range(of: "<!--") {
      guard let close = rest[open.upperBound...].range(of: "-->") else { break }
      result += rest[..<open.lowerBound]
      rest = rest[close.upperBound...]
    }
    result += rest
    return result
  }

  /// `[label]: target` on its own line.
  static func isReferenceDefinition(_ line: Substring) -> Bool {
    guard line.first == "[", let close = line.firstIndex(of: "]"), close > line.index(after: line.startIndex) else {
      return false
    }
    let after = line[line.index(after: close)...]
    guard after.first == ":" else { return false }
    let target = after.dropFirst().drop { $0 == " " }
    return !target.isEmpty && !target.contains(" ") || target.hasPrefix("http")
  }

  // MARK: - Inline

  /// One line with its inline marks reduced.
  static func inline(_ line: Substring) -> String {
    let scalars = Array(line.unicodeScalars)
    guard scalars.contains(where: { "[!*_`\\<&".unicodeScalars.contains($0) }) else { return String(line) }
    var out = String.UnicodeScalarView()
    var index = 0
    // Leading list bullets (`* `, `- `) and quote marks are structure: copied as they are.
    while index < scalars.count, scalars[index] == " " || scalars[index] == ">" {
      out.append(scalars[index])
      index += 1
    }
    if index + 1 < scalars.count, "*-+".unicodeScalars.contains(scalars[index]), scalars[index + 1] == " " {
      out.append(scalars[index])
      index += 1
    }
    while index < scalars.count {
      let scalar = scalars[index]
      switch scalar {
      case "\\":
        if index + 1 < scalars.count, "\\`*_{}[]()#+-.!|<>~:\"'".unicodeScalars.contains(scalars[index + 1]) {
          out.append(scalars[index + 1])
          index += 2
          continue
        }
      case "!":
        if index + 1 < scalars.count, scalars[index + 1] == "[", let link = link(scalars, index + 1) {
          out.append(contentsOf: inline(Substring(String(String.UnicodeScalarView(scalars[link.text])))).unicodeScalars)
          index = link.end
          continue
        }
      case "[":
        if let link = link(scalars, index) {
          out.append(contentsOf: inline(Substring(String(String.UnicodeScalarView(scalars[link.text])))).unicodeScalars)
          index = link.end
          continue
        }
      case "`":
        if let close = scalars[(index + 1)...].firstIndex(of: "`"), close > index + 1 {
          out.append(contentsOf: scalars[(index + 1)..<close])
          index = close + 1
          continue
        }
      case "<":
        // An autolink <https://…> keeps its address without the brackets.
        if let close = scalars[(index + 1)...].firstIndex(of: ">") {
          let inner = String(String.UnicodeScalarView(scalars[(index + 1)..<close]))
          if inner.hasPrefix("http://") || inner.hasPrefix("https://") || inner.hasPrefix("mailto:") {
            out.append(contentsOf: inner.unicodeScalars)
            index = close + 1
            continue
          }
        }
      case "&":
        if let (character, end) = reference(scalars, index) {
          out.append(character)
          index = end
          continue
        }
      case "*", "_":
        let run = scalars[index...].prefix { $0 == scalar }.count
        if run <= 3, isEmphasisMark(scalars, index, run: run) {
          index += run
          continue
        }
        out.append(contentsOf: scalars[index..<(index + run)])
        index += run
        continue
      default: break
      }
      out.append(scalar)
      index += 1
    }
    return String(out)
  }

  /// The character a reference at `start` (`&`) stands for, and the index after its `;`: a
  /// decimal (`&#233;`) or hexadecimal (`&#xE9;`) number of at most seven digits (zero, or no
  /// scalar, stands for U+FFFD), or a name libxml2's HTML entity table knows (`&amp;`); nil for
  /// anything else, which stays as written.
  static func reference(_ scalars: [Unicode.Scalar], _ start: Int) -> (Unicode.Scalar, Int)? {
    var index = start + 1
    guard index < scalars.count else { return nil }
    if scalars[index] == "#" {
      index += 1
      let hexadecimal = index < scalars.count && (scalars[index] == "x" || scalars[index] == "X")
      if hexadecimal { index += 1 }
      let digitsStart = index
      while index < scalars.count, index - digitsStart < 7,
        hexadecimal ? scalars[index].properties.isASCIIHexDigit : ("0"..."9").contains(scalars[index])
      {
        index += 1
      }
      guard index > digitsStart, index < scalars.count, scalars[index] == ";",
        let value = UInt32(String(String.UnicodeScalarView(scalars[digitsStart..<index])), radix: hexadecimal ? 16 : 10)
      else { return nil }
      return (value == 0 ? "\u{FFFD}" : Unicode.Scalar(value) ?? "\u{FFFD}", index + 1)
    }
    let nameStart = index
    while index < scalars.count, index - nameStart < 32, scalars[index].isASCII,
      scalars[index].properties.isAlphabetic || ("0"..."9").contains(scalars[index])
    {
      index += 1
    }
    guard index > nameStart, index < scalars.count, scalars[index] == ";" else { return nil }
    let name = String(String.UnicodeScalarView(scalars[nameStart..<index]))
    guard let entity = htmlEntityLookup(name), let value = Unicode.Scalar(entity.pointee.value) else { return nil }
    return (value, index + 1)
  }

  /// A link or image body at `open` (`[`): `[text](target)`, `[text][ref]`; the range of its
  /// text and the index after it.
  static func link(_ scalars: [Unicode.Scalar], _ open: Int) -> (text: Range<Int>, end: Int)? {
    var depth = 0
    var close = open
    while close < scalars.count {
      if scalars[close] == "[" { depth += 1 }
      if scalars[close] == "]" {
        depth -= 1
        if depth == 0 { break }
      }
      close += 1
    }
    guard close < scalars.count, close + 1 < scalars.count else { return nil }
    let opener = scalars[close + 1]
    let closer: Unicode.Scalar = opener == "(" ? ")" : opener == "[" ? "]" : " "
    guard closer != " " else { return nil }
    var end = close + 2
    var nested = 0
    while end < scalars.count {
      if scalars[end] == opener { nested += 1 }
      if scalars[end] == closer {
        if nested == 0 { break }
        nested -= 1
      }
      end += 1
    }
    guard end < scalars.count else { return nil }
    return ((open + 1)..<close, end + 1)
  }

  /// Whether the run of `run` marks at `index` opens or closes emphasis: it touches a word on
  /// one side and white space, punctuation or the line's end on the other (so `snake_case`,
  /// `2 * 3` and bullets stay).
  static func isEmphasisMark(_ scalars: [Unicode.Scalar], _ index: Int, run: Int) -> Bool {
    func isWord(_ position: Int) -> Bool {
      guard position >= 0, position < scalars.count else { return false }
      let scalar = scalars[position]
      return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
    func isSpace(_ position: Int) -> Bool {
      position < 0 || position >= scalars.count || scalars[position].properties.isWhitespace
    }
    let before = index - 1
    let after = index + run
    let opens = !isSpace(after) && !isWord(before)
    let closes = !isSpace(before) && !isWord(after)
    guard opens || closes else { return false }
    // A mark needs its partner on the line.
    let mark = scalars[index]
    if opens {
      var position = after
      while position < scalars.count {
        if scalars[position] == mark, scalars[position...].prefix(while: { $0 == mark }).count == run,
          !isSpace(position - 1)
        {
          return true
        }
        position += 1
      }
    }
    if closes {
      var position = before
      while position >= 0 {
        if scalars[position] == mark, position + 1 < scalars.count, !isSpace(position + 1) { return true }
        position -= 1
      }
    }
    return false
  }
}
