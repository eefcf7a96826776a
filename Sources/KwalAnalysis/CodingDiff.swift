public import KwalModel

/// What changed between two sets of codings (two runs, two folders): every coding gained or
/// lost, keyed by document, start, end and code.
///
/// A coding whose span and code stayed but whose rule changed is not a change; ``Change/rule``
/// marks it, for those who ask for all differences. The coder is not part of the key, so two
/// versions of one codebook (`auto:x@1.0` and `auto:x@1.1`) compare coding for coding.
public struct CodingDiff: Sendable {
  /// How a coding changed.
  public enum Change: String, Sendable, Hashable {
    /// In the second set only.
    case gained = "+"
    /// In the first set only.
    case lost = "-"
    /// In both, made by other rules.
    case rule = "~"
  }

  /// One changed coding.
  public struct Row: Sendable, Hashable {
    public var change: Change
    /// The coding as it is in the set it is in (the second for a rule change).
    public var coding: CodingRecord
    /// For a rule change: the rules in the first set.
    public var previousRules: [String]
    /// A reviewer's decision on the coding (`accept`, `reject`), when the caller knows one.
    public var review = ""
  }

  /// The codings per code before and after, and what changed.
  public struct CodeSummary: Sendable, Hashable {
    public var code: String
    public var before: Int
    public var after: Int
    public var gained: Int
    public var lost: Int
    /// Codings whose rule changed (span and code the same).
    public var ruleChanged: Int
  }

  /// The changes in output order (document, start, end, code; lost before gained).
  public var rows: [Row]
  /// One entry per code that occurs in either set, sorted by code.
  public var summary: [CodeSummary]

  private struct Key: Hashable {
    var document: String
    var start: Int
    var end: Int
    var code: String
  }

  /// Compares `before` with `after`; `includeRuleChanges` lists codings whose rules changed too.
  public init(before: [CodingRecord], after: [CodingRecord], includeRuleChanges: Bool = false) {
    func index(_ codings: [CodingRecord]) -> [Key: CodingRecord] {
      var byKey: [Key: CodingRecord] = [:]
      for coding in codings {
        let key = Key(document: coding.document, start: coding.start, end: coding.end, code: coding.code)
        // One coding per key: the first in output order (a second coder's copy of it adds nothing here).
        if let known = byKey[key], !CodingRecord.outputOrder(coding, known) { continue }
        byKey[key] = coding
      }
      return byKey
    }
    let old = index(before)
    let new = index(after)
    var rows: [Row] = []
    var summary: [String: CodeSummary] = [:]
    func count(_ code: String, _ update: (inout CodeSummary) -> Void) {
      var entry =
        summary[code] ?? CodeSummary(code: code, before: 0, after: 0, gained: 0, lost: 0, ruleChanged: 0)
      update(&entry)
      summary[code] = entry
    }
    for (key, coding) in old {
      count(key.code) { $0.before += 1 }
      guard let now = new[key] else {
        rows.append(Row(change: .lost, coding: coding, previousRules: []))
        count(key.code) { $0.lost += 1 }
        continue
      }
      if now.rules != coding.rules {
        count(key.code) { $0.ruleChanged += 1 }
        if includeRuleChanges { rows.append(Row(change: .rule, coding: now, previousRules: coding.rules)) }
      }
    }
    for (key, coding) in new {
      count(key.code) { $0.after += 1 }
      if old[key] == nil {
        rows.append(Row(change: .gained, coding: coding, previousRules: []))
        count(key.code) { $0.gained += 1 }
      }
    }
    let rank: [Change: Int] = [.lost: 0, .rule: 1, .gained: 2]
    self.rows = rows.sorted { lhs, rhs in
      let left = lhs.coding
      let right = rhs.coding
      if left.document != right.document { return left.document < right.document }
      if left.start != right.start { return left.start < right.start }
      if left.end != right.end { return left.end < right.end }
      if left.code != right.code { return left.code < right.code }
      return rank[lhs.change, default: 0] < rank[rhs.change, default: 0]
    }
    self.summary = summary.values.sorted { $0.code < $1.code }
  }
}
