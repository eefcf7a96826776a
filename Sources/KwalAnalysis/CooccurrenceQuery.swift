internal import KwalModel

/// A boolean query over the codes of a unit: `bridging AND wandering`, `bridging AND NOT
/// wandering`, `(a OR b) AND NOT c`. NOT binds tightest, then AND, then OR.
public indirect enum CodeQuery: Sendable, Hashable, CustomStringConvertible {
  /// The unit has this code.
  case code(String)
  /// Both hold.
  case and(CodeQuery, CodeQuery)
  /// Either holds.
  case or(CodeQuery, CodeQuery)
  /// It does not hold.
  case not(CodeQuery)

  /// Parses a query; codes are ids, the operators AND, OR, NOT (any case) and parentheses.
  public init(parsing text: String) throws(AnalysisError) {
    var tokens: [String] = []
    var current = ""
    for character in text {
      if character == "(" || character == ")" || character == " " || character == "\t" {
        if !current.isEmpty { tokens.append(current) }
        current = ""
        if character != " " && character != "\t" { tokens.append(String(character)) }
      } else {
        current.append(character)
      }
    }
    if !current.isEmpty { tokens.append(current) }
    var parser = QueryParser(tokens: tokens, text: text)
    let query = try parser.parseOr()
    if parser.position < tokens.count {
      throw AnalysisError(.usage, "query \"\(text)\": unexpected \"\(tokens[parser.position])\"")
    }
    self = query
  }

  /// All codes of `codes` as one AND query.
  public static func all(_ codes: [String]) throws(AnalysisError) -> CodeQuery {
    guard var query = codes.first.map(CodeQuery.code) else { throw AnalysisError(.usage, "--codes names no code") }
    for code in codes.dropFirst() { query = .and(query, .code(code)) }
    return query
  }

  /// The codes the query names.
  public var codes: [String] {
    switch self {
    case .code(let code): return [code]
    case .and(let lhs, let rhs), .or(let lhs, let rhs): return lhs.codes + rhs.codes
    case .not(let inner): return inner.codes
    }
  }

  /// The codes named outside a NOT: the segments to show.
  public var positiveCodes: [String] {
    switch self {
    case .code(let code): return [code]
    case .and(let lhs, let rhs), .or(let lhs, let rhs): return lhs.positiveCodes + rhs.positiveCodes
    case .not: return []
    }
  }

  /// Whether a unit with `codes` matches.
  public func matches(_ codes: Set<String>) -> Bool {
    switch self {
    case .code(let code): return codes.contains(code)
    case .and(let lhs, let rhs): return lhs.matches(codes) && rhs.matches(codes)
    case .or(let lhs, let rhs): return lhs.matches(codes) || rhs.matches(codes)
    case .not(let inner): return !inner.matches(codes)
    }
  }

  /// The query written out with parentheses.
  public var description: String {
    switch self {
    case .code(let code): return code
    case .and(let lhs, let rhs): return "(\(lhs) AND \(rhs))"
    case .or(let lhs, let rhs): return "(\(lhs) OR \(rhs))"
    case .not(let inner): return "NOT \(inner)"
    }
  }
}

private struct QueryParser {
  var tokens: [String]
  var text: String
  var position = 0

  mutating func peek(_ keyword: String) -> Bool {
    position < tokens.count && tokens[position].uppercased() == keyword
  }

  mutating func parseOr() throws(AnalysisError) -> CodeQuery {
    var query = try parseAnd()
    while peek("OR") {
      position += 1
      query = .or(query, try parseAnd())
    }
    return query
  }

  mutating func parseAnd() throws(AnalysisError) -> CodeQuery {
    var query = try parseNot()
    while peek("AND") {
      position += 1
      query = .and(query, try parseNot())
    }
    return query
  }

  mutating func parseNot() throws(AnalysisError) -> CodeQuery {
    guard position < tokens.count else { throw AnalysisError(.usage, "query \"\(text)\" ends too early") }
    let token = tokens[position]
    position += 1
    switch token.uppercased() {
    case "NOT": return .not(try parseNot())
    case "(":
      let inner = try parseOr()
      guard position < tokens.count, tokens[position] == ")" else {
        throw AnalysisError(.usage, "query \"\(text)\": missing \")\"")
      }
      position += 1
      return inner
    case ")", "AND", "OR": throw AnalysisError(.usage, "query \"\(text)\": unexpected \"\(token)\"")
    default: return .code(token)
    }
  }
}

/// A coded segment retrieved by a query, with the unit it lies in.
public struct RetrievedSegment: Sendable, Hashable {
  /// The document.
  public var document: String
  /// The case.
  public var caseName: String
  /// The unit (`sentence`, `window:2`, `overlap`...).
  public var unit: String
  /// The unit's first scalar.
  public var unitStart: Int
  /// The unit's end.
  public var unitEnd: Int
  /// The code of the segment.
  public var code: String
  /// The segment's first scalar.
  public var start: Int
  /// The segment's end.
  public var end: Int
  /// The coded text.
  public var text: String
}

/// Retrieval: the coded segments behind a co-occurrence cell or a boolean query.
public enum CodeRetrieval {
  /// The segments of the units that match `query`: in each matching unit, the codings of the
  /// codes the query names outside NOT (every coding when it names none). For unit `overlap`, each
  /// coding of a named code is a unit with the codes of the codings that overlap it.
  public static func retrieve(_ input: AnalysisInput, query: CodeQuery, unit: CooccurrenceUnit, level: Int? = nil)
    throws(AnalysisError) -> [RetrievedSegment]
  {
    let prepared = try PreparedInput(input)
    let tree = prepared.tree
    for code in query.codes where tree.index[code] == nil {
      throw AnalysisError(
        .badData, "unknown code \"\(code)\" in the query", at: SourceLocation(file: input.codingsFile))
    }
    if let level, level < 1 { throw AnalysisError(.usage, "--level must be 1 or more") }
    let codeMap = (0..<tree.count).map { tree.atLevel($0, level) }
    func mapped(_ coding: Int) -> String { tree.codes[codeMap[Int(prepared.codingCode[coding])]] }
    let positive = Set(query.positiveCodes)
    var result: [RetrievedSegment] = []
    func segment(_ coding: Int, unit: String, start: Int, end: Int) -> RetrievedSegment {
      let record = input.codings[coding]
      return RetrievedSegment(
        document: record.document, caseName: prepared.documents[Int(prepared.codingDocument[coding])].caseName,
        unit: unit, unitStart: start, unitEnd: end, code: record.code, start: record.start, end: record.end,
        text: record.text)
    }
    if unit == .overlap {
      var order = Array(0..<prepared.codingCount)
      order.sort {
        (prepared.codingDocument[$0], prepared.codingStart[$0], prepared.codingEnd[$0])
          < (prepared.codingDocument[$1], prepared.codingStart[$1], prepared.codingEnd[$1])
      }
      func overlaps(_ x: Int, _ y: Int) -> Bool {
        let (xs, xe, ys, ye) = (
          prepared.codingStart[x], prepared.codingEnd[x], prepared.codingStart[y], prepared.codingEnd[y]
        )
        if xe == xs && ye == ys { return xs == ys }
        if xe == xs { return ys <= xs && xs < ye }
        if ye == ys { return xs <= ys && ys < xe }
        return xs < ye && ys < xe
      }
      for (position, coding) in order.enumerated() where positive.contains(mapped(coding)) {
        var partners: [Int] = []
        var other = position - 1
        // Earlier codings that reach into this one (a bounded scan back through the document).
        while other >= 0, prepared.codingDocument[order[other]] == prepared.codingDocument[coding] {
          if overlaps(order[other], coding) { partners.append(order[other]) }
          other -= 1
        }
        other = position + 1
        while other < order.count, prepared.codingDocument[order[other]] == prepared.codingDocument[coding],
          prepared.codingStart[order[other]] <= prepared.codingEnd[coding]
        {
          if overlaps(order[other], coding) { partners.append(order[other]) }
          other += 1
        }
        let codes = Set([mapped(coding)] + partners.map(mapped))
        guard query.matches(codes) else { continue }
        let start = prepared.codingStart[coding]
        let end = prepared.codingEnd[coding]
        result.append(segment(coding, unit: "overlap", start: start, end: end))
        for partner in partners where positive.contains(mapped(partner)) && mapped(partner) != mapped(coding) {
          result.append(segment(partner, unit: "overlap", start: start, end: end))
        }
      }
    } else {
      let index = try UnitIndex(unit: unit, input: input, prepared: prepared, codeMap: codeMap, keepCodings: true)
      var position = 0
      let pairs = index.codingsOfUnits
      let unitName = unit.description
      var codingsInUnit: [Int] = []
      // Units without codings can only match queries such as `NOT a`, which show nothing.
      while position < pairs.count {
        let unitNumber = Int(pairs[position] >> 32)
        codingsInUnit.removeAll(keepingCapacity: true)
        while position < pairs.count, Int(pairs[position] >> 32) == unitNumber {
          codingsInUnit.append(Int(pairs[position] & 0xFFFF_FFFF))
          position += 1
        }
        let codes = Set(codingsInUnit.map(mapped))
        guard query.matches(codes) else { continue }
        for coding in codingsInUnit where positive.isEmpty || positive.contains(mapped(coding)) {
          result.append(
            segment(coding, unit: unitName, start: index.unitStart[unitNumber], end: index.unitEnd[unitNumber]))
        }
      }
    }
    result.sort {
      ($0.document, $0.unitStart, $0.unitEnd, $0.start, $0.end, $0.code) < (
        $1.document, $1.unitStart, $1.unitEnd, $1.start, $1.end, $1.code
      )
    }
    var distinct: [RetrievedSegment] = []
    for item in result where distinct.last != item { distinct.append(item) }
    return distinct
  }

  /// The segments as a table: `document, case, unit, unit_start, unit_end, code, start, end, text`.
  public static func table(_ segments: [RetrievedSegment], query: CodeQuery) -> ResultTable {
    ResultTable(
      title: "Segments for \(query)",
      columns: ["document", "case", "unit", "unit_start", "unit_end", "code", "start", "end", "text"],
      rows: segments.map { segment in
        [
          .text(segment.document), .text(segment.caseName), .text(segment.unit), .integer(segment.unitStart),
          .integer(segment.unitEnd), .text(segment.code), .integer(segment.start), .integer(segment.end),
          .text(segment.text),
        ]
      }, about: [("query", .text(query.description)), ("segments", .integer(segments.count))])
  }
}
