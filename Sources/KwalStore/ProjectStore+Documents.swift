internal import GRDB

extension ProjectStore {
  /// The ids of the documents of the last run, sorted.
  public func documentIDs() throws(StoreError) -> [String] {
    try read { try String.fetchAll($0, sql: "SELECT id FROM document ORDER BY id") }
  }

  /// The codings of the last run of these documents, by document.
  public func currentCodings(of documents: [String]) throws(StoreError) -> [String: [StoredCoding]] {
    try read { db in
      let codings = try StoredCoding.filter(documents.contains(Column("document")) && Column("to_run") == nil)
        .order(Column("document"), Column("start"), Column("end"), Column("code"), Column("coder"))
        .fetchAll(db)
      return Dictionary(grouping: codings, by: \.document)
    }
  }
}
