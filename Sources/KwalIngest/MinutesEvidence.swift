import Foundation
import KwalModel

/// What makes a document minutes (notulen, a verslag, a besluitenlijst) rather than a report or a
/// blog: a title that says so, an attendance block, the standing items of an agenda (opening,
/// mededelingen, rondvraag, sluiting), decisions, and a structure of numbered items or headings.
///
/// Each kind of evidence has a weight; a document is minutes when it has an agenda structure and
/// weight 3 or more, so one strong sign (a title "Notulen …", an attendance block, an
/// "Agendapunten" line followed by items) or three weaker ones are needed. Minutes written as
/// loose paragraphs need a title that names the meeting or its record and an attendance block,
/// or a dated such title and a decision, or a dated title that names minutes. A title that only
/// names a meeting, undated, is not enough alone. ``isMinutes`` has the rules; ``reasons`` says
/// which evidence was found.
struct MinutesEvidence {
  /// Numbered agenda lines (`1. Opening`, `Agendapunt 3`).
  var numberedItems = 0
  /// Numbered lines too long for an item's title: an item with its text on one line.
  var numberedParagraphs = 0
  /// Titles in capitals on their own lines.
  var capitalsTitles = 0
  /// Whether one of the first lines dates the meeting.
  private(set) var dated = false
  /// Decision lines (`Besluit:`, `De raad besluit`, `Besloten wordt`).
  var decisions = 0
  /// Whether a line gives the date of the next meeting (`Volgende vergadering: 8 oktober 2013`).
  var nextMeeting = false
  /// Recitals of a decision (`Gelet op …;`, `Overwegende dat …;`) and votes on it (`met 25
  /// ja-stemmen`, `Met algemeenheid van stemmen`), as a council's record of a decision gives them.
  private(set) var recitals = 0
  private(set) var votes = 0
  private(set) var titleWeight = 0
  private(set) var titleText: String?
  /// The corpus path that named minutes when the title did not.
  private(set) var namedFile: String?
  private(set) var attendance: String?
  private(set) var agendaMarker: String?
  private(set) var standingItems: Set<String> = []
  /// Headings that are not the title nor an attendance block, per level.
  private(set) var headings: [Int: Int] = [:]

  /// Title words and their weight: names of minutes weigh 3, words that also title reports 2.
  /// Provenance of this file's word lists: compiled by the Kwal project from the titles, agendas and
  /// attendance blocks of Dutch council, board and association minutes (`bench/field/docs`, dev part).
  static let titleWords: [(word: String, weight: Int)] = [
    ("notulen", 3), ("notule", 3), ("besluitenlijst", 3), ("actielijst", 3), ("ledenvergadering", 3),
    ("bestuursvergadering", 3),
    ("raadsvergadering", 3), ("commissievergadering", 3), ("alv", 3), ("algemene vergadering", 3),
    ("vergaderverslag", 3), ("raadsverslag", 3), ("commissieverslag", 3), ("forumverslag", 3),
    ("verslag vergadering", 3), ("verslag van de vergadering", 3), ("meeting minutes", 3), ("verslag overleg", 3),
    ("verslag van het overleg", 3), ("meeting notes", 3), ("notes", 2), ("jaarvergadering", 3),
    ("najaarsvergadering", 3),
    ("voorjaarsvergadering", 3),
    ("verslag", 2), ("vergadering", 2), ("overleg", 2), ("agenda", 2), ("gemeenteraad", 2), ("commissie", 2),
    ("bijeenkomst", 1),
    // Flemish councils head their minutes "Zitting van 26 januari 2023".
    ("zitting van", 2), ("raadszitting", 2),
  ]

  /// The standing items of a Dutch agenda (lowercased, matched at the start of an item title).
  static let standingItemWords: [String] = [
    "opening", "welkom", "mededelingen", "vaststellen agenda", "vaststelling agenda", "vaststelling van de agenda",
    "vaststellen van de agenda", "agenda", "notulen", "verslag vorig", "verslag van de vorige", "ingekomen stukken",
    "rondvraag", "sluiting", "actielijst", "actiepunten", "wvttk", "w.v.t.t.k", "hamerstuk", "bespreekstuk",
    "jaarverslag", "financieel verslag", "begroting", "kascommissie", "decharge", "bestuursverkiezing",
    "vaststellen notulen", "vaststellen verslag", "besluitenlijst",
  ]

  /// Header fields and headings of an attendance block (lowercased).
  static let attendanceWords: Set<String> = [
    "aanwezig", "aanwezigen", "afwezig", "afwezigen", "afgemeld", "aanw.", "afw.", "notulist", "notulen", "deelnemers",
    "aanwezigheden", "verontschuldigd", "verontschuldigingen",
    "met kennisgeving afwezig", "present", "voorzitter", "griffier",
  ]

  /// Lines and headings that open a meeting's agenda (lowercased).
  static let agendaMarkers: Set<String> = [
    "agenda", "agendapunten", "vergaderpunten", "overzicht vergaderpunten", "overzicht agendapunten",
  ]

  /// "Aanwezig Eelco Hotting Arnoud Quanjer", "Aanwezigen Jan, Piet": the field word without a
  /// colon, then a name (a capital).
  static func startsAttendanceList(_ line: String) -> Bool {
    for word in ["Aanwezig ", "Aanwezigen ", "Afwezig ", "Afwezigen "] where line.hasPrefix(word) {
      let rest = line.dropFirst(word.count)
      guard let first = rest.first, first.isUppercase else { return false }
      // "Aanwezig Was …" is a sentence; a name has a second capitalised word or a comma soon.
      return rest.split(separator: " ").prefix(3).dropFirst().contains { $0.first?.isUppercase == true }
        || rest.prefix(30).contains(",")
    }
    return false
  }

  /// The text before agenda items that ran on into one paragraph (a PDF flattened by a document
  /// site): the title and the attendance block are in it, without lines of their own.
  mutating func runOnHeader(_ text: String) {
    let lower = text.asciiLowercased
    for (word, weight) in Self.titleWords where weight == 3 && weight > titleWeight && Self.containsWord(lower, word) {
      titleWeight = weight
      titleText = String(text.prefix(60))
    }
    attendance(in: lower)
    if attendance == nil, Self.contains(lower, "aanwezig ") || Self.contains(lower, "aanwezigen") {
      attendance = "aanwezig"
    }
  }

  /// The start of a first line that is no title: a title run on with the fields after it
  /// ("Notulen Algemene Ledenvergadering Datum: Plaats: Tijd: Aanwezig:").
  mutating func firstLine(_ text: String) {
    // A sentence ("De kop is het gedeelte van de notulen dat …") names no document, unless it
    // opens with the name ("Verslag AB vergadering Dorpsplatform d.d. 25 oktober 2018, …").
    // The words, split at spaces on the line's bytes.
    let words = text.utf8.split(separator: 0x20)
    let sentence =
      words.count > 8 && ([0x2E, 0x21, 0x3F].contains(text.utf8.last ?? 0) || Self.contains(text, ". "))
    // A sentence opens with the name itself: one of its first five words is a title word
    // ("HOCKEY VERENIGING MIJDRECHT Notulen van de …").
    let opening = words.prefix(5).map { Self.trimmingPunctuation(String(Substring($0)).asciiLowercased) }
    if !sentence || opening.contains(where: { word in Self.titleWords.contains { $0.word == word } }) {
      title(String(text.prefix(120)))
    } else if titleWeight < 3 {
      // "Op maandag 5 november vergaderde de Kerkenraad … Hier volgt een verslag:": a sentence
      // that says a body met and that its record follows.
      let lower = text.asciiLowercased
      if Self.containsWord(lower, "vergaderde") || Self.containsWord(lower, "vergaderden"),
        Self.containsWord(lower, "verslag") || Self.containsWord(lower, "notulen")
      {
        titleWeight = 3
        titleText = String(text.prefix(120))
      }
    }
    attendance(in: text.asciiLowercased)
  }

  /// `word` without the punctuation (Unicode's general categories P…) at its ends.
  static func trimmingPunctuation(_ word: String) -> String {
    func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
      switch scalar.properties.generalCategory {
      case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
        .finalPunctuation, .otherPunctuation:
        return true
      default: return false
      }
    }
    let scalars = word.unicodeScalars
    guard let first = scalars.firstIndex(where: { !isPunctuation($0) }),
      let last = scalars.lastIndex(where: { !isPunctuation($0) })
    else { return "" }
    if first == scalars.startIndex, last == scalars.index(before: scalars.endIndex) { return word }
    return String(scalars[first...last])
  }

  /// An attendance list's field inside a run-on text.
  private mutating func attendance(in lower: String) {
    guard attendance == nil else { return }
    let fields = [
      "aanwezig:", "aanwezig zijn", "aanwezig is", "aanwezig waren", "aanwezigen:", "aanw.:", "afwezig:", "afwezig met",
      "afw.:", "notulist",
    ]
    if let found = fields.first(where: { Self.contains(lower, $0) }) { attendance = found }
  }

  /// A table row's first cell that heads an attendance list (`| **Aanwezigen:** | Jan, Piet |`).
  mutating func tableRow(_ text: String) {
    guard attendance == nil else { return }
    // The first cell, when the row has a second (cells trimmed of spaces and emphasis).
    var cells: [String] = []
    for piece in text.split(separator: "|", omittingEmptySubsequences: true) {
      let cell = piece.trimmingCharacters(in: Self.cellTrimming)
      if !cell.isEmpty { cells.append(cell) }
      if cells.count == 2 { break }
    }
    guard cells.count >= 2 else { return }
    let first = cells[0].asciiLowercased
    if Self.attendanceWords.contains(first) && first != "voorzitter" && first != "notulen" {
      attendance = cells[0]
    }
  }

  /// What a table cell is trimmed of: spaces and Markdown emphasis.
  static let cellTrimming = CharacterSet(charactersIn: " \t*_:")

  static func isAttendanceHeading(_ text: String) -> Bool {
    let lower = text.asciiLowercased.trimmingSpaces()
    let word = lower.hasSuffix(":") ? String(lower.dropLast()) : lower
    // "Aanwezige leden", "Afwezige bestuursleden", "Aanwezigen week 5".
    if ["aanwezige ", "afwezige ", "aanwezigen ", "afwezigen ", "aanwezig ", "afwezig "].contains(where: {
      word.hasPrefix($0)
    }) && word.count <= 30 {
      return true
    }
    return attendanceWords.contains(word) && word != "voorzitter" && word != "notulen" && word != "griffier"
  }

  /// Headings over what the meeting had, not what it discussed: the agenda as announced, the
  /// attachments.
  static func isNoItemHeading(_ text: String) -> Bool {
    var lower = text.asciiLowercased.trimmingSpaces()
    if lower.hasSuffix(":") { lower.removeLast() }
    return agendaMarkers.contains(lower)
      || ["bijlage", "bijlagen", "bijlages", "stukken", "documenten"].contains(lower)
  }

  /// Headings that name the minutes' body as a whole ("## Notulen" over the items), not an item.
  static func isContainerHeading(_ text: String) -> Bool {
    var lower = text.asciiLowercased.trimmingSpaces()
    if lower.hasSuffix(":") { lower.removeLast() }
    return ["notulen", "verslag", "besluitenlijst", "notulen van de vergadering", "verslag van de vergadering"]
      .contains(lower)
  }

  mutating func title(_ text: String) {
    let lower = text.asciiLowercased
    for (word, weight) in Self.titleWords where weight > titleWeight && Self.containsWord(lower, word) {
      titleWeight = weight
      titleText = text
    }
    // A later title as strong that names the record, where the first named only the meeting
    // ("Bestuursvergadering 10 mei 2022 kort verslag" under "Jaarvergadering 6 april 2022").
    if titleWeight >= 2, titleText != text, !Self.namesRecord(titleText), Self.namesRecord(text),
      !Self.isContainerHeading(text),
      Self.titleWords.contains(where: { $0.weight >= titleWeight && Self.containsWord(lower, $0.word) })
    {
      titleText = text
    }
    // "20220928 - werkgroep 3 note", "Notities overleg": notes of a kind of meeting, weighing as
    // a title word that also titles reports (the words whole: no "notendop").
    if titleWeight < 2, ["note", "notities", "aantekeningen"].contains(where: { Self.containsWholeWord(lower, $0) }),
      Self.meetingKinds.contains(where: { Self.containsWord(lower, $0) })
    {
      titleWeight = 2
      titleText = text
    }
    // "Verslag standup", "Concept-verslag Klankbordsessie": a record of a kind of meeting.
    if titleWeight < 3, Self.containsWord(lower, "verslag"),
      Self.meetingKinds.contains(where: { Self.containsWord(lower, $0) })
    {
      titleWeight = 3
      titleText = text
    }
  }

  /// One of the first lines, shaped as a title: it names the document when a title word is among
  /// its first three words ("Kort verslag bestuursvergadering", not "I. den Decker (notulen)").
  mutating func titleLine(_ text: String) {
    let opening = text.split(separator: " ", maxSplits: 3).prefix(3).joined(separator: " ").asciiLowercased
    guard Self.titleWords.contains(where: { Self.containsWord(opening, $0.word) }),
      !Self.agendaMarkers.contains(text.asciiLowercased.trimmingSpaces())
    else { return }
    let before = titleWeight
    title(text)
    if titleWeight == before, titleText == nil { titleText = text }
  }

  /// Kinds of meeting a "verslag" (report) in a title can be the record of.
  static let meetingKinds = [
    "standup", "stand-up", "sessie", "werksessie", "klankbordsessie", "bijeenkomst", "overleg", "teamoverleg",
    "werkgroep", "vergadering", "bestuursvergadering", "sprint", "retrospective", "intervisie",
  ]

  /// One of a document's first lines: an attendance field run on with others.
  mutating func headerLine(_ text: String) {
    let lower = text.asciiLowercased
    // "gehouden op maandag 21 oktober": a date, a number and a month's name.
    if !dated,
      Self.namesMonthWithNumber(lower)
        // "08-06-2022:": a date alone on its line.
        || text.utf8.count <= 24 && DutchDate.parse(text) != nil
    {
      dated = true
    }
    guard attendance == nil else { return }
    // Every phrase has "wezig" or "verontschuldigd": most lines are passed over at that.
    guard Self.contains(lower, "wezig") || Self.contains(lower, "verontschuldigd") else { return }
    if let found = Self.attendancePhrases.first(where: { Self.contains(lower, $0) }) {
      attendance = found
    }
  }

  /// A header line's phrases that open an attendance list, in the order they are looked for.
  static let attendancePhrases = [
    "aanwezig:", "afwezig:", "aanwezigen:", "afwezig met kennisgeving", "aanwezig zijn", "aanwezig is",
    "aanwezig waren", "aanwezigheden:", "verontschuldigd:",
  ]

  /// Whether lowercased `text` has a digit and a month's name as a word of its own, read on its
  /// bytes (a word is a run of letters; a byte past ASCII belongs to a word, so a word with
  /// one is no month's name).
  static func namesMonthWithNumber(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
      guard bytes.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return false }
      var start = 0
      for index in 0...bytes.count {
        let byte = index < bytes.count ? bytes[index] : 0x20
        if byte >= 0x61 && byte <= 0x7A || byte >= 0x80 { continue }
        let length = index - start
        if length >= 3, length <= 9,
          DutchDate.months[String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)]
            != nil
        {
          return true
        }
        start = index + 1
      }
      return false
    }
  }

  /// A file name or folder in the corpus that names minutes (`notulen/20251202.md`,
  /// `20240312_besluitenlijst.pdf`) weighs as a title word that also titles reports.
  mutating func fileName(_ name: String) {
    guard titleWeight < 2 else { return }
    // Letters kept (a byte past ASCII belongs to one), everything else a space.
    var lowered = name.asciiLowercased
    let words = lowered.withUTF8 { bytes in
      String(
        unsafeUninitializedCapacity: bytes.count,
        initializingUTF8With: { target in
          for index in bytes.indices {
            let byte = bytes[index]
            target[index] = byte >= 0x61 && byte <= 0x7A || byte >= 0x80 ? byte : 0x20
          }
          return bytes.count
        })
    }
    if Self.titleWords.contains(where: { $0.weight == 3 && Self.containsWord(words, $0.word) }) {
      titleWeight = 2
      titleText = nil
      namedFile = name
    }
  }

  mutating func agendaTitle(_ text: String) { standingItem(text) }

  mutating func heading(_ text: String, level: Int) {
    if Self.isAttendanceHeading(text) {
      attendance = attendance ?? text.trimmingSpaces()
      return
    }
    if Self.isContainerHeading(text) {
      title(text)
      return
    }
    headings[level, default: 0] += 1
    let lower = text.asciiLowercased.trimmingSpaces()
    // The heading "Agenda" opens the agenda; it is no standing item of it.
    if Self.agendaMarkers.contains(lower) {
      agendaMarker = text.trimmingSpaces()
    } else {
      standingItem(text)
    }
  }

  /// A short line of text: whether it names the next meeting (`Volgende vergadering: 8 oktober
  /// 2013`), often the record's last line.
  mutating func nextMeetingLine(_ text: String) {
    guard let colon = text.firstIndex(of: ":") else { return }
    if Self.isNextMeeting(String(text[..<colon])), Self.namesDate(String(text[text.index(after: colon)...])) {
      nextMeeting = true
    }
  }

  /// Whether `text` is or holds a date: `8 oktober 2013`, `dinsdag 4 juni`, `4-6-2024`.
  static func namesDate(_ text: String) -> Bool {
    let trimmed = text.trimmingSpaces()
    return namesMonthWithNumber(trimmed.asciiLowercased)
      || DutchDate.parse(trimmed) != nil
      || trimmed.split(separator: " ").contains { DutchDate.parse(String($0)) != nil }
  }

  /// `Aanwezige wijkraadleden`, `Afwezige leden`, `Aanwezigen bestuur`: an attendance word and
  /// one or two words (not `Aanwezig bij de opening`).
  static func isAttendanceNounHeading(_ text: String) -> Bool {
    var lower = text.asciiLowercased.trimmingSpaces()
    if lower.hasSuffix(":") { lower.removeLast() }
    let words = lower.split(separator: " ")
    return (2...3).contains(words.count)
      && ["aanwezige", "aanwezigen", "afwezige", "afwezigen"].contains(String(words[0]))
      && words.dropFirst().allSatisfy { $0.allSatisfy(\.isLetter) }
  }

  /// A label alone on its line that heads the attendance list (`Aanwezige wijkraadleden:`).
  mutating func attendanceLabel(_ text: String) { attendance = attendance ?? text }

  /// Whether a label names the next meeting (`Volgende vergadering`, `Datum volgende overleg`).
  static func isNextMeeting(_ label: String) -> Bool {
    let lower = label.asciiLowercased.trimmingSpaces()
    return ["volgende vergadering", "volgend overleg", "volgende overleg"].contains {
      lower == $0 || lower == "datum " + $0
    }
  }

  mutating func field(_ name: String) {
    if Self.attendanceWords.contains(name) { attendance = attendance ?? name }
  }

  /// The first three letters (lowercased ASCII) of the lines ``line(_:)`` can use: agenda,
  /// aanwezig, afwezig, afgemeld, notulist, notulen, deelnemers, voorzitter, verslag, griffier,
  /// met kennisgeving, present, besluitenlijst, overzicht vergaderpunten; as one number each.
  static let lineStarts: Set<UInt32> = Set(
    ["age", "aan", "afw", "afg", "not", "dee", "voo", "ver", "gri", "met", "pre", "bes", "ove"].map { key($0.utf8) })

  /// The first three letters of the lines that may name the next meeting (``nextMeetingLine(_:)``).
  static let nextMeetingStarts: Set<UInt32> = Set(["vol", "dat"].map { key($0.utf8) })

  /// The first three letters of the lines ``decisionRecordLine(_:)`` reads: gelet op,
  /// overwegende, met (a vote).
  static let decisionRecordStarts: Set<UInt32> = Set(["gel", "ove", "met"].map { key($0.utf8) })

  /// A line of a decision's record: a recital (`Gelet op het gemeentedecreet;`, `Overwegende dat
  /// …`) or, after a decision, a vote (`met 25 ja-stemmen (…)`, `Met algemeenheid van stemmen`,
  /// `met eenparigheid van stemmen`, `met algemene stemmen`, `met 20 stemmen voor`); not the verb
  /// (`Met deze verordening kunnen inwoners digitaal stemmen`).
  mutating func decisionRecordLine(_ text: String) {
    let lower = text.asciiLowercased
    if lower.hasPrefix("gelet op ") || lower.hasPrefix("overwegende ") {
      recitals += 1
    } else if decisions > 0, lower.hasPrefix("met "), Self.votePhrases.contains(where: { Self.contains(lower, $0) }) {
      votes += 1
    }
  }

  /// How a record gives a vote's outcome (lowercased).
  static let votePhrases = [
    "ja-stemmen", "jastemmen", "neen-stemmen", "nee-stemmen", "stemmen voor", "stemmen tegen", "algemene stemmen",
    "algemeenheid van stemmen", "eenparigheid van stemmen", "eenparig", "unaniem", "onthoudingen",
  ]

  /// The first three letters of "verslag", "notulen" and "besluitenlijst", as ``key(_:)`` gives them.
  static let recordStarts: Set<UInt32> = Set(["ver", "not", "bes"].map { key($0.utf8) })

  /// The first three bytes of a line, lowercased, as one number.
  static func key<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt32 {
    bytes.prefix(3).reduce(0) { $0 << 8 | UInt32($1 | 0x20) }
  }

  /// A line of text: `Agendapunten`, `Aanwezig` alone, a standing item title alone.
  mutating func line(_ text: String) {
    var trimmed = text.trimmingSpaces()
    // "• Aanwezig: …": a bullet before the field.
    if let first = trimmed.first, ["•", "·", "▪", "◦"].contains(first) {
      trimmed = String(trimmed.dropFirst()).trimmingSpaces()
    }
    guard trimmed.utf8.count <= 60 else { return }
    let lower = trimmed.asciiLowercased
    if Self.agendaMarkers.contains(lower) { agendaMarker = trimmed }
    // "Afw.:", "Aanw:": abbreviated field names alone on their line.
    let bare = lower.trimmingCharacters(in: CharacterSet(charactersIn: ".: "))
    if Self.attendanceWords.contains(lower) && lower != "notulen" || ["aanw", "afw"].contains(bare)
      || lower.hasPrefix("aanwezig:")
      || lower.hasPrefix("afwezig:")
      || lower.hasPrefix("aanwezig namens") || Self.startsAttendanceList(trimmed)
      // "Aanwezige wijkraadleden:" alone on its line.
      || lower.hasSuffix(":") && Self.isAttendanceNounHeading(trimmed)
    {
      attendance = attendance ?? trimmed
    }
    // A short line that names the minutes, below a first line that was no title ("Besluitenlijst
    // gemeenteraad Zuidplas 5 september 2023" under a page's introduction).
    if titleWeight < 3,
      lower.hasPrefix("notulen ") || lower.hasPrefix("besluitenlijst ") || lower == "notulen"
        || lower == "besluitenlijst"
    {
      titleWeight = 3
      titleText = trimmed
    }
    // "Verslag van de vergadering" on a line of its own names minutes as a title does.
    if lower.hasPrefix("verslag van de vergadering") || lower.hasPrefix("verslag van de openbare vergadering") {
      if titleWeight < 3 {
        titleWeight = 3
        titleText = trimmed
      }
    }
  }

  private mutating func standingItem(_ text: String) {
    var lower = text.asciiLowercased.trimmingSpaces()
    // "3. Rondvraag", "3 Rondvraag", "3.1 Mededelingen": the number is not part of the title.
    while let first = lower.first, first.isNumber || first == "." || first == " " || first == ")" {
      lower.removeFirst()
    }
    for word in Self.standingItemWords where lower.hasPrefix(word) {
      standingItems.insert(word)
      return
    }
  }

  static func containsWord(_ text: String, _ word: String) -> Bool {
    var from = 0
    while let found = offset(of: word, in: text, from: from) {
      // Words may start a compound ("notulenvergadering") or end one ("bestuursvergadering");
      // a phrase ends none ("bezitting van" holds no "zitting van").
      if word.count >= 8 && !word.contains(" ") || !letterEnds(text, at: found) { return true }
      from = found + 1
    }
    return false
  }

  /// Whether `text` holds `word` as a word of its own: no letter before or after it.
  static func containsWholeWord(_ text: String, _ word: String) -> Bool {
    var from = 0
    while let found = offset(of: word, in: text, from: from) {
      if !letterEnds(text, at: found) && !letterStarts(text, at: found + word.utf8.count) { return true }
      from = found + 1
    }
    return false
  }

  /// Whether `text` holds `piece`, searched on their UTF-8 bytes.
  static func contains(_ text: String, _ piece: String) -> Bool { offset(of: piece, in: text, from: 0) != nil }

  /// The first byte offset at or after `from` where `piece` occurs in `text`, searched on their
  /// UTF-8 bytes: the first byte found with memchr, the rest compared with memcmp.
  static func offset(of piece: String, in text: String, from: Int) -> Int? {
    var text = text
    var piece = piece
    return text.withUTF8 { haystack -> Int? in
      piece.withUTF8 { needle -> Int? in
        guard let pattern = needle.baseAddress else { return from <= haystack.count ? from : nil }
        guard let base = haystack.baseAddress else { return nil }
        var start = from
        let last = haystack.count - needle.count
        while start <= last {
          guard let hit = memchr(base + start, Int32(pattern[0]), last - start + 1) else { return nil }
          let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
          if memcmp(base + at, pattern, needle.count) == 0 { return at }
          start = at + 1
        }
        return nil
      }
    }
  }

  /// Whether the character before byte `offset` of `text` is a letter (a word goes on there).
  private static func letterEnds(_ text: String, at offset: Int) -> Bool {
    guard offset > 0 else { return false }
    let utf8 = text.utf8
    var index = utf8.index(utf8.startIndex, offsetBy: offset)
    // Back to the first byte of the scalar before.
    repeat { index = utf8.index(before: index) } while index > utf8.startIndex && utf8[index] & 0xC0 == 0x80
    guard let scalarIndex = index.samePosition(in: text.unicodeScalars) else { return false }
    return Character(text.unicodeScalars[scalarIndex]).isLetter
  }

  /// Whether the character at byte `offset` of `text` (a scalar's first byte) is a letter.
  private static func letterStarts(_ text: String, at offset: Int) -> Bool {
    let utf8 = text.utf8
    guard offset < utf8.count else { return false }
    let index = utf8.index(utf8.startIndex, offsetBy: offset)
    guard let scalarIndex = index.samePosition(in: text.unicodeScalars) else { return false }
    return Character(text.unicodeScalars[scalarIndex]).isLetter
  }

  /// The weight of the evidence.
  var weight: Int {
    var total = titleWeight
    if attendance != nil { total += 3 }
    if agendaMarker != nil { total += 3 }
    total += min(standingItems.count, 3)
    if decisions >= 1 { total += 1 }
    if decisions >= 3 { total += 1 }
    return total
  }

  /// An agenda's structure: numbered items, headings of one level, an "Agendapunten" line, or decisions.
  var hasStructure: Bool {
    numberedItems >= 2 || headings.values.contains { $0 >= 2 } || decisions >= 2
      || numberedItems + numberedParagraphs >= 2 && !standingItems.isEmpty
      // An "Agenda" line counts when items follow it (an explainer about agendas has none).
      || agendaMarker != nil && (numberedItems + numberedParagraphs >= 1 || !headings.isEmpty)
      || capitalsTitles >= 2 && !standingItems.isEmpty
  }

  /// Minutes: an agenda's structure with weight 3, or, without one, a title that names minutes
  /// ("Notulen bestuursvergadering") and an attendance block. A title that names only a meeting
  /// is not enough alone unless it dates it (a number in it): "Algemene vergadering" over a
  /// handbook's chapter is no minutes, "ALV 29 november 2024" and "Notulen bestuursvergadering"
  /// are.
  var isMinutes: Bool {
    // A heading "Agenda" alone (a workshop's programme) makes no minutes.
    if titleWeight == 0, attendance == nil, decisions == 0, standingItems.isEmpty, numberedItems == 0 { return false }
    if weight == titleWeight, namedFile == nil, let titleText, !titleText.contains(where: \.isNumber) {
      let lower = titleText.asciiLowercased
      if !Self.minutesNames.contains(where: { Self.containsWord(lower, $0) }) { return false }
    }
    return hasStructure && weight >= 3 || titleWeight >= 2 && titleText != nil && attendance != nil
      // A short report of a meeting: a title that names and dates it, and a decision.
      || titleWeight >= 2 && decisions >= 1 && (titleText?.contains(where: \.isNumber) == true || dated)
      // "Verslag 14 mei 2013" over the points discussed, then "Volgende vergadering: …": a title
      // that names and dates the record, and the next meeting's date.
      || nextMeeting && Self.namesRecord(titleText)
        && Self.namesDate((titleText ?? "").split(separator: " ").dropFirst().joined(separator: " "))
      // "Notulen Algemene Ledenvergadering van 24-8-2020": a title that names and dates minutes.
      || namesMinutes && titleText?.contains(where: \.isNumber) == true
      // "Verslag Algemene ledenvergadering", a line that dates it, then numbered paragraphs (each
      // item's text on its number's line): the record of a dated meeting, item by item.
      || namesMinutes && dated && numberedItems + numberedParagraphs >= 2
      // A council's decision as its minutes give it: recitals, the decision and the vote on it.
      || decisions >= 1 && votes >= 1 && recitals >= 2
      // "Notulen" alone, then "08-06-2022:": the title is the name, a line below dates it.
      || namesMinutes && dated
        && Self.minutesNames.contains(
          (titleText ?? "").asciiLowercased.trimmingCharacters(in: CharacterSet(charactersIn: " :")))
  }

  /// Whether `text` names the record of a meeting (notulen, verslag, besluitenlijst).
  static func namesRecord(_ text: String?) -> Bool {
    guard let lower = text?.asciiLowercased else { return false }
    return minutesNames.contains { containsWord(lower, $0) }
  }

  /// A title that names the record of a meeting with weight 3 ("Notulen", "Besluitenlijst"): a
  /// document so titled is minutes even when its lines carry labels ("Vraag:", "Antwoord:").
  var namesMinutes: Bool {
    guard titleWeight >= 3, let lower = titleText?.asciiLowercased else { return false }
    return Self.minutesNames.contains { Self.containsWord(lower, $0) }
  }

  /// A title in capitals on its own line ("OPENING", "RONDVRAAG"): a heading of the agenda.
  mutating func capitalsTitle(_ text: String) {
    capitalsTitles += 1
    standingItem(text)
  }

  /// Title words that name the record of a meeting, not the meeting.
  static let minutesNames = [
    "notulen", "notule", "besluitenlijst", "verslag", "vergaderverslag", "raadsverslag", "commissieverslag",
    "forumverslag", "minutes",
  ]

  /// The heading level that holds the agenda: the highest level (below the title) with two
  /// headings or more; deeper levels are its sub-items.
  var agendaLevel: Int? {
    headings.filter { $0.value >= 2 }.keys.min()
  }

  /// What was found, in words.
  var reasons: [String] {
    var result: [String] = []
    if let titleText { result.append("title \"\(titleText.prefix(60))\"") }
    if let namedFile { result.append("file name \(namedFile.suffix(60))") }
    if let attendance { result.append("attendance (\(attendance.prefix(30)))") }
    if let agendaMarker { result.append("\"\(agendaMarker)\"") }
    if !standingItems.isEmpty { result.append("agenda items " + standingItems.sorted().joined(separator: ", ")) }
    if decisions > 0 { result.append("\(decisions) decision(s)") }
    if nextMeeting { result.append("the next meeting's date") }
    if votes > 0 { result.append("\(votes) vote(s) after \(recitals) recital(s)") }
    return result
  }
}
