internal import Foundation

/// The short human summary `kwal code` prints: documents and codings per case, and each case's
/// profile by top-level code.
public enum SummaryText {
  /// Renders the summary of a coding run written to `output`.
  public static func render(_ summary: CodeRunSummary, output: String) -> String {
    let cases = summary.documentsPerCase.keys.sorted()
    var lines: [String] = []
    lines.append(
      "kwal: coded \(summary.documents) document(s) with \(summary.codebook): \(summary.codings) coding(s), \(summary.tokens) tokens"
    )
    for name in cases {
      let codings = summary.counts.values.reduce(0) { $0 + ($1[name] ?? 0) }
      lines.append(
        "  case \(name.isEmpty ? "(none)" : name): \(summary.documentsPerCase[name] ?? 0) document(s), \(codings) coding(s)"
      )
    }
    // Profile by top-level code: the share of each case's codings under each root.
    var rootOrder: [String] = []
    for code in summary.codes where !rootOrder.contains(code.root) { rootOrder.append(code.root) }
    let rootOf = Dictionary(summary.codes.map { ($0.id, $0.root) }, uniquingKeysWith: { first, _ in first })
    var perRoot: [String: [String: Int]] = [:]
    for (code, byCase) in summary.counts {
      let root = rootOf[code] ?? code
      if !rootOrder.contains(root) { rootOrder.append(root) }
      for (name, count) in byCase { perRoot[root, default: [:]][name, default: 0] += count }
    }
    let roots = rootOrder.filter { perRoot[$0] != nil }
    if !roots.isEmpty && !cases.isEmpty {
      lines.append("")
      lines.append("Profile by top-level code (share of each case's codings):")
      let width = max(12, roots.map(\.count).max() ?? 12)
      let header =
        "  " + "code".padding(toLength: width, withPad: " ", startingAt: 0)
        + cases.map { " " + String($0.prefix(12)).leftPadded(12) }.joined()
      lines.append(header)
      var caseTotals: [String: Int] = [:]
      for name in cases { caseTotals[name] = roots.reduce(0) { $0 + (perRoot[$1]?[name] ?? 0) } }
      for root in roots {
        var line = "  " + root.padding(toLength: width, withPad: " ", startingAt: 0)
        for name in cases {
          let count = perRoot[root]?[name] ?? 0
          let total = caseTotals[name] ?? 0
          let share = total > 0 ? Double(count) * 100 / Double(total) : 0
          line += " " + "\(count) (\(Int(share.rounded()))%)".leftPadded(12)
        }
        lines.append(line)
      }
    }
    lines.append("")
    if summary.suggestions > 0 {
      lines.append(
        "The learned cues suggest \(summary.suggestions) more coding(s) where no rule coded: suggestions.csv "
          + "(not counted above; review them, or count them with --with-suggestions).")
    }
    if summary.reused > 0 {
      lines.append(
        "\(summary.reused) of \(summary.documents) document(s) unchanged since the folder's last run (same bytes, "
          + "manifest entry, codebook and Kwal): their rows were kept, not coded again (--full codes all).")
    }
    if summary.partiallyRecoded > 0 {
      let codes = summary.recodedCodes
      let which =
        codes.isEmpty
        ? "no code changed how it codes: their rows were kept"
        : "only the \(codes.count) code(s) whose rules or cues changed were coded again "
          + "(\(codes.prefix(5).joined(separator: ", "))\(codes.count > 5 ? ", …" : "")), the other codes' rows kept"
      lines.append(
        "\(summary.partiallyRecoded) of \(summary.documents) document(s) unchanged since the folder's last run, "
          + "under an edited codebook: \(which) (--full codes all).")
    }
    if summary.kept > 0 {
      lines.append(
        "\(summary.kept) of \(summary.documents) document(s) unchanged since the folder's last run, in which no "
          + "rule of the edited code(s) can fire (their words hold none of the rules' words): not read again, "
          + "their rows kept (--full codes all).")
    }
    if summary.unread > 0 {
      lines.append(
        "\(summary.unread) of those file(s) were not read: device, inode, size and times as the last run found them.")
    }
    lines.append("Outputs in \(output)/: " + summary.outputs.map(\.lastPathComponent).joined(separator: ", "))
    if summary.run > 0 { lines.append("Logged as run \(summary.run) of the folder (kwal runs \(output)).") }
    return lines.joined(separator: "\n")
  }
}

extension String {
  func leftPadded(_ width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
