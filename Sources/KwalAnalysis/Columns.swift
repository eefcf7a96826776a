internal import KwalModel

/// What the columns of a matrix are: a document property (`case`, `document`, `kind`, an
/// attribute such as `phase`) or a period of the document's date.
public enum ColumnKey: Sendable, Hashable, CustomStringConvertible {
  /// The document's case.
  case caseName
  /// The document itself.
  case document
  /// The document kind (interview, minutes, blog, document).
  case kind
  /// The date as written.
  case date
  /// The year of the date (`2023`).
  case year
  /// The quarter of the date (`2023-Q2`).
  case quarter
  /// The month of the date (`2023-04`).
  case month
  /// A manifest attribute (a column of documents.csv after the fixed ones).
  case attribute(String)

  /// Parses one key: `case`, `document`, `kind`, `date`, `date:year`, `date:quarter`,
  /// `date:month` or an attribute name.
  public init(parsing text: String) throws(AnalysisError) {
    switch text {
    case "case": self = .caseName
    case "document": self = .document
    case "kind": self = .kind
    case "date": self = .date
    case "date:year": self = .year
    case "date:quarter": self = .quarter
    case "date:month": self = .month
    case "":
      throw AnalysisError(.usage, "empty column key in --by")
    default:
      if text.hasPrefix("date:") {
        throw AnalysisError(.usage, "unknown period \"\(text)\" (use date:year, date:quarter or date:month)")
      }
      self = .attribute(text)
    }
  }

  /// Parses a comma-separated list of keys (`case,phase`).
  public static func parseList(_ text: String) throws(AnalysisError) -> [ColumnKey] {
    var keys: [ColumnKey] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      keys.append(try ColumnKey(parsing: part.trimmingSpaces()))
    }
    return keys
  }

  /// The key as written on the command line.
  public var description: String {
    switch self {
    case .caseName: return "case"
    case .document: return "document"
    case .kind: return "kind"
    case .date: return "date"
    case .year: return "date:year"
    case .quarter: return "date:quarter"
    case .month: return "date:month"
    case .attribute(let name): return name
    }
  }
}

extension Substring {
  /// The text without leading and trailing spaces.
  func trimmingSpaces() -> String {
    var text = self
    while text.first == " " { text.removeFirst() }
    while text.last == " " { text.removeLast() }
    return String(text)
  }
}

/// The value written for a document that has no value for a column key.
public let missingColumnValue = "(none)"

/// The column of every document for a list of keys; values of several keys are joined with `/`.
struct ColumnGrouping: Sendable {
  /// The column names, sorted.
  var names: [String]
  /// The column index of every document.
  var columnOfDocument: [Int]

  init(keys: [ColumnKey], input: PreparedInput, documentsFile: String) throws(AnalysisError) {
    try self.init(
      keys: keys, documents: input.documents, hasDocumentTable: input.hasDocumentTable, documentsFile: documentsFile)
  }

  /// The columns of `documents` (read from `documentsFile` when `hasDocumentTable`).
  init(keys: [ColumnKey], documents: [DocumentRecord], hasDocumentTable: Bool, documentsFile: String)
    throws(AnalysisError)
  {
    let attributeNames = Set(documents.flatMap { $0.attributes.keys })
    for key in keys {
      switch key {
      case .caseName: continue
      case .document: continue
      case .kind, .date, .year, .quarter, .month, .attribute:
        guard hasDocumentTable else {
          throw AnalysisError(
            .badData, "--by \(key) needs \(documentsFile), which the coding output does not have",
            at: SourceLocation(file: documentsFile))
        }
        if case .attribute(let name) = key, !attributeNames.contains(name) {
          let known = attributeNames.sorted().joined(separator: ", ")
          throw AnalysisError(
            .badData,
            "no attribute \"\(name)\" in the documents (known: case, document, kind, date, date:year, date:quarter, date:month\(known.isEmpty ? "" : ", " + known))",
            at: SourceLocation(file: documentsFile, line: 1))
        }
      }
    }
    var values: [String] = []
    values.reserveCapacity(documents.count)
    for (row, document) in documents.enumerated() {
      var parts: [String] = []
      for key in keys {
        parts.append(
          try ColumnGrouping.value(key, document, location: SourceLocation(file: documentsFile, line: row + 2)))
      }
      values.append(parts.joined(separator: "/"))
    }
    let names = Set(values).sorted()
    var index: [String: Int] = [:]
    for (position, name) in names.enumerated() { index[name] = position }
    self.names = names
    self.columnOfDocument = values.map { index[$0] ?? 0 }
  }

  static func value(_ key: ColumnKey, _ document: DocumentRecord, location: SourceLocation) throws(AnalysisError)
    -> String
  {
    func nonEmpty(_ text: String?) -> String { (text?.isEmpty ?? true) ? missingColumnValue : (text ?? "") }
    switch key {
    case .caseName: return nonEmpty(document.caseName)
    case .document: return document.document
    case .kind: return document.kind.rawValue
    case .date: return nonEmpty(document.date)
    case .attribute(let name): return nonEmpty(document.attributes[name])
    case .year, .quarter, .month:
      guard let date = document.date, !date.isEmpty else { return missingColumnValue }
      let parts = date.split(separator: "-", omittingEmptySubsequences: false)
      guard let yearText = parts.first, yearText.count == 4, let year = Int(yearText) else {
        throw AnalysisError(.badData, "date \"\(date)\" is not an ISO date (YYYY-MM-DD)", at: location)
      }
      if key == .year { return String(year) }
      guard parts.count >= 2 else { return missingColumnValue }
      let monthText = parts[1].prefix(2)
      guard monthText.count == 2, let month = Int(monthText), (1...12).contains(month) else {
        throw AnalysisError(.badData, "date \"\(date)\" has no valid month", at: location)
      }
      if key == .quarter { return "\(year)-Q\((month - 1) / 3 + 1)" }
      return "\(year)-\(monthText)"
    }
  }
}
