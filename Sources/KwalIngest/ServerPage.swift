public import Foundation

/// Web pages kept under their server's file name: a page saved from a browser or fetched with
/// `wget` as `verslag.php` or `notulen.aspx`, or a site's page templates (`<?php … ?>` around
/// the HTML) as an intranet's repository holds them. Such a file is read as a web page when its
/// bytes hold HTML markup once the server's code is left out; otherwise it is refused as not a
/// page (a script without markup).
public enum ServerPage {
  /// The file extensions of server pages (lowercased, without the dot).
  public static let extensions: Set<String> = [
    "php", "php3", "php4", "php5", "phtml", "asp", "aspx", "jsp", "jspx", "cfm", "shtml", "shtm",
  ]

  /// The page with its server code (`<?php … ?>`, `<? … ?>`, `<?= … ?>`, `<% … %>`) blanked out
  /// (line ends kept), or nil when what is left holds no HTML element. An XML declaration
  /// (`<?xml … ?>`) stays. A block that is never closed runs to the end of the file, as PHP reads it.
  public static func html(from data: Data) -> Data? {
    var bytes = [UInt8](data)
    let count = bytes.count
    var at = 0
    while at + 1 < count {
      guard bytes[at] == UInt8(ascii: "<") else {
        at += 1
        continue
      }
      let next = bytes[at + 1]
      let close: UInt8
      if next == UInt8(ascii: "?") {
        if startsWith("xml", at: at + 2, in: bytes) {
          at += 2
          continue
        }
        close = UInt8(ascii: "?")
      } else if next == UInt8(ascii: "%") {
        close = UInt8(ascii: "%")
      } else {
        at += 1
        continue
      }
      // Blanked up to and with the closing `?>` or `%>`.
      var end = at + 2
      while end + 1 < count, !(bytes[end] == close && bytes[end + 1] == UInt8(ascii: ">")) { end += 1 }
      end = min(count, end + 2)
      for position in at..<end where bytes[position] != 0x0A { bytes[position] = 0x20 }
      at = end
    }
    return hasElement(bytes) ? Data(bytes) : nil
  }

  /// Whether `bytes` hold `word` (ASCII, compared without case) at `at`.
  private static func startsWith(_ word: String, at: Int, in bytes: [UInt8]) -> Bool {
    let word = Array(word.utf8)
    guard at + word.count <= bytes.count else { return false }
    for (offset, byte) in word.enumerated() where bytes[at + offset] | 0x20 != byte { return false }
    return true
  }

  /// The elements whose tag shows a file to be an HTML page, not a script that prints one.
  private static let pageElements = [
    "html", "head", "body", "title", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "article",
    "main", "section", "br", "span",
  ]

  /// Whether `bytes` hold the start tag of one of ``pageElements`` (or a doctype).
  private static func hasElement(_ bytes: [UInt8]) -> Bool {
    var at = 0
    while let found = bytes[at...].firstIndex(of: UInt8(ascii: "<")) {
      at = found + 1
      if startsWith("!doctype html", at: at, in: bytes) { return true }
      for name in pageElements where startsWith(name, at: at, in: bytes) {
        let after = at + name.utf8.count
        if after == bytes.count { continue }
        let byte = bytes[after]
        if byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == 0x20 || byte == 0x09 || byte == 0x0A
          || byte == 0x0D
        {
          return true
        }
      }
    }
    return false
  }
}
