/// The people of a corpus: who each mention names, the names each is known by, and their
/// pseudonyms. Mentions of one person (`Pieter van den Berg`, `P. van den Berg`, `de heer Van
/// den Berg`, `Pieter`) are one person when nothing else in the corpus fits them.
struct PersonRegistry {
  struct Person {
    var given: String?
    var initial: Character?
    /// The surname with lowercase particles (`van den Berg`).
    var surname: String?
  }

  private(set) var people: [String: Person] = [:]
  /// The order in which people were first met (their pseudonym numbers follow it).
  private var order: [String] = []
  private var pseudonyms: [String: String] = [:]
  /// Every name each person was written as.
  private var written: [String: Set<String>] = [:]
  /// The words of every alias (for URLs that hold a name).
  private(set) var aliasWords: Set<String> = []

  /// A known person's name (a speaker, an author, a name given): its parts become aliases.
  mutating func register(_ name: String, finder: inout NameFinder) {
    let tokens = NameTokens(name)
    let words = tokens.tokens.filter { $0.kind == .word }
    if let mention = finder.mentions(in: tokens).first(where: { $0.strong }),
      mention.start == tokens.tokens.first?.start
    {
      add(mention, written: name, finder: &finder)
      // The whole name as written (a title or more words around it) names the person too.
      if let person = finder.aliases[words.map(\.text)] ?? resolve(mention, written: name) as String? {
        finder.addAlias(words.map(\.text), for: person)
      }
      return
    }
    guard !words.isEmpty else { return }
    let person: String
    if words.count == 1 {
      person = identify(given: words[0].text, initials: nil, surname: nil)
    } else {
      let surname = words.dropFirst().map(\.text).joined(separator: " ")
      person = identify(given: words[0].text, initials: nil, surname: surname)
    }
    finder.addAlias(words.map(\.text), for: person)
    if words.count > 1, !NameData.places.contains(words[0].text),
      !NameData.commonWords.contains(words[0].text.lowercased())
    {
      finder.addAlias([words[0].text], for: person)
    }
    aliasWords.formUnion(words.map(\.text))
    note(person, written: name)
  }

  /// A strong mention found in a text: the person it names, with its parts as aliases.
  mutating func add(_ mention: NameFinder.Mention, written name: String, finder: inout NameFinder) {
    let person = resolve(mention, written: name)
    let words = NameTokens(name).tokens.filter { $0.kind == .word }.map(\.text)
    finder.addAlias(words, for: person)
    aliasWords.formUnion(words)
    // The given name of a person found with a surname names that person in this corpus, even
    // when it is also a word (`Bram`, `Kees`); not when it is a place or a function word.
    if let given = mention.given, mention.surname != nil, !NameData.places.contains(given),
      !NameData.commonWords.contains(given.lowercased())
    {
      finder.addAlias([given], for: person)
    }
    if let surname = mention.surname {
      let parts = surname.split(separator: " ").map(String.init)
      // `van den Berg` is also written `Van den Berg` at the start of a sentence or after a title.
      finder.addAlias(parts, for: person)
      if let first = parts.first, parts.count > 1 {
        finder.addAlias([first.prefix(1).uppercased() + first.dropFirst()] + parts.dropFirst(), for: person)
      }
      if parts.count == 1, let core = parts.last, core.count >= 4, !NameData.ambiguousNames.contains(core),
        !NameData.places.contains(core), !NameData.givenNames.contains(core)
      {
        finder.addAlias([core], for: person)
      }
    }
  }

  /// The person a mention names (a new one when none fits).
  mutating func resolve(_ mention: NameFinder.Mention, written name: String) -> String {
    let person = mention.person ?? identify(given: mention.given, initials: mention.initials, surname: mention.surname)
    note(person, written: name)
    return person
  }

  /// The person named by a speaker label as written, if its words are a known alias.
  func key(forWritten label: String) -> String? {
    written.first { $0.value.contains(label) }?.key
  }

  private mutating func note(_ person: String, written name: String) {
    if people[person] == nil { people[person] = Person() }
    if !order.contains(person) { order.append(person) }
    written[person, default: []].insert(name)
  }

  /// The person with these parts: an existing one that fits, or a new one.
  private mutating func identify(given: String?, initials: String?, surname: String?) -> String {
    let initial = given?.first ?? initials?.first
    let lowered = surname?.lowercased()
    if let lowered {
      let same = people.filter { $0.value.surname?.lowercased() == lowered }
      if let given, let match = same.first(where: { $0.value.given == given }) { return match.key }
      if let initial {
        let fitting = same.filter { $0.value.initial == nil || $0.value.initial == initial }
        if fitting.count == 1, let match = fitting.first {
          if people[match.key]?.given == nil { people[match.key]?.given = given }
          if people[match.key]?.initial == nil { people[match.key]?.initial = initial }
          return match.key
        }
      } else if same.count == 1, let match = same.first {
        return match.key
      }
      let key = "\(lowered)|\(given ?? initials ?? "")"
      if people[key] == nil { people[key] = Person(given: given, initial: initial, surname: surname) }
      return key
    }
    guard let given else { return "|" }
    let same = people.filter { $0.value.given == given }
    if same.count == 1, let match = same.first { return match.key }
    let key = "|\(given)"
    if people[key] == nil { people[key] = Person(given: given, initial: initial, surname: nil) }
    return key
  }

  /// A person's pseudonym, `[persoon-<n>]`: from the key when any name of the person is in it,
  /// else the next number.
  mutating func pseudonym(for person: String, written name: String, key: inout PseudonymKey) -> String {
    note(person, written: name)
    if let known = pseudonyms[person] { return known }
    for form in (written[person] ?? []).sorted() {
      if let existing = key.pseudonym(for: form, kind: .person), existing.hasPrefix("[persoon-") {
        pseudonyms[person] = existing
        return existing
      }
    }
    let next =
      max(
        key.highest("[persoon-", suffix: "]"),
        pseudonyms.values.compactMap { Int($0.dropFirst(9).dropLast()) }.max() ?? 0) + 1
    let pseudonym = "[persoon-\(next)]"
    pseudonyms[person] = pseudonym
    return pseudonym
  }
}
