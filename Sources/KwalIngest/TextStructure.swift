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
    /// An agenda item that the source ran on into the text before it (a PDF flattened into
    /// one paragraph); the line starts with the item's number.
    case runOnItem
    /// The text before such items: the minutes' title and attendance, run on too.
    case runOnHeader
    /// A question cut from a paragraph that ran it on into its answer (`… ? Antwoord: …`): it
    /// stands apart as a question does after a blank line.
    case cutQuestion
    /// A speaker's label that the source's markup gives (a TEI utterance's speaker), with the
    /// role the markup gives: a turn in any kind of document, even when its words are no
    /// debate label (`Eva de Groot:`).
    case speakerLabel(SpeakerRole?)

    var isSpeakerLabel: Bool {
      if case .speakerLabel = self { return true }
      return false
    }
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
    /// A question on a line of its own in an interview without speaker labels.
    case question
  }

  /// The UTF-8 bytes of the text; valid while the caller's ``withBytes(of:_:)`` closure runs.
  let bytes: UnsafeBufferPointer<UInt8>
  let lines: [SourceLine]
  let markdown: Bool
  /// A title the source gave (Markdown front matter, HTML `<title>`): the first line is then
  /// not taken for the title.
  var givenTitle: String? = nil
  /// The file's path in the corpus (`FSC/notulen/20251202.md`): weak evidence of the kind when
  /// the text has no title.
  var fileName: String? = nil
  /// Headings the source's layout showed (a PDF's larger or bold lines), by the byte where their
  /// line starts, with their level: a line the text alone leaves plain becomes a heading.
  var layoutHeadings: [Int: Int] = [:]
  /// Lines that start with a number the source's layout set in a column of its own (a PDF's
  /// agenda item numbers), by the byte where they start: numbered items.
  var layoutItems: Set<Int> = []
  /// The offsets of lines that the source quoted (Markdown's `> `, its marks left out): quotes
  /// as a line that starts with `>` is, a decision's heading set off as a quote still one.
  var layoutQuotes: Set<Int> = []

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
    for index in classes.indices where layoutItems.contains(lines[index].start) {
      let (start, end) = trim(lines[index].start, lines[index].end)
      var numberEnd = start
      while numberEnd < end, bytes[numberEnd] >= 0x30 && bytes[numberEnd] <= 0x39 { numberEnd += 1 }
      guard numberEnd > start, numberEnd < end else { continue }
      classes[index] = .agenda(number: string(start, numberEnd), content: trim(numberEnd, end).0)
    }
    for index in classes.indices where layoutQuotes.contains(lines[index].start) {
      switch classes[index] {
      case .decisionHeading: continue
      // A bare ">" between a quote's paragraphs: the quote goes on, as it did with its mark.
      case .blank: classes[index] = .quote(content: lines[index].end)
      default: classes[index] = .quote(content: trim(lines[index].start, lines[index].end).0)
      }
    }
    if !layoutHeadings.isEmpty {
      for index in classes.indices where classes[index] == .text {
        guard let level = layoutHeadings[lines[index].start] else { continue }
        classes[index] = .heading(level: level, content: trim(lines[index].start, lines[index].end).0)
      }
    }

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
    // The first line when it is no title: its start may still name the minutes ("Notulen
    // Algemene Ledenvergadering Datum: Plaats: …", a title run on with the fields after it).
    var untitledFirst: Int?
    if givenTitle == nil, let first = classes.firstIndex(where: { $0 != .blank }) {
      untitledFirst = first
      switch classes[first] {
      case .heading(_, let content) where !Self.isItemNumbered(string(content, lines[first].end)):
        // A numbered heading ("## 1. Mededelingen") is the first item, not the title.
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

    let transcript = transcriptLabels(&classes).merging(floorLabels(&classes)) { first, _ in first }
    capitalsLabels(&classes)
    let magazine = guillemetLabels(&classes)
    trailingDecisionLabels(&classes)

    // Statistics for kind inference.
    let initialsOf = Self.initialsLabels(
      classes.indices.compactMap { index -> (speaker: String, quoted: Bool)? in
        guard case .label(let speaker, _, let content) = classes[index] else { return nil }
        if let content { return (speaker, opensWithQuote(content, lines[index].end)) }
        guard let next = classes[(index + 1)...].firstIndex(where: { $0 != .blank }) else { return (speaker, false) }
        let (start, end) = trim(lines[next].start, lines[next].end)
        return (speaker, opensWithQuote(start, end))
      })
    var labelCount = 0
    var speakers: [String: Int] = [:]
    var changes = 0
    var previous: String?
    var interviewerLabels = 0
    var speeches = 0
    var speechSpeakers: Set<String> = []
    // Speeches of a member with a party, or a minister, whose text opens by addressing the chair
    // ("Voorzitter. …"): one is a debate's turn, as parliaments publish single contributions.
    var addressedSpeeches = 0
    // Speeches of the chair, the label alone on its line ("De voorzitter:"), as a debate's
    // transcript prints them: the Handelingen of a sitting where only the chair speaks.
    var chairSpeeches = 0
    var tableRows = 0
    var evidence = MinutesEvidence()
    if let first = untitledFirst, titleLine == nil {
      switch classes[first] {
      case .text, .label, .header:
        let (start, end) = trim(lines[first].start, lines[first].end)
        evidence.firstLine(string(start, min(end, start + 300)))
      default: break
      }
    }
    var declaredRoles: [String: SpeakerRole] = [:]
    var date: String?
    if let title { evidence.title(title) }
    if let fileName { evidence.fileName(fileName) }
    for (index, lineClass) in classes.enumerated() {
      switch lineClass {
      case .label(let speaker, _, let content):
        // "Afw.:" alone, or "Status Aanwezig: …" (a table's cells run together): the last word
        // heads an attendance list. Most labels are ruled out by the last word's first letter.
        let endsInG = speaker.utf8.withContiguousStorageIfAvailable { $0.last == 0x67 } ?? speaker.hasSuffix("g")
        if content == nil || endsInG {  // alone, or ending "…wezig"
          let lastWord = (speaker.split(separator: " ").last.map(String.init) ?? speaker).lowercased()
          if MinutesEvidence.attendanceWords.contains(lastWord), lastWord != "notulen" { evidence.field(lastWord) }
          // "Aanwezige wijkraadleden:" alone on its line heads the attendance list.
          if content == nil, MinutesEvidence.isAttendanceNounHeading(speaker) { evidence.attendanceLabel(speaker) }
        }
        // "Volgende vergadering: 8 oktober 2013": the record of a meeting names the next one.
        // Looked at only for a label that starts as one can ("Volgende …", "Datum …"): most
        // labels are speakers.
        if let initial = speaker.utf8.first, initial | 0x20 == 0x76 || initial | 0x20 == 0x64,
          MinutesEvidence.isNextMeeting(speaker)
        {
          evidence.nextMeeting = true
        }
        labelCount += 1
        let key = initialsOf[speaker] ?? speaker
        speakers[key, default: 0] += 1
        if let previous, previous != key { changes += 1 }
        previous = key
      case .speech(let content):
        speeches += 1
        if let label = transcript[index] ?? debateLabel(lines[index]) {
          speechSpeakers.insert(label.speaker)
          if label.party != nil || label.role == .minister, addressesChair(after: index, content: content) {
            addressedSpeeches += 1
          }
          if label.role == .chair, content == nil { chairSpeeches += 1 }
        }
      case .agenda(_, let content):
        evidence.numberedItems += 1
        evidence.agendaTitle(string(content, lines[index].end))
      case .listItem(let content) where startsWithItemNumber(lines[index]):
        // "1. Opening Judith opent de vergadering …": an item with its text on one line.
        evidence.numberedParagraphs += 1
        evidence.agendaTitle(string(content, min(lines[index].end, content + 60)))
      case .heading(let level, let content):
        let text = string(content, lines[index].end)
        if index != titleLine { evidence.heading(text, level: level) }
        // A heading among the first lines that names and dates the record, under a heading that
        // names the body ("Verslag Overleg 03-07-2020" under the working group's name).
        if index != titleLine, index < 12, text.utf8.count <= 80, text.contains(where: \.isNumber),
          MinutesEvidence.namesRecord(text), !MinutesEvidence.isContainerHeading(text)
        {
          evidence.title(text)
        }
      case .decision, .decisionHeading:
        evidence.decisions += 1
      case .header(let field, let content):
        evidence.field(field)
        let value = string(content, lines[index].end)
        if field == "datum", date == nil { date = DutchDate.parse(value) }
        // A memo's subject line names the document: "Onderwerp: Verslag overleg 30 november".
        if field == "onderwerp" { evidence.title(value) }
        if field == "aanwezig" || field == "aanwezigen" || field == "deelnemers" || field == "sprekers" {
          for (label, role) in Self.declaredRoles(value) where declaredRoles[label] == nil {
            declaredRoles[label] = role
          }
        }
      case .text where lines[index].hint == .runOnHeader:
        let (start, end) = trim(lines[index].start, lines[index].end)
        if end - start <= 3000 { evidence.runOnHeader(string(start, end)) }
      case .text:
        // Only short lines that may name an agenda or attendance block are read as text.
        let line = lines[index]
        let (start, end) = trim(line.start, line.end)
        if end - start <= 60, isCapitalsTitle(start, end) { evidence.capitalsTitle(string(start, end)) }
        if end - start <= 60, end - start >= 3,
          MinutesEvidence.nextMeetingStarts.contains(MinutesEvidence.key(bytes[start..<start + 3]))
        {
          evidence.nextMeetingLine(string(start, end))
        }
        // The document's last line is no title or field of it (a download link's text).
        let followed = classes[(index + 1)...].contains(where: { $0 != .blank })
        if end - start <= 60, end - start >= 3, followed,
          MinutesEvidence.lineStarts.contains(MinutesEvidence.key(bytes[start..<start + 3]))
        {
          evidence.line(string(start, end))
        }
        // A council's decision as its record gives it: recitals and the vote.
        if end - start >= 12,
          MinutesEvidence.decisionRecordStarts.contains(MinutesEvidence.key(bytes[start..<start + 3]))
        {
          evidence.decisionRecordLine(string(start, min(end, start + 200)))
        }
        // The document's first lines name and date the meeting, and may hold its attendance run
        // on with other fields ("Aanwezig: Afwezig: mevrouw …"). A title heads something: the
        // document's last line is none ("Notulen … 12-12-2019" as a download link).
        if index < 12, end > start {
          let text = string(start, min(end, start + 400))
          // A line shaped as a title: short, no sentence's end ("Kort verslag bestuursvergadering"),
          // or in capitals ("NOTULEN JAARVERGADERING 2019 BUURTVERENIGING HULSHORST.").
          if followed, end - start <= 80,
            ![0x2E, 0x21, 0x3F].contains(bytes[end - 1]) || isCapitalsTitle(start, end - 1)
              // "Bestuursvergadering 10 mei 2022 kort verslag voor de leden.": a title with a
              // full stop, that names the record.
              || bytes[end - 1] == 0x2E && MinutesEvidence.namesRecord(text),
            !MinutesEvidence.namesRecord(text) || !neighbourDiffersOnlyInDigits(index)
          {
            evidence.titleLine(text)
          }
          evidence.headerLine(text)
          if end - start > 80 { runOnRecordTitle(start, end, &evidence) }
        } else if index < 40, followed, end - start <= 120, end - start >= 10,
          MinutesEvidence.recordStarts.contains(MinutesEvidence.key(bytes[start..<start + 3]))
        {
          // Below a letterhead: "Verslag van de overlegvergadering van de Universiteitsraad op …".
          // Not one of a list of records ("verslag ledenvergadering 2010", "… 2011": the links
          // of a page about the meeting), whose neighbour is the same but for its digits.
          let text = string(start, end)
          let lower = text.lowercased()
          if lower.hasPrefix("verslag ") || lower.hasPrefix("notulen ") || lower.hasPrefix("besluitenlijst "),
            !neighbourDiffersOnlyInDigits(index)
          {
            evidence.title(text)
          }
        }
      case .listItem(let content) where evidence.titleWeight >= 2:
        // "• … Besloten wordt ge…": a decision inside a bullet of short minutes.
        let openings = evidence.titleWeight >= 3 || evidence.attendance != nil
        if decisionInside(content, lines[index].end)
          ?? decisionPhrase(content, lines[index].end, openings: openings) != nil
        {
          evidence.decisions += 1
        }
      case .tableRow:
        if tableRows < 40 {
          tableRows += 1
          evidence.tableRow(string(lines[index].start, lines[index].end))
        }
      default: break
      }
    }
    // Interviewer labels, counted per speaker once (not per turn).
    for (speaker, count) in speakers
    where Self.interviewerLabelWords.contains(speaker.lowercased()) || magazine.contains(speaker) {
      interviewerLabels += count
    }
    for label in magazine { declaredRoles[label.lowercased()] = .interviewer }
    // In an interview or a group conversation people speak more than once: labels that are
    // nearly all different ("Firewall:", "Netwerk:", "Mike2:" in a retrospective) are no turns.
    let interviewLike =
      (labelCount >= 3 && speakers.count >= 2 && changes >= 2 && (speakers.values.max() ?? 0) >= 2
        && speakers.count * 2 <= labelCount + 2)
      || (labelCount >= 2 && speakers.count >= 2 && interviewerLabels >= 1)
    // The Handelingen as officielebekendmakingen.nl prints them start with the word "Handeling",
    // or open an item with "De beraadslaging wordt geopend.".
    let handelingen =
      speeches >= 1
      && (classes.firstIndex(where: { $0 != .blank }).map { first in
        let (start, end) = trim(lines[first].start, lines[first].end)
        let line = string(start, end)
        // The Eerste Kamer's record of a sitting: "Verslag van de plenaire vergadering van …".
        return line == "Handeling" || line == "Handelingen" || line.hasPrefix("Verslag van de plenaire vergadering")
      } == true
        || lines.prefix(40).contains { line in
          let (start, end) = trim(line.start, line.end)
          if end - start >= 20 && bytes[start] == 0x44, string(start, end).hasPrefix("De beraadslaging wordt geopend") {
            return true
          }
          // A parliament's record names itself in its heading: "Handelingen - Nederlandse
          // versie", "Parlementaire handelingen" (the Belgian Senate), "Integraal verslag" (the
          // Belgian Chamber), "Tweede Kamer, 14e vergadering, woensdag 25 oktober 2017" (the
          // Kamer's own pages), or says it is verbatim ("… bijgaand geredigeerd woordelijk
          // verslag uit.", a committee's report).
          guard end - start >= 11 else { return false }
          let first = bytes[start]
          if first == 0x54 || first == 0x45, end - start <= 100 {
            let heading = string(start, end)
            for house in ["Tweede Kamer, ", "Eerste Kamer, "] where heading.hasPrefix(house) {
              let rest = heading.dropFirst(house.count)
              let number = rest.prefix { $0.isNumber }
              if !number.isEmpty, rest.dropFirst(number.count).hasPrefix("e vergadering") { return true }
            }
          }
          if end - start <= 300 {
            let line = string(start, end).asciiLowercased
            // "Van deze vergadering is geen woordelijk verslag gemaakt." says the opposite.
            if MinutesEvidence.contains(line, "woordelijk verslag"), !MinutesEvidence.contains(line, "geen woordelijk")
            {
              return true
            }
          }
          guard end - start <= 60, first == 0x48 || first == 0x50 || first == 0x49 else { return false }
          let heading = string(start, end).asciiLowercased
          return heading.hasPrefix("handelingen") || heading == "parlementaire handelingen"
            || heading.hasPrefix("integraal verslag")
        })
    let debateLike =
      handelingen || speechSpeakers.count >= 2 && (speeches >= 3 || labelCount == 0 || addressedSpeeches >= 1)
      || addressedSpeeches >= 1 && addressedSpeeches == speeches && labelCount <= 2
      || chairSpeeches >= 2 && chairSpeeches == speeches && labelCount == 0
    var kind: DocumentKind
    var reason: String
    if let forcedKind {
      kind = forcedKind
      reason = "kind \(forcedKind.rawValue): set in the manifest"
    } else if debateLike {
      kind = .debate
      reason = "kind debate: \(speeches) speaker labels of a debate (\(speechSpeakers.count) speakers)"
    } else if evidence.isMinutes || interviewLike && evidence.namesMinutes {
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
    // One label may stand before an answer ("Veldwijk: ,,Ik volg …"), the others unlabelled.
    if labelCount <= 1, forcedKind == nil && kind == .document || forcedKind == .interview {
      // An interview as magazines and websites print it: the questions on lines of their own,
      // without speaker labels.
      let questions = unlabeledQuestions(
        classes, title: title, titleLine: titleLine, required: forcedKind == .interview)
      if !questions.isEmpty {
        for index in questions { classes[index] = .question }
        if forcedKind == nil {
          kind = .interview
          reason =
            "kind interview: \(questions.count) questions on lines of their own, each followed by its answer, "
            + (labelCount == 0 ? "without speaker labels" : "with one speaker label")
        }
      }
    }
    if kind == .minutes {
      // Headings at the level of the agenda are agenda items when the items are not numbered.
      if evidence.numberedItems < 2, let level = evidence.agendaLevel {
        var count = 0
        for index in classes.indices where index != titleLine {
          guard case .heading(let headingLevel, let content) = classes[index], headingLevel == level,
            !MinutesEvidence.isAttendanceHeading(string(content, lines[index].end)),
            !MinutesEvidence.isContainerHeading(string(content, lines[index].end)),
            !MinutesEvidence.isNoItemHeading(string(content, lines[index].end))
          else { continue }
          // A heading with nothing under it before the next one ("## Commissies" over "## Commissie
          // Congres") groups the items; it is not one.
          if let next = classes[(index + 1)...].firstIndex(where: { $0 != .blank }) {
            switch classes[next] {
            case .heading(let nextLevel, _) where nextLevel <= level: continue
            case .agenda: continue
            default: break
            }
          }
          classes[index] = .agenda(number: Self.leadingNumber(string(content, lines[index].end)), content: content)
          count += 1
        }
        if count > 0 { reason += "; \(count) agenda items from level-\(level) headings" }
      } else if evidence.numberedItems + evidence.numberedParagraphs >= 2 {
        let continued = continueNumbering(&classes)
        reason += "; \(evidence.numberedItems + continued) numbered agenda items"
      }
      if !Self.hasAgenda(classes) {
        let count = topicItems(&classes, titleLine: titleLine)
        if count > 0 { reason += "; \(count) agenda items from the list of topics" }
      }
      if !Self.hasAgenda(classes) {
        let count = titleLineItems(&classes, titleLine: titleLine)
        if count > 0 { reason += "; \(count) agenda items from titles on lines of their own" }
      }
      if !Self.hasAgenda(classes) {
        let count = outlineItems(&classes)
        if count > 0 { reason += "; \(count) agenda items from bullets with bullets under them" }
      }
      // A decision list set as a table (a council's besluitenlijst in PDF).
      if let title = evidence.titleText, MinutesEvidence.containsWord(title.asciiLowercased, "besluitenlijst") {
        let (items, decisions) = decisionListRows(&classes)
        if items + decisions > 0 {
          reason += "; a decision list's rows: \(items) lettered items, \(decisions) outcomes"
        }
      }
      if !Self.hasAgenda(classes) {
        let count = bulletTitleItems(&classes)
        if count > 0 { reason += "; \(count) agenda items from bullets that title the paragraph under them" }
      }
    }
    // In minutes, one label repeated line after line with no one else between ("Matrix: AP02 …",
    // a table's rows extracted from a PDF) is a field of a list, not someone speaking.
    if kind == .minutes, let (repeated, count) = speakers.max(by: { $0.value < $1.value }), count >= 5,
      count * 5 >= labelCount * 4, changes <= 2
    {
      for index in classes.indices {
        if case .label(let speaker, _, _) = classes[index], speaker == repeated { classes[index] = .text }
      }
    }
    // In minutes, five labels or more that are one code numbered, each once or twice
    // (`LBLOD027:`, `LBLOD002:`, …, requirements listed in a workshop's report), are identifiers,
    // not people: people in a transcript speak again and again.
    if kind == .minutes {
      let coded = Self.numberedCodes(speakers)
      if !coded.isEmpty {
        for index in classes.indices {
          if case .label(let speaker, _, _) = classes[index], coded.contains(speaker) { classes[index] = .text }
        }
      }
    }
    if kind == .minutes, forcedKind == nil, let announced = announcedAgenda(classes, evidence: evidence) {
      // An agenda sent before the meeting: its items have no text under them.
      kind = .document
      reason = "kind document: an agenda announced before the meeting (\(announced)), not minutes"
      for index in classes.indices {
        if case .agenda(_, let content) = classes[index] { classes[index] = .heading(level: 2, content: content) }
      }
    }
    let segments = group(classes, kind: kind, transcript: transcript)
    return Analysis(
      kind: kind, segments: segments, title: title, date: date, declaredRoles: declaredRoles, kindReason: reason)
  }

  /// The speakers of a council transcript (``DebateLabel/transcript(_:next:)``): their time
  /// lines become `.speech` and the function and repeated name lines after them are left out.
  func transcriptLabels(_ classes: inout [LineClass]) -> [Int: DebateLabel] {
    var labels: [Int: DebateLabel] = [:]
    for index in classes.indices {
      let (start, end) = trim(lines[index].start, lines[index].end)
      guard end - start >= 6, end - start <= 80 else { continue }
      // A digit first, or after a bullet ("• " is three bytes and a space).
      var first = start
      if bytes[first] == 0xE2, first + 4 < end {
        first += 4
      } else if bytes[first] == 0x2D || bytes[first] == 0x2A {
        first += 2
      }
      guard first < end, bytes[first] >= 0x30, bytes[first] <= 0x39 else { continue }
      var next: [Int] = []
      var probe = index + 1
      while next.count < 2, probe < classes.count, probe <= index + 4 {
        if classes[probe] != .blank { next.append(probe) }
        probe += 1
      }
      guard next.count == 2 else { continue }
      let following = next.map { position -> Substring in
        let (s, e) = trim(lines[position].start, lines[position].end)
        return Substring(string(s, e))
      }
      guard let label = DebateLabel.transcript(Substring(string(start, end)), next: following) else { continue }
      labels[index] = label
      classes[index] = .speech(content: nil)
      for position in next { classes[position] = .blank }
    }
    return labels
  }

  /// A transcript that sets each speaker's name in capitals alone on its line, without a colon,
  /// over the words (`INTERVIEWER`, then `MARVIN`): such lines are labels when two names at
  /// least recur, four lines in all, and one of them is an interviewer's label (a report's
  /// headings in capitals name no interviewer).
  func capitalsLabels(_ classes: inout [LineClass]) {
    var candidates: [(index: Int, name: String)] = []
    for index in classes.indices where classes[index] == .text {
      let (start, end) = trim(lines[index].start, lines[index].end)
      guard end > start, end - start <= 32 else { continue }
      // Capitals (Latin-1's too: RENÉ), digits, spaces, hyphens and apostrophes (JEAN-PIERRE).
      var letters = false
      var shaped = true
      var at = start
      while at < end {
        let byte = bytes[at]
        if byte >= 0x41 && byte <= 0x5A {
          letters = true
        } else if byte == 0xC3, at + 1 < end, bytes[at + 1] >= 0x80, bytes[at + 1] <= 0x9E, bytes[at + 1] != 0x97 {
          letters = true
          at += 1
        } else if byte != 0x20 && byte != 0x2D && byte != 0x27 && !(byte >= 0x30 && byte <= 0x39) {
          shaped = false
          break
        }
        at += 1
      }
      // Words follow: a name is no last line.
      guard shaped, letters, index + 1 < classes.count else { continue }
      candidates.append((index, string(start, end)))
    }
    var counts: [String: Int] = [:]
    for candidate in candidates { counts[candidate.name, default: 0] += 1 }
    let recurring = counts.filter { $0.value >= 2 }
    guard recurring.count >= 2, recurring.values.reduce(0, +) >= 4,
      recurring.keys.contains(where: { Self.interviewerLabelWords.contains($0.lowercased()) })
    else { return }
    for candidate in candidates where recurring[candidate.name] != nil {
      classes[candidate.index] = .label(speaker: candidate.name, timestamp: nil, content: nil)
    }
  }

  /// The lines that are an interview's questions when it has no speaker labels: short lines
  /// of their own that end in a question mark, each followed by a text line that is not one
  /// (its answer). Three such pairs or more, and a title or opening that says "interview" or
  /// answers in quotation marks (`,,Nee. Ik studeerde …`); two pairs with such a title; one
  /// pair answered in quotation marks, said by no one named, under such a title; `required`
  /// (the manifest says interview): one pair. Where most answers are quoted, a statement put
  /// between two answers is a question too (``statementsAnsweredInQuotes(_:after:besides:)``). Otherwise none. The line taken for the
  /// title may be the first question.
  func unlabeledQuestions(_ classes: [LineClass], title: String?, titleLine: Int?, required: Bool) -> [Int] {
    var questions: [Int] = []
    var quoted = 0
    var personal = 0
    var attributed = 0
    // Numbered questions make an interview only with answers in quotation marks, or answers in
    // the first person under an opening that names an interview: an interview guide numbers its
    // questions too, with notes under them.
    var numbered = 0
    // The first line, taken for the title, may be the first question; a newspaper numbers its
    // questions ("2. Bent u benaderd …?"), which then read as list items.
    for index in classes.indices where classes[index] == .text || index == titleLine || isNumbered(classes[index]) {
      let (start, end) = trim(lines[index].start, lines[index].end)
      guard end - start >= 6, end - start <= 300 else { continue }
      var last = end - 1
      // A closing quotation mark after the question mark.
      while last > start, bytes[last] == 0x22 || bytes[last] == 0x27 || bytes[last] == 0x9D || bytes[last] == 0x99 {
        last -= bytes[last] >= 0x80 ? 3 : 1
      }
      // A question stands apart: after a blank line, or it is the first one (the opening line).
      guard last >= start, bytes[last] == 0x3F,
        index == 0 || classes[index - 1] == .blank || questions.isEmpty || lines[index].hint == .cutQuestion
      else { continue }
      guard let answer = classes[(index + 1)...].firstIndex(where: { $0 != .blank }) else { continue }
      var (answerStart, answerEnd) = trim(lines[answer].start, lines[answer].end)
      switch classes[answer] {
      case .text: break
      // The answer after its speaker's label, on the label's line.
      case .label(_, _, let content?) where content < answerEnd: answerStart = content
      default: continue
      }
      // The answer is no question itself.
      guard bytes[answerEnd - 1] != 0x3F else { continue }
      if opensWithQuote(answerStart, answerEnd) {
        quoted += 1
        // A news report's quote names who said it (`,,Dat weten we niet", zegt de wethouder.`),
        // in the quote's paragraph or the next ("Dat vertelde hij in het programma.").
        var said = string(answerStart, min(answerEnd, answerStart + 400))
        if let after = classes[(answer + 1)...].firstIndex(where: { $0 != .blank }) {
          let (afterStart, afterEnd) = trim(lines[after].start, lines[after].end)
          said += " " + string(afterStart, min(afterEnd, afterStart + 200))
        }
        if Self.hasWord(said, in: Self.attributionWords) { attributed += 1 }
      }
      // "Wat wil je bereiken?" answered "Een groot punt waar ik …": asked of the person, answered
      // by them (an FAQ asks "Hoe vraag ik …?" and answers "U kunt …").
      if Self.hasWord(string(start, end), in: Self.addressWords),
        Self.hasWord(string(answerStart, min(answerEnd, answerStart + 300)), in: Self.firstPersonWords)
      {
        personal += 1
      }
      if isNumbered(classes[index]) { numbered += 1 }
      questions.append(index)
    }
    if required { return questions }
    let opening = ((title ?? "") + " " + string(0, min(bytes.count, 400))).asciiLowercased
    // An interview's guide or protocol names an interview too: it is none.
    let guide = ["leidraad", "protocol", "vragenlijst", "topiclijst", "topiclist", "guide", "handleiding"].contains {
      MinutesEvidence.contains(opening, $0)
    }
    let named =
      !guide
      && ["interview", "in gesprek met", "vraaggesprek", "vragen aan"].contains {
        MinutesEvidence.contains(opening, $0)
      }
    // A guide's notes are no answers in the first person: numbered questions asked of a person
    // and answered so, under an opening that says "interview", are one (a blog's "5 vragen").
    if numbered > 0 { return questions.count >= 3 && (quoted >= 2 || named && personal >= 3) ? questions : [] }
    // Two questions whose answers are all in quotation marks, as newspapers print an interview;
    // three asked of a person ("je", "u") and answered in the first person ("ik", "mijn") in four.
    if questions.count >= 3 && (named || quoted >= 2) || questions.count >= 2 && (named || quoted == questions.count)
      || questions.count >= 4 && personal >= 3
      // One question answered in quotation marks, under an opening that says "interview", the
      // answer said by no one named: a short interview (or the first of a longer one cut short).
      || questions.count == 1 && named && quoted == 1 && attributed == 0
    {
      // Where the answers are in quotation marks, a question may be a statement put to the one
      // interviewed ("Uw gemeente verliest nu haar meest ervaren wethouder."): a short paragraph
      // of its own, itself unquoted, answered in quotation marks.
      guard quoted >= 2, quoted * 4 >= questions.count * 3, let first = questions.min() else { return questions }
      return (questions + statementsAnsweredInQuotes(classes, after: first, besides: Set(questions))).sorted()
    }
    return []
  }

  /// Whether a line was taken for an agenda item.
  static func hasAgenda(_ classes: [LineClass]) -> Bool {
    classes.contains { if case .agenda = $0 { true } else { false } }
  }

  /// Short unquoted paragraphs (at most 300 bytes, after a blank line) between two answers: after
  /// the first question (`after`), the paragraph before them and the one after them opening with
  /// a quotation mark; other than `besides`.
  func statementsAnsweredInQuotes(_ classes: [LineClass], after first: Int, besides: Set<Int>) -> [Int] {
    func quoted(_ index: Int) -> Bool {
      guard classes[index] == .text else { return false }
      let (start, end) = trim(lines[index].start, lines[index].end)
      return opensWithQuote(start, end)
    }
    var found: [Int] = []
    for index in classes.indices.dropFirst(first + 1) where classes[index] == .text && !besides.contains(index) {
      guard classes[index - 1] == .blank else { continue }
      let (start, end) = trim(lines[index].start, lines[index].end)
      guard end - start >= 6, end - start <= 300, !opensWithQuote(start, end),
        let answer = classes[(index + 1)...].firstIndex(where: { $0 != .blank }), quoted(answer),
        let before = classes[..<index].lastIndex(where: { $0 != .blank }), quoted(before)
      else { continue }
      found.append(index)
    }
    return found
  }

  /// Whether the text from `start` (before `end`) opens with a quotation mark: `,,` (as Dutch
  /// papers print it), `"`, `'`, `“`, `„`, `‘` or `«`.
  func opensWithQuote(_ start: Int, _ end: Int) -> Bool {
    guard end > start else { return false }
    switch bytes[start] {
    case 0x22, 0x27: return true
    case 0x2C: return end - start >= 2 && bytes[start + 1] == 0x2C
    case 0xC2: return end - start >= 2 && bytes[start + 1] == 0xAB
    case 0xE2:
      // U+2018, U+201C and U+201E: E2 80 98, E2 80 9C, E2 80 9E.
      return end - start >= 3 && bytes[start + 1] == 0x80 && [0x98, 0x9C, 0x9E].contains(bytes[start + 2])
    default: return false
    }
  }

  /// `Artikel 1`, `Art. 2`, alone on a line.
  func isArticleLine(_ line: SourceLine) -> Bool {
    let (start, end) = trim(line.start, line.end)
    guard end - start <= 14, end - start >= 5 else { return false }
    let text = string(start, end)
    for word in ["Artikel ", "Art. "] where text.hasPrefix(word) {
      let number = text.dropFirst(word.count)
      return !number.isEmpty && number.count <= 4 && number.allSatisfy { $0.isNumber || $0 == ":" || $0 == "." }
    }
    return false
  }

  /// Words that address the one asked (lowercased).
  static let addressWords: Set<String> = ["je", "jij", "jou", "jouw", "jullie", "u", "uw"]
  /// Words of one who answers for themselves (lowercased): singular, since an organisation's
  /// questions and answers speak as "we" ("Kan je je pas laten bezorgen? Ja, wij bezorgen …").
  static let firstPersonWords: Set<String> = ["ik", "mijn", "mij", "me"]
  /// Verbs that attribute a quote to its speaker in a news report (lowercased).
  static let attributionWords: Set<String> = [
    "zegt", "zei", "zeggen", "aldus", "vertelt", "vertelde", "stelt", "stelde", "reageert", "reageerde", "benadrukt",
    "verklaart", "verklaarde", "laat", "liet",
  ]

  /// Whether `text` holds one of `words` (lowercased, as whole words).
  static func hasWord(_ text: String, in words: Set<String>) -> Bool {
    text.lowercased().split(whereSeparator: { !$0.isLetter }).contains { words.contains(String($0)) }
  }

  /// Whether a line was read as a numbered item (an agenda item or a list item).
  private func isNumbered(_ lineClass: LineClass) -> Bool {
    switch lineClass {
    case .agenda, .listItem: return true
    default: return false
    }
  }

  /// The chair's functions that stand alone on their line in a parliament's web record.
  static let floorChairs: Set<String> = [
    "De voorzitter", "De ondervoorzitter", "De tijdelijke voorzitter",
    // A Flemish provincial council's record: "De heer voorzitter", "Mevrouw de voorzitter".
    "De heer voorzitter", "Mevrouw voorzitter", "Mevrouw de voorzitter",
  ]

  /// Functions between a form of address and a name on a record's name line ("De heer gouverneur
  /// Briers", "Mevrouw gedeputeerde De Ridder"): the executive's, not a member's.
  static let floorFunctions: Set<String> = ["gouverneur", "gedeputeerde", "burgemeester", "schepen", "minister"]

  /// Forms of address before a speaker's full name on a name line of such a record.
  static let floorAddresses = ["De heer", "Mevrouw"]

  /// The speakers of a record that gives the floor in words, as the Vlaams Parlement's web pages
  /// print their debates: "De voorzitter" alone on its line, then "De heer Bouckaert heeft het
  /// woord."; then the speaker's full name alone on its line ("Boudewijn Bouckaert", or after a
  /// form of address: "De heer Ward Kennes"; ``nameLineLabel(_:)``), then the speech. Both lines
  /// become `.speech`. A name is taken right after a line that gives the floor, or, in a record
  /// with a chair's line, alone on its line over words to the chair ("Griet Smaers" / "Voorzitter,
  /// …"); a speech without a name line after a line that gives the floor is the named speaker's,
  /// also where that line ends the chair's longer speech. Only when the record has a chair's line
  /// and two labels at least.
  ///
  /// Where a copy of such a page lost the chair's lines, the line that gives the floor ("De heer
  /// Vandaele heeft het woord.", a paragraph of its own, while no chair is speaking) is the
  /// chair's turn, and the speech after it the named speaker's: only when the record gives the
  /// floor so twice at least.
  func floorLabels(_ classes: inout [LineClass]) -> [Int: DebateLabel] {
    var labels: [Int: DebateLabel] = [:]
    // Speeches that start on the line after the chair's words, without a name line of their own,
    // and the chair's turns that are only the words that give the floor.
    var implicit: Set<Int> = []
    var chairLines = 0
    var floorGivenAlone = 0
    // The last two lines that were not blank, and the role of the last label.
    var previous: Int?
    var beforePrevious: Int?
    var speaking: SpeakerRole?
    for index in classes.indices where classes[index] != .blank {
      defer {
        (beforePrevious, previous) = (previous, index)
        if let role = labels[index]?.role { speaking = role }
      }
      let (start, end) = trim(lines[index].start, lines[index].end)
      let line = string(start, min(end, start + 200))
      if end - start <= 60, Self.floorChairs.contains(line) {
        labels[index] = DebateLabel(
          speaker: String(line.split(separator: " ").last ?? ""), title: line, party: nil, role: .chair,
          contentOffset: nil)
        chairLines += 1
        continue
      }
      if speaking != .chair, case .text = classes[index], floorGivenTo(line, length: end - start) != nil {
        labels[index] = DebateLabel(speaker: "voorzitter", title: "", party: nil, role: .chair, contentOffset: nil)
        implicit.insert(index)
        floorGivenAlone += 1
        continue
      }
      guard let previous, case .text = classes[previous] else { continue }
      let (ps, pe) = trim(lines[previous].start, lines[previous].end)
      // "De heer Kennes heeft het woord." on a line of its own, or the chair's words to the
      // speaker at the end of the chair's speech: "Meneer de gouverneur, ge hebt het woord."
      // (Flemish), "u hebt het woord."
      let before =
        pe > ps && (pe - ps <= 120 || endsGivingTheFloor(ps, pe))
        ? (pe - ps <= 120 ? string(ps, pe) : " hebt het woord.") : ""
      guard before.hasSuffix(" heeft het woord.") || before.hasSuffix(" hebt het woord.") else {
        // "Griet Smaers" alone on its line after someone's speech, her words opening
        // "Voorzitter, …": a name line whose floor the record does not show being given.
        if chairLines > 0, end - start <= 60, let label = Self.nameLineLabel(line),
          addressesChair(after: index, content: nil)
        {
          labels[index] = label
        }
        continue
      }
      if end - start <= 60, let label = Self.nameLineLabel(line) {
        labels[index] = label
      } else if labels[previous]?.role == .chair || beforePrevious.map({ labels[$0]?.role == .chair }) == true
        || speaking == .chair && pe - ps <= 120,
        let named = floorGivenTo(before, length: pe - ps)
      {
        // No name line: the speech follows the chair's words at once ("De heer Vandenberghe heeft
        // het woord." then "Voorzitter, …"), its speaker as the chair named them; also at the end
        // of a longer speech of the chair's ("De bespreking is geopend." "De heer Keulen heeft het
        // woord.").
        labels[index] = named
        implicit.insert(index)
      }
    }
    guard labels.count >= 2, labels.values.contains(where: { $0.role == .chair }),
      labels.values.contains(where: { $0.role != .chair }), chairLines > 0 || floorGivenAlone >= 2
    else { return [:] }
    for index in labels.keys {
      classes[index] = .speech(content: implicit.contains(index) ? trim(lines[index].start, lines[index].end).0 : nil)
    }
    return labels
  }

  /// The labels that are one code numbered (`LBLOD027`, `LBLOD 077`, `LBLOD062A`): capitals,
  /// then a digit and more digits or capitals, where five labels or more share the capitals before
  /// the first digit, each of them at most twice (requirements listed once or twice; people in a
  /// transcript, `DLN1` to `DLN6`, speak again and again), and none is a word that numbers people
  /// (`SPREKER 2`); empty when there are fewer. `counts` are the labels' numbers of lines.
  static func numberedCodes(_ counts: [String: Int]) -> Set<String> {
    var byCode: [String: [String]] = [:]
    for (label, count) in counts where count <= 2 {
      let compact = label.filter { $0 != " " }
      let letters = compact.prefix { $0.isASCII && $0.isUppercase }
      let rest = compact.dropFirst(letters.count)
      guard letters.count >= 3, rest.first?.isNumber == true,
        rest.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isUppercase) }),
        !speakerWords.contains(String(letters).lowercased()), role(named: String(letters).lowercased()) == nil
      else { continue }
      byCode[String(letters), default: []].append(label)
    }
    return Set(byCode.values.filter { $0.count >= 5 }.joined())
  }

  /// Whether the bytes end with " hebt het woord." (compared on bytes: every long paragraph of
  /// every document is asked).
  func endsGivingTheFloor(_ start: Int, _ end: Int) -> Bool {
    let tail = Self.floorGivenTail
    guard end - start >= tail.count, bytes[end - 1] == 0x2E else { return false }
    return tail.indices.allSatisfy { bytes[end - tail.count + $0] == tail[$0] }
  }

  /// " hebt het woord.", as ``endsGivingTheFloor(_:_:)`` compares it.
  static let floorGivenTail = Array(" hebt het woord.".utf8)

  /// The speaker a line gives the floor to ("De heer Vandenberghe heeft het woord.", "Minister
  /// Weyts heeft het woord."), as their label; nil for a chair or for any other line.
  func floorGivenTo(_ line: String, length: Int) -> DebateLabel? {
    let ending = " heeft het woord."
    guard length <= 120, line.hasSuffix(ending),
      let named = DebateLabel.parse(Substring(String(line.dropLast(ending.count)) + ":")), named.role != .chair
    else { return nil }
    return named
  }

  /// The label of a name line of a record that gives the floor: `De heer Ward Kennes`, `Mevrouw
  /// Celis`, `Vera Celis (N-VA)` (a party in brackets), `De heer gouverneur Briers`, `Minister
  /// Weyts`, `Minister-president Jambon`, or a full name alone; nil for any other line.
  static func nameLineLabel(_ line: String) -> DebateLabel? {
    var name = Substring(line)
    var party: String?
    if name.hasSuffix(")"), let open = name.lastIndex(of: "(") {
      let inner = name[name.index(after: open)..<name.index(before: name.endIndex)]
      if !inner.isEmpty, inner.count <= 40, inner.allSatisfy({ $0.isLetter || $0.isNumber || " -/&.".contains($0) }) {
        party = String(inner)
        name = name[..<open]
        while name.last == " " { name = name.dropLast() }
      }
    }
    // A form of address before the name, and perhaps a function after it.
    if let address = floorAddresses.first(where: { name.hasPrefix($0 + " ") }) {
      let afterAddress = name.dropFirst(address.count + 1)
      let function = afterAddress.prefix { $0 != " " }
      let functionName = String(afterAddress.dropFirst(function.count + 1))
      if floorFunctions.contains(String(function)), isAddressedName(functionName) {
        return DebateLabel(
          speaker: functionName, title: address + " " + function, party: party,
          role: function == "minister" ? .minister : .executive, contentOffset: nil)
      }
      guard isAddressedName(String(afterAddress)) else { return nil }
      return DebateLabel(speaker: String(afterAddress), title: address, party: party, role: .member, contentOffset: nil)
    }
    for title in ["Minister-president", "Viceminister-president", "Vlaams minister", "Minister"]
    where name.hasPrefix(title + " ") {
      let rest = String(name.dropFirst(title.count + 1))
      guard isFullName("X " + rest) || isAddressedName(rest) else { return nil }
      return DebateLabel(speaker: rest, title: title, party: party, role: .minister, contentOffset: nil)
    }
    guard isFullName(String(name)) else { return nil }
    return DebateLabel(speaker: String(name), title: "", party: party, role: .member, contentOffset: nil)
  }

  /// A person's name alone on a line: two to five words, each capitalised or a name particle
  /// (`Irina De Knop`, `Jan van der Linden`), nothing else.
  static func isFullName(_ line: String) -> Bool {
    let words = line.split(separator: " ")
    guard (2...5).contains(words.count), words.first?.first?.isUppercase == true,
      words.last?.first?.isUppercase == true
    else { return false }
    return words.allSatisfy { word in
      (word.first?.isUppercase == true && word.dropFirst().allSatisfy { $0.isLetter || $0 == "-" || $0 == "'" })
        || nameParticles.contains(String(word))
    }
  }

  /// A name after a form of address: one to five words, the last capitalised, each capitalised
  /// or a name particle (`Celis`, `Ward Kennes`, `de Ridder`, `van der Linden`).
  static func isAddressedName(_ name: String) -> Bool {
    let words = name.split(separator: " ")
    guard (1...5).contains(words.count), words.last?.first?.isUppercase == true else { return false }
    return words.allSatisfy { word in
      (word.first?.isUppercase == true && word.dropFirst().allSatisfy { $0.isLetter || $0 == "-" || $0 == "'" })
        || nameParticles.contains(String(word))
    }
  }

  /// The debate label of a line classified as `.speech`.
  func debateLabel(_ line: SourceLine) -> DebateLabel? {
    let (start, end) = trim(line.start, line.end)
    let head = Substring(string(start, labelEnd(start, end)))
    return DebateLabel.parse(head) ?? DebateLabel.partyDash(head)
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
    // "30 April Actie", "22 Mei": a date in a list of actions, not an item.
    let word = string(index + 1, min(end, index + 11)).lowercased().prefix { $0.isLetter }
    if DutchDate.months[String(word)] != nil { return nil }
    return .agenda(number: string(start, index), content: index + 1)
  }

  /// In minutes, numbered paragraphs that continue the agenda's numbering (`3. Bevindingen
  /// kascommissie: De kascommissie heeft …`, too long to look like an item title) are agenda items
  /// too. A numbered list that starts again at 1 inside an item is a sub-list until the next item;
  /// a number below the last item's is a list inside the item.
  /// Returns how many lines became agenda items.
  func continueNumbering(_ classes: inout [LineClass]) -> Int {
    var last = 0
    // The item numbers used so far.
    var seen: Set<Int> = []
    var inSublist = false
    // The last number of the sub-list: a sub-list that goes on is not the next agenda item.
    var sublistLast = 0
    var converted = 0
    // The indent of the first numbered line: the agenda's.
    var topIndent: Int?
    for index in classes.indices {
      switch classes[index] {
      case .agenda(let number, let content):
        guard let value = Int(number) else { continue }
        if topIndent == nil { topIndent = trim(lines[index].start, lines[index].end).0 - lines[index].start }
        if inSublist && value == sublistLast + 1 && value != last + 1 {
          sublistLast = value
          classes[index] = .listItem(content: content)
          converted -= 1
        } else if value == last + 1 || last == 0 {
          last = value
          seen.insert(value)
          inSublist = false
        } else if value > 1, value < last, !inSublist, !seen.contains(value), let first = seen.min(), value > first {
          // An item taken out of order ("9. Rondvraag" brought forward, then "7.", "8.", "6."): a
          // number not yet used, within the agenda's numbers so far, outside a list.
          seen.insert(value)
        } else if value == 1 || inSublist || value < last {
          // "4. Voorstellen" then "1. De begroting …", "2. …": a sub-list of item 4. A number
          // below the last item's ("9. Voorstel …" then "4. In het plan …", points of an
          // amendment) is a list inside the item, not an agenda item.
          if value == 1 {
            inSublist = true
            sublistLast = 1
          }
          classes[index] = .listItem(content: content)
          converted -= 1
        } else {
          // Numbering that skips ahead (an item left out of the minutes).
          last = value
          seen.insert(value)
        }
      case .listItem(let content):
        // The number past the line's indent ("  3. Financiën. …" as a page's list shows it),
        // when the indent is the first numbered line's: one deeper is a list inside an item.
        let (start, lineEnd) = trim(lines[index].start, lines[index].end)
        guard start < lineEnd, bytes[start] >= 0x30, bytes[start] <= 0x39, !namesAFile(start, lineEnd) else { continue }
        let indent = start - lines[index].start
        // An indented list that a sentence introduces ("De volgende vijf mensen spreken in.")
        // is part of that text, not the agenda.
        if topIndent == nil { topIndent = indent > 0 && followsSentence(index) ? 0 : indent }
        guard indent <= topIndent ?? 0 else { continue }
        var end = start
        while end < lineEnd, end - start < 3, bytes[end] >= 0x30, bytes[end] <= 0x39 { end += 1 }
        guard end < lineEnd, bytes[end] == 0x2E || bytes[end] == 0x29, let value = Int(string(start, end)) else {
          continue
        }
        if value == 1 && last > 0 {
          inSublist = true
          sublistLast = 1
        } else if inSublist && value == sublistLast + 1 {
          sublistLast = value
        } else if value == last + 1 {
          // The next item after a sub-list, written too long to look like a title.
          classes[index] = .agenda(number: String(value), content: content)
          last = value
          inSublist = false
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

  private func group(_ classes: [LineClass], kind: DocumentKind, transcript: [Int: DebateLabel]) -> [Segment] {
    var segments: [Segment] = []
    segments.reserveCapacity(lines.count / 2 + 4)
    var open: Open?
    var agenda: Open?
    var inActions = false
    var seenBody = false  // a turn or agenda item was seen: header fields end
    var pendingDecision = false  // a "Besluit" line was seen: the next paragraph is the decision
    var answerPending = false  // a question without a label was seen: the next text is its answer
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
      case (.debate, .label) where line.hint.isSpeakerLabel:
        // A label that the source's markup gives (``SourceLine/Hint/speakerLabel(_:)``).
        break
      case (.debate, .agenda(_, let content)):
        // The agenda of a debate's transcript ("• 2 Mededelingen") heads the turns under it.
        effective = .heading(level: 2, content: content)
      case (.interview, .agenda), (.interview, .decision), (.interview, .action), (.interview, .actionHeading),
        (.interview, .decisionHeading), (.debate, .decision), (.debate, .action),
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
        if Self.isFieldName(speaker.lowercased()) || Self.isSectionLabel(speaker) { effective = .text }
      default: break
      }
      if case .header = effective, seenBody, kind != .minutes { effective = .text }
      if case .listItem(let content) = effective, inActions { effective = .action(content: content) }
      if effective == .text, inActions, kind == .minutes, bytes[line.start] != 0x20, bytes[line.start] != 0x09 {
        let (s, _) = trim(line.start, line.end)
        effective = .action(content: s)
      }

      if pendingDecision, case .listItem(let content) = effective {
        // "Conclusie:" over a list: its first item is the decision.
        effective = .decision(content: content)
      }
      // "BESLUIT", then "Artikel 1" over the decision's text, as Flemish councils write it.
      if pendingDecision, effective != .blank, effective != .text, !isArticleLine(line) { pendingDecision = false }

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
        if case .speakerLabel(let role?) = line.hint { metadata["role"] = role.rawValue }
        begin(.turn, content ?? line.end, line.end, speaker: speaker, metadata: metadata)
      case .agenda(let number, let content):
        closeAgenda()
        seenBody = true
        let (s, _) = trim(line.start, line.end)
        // Items of a list of topics have no number.
        agenda = Open(
          kind: .agendaItem, start: s, end: s, speaker: nil, metadata: number.isEmpty ? [:] : ["number": number])
        // A topic's heading, and that of an item run on in a paragraph, is its first sentence.
        let runOn = line.hint == .runOnItem
        let headingEnd =
          number.isEmpty || runOn || line.end - content > 100 ? firstSentenceEnd(content, line.end) : line.end
        let heading = string(content, headingEnd)
        inActions = Self.isActionTitle(heading)
        // "1. Er is afgesproken dat …": a numbered paragraph whose first sentence records a
        // decision is that decision, without a title of its own.
        if !number.isEmpty, !runOn, decidesFirst(content, headingEnd, line.end) {
          begin(.decision, content, line.end)
          continue
        }
        emit(
          .heading, content, headingEnd, metadata: number.isEmpty ? ["level": "2"] : ["level": "2", "number": number])
        if headingEnd < line.end {
          // The rest of a topic: its text, with a decision recorded in it.
          if let decision = decisionInside(headingEnd, line.end) ?? decisionPhrase(headingEnd, line.end) {
            begin(.paragraph, headingEnd, decision)
            begin(.decision, decision, line.end)
          } else {
            begin(.paragraph, headingEnd, line.end)
          }
        }
      case .speech(let content):
        guard let label = transcript[index] ?? debateLabel(line) else { continue }
        close()
        seenBody = true
        var metadata = ["role": label.role.rawValue]
        if !label.title.isEmpty { metadata["title"] = label.title }
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
        if kind == .minutes, let decision = decisionPhrase(content, line.end) {
          // "- Na overleg hebben we besloten …": the item records a decision from that sentence on.
          begin(.listItem, content, decision)
          begin(.decision, decision, line.end)
        } else {
          begin(.listItem, content, line.end)
        }
      case .quote(let content):
        if open?.kind == .quote {
          extend(SourceLine(start: content, end: line.end))
        } else {
          begin(.quote, content, line.end)
        }
      case .tableRow:
        close()
        emit(.tableRow, line.start, line.end)
      case .question:
        close()
        begin(.turn, line.start, line.end, metadata: ["role": SpeakerRole.interviewer.rawValue])
        close()
        answerPending = true
      case .text where answerPending:
        answerPending = false
        begin(.turn, line.start, line.end, metadata: ["role": SpeakerRole.respondent.rawValue])
      case .text:
        if let current = open, current.kind == .heading || current.kind == .header || current.kind == .tableRow {
          close()
        }
        if let turn = open, turn.kind == .turn, turn.end > turn.start, kind == .minutes {
          // In minutes a speaker's remark is one line; the next line is the minute-taker's again.
          close()
        }
        if pendingDecision, isArticleLine(line) {
          // "Artikel 1" over the decision's text: a paragraph of its own; the text follows.
          close()
          begin(.paragraph, line.start, line.end)
          close()
          continue
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
        // "… Verder was er een discussie. Conclusie was dat …": a decision that starts inside
        // a paragraph of minutes is a decision from there.
        if kind == .minutes,
          let decision = decisionInside(line.start, line.end) ?? decisionPhrase(line.start, line.end)
        {
          extend(SourceLine(start: line.start, end: decision))
          begin(.decision, decision, line.end)
          continue
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

  // MARK: - Helpers

  /// "1 Verslag van de vergadering van de commissie … van 27 mei 2009 Aanwezig: …": a document
  /// site's transcription of a PDF, the page's number first, the title run on with the fields
  /// after it. The start of such a line that names the record titles the document.
  func runOnRecordTitle(_ start: Int, _ end: Int, _ evidence: inout MinutesEvidence) {
    var first = start
    while first < end, first - start < 3, bytes[first] >= 0x30, bytes[first] <= 0x39 { first += 1 }
    if first > start, first < end, bytes[first] == 0x20 { first += 1 } else { first = start }
    let head = string(first, min(end, first + 120))
    let lower = head.asciiLowercased
    if ["verslag van de ", "notulen van de ", "besluitenlijst van de "].contains(where: { lower.hasPrefix($0) }) {
      evidence.title(head)
    }
  }

  /// Whether the line with text before or after line `index` is the same as it but for its
  /// digits, which differ (`verslag ledenvergadering 2010`, `verslag ledenvergadering 2011`): one
  /// of a list.
  func neighbourDiffersOnlyInDigits(_ index: Int) -> Bool {
    func hasText(_ line: Int) -> Bool {
      let (start, end) = trim(lines[line].start, lines[line].end)
      return start < end
    }
    func masked(_ line: Int, digits: Bool) -> [UInt8] {
      let (start, end) = trim(lines[line].start, lines[line].end)
      return bytes[start..<end].map { digits && $0 >= 0x30 && $0 <= 0x39 ? 0x23 : $0 | 0x20 }
    }
    let own = masked(index, digits: true)
    let ownDigits = masked(index, digits: false)
    let next = lines.indices.dropFirst(index + 1).first(where: hasText)
    let previous = lines.indices.prefix(index).last(where: hasText)
    // The same line again (a web page's title over the article's) differs in nothing.
    return [next, previous].contains {
      $0.map { masked($0, digits: true) == own && masked($0, digits: false) != ownDigits } ?? false
    }
  }

  /// Whether the sentence from `start` to `sentenceEnd` records a decision: it opens with one
  /// ("Afgesproken wordt …", "Besloten wordt …") or holds a decision's phrase ("Er is
  /// afgesproken dat …").
  func decidesFirst(_ start: Int, _ sentenceEnd: Int, _ end: Int) -> Bool {
    if case .decision = decisionLine(start, end) { return true }
    return decisionPhrase(start, sentenceEnd, openings: false) == start
  }

  /// Whether the last line with text before line `index` is a sentence: longer than a title
  /// (40 bytes), ending in a full stop or a colon.
  func followsSentence(_ index: Int) -> Bool {
    for previous in stride(from: index - 1, through: 0, by: -1) {
      let (start, end) = trim(lines[previous].start, lines[previous].end)
      guard end > start else { continue }
      return end - start > 40 && (bytes[end - 1] == 0x2E || bytes[end - 1] == 0x3A)
    }
    return false
  }

  /// Whether `line`, past its indent, opens with an item's number: a digit 1–9, or a 0 before
  /// one ("07. Rondvraag"), not a 0 alone.
  func startsWithItemNumber(_ line: SourceLine) -> Bool {
    let (start, end) = trim(line.start, line.end)
    guard start < end else { return false }
    let first = bytes[start]
    if first >= 0x31 && first <= 0x39 { return true }
    return first == 0x30 && end > start + 1 && bytes[start + 1] >= 0x31 && bytes[start + 1] <= 0x39
  }

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

extension String {
  func trimming(chars set: String) -> String {
    var result = Substring(self)
    while let first = result.first, set.contains(first) { result.removeFirst() }
    while let last = result.last, set.contains(last) { result.removeLast() }
    return String(result)
  }
}
