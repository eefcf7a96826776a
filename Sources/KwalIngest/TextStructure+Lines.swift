import Foundation
import KwalModel

extension TextStructure {
  // MARK: - Classifying one line

  /// Header field names (lowercased) of transcripts and minutes.
  static let fieldNames: Set<String> = [
    "datum", "tijd", "locatie", "plaats", "aanwezig", "aanwezigen", "afwezig", "afwezigen", "afgemeld", "aanw.", "afw.",
    "aanwezigheden", "verontschuldigd", "verontschuldigingen",
    "notulist", "verslaggever", "verslaglegger",
    "notulen", "voorzitter",
    "onderwerp", "deelnemers", "sprekers", "interviewer", "interviewster", "respondent", "geïnterviewde", "duur",
    "organisatie",
    "functie", "project", "kenmerk", "transcriptie", "transcribent", "opname", "gast", "gasten", "casus", "fase",
    "versie",
    "status", "auteur", "titel", "vergadering", "agenda", "toehoorder", "toehoorders", "kopie",
    // A page's byline and credits (`Door: Redactie`, `Tekst: …`, `Foto: …`, `Bron: …`).
    "door", "tekst", "foto", "foto's", "beeld", "bron",
  ]

  /// Whether a label (lowercased) names a header field: one of ``fieldNames``, or a date's or a
  /// time's field (`Publicatiedatum:`, `Vergaderdatum:`, `Aanvangstijd:`), which no speaker is called.
  static func isFieldName(_ key: String) -> Bool {
    fieldNames.contains(key)
      || key.count > 5 && (key.hasSuffix("datum") || key.hasSuffix("tijd"))
        && key.allSatisfy(\.isLetter)
  }

  /// "De voorzitter. ", lowercased, as ``hasLabelEnd(_:_:)`` compares it.
  static let chairFullStop = Array("de voorzitter. ".utf8)

  /// Whether a label of minutes names a section of an item, not a speaker: one word, in any
  /// case, that is a noun of Dutch's abstract endings (`Regelgeving:`, `Toelichting:`,
  /// `Motivering:`, `Informatie:`, `Bevoegdheid:`; `-ing` from ten letters, as surnames such as
  /// Hesseling are shorter) or one of an item's usual parts (`VERVOLGSTAPPEN:`, `Aanleiding:`),
  /// and not a body or a role that speaks in minutes (`Directie:`, `Stichting:`, `WETHOUDER:`).
  static func isSectionLabel(_ label: String) -> Bool {
    guard !label.contains(" "), label.allSatisfy(\.isLetter) else { return false }
    let lower = label.lowercased()
    if speakingBodies.contains(lower) { return false }
    if sectionWords.contains(lower) { return true }
    if lower.count >= 10, lower.hasSuffix("ing") { return true }
    return lower.count >= 8 && ["heid", "tie", "ties", "teit", "schap"].contains { lower.hasSuffix($0) }
  }

  /// The usual parts of an item in minutes and decision lists (lowercased).
  static let sectionWords: Set<String> = [
    "vervolgstappen", "vervolgstap", "aanleiding", "achtergrond", "argumenten", "kanttekeningen", "bijlagen",
    "bijlage", "context", "samenvatting", "toelichting", "regelgeving", "bespreking", "besluitvorming", "nota",
    "advies", "adviezen", "mededelingen", "rondvraag", "actiepunten", "opening", "sluiting", "richting", "duiding",
    "stemming", "planning", "uitdaging", "voorbeeld", "stand", "status",
  ]

  /// Bodies and roles with an abstract ending that speak in minutes (lowercased).
  static let speakingBodies: Set<String> = [
    "directie", "redactie", "stichting", "politie", "oppositie", "coalitie", "fractie", "delegatie", "vereniging",
    "huurdersvereniging", "bewonersvereniging", "ondernemersvereniging", "medezeggenschap", "directeur",
    "wethouder", "voorzitter", "secretaris", "penningmeester", "griffier", "schepen", "burgemeester",
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

  /// Whether a title starts with an item's number (`1. Opening`, `3.2 Begroting`), not a year.
  static func isItemNumbered(_ title: String) -> Bool {
    let digits = leadingNumber(title).prefix { $0.isNumber }
    return !digits.isEmpty && digits.count <= 2
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

  /// A table row of a web page or a word-processor document whose first cell is an item's number
  /// and whose next cell starts its title (`| 3 | Vaststelling agenda.`): an agenda item, as
  /// council information systems print their agendas.
  func tableRowItem(_ start: Int, _ end: Int) -> LineClass? {
    var index = start
    func skipSeparators() {
      while index < end, bytes[index] == 0x7C || bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
    }
    skipSeparators()
    let numberStart = index
    while index < end, index - numberStart < 3, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
    let numberEnd = index
    guard numberEnd > numberStart, bytes[numberStart] != 0x30 else { return nil }
    if index < end, bytes[index] == 0x2E { index += 1 }
    // The number is the whole cell.
    guard index < end, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x7C else { return nil }
    while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
    guard index < end, bytes[index] == 0x7C else { return nil }
    skipSeparators()
    guard index < end, bytes[index] >= 0x41 && bytes[index] <= 0x5A || bytes[index] >= 0xC3 else { return nil }
    return .agenda(number: string(numberStart, numberEnd), content: index)
  }

  /// Where a debate label's part of a line ends: the line, or its first 120 bytes (on a
  /// character boundary) when the speech follows on the same line.
  func labelEnd(_ start: Int, _ end: Int) -> Int {
    guard end - start > 120 else { return end }
    var cut = start + 120
    while cut > start, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
    return cut
  }

  func classify(_ line: SourceLine) -> LineClass {
    let (start, end) = trim(line.start, line.end)
    if start >= end { return .blank }
    switch line.hint {
    case .heading(let level):
      // "BESLUIT" set as a heading (a PDF's bold line, a Word heading style) heads a decision.
      if end - start <= 40, case .decisionHeading = decisionLine(start, end) { return .decisionHeading }
      return .heading(level: level, content: start)
    case .listItem:
      if let label = label(start, end), label.content != nil {
        return .label(speaker: label.speaker, timestamp: label.timestamp, content: label.content)
      }
      return .listItem(content: start)
    case .quote: return .quote(content: start)
    case .tableRow: return tableRowItem(start, end) ?? .tableRow
    case .speakerLabel:
      if hasLabelEnd(start, labelEnd(start, end)), DebateLabel.parse(Substring(string(start, end))) != nil {
        return .speech(content: nil)
      }
      if let label = label(start, end), label.content == nil {
        return .label(speaker: label.speaker, timestamp: nil, content: nil)
      }
    case .runOnItem:
      // "3a. Title", "3.Title", "3 Title", "Agendapunt 3. Title": the number, then the title.
      var numberStart = start
      if !(bytes[start] >= 0x30 && bytes[start] <= 0x39) {
        while numberStart < end, bytes[numberStart] != 0x20 { numberStart += 1 }
        numberStart = trim(numberStart, end).0
      }
      var numberEnd = numberStart
      while numberEnd < end,
        bytes[numberEnd] >= 0x30 && bytes[numberEnd] <= 0x39
          || bytes[numberEnd] >= 0x61
            && bytes[numberEnd] <= 0x7A
      {
        numberEnd += 1
      }
      var content = numberEnd
      if content < end, bytes[content] == 0x2E { content += 1 }
      return .agenda(number: string(numberStart, numberEnd), content: trim(content, end).0)
    case .none, .runOnHeader, .cutQuestion: break
    }
    let first = bytes[start]
    // Markdown headings and quotes.
    if first == 0x23 {  // #
      var level = 0
      var index = start
      while index < end, bytes[index] == 0x23 { level += 1; index += 1 }
      if level <= 6, index < end, bytes[index] == 0x20 {
        let (s, _) = trim(index, end)
        // "### Besluit": the heading over a decision.
        if s < end, case .decisionHeading = decisionLine(s, end) { return .decisionHeading }
        return .heading(level: level, content: s)
      }
      // "##Algemene afspraken": a heading written without its space, at level 2 or deeper and
      // before a capital (a "#hashtag" is none).
      if markdown, level >= 2, level <= 6, index < end, end - start <= 80,
        bytes[index] >= 0x41 && bytes[index] <= 0x5A || bytes[index] == 0xC3
      {
        return .heading(level: level, content: index)
      }
    }
    if first == 0x3E {  // >
      var index = start + 1
      if index < end, bytes[index] == 0x20 { index += 1 }
      // "> Beslissing", "> Besluit": a decision's heading set off as a quote.
      if index < end, case .decisionHeading = decisionLine(index, end) { return .decisionHeading }
      return .quote(content: index)
    }
    if first == 0x7C, bytes[end - 1] == 0x7C {  // | table |
      return .tableRow
    }
    // Bullets: "- ", "* ", "+ ", "• ".
    if (first == 0x2D || first == 0x2A || first == 0x2B), start + 1 < end, bytes[start + 1] == 0x20 {
      let (s, _) = trim(start + 2, end)
      if let action = actionContent(s, end) { return .action(content: action) }
      // "- Het bestuur heeft besloten …": a decision in a list.
      if s < end, case .decision = decisionLine(s, end) { return .decision(content: s) }
      if let label = label(s, end), label.content != nil {
        return .label(speaker: label.speaker, timestamp: label.timestamp, content: label.content)
      }
      return .listItem(content: s)
    }
    if first == 0xE2, start + 3 < end, bytes[start + 1] == 0x80, bytes[start + 2] == 0xA2, bytes[start + 3] == 0x20 {
      let (s, e) = trim(start + 4, end)
      // Council information systems list the agenda as bullets: "• 3 Vaststellen agenda", or
      // "• 3" alone when the title was a link.
      if let item = bareNumberedTitle(SourceLine(start: s, end: e)) { return item }
      if e > s, e - s <= 3, (s..<e).allSatisfy({ bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }) {
        return .agenda(number: string(s, e), content: e)
      }
      return .listItem(content: s)
    }
    // "P.1. Dossiernaam: …": an item numbered after a letter (a Flemish council's points).
    if first >= 0x41, first <= 0x5A, end - start > 5, bytes[start + 1] == 0x2E, bytes[start + 2] >= 0x30,
      bytes[start + 2] <= 0x39
    {
      var index = start + 2
      while index < end, index - start < 6, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
      let numberEnd = index
      // The closing full stop is needed: a decision list's rows start `C.2 Motie …`.
      if index + 1 < end, bytes[index] == 0x2E, bytes[index + 1] == 0x20 {
        index += 1
        let (s, e) = trim(index, end)
        if e > s, e - s <= 160, startsCapitalised(s) { return .agenda(number: string(start, numberEnd), content: s) }
      }
    }
    // Numbered lines: agenda items or numbered list items.
    if first >= 0x30, first <= 0x39 {
      var index = start
      while index < end, index - start < 3, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
      if index < end, bytes[index] == 0x2E || bytes[index] == 0x29, index + 1 < end,
        bytes[index + 1] == 0x20 || bytes[index + 1] == 0x09
      {
        // "4. Titel" or "4.\tTitel" (a tab after the number, as word processors write lists).
        let number = string(start, index)
        let (s, e) = trim(index + 1, end)
        // "1. Opvraging_CBS.pdf": a numbered list of attachments, not items.
        if e - s <= 100, e > s, bytes[e - 1] != 0x2E || e - s <= 40, !namesAFile(s, e) {
          return .agenda(number: number, content: s)
        }
        return .listItem(content: s)
      }
    }
    // "Agendapunt 3: Titel"
    if first == 0x41 || first == 0x61, let agenda = agendapunt(start, end) { return agenda }
    // Debate labels start with a capital title word (De, Mevrouw, Minister, Staatssecretaris, Wethouder …).
    // The label is within the first 120 bytes; the speech may follow on the same line.
    // A label may be set in bold (`**Mevrouw Gerkens (SP):** …`) or closed by a full stop and a
    // dash (`De heer Moureaux (PS). - …`).
    let bold = (first == 0x2A || first == 0x5F) && end - start > 4 && bytes[start + 1] == first
    if bold || first >= 0x42 && first <= 0x57 && startsWithTitleWord(start, end),
      hasLabelEnd(start, labelEnd(start, end)),
      let speech = DebateLabel.parse(Substring(string(start, labelEnd(start, end))))
    {
      return .speech(content: speech.contentOffset.map { start + $0 })
    }
    // "Manolis Mavrommatis (PPE-DE). - …": a member's name and group without a title.
    if first >= 0x41 && first <= 0x5A || first == 0xC3, end - start > 12,
      hasPartyDash(start, labelEnd(start, end)) || hasFunctionDash(start, labelEnd(start, end)),
      let speech = DebateLabel.partyDash(Substring(string(start, labelEnd(start, end))))
    {
      return .speech(content: speech.contentOffset.map { start + $0 })
    }
    if let decision = decisionLine(start, end) { return decision }
    if first == 0x53, let numbered = numberedSpeaker(start, end) { return numbered }
    if let label = label(start, end) {
      // Field, decision and action words have four letters or more; short labels (I, R2) skip the check.
      let key = label.speaker.utf8.count >= 4 ? label.speaker.lowercased() : ""
      if !key.isEmpty, Self.isFieldName(key), let content = label.content, label.timestamp == nil {
        // "Notulen: Notulen zijn aantekeningen …": a word explained, not a field.
        if defines(key, content, end) { return .text }
        return .header(field: key, content: content)
      }
      if !key.isEmpty, Self.decisionWords.contains(key), let content = label.content {
        return .decision(content: content)
      }
      if !key.isEmpty, Self.actionWords.contains(key) {
        if let content = label.content { return .action(content: content) }
        return .actionHeading
      }
      // "Bert De Wit: Burgemeester;": a name and a function in a list of those present, each
      // entry closed by a semicolon, not someone speaking.
      if let content = label.content, end - content <= 40, bytes[end - 1] == 0x3B { return .text }
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

  /// Whether the text from `content` explains the word `key` (lowercased): it opens with that
  /// word, after an article, and says what it is (`Notulen: Notulen zijn …`, `Agenda: De agenda
  /// is …`); `Vergadering: Vergadering van het dagelijks bestuur` names one.
  func defines(_ key: String, _ content: Int, _ end: Int) -> Bool {
    var words = string(content, min(end, content + key.utf8.count + 24)).asciiLowercased.split(separator: " ")
    if let first = words.first, ["een", "de", "het"].contains(first) { words.removeFirst() }
    guard words.count >= 2, words[0] == key || words[0] == key + "s" || words[0] == key + "en" else { return false }
    return ["is", "zijn", "betekent", "betekenen", "heet", "heten", "omvat", "omvatten", "wordt", "worden"].contains(
      String(words[1]))
  }

  /// Decisions as minutes write them: `Besluit` or `Besluiten` alone on a line (a heading for
  /// the next paragraph), `BESLUIT:`, `Conclusie:`, `De raad besluit …`, `Het bestuur besluit …`,
  /// `Er wordt besloten …`, `Daartoe wordt besloten.` ("Voorgesteld besluit" is a proposal).
  func decisionLine(_ start: Int, _ end: Int) -> LineClass? {
    let first = bytes[start] | 0x20
    guard
      first == 0x62 || first == 0x63 || first == 0x64 || first == 0x68 || first == 0x65 || first == 0x67
        || first == 0x70 || first == 0x77 || first == 0x76 || first == 0x6D || first == 0x61, end - start >= 7
    else {
      return nil
    }
    // Most lines start otherwise: compared on bytes before any text is made.
    guard Self.decisionStarts.contains(where: { hasPrefix(start, end, $0) }) else { return nil }
    let line = string(start, min(end, start + 80)).lowercased()
    var bare = line.trimmingSpaces()
    if bare.hasSuffix(":") { bare.removeLast() }
    if [
      "besluit", "besluiten", "besluitvorming", "genomen besluiten", "beslissing", "beslissingen", "conclusie",
      "conclusies", "afspraken gemaakt",
    ]
    .contains(bare) || bare.hasPrefix("conclusie /") || bare.hasPrefix("conclusie en ")
      // "Conclusies autorisatie", "Besluiten bestuur": a short title over the decisions.
      || (bare.hasPrefix("conclusies ") || bare.hasPrefix("besluiten ")) && bare.count <= 40
        && !bare.contains(where: { $0 == "." || $0 == "," })
    {
      return .decisionHeading
    }
    if line.hasPrefix("conclusie:") || line.hasPrefix("conclusie is") || line.hasPrefix("conclusie was") {
      return .decision(content: start)
    }
    for subject in Self.decidingBodies where line.hasPrefix(subject) {
      let rest = line.dropFirst(subject.count)
      if rest.hasPrefix(" besluit") || rest.hasPrefix(" besluiten") || rest.hasPrefix(" heeft besloten")
        || rest.hasPrefix(" hebben besloten") || rest.hasPrefix(" stemt in") || rest.hasPrefix(" stemmen in")
        // "De gemeenteraad keurt eenparig het volgende besluit goed.", as Flemish councils write.
        || rest.hasPrefix(" keurt ")
          && (rest.hasSuffix(" goed.") || rest.hasSuffix(" goed") || rest.hasSuffix(" goed:"))
      {
        return .decision(content: start)
      }
    }
    // "Wijziging geaccepteerd door TO", "Voorstel aangenomen", "Motie wordt aangenomen."
    for subject in Self.decidedThings where line.hasPrefix(subject + " ") {
      var rest = line.dropFirst(subject.count + 1)
      for verb in ["wordt ", "is ", "wordt unaniem ", "is unaniem ", "unaniem "] where rest.hasPrefix(verb) {
        rest = rest.dropFirst(verb.count)
        break
      }
      if Self.decidedWords.contains(where: { rest.hasPrefix($0) }) { return .decision(content: start) }
    }
    if Self.decisionOpenings.contains(where: { line.hasPrefix($0) }) { return .decision(content: start) }
    return nil
  }

  /// Sentence openings that record a decision or an agreement of the meeting.
  static let decisionOpenings = [
    "er wordt besloten", "er is besloten", "er werd besloten", "daartoe wordt besloten", "hierbij is besloten",
    "besloten is", "besloten wordt", "er wordt afgesproken", "er is afgesproken", "afgesproken wordt", "afgesproken is",
    "de afspraak is", "we spreken af", "wij spreken af",
  ]

  /// Phrases of running text in minutes that record a decision wherever they stand in a sentence
  /// (`Na enige discussie besluit het bestuur …`, `… hebben we besloten …`), lowercased.
  static let decisionPhrases: [[UInt8]] = [
    "besluit het bestuur", "besluit de raad", "besluit de vergadering", "besluit de commissie", "besluit de alv",
    "besluit de ledenvergadering", "besluit de stuurgroep", "besluit het to ", "besluit de werkgroep", "besluiten we ",
    "besluiten wij ", "hebben we besloten", "hebben wij besloten", "heeft het bestuur besloten", "besloten hebben",
    "is besloten", "wordt besloten", "werd besloten", "is afgesproken", "wordt afgesproken", "werd afgesproken",
    "spreken af dat", "spreken we af", "spreken wij af",
  ].map { Array($0.utf8) }

  /// Phrases that record a decision when they open a sentence (`… afgesloten. We besluiten …`),
  /// not inside one (`Later kunnen we besluiten …` is a possibility), lowercased. A story tells
  /// its readers the same way what its people did (`We besluiten terug te lopen.`): these count
  /// only in minutes, or as evidence of minutes under a title that names them or after an
  /// attendance list (see `openings`).
  static let decisionSentenceOpenings: [[UInt8]] = ["we besluiten ", "wij besluiten "].map { Array($0.utf8) }

  /// Where a decision recorded by one of ``decisionPhrases`` (or, with `openings`, one of
  /// ``decisionSentenceOpenings``) begins in a line of minutes: the start of the sentence that
  /// holds the phrase.
  func decisionPhrase(_ start: Int, _ end: Int, openings: Bool = true) -> Int? {
    var index = start
    while index + 8 < end {
      defer { index += 1 }
      // Every phrase starts with b, h, i, w or s, after a space or at the line's start.
      let here = bytes[index] | 0x20
      guard here == 0x62 || here == 0x68 || here == 0x69 || here == 0x77 || here == 0x73,
        index == start || bytes[index - 1] == 0x20
      else { continue }
      // A sentence opens at the line's start, after a colon, or with a capital after a full
      // stop, a question or an exclamation mark (not after "o.a.").
      let opensSentence =
        index == start
        || index - 2 >= start
          && (bytes[index - 2] == 0x3A || [0x2E, 0x21, 0x3F].contains(bytes[index - 2]) && bytes[index] == 0x57)
      guard
        Self.decisionPhrases.contains(where: { hasPrefix(index, end, $0) })
          || openings && opensSentence && Self.decisionSentenceOpenings.contains(where: { hasPrefix(index, end, $0) })
      else { continue }
      var sentence = index
      while sentence > start {
        let before = bytes[sentence - 1]
        if sentence - 2 >= start, before == 0x20, [0x2E, 0x21, 0x3F, 0x3A].contains(bytes[sentence - 2]) { break }
        sentence -= 1
      }
      return sentence
    }
    return nil
  }

  /// Where a decision begins inside a line of running text: the first sentence after the line's
  /// first that reads as a decision line (`Conclusie was dat …`, `Het bestuur besluit …`).
  func decisionInside(_ start: Int, _ end: Int) -> Int? {
    var index = start + 1
    while index + 2 < end {
      defer { index += 1 }
      // ". " or "! " or "? ", then a capital.
      guard bytes[index] == 0x20, bytes[index - 1] == 0x2E || bytes[index - 1] == 0x21 || bytes[index - 1] == 0x3F
      else { continue }
      let next = bytes[index + 1]
      guard next >= 0x41, next <= 0x5A, case .decision = decisionLine(index + 1, end) else { continue }
      return index + 1
    }
    return nil
  }

  /// How the lines that ``decisionLine(_:_:)`` looks at start (lowercased ASCII).
  static let decisionStarts: [[UInt8]] = [
    "besl", "conclusie", "de raad", "het bestuur", "de vergadering", "de commissie", "het college", "de alv",
    "de ledenvergadering", "de algemene", "het algemeen", "het dagelijks", "de stuurgroep", "het to ", "de werkgroep",
    "de staten", "provinciale", "gedeputeerde staten", "de kamer", "de gemeenteraad", "de ocmw-raad", "er wordt",
    "er is ", "er werd", "daartoe",
    "hierbij is", "genomen besl", "wijziging", "voorstel", "motie", "amendement", "afgesproken", "de afspraak",
    "we spreken", "wij spreken", "afspraken",
  ].map { Array($0.utf8) }

  /// What minutes say was decided on, before the word that says so (`Voorstel aangenomen`).
  static let decidedThings = ["wijziging", "wijzigingen", "voorstel", "voorstellen", "motie", "amendement"]
  /// The words that say it was decided (after ``decidedThings``).
  static let decidedWords = ["geaccepteerd", "aangenomen", "goedgekeurd", "vastgesteld", "akkoord", "verworpen"]

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

  /// The label an automatic transcript gives a voice it cannot name (`Spreker 2`, `Speaker 11`),
  /// alone on its line, with a time after it (`Spreker 1 00:03:12`, `Spreker 1 (0:05)`), or before
  /// the first words (`Spreker 2 Zo, voordat …`): a speaker label without a colon.
  func numberedSpeaker(_ start: Int, _ end: Int) -> LineClass? {
    guard end - start >= 9, hasPrefix(start, end, Self.sprekerWord) || hasPrefix(start, end, Self.speakerWord),
      bytes[start + 1] == 0x70
    else { return nil }
    var index = start + 8
    let digits = index
    while index < end, index - digits < 4, bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
    guard index > digits, index - digits <= 3, index == end || bytes[index] == 0x20 else { return nil }
    let speaker = string(start, index)
    var (rest, _) = trim(index, end)
    // A time after the label: "00:03:12", "0:05", in brackets or not.
    var timestamp: String?
    var probe = rest
    if probe < end, bytes[probe] == 0x28 { probe += 1 }
    let timeStart = probe
    while probe < end, bytes[probe] >= 0x30 && bytes[probe] <= 0x39 || bytes[probe] == 0x3A { probe += 1 }
    let time = string(timeStart, probe)
    if time.contains(":"), time.first?.isNumber == true, time.last?.isNumber == true {
      if probe < end, bytes[probe] == 0x29 { probe += 1 }
      if probe == end || bytes[probe] == 0x20 {
        timestamp = time
        rest = trim(probe, end).0
      }
    }
    guard rest < end else { return .label(speaker: speaker, timestamp: timestamp, content: nil) }
    // The words start with a capital or a quotation mark: "Spreker 2 is …" is a sentence.
    let opening = bytes[rest]
    guard opening >= 0x41 && opening <= 0x5A || opening == 0x22 || opening == 0xE2 || opening >= 0xC3 else {
      return nil
    }
    return .label(speaker: speaker, timestamp: timestamp, content: rest)
  }

  static let sprekerWord = Array("spreker ".utf8)
  static let speakerWord = Array("speaker ".utf8)

  /// Whether a line ends in a file name's extension (`Bijlage 2.pdf`, `begroting.xlsx`).
  func namesAFile(_ start: Int, _ end: Int) -> Bool {
    guard end - start >= 5 else { return false }
    var dot = end - 1
    while dot > start, end - dot <= 5, bytes[dot] != 0x2E { dot -= 1 }
    guard bytes[dot] == 0x2E, end - dot >= 3 else { return false }
    return Self.fileExtensions.contains(string(dot + 1, end).lowercased())
  }

  static let fileExtensions: Set<String> = [
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "txt", "rtf", "zip", "jpg", "jpeg", "png",
    "msg", "eml",
  ]

  /// Whether bytes `start..<end` hold what may close a debate label: a colon, or a full stop
  /// followed by a dash (`. - `, `. – `, `. — `) or by two spaces.
  func hasLabelEnd(_ start: Int, _ end: Int) -> Bool {
    guard let base = bytes.baseAddress, end > start else { return false }
    if memchr(base + start, 0x3A, end - start) != nil { return true }
    // "De Voorzitter. We gaan verder …": the chair's label closed by a full stop alone.
    if end - start > 15, bytes[start] == 0x44, hasPrefix(start, end, Self.chairFullStop) { return true }
    var index = start
    while index + 3 < end {
      if bytes[index] == 0x2E, bytes[index + 1] == 0x20, bytes[index + 2] == 0x20 || dashFollows(index, end) {
        return true
      }
      index += 1
    }
    return false
  }

  /// Whether the full stop at `dot` is followed by a dash between spaces (`. - `, `. – `, `. — `).
  func dashFollows(_ dot: Int, _ end: Int) -> Bool {
    guard dot + 4 <= end, bytes[dot] == 0x2E, bytes[dot + 1] == 0x20 else { return false }
    if bytes[dot + 2] == 0x2D { return bytes[dot + 3] == 0x20 }
    // "–" and "—": E2 80 93, E2 80 94.
    return dot + 6 <= end && bytes[dot + 2] == 0xE2 && bytes[dot + 3] == 0x80
      && (bytes[dot + 4] == 0x93 || bytes[dot + 4] == 0x94) && bytes[dot + 5] == 0x20
  }

  /// Whether the bytes hold a closing bracket, a full stop and a dash between spaces (`(PPE-DE).
  /// - `, `(PSE). – `): the end of a member's label with the group, looked for before the label
  /// is parsed.
  func hasPartyDash(_ start: Int, _ end: Int) -> Bool {
    guard let base = bytes.baseAddress, end - start > 5 else { return false }
    var from = start
    while from < end, let hit = memchr(base + from, 0x29, end - from) {
      let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
      if dashFollows(at + 1, end) { return true }
      from = at + 1
    }
    return false
  }

  /// Whether the bytes hold a comma and, after it, a full stop and a dash between spaces
  /// (`Jacques Barrot, vice-voorzitter van de Commissie. - `), looked for before the label is
  /// parsed.
  func hasFunctionDash(_ start: Int, _ end: Int) -> Bool {
    guard let base = bytes.baseAddress, end - start > 5, let comma = memchr(base + start, 0x2C, end - start) else {
      return false
    }
    var from = base.distance(to: comma.assumingMemoryBound(to: UInt8.self)) + 1
    while from < end, let hit = memchr(base + from, 0x2E, end - from) {
      let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
      if dashFollows(at, end) { return true }
      from = at + 1
    }
    return false
  }

  /// Whether a line starts like a debate label, before any text is made.
  func startsWithTitleWord(_ start: Int, _ end: Int) -> Bool {
    // Every title word starts with b, c, d, g, h, m, r, s or w.
    switch bytes[start] | 0x20 {
    case 0x62, 0x63, 0x64, 0x67, 0x68, 0x6D, 0x72, 0x73, 0x77: break
    default: return false
    }
    return Self.titleStarts.contains { hasPrefix(start, end, $0) }
  }

  /// Who decides in minutes (lowercased, as a line starts).
  static let decidingBodies: [String] = [
    "de raad", "het bestuur", "de vergadering", "de commissie", "het college", "de alv", "de ledenvergadering",
    "de algemene ledenvergadering", "het algemeen bestuur", "het dagelijks bestuur", "de stuurgroep", "het to",
    "de werkgroep", "de staten", "provinciale staten", "gedeputeerde staten", "de kamer", "de gemeenteraad",
    "de ocmw-raad",
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

  func isWordByte(_ byte: UInt8) -> Bool {
    (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80
  }
}
