public import KwalModel

/// Turns the records of a codings file (``CSVScanner``'s current record) into ``CodingRecord``s:
/// the columns found once from the header, repeated fields made into strings once.
struct CodingRowDecoder: Sendable {
  /// The number of columns of the header.
  let columns: Int
  let file: String
  let defaultCoder: String
  let document: Int
  let start: Int
  let end: Int
  let code: Int
  let caseColumn: Int?
  let unit: Int?
  let coder: Int?
  let rule: Int?
  let matched: Int?
  let text: Int?
  let speaker: Int?
  let role: Int?
  let page: Int?
  let timestamp: Int?
  let probability: Int?
  let codebookHash: Int?
  private var strings = StringInterner()
  private var ruleLists: [String: [String]] = [:]

  init(header: [String], file: String, defaultCoder: String, texts: Bool = true) throws(ExportError) {
    func required(_ name: String) throws(ExportError) -> Int { try CSVTable.column(name, in: header, file: file) }
    self.columns = header.count
    self.file = file
    self.defaultCoder = defaultCoder
    document = try required("document")
    start = try required("start")
    end = try required("end")
    code = try required("code")
    caseColumn = header.firstIndex(of: "case")
    unit = header.firstIndex(of: "unit")
    coder = header.firstIndex(of: "coder")
    rule = header.firstIndex(of: "rule")
    matched = texts ? header.firstIndex(of: "matched") : nil
    text = texts ? header.firstIndex(of: "text") : nil
    speaker = header.firstIndex(of: "speaker")
    role = header.firstIndex(of: "role")
    page = header.firstIndex(of: "page")
    timestamp = header.firstIndex(of: "timestamp")
    probability = header.firstIndex(of: "cue_probability") ?? header.firstIndex(of: "probability")
    codebookHash = header.firstIndex(of: "codebook_hash")
  }

  /// The field as a shared string (invalid UTF-8 is an error on the record's line).
  private mutating func shared(_ row: borrowing CSVScanner, _ column: Int) throws(ExportError) -> String {
    let value = row.withField(column) { strings.string($0) }
    guard let value else { throw row.error("not valid UTF-8 in column \(column + 1)", file: file) }
    return value
  }

  /// The field as a shared string, nil when the column is absent or the field empty.
  private mutating func optional(_ row: borrowing CSVScanner, _ column: Int?) throws(ExportError) -> String? {
    guard let column, !row.isEmpty(column) else { return nil }
    return try shared(row, column)
  }

  /// The field as its own string (for text that rarely repeats).
  private func own(_ row: borrowing CSVScanner, _ column: Int) throws(ExportError) -> String {
    guard let value = row.string(column) else {
      throw row.error("not valid UTF-8 in column \(column + 1)", file: file)
    }
    return value
  }

  /// The record's span, checked as every reader of codings checks it (and its document and code
  /// present).
  func span(_ row: borrowing CSVScanner) throws(ExportError) -> (start: Int, end: Int) {
    guard let startValue = row.integer(start), startValue >= 0 else {
      throw row.error("start \"\(try own(row, start))\" is not a non-negative integer", file: file)
    }
    guard let endValue = row.integer(end), endValue >= startValue else {
      throw row.error("end \"\(try own(row, end))\" is not an integer at or after start \(startValue)", file: file)
    }
    guard !row.isEmpty(document) else { throw row.error("empty document", file: file) }
    guard !row.isEmpty(code) else { throw row.error("empty code", file: file) }
    return (startValue, endValue)
  }

  // The values of the checked columns, as every reader of codings parses them.
  static func unitKind(_ value: String, _ row: borrowing CSVScanner, file: String) throws(ExportError) -> UnitKind {
    guard let kind = UnitKind(rawValue: value) else { throw row.error("unknown unit \"\(value)\"", file: file) }
    return kind
  }

  static func role(_ value: String, _ row: borrowing CSVScanner, file: String) throws(ExportError) -> SpeakerRole {
    guard let role = SpeakerRole(rawValue: value) else { throw row.error("unknown role \"\(value)\"", file: file) }
    return role
  }

  static func page(_ value: String, _ row: borrowing CSVScanner, file: String) throws(ExportError) -> Int {
    var bytes = value
    guard let page = bytes.withUTF8({ CSVScanner.integer($0) }), page >= 1 else {
      throw row.error("page \"\(value)\" is not a page number", file: file)
    }
    return page
  }

  static func probability(_ value: String, _ row: borrowing CSVScanner, file: String) throws(ExportError) -> Double {
    guard let parsed = Double(value), parsed >= 0, parsed <= 1 else {
      throw row.error("probability \"\(value)\" is not a number from 0 to 1", file: file)
    }
    return parsed
  }

  mutating func decode(_ row: borrowing CSVScanner) throws(ExportError) -> CodingRecord {
    let (startValue, endValue) = try span(row)
    var unitKind = UnitKind.segment
    if let name = try optional(row, unit) { unitKind = try Self.unitKind(name, row, file: file) }
    var words: [MatchedWord] = []
    if let matched, !row.isEmpty(matched) {
      words = try matchedWords(row, matched)
    }
    var rules: [String] = []
    if let list = try optional(row, rule) {
      if let cached = ruleLists[list] {
        rules = cached
      } else {
        rules = list.split(separator: "|").map(String.init)
        ruleLists[list] = rules
      }
    }
    var record = CodingRecord(
      document: try shared(row, document), caseName: try optional(row, caseColumn) ?? "", unit: unitKind,
      start: startValue, end: endValue, code: try shared(row, code),
      coder: try optional(row, coder) ?? defaultCoder, rules: rules, matched: words,
      text: try text.map { column throws(ExportError) in try own(row, column) } ?? "")
    record.speaker = try optional(row, speaker)
    record.codebookHash = try optional(row, codebookHash)
    if let value = try optional(row, role) { record.role = try Self.role(value, row, file: file) }
    if let page, !row.isEmpty(page) { record.page = try Self.page(try own(row, page), row, file: file) }
    record.timestamp = try optional(row, timestamp)
    if let probability, !row.isEmpty(probability) {
      record.cueProbability = try Self.probability(try own(row, probability), row, file: file)
    }
    return record
  }

  /// The matched words of a `matched` field: `word@start-end`, separated by `|` (a word may
  /// itself hold `@` or `-`: the last `@` and the `-` after it separate the offsets).
  private mutating func matchedWords(_ row: borrowing CSVScanner, _ column: Int) throws(ExportError)
    -> [MatchedWord]
  {
    let parsed: [MatchedWord]? = row.withField(column) { field in
      var words: [MatchedWord] = []
      var itemStart = 0
      while itemStart <= field.count {
        var itemEnd = itemStart
        while itemEnd < field.count && field[itemEnd] != 0x7C { itemEnd += 1 }
        defer { itemStart = itemEnd + 1 }
        if itemEnd == itemStart { continue }
        let item = UnsafeBufferPointer(rebasing: field[itemStart..<itemEnd])
        guard let at = item.lastIndex(of: 0x40),
          let dash = item[at...].firstIndex(of: 0x2D),
          let wordStart = CSVScanner.integer(UnsafeBufferPointer(rebasing: item[(at + 1)..<dash])),
          let wordEnd = CSVScanner.integer(UnsafeBufferPointer(rebasing: item[(dash + 1)...])),
          let word = strings.string(UnsafeBufferPointer(rebasing: item[..<at]))
        else { return nil }
        words.append(MatchedWord(word: word, start: wordStart, end: wordEnd))
      }
      return words
    }
    guard let parsed else {
      let value = try own(row, column)
      let bad = value.split(separator: "|").first { item in
        guard let at = item.lastIndex(of: "@"), let dash = item[at...].firstIndex(of: "-") else { return true }
        return Int(item[item.index(after: at)..<dash]) == nil || Int(item[item.index(after: dash)...]) == nil
      }
      throw row.error("matched word \"\(bad ?? Substring(value))\" is not word@start-end", file: file)
    }
    return parsed
  }
}
