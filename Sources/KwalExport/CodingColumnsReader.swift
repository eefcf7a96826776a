public import Foundation
public import KwalAnalysis
public import KwalModel

extension CodingFiles {
  /// The codings of a codings CSV file as columns (document, code, coder, unit, rules, start,
  /// end; the case of each document), for analyses that count codings without showing them.
  /// Every field is checked as ``readCodings(_:defaultCoder:texts:)`` checks it without texts,
  /// so a file one command refuses is refused by all; no record or string is made per coding.
  /// A file without a `coder` column has one coder, `defaultCoder` (by default the file's name
  /// without extension, as ``readCodings(_:defaultCoder:texts:)`` names it).
  public static func readColumns(_ url: URL, defaultCoder: String? = nil) throws(ExportError) -> CodingColumns {
    try columns(
      csv: try CSVScanner.contents(of: url), file: url.path, showing: nil,
      defaultCoder: defaultCoder ?? url.deletingPathExtension().lastPathComponent
    ).columns
  }

  /// The codings of CSV bytes with a header row as columns (see ``readColumns(_:defaultCoder:)``);
  /// `file` names it in errors. The bytes are read in one piece per core.
  public static func columns(csv data: Data, file: String, defaultCoder: String = "") throws(ExportError)
    -> CodingColumns
  {
    try columns(csv: data, file: file, showing: nil, defaultCoder: defaultCoder).columns
  }

  /// The codings of `url` as columns, and in the same pass the whole records of the codings of
  /// the codes in `showing` (an analysis that counts all codings and shows some), with the
  /// index of each among all codings.
  public static func readColumns(_ url: URL, showing: Set<String>, defaultCoder: String? = nil) throws(ExportError)
    -> (columns: CodingColumns, shown: [CodingRecord], rows: [Int])
  {
    try columns(
      csv: try CSVScanner.contents(of: url), file: url.path, showing: showing,
      defaultCoder: defaultCoder ?? url.deletingPathExtension().lastPathComponent)
  }

  static func columns(csv data: Data, file: String, showing: Set<String>?, defaultCoder: String) throws(ExportError)
    -> (columns: CodingColumns, shown: [CodingRecord], rows: [Int])
  {
    var (_, parts) = try CSVScanner.readPieces(
      data, file: file,
      prepare: { (header) throws(ExportError) in
        try ColumnRowReader(header: header, file: file, showing: showing, defaultCoder: defaultCoder)
      }
    ) { (scanner: inout CSVScanner, reader: ColumnRowReader) throws(ExportError) -> ColumnRowReader.Part in
      var reader = reader
      // Room for the piece's rows at once, estimated from its first rows (growing the columns
      // by doubling would hold up to twice their size, and copy them each time).
      var rows = 0
      while try scanner.nextRow(file: file, columns: reader.columns) {
        try reader.read(scanner)
        rows += 1
        if rows == 1024 { reader.reserve(Int(Double(scanner.bytes.count) / Double(scanner.position) * 1.05 * 1024)) }
      }
      return reader.finished()
    }
    guard !parts.isEmpty else { return (CodingColumns(), [], []) }
    var result = parts[0]
    parts[0] = ColumnRowReader.Part()
    // The pieces' columns are copied once into columns of their total size.
    result.columns.reserve(parts.reduce(result.columns.count) { $0 + $1.columns.count })
    for index in parts.indices.dropFirst() {
      let offset = result.columns.count
      result.columns.append(parts[index].columns)
      result.shown += parts[index].shown
      result.rows += parts[index].rows.map { $0 + offset }
      parts[index] = ColumnRowReader.Part()
    }
    return (result.columns, result.shown, result.rows)
  }
}

/// The values of one column made into numbers, the last one kept at hand: rows of one document
/// repeat most of their fields, so most look-ups are one comparison.
private struct RepeatingColumn: Sendable {
  var strings = StringInterner()
  private var last: [UInt8] = []
  private var lastEntry = -1

  /// The number of `bytes`' value, or nil when they are not UTF-8.
  mutating func entry(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    if lastEntry >= 0, bytes.count == last.count,
      last.withUnsafeBufferPointer({ kept in
        guard let a = kept.baseAddress, let b = bytes.baseAddress else { return true }
        return memcmp(a, b, bytes.count) == 0
      })
    {
      return lastEntry
    }
    guard let entry = strings.entry(bytes) else { return nil }
    last.removeAll(keepingCapacity: true)
    last.append(contentsOf: bytes)
    lastEntry = entry
    return entry
  }
}

/// Reads the rows of one piece of a codings file into columns, checking each field.
struct ColumnRowReader: Sendable {
  let columns: Int
  let file: String
  let document: Int
  let code: Int
  let coderColumn: Int?
  let ruleColumn: Int?
  let unitColumn: Int?
  let defaultCoder: String
  /// Checked, not kept: (column, what a value must be).
  let checked: [(column: Int, kind: Kind)]

  enum Kind {
    case text
    case role
    case page
    case probability
  }

  private var documents = RepeatingColumn()
  private var codes = RepeatingColumn()
  private var cases = RepeatingColumn()
  private var coders = RepeatingColumn()
  private var defaultCoderEntry: Int?
  private var ruleValues = RepeatingColumn()
  private var unitValues = RepeatingColumn()
  /// The unit kind of each value number of the unit column.
  private var unitOfEntry: [UnitKind] = []
  private var others: [RepeatingColumn]
  /// Per value number of a checked column: whether it was found valid (values are checked once).
  private var valid: [[Bool]]
  private var caseColumn: Int?
  private var result = CodingColumns()
  /// The codes whose codings are decoded whole, with the decoder, and per code number whether
  /// it is one of them.
  private let showing: Set<String>?
  private var decoder: CodingRowDecoder
  private var shownCodes: [Bool] = []
  private var shown: [CodingRecord] = []
  private var shownRows: [Int] = []

  /// What a piece gives: its columns, and the shown records with their rows in the piece.
  struct Part: Sendable {
    var columns = CodingColumns()
    var shown: [CodingRecord] = []
    var rows: [Int] = []
  }

  init(header: [String], file: String, showing: Set<String>?, defaultCoder: String) throws(ExportError) {
    self.showing = showing
    decoder = try CodingRowDecoder(header: header, file: file, defaultCoder: defaultCoder)
    func required(_ name: String) throws(ExportError) -> Int { try CSVTable.column(name, in: header, file: file) }
    columns = header.count
    self.file = file
    document = try required("document")
    code = try required("code")
    caseColumn = header.firstIndex(of: "case")
    coderColumn = header.firstIndex(of: "coder")
    ruleColumn = header.firstIndex(of: "rule")
    unitColumn = header.firstIndex(of: "unit")
    self.defaultCoder = defaultCoder
    var checked: [(Int, Kind)] = []
    for name in ["speaker", "timestamp", "codebook_hash"] {
      if let column = header.firstIndex(of: name) { checked.append((column, .text)) }
    }
    if let column = header.firstIndex(of: "role") { checked.append((column, .role)) }
    if let column = header.firstIndex(of: "page") { checked.append((column, .page)) }
    if let column = header.firstIndex(of: "cue_probability") ?? header.firstIndex(of: "probability") {
      checked.append((column, .probability))
    }
    self.checked = checked
    others = Array(repeating: RepeatingColumn(), count: checked.count)
    valid = Array(repeating: [], count: checked.count)
  }

  mutating func read(_ row: borrowing CSVScanner) throws(ExportError) {
    let span = try readSpan(row)
    if showing != nil, shownCodes[Int(span.code)] {
      shownRows.append(result.count)
      shown.append(try decoder.decode(row))
    }
    result.document.append(span.document)
    result.code.append(span.code)
    result.start.append(span.start)
    result.end.append(span.end)
    result.coder.append(span.coder)
    result.unit.append(span.unit)
    result.rules.append(span.rules)
  }

  /// Reads and checks every field of a row, numbering its document, code, coder and rules (new
  /// documents and codes are added to the distinct ids of ``columns``), without keeping the row.
  mutating func readSpan(_ row: borrowing CSVScanner) throws(ExportError) -> (
    document: Int32, code: Int32, start: Int, end: Int, coder: Int32, unit: UnitKind, rules: Int32
  ) {
    let (startValue, endValue) = try decoder.span(row)
    guard let documentNumber = row.withField(document, { documents.entry($0) }) else {
      throw row.error("not valid UTF-8 in column \(document + 1)", file: file)
    }
    guard let codeNumber = row.withField(code, { codes.entry($0) }) else {
      throw row.error("not valid UTF-8 in column \(code + 1)", file: file)
    }
    var caseName = ""
    if let caseColumn, !row.isEmpty(caseColumn) {
      guard let entry = row.withField(caseColumn, { cases.entry($0) }) else {
        throw row.error("not valid UTF-8 in column \(caseColumn + 1)", file: file)
      }
      if documentNumber == result.documentIDs.count { caseName = cases.strings.all[entry] }
    }
    for index in checked.indices where !row.isEmpty(checked[index].column) {
      let column = checked[index].column
      guard let entry = row.withField(column, { others[index].entry($0) }) else {
        throw row.error("not valid UTF-8 in column \(column + 1)", file: file)
      }
      if entry < valid[index].count { continue }
      let value = others[index].strings.all[entry]
      switch checked[index].kind {
      case .text: break
      case .role: _ = try CodingRowDecoder.role(value, row, file: file)
      case .page: _ = try CodingRowDecoder.page(value, row, file: file)
      case .probability: _ = try CodingRowDecoder.probability(value, row, file: file)
      }
      valid[index].append(true)
    }
    if documentNumber == result.documentIDs.count {
      result.documentIDs.append(documents.strings.all[documentNumber])
      result.caseOfDocument.append(caseName)
    }
    if codeNumber == result.codeIDs.count {
      result.codeIDs.append(codes.strings.all[codeNumber])
      if let showing { shownCodes.append(showing.contains(codes.strings.all[codeNumber])) }
    }
    return (
      Int32(documentNumber), Int32(codeNumber), startValue, endValue, Int32(try coderNumber(row)),
      try unitKind(row), Int32(try ruleNumber(row))
    )
  }

  /// The distinct documents and codes read so far (``readSpan(_:)``'s numbers index them).
  var distinct: (documentIDs: [String], caseOfDocument: [String], codeIDs: [String]) {
    (result.documentIDs, result.caseOfDocument, result.codeIDs)
  }

  /// The number of the record's coder (the default coder when the field is empty or absent).
  private mutating func coderNumber(_ row: borrowing CSVScanner) throws(ExportError) -> Int {
    if let coderColumn, !row.isEmpty(coderColumn) {
      guard let entry = row.withField(coderColumn, { coders.entry($0) }) else {
        throw row.error("not valid UTF-8 in column \(coderColumn + 1)", file: file)
      }
      return entry
    }
    if let defaultCoderEntry { return defaultCoderEntry }
    var name = defaultCoder
    let entry = name.withUTF8 { coders.strings.entry($0) } ?? 0
    defaultCoderEntry = entry
    return entry
  }

  /// The record's unit kind (a segment when the field is empty or absent).
  private mutating func unitKind(_ row: borrowing CSVScanner) throws(ExportError) -> UnitKind {
    guard let unitColumn, !row.isEmpty(unitColumn) else { return .segment }
    guard let entry = row.withField(unitColumn, { unitValues.entry($0) }) else {
      throw row.error("not valid UTF-8 in column \(unitColumn + 1)", file: file)
    }
    if entry == unitOfEntry.count {
      unitOfEntry.append(try CodingRowDecoder.unitKind(unitValues.strings.all[entry], row, file: file))
    }
    return unitOfEntry[entry]
  }

  /// The number of the record's list of rules: 0 for none, else its value's number plus one.
  private mutating func ruleNumber(_ row: borrowing CSVScanner) throws(ExportError) -> Int {
    guard let ruleColumn, !row.isEmpty(ruleColumn) else { return 0 }
    guard let entry = row.withField(ruleColumn, { ruleValues.entry($0) }) else {
      throw row.error("not valid UTF-8 in column \(ruleColumn + 1)", file: file)
    }
    return entry + 1
  }

  /// Makes room for `count` rows in the columns.
  mutating func reserve(_ count: Int) { result.reserve(count) }

  /// The columns read, and the shown records.
  mutating func finished() -> Part {
    result.coderIDs = coders.strings.all
    result.ruleLists = [[]] + ruleValues.strings.all.map { $0.split(separator: "|").map(String.init) }
    let done = Part(columns: result, shown: shown, rows: shownRows)
    result = CodingColumns()
    shown = []
    shownRows = []
    return done
  }
}
