public import Foundation
public import KwalAnalysis
public import KwalModel
internal import KwalCoding
internal import KwalExport
internal import KwalIngest

/// The output formats of `kwal audit`.
public enum AuditFormat: String, Sendable, CaseIterable {
  /// One line per finding, as compilers print diagnostics.
  case text
  /// One JSON object.
  case json
  /// A CSV table, one row per finding.
  case csv
}

/// The `kwal audit` use case: check a coding output against its codebook and corpus.
public enum AuditCoding {
  /// Reads the coding output (a folder or a codings CSV), the codebook and, when given, the
  /// corpus, and runs every check they allow. Codebook warnings come back as `diagnostics`.
  public static func run(
    coding: URL, codebook codebookURL: URL, corpus: URL? = nil
  ) throws -> (report: AuditReport, diagnostics: [Diagnostic]) {
    // The coded texts are compared only with a corpus's: without one, the codings are read as
    // columns (no record or string per coding).
    var output = try CodingOutput.read(coding, units: false, texts: corpus != nil, columns: corpus == nil)
    let columns = output.columns ?? CodingColumns(output.codings)
    let codedTexts = corpus != nil ? output.codings.map(\.text) : []
    output.codings = []
    let (codebook, diagnostics) = try Codebook.load(contentsOf: codebookURL)
    // The units the checks use, and only those: turns for excluded roles, sentences for
    // agreement drift between coders.
    var unitKinds: Set<UnitKind> = []
    if !codebook.policy.excludeRoles.isEmpty { unitKinds.insert(.turn) }
    if columns.coderIDs.count >= 2 { unitKinds.formUnion([.sentence, .turn]) }
    var units: [UnitRecord] = []
    let unitsURL = coding.appendingPathComponent("units.csv")
    var isFolder: ObjCBool = false
    if !unitKinds.isEmpty, FileManager.default.fileExists(atPath: coding.path, isDirectory: &isFolder),
      isFolder.boolValue, FileManager.default.fileExists(atPath: unitsURL.path)
    {
      units = try CodingFiles.readUnits(unitsURL, kinds: unitKinds)
    }
    var locations: [String: SourceLocation] = [:]
    for code in codebook.codes { if let location = code.location { locations[code.id] = location } }
    var texts: [String: String] = [:]
    if let corpus {
      let wanted = Set(columns.documentIDs)
      let opened = try Corpus.open(corpus)
      for entry in opened.entries where wanted.contains(entry.id) {
        texts[entry.id] = try opened.document(entry).document.text
      }
    }
    let input = AuditInput(
      columns: columns, codedTexts: codedTexts, units: units, documents: output.documents, codebook: codebook.info,
      codebookFile: codebookURL.path, codeLocations: locations,
      rules: codebook.rules.map { (id: $0.id, code: $0.code, location: $0.location) },
      excludeRoles: codebook.policy.excludeRoles, texts: texts, corpusGiven: corpus != nil)
    return (Audit.run(input), diagnostics)
  }

  /// Whether the report has a finding at or above `threshold`.
  public static func fails(_ report: AuditReport, at threshold: Severity) -> Bool {
    report.findings.contains { $0.severity >= threshold }
  }

  /// Renders the report.
  public static func render(_ report: AuditReport, format: AuditFormat) throws -> String {
    func place(_ finding: AuditFinding) -> String {
      var text = finding.location?.description ?? "(all codings)"
      if let start = finding.start, let end = finding.end { text += "@\(start)-\(end)" }
      return text
    }
    switch format {
    case .text:
      var lines = report.findings.map {
        "\(place($0)): \($0.severity.rawValue): \($0.message) [\($0.check), count \($0.count)]"
      }
      let counts = Dictionary(grouping: report.findings, by: \.severity).mapValues(\.count)
      lines.append(
        "kwal audit: \(counts[.error] ?? 0) error(s), \(counts[.warning] ?? 0) warning(s), \(counts[.note] ?? 0) note(s); checked: \(report.checked.joined(separator: ", "))"
      )
      for (check, reason) in report.notChecked.sorted(by: { $0.key < $1.key }) {
        lines.append("  not checked: \(check): \(reason)")
      }
      return lines.joined(separator: "\n") + "\n"
    case .json:
      let findings: [JSONValue] = report.findings.map { finding in
        .object([
          "check": .string(finding.check), "severity": .string(finding.severity.rawValue),
          "file": finding.location.map { .string($0.file) } ?? .null,
          "line": finding.location?.line.map(JSONValue.int) ?? .null,
          "start": finding.start.map(JSONValue.int) ?? .null, "end": finding.end.map(JSONValue.int) ?? .null,
          "count": .int(finding.count), "message": .string(finding.message),
        ])
      }
      return try JSONValue.object([
        "findings": .array(findings), "checked": .array(report.checked.map(JSONValue.string)),
        "not_checked": .object(report.notChecked.mapValues(JSONValue.string)),
      ]).encoded()
    case .csv:
      var table = CSVTable(header: ["severity", "check", "file", "line", "start", "end", "count", "message"])
      for finding in report.findings {
        table.rows.append([
          finding.severity.rawValue, finding.check, finding.location?.file ?? "",
          finding.location?.line.map(String.init) ?? "",
          finding.start.map(String.init) ?? "", finding.end.map(String.init) ?? "", String(finding.count),
          finding.message,
        ])
      }
      return String(decoding: try table.csvData(), as: UTF8.self)
    }
  }
}
