internal import KwalModel

/// The bytes of `kwal ingest`'s output, written straight into one buffer.
///
/// The output is exactly what Foundation's `JSONEncoder` (swift-foundation, as on Linux) writes
/// for ``IngestCorpus/DocumentJSON`` with `.sortedKeys` and `.withoutEscapingSlashes` (and
/// `.prettyPrinted` for `--format json`); a test holds the two side by side. Keys are sorted by
/// their UTF-8 bytes on every platform (Apple's older Foundation sorted them otherwise). Going through the encoder took a tenth of `kwal ingest`'s
/// instructions on web pages: it boxes every value of every document before it writes a byte.
struct IngestJSONWriter {
  private(set) var bytes: [UInt8] = []
  private let pretty: Bool
  private var depth = 0
  /// Whether the container just opened has no member yet.
  private var empty = true

  init(pretty: Bool, capacity: Int = 0) {
    self.pretty = pretty
    bytes.reserveCapacity(capacity)
  }

  /// Appends `documents` as one array (pretty) or one object per line (compact), each with a
  /// line end after it, as `kwal ingest` writes them.
  mutating func write(_ documents: [IngestCorpus.DocumentJSON]) {
    if pretty {
      openArray()
      for document in documents {
        member()
        write(document)
      }
      close(0x5D)
      bytes.append(0x0A)
    } else {
      for document in documents {
        write(document)
        bytes.append(0x0A)
      }
    }
  }

  private mutating func write(_ document: IngestCorpus.DocumentJSON) {
    openObject()
    key("attributes")
    dictionary(document.attributes)
    key("case")
    string(document.caseName)
    key("date")
    optional(document.date)
    key("diagnostics")
    openArray()
    for line in document.diagnostics {
      member()
      string(line)
    }
    close(0x5D)
    key("id")
    string(document.id)
    key("kind")
    string(document.kind)
    key("path")
    string(document.path)
    key("segments")
    openArray()
    for segment in document.segments {
      member()
      openObject()
      key("end")
      integer(segment.end)
      key("kind")
      string(segment.kind)
      if let metadata = segment.metadata {
        key("metadata")
        dictionary(metadata)
      }
      if let role = segment.role {
        key("role")
        string(role)
      }
      if let speaker = segment.speaker {
        key("speaker")
        string(speaker)
      }
      key("start")
      integer(segment.start)
      close(0x7D)
    }
    close(0x5D)
    key("text")
    string(document.text)
    key("title")
    optional(document.title)
    close(0x7D)
  }

  // MARK: Containers

  private mutating func openObject() {
    bytes.append(0x7B)
    depth += 1
    empty = true
  }

  private mutating func openArray() {
    bytes.append(0x5B)
    depth += 1
    empty = true
  }

  /// Ends the open container with `bracket`; an empty one is written as the encoder does
  /// (`[`, an empty line, `]` when pretty).
  private mutating func close(_ bracket: UInt8) {
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
  private mutating func member() {
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

  private mutating func key(_ name: StaticString) {
    member()
    bytes.append(0x22)
    bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    bytes.append(0x22)
    separator()
  }

  private mutating func separator() {
    if pretty {
      bytes.append(contentsOf: [0x20, 0x3A, 0x20])
    } else {
      bytes.append(0x3A)
    }
  }

  /// A dictionary of strings, its keys in the encoder's sorted order: by their UTF-8 bytes (not
  /// by `String`'s `<`, which orders `é` written as e and an accent apart from its bytes).
  private mutating func dictionary(_ values: [String: String]) {
    openObject()
    for (name, value) in values.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
      member()
      string(name)
      separator()
      string(value)
    }
    close(0x7D)
  }

  // MARK: Values

  private mutating func optional(_ value: String?) {
    if let value {
      string(value)
    } else {
      bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])  // null
    }
  }

  private mutating func integer(_ value: Int) {
    bytes.append(contentsOf: String(value).utf8)
  }

  /// A string with the encoder's escapes: quote, backslash and the C0 controls (`\b \t \n \f \r`
  /// by letter, the others as `\u00xx`); everything else, slashes and non-ASCII included, as it is.
  private mutating func string(_ value: String) {
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
