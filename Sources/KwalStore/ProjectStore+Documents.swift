internal import GRDB

extension ProjectStore {
  /// The ids of the documents of the last run, sorted.
  public func documentIDs() throws(StoreError) -> [String] {
    try read { try String.fetchAll($0, sql: "SELECT id FROM document ORDER BY id") }
  }

  /// The current coding blocks of these documents, by document.
  public func currentBlocks(of documents: [String]) throws(StoreError) -> [String: [StoredCodingBlock]] {
    try read { db in
      let blocks = try StoredCodingBlock.filter(documents.contains(Column("document")) && Column("to_run") == nil)
        .order(Column("document"), Column("layer")).fetchAll(db)
      return Dictionary(grouping: blocks, by: \.document)
    }
  }
}
