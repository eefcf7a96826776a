internal import KwalModel
internal import KwalText

extension CodingContext {
  // MARK: Guards

  /// Whether `code` may be given to `unit`: no exclusion guard finds its patterns within its
  /// scope, and the context guard (if any) does.
  func passesGuards(code: Int32, unit: CodedUnit, state: UnitState) -> Bool {
    for guarded in compiled.guards[Int(code)] where contextsApply || !guarded.isContext {
      let found = guardFinds(guarded, around: unit.tokens, state: state)
      if found != guarded.isContext { return false }
    }
    return true
  }

  /// Whether one of the guard's patterns occurs within its scope around `tokens` (cached per
  /// document: a paragraph's context is looked for once).
  private func guardFinds(_ guarded: CompiledGuard, around tokens: Range<Int>, state: UnitState) -> Bool {
    let range: Range<Int>
    switch guarded.scope {
    case .unit: range = tokens
    case .paragraph: range = Self.enclosing(tokens, in: paragraphRanges) ?? tokens
    case .turn:
      range = Self.enclosing(tokens, in: turnRanges) ?? Self.enclosing(tokens, in: paragraphRanges) ?? tokens
    case .document: range = documentRange
    }
    // Single-word guards: a bit per word type; the bits of a range's words are gathered once and
    // every code of the unit tests its guard's bit.
    if guardWordAtoms[guarded.id] != nil {
      return wordGuardBits(range, scope: guarded.scope, state: state) & (UInt64(1) << UInt64(guarded.id)) != 0
    }
    let key = GuardCheck(guard: guarded.id, start: Int32(range.lowerBound), end: Int32(range.upperBound))
    if let known = guardCache[key] { return known }
    // The range is stamped for the matcher (the unit being evaluated needs its stamps no more).
    state.markAtoms(range)
    let matcher = UnitMatcher(state: state, unit: range, rule: nil, oneSentence: false)
    var probe: [Span] = []
    var found = false
    for pattern in guarded.patterns {
      matcher.hits(pattern, guardNegation: false, into: &probe)
      if !probe.isEmpty {
        found = true
        break
      }
    }
    guardCache[key] = found
    return found
  }

  /// The bits of the single-word guards that the words of `range` match (remembered for the last
  /// range of each scope).
  private func wordGuardBits(_ range: Range<Int>, scope: CodeGuard.Scope, state: UnitState) -> UInt64 {
    let slot: Int
    switch scope {
    case .unit: slot = 0
    case .paragraph: slot = 1
    case .turn: slot = 2
    case .document: slot = 3
    }
    if let known = wordGuardRanges[slot], known.range == range { return known.bits }
    // Every word type of the document has its bits first; then one pass over plain buffers.
    extendGuardBits(to: atomOffsets.count - 1)
    var bits: UInt64 = 0
    typeGuardBits.withUnsafeBufferPointer { table in
      state.types.withUnsafeBufferPointer { types in
        for token in range { bits |= table[Int(types[token])] }
      }
    }
    wordGuardRanges[slot] = (range, bits)
    return bits
  }

  /// The bits of the single-word guards each word type matches, for the first `count` types.
  private func extendGuardBits(to count: Int) {
    while typeGuardBits.count < count {
      let next = typeGuardBits.count
      var bits: UInt64 = 0
      for (id, atoms) in guardWordAtoms {
        for position in Int(atomOffsets[next])..<Int(atomOffsets[next + 1]) where atoms.contains(atomFlat[position]) {
          bits |= UInt64(1) << UInt64(id)
          break
        }
      }
      typeGuardBits.append(bits)
    }
  }

  /// The last range of `ranges` (ascending by start) that holds the start of `tokens`.
  private static func enclosing(_ tokens: Range<Int>, in ranges: [Range<Int>]) -> Range<Int>? {
    let low = ranges.partitionPoint { $0.lowerBound > tokens.lowerBound }
    guard low > 0, ranges[low - 1].contains(tokens.lowerBound) || ranges[low - 1].lowerBound == tokens.lowerBound else {
      return nil
    }
    return ranges[low - 1]
  }

  // MARK: Structure helpers

  /// The block segments that hold running text, without blocks that contain other blocks;
  /// the whole text when the document has none.
  static func blocks(of document: Document) -> [Segment] {
    var blocks = document.segments.filter { $0.kind.isBlock && !$0.range.isEmpty }
    blocks.sort { $0.range < $1.range }
    var result: [Segment] = []
    for block in blocks {
      // Drop a block that contains the next one (a turn holding paragraphs keeps its paragraphs).
      while let last = result.last, last.range.contains(block.range) { result.removeLast() }
      if let last = result.last, last.range.overlaps(block.range) { continue }
      result.append(block)
    }
    if result.isEmpty {
      return [Segment(kind: .paragraph, range: trimmed(document.text))]
    }
    return result
  }

  static func trimmed(_ text: String) -> ByteRange {
    let bytes = Array(text.utf8)
    var start = 0
    var end = bytes.count
    while start < end, bytes[start] == 0x20 || bytes[start] == 0x0A || bytes[start] == 0x09 { start += 1 }
    while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x0A || bytes[end - 1] == 0x09 { end -= 1 }
    return ByteRange(start, end)
  }

  /// The tokens inside a byte range (tokens are sorted by start).
  func tokenRange(_ tokens: [Token], _ range: ByteRange) -> Range<Int> {
    var low = 0
    var high = tokens.count
    while low < high {
      let mid = (low + high) / 2
      if Int(tokens[mid].start) < range.start { low = mid + 1 } else { high = mid }
    }
    // Tokens do not overlap, so their ends ascend too: the first token past the range's end.
    var end = low
    high = tokens.count
    while end < high {
      let mid = (end + high) / 2
      if Int(tokens[mid].end) <= range.end { end = mid + 1 } else { high = mid }
    }
    return low..<end
  }
}
