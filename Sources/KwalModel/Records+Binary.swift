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
    writer.integer(attributes.count)
    for (key, value) in attributes.sorted(by: { $0.key < $1.key }) {
      writer.string(key)
      writer.string(value)
    }
    return writer.output
  }

  /// A record read from ``binaryForm()``; nil when the bytes are not such a form.
  public init?(binaryForm bytes: [UInt8]) {
    var reader = BinaryReader(bytes)
    guard reader.expect(Self.binaryMagic), let document = reader.string(), let caseName = reader.string(),
      let kind = reader.string().flatMap(DocumentKind.init(rawValue:)), let title = reader.optionalString(),
      let date = reader.optionalString(), let characters = reader.integer(), let words = reader.integer(),
      let tokens = reader.integer(), let sentences = reader.integer(), let count = reader.count()
    else { return nil }
    var attributes: [String: String] = [:]
    for _ in 0..<count {
      guard let key = reader.string(), let value = reader.string() else { return nil }
      attributes[key] = value
    }
    guard reader.atEnd else { return nil }
    self.init(
      document: document, caseName: caseName, kind: kind, title: title, date: date, characters: characters,
      words: words, tokens: tokens, sentences: sentences, attributes: attributes)
  }
}
