/// The vocabulary of the texts one worker has seen: each surface form interned once, with its
/// normalised form and stem computed once per type, never per token.
///
/// Not thread-safe (it owns a libstemmer handle): give every worker its own.
public final class Lexicon {
  /// The normaliser used for ``normalized(_:)``.
  public let normalizer: Normalizer
  private var surfaces = ByteInterner(capacity: 4096)
  private var normalizedForms: [String] = []
  private var stems: [String] = []
  private var lowercaseForms: [String] = []
  private let stemmer: Stemmer?

  /// Creates a lexicon; `stemming: false` skips the stemmer (the stem is then the normalised form).
  public init(normalizer: Normalizer = Normalizer(), stemming: Bool = true) {
    self.normalizer = normalizer
    self.stemmer = stemming ? Stemmer(algorithm: "dutch") : nil
  }

  /// The number of distinct surface forms.
  public var typeCount: Int { surfaces.count }

  /// The type id of the surface form `bytes`, adding it (and its forms) when new.
  public func typeID(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
    let (id, isNew) = surfaces.intern(bytes)
    if isNew { addForms(bytes) }
    return id
  }

  /// Appends the type ids of `tokens` (ranges into `text`) to `types`, adding new types.
  public func appendTypeIDs(of tokens: [Token], in text: UnsafeBufferPointer<UInt8>, to types: inout [UInt32]) {
    // The interner is moved into a local while the loop runs: no exclusivity check per token.
    var interner = surfaces
    surfaces = ByteInterner(capacity: 0)
    defer { surfaces = interner }
    types.reserveCapacity(types.count + tokens.count)
    for token in tokens {
      let bytes = UnsafeBufferPointer(rebasing: text[token.range])
      let (id, isNew) = interner.intern(bytes)
      if isNew { addForms(bytes) }
      types.append(id)
    }
  }

  private func addForms(_ bytes: UnsafeBufferPointer<UInt8>) {
    let surface = String(decoding: bytes, as: UTF8.self)
    let lower = Normalizer.foldCase(surface)
    lowercaseForms.append(lower)
    normalizedForms.append(normalizer.normalize(surface))
    stems.append(stemmer.map { $0.stem(lower) } ?? lower)
  }

  /// The surface form of a type.
  public func surface(_ type: UInt32) -> String { surfaces.string(type) }
  /// The normalised form of a type (what codebook words are compared with).
  public func normalized(_ type: UInt32) -> String { normalizedForms[Int(type)] }
  /// The lowercase form of a type (the stemmer's input).
  public func lowercase(_ type: UInt32) -> String { lowercaseForms[Int(type)] }
  /// The Snowball stem of a type.
  public func stem(_ type: UInt32) -> String { stems[Int(type)] }

  /// The stem of an arbitrary word, as this lexicon stems.
  public func stem(of word: String) -> String {
    let lower = Normalizer.foldCase(word)
    return stemmer.map { $0.stem(lower) } ?? lower
  }
}
