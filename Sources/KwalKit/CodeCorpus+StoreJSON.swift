internal import KwalModel

/// The project store's JSON columns, a document's record, code counts and diagnostics, as
/// `JSONEncoder` wrote them (`.sortedKeys`, `.withoutEscapingSlashes`; a missing optional is
/// left out): one encoder call per column and document took 2% of a `kwal code` run.
extension JSONBytesWriter {
  /// What `write` writes into a fresh writer, as a string.
  static func json(_ write: (inout JSONBytesWriter) -> Void) -> String {
    var writer = JSONBytesWriter(capacity: 256)
    write(&writer)
    return String(decoding: writer.bytes, as: UTF8.self)
  }

  mutating func write(_ record: DocumentRecord) {
    openObject()
    key("attributes")
    dictionary(record.attributes)
    key("case")
    string(record.caseName)
    key("characters")
    integer(record.characters)
    if let date = record.date {
      key("date")
      string(date)
    }
    key("document")
    string(record.document)
    key("kind")
    string(record.kind.rawValue)
    key("sentences")
    integer(record.sentences)
    if let title = record.title {
      key("title")
      string(title)
    }
    key("tokens")
    integer(record.tokens)
    key("words")
    integer(record.words)
    close(0x7D)
  }

  mutating func write(_ counts: [String: Int]) { dictionary(counts) { $0.integer($1) } }

  mutating func write(_ diagnostics: [Diagnostic]) {
    openArray()
    for diagnostic in diagnostics {
      member()
      openObject()
      key("location")
      openObject()
      if let column = diagnostic.location.column {
        key("column")
        integer(column)
      }
      key("file")
      string(diagnostic.location.file)
      if let line = diagnostic.location.line {
        key("line")
        integer(line)
      }
      close(0x7D)
      key("message")
      string(diagnostic.message)
      key("severity")
      string(diagnostic.severity.rawValue)
      close(0x7D)
    }
    close(0x5D)
  }
}
