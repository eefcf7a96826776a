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

  /// The stored documents with these ids, without their text (an empty `text`), and the UTF-8
  /// length of each text: what a run that reuses the documents' rows needs, without reading
  /// every text back.
  public func documentsWithoutText(_ ids: [String]) throws(StoreError) -> [String: (
    document: StoredDocument, textBytes: Int
  )] {
    try read { db in
      var result: [String: (document: StoredDocument, textBytes: Int)] = [:]
      let request = StoredDocument.filter(keys: ids).select(
        sql: """
          id, input_hash, kind, case_name, record, '' AS text, codebook_hash, kwal_version, codings_offset,
          codings_length, units_offset, units_length, suggestions_offset, suggestions_length, code_counts,
          suggestion_count, diagnostics, length(CAST(text AS BLOB)) AS text_bytes
          """
      ).asRequest(of: Row.self)
      for row in try request.fetchAll(db) {
        let document = try StoredDocument(row: row)
        result[document.id] = (document, row["text_bytes"])
      }
      return result
    }
  }
}
