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
    writer.integer(counts.count)
    for (code, count) in counts.sorted(by: { $0.key < $1.key }) {
      writer.string(code)
      writer.integer(count)
    }
    return writer.output
  }

  /// Counts read from ``encode(_:)``'s bytes; nil when they are not such a form.
  public static func decode(_ bytes: [UInt8]) -> [String: Int]? {
    var reader = BinaryReader(bytes)
    guard reader.expect(magic), let count = reader.count() else { return nil }
    var counts: [String: Int] = [:]
    counts.reserveCapacity(count)
    for _ in 0..<count {
      guard let code = reader.string(), let value = reader.integer() else { return nil }
      counts[code] = value
    }
    return reader.atEnd ? counts : nil
  }
}
