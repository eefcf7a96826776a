internal import KwalModel

/// The bytes of `kwal ingest`'s output: ``IngestCorpus/DocumentJSON`` as `JSONEncoder` writes it
/// (`.prettyPrinted` too for `--format json`); a test holds the two side by side.
extension JSONBytesWriter {
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
}
