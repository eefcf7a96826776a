import Foundation
import KwalModel

/// Paragraphs that run on what a source printed on lines of their own: a PDF's agenda flattened
/// into one paragraph by a document site, a council's verbatim minutes as OCR prints them. The
/// splitting works on the UTF-8 bytes before the lines are classified.
extension TextStructure {
  // MARK: - Agenda items and speaker labels run on in a paragraph

  /// Words before a number that make it a reference to an item, article or page (lowercased).
  static let referenceWords: Set<String> = [
    "agendapunt", "punt", "artikel", "art.", "hoofdstuk", "onderdeel", "bijlage", "lid", "nr.", "nummer", "pagina",
    "pag.", "paragraaf", "fase", "versie", "stap", "bladzijde", "blz.", "item",
  ]

  /// The standing items that open an agenda, as the words after "1. ".
  static let openingItems: [[UInt8]] = ["Opening", "Welkom", "Vaststelling", "Vaststellen", "Mededelingen"].map {
    Array($0.utf8)
  }

  /// How a debate label starts, lowercased: a form of address or a function, with "de" only
  /// before one ("De reden is: …" is prose).
  static let runOnTitleStarts: [[UInt8]] = [
    "de heer ", "de voorzitter", "de ondervoorzitter", "de minister", "de staatssecretaris", "de wethouder",
    "de burgemeester", "de gedeputeerde", "de dijkgraaf", "de commissaris", "mevrouw ", "minister",
    "staatssecretaris", "wethouder ", "burgemeester ", "gedeputeerde ", "dijkgraaf ", "het lid ", "raadslid ",
  ].map { Array($0.utf8) }

  /// Whether `start..<end` starts with a debate label's title (``runOnTitleStarts``), compared on
  /// bytes, the first letter in capitals.
  static func startsRunOnTitle(_ start: Int, _ end: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let first = bytes[start]
    guard first >= 0x41, first <= 0x5A else { return false }
    // Only the titles with this first letter are compared (most capitals start none).
    for word in runOnTitlesByLetter[Int(first - 0x41)] where end - start >= word.count {
      var matched = true
      for offset in 1..<word.count where bytes[start + offset] | 0x20 != word[offset] {
        matched = false
        break
      }
      if matched { return true }
    }
    return false
  }

  /// ``runOnTitleStarts`` by their first letter (A to Z).
  static let runOnTitlesByLetter: [[[UInt8]]] = (0..<26).map { letter in
    runOnTitleStarts.filter { Int($0[0]) - 0x61 == letter }
  }

  /// Whether a line holds at least `count` colons followed by a space (memchr finds them).
  static func colons(in line: SourceLine, _ base: UnsafePointer<UInt8>, atLeast count: Int) -> Bool {
    var found = 0
    var offset = line.start
    while offset < line.end - 1, let hit = memchr(base + offset, 0x3A, line.end - 1 - offset) {
      let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
      offset = at + 1
      if base[at + 1] == 0x20 {
        found += 1
        if found >= count { return true }
      }
    }
    return false
  }

  /// Whether a line holds a sentence's end followed by a debate label's title (". De heer …",
  /// ". Wethouder …"): found with memchr on the full stops before anything else is looked at.
  static func mayHoldRunOnLabel(_ line: SourceLine, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    var offset = line.start
    while offset < line.end - 3, let found = memchr(base + offset, 0x2E, line.end - 3 - offset) {
      let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
      offset = at + 1
      if bytes[at + 1] == 0x20, startsRunOnTitle(at + 2, line.end, bytes) { return true }
    }
    return false
  }

  /// Lines cut before the labels of an automatic transcript that run on in one paragraph (`…
  /// Ja ja. Spreker 2 Nou, dank voor jullie komst. Spreker 1 Ik ga proberen. …`): `Spreker` or
  /// `Speaker` and a number, opening the line or after a sentence's end. A paragraph with fewer
  /// than two such labels is left as it is.
  static func splittingNumberedSpeakers(_ lines: [SourceLine], _ bytes: UnsafeBufferPointer<UInt8>) -> [SourceLine] {
    guard let base = bytes.baseAddress else { return lines }
    var result: [SourceLine] = []
    result.reserveCapacity(lines.count)
    for line in lines {
      guard line.end - line.start >= 80, line.hint == .none else {
        result.append(line)
        continue
      }
      var cuts: [Int] = []
      var offset = line.start
      while offset < line.end - 9, let found = memchr(base + offset, 0x53, line.end - 9 - offset) {
        let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        offset = at + 1
        let word = bytes[(at + 1)..<(at + 8)]
        guard word.elementsEqual("preker ".utf8) || word.elementsEqual("peaker ".utf8) else { continue }
        var index = at + 8
        while index < line.end, index - at - 8 < 4, bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
        guard index > at + 8, index - at - 8 <= 3, index == line.end || bytes[index] == 0x20 else { continue }
        let opensLine = at == line.start
        let afterSentence =
          at >= line.start + 2 && bytes[at - 1] == 0x20
          && [0x2E, 0x3F, 0x21, 0x22, 0x27].contains(bytes[at - 2])
        if opensLine || afterSentence { cuts.append(at) }
      }
      guard cuts.count >= 2 else {
        result.append(line)
        continue
      }
      if cuts[0] > line.start { result.append(SourceLine(start: line.start, end: cuts[0] - 1)) }
      for (index, cut) in cuts.enumerated() {
        result.append(SourceLine(start: cut, end: index + 1 < cuts.count ? cuts[index + 1] - 1 : line.end))
      }
    }
    return result
  }

  /// Lines cut before an answer that a paragraph runs on after its question (`… Welk onderwerp
  /// zou jij bespreekbaar maken? Antwoord: “In ieder geval …`), as a local paper prints a short
  /// interview: `Antwoord:` right after a question mark. Only when two answers or more are so
  /// set; the question is then a line of its own, and the answer one after the word `Antwoord:`,
  /// which names no one (the answers are then read as an interview's without labels).
  static func splittingInlineAnswers(_ lines: [SourceLine], _ bytes: UnsafeBufferPointer<UInt8>) -> [SourceLine] {
    let marker = Array("? Antwoord: ".utf8)
    guard let base = bytes.baseAddress, bytes.count >= 2 * marker.count else { return lines }
    // Where the answer starts after the question mark at `at`: after `Antwoord: `, or, with
    // `glued`, at an opening quotation mark glued to it (`…bent?"Ik doe …`, `…?“Ik …`), as a page
    // flattened to one line prints a short interview; nil when no answer starts there.
    func answerStart(_ at: Int, _ end: Int, glued: Bool) -> Int? {
      if at + marker.count <= end, bytes[at..<(at + marker.count)].elementsEqual(marker) { return at + marker.count }
      guard glued, at + 4 < end else { return nil }
      let next = bytes[at + 1]
      if next == 0x22, bytes[at + 2] >= 0x41, bytes[at + 2] <= 0x5A { return at + 1 }  // ?"Ik
      // ?“ and ?„ (E2 80 9C, E2 80 9E).
      if next == 0xE2, bytes[at + 2] == 0x80, bytes[at + 3] == 0x9C || bytes[at + 3] == 0x9E { return at + 1 }
      return nil
    }
    // Per line, the pieces it is cut into: a question ends at its question mark, the answer
    // starts as above, and a question that follows an answer in the same paragraph starts after
    // the answer's last sentence end (`… een eer.” Wat is …?`), or after a dash that follows it
    // (`…Bree."- Je werd …?`).
    // A closing quotation mark or full stop before `at` (`.`, `!`, `"`, `”`, `’`).
    func closes(_ at: Int, from: Int) -> Bool {
      if [0x2E, 0x21, 0x22].contains(bytes[at]) { return true }
      return at - 2 >= from && bytes[at - 2] == 0xE2 && bytes[at - 1] == 0x80
        && (bytes[at] == 0x9D || bytes[at] == 0x99)
    }
    // Glued answers only in a line that reads as a flattened interview: three questions or more
    // glued to their answers, and two answers or more closed by a quotation mark and a dash that
    // opens the next question (`…Bree."- Je werd …`): a story's `"Waarom?"Hij lachte.` is none.
    func flattenedInterview(_ line: SourceLine) -> Bool {
      guard line.end - line.start >= 200 else { return false }
      // Question marks and dashes are found with memchr: most long lines hold few of either.
      func count(_ byte: UInt8, upTo limit: Int, _ counts: (Int) -> Bool) -> Bool {
        var found = 0
        var offset = line.start
        while offset < line.end - 2, let hit = memchr(base + offset, Int32(byte), line.end - 2 - offset) {
          let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
          offset = at + 1
          if counts(at) {
            found += 1
            if found >= limit { return true }
          }
        }
        return false
      }
      return count(0x3F, upTo: 3) { answerStart($0, line.end, glued: true) != nil }
        && count(0x2D, upTo: 2) { at in
          at > line.start + 2 && (bytes[at - 1] == 0x22 || closes(at - 1, from: line.start) && bytes[at - 1] != 0x2E)
        }
    }
    var pieces: [Int: [SourceLine]] = [:]
    var answers = 0
    for (index, line) in lines.enumerated() where line.hint == .none && line.end - line.start > marker.count {
      let glued = flattenedInterview(line)
      var cut: [SourceLine] = []
      var from = line.start
      var offset = line.start
      while offset < line.end - 4, let found = memchr(base + offset, 0x3F, line.end - 4 - offset) {
        let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        offset = at + 1
        guard let answer = answerStart(at, line.end, glued: glued) else { continue }
        var questionStart = from
        if !cut.isEmpty {
          // After a sentence's end (`… een eer.” Wat …`), or after a dash right after one
          // (`…Bree."- Je …`, `…taken."-Wat …`); a dash inside the question is no boundary.
          var back = at - 1
          while back > from + 2 {
            if bytes[back] == 0x20, closes(back - 1, from: from) {
              questionStart = back + 1
              break
            }
            if bytes[back] == 0x20, bytes[back - 1] == 0x2D, closes(back - 2, from: from) {
              questionStart = back + 1
              break
            }
            if bytes[back] == 0x2D, closes(back - 1, from: from), bytes[back + 1] != 0x20 {
              questionStart = back + 1
              break
            }
            back -= 1
          }
          guard questionStart > from else { continue }
          var end = questionStart - 1
          // The dash that opens the next question is no part of the answer before it.
          while end > from, bytes[end] == 0x2D || bytes[end] == 0x20 { end -= 1 }
          cut.append(SourceLine(start: from, end: end + 1))
        }
        cut.append(SourceLine(start: questionStart, end: at + 1, hint: .cutQuestion))
        answers += 1
        from = answer
        offset = from
      }
      guard !cut.isEmpty else { continue }
      cut.append(SourceLine(start: from, end: line.end))
      pieces[index] = cut
    }
    guard answers >= 2 else { return lines }
    var result: [SourceLine] = []
    result.reserveCapacity(lines.count + 2 * answers)
    for (index, line) in lines.enumerated() {
      if let cut = pieces[index] { result += cut } else { result.append(line) }
    }
    return result
  }

  /// Lines cut before the speaker labels of a debate that run on in one paragraph, as OCR and
  /// document sites print a council's verbatim minutes ("… Ik dank u. De heer KAARSEMAKER:
  /// Voordat … Wethouder VAN DUN: Als ik …"): a label after a sentence's end, parsed as a debate
  /// label. A paragraph with fewer than two such labels is left as it is.
  static func splittingRunOnSpeeches(_ lines: [SourceLine], _ bytes: UnsafeBufferPointer<UInt8>) -> [SourceLine] {
    guard let base = bytes.baseAddress, lines.contains(where: { $0.end - $0.start >= 200 }) else { return lines }
    var result: [SourceLine] = []
    result.reserveCapacity(lines.count)
    for line in lines {
      guard line.end - line.start >= 200, line.hint == .none, colons(in: line, base, atLeast: 2),
        mayHoldRunOnLabel(line, bytes)
      else {
        result.append(line)
        continue
      }
      var cuts: [Int] = []
      var offset = line.start
      while offset < line.end, let found = memchr(base + offset, 0x3A, line.end - offset) {
        let colon = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        offset = colon + 1
        // A time ("00:12:33") or a colon far into a sentence is no label's end.
        if colon == line.start || bytes[colon - 1] >= 0x30 && bytes[colon - 1] <= 0x39 { continue }
        // A label that opens the line counts too.
        if cuts.isEmpty, colon - line.start <= 60, startsRunOnTitle(line.start, colon, bytes),
          let parsed = DebateLabel.parse(Substring(String(decoding: bytes[line.start...colon], as: UTF8.self))),
          parsed.contentOffset == nil
        {
          cuts.append(line.start)
          continue
        }
        // The label's start: just after the last sentence end within 60 bytes before the colon.
        var start = colon - 1
        var labelStart: Int?
        while start > line.start + 1, colon - start <= 60 {
          if bytes[start - 1] == 0x20 {
            switch bytes[start - 2] {
            case 0x2E, 0x3F, 0x21, 0x27, 0x22:  // . ? ! ' "
              labelStart = start
            default: break
            }
            if labelStart != nil { break }
          }
          start -= 1
        }
        guard let labelStart, startsRunOnTitle(labelStart, colon, bytes) else { continue }
        let label = String(decoding: bytes[labelStart...colon], as: UTF8.self)
        if let parsed = DebateLabel.parse(Substring(label)), parsed.contentOffset == nil { cuts.append(labelStart) }
      }
      guard cuts.count >= 2 else {
        result.append(line)
        continue
      }
      if cuts[0] > line.start { result.append(SourceLine(start: line.start, end: cuts[0])) }
      for (index, cut) in cuts.enumerated() {
        result.append(SourceLine(start: cut, end: index + 1 < cuts.count ? cuts[index + 1] : line.end))
      }
    }
    return result
  }

  /// Lines cut at agenda items that run on in one paragraph, as text taken from a PDF's layout
  /// prints them ("… VERSLAG ACTIE 1. Opening De voorzitter opent … 2. Vaststelling agenda De
  /// heer …"): an item "1." followed by a standing item that opens an agenda, then "2.", "3."
  /// (or "3a.", "3b.") in order, each after a space and before a capital. A paragraph with fewer
  /// than two such items is left as it is.
  static func splittingRunOnItems(_ lines: [SourceLine], _ bytes: UnsafeBufferPointer<UInt8>) -> [SourceLine] {
    // Most texts hold no "1. " at all: one search of the whole text rules them out.
    guard let base = bytes.baseAddress, bytes.count >= 200, containsItemOne(base, bytes.count),
      lines.contains(where: { $0.end - $0.start >= 200 })
    else { return lines }
    var result: [SourceLine] = []
    result.reserveCapacity(lines.count)
    for line in lines {
      guard line.end - line.start >= 200, line.hint == .none, let cuts = runOnItems(line, bytes) else {
        result.append(line)
        continue
      }
      if cuts[0] > line.start { result.append(SourceLine(start: line.start, end: cuts[0], hint: .runOnHeader)) }
      for (offset, cut) in cuts.enumerated() {
        let end = offset + 1 < cuts.count ? cuts[offset + 1] : line.end
        result.append(SourceLine(start: cut, end: end, hint: .runOnItem))
      }
    }
    return result
  }

  /// Whether the bytes may hold an agenda's first item: a "1" after a space, then a dot or a
  /// space, then a capital ("1. Opening", "1.Opening", "1 Opening").
  private static func containsItemOne(_ base: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    func isCapital(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    var offset = 1
    while offset < count - 3, let found = memchr(base + offset, 0x31, count - 3 - offset) {
      let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
      offset = at + 1
      guard base[at - 1] == 0x20 || base[at - 1] == 0x0A else { continue }
      let next = base[at + 1]
      if next == 0x2E && (isCapital(base[at + 2]) || base[at + 2] == 0x20 && isCapital(base[at + 3]))
        || next == 0x20 && isCapital(base[at + 2])
      {
        return true
      }
    }
    return false
  }

  /// How an item's number is written: `1. Opening`, `1.Opening` or `1 Opening`.
  enum MarkerStyle: Equatable {
    case dotSpace, dot, bare
  }

  /// An item's number at `index` (at most two digits, a lowercase letter, then the style's
  /// separator) before a capital: its value, letter (0 for none), style and the title's first byte.
  private static func itemMarker(
    at index: Int, in line: SourceLine, _ bytes: UnsafeBufferPointer<UInt8>
  ) -> (value: Int, letter: UInt8, style: MarkerStyle, title: Int)? {
    func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    guard isDigit(bytes[index]), bytes[index] != 0x30, index == line.start || bytes[index - 1] == 0x20 else {
      return nil
    }
    var cursor = index
    var value = 0
    while cursor < line.end, isDigit(bytes[cursor]) {
      guard cursor - index < 2 else { return nil }
      value = value * 10 + Int(bytes[cursor] - 0x30)
      cursor += 1
    }
    var letter: UInt8 = 0
    if cursor < line.end, bytes[cursor] >= 0x61, bytes[cursor] <= 0x7A {
      letter = bytes[cursor]
      cursor += 1
    }
    guard cursor + 2 < line.end else { return nil }
    let style: MarkerStyle
    if bytes[cursor] == 0x2E && bytes[cursor + 1] == 0x20 {
      style = .dotSpace
      cursor += 2
    } else if bytes[cursor] == 0x2E {
      style = .dot
      cursor += 1
    } else if bytes[cursor] == 0x20, letter == 0 {
      style = .bare
      cursor += 1
    } else {
      return nil
    }
    let capital = bytes[cursor]
    guard capital >= 0x41 && capital <= 0x5A || capital == 0xC3 else { return nil }
    return (value, letter, style, cursor)
  }

  private static func runOnItems(_ line: SourceLine, _ bytes: UnsafeBufferPointer<UInt8>) -> [Int]? {
    guard let base = bytes.baseAddress else { return nil }
    func opens(_ title: Int) -> Bool {
      openingItems.contains { word in
        title + word.count <= line.end && bytes[title..<(title + word.count)].elementsEqual(word)
      }
    }
    // Most paragraphs hold no "1" before an opening word: found with memchr before anything else.
    var first: Int?
    var probe = line.start
    while probe < line.end - 4, let found = memchr(base + probe, 0x31, line.end - 4 - probe) {
      let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
      if let marker = itemMarker(at: at, in: line, bytes), marker.value == 1, marker.letter == 0, opens(marker.title) {
        first = at
        break
      }
      probe = at + 1
    }
    guard let first, let style = itemMarker(at: first, in: line, bytes)?.style else { return nil }
    var cuts: [Int] = []
    var last = 0
    var lastLetter: UInt8 = 0
    var index = first
    while index < line.end - 4 {
      defer { index += 1 }
      guard let marker = itemMarker(at: index, in: line, bytes), marker.style == style else { continue }
      var cut = index
      // "agendapunt 3. D&H …", "artikel 2. De …": a reference, not an item; "Agendapunt 2."
      // with a capital labels the item.
      if index > line.start + 1 {
        var wordStart = index - 1
        while wordStart > line.start, bytes[wordStart - 1] != 0x20 { wordStart -= 1 }
        let word = String(decoding: bytes[wordStart..<(index - 1)], as: UTF8.self)
        if Self.referenceWords.contains(word.lowercased()) {
          guard word == "Agendapunt" || word == "Punt" else { continue }
          cut = wordStart
        }
      }
      if cuts.isEmpty {
        guard marker.value == 1, marker.letter == 0, opens(marker.title) else { continue }
        cuts.append(cut)
        last = 1
        lastLetter = 0
      } else if marker.value == last + 1 && (marker.letter == 0 || marker.letter == 0x61)
        || marker.value == last && marker.letter != 0
          && marker.letter == (lastLetter == 0 ? 0x61 : lastLetter + 1)
      {
        cuts.append(cut)
        last = marker.value
        lastLetter = marker.letter
      }
    }
    // One item is enough after a header that names minutes ("NOTULEN VAN DE OPENBARE
    // VERGADERING … Aanwezig: … 1 Opening en vaststelling agenda …"): the next item may be on
    // the next page.
    if cuts.count == 1, cuts[0] > line.start {
      let header = String(decoding: bytes[line.start..<min(cuts[0], line.start + 600)], as: UTF8.self).lowercased()
      if ["notulen", "verslag van de", "besluitenlijst", "agenda:"].contains(where: {
        MinutesEvidence.contains(header, $0)
      }) {
        return cuts
      }
    }
    return cuts.count >= 2 ? cuts : nil
  }
}
