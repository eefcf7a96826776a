public import GRDB

/// A researcher's decision on one coding or suggestion (table `review`): the latest decision on
/// a coding counts, earlier ones stay as its history. Decisions are keyed by document, span,
/// code and layer, not by run, so they hold through re-coding, shards and merges.
public struct StoredReview: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "review"
  public var id: Int64?
  /// `rule` (a coding of codings.csv) or `suggestion` (of suggestions.csv).
  public var layer: String
  public var document: String
  public var start: Int
  public var end: Int
  public var code: String
  /// `accept` or `reject`.
  public var decision: String
  public var reviewer: String
  public var created: String
  public var note: String

  public init(
    layer: String, document: String, start: Int, end: Int, code: String, decision: String, reviewer: String,
    created: String, note: String
  ) {
    self.layer = layer
    self.document = document
    self.start = start
    self.end = end
    self.code = code
    self.decision = decision
    self.reviewer = reviewer
    self.created = created
    self.note = note
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension ProjectStore {
  /// Adds decisions (in the order given: a later one on the same coding wins).
  public func addReviews(_ reviews: [StoredReview]) throws(StoreError) {
    try write { db in
      for var review in reviews { try review.insert(db) }
    }
  }

  /// Every decision, oldest first.
  public func reviews() throws(StoreError) -> [StoredReview] {
    try read { try StoredReview.order(Column("id")).fetchAll($0) }
  }
}
