public import Foundation
import KwalModel

/// `--spreadsheet-safe`: CSV cells that a spreadsheet would evaluate as a formula (they begin with
/// `=`, `+`, `-`, `@`, a tab or a carriage return) get a leading `'`, so that Excel, LibreOffice
/// and Google Sheets show them as text (the OWASP advice against CSV injection).
///
/// Numbers (`-3`, `+0.5`) are never changed. The guard changes the cell's text, so a guarded
/// `text` cell no longer equals the document's text at its offsets: it is opt-in, and without it
/// every cell is written exactly.
public enum SpreadsheetSafe {
  /// Whether a spreadsheet would evaluate `cell`.
  public static func needsGuard(_ cell: String) -> Bool {
    guard let first = cell.unicodeScalars.first else { return false }
    switch first {
    case "=", "@", "\t", "\r": return true
    case "+", "-": return Double(cell.trimmingCharacters(in: .whitespaces)) == nil
    default: return false
    }
  }

  /// `cell`, with a leading `'` when a spreadsheet would evaluate it.
  public static func cell(_ cell: String) -> String { needsGuard(cell) ? "'" + cell : cell }

  /// CSV bytes with every cell guarded (`file` names the data in errors).
  public static func data(_ csv: Data, file: String) throws(ExportError) -> Data {
    let table = try CSVTable.parse(csv, file: file)
    guard table.header.contains(where: needsGuard) || table.rows.contains(where: { $0.contains(where: needsGuard) })
    else { return csv }
    return try CSVTable(header: table.header.map(cell), rows: table.rows.map { $0.map(cell) }).csvData()
  }

  /// Rewrites the CSV file at `url` with every cell guarded (atomically; unchanged when no cell
  /// needs it).
  public static func rewrite(_ url: URL) throws(ExportError) {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw ExportError(.missingInput, "cannot read file", at: SourceLocation(file: url.path))
    }
    let safe = try Self.data(data, file: url.path)
    if safe != data { try AtomicFile.write(safe, to: url) }
  }
}
