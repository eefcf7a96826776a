internal import Foundation
public import KwalModel
internal import KwalText

extension CodingContext {
  /// A one-turn document for an example or an explained text, said by `role`.
  func exampleDocument(_ text: String, role: SpeakerRole) -> Document {
    let range = ByteRange(0, text.utf8.count)
    var segments = [Segment(kind: .turn, range: range, speaker: role == .interviewer ? "I" : "R", role: role)]
    // Blank lines separate paragraphs, as in a plain-text document.
    let paragraphs = Self.paragraphs(Array(text.utf8))
    if paragraphs.count > 1 { segments += paragraphs.map { Segment(kind: .paragraph, range: $0) } }
    return Document(id: "example", kind: .interview, caseName: "", text: text, segments: segments)
  }

  /// The runs of lines with text between blank lines (a blank line holds spaces and tabs at most).
  static func paragraphs(_ bytes: [UInt8]) -> [ByteRange] {
    var result: [ByteRange] = []
    var start: Int?
    var lineStart = 0
    var lastEnd = 0
    for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x0A {
      let line = bytes[lineStart..<index]
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
        if let first = start { result.append(ByteRange(first, lastEnd)) }
        start = nil
      } else {
        if start == nil { start = lineStart }
        lastEnd = index
      }
      lineStart = index + 1
    }
    if let first = start { result.append(ByteRange(first, lastEnd)) }
    return result
  }

  /// Runs every example of the codebook. Examples are coded as one speaker turn (by a respondent
  /// unless the example names a role); document, case, attribute and segment-kind filters are
  /// not applied to examples, role filters are.
  public func testExamples() -> [ExampleResult] {
    var results: [ExampleResult] = []
    for spec in compiled.codebook.codes {
      for (positive, examples) in [(true, spec.positiveExamples), (false, spec.negativeExamples)] {
        for example in examples {
          let document = exampleDocument(example.text, role: example.role ?? .respondent)
          let coded = code(document, applyingFilters: false)
          results.append(
            ExampleResult(
              code: spec.id, positive: positive, text: example.text, location: example.location,
              actualCodes: Set(coded.codings.map(\.code)).sorted(),
              firedRules: Set(coded.codings.flatMap { coding in coding.rules.map { "\($0) → \(coding.code)" } })
                .sorted()))
        }
      }
    }
    return results
  }

  /// Explains, rule by rule, what happens on `text` said by `role`: the patterns that matched
  /// which words, and what kept a rule from firing (a missing `all` pattern, a `none` pattern,
  /// a negation, an exclusion pattern, the speaker's role).
  public func explain(_ text: String, role: SpeakerRole = .respondent) -> [RuleExplanation] {
    let document = exampleDocument(text, role: role)
    let coded = code(document, applyingFilters: false)
    let firedRules = Set(coded.codings.flatMap(\.rules))
    let analyzed = analyzer.analyze(text, lexicon: lexicon)
    prepareTypesForExplain()
    let state = unitState(for: analyzed, document: document)
    let bytes = Array(text.utf8)
    func words(_ spans: [Span]) -> String {
      // Each stretch once (a near pattern can reach one word from two anchors).
      var seen: Set<[Int]> = []
      return spans.filter { seen.insert([$0.first, $0.last]).inserted }.map { span in
        let start = Int(state.tokens[span.first].start)
        let end = Int(state.tokens[span.last].end)
        return "\"\(String(decoding: bytes[start..<end], as: UTF8.self))\""
      }.joined(separator: ", ")
    }
    var result: [RuleExplanation] = []
    let whole = 0..<analyzed.tokens.count
    state.markAtoms(whole)
    for rule in compiled.rules {
      let matcher = UnitMatcher(state: state, unit: whole, rule: rule)
      let plain = UnitMatcher(state: state, unit: whole, rule: nil)
      var reasons: [String] = []
      var touched = false
      // Patterns already said to match (counting or not): not "did not match" as well.
      var matchedSources: Set<Int32> = []
      for (label, patterns) in [("any", rule.any), ("all", rule.all), ("none", rule.none)] {
        for pattern in patterns {
          let raw = plain.hits(pattern, guardNegation: false)
          guard !raw.isEmpty else { continue }
          touched = true
          matchedSources.insert(pattern.source)
          let counted = matcher.hits(pattern, guardNegation: rule.negation && label != "none")
          if counted.isEmpty {
            let why =
              !matcher.hits(pattern, guardNegation: false).isEmpty ? "negated nearby" : "the speaker's role is excluded"
            reasons.append(
              "\(label) \(compiled.patternSources[Int(pattern.source)]) matched \(words(raw)) but does not count: \(why)"
            )
          } else {
            reasons.append("\(label) \(compiled.patternSources[Int(pattern.source)]) matched \(words(counted))")
          }
        }
      }
      guard touched else { continue }
      let fired = firedRules.contains(rule.id)
      if !fired {
        for pattern in rule.all
        where !matchedSources.contains(pattern.source) && matcher.hits(pattern, guardNegation: rule.negation).isEmpty {
          reasons.append("all \(compiled.patternSources[Int(pattern.source)]) did not match")
        }
        if !rule.any.isEmpty && rule.any.allSatisfy({ matcher.hits($0, guardNegation: rule.negation).isEmpty }) {
          reasons.append("no \"any\" pattern counts")
        }
        for pattern in compiled.excludes[Int(rule.code)] where !plain.hits(pattern, guardNegation: false).isEmpty {
          reasons.append(
            "exclusion pattern \(compiled.patternSources[Int(pattern.source)]) of \(compiled.codeIDs[Int(rule.code)]) matched"
          )
        }
        // An exclusion criterion whose patterns occur in the text (a lone text is its own
        // paragraph, turn and document, so every scope is the whole text).
        for guarded in compiled.guards[Int(rule.code)] where !guarded.isContext {
          let hits = guarded.patterns.flatMap { plain.hits($0, guardNegation: false) }
          guard !hits.isEmpty else { continue }
          reasons.append(
            "exclusion criterion \"\(guarded.criterion ?? "")\" of \(compiled.codeIDs[Int(rule.code)]) matched \(words(hits))"
          )
        }
      }
      result.append(
        RuleExplanation(rule: rule.id, code: compiled.codeIDs[Int(rule.code)], fired: fired, reasons: reasons))
    }
    if let cues = compiled.cues {
      result += explainCues(cues, state: state, sentences: analyzed.sentences, words: words, coded: coded.codings)
    }
    return result
  }

  /// The learned cues, sentence by sentence: every code whose probability comes within reach of
  /// the threshold (at least half of it), with the cues that count most either way.
  func explainCues(
    _ cues: CompiledCues, state: UnitState, sentences: [Range<Int>], words: ([Span]) -> String, coded: [Coding]
  ) -> [RuleExplanation] {
    var result: [RuleExplanation] = []
    let threshold = 1 / (1 + exp(-cues.cut))
    for sentence in sentences where !sentence.isEmpty {
      let allowed = cues.roleMask & (1 << state.tokenRole[sentence.lowerBound]) != 0
      // Each distinct cue of the sentence once, with where it first occurs.
      var seen: Set<Int32> = []
      var present: [(feature: Int32, span: Span)] = []
      var previous: (stem: Int32, token: Int)?
      for token in sentence where CueFeatures.counts(state.tokens[token].kind) {
        let type = Int(state.types[token])
        let stem = typeCue[type]
        for feature in [stem >= 0 ? cues.single[Int(stem)] : -1, typeParts[2 * type], typeParts[2 * type + 1]]
        where feature >= 0 && seen.insert(feature).inserted {
          present.append((feature, Span(first: token, last: token, source: 0)))
        }
        guard stem >= 0 else {
          previous = nil
          continue
        }
        if let previous {
          let pair = cues.pair(previous.stem, stem)
          if pair >= 0 && seen.insert(pair).inserted {
            present.append((pair, Span(first: previous.token, last: token, source: 0)))
          }
        }
        previous = (stem, token)
      }
      let start = Int(state.tokens[sentence.lowerBound].start)
      let end = Int(state.tokens[sentence.upperBound - 1].end)
      for (code, bias) in cues.bias.enumerated() {
        guard let bias else { continue }
        var contributions: [(weight: Double, feature: Int32, span: Span)] = []
        for item in present {
          for entry in Int(cues.featureStart[Int(item.feature)])..<Int(cues.featureStart[Int(item.feature) + 1])
          where Int(cues.entryCode[entry]) == code {
            contributions.append((cues.entryWeight[entry], item.feature, item.span))
          }
        }
        let score = contributions.reduce(bias) { $0 + $1.weight }
        // On the calibrated scale of the threshold (``LearnedCues/calibration``).
        let probability = LearnedCues.interpolate(1 / (1 + exp(-score)), cues.calibration)
        func codedBy(_ rule: String) -> Bool {
          coded.contains { coding in
            coding.code == compiled.codeIDs[code] && coding.rules.contains(rule) && coding.range.start <= start
              && coding.range.end >= end
          }
        }
        // Continued from the sentence before (see `LearnedCues.continuation`).
        let continued = allowed && score < cues.cut && codedBy(CompiledCodebook.contextRuleID)
        guard probability >= threshold / 2 || continued else { continue }
        let fired = continued || (allowed && score >= cues.cut && codedBy(CompiledCodebook.learnedRuleID))
        contributions.sort {
          abs($0.weight) != abs($1.weight) ? abs($0.weight) > abs($1.weight) : $0.feature < $1.feature
        }
        let strongest = contributions.prefix(6).map { item in
          "\(item.weight >= 0 ? "+" : "−")\(Self.decimals(abs(item.weight))) \(words([item.span])) (\(cues.featureNames[Int(item.feature)]))"
        }
        var reasons = [
          "sentence \(words([Span(first: sentence.lowerBound, last: sentence.upperBound - 1, source: 0)]))",
          "probability \(Self.decimals(probability)) (threshold \(Self.decimals(threshold))): bias \(Self.decimals(bias))"
            + (strongest.isEmpty ? "" : ", " + strongest.joined(separator: ", ")),
        ]
        if continued, let cut = cues.continuationCut {
          reasons.append(
            "continues the code of the sentence before it (same paragraph and turn): reaches \(Self.decimals(LearnedCues.interpolate(1 / (1 + exp(-cut)), cues.calibration))), the continuation"
          )
        }
        if !allowed { reasons.append("does not count: the speaker's role is excluded") }
        if allowed && score >= cues.cut && !fired { reasons.append("an exclusion pattern of the code matched") }
        result.append(
          RuleExplanation(
            rule: continued ? CompiledCodebook.contextRuleID : CompiledCodebook.learnedRuleID,
            code: compiled.codeIDs[code], fired: fired, reasons: reasons))
      }
    }
    return result
  }

  /// Two decimals, as explanations print weights and probabilities.
  static func decimals(_ value: Double) -> String {
    guard value.isFinite, abs(value) < 1e12 else { return "\(value)" }
    let hundredths = Int((value * 100).rounded())
    let fraction = abs(hundredths) % 100
    return "\(hundredths < 0 ? "-" : "")\(abs(hundredths) / 100).\(fraction < 10 ? "0" : "")\(fraction)"
  }
}

/// Warnings and notes about a codebook beyond what loading checks: codes without rules, rules
/// that shadow each other, patterns that can never match, codes without examples.
public enum CodebookLint {
  /// Lints a loaded codebook.
  public static func check(_ codebook: Codebook) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let tokenizer = Tokenizer()
    let file = SourceLocation(file: codebook.file)
    for code in codebook.codes {
      let here = code.location ?? file
      if code.definition.isCodable && code.rules.isEmpty {
        diagnostics.append(Diagnostic(.note, here, "code \"\(code.id)\" has no rules: it is for manual coding only"))
      }
      // An exclusion criterion in words alone is for human coders: the rules do not apply it.
      let executable = Set(code.excludeGuards.compactMap(\.criterion))
      let prose = code.definition.exclude.filter { !executable.contains($0) }
      if code.definition.isCodable && !code.rules.isEmpty && !prose.isEmpty {
        diagnostics.append(
          Diagnostic(
            .note, here,
            "code \"\(code.id)\": \(prose.count) exclusion criteria in words only (\"\(prose[0].prefix(40))\"…): "
              + "give each its patterns (text, scope, any) so that the rules apply it"))
      }
      if !code.rules.isEmpty && code.positiveExamples.isEmpty {
        diagnostics.append(
          Diagnostic(.warning, here, "code \"\(code.id)\" has rules but no positive examples to test them"))
      }
      for (index, rule) in code.rules.enumerated() {
        let ruleHere = rule.location ?? here
        for other in code.rules[..<index] {
          if rule.any == other.any && rule.all == other.all && rule.none == other.none && rule.scope == other.scope
            && rule.filter == other.filter && rule.negation == other.negation
          {
            diagnostics.append(Diagnostic(.warning, ruleHere, "rule \"\(rule.id)\" repeats rule \"\(other.id)\""))
          } else if !other.any.isEmpty && other.all.isEmpty && other.none.isEmpty && !other.negation
            && other.filter == RuleFilter() && other.scope == rule.scope && !rule.any.isEmpty
            && Set(rule.any).isSubset(of: Set(other.any))
          {
            diagnostics.append(
              Diagnostic(
                .warning, ruleHere,
                "rule \"\(rule.id)\" is shadowed by rule \"\(other.id)\": it can add no coding that \"\(other.id)\" does not make"
              ))
          }
        }
        for pattern in rule.any + rule.all + rule.none {
          for problem in neverMatches(pattern, tokenizer: tokenizer) {
            diagnostics.append(Diagnostic(.warning, ruleHere, "rule \"\(rule.id)\": \(problem)"))
          }
        }
      }
    }
    return diagnostics
  }

  static func neverMatches(_ pattern: Pattern, tokenizer: Tokenizer) -> [String] {
    func singleToken(_ word: String) -> Bool { tokenizer.tokenize(word).count == 1 }
    switch pattern {
    case .word(let word) where !singleToken(word):
      return ["\(pattern) can never match: the tokenizer cuts \"\(word)\" into several tokens (use a phrase)"]
    case .stem(let word) where !singleToken(word):
      return ["\(pattern) can never match: \"\(word)\" is not one word"]
    case .compound(let part) where !singleToken(part):
      return ["\(pattern) can never match: \"\(part)\" is not one word"]
    case .glob(let glob) where glob.contains(" "):
      return ["\(pattern) can never match: a glob matches one word and has no spaces"]
    case .near(let parts, let within, _):
      var problems = parts.flatMap { neverMatches($0, tokenizer: tokenizer) }
      if within < parts.count - 1 {
        problems.append("\(pattern) can never match: \(parts.count) parts do not fit in \(within) tokens")
      }
      return problems
    case .oneOf(let members):
      return members.flatMap { neverMatches($0, tokenizer: tokenizer) }
    default:
      return []
    }
  }
}
