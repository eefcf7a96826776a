import Foundation
import KwalModel

/// The structure of minutes beyond numbered items and headings: titles on lines of their own or in
/// capitals, a list of topics, a "Besluit" label at a line's end, and an agenda sent before the
/// meeting rather than its minutes.
extension TextStructure {
  // MARK: - Items, decisions and agendas of minutes

  /// The end of the first sentence in `start..<end`: after a full stop, question or exclamation
  /// mark followed by a space and a capital; `end` when there is none.
  func firstSentenceEnd(_ start: Int, _ end: Int) -> Int {
    var index = start
    while index + 2 < end {
      let byte = bytes[index]
      if byte == 0x2E || byte == 0x3F || byte == 0x21, bytes[index + 1] == 0x20,
        bytes[index + 2] >= 0x41 && bytes[index + 2] <= 0x5A
      {
        return index + 1
      }
      index += 1
    }
    return end
  }

  /// Council information systems print an item's "Besluit" label at the end of the item's text
  /// when the page is read as text ("… de planning- en control cyclus 2020  Besluit"): the next
  /// line is then the decision.
  func trailingDecisionLabels(_ classes: inout [LineClass]) {
    let label = Array("Besluit".utf8)
    for index in classes.indices.dropLast() where classes[index] == .text {
      // Most lines end otherwise: one byte tells (before trailing spaces, which are rare).
      let last = lines[index].end > lines[index].start ? bytes[lines[index].end - 1] : 0
      guard last == 0x74 || last == 0x3A || last == 0x20 || last == 0x09 || last == 0x0D else { continue }
      var (start, end) = trim(lines[index].start, lines[index].end)
      if end > start, bytes[end - 1] == 0x3A { end -= 1 }
      guard end - start > label.count + 2, bytes[(end - label.count)..<end].elementsEqual(label),
        bytes[end - label.count - 1] == 0x20,
        bytes[end - label.count - 2] == 0x20
          || bytes[end - label.count - 2] == 0x2E || bytes[end - label.count - 2] == 0x09
      else { continue }
      let next = index + 1
      guard classes[next] == .text else { continue }
      let (s, e) = trim(lines[next].start, lines[next].end)
      if e > s { classes[next] = .decision(content: s) }
    }
  }

  /// Minutes whose items are titled by a short line of their own, after a blank line and right
  /// above the item's text ("Samenstelling bestuur" over "Martin heeft te kennen gegeven …"): those
  /// lines are agenda items when there are two or more. Returns how many.
  func titleLineItems(_ classes: inout [LineClass], titleLine: Int?) -> Int {
    var items: [Int] = []
    for index in classes.indices.dropFirst().dropLast() where classes[index] == .text && index != titleLine {
      let (start, end) = trim(lines[index].start, lines[index].end)
      guard end - start >= 3, end - start <= 60 else { continue }
      // "OPENING", "MEDEDELINGEN": a title in capitals stands on its own line anywhere.
      if isCapitalsTitle(start, end) {
        items.append(index)
        continue
      }
      guard classes[index - 1] == .blank, classes[index + 1] == .text else { continue }
      guard startsCapitalised(start) else { continue }
      guard ![0x2E, 0x2C, 0x3B, 0x3F, 0x21, 0x3A].contains(bytes[end - 1]) else { continue }
      // The text under it is longer than a title.
      let (nextStart, nextEnd) = trim(lines[index + 1].start, lines[index + 1].end)
      guard nextEnd - nextStart > end - start else { continue }
      items.append(index)
    }
    guard items.count >= 2 else { return 0 }
    for index in items {
      classes[index] = .agenda(number: "", content: trim(lines[index].start, lines[index].end).0)
    }
    return items.count
  }

  /// A document titled "Agenda" that is nearly all item titles (headings or numbered items),
  /// with little text under them: the agenda of a meeting to come, not its minutes. Returns what
  /// was counted, as words, or nil.
  func announcedAgenda(_ classes: [LineClass], evidence: MinutesEvidence) -> String? {
    guard let title = evidence.titleText?.lowercased().trimmingSpaces(), evidence.attendance == nil else { return nil }
    guard title.hasPrefix("agenda") else { return invitation(classes, title: title) ?? agendaOnAPage(classes) }
    var titles = 0
    var text = 0
    for (index, lineClass) in classes.enumerated() {
      switch lineClass {
      case .agenda, .heading: titles += 1
      case .listItem:
        // An agenda's sub-points are titles too ("- Voortgang groepen"); minutes' bullets are
        // sentences.
        let (start, end) = trim(lines[index].start, lines[index].end)
        if end - start > 40, bytes[end - 1] == 0x2E { text += 1 }
      case .text, .decision, .action, .label, .quote:
        // Short lines ("1 2 3 4 5 6" of a page's navigation, "Overige info:") are no text.
        let (start, end) = trim(lines[index].start, lines[index].end)
        if end - start > 30 { text += 1 }
      default: break
      }
    }
    if titles >= 4, text * 2 < titles { return "\(titles) titles, \(text) lines of text" }
    if let invitation = invitation(classes, title: title) { return invitation }
    // An annotated agenda ("Agenda Algemeen bestuur op 5 december … Besluit: het algemeen bestuur
    // stelt … vast"): titled Agenda, proposed decisions, no attendance, no name of minutes.
    let lowerTitle = title.lowercased()
    if lowerTitle.split(separator: " ").first == "agenda",
      !MinutesEvidence.minutesNames.contains(where: { MinutesEvidence.containsWord(lowerTitle, $0) })
    {
      return "titled \"\(title.prefix(40))\", without attendance"
    }
    return nil
  }

  /// Minutes kept as an outline: a bullet that is a short title (`* Frontend`) with deeper
  /// bullets under it (`  * De frontend vordert goed`) is an agenda item, when two bullets or
  /// more are such titles. Returns how many were found.
  func outlineItems(_ classes: inout [LineClass]) -> Int {
    func indent(_ index: Int) -> Int {
      var at = lines[index].start
      while at < lines[index].end, bytes[at] == 0x20 || bytes[at] == 0x09 { at += 1 }
      return at - lines[index].start
    }
    var titles: [Int] = []
    for index in classes.indices {
      guard case .listItem(let content) = classes[index] else { continue }
      let (start, end) = trim(content, lines[index].end)
      guard end - start >= 2, end - start <= 50, ![0x2E, 0x3A, 0x3B, 0x2C, 0x3F, 0x21].contains(bytes[end - 1]) else {
        continue
      }
      guard let next = classes[(index + 1)...].firstIndex(where: { $0 != .blank }),
        case .listItem = classes[next], indent(next) > indent(index)
      else { continue }
      titles.append(index)
    }
    guard titles.count >= 2 else { return 0 }
    return makeItems(titles, &classes)
  }

  /// Minutes whose items are bullets that title the paragraph under them ("• Opening:" over
  /// "Guus Willemsen (voorzitter) opent …", "• Bestuur" over "De leden hebben akkoord gegeven …"):
  /// a short bullet, no sentence's end (a colon may close it), then a blank line and an ordinary
  /// paragraph more than twice its length that starts with a capital (not a bullet's wrapped
  /// line). A bullet that a colon closes may have its text on the very next line, in any case
  /// and length (`- Goedkeuring formatieplan:` over `Het plan wordt ondertekend.`, `- Notulen
  /// vorige vergadering:` over `punt 4 wordt aangepast …`). Three such bullets or more, or two
  /// with a standing item of an agenda among them. Returns how many were found.
  func bulletTitleItems(_ classes: inout [LineClass]) -> Int {
    var titles: [Int] = []
    var standing = 0
    for index in classes.indices {
      guard case .listItem(let content) = classes[index] else { continue }
      let (start, end) = trim(content, lines[index].end)
      let colon = end > start && bytes[end - 1] == 0x3A
      guard end - start >= 3, end - start <= (colon ? 80 : 50),
        ![0x2E, 0x3B, 0x2C, 0x3F, 0x21].contains(bytes[end - 1])
      else {
        continue
      }
      let lower = string(start, end).asciiLowercased
      if colon, index + 1 < classes.count, classes[index + 1] == .text {
        // A title, not a sentence run on over the colon (`- Piet neemt contact op over:`) or a
        // remark's opening (`- Let op:`): at most eight words, the last no preposition.
        let words = lower.dropLast().split(separator: " ")
        guard words.count <= 8, let last = words.last, !Self.titleEndings.contains(String(last)),
          !Self.discourseLabels.contains(String(lower.dropLast()))
        else { continue }
      } else {
        guard end - start <= 50, index + 1 < classes.count, classes[index + 1] == .blank,
          let next = classes[(index + 1)...].firstIndex(where: { $0 != .blank }), classes[next] == .text
        else { continue }
        let (nextStart, nextEnd) = trim(lines[next].start, lines[next].end)
        guard nextEnd - nextStart > 2 * (end - start), startsCapitalised(nextStart) else { continue }
      }
      if MinutesEvidence.standingItemWords.contains(where: { lower.hasPrefix($0) }) { standing += 1 }
      titles.append(index)
    }
    guard titles.count >= 3 || titles.count == 2 && standing > 0 else { return 0 }
    return makeItems(titles, &classes)
  }

  /// Words that end a sentence's opening, not a title, before a colon (lowercased).
  static let titleEndings: Set<String> = [
    "over", "van", "met", "aan", "voor", "naar", "om", "op", "in", "bij", "dat", "de", "het", "een", "en", "of", "te",
    "door", "uit", "tot", "zijn", "is", "wordt", "worden",
  ]

  /// The outcomes a decision list gives a row (`Besluit` column), with the space before them.
  static let rowOutcomes = [
    " Conform", " Aangenomen", " Verworpen", " Aangehouden", " Ingetrokken", " Stemmen staken", " Vastgesteld",
  ].map { Array($0.utf8) }

  /// The rows of a decision list set as a table, as the PDF reader gives them, one paragraph a
  /// row (`A Vaststelling agenda Conform`, `D.1 Voorstel van het college inzake … (RIS321479)
  /// Aangenomen`, `321670 Gewijzigde Motie X.2 … Verworpen`): a row that gives an outcome (at
  /// its end, or before at most a hundred bytes of its title that the table wrapped, with no
  /// sentence ending just before it or after it) is a decision, and the first row lettered `A`,
  /// `B`, … `Z`, `AA` … `AZ` before a capitalised title is an agenda item, one a letter (a lettered
  /// row's outcome is then no decision of its own: a row is one or the other). Only with three
  /// outcome rows or more; items only with three letters or more, `A` among them. Returns how
  /// many items and decisions it made.
  func decisionListRows(_ classes: inout [LineClass]) -> (items: Int, decisions: Int) {
    // A sentence's end (". ", "? ", "! " after a word of two letters or more: not `n.a.v. `)
    // between `from` and `to`.
    func sentenceEnd(_ from: Int, _ to: Int) -> Bool {
      func letter(_ at: Int) -> Bool {
        at >= 0 && (bytes[at] | 0x20 >= 0x61 && bytes[at] | 0x20 <= 0x7A || bytes[at] >= 0x80)
      }
      guard to - from >= 2 else { return false }
      return (from..<to - 1).contains {
        [0x2E, 0x3F, 0x21].contains(bytes[$0]) && bytes[$0 + 1] == 0x20 && letter($0 - 1) && letter($0 - 2)
      }
    }
    func outcome(_ start: Int, _ end: Int) -> Bool {
      Self.rowOutcomes.contains { word in
        var at = max(start, end - word.count - 100)
        while at + word.count <= end {
          let after = at + word.count
          if bytes[at..<after].elementsEqual(word), after == end || bytes[after] == 0x20,
            !sentenceEnd(max(start, at - 40), at + 1), !sentenceEnd(after, end)
          {
            return true
          }
          at += 1
        }
        return false
      }
    }
    func letters(_ start: Int, _ end: Int) -> String? {
      var at = start
      while at < end, at - start < 3, bytes[at] >= 0x41 && bytes[at] <= 0x5A { at += 1 }
      guard at > start, at - start == 1 || at - start == 2 && bytes[start] == 0x41, at + 1 < end, bytes[at] == 0x20,
        startsCapitalised(at + 1)
      else { return nil }
      return string(start, at)
    }
    var outcomes: [Int] = []
    var lettered: [(index: Int, letters: String)] = []
    for index in classes.indices where classes[index] == .text {
      let (start, end) = trim(lines[index].start, lines[index].end)
      guard end - start >= 6, end - start <= 600 else { continue }
      if let code = letters(start, end) { lettered.append((index, code)) }
      if outcome(start, end) { outcomes.append(index) }
    }
    guard outcomes.count >= 3 else { return (0, 0) }
    // One item a letter: its first row (a block that repeats its letter continues the item).
    var seen: Set<String> = []
    let firsts = lettered.filter { seen.insert($0.letters).inserted }
    let items = seen.contains("A") && seen.count >= 3 ? firsts.map(\.index) : []
    for index in items {
      classes[index] = .agenda(number: "", content: trim(lines[index].start, lines[index].end).0)
    }
    let itemSet = Set(items)
    var decisions = 0
    for index in outcomes where !itemSet.contains(index) {
      classes[index] = .decision(content: trim(lines[index].start, lines[index].end).0)
      decisions += 1
    }
    return (items.count, decisions)
  }

  /// Makes the list items at `indices` agenda items without a number; returns how many.
  func makeItems(_ indices: [Int], _ classes: inout [LineClass]) -> Int {
    for index in indices {
      guard case .listItem(let content) = classes[index] else { continue }
      classes[index] = .agenda(number: "", content: content)
    }
    return indices.count
  }

  /// Whether the text at `start` opens with a capital (ASCII, or a two-byte Latin capital such as
  /// `É`).
  func startsCapitalised(_ start: Int) -> Bool {
    let first = bytes[start]
    return first >= 0x41 && first <= 0x5A || first == 0xC3 && start + 1 < bytes.count && bytes[start + 1] < 0x9F
  }

  /// Words that invite to a meeting to come: an announcement of the meeting with its agenda,
  /// not a record of it.
  static let invitationWords = ["uitgenodigd", "uitnodiging", "van harte welkom op", "nodigen u uit", "nodigt u uit"]

  /// An invitation that gives the coming meeting's agenda ("Alle leden zijn hiervoor van harte
  /// uitgenodigd … Agenda: 1. Welkom … 9. Sluiting"): its items follow one another with no text
  /// between them, it invites, and neither its title nor its attendance makes it a record (a
  /// title that names minutes keeps them minutes). Returns what was counted, as words, or nil.
  func invitation(_ classes: [LineClass], title: String) -> String? {
    guard !MinutesEvidence.minutesNames.contains(where: { MinutesEvidence.containsWord(title, $0) }) else {
      return nil
    }
    let items = classes.indices.filter { if case .agenda = classes[$0] { true } else { false } }
    guard items.count >= 3, let first = items.first, let last = items.last else { return nil }
    // Text between the first and the last item: minutes report under their items, in sentences
    // or in bullets that are sentences (an agenda's sub-points are titles).
    let between = (first...last).filter { index in
      switch classes[index] {
      case .text, .decision, .action, .quote, .label: return true
      case .listItem:
        let (start, end) = trim(lines[index].start, lines[index].end)
        return end - start > 40 && bytes[end - 1] == 0x2E
      default: return false
      }
    }
    guard between.isEmpty else { return nil }
    let lower = string(0, bytes.count).lowercased()
    // Whole words: "uitnodigingen versturen" in minutes is no invitation.
    guard let word = Self.invitationWords.first(where: { MinutesEvidence.containsWholeWord(lower, $0) }) else {
      return nil
    }
    return "\(items.count) items with no text under them, \"\(word)\""
  }

  /// A page that announces a coming meeting's agenda (a school council's page: `Agenda
  /// MR-vergadering D.V. 10-12-2020` over twelve numbered titles, then only the site's links):
  /// four items or more right under a line that starts with `Agenda`, no text between them,
  /// after them only short lines that end no sentence (a site's links), and no item elsewhere.
  func agendaOnAPage(_ classes: [LineClass]) -> String? {
    let items = classes.indices.filter { if case .agenda = classes[$0] { true } else { false } }
    let isItem = Set(items)
    guard items.count >= 4, let first = items.first, let last = items.last,
      let above = classes[..<first].lastIndex(where: { $0 != .blank })
    else { return nil }
    let (start, end) = trim(lines[above].start, lines[above].end)
    guard end - start <= 80, string(start, min(end, start + 7)).lowercased() == "agenda " else { return nil }
    for index in first..<classes.count where !isItem.contains(index) {
      switch classes[index] {
      case .blank, .heading: continue
      case .text, .listItem, .label, .quote, .decision, .action:
        let (s, e) = trim(lines[index].start, lines[index].end)
        if index < last || e - s > 60 || [0x2E, 0x3F, 0x21, 0x3A].contains(bytes[e - 1]) { return nil }
      default: return nil
      }
    }
    return "\(items.count) items right under \"\(string(start, min(end, start + 40)))\", with no text under them"
  }

  /// A short line in capitals ("OPENING", "VASTSTELLING AGENDA"): four letters or more, none
  /// lowercase, no final full stop.
  func isCapitalsTitle(_ start: Int, _ end: Int) -> Bool {
    guard end - start >= 4, end - start <= 60, bytes[end - 1] != 0x2E else { return false }
    var letters = 0
    for index in start..<end {
      let byte = bytes[index]
      if byte >= 0x61 && byte <= 0x7A { return false }
      if byte >= 0x41 && byte <= 0x5A { letters += 1 }
    }
    return letters >= 4
  }

  /// Headings that introduce the meeting's topics as a list (lowercased, without a colon).
  static let topicHeadings: Set<String> = [
    "besproken onderwerpen", "besproken punten", "onderwerpen", "agenda", "agendapunten", "besproken",
    "behandelde onderwerpen", "behandelde punten",
  ]

  /// Minutes written as one list of topics under a heading ("## Besproken onderwerpen:" and a
  /// bullet per topic), with no numbered items or headings per item: each bullet of that list is
  /// an agenda item. Returns how many.
  func topicItems(_ classes: inout [LineClass], titleLine: Int?) -> Int {
    for index in classes.indices where index != titleLine {
      let content: Int
      switch classes[index] {
      case .heading(_, let start): content = start
      case .header(let field, let start) where field == "agenda": content = start
      default: continue
      }
      var lower = string(content, lines[index].end).lowercased().trimmingSpaces()
      if lower.hasSuffix(":") { lower.removeLast() }
      guard Self.topicHeadings.contains(lower.trimmingSpaces()) else { continue }
      // The bullets that follow, up to the next heading or ordinary paragraph.
      var items: [Int] = []
      var probe = index + 1
      loop: while probe < classes.count {
        switch classes[probe] {
        case .blank: break
        case .listItem: items.append(probe)
        case .text: if items.isEmpty { break loop }  // a bullet's continued lines
        default: break loop
        }
        probe += 1
      }
      guard items.count >= 2 else { continue }
      return makeItems(items, &classes)
    }
    return bulletAgenda(&classes)
  }

  /// An agenda printed as bullets without a heading, right under the minutes' title ("•
  /// Vaststelling notulen", "• Jaarverslag van de secretaris", … "• Rondvraag"): a list that
  /// starts among the record's first twelve lines, of three short titles or more (no full stop
  /// at their end), two of them standing items of an agenda. Returns how many items it made.
  func bulletAgenda(_ classes: inout [LineClass]) -> Int {
    var seen = 0
    var index = 0
    while index < classes.count, seen < 12 {
      guard classes[index] != .blank else {
        index += 1
        continue
      }
      seen += 1
      guard case .listItem = classes[index] else {
        index += 1
        continue
      }
      var items: [Int] = []
      var standing = 0
      var titles = true
      var probe = index
      while probe < classes.count {
        if classes[probe] == .blank {
          probe += 1
          continue
        }
        guard case .listItem(let start) = classes[probe] else { break }
        let (_, end) = trim(start, lines[probe].end)
        if end - start > 80 || end <= start || bytes[end - 1] == 0x2E { titles = false }
        let lower = string(start, end).asciiLowercased
        if MinutesEvidence.standingItemWords.contains(where: { lower.hasPrefix($0) }) { standing += 1 }
        items.append(probe)
        probe += 1
      }
      seen += items.count - 1
      index = probe
      guard titles, items.count >= 3, standing >= 2 else { continue }
      return makeItems(items, &classes)
    }
    return 0
  }
}
