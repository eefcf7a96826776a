internal import KwalModel

/// JSON written straight into one buffer of bytes, exactly as Foundation's `JSONEncoder`
/// (swift-foundation, as on Linux) writes it with `.sortedKeys` and `.withoutEscapingSlashes`
/// (and `.prettyPrinted` when `pretty`): tests hold the two side by side. Keys are sorted by
/// their UTF-8 bytes on every platform (Apple's older Foundation sorted them otherwise). The
/// encoder boxes every value of every document before it writes a byte: it took a tenth of
/// `kwal ingest`'s instructions on web pages, and of `kwal code`'s store rows.
///
/// The layouts are extensions: `kwal ingest`'s documents (Ingest+JSON), the store's columns
/// (CodeCorpus+StoreJSON).
struct JSONBytesWriter {
  var bytes: [UInt8] = []
  let pretty: Bool
  private var depth = 0
  /// Whether the container just opened has no member yet.
  private var empty = true

  init(pretty: Bool = false, capacity: Int = 0) {
    self.pretty = pretty
    bytes.reserveCapacity(capacity)
  }

  // MARK: Containers

  mutating func openObject() {
    bytes.append(0x7B)
    depth += 1
    empty = true
  }

  mutating func openArray() {
    bytes.append(0x5B)
    depth += 1
    empty = true
  }

  /// Ends the open container with `bracket`; an empty one is written as the encoder does
  /// (`[`, an empty line, `]` when pretty).
  mutating func close(_ bracket: UInt8) {
    depth -= 1
    if pretty {
      bytes.append(0x0A)
      if empty { bytes.append(0x0A) }
      indent()
    }
    bytes.append(bracket)
    empty = false
  }

  /// Starts the next member of the open container.
  mutating func member() {
    if !empty { bytes.append(0x2C) }
    empty = false
    if pretty {
      bytes.append(0x0A)
      indent()
    }
  }

  private mutating func indent() {
    for _ in 0..<depth { bytes.append(contentsOf: [0x20, 0x20]) }
  }

  mutating func key(_ name: StaticString) {
    member()
    bytes.append(0x22)
    bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    bytes.append(0x22)
    separator()
  }

  mutating func separator() {
    if pretty {
      bytes.append(contentsOf: [0x20, 0x3A, 0x20])
    } else {
      bytes.append(0x3A)
    }
  }

  /// A dictionary of strings, its keys in the encoder's sorted order: by their UTF-8 bytes (not
  /// by `String`'s `<`, which orders `é` written as e and an accent apart from its bytes).
  mutating func dictionary(_ values: [String: String]) { dictionary(values) { $0.string($1) } }

  /// A dictionary in the same order, each value written by `value`.
  mutating func dictionary<Value>(_ values: [String: Value], _ value: (inout Self, Value) -> Void) {
    openObject()
    for (name, item) in values.sortedByUTF8Keys() {
      member()
      string(name)
      separator()
      value(&self, item)
    }
    close(0x7D)
  }

  // MARK: Values

  mutating func optional(_ value: String?) {
    if let value {
      string(value)
    } else {
      bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])  // null
    }
  }

  mutating func integer(_ value: Int) {
    bytes.append(contentsOf: String(value).utf8)
  }

  /// A string with the encoder's escapes: quote, backslash and the C0 controls (`\b \t \n \f \r`
  /// by letter, the others as `\u00xx`); everything else, slashes and non-ASCII included, as it is.
  mutating func string(_ value: String) {
    bytes.append(0x22)
    var value = value
    value.withUTF8 { text in
      var runStart = 0
      for index in 0..<text.count {
        let byte = text[index]
        guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
        if index > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index])) }
        runStart = index + 1
        bytes.append(0x5C)
        switch byte {
        case 0x22, 0x5C: bytes.append(byte)
        case 0x08: bytes.append(0x62)
        case 0x09: bytes.append(0x74)
        case 0x0A: bytes.append(0x6E)
        case 0x0C: bytes.append(0x66)
        case 0x0D: bytes.append(0x72)
        default:
          let digits: [UInt8] = Array("0123456789abcdef".utf8)
          bytes.append(contentsOf: [0x75, 0x30, 0x30, digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }
      }
      if text.count > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<text.count])) }
    }
    bytes.append(0x22)
  }
}
