import Foundation

/// Removes what Kwal never reads from an HTML page before libxml2 parses it: the contents of
/// `<script>`, `<style>` and inline `<svg>` elements (except JSON-LD, which holds metadata),
/// comments, and the quoted values of attributes that Kwal does not look at (`href`, `src`,
/// `srcset`, `data-*`…).
///
/// A quarter of a typical page's bytes is script, and a fifth of the rest is in attribute values;
/// libxml2 reads them character by character only for Kwal to drop them. The elements and
/// attributes themselves stay, so the tree has the same shape. A start tag is touched only when
/// its name and its attributes' names are such that libxml2 reads it the same way (a name of
/// letters, digits and `_:.-`, values in matching quotes); anything else is left for libxml2 to
/// recover as usual. Works on ASCII-compatible encodings (UTF-8, Windows-1252, Latin-1), not on
/// UTF-16.
enum HTMLPrefilter {
  /// The page without script and style contents and comments, or nil when there is nothing to remove.
  /// `attributes`: also empty the values of attributes Kwal does not read (only for UTF-8 pages:
  /// in a stateful encoding such as ISO-2022-JP, text bytes can look like `<`, `=` and quotes).
  static func strip(_ page: UnsafeBufferPointer<UInt8>, attributes: Bool = true) -> [UInt8]? {
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
    /// Empties the quoted values of the attributes Kwal does not read in the start tag at `open`;
    /// the position after the tag, or nil when the tag is not one libxml2 reads plainly (then
    /// what follows `open` is scanned as before).
    func dropAttributeValues(from open: Int) -> Int? {
      guard attributes else { return nil }
      var position = open + 1
      // libxml2 starts an element only at `<` and an ASCII letter (`<_x` is text).
      guard position < count, isLetter(page[position]) else { return nil }
      while position < count, isNameByte(page[position]) { position += 1 }
      // It cuts names at 100 bytes and reads the rest otherwise: such a tag is left alone.
      guard position - open - 1 < 100, position < count,
        isSpace(page[position]) || page[position] == 0x3E || page[position] == 0x2F
      else {
        return nil
      }
      while position < count {
        while position < count, isSpace(page[position]) { position += 1 }
        guard position < count else { return nil }
        let byte = page[position]
        if byte == 0x3E { return position + 1 }  // >
        if byte == 0x2F {  // />
          guard position + 1 < count, page[position + 1] == 0x3E else { return nil }
          return position + 2
        }
        guard isNameStart(byte) else { return nil }
        let nameStart = position
        while position < count, isNameByte(page[position]) { position += 1 }
        let nameEnd = position
        guard nameEnd - nameStart < 100 else { return nil }
        while position < count, isSpace(page[position]) { position += 1 }
        guard position < count else { return nil }
        guard page[position] == 0x3D else { continue }  // an attribute without a value
        position += 1
        while position < count, isSpace(page[position]) { position += 1 }
        guard position < count else { return nil }
        let quote = page[position]
        if quote == 0x22 || quote == 0x27 {
          guard let close = find(quote, from: position + 1) else { return nil }
          // libxml2 ends a value at a NUL byte: such a value is left as it is.
          if close > position + 1, memchr(base + position + 1, 0, close - position - 1) == nil,
            !isKept(UnsafeBufferPointer(rebasing: page[nameStart..<nameEnd]))
          {
            if out.isEmpty { out.reserveCapacity(count) }
            copy(upTo: position + 1)
            copied = close
            changed = true
          }
          position = close + 1
          // libxml2 wants a space, `/` or `>` after a quoted value; anything else is left to it.
          guard position < count, isSpace(page[position]) || page[position] == 0x3E || page[position] == 0x2F
          else { return nil }
        } else {
          // An unquoted value runs to a space or `>`; kept as it is.
          while position < count, !isSpace(page[position]), page[position] != 0x3E { position += 1 }
        }
      }
      return nil
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
      // An end tag, a doctype or a processing instruction ends, for libxml2, at the first `>`
      // (quotes or not): nothing in it is a tag.
      if open + 1 < count, page[open + 1] == 0x2F || page[open + 1] == 0x21 || page[open + 1] == 0x3F {
        guard let end = find(0x3E, from: open + 2) else { break }
        index = end + 1
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
        if let end = dropAttributeValues(from: open) { index = end }
        continue
      }
      let after = open + 1 + name.utf8CodeUnitCount
      guard after < count, [0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x3E, 0x2F].contains(page[after]) else {
        if let end = dropAttributeValues(from: open) { index = end }
        continue
      }
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

  /// The attributes Kwal reads (``DOMBuilder``), by length: their values are kept.
  private static let keptAttributes: [[[UInt8]]] = {
    var table = [[[UInt8]]](repeating: [], count: 12)
    for name in [
      "class", "id", "hidden", "aria-hidden", "style", "role", "content", "name", "property", "itemprop",
      "http-equiv", "lang", "type", "charset",
    ] {
      table[name.utf8.count].append(Array(name.utf8))
    }
    return table
  }()

  /// Whether an attribute's name (as written, any case) is one Kwal reads.
  private static func isKept(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
    guard name.count < keptAttributes.count else { return false }
    for kept in keptAttributes[name.count] {
      var same = true
      for index in 0..<kept.count where kept[index] != name[index] | 0x20 {
        same = false
        break
      }
      if same { return true }
    }
    return false
  }

  /// HTML's space characters, as libxml2's HTML parser skips them.
  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  /// An ASCII letter.
  private static func isLetter(_ byte: UInt8) -> Bool { byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A }

  /// The first byte of an attribute name libxml2's HTML parser accepts: a letter, `_` or `:`.
  private static func isNameStart(_ byte: UInt8) -> Bool { isLetter(byte) || byte == 0x5F || byte == 0x3A }

  /// A later byte of such a name: also a digit, `-` or `.`.
  private static func isNameByte(_ byte: UInt8) -> Bool {
    isNameStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x2E
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
