internal import Foundation
internal import KwalModel
internal import Yams

extension CodebookLoader {
  // MARK: Checks across codes

  mutating func check(_ codebook: inout Codebook) {
    var ids: [String: SourceLocation] = [:]
    for code in codebook.codes {
      if let first = ids[code.id] {
        diagnostics.append(
          Diagnostic(
            .error, code.location ?? SourceLocation(file: file),
            "duplicate code id \"\(code.id)\" (first defined at \(first))"))
      } else {
        ids[code.id] = code.location ?? SourceLocation(file: file)
      }
    }
    var ruleIDs: [String: SourceLocation] = [:]
    for rule in codebook.rules {
      let here = rule.location ?? SourceLocation(file: file)
      if let first = ruleIDs[rule.id] {
        diagnostics.append(Diagnostic(.error, here, "duplicate rule id \"\(rule.id)\" (first at \(first))"))
      } else {
        ruleIDs[rule.id] = here
      }
    }
    let known = Set(ids.keys)
    for code in codebook.codes {
      guard let parent = code.definition.parent else { continue }
      if !known.contains(parent) {
        let suggestion = closest(parent, in: known).map { " (did you mean \"\($0)\"?)" } ?? ""
        diagnostics.append(
          Diagnostic(
            .error, code.parentLocation ?? code.location ?? SourceLocation(file: file),
            "unknown parent \"\(parent)\"\(suggestion)"))
      }
    }
    // Cycles in the tree.
    var parentOf: [String: String] = [:]
    for code in codebook.codes { parentOf[code.id] = code.definition.parent }
    var reported: Set<String> = []
    for code in codebook.codes {
      var seen: [String] = [code.id]
      var current = parentOf[code.id]
      while let parent = current {
        if parent == code.id {
          if !reported.contains(code.id) {
            let cycle = (seen + [parent]).joined(separator: " → ")
            diagnostics.append(
              Diagnostic(
                .error, code.parentLocation ?? code.location ?? SourceLocation(file: file),
                "cycle in the code tree: \(cycle)"))
            reported.formUnion(seen)
          }
          break
        }
        if seen.contains(parent) { break }
        seen.append(parent)
        current = parentOf[parent]
      }
    }
  }

  // MARK: Utilities

  func isKebabCase(_ id: String) -> Bool {
    guard let first = id.unicodeScalars.first, first.properties.isLowercase || ("0"..."9").contains(first) else {
      return false
    }
    return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
      && !id.hasSuffix("-") && !id.contains("--")
  }

  /// The known word closest to `word` (edit distance ≤ 2), for "did you mean" hints.
  func closest(_ word: String, in known: Set<String>) -> String? {
    var best: (String, Int)?
    for candidate in known.sorted() {
      let distance = editDistance(Array(word), Array(candidate))
      if distance <= 2 && distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
    }
    return best?.0
  }

  func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }

  func yamlErrorLocation(_ error: YamlError) -> SourceLocation {
    switch error {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
      return SourceLocation(file: file, line: mark.line, column: mark.column)
    default:
      return SourceLocation(file: file)
    }
  }

  func yamlProblem(_ error: YamlError) -> String {
    switch error {
    case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
      .composer(let context, let problem, _, _):
      if let context { return "\(problem) (\(context.text))" }
      return problem
    default:
      return "\(error)"
    }
  }
}
