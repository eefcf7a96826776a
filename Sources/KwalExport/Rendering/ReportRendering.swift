public import KwalAnalysis

/// Markdown and HTML of the framework matrix and keyword-in-context lines.
extension FrameworkMatrix {
  func quoteLine(_ quote: FrameworkQuote) -> String {
    "“\(quote.text)” (\(quote.document):\(quote.start)-\(quote.end))"
      + quote.memos.map { " [memo: \($0)]" }.joined()
  }

  /// The matrix as a Markdown table: one row per case, one column per code.
  public func markdown() -> String {
    var text = "## Framework matrix: \(by) x codes\n\n"
    text += "| \(TableEscaping.escape(by)) | " + codes.map(TableEscaping.escape).joined(separator: " | ") + " |\n"
    text += "| --- |" + String(repeating: " --- |", count: codes.count) + "\n"
    for (row, name) in rows.enumerated() {
      let cellTexts = codes.indices.map { column -> String in
        let quotes = cells[row][column]
        if quotes.isEmpty { return "–" }
        let more = counts[row][column] - quotes.count
        let lines = quotes.map { TableEscaping.escape(quoteLine($0)) }
        return lines.joined(separator: "<br>") + (more > 0 ? "<br>(+\(more) more)" : "")
      }
      text += "| \(TableEscaping.escape(name)) | " + cellTexts.joined(separator: " | ") + " |\n"
    }
    text += "\n- " + FrameworkMatrix.rankingNote + "\n"
    return text
  }

  /// The matrix as a self-contained HTML page (text escaped by construction).
  public func html() -> String {
    var text = """
      <!DOCTYPE html>
      <html lang="nl">
      <head>
      <meta charset="utf-8">
      <title>Framework matrix</title>
      <style>
      table { border-collapse: collapse; } th, td { border: 1px solid #999; padding: 4px; vertical-align: top; }
      td p { margin: 0 0 6px 0; } .where { color: #666; font-size: smaller; } .memo { color: #735; font-size: smaller; }
      </style>
      </head>
      <body>
      <h1>Framework matrix: \(TableEscaping.html(by)) x codes</h1>
      <table>
      <thead><tr><th>\(TableEscaping.html(by))</th>
      """
    for (column, code) in codes.enumerated() {
      text += "<th title=\"\(TableEscaping.html(labels[column]))\">\(TableEscaping.html(code))</th>"
    }
    text += "</tr></thead>\n<tbody>\n"
    for (row, name) in rows.enumerated() {
      text += "<tr><th>\(TableEscaping.html(name))</th>"
      for column in codes.indices {
        text += "<td>"
        for quote in cells[row][column] {
          text +=
            "<p>“\(TableEscaping.html(quote.text))” <span class=\"where\">\(TableEscaping.html(quote.document)):\(quote.start)-\(quote.end)</span>"
            + quote.memos.map { "<br><span class=\"memo\">memo: \(TableEscaping.html($0))</span>" }.joined() + "</p>"
        }
        let more = counts[row][column] - cells[row][column].count
        if more > 0 { text += "<p class=\"where\">(+\(more) more)</p>" }
        text += "</td>"
      }
      text += "</tr>\n"
    }
    text += "</tbody>\n</table>\n<p>\(TableEscaping.html(FrameworkMatrix.rankingNote))</p>\n</body>\n</html>\n"
    return text
  }
}

extension KWICReport {
  /// A Markdown table with the left context right-aligned and the keyword centred.
  public func markdown() -> String {
    var text = "## \(table().title)\n\n| place | left | keyword | right |\n| --- | ---: | :---: | :--- |\n"
    for line in lines {
      text +=
        "| \(TableEscaping.escape("\(line.document):\(line.start)-\(line.end)" + (line.placeNote.isEmpty ? "" : " (\(line.placeNote))"))) | \(TableEscaping.escape(line.left)) | **\(TableEscaping.escape(line.keyword))** | \(TableEscaping.escape(line.right)) |\n"
    }
    return text
  }
}
