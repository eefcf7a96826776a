/// The literal text every match of a regex holds, read from its source, so that the scan index
/// tries a regex only on words that hold it (see ``ScanIndex``).
///
/// Only a small, plain part of the syntax is read: lowercase ASCII letters and digits, `^`, `$`,
/// `.`, the quantifiers `?`, `*` and `+`, groups with `|` (also `(?:`), and lookaheads `(?=`/`(?!`,
/// which only narrow what matches and are skipped. Anything else (an escape, a class, a `{n}`
/// quantifier, a capital, a space, a non-ASCII character) gives no literals, and the regex is
/// tried on every word, as before. The answer is therefore never wrong, only sometimes absent.
enum RegexLiterals {
  /// Alternatives of which every match holds one (each three bytes or more), or nil.
  static func required(_ source: String) -> [[UInt8]]? {
    var reader = Reader(bytes: Array(source.utf8))
    guard let found = reader.alternation(), reader.position == reader.bytes.count else { return nil }
    return found
  }

  private struct Reader {
    let bytes: [UInt8]
    var position = 0
    /// Set when the source uses syntax this reader does not know.
    var unknown = false

    /// Sequences separated by `|` up to `)` or the end: one of them matches, so each must give
    /// literals for the alternation to give any.
    mutating func alternation() -> [[UInt8]]? {
      var result: [[UInt8]] = []
      var everyAlternative = true
      while true {
        let found = sequence()
        if unknown { return nil }
        if let found { result += found } else { everyAlternative = false }
        guard position < bytes.count, bytes[position] == UInt8(ascii: "|") else { break }
        position += 1
      }
      return everyAlternative && !result.isEmpty ? result : nil
    }

    /// Items up to `|`, `)` or the end: the best requirement among its literal runs and groups.
    mutating func sequence() -> [[UInt8]]? {
      var candidates: [[[UInt8]]] = []
      var run: [UInt8] = []
      func endRun() {
        if run.count >= 3 { candidates.append([run]) }
        run = []
      }
      while position < bytes.count {
        let byte = bytes[position]
        if byte == UInt8(ascii: "|") || byte == UInt8(ascii: ")") { break }
        position += 1
        if byte == UInt8(ascii: "(") {
          endRun()
          guard let group = group() else { return nil }
          if let literals = group.literals, !group.optional { candidates.append(literals) }
          continue
        }
        guard let quantifier = quantifier() else { return nil }
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
          // A letter that may be left out ends the run before it; one that may repeat, after it.
          if quantifier == 0 || quantifier == UInt8(ascii: "+") { run.append(byte) }
          if quantifier != 0 { endRun() }
        case UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "."):
          endRun()
        default:
          unknown = true
          return nil
        }
      }
      endRun()
      // One literal run is best (any word without it is skipped); else the fewest alternatives.
      return candidates.min { lhs, rhs in
        lhs.count != rhs.count
          ? lhs.count < rhs.count : (lhs.map(\.count).min() ?? 0) > (rhs.map(\.count).min() ?? 0)
      }
    }

    /// The quantifier after an item (`?`, `*` or `+`; 0 for none), read; nil (and ``unknown``)
    /// for one this reader does not know: `{n}`, or a lazy or possessive one (`*?`, `++`).
    mutating func quantifier() -> UInt8? {
      let marks: [UInt8] = [UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "+")]
      var found: UInt8 = 0
      if position < bytes.count, marks.contains(bytes[position]) {
        found = bytes[position]
        position += 1
      }
      if position < bytes.count, bytes[position] == UInt8(ascii: "{") || found != 0 && marks.contains(bytes[position]) {
        unknown = true
        return nil
      }
      return found
    }

    /// A group after its `(`: its alternation's literals (none for a lookahead) and whether a
    /// quantifier after it makes it optional; nil when its syntax is not read.
    mutating func group() -> (literals: [[UInt8]]?, optional: Bool)? {
      var lookahead = false
      if position < bytes.count, bytes[position] == UInt8(ascii: "?") {
        guard position + 1 < bytes.count else {
          unknown = true
          return nil
        }
        switch bytes[position + 1] {
        case UInt8(ascii: ":"): break
        case UInt8(ascii: "="), UInt8(ascii: "!"): lookahead = true
        default:
          unknown = true
          return nil
        }
        position += 2
      }
      let literals = alternation()
      if unknown { return nil }
      guard position < bytes.count, bytes[position] == UInt8(ascii: ")") else {
        unknown = true
        return nil
      }
      position += 1
      guard let quantifier = quantifier() else { return nil }
      let optional = lookahead || quantifier == UInt8(ascii: "?") || quantifier == UInt8(ascii: "*")
      return (lookahead ? nil : literals, optional)
    }
  }
}
