public import KwalModel
internal import KwalText
internal import Foundation

/// A worker's matching state: its own lexicon (and stemmer) and, per word type, the atoms the type
/// satisfies, computed once per type.
///
/// Not thread-safe: give every worker its own context over the shared ``CompiledCodebook`` (it is
/// `Sendable` only so that a worker can be handed its context; never share one between threads).
public final class CodingContext: @unchecked Sendable {
  /// The compiled codebook.
  public let compiled: CompiledCodebook
  let lexicon: Lexicon
  let analyzer = TextAnalyzer()
  /// The atoms of every type, flattened: type `t` has `atomFlat[atomOffsets[t]..<atomOffsets[t + 1]]`.
  var atomOffsets: [Int32] = [0]
  var atomFlat: [Int32] = []
  private var typeIsNegation: [Bool] = []
  private var regexes: [Int32: Regex<AnyRegexOutput>] = [:]
  /// The compound patterns scanned, with their forms made once.
  private var compoundParts: [Int32: CompoundPart] = [:]
  /// Scratch: the scan atoms a new type may match (positions in ``CompiledCodebook/scanAtoms``).
  private var scanCandidates: [Int32] = []
  /// For every rule, the number of the last unit it became a candidate in (allocated once:
  /// read and written in the innermost loop without bounds checks).
  private let ruleStamp: UnsafeMutableBufferPointer<Int>
  private var stamp = 0
  /// Whether rules of one code that fire on the same unit make one coding (`overlap: merge`).
  private let mergesOverlaps: Bool
  /// Whether some rule filters by segment kind (else the tokens' segment kinds are not needed).
  private let usesSegmentKinds: Bool
  /// The rules with document-level filters (kind, case, attributes), checked per document.
  private let documentFiltered: [Int]
  /// The frequencies the triggers are chosen by (see ``RuleIndex/triggers(frequency:scope:)``):
  /// at first how many word types an atom may match, then the atom counts of the documents this
  /// context has seen. The choice changes the speed, never the result.
  private var triggerFrequency: [Int]
  /// Per scope (by ``UnitKind`` case index): which rules of the scope each atom triggers; built
  /// on first use, rebuilt when the frequencies change.
  private var triggerTables: [(start: [Int32], rules: [Int32])?] = Array(
    repeating: nil, count: UnitKind.allCases.count)
  /// Atom counts over the first documents (see ``learnFrequencies(_:)``).
  private var atomFrequency: [Int]
  private var documentsSeen = 0
  /// Per scope (by ``UnitKind`` case index), per word type: whether the type has an atom that
  /// triggers a rule of that scope. Recomputed when the triggers change, extended for new types.
  private var scopeTypeFlags: [[Bool]] = Array(repeating: [], count: UnitKind.allCases.count)
  /// Scratch arrays of ``evaluate(_:unit:number:state:segmentFilters:into:)``, kept between units.
  private var firedScratch: [FiredRule] = []
  private var spanScratch: [Span] = []
  private var probeScratch: [Span] = []
  /// Per word type: its stem's number in the learned cues, or -1 (see ``CompiledCues``).
  private(set) var typeCue: [Int32] = []
  /// Per word type, two entries: the features of its compound head and modifier in the learned
  /// cues, or -1 (see ``CompiledCues/partFeatures(of:)``).
  private(set) var typeParts: [Int32] = []
  /// Per word type (with learned cues): whether it is a Dutch stop word (see ``cueSpans(_:code:tokens:state:)``).
  private var typeIsStopWord: [Bool] = []
  /// Scratch of ``cueSpans(_:code:tokens:state:)``, kept between codings.
  private var cueCandidateScratch: [(rank: Double, span: Span)] = []
  /// Per document: whether a guard's patterns occur in a token range (guard id, range).
  var guardCache: [GuardCheck: Bool] = [:]
  /// Per document and guard scope (unit, paragraph, turn, document): the last token range
  /// looked at and the bits of the single-word guards its words match, so that the codes of one
  /// unit ask about it at the cost of a bit test.
  var wordGuardRanges: [(range: Range<Int>, bits: UInt64)?] = [nil, nil, nil, nil]
  /// Per document: the token ranges of its paragraphs and turns (ascending), and of the whole.
  var paragraphRanges: [Range<Int>] = []
  var turnRanges: [Range<Int>] = []
  var documentRange: Range<Int> = 0..<0
  /// Whether contexts apply (not to a codebook's examples: a lone sentence has no document).
  var contextsApply = true
  /// Per word type: a bit for each guard (id below 64) of single-word patterns that the type
  /// matches (see ``CompiledGuard/wordAtoms``), computed once per type.
  var typeGuardBits: [UInt64] = []
  /// The single-word guards' atoms, by guard id.
  lazy var guardWordAtoms: [Int32: Set<Int32>] = {
    var result: [Int32: Set<Int32>] = [:]
    for guards in compiled.guards {
      for guarded in guards where guarded.id < 64 {
        if let atoms = guarded.wordAtoms { result[guarded.id] = Set(atoms) }
      }
    }
    return result
  }()
  /// The learned cues' scorer.
  private let cueScorer: CueScorer?
  /// Per word type, its form number in the document being listed plus one (0: not listed);
  /// emptied again after each document (``wordForms(_:text:)``).
  var typeForm: [Int32] = []

  /// Creates a context.
  public init(_ compiled: CompiledCodebook) {
    self.compiled = compiled
    // Stems are wanted by stem patterns and the learned cues alone: a codebook without either
    // (the edited rules an incremental run asks about) leaves the stemmer out.
    self.lexicon = Lexicon(
      normalizer: compiled.normalizer, stemming: !compiled.stemAtoms.isEmpty || compiled.cues != nil)
    self.ruleStamp = UnsafeMutableBufferPointer<Int>.allocate(capacity: compiled.rules.count)
    ruleStamp.initialize(repeating: -1)
    self.triggerFrequency = compiled.index.breadth
    self.mergesOverlaps = compiled.codebook.policy.overlap == .merge
    self.usesSegmentKinds = compiled.rules.contains { $0.segmentMask != 0 }
    self.documentFiltered = compiled.rules.indices.filter { index in
      let filter = compiled.rules[index].filter
      return !filter.documentKinds.isEmpty || !filter.cases.isEmpty || !filter.attributes.isEmpty
    }
    self.atomFrequency = [Int](repeating: 0, count: compiled.index.atomCount)
    self.cueScorer = compiled.cues.map { CueScorer($0, codeCount: compiled.codeIDs.count) }
    // Only regexes that are scanned need compiling; lists of literal words are looked up.
    for atom in compiled.scanAtoms {
      if case .compound(let part) = compiled.atoms[Int(atom)] { compoundParts[atom] = CompoundPart(part) }
      guard compiled.regexGlobs[atom] == nil, case .regex(let source) = compiled.atoms[Int(atom)] else { continue }
      if let regex = try? Regex(source) { regexes[atom] = regex }
    }
  }

  deinit { ruleStamp.deallocate() }

  /// The longest word, in UTF-8 bytes, that globs, compounds, regexes and learned cues are tried
  /// on (Dutch words reach about 60 letters; URLs and e-mail addresses stay below this).
  public static let longestMatchedWord = 256

  // MARK: Per type

  private func prepareTypes() {
    let count = lexicon.typeCount
    guard atomOffsets.count - 1 < count else { return }
    let usesStems = !compiled.stemAtoms.isEmpty || compiled.cues != nil
    let stemmingNormalizer = compiled.normalizer
    for type in (atomOffsets.count - 1)..<count {
      let id = UInt32(type)
      let form = lexicon.normalized(id)
      var found: [Int32] = compiled.wordAtoms[form] ?? []
      let stemKey = usesStems ? stemmingNormalizer.normalize(lexicon.stem(id)) : ""
      if !compiled.stemAtoms.isEmpty {
        if let stems = compiled.stemAtoms[stemKey] { found.append(contentsOf: stems) }
        for variant in VerbForms.infinitiveCandidates(of: lexicon.lowercase(id)) {
          let key = stemmingNormalizer.normalize(lexicon.stem(of: variant))
          guard key != stemKey, let stems = compiled.stemAtoms[key] else { continue }
          for atom in stems where !found.contains(atom) { found.append(atom) }
        }
      }
      // A word beyond any Dutch word's length (a pasted blob, a base64 image, an emoji chain)
      // is matched only as a whole word: scanning patterns over it would cost its length for
      // every pattern, and a regex could backtrack without end.
      let isLong = form.utf8.count > Self.longestMatchedWord
      if !isLong {
        // What the form matches does not depend on what was found before: scanned once per run.
        let matched: [Int32]
        if let known = compiled.scanned.atoms(of: form) {
          matched = known
        } else {
          let scalars = Array(form.unicodeScalars)
          var characters: [Character]?
          // Only the atoms whose bytes the form holds can match it.
          compiled.scanIndex.candidates(form, into: &scanCandidates)
          var hits: [Int32] = []
          for position in scanCandidates {
            let atom = compiled.scanAtoms[Int(position)]
            if matches(atom, form, scalars, &characters) { hits.append(atom) }
          }
          matched = hits
          compiled.scanned.store(matched, for: form)
        }
        for atom in matched where !found.contains(atom) { found.append(atom) }
      }
      // The word lists that hold one of the type's atoms.
      if !compiled.unionsOf.isEmpty {
        for atom in found {
          for union in compiled.unionsOf[atom] ?? [] where !found.contains(union) { found.append(union) }
        }
      }
      atomFlat.append(contentsOf: found)
      atomOffsets.append(Int32(atomFlat.count))
      typeIsNegation.append(compiled.negationForms.contains(form))
      if let cues = compiled.cues {
        // Stop words are no cues (`dat`, `zou`, `we`): they say nothing about a code's sense.
        let isStopWord = DutchStopWords.words.contains(lexicon.lowercase(id))
        typeCue.append(isStopWord || isLong ? -1 : cues.stems[stemKey] ?? -1)
        let parts = isLong ? (head: Int32(-1), modifier: Int32(-1)) : cues.partFeatures(of: stemKey)
        typeParts.append(parts.head)
        typeParts.append(parts.modifier)
        typeIsStopWord.append(isStopWord)
      }
    }
  }

  /// Whether a scanned atom matches a type's normalised form (`scalars` is its scalars;
  /// `characters`, made when first needed, its characters).
  private func matches(
    _ atom: Int32, _ form: String, _ scalars: [Unicode.Scalar], _ characters: inout [Character]?
  ) -> Bool {
    func globMatches(_ glob: Glob) -> Bool {
      if let matched = glob.matches(scalars: scalars) { return matched }
      if characters == nil { characters = Array(form) }
      return glob.matches(characters ?? [])
    }
    switch compiled.atoms[Int(atom)] {
    case .glob(let glob, _): return globMatches(glob)
    case .compound(let part):
      return DutchCompounds.containsPart(compoundParts[atom] ?? CompoundPart(part), in: form)
    case .regex:
      if let globs = compiled.regexGlobs[atom] { return globs.contains { globMatches($0) } }
      guard let regex = regexes[atom] else { return false }
      return (try? regex.wholeMatch(in: form)) != nil
    case .word, .stem, .union: return false
    }
  }

  // MARK: Per document

  /// Codes one document.
  public func code(_ document: Document) -> DocumentCoding { code(document, applyingFilters: true) }

  func prepareTypesForExplain() { prepareTypes() }

  /// The per-token arrays the matcher reads: role, segment kinds and sentence of every token.
  func unitState(for analyzed: AnalyzedText, document: Document) -> UnitState {
    let tokens = analyzed.tokens
    var tokenRole = [UInt8](repeating: 0, count: tokens.count)
    var tokenKinds = [UInt32](repeating: 0, count: usesSegmentKinds ? tokens.count : 0)
    for segment in document.segments where usesSegmentKinds || segment.kind == .turn {
      let range = tokenRange(tokens, segment.range)
      if usesSegmentKinds {
        let bit = SegmentMask.bit(segment.kind)
        for token in range { tokenKinds[token] |= bit }
      }
      if segment.kind == .turn {
        let role = CompiledRule.roleCode(segment.role)
        if role != 0 { for token in range { tokenRole[token] = role } }
      }
    }
    return UnitState(
      tokens: tokens, types: analyzed.types, atomOffsets: atomOffsets, atomFlat: atomFlat,
      typeIsNegation: typeIsNegation,
      tokenRole: tokenRole, tokenKinds: tokenKinds, sentences: analyzed.sentences,
      window: compiled.codebook.policy.negationWindow, atomCount: compiled.atoms.count)
  }

  /// The triggers are rechosen after this many documents at most (by then the frequencies of a
  /// corpus's words are known well enough; counting stops).
  private static let learningDocuments = 256

  /// Counts the atoms of a document and, after 1, 4, 16, 64 and 256 documents, rechooses the
  /// triggers.
  private func learnFrequencies(_ types: [UInt32]) {
    guard documentsSeen < Self.learningDocuments else { return }
    var frequency = atomFrequency
    atomFrequency = []
    for type in types {
      for position in Int(atomOffsets[Int(type)])..<Int(atomOffsets[Int(type) + 1]) {
        frequency[Int(atomFlat[position])] += 1
      }
    }
    atomFrequency = frequency
    documentsSeen += 1
    if documentsSeen & (documentsSeen - 1) == 0 && documentsSeen.trailingZeroBitCount % 2 == 0 {
      triggerFrequency = atomFrequency
      triggerTables = Array(repeating: nil, count: UnitKind.allCases.count)
      scopeTypeFlags = Array(repeating: [], count: UnitKind.allCases.count)
    }
  }

  /// The trigger table of `scope` (see ``triggerTables``).
  private func triggerTable(for scope: UnitKind) -> (start: [Int32], rules: [Int32]) {
    let slot = UnitKind.allCases.firstIndex(of: scope) ?? 0
    if let table = triggerTables[slot] { return table }
    let table = compiled.index.triggers(frequency: triggerFrequency, scope: scope)
    triggerTables[slot] = table
    return table
  }

  /// Whether each word type triggers some rule of `scope` (see ``scopeTypeFlags``).
  private func typeFlags(for scope: UnitKind) -> [Bool] {
    let slot = UnitKind.allCases.firstIndex(of: scope) ?? 0
    var flags = scopeTypeFlags[slot]
    scopeTypeFlags[slot] = []
    let start = triggerTable(for: scope).start
    for type in flags.count..<(atomOffsets.count - 1) {
      flags.append(
        (Int(atomOffsets[type])..<Int(atomOffsets[type + 1])).contains { position in
          let atom = Int(atomFlat[position])
          return start[atom] != start[atom + 1]
        })
    }
    scopeTypeFlags[slot] = flags
    return flags
  }

  /// Codes one document; without filters, document, case, attribute and segment-kind filters
  /// are ignored (role filters still apply), as for codebook examples.
  func code(_ document: Document, applyingFilters: Bool) -> DocumentCoding {
    let blocks = Self.blocks(of: document)
    let analyzed = analyzer.analyze(document.text, blocks: blocks.map(\.range), lexicon: lexicon)
    prepareTypes()
    let tokens = analyzed.tokens
    let tokenCount = tokens.count
    let state = unitState(for: analyzed, document: document)
    learnFrequencies(analyzed.types)
    var turnUnits: [CodedUnit] = []
    var agendaUnits: [CodedUnit] = []
    for segment in document.segments where segment.kind == .turn || segment.kind == .agendaItem {
      let range = tokenRange(tokens, segment.range)
      if segment.kind == .turn {
        turnUnits.append(
          CodedUnit(kind: .turn, range: segment.range, speaker: segment.speaker, role: segment.role, tokens: range))
      } else {
        agendaUnits.append(CodedUnit(kind: .agendaItem, range: segment.range, tokens: range))
      }
    }
    // All units in one array, scope by scope (sentences, paragraphs, turns, agenda items, the
    // document); each scope is a slice of it.
    var units: [CodedUnit] = []
    units.reserveCapacity(analyzed.sentences.count + blocks.count + turnUnits.count + agendaUnits.count + 1)
    let turnsByStart = turnUnits.sorted { $0.range < $1.range }
    // The turn a byte is in: the last turn that starts at or before it, if it contains it. Bytes
    // come in ascending order per kind of unit, so a cursor sweeps the turns once.
    var cursor = 0
    func speaker(at byte: Int) -> (String?, SpeakerRole?) {
      while cursor < turnsByStart.count, turnsByStart[cursor].range.start <= byte { cursor += 1 }
      guard cursor > 0 else { return (nil, nil) }
      let turn = turnsByStart[cursor - 1]
      guard byte < max(turn.range.end, turn.range.start + 1) else { return (nil, nil) }
      return (turn.speaker, turn.role)
    }
    for (index, sentence) in analyzed.sentences.enumerated() where !sentence.isEmpty {
      let range = analyzed.sentenceRange(index)
      let (name, role) = speaker(at: range.start)
      units.append(CodedUnit(kind: .sentence, range: range, speaker: name, role: role, tokens: sentence))
    }
    let sentenceUnits = 0..<units.count
    // The block (paragraph) of every sentence, or -1: a sentence continues a code of the one
    // before only within one block.
    var sentenceBlock = [Int32](repeating: -1, count: sentenceUnits.count)
    if compiled.cues?.continuationCut != nil {
      var block = 0
      for index in sentenceUnits {
        let start = units[index].range.start
        while block < blocks.count, blocks[block].range.end <= start { block += 1 }
        if block < blocks.count, blocks[block].range.start <= start { sentenceBlock[index] = Int32(block) }
      }
    }
    cursor = 0
    var first = 0
    for block in blocks {
      // Blocks ascend and do not overlap: their token ranges are found by one sweep as well.
      while first < tokenCount, Int(tokens[first].start) < block.range.start { first += 1 }
      var end = first
      while end < tokenCount, Int(tokens[end].end) <= block.range.end { end += 1 }
      let (name, role) = speaker(at: block.range.start)
      units.append(CodedUnit(kind: .paragraph, range: block.range, speaker: name, role: role, tokens: first..<end))
    }
    let paragraphUnits = sentenceUnits.upperBound..<units.count
    units.append(contentsOf: turnUnits)
    let turnScope = paragraphUnits.upperBound..<units.count
    units.append(contentsOf: agendaUnits)
    let agendaScope = turnScope.upperBound..<units.count
    units.append(CodedUnit(kind: .document, range: Self.trimmed(document.text), tokens: 0..<tokenCount))
    let documentScope = agendaScope.upperBound..<units.count
    if compiled.hasGuards {
      contextsApply = applyingFilters
      guardCache.removeAll(keepingCapacity: true)
      for slot in wordGuardRanges.indices { wordGuardRanges[slot] = nil }
      paragraphRanges = units[paragraphUnits].map(\.tokens)
      turnRanges = units[turnScope].map(\.tokens).sorted { $0.lowerBound < $1.lowerBound }
      documentRange = 0..<tokenCount
    }

    // Rules active for this document (document-level filters).
    var active = [Bool](repeating: true, count: compiled.rules.count)
    for index in documentFiltered where applyingFilters {
      let filter = compiled.rules[index].filter
      if !filter.documentKinds.isEmpty && !filter.documentKinds.contains(document.kind) { active[index] = false }
      if !filter.cases.isEmpty && !filter.cases.contains(document.caseName) { active[index] = false }
      for (name, values) in filter.attributes {
        let value =
          name == "date" ? document.date : (name == "kind" ? document.kind.rawValue : document.attributes[name])
        if let value, values.contains(value) { continue }
        active[index] = false
      }
    }

    var found = FoundCodings()
    for scope in compiled.scopes {
      let scopeUnits: Range<Int>
      switch scope {
      case .sentence: scopeUnits = sentenceUnits
      case .paragraph: scopeUnits = paragraphUnits
      case .turn: scopeUnits = turnScope
      case .agendaItem: scopeUnits = agendaScope
      case .document: scopeUnits = documentScope
      case .segment: scopeUnits = 0..<0
      }
      codeUnits(
        units[scopeUnits], scope: scope, state: state, active: active, segmentFilters: applyingFilters,
        sentenceBlock: sentenceBlock, into: &found)
    }
    var words = 0
    var longWords = 0
    var firstLongWord: ByteRange?
    for token in tokens {
      if Int(token.end - token.start) > Self.longestMatchedWord {
        longWords += 1
        if firstLongWord == nil { firstLongWord = ByteRange(Int(token.start), Int(token.end)) }
      }
      if token.kind != .punctuation && token.kind != .symbol { words += 1 }
    }
    var coding = DocumentCoding(
      compiled: compiled, document: document.id, caseName: document.caseName, text: document.text,
      found: found.found, firedRules: found.rules, matched: found.matches, units: units, tokenCount: tokenCount,
      wordCount: words, sentenceCount: analyzed.sentences.count)
    coding.longWords = longWords
    coding.firstLongWord = firstLongWord
    coding.wordForms = wordForms(analyzed, text: document.text)
    return coding
  }

  /// Codes the units of one scope.
  private func codeUnits(
    _ units: ArraySlice<CodedUnit>, scope: UnitKind, state: UnitState, active: [Bool], segmentFilters: Bool,
    sentenceBlock: [Int32], into found: inout FoundCodings
  ) {
    // Local copies and buffer pointers while the loops run (no exclusivity checks, no bounds
    // checks, no reference counting per unit).
    let index = compiled.index
    let triggerTable = triggerTable(for: scope)
    let slots = state.atomSlots
    let stamps = ruleStamp
    var candidates: [Int32] = []
    // How many tokens before each token trigger a rule of this scope: a unit without any is
    // skipped at once (most units, for a scope with few rules).
    let flags = typeFlags(for: scope)
    // The codes the learned cues give each sentence, found before the candidate loop (which stays
    // small and tight): unit `i` of the slice gets `learned[learnedStart[i]..<learnedStart[i + 1]]`.
    // The codes whose cues reach only the continuation cut are `near[nearStart[i]..<nearStart[i + 1]]`:
    // unit `i` gets one of them when the sentence before, in the same block and turn, has it.
    var learnedStart: [Int32] = []
    var learned: [Int32] = []
    var nearStart: [Int32] = []
    var near: [Int32] = []
    // Every sentence's cue scores, code by code (`position * codes + code`).
    var sentenceScores: [Float] = []
    let codeCount = compiled.codeIDs.count
    if scope == .sentence, let scorer = cueScorer {
      learnedStart.reserveCapacity(units.count + 1)
      learnedStart.append(0)
      nearStart.reserveCapacity(units.count + 1)
      nearStart.append(0)
      sentenceScores.reserveCapacity(units.count * codeCount)
      for unit in units {
        let scored = scoreCues(scorer, unit.tokens, state, into: &learned, near: &near)
        learnedStart.append(Int32(learned.count))
        nearStart.append(Int32(near.count))
        // A sentence the cues did not score (an excluded role's) has no scores.
        if scored {
          sentenceScores.append(contentsOf: scorer.lastTotals)
        } else {
          sentenceScores.append(contentsOf: repeatElement(Float.nan, count: codeCount))
        }
      }
    }
    var carried: [Int32] = []
    var triggersBefore = [Int32](repeating: 0, count: state.types.count + 1)
    var running: Int32 = 0
    for (token, type) in state.types.enumerated() {
      if flags[Int(type)] { running += 1 }
      triggersBefore[token + 1] = running
    }
    LoopBuffers.with(state, triggerTable) { buffers in
      let (types, atomOffsets, atomFlat) = (buffers.types, buffers.atomOffsets, buffers.atomFlat)
      let (triggerStart, triggered) = (buffers.triggerStart, buffers.triggered)
      for unitIndex in units.indices {
        let unit = units[unitIndex]
        let position = unitIndex - units.startIndex
        let learnedCodes =
          learnedStart.isEmpty ? 0..<0 : Int(learnedStart[position])..<Int(learnedStart[position + 1])
        carried.removeAll(keepingCapacity: true)
        if !near.isEmpty, position > 0, nearStart[position] != nearStart[position + 1] {
          let block = sentenceBlock[unitIndex]
          if block >= 0, sentenceBlock[unitIndex - 1] == block, units[unitIndex - 1].speaker == unit.speaker {
            // The codings of the sentence before are the last ones found.
            let previous = Int32(unitIndex - 1)
            for code in near[Int(nearStart[position])..<Int(nearStart[position + 1])] {
              var entry = found.found.count - 1
              while entry >= 0, found.found[entry].unit == previous {
                if found.found[entry].code == code {
                  carried.append(code)
                  break
                }
                entry -= 1
              }
            }
          }
        }
        guard
          !learnedCodes.isEmpty || !carried.isEmpty
            || triggersBefore[unit.tokens.upperBound] != triggersBefore[unit.tokens.lowerBound]
        else { continue }
        // The atoms of the unit's words (stamped as present), and from them the rules that could
        // fire.
        state.unitNumber += 1
        let number = state.unitNumber
        stamp += 1
        let stamp = stamp
        candidates.removeAll(keepingCapacity: true)
        for token in unit.tokens {
          let type = Int(types[token])
          var next = Int(atomOffsets[type])
          let end = Int(atomOffsets[type + 1])
          while next < end {
            let atom = Int(atomFlat[next])
            next += 1
            if slots[atom].stamp == number {
              slots[atom].last = Int32(truncatingIfNeeded: token)
              continue
            }
            slots[atom] = AtomSlot(
              stamp: number, first: Int32(truncatingIfNeeded: token), last: Int32(truncatingIfNeeded: token))
            for position in Int(triggerStart[atom])..<Int(triggerStart[atom + 1]) {
              let rule = Int(triggered[position])
              guard stamps[rule] != stamp else { continue }
              stamps[rule] = stamp
              // The table lists this scope's rules only; the document filters next.
              guard active[rule] else { continue }
              candidates.append(Int32(rule))
            }
          }
        }
        // A cheap test next, once every atom of the unit is stamped: can every `all` pattern, and
        // some `any` pattern, match at all given the atoms present? Most candidates stop here.
        var kept = 0
        for candidate in candidates {
          let rule = Int(candidate)
          var ok = true
          for position in Int(index.requiredStart[rule])..<Int(index.requiredStart[rule + 1])
          where slots[Int(index.required[position])].stamp != number {
            ok = false
            break
          }
          if ok && index.groupStart[rule] != index.groupStart[rule + 1] {
            ok = false
            for group in Int(index.groupStart[rule])..<Int(index.groupStart[rule + 1]) {
              var all = true
              for position in Int(index.groupAtomStart[group])..<Int(index.groupAtomStart[group + 1])
              where slots[Int(index.groupAtoms[position])].stamp != number {
                all = false
                break
              }
              if all {
                ok = true
                break
              }
            }
          }
          if ok {
            candidates[kept] = candidate
            kept += 1
          }
        }
        guard kept > 0 || !learnedCodes.isEmpty || !carried.isEmpty else { continue }
        candidates.removeSubrange(kept...)
        candidates.sort()
        // The matcher reads the stamps through the state (``UnitState/mayMatch(_:)``).
        let scores =
          sentenceScores.isEmpty ? nil : sentenceScores[(position * codeCount)..<((position + 1) * codeCount)]
        evaluate(
          candidates, learned: learned[learnedCodes], carried: carried, unit: unit, number: Int32(unitIndex),
          state: state, segmentFilters: segmentFilters, cueScores: scores, into: &found)
      }
    }
  }

  /// Scores a sentence with the learned cues (see ``CueScorer``) and appends the codes it gets
  /// to `result`, and those it may continue from the sentence before to `near`.
  @discardableResult
  private func scoreCues(
    _ scorer: CueScorer, _ tokens: Range<Int>, _ state: UnitState, into result: inout [Int32], near: inout [Int32]
  ) -> Bool {
    guard !tokens.isEmpty, scorer.cues.roleMask & (1 << state.tokenRole[tokens.lowerBound]) != 0 else { return false }
    state.tokens.withUnsafeBufferPointer { kinds in
      state.types.withUnsafeBufferPointer { types in
        typeCue.withUnsafeBufferPointer { typeCue in
          typeParts.withUnsafeBufferPointer { typeParts in
            scorer.codes(
              tokens, kinds: kinds, types: types, typeCue: typeCue, typeParts: typeParts, into: &result, near: &near)
          }
        }
      }
    }
    return true
  }

  /// The words that made the learned cues give `code` to a sentence: the stretches of its three
  /// strongest cues for the code that do not overlap (each cue once, where it first occurs), in
  /// text order. Cues with a content word come before cues of stop words alone (`dat`, `we`),
  /// which also count but say little to a reader of the coding.
  func cueSpans(_ scorer: CueScorer, code: Int32, tokens: Range<Int>, state: UnitState) -> [Span] {
    let cues = scorer.cues
    var candidates = cueCandidateScratch
    cueCandidateScratch = []
    defer {
      candidates.removeAll(keepingCapacity: true)
      cueCandidateScratch = candidates
    }
    func consider(_ feature: Int32, _ first: Int, _ last: Int) {
      guard feature >= 0 else { return }
      let weight = cues.weight(feature, code: code)
      guard weight > 0 else { return }
      // Only cues with a content word are shown: a stop word (`dat`, `we`, `zou`) counts in the
      // score but tells a reader nothing.
      guard !typeIsStopWord[Int(state.types[first])] || !typeIsStopWord[Int(state.types[last])] else { return }
      candidates.append((weight, Span(first: first, last: last, source: cues.sourceBase + feature)))
    }
    var previous: (stem: Int32, token: Int)?
    for token in tokens where CueFeatures.counts(state.tokens[token].kind) {
      let type = Int(state.types[token])
      let stem = typeCue[type]
      if stem >= 0 { consider(cues.single[Int(stem)], token, token) }
      consider(typeParts[2 * type], token, token)
      consider(typeParts[2 * type + 1], token, token)
      guard stem >= 0 else {
        previous = nil
        continue
      }
      if let previous { consider(scorer.pair(previous.stem, stem), previous.token, token) }
      previous = (stem, token)
    }
    // Strongest first; ties and repeats of one cue: the earlier.
    candidates.sort { $0.rank != $1.rank ? $0.rank > $1.rank : $0.span.first < $1.span.first }
    var kept: [Span] = []
    for candidate in candidates where kept.count < 3 {
      let span = candidate.span
      if kept.contains(where: { $0.source == span.source || ($0.first <= span.last && span.first <= $0.last) }) {
        continue
      }
      kept.append(span)
    }
    return kept.sorted { ($0.first, $0.last) < ($1.first, $1.last) }
  }

  /// Evaluates the candidate rules of a unit (ascending), the codes the learned cues give it and
  /// those it continues from the sentence before (both ascending), and appends its codings.
  /// `number` is the unit's index in the document's units.
  private func evaluate(
    _ candidates: [Int32], learned: ArraySlice<Int32>, carried: [Int32], unit: CodedUnit, number: Int32,
    state: UnitState, segmentFilters: Bool, cueScores: ArraySlice<Float>?, into output: inout FoundCodings
  ) {
    // Scratch arrays of the context, taken out while in use (no allocation per unit).
    var fired = firedScratch
    var spans = spanScratch
    var probe = probeScratch
    firedScratch = []
    spanScratch = []
    probeScratch = []
    defer {
      fired.removeAll(keepingCapacity: true)
      spans.removeAll(keepingCapacity: true)
      probe.removeAll(keepingCapacity: true)
      firedScratch = fired
      spanScratch = spans
      probeScratch = probe
    }
    // Whether `pattern` has a hit (for `none` and exclusion patterns).
    func hasHit(_ matcher: UnitMatcher, _ pattern: CompiledPattern) -> Bool {
      probe.removeAll(keepingCapacity: true)
      matcher.hits(pattern, guardNegation: false, into: &probe)
      return !probe.isEmpty
    }
    // Fired rules per code, in rule order; each rule's spans are a range of `spans`.
    for ruleIndex in candidates {
      let rule = compiled.rules[Int(ruleIndex)]
      if segmentFilters && rule.segmentMask != 0 && state.tokenKinds[unit.tokens.lowerBound] & rule.segmentMask == 0 {
        continue
      }
      let matcher = UnitMatcher(state: state, unit: unit.tokens, rule: rule, oneSentence: unit.kind == .sentence)
      let mark = spans.count
      var ok = true
      if !rule.any.isEmpty {
        // Only the alternatives whose words all occur in the unit are looked for.
        for pattern in rule.any where state.mayMatch(pattern) {
          matcher.hits(pattern, guardNegation: rule.negation, into: &spans)
        }
        ok = spans.count > mark
      }
      if ok {
        for pattern in rule.all {
          let before = spans.count
          matcher.hits(pattern, guardNegation: rule.negation, into: &spans)
          if spans.count == before {
            ok = false
            break
          }
        }
      }
      if ok {
        for pattern in rule.none where state.mayMatch(pattern) && hasHit(matcher, pattern) {
          ok = false
          break
        }
      }
      if ok && !compiled.excludes[Int(rule.code)].isEmpty {
        let excluder = UnitMatcher(state: state, unit: unit.tokens, rule: nil, oneSentence: unit.kind == .sentence)
        for pattern in compiled.excludes[Int(rule.code)] where state.mayMatch(pattern) && hasHit(excluder, pattern) {
          ok = false
          break
        }
      }
      if ok {
        fired.append(FiredRule(code: rule.code, rule: ruleIndex, spans: Int32(mark)..<Int32(spans.count)))
      } else {
        spans.removeSubrange(mark...)
      }
    }
    if let scorer = cueScorer {
      func addCues(_ code: Int32, rule: Int32) {
        // A code's exclusion patterns hold for the learned cues as for its rules.
        if !compiled.excludes[Int(code)].isEmpty {
          let excluder = UnitMatcher(state: state, unit: unit.tokens, rule: nil, oneSentence: true)
          if compiled.excludes[Int(code)].contains(where: { state.mayMatch($0) && hasHit(excluder, $0) }) { return }
        }
        let mark = spans.count
        spans += cueSpans(scorer, code: code, tokens: unit.tokens, state: state)
        // A continued code needs words of its own ("Ja." continues nothing, whatever the bias).
        guard rule != compiled.contextRule || spans.count > mark else { return }
        fired.append(FiredRule(code: code, rule: rule, spans: Int32(mark)..<Int32(spans.count)))
      }
      for code in learned { addCues(code, rule: compiled.learnedRule) }
      for code in carried { addCues(code, rule: compiled.contextRule) }
    }
    // Exclusion criteria and contexts, per code, around the unit.
    if compiled.hasGuards && !fired.isEmpty {
      fired.removeAll { !passesGuards(code: $0.code, unit: unit, state: state) }
    }
    guard !fired.isEmpty else { return }
    // One coding per code (all its rules listed) under `overlap: merge`, else one per rule.
    if mergesOverlaps && fired.count > 1 {
      fired.sort { $0.code != $1.code ? $0.code < $1.code : $0.rule < $1.rule }
    }
    var start = 0
    while start < fired.count {
      var end = start + 1
      if mergesOverlaps {
        while end < fired.count && fired[end].code == fired[start].code { end += 1 }
      }
      // The spans of the code's rules, sorted, each once (sorting first keeps this n log n in a
      // unit with very many hits, such as an unpunctuated transcript).
      probe.removeAll(keepingCapacity: true)
      for item in fired[start..<end] {
        probe.append(contentsOf: spans[Int(item.spans.lowerBound)..<Int(item.spans.upperBound)])
      }
      probe.sort { ($0.first, $0.last, $0.source) < ($1.first, $1.last, $1.source) }
      var kept = 0
      for index in probe.indices where kept == 0 || probe[kept - 1] != probe[index] {
        probe[kept] = probe[index]
        kept += 1
      }
      probe.removeSubrange(kept...)
      let firstRule = Int32(output.rules.count)
      for item in fired[start..<end] { output.rules.append(item.rule) }
      let firstMatch = Int32(output.matches.count)
      for span in probe {
        output.matches.append(
          FoundMatch(
            range: ByteRange(Int(state.tokens[span.first].start), Int(state.tokens[span.last].end)),
            pattern: span.source))
      }
      output.found.append(
        FoundCoding(
          unit: number, code: fired[start].code, rules: firstRule..<Int32(output.rules.count),
          matches: firstMatch..<Int32(output.matches.count),
          cueScore: cueScores.map { $0[$0.startIndex + Int(fired[start].code)] } ?? .nan))
      start = end
    }
  }

}
