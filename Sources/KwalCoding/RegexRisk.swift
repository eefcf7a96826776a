/// Finds regex shapes that make a backtracking engine take exponential time: a repeated group
/// whose body can itself repeat (`(a+)+`, `(\w*)*`, `(x+y?){2,}`), and a repeated group of
/// alternatives (`(a|ab)+`), which is exponential when the alternatives overlap.
///
/// Swift's `Regex` backtracks and has no step limit, so a codebook regex of the first kind could
/// stop a batch on one unlucky word. Kwal refuses it; the second kind gets a warning. The check
/// reads the pattern's structure only (groups, quantifiers, escapes, character classes); the
/// regex engine still parses and runs the pattern.
enum RegexRisk: Equatable {
  /// A repeated group that contains a repetition: exponential on a failing match.
  case nestedRepetition(String)
  /// A repeated group of alternatives: exponential when the alternatives overlap.
  case repeatedAlternation(String)

  /// The risks in `source`, outermost group first.
  static func find(in source: String) -> [RegexRisk] {
    let scalars = Array(source.unicodeScalars)
    // Per open group: where it starts, whether its body repeats, whether it has alternatives.
    var groups: [(start: Int, repeats: Bool, alternates: Bool)] = []
    var risks: [RegexRisk] = []
    var index = 0
    /// The quantifier at `position`, if any, and whether it repeats without a small bound.
    func quantifier(at position: Int) -> (length: Int, repeats: Bool)? {
      guard position < scalars.count else { return nil }
      switch scalars[position] {
      case "*", "+": return (1 + lazyOrPossessive(position + 1), true)
      case "?": return (1 + lazyOrPossessive(position + 1), false)
      case "{":
        var end = position + 1
        while end < scalars.count, scalars[end] != "}" { end += 1 }
        guard end < scalars.count else { return nil }
        let body = String(String.UnicodeScalarView(scalars[(position + 1)..<end]))
        let bounds = body.split(separator: ",", omittingEmptySubsequences: false)
        guard !bounds.isEmpty, bounds.count <= 2, bounds.allSatisfy({ $0.allSatisfy(\.isNumber) }),
          !(bounds.first ?? "").isEmpty
        else { return nil }
        let upper = bounds.count == 2 ? Int(bounds[1]) : Int(bounds[0])
        // `{2,}` repeats without bound; `{1,20}` repeats enough to explode as well.
        let repeats = upper.map { $0 > 1 } ?? true
        return (end - position + 1 + lazyOrPossessive(end + 1), repeats)
      default: return nil
      }
    }
    func lazyOrPossessive(_ position: Int) -> Int {
      position < scalars.count && (scalars[position] == "?" || scalars[position] == "+") ? 1 : 0
    }
    while index < scalars.count {
      let scalar = scalars[index]
      switch scalar {
      case "\\":
        index += 2
        if let found = quantifier(at: index), found.repeats, !groups.isEmpty { groups[groups.count - 1].repeats = true }
        if let found = quantifier(at: index) { index += found.length }
        continue
      case "[":
        // A character class is one item: skip to its closing bracket.
        var end = index + 1
        if end < scalars.count, scalars[end] == "^" { end += 1 }
        if end < scalars.count, scalars[end] == "]" { end += 1 }
        while end < scalars.count, scalars[end] != "]" {
          end += scalars[end] == "\\" ? 2 : 1
        }
        index = min(end + 1, scalars.count)
        if let found = quantifier(at: index) {
          if found.repeats, !groups.isEmpty { groups[groups.count - 1].repeats = true }
          index += found.length
        }
        continue
      case "(":
        groups.append((index, false, false))
      case "|":
        if !groups.isEmpty { groups[groups.count - 1].alternates = true }
      case ")":
        guard let group = groups.popLast() else { break }
        let text = String(String.UnicodeScalarView(scalars[group.start...min(index, scalars.count - 1)]))
        if let found = quantifier(at: index + 1) {
          if found.repeats {
            if group.repeats {
              risks.append(.nestedRepetition(text))
            } else if group.alternates {
              risks.append(.repeatedAlternation(text))
            }
          }
          if !groups.isEmpty, found.repeats || group.repeats { groups[groups.count - 1].repeats = true }
          index += 1 + found.length
          continue
        }
        if group.repeats, !groups.isEmpty { groups[groups.count - 1].repeats = true }
      default:
        if let found = quantifier(at: index + 1), found.repeats, !groups.isEmpty {
          groups[groups.count - 1].repeats = true
        }
      }
      index += 1
    }
    return risks
  }
}
