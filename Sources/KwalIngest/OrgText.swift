import Foundation
import KwalModel

/// Emacs Org files (`.org`, as notes and minutes are kept in Org mode) read as the Markdown they
/// correspond to, then reduced like Markdown (``MarkdownText``):
///
/// - `#+TITLE:`, `#+DATE:` and other `#+KEY:` lines before the text become the title, date and
///   attributes; other `#+` lines (`#+BEGIN_QUOTE`) and comment lines (`# …`) are left out;
/// - a headline (`*`, `**`, …) becomes a heading of that level, without its TODO keyword,
///   priority or tags;
/// - property drawers (`:PROPERTIES:` … `:END:`) are left out;
/// - links (`[[target][text]]`, `[[target]]`) become their text;
/// - lists (`-`, `+`, `1.`) stay lists.
enum OrgText {
  /// Reduces Org text (Kwal's plain text: LF line ends); `file` names it in diagnostics.
  static func reduce(_ org: String, file: String) -> MarkdownText.Reduced {
    var keywords: [(key: String, value: String)] = []
    var lines: [String] = []
    var inDrawer = false
    var seenText = false
    for line in org.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      if inDrawer {
        if trimmed.uppercased().hasPrefix(":END:") { inDrawer = false }
        continue
      }
      if trimmed.hasPrefix(":"), trimmed.dropFirst().prefix(while: { $0 != ":" }).allSatisfy(\.isLetter),
        trimmed.dropFirst().contains(":"),
        trimmed.uppercased().hasPrefix(":PROPERTIES:")
          || trimmed.uppercased().hasPrefix(":LOGBOOK:")
      {
        inDrawer = true
        continue
      }
      if trimmed.hasPrefix("#+") {
        // A keyword line before the text names the document; any other is markup.
        let body = trimmed.dropFirst(2)
        if !seenText, let colon = body.firstIndex(of: ":") {
          let key = body[..<colon].lowercased()
          let value = body[body.index(after: colon)...].drop { $0 == ":" || $0 == " " || $0 == "\t" }
          if !key.isEmpty, !key.hasPrefix("begin"), !key.hasPrefix("end"), !value.isEmpty {
            keywords.append((key, String(value).trimmingCharacters(in: .whitespaces)))
          }
        }
        lines.append("")
        continue
      }
      if trimmed == "#" || trimmed.hasPrefix("# ") {
        lines.append("")
        continue
      }
      if !trimmed.isEmpty { seenText = true }
      if let heading = headline(line) {
        lines.append(heading)
      } else {
        lines.append(links(String(line)))
      }
    }
    var reduced = MarkdownText.reduce(lines.joined(separator: "\n"), file: file)
    for (key, value) in keywords {
      switch key {
      case "title": reduced.title = reduced.title ?? value
      case "date": reduced.date = reduced.date ?? DutchDate.parse(value)
      case "options", "startup", "setupfile", "latex_class", "latex_header", "html_head", "language": continue
      default: reduced.attributes[key] = reduced.attributes[key] ?? value
      }
    }
    return reduced
  }

  /// The TODO keywords a headline may start with.
  static let todoKeywords: Set<String> = ["TODO", "DONE", "NEXT", "WAITING", "CANCELLED", "CANCELED"]

  /// `** TODO [#A] Title :tag:` as `## Title`; nil when the line is no headline.
  static func headline(_ line: Substring) -> String? {
    let stars = line.prefix { $0 == "*" }.count
    guard stars > 0, line.dropFirst(stars).first == " " else { return nil }
    var words = line.dropFirst(stars).split(separator: " ", omittingEmptySubsequences: true)
    if let first = words.first, todoKeywords.contains(String(first)) { words.removeFirst() }
    if let first = words.first, first.hasPrefix("[#"), first.hasSuffix("]"), first.count == 4 { words.removeFirst() }
    // Tags: the last word, `:a:b:`.
    if let last = words.last, last.count > 2, last.hasPrefix(":"), last.hasSuffix(":"), !last.contains(" ") {
      words.removeLast()
    }
    let title = links(words.joined(separator: " "))
    return String(repeating: "#", count: min(stars, 6)) + " " + title
  }

  /// `[[target][text]]` as `text`, `[[target]]` as `target`.
  static func links(_ text: String) -> String {
    guard text.contains("[[") else { return text }
    var result = ""
    var rest = Substring(text)
    while let open = rest.range(of: "[[") {
      result += rest[..<open.lowerBound]
      let inside = rest[open.upperBound...]
      guard let close = inside.range(of: "]]") else {
        result += rest[open.lowerBound...]
        return result
      }
      let link = inside[..<close.lowerBound]
      if let split = link.range(of: "][") {
        result += link[split.upperBound...]
      } else {
        result += link
      }
      rest = inside[close.upperBound...]
    }
    return result + rest
  }
}
