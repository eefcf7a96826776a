public import Foundation
internal import KwalAnalysis
internal import KwalExport
public import KwalModel
internal import KwalStore

/// A researcher's decision on one coding (of `codings.csv`) or suggestion (of `suggestions.csv`).
public struct ReviewDecision: Sendable, Hashable {
  /// `rule` or `suggestion`; empty to find it (a coding first, then a suggestion).
  public var layer: String
  public var document: String
  public var start: Int
  public var end: Int
  public var code: String
  /// `accept` or `reject`.
  public var decision: String
  public var reviewer: String
  public var note: String

  public init(
    layer: String = "", document: String, start: Int, end: Int, code: String, decision: String,
    reviewer: String = "", note: String = ""
  ) {
    self.layer = layer
    self.document = document
    self.start = start
    self.end = end
    self.code = code
    self.decision = decision
    self.reviewer = reviewer
    self.note = note
  }
}

/// Review of automatic codings: accept or reject single codings and suggestions, and reconcile
/// the units coders disagreed on into a consensus. Decisions live in the folder's store and in
/// `reviews.csv`; they are keyed by document, span, code and layer, so they hold through
/// re-coding, and `--reviewed` counts what they leave: the rule codings not rejected and the
/// suggestions accepted, with each reconciled unit holding its consensus codes.
public enum Reviews {
  /// The file of decisions in an output folder.
  public static let fileName = "reviews.csv"
  /// Its columns (every decision, oldest first).
  public static let columns = ["layer", "document", "start", "end", "code", "decision", "reviewer", "created", "note"]
  /// The columns of the form `kwal review OUT template` writes and `kwal review OUT apply` reads.
  public static let formColumns = [
    "layer", "document", "start", "end", "code", "rule", "probability", "text", "decision", "reviewer", "note",
  ]

  struct Key: Hashable {
    var layer: String
    var document: String
    var start: Int
    var end: Int
    var code: String
  }

  /// Records decisions; each must name a coding or suggestion of the folder's current output.
  /// `source` names the form they came from in errors (nil: the command line).
  @discardableResult
  public static func record(_ folder: URL, _ decisions: [ReviewDecision], source: String?) throws -> Int {
    let output = try CodingOutput.read(folder, units: false)
    var known: Set<Key> = []
    for coding in output.codings {
      known.insert(
        Key(layer: "rule", document: coding.document, start: coding.start, end: coding.end, code: coding.code))
    }
    let suggestionsURL = folder.appendingPathComponent(CodingFiles.suggestionsFile)
    if FileManager.default.fileExists(atPath: suggestionsURL.path) {
      for coding in try CodingFiles.readCodings(suggestionsURL) {
        known.insert(
          Key(layer: "suggestion", document: coding.document, start: coding.start, end: coding.end, code: coding.code))
      }
    }
    let now = ISO8601DateFormatter().string(from: Date())
    var stored: [StoredReview] = []
    for (index, decision) in decisions.enumerated() {
      let location = source.map { SourceLocation(file: $0, line: index + 2) }
      guard ["accept", "reject"].contains(decision.decision) else {
        throw ExportError(.badData, "decision \"\(decision.decision)\" is neither accept nor reject", at: location)
      }
      let layers = decision.layer.isEmpty ? ["rule", "suggestion"] : [decision.layer]
      guard ["rule", "suggestion"].contains(layers[0]) else {
        throw ExportError(.badData, "layer \"\(decision.layer)\" is neither rule nor suggestion", at: location)
      }
      guard
        let layer = layers.first(where: {
          known.contains(
            Key(layer: $0, document: decision.document, start: decision.start, end: decision.end, code: decision.code))
        })
      else {
        throw ExportError(
          .badData,
          "no coding or suggestion \(decision.code) at \(decision.document) \(decision.start)-\(decision.end) in \(folder.path) (kwal review \(folder.path) template lists them)",
          at: location)
      }
      stored.append(
        StoredReview(
          layer: layer, document: decision.document, start: decision.start, end: decision.end, code: decision.code,
          decision: decision.decision,
          reviewer: decision.reviewer.isEmpty ? (ProcessInfo.processInfo.environment["USER"] ?? "") : decision.reviewer,
          created: now, note: decision.note))
    }
    try store(stored, in: folder)
    return stored.count
  }

  /// Adds decisions to the folder's store and rewrites `reviews.csv`, together or not at all.
  private static func store(_ stored: [StoredReview], in folder: URL) throws {
    _ = try History.openStore(folder)
    let lock = try FolderLock(folder: folder)
    defer { lock.release() }
    let target = folder.appendingPathComponent(ProjectStore.fileName)
    let temporary = AtomicFile.temporary(for: target)
    do {
      var all: [StoredReview] = []
      try ProjectStore.editCopy(of: target, at: temporary, copy: FileCopy.copy) { store in
        try store.addReviews(stored)
        all = try store.reviews()
      }
      let table = CSVTable(
        header: columns,
        rows: all.map {
          [
            $0.layer, $0.document, String($0.start), String($0.end), $0.code, $0.decision, $0.reviewer, $0.created,
            $0.note,
          ]
        })
      let staged = try AtomicFile.stage([(folder.appendingPathComponent(fileName), try table.csvData())])
      try AtomicFile.commit([AtomicFile.StagedFile(temporary: temporary, target: target)] + staged)
    } catch {
      AtomicFile.discard(temporary: temporary)
      throw error
    }
  }

  // MARK: Consensus

  /// The codes the coders agreed on for one unit they had coded differently (a row of the
  /// disagreements file of `kwal agree … --disagreements`, with a `consensus` column filled in).
  public struct Consensus: Sendable, Hashable {
    public var document: String
    public var start: Int
    public var end: Int
    /// The codes the unit has (empty: none).
    public var codes: [String]
    public var reviewer: String
    public var note: String
    /// The line of the file it was read from, for errors.
    public var line: Int?

    public init(
      document: String, start: Int, end: Int, codes: [String], reviewer: String = "", note: String = "",
      line: Int? = nil
    ) {
      self.document = document
      self.start = start
      self.end = end
      self.codes = codes
      self.reviewer = reviewer
      self.note = note
      self.line = line
    }
  }

  /// What a consensus cell says when the unit has no code.
  public static let noCode = "(none)"

  /// Reads a reconciled disagreements file: `document,start,end,consensus` (other columns, such
  /// as the text and each coder's codes, are ignored; `reviewer` and `note` are kept). A
  /// consensus is codes separated by `|`, or `(none)`; an empty cell is a unit not yet reconciled.
  public static func read(consensus url: URL) throws -> [Consensus] {
    try filledRows(url, filled: "consensus", unitsOnly: true).map { row in
      Consensus(
        document: row.document, start: row.start, end: row.end,
        codes: row.cell == noCode
          ? [] : row.cell.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
        reviewer: row.field("reviewer"), note: row.field("note"), line: row.line)
    }
  }

  /// A row of a decisions file whose `filled` column holds something.
  struct FilledRow {
    var line: Int
    var document: String
    var start: Int
    var end: Int
    /// The filled cell, trimmed.
    var cell: String
    /// An optional column's value ("" when the file has no such column).
    var field: (String) -> String
  }

  /// The rows of a decisions file (`document,start,end` and the `filled` column; others
  /// optional) whose `filled` cell is not empty, their spans checked as offsets (`unitsOnly`: a
  /// unit's, which is not empty); an error names the line.
  static func filledRows(_ url: URL, filled: String, unitsOnly: Bool = false, required: [String] = []) throws
    -> [FilledRow]
  {
    let table = try CSVTable.read(url)
    let file = url.path
    let document = try table.column("document", file: file)
    let start = try table.column("start", file: file)
    let end = try table.column("end", file: file)
    for name in required { _ = try table.column(name, file: file) }
    let filledColumn = try table.column(filled, file: file)
    var rows: [FilledRow] = []
    for (index, row) in table.rows.enumerated() {
      let cell = row[filledColumn].trimmingCharacters(in: .whitespaces)
      guard !cell.isEmpty else { continue }
      guard let startValue = Int(row[start]), let endValue = Int(row[end]), startValue >= 0,
        unitsOnly ? endValue > startValue : endValue >= startValue
      else {
        throw ExportError(
          .badData,
          "start \"\(row[start])\" and end \"\(row[end])\" are not \(unitsOnly ? "a unit's offsets" : "offsets")",
          at: SourceLocation(file: file, line: index + 2))
      }
      rows.append(
        FilledRow(
          line: index + 2, document: row[document], start: startValue, end: endValue, cell: cell,
          field: { name in table.header.firstIndex(of: name).map { row[$0] } ?? "" }))
    }
    return rows
  }

  /// Records the consensus on units of a folder's documents: the reviewed codings (`--reviewed`)
  /// then hold, inside each unit, exactly its consensus codes. Each document must be one of the
  /// folder's, each unit inside it and each code one of the codebook's; `source` names the file in
  /// errors (at each unit's line).
  @discardableResult
  public static func reconcile(_ folder: URL, _ units: [Consensus], source: String?) throws -> Int {
    let output = try CodingOutput.read(folder, units: false, texts: false)
    var length: [String: Int] = [:]
    for document in output.documents { length[document.document] = document.characters }
    let codebookURL = folder.appendingPathComponent("codebook.json")
    let known: Set<String>? =
      FileManager.default.fileExists(atPath: codebookURL.path)
      ? Set(CodeTree(codebook: try Analyse.loadCodebook(codebookURL)).codes) : nil
    let now = ISO8601DateFormatter().string(from: Date())
    var stored: [StoredReview] = []
    for (index, unit) in units.enumerated() {
      let location = source.map { SourceLocation(file: $0, line: unit.line ?? index + 2) }
      guard let characters = length[unit.document] else {
        throw ExportError(.badData, "no document \(unit.document) in \(folder.path)", at: location)
      }
      guard unit.end <= characters else {
        throw ExportError(
          .badData, "\(unit.start)-\(unit.end) lies beyond the end of \(unit.document) (\(characters) characters)",
          at: location)
      }
      if let known, let unknown = unit.codes.first(where: { !known.contains($0) }) {
        throw ExportError(.badData, "unknown code \"\(unknown)\" (not in the folder's codebook)", at: location)
      }
      stored.append(
        StoredReview(
          layer: "consensus", document: unit.document, start: unit.start, end: unit.end,
          code: unit.codes.joined(separator: "|"), decision: "consensus",
          reviewer: unit.reviewer.isEmpty ? (ProcessInfo.processInfo.environment["USER"] ?? "") : unit.reviewer,
          created: now, note: unit.note))
    }
    try store(stored, in: folder)
    return stored.count
  }

  /// Reads a reconciled disagreements file (``read(consensus:)``) and records it
  /// (``reconcile(_:_:source:)``); `reviewer`, when given, stands for every row's.
  @discardableResult
  public static func reconcile(_ folder: URL, form: URL, reviewer: String? = nil) throws -> Int {
    var units = try read(consensus: form)
    if let reviewer { for index in units.indices { units[index].reviewer = reviewer } }
    return try reconcile(folder, units, source: form.path)
  }

  /// The latest consensus on each unit of a folder, in the order the units were first reconciled.
  public static func consensus(_ folder: URL) throws -> [Consensus] {
    let url = folder.appendingPathComponent(ProjectStore.fileName)
    guard FileManager.default.fileExists(atPath: url.path) else { return [] }
    let store = try ProjectStore(at: url)
    defer { store.close() }
    var order: [String] = []
    var latest: [String: Consensus] = [:]
    for review in try store.reviews() where review.layer == "consensus" {
      let key = "\(review.document)\u{0}\(review.start)\u{0}\(review.end)"
      if latest[key] == nil { order.append(key) }
      latest[key] = Consensus(
        document: review.document, start: review.start, end: review.end,
        codes: review.code.split(separator: "|").map(String.init), reviewer: review.reviewer, note: review.note)
    }
    return order.compactMap { latest[$0] }
  }

  /// Applies the consensus to reviewed codings: inside each reconciled unit, codings of other
  /// codes are dropped and a consensus code no coding inside the unit has is added as a coding of
  /// the whole unit (rule `consensus`, the text from the store).
  static func applyConsensus(_ folder: URL, to codings: [CodingRecord]) throws -> [CodingRecord] {
    let units = try consensus(folder)
    guard !units.isEmpty else { return codings }
    var byDocument: [String: [Int]] = [:]
    for (index, coding) in codings.enumerated() { byDocument[coding.document, default: []].append(index) }
    var dropped = [Bool](repeating: false, count: codings.count)
    var added: [CodingRecord] = []
    let documentsURL = folder.appendingPathComponent("documents.csv")
    var caseOf: [String: String] = [:]
    if FileManager.default.fileExists(atPath: documentsURL.path) {
      for document in try CodingFiles.readDocuments(documentsURL) { caseOf[document.document] = document.caseName }
    }
    let store = try ProjectStore(at: folder.appendingPathComponent(ProjectStore.fileName))
    defer { store.close() }
    let texts = try store.documents(Array(Set(units.map(\.document))))
    let coder = codings.first?.coder ?? "consensus"
    for unit in units {
      let inside = (byDocument[unit.document] ?? []).filter {
        !dropped[$0] && codings[$0].start >= unit.start && codings[$0].end <= unit.end
      }
      for index in inside where !unit.codes.contains(codings[index].code) { dropped[index] = true }
      let present = Set(inside.filter { !dropped[$0] }.map { codings[$0].code })
      let scalars = texts[unit.document].map { Array($0.text.unicodeScalars) } ?? []
      let text =
        unit.end <= scalars.count ? String(String.UnicodeScalarView(scalars[unit.start..<unit.end])) : ""
      for code in unit.codes where !present.contains(code) {
        added.append(
          CodingRecord(
            document: unit.document, caseName: caseOf[unit.document] ?? "", unit: .segment, start: unit.start,
            end: unit.end, code: code, coder: coder, rules: ["consensus"], matched: [], text: text))
      }
    }
    return codings.indices.filter { !dropped[$0] }.map { codings[$0] } + added
  }

  /// Reads a filled-in review form (or any CSV with `document,start,end,code,decision`; `layer`,
  /// `reviewer` and `note` optional); rows without a decision are skipped.
  public static func read(form url: URL) throws -> [ReviewDecision] {
    try filledRows(url, filled: "decision", required: ["code"]).map { row in
      ReviewDecision(
        layer: row.field("layer"), document: row.document, start: row.start, end: row.end, code: row.field("code"),
        decision: row.cell.lowercased(), reviewer: row.field("reviewer"), note: row.field("note"))
    }
  }

  /// The review form: every coding and suggestion of the folder, with its current decision.
  public static func form(_ folder: URL) throws -> Data {
    let output = try CodingOutput.read(folder, units: false)
    let latest = try decisions(folder)
    var rows: [[String]] = []
    func add(_ coding: CodingRecord, layer: String) {
      let key = Key(layer: layer, document: coding.document, start: coding.start, end: coding.end, code: coding.code)
      let decision = latest[key]
      rows.append([
        layer, coding.document, String(coding.start), String(coding.end), coding.code,
        coding.rules.joined(separator: "|"), coding.cueProbability.map { String(format: "%.3f", $0) } ?? "",
        coding.text, decision?.decision ?? "", decision?.reviewer ?? "", decision?.note ?? "",
      ])
    }
    for coding in output.codings { add(coding, layer: "rule") }
    let suggestionsURL = folder.appendingPathComponent(CodingFiles.suggestionsFile)
    if FileManager.default.fileExists(atPath: suggestionsURL.path) {
      for coding in try CodingFiles.readCodings(suggestionsURL) { add(coding, layer: "suggestion") }
    }
    return try CSVTable(header: formColumns, rows: rows).csvData()
  }

  /// Writes the review form to `url` atomically; never onto one of the folder's own files.
  public static func writeForm(_ data: Data, to url: URL, folder: URL) throws {
    try OutputGuard.check(
      output: url.path, role: "--out",
      inputs: (CodingOutput.readFiles + [ProjectStore.fileName, fileName]).map {
        OutputGuard.Input(folder.appendingPathComponent($0).path, role: "a file of the folder")
      })
    try AtomicFile.write(data, to: url)
  }

  /// The latest decision on each coding and suggestion of a folder (none without a store).
  static func decisions(_ folder: URL) throws -> [Key: StoredReview] {
    let url = folder.appendingPathComponent(ProjectStore.fileName)
    guard FileManager.default.fileExists(atPath: url.path) else { return [:] }
    let store = try ProjectStore(at: url)
    defer { store.close() }
    var latest: [Key: StoredReview] = [:]
    for review in try store.reviews() {
      latest[
        Key(layer: review.layer, document: review.document, start: review.start, end: review.end, code: review.code)] =
        review
    }
    return latest
  }

  /// The reviewed codings of a folder: its rule codings that were not rejected and its
  /// suggestions that were accepted (those with the rule coder's name, so they count as codings).
  public static func reviewedCodings(_ folder: URL, codings: [CodingRecord]) throws -> [CodingRecord] {
    let latest = try decisions(folder)
    var result = codings.filter {
      latest[Key(layer: "rule", document: $0.document, start: $0.start, end: $0.end, code: $0.code)]?.decision
        != "reject"
    }
    let suggestionsURL = folder.appendingPathComponent(CodingFiles.suggestionsFile)
    if FileManager.default.fileExists(atPath: suggestionsURL.path) {
      for suggestion in try CodingFiles.readCodings(suggestionsURL) {
        let key = Key(
          layer: "suggestion", document: suggestion.document, start: suggestion.start, end: suggestion.end,
          code: suggestion.code)
        guard latest[key]?.decision == "accept" else { continue }
        var accepted = suggestion
        if accepted.coder.hasSuffix(CodebookInfo.suggestionSuffix) {
          accepted.coder.removeLast(CodebookInfo.suggestionSuffix.count)
        }
        result.append(accepted)
      }
    }
    return try applyConsensus(folder, to: result).sorted(by: CodingRecord.outputOrder)
  }
}
