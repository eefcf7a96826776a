import Foundation
import KwalModel

extension TextStructure {
  // MARK: - Speaker labels

  struct Label {
    var speaker: String
    var timestamp: String?
    var content: Int?
  }

  /// Labels of someone in the audience of a recorded meeting or masterclass (lowercased): a
  /// speaker without a name.
  static let audienceLabels: Set<String> = [
    "iemand uit het publiek", "iemand uit de zaal", "vraag uit het publiek", "vraag uit de zaal", "publiek", "zaal",
    "deelnemer", "aanwezige",
  ]

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
    // Parts of a record that open with a colon ("Verslag:" over the minutes' text).
    "verslag", "notities", "aantekeningen", "actiepunten", "actielijst",
  ]

  /// Parts of a document that are numbered like speakers (`Voorstel 1:`, `Verkiezing 2:`,
  /// `Agendapunt 3:`, `Bijlage 2:`, `Art. 1:`): with a number, such a word names no one.
  static let numberedParts: Set<String> = [
    "voorstel", "voorstellen", "verkiezing", "agendapunt", "punt", "bijlage", "stap", "artikel", "hoofdstuk",
    "paragraaf", "onderdeel", "motie", "amendement", "besluit", "actie", "actiepunt", "fase", "ronde", "sessie",
    "thema", "onderwerp", "opdracht", "casus", "optie", "scenario", "variant", "alternatief", "week", "dag",
    "tabel", "figuur", "pagina", "versie", "sprint", "slide", "dia", "sheet",
    // Abbreviated: "Art. 1:" (a decision's article), "Hfdst. 2:", "Par. 3:", "Blz. 4:", "Pag. 5:".
    "art.", "hfdst.", "par.", "blz.", "pag.", "agp.",
  ]

  /// Words that number people in a transcript (`SPREKER 2`, `RESP 3`), lowercased: never the
  /// letters of an identifier (``numberedCodes(_:)``).
  static let speakerWords: Set<String> = [
    "spreker", "speaker", "persoon", "resp", "int", "lid", "raadslid", "deelnemer", "participant", "respondent",
    "interviewer", "gast", "docent", "leerling", "student", "ouder", "medewerker", "bewoner",
  ]

  /// Whether `name` is one of ``numberedParts`` and a number (`3`, `3a`, `2.1`).
  static func isNumberedPart(_ name: String) -> Bool {
    let words = name.split(separator: " ")
    guard words.count == 2, let first = words[0].first, first.isUppercase || first.isLowercase,
      numberedParts.contains(words[0].lowercased()), let digit = words[1].first, digit.isASCII, digit.isNumber
    else { return false }
    return words[1].allSatisfy { $0.isASCII && ($0.isNumber || $0.isLetter || $0 == ".") }
  }

  /// Parses a speaker label at the start of a line: `I:`, `R2:`, `Interviewer:`,
  /// `Naam (00:12:33):`, `[00:12:33] Naam:`, `(00:46) Naam:`, `Naam (CDA):` (a party after the
  /// name), or `Naam 00:12:33` alone on its line.
  func label(_ lineStart: Int, _ end: Int) -> Label? {
    var index = lineStart
    var timestamp: String?
    // [00:12:33] Naam:  or  (00:46) Naam:
    if bytes[index] == 0x5B || bytes[index] == 0x28, let tsEnd = timestampEnd(index + 1, end), tsEnd < end,
      bytes[tsEnd] == (bytes[index] == 0x5B ? 0x5D : 0x29)
    {
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
    guard
      Self.isSpeakerName(bytes: UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd]))
        || nameEnd - nameStart <= 30 && Self.audienceLabels.contains(string(nameStart, nameEnd).lowercased())
    else { return nil }
    let name = string(nameStart, nameEnd)
    if Self.discourseLabels.contains(name.lowercased()) || Self.isNumberedPart(name) { return nil }
    if index >= end { return nil }
    var byte = bytes[index]
    // Naam (00:12:33):  or  Naam (00:12:33)
    if byte == 0x28, let tsEnd = timestampEnd(index + 1, end), tsEnd < end, bytes[tsEnd] == 0x29 {
      timestamp = string(index + 1, tsEnd)
      index = tsEnd + 1
      while index < end, bytes[index] == 0x20 { index += 1 }
      if index >= end { return Label(speaker: name, timestamp: timestamp, content: nil) }
      byte = bytes[index]
      guard byte == 0x3A else { return nil }
    } else if byte == 0x28 {
      // Naam (CDA):  a party (letters, digits, spaces, `-`, `.`, `/`, `&`; a capital or a digit
      // first) and the colon at once; "Traceback (most recent call last):" is none.
      guard index + 1 < end,
        bytes[index + 1] >= 0x41 && bytes[index + 1] <= 0x5A
          || bytes[index + 1] >= 0x30
            && bytes[index + 1] <= 0x39
      else { return nil }
      var close = index + 1
      while close < end, close - index <= 41, bytes[close] != 0x29 {
        let inner = bytes[close]
        guard isWordByte(inner) || inner == 0x20 || inner == 0x2D || inner == 0x2E || inner == 0x2F || inner == 0x26
        else { return nil }
        close += 1
      }
      guard close < end, bytes[close] == 0x29, close > index + 1 else { return nil }
      index = close + 1
      guard index < end else { return nil }
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

  // MARK: - Addressing the chair

  /// Whether the text of a speech (on the label's line, or on the next line that is not blank)
  /// opens by addressing the chair: "Voorzitter." or "Voorzitter, …".
  func addressesChair(after index: Int, content: Int?) -> Bool {
    var start: Int
    var end: Int
    if let content {
      (start, end) = trim(content, lines[index].end)
    } else {
      var next = index + 1
      while next < lines.count, trim(lines[next].start, lines[next].end).0 >= trim(lines[next].start, lines[next].end).1
      {
        next += 1
      }
      guard next < lines.count, next - index <= 3 else { return false }
      (start, end) = trim(lines[next].start, lines[next].end)
    }
    // "(FR) Mijnheer de Voorzitter, …": the language an interpreted speech was given in (the
    // European Parliament's record) comes before it.
    // Two or three capitals in brackets: `(FR)`, `(NL)`, `(GA)`.
    if end - start > 6, bytes[start] == 0x28 {
      var close = start + 1
      while close < start + 4, bytes[close] >= 0x41, bytes[close] <= 0x5A { close += 1 }
      if close - start - 1 >= 2, bytes[close] == 0x29 { start = trim(close + 1, end).0 }
    }
    // "Voorzitter.", "Mijnheer de voorzitter!", "Mevrouw de Voorzitter,": ASCII letters in either case.
    for address in Self.chairAddresses {
      let count = address.count
      guard end - start > count,
        bytes[start..<start + count].elementsEqual(
          address, by: { $0 == $1 || $0 | 0x20 == $1 | 0x20 && $1 | 0x20 >= 0x61 && $1 | 0x20 <= 0x7A })
      else { continue }
      let after = bytes[start + count]
      if after == 0x2E || after == 0x2C || after == 0x21 { return true }
    }
    return false
  }

  /// How a speech addresses the chair, as it opens.
  static let chairAddresses: [[UInt8]] = [
    "Voorzitter", "Mijnheer de voorzitter", "Mevrouw de voorzitter",
    // Thanks for the floor first ("Dank u, voorzitter."), as most speeches in the Handelingen open.
    "Dank u, voorzitter", "Dank u wel, voorzitter", "Dank, voorzitter", "Dank u zeer, voorzitter",
    "Dank u, mevrouw de voorzitter", "Dank u wel, mevrouw de voorzitter", "Dank u, mijnheer de voorzitter",
    "Dank u wel, mijnheer de voorzitter",
  ].map { Array($0.utf8) }
}

extension TextStructure {
  /// Labels that are another label's initials (`MvdP` for `Marieke van der Plas`), as a
  /// magazine writes a speaker's name in full the first time and by initials after: each mapped
  /// to that name, so that the kind is told from people, not spellings. `labels` in the
  /// document's order, each with whether its words open with a quotation mark. Only an initial
  /// for every word, two to five letters, at least two of them capitals; only after the full
  /// name was first used; only where both answer in quotation marks (a press interview's way,
  /// not an action list's `JdV: vraagt offerte aan.`).
  static func initialsLabels(_ labels: [(speaker: String, quoted: Bool)]) -> [String: String] {
    var byInitials: [String: String] = [:]
    var firstUse: [String: Int] = [:]
    var quoted = Set<String>()
    var unquoted = Set<String>()
    for (position, label) in labels.enumerated() {
      if firstUse[label.speaker] == nil { firstUse[label.speaker] = position }
      if label.quoted { quoted.insert(label.speaker) } else { unquoted.insert(label.speaker) }
    }
    for name in firstUse.keys {
      let words = name.split(separator: " ")
      guard words.count >= 2, words.count <= 5 else { continue }
      let initials = String(words.compactMap(\.first))
      // Two full names with the same initials leave them unresolved.
      byInitials[initials] = byInitials[initials] == nil ? name : ""
    }
    var mapped: [String: String] = [:]
    for label in firstUse.keys where (2...5).contains(label.count) && label.allSatisfy(\.isLetter) {
      guard label.filter(\.isUppercase).count >= 2, let name = byInitials[label], !name.isEmpty,
        let nameFirst = firstUse[name], let labelFirst = firstUse[label], nameFirst < labelFirst,
        quoted.contains(label), quoted.contains(name), !unquoted.contains(label), !unquoted.contains(name)
      else { continue }
      mapped[label] = name
    }
    return mapped
  }

  /// A magazine's interview in its house style (Humo's): each answer opens with the speaker's
  /// name and goes on in guillemets on the same line (`Johan Heldenbergh «Een postume triomf …»`),
  /// each question with the magazine's name in capitals (`HUMO Wel grappig dat …`). Two answers
  /// or more so set make their names labels, and a word in capitals that opens a paragraph
  /// answered by one of them the interviewer's label. Returns the interviewer's labels.
  func guillemetLabels(_ classes: inout [LineClass]) -> Set<String> {
    // " «" within the first 60 bytes, after a name of one to four capitalised words, and the
    // paragraph closed by "»": the answer is the whole paragraph, not a quote in a report
    // (`Mark Rutte «…», zei hij`).
    func answer(_ index: Int) -> (name: String, content: Int)? {
      guard classes[index] == .text else { return nil }
      let (start, end) = trim(lines[index].start, lines[index].end)
      guard end - start > 6, bytes[end - 2] == 0xC2, bytes[end - 1] == 0xBB else { return nil }
      var at = start + 2
      while at + 2 < end, at - start <= 60 {
        if bytes[at] == 0x20, bytes[at + 1] == 0xC2, bytes[at + 2] == 0xAB {
          let words = UnsafeBufferPointer(rebasing: bytes[start..<at])
          var spaces = 0
          for byte in words where byte == 0x20 { spaces += 1 }
          guard Self.isSpeakerName(bytes: words), spaces <= 3 else { return nil }
          return (string(start, at), at + 1)
        }
        at += 1
      }
      return nil
    }
    var answers: [(index: Int, name: String, content: Int)] = []
    for index in classes.indices {
      if let found = answer(index) { answers.append((index, found.name, found.content)) }
    }
    guard answers.count >= 2 else { return [] }
    var answered = Set<Int>()
    var interviewers = Set<String>()
    for found in answers {
      classes[found.index] = .label(speaker: found.name, timestamp: nil, content: found.content)
      answered.insert(found.index)
    }
    for index in classes.indices where classes[index] == .text {
      let (start, end) = trim(lines[index].start, lines[index].end)
      var at = start
      while at < end, bytes[at] >= 0x41, bytes[at] <= 0x5A { at += 1 }
      guard at - start >= 2, at - start <= 12, at + 1 < end, bytes[at] == 0x20, startsCapitalised(at + 1),
        let next = classes[(index + 1)...].firstIndex(where: { $0 != .blank }), answered.contains(next)
      else { continue }
      classes[index] = .label(speaker: string(start, at), timestamp: nil, content: at + 1)
      interviewers.insert(string(start, at))
    }
    return interviewers
  }
}
