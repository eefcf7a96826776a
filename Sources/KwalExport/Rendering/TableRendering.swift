public import KwalAnalysis

/// JSON and Markdown of result tables (CSV and TSV: ``CSVTable``): the one place they are rendered.
extension TableValue {
  /// The value as JSON.
  public var json: String {
    switch self {
    case .text(let text): return JSONText.quote(text)
    case .integer(let value): return String(value)
    case .flag(let value): return value ? "true" : "false"
    case .missing: return "null"
    case .number(let value): return TableValue.format(value) ?? "null"
    }
  }
}

extension ResultTable {
  /// The table as JSON: `{"title", "about": {...}, "columns": [...], "rows": [{column: value}], "notes"}`,
  /// keys in column order, so pandas' `json_normalize(doc["rows"])` gives the CSV table back.
  public func json() -> String {
    var text = "{\n  \"title\": \(JSONText.quote(title)),\n  \"about\": {"
    text += about.map { "\n    \(JSONText.quote($0.key)): \($0.value.json)" }.joined(separator: ",")
    text += about.isEmpty ? "},\n" : "\n  },\n"
    text += "  \"columns\": [" + columns.map(JSONText.quote).joined(separator: ", ") + "],\n"
    text += "  \"rows\": ["
    text += rows.map { row in
      "\n    {" + zip(columns, row).map { "\(JSONText.quote($0)): \($1.json)" }.joined(separator: ", ") + "}"
    }.joined(separator: ",")
    text += rows.isEmpty ? "],\n" : "\n  ],\n"
    text += "  \"notes\": [" + notes.map(JSONText.quote).joined(separator: ", ") + "]\n}\n"
    return text
  }

  /// The table as GitHub-flavoured Markdown: a heading, the table (numbers right-aligned), the facts
  /// and notes.
  public func markdown() -> String {
    var text = "## \(title)\n\n"
    if !about.isEmpty {
      text += about.map { "- \($0.key): \($0.value.display)" }.joined(separator: "\n") + "\n\n"
    }
    let numeric = columns.indices.map { column in
      !rows.isEmpty && rows.allSatisfy { $0[column].isNumeric || $0[column] == .missing }
    }
    text += "| " + columns.map(TableEscaping.escape).joined(separator: " | ") + " |\n"
    text += "|" + numeric.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
    for row in rows {
      text += "| " + row.map { TableEscaping.escape($0.display) }.joined(separator: " | ") + " |\n"
    }
    if !notes.isEmpty { text += "\n" + notes.map { "- \($0)" }.joined(separator: "\n") + "\n" }
    return text
  }
}

/// JSON string quoting (RFC 8259), by construction.
public enum JSONText {
  public static func quote(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }
}

/// Escaping for Markdown table cells and HTML.
public enum TableEscaping {
  /// A table cell: pipes escaped, line breaks as spaces.
  public static func escape(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "|": result += "\\|"
      case "\n", "\r", "\r\n": result += " "
      default: result.append(character)
      }
    }
    return result
  }

  /// Text for HTML element content and attribute values.
  public static func html(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.append(character)
      }
    }
    return result
  }
}
