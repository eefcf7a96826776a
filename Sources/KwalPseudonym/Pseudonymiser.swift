public import KwalModel

/// A document to pseudonymise: the text to rewrite (the source text for text formats, so that
/// speaker labels, caption voices and headings keep their form) and what ingestion knows of its
/// people.
public struct PseudonymDocument: Sendable {
  public var id: String
  public var text: String
  /// The speakers of its turns, as labelled, with their roles.
  public var speakers: [(name: String, role: SpeakerRole?)]
  /// Authors from the document's metadata (docx core properties, HTML author tags).
  public var authors: [String]

  public init(id: String, text: String, speakers: [(name: String, role: SpeakerRole?)] = [], authors: [String] = []) {
    self.id = id
    self.text = text
    self.speakers = speakers
    self.authors = authors
  }
}

/// One replacement: scalar offsets into the original text, what was replaced and by what.
public struct Replacement: Sendable, Hashable {
  public var start: Int
  public var end: Int
  public var kind: IdentifierKind
  public var original: String
  public var pseudonym: String
}

/// The pseudonymised form of one document.
public struct PseudonymisedDocument: Sendable {
  public var id: String
  public var text: String
  public var replacements: [Replacement]
  /// Capitalised words that might be names and were left: scalar offsets into the original text.
  public var uncertain: [(start: Int, end: Int)]
}

/// A pseudonym key: which pseudonym replaced which original, of which kind, in which documents.
/// An existing key is reused and extended, never renumbered.
public struct PseudonymKey: Sendable, Equatable {
  public struct Entry: Sendable, Hashable {
    public var pseudonym: String
    public var original: String
    public var kind: IdentifierKind
    public var documents: Set<String>

    public init(pseudonym: String, original: String, kind: IdentifierKind, documents: Set<String>) {
      self.pseudonym = pseudonym
      self.original = original
      self.kind = kind
      self.documents = documents
    }
  }

  public private(set) var entries: [Entry] = []

  public init(entries: [Entry] = []) {
    for entry in entries { add(entry) }
  }

  /// The pseudonym an original of `kind` has, if any.
  public func pseudonym(for original: String, kind: IdentifierKind) -> String? {
    entries.first { $0.original == original && $0.kind == kind }?.pseudonym
  }

  /// Records that `original` became `pseudonym` in `document` (an existing entry keeps its pseudonym).
  public mutating func add(_ entry: Entry) {
    if let index = entries.firstIndex(where: { $0.original == entry.original && $0.kind == entry.kind }) {
      entries[index].documents.formUnion(entry.documents)
    } else {
      entries.append(entry)
    }
  }

  /// The highest number used after `prefix` (`[persoon-` → 12).
  func highest(_ prefix: String, suffix: String = "") -> Int {
    entries.compactMap { entry -> Int? in
      guard entry.pseudonym.hasPrefix(prefix), entry.pseudonym.hasSuffix(suffix) else { return nil }
      return Int(entry.pseudonym.dropFirst(prefix.count).dropLast(suffix.count))
    }.max() ?? 0
  }
}

/// Replaces people and identifiers in a corpus with pseudonyms, consistently across documents
/// and stably across runs with the same key.
public struct Pseudonymiser {
  /// Names to replace beside those found (`--names`), one per entry.
  public var names: [String]
  /// Words never replaced (`--keep`: places, organisations the study names openly).
  public var keep: Set<String>

  public init(names: [String] = [], keep: [String] = []) {
    self.names = names
    self.keep = Set(keep.map { $0.lowercased() })
  }

  /// Pseudonymises `documents` with `key` (extended in place).
  public func run(_ documents: [PseudonymDocument], key: inout PseudonymKey) -> [PseudonymisedDocument] {
    var people = PersonRegistry()
    var finder = NameFinder(keep: keep)
    let texts = documents.map { NameTokens($0.text) }
    // Known people first: speakers, authors, names given.
    for document in documents {
      for (name, _) in document.speakers {
        if let person = Self.personPart(of: name) { people.register(person, finder: &finder) }
      }
      for author in document.authors { people.register(author, finder: &finder) }
    }
    for name in names where !name.isEmpty { people.register(name, finder: &finder) }
    // Pass 1: full names anywhere in the corpus become known, with their parts.
    for text in texts {
      for mention in finder.mentions(in: text) where mention.strong {
        people.add(mention, written: text.text(mention.start, mention.end), finder: &finder)
      }
    }
    // Pass 2: every mention, now with all aliases known.
    var results: [PseudonymisedDocument] = []
    for (document, text) in zip(documents, texts) {
      var spans: [(start: Int, end: Int, kind: IdentifierKind, person: String?, priority: Int)] = []
      for label in Self.labels(of: document, in: text) {
        spans.append((label.start, label.end, .speaker, people.key(forWritten: label.name), 0))
      }
      let mentions = finder.mentions(in: text)
      let personTokens = Set(people.aliasWords.filter { $0.count >= 4 }.map { $0.lowercased() })
      for found in IdentifierScanner.scan(text.scalars) {
        if found.kind == .url {
          let value = text.text(found.start, found.end).lowercased()
          let social = ["linkedin.", "facebook.", "twitter.", "instagram.", "tiktok.", "x.com/", "youtube.com/@"]
          guard social.contains(where: value.contains) || personTokens.contains(where: value.contains) else { continue }
        }
        spans.append((found.start, found.end, found.kind, nil, 1))
      }
      for mention in mentions {
        let written = text.text(mention.start, mention.end)
        let person = people.resolve(mention, written: written)
        spans.append((mention.start, mention.end, .person, person, 2))
      }
      // Labels, then identifiers (an e-mail address holds a name), then names; longest first.
      spans.sort { ($0.priority, $0.start, -$0.end) < ($1.priority, $1.start, -$1.end) }
      var taken: [(start: Int, end: Int, kind: IdentifierKind, person: String?)] = []
      for span in spans where !taken.contains(where: { span.start < $0.end && $0.start < span.end }) {
        taken.append((span.start, span.end, span.kind, span.person))
      }
      taken.sort { $0.start < $1.start }
      var replacements: [Replacement] = []
      for span in taken {
        let original = text.text(span.start, span.end)
        let pseudonym: String
        switch span.kind {
        case .person:
          pseudonym = people.pseudonym(for: span.person ?? original, written: original, key: &key)
        case .speaker:
          pseudonym = Self.speakerLabel(
            original, role: document.speakers.first { $0.name == original }?.role, person: span.person,
            people: &people, key: &key, document: document)
        default:
          pseudonym = key.pseudonym(for: original, kind: span.kind) ?? span.kind.placeholder
        }
        key.add(.init(pseudonym: pseudonym, original: original, kind: span.kind, documents: [document.id]))
        replacements.append(
          Replacement(start: span.start, end: span.end, kind: span.kind, original: original, pseudonym: pseudonym))
      }
      var output = String.UnicodeScalarView()
      var cursor = 0
      for replacement in replacements {
        output.append(contentsOf: text.scalars[cursor..<replacement.start])
        output.append(contentsOf: replacement.pseudonym.unicodeScalars)
        cursor = replacement.end
      }
      output.append(contentsOf: text.scalars[cursor...])
      // Every person speaker has a label in the key, also where the text does not write it
      // (a caption voice outside the plain text): outputs name speakers by it.
      for (name, role) in document.speakers where Self.personPart(of: name) != nil {
        let label =
          key.pseudonym(for: name, kind: .speaker)
          ?? Self.speakerLabel(
            name, role: role, person: people.key(forWritten: name), people: &people, key: &key, document: document)
        key.add(.init(pseudonym: label, original: name, kind: .speaker, documents: [document.id]))
      }
      let uncertain = finder.uncertain(in: text, taken: taken.map { ($0.start, $0.end) })
      results.append(
        PseudonymisedDocument(id: document.id, text: String(output), replacements: replacements, uncertain: uncertain))
    }
    return results
  }

  // MARK: Speakers

  /// The person in a speaker label (`Minister Rutte` → `Rutte`), or nil for a role label (`I`,
  /// `R2`, `Interviewer`, `De voorzitter`, `Spreker 1`).
  static func personPart(of label: String) -> String? {
    let words = label.split(separator: " ").map(String.init)
    let rest = words.drop { NameData.titles.contains($0.lowercased()) || $0.lowercased() == "de" }
    let person = rest.filter { word in
      let lower = word.lowercased()
      if NameData.roleWords.contains(lower) { return false }
      if word.allSatisfy({ $0.isNumber }) { return false }
      // R1, I2, P3: a letter or two and a number.
      if word.count <= 4, word.first?.isLetter == true, word.dropFirst().allSatisfy({ $0.isNumber }) { return false }
      return true
    }
    guard let first = person.first, first.first?.isUppercase == true || person.count > 1 else { return nil }
    return rest.joined(separator: " ")
  }

  /// Where the document's person speakers are named as speakers: a label at the start of a line
  /// (`Naam:`, `Naam (00:12:33):`, `[00:12:33] Naam:`, `Naam 00:12:33`) or a caption voice
  /// (`<v Naam>`). Scalar offsets of the name.
  static func labels(of document: PseudonymDocument, in text: NameTokens) -> [(start: Int, end: Int, name: String)] {
    let names = Set(document.speakers.map(\.name).filter { personPart(of: $0) != nil }).sorted { $0.count > $1.count }
    guard !names.isEmpty else { return [] }
    let scalars = text.scalars
    var result: [(start: Int, end: Int, name: String)] = []
    func matches(_ name: [Unicode.Scalar], at position: Int) -> Bool {
      position + name.count <= scalars.count && Array(scalars[position..<(position + name.count)]) == name
    }
    var lineStart = 0
    while lineStart <= scalars.count {
      var position = lineStart
      while position < scalars.count, scalars[position] == " " || scalars[position] == "\t" { position += 1 }
      // [00:12:33] before the name
      if position < scalars.count, scalars[position] == "[" {
        var close = position
        while close < scalars.count, scalars[close] != "]", scalars[close] != "\n" { close += 1 }
        if close < scalars.count, scalars[close] == "]" {
          position = close + 1
          while position < scalars.count, scalars[position] == " " { position += 1 }
        }
      }
      for name in names {
        let nameScalars = Array(name.unicodeScalars)
        guard matches(nameScalars, at: position) else { continue }
        var after = position + nameScalars.count
        while after < scalars.count, scalars[after] == " " { after += 1 }
        if after >= scalars.count || scalars[after] == ":" || scalars[after] == "(" || scalars[after] == "\n"
          || ("0"..."9").contains(scalars[after])
        {
          result.append((position, position + nameScalars.count, name))
          break
        }
      }
      // Caption voices on this line: <v Naam> or <v.klasse Naam>.
      var scan = lineStart
      while scan + 2 < scalars.count, scalars[scan] != "\n" {
        if scalars[scan] == "<", scalars[scan + 1] == "v", scalars[scan + 2] == " " || scalars[scan + 2] == "." {
          var nameStart = scan + 2
          while nameStart < scalars.count, scalars[nameStart] != " ", scalars[nameStart] != ">" { nameStart += 1 }
          while nameStart < scalars.count, scalars[nameStart] == " " { nameStart += 1 }
          var nameEnd = nameStart
          while nameEnd < scalars.count, scalars[nameEnd] != ">", scalars[nameEnd] != "\n" { nameEnd += 1 }
          let name = String(String.UnicodeScalarView(scalars[nameStart..<nameEnd]))
          if names.contains(name) { result.append((nameStart, nameEnd, name)) }
          scan = nameEnd
          continue
        }
        scan += 1
      }
      while lineStart < scalars.count, scalars[lineStart] != "\n" { lineStart += 1 }
      lineStart += 1
    }
    return result
  }

  /// The label that replaces a person speaker's name: `I` for an interviewer, `R<n>` for a
  /// respondent (numbered once for the corpus), else the title with `Persoon <n>`.
  static func speakerLabel(
    _ original: String, role: SpeakerRole?, person: String?, people: inout PersonRegistry, key: inout PseudonymKey,
    document: PseudonymDocument
  ) -> String {
    if let existing = key.pseudonym(for: original, kind: .speaker) { return existing }
    switch role {
    case .interviewer?:
      let interviewers = Set(document.speakers.filter { $0.role == .interviewer }.map(\.name)).sorted()
      if interviewers.count <= 1 { return "I" }
      return "I\((interviewers.firstIndex(of: original) ?? 0) + 1)"
    case .respondent?:
      return "R\(key.highest("R") + 1)"
    default:
      let pseudonym = people.pseudonym(for: person ?? original, written: original, key: &key)
      let number = pseudonym.dropFirst("[persoon-".count).dropLast()
      let titles = original.split(separator: " ").prefix { NameData.titles.contains($0.lowercased()) }
      return (titles.map(String.init) + ["Persoon \(number)"]).joined(separator: " ")
    }
  }
}

/// Carries scalar offsets of an original text over to its pseudonymised text: an offset before,
/// between or after replacements moves by what the replacements before it added or removed; an
/// offset inside a replaced span goes to the start (or, for an end, the end) of its pseudonym.
public struct OffsetMap: Sendable {
  private let replacements: [Replacement]
  /// The shift after each replacement (new length minus old, summed).
  private let shifts: [Int]

  public init(_ replacements: [Replacement]) {
    self.replacements = replacements.sorted { $0.start < $1.start }
    var total = 0
    var shifts: [Int] = []
    for replacement in self.replacements {
      total += replacement.pseudonym.unicodeScalars.count - (replacement.end - replacement.start)
      shifts.append(total)
    }
    self.shifts = shifts
  }

  /// The new offset of a start (`isEnd: false`) or end offset.
  public func map(_ offset: Int, isEnd: Bool) -> Int {
    // The last replacement that starts before the offset (or at it, for an end).
    let low = replacements.partitionPoint { replacement in
      !(replacement.start < offset || (isEnd && replacement.start == offset && replacement.end == offset))
    }
    guard low > 0 else { return offset }
    let previous = replacements[low - 1]
    let shiftBefore = low >= 2 ? shifts[low - 2] : 0
    if offset < previous.end {
      // Inside the replaced span.
      let newStart = previous.start + shiftBefore
      return isEnd ? newStart + previous.pseudonym.unicodeScalars.count : newStart
    }
    return offset + shifts[low - 1]
  }
}
