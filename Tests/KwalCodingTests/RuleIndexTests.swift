@testable import KwalCoding
import KwalModel
import Testing

@Suite("The rule index")
struct RuleIndexTests {
  static let codes = """
      - id: postponing
        rules:
          - {id: later, any: ["naar het volgende overleg", {near: [{stem: schuiven}, {word: door}], within: 5}]}
          - {id: costs-later, all: [kosten, {stem: uitstellen}], none: [brug]}
      - id: costs
        rules:
          - {id: money, any: [kosten, geld, {regex: "^(euro|euros)$"}, "*budget*"]}
          - {id: both, all: [{word: de}, {word: kosten}, {word: van}]}
          - {id: mixed, all: [gemeente, kosten], any: [overbruggen, "de kloof"]}
      - id: mandate
        rules:
          - {id: back, any: [{near: [{word: terug}, {word: naar}, {word: achterban}], within: 6, ordered: true}]}
    """

  /// Whatever the frequencies say, every rule is triggered by an atom it cannot match without.
  @Test(arguments: 0..<4)
  func everyRuleIsTriggeredByAnAtomItNeeds(_ variant: Int) throws {
    let (codebook, _) = try Codebook.parse(codebookYAML(Self.codes), file: "t.yaml")
    let index = CompiledCodebook(codebook).index
    let frequency = (0..<index.atomCount).map { atom in
      switch variant {
      case 0: 0
      case 1: atom
      case 2: index.atomCount - atom
      default: (atom * 7919) % 13
      }
    }
    let (start, triggered) = index.triggers(frequency: frequency)
    var atomsOfRule: [Int: [Int32]] = [:]
    for atom in 0..<index.atomCount {
      for position in Int(start[atom])..<Int(start[atom + 1]) {
        atomsOfRule[Int(triggered[position]), default: []].append(Int32(atom))
      }
    }
    for rule in 0..<index.scope.count {
      let required = Set(index.required[Int(index.requiredStart[rule])..<Int(index.requiredStart[rule + 1])])
      let groups = (Int(index.groupStart[rule])..<Int(index.groupStart[rule + 1])).map { group in
        Set(index.groupAtoms[Int(index.groupAtomStart[group])..<Int(index.groupAtomStart[group + 1])])
      }
      let triggers = atomsOfRule[rule] ?? []
      #expect(!triggers.isEmpty, "rule \(rule)")
      let rarestRequired = required.min { (frequency[Int($0)], $0) < (frequency[Int($1)], $1) }
      if triggers.count == 1, let only = triggers.first, only == rarestRequired {
        // Under its rarest required atom; rarer than its groups' triggers together.
        continue
      }
      // Else one trigger in every `any` group, each the rarest of its group, and together no more
      // frequent than the rarest required atom.
      #expect(!groups.isEmpty, "rule \(rule)")
      for (number, atoms) in groups.enumerated() {
        #expect(triggers.contains { atoms.contains($0) }, "rule \(rule), group \(number)")
      }
      for trigger in triggers {
        #expect(groups.contains { $0.contains(trigger) }, "rule \(rule)")
      }
      if let rarestRequired {
        #expect(triggers.map { frequency[Int($0)] }.reduce(0, +) < frequency[Int(rarestRequired)], "rule \(rule)")
      }
    }
  }

  /// A rule with both `all` and `any` patterns waits under whichever is rarer: its rarest
  /// required word, or the rarest word of each `any` group.
  @Test func mixedRulesWaitUnderTheRarerChoice() throws {
    let (codebook, _) = try Codebook.parse(codebookYAML(Self.codes), file: "t.yaml")
    let compiled = CompiledCodebook(codebook)
    let index = compiled.index
    let mixed = Int32(try #require(compiled.ruleIDs.firstIndex(of: "mixed")))
    func triggers(_ frequency: [Int]) -> Set<Int32> {
      let (start, rules) = index.triggers(frequency: frequency)
      return Set(
        (0..<index.atomCount).filter { atom in
          rules[Int(start[atom])..<Int(start[atom + 1])].contains(mixed)
        }.map(Int32.init))
    }
    let required = Set(index.required[Int(index.requiredStart[Int(mixed)])..<Int(index.requiredStart[Int(mixed) + 1])])
    // Required words everywhere, the `any` words rare: the groups.
    let common = (0..<index.atomCount).map { required.contains(Int32($0)) ? 1000 : 1 }
    #expect(triggers(common).isDisjoint(with: required))
    #expect(triggers(common).count == 2)
    // Required words rare: one of them.
    let rare = (0..<index.atomCount).map { required.contains(Int32($0)) ? 1 : 1000 }
    #expect(triggers(rare).count == 1 && required.isSuperset(of: triggers(rare)))
  }

  /// A context rechooses its triggers from the words it has seen; what it codes stays the same.
  @Test func codingsDoNotDependOnWhatAContextSawBefore() throws {
    let (codebook, _) = try Codebook.parse(codebookYAML(Self.codes), file: "t.yaml")
    let compiled = CompiledCodebook(codebook)
    let probe = """
      De kosten van het project schuiven we door. Dat gaat terug naar de achterban. Het budget \
      was op, tien euro per rit. De kosten stellen we uit naar het volgende overleg.
      """
    func document(_ text: String, _ id: String) -> Document {
      Document(
        id: id, kind: .interview, caseName: "A", text: text,
        segments: [Segment(kind: .turn, range: ByteRange(0, text.utf8.count), speaker: "R", role: .respondent)])
    }
    let fresh = CodingContext(compiled).code(document(probe, "p.txt")).codings
    #expect(fresh.count >= 4)
    // Texts where `de`, `van` and `naar` are everywhere and `kosten` is rare, then the reverse:
    // the triggers move between them as the counts change (after 1, 4, 16, 64 and 256 texts).
    let seasoned = CodingContext(compiled)
    for number in 0..<300 {
      let text =
        number < 150
        ? "De man van de buurt liep naar de markt en van de markt naar huis, nummer \(number)."
        : "Kosten, kosten, geld en euro's; het budget en de kosten \(number)."
      _ = seasoned.code(document(text, "n\(number).txt"))
    }
    #expect(seasoned.code(document(probe, "p.txt")).codings == fresh)
  }

  /// Units longer than the scan limit find their words through the document's atom index.
  @Test func longUnitsMatchLikeShortOnes() throws {
    let codes = """
        - id: mandate
          rules:
            - id: back
              scope: document
              all: [{near: [{word: terug}, {word: achterban}], within: 4, ordered: true}, kosten]
      """
    let filler = String(repeating: "We praten en praten over van alles. ", count: 60)
    let text = filler + "De kosten gaan terug naar de achterban. " + filler
    let codings = try code(text, codes: codes)
    #expect(codings.count == 1)
    let words = codings.first?.matches.map { String(text.utf8Slice($0.range.start..<$0.range.end)) } ?? []
    #expect(words == ["kosten", "terug", "achterban"])
  }
}

/// Regexes that list words and wildcard words run as lookups and globs, not through a regex
/// engine; they must code what the regex means.
@Suite("Word-list regexes")
struct WordListRegexTests {
  @Test func wordsAndWildcardWordsAreSplit() throws {
    let split = try #require(AtomBuilder.wordAlternatives("^(kosten|.*budget|.+winkel|beslis.*bevoegdheid|geld)$"))
    #expect(split.words == ["kosten", "geld"])
    #expect(split.globs == ["*budget", "?*winkel", "beslis*bevoegdheid"])
    #expect(AtomBuilder.wordAlternatives("a|b")?.words == ["a", "b"])
    for other in ["^(?!lucht).*kwaliteit.*$", "^(zien aankomen)$", "^(.*)$", "^$", "[a-z]+", "^(a.*?)$"] {
      #expect(AtomBuilder.wordAlternatives(other) == nil, "\(other)")
    }
    // Optional letters and alternatives with a space (which no word matches).
    let mixed = try #require(AtomBuilder.wordAlternatives("^(standaard.*|uniforme?|te zien|centrale)$"))
    #expect(mixed.words == ["uniform", "uniforme", "centrale"])
    #expect(mixed.globs == ["standaard*"])
    let regex = try Regex("^(standaard.*|uniforme?|te zien|centrale)$")
    for word in ["uniform", "uniforme", "centrale", "standaardisatie", "uniformen", "zien", "centraal"] {
      let listed = mixed.words.contains(word) || mixed.globs.contains { Glob($0).matches(word) }
      #expect(listed == (try regex.wholeMatch(in: word) != nil), "\(word)")
    }
  }

  /// Regexes whose matches can be listed become the list, and the list is what the regex
  /// matches: every listed word matches it whole, and near misses do not.
  @Test func listableRegexesBecomeTheirWords() throws {
    let words = try #require(
      AtomBuilder.expandedWords("^(gemeenschappelijke?|collectieve?)(doel|doelen)$"))
    #expect(words.count == 8)
    #expect(AtomBuilder.expandedWords("^(een|één|1|jaar|af)$") == ["een", "één", "1", "jaar", "af"])
    #expect(AtomBuilder.expandedWords("^(gezamenlijke?)$") == ["gezamenlijk", "gezamenlijke"])
    #expect(AtomBuilder.expandedWords("co2|60") == nil)  // alternation outside a group: not handled here
    for other in ["^(.*)$", "^(de)?doel$", "^(a|(b|c))$", "^(?!lucht).*$", "^[a-z]+$", "^(a|)$", "^a+$"] {
      #expect(AtomBuilder.expandedWords(other) == nil, "\(other)")
    }
    for source in ["^(gemeenschappelijke?|collectieve?)(doel|doelen)$", "^(een|één|1|jaar|af)$", "^(?:co2|uitstoot)$"] {
      let regex = try Regex(source)
      let listed = try #require(AtomBuilder.expandedWords(source))
      for word in listed { #expect(try regex.wholeMatch(in: word) != nil, "\(word)") }
      for miss in ["gemeenschappelijkdoele", "collectiefdoel", "doel", "een1", "co", "uitstoten"]
      where !listed.contains(miss) {
        #expect(try regex.wholeMatch(in: miss) == nil, "\(miss)")
      }
    }
  }

  @Test func wildcardWordsCodeWhatTheRegexMeans() throws {
    let text = """
      Het projectbudget was op. De budgetten ook. Winkel en buurtwinkel. Beslisbevoegdheid, \
      beslissingsbevoegdheid en bevoegdheid. Kosten, geld en budget.
      """
    let alternatives = "kosten|.*budget|.+winkel|beslis.*bevoegdheid|geld"
    func words(_ regex: String) throws -> [String] {
      let codes = """
          - id: money
            rules: [{id: r, scope: document, any: [{regex: "\(regex)"}]}]
        """
      return try code(text, codes: codes).flatMap { coding in
        coding.matches.map { String(decoding: Array(text.utf8)[$0.range.start..<$0.range.end], as: UTF8.self) }
      }
    }
    // The same alternatives behind a lookahead that changes nothing: run by the regex engine.
    let engine = try words("^(?!zzz)(\(alternatives))$")
    #expect(
      engine == [
        "projectbudget", "buurtwinkel", "Beslisbevoegdheid", "beslissingsbevoegdheid", "Kosten", "geld", "budget",
      ])
    #expect(try words("^(\(alternatives))$") == engine)
  }
}

/// ``CodingContext/mayFire(codes:wordForms:)``: what an incremental run asks of a document it
/// would rather not read again after an edit of some codes' rules.
@Suite("Whether a code can fire in a document, from its words")
struct MayFireTests {
  static let texts = [
    "De kosten van de hub waren hoog. We schuiven het door naar het volgende overleg.",
    "Het projectbudget was op, dus dat hebben we uitgesteld.",
    "De gemeente sprak over de kloof; overbruggen lukte niet.",
    "Terug naar de achterban, zei ze.",
    "Op zondag wandelen we door de bossen.",
    "Kosten, kosten en nog eens kosten: maar uitstel kwam er niet, want de brug was klaar.",
    "Een woord van meer dan honderdachtentwintig letters: " + String(repeating: "budget", count: 30) + ".",
  ]

  /// Where `mayFire` says no for a code, coding the document gives the code no rule coding; and
  /// the words an earlier coding listed say the same in a context that never saw the text.
  @Test func noIsNeverWrong() throws {
    let (codebook, _) = try Codebook.parse(codebookYAML(RuleIndexTests.codes), file: "t.yaml")
    let compiled = CompiledCodebook(codebook)
    let coder = CodingContext(compiled)
    var saidNo = 0
    var saidYes = 0
    for text in Self.texts {
      let document = Document(
        id: "d.txt", kind: .document, caseName: "A", text: text,
        segments: [Segment(kind: .paragraph, range: ByteRange(0, text.utf8.count))])
      let coded = coder.code(document)
      #expect(!coded.wordForms.isEmpty)
      let fresh = CodingContext(compiled)
      for code in compiled.codeIDs {
        let fires = coded.codings.contains { $0.code == code }
        if fresh.mayFire(codes: [code], wordForms: coded.wordForms) {
          saidYes += 1
        } else {
          #expect(!fires, "mayFire said no for \(code), which fires in: \(text)")
          saidNo += 1
        }
        if fires { #expect(fresh.mayFire(codes: [code], wordForms: coded.wordForms)) }
      }
    }
    // Both answers occur: the check is not constant.
    #expect(saidNo > 5 && saidYes > 5)
  }

  @Test func theWordsOfADocumentAreEachListedOnce() throws {
    let (codebook, _) = try Codebook.parse(codebookYAML(RuleIndexTests.codes), file: "t.yaml")
    let context = CodingContext(CompiledCodebook(codebook))
    let long = "Budget" + String(repeating: "budget", count: 29)
    let text = "Kosten en kosten. \(long) kosten"
    let coded = context.code(
      Document(
        id: "d.txt", kind: .document, caseName: "A", text: text,
        segments: [Segment(kind: .paragraph, range: ByteRange(0, text.utf8.count))]))
    // The forms, each as its length (LEB128, two bytes for the 180-byte word) and its bytes;
    // then each sentence's forms by number.
    var expected: [UInt8] = [5]
    for form in ["Kosten", "en", "kosten", ".", long] {
      var length = form.utf8.count
      while length >= 0x80 {
        expected.append(UInt8(length & 0x7F) | 0x80)
        length >>= 7
      }
      expected.append(UInt8(length))
      expected.append(contentsOf: form.utf8)
    }
    expected += [2, 4, 0, 1, 2, 3, 2, 4, 2]
    #expect(coded.wordForms == expected)
    // `costs` can fire (`kosten` is there), `mandate` cannot; nor can `postponing`'s rule that
    // needs `kosten` and a form of `uitstellen` in one sentence.
    #expect(CodingContext(CompiledCodebook(codebook)).mayFire(codes: ["costs"], wordForms: coded.wordForms))
    #expect(!CodingContext(CompiledCodebook(codebook)).mayFire(codes: ["mandate"], wordForms: coded.wordForms))
    #expect(!CodingContext(CompiledCodebook(codebook)).mayFire(codes: ["postponing"], wordForms: coded.wordForms))
    // Damaged forms count as "may fire".
    #expect(CodingContext(CompiledCodebook(codebook)).mayFire(codes: ["mandate"], wordForms: [9, 3, 0x41]))
  }

  /// A sentence rule needs its words in one sentence: words spread over two sentences of the
  /// document do not make it possible; a paragraph rule is judged on the whole document.
  @Test func sentenceRulesNeedTheirWordsInOneSentence() throws {
    let codes = """
        - id: costs-later
          rules: [{id: both, all: [kosten, uitstel]}]
        - id: costs-later-paragraph
          rules: [{id: both-paragraph, scope: paragraph, all: [kosten, uitstel]}]
      """
    let (codebook, _) = try Codebook.parse(codebookYAML(codes), file: "t.yaml")
    func forms(_ text: String) -> [UInt8] {
      CodingContext(CompiledCodebook(codebook)).code(
        Document(
          id: "d.txt", kind: .document, caseName: "A", text: text,
          segments: [Segment(kind: .paragraph, range: ByteRange(0, text.utf8.count))])
      ).wordForms
    }
    let apart = forms("De kosten waren hoog. Er kwam uitstel.")
    let together = forms("De kosten leidden tot uitstel.")
    let context = CodingContext(CompiledCodebook(codebook))
    #expect(!context.mayFire(codes: ["costs-later"], wordForms: apart))
    #expect(context.mayFire(codes: ["costs-later"], wordForms: together))
    #expect(context.mayFire(codes: ["costs-later-paragraph"], wordForms: apart))
  }
}
