public import KwalModel
internal import Foundation

/// What keyword-in-context lines are for: the matched words of a code's codings, or a term.
public enum KWICTarget: Sendable, Hashable {
  /// The words that made the code's codings (or its descendants') fire; a coding without matched
  /// words (a human coding) is its own keyword.
  case code(String)
  /// A word (`brug`), a glob (`overbrug*`, `*overleg`) or a phrase (`volgende overleg`), matched
  /// case- and diacritic-insensitively on whole words.
  case term(String)
}

/// How KWIC lines are sorted.
public enum KWICSort: String, Sendable, Hashable, CaseIterable {
  /// By document and position.
  case position
  /// By the keyword, then position.
  case keyword
  /// By the words left of the keyword, nearest first, then position.
  case left
  /// By the words right of the keyword, then position.
  case right
}

/// One keyword-in-context line.
public struct KWICLine: Sendable, Hashable {
  /// The document.
  public var document: String
  /// The case.
  public var caseName: String
  /// The keyword's first scalar in the document.
  public var start: Int
  /// The keyword's end.
  public var end: Int
  /// Up to `width` characters before the keyword (line breaks as spaces).
  public var left: String
  /// The keyword as it appears.
  public var keyword: String
  /// Up to `width` characters after the keyword.
  public var right: String
  /// The code of the coding (for `--code`), or empty.
  public var code: String
  /// Where the coding lies (for `--code`, from `codings.csv`): speaker, role, PDF page, timestamp.
  public var speaker: String? = nil
  public var role: SpeakerRole? = nil
  public var page: Int? = nil
  public var timestamp: String? = nil
  /// For a suggestion of the learned cues (`--with-suggestions`): its probability.
  public var suggestion: Double? = nil
  /// The texts of the memos on a passage or coding that overlaps the keyword (`memos.csv`).
  public var memos: [String] = []

  /// `suggestion 0.94, speaker (role), p. 3, 00:12:01`, or "" when there is nothing to say.
  public var placeNote: String {
    var parts: [String] = []
    if let suggestion { parts.append("suggestion \(Int((suggestion * 100).rounded()))%") }
    if let speaker { parts.append(role.map { "\(speaker) (\($0.rawValue))" } ?? speaker) }
    if let page { parts.append("p. \(page)") }
    if let timestamp { parts.append(timestamp) }
    for memo in memos { parts.append("memo: \(memo)") }
    return parts.joined(separator: ", ")
  }
}

/// Keyword in context.
public struct KWICReport: Sendable, Hashable {
  /// The lines, sorted.
  public var lines: [KWICLine]
  /// The context width in characters.
  public var width: Int
  /// What was searched.
  public var target: KWICTarget
  /// Whether the context came from the documents' full text (else from the coded segments).
  public var fullText: Bool

  /// Builds the lines. `texts` maps document ids to their plain text; without it the context is
  /// the coded segment around the keyword.
  public static func compute(
    _ input: AnalysisInput, target: KWICTarget, width: Int = 40, sort: KWICSort = .position,
    texts: [String: String] = [:]
  ) throws(AnalysisError) -> KWICReport {
    guard width >= 0 else { throw AnalysisError(.usage, "--width must be 0 or more") }
    let prepared = try PreparedInput(input)
    var caseOf: [String: String] = [:]
    for document in prepared.documents { caseOf[document.document] = document.caseName }
    var scalarCache: [String: [Unicode.Scalar]] = [:]
    func documentScalars(_ id: String) -> [Unicode.Scalar]? {
      if let cached = scalarCache[id] { return cached }
      guard let text = texts[id] else { return nil }
      let scalars = Array(text.unicodeScalars)
      scalarCache[id] = scalars
      return scalars
    }
    var lines: [KWICLine] = []
    var seen = Set<CodingAddress>()
    func add(
      document: String, code: String, context: [Unicode.Scalar], contextStart: Int, start: Int, end: Int,
      coding: CodingRecord? = nil
    ) {
      guard seen.insert(CodingAddress(document: document, start: start, end: end, code: code)).inserted else { return }
      let localStart = start - contextStart
      let localEnd = end - contextStart
      let left = context[max(0, localStart - width)..<localStart]
      let right = context[localEnd..<min(context.count, localEnd + width)]
      lines.append(
        KWICLine(
          document: document, caseName: caseOf[document] ?? "", start: start, end: end, left: KWICReport.flatten(left),
          keyword: KWICReport.flatten(context[localStart..<localEnd]), right: KWICReport.flatten(right), code: code,
          speaker: coding?.speaker, role: coding?.role, page: coding?.page, timestamp: coding?.timestamp,
          suggestion: coding.flatMap {
            $0.coder.hasSuffix(CodebookInfo.suggestionSuffix) ? $0.cueProbability ?? 0 : nil
          }))
    }

    switch target {
    case .code(let code):
      let tree = prepared.tree
      guard let codeIndex = tree.index[code] else {
        throw AnalysisError(.badData, "unknown code \"\(code)\"", at: SourceLocation(file: input.codingsFile))
      }
      for (row, coding) in input.codings.enumerated() {
        guard let own = tree.index[coding.code], tree.selfAndAncestors(own).contains(codeIndex) else { continue }
        let location = SourceLocation(file: input.codingsFile, line: input.codingLines?[row] ?? row + 2)
        let segment = Array(coding.text.unicodeScalars)
        let full = documentScalars(coding.document)
        let context = full ?? segment
        let contextStart = full == nil ? coding.start : 0
        if full == nil && segment.isEmpty && coding.end > coding.start {
          throw AnalysisError(
            .badData, "the coding has no text (the file has no text column): give --corpus to read the documents",
            at: location)
        }
        let words =
          coding.matched.isEmpty
          ? [MatchedWord(word: coding.text, start: coding.start, end: coding.end)] : coding.matched
        for word in words {
          guard word.start >= contextStart, word.end >= word.start, word.end - contextStart <= context.count else {
            throw AnalysisError(
              .badData,
              "matched word \"\(word.word)\"@\(word.start)-\(word.end) lies outside \(full == nil ? "the coded text" : "the document text")",
              at: location)
          }
          add(
            document: coding.document, code: coding.code, context: context, contextStart: contextStart,
            start: word.start, end: word.end, coding: coding)
        }
      }
    case .term(let term):
      let pattern = TermPattern(term)
      guard !pattern.words.isEmpty else { throw AnalysisError(.usage, "--term has no words") }
      if !texts.isEmpty {
        for id in texts.keys.sorted() {
          guard let scalars = documentScalars(id) else { continue }
          for (start, end) in pattern.matches(in: scalars) {
            add(document: id, code: "", context: scalars, contextStart: 0, start: start, end: end)
          }
        }
      } else {
        // The coded segments, longest first at each position, each searched once.
        let order = input.codings.indices.sorted { lhs, rhs in
          let l = input.codings[lhs]
          let r = input.codings[rhs]
          return (l.document, l.start, r.end) < (r.document, r.start, l.end)
        }
        var searched = Set<String>()
        for index in order {
          let coding = input.codings[index]
          guard searched.insert("\(coding.document)\u{0}\(coding.start)\u{0}\(coding.end)").inserted else { continue }
          let scalars = Array(coding.text.unicodeScalars)
          for (start, end) in pattern.matches(in: scalars) {
            add(
              document: coding.document, code: "", context: scalars, contextStart: coding.start,
              start: coding.start + start,
              end: coding.start + end)
          }
        }
      }
    }
    func position(_ lhs: KWICLine, _ rhs: KWICLine) -> Bool {
      (lhs.document, lhs.start, lhs.end, lhs.code) < (rhs.document, rhs.start, rhs.end, rhs.code)
    }
    // Each line's sort key is made once (folding on every comparison made sorting many lines
    // slow): the keyword; the words before it, nearest first (a concordance's L1, L2, …); the
    // words after it.
    if sort == .position {
      lines.sort(by: position)
    } else {
      let keys: [String] = lines.map { line in
        switch sort {
        case .keyword: return TermPattern.fold(line.keyword)
        case .left:
          return TermPattern.fold(line.left.split(whereSeparator: \.isWhitespace).reversed().joined(separator: " "))
        case .right, .position: return TermPattern.fold(line.right)
        }
      }
      let order = lines.indices.sorted { a, b in keys[a] != keys[b] ? keys[a] < keys[b] : position(lines[a], lines[b]) }
      lines = order.map { lines[$0] }
    }
    return KWICReport(lines: lines, width: width, target: target, fullText: !texts.isEmpty)
  }

  /// One line of context: line breaks and tabs become spaces. Encoded into UTF-8 bytes and made a
  /// string once (appending scalar by scalar to a string was a tenth of a KWIC run).
  static func flatten(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
    String(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
      var count = 0
      for scalar in scalars {
        let flat: Unicode.Scalar = scalar == "\n" || scalar == "\t" || scalar == "\r" ? " " : scalar
        for byte in flat.utf8 {
          buffer[count] = byte
          count += 1
        }
      }
      return count
    }
  }

  /// Attaches each memo on a passage or a coding to the lines whose keyword it overlaps (a
  /// coding's memo only to lines of its code).
  public mutating func attach(_ memos: [MemoRecord]) {
    let byDocument = Dictionary(grouping: memos.filter { $0.start != nil && !$0.document.isEmpty }, by: \.document)
    for index in lines.indices {
      let line = lines[index]
      for memo in byDocument[line.document] ?? []
      where memo.isAbout(document: line.document, start: line.start, end: line.end, code: line.code) {
        lines[index].memos.append(memo.line)
      }
    }
  }

  /// `document, case, start, end, left, keyword, right, code, speaker, role, page, timestamp, suggestion, memos`.
  public func table() -> ResultTable {
    let what: String
    switch target {
    case .code(let code): what = "code \(code)"
    case .term(let term): what = "term \"\(term)\""
    }
    return ResultTable(
      title: "Keyword in context: \(what)",
      columns: [
        "document", "case", "start", "end", "left", "keyword", "right", "code", "speaker", "role", "page", "timestamp",
        "suggestion", "memos",
      ],
      rows: lines.map { line in
        [
          .text(line.document), .text(line.caseName), .integer(line.start), .integer(line.end), .text(line.left),
          .text(line.keyword), .text(line.right), .text(line.code), .text(line.speaker ?? ""),
          .text(line.role?.rawValue ?? ""), line.page.map { .integer($0) } ?? .text(""), .text(line.timestamp ?? ""),
          line.suggestion.map { .number($0) } ?? .text(""), .text(line.memos.joined(separator: " | ")),
        ]
      },
      about: [
        ("lines", .integer(lines.count)), ("width", .integer(width)),
        ("context", .text(fullText ? "document" : "coded segment")),
      ])
  }

  /// Aligned plain text: `document:start-end`, the left context right-aligned, the keyword, the
  /// right context; one line each.
  public func alignedText() -> String {
    let places = lines.map { line in
      let note = line.placeNote
      return "\(line.document):\(line.start)-\(line.end)" + (note.isEmpty ? "" : " (\(note))")
    }
    let placeWidth = places.map(\.count).max() ?? 0
    let leftWidth = max(width, lines.map(\.left.count).max() ?? 0)
    var text = ""
    for (line, place) in zip(lines, places) {
      text += place + String(repeating: " ", count: placeWidth - place.count) + "  "
      text += String(repeating: " ", count: leftWidth - line.left.count) + line.left
      text += " [" + line.keyword + "] " + line.right
      while text.last == " " { text.removeLast() }
      text += "\n"
    }
    return text
  }

}

/// A term to find: one or more words, each exact or a glob with `*` at either end, compared
/// after case and diacritic folding.
struct TermPattern {
  /// The folded words, with whether they end (prefix match) or start (suffix match) with `*`.
  var words: [(text: String, prefix: Bool, suffix: Bool)]

  init(_ term: String) {
    words = term.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { part in
      var text = String(part)
      let prefix = text.hasSuffix("*")
      let suffix = text.hasPrefix("*")
      while text.hasPrefix("*") { text.removeFirst() }
      while text.hasSuffix("*") { text.removeLast() }
      let folded = TermPattern.fold(text)
      return folded.isEmpty ? nil : (folded, prefix, suffix)
    }
  }

  static func fold(_ text: String) -> String {
    text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
  }

  static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "-" || scalar == "'"
      || scalar == "’"
  }

  /// The scalar ranges of the matches in `scalars`.
  func matches(in scalars: [Unicode.Scalar]) -> [(Int, Int)] {
    var tokens: [(start: Int, end: Int, folded: String)] = []
    var index = 0
    while index < scalars.count {
      guard TermPattern.isWordScalar(scalars[index]) else {
        index += 1
        continue
      }
      let start = index
      while index < scalars.count, TermPattern.isWordScalar(scalars[index]) { index += 1 }
      var view = String.UnicodeScalarView()
      view.append(contentsOf: scalars[start..<index])
      tokens.append((start, index, TermPattern.fold(String(view))))
    }
    var result: [(Int, Int)] = []
    guard tokens.count >= words.count else { return result }
    for first in 0...(tokens.count - words.count) {
      var matched = true
      for (offset, word) in words.enumerated() {
        let token = tokens[first + offset].folded
        let ok: Bool
        switch (word.prefix, word.suffix) {
        case (true, true): ok = token.contains(word.text)
        case (true, false): ok = token.hasPrefix(word.text)
        case (false, true): ok = token.hasSuffix(word.text)
        case (false, false): ok = token == word.text
        }
        if !ok {
          matched = false
          break
        }
      }
      if matched { result.append((tokens[first].start, tokens[first + words.count - 1].end)) }
    }
    return result
  }
}
