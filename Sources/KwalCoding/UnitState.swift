internal import KwalModel
internal import KwalText

/// A rule that fired on a unit: its code, its index and its spans (a range of a scratch array).
struct FiredRule {
  var code: Int32
  var rule: Int32
  var spans: Range<Int32>
}

/// An atom's place in the current unit (see ``UnitState/atomSlots``).
struct AtomSlot {
  var stamp: Int32
  var first: Int32
  var last: Int32
}

/// A matched stretch of tokens (inclusive) and the pattern that matched it.
struct Span: Hashable {
  var first: Int
  var last: Int
  var source: Int32
}

/// Buffer pointers over the arrays the candidate loop reads: no bounds checks and no reference
/// counting in the innermost loop. Valid only inside ``with(_:_:_:)``.
struct LoopBuffers {
  let types: UnsafeBufferPointer<UInt32>
  let atomOffsets: UnsafeBufferPointer<Int32>
  let atomFlat: UnsafeBufferPointer<Int32>
  let triggerStart: UnsafeBufferPointer<Int32>
  let triggered: UnsafeBufferPointer<Int32>

  static func with<Result>(
    _ state: UnitState, _ table: (start: [Int32], rules: [Int32]), _ body: (LoopBuffers) -> Result
  ) -> Result {
    state.types.withUnsafeBufferPointer { types in
      state.atomOffsets.withUnsafeBufferPointer { atomOffsets in
        state.atomFlat.withUnsafeBufferPointer { atomFlat in
          table.start.withUnsafeBufferPointer { start in
            table.rules.withUnsafeBufferPointer { rules in
              body(
                LoopBuffers(
                  types: types, atomOffsets: atomOffsets, atomFlat: atomFlat, triggerStart: start, triggered: rules))
            }
          }
        }
      }
    }
  }
}

/// Per-document arrays the matcher reads (a class: matchers share it by reference).
final class UnitState {
  let tokens: [Token]
  let types: [UInt32]
  let atomOffsets: [Int32]
  let atomFlat: [Int32]
  let typeIsNegation: [Bool]
  let tokenRole: [UInt8]
  let tokenKinds: [UInt32]
  /// The sentences (token ranges), for ``tokenSentence``.
  let sentences: [Range<Int>]
  /// The sentence of every token; made on first use (a negation guard in a unit longer than a
  /// sentence: in a sentence every word is in the same one).
  lazy var tokenSentence: [Int32] = {
    var result = [Int32](repeating: 0, count: tokens.count)
    for (index, sentence) in sentences.enumerated() {
      for token in sentence where token < result.count { result[token] = Int32(index) }
    }
    return result
  }()
  let window: Int
  let atomCount: Int
  /// The tokens of the document that satisfy atom `a`, ascending:
  /// `tokensOfAtom.tokens[tokensOfAtom.start[a]..<tokensOfAtom.start[a + 1]]`; built on first use
  /// (by a unit too long to scan).
  lazy var tokensOfAtom: (start: [Int32], tokens: [Int32]) = indexTokensByAtom()
  /// For every atom, the number of the last unit it occurred in and, in that unit, the first
  /// and last token that has it (the matcher looks only between them; see
  /// ``forEachToken(of:in:_:)``). One slot per atom, so the coding loop touches one cache line;
  /// allocated once per document and freed with the state (written without bounds checks).
  let atomSlots: UnsafeMutableBufferPointer<AtomSlot>
  var unitNumber: Int32 = 0

  init(
    tokens: [Token], types: [UInt32], atomOffsets: [Int32], atomFlat: [Int32], typeIsNegation: [Bool],
    tokenRole: [UInt8], tokenKinds: [UInt32], sentences: [Range<Int>], window: Int, atomCount: Int
  ) {
    self.tokens = tokens
    self.types = types
    self.atomOffsets = atomOffsets
    self.atomFlat = atomFlat
    self.typeIsNegation = typeIsNegation
    self.tokenRole = tokenRole
    self.tokenKinds = tokenKinds
    self.sentences = sentences
    self.window = window
    self.atomCount = atomCount
    self.atomSlots = UnsafeMutableBufferPointer<AtomSlot>.allocate(capacity: max(1, atomCount))
    atomSlots.initialize(repeating: AtomSlot(stamp: 0, first: 0, last: 0))
  }

  deinit {
    atomSlots.deallocate()
  }

  /// Stamps the atoms of a unit's tokens as present (for ``possible(_:)``); `unitNumber` is the
  /// unit's number. Used where the caller does not collect candidates itself (explain).
  func markAtoms(_ unit: Range<Int>) {
    unitNumber += 1
    for token in unit {
      let type = Int(types[token])
      for index in Int(atomOffsets[type])..<Int(atomOffsets[type + 1]) {
        let atom = Int(atomFlat[index])
        if atomSlots[atom].stamp != unitNumber { atomSlots[atom].first = Int32(token) }
        atomSlots[atom].stamp = unitNumber
        atomSlots[atom].last = Int32(token)
      }
    }
  }

  /// Whether `pattern` could match in the current unit (stamped by the caller as number
  /// ``unitNumber``): every atom it needs occurs there. Allocates nothing.
  func mayMatch(_ pattern: CompiledPattern) -> Bool {
    switch pattern {
    case .atom(let atom, _): return atomSlots[Int(atom)].stamp == unitNumber
    case .phrase(let steps, _):
      for step in steps {
        if case .word(let atom) = step, atomSlots[Int(atom)].stamp != unitNumber { return false }
      }
      return true
    case .near(let parts, _, _, _):
      for part in parts where !mayMatch(part) { return false }
      return true
    }
  }

  /// Whether `pattern` could match in the current unit: every word it needs occurs there.
  /// (A necessary condition only; the matcher decides.)
  func possible(_ pattern: CompiledPattern) -> Bool {
    var atoms: [Int32] = []
    pattern.requiredAtoms(into: &atoms)
    return atoms.allSatisfy { Int($0) < atomSlots.count && atomSlots[Int($0)].stamp == unitNumber }
  }

  /// Units up to this many tokens are scanned for an atom; longer ones use ``tokensOfAtom``.
  static let scanLimit = 256

  /// Calls `body` with every token of `unit` that satisfies `atom`, in order.
  @inline(__always)
  func forEachToken(of atom: Int32, in unit: Range<Int>, _ body: (Int) -> Void) {
    if unit.count <= Self.scanLimit {
      // The unit was stamped (``markAtoms(_:)`` or the coding loop): an atom not stamped in it
      // occurs nowhere in it, and one that is occurs only from its first to its last token.
      let slot = atomSlots[Int(atom)]
      guard slot.stamp == unitNumber else { return }
      let first = Int(slot.first)
      let last = Int(slot.last)
      guard unit.contains(first), unit.contains(last) else { return }
      if first == last {
        body(first)
        return
      }
      body(first)
      for token in (first + 1)..<last {
        let type = Int(types[token])
        for position in Int(atomOffsets[type])..<Int(atomOffsets[type + 1]) where atomFlat[position] == atom {
          body(token)
          break
        }
      }
      body(last)
      return
    }
    let index = tokensOfAtom
    let atom = Int(atom)
    guard atom + 1 < index.start.count else { return }
    let end = Int(index.start[atom + 1])
    let first = Int32(unit.lowerBound)
    var low = index.tokens[Int(index.start[atom])..<end].partitionPoint { $0 >= first }
    let last = Int32(unit.upperBound)
    while low < end, index.tokens[low] < last {
      body(Int(index.tokens[low]))
      low += 1
    }
  }

  /// A counting sort of the document's (atom, token) pairs: counts, prefix sums, fill in token order.
  private func indexTokensByAtom() -> (start: [Int32], tokens: [Int32]) {
    var start = [Int32](repeating: 0, count: atomCount + 1)
    for type in types {
      for position in Int(atomOffsets[Int(type)])..<Int(atomOffsets[Int(type) + 1]) {
        start[Int(atomFlat[position]) + 1] += 1
      }
    }
    for atom in 0..<atomCount { start[atom + 1] += start[atom] }
    var fill = start
    var list = [Int32](repeating: 0, count: Int(start[atomCount]))
    for (token, type) in types.enumerated() {
      for position in Int(atomOffsets[Int(type)])..<Int(atomOffsets[Int(type) + 1]) {
        let atom = Int(atomFlat[position])
        list[Int(fill[atom])] = Int32(token)
        fill[atom] += 1
      }
    }
    return (start, list)
  }
}
