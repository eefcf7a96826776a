internal import KwalModel
internal import KwalText

/// Finds the hits of patterns inside one unit for one rule.
struct UnitMatcher {
  let state: UnitState
  let unit: Range<Int>
  let rule: CompiledRule?
  /// Whether the unit is one sentence (then the negation guard needs no sentence boundaries).
  var oneSentence = false

  /// Whether the token's speaker role lets its words count for the rule.
  func allowed(_ token: Int) -> Bool {
    guard let rule else { return true }
    return rule.roleMask & (1 << state.tokenRole[token]) != 0
  }

  func has(_ token: Int, _ atom: Int32) -> Bool {
    let type = Int(state.types[token])
    var index = Int(state.atomOffsets[type])
    let end = Int(state.atomOffsets[type + 1])
    while index < end {
      if state.atomFlat[index] == atom { return true }
      index += 1
    }
    return false
  }

  /// Whether a negation word stands within the window before or after the match, in the same
  /// sentence and the same clause (the look stops at a comma, semicolon, colon or dash).
  func negated(_ first: Int, _ last: Int) -> Bool {
    let sentence = oneSentence ? 0 : state.tokenSentence[first]
    var index = first - 1
    while index >= max(unit.lowerBound, first - state.window) {
      if (!oneSentence && state.tokenSentence[index] != sentence) || state.tokens[index].kind == .punctuation { break }
      if state.typeIsNegation[Int(state.types[index])] { return true }
      index -= 1
    }
    index = last + 1
    while index < min(unit.upperBound, last + 1 + state.window) {
      if (!oneSentence && state.tokenSentence[index] != sentence) || state.tokens[index].kind == .punctuation { break }
      if state.typeIsNegation[Int(state.types[index])] { return true }
      index += 1
    }
    return false
  }

  /// The hits of `pattern` in the unit, as a new array (see ``hits(_:guardNegation:into:)``).
  func hits(_ pattern: CompiledPattern, guardNegation: Bool) -> [Span] {
    var result: [Span] = []
    hits(pattern, guardNegation: guardNegation, into: &result)
    return result
  }

  /// Appends the hits of `pattern` in the unit to `result`.
  func hits(_ pattern: CompiledPattern, guardNegation: Bool, into result: inout [Span]) {
    switch pattern {
    case .atom(let atom, let source):
      state.forEachToken(of: atom, in: unit) { token in
        guard allowed(token) else { return }
        if guardNegation && negated(token, token) { return }
        result.append(Span(first: token, last: token, source: source))
      }
    case .phrase(let steps, let source):
      guard case .word(let firstAtom) = steps.first else { return }
      state.forEachToken(of: firstAtom, in: unit) { token in
        guard allowed(token) else { return }
        if let end = matchSteps(steps, step: 1, at: token + 1), allowed(end) {
          if guardNegation && negated(token, end) { return }
          result.append(Span(first: token, last: end, source: source))
        }
      }
    case .near(let parts, let within, let ordered, let source):
      // The hits of all parts in one array: part `p` has `partHits[bounds[p]..<bounds[p + 1]]`.
      var partHits: [Span] = []
      var bounds: [Int] = [0]
      bounds.reserveCapacity(parts.count + 1)
      for part in parts {
        hits(part, guardNegation: guardNegation, into: &partHits)
        if partHits.count == bounds[bounds.count - 1] { return }
        if case .near = part { partHits[bounds[bounds.count - 1]...].sort { $0.first < $1.first } }
        bounds.append(partHits.count)
      }
      // For each hit of the first part, the nearest hit of every other part (the next one after
      // the previous part when ordered), found by binary search; accepted when all fit the window.
      for anchor in partHits[0..<bounds[1]] {
        let mark = result.count
        var previous = anchor
        var low = anchor.first
        var high = anchor.last
        var ok = true
        result.append(Span(first: anchor.first, last: anchor.last, source: source))
        for part in 1..<parts.count {
          let other = partHits[bounds[part]..<bounds[part + 1]]
          let best: Span?
          if ordered {
            let index = Self.firstIndex(in: other, startingAfter: previous.last)
            best = index < other.endIndex ? other[index] : nil
          } else {
            let index = Self.firstIndex(in: other, startingAfter: anchor.first - 1)
            let after = index < other.endIndex ? other[index] : nil
            let before = index > other.startIndex ? other[index - 1] : nil
            switch (before, after) {
            case (let b?, let a?): best = anchor.first - b.first <= a.first - anchor.first ? b : a
            case (let b?, nil): best = b
            case (nil, let a?): best = a
            case (nil, nil): best = nil
            }
          }
          guard let best, max(high, best.last) - min(low, best.first) <= within else {
            ok = false
            break
          }
          result.append(Span(first: best.first, last: best.last, source: source))
          previous = best
          low = min(low, best.first)
          high = max(high, best.last)
        }
        if !ok { result.removeSubrange(mark...) }
      }
    }
  }

  /// The index of the first span that starts after token `token` (spans sorted by start).
  static func firstIndex(in spans: ArraySlice<Span>, startingAfter token: Int) -> Int {
    var low = spans.startIndex
    var high = spans.endIndex
    while low < high {
      let mid = (low + high) / 2
      if spans[mid].first <= token { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// Matches the phrase steps from `step` at token `index`; returns the last matched token.
  func matchSteps(_ steps: [PhraseStep], step: Int, at index: Int) -> Int? {
    if step == steps.count { return index - 1 }
    switch steps[step] {
    case .word(let atom):
      guard index < unit.upperBound, has(index, atom) else { return nil }
      return matchSteps(steps, step: step + 1, at: index + 1)
    case .gap(let min, let max):
      // A gap counts words; punctuation inside it is free ("naar de, eh, volgende vergadering").
      var position = index
      var words = 0
      while position <= unit.upperBound {
        if words >= min, let end = matchSteps(steps, step: step + 1, at: position) { return end }
        guard position < unit.upperBound else { return nil }
        let kind = state.tokens[position].kind
        if kind != .punctuation && kind != .symbol { words += 1 }
        if words > max { return nil }
        position += 1
      }
      return nil
    }
  }
}

/// A guard looked for in a token range (the key of a document's guard checks).
struct GuardCheck: Hashable {
  let `guard`: Int32
  let start: Int32
  let end: Int32
}
