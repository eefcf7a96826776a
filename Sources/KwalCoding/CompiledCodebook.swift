public import KwalModel
internal import KwalText
internal import Synchronization

/// A codebook compiled once for coding: every word-level pattern becomes an integer atom, rules
/// refer to atoms, and an index from atoms to rules lets a unit evaluate only the rules whose words
/// occur in it. The cost per token does not grow with the number of rules.
///
/// Immutable and shared by all workers; each worker matches through its own ``CodingContext``.
public final class CompiledCodebook: Sendable {
  /// The codebook as loaded.
  public let codebook: Codebook

  let atoms: [Atom]
  /// Normalised word → atoms of kind word.
  let wordAtoms: [String: [Int32]]
  /// Folded stem → atoms of kind stem.
  let stemAtoms: [String: [Int32]]
  /// Atoms that are tested against every new word type (globs, compounds, regexes).
  let scanAtoms: [Int32]
  /// The scan atoms by bytes every word they match holds (see ``ScanIndex``).
  let scanIndex: ScanIndex
  /// The scan atoms each normalised form matched, shared by the contexts of one run: a word
  /// type is scanned once, not once per worker (each worker keeps its own lexicon).
  let scanned = ScannedForms()
  /// Regexes that list words and wildcard words (`^(kosten|.*budget)$`): their wildcard words as
  /// globs (their plain words are in ``wordAtoms``); no regex engine runs for them.
  let regexGlobs: [Int32: [Glob]]
  /// Atom → the word lists (atoms of kind union) that hold it.
  let unionsOf: [Int32: [Int32]]
  let rules: [CompiledRule]
  /// The hot path's flat view of the codebook (integer arrays only; see ``RuleIndex``).
  let index: RuleIndex
  /// Exclusion patterns per code index.
  let excludes: [[CompiledPattern]]
  /// Code ids, by code index.
  public let codeIDs: [String]
  /// Rule ids, by rule index.
  public let ruleIDs: [String]
  let negationForms: Set<String>
  let normalizer: Normalizer
  /// The text of every compiled pattern, as the codebook writes it (`stem: overbruggen`).
  public let patternSources: [String]
  /// The rule coder's name, `auto:<name>@<version>`.
  public let coderName: String
  /// The unit kinds that some rule codes.
  let scopes: [UnitKind]
  /// The learned cues, compiled (nil without `learned:`). Their codings list rule
  /// ``learnedRule`` (the id `learned`, after the codebook's rules in ``ruleIDs``).
  let cues: CompiledCues?
  /// Per code: its executable exclusion criteria and its context (see ``CodeGuard``).
  let guards: [[CompiledGuard]]
  /// Whether any code has a guard.
  let hasGuards: Bool
  /// The rule index of the learned cues' codings.
  let learnedRule: Int32
  /// The rule index of codings that continue a code of the sentence before (``contextRuleID``).
  let contextRule: Int32
  /// Whether the rule index `rule` is the learned cues' (`learned` or `learned-context`), not a
  /// rule of the codebook's.
  public func isLearned(rule: Int32) -> Bool { cues != nil && (rule == learnedRule || rule == contextRule) }

  /// The learned cues' probability of a coding on the calibrated scale of the threshold (see
  /// ``LearnedCues/calibration``), or nil when the cues gave none.
  public func cueProbability(of coding: FoundCoding) -> Double? {
    guard let raw = coding.cueProbability, let cues else { return nil }
    return LearnedCues.interpolate(raw, cues.calibration)
  }

  /// Whether the pattern index `pattern` (``FoundMatch/pattern``) is a learned cue's, not a rule pattern's.
  public func isCue(pattern: Int32) -> Bool { cues.map { pattern >= $0.sourceBase } ?? false }

  /// The rule ids of the learned cues' codings: reached the threshold, or continued a code of the
  /// sentence before (see ``LearnedCues/continuation``). A codebook's rules may not use them.
  public static let learnedRuleID = "learned"
  public static let contextRuleID = "learned-context"

  /// Compiles `codebook`.
  public init(_ codebook: Codebook) {
    self.codebook = codebook
    let policy = codebook.policy
    let normalizer = Normalizer(foldsCase: policy.caseFolding, foldsDiacritics: policy.diacriticFolding)
    self.normalizer = normalizer
    let stemmer = Stemmer(algorithm: "dutch")
    var builder = AtomBuilder(normalizer: normalizer, stemmer: stemmer)
    var rules: [CompiledRule] = []
    var codeIDs: [String] = []
    var excludes: [[CompiledPattern]] = []
    var guards: [[CompiledGuard]] = []
    var guardCount: Int32 = 0
    // The codebook's domain is one guard, however many codes ask for it (its checks are shared).
    var domainGuard: CompiledGuard?
    // A criterion several codes share (the codebook's own) is compiled once: one id, so it is
    // looked for once per passage whatever the number of codes.
    var exclusions: [CodeGuard: CompiledGuard] = [:]
    func compileGuard(_ guarded: CodeGuard, isContext: Bool) -> CompiledGuard {
      if isContext, guarded == codebook.domain, let domainGuard { return domainGuard }
      if !isContext, let known = exclusions[guarded] { return known }
      let compiled = CompiledGuard(
        id: guardCount, isContext: isContext, scope: guarded.scope,
        patterns: guarded.patterns.map { builder.compile($0) }, criterion: guarded.criterion)
      guardCount += 1
      if isContext, guarded == codebook.domain { domainGuard = compiled }
      if !isContext { exclusions[guarded] = compiled }
      return compiled
    }
    for (codeIndex, code) in codebook.codes.enumerated() {
      codeIDs.append(code.id)
      excludes.append(code.excludePatterns.map { builder.compile($0) })
      guards.append(
        code.excludeGuards.map { compileGuard($0, isContext: false) }
          + (code.context.map { [compileGuard($0, isContext: true)] } ?? []))
      for rule in code.rules {
        rules.append(
          CompiledRule(
            id: rule.id, code: Int32(codeIndex), any: rule.any.map { builder.compile($0) },
            all: rule.all.map { builder.compile($0) }, none: rule.none.map { builder.compile($0) },
            scope: rule.scope, negation: rule.negation, filter: rule.filter,
            segmentMask: rule.filter.segmentKinds.reduce(0) { $0 | SegmentMask.bit($1) },
            roleMask: CompiledRule.roleMask(roles: rule.filter.roles, excluded: policy.excludeRoles)))
      }
    }
    // How many word types an atom is likely to match: the first guess at which atoms are rare,
    // before any text is seen (a context refines it with the frequencies it observes).
    let breadth = builder.atoms.map { atom -> Int in
      switch atom {
      case .word, .stem, .compound: return 1
      case .glob: return 8
      case .regex, .union: return -1
      }
    }.enumerated().map { id, breadth in breadth >= 0 ? breadth : builder.regexBreadth[Int32(id)] ?? 50 }
    self.atoms = builder.atoms
    self.wordAtoms = builder.wordAtoms
    self.stemAtoms = builder.stemAtoms
    self.scanAtoms = builder.scanAtoms
    self.scanIndex = ScanIndex(scanAtoms: builder.scanAtoms, atoms: builder.atoms, regexGlobs: builder.regexGlobs)
    self.regexGlobs = builder.regexGlobs
    self.unionsOf = builder.unionsOf
    var sources = builder.sources
    var ruleIDs = rules.map(\.id)
    self.learnedRule = Int32(rules.count)
    self.contextRule = Int32(rules.count + 1)
    if let learned = codebook.learned {
      let cues = CompiledCues(
        learned, codeIDs: codeIDs, sourceBase: sources.count,
        roleMask: CompiledRule.roleMask(roles: [], excluded: policy.excludeRoles))
      sources += cues.featureNames.map { "learned: \($0)" }
      ruleIDs.append(Self.learnedRuleID)
      ruleIDs.append(Self.contextRuleID)
      self.cues = cues
    } else {
      self.cues = nil
    }
    self.patternSources = sources
    self.coderName = codebook.info.coderName
    self.rules = rules
    self.ruleIDs = ruleIDs
    self.index = RuleIndex(rules: rules, atomCount: builder.atoms.count, breadth: breadth)
    self.excludes = excludes
    self.guards = guards
    self.hasGuards = guards.contains { !$0.isEmpty }
    self.codeIDs = codeIDs
    self.negationForms = Set(policy.negations.map { normalizer.normalize($0) })
    var used = Set(rules.map(\.scope))
    if codebook.learned != nil { used.insert(.sentence) }
    self.scopes = [UnitKind.sentence, .paragraph, .turn, .agendaItem, .document].filter { used.contains($0) }
  }

  /// The number of distinct word-level patterns (atoms) after compilation.
  public var atomCount: Int { atoms.count }
  /// The number of rules.
  public var ruleCount: Int { rules.count }
}

/// The codebook flattened into integer arrays for the per-unit loop: which rules an atom
/// triggers, each rule's scope, and the atoms a unit must hold for a rule to have a chance.
/// Reading it costs no reference counting per rule.
struct RuleIndex: Sendable {
  /// The number of atoms.
  let atomCount: Int
  /// How many word types each atom is likely to match: the frequencies assumed before any text
  /// is seen.
  let breadth: [Int]
  /// The scope of every rule.
  let scope: [UnitKind]
  /// Atoms that must all occur for rule `r` (from its `all` patterns):
  /// `required[requiredStart[r]..<requiredStart[r + 1]]`.
  let requiredStart: [Int32]
  let required: [Int32]
  /// Rule `r`'s `any` patterns as groups `groupStart[r]..<groupStart[r + 1]`; group `g` needs all
  /// of `groupAtoms[groupAtomStart[g]..<groupAtomStart[g + 1]]`. A rule with groups needs one.
  let groupStart: [Int32]
  let groupAtomStart: [Int32]
  let groupAtoms: [Int32]

  init(rules: [CompiledRule], atomCount: Int, breadth: [Int]) {
    var requiredStart: [Int32] = [0]
    var required: [Int32] = []
    var groupStart: [Int32] = [0]
    var groupAtomStart: [Int32] = [0]
    var groupAtoms: [Int32] = []
    for rule in rules {
      var needed: [Int32] = []
      for pattern in rule.all { pattern.requiredAtoms(into: &needed) }
      required.append(contentsOf: Set(needed).sorted())
      requiredStart.append(Int32(required.count))
      for pattern in rule.any {
        var group: [Int32] = []
        pattern.requiredAtoms(into: &group)
        groupAtoms.append(contentsOf: Set(group).sorted())
        groupAtomStart.append(Int32(groupAtoms.count))
      }
      groupStart.append(Int32(groupAtomStart.count - 1))
    }
    self.atomCount = atomCount
    self.scope = rules.map(\.scope)
    self.requiredStart = requiredStart
    self.required = required
    self.groupStart = groupStart
    self.groupAtomStart = groupAtomStart
    self.groupAtoms = groupAtoms
    self.breadth = breadth
  }

  /// Every rule under its triggers: the least frequent atom it requires, or the least frequent
  /// atom of each `any` group, whichever is rarer in all (a rule without `all` patterns has only
  /// the second choice). Either choice finds every rule that can fire (a rule fires only where
  /// all its required atoms, and all of one group's, occur); rare triggers make fewer candidates
  /// to test. Rules triggered by atom `a` are `rules[start[a]..<start[a + 1]]`; with `scope`, only
  /// the rules of that scope are listed.
  func triggers(frequency: [Int], scope: UnitKind? = nil) -> (start: [Int32], rules: [Int32]) {
    func rarest(_ atoms: ArraySlice<Int32>) -> Int32? {
      atoms.min { (frequency[Int($0)], $0) < (frequency[Int($1)], $1) }
    }
    var byAtom = [[Int32]](repeating: [], count: atomCount)
    var groupTriggers: [Int32] = []
    for rule in 0..<self.scope.count where scope == nil || self.scope[rule] == scope {
      groupTriggers.removeAll(keepingCapacity: true)
      var groupCost = 0
      for group in Int(groupStart[rule])..<Int(groupStart[rule + 1]) {
        let atoms = groupAtoms[Int(groupAtomStart[group])..<Int(groupAtomStart[group + 1])]
        guard let atom = rarest(atoms) else {
          // A group without words cannot be found by its words: only the required atom can.
          groupCost = Int.max
          break
        }
        if !groupTriggers.contains(atom) {
          groupTriggers.append(atom)
          groupCost &+= frequency[Int(atom)]
        }
      }
      let needed = required[Int(requiredStart[rule])..<Int(requiredStart[rule + 1])]
      if let atom = rarest(needed), groupTriggers.isEmpty || groupCost == Int.max || frequency[Int(atom)] <= groupCost {
        byAtom[Int(atom)].append(Int32(rule))
        continue
      }
      for atom in groupTriggers { byAtom[Int(atom)].append(Int32(rule)) }
    }
    var start: [Int32] = [0]
    var rules: [Int32] = []
    for list in byAtom {
      rules.append(contentsOf: list)
      start.append(Int32(rules.count))
    }
    return (start, rules)
  }
}

/// A word-level pattern.
enum Atom: Sendable, Hashable {
  case word(String)
  case stem(String)
  case glob(Glob, source: String)
  case compound(String)
  case regex(String)
  /// Any of these atoms (a word list): a type holds it when it holds one of them.
  case union([Int32])
}

/// A pattern over atoms.
indirect enum CompiledPattern: Sendable, Hashable {
  case atom(Int32, source: Int32)
  /// Phrase elements: an atom, or a gap of min...max tokens (as atom -1 with bounds).
  case phrase([PhraseStep], source: Int32)
  case near([CompiledPattern], within: Int, ordered: Bool, source: Int32)

  /// Appends the atoms that must occur wherever the pattern matches: the atom; a phrase's words;
  /// every part's required atoms for a near pattern.
  func requiredAtoms(into atoms: inout [Int32]) {
    switch self {
    case .atom(let atom, _): atoms.append(atom)
    case .phrase(let steps, _):
      for step in steps { if case .word(let atom) = step { atoms.append(atom) } }
    case .near(let parts, _, _, _):
      for part in parts { part.requiredAtoms(into: &atoms) }
    }
  }

  /// The index of the pattern's text (as the codebook writes it) in ``CompiledCodebook/sources``.
  var source: Int32 {
    switch self {
    case .atom(_, let source), .phrase(_, let source), .near(_, _, _, let source): return source
    }
  }
}

/// One step of a compiled phrase.
enum PhraseStep: Sendable, Hashable {
  case word(Int32)
  case gap(min: Int, max: Int)
}

/// A rule with its patterns compiled (a class, so that handing one around costs one reference).
final class CompiledRule: Sendable {
  let id: String
  let code: Int32
  let any: [CompiledPattern]
  let all: [CompiledPattern]
  let none: [CompiledPattern]
  let scope: UnitKind
  let negation: Bool
  let filter: RuleFilter
  let segmentMask: UInt32
  /// Bit `roleCode(role)` is set when words of that role count for the rule.
  let roleMask: UInt8

  /// A role as a small number (0 for words outside any speaker turn with a known role).
  static func roleCode(_ role: SpeakerRole?) -> UInt8 {
    switch role {
    case .interviewer: return 1
    case .respondent: return 2
    case .chair: return 3
    case .member: return 4
    case .minister: return 5
    case .executive: return 6
    case nil: return 0
    }
  }

  init(
    id: String, code: Int32, any: [CompiledPattern], all: [CompiledPattern], none: [CompiledPattern], scope: UnitKind,
    negation: Bool, filter: RuleFilter, segmentMask: UInt32, roleMask: UInt8
  ) {
    self.id = id
    self.code = code
    self.any = any
    self.all = all
    self.none = none
    self.scope = scope
    self.negation = negation
    self.filter = filter
    self.segmentMask = segmentMask
    self.roleMask = roleMask
  }

  /// The words that count: those of the rule's roles when it names any (words outside a known
  /// role's turn never do then), else all but those of the codebook's excluded roles.
  static func roleMask(roles: [SpeakerRole], excluded: [SpeakerRole]) -> UInt8 {
    var mask: UInt8 = 0
    for role in [SpeakerRole?.none] + SpeakerRole.allCases.map(Optional.some) {
      let counts =
        roles.isEmpty ? role.map { !excluded.contains($0) } ?? true : role.map { roles.contains($0) } ?? false
      if counts { mask |= 1 << roleCode(role) }
    }
    return mask
  }
}

/// Bits for segment kinds.
enum SegmentMask {
  static func bit(_ kind: SegmentKind) -> UInt32 {
    guard let index = SegmentKind.allCases.firstIndex(of: kind) else { return 0 }
    return 1 << UInt32(index)
  }
}

/// Interns word-level patterns while compiling.
struct AtomBuilder {
  let normalizer: Normalizer
  let stemmer: Stemmer?
  var atoms: [Atom] = []
  var index: [Atom: Int32] = [:]
  var wordAtoms: [String: [Int32]] = [:]
  var stemAtoms: [String: [Int32]] = [:]
  var scanAtoms: [Int32] = []
  var regexGlobs: [Int32: [Glob]] = [:]
  var unionsOf: [Int32: [Int32]] = [:]
  /// How many words a regex that lists words, or a word list, stands for (globs count 8), by atom.
  var regexBreadth: [Int32: Int] = [:]
  var sources: [String] = []
  var sourceIndex: [String: Int32] = [:]
  /// Splits a phrase's written words as the text will be split (made once: building its
  /// abbreviation tables is not free).
  let tokenizer = Tokenizer()

  init(normalizer: Normalizer, stemmer: Stemmer?) {
    self.normalizer = normalizer
    self.stemmer = stemmer
  }

  func stemKey(_ word: String) -> String {
    let lower = Normalizer.foldCase(word)
    let stem = stemmer?.stem(lower) ?? lower
    return normalizer.normalize(stem)
  }

  mutating func intern(_ atom: Atom) -> Int32 {
    if let id = index[atom] { return id }
    let id = Int32(atoms.count)
    atoms.append(atom)
    index[atom] = id
    switch atom {
    case .word(let form): wordAtoms[form, default: []].append(id)
    case .stem(let key): stemAtoms[key, default: []].append(id)
    case .regex(let source):
      // A regex that only lists words (`^(kosten|geld)$`) is a set of words: matched by lookup,
      // not by running the regex on every word type; its wildcard words (`.*budget`) are globs.
      if let (words, globs) = Self.wordAlternatives(source) {
        regexBreadth[id] = words.count + 8 * globs.count
        // Once per word, though the regex may list a word twice: a type holds an atom at most
        // once (else the atom index would give its tokens twice).
        for word in words where wordAtoms[word]?.last != id { wordAtoms[word, default: []].append(id) }
        if !globs.isEmpty {
          regexGlobs[id] = globs.map { Glob($0) }
          scanAtoms.append(id)
        }
      } else if let words = Self.expandedWords(source) {
        // A regex whose every match can be listed (`^(gezamenlijke?)(doel|doelen)$`, `^(1|één)$`)
        // is the list of those words.
        regexBreadth[id] = words.count
        for word in words where wordAtoms[word]?.last != id { wordAtoms[word, default: []].append(id) }
      } else {
        scanAtoms.append(id)
      }
    case .glob, .compound: scanAtoms.append(id)
    case .union(let members):
      // As broad as its members together; found on a type after its members (no scan of its own).
      regexBreadth[id] = members.reduce(0) { total, member in
        switch atoms[Int(member)] {
        case .word, .stem, .compound: return total + 1
        case .glob: return total + 8
        case .regex, .union: return total + (regexBreadth[member] ?? 50)
        }
      }
      for member in members where unionsOf[member]?.last != id { unionsOf[member, default: []].append(id) }
    }
    return id
  }

  /// The words of a regex that only lists words, anchored or not (`^(a|b)$`, `a|b`, `^a$`),
  /// split into plain words and wildcard words as globs: `.*` becomes `*` and `.+` becomes `?*`
  /// (`.*budget` is `*budget`, `beslis.*bevoegdheid` is `beslis*bevoegdheid`); a letter followed
  /// by `?` is optional (`uniforme?`), and an alternative with a space, which no word matches, is
  /// left out. Nil for any other regex. A word holds letters, `-` and `'` only.
  static func wordAlternatives(_ source: String) -> (words: [String], globs: [String])? {
    var body = Substring(source)
    if body.hasPrefix("^") { body = body.dropFirst() }
    if body.hasSuffix("$") { body = body.dropLast() }
    if body.hasPrefix("(?:") && body.hasSuffix(")") {
      body = body.dropFirst(3).dropLast()
    } else if body.hasPrefix("(") && body.hasSuffix(")") {
      body = body.dropFirst().dropLast()
    }
    var words: [String] = []
    var globs: [String] = []
    alternatives: for alternative in body.split(separator: "|", omittingEmptySubsequences: false) {
      // Each alternative as the words (or globs) it stands for: a letter followed by `?` may be
      // left out (`uniforme?` is `uniform` and `uniforme`).
      var variants = [""]
      var letters = 0
      var wildcard = false
      var rest = alternative.unicodeScalars[...]
      while let scalar = rest.first {
        if Self.isWordScalar(scalar) {
          letters += 1
          rest = rest.dropFirst()
          let optional = rest.first == "?"
          if optional { rest = rest.dropFirst() }
          Self.extend(&variants, with: scalar, optional: optional)
          guard variants.count <= 64 else { return nil }
        } else if scalar == ".", rest.dropFirst().first == "*" || rest.dropFirst().first == "+" {
          let piece = rest.dropFirst().first == "*" ? "*" : "?*"
          variants = variants.map { $0 + piece }
          wildcard = true
          rest = rest.dropFirst(2)
        } else if scalar == " " {
          // Words hold no spaces: an alternative with one never matches a word.
          continue alternatives
        } else {
          return nil
        }
      }
      guard letters > 0 else { return nil }
      if wildcard { globs += variants } else { words += variants.filter { !$0.isEmpty } }
    }
    return words.isEmpty && globs.isEmpty ? nil : (words, globs)
  }

  /// Every word a regex matches as a whole word, when the regex is a sequence of literal letters
  /// and digits (each optional with `?`) and groups of such alternatives (`(a|b)`, `(?:a|b)`),
  /// anchored or not: `^(gezamenlijke?|collectieve?)(doel|doelen)$` is eight words. Nil for any
  /// other regex, and when it would list more than `limit` words.
  static func expandedWords(_ source: String, limit: Int = 4096) -> [String]? {
    var body = Substring(source).unicodeScalars[...]
    if body.first == "^" { body = body.dropFirst() }
    if body.last == "$" { body = body.dropLast() }
    func isLiteral(_ scalar: Unicode.Scalar) -> Bool {
      isWordScalar(scalar) || (scalar.value >= 0x30 && scalar.value <= 0x39)
    }
    /// The words of a run of literals, each optional when `?` follows it.
    func expand(_ run: Substring.UnicodeScalarView.SubSequence) -> [String]? {
      var words = [""]
      var rest = run
      while let scalar = rest.first {
        guard isLiteral(scalar) else { return nil }
        rest = rest.dropFirst()
        let optional = rest.first == "?"
        if optional { rest = rest.dropFirst() }
        Self.extend(&words, with: scalar, optional: optional)
        guard words.count <= limit else { return nil }
      }
      return words
    }
    var words = [""]
    while !body.isEmpty {
      var choices: [String] = []
      if body.first == "(" {
        body = body.dropFirst()
        if body.starts(with: "?:".unicodeScalars) { body = body.dropFirst(2) }
        guard let close = body.firstIndex(of: ")") else { return nil }
        let inside = body[..<close]
        body = body[body.index(after: close)...]
        // A quantifier on a group, or a group inside a group, is not a list.
        guard body.first != "?", body.first != "*", body.first != "+", body.first != "{",
          !inside.contains("(")
        else { return nil }
        for alternative in inside.split(separator: "|", omittingEmptySubsequences: false) {
          guard let expanded = expand(alternative) else { return nil }
          choices += expanded
        }
      } else {
        let run = body.prefix { $0 != "(" }
        body = body.dropFirst(run.count)
        guard let expanded = expand(run) else { return nil }
        choices = expanded
      }
      words = words.flatMap { word in choices.map { word + $0 } }
      guard words.count <= limit else { return nil }
    }
    var seen = Set<String>()
    let listed = words.filter { !$0.isEmpty && seen.insert($0).inserted }
    return listed.isEmpty || words.contains("") ? nil : listed
  }

  /// Each of `words` followed by `scalar` and, when the scalar is optional (`e?`), each as it is
  /// too: the words a regex's letters stand for, one letter at a time.
  static func extend(_ words: [String], with scalar: Unicode.Scalar, optional: Bool) -> [String] {
    var words = words
    extend(&words, with: scalar, optional: optional)
    return words
  }

  /// ``extend(_:with:optional:)`` in place: a letter that must follow is appended to each word
  /// as it stands (no new array per letter; codebooks hold thousands of listed words).
  static func extend(_ words: inout [String], with scalar: Unicode.Scalar, optional: Bool) {
    guard optional else {
      for index in words.indices { words[index].unicodeScalars.append(scalar) }
      return
    }
    var result: [String] = []
    result.reserveCapacity(words.count * 2)
    for word in words {
      var longer = word
      longer.unicodeScalars.append(scalar)
      result.append(word)
      result.append(longer)
    }
    words = result
  }

  /// A letter, `-` or `'` (ASCII without a Unicode property lookup: codebooks hold thousands).
  @inline(__always)
  static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value < 0x80 {
      return (value | 0x20) &- 0x61 < 26 || value == 0x2D || value == 0x27
    }
    return scalar.properties.isAlphabetic
  }

  /// Interns the text of a pattern for provenance; spans carry its index, not the string.
  mutating func describe(_ pattern: Pattern) -> Int32 {
    let text = pattern.description
    if let id = sourceIndex[text] { return id }
    let id = Int32(sources.count)
    sources.append(text)
    sourceIndex[text] = id
    return id
  }

  mutating func compile(_ pattern: Pattern) -> CompiledPattern {
    switch pattern {
    case .word(let word): return .atom(intern(.word(normalizer.normalize(word))), source: describe(pattern))
    case .stem(let word): return .atom(intern(.stem(stemKey(word))), source: describe(pattern))
    case .glob(let glob):
      return .atom(intern(.glob(Glob(normalizer.normalize(glob)), source: glob)), source: describe(pattern))
    case .compound(let part): return .atom(intern(.compound(normalizer.normalize(part))), source: describe(pattern))
    case .regex(let source): return .atom(intern(.regex(source)), source: describe(pattern))
    case .phrase(let elements):
      var steps: [PhraseStep] = []
      for element in elements {
        switch element {
        case .word(let word):
          // A written word may be several tokens (`'s avonds`): split it as the tokenizer does.
          for piece in tokenizer.tokenize(word).map({ word.utf8Slice($0.range) }) {
            steps.append(.word(intern(.word(normalizer.normalize(piece)))))
          }
        case .stem(let word): steps.append(.word(intern(.stem(stemKey(word)))))
        case .glob(let glob): steps.append(.word(intern(.glob(Glob(normalizer.normalize(glob)), source: glob))))
        case .gap(let min, let max): steps.append(.gap(min: min, max: max))
        }
      }
      return .phrase(steps, source: describe(pattern))
    case .near(let parts, let within, let ordered):
      return .near(parts.map { compile($0) }, within: within, ordered: ordered, source: describe(pattern))
    case .oneOf(let members):
      // The loader admits single-word members only; each is an atom of its own.
      let atoms = members.compactMap { member -> Int32? in
        guard case .atom(let atom, _) = compile(member) else { return nil }
        return atom
      }
      return .atom(intern(.union(atoms)), source: describe(pattern))
    }
  }
}

extension String {
  /// The text of a UTF-8 byte range of this string.
  func utf8Slice(_ range: Range<Int>) -> String {
    let bytes = Array(utf8)
    let lower = Swift.max(0, Swift.min(range.lowerBound, bytes.count))
    let upper = Swift.max(lower, Swift.min(range.upperBound, bytes.count))
    return String(decoding: bytes[lower..<upper], as: UTF8.self)
  }
}

/// A ``CodeGuard`` compiled: its patterns as the rules' are, and a number that is the same for
/// every code sharing it (the codebook's domain), so a passage is checked once.
struct CompiledGuard: Sendable, Hashable {
  let id: Int32
  /// A context (the code needs a hit) rather than an exclusion (a hit refuses the code).
  let isContext: Bool
  let scope: CodeGuard.Scope
  let patterns: [CompiledPattern]
  /// An exclusion's criterion in words (for `explain`).
  let criterion: String?

  /// The atoms of a guard whose patterns are all single words (stems, compounds, words): then a
  /// word type's atoms say at once whether it is a hit, with no matcher (nil otherwise).
  var wordAtoms: [Int32]? {
    var atoms: [Int32] = []
    for pattern in patterns {
      guard case .atom(let atom, _) = pattern else { return nil }
      atoms.append(atom)
    }
    return atoms
  }
}

/// Normalised word forms and the scan atoms they match (in ``CompiledCodebook/scanAtoms`` order),
/// behind a lock: workers look a new type up here before scanning it.
final class ScannedForms: Sendable {
  private let table = Mutex<[String: [Int32]]>([:])

  func atoms(of form: String) -> [Int32]? { table.withLock { $0[form] } }

  func store(_ atoms: [Int32], for form: String) { table.withLock { $0[form] = atoms } }
}
