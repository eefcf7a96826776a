import Foundation

/// Removes what Kwal never reads from an HTML page before libxml2 parses it: the contents of
/// `<script>`, `<style>` and inline `<svg>` elements (except JSON-LD, which holds metadata) and
/// comments.
///
/// A quarter of a typical page's bytes is script; libxml2 reads it character by character only
/// for Kwal to drop it. The elements themselves stay, so the tree has the same shape. Works on
/// ASCII-compatible encodings (UTF-8, Windows-1252, Latin-1), not on UTF-16.
enum HTMLPrefilter {
  /// The page without script and style contents and comments, or nil when there is nothing to remove.
  static func strip(_ page: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    guard let base = page.baseAddress else { return nil }
    let count = page.count
    var out: [UInt8] = []
    var copied = 0  // bytes before this position are in `out` (or dropped)
    var index = 0
    var changed = false
    func copy(upTo end: Int) {
      if end > copied { out.append(contentsOf: UnsafeBufferPointer(rebasing: page[copied..<end])) }
      copied = max(copied, end)
    }
    func find(_ byte: UInt8, from start: Int) -> Int? {
      guard start < count, let found = memchr(base + start, Int32(byte), count - start) else { return nil }
      return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
    func matches(_ word: StaticString, at position: Int) -> Bool {
      let length = word.utf8CodeUnitCount
      guard position + length <= count else { return false }
      for offset in 0..<length where page[position + offset] | 0x20 != word.utf8Start[offset] | 0x20 { return false }
      return true
    }
    while let open = find(0x3C, from: index) {  // <
      index = open + 1
      if matches("!--", at: open + 1) {
        // A comment: drop it to its end.
        var search = open + 4
        var end: Int?
        while let dash = find(0x2D, from: search) {
          if dash + 2 < count, page[dash + 1] == 0x2D, page[dash + 2] == 0x3E {
            end = dash + 3
            break
          }
          search = dash + 1
        }
        guard let end else { break }
        if out.isEmpty { out.reserveCapacity(count) }
        copy(upTo: open)
        copied = end
        index = end
        changed = true
        continue
      }
      let name: StaticString
      if matches("script", at: open + 1) {
        name = "script"
      } else if matches("style", at: open + 1) {
        name = "style"
      } else if matches("svg", at: open + 1) {
        name = "svg"
      } else {
        continue
      }
      let after = open + 1 + name.utf8CodeUnitCount
      guard after < count, [0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x3E, 0x2F].contains(page[after]) else { continue }
      // The end of the start tag, outside quoted attribute values.
      var tagEnd = after
      var quote: UInt8 = 0
      while tagEnd < count {
        let byte = page[tagEnd]
        if quote != 0 {
          if byte == quote { quote = 0 }
        } else if byte == 0x22 || byte == 0x27 {
          quote = byte
        } else if byte == 0x3E {
          break
        }
        tagEnd += 1
      }
      guard tagEnd < count else { break }
      let contentStart = tagEnd + 1
      // The closing tag.
      var close = contentStart
      var closeFound: Int?
      while let candidate = find(0x3C, from: close) {
        if candidate + 1 < count, page[candidate + 1] == 0x2F, matches(name, at: candidate + 2) {
          closeFound = candidate
          break
        }
        close = candidate + 1
      }
      guard let closeStart = closeFound else { break }
      let keep = matches("script", at: open + 1) && isJSONLD(page, open, tagEnd)
      if !keep, closeStart > contentStart {
        if out.isEmpty { out.reserveCapacity(count) }
        copy(upTo: contentStart)
        copied = closeStart
        changed = true
      }
      index = closeStart + 2
    }
    guard changed else { return nil }
    copy(upTo: count)
    return out
  }

  /// Whether the start tag `page[start...end]` says `type="application/ld+json"`.
  private static func isJSONLD(_ page: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    let needle = Array("ld+json".utf8)
    guard end - start >= needle.count else { return false }
    var index = start
    while index + needle.count <= end {
      var found = true
      for offset in 0..<needle.count where page[index + offset] | 0x20 != needle[offset] {
        found = false
        break
      }
      if found { return true }
      index += 1
    }
    return false
  }
}
