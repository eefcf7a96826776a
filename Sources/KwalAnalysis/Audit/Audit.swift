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
  /// The codings (any number of coders).
  public var codings: [CodingRecord]
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

  /// Creates an input.
  public init(
    codings: [CodingRecord], units: [UnitRecord] = [], documents: [DocumentRecord] = [], codebook: CodebookInfo,
    codebookFile: String, codeLocations: [String: SourceLocation] = [:],
    rules: [(id: String, code: String, location: SourceLocation?)] = [], excludeRoles: [SpeakerRole] = [],
    texts: [String: String] = [:], corpusGiven: Bool? = nil
  ) {
    self.codings = codings
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
    let codings: [CodingRecord]
    let codebookCodes: [CodeDefinition]
    let known: Set<String>
    var perCode: [String: Int] = [:]
    var findings: [AuditFinding] = []
    var checked: [String] = []
    var notChecked: [String: String] = [:]

    init(_ input: AuditInput) {
      self.input = input
      codings = input.codings
      codebookCodes = input.codebook.codes
      known = Set(codebookCodes.map(\.id))
      for coding in codings { perCode[coding.code, default: 0] += 1 }
    }

    /// Codes never applied.
    mutating func codesNeverApplied() {
      checked.append("code-never-applied")
      for code in codebookCodes where code.isCodable && perCode[code.id] == nil {
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
      for (code, count) in perCode.sorted(by: { $0.key < $1.key }) where !known.contains(code) {
        let first = codings.first { $0.code == code }
        findings.append(
          AuditFinding(
            check: "unknown-code", severity: .error, location: first.map { SourceLocation(file: $0.document) },
            start: first?.start, end: first?.end, count: count,
            message: "code \"\(code)\" is not in the codebook \(input.codebook.name)@\(input.codebook.version)"))
      }
    }

    /// Rules that never fire.
    mutating func rulesNeverFiring() {
      // The rules behind automatic codings (walked once, not copied out).
      var hasAutomatic = false
      var fired = Set<String>()
      for coding in codings where coding.coder.hasPrefix("auto:") {
        hasAutomatic = true
        for rule in coding.rules { fired.insert(rule) }
      }
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
      var duplicates: [String: [CodingRecord]] = [:]
      var zeroLength: [String: [CodingRecord]] = [:]
      for coding in codings where coding.start == coding.end {
        zeroLength[coding.document, default: []].append(coding)
      }
      // The second time a segment is seen (same document, span, code and coder) it is a
      // duplicate, reported once however often it recurs, in file order.
      if let found = Audit.adjacentDuplicates(codings) {
        for index in found { duplicates[codings[index].document, default: []].append(codings[index]) }
      } else {
        // Codings not grouped by document and span (another tool's file): every segment in a set.
        struct Segment: Hashable {
          var address: CodingAddress
          var coder: String
        }
        var seen = Set<Segment>()
        seen.reserveCapacity(codings.count)
        var reported = Set<Segment>()
        for coding in codings {
          let key = Segment(address: CodingAddress(coding), coder: coding.coder)
          if !seen.insert(key).inserted && reported.insert(key).inserted {
            duplicates[coding.document, default: []].append(coding)
          }
        }
      }
      findings += perDocument(duplicates, check: "duplicate-segment", severity: .warning) { list, first in
        "\(list.count) segment(s) coded twice with the same code by the same coder (first: \"\(first.code)\" by \(first.coder))"
      }
      findings += perDocument(zeroLength, check: "zero-length-segment", severity: .warning) { list, first in
        "\(list.count) coding(s) cover no text (first: \"\(first.code)\" by \(first.coder))"
      }
    }

    /// Offsets that do not match their text.
    mutating func offsets() {
      let lengths = Dictionary(
        input.documents.map { ($0.document, $0.characters) }, uniquingKeysWith: { first, _ in first })
      if input.texts.isEmpty && lengths.isEmpty && !input.corpusGiven {
        notChecked["offset-mismatch"] = "give --corpus (or a coding folder with documents.csv) to check offsets"
      } else {
        checked.append("offset-mismatch")
        checked.append("positions-shifted")
        var scalarTexts: [String: [Unicode.Scalar]] = [:]
        for (document, text) in input.texts { scalarTexts[document] = Array(text.unicodeScalars) }
        var mismatches: [String: [CodingRecord]] = [:]
        for coding in codings {
          if let scalars = scalarTexts[coding.document] {
            if coding.end > scalars.count {
              mismatches[coding.document, default: []].append(coding)
            } else if !coding.text.isEmpty {
              let slice = String(String.UnicodeScalarView(scalars[coding.start..<coding.end]))
              if slice != coding.text { mismatches[coding.document, default: []].append(coding) }
            }
          } else if let length = lengths[coding.document], coding.end > length {
            mismatches[coding.document, default: []].append(coding)
          }
        }
        findings += wordBoundaries(codings, texts: scalarTexts)
        findings += perDocument(mismatches, check: "offset-mismatch", severity: .error) { list, first in
          "\(list.count) coding(s) whose offsets do not match their text (first: \"\(first.code)\" by \(first.coder) at \(first.start)-\(first.end))"
        }
        if input.corpusGiven {
          let missing = Set(codings.map(\.document)).subtracting(input.texts.keys).sorted()
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
        var hits: [String: [CodingRecord]] = [:]
        for coding in codings {
          guard let list = byDocument[coding.document] else { continue }
          for turn in list {
            let shared = min(turn.end, coding.end) - max(turn.start, coding.start)
            if shared > 0 && 2 * shared >= coding.end - coding.start {
              hits[coding.document, default: []].append(coding)
              break
            }
          }
        }
        let roles = input.excludeRoles.map(\.rawValue).joined(separator: ", ")
        findings += perDocument(hits, check: "excluded-role", severity: .error) { list, first in
          "\(list.count) coding(s) in \(roles) turns, which the codebook excludes (first: \"\(first.code)\" by \(first.coder))"
        }
      }
      notChecked["exclusion-criteria"] =
        "kwal code applies the executable exclusion criteria and exclude-patterns itself; criteria in words only are for human coders (kwal codebook lint lists them)"
      notChecked["mutually-exclusive"] = "the codebook format declares no mutually exclusive codes"
    }

    /// Coder bias and drift need two coders.
    mutating func coders() {
      let coders = orderedCoders(codings)
      if coders.count < 2 {
        notChecked["coder-bias"] = "one coder only"
        notChecked["agreement-drift"] = "one coder only"
      } else {
        checked.append("coder-bias")
        findings += coderBias(codings, coders: coders)
        if input.units.isEmpty {
          notChecked["agreement-drift"] = "no units.csv: agreement per document needs the units"
        } else {
          checked.append("agreement-drift")
          findings += drift(input, coders: coders)
        }
      }
    }
  }

  /// One finding per document, located at the document's first listed coding, in document order.
  static func perDocument(
    _ codingsByDocument: [String: [CodingRecord]], check: String, severity: Severity,
    message: (_ list: [CodingRecord], _ first: CodingRecord) -> String
  ) -> [AuditFinding] {
    codingsByDocument.sorted { $0.key < $1.key }.compactMap { document, list in
      guard let first = list.first else { return nil }
      return AuditFinding(
        check: check, severity: severity, location: SourceLocation(file: document), start: first.start,
        end: first.end, count: list.count, message: message(list, first))
    }
  }

  /// Human selections start and end between words. Per coder and document, with five
  /// segment codings or more: when more than a fifth cut a word in two, the positions look
  /// shifted (an import that counted in another unit, or a corpus edited after coding).
  /// Rule codings (`auto:` coders) are not looked at: their spans are words by construction.
  static func wordBoundaries(_ codings: [CodingRecord], texts: [String: [Unicode.Scalar]]) -> [AuditFinding] {
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
    var looked: [Key: Int] = [:]
    var cut: [Key: [CodingRecord]] = [:]
    for coding in codings where coding.unit == .segment && !coding.coder.hasPrefix("auto:") {
      guard let scalars = texts[coding.document], coding.end <= scalars.count, coding.start < coding.end else {
        continue
      }
      let key = Key(document: coding.document, coder: coding.coder)
      looked[key, default: 0] += 1
      if cuts(scalars, coding.start) || cuts(scalars, coding.end) { cut[key, default: []].append(coding) }
    }
    return cut.keys.sorted().compactMap { key in
      guard let list = cut[key], let first = list.first, let total = looked[key], total >= 5, list.count * 5 > total
      else { return nil }
      return AuditFinding(
        check: "positions-shifted", severity: .warning, location: SourceLocation(file: key.document),
        start: first.start, end: first.end, count: list.count,
        message:
          "\(list.count) of \(total) codings by \(key.coder) cut a word in two (first at \(first.start)-\(first.end)): "
          + "the positions look shifted (imported in another counting, or the text changed since coding)")
    }
  }

  static func orderedCoders(_ codings: [CodingRecord]) -> [String] {
    var coders: [String] = []
    var seen = Set<String>()
    for coding in codings where seen.insert(coding.coder).inserted { coders.append(coding.coder) }
    return coders
  }

  /// Per code: does one coder use it far more or less often than the others? A chi-square test
  /// of homogeneity on coders × (this code, other codes), over the documents every coder coded;
  /// reported when p < 0.01 and the highest share is at least twice the lowest.
  static func coderBias(_ codings: [CodingRecord], coders: [String]) -> [AuditFinding] {
    var documents: Set<String>?
    for coder in coders {
      let own = Set(codings.lazy.filter { $0.coder == coder }.map(\.document))
      documents = documents.map { $0.intersection(own) } ?? own
    }
    let common = codings.filter { documents?.contains($0.document) == true }
    var totals = [String: Int]()
    var counts = [String: [String: Int]]()
    for coding in common {
      totals[coding.coder, default: 0] += 1
      counts[coding.code, default: [:]][coding.coder, default: 0] += 1
    }
    let grand = Double(common.count)
    guard grand > 0 else { return [] }
    var findings: [AuditFinding] = []
    for code in counts.keys.sorted() {
      let byCoder = counts[code] ?? [:]
      let codeTotal = Double(byCoder.values.reduce(0, +))
      var statistic = 0.0
      var minimumExpected = Double.infinity
      var shares: [(String, Double)] = []
      for coder in coders {
        let n = Double(totals[coder] ?? 0)
        guard n > 0 else { continue }
        let observed = Double(byCoder[coder] ?? 0)
        let expected = n * codeTotal / grand
        let expectedOther = n * (grand - codeTotal) / grand
        minimumExpected = min(minimumExpected, expected)
        if expected > 0 { statistic += (observed - expected) * (observed - expected) / expected }
        if expectedOther > 0 {
          statistic += (n - observed - expectedOther) * (n - observed - expectedOther) / expectedOther
        }
        shares.append((coder, observed / n))
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
          check: "coder-bias", severity: .warning, location: nil, count: byCoder.values.reduce(0, +),
          message:
            "code \"\(code)\": \(high.0) uses it far more often than \(low.0) (share of each coder's codings: \(percent); χ² = \(format(statistic)), df = \(degrees), p \(formatP(p))\(caveat))"
        ))
    }
    return findings
  }

  /// Alpha over the code sets per phase (the documents' `phase` attribute) or, without phases,
  /// per half of the documents in date order; a spread of 0.2 or more is reported.
  static func drift(_ input: AuditInput, coders: [String]) -> [AuditFinding] {
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
      let documents = Set(input.codings.map(\.document)).sorted { (dates[$0] ?? "", $0) < (dates[$1] ?? "", $1) }
      guard documents.count >= 4 else { return [] }
      for (index, document) in documents.enumerated() {
        groupOf[document] = index < documents.count / 2 ? "first half" : "second half"
      }
    }
    var values: [(String, Double, Int)] = []
    for group in Set(groupOf.values).sorted() {
      let members = Set(groupOf.filter { $0.value == group }.keys)
      let codings = input.codings.filter { members.contains($0.document) }
      let units = input.units.filter { members.contains($0.document) }
      guard
        let report = try? CodingAgreement.compare(
          coders: coders, codings: codings, units: units, options: CodingAgreementOptions(unit: .sentence)),
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
  /// each other (as in a Kwal output, sorted by document and position): the index of each
  /// segment's second occurrence, in order, found by comparing a coding with the few before it
  /// on the same span. Nil when the codings are not so grouped (a document's codings apart, or
  /// its spans out of order).
  static func adjacentDuplicates(_ codings: [CodingRecord]) -> [Int]? {
    var found: [Int] = []
    var closed: Set<String> = []
    var groupStart = 0
    for index in codings.indices {
      let coding = codings[index]
      if index > 0 {
        let previous = codings[index - 1]
        if previous.document == coding.document {
          if (coding.start, coding.end) < (previous.start, previous.end) { return nil }
          if (coding.start, coding.end) != (previous.start, previous.end) { groupStart = index }
        } else {
          closed.insert(previous.document)
          if closed.contains(coding.document) { return nil }
          groupStart = index
        }
      }
      // The same code by the same coder earlier on this span: once is a duplicate, twice was
      // reported already.
      var earlier = 0
      for other in groupStart..<index where codings[other].code == coding.code && codings[other].coder == coding.coder {
        earlier += 1
      }
      if earlier == 1 { found.append(index) }
    }
    return found
  }
}
