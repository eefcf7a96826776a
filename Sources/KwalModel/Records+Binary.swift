extension DocumentRecord {
  /// The first bytes of ``binaryForm()``: the layout's name and version.
  static let binaryMagic = Array("kwal-document-bin/1\n".utf8)

  /// The record as the project store keeps it to read it back fast (``BinaryWriter``): a run
  /// in which nothing changed reads every document's record, and Foundation's JSON decoder
  /// takes about 14 µs for one.
  public func binaryForm() -> [UInt8] {
    var writer = BinaryWriter()
    writer.bytes(Self.binaryMagic)
    writer.string(document)
    writer.string(caseName)
    writer.string(kind.rawValue)
    writer.optionalString(title)
    writer.optionalString(date)
    writer.integer(characters)
    writer.integer(words)
    writer.integer(tokens)
    writer.integer(sentences)
    writer.map(attributes) { $0.string($1) }
    return writer.output
  }

  /// A record read from ``binaryForm()``; nil when the bytes are not such a form.
  public init?(binaryForm bytes: [UInt8]) {
    var reader = BinaryReader(bytes)
    guard reader.expect(Self.binaryMagic), let document = reader.string(), let caseName = reader.string(),
      let kind = reader.string().flatMap(DocumentKind.init(rawValue:)), let title = reader.optionalString(),
      let date = reader.optionalString(), let characters = reader.integer(), let words = reader.integer(),
      let tokens = reader.integer(), let sentences = reader.integer(), let attributes = reader.map({ $0.string() }),
      reader.atEnd
    else { return nil }
    self.init(
      document: document, caseName: caseName, kind: kind, title: title, date: date, characters: characters,
      words: words, tokens: tokens, sentences: sentences, attributes: attributes)
  }
}

/// A document's codings per code (`{"code": count}`) in the binary form the project store keeps
/// beside the JSON, read back by a run that reuses the document: a JSON decoder takes about
/// 24 µs for the counts of one document.
public enum CodeCountsForm {
  /// The first bytes of a form: the layout's name and version.
  static let magic = Array("kwal-counts-bin/1\n".utf8)

  /// The counts, sorted by code (the same counts give the same bytes).
  public static func encode(_ counts: [String: Int]) -> [UInt8] {
    var writer = BinaryWriter()
    writer.bytes(magic)
    writer.map(counts) { $0.integer($1) }
    return writer.output
  }

  /// Counts read from ``encode(_:)``'s bytes; nil when they are not such a form.
  public static func decode(_ bytes: [UInt8]) -> [String: Int]? {
    var reader = BinaryReader(bytes)
    guard reader.expect(magic), let counts = reader.map({ $0.integer() }), reader.atEnd else { return nil }
    return counts
  }
}
