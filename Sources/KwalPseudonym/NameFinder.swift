/// Finds mentions of people in Dutch text.
///
/// The evidence, strongest first:
/// - a title or form of address before a name (`de heer Jansen`, `mevrouw A.E. Brinkman`,
///   `wethouder Van der Laan`, `de heren H.J. Bolhuis en J. Brink`);
/// - initials before a surname (`J.D. Frieling`, `J. L. de Jong`);
/// - a known given name before a capitalised surname (`Pieter van den Berg`);
/// - a name the corpus already holds (a speaker, an author, a name given with `--names`, or a
///   full name found above), and its parts: `Pieter` and `Van den Berg` after
///   `Pieter van den Berg`, with a possessive `s` or `'s`;
/// - a known given name alone, unless it is also an ordinary word or a place (`Mark`, `Roos`).
///
/// A title is outside the span; initials and tussenvoegsels are inside.
struct NameFinder {
  /// One mention of a person: scalar offsets and the name's parts.
  struct Mention: Equatable {
    var start: Int
    var end: Int
    var given: String?
    var initials: String?
    /// The surname with its tussenvoegsels, lowercase particles (`van den Berg`), or nil.
    var surname: String?
    /// Whether the evidence is strong (a title, initials, given name + surname, a known name).
    var strong: Bool
    /// The known person it names (an alias), if any.
    var person: String? = nil
  }

  /// Words never replaced (`--keep`), lowercased.
  var keep: Set<String>
  /// Aliases of known people: the words of each alias (as written) → the person's key.
  var aliases: [[String]: String] = [:]
  private var longestAlias = 1

  init(keep: Set<String>) {
    self.keep = keep
  }

  /// Registers `words` (a name as written) as an alias of `person`.
  mutating func addAlias(_ words: [String], for person: String) {
    guard !words.isEmpty, !words.allSatisfy({ keep.contains($0.lowercased()) }) else { return }
    if aliases[words] == nil { aliases[words] = person }
    longestAlias = max(longestAlias, words.count)
  }

  // MARK: Patterns

  private static func isParticle(_ token: NameTokens.Token) -> Bool {
    token.kind == .word && NameData.particles.contains(token.text.lowercased())
  }

  private func isSurnameWord(_ token: NameTokens.Token) -> Bool {
    guard token.kind == .word, token.isCapitalised, token.text.unicodeScalars.count >= 2 else { return false }
    let lower = token.text.lowercased()
    if keep.contains(lower) || NameData.titles.contains(lower) || NameData.commonWords.contains(lower) { return false }
    if NameData.bodySuffixes.contains(where: { lower.hasSuffix($0) }) { return false }
    // All capitals of three or more letters is an acronym (CDA, PvdA), not a name.
    if token.text.unicodeScalars.count >= 3, token.text.unicodeScalars.allSatisfy({ $0.properties.isUppercase }) {
      return false
    }
    return true
  }

  /// Initials at `index` (`J.`, `J.D.`, `J. L.`, `Th.`): the index after them, and their text.
  private func initials(_ tokens: [NameTokens.Token], at index: Int) -> (next: Int, text: String)? {
    var position = index
    var text = ""
    while position + 1 < tokens.count {
      let letter = tokens[position]
      let dot = tokens[position + 1]
      guard letter.kind == .word, letter.isCapitalised, dot.text == ".", dot.start == letter.end,
        letter.text.unicodeScalars.count == 1 || ["Th", "Ph", "Chr", "Joh", "Wm", "Jac"].contains(letter.text)
      else { break }
      text += letter.text + "."
      position += 2
    }
    return text.isEmpty ? nil : (position, text)
  }

  /// Particles and a surname from `index` (`van den Berg`, `De Vries`, `Terwal-Arends`): the
  /// index after it and the surname text with lowercase particles.
  private func surname(_ tokens: [NameTokens.Token], at index: Int) -> (next: Int, text: String)? {
    var position = index
    var particles: [String] = []
    while position < tokens.count, Self.isParticle(tokens[position]), particles.count < 3 {
      particles.append(tokens[position].text.lowercased())
      position += 1
    }
    guard position < tokens.count, isSurnameWord(tokens[position]) else { return nil }
    var text = (particles + [tokens[position].text]).joined(separator: " ")
    position += 1
    // `Brinkman-de Groot`: a double name whose second part has a particle.
    if let hyphen = tokens[position - 1].text.lastIndex(of: "-"),
      NameData.particles.contains(String(tokens[position - 1].text[tokens[position - 1].text.index(after: hyphen)...])),
      position < tokens.count, isSurnameWord(tokens[position])
    {
      text += " " + tokens[position].text
      position += 1
    }
    // `Berg- Huisman` (a PDF line break in a double name).
    if position + 1 < tokens.count, tokens[position].text == "-", tokens[position].start == tokens[position - 1].end,
      isSurnameWord(tokens[position + 1])
    {
      text += "-" + tokens[position + 1].text
      position += 2
    }
    return (position, text)
  }

  /// A name after a title: initials, given names, particles and a surname; or a given name alone.
  private func nameAfterTitle(_ tokens: [NameTokens.Token], at index: Int) -> (Mention, Int)? {
    var position = index
    var initialsText: String?
    var given: String?
    if let found = initials(tokens, at: position) {
      initialsText = found.text
      position = found.next
    } else if position < tokens.count, tokens[position].kind == .word,
      NameData.givenNames.contains(tokens[position].text),
      position + 1 < tokens.count, surname(tokens, at: position + 1) != nil
    {
      given = tokens[position].text
      position += 1
    }
    guard let last = surname(tokens, at: position) else { return nil }
    let mention = Mention(
      start: tokens[index].start, end: tokens[last.next - 1].end, given: given, initials: initialsText,
      surname: last.text, strong: true)
    return (mention, last.next)
  }

  /// The person mentions of a text, in order, without overlaps.
  func mentions(in text: NameTokens) -> [Mention] {
    let tokens = text.tokens
    var found: [Mention] = []
    var index = 0
    while index < tokens.count {
      if let (mention, next) = match(tokens, at: index, text: text) {
        found.append(mention)
        index = max(next, index + 1)
        // A list after a title or a name: `…, J. Brink en mevrouw A.E. Brinkman`.
        while index + 1 < tokens.count, tokens[index].text == "," || tokens[index].text == "en" {
          var start = index + 1
          while start < tokens.count, isTitle(tokens[start]) { start += 1 }
          if start < tokens.count, tokens[start].text == "." { start += 1 }
          guard let (next, after) = nameAfterTitle(tokens, at: start),
            initials(tokens, at: start) != nil || start > index + 1
          else { break }
          found.append(next)
          index = after
        }
        continue
      }
      index += 1
    }
    return found
  }

  private func isTitle(_ token: NameTokens.Token) -> Bool {
    token.kind == .word && NameData.titles.contains(token.text.lowercased())
  }

  private func match(_ tokens: [NameTokens.Token], at index: Int, text: NameTokens) -> (Mention, Int)? {
    let token = tokens[index]
    // A known name (the longest alias that starts here), with a possessive.
    if let (mention, next) = knownAlias(tokens, at: index) { return (mention, next) }
    // A title (and its abbreviation period), then a name.
    if isTitle(token) {
      var position = index + 1
      while position < tokens.count, tokens[position].text == "." || isTitle(tokens[position]) { position += 1 }
      // `minister van Financiën`, `voorzitter van de raad`: an office, not a name.
      if position < tokens.count, tokens[position].text == "van" || tokens[position].text == "der" { return nil }
      if position > index + 1 || position < tokens.count, let (mention, next) = nameAfterTitle(tokens, at: position) {
        return (mention, next)
      }
      return nil
    }
    // Initials and a surname.
    if let found = initials(tokens, at: index), let last = surname(tokens, at: found.next) {
      return (
        Mention(
          start: token.start, end: tokens[last.next - 1].end, given: nil, initials: found.text, surname: last.text,
          strong: true), last.next
      )
    }
    guard token.kind == .word, token.isCapitalised, !keep.contains(token.text.lowercased()) else { return nil }
    // A given name, more given names, then a surname.
    if NameData.givenNames.contains(token.text) {
      var position = index + 1
      while position < tokens.count, tokens[position].kind == .word,
        NameData.givenNames.contains(tokens[position].text),
        !NameData.ambiguousNames.contains(tokens[position].text), position - index < 3,
        surname(tokens, at: position + 1) != nil
      {
        position += 1
      }
      if position < tokens.count, text.onlySpaces(tokens[position - 1].end, tokens[position].start),
        let last = surname(tokens, at: position),
        !NameData.places.contains(tokens[last.next - 1].text) || position + 1 < last.next
      {
        let ambiguousPair =
          NameData.ambiguousNames.contains(token.text) && token.startsSentence
          && !NameData.surnames.contains(tokens[last.next - 1].text)
        if !ambiguousPair {
          return (
            Mention(
              start: token.start, end: tokens[last.next - 1].end, given: token.text, initials: nil, surname: last.text,
              strong: true), last.next
          )
        }
      }
      // A given name alone.
      if !NameData.ambiguousNames.contains(token.text), !NameData.places.contains(token.text),
        !NameData.neverNames.contains(token.text.lowercased()), !NameData.commonWords.contains(token.text.lowercased()),
        token.text.unicodeScalars.count >= 3
      {
        return (
          Mention(start: token.start, end: token.end, given: token.text, initials: nil, surname: nil, strong: false),
          index + 1
        )
      }
    }
    // A surname alone inside a sentence (`Volgens Jansen zitten…`), when it is no word or place.
    let placeBefore =
      index > 0
      && ["in", "uit", "naar", "te", "provincie", "gemeente", "regio"].contains(tokens[index - 1].text.lowercased())
    if !token.startsSentence, !placeBefore, NameData.surnames.contains(token.text),
      !NameData.ambiguousNames.contains(token.text),
      !NameData.places.contains(token.text), !NameData.neverNames.contains(token.text.lowercased()),
      !NameData.commonWords.contains(token.text.lowercased()), token.text.unicodeScalars.count >= 4,
      isSurnameWord(token)
    {
      return (
        Mention(start: token.start, end: token.end, given: nil, initials: nil, surname: token.text, strong: false),
        index + 1
      )
    }
    return nil
  }

  private func knownAlias(_ tokens: [NameTokens.Token], at index: Int) -> (Mention, Int)? {
    guard tokens[index].kind == .word, tokens[index].isCapitalised || NameData.particles.contains(tokens[index].text)
    else { return nil }
    var words: [String] = []
    var best: (Int, String)?
    var position = index
    while position < tokens.count, words.count < longestAlias {
      let token = tokens[position]
      guard token.kind == .word else { break }
      words.append(token.text)
      if let person = aliases[words] { best = (position + 1, person) }
      // A possessive: `Pieters`, `Pieter's`.
      if best == nil || best?.0 != position + 1 {
        var bare = token.text
        if bare.hasSuffix("'s") || bare.hasSuffix("’s") {
          bare.removeLast(2)
        } else if bare.hasSuffix("s"), bare.count > 3 {
          bare.removeLast()
        }
        if bare != token.text, let person = aliases[Array(words.dropLast()) + [bare]] { best = (position + 1, person) }
      }
      position += 1
    }
    guard let (next, person) = best else { return nil }
    return (
      Mention(
        start: tokens[index].start, end: tokens[next - 1].end, given: nil, initials: nil, surname: nil, strong: true,
        person: person), next
    )
  }

  /// Capitalised words inside a sentence that no rule took for a name or kept: names perhaps,
  /// for a person to check (scalar offsets).
  func uncertain(in text: NameTokens, taken: [(start: Int, end: Int)]) -> [(start: Int, end: Int)] {
    var result: [(start: Int, end: Int)] = []
    var cursor = 0
    let sorted = taken.sorted { $0.start < $1.start }
    for token in text.tokens where token.kind == .word && token.isCapitalised && !token.startsSentence {
      while cursor < sorted.count, sorted[cursor].end <= token.start { cursor += 1 }
      if cursor < sorted.count, sorted[cursor].start <= token.start { continue }
      let lower = token.text.lowercased()
      if keep.contains(lower) || NameData.places.contains(token.text) || NameData.neverNames.contains(lower)
        || NameData.titles.contains(lower)
      {
        continue
      }
      if token.text.unicodeScalars.allSatisfy({ $0.properties.isUppercase }) { continue }
      if NameData.surnames.contains(token.text) || NameData.givenNames.contains(token.text) {
        result.append((token.start, token.end))
      }
    }
    return result
  }
}
