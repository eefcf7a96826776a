import Foundation
import KwalModel

/// A line (or a word-processor paragraph) of a document's plain text, with what its source said
/// about it.
struct SourceLine: Sendable {
  /// What the source format already knows about a line.
  enum Hint: Sendable, Equatable {
    /// Nothing: structure comes from the text.
    case none
    /// A heading of the given level (a Word style, a Markdown `#`).
    case heading(Int)
    /// An item of a list.
    case listItem
    /// A block quote.
    case quote
    /// A table row.
    case tableRow
  }

  /// The first byte of the line.
  var start: Int
  /// The byte after the line (before its `\n`).
  var end: Int
  /// What the source said.
  var hint: Hint = .none
}

/// Finds the structure of a plain text: speaker turns, header fields, agenda items, decisions,
/// action items, headings, list items, quotes and paragraphs, and the kind of document.
///
/// Works on UTF-8 bytes, line by line, without regular expressions.
struct TextStructure {
  /// The result of the analysis.
  struct Analysis {
    var kind: DocumentKind
    var segments: [Segment]
    var title: String?
    var date: String?
    /// Roles declared in the text (`Aanwezig: I (interviewer), R2 (respondent)`), by lowercased label.
    var declaredRoles: [String: SpeakerRole]
    /// Why the document got its kind, in words (for `kwal ingest` diagnostics).
    var kindReason: String = ""
  }

  /// What a line is.
  enum LineClass: Equatable {
    case blank
    case heading(level: Int, content: Int)
    case header(field: String, content: Int)
    case label(speaker: String, timestamp: String?, content: Int?)
    /// A debate label (`Mevrouw Kant (SP):`), with where its text starts on the line, if there.
    /// The label itself is parsed again where it is needed (``debateLabel(_:)``): the class of
    /// every line stays a plain value, cheap to copy and compare.
    case speech(content: Int?)
    case agenda(number: String, content: Int)
    case decision(content: Int)
    /// `Besluit`, `Besluit:`, `Besluiten` alone on a line: the next paragraph is the decision.
    case decisionHeading
    case actionHeading
    case action(content: Int)
    case listItem(content: Int)
    case quote(content: Int)
    case tableRow
    case text
  }

  /// The UTF-8 bytes of the text; valid while the caller's ``withBytes(of:_:)`` closure runs.
  let bytes: UnsafeBufferPointer<UInt8>
  let lines: [SourceLine]
  let markdown: Bool
  /// A title the source gave (Markdown front matter, HTML `<title>`): the first line is then
  /// not taken for the title.
  var givenTitle: String? = nil

  /// Runs `body` on the UTF-8 bytes of `text`, without copying a native string.
  static func withBytes<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    var copy = text
    return copy.withUTF8(body)
  }

  /// Splits `bytes` into lines.
  static func lines(of buffer: UnsafeBufferPointer<UInt8>) -> [SourceLine] {
    var lines: [SourceLine] = []
    lines.reserveCapacity(buffer.count / 40 + 1)
    var start = 0
    let count = buffer.count
    guard let base = buffer.baseAddress else { return lines }
    while start < count {
      // memchr finds the next line end with SIMD.
      guard let found = memchr(base + start, 0x0A, count - start) else { break }
      let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
      lines.append(SourceLine(start: start, end: index))
      start = index + 1
    }
    if start < count { lines.append(SourceLine(start: start, end: count)) }
    return lines
  }

  /// Analyses the text; `forcedKind` (from the manifest) replaces inference.
  func analyse(forcedKind: DocumentKind?) -> Analysis {
    var classes: [LineClass] = []
    classes.reserveCapacity(lines.count)
    for line in lines { classes.append(classify(line)) }

    // "Interviewer:", "Respondent:" are header fields in a preamble but speaker labels when they
    // recur: a field that occurs more than once is a label everywhere.
    var fieldCounts: [String: Int] = [:]
    for lineClass in classes {
      if case .header(let field, _) = lineClass, Self.labelLikeFields.contains(field) {
        fieldCounts[field, default: 0] += 1
      }
    }
    if fieldCounts.values.contains(where: { $0 > 1 }) {
      for index in classes.indices {
        guard case .header(let field, _) = classes[index], (fieldCounts[field] ?? 0) > 1 else { continue }
        let (start, end) = trim(lines[index].start, lines[index].end)
        if let label = label(start, end) {
          classes[index] = .label(speaker: label.speaker, timestamp: label.timestamp, content: label.content)
        }
      }
    }

    // Title: a first short line on its own, or a first heading.
    var title: String? = givenTitle
    var titleLine: Int?
    if givenTitle == nil, let first = classes.firstIndex(where: { $0 != .blank }) {
      switch classes[first] {
      case .heading(_, let content):
        title = string(content, lines[first].end)
        titleLine = first
      case .text:
        let line = lines[first]
        let (s, e) = trim(line.start, line.end)
        let nextBlank =
          first + 1 >= classes.count || classes[first + 1] == .blank
          || { if case .header = classes[first + 1] { return true } else { return false } }()
        if e - s > 0, e - s <= 120, nextBlank, ![0x2E, 0x2C, 0x3A, 0x3B].contains(bytes[e - 1]) {
          classes[first] = .heading(level: 1, content: s)
          title = string(s, e)
          titleLine = first
        }
      default: break
      }
    }

    // "1 Welkom", "3 API thema in NORA": a number and a capitalised title, set apart by blank
    // lines, as headings of agenda items without a dot.
    for index in classes.indices where classes[index] == .text {
      let apart =
        (index == 0 || classes[index - 1] == .blank) && (index + 1 == classes.count || classes[index + 1] == .blank)
      if apart, let item = bareNumberedTitle(lines[index]) { classes[index] = item }
    }

    // Statistics for kind inference.
    var labelCount = 0
    var speakers: [String: Int] = [:]
    var changes = 0
    var previous: String?
    var interviewerLabels = 0
    var speeches = 0
    var speechSpeakers: Set<String> = []
    var evidence = MinutesEvidence()
    var declaredRoles: [String: SpeakerRole] = [:]
    var date: String?
    if let title { evidence.title(title) }
    for (index, lineClass) in classes.enumerated() {
      switch lineClass {
      case .label(let speaker, _, _):
        labelCount += 1
        let key = speaker
        speakers[key, default: 0] += 1
        if let previous, previous != key { changes += 1 }
        previous = key
      case .speech:
        speeches += 1
        if let label = debateLabel(lines[index]) { speechSpeakers.insert(label.speaker) }
      case .agenda(_, let content):
        evidence.numberedItems += 1
        evidence.agendaTitle(string(content, lines[index].end))
      case .heading(let level, let content):
        if index != titleLine { evidence.heading(string(content, lines[index].end), level: level) }
      case .decision, .decisionHeading:
        evidence.decisions += 1
      case .header(let field, let content):
        evidence.field(field)
        let value = string(content, lines[index].end)
        if field == "datum", date == nil { date = DutchDate.parse(value) }
        if field == "aanwezig" || field == "deelnemers" || field == "sprekers" {
          for (label, role) in Self.declaredRoles(value) where declaredRoles[label] == nil {
            declaredRoles[label] = role
          }
        }
      case .text:
        // Only short lines that may name an agenda or attendance block are read as text.
        let line = lines[index]
        let (start, end) = trim(line.start, line.end)
        if end - start <= 60, end > start, MinutesEvidence.lineStarts.contains(bytes[start] | 0x20) {
          evidence.line(string(start, end))
        }
      default: break
      }
    }
    // Interviewer labels, counted per speaker once (not per turn).
    for (speaker, count) in speakers where Self.interviewerLabelWords.contains(speaker.lowercased()) {
      interviewerLabels += count
    }
    let interviewLike =
      (labelCount >= 3 && speakers.count >= 2 && changes >= 2 && (speakers.values.max() ?? 0) >= 2)
      || (labelCount >= 2 && speakers.count >= 2 && interviewerLabels >= 1)
    let debateLike = speechSpeakers.count >= 2 && (speeches >= 3 || labelCount == 0)
    let kind: DocumentKind
    var reason: String
    if let forcedKind {
      kind = forcedKind
      reason = "kind \(forcedKind.rawValue): set in the manifest"
    } else if debateLike {
      kind = .debate
      reason = "kind debate: \(speeches) speaker labels of a debate (\(speechSpeakers.count) speakers)"
    } else if evidence.isMinutes {
      kind = .minutes
      reason = "kind minutes: " + evidence.reasons.joined(separator: ", ")
    } else if interviewLike {
      kind = .interview
      reason = "kind interview: \(labelCount) speaker labels, \(speakers.count) speakers"
    } else {
      kind = .document
      var why: [String] = []
      if labelCount + speeches > 0 {
        why.append("\(labelCount + speeches) speaker label(s), too few for an interview or debate")
      }
      if !evidence.reasons.isEmpty {
        why.append("minutes evidence too weak (" + evidence.reasons.joined(separator: ", ") + ")")
      }
      reason =
        "kind document" + (why.isEmpty ? ": no turns, agenda or minutes structure" : ": " + why.joined(separator: "; "))
    }
    if kind == .minutes {
      // Headings at the level of the agenda are agenda items when the items are not numbered.
      if evidence.numberedItems < 2, let level = evidence.agendaLevel {
        var count = 0
        for index in classes.indices where index != titleLine {
          guard case .heading(let headingLevel, let content) = classes[index], headingLevel == level,
            !MinutesEvidence.isAttendanceHeading(string(content, lines[index].end))
          else { continue }
          classes[index] = .agenda(number: Self.leadingNumber(string(content, lines[index].end)), content: content)
          count += 1
        }
        if count > 0 { reason += "; \(count) agenda items from level-\(level) headings" }
      } else if evidence.numberedItems >= 2 {
        let continued = continueNumbering(&classes)
        reason += "; \(evidence.numberedItems + continued) numbered agenda items"
      }
    }
    let segments = group(classes, kind: kind)
    return Analysis(
      kind: kind, segments: segments, title: title, date: date, declaredRoles: declaredRoles, kindReason: reason)
  }

  /// The debate label of a line classified as `.speech`.
  func debateLabel(_ line: SourceLine) -> DebateLabel? {
    let (start, end) = trim(line.start, line.end)
    return DebateLabel.parse(Substring(string(start, end)))
  }

  /// `3 API thema in NORA`: at most two digits, a space and a capital, at most 80 bytes, no
  /// final full stop.
  func bareNumberedTitle(_ line: SourceLine) -> LineClass? {
    let (start, end) = trim(line.start, line.end)
    guard end - start <= 80, end - start >= 3, bytes[start] >= 0x31, bytes[start] <= 0x39, bytes[end - 1] != 0x2E else {
      return nil
    }
    var index = start + 1
    if bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
    guard index + 1 < end, bytes[index] == 0x20 else { return nil }
    let capital = bytes[index + 1]
    guard (capital >= 0x41 && capital <= 0x5A) || capital == 0xC3 else { return nil }
    return .agenda(number: string(start, index), content: index + 1)
  }

  /// In minutes, numbered paragraphs that continue the agenda's numbering (`3. Bevindingen
  /// kascommissie: De kascommissie heeft …`, too long to look like an item title) are agenda items
  /// too. A numbered list that starts again at 1 inside an item is a sub-list until the next item.
  /// Returns how many lines became agenda items.
  func continueNumbering(_ classes: inout [LineClass]) -> Int {
    var last = 0
    var inSublist = false
    var converted = 0
    for index in classes.indices {
      switch classes[index] {
      case .agenda(let number, let content):
        guard let value = Int(number) else { continue }
        if value == last + 1 || last == 0 {
          last = value
          inSublist = false
        } else if value == 1 || inSublist {
          // "4. Voorstellen" then "1. De begroting …", "2. …": a sub-list of item 4.
          inSublist = true
          classes[index] = .listItem(content: content)
          converted -= 1
        } else {
          last = value
        }
      case .listItem(let content):
        let line = lines[index]
        guard line.start < bytes.count, bytes[line.start] >= 0x30, bytes[line.start] <= 0x39 else { continue }
        var end = line.start
        while end < line.end, end - line.start < 3, bytes[end] >= 0x30, bytes[end] <= 0x39 { end += 1 }
        guard end < line.end, bytes[end] == 0x2E || bytes[end] == 0x29, let value = Int(string(line.start, end)) else {
          continue
        }
        if value == 1 && last > 0 { inSublist = true }
        if value == last + 1 && !inSublist {
          classes[index] = .agenda(number: String(value), content: content)
          last = value
          converted += 1
        }
      default: break
      }
    }
    return converted
  }

  // MARK: - Grouping lines into segments

  private struct Open {
    var kind: SegmentKind
    var start: Int
    var end: Int
    var speaker: String?
    var metadata: [String: String]
  }

  private func group(_ classes: [LineClass], kind: DocumentKind) -> [Segment] {
    var segments: [Segment] = []
    segments.reserveCapacity(lines.count / 2 + 4)
    var open: Open?
    var agenda: Open?
    var inActions = false
    var seenBody = false  // a turn or agenda item was seen: header fields end
    var pendingDecision = false  // a "Besluit" line was seen: the next paragraph is the decision
    let turnsSpanBlankLines = kind == .interview || kind == .debate

    func close() {
      if let block = open, block.end > block.start {
        segments.append(
          Segment(
            kind: block.kind, range: ByteRange(block.start, block.end), speaker: block.speaker, metadata: block.metadata
          ))
      }
      open = nil
    }
    func closeAgenda() {
      close()
      if let item = agenda, item.end > item.start {
        segments.append(Segment(kind: .agendaItem, range: ByteRange(item.start, item.end), metadata: item.metadata))
      }
      agenda = nil
    }
    func touch(_ e: Int) {
      if var item = agenda {
        item.end = max(item.end, e)
        agenda = item
      }
    }
    func emit(_ kind: SegmentKind, _ start: Int, _ end: Int, speaker: String? = nil, metadata: [String: String] = [:]) {
      let (s, e) = trim(start, end)
      if e > s {
        segments.append(Segment(kind: kind, range: ByteRange(s, e), speaker: speaker, metadata: metadata))
        touch(e)
      }
    }
    func begin(_ kind: SegmentKind, _ start: Int, _ end: Int, speaker: String? = nil, metadata: [String: String] = [:])
    {
      close()
      let (s, e) = trim(start, end)
      open = Open(kind: kind, start: s, end: max(s, e), speaker: speaker, metadata: metadata)
      if e > s { touch(e) }
    }
    func extend(_ line: SourceLine) {
      let (s, e) = trim(line.start, line.end)
      guard e > s else { return }
      if open == nil { open = Open(kind: .paragraph, start: s, end: e, speaker: nil, metadata: [:]) }
      if var block = open {
        if block.start == block.end { block.start = s }
        block.end = e
        open = block
      }
      touch(e)
    }

    for (index, lineClass) in classes.enumerated() {
      let line = lines[index]
      var effective = lineClass
      // What a line means depends on the kind of document.
      switch (kind, lineClass) {
      case (.interview, .agenda), (.interview, .decision), (.interview, .action), (.interview, .actionHeading),
        (.interview, .decisionHeading), (.debate, .agenda), (.debate, .decision), (.debate, .action),
        (.debate, .actionHeading), (.debate, .decisionHeading), (.debate, .label):
        effective = .text
      case (.interview, .listItem), (.interview, .quote), (.interview, .tableRow), (.debate, .listItem),
        (.debate, .quote), (.debate, .tableRow):
        if open?.kind == .turn { effective = .text }
      case (.interview, .header), (.debate, .header):
        if seenBody { effective = .text }
      case (.document, .label), (.blog, .label), (.document, .speech), (.blog, .speech), (.document, .decisionHeading),
        (.blog, .decisionHeading):
        effective = .text
      case (.document, .agenda(_, let content)), (.blog, .agenda(_, let content)):
        effective = .listItem(content: content)
      case (.document, .decision), (.document, .action), (.document, .actionHeading), (.blog, .decision),
        (.blog, .action), (.blog, .actionHeading):
        effective = .text
      case (.minutes, .label(let speaker, _, _)):
        if Self.fieldNames.contains(speaker.lowercased()) { effective = .text }
      default: break
      }
      if case .header = effective, seenBody, kind != .minutes { effective = .text }
      if case .listItem(let content) = effective, inActions { effective = .action(content: content) }
      if effective == .text, inActions, kind == .minutes, bytes[line.start] != 0x20, bytes[line.start] != 0x09 {
        let (s, _) = trim(line.start, line.end)
        effective = .action(content: s)
      }

      if pendingDecision, effective != .blank, effective != .text { pendingDecision = false }
      switch effective {
      case .blank:
        if open?.kind != .turn || !turnsSpanBlankLines { close() }
      case .heading(let level, let content):
        close()
        inActions = Self.isActionTitle(string(content, line.end))
        emit(.heading, content, line.end, metadata: ["level": String(level)])
      case .header(let field, let content):
        close()
        emit(.header, content, line.end, metadata: ["field": field])
      case .label(let speaker, let timestamp, let content):
        close()
        seenBody = true
        var metadata: [String: String] = [:]
        if let timestamp { metadata["timestamp"] = timestamp }
        begin(.turn, content ?? line.end, line.end, speaker: speaker, metadata: metadata)
      case .agenda(let number, let content):
        closeAgenda()
        seenBody = true
        let (s, _) = trim(line.start, line.end)
        agenda = Open(kind: .agendaItem, start: s, end: s, speaker: nil, metadata: ["number": number])
        let heading = string(content, line.end)
        inActions = Self.isActionTitle(heading)
        emit(.heading, content, line.end, metadata: ["level": "2", "number": number])
      case .speech(let content):
        guard let label = debateLabel(line) else { continue }
        close()
        seenBody = true
        var metadata = ["title": label.title, "role": label.role.rawValue]
        if let party = label.party { metadata["party"] = party }
        begin(.turn, content ?? line.end, line.end, speaker: label.speaker, metadata: metadata)
      case .decision(let content):
        begin(.decision, content, line.end)
      case .decisionHeading:
        close()
        pendingDecision = true
      case .actionHeading:
        closeAgenda()
        inActions = true
        emit(.heading, line.start, line.end, metadata: ["level": "3"])
      case .action(let content):
        begin(.actionItem, content, line.end)
      case .listItem(let content):
        begin(.listItem, content, line.end)
      case .quote(let content):
        if open?.kind == .quote {
          extend(SourceLine(start: content, end: line.end))
        } else {
          begin(.quote, content, line.end)
        }
      case .tableRow:
        close()
        emit(.tableRow, line.start, line.end)
      case .text:
        if let current = open, current.kind == .heading || current.kind == .header || current.kind == .tableRow {
          close()
        }
        if let turn = open, turn.kind == .turn, turn.end > turn.start, kind == .minutes {
          // In minutes a speaker's remark is one line; the next line is the minute-taker's again.
          close()
        }
        if pendingDecision {
          pendingDecision = false
          begin(.decision, line.start, line.end)
          continue
        }
        if open?.kind == .listItem, kind != .minutes, line.hint == .none,
          !(bytes[line.start] == 0x20 || bytes[line.start] == 0x09)
        {
          // A list item continues only on indented lines.
          close()
        }
        extend(line)
      }
    }
    closeAgenda()
    return withMarkers(segments)
  }

  /// Adds marker segments (`[onverstaanbaar]`, `[lacht]`, `[naam]`) found inside block segments.
  /// `segments` with marker segments (`[lacht]`, `[naam]`) found inside their blocks, in text order.
  func withMarkers(_ segments: [Segment]) -> [Segment] {
    var ordered = segments
    if !Self.isOrdered(ordered) { ordered.sort(by: Self.textOrder) }
    let found = markers(in: ordered)
    if found.isEmpty { return ordered }
    return Self.merging(found, into: ordered)
  }

  /// Two lists of segments, each in text order, as one in text order; of two that tie, the one
  /// of `segments` comes first.
  static func merging(_ others: [Segment], into segments: [Segment]) -> [Segment] {
    var merged: [Segment] = []
    merged.reserveCapacity(segments.count + others.count)
    var next = 0
    for segment in segments {
      while next < others.count, textOrder(others[next], segment) {
        merged.append(others[next])
        next += 1
      }
      merged.append(segment)
    }
    merged += others[next...]
    return merged
  }

  /// Start first, then the longer (the container) first.
  static func textOrder(_ lhs: Segment, _ rhs: Segment) -> Bool {
    lhs.range.start != rhs.range.start ? lhs.range.start < rhs.range.start : lhs.range.end > rhs.range.end
  }

  static func isOrdered(_ segments: [Segment]) -> Bool {
    var index = 1
    while index < segments.count {
      if textOrder(segments[index], segments[index - 1]) { return false }
      index += 1
    }
    return true
  }

  /// The marker segments inside the blocks of `segments` (which are in text order), in text order.
  func markers(in segments: [Segment]) -> [Segment] {
    var result: [Segment] = []
    do {
      for segment in segments where segment.kind.isBlock {
        var index = segment.range.start
        let end = min(segment.range.end, bytes.count)
        guard let base = bytes.baseAddress else { break }
        while index < end {
          guard let found = memchr(base + index, 0x5B, end - index) else { break }  // [
          index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
          var close = index + 1
          var letters = 0
          var digits = 0
          while close < end, close - index <= 48, bytes[close] != 0x5D, bytes[close] != 0x5B, bytes[close] != 0x0A {
            let byte = bytes[close]
            if byte >= 0x30 && byte <= 0x39 { digits += 1 } else if byte >= 0x41 { letters += 1 }
            close += 1
          }
          if close < end, bytes[close] == 0x5D, letters >= 2, digits == 0 {
            let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<close]), as: UTF8.self)
              .lowercased()
            result.append(Segment(kind: .marker, range: ByteRange(index, close + 1), metadata: ["marker": word]))
            index = close + 1
            continue
          }
          index += 1
        }
      }
    }
    return result
  }

  // MARK: - Classifying one line

  /// Header field names (lowercased) of transcripts and minutes.
  static let fieldNames: Set<String> = [
    "datum", "tijd", "locatie", "plaats", "aanwezig", "afwezig", "afgemeld", "notulist", "notulen", "voorzitter",
    "onderwerp", "deelnemers", "sprekers", "interviewer", "interviewster", "respondent", "geïnterviewde", "duur",
    "organisatie",
    "functie", "project", "kenmerk", "transcriptie", "transcribent", "opname", "gast", "gasten", "casus", "fase",
    "versie",
    "status", "auteur", "titel", "vergadering", "agenda", "toehoorder", "toehoorders", "kopie",
  ]

  /// Header fields that are speaker labels when they recur.
  static let labelLikeFields: Set<String> = [
    "interviewer", "interviewster", "respondent", "geïnterviewde", "gast", "voorzitter", "notulist",
  ]

  /// Labels that mark the interviewer (lowercased): the built-in ones and question labels.
  static let interviewerLabelWords: Set<String> = Set(
    CorpusManifest.builtInInterviewerLabels.map { $0.lowercased() } + ["q", "v", "vraag", "interviewer 1", "i1"])

  /// The number an agenda heading starts with (`1.`, `3.2`), without a final dot, or "".
  static func leadingNumber(_ title: String) -> String {
    var number = String(title.prefix { $0.isNumber || $0 == "." })
    while number.hasSuffix(".") { number.removeLast() }
    return number.first?.isNumber == true ? number : ""
  }

  /// Words that start a decision (lowercased, without the colon).
  static let decisionWords: Set<String> = ["besluit", "besluiten", "besloten", "besluitvorming"]
  /// Words that make a line an action item (`Actie: …`).
  static let actionWords: Set<String> = [
    "actie", "actiepunt", "actiepunten", "actielijst", "acties", "afspraak", "afspraken", "todo",
  ]

  static func isActionTitle(_ title: String) -> Bool {
    // Every such title starts with an a after any spaces: most headings are ruled out here.
    guard let first = title.utf8.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A }), first | 0x20 == 0x61
    else { return false }
    let lower = title.lowercased().trimmingSpaces()
    let word = lower.prefix { $0.isLetter }
    return ["actiepunten", "actielijst", "acties", "actiepuntenlijst", "afspraken"].contains(String(word))
      && lower.count <= 40
  }

  func classify(_ line: SourceLine) -> LineClass {
    let (start, end) = trim(line.start, line.end)
    if start >= end { return .blank }
    switch line.hint {
    case .heading(let level): return .heading(level: level, content: start)
    case .listItem:
      if let label = label(start, end), label.content != nil {
        return .label(speaker: label.speaker, timestamp: label.timestamp, content: label.content)
      }
      return .listItem(content: start)
    case .quote: return .quote(content: start)
    case .tableRow: return .tableRow
    case .none: break
    }
    let first = bytes[start]
    // Markdown headings and quotes.
    if first == 0x23 {  // #
      var level = 0
      var index = start
      while index < end, bytes[index] == 0x23 { level += 1; index += 1 }
      if level <= 6, index < end, bytes[index] == 0x20 {
        let (s, _) = trim(index, end)
        return .heading(level: level, content: s)
      }
    }
    if first == 0x3E {  // >
      var index = start + 1
      if index < end, bytes[index] == 0x20 { index += 1 }
      return .quote(content: index)
    }
    if first == 0x7C, bytes[end - 1] == 0x7C {  // | table |
      return .tableRow
    }
    // Bullets: "- ", "* ", "+ ", "• ".
    if (first == 0x2D || first == 0x2A || first == 0x2B), start + 1 < end, bytes[start + 1] == 0x20 {
      let (s, _) = trim(start + 2, end)
      if let action = actionContent(s, end) { return .action(content: action) }
      if let label = label(s, end), label.content != nil {
        return .label(speaker: label.speaker, timestamp: label.timestamp, content: label.content)
      }
      return .listItem(content: s)
    }
    if first == 0xE2, start + 3 < end, bytes[start + 1] == 0x80, bytes[start + 2] == 0xA2, bytes[start + 3] == 0x20 {
      let (s, _) = trim(start + 4, end)
      return .listItem(content: s)
    }
    // Numbered lines: agenda items or numbered list items.
    if first >= 0x30, first <= 0x39 {
      var index = start
      while index < end, index - start < 3, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
      if index < end, bytes[index] == 0x2E || bytes[index] == 0x29, index + 1 < end, bytes[index + 1] == 0x20 {
        let number = string(start, index)
        let (s, e) = trim(index + 1, end)
        if e - s <= 100, e > s, bytes[e - 1] != 0x2E || e - s <= 40 {
          return .agenda(number: number, content: s)
        }
        return .listItem(content: s)
      }
    }
    // "Agendapunt 3: Titel"
    if first == 0x41 || first == 0x61, let agenda = agendapunt(start, end) { return agenda }
    // Debate labels start with a capital title word (De, Mevrouw, Minister, Staatssecretaris, Wethouder …).
    if first >= 0x42, first <= 0x57, end - start <= 120, startsWithTitleWord(start, end), let base = bytes.baseAddress,
      memchr(base + start, 0x3A, end - start) != nil, let speech = DebateLabel.parse(Substring(string(start, end)))
    {
      return .speech(content: speech.contentOffset.map { start + $0 })
    }
    if let decision = decisionLine(start, end) { return decision }
    if let label = label(start, end) {
      // Field, decision and action words have four letters or more; short labels (I, R2) skip the check.
      let key = label.speaker.utf8.count >= 4 ? label.speaker.lowercased() : ""
      if !key.isEmpty, Self.fieldNames.contains(key), let content = label.content, label.timestamp == nil {
        return .header(field: key, content: content)
      }
      if !key.isEmpty, Self.decisionWords.contains(key), let content = label.content {
        return .decision(content: content)
      }
      if !key.isEmpty, Self.actionWords.contains(key) {
        if let content = label.content { return .action(content: content) }
        return .actionHeading
      }
      return .label(speaker: label.speaker, timestamp: label.timestamp, content: label.content)
    }
    // "Besloten wordt …", "Besluit – …" (all decision words start with "besl").
    if first == 0x42 || first == 0x62, Self.decisionWords.contains(firstWord(start, end)) {
      return .decision(content: start)
    }
    if first == 0x41 || first == 0x61, end - start <= 24, Self.isActionTitle(string(start, end)) {
      return .actionHeading
    }
    return .text
  }

  /// Decisions as minutes write them: `Besluit` or `Besluiten` alone on a line (a heading for
  /// the next paragraph), `BESLUIT:`, `Conclusie:`, `De raad besluit …`, `Het bestuur besluit …`,
  /// `Er wordt besloten …`, `Daartoe wordt besloten.` ("Voorgesteld besluit" is a proposal).
  func decisionLine(_ start: Int, _ end: Int) -> LineClass? {
    let first = bytes[start] | 0x20
    guard
      first == 0x62 || first == 0x63 || first == 0x64 || first == 0x68 || first == 0x65 || first == 0x67
        || first == 0x70, end - start >= 7
    else {
      return nil
    }
    // Most lines start otherwise: compared on bytes before any text is made.
    guard Self.decisionStarts.contains(where: { hasPrefix(start, end, $0) }) else { return nil }
    let line = string(start, min(end, start + 80)).lowercased()
    var bare = line.trimmingSpaces()
    if bare.hasSuffix(":") { bare.removeLast() }
    if ["besluit", "besluiten", "besluitvorming", "genomen besluiten"].contains(bare) {
      return .decisionHeading
    }
    if line.hasPrefix("conclusie:") || line.hasPrefix("conclusie is") || line.hasPrefix("conclusie was") {
      return .decision(content: start)
    }
    for subject in Self.decidingBodies where line.hasPrefix(subject) {
      let rest = line.dropFirst(subject.count)
      if rest.hasPrefix(" besluit") || rest.hasPrefix(" besluiten") || rest.hasPrefix(" heeft besloten")
        || rest.hasPrefix(" hebben besloten") || rest.hasPrefix(" stemt in") || rest.hasPrefix(" stemmen in")
      {
        return .decision(content: start)
      }
    }
    if line.hasPrefix("er wordt besloten") || line.hasPrefix("daartoe wordt besloten")
      || line.hasPrefix("hierbij is besloten") || line.hasPrefix("besloten is") || line.hasPrefix("besloten wordt")
    {
      return .decision(content: start)
    }
    return nil
  }

  /// How the lines that ``decisionLine(_:_:)`` looks at start (lowercased ASCII).
  static let decisionStarts: [[UInt8]] = [
    "besl", "conclusie", "de raad", "het bestuur", "de vergadering", "de commissie", "het college", "de alv",
    "de ledenvergadering", "de algemene", "het algemeen", "het dagelijks", "de stuurgroep", "het to ", "de werkgroep",
    "de staten", "provinciale", "gedeputeerde staten", "de kamer", "er wordt besloten", "daartoe", "hierbij is",
    "genomen besl",
  ].map { Array($0.utf8) }

  /// Whether the line from `start` begins with `prefix` (lowercased ASCII), ignoring case.
  func hasPrefix(_ start: Int, _ end: Int, _ prefix: [UInt8]) -> Bool {
    guard end - start >= prefix.count else { return false }
    for (offset, byte) in prefix.enumerated() {
      let here = bytes[start + offset]
      if (here >= 0x41 && here <= 0x5A ? here | 0x20 : here) != byte { return false }
    }
    return true
  }

  /// The title words a debate label starts with (see ``DebateLabel``), as bytes.
  static let titleStarts: [[UInt8]] = [
    "de ", "mevrouw", "minister", "staatssecretaris", "wethouder", "burgemeester", "gedeputeerde", "dijkgraaf",
    "commissaris", "het lid", "raadslid",
  ].map { Array($0.utf8) }

  /// Whether a line starts like a debate label, before any text is made.
  func startsWithTitleWord(_ start: Int, _ end: Int) -> Bool {
    Self.titleStarts.contains { hasPrefix(start, end, $0) }
  }

  /// Who decides in minutes (lowercased, as a line starts).
  static let decidingBodies: [String] = [
    "de raad", "het bestuur", "de vergadering", "de commissie", "het college", "de alv", "de ledenvergadering",
    "de algemene ledenvergadering", "het algemeen bestuur", "het dagelijks bestuur", "de stuurgroep", "het to",
    "de werkgroep", "de staten", "provinciale staten", "gedeputeerde staten", "de kamer",
  ]

  private func actionContent(_ start: Int, _ end: Int) -> Int? {
    guard let label = label(start, end) else { return nil }
    if Self.actionWords.contains(label.speaker.lowercased()) { return label.content }
    return nil
  }

  private func agendapunt(_ start: Int, _ end: Int) -> LineClass? {
    let word = firstWord(start, end)
    guard word == "agendapunt" else { return nil }
    var index = start + 10
    while index < end, bytes[index] == 0x20 { index += 1 }
    let numberStart = index
    while index < end, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
    guard index > numberStart else { return nil }
    let number = string(numberStart, index)
    while index < end, bytes[index] == 0x3A || bytes[index] == 0x2E || bytes[index] == 0x20 || bytes[index] == 0x2D {
      index += 1
    }
    return .agenda(number: number, content: index < end ? index : numberStart)
  }

  /// The lowercased first word (ASCII letters and UTF-8 letters) of a line.
  private func firstWord(_ start: Int, _ end: Int) -> String {
    var index = start
    while index < end, isWordByte(bytes[index]) { index += 1 }
    return index > start && index - start <= 20 ? string(start, index).lowercased() : ""
  }

  private func isWordByte(_ byte: UInt8) -> Bool {
    (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80
  }

  // MARK: - Speaker labels

  struct Label {
    var speaker: String
    var timestamp: String?
    var content: Int?
  }

  /// Tussenvoegsels and other lowercase words allowed inside a name.
  static let nameParticles: Set<String> = [
    "de", "van", "der", "den", "het", "ter", "ten", "te", "'t", "in", "la", "le", "du", "op", "von", "el", "al", "da",
    "di", "dos",
  ]

  /// Words that open a sentence with a colon (`Kortom: …`, `Let op: …`) and never name a speaker.
  static let discourseLabels: Set<String> = [
    "kortom", "dus", "nou", "nou ja", "maar", "en", "want", "ja", "nee", "oké", "ok", "okay", "tja", "kijk", "zie",
    "let op", "let wel", "nb", "n.b", "ps", "p.s", "tip", "noot", "opmerking", "toelichting", "voorbeeld",
    "bijvoorbeeld", "conclusie", "samenvatting", "resultaat", "uitkomst", "waarom", "hoe", "wat", "wie", "eerst",
    "daarna", "tot slot", "ten slotte", "oftewel", "met andere woorden", "belangrijk", "aandachtspunt",
    "let daarbij op",
  ]

  /// Parses a speaker label at the start of a line: `I:`, `R2:`, `Interviewer:`,
  /// `Naam (00:12:33):`, `[00:12:33] Naam:`, or `Naam 00:12:33` alone on its line.
  func label(_ lineStart: Int, _ end: Int) -> Label? {
    var index = lineStart
    var timestamp: String?
    // [00:12:33] Naam:
    if bytes[index] == 0x5B, let tsEnd = timestampEnd(index + 1, end), tsEnd < end, bytes[tsEnd] == 0x5D {
      timestamp = string(index + 1, tsEnd)
      index = tsEnd + 1
      while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
    }
    let nameStart = index
    // A name: letters, digits, spaces, '.', '-', '\'' up to 48 bytes.
    while index < end, index - nameStart <= 48 {
      let byte = bytes[index]
      if byte == 0x3A || byte == 0x28 || byte == 0x09 { break }
      if byte >= 0x30 && byte <= 0x39 {
        // A timestamp after the name ends it.
        if index > nameStart, bytes[index - 1] == 0x20, timestampEnd(index, end) != nil { break }
      } else if !(isWordByte(byte) || byte == 0x20 || byte == 0x2E || byte == 0x2D || byte == 0x27) {
        return nil
      }
      index += 1
    }
    var nameEnd = index
    while nameEnd > nameStart, bytes[nameEnd - 1] == 0x20 { nameEnd -= 1 }
    guard nameEnd > nameStart, index - nameStart <= 48 else { return nil }
    guard Self.isSpeakerName(bytes: UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd])) else { return nil }
    let name = string(nameStart, nameEnd)
    if Self.discourseLabels.contains(name.lowercased()) { return nil }
    if index >= end { return nil }
    var byte = bytes[index]
    // Naam (00:12:33):  or  Naam (00:12:33)
    if byte == 0x28 {
      guard let tsEnd = timestampEnd(index + 1, end), tsEnd < end, bytes[tsEnd] == 0x29 else { return nil }
      timestamp = string(index + 1, tsEnd)
      index = tsEnd + 1
      while index < end, bytes[index] == 0x20 { index += 1 }
      if index >= end { return Label(speaker: name, timestamp: timestamp, content: nil) }
      byte = bytes[index]
      guard byte == 0x3A else { return nil }
    }
    // Naam 00:12:33  (alone on its line)
    if byte >= 0x30, byte <= 0x39 {
      guard let tsEnd = timestampEnd(index, end) else { return nil }
      let ts = string(index, tsEnd)
      var rest = tsEnd
      while rest < end, bytes[rest] == 0x20 || bytes[rest] == 0x09 { rest += 1 }
      guard rest >= end else { return nil }
      return Label(speaker: name, timestamp: ts, content: nil)
    }
    if byte == 0x09 { return nil }
    guard byte == 0x3A else { return nil }
    index += 1
    // A colon must be followed by a space, the end of the line, or a capital ("I:Hoe…");
    // "http://…" and "10:30" are no labels.
    if index < end, bytes[index] != 0x20, bytes[index] != 0x09, !(bytes[index] >= 0x41 && bytes[index] <= 0x5A) {
      return nil
    }
    while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
    return Label(speaker: name, timestamp: timestamp, content: index < end ? index : nil)
  }

  /// Whether `name` looks like a speaker label: at most five words, the first capitalised (or
  /// an interviewer label), the others capitalised, numbers or name particles.
  static func isSpeakerName(_ name: String) -> Bool {
    var copy = name
    return copy.withUTF8 { Self.isSpeakerName(bytes: $0) }
  }

  /// ``isSpeakerName(_:)`` on UTF-8 bytes, without allocating.
  static func isSpeakerName(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = bytes.count
    var words = 0
    var index = 0
    while index < count {
      while index < count, bytes[index] == 0x20 { index += 1 }
      guard index < count else { break }
      let start = index
      while index < count, bytes[index] != 0x20 { index += 1 }
      words += 1
      if words > 5 { return false }
      let first = bytes[start]
      if first >= 0x41 && first <= 0x5A { continue }
      // Latin-1 capitals À–Þ (C3 80–C3 9E, not ×).
      if first == 0xC3, start + 1 < index, bytes[start + 1] >= 0x80, bytes[start + 1] <= 0x9E, bytes[start + 1] != 0x97
      {
        continue
      }
      if words == 1 { return false }
      var digits = true
      for offset in start..<index where bytes[offset] < 0x30 || bytes[offset] > 0x39 {
        digits = false
        break
      }
      if digits { continue }
      if index - start > 4 { return false }
      let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
      if nameParticles.contains(word) { continue }
      return false
    }
    return words > 0
  }

  /// The end of a timestamp `H:MM`, `HH:MM:SS`, optionally with `.mmm` or `,mmm`, starting at `start`.
  func timestampEnd(_ start: Int, _ end: Int) -> Int? {
    var index = start
    func digits(_ limit: Int) -> Int {
      let from = index
      while index < end, index - from < limit, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
      return index - from
    }
    guard digits(2) >= 1, index < end, bytes[index] == 0x3A else { return nil }
    index += 1
    guard digits(2) == 2 else { return nil }
    if index < end, bytes[index] == 0x3A {
      let save = index
      index += 1
      if digits(2) != 2 { index = save }
    }
    if index + 1 < end, bytes[index] == 0x2E || bytes[index] == 0x2C, bytes[index + 1] >= 0x30, bytes[index + 1] <= 0x39
    {
      index += 1
      _ = digits(3)
    }
    if index < end, bytes[index] >= 0x30, bytes[index] <= 0x39 { return nil }
    return index
  }

  // MARK: - Roles declared in the text

  /// Parses `I (interviewer), R2 (respondent), Jan Smit (onderzoeker)` into roles by lowercased label.
  static func declaredRoles(_ value: String) -> [(String, SpeakerRole)] {
    var result: [(String, SpeakerRole)] = []
    // On bytes: the separators and brackets are ASCII (long attendance lines are common).
    let bytes = Array(value.utf8)
    for part in bytes.split(whereSeparator: { $0 == 0x2C || $0 == 0x3B }) {
      guard let open = part.firstIndex(of: 0x28), let close = part[open...].firstIndex(of: 0x29) else { continue }
      let label = String(decoding: part[..<open], as: UTF8.self).trimmingSpaces()
      guard !label.isEmpty else { continue }
      let roleWord = String(decoding: part[(open + 1)..<close], as: UTF8.self).trimmingSpaces().lowercased()
      if let role = role(named: roleWord) { result.append((label.lowercased(), role)) }
    }
    return result
  }

  /// A role word in Dutch or English.
  static func role(named word: String) -> SpeakerRole? {
    switch word {
    case "interviewer", "interviewster", "onderzoeker", "onderzoekster", "interviewer/onderzoeker", "i":
      return .interviewer
    case "respondent", "geïnterviewde", "geinterviewde", "deelnemer", "r", "participant", "informant":
      return .respondent
    default: return nil
    }
  }

  // MARK: - Helpers

  /// The range without leading and trailing spaces and tabs.
  func trim(_ start: Int, _ end: Int) -> (Int, Int) {
    var s = start
    var e = end
    while s < e, bytes[s] == 0x20 || bytes[s] == 0x09 || bytes[s] == 0x0A { s += 1 }
    while e > s, bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09 || bytes[e - 1] == 0x0A { e -= 1 }
    return (s, e)
  }

  func string(_ start: Int, _ end: Int) -> String {
    guard end > start else { return "" }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
  }
}

extension StringProtocol {
  /// The text without leading and trailing white space.
  func trimmingSpaces() -> String {
    var result = Substring(self)
    while let first = result.first, first.isWhitespace { result.removeFirst() }
    while let last = result.last, last.isWhitespace { result.removeLast() }
    return String(result)
  }
}

/// Dutch and ISO dates to `YYYY-MM-DD`.
enum DutchDate {
  static let months: [String: Int] = [
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "mar": 3, "april": 4, "apr": 4, "mei": 5,
    "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8, "october": 10,
  ]

  /// Parses `2019-05-14`, `14-05-2019`, `14/5/2019`, `14.05.2019`, `dinsdag 14 mei 2019`, `14 mei '19`
  /// or an ISO timestamp; nil when there is no date.
  static func parse(_ text: String) -> String? {
    let tokens = text.lowercased().split(whereSeparator: {
      !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "/" || $0 == ".")
    })
    for (index, token) in tokens.enumerated() {
      let parts = token.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." }).map(String.init)
      if parts.count >= 3, let a = Int(parts[0]), let b = Int(parts[1]) {
        let cDigits = parts[2].prefix(while: \.isNumber)
        guard let c = Int(cDigits) else { continue }
        if parts[0].count == 4 { return format(a, b, c) }
        if parts[2].count >= 4 || cDigits.count == 4 { return format(c, b, a) }
      }
      if let day = Int(token), day >= 1, day <= 31, index + 2 < tokens.count,
        let month = months[String(tokens[index + 1]).trimming(chars: ".")]
      {
        let yearText = String(tokens[index + 2])
        if let year = Int(yearText) { return format(year < 100 ? 2000 + year : year, month, day) }
      }
    }
    return nil
  }

  static func format(_ year: Int, _ month: Int, _ day: Int) -> String? {
    guard year >= 1000, year <= 2999, month >= 1, month <= 12, day >= 1, day <= 31 else { return nil }
    let m = month < 10 ? "0\(month)" : "\(month)"
    let d = day < 10 ? "0\(day)" : "\(day)"
    return "\(year)-\(m)-\(d)"
  }
}

extension String {
  fileprivate func trimming(chars set: String) -> String {
    var result = Substring(self)
    while let first = result.first, set.contains(first) { result.removeFirst() }
    while let last = result.last, set.contains(last) { result.removeLast() }
    return String(result)
  }
}
