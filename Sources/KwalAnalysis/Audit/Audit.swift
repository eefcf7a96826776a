public import KwalModel

/// One finding of the consistency audit: what check, how serious, where, how many.
public struct AuditFinding: Sendable, Hashable {
  /// The check's id, such as `code-never-applied`.
  public var check: String
  /// How serious it is.
  public var severity: Severity
  /// Where: the codebook (file and line) or a document (with offsets in `start`/`end`).
  public var location: SourceLocation?
  /// The first scalar of the first coding concerned, for document findings.
  public var start: Int?
  /// The scalar after the last of the first coding concerned.
  public var end: Int?
  /// How many codings (or codes, rules) the finding covers.
  public var count: Int
  /// What was found, as one sentence.
  public var message: String

  /// Creates a finding.
  public init(
    check: String, severity: Severity, location: SourceLocation? = nil, start: Int? = nil, end: Int? = nil, count: Int,
    message: String
  ) {
    self.check = check
    self.severity = severity
    self.location = location
    self.start = start
    self.end = end
    self.count = count
    self.message = message
  }
}

/// What the audit looks at: the codings, the corpus structure and the codebook's promises.
public struct AuditInput: Sendable {
  /// The codings (any number of coders), as columns.
  public var codings: CodingColumns
  /// The coded text of each coding, in the order of ``codings``; empty when the texts were not
  /// read (they are compared with the corpus's only when a corpus is given).
  public var codedTexts: [String]
  /// The units of the corpus (`units.csv`), for roles and agreement drift; may be empty.
  public var units: [UnitRecord]
  /// The documents (`documents.csv`), for lengths, dates and phases; may be empty.
  public var documents: [DocumentRecord]
  /// The codebook's codes.
  public var codebook: CodebookInfo
  /// The codebook file, for locations.
  public var codebookFile: String
  /// Where each code is defined in the codebook.
  public var codeLocations: [String: SourceLocation]
  /// The codebook's rules: id, code and where it is defined.
  public var rules: [(id: String, code: String, location: SourceLocation?)]
  /// Roles whose turns must not be coded.
  public var excludeRoles: [SpeakerRole]
  /// Plain texts by document id, when the corpus was given (offsets are then checked exactly).
  public var texts: [String: String]
  /// Whether a corpus was given: a coded document missing from it is then an error (even when
  /// none of them is in it, so `texts` is empty).
  public var corpusGiven: Bool

  /// Creates an input from codings as columns, with their coded texts when they were read.
  public init(
    columns: CodingColumns, codedTexts: [String] = [], units: [UnitRecord] = [], documents: [DocumentRecord] = [],
    codebook: CodebookInfo, codebookFile: String, codeLocations: [String: SourceLocation] = [:],
    rules: [(id: String, code: String, location: SourceLocation?)] = [], excludeRoles: [SpeakerRole] = [],
    texts: [String: String] = [:], corpusGiven: Bool? = nil
  ) {
    self.codings = columns
    self.codedTexts = codedTexts.count == columns.count ? codedTexts : []
    self.units = units
    self.documents = documents
    self.codebook = codebook
    self.codebookFile = codebookFile
    self.codeLocations = codeLocations
    self.rules = rules
    self.excludeRoles = excludeRoles
    self.texts = texts
    self.corpusGiven = corpusGiven ?? !texts.isEmpty
  }

  /// Creates an input from coding records.
  public init(
    codings: [CodingRecord], units: [UnitRecord] = [], documents: [DocumentRecord] = [], codebook: CodebookInfo,
    codebookFile: String, codeLocations: [String: SourceLocation] = [:],
    rules: [(id: String, code: String, location: SourceLocation?)] = [], excludeRoles: [SpeakerRole] = [],
    texts: [String: String] = [:], corpusGiven: Bool? = nil
  ) {
    self.init(
      columns: CodingColumns(codings), codedTexts: codings.contains { !$0.text.isEmpty } ? codings.map(\.text) : [],
      units: units, documents: documents, codebook: codebook, codebookFile: codebookFile,
      codeLocations: codeLocations, rules: rules, excludeRoles: excludeRoles, texts: texts, corpusGiven: corpusGiven)
  }
}

/// The audit's findings, and which checks ran or could not run.
public struct AuditReport: Sendable, Hashable {
  /// The findings, most serious first, then by check and location.
  public var findings: [AuditFinding]
  /// The checks that ran.
  public var checked: [String]
  /// The checks that could not run, with why.
  public var notChecked: [String: String]

  /// The most serious severity found, if any.
  public var worst: Severity? { findings.map(\.severity).max() }
}

/// The consistency audit of a coding output against its codebook.
public enum Audit {
  /// Runs every check that the input allows.
  public static func run(_ input: AuditInput) -> AuditReport {
    var run = Run(input)
    run.codesNeverApplied()
    run.codesNotInCodebook()
    run.rulesNeverFiring()
    run.duplicateSegments()
    run.offsets()
    run.excludedRoles()
    run.coders()
    var findings = run.findings
    let checked = run.checked
    let notChecked = run.notChecked
    findings.sort { lhs, rhs in
      if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
      if lhs.check != rhs.check { return lhs.check < rhs.check }
      let l = lhs.location?.file ?? ""
      let r = rhs.location?.file ?? ""
      if l != r { return l < r }
      if (lhs.location?.line ?? 0) != (rhs.location?.line ?? 0) {
        return (lhs.location?.line ?? 0) < (rhs.location?.line ?? 0)
      }
      if (lhs.start ?? 0) != (rhs.start ?? 0) { return (lhs.start ?? 0) < (rhs.start ?? 0) }
      return lhs.message < rhs.message
    }
    return AuditReport(findings: findings, checked: checked.sorted(), notChecked: notChecked)
  }

  /// The state of one audit: what was found, checked and not checked, one method per check.
  private struct Run {
    let input: AuditInput
    let codings: CodingColumns
    let codebookCodes: [CodeDefinition]
    let known: Set<String>
    /// Per code number: how many codings it has, and its first coding's row.
    var perCode: [Int] = []
    var firstOfCode: [Int] = []
    var findings: [AuditFinding] = []
    var checked: [String] = []
    var notChecked: [String: String] = [:]

    init(_ input: AuditInput) {
      self.input = input
      codings = input.codings
      codebookCodes = input.codebook.codes
      known = Set(codebookCodes.map(\.id))
      perCode = Array(repeating: 0, count: codings.codeIDs.count)
      firstOfCode = Array(repeating: -1, count: codings.codeIDs.count)
      for row in 0..<codings.count {
        let code = Int(codings.code[row])
        if perCode[code] == 0 { firstOfCode[code] = row }
        perCode[code] += 1
      }
    }

    /// Codes never applied.
    mutating func codesNeverApplied() {
      checked.append("code-never-applied")
      var applied = Set<String>()
      for (number, id) in codings.codeIDs.enumerated() where perCode[number] > 0 { applied.insert(id) }
      for code in codebookCodes where code.isCodable && !applied.contains(code.id) {
        findings.append(
          AuditFinding(
            check: "code-never-applied", severity: .warning,
            location: input.codeLocations[code.id] ?? SourceLocation(file: input.codebookFile), count: 0,
            message: "code \"\(code.id)\" was never applied"))
      }
    }

    /// Codes not in the codebook.
    mutating func codesNotInCodebook() {
      checked.append("unknown-code")
      let unknown = codings.codeIDs.indices.filter { perCode[$0] > 0 && !known.contains(codings.codeIDs[$0]) }
      for number in unknown.sorted(by: { codings.codeIDs[$0] < codings.codeIDs[$1] }) {
        let first = firstOfCode[number]
        findings.append(
          AuditFinding(
            check: "unknown-code", severity: .error,
            location: SourceLocation(file: codings.documentIDs[Int(codings.document[first])]),
            start: codings.start[first], end: codings.end[first], count: perCode[number],
            message:
              "code \"\(codings.codeIDs[number])\" is not in the codebook \(input.codebook.name)@\(input.codebook.version)"
          ))
      }
    }

    /// Rules that never fire.
    mutating func rulesNeverFiring() {
      // The lists of rules behind automatic codings, each looked at once.
      let automatic = codings.coderIDs.map { $0.hasPrefix("auto:") }
      var hasAutomatic = false
      var listFired = Array(repeating: false, count: codings.ruleLists.count)
      for row in 0..<codings.count where automatic[Int(codings.coder[row])] {
        hasAutomatic = true
        listFired[Int(codings.rules[row])] = true
      }
      var fired = Set<String>()
      for (number, list) in codings.ruleLists.enumerated() where listFired[number] { fired.formUnion(list) }
      if !hasAutomatic {
        notChecked["rule-never-fires"] = "no automatic (auto:) codings"
      } else if input.rules.isEmpty {
        notChecked["rule-never-fires"] = "the codebook has no rules"
      } else {
        checked.append("rule-never-fires")
        for rule in input.rules where !fired.contains(rule.id) {
          findings.append(
            AuditFinding(
              check: "rule-never-fires", severity: .warning,
              location: rule.location ?? SourceLocation(file: input.codebookFile),
              count: 0, message: "rule \"\(rule.id)\" of code \"\(rule.code)\" never fired"))
        }
      }
    }

    /// Duplicate and zero-length segments.
    mutating func duplicateSegments() {
      checked.append("duplicate-segment")
      checked.append("zero-length-segment")
      var duplicates = Tallies()
      var zeroLength = Tallies()
      for row in 0..<codings.count where codings.start[row] == codings.end[row] {
        zeroLength.add(row, of: codings)
      }
      // The second time a segment is seen (same document, span, code and coder) it is a
      // duplicate, reported once however often it recurs, in file order.
      if let found = Audit.adjacentDuplicates(codings) {
        for row in found { duplicates.add(row, of: codings) }
      } else {
        // Codings not grouped by document and span (another tool's file): every segment in a set.
        struct Segment: Hashable {
          var document: Int32
          var code: Int32
          var coder: Int32
          var start: Int
          var end: Int
        }
        var seen = Set<Segment>()
        seen.reserveCapacity(codings.count)
        var reported = Set<Segment>()
        for row in 0..<codings.count {
          let key = Segment(
            document: codings.document[row], code: codings.code[row], coder: codings.coder[row],
            start: codings.start[row], end: codings.end[row])
          if !seen.insert(key).inserted && reported.insert(key).inserted { duplicates.add(row, of: codings) }
        }
      }
      findings += duplicates.findings(codings, check: "duplicate-segment", severity: .warning) { count, first in
        "\(count) segment(s) coded twice with the same code by the same coder (first: \"\(first.code)\" by \(first.coder))"
      }
      findings += zeroLength.findings(codings, check: "zero-length-segment", severity: .warning) { count, first in
        "\(count) coding(s) cover no text (first: \"\(first.code)\" by \(first.coder))"
      }
    }

    /// Offsets that do not match their text.
    mutating func offsets() {
      var lengths: [Int?] = Array(repeating: nil, count: codings.documentIDs.count)
      if !input.documents.isEmpty {
        let numbers = Dictionary(
          codings.documentIDs.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        // The first row of a document in documents.csv counts.
        for document in input.documents.reversed() {
          if let number = numbers[document.document] { lengths[number] = document.characters }
        }
      }
      if input.texts.isEmpty && input.documents.isEmpty && !input.corpusGiven {
        notChecked["offset-mismatch"] = "give --corpus (or a coding folder with documents.csv) to check offsets"
        return
      }
      checked.append("offset-mismatch")
      checked.append("positions-shifted")
      let scalarTexts: [[Unicode.Scalar]?] = codings.documentIDs.map { id in
        input.texts[id].map { Array($0.unicodeScalars) }
      }
      var mismatches = Tallies()
      for row in 0..<codings.count {
        let document = Int(codings.document[row])
        let end = codings.end[row]
        if let scalars = scalarTexts[document] {
          if end > scalars.count {
            mismatches.add(row, of: codings)
          } else if !input.codedTexts.isEmpty && !input.codedTexts[row].isEmpty {
            let slice = String(String.UnicodeScalarView(scalars[codings.start[row]..<end]))
            if slice != input.codedTexts[row] { mismatches.add(row, of: codings) }
          }
        } else if let length = lengths[document], end > length {
          mismatches.add(row, of: codings)
        }
      }
      findings += Audit.wordBoundaries(codings, texts: scalarTexts)
      findings += mismatches.findings(codings, check: "offset-mismatch", severity: .error) { count, first in
        "\(count) coding(s) whose offsets do not match their text (first: \"\(first.code)\" by \(first.coder) at \(first.start)-\(first.end))"
      }
      if input.corpusGiven {
        let missing = codings.documentIDs.filter { input.texts[$0] == nil }.sorted()
        if !missing.isEmpty {
          findings.append(
            AuditFinding(
              check: "offset-mismatch", severity: .error, location: SourceLocation(file: missing[0]),
              count: missing.count,
              message:
                "\(missing.count) coded document(s) are not in the corpus: \(missing.prefix(5).joined(separator: ", "))"
            ))
        }
      }
    }

    /// Codings in turns of excluded roles.
    mutating func excludedRoles() {
      let turns = input.units.filter { $0.unit == .turn && $0.role != nil }
      if input.excludeRoles.isEmpty {
        notChecked["excluded-role"] = "the codebook excludes no speaker role"
      } else if turns.isEmpty {
        notChecked["excluded-role"] = "no turns with roles in units.csv"
      } else {
        checked.append("excluded-role")
        let excluded = Set(input.excludeRoles)
        var byDocument: [String: [UnitRecord]] = [:]
        for turn in turns where turn.role.map(excluded.contains) == true {
          byDocument[turn.document, default: []].append(turn)
        }
        let turnsOfDocument = codings.documentIDs.map { byDocument[$0] ?? [] }
        var hits = Tallies()
        for row in 0..<codings.count {
          let start = codings.start[row]
          let end = codings.end[row]
          for turn in turnsOfDocument[Int(codings.document[row])] {
            let shared = min(turn.end, end) - max(turn.start, start)
            if shared > 0 && 2 * shared >= end - start {
              hits.add(row, of: codings)
              break
            }
          }
        }
        let roles = input.excludeRoles.map(\.rawValue).joined(separator: ", ")
        findings += hits.findings(codings, check: "excluded-role", severity: .error) { count, first in
          "\(count) coding(s) in \(roles) turns, which the codebook excludes (first: \"\(first.code)\" by \(first.coder))"
        }
      }
      notChecked["exclusion-criteria"] =
        "kwal code applies the executable exclusion criteria and exclude-patterns itself; criteria in words only are for human coders (kwal codebook lint lists them)"
      notChecked["mutually-exclusive"] = "the codebook format declares no mutually exclusive codes"
    }

    /// Coder bias and drift need two coders.
    mutating func coders() {
      if codings.coderIDs.count < 2 {
        notChecked["coder-bias"] = "one coder only"
        notChecked["agreement-drift"] = "one coder only"
      } else {
        checked.append("coder-bias")
        findings += coderBias(codings)
        if input.units.isEmpty {
          notChecked["agreement-drift"] = "no units.csv: agreement per document needs the units"
        } else {
          checked.append("agreement-drift")
          findings += drift(input)
        }
      }
    }
  }

  /// Per document: how many codings a check found, and the first of them (in file order).
  struct Tallies {
    private var byDocument: [Int32: (first: Int, count: Int)] = [:]

    mutating func add(_ row: Int, of codings: CodingColumns) {
      let document = codings.document[row]
      if let known = byDocument[document] {
        byDocument[document] = (known.first, known.count + 1)
      } else {
        byDocument[document] = (row, 1)
      }
    }

    /// One finding per document, located at the document's first coding found, in document order.
    func findings(
      _ codings: CodingColumns, check: String, severity: Severity,
      message: (_ count: Int, _ first: CodingRecord) -> String
    ) -> [AuditFinding] {
      byDocument.sorted { codings.documentIDs[Int($0.key)] < codings.documentIDs[Int($1.key)] }.map { _, tally in
        let first = codings.record(tally.first)
        return AuditFinding(
          check: check, severity: severity, location: SourceLocation(file: first.document), start: first.start,
          end: first.end, count: tally.count, message: message(tally.count, first))
      }
    }
  }

  /// Human selections start and end between words. Per coder and document, with five
  /// segment codings or more: when more than a fifth cut a word in two, the positions look
  /// shifted (an import that counted in another unit, or a corpus edited after coding).
  /// Rule codings (`auto:` coders) are not looked at: their spans are words by construction.
  static func wordBoundaries(_ codings: CodingColumns, texts: [[Unicode.Scalar]?]) -> [AuditFinding] {
    func isWord(_ scalar: Unicode.Scalar) -> Bool {
      scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
    func cuts(_ scalars: [Unicode.Scalar], _ offset: Int) -> Bool {
      offset > 0 && offset < scalars.count && isWord(scalars[offset - 1]) && isWord(scalars[offset])
    }
    struct Key: Hashable, Comparable {
      var document: String
      var coder: String
      static func < (left: Key, right: Key) -> Bool { (left.document, left.coder) < (right.document, right.coder) }
    }
    let automatic = codings.coderIDs.map { $0.hasPrefix("auto:") }
    var looked: [Key: Int] = [:]
    var cut: [Key: (first: Int, count: Int)] = [:]
    for row in 0..<codings.count where codings.unit[row] == .segment && !automatic[Int(codings.coder[row])] {
      let start = codings.start[row]
      let end = codings.end[row]
      guard let scalars = texts[Int(codings.document[row])], end <= scalars.count, start < end else { continue }
      let key = Key(
        document: codings.documentIDs[Int(codings.document[row])], coder: codings.coderIDs[Int(codings.coder[row])])
      looked[key, default: 0] += 1
      if cuts(scalars, start) || cuts(scalars, end) {
        cut[key] = cut[key].map { ($0.first, $0.count + 1) } ?? (row, 1)
      }
    }
    return cut.keys.sorted().compactMap { key in
      guard let (firstRow, count) = cut[key], let total = looked[key], total >= 5, count * 5 > total else {
        return nil
      }
      let first = codings.record(firstRow)
      return AuditFinding(
        check: "positions-shifted", severity: .warning, location: SourceLocation(file: key.document),
        start: first.start, end: first.end, count: count,
        message:
          "\(count) of \(total) codings by \(key.coder) cut a word in two (first at \(first.start)-\(first.end)): "
          + "the positions look shifted (imported in another counting, or the text changed since coding)")
    }
  }

  /// Per code: does one coder use it far more or less often than the others? A chi-square test
  /// of homogeneity on coders × (this code, other codes), over the documents every coder coded;
  /// reported when p < 0.01 and the highest share is at least twice the lowest.
  static func coderBias(_ codings: CodingColumns) -> [AuditFinding] {
    let coders = codings.coderIDs
    // The documents every coder coded.
    var coderCount = Array(repeating: 0, count: codings.documentIDs.count)
    var seen = Set<Int64>()
    for row in 0..<codings.count {
      let document = Int(codings.document[row])
      if seen.insert(Int64(document) << 32 | Int64(codings.coder[row])).inserted { coderCount[document] += 1 }
    }
    let common = coderCount.map { $0 == coders.count }
    var totals = Array(repeating: 0, count: coders.count)
    var counts = Array(repeating: Array(repeating: 0, count: coders.count), count: codings.codeIDs.count)
    var grandCount = 0
    for row in 0..<codings.count where common[Int(codings.document[row])] {
      let coder = Int(codings.coder[row])
      totals[coder] += 1
      counts[Int(codings.code[row])][coder] += 1
      grandCount += 1
    }
    let grand = Double(grandCount)
    guard grand > 0 else { return [] }
    var findings: [AuditFinding] = []
    for code in codings.codeIDs.indices.sorted(by: { codings.codeIDs[$0] < codings.codeIDs[$1] }) {
      let byCoder = counts[code]
      let codeCount = byCoder.reduce(0, +)
      guard codeCount > 0 else { continue }
      let codeTotal = Double(codeCount)
      var statistic = 0.0
      var minimumExpected = Double.infinity
      var shares: [(String, Double)] = []
      for coder in coders.indices {
        let n = Double(totals[coder])
        guard n > 0 else { continue }
        let observed = Double(byCoder[coder])
        let expected = n * codeTotal / grand
        let expectedOther = n * (grand - codeTotal) / grand
        minimumExpected = min(minimumExpected, expected)
        if expected > 0 { statistic += (observed - expected) * (observed - expected) / expected }
        if expectedOther > 0 {
          statistic += (n - observed - expectedOther) * (n - observed - expectedOther) / expectedOther
        }
        shares.append((coders[coder], observed / n))
      }
      guard shares.count >= 2 else { continue }
      let degrees = shares.count - 1
      let p = Statistics.chiSquarePValue(statistic, degrees: degrees)
      let high = shares.max { $0.1 < $1.1 } ?? shares[0]
      let low = shares.min { $0.1 < $1.1 } ?? shares[0]
      guard p < 0.01, high.1 >= 2 * low.1 else { continue }
      let percent = shares.map { "\($0.0) \(format(100 * $0.1))%" }.joined(separator: ", ")
      let caveat = minimumExpected < 5 ? "; some expected counts are below 5, so p is approximate" : ""
      findings.append(
        AuditFinding(
          check: "coder-bias", severity: .warning, location: nil, count: codeCount,
          message:
            "code \"\(codings.codeIDs[code])\": \(high.0) uses it far more often than \(low.0) (share of each coder's codings: \(percent); χ² = \(format(statistic)), df = \(degrees), p \(formatP(p))\(caveat))"
        ))
    }
    return findings
  }

  /// Alpha over the code sets per phase (the documents' `phase` attribute) or, without phases,
  /// per half of the documents in date order; a spread of 0.2 or more is reported.
  static func drift(_ input: AuditInput) -> [AuditFinding] {
    let codings = input.codings
    var groupOf: [String: String] = [:]
    let phased = input.documents.filter { $0.attributes["phase"] != nil }
    let grouping: String
    if !phased.isEmpty {
      grouping = "phase"
      for document in phased { groupOf[document.document] = "phase \(document.attributes["phase"] ?? "")" }
    } else {
      grouping = "half of the documents in date order"
      let dates = Dictionary(
        input.documents.map { ($0.document, $0.date ?? "") }, uniquingKeysWith: { first, _ in first })
      let documents = codings.documentIDs.sorted { (dates[$0] ?? "", $0) < (dates[$1] ?? "", $1) }
      guard documents.count >= 4 else { return [] }
      for (index, document) in documents.enumerated() {
        groupOf[document] = index < documents.count / 2 ? "first half" : "second half"
      }
    }
    let groupOfDocument = codings.documentIDs.map { groupOf[$0] }
    var values: [(String, Double, Int)] = []
    for group in Set(groupOf.values).sorted() {
      let members = Set(groupOf.filter { $0.value == group }.keys)
      var records: [CodingRecord] = []
      for row in 0..<codings.count where groupOfDocument[Int(codings.document[row])] == group {
        records.append(codings.record(row))
      }
      let units = input.units.filter { members.contains($0.document) }
      guard
        let report = try? CodingAgreement.compare(
          coders: codings.coderIDs, codings: records, units: units, options: CodingAgreementOptions(unit: .sentence)),
        let alpha = report.overallAlpha.value, report.units > 0
      else { continue }
      values.append((group, alpha, report.units))
    }
    guard values.count >= 2, let high = values.max(by: { $0.1 < $1.1 }), let low = values.min(by: { $0.1 < $1.1 }),
      high.1 - low.1 >= 0.2
    else { return [] }
    let list = values.map { "\($0.0): \(format($0.1)) (\($0.2) sentences)" }.joined(separator: ", ")
    return [
      AuditFinding(
        check: "agreement-drift", severity: .warning, location: nil, count: values.count,
        message:
          "agreement (alpha over code sets, sentence units) drifts by \(format(high.1 - low.1)) across the \(grouping): \(list)"
      )
    ]
  }

  static func format(_ value: Double) -> String {
    let scaled = (value * 1000).rounded() / 1000
    return "\(scaled)"
  }

  static func formatP(_ p: Double) -> String { p < 0.0001 ? "< 0.0001" : "= \((p * 10000).rounded() / 10000)" }
}

extension Audit {
  /// The duplicate segments of codings whose segments with one document and span lie next to
  /// each other (as in a Kwal output, sorted by document and position): the row of each
  /// segment's second occurrence, in order, found by comparing a coding with the few before it
  /// on the same span. Nil when the codings are not so grouped (a document's codings apart, or
  /// its spans out of order).
  static func adjacentDuplicates(_ codings: CodingColumns) -> [Int]? {
    var found: [Int] = []
    var closed = Array(repeating: false, count: codings.documentIDs.count)
    var groupStart = 0
    for row in 0..<codings.count {
      let document = codings.document[row]
      let span = (codings.start[row], codings.end[row])
      if row > 0 {
        let previous = codings.document[row - 1]
        if previous == document {
          let previousSpan = (codings.start[row - 1], codings.end[row - 1])
          if span < previousSpan { return nil }
          if span != previousSpan { groupStart = row }
        } else {
          closed[Int(previous)] = true
          if closed[Int(document)] { return nil }
          groupStart = row
        }
      }
      // The same code by the same coder earlier on this span: once is a duplicate, twice was
      // reported already.
      var earlier = 0
      for other in groupStart..<row
      where codings.code[other] == codings.code[row] && codings.coder[other] == codings.coder[row] {
        earlier += 1
      }
      if earlier == 1 { found.append(row) }
    }
    return found
  }
}
