import Foundation
import KwalModel

/// A speaker label of a debate or hearing, as the Handelingen of the Tweede and Eerste Kamer and
/// council transcripts write them: `De voorzitter:`, `Mevrouw Kant (SP):`, `De heer Van der Voort
/// (D66):`, `Minister Rutte:`, `Staatssecretaris Van Ark:`, `Wethouder De Vries:`.
///
/// The speaker is the name as written (`Kant`, `Van der Voort`, `Rutte`), or the function when
/// there is no name (`voorzitter`); the title, party and role go to the turn's metadata.
struct DebateLabel: Equatable {
  /// The name as written, or the function (`voorzitter`, `minister van Financiën`).
  var speaker: String
  /// The form of address or function as written (`Mevrouw`, `De heer`, `Minister`).
  var title: String
  /// The party in brackets, if any.
  var party: String?
  /// The speaker's role in the debate.
  var role: SpeakerRole
  /// The byte offset (in the parsed line) where the turn's own text starts, or nil when the
  /// label stands alone on its line.
  var contentOffset: Int?

  /// Titles, lowercased, and the role they give. Longer forms first. Provenance: compiled by the
  /// Kwal project from the speaker labels of the Handelingen of the Tweede and Eerste Kamer and of
  /// council transcripts (the field documents in `bench/field/docs`).
  static let titles: [(words: [String], role: SpeakerRole)] = [
    (["de", "voorzitter"], .chair), (["de", "ondervoorzitter"], .chair), (["de", "tijdelijke", "voorzitter"], .chair),
    (["de", "waarnemend", "voorzitter"], .chair),
    (["mevrouw", "de", "voorzitter"], .chair),
    (["de", "heer"], .member), (["mevrouw"], .member), (["het", "lid"], .member), (["raadslid"], .member),
    (["minister-president"], .minister), (["de", "minister-president"], .minister), (["minister"], .minister),
    (["de", "minister"], .minister), (["staatssecretaris"], .minister), (["de", "staatssecretaris"], .minister),
    (["wethouder"], .executive), (["de", "wethouder"], .executive), (["burgemeester"], .executive),
    (["de", "burgemeester"], .executive), (["gedeputeerde"], .executive), (["de", "gedeputeerde"], .executive),
    (["dijkgraaf"], .executive), (["de", "dijkgraaf"], .executive), (["commissaris"], .executive),
    (["de", "commissaris"], .executive),
  ]

  /// Parses `line` (one line of text, trimmed): a title (`De heer`, `Minister`, `De voorzitter`),
  /// a name unless the title names a function, a party in brackets, and a colon, alone on its
  /// line or followed by the turn's first words. A bare function without "De" (`Voorzitter:`)
  /// is a header field of minutes, not a debate label.
  ///
  /// Two other forms of the same label: set in bold, as a record converted to Markdown prints it
  /// (`**Mevrouw Gerkens (SP):** Voorzitter! …`), and closed by a full stop and a dash or two
  /// spaces before the turn's first words, as the Belgian Senate and Chamber print them (`De
  /// heer Philippe Moureaux (PS). - Uw commissie …`, `De voorzitter.  Het woord is aan …`).
  static func parse(_ line: Substring) -> DebateLabel? {
    guard let first = line.utf8.first else { return nil }
    // "**" or "__" around the label.
    if first == 0x2A || first == 0x5F, line.utf8.count > 4 {
      let marker = line.prefix(2)
      guard marker == "**" || marker == "__" else { return nil }
      let inner = line.dropFirst(2)
      guard let close = inner.range(of: marker), inner.distance(from: inner.startIndex, to: close.lowerBound) <= 120
      else { return nil }
      var head = inner[..<close.lowerBound]
      var after = inner[close.upperBound...]
      if head.hasSuffix(":") {
        head = head.dropLast()
      } else {
        guard after.hasPrefix(":") else { return nil }
        after = after.dropFirst()
      }
      return relabelled(head, rest: after, in: line)
    }
    if let (head, rest) = dottedLabel(line) { return relabelled(head, rest: rest, in: line, inline: true) }
    return parseColon(line)
  }

  /// `Manolis Mavrommatis (PPE-DE). - (EL) Meneer de Voorzitter, …`: the European Parliament's
  /// record labels a member with the name as written and the political group, closed by a full
  /// stop and a dash, without a title. The group must start with a capital (an age in brackets
  /// is no party), and the turn's words must follow on the line.
  ///
  /// The record labels speakers without a group by name and function, after a comma: `Jacques
  /// Barrot, vice-voorzitter van de Commissie. - (FR) …`, `Paolo Costa, rapporteur. - …`,
  /// `Jan Jansen, namens de PSE-Fractie. - …` (the group is the party then).
  static func partyDash(_ line: Substring) -> DebateLabel? {
    guard let first = line.first, first.isUppercase, let (head, rest) = dashedHead(line) else { return nil }
    guard head.hasSuffix(")"), let open = head.lastIndex(of: "(") else {
      return functionDash(head, rest: rest, in: line)
    }
    let inner = head[head.index(after: open)..<head.index(before: head.endIndex)]
    guard let initial = inner.first, initial.isUppercase, inner.utf8.count <= 40,
      inner.allSatisfy({ $0.isLetter || $0.isNumber || " -/&.".contains($0) })
    else { return nil }
    let words = head[..<open].split(separator: " ", omittingEmptySubsequences: true)
    guard words.count >= 2, words.count <= 5, isName(words[...]),
      let content = rest.firstIndex(where: { $0 != " " && $0 != "\t" })
    else { return nil }
    return DebateLabel(
      speaker: words.joined(separator: " "), title: "", party: String(inner), role: .member,
      contentOffset: line.utf8.distance(from: line.startIndex, to: content))
  }

  /// `Name, function. - …` (see ``partyDash(_:)``): a name of two to five words, a comma, and a
  /// function of one to ten words that starts in lowercase; the turn's words on the line.
  private static func functionDash(_ head: Substring, rest: Substring, in line: Substring) -> DebateLabel? {
    guard let comma = head.firstIndex(of: ","), let content = rest.firstIndex(where: { $0 != " " && $0 != "\t" })
    else { return nil }
    let words = head[..<comma].split(separator: " ")
    let function = head[head.index(after: comma)...].trimmingCharacters(in: .whitespaces)
    let functionWords = function.split(separator: " ")
    guard words.count >= 2, words.count <= 5, isName(words[...]), (1...10).contains(functionWords.count),
      let initial = function.first, initial.isLowercase, !function.contains(",")
    else { return nil }
    let lowered = function.lowercased()
    // Only the functions the European Parliament's record names: a minute-taker's `Jan de
    // Vries, voorzitter. - Hij opent …` is prose.
    guard Self.parliamentFunctions.contains(where: { lowered.hasPrefix($0) }) else { return nil }
    var party: String?
    if lowered.hasPrefix("namens de ") { party = String(function.dropFirst("namens de ".count)) }
    // The European Commission and the Council's presidency speak for governments.
    let government =
      function.hasSuffix("van de Commissie")
      && (lowered.hasSuffix("voorzitter van de commissie") || lowered.hasPrefix("lid van"))
      || lowered.hasPrefix("fungerend voorzitter van de raad")
    return DebateLabel(
      speaker: words.joined(separator: " "), title: function, party: party, role: government ? .minister : .member,
      contentOffset: line.utf8.distance(from: line.startIndex, to: content))
  }

  /// How the European Parliament's record names a speaker's function after the name
  /// (lowercased, as the function starts).
  static let parliamentFunctions = [
    "namens de ", "rapporteur", "corapporteur", "lid van de commissie", "voorzitter van de commissie",
    "vicevoorzitter van de commissie", "vice-voorzitter van de commissie", "fungerend voorzitter van de raad",
    "auteur", "plaatsvervangend auteur", "rapporteur voor advies", "voorzitter van de fractie",
  ]

  /// The part of `line` before the first full stop that one of `closings` (a dash between
  /// spaces: `-`, `–`, `—`) follows, within its first 120 characters, and the part after it.
  private static func dashedHead(
    _ line: Substring, closings: [String] = [" - ", " – ", " — "]
  ) -> (head: Substring, rest: Substring)? {
    var index = line.startIndex
    var looked = 0
    while index < line.endIndex, looked < 120 {
      if line[index] == "." {
        let after = line[line.index(after: index)...]
        for closing in closings where after.hasPrefix(closing) {
          return (line[..<index], after.dropFirst(closing.count))
        }
      }
      index = line.index(after: index)
      looked += 1
    }
    return nil
  }

  /// The label `head` whose turn goes on with `rest` (both slices of `line`), parsed in its colon
  /// form; its content offset measured in `line`. With `inline`, a label alone is none.
  private static func relabelled(
    _ head: Substring, rest: Substring, in line: Substring, inline: Bool = false
  ) -> DebateLabel? {
    let content = rest.firstIndex { $0 != " " && $0 != "\t" }
    guard var label = parseColon(Substring(String(head) + ":" + (content == nil ? "" : " x"))) else { return nil }
    if let content {
      label.contentOffset = line.utf8.distance(from: line.startIndex, to: content)
    } else if inline {
      return nil
    }
    return label
  }

  /// `De heer Philippe Moureaux (PS). - Uw commissie …`, `De voorzitter.  Het woord …`: the label
  /// before the first full stop that a dash (`-`, `–`, `—`) or two spaces follow, and the rest.
  /// Only a line that begins with a title's first word is looked at.
  static func dottedLabel(_ line: Substring) -> (head: Substring, rest: Substring)? {
    let bytes = line.utf8
    guard let first = bytes.first, (first >= 0x41 && first <= 0x5A) || (first >= 0x61 && first <= 0x7A) else {
      return nil
    }
    let word = line.prefix { $0 != " " && $0 != "." }.lowercased()
    guard titleStarts.contains(word) else { return nil }
    // "De Voorzitter. We gaan verder met …": the chair's label, a full stop and the speech.
    // "De" with its capital: a wrapped line of a sentence ("de voorzitter. Hij …") is none.
    let chair = line.prefix(13)
    let afterChair = line.dropFirst(13)
    if line.first == "D", chair.lowercased() == "de voorzitter", afterChair.hasPrefix(". "),
      afterChair.dropFirst(2).first?.isUppercase == true
    {
      return (chair, afterChair.dropFirst(2))
    }
    return dashedHead(line, closings: [" - ", " – ", " — ", "  "])
  }

  /// The first words of the titles, lowercased.
  static let titleStarts: Set<String> = Set(titles.compactMap { $0.words.first })

  /// ``parse(_:)`` of the colon form.
  private static func parseColon(_ line: Substring) -> DebateLabel? {
    guard line.utf8.count <= 120, let colon = line.firstIndex(of: ":") else { return nil }
    let head = line[..<colon]
    let rest = line[line.index(after: colon)...]
    let alone = rest.allSatisfy { $0 == " " || $0 == "\t" }
    // Fields of minutes ("Voorzitter: Jan") are not debate labels: a lone function needs "De".
    var words = head.split(separator: " ", omittingEmptySubsequences: true)
    guard !words.isEmpty, words.count <= 12 else { return nil }
    var party: String?
    // "(SP)" at the end; an icon letter leaking before it ("Van der Voort i (D66)") is dropped.
    if let last = words.last, last.hasSuffix(")") {
      guard let open = head.lastIndex(of: "(") else { return nil }
      let inner = head[head.index(after: open)..<head.index(before: head.endIndex)]
      guard !inner.isEmpty, inner.utf8.count <= 40,
        inner.allSatisfy({ $0.isLetter || $0.isNumber || " -/&.".contains($0) })
      else { return nil }
      party = String(inner)
      words = head[..<open].split(separator: " ", omittingEmptySubsequences: true)
      if let stray = words.last, stray.count == 1, stray.first?.isLowercase == true { words.removeLast() }
    }
    let lower = words.map { $0.lowercased() }
    guard let title = titles.first(where: { lower.starts(with: $0.words) }) else { return nil }
    let nameWords = words.dropFirst(title.words.count)
    let name = nameWords.joined(separator: " ")
    if !name.isEmpty {
      guard isName(nameWords) || (title.role == .minister || title.role == .executive) && isFunction(nameWords) else {
        return nil
      }
    } else {
      // A title alone names a function: "De voorzitter:", "De minister:"; "Mevrouw:" does not.
      guard title.role != .member, title.words.first == "de" || title.words.first == "mevrouw" else { return nil }
    }
    if !alone && name.isEmpty && party == nil && title.words.first != "de" { return nil }
    let titleText = words.prefix(title.words.count).joined(separator: " ")
    let speaker =
      name.isEmpty
      ? String(title.words.last ?? "") : isFunction(nameWords) ? "\(title.words.last ?? "") \(name)" : name
    var contentOffset: Int?
    if !alone {
      let start = rest.firstIndex { $0 != " " && $0 != "\t" } ?? rest.endIndex
      contentOffset = line.utf8.distance(from: line.startIndex, to: start)
    }
    return DebateLabel(speaker: speaker, title: titleText, party: party, role: title.role, contentOffset: contentOffset)
  }

  /// Capitalised words with name particles between (`Van der Voort`, `Kraneveldt-van der Veen`,
  /// `Van ’t Schip-Nieuwboer`), at most six.
  static func isName(_ words: ArraySlice<Substring>) -> Bool {
    guard !words.isEmpty, words.count <= 6, let first = words.first?.first, first.isUppercase else { return false }
    for word in words {
      if let initial = word.first, initial.isUppercase { continue }
      if TextStructure.nameParticles.contains(word.lowercased()) || ["’t", "'t", "van", "der"].contains(String(word)) {
        continue
      }
      return false
    }
    return true
  }

  /// "van Financiën", "voor Klimaat en Energie": a ministry after `minister`, lowercase `van`/`voor` first.
  static func isFunction(_ words: ArraySlice<Substring>) -> Bool {
    guard let first = words.first, first == "van" || first == "voor", words.count >= 2, words.count <= 8 else {
      return false
    }
    return words.dropFirst().first?.first?.isUppercase == true
  }
}

extension DebateLabel {
  /// Functions on the role line of a council transcript (`raadslid CDA`, `Wethouder
  /// (ChristenUnie)`), lowercased, and the role they give.
  static let transcriptFunctions: [String: SpeakerRole] = [
    "raadslid": .member, "commissielid": .member, "burgerlid": .member, "fractievoorzitter": .member,
    "statenlid": .member, "lid": .member, "wethouder": .executive, "burgemeester": .executive,
    "gedeputeerde": .executive, "dijkgraaf": .executive, "heemraad": .executive, "voorzitter": .chair,
    "commissievoorzitter": .chair,
  ]

  /// The speaker of a council transcript as its information system writes it: a time and the
  /// name on one line (`• 0:41 J. Deuring`), the function and party on the next (`raadslid
  /// CDA`), and the name again. `next` are the two lines after the time's (trimmed, blank lines
  /// left out); the label holds the function's first word as `title`, the rest as `party`.
  static func transcript(_ line: Substring, next: [Substring]) -> DebateLabel? {
    var rest = line
    for bullet in ["• ", "- ", "* "] where rest.hasPrefix(bullet) {
      rest = rest.dropFirst(bullet.count).drop { $0 == " " }
    }
    // "0:41", "1:02:13"
    let time = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ":") }
    let parts = time.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 }),
      rest.dropFirst(time.count).first == " "
    else { return nil }
    let name = rest.dropFirst(time.count + 1).trimmingCharacters(in: .whitespaces)
    guard name.utf8.count <= 60, !name.hasSuffix(":"), next.count >= 2, TextStructure.isSpeakerName(name),
      next[1].trimmingCharacters(in: .whitespaces) == name
    else { return nil }
    let function = next[0].trimmingCharacters(in: .whitespaces)
    guard function.utf8.count <= 80, !function.hasSuffix(".") else { return nil }
    let words = function.split(separator: " ")
    let role = words.first.flatMap { transcriptFunctions[$0.lowercased()] } ?? .member
    var party: String?
    if words.count >= 2 {
      var rest = words.dropFirst().joined(separator: " ")
      if rest.hasPrefix("("), rest.hasSuffix(")") { rest = String(rest.dropFirst().dropLast()) }
      party = rest.isEmpty ? nil : rest
    }
    return DebateLabel(
      speaker: name, title: words.first.map(String.init) ?? "", party: party, role: role, contentOffset: nil)
  }
}
