public import Foundation
public import KwalAnalysis
public import KwalModel
internal import KwalExport
internal import KwalIngest

/// The output formats of `kwal agree`.
public enum AgreeFormat: String, Sendable, CaseIterable {
  /// One JSON object.
  case json
  /// A CSV table (one row per statistic, or per code).
  case csv
  /// A Markdown report.
  case md
}

/// The `kwal agree` use cases: a reliability calculator for tidy ratings, and agreement between
/// coding outputs (human and automatic coders) with the disagreements to reconcile.
public enum Agree {
  // MARK: Ratings

  /// Reads a tidy `unit,coder,value` CSV: an empty value is missing data; errors name the line.
  public static func readRatings(_ url: URL, order: [String]? = nil) throws -> ReliabilityData {
    let file = url.path
    let bytes = try CSVScanner.contents(of: url)
    let ratings = try RatingsFile.read(bytes, file: file)
    guard ratings.count > 0 else {
      throw AnalysisError(.badData, "no ratings: the file has a header only", at: SourceLocation(file: file))
    }
    // Lines are found again only when an error names one.
    var lines: [Int]?
    let data = try ReliabilityData.fromIndexed(ratings, order: order) { index in
      if lines == nil { lines = RatingsFile.lines(bytes) }
      guard let lines, index < lines.count else { return SourceLocation(file: file) }
      return SourceLocation(file: file, line: lines[index])
    }
    guard data.coderCount >= 2 else {
      throw AnalysisError(
        .badData, "only one coder (\"\(data.coders.first ?? "")\"): agreement needs two coders or more",
        at: SourceLocation(file: file))
    }
    return data
  }

  /// Parses a level name; an unknown name is bad data (exit 65) with the names that exist.
  public static func level(_ name: String) throws(AnalysisError) -> MeasurementLevel {
    guard let level = MeasurementLevel(rawValue: name.lowercased()) else {
      let names = MeasurementLevel.allCases.map(\.rawValue).joined(separator: ", ")
      throw AnalysisError(.badData, "unknown level \"\(name)\" (use one of: \(names))")
    }
    return level
  }

  /// Every reliability statistic of the ratings in `file`.
  public static func ratings(
    file: URL, level: String, bootstrap: Int = 0, seed: UInt64 = 1, order: [String]? = nil
  ) throws -> ReliabilityReport {
    try ratings(file: file, level: try self.level(level), bootstrap: bootstrap, seed: seed, order: order)
  }

  /// Every reliability statistic of the ratings in `file` at `level`.
  public static func ratings(
    file: URL, level: MeasurementLevel, bootstrap: Int = 0, seed: UInt64 = 1, order: [String]? = nil
  ) throws -> ReliabilityReport {
    let data = try readRatings(file, order: order)
    do {
      return try Reliability.report(data, level: level, bootstrap: bootstrap, seed: seed)
    } catch {
      throw AnalysisError(error.kind, error.message, at: error.location ?? SourceLocation(file: file.path))
    }
  }

  /// Renders a reliability report.
  public static func render(_ report: ReliabilityReport, format: AgreeFormat) throws -> String {
    let c = report.coefficients
    let rows: [(String, Statistic)] = [
      ("alpha", report.alpha), ("percent_agreement", c.percentAgreement), ("cohen_kappa", c.cohenKappa),
      ("cohen_kappa_linear", c.cohenKappaLinear), ("cohen_kappa_quadratic", c.cohenKappaQuadratic),
      ("fleiss_kappa", c.fleissKappa), ("scott_pi", c.scottPi), ("gwet_ac1", c.gwetAC1),
      ("brennan_prediger", c.brennanPrediger),
    ]
    let counts: [(String, Int)] = [
      ("units", report.units), ("coders", report.coders), ("pairable", report.pairable),
      ("pairable_units", report.pairableUnits),
    ]
    switch format {
    case .json:
      var object: [String: JSONValue] = [
        "level": .string(report.level.rawValue), "notes": .array(report.notes.map(JSONValue.string)),
      ]
      for (key, statistic) in rows { object[key] = JSONValue(statistic) }
      for (key, count) in counts { object[key] = .int(count) }
      object["alpha_ci"] = report.alphaInterval.map(JSONValue.init) ?? .null
      return try JSONValue.object(object).encoded()
    case .csv:
      var table = CSVTable(header: ["statistic", "value", "note"])
      table.rows.append(["level", report.level.rawValue, ""])
      for (key, statistic) in rows {
        table.rows.append([key, statistic.value.map(number) ?? "", statistic.note ?? ""])
      }
      for (key, count) in counts { table.rows.append([key, String(count), ""]) }
      if let interval = report.alphaInterval {
        table.rows.append([
          "alpha_ci_lower", number(interval.lower), "\(interval.samples) bootstrap samples, seed \(interval.seed)",
        ])
        table.rows.append(["alpha_ci_upper", number(interval.upper), "level \(number(interval.level))"])
      }
      return String(decoding: try table.csvData(), as: UTF8.self)
    case .md:
      var lines = [
        "## Reliability (\(report.level.rawValue))", "", "| statistic | value | note |", "| --- | ---: | --- |",
      ]
      for (key, statistic) in rows {
        lines.append(
          "| \(key) | \(statistic.value.map { fixed($0) } ?? "undefined") | \(markdown(statistic.note ?? "")) |")
      }
      if let interval = report.alphaInterval {
        lines.append(
          "| alpha_ci | [\(fixed(interval.lower)), \(fixed(interval.upper))] | \(Int(interval.level * 100))% percentile bootstrap, \(interval.samples) samples, seed \(interval.seed) |"
        )
      }
      lines.append("")
      lines.append(counts.map { "\($0.0): \($0.1)" }.joined(separator: " · "))
      if !report.notes.isEmpty {
        lines.append("")
        for note in report.notes { lines.append("- \(markdown(note))") }
      }
      return lines.joined(separator: "\n") + "\n"
    }
  }

  // MARK: Coding outputs

  /// Reads coding outputs (folders or codings CSV files) and compares their coders.
  ///
  /// Each distinct coder name is a coder (a file without a `coder` column is named after the
  /// file); a name that two inputs share is told apart by the input's name, `coder (folder)`. Units come from the first input folder with a `units.csv`, or from `units` (a folder
  /// or a `units.csv`); segment units need none. `corpus` gives the disagreements their exact text.
  ///
  /// `reviewed`: a coding output folder among the inputs counts its reviewed codings (rule codings
  /// not rejected, suggestions accepted with `kwal review`) instead of its rule codings.
  /// `disagreementTexts`: whether the disagreements need their text (for `--disagreements`); without
  /// it the codings are read without their texts, which is faster and takes less memory.
  public static func codings(
    inputs: [URL], options: CodingAgreementOptions, units unitsURL: URL? = nil, corpus: URL? = nil,
    reviewed: Bool = false, disagreementTexts: Bool = true
  ) throws -> CodingAgreementReport {
    try codingsReport(
      inputs: inputs, options: options, units: unitsURL, corpus: corpus, reviewed: reviewed,
      disagreementTexts: disagreementTexts)
  }

  /// The options of a coding comparison from their command-line spellings; unknown names are
  /// usage errors that list the names that exist.
  public static func options(
    unit: String, overlap: Double, excludeUncoded: Bool, documents: String
  ) throws -> CodingAgreementOptions {
    guard let kind = UnitKind(rawValue: unit) else {
      throw AnalysisError(
        .usage, "unknown unit \"\(unit)\" (use sentence, paragraph, turn, agenda-item, document or segment)")
    }
    guard let scope = CodingAgreementOptions.DocumentScope(rawValue: documents) else {
      throw AnalysisError(.usage, "unknown --documents \"\(documents)\" (use common or all)")
    }
    guard overlap > 0 && overlap <= 1 else {
      throw AnalysisError(.usage, "--overlap must be in (0, 1], got \(overlap)")
    }
    return CodingAgreementOptions(unit: kind, overlap: overlap, excludeUncoded: excludeUncoded, documents: scope)
  }

  static func codingsReport(
    inputs: [URL], options: CodingAgreementOptions, units unitsURL: URL?, corpus: URL?, reviewed: Bool = false,
    disagreementTexts: Bool = true
  ) throws -> CodingAgreementReport {
    var coders: [String] = []
    var units: [UnitRecord] = []
    var spans: [TextSpan] = []
    // Only the units compared are read (units.csv holds every kind; segments need none). The
    // disagreements' texts come from the corpus or, read again afterwards, from the codings that
    // overlap them (reading every coding's text is slow). Codings are read as columns, and as
    // records only when their texts or review decisions are needed.
    let textsAfterwards = disagreementTexts && corpus == nil && !reviewed
    let asRecords = reviewed || (disagreementTexts && !textsAfterwards)
    var hasUnitsFile = false
    var unitSpans: UnitSpans?
    var outputs = try inputs.map { input in
      // The units of the kind compared come as columns from the first folder that has them.
      var output = try CodingOutput.read(
        input, units: false, texts: disagreementTexts && !textsAfterwards, columns: !asRecords)
      let unitsFile = input.appendingPathComponent("units.csv")
      if options.unit != .segment, unitsURL == nil, unitSpans == nil || unitSpans?.count == 0,
        FileManager.default.fileExists(atPath: unitsFile.path)
      {
        unitSpans = try CodingFiles.readUnitSpans(unitsFile, kind: options.unit)
      }
      var isFolder: ObjCBool = false
      if reviewed, FileManager.default.fileExists(atPath: input.path, isDirectory: &isFolder), isFolder.boolValue,
        FileManager.default.fileExists(atPath: input.appendingPathComponent("codebook.json").path)
      {
        output.codings = try Reviews.reviewedCodings(input, codings: output.codings)
      }
      hasUnitsFile =
        hasUnitsFile || FileManager.default.fileExists(atPath: input.appendingPathComponent("units.csv").path)
      return output
    }
    // Each input's codings as columns (and as records when they were read so).
    var columnGroups = outputs.map { $0.columns ?? CodingColumns($0.codings) }
    // A coder name found in two inputs or more (two runs of one codebook, say) would merge them
    // into one coder: each input's coder is then named after the input as well.
    var inputsOfName: [String: Int] = [:]
    for group in columnGroups {
      for name in Set(group.coderIDs) { inputsOfName[name, default: 0] += 1 }
    }
    let labels = inputs.map(\.lastPathComponent)
    for number in outputs.indices {
      let label = labels.filter { $0 == labels[number] }.count > 1 ? inputs[number].path : labels[number]
      func renamed(_ coder: String) -> String { (inputsOfName[coder] ?? 0) > 1 ? "\(coder) (\(label))" : coder }
      columnGroups[number].coderIDs = columnGroups[number].coderIDs.map(renamed)
      for name in columnGroups[number].coderIDs where !coders.contains(name) { coders.append(name) }
      if asRecords {
        for index in outputs[number].codings.indices
        where (inputsOfName[outputs[number].codings[index].coder] ?? 0) > 1 {
          outputs[number].codings[index].coder = renamed(outputs[number].codings[index].coder)
        }
      }
    }
    let recordGroups = asRecords ? outputs.map(\.codings) : []
    outputs = []
    if let unitsURL {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: unitsURL.path, isDirectory: &isFolder) else {
        throw AnalysisError(.missingInput, "no such file or folder", at: SourceLocation(file: unitsURL.path))
      }
      let file = isFolder.boolValue ? unitsURL.appendingPathComponent("units.csv") : unitsURL
      (units, spans) = try readUnits(file, kind: options.unit)
      // An empty table is no units at all; a table without this kind has the wrong units.
      unitSpans = units.isEmpty ? nil : UnitSpans(units, kind: options.unit)
      units = []
    }
    if options.unit != .segment && (unitSpans?.count ?? 0) == 0 {
      if unitSpans == nil && (unitsURL != nil || !hasUnitsFile) {
        throw AnalysisError(
          .usage,
          "--unit \(options.unit.rawValue) needs the corpus's units: give a coding folder with units.csv (a kwal code output) or --units <folder or units.csv>, or use --unit segment"
        )
      }
      throw AnalysisError(.badData, "the units table has no \(options.unit.rawValue) units")
    }
    guard coders.count >= 2 else {
      throw AnalysisError(
        .usage,
        "agreement needs two coders or more, but the inputs hold \(coders.count): \(coders.joined(separator: ", "))")
    }
    var texts: [String: String] = [:]
    if let corpus {
      let wanted = Set(columnGroups.flatMap(\.documentIDs))
      let opened = try Corpus.open(corpus)
      for entry in opened.entries where wanted.contains(entry.id) {
        texts[entry.id] = try opened.document(entry).document.text
      }
    }
    let report = try CodingAgreement.compare(
      coders: coders, columnGroups: columnGroups, units: units, unitSpans: unitSpans, options: options, texts: texts,
      spans: spans, textsOf: recordGroups)
    guard textsAfterwards, !report.disagreements.isEmpty else { return report }
    let addresses = overlapping(report.disagreements, columnGroups)
    var withText: [CodingRecord] = []
    for input in inputs {
      var isFolder: ObjCBool = false
      FileManager.default.fileExists(atPath: input.path, isDirectory: &isFolder)
      let file = isFolder.boolValue ? input.appendingPathComponent("codings.csv") : input
      withText += try CodingFiles.readCodings(file, at: addresses)
    }
    return CodingAgreement.withTexts(report, codings: withText, spans: spans)
  }

  /// The addresses of the codings that overlap a disagreement (whose texts make its text).
  static func overlapping(
    _ disagreements: [Disagreement], _ groups: [CodingColumns]
  ) -> Set<CodingFiles.CodingAddress> {
    var byDocument: [String: [(start: Int, end: Int)]] = [:]
    for unit in disagreements { byDocument[unit.document, default: []].append((unit.start, unit.end)) }
    var longest: [String: Int] = [:]
    for key in byDocument.keys {
      byDocument[key]?.sort { $0.start < $1.start }
      longest[key] = byDocument[key]?.map { $0.end - $0.start }.max() ?? 0
    }
    var addresses = Set<CodingFiles.CodingAddress>()
    for codings in groups {
      let rangesOf = codings.documentIDs.map { byDocument[$0] }
      for row in 0..<codings.count {
        let start = codings.start[row]
        let end = codings.end[row]
        let document = codings.documentIDs[Int(codings.document[row])]
        guard let ranges = rangesOf[Int(codings.document[row])], end > start else { continue }
        // Units that start before `start - longest` end before the coding starts.
        let earliest = start - (longest[document] ?? 0)
        for range in ranges[ranges.partitionPoint { $0.start >= earliest }...] {
          if range.start >= end { break }
          if range.end > start {
            addresses.insert(
              CodingFiles.CodingAddress(
                document: document, start: start, end: end, code: codings.codeIDs[Int(codings.code[row])]))
            break
          }
        }
      }
    }
    return addresses
  }

  /// Reads a units table: Kwal's `units.csv`, or any CSV with `document,start,end` (every row is
  /// then a unit of `kind`, such as a gold standard's list of sentences); a `text` column gives
  /// the units' text to the disagreements.
  static func readUnits(_ url: URL, kind: UnitKind) throws -> ([UnitRecord], [TextSpan]) {
    let table = try CSVTable.read(url)
    let file = url.path
    if table.header.contains("unit") { return (try CodingFiles.readUnits(url), []) }
    let document = try table.column("document", file: file)
    let start = try table.column("start", file: file)
    let end = try table.column("end", file: file)
    let text = table.header.firstIndex(of: "text")
    var units: [UnitRecord] = []
    var spans: [TextSpan] = []
    for (index, row) in table.rows.enumerated() {
      guard let from = Int(row[start]), let to = Int(row[end]), from >= 0, from <= to else {
        throw AnalysisError(
          .badData, "offsets \"\(row[start])\"-\"\(row[end])\" are not a valid range",
          at: SourceLocation(file: file, line: index + 2))
      }
      units.append(UnitRecord(document: row[document], unit: kind, start: from, end: to))
      if let text { spans.append(TextSpan(document: row[document], start: from, text: row[text])) }
    }
    return (units, spans)
  }

  /// The disagreements as CSV: `document,start,end,text`, then one column of codes per coder.
  public static func disagreementsCSV(_ report: CodingAgreementReport) throws -> Data {
    var table = CSVTable(header: ["document", "start", "end", "text"] + report.coders)
    for row in report.disagreements {
      table.rows.append(
        [row.document, String(row.start), String(row.end), row.text] + row.codes.map { $0.joined(separator: "|") })
    }
    return try table.csvData()
  }

  /// Writes the disagreements to `url` atomically.
  public static func writeDisagreements(_ report: CodingAgreementReport, to url: URL) throws {
    try AtomicFile.write(try disagreementsCSV(report), to: url)
  }

  /// Renders a coding agreement report.
  public static func render(_ report: CodingAgreementReport, format: AgreeFormat) throws -> String {
    let two = report.coders.count == 2
    let uncoded = report.options.excludeUncoded ? "excluded" : "included"
    switch format {
    case .json:
      var overall: [String: JSONValue] = [
        "alpha": JSONValue(report.overallAlpha), "kappa": JSONValue(report.overallKappa),
        "percent_agreement": JSONValue(report.overallPercentAgreement),
        "mean_code_alpha": JSONValue(report.meanCodeAlpha),
      ]
      if !report.overallRetrieval.isEmpty { overall["retrieval"] = .array(report.overallRetrieval.map(JSONValue.init)) }
      let codes: [JSONValue] = report.codes.map { code in
        var object: [String: JSONValue] = [
          "code": .string(code.code), "alpha": JSONValue(code.alpha), "kappa": JSONValue(code.kappa),
          "percent_agreement": JSONValue(code.percentAgreement), "all_coders": .int(code.all),
          "some_coders": .int(code.some),
          "no_coder": .int(code.none),
          "coded_by": .object(Dictionary(uniqueKeysWithValues: zip(report.coders, code.codedBy.map(JSONValue.int)))),
        ]
        if two {
          object["a_only"] = .int(code.aOnly ?? 0)
          object["b_only"] = .int(code.bOnly ?? 0)
          object["both"] = .int(code.all)
        }
        if !code.retrieval.isEmpty { object["retrieval"] = .array(code.retrieval.map(JSONValue.init)) }
        return .object(object)
      }
      let object: [String: JSONValue] = [
        "unit": .string(report.options.unit.rawValue),
        "overlap": report.options.unit == .segment ? .double(report.options.overlap) : .null,
        "uncoded_units": .string(uncoded), "exclude_uncoded": .bool(report.options.excludeUncoded),
        "document_scope": .string(report.options.documents.rawValue),
        "coders": .array(report.coders.map(JSONValue.string)), "documents": .int(report.documents.count),
        "units": .int(report.units), "units_uncoded": .int(report.uncodedUnits), "overall": .object(overall),
        "codes": .array(codes), "disagreements": .int(report.disagreements.count),
        "notes": .array(report.notes.map(JSONValue.string)),
      ]
      return try JSONValue.object(object).encoded()
    case .csv:
      var header = ["code", "alpha", "kappa", "percent_agreement"]
      header += two ? ["a_only", "b_only", "both", "neither"] : ["all_coders", "some_coders", "no_coder"]
      header += report.coders.map { "coded_by:\($0)" }
      let pairs = report.overallRetrieval.map { "\($0.automatic) vs \($0.reference)" }
      for pair in pairs { header += ["precision (\(pair))", "recall (\(pair))", "f1 (\(pair))"] }
      var table = CSVTable(header: header)
      func cell(_ s: Statistic) -> String { s.value.map(number) ?? "" }
      for code in report.codes {
        var row = [code.code, cell(code.alpha), cell(code.kappa), cell(code.percentAgreement)]
        row +=
          two
          ? [String(code.aOnly ?? 0), String(code.bOnly ?? 0), String(code.all), String(code.none)]
          : [String(code.all), String(code.some), String(code.none)]
        row += code.codedBy.map(String.init)
        for scores in code.retrieval { row += [cell(scores.precision), cell(scores.recall), cell(scores.f1)] }
        table.rows.append(row)
      }
      var total = [
        "(overall)", cell(report.overallAlpha), cell(report.overallKappa), cell(report.overallPercentAgreement),
      ]
      total += Array(repeating: "", count: (two ? 4 : 3) + report.coders.count)
      for scores in report.overallRetrieval { total += [cell(scores.precision), cell(scores.recall), cell(scores.f1)] }
      table.rows.append(total)
      return String(decoding: try table.csvData(), as: UTF8.self)
    case .md:
      var lines = [
        "## Agreement between \(report.coders.map { "`\($0)`" }.joined(separator: ", "))", "",
        "Units: \(report.options.unit.rawValue)"
          + (report.options.unit == .segment ? " (overlap ≥ \(fixed(report.options.overlap)))" : "")
          + "; \(report.units) unit(s) in \(report.documents.count) document(s); units no coder coded: \(uncoded)"
          + (report.options.excludeUncoded ? "" : " (\(report.uncodedUnits))") + ".", "",
        "| | value |", "| --- | ---: |",
        "| alpha (code sets) | \(md(report.overallAlpha)) |", "| kappa (code sets) | \(md(report.overallKappa)) |",
        "| percent agreement | \(md(report.overallPercentAgreement)) |",
        "| mean alpha per code | \(md(report.meanCodeAlpha)) |",
      ]
      for scores in report.overallRetrieval {
        lines.append(
          "| `\(scores.automatic)` vs `\(scores.reference)`: precision / recall / F1 | \(md(scores.precision)) / \(md(scores.recall)) / \(md(scores.f1)) |"
        )
      }
      lines += ["", "### Per code", ""]
      var header = "| code | alpha | kappa | agreement |"
      var rule = "| --- | ---: | ---: | ---: |"
      if two {
        header += " \(report.coders[0]) only | \(report.coders[1]) only | both |"
        rule += " ---: | ---: | ---: |"
      } else {
        header += " all coders | some coders |"
        rule += " ---: | ---: |"
      }
      if let first = report.overallRetrieval.first {
        header += " P | R | F1 (`\(first.automatic)` vs `\(first.reference)`) |"
        rule += " ---: | ---: | ---: |"
      }
      lines += [header, rule]
      for code in report.codes {
        var line = "| \(code.code) | \(md(code.alpha)) | \(md(code.kappa)) | \(md(code.percentAgreement)) |"
        line += two ? " \(code.aOnly ?? 0) | \(code.bOnly ?? 0) | \(code.all) |" : " \(code.all) | \(code.some) |"
        if let scores = code.retrieval.first {
          line += " \(md(scores.precision)) | \(md(scores.recall)) | \(md(scores.f1)) |"
        }
        lines.append(line)
      }
      lines += ["", "Disagreements: \(report.disagreements.count) unit(s)."]
      let undefinedReasons = Set(report.codes.flatMap { [$0.alpha.note, $0.kappa.note] }.compactMap { $0 })
        .union([report.overallAlpha.note].compactMap { $0 })
      if !report.notes.isEmpty || !undefinedReasons.isEmpty {
        lines.append("")
        for note in report.notes { lines.append("- \(markdown(note))") }
        for reason in undefinedReasons.sorted() { lines.append("- undefined values: \(markdown(reason))") }
      }
      return lines.joined(separator: "\n") + "\n"
    }
  }

  // MARK: Formatting

  static func number(_ value: Double) -> String { "\(value)" }
  static func fixed(_ value: Double) -> String { String(format: "%.3f", value) }
  static func md(_ statistic: Statistic) -> String { statistic.value.map { fixed($0) } ?? "–" }
  static func markdown(_ text: String) -> String { TableEscaping.escape(text) }
}

/// JSON values of agreement results.
extension JSONValue {
  init(_ statistic: Statistic) { self = statistic.value.map(JSONValue.double) ?? .null }

  init(_ interval: AlphaInterval) {
    self = .object([
      "lower": .double(interval.lower), "upper": .double(interval.upper), "level": .double(interval.level),
      "samples": .int(interval.samples), "seed": .string(String(interval.seed)),
      "pairs_per_sample": .int(interval.pairsPerSample),
      "probability_below": .object(interval.probabilityBelow.mapValues(JSONValue.double)),
    ])
  }

  init(_ scores: RetrievalScores) {
    self = .object([
      "automatic": .string(scores.automatic), "reference": .string(scores.reference),
      "true_positives": .int(scores.truePositives), "false_positives": .int(scores.falsePositives),
      "false_negatives": .int(scores.falseNegatives), "precision": JSONValue(scores.precision),
      "recall": JSONValue(scores.recall), "f1": JSONValue(scores.f1),
    ])
  }

}
