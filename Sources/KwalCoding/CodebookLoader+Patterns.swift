internal import Foundation
internal import KwalModel
internal import Yams

extension CodebookLoader {
  // MARK: Patterns

  static let patternKeys: Set<String> = [
    "word", "stem", "glob", "compound", "regex", "phrase", "near", "within", "ordered",
  ]

  mutating func patterns(_ node: Node, what: String) -> [Pattern] {
    let items = node.sequence.map(Array.init) ?? [node]
    var result: [Pattern] = []
    for item in items {
      if let pattern = pattern(item) { result.append(pattern) }
    }
    return result
  }

  mutating func pattern(_ node: Node) -> Pattern? {
    if let text = node.scalar?.string { return shorthand(text, node: node) }
    if let sequence = node.sequence { return wordList(Array(sequence), node: node) }
    guard let pairs = mapping(node, what: "a pattern", known: Self.patternKeys) else { return nil }
    let keys = Set(pairs.map(\.key))
    let kinds = keys.subtracting(["within", "ordered"])
    guard kinds.count == 1, let kind = kinds.first else {
      error(node, "a pattern needs exactly one of word, stem, glob, compound, regex, phrase or near")
      return nil
    }
    if kind != "near" && !keys.isDisjoint(with: ["within", "ordered"]) {
      error(node, "\"within\" and \"ordered\" belong to a near pattern")
    }
    guard let value = pairs.first(where: { $0.key == kind })?.value else { return nil }
    if kind == "near" {
      guard let sequence = value.sequence, sequence.count >= 2 else {
        error(value, "near needs a list of at least two patterns")
        return nil
      }
      var parts: [Pattern] = []
      for item in sequence {
        guard let part = pattern(item) else { return nil }
        parts.append(part)
      }
      var within = 5
      var ordered = false
      if let node = pairs.first(where: { $0.key == "within" })?.value {
        within = int(node, what: "within", range: 1...100) ?? 5
      }
      if let node = pairs.first(where: { $0.key == "ordered" })?.value {
        ordered = bool(node, what: "ordered") ?? false
      }
      return .near(parts, within: within, ordered: ordered)
    }
    guard let text = string(value, what: kind), !text.trimmingCharacters(in: .whitespaces).isEmpty else {
      error(value, "\(kind) must not be empty")
      return nil
    }
    switch kind {
    case "word":
      if text.contains(" ") { warning(value, "word \"\(text)\" has a space and can never match one word: use phrase") }
      return .word(text)
    case "stem": return .stem(text)
    case "glob":
      if text == "*" || text.allSatisfy({ $0 == "*" }) { warning(value, "glob \"\(text)\" matches every word") }
      return .glob(text)
    case "compound":
      if text.count < 3 { warning(value, "compound part \"\(text)\" is very short and will match many words") }
      return .compound(text)
    case "regex":
      // A list of words (and wildcard words) is valid as it stands (and parsing hundreds of them
      // is slow).
      if AtomBuilder.wordAlternatives(text) != nil { return .regex(text) }
      do {
        _ = try Regex(text)
      } catch {
        self.error(value, "invalid regex \"\(text)\": \(error)")
        return nil
      }
      for risk in RegexRisk.find(in: text) {
        switch risk {
        case .nestedRepetition(let group):
          self.error(
            value,
            "regex \"\(text)\" can take exponential time: the group \(group) repeats and repeats again inside (as in (a+)+); repeat it once, e.g. (a+)+ as a+"
          )
          return nil
        case .repeatedAlternation(let group):
          warning(
            value,
            "regex \"\(text)\" repeats a group of alternatives \(group): when the alternatives can match the same letters it takes exponential time on a word that fails; prefer a character class or a list of words"
          )
        }
      }
      return .regex(text)
    case "phrase": return phrase(text, node: value)
    default: return nil
    }
  }

  /// A list where a pattern goes: any one of its words (`[~kosten, ~prijs, {compound: tarief}]`).
  /// Its members are single-word patterns: a phrase, a near pattern or a list inside is an error at
  /// the member.
  mutating func wordList(_ items: [Node], node: Node) -> Pattern? {
    guard !items.isEmpty else {
      error(node, "an empty list matches nothing: a list where a pattern goes needs at least one word")
      return nil
    }
    var members: [Pattern] = []
    for item in items {
      if item.sequence != nil {
        error(item, "a list inside a list: write the words of both in one list")
        return nil
      }
      guard let member = pattern(item) else { return nil }
      switch member {
      case .word, .stem, .glob, .compound, .regex: members.append(member)
      case .phrase, .near, .oneOf:
        error(
          item,
          "\(member) is not a single word: a list holds words, stems, globs, compounds and regexes; put a phrase or near pattern beside the list"
        )
        return nil
      }
    }
    return .oneOf(members)
  }

  /// `a b` is a phrase, `a*` a glob, `~a` a stem, anything else a word.
  mutating func shorthand(_ text: String, node: Node) -> Pattern? {
    // Most patterns are words without surrounding spaces: trimmed only when needed, and looked
    // through as bytes (a space, `*` and `?` are ASCII).
    let edges = [text.unicodeScalars.first, text.unicodeScalars.last].compactMap { $0 }
    let trimmed =
      edges.contains(where: { CharacterSet.whitespaces.contains($0) })
      ? text.trimmingCharacters(in: .whitespaces) : text
    if trimmed.isEmpty {
      error(node, "empty pattern")
      return nil
    }
    let bytes = trimmed.utf8
    if bytes.contains(0x20) { return phrase(trimmed, node: node) }
    if bytes.first == 0x7E && trimmed.count > 1 { return .stem(String(trimmed.dropFirst())) }
    if bytes.contains(0x2A) || bytes.contains(0x3F) { return .glob(trimmed) }
    return .word(trimmed)
  }

  mutating func phrase(_ text: String, node: Node) -> Pattern? {
    var elements: [PhraseElement] = []
    for piece in text.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
      let word = String(piece)
      if word == "…" || word == "..." {
        elements.append(.gap(min: 0, max: 3))
      } else if word.hasPrefix("~") && word.count > 1 {
        elements.append(.stem(String(word.dropFirst())))
      } else if word.contains("*") || word.contains("?") {
        elements.append(.glob(word))
      } else {
        elements.append(.word(word))
      }
    }
    guard elements.contains(where: { if case .gap = $0 { return false } else { return true } }) else {
      error(node, "phrase \"\(text)\" has no words")
      return nil
    }
    if case .gap = elements.first { error(node, "phrase \"\(text)\" starts with a gap") }
    if case .gap = elements.last { error(node, "phrase \"\(text)\" ends with a gap") }
    return .phrase(elements)
  }
}
