public import Foundation
public import KwalAnalysis
internal import KwalModel

/// `kwal diff` and `kwal runs` output: CSV for scripts, Markdown and JSON with a per-code summary.
public enum DiffRendering {
  /// The columns of `kwal diff --format csv`.
  public static let columns = [
    "change", "document", "start", "end", "code", "case", "unit", "rule", "text", "coder", "previous_rule", "review",
  ]

  /// Renders `diff` between the sets named `before` and `after`.
  public static func render(_ diff: CodingDiff, before: String, after: String, format: String) throws(ExportError)
    -> Data
  {
    let rows = diff.rows.map { row in
      [
        row.change.rawValue, row.coding.document, String(row.coding.start), String(row.coding.end), row.coding.code,
        row.coding.caseName, row.coding.unit.rawValue, row.coding.rules.joined(separator: "|"), row.coding.text,
        row.coding.coder, row.previousRules.joined(separator: "|"), row.review,
      ]
    }
    switch format {
    case "csv":
      return try CSVTable(header: columns, rows: rows).csvData()
    case "json":
      let summary = diff.summary.map { entry in
        JSONValue.object([
          "code": .string(entry.code), "before": .int(entry.before), "after": .int(entry.after),
          "gained": .int(entry.gained), "lost": .int(entry.lost), "rule_changed": .int(entry.ruleChanged),
        ])
      }
      let changes = rows.map { row in JSONValue.object(Dictionary(uniqueKeysWithValues: zip(columns, row.map(json)))) }
      let value = JSONValue.object([
        "before": .string(before), "after": .string(after), "gained": .int(diff.rows.count { $0.change == .gained }),
        "lost": .int(diff.rows.count { $0.change == .lost }), "summary": .array(summary), "changes": .array(changes),
      ])
      return Data(try value.encoded().utf8)
    case "md":
      var lines = [
        "# Codings from \(before) to \(after)", "",
        "\(diff.rows.count { $0.change == .gained }) gained, \(diff.rows.count { $0.change == .lost }) lost"
          + " (a coding is its document, start, end and code).", "",
        "| code | before | after | gained | lost | rule changed |", "| --- | ---: | ---: | ---: | ---: | ---: |",
      ]
      for entry in diff.summary where entry.gained + entry.lost + entry.ruleChanged > 0 {
        lines.append(
          "| \(TableEscaping.escape(entry.code)) | \(entry.before) | \(entry.after) | \(entry.gained) | \(entry.lost) | \(entry.ruleChanged) |"
        )
      }
      if !diff.rows.isEmpty {
        lines += [
          "", "| change | document | start | end | code | rule | text |",
          "| --- | --- | ---: | ---: | --- | --- | --- |",
        ]
        for row in diff.rows {
          let rule =
            row.change == .rule
            ? "\(row.previousRules.joined(separator: "|")) → \(row.coding.rules.joined(separator: "|"))"
            : row.coding.rules.joined(separator: "|")
          lines.append(
            "| \(row.change.rawValue) | \(TableEscaping.escape(row.coding.document)) | \(row.coding.start) | \(row.coding.end) | \(TableEscaping.escape(row.coding.code)) | \(TableEscaping.escape(rule)) | \(TableEscaping.escape(row.coding.text)) |"
          )
        }
      }
      return Data((lines.joined(separator: "\n") + "\n").utf8)
    default:
      throw ExportError(.usage, "unknown format \"\(format)\" (csv, md or json)")
    }
  }

  /// A plain table as `csv`, `md` or `json` (an array of objects, numbers as numbers).
  public static func table(header: [String], rows: [[String]], format: String) throws(ExportError) -> Data {
    switch format {
    case "csv":
      return try CSVTable(header: header, rows: rows).csvData()
    case "json":
      let objects = rows.map { row in JSONValue.object(Dictionary(uniqueKeysWithValues: zip(header, row.map(json)))) }
      return Data(try JSONValue.array(objects).encoded().utf8)
    case "md":
      var lines = [
        "| " + header.joined(separator: " | ") + " |", "|" + String(repeating: " --- |", count: header.count),
      ]
      for row in rows { lines.append("| " + row.map(TableEscaping.escape).joined(separator: " | ") + " |") }
      return Data((lines.joined(separator: "\n") + "\n").utf8)
    default:
      throw ExportError(.usage, "unknown format \"\(format)\" (csv, md or json)")
    }
  }

  /// A cell as JSON: integers as numbers, empty as null, the rest as strings.
  private static func json(_ cell: String) -> JSONValue {
    if cell.isEmpty { return .null }
    if let value = Int(cell), String(value) == cell { return .int(value) }
    return .string(cell)
  }
}
