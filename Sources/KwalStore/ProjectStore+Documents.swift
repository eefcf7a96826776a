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
      let rows = try Self.withoutText(StoredDocument.filter(keys: ids)).fetchCursor(db)
      while let row = try rows.next() {
        let document = Self.documentWithoutText(row)
        result[document.id] = (document, row[Self.textBytesColumn])
      }
      return result
    }
  }

  /// The documents of the last run made by `kwalVersion` with another codebook than
  /// `codebookHash`, by id, without their text, with the UTF-8 length of each text: their input
  /// hash, codebook and rows are what an incremental run needs to code only their changed codes
  /// again.
  public func documentsCoded(
    otherThan codebookHash: String, kwalVersion: String
  ) throws(StoreError) -> [String: (document: StoredDocument, textBytes: Int)] {
    try read { db in
      let request = StoredDocument.filter(Column("codebook_hash") != codebookHash)
        .filter(Column("kwal_version") == kwalVersion)
      var result: [String: (document: StoredDocument, textBytes: Int)] = [:]
      let rows = try Self.withoutText(request).fetchCursor(db)
      while let row = try rows.next() {
        let document = Self.documentWithoutText(row)
        result[document.id] = (document, row[Self.textBytesColumn])
      }
      return result
    }
  }

  /// A row of ``withoutText(_:)`` read by position (its columns are listed there, in this order).
  private static func documentWithoutText(_ row: Row) -> StoredDocument {
    func range(_ offset: Int) -> Range<Int> {
      let start: Int = row[offset]
      let length: Int = row[offset + 1]
      return start..<(start + length)
    }
    return StoredDocument(
      id: row[0], inputHash: row[1], kind: row[2], caseName: row[3], record: row[4], text: "", codebookHash: row[6],
      kwalVersion: row[7], rows: DocumentRows(codings: range(8), units: range(10), suggestions: range(12)),
      codeCounts: row[14], suggestionCount: row[15], diagnostics: row[16], recordBinary: row[18],
      codeCountsBinary: row[19])
  }

  /// The position of `text_bytes` in a row of ``withoutText(_:)``.
  private static let textBytesColumn = 17

  /// `request`'s documents with an empty `text` and the text's UTF-8 length as `text_bytes`.
  private static func withoutText(_ request: QueryInterfaceRequest<StoredDocument>) -> QueryInterfaceRequest<Row> {
    request.select(
      sql: """
        id, input_hash, kind, case_name, record, '' AS text, codebook_hash, kwal_version, codings_offset,
        codings_length, units_offset, units_length, suggestions_offset, suggestions_length, code_counts,
        suggestion_count, diagnostics,
        text_bytes, record_bin, counts_bin
        """
    ).asRequest(of: Row.self)
  }
}
