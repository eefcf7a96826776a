internal import Dispatch
public import Foundation
public import KwalModel
public import KwalAnalysis
internal import Synchronization

/// The files of a coding output folder (`kwal code … --out DIR`), as CSV tables.
///
/// - `codings.csv`: `document,case,unit,start,end,code,coder,rule,matched,text`
///   (several rule ids and matched words are separated by `|`; a matched word is
///   `word@start-end`);
/// - `documents.csv`: `document,case,kind,title,date,characters,words,tokens,sentences`, then one
///   column per attribute (sorted by name);
/// - `units.csv`: `document,unit,start,end,speaker,role`.
///
/// Offsets are Unicode scalar offsets, 0-based, end exclusive.
public enum CodingFiles {
  /// The columns of `codings.csv`, in order.
  public static let codingColumns = [
    "document", "case", "unit", "start", "end", "code", "coder", "rule", "matched", "text", "speaker", "role", "page",
    "timestamp", "cue_probability", "codebook_hash",
  ]
  /// The columns of `suggestions.csv`: those of `codings.csv`, then the suggestion's probability
  /// and the cue words that weighed most (content words, `|` between them).
  public static let suggestionColumns = codingColumns + ["probability", "cues"]
  /// The first fields of every row of one document: its `document` field alone (units.csv rows
  /// start with it) and `document,case` (codings and suggestions rows).
  public static func leadingFields(document: String, caseName: String) -> (document: [UInt8], leading: [UInt8]) {
    var leading: [UInt8] = []
    CSVTable.appendField(document, to: &leading)
    let documentField = leading
    leading.append(0x2C)
    CSVTable.appendField(caseName, to: &leading)
    return (documentField, leading)
  }

  /// Ends a suggestions row after its coding columns: `,probability,cues` and the line end.
  public static func appendSuggestionTail(
    probability: Double?, cues: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]
  ) {
    bytes.append(0x2C)
    if let probability { CodingPlace.appendProbability(probability, to: &bytes) }
    bytes.append(0x2C)
    CSVTable.appendField(utf8: cues, to: &bytes)
    bytes.append(0x0A)
  }

  /// The file of the learned cues' suggestions in an output folder.
  public static let suggestionsFile = "suggestions.csv"
  /// The fixed columns of `documents.csv`, in order (attribute columns follow).
  public static let documentColumns = [
    "document", "case", "kind", "title", "date", "characters", "words", "tokens", "sentences",
  ]
  /// The columns of `units.csv`, in order.
  public static let unitColumns = ["document", "unit", "start", "end", "speaker", "role"]

  // MARK: Writing

  /// The whole `codings.csv` for `codings`: header and rows, sorted in output order first unless
  /// the caller says they already are.
  public static func codingsCSV(_ codings: [CodingRecord], presorted: Bool = false) -> Data {
    var bytes = Array((codingColumns.joined(separator: ",") + "\n").utf8)
    appendCodingRows(presorted ? codings : codings.sorted(by: CodingRecord.outputOrder), to: &bytes)
    return Data(bytes)
  }

  /// Appends the `codings.csv` rows of `codings` (no header), in the order given; fields are
  /// quoted as ``CSVTable`` quotes them.
  public static func appendCodingRows(_ codings: [CodingRecord], to bytes: inout [UInt8]) {
    // Rows of one document repeat its first fields: encode them once.
    var document = RepeatedField()
    var caseName = RepeatedField()
    var coder = RepeatedField()
    var hash = RepeatedField()
    var encodedHash: [UInt8] = []
    var leading: [UInt8] = []
    var encodedCoder: [UInt8] = []
    var rules: [UInt8] = []
    var matched: [UInt8] = []
    for coding in codings {
      leading.removeAll(keepingCapacity: true)
      document.append(coding.document, to: &leading)
      leading.append(0x2C)
      caseName.append(coding.caseName, to: &leading)
      encodedCoder.removeAll(keepingCapacity: true)
      coder.append(coding.coder, to: &encodedCoder)
      encodedHash.removeAll(keepingCapacity: true)
      if let codebookHash = coding.codebookHash { hash.append(codebookHash, to: &encodedHash) }
      matched.removeAll(keepingCapacity: true)
      for word in coding.matched {
        var text = word.word
        text.withUTF8 { appendMatchedWord($0, start: word.start, end: word.end, to: &matched) }
      }
      rules.removeAll(keepingCapacity: true)
      for rule in coding.rules {
        var id = rule
        id.withUTF8 { appendRuleID($0, to: &rules) }
      }
      var code = coding.code
      var text = coding.text
      code.withUTF8 { code in
        rules.withUnsafeBufferPointer { rules in
          text.withUTF8 { text in
            matched.withUnsafeBufferPointer { matched in
              appendCodingRow(
                leading: leading, unit: coding.unit, start: coding.start, end: coding.end, code: code,
                coder: encodedCoder, rules: rules, matched: matched, text: text,
                place: CodingPlace(
                  speaker: coding.speaker, role: coding.role, page: coding.page, timestamp: coding.timestamp,
                  cueProbability: coding.cueProbability),
                codebookHash: encodedHash, to: &bytes)
            }
          }
        }
      }
    }
  }

  /// Appends one `codings.csv` row: `leading` holds the encoded `document,case` fields and
  /// `coder` the encoded coder (both repeat from row to row), `codebookHash` the encoded
  /// `codebook_hash` field (empty for human codings); `code`, `rules` (ids joined by
  /// `|`), `matched` (see ``appendMatchedWord(_:start:end:to:)``) and `text` are raw UTF-8,
  /// quoted here as needed. For writers that hold codings without strings (`kwal code`).
  public static func appendCodingRow(
    leading: [UInt8], unit: UnitKind, start: Int, end: Int, code: UnsafeBufferPointer<UInt8>, coder: [UInt8],
    rules: UnsafeBufferPointer<UInt8>, matched: UnsafeBufferPointer<UInt8>, text: UnsafeBufferPointer<UInt8>,
    place: CodingPlace, codebookHash: [UInt8] = [], endingRow: Bool = true, to bytes: inout [UInt8]
  ) {
    // All but the text through one scratch row (the text, often long, is copied once below).
    let capacity =
      leading.count + coder.count + RowWriter.maximum(field: code.count) + RowWriter.maximum(field: rules.count)
      + RowWriter.maximum(field: matched.count) + 2 * RowWriter.maximumInteger + 32
    RowWriter.append(to: &bytes, capacity: capacity) { row in
      leading.withUnsafeBufferPointer { row.put($0) }
      row.put(separated(unit))
      row.put(integer: start)
      row.put(0x2C)
      row.put(integer: end)
      row.put(0x2C)
      row.put(field: code)
      row.put(0x2C)
      coder.withUnsafeBufferPointer { row.put($0) }
      row.put(0x2C)
      row.put(field: rules)
      row.put(0x2C)
      row.put(field: matched)
      row.put(0x2C)
    }
    CSVTable.appendField(utf8: text, to: &bytes)
    place.append(to: &bytes)
    bytes.append(0x2C)
    bytes.append(contentsOf: codebookHash)
    if endingRow { bytes.append(0x0A) }
  }

  /// Appends one rule id to the raw (unquoted) `rule` field, after a `|` unless it is the first.
  public static func appendRuleID(_ id: UnsafeBufferPointer<UInt8>, to rules: inout [UInt8]) {
    if !rules.isEmpty { rules.append(0x7C) }
    rules.append(contentsOf: id)
  }

  /// Appends one matched word to the raw (unquoted) `matched` field: `word@start-end`, after a
  /// `|` unless it is the first.
  public static func appendMatchedWord(
    _ word: UnsafeBufferPointer<UInt8>, start: Int, end: Int, to matched: inout [UInt8]
  ) {
    if !matched.isEmpty { matched.append(0x7C) }
    matched.append(contentsOf: word)
    matched.append(0x40)
    CSVTable.appendInteger(start, to: &matched)
    matched.append(0x2D)
    CSVTable.appendInteger(end, to: &matched)
  }

  /// Encodes a field as ``CSVTable`` does (for fields that repeat from row to row).
  public static func encodedField(_ field: String) -> [UInt8] {
    var bytes: [UInt8] = []
    CSVTable.appendField(field, to: &bytes)
    return bytes
  }

  /// Appends the `units.csv` rows of `units` (no header), sorted as ``unitsCSV(_:)`` sorts them
  /// unless the caller says they already are.
  public static func appendUnitRows(_ units: [UnitRecord], presorted: Bool = false, to bytes: inout [UInt8]) {
    var document = RepeatedField()
    for unit in presorted ? units : sortedUnits(units) {
      document.append(unit.document, to: &bytes)
      appendUnitRowAfterDocument(
        unit: unit.unit, start: unit.start, end: unit.end, speaker: unit.speaker, role: unit.role, to: &bytes)
    }
  }

  /// Appends a `units.csv` row after its `document` field (which the caller has written,
  /// usually once encoded for all the rows of a document): `,unit,start,end,speaker,role` and
  /// the line break.
  public static func appendUnitRowAfterDocument(
    unit: UnitKind, start: Int, end: Int, speaker: String?, role: SpeakerRole?, to bytes: inout [UInt8]
  ) {
    var speaker = speaker
    let capacity = RowWriter.maximum(field: speaker?.utf8.count ?? 0) + 2 * RowWriter.maximumInteger + 48
    RowWriter.append(to: &bytes, capacity: capacity) { row in
      row.put(separated(unit))
      row.put(integer: start)
      row.put(0x2C)
      row.put(integer: end)
      row.put(0x2C)
      speaker?.withUTF8 { row.put(field: $0) }
      row.put(lastField(role))
    }
  }

  /// A unit kind's raw value between commas (no string made per row).
  static func separated(_ kind: UnitKind) -> StaticString {
    switch kind {
    case .sentence: return ",sentence,"
    case .paragraph: return ",paragraph,"
    case .turn: return ",turn,"
    case .agendaItem: return ",agenda-item,"
    case .document: return ",document,"
    case .segment: return ",segment,"
    }
  }

  /// The `role` field of `units.csv` after its comma, with the line break.
  static func lastField(_ role: SpeakerRole?) -> StaticString {
    switch role {
    case .interviewer: return ",interviewer\n"
    case .respondent: return ",respondent\n"
    case .chair: return ",chair\n"
    case .member: return ",member\n"
    case .minister: return ",minister\n"
    case .executive: return ",executive\n"
    case nil: return ",\n"
    }
  }

  /// A field that usually repeats from row to row: its CSV encoding is kept until it changes.
  /// Compared byte for byte: `==` on strings holds canonically equivalent spellings (composed
  /// and decomposed `é`) equal, and each row must keep the bytes of its own field.
  private struct RepeatedField {
    private var value: String?
    private var encoded: [UInt8] = []

    /// Whether two strings have the same UTF-8 bytes (one `memcmp`, not a scalar-wise compare).
    static func sameBytes(_ lhs: String, _ rhs: String) -> Bool {
      guard lhs.utf8.count == rhs.utf8.count else { return false }
      var lhs = lhs
      var rhs = rhs
      return lhs.withUTF8 { left in
        rhs.withUTF8 { right in
          guard let a = left.baseAddress, let b = right.baseAddress else { return left.count == right.count }
          return memcmp(a, b, left.count) == 0
        }
      }
    }

    mutating func append(_ field: String, to bytes: inout [UInt8]) {
      if !(value.map { Self.sameBytes($0, field) } ?? false) {
        value = field
        encoded.removeAll(keepingCapacity: true)
        CSVTable.appendField(field, to: &encoded)
      }
      bytes.append(contentsOf: encoded)
    }
  }

  /// The whole `documents.csv` for `documents`: the fixed columns, then every attribute a
  /// document has, sorted by name; rows by document id (see ``DocumentTable``).
  public static func documentsCSV(_ documents: [DocumentRecord]) -> Data {
    var table = DocumentTable()
    for document in documents { table.append(document) }
    var data = Data()
    table.write { piece in data.append(piece) }
    return data
  }

  /// The whole `units.csv` for `units`: header and rows, sorted by document, start, longer first
  /// and kind.
  public static func unitsCSV(_ units: [UnitRecord]) -> Data {
    var bytes = Array((unitColumns.joined(separator: ",") + "\n").utf8)
    appendUnitRows(units, to: &bytes)
    return Data(bytes)
  }

  /// Units in file order: by document, start, longer first, then kind.
  static func sortedUnits(_ units: [UnitRecord]) -> [UnitRecord] {
    units.sorted { lhs, rhs in
      if lhs.document != rhs.document { return lhs.document < rhs.document }
      if lhs.start != rhs.start { return lhs.start < rhs.start }
      if lhs.end != rhs.end { return lhs.end > rhs.end }
      return lhs.unit.rawValue < rhs.unit.rawValue
    }
  }

  // MARK: Reading

  /// Reads a `codings.csv` (Kwal's own, a human coder's, or an import's).
  ///
  /// Required columns: `document,start,end,code`; `case`, `unit`, `coder`, `rule`, `matched` and
  /// `text` are optional (a missing `coder` column is `defaultCoder`). Errors name the file and line.
  /// Without `texts`, the coded text and the matched words are left empty (what counting
  /// analyses do not need and a million codings spend most of their reading time on).
  public static func readCodings(_ url: URL, defaultCoder: String? = nil, texts: Bool = true) throws(ExportError)
    -> [CodingRecord]
  {
    try codings(
      csv: try CSVScanner.contents(of: url), file: url.path,
      defaultCoder: defaultCoder ?? url.deletingPathExtension().lastPathComponent, texts: texts)
  }

  /// Where a coding lies and what it codes: enough to find it again in its file.
  public typealias CodingAddress = KwalModel.CodingAddress

  /// The whole records (texts and matched words included) of the codings of `url` at
  /// `addresses`, in file order: a second, cheap pass for the few codings a reader shows after
  /// counting all of them without their texts. Rows at other starts are scanned, not decoded.
  public static func readCodings(_ url: URL, defaultCoder: String? = nil, at addresses: Set<CodingAddress>)
    throws(ExportError) -> [CodingRecord]
  {
    try codings(
      csv: try CSVScanner.contents(of: url), file: url.path,
      defaultCoder: defaultCoder ?? url.deletingPathExtension().lastPathComponent, texts: true,
      only: addresses)
  }

  /// Decodes the codings of CSV bytes with a header row; `file` names it in errors.
  ///
  /// The bytes are read with ``CSVScanner`` in one piece per core; fields that repeat from row to
  /// row (documents, cases, codes, coders, rule ids, matched words) become one shared string each,
  /// so a file of a million codings makes a million strings for its texts and few others.
  /// `only`, when given, keeps the codings at those addresses (other rows are checked for their
  /// number of fields, not decoded).
  public static func codings(
    csv data: Data, file: String, defaultCoder: String, texts: Bool = true, only: Set<CodingAddress>? = nil
  ) throws(ExportError) -> [CodingRecord] {
    let starts = only.map { Set($0.map(\.start)) }
    var (_, parts) = try CSVScanner.readPieces(
      data, file: file,
      prepare: { (header) throws(ExportError) in
        try CodingRowDecoder(header: header, file: file, defaultCoder: defaultCoder, texts: texts)
      }
    ) { (scanner: inout CSVScanner, decoder: CodingRowDecoder) throws(ExportError) -> [CodingRecord] in
      var decoder = decoder
      var result: [CodingRecord] = []
      while try scanner.nextRow(file: file, columns: decoder.columns) {
        if let starts, let only {
          guard let start = scanner.integer(decoder.start), starts.contains(start) else { continue }
          let record = try decoder.decode(scanner)
          if only.contains(CodingAddress(record)) { result.append(record) }
        } else {
          result.append(try decoder.decode(scanner))
        }
      }
      return result
    }
    return CSVScanner.joined(&parts)
  }

  /// Reads a `documents.csv`.
  public static func readDocuments(_ url: URL) throws(ExportError) -> [DocumentRecord] {
    let table = try CSVTable.read(url)
    let file = url.path
    var indices: [Int] = []
    for name in ["document", "case", "kind"] { indices.append(try table.column(name, file: file)) }
    let fixed = Set(documentColumns)
    let attributeColumns = table.header.enumerated().filter { !fixed.contains($0.element) }
    func optional(_ name: String, _ row: [String]) -> String? {
      guard let index = table.header.firstIndex(of: name), !row[index].isEmpty else { return nil }
      return row[index]
    }
    var result: [DocumentRecord] = []
    for (index, row) in table.rows.enumerated() {
      let location = SourceLocation(file: file, line: index + 2)
      guard let kind = DocumentKind(rawValue: row[indices[2]]) else {
        throw ExportError(.badData, "unknown document kind \"\(row[indices[2]])\"", at: location)
      }
      func number(_ name: String) throws(ExportError) -> Int {
        guard let text = optional(name, row) else { return 0 }
        guard let value = Int(text) else {
          throw ExportError(.badData, "\(name) \"\(text)\" is not an integer", at: location)
        }
        return value
      }
      var attributes: [String: String] = [:]
      for (column, name) in attributeColumns where !row[column].isEmpty { attributes[name] = row[column] }
      result.append(
        DocumentRecord(
          document: row[indices[0]], caseName: row[indices[1]], kind: kind, title: optional("title", row),
          date: optional("date", row), characters: try number("characters"), words: try number("words"),
          tokens: try number("tokens"), sentences: try number("sentences"), attributes: attributes))
    }
    return result
  }

  /// Reads a `units.csv`.
  /// `kinds`: when given, only units of these kinds are kept (the others are scanned, not decoded).
  public static func readUnits(_ url: URL, kinds: Set<UnitKind>? = nil) throws(ExportError) -> [UnitRecord] {
    try units(csv: try CSVScanner.contents(of: url), file: url.path, kinds: kinds)
  }

  /// The units of a `units.csv` file's bytes, read in pieces on every core; document names and
  /// speakers are made into strings once.
  /// The units of `kind` of a units CSV file as columns (see ``KwalAnalysis/UnitSpans``): every
  /// row is checked as ``readUnits(_:kinds:)`` checks it, so a file one refuses the other refuses.
  public static func readUnitSpans(_ url: URL, kind: UnitKind) throws(ExportError) -> UnitSpans {
    try unitSpans(csv: try CSVScanner.contents(of: url), file: url.path, kind: kind)
  }

  /// The units of `kind` of CSV bytes with a header row as columns; `file` names it in errors.
  public static func unitSpans(csv data: Data, file: String, kind wanted: UnitKind) throws(ExportError) -> UnitSpans {
    var (_, parts) = try CSVScanner.readPieces(
      data, file: file, prepare: { (header) throws(ExportError) in try UnitRowReader(header: header, file: file) }
    ) { (scanner: inout CSVScanner, reader: UnitRowReader) throws(ExportError) -> UnitSpans in
      var reader = reader
      var result = UnitSpans(kind: wanted)
      while try scanner.nextRow(file: file, columns: reader.columns) {
        guard try reader.kind(scanner) == wanted else { continue }
        let (start, end) = try reader.span(scanner)
        let document = try reader.document(scanner)
        _ = try reader.speaker(scanner)
        if document == result.documentIDs.count { result.documentIDs.append(reader.documents.all[document]) }
        result.document.append(Int32(document))
        result.start.append(start)
        result.end.append(end)
      }
      return result
    }
    guard !parts.isEmpty else { return UnitSpans(kind: wanted) }
    var result = parts[0]
    for index in parts.indices.dropFirst() {
      result.append(parts[index])
      parts[index] = UnitSpans(kind: wanted)
    }
    return result
  }

  public static func units(csv data: Data, file: String, kinds: Set<UnitKind>? = nil) throws(ExportError)
    -> [UnitRecord]
  {
    var (_, parts) = try CSVScanner.readPieces(
      data, file: file, prepare: { (header) throws(ExportError) in try UnitRowReader(header: header, file: file) }
    ) { (scanner: inout CSVScanner, reader: UnitRowReader) throws(ExportError) -> [UnitRecord] in
      var reader = reader
      var result: [UnitRecord] = []
      while try scanner.nextRow(file: file, columns: reader.columns) {
        let kind = try reader.kind(scanner)
        if let kinds, !kinds.contains(kind) { continue }
        let (start, end) = try reader.span(scanner)
        let entry = try reader.document(scanner)
        let document = reader.documents.all[entry]
        result.append(
          UnitRecord(
            document: document, unit: kind, start: start, end: end, speaker: try reader.speaker(scanner),
            role: reader.role(scanner)))
      }
      return result
    }
    return CSVScanner.joined(&parts)
  }
}

/// Reads the rows of a units file: its columns found once from the header, and the checks every
/// reader of units makes (a file one reader refuses, all refuse, with the same message and line).
/// Every row's unit kind is checked; the other fields only of the rows a reader keeps.
struct UnitRowReader: Sendable {
  /// The number of columns of the header.
  let columns: Int
  let file: String
  let document: Int
  let unit: Int
  let start: Int
  let end: Int
  let speaker: Int?
  let role: Int?
  /// The documents' ids, numbered in the order first seen (one string each).
  var documents = StringInterner()
  /// Speakers and roles, one string each.
  private var strings = StringInterner()
  private var kinds = StringInterner()
  private var kindOfEntry: [UnitKind] = []

  init(header: [String], file: String) throws(ExportError) {
    func required(_ name: String) throws(ExportError) -> Int { try CSVTable.column(name, in: header, file: file) }
    columns = header.count
    self.file = file
    document = try required("document")
    unit = try required("unit")
    start = try required("start")
    end = try required("end")
    speaker = header.firstIndex(of: "speaker")
    role = header.firstIndex(of: "role")
  }

  /// The row's unit kind.
  mutating func kind(_ row: borrowing CSVScanner) throws(ExportError) -> UnitKind {
    guard let entry = row.withField(unit, { kinds.entry($0) }) else {
      throw row.error("unknown unit \"\(row.strings()[unit])\"", file: file)
    }
    if entry == kindOfEntry.count {
      guard let kind = UnitKind(rawValue: kinds.all[entry]) else {
        throw row.error("unknown unit \"\(row.strings()[unit])\"", file: file)
      }
      kindOfEntry.append(kind)
    }
    return kindOfEntry[entry]
  }

  /// The row's first scalar and the scalar after its last.
  func span(_ row: borrowing CSVScanner) throws(ExportError) -> (start: Int, end: Int) {
    guard let startValue = row.integer(start), let endValue = row.integer(end), startValue <= endValue else {
      let fields = row.strings()
      throw row.error("offsets \"\(fields[start])\"-\"\(fields[end])\" are not a valid range", file: file)
    }
    return (startValue, endValue)
  }

  /// The number of the row's document in ``documents``.
  mutating func document(_ row: borrowing CSVScanner) throws(ExportError) -> Int {
    guard let entry = row.withField(document, { documents.entry($0) }) else {
      throw row.error("not valid UTF-8 in column \(document + 1)", file: file)
    }
    return entry
  }

  /// The row's speaker, nil when the column is absent or the field empty.
  mutating func speaker(_ row: borrowing CSVScanner) throws(ExportError) -> String? {
    guard let speaker, !row.isEmpty(speaker) else { return nil }
    guard let name = row.withField(speaker, { strings.string($0) }) else {
      throw row.error("not valid UTF-8 in column \(speaker + 1)", file: file)
    }
    return name
  }

  /// The row's speaker role, nil when absent, empty or not a role.
  mutating func role(_ row: borrowing CSVScanner) -> SpeakerRole? {
    guard let role, !row.isEmpty(role) else { return nil }
    return row.withField(role) { strings.string($0) }.flatMap(SpeakerRole.init(rawValue:))
  }
}

/// A coding output folder read back: what `kwal code` wrote, for analysis, agreement and export.
public struct CodingOutput: Sendable {
  /// The codings.
  public var codings: [CodingRecord]
  /// The documents (empty when the folder has no `documents.csv`).
  public var documents: [DocumentRecord]
  /// The units (empty when the folder has no `units.csv`).
  public var units: [UnitRecord]
  /// The codings as columns, when they were read that way (``codings`` is then empty, or holds
  /// the codings shown).
  public var columns: CodingColumns?
  /// When ``columns`` were read with codings shown: the index of each of ``codings`` among all.
  public var shownRows: [Int] = []

  /// Creates an output.
  public init(codings: [CodingRecord], documents: [DocumentRecord] = [], units: [UnitRecord] = []) {
    self.codings = codings
    self.documents = documents
    self.units = units
  }

  /// The files of an output folder that commands read back: `kwal code` writes them, the
  /// analyses, the audit and the export read them.
  public static let readFiles = [
    "codings.csv", CodingFiles.suggestionsFile, "documents.csv", "units.csv", "matrix.csv", "codebook.json",
  ]

  /// Reads a coding output folder, or a single codings CSV file; `units: false` leaves
  /// `units.csv` unread (the largest file, which few analyses need).
  /// `texts`: whether codings keep their text and matched words (see ``CodingFiles/readCodings(_:defaultCoder:texts:)``).
  /// `unitKinds`: when given, only units of these kinds are kept. `columns`: the codings are read
  /// as ``CodingColumns`` (for counting; see ``CodingFiles/readColumns(_:)``), with the whole
  /// records of the codes in `showing` when given. `codings: false` leaves the codings unread
  /// (an analysis that streams them; the folder must still have codings.csv).
  public static func read(
    _ url: URL, units readsUnits: Bool = true, texts: Bool = true, unitKinds: Set<UnitKind>? = nil,
    columns: Bool = false, showing: Set<String>? = nil, codings readsCodings: Bool = true
  ) throws(ExportError) -> CodingOutput {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
      throw ExportError(.missingInput, "no such file or folder", at: SourceLocation(file: url.path))
    }
    if !isFolder.boolValue {
      if !readsCodings { return CodingOutput(codings: []) }
      if columns {
        var output = CodingOutput(codings: [])
        try output.readColumns(url, showing: showing, defaultCoder: nil)
        return output
      }
      return CodingOutput(codings: try CodingFiles.readCodings(url, texts: texts))
    }
    // A run killed between renaming its files is finished first.
    AtomicFile.recover(in: url)
    let codingsURL = url.appendingPathComponent("codings.csv")
    guard FileManager.default.fileExists(atPath: codingsURL.path) else {
      throw ExportError(.missingInput, "not a coding output folder: no codings.csv", at: SourceLocation(file: url.path))
    }
    let documentsURL = url.appendingPathComponent("documents.csv")
    let unitsURL = url.appendingPathComponent("units.csv")
    var output = CodingOutput(
      codings: columns || !readsCodings
        ? [] : try CodingFiles.readCodings(codingsURL, defaultCoder: url.lastPathComponent, texts: texts),
      documents: FileManager.default.fileExists(atPath: documentsURL.path)
        ? try CodingFiles.readDocuments(documentsURL) : [],
      units: readsUnits && FileManager.default.fileExists(atPath: unitsURL.path)
        ? try CodingFiles.readUnits(unitsURL, kinds: unitKinds) : [])
    if columns, readsCodings {
      try output.readColumns(codingsURL, showing: showing, defaultCoder: url.lastPathComponent)
    }
    return output
  }

  private mutating func readColumns(_ url: URL, showing: Set<String>?, defaultCoder: String?) throws(ExportError) {
    guard let showing else {
      columns = try CodingFiles.readColumns(url, defaultCoder: defaultCoder)
      return
    }
    let read = try CodingFiles.readColumns(url, showing: showing, defaultCoder: defaultCoder)
    columns = read.columns
    codings = read.shown
    shownRows = read.rows
  }
}

/// The last fields of a `codings.csv` row: where the coded unit lies (`speaker,role,page,timestamp`).
public struct CodingPlace: Sendable, Hashable {
  public var speaker: String?
  public var role: SpeakerRole?
  public var page: Int?
  public var timestamp: String?
  /// The learned cues' probability for the coding's code and sentence.
  public var cueProbability: Double?

  /// Creates a place; all fields may be absent.
  public init(
    speaker: String? = nil, role: SpeakerRole? = nil, page: Int? = nil, timestamp: String? = nil,
    cueProbability: Double? = nil
  ) {
    self.speaker = speaker
    self.role = role
    self.page = page
    self.timestamp = timestamp
    self.cueProbability = cueProbability
  }

  /// Appends a probability with three decimals (`0.873`, `1.000`), the same bytes on every machine.
  public static func appendProbability(_ value: Double, to bytes: inout [UInt8]) {
    let thousandths = Int((min(1, max(0, value)) * 1000).rounded())
    bytes.append(UInt8(ascii: "0") + UInt8(thousandths / 1000))
    bytes.append(0x2E)
    let fraction = thousandths % 1000
    bytes.append(UInt8(ascii: "0") + UInt8(fraction / 100))
    bytes.append(UInt8(ascii: "0") + UInt8(fraction / 10 % 10))
    bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10))
  }

  /// Appends `,speaker,role,page,timestamp,cue_probability` (each empty when absent).
  func append(to bytes: inout [UInt8]) {
    bytes.append(0x2C)
    if let speaker { CSVTable.appendField(speaker, to: &bytes) }
    bytes.append(0x2C)
    if let role { bytes.append(contentsOf: role.rawValue.utf8) }
    bytes.append(0x2C)
    if let page { CSVTable.appendInteger(page, to: &bytes) }
    bytes.append(0x2C)
    if let timestamp { CSVTable.appendField(timestamp, to: &bytes) }
    bytes.append(0x2C)
    if let cueProbability { Self.appendProbability(cueProbability, to: &bytes) }
  }
}
