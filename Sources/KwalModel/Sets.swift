/// A named group of codes, as a REFI-QDA `<Set>` of `<MemberCode>`s (a code group in ATLAS.ti,
/// a code set in MAXQDA and NVivo). Kept in the codebook under `sets:`.
public struct CodeSet: Sendable, Hashable, Codable {
  /// The set's name, unique in the codebook.
  public var name: String
  /// What the set is for.
  public var description: String?
  /// The ids of its codes, in the order the set lists them.
  public var codes: [String]

  /// Creates a code set.
  public init(name: String, description: String? = nil, codes: [String] = []) {
    self.name = name
    self.description = description
    self.codes = codes
  }
}

/// A named group of documents, as a REFI-QDA `<Set>` of `<MemberSource>`s (a document group or
/// set). Kept in the corpus manifest under `sets:`.
public struct DocumentSet: Sendable, Hashable {
  /// The set's name, unique in the manifest.
  public var name: String
  /// What the set is for.
  public var description: String?
  /// The ids of its documents, in the order the set lists them.
  public var documents: [String]

  /// Creates a document set.
  public init(name: String, description: String? = nil, documents: [String] = []) {
    self.name = name
    self.description = description
    self.documents = documents
  }
}
