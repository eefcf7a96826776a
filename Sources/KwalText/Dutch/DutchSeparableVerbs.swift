/// Dutch separable verbs (`uitstellen`: *we stellen het uit*; `afdwalen`: *ze dwaalden af*).
///
/// In a main clause the finite verb comes second and its particle goes to the end of the clause,
/// so a rule must find the verb and the particle as two tokens of one sentence. In a subordinate
/// clause, an infinitive or a participle they stay one word (`dat we het uitstellen`,
/// `uitgesteld`), which a stem or compound pattern already finds.
///
/// How a codebook rule finds them: a `near:` pattern within one sentence, unordered (the particle
/// follows the verb in main clauses, precedes it in questions with inversion such as *stel je het
/// uit?* only rarely), with a window of about eight tokens:
/// `near: [{stem: stellen}, {word: uit}]`. ``SeparableVerb`` gives the parts and the finite
/// forms to put in such a pattern, and ``SeparableVerb/occurrences(in:lexicon:window:)`` finds
/// them directly.
public enum DutchSeparableParticles {
  /// The particles of separable verbs, lowercase.
  ///
  /// Provenance: the adverbs and prepositions that form separable compound verbs as listed in
  /// the Algemene Nederlandse Spraakkunst (ANS, 2nd ed., §11.4, "scheidbaar samengestelde
  /// werkwoorden"), plus the frequent adjectival and nominal parts (`dicht`, `open`, `los`,
  /// `vast`, `schoon`, `deel`, `plaats`) given there. Compiled by the Kwal project. Note that
  /// `door`, `om`, `onder`, `over`, `voor` and `achter` also form *inseparable* verbs
  /// (`overleggen` "to submit" vs `overléggen` "to confer", `overbruggen`, `ondernemen`):
  /// splitting those is wrong, and only a lexicon could tell.
  public static let words: Set<String> = [
    "aan", "achter", "af", "bij", "binnen", "boven", "buiten", "door", "heen", "in", "langs",
    "mee", "na", "neer", "om", "onder", "op", "over", "rond", "samen", "tegen", "terug", "thuis",
    "toe", "tussen", "uit", "voor", "voorbij", "weg", "weer", "dicht", "open", "los", "vast",
    "schoon", "vrij", "stil", "kapot", "gade", "teweeg", "deel", "plaats", "kennis", "bekend",
    "goed", "klaar", "vol", "tegemoet", "achterna", "voort", "mis",
  ]
}

/// A Dutch separable verb: its particle, its verb part and their finite forms.
public struct SeparableVerb: Sendable, Hashable {
  /// The particle (`uit`).
  public var particle: String
  /// The verb part, as an infinitive (`stellen`).
  public var verb: String
  /// The finite forms of a weak (regular) verb part: `stel`, `stelt`, `stellen`, `stelde`,
  /// `stelden`. Strong verbs (`slaan`: *sloeg*) need their forms added by hand.
  public var finiteForms: [String]

  /// Splits an infinitive at its longest known particle (`uitstellen` → `uit` + `stellen`);
  /// nil when no particle starts it or what remains is not a verb of at least three letters.
  public init?(infinitive: String) {
    let word = Normalizer.foldCase(infinitive)
    var best: String?
    for particle in DutchSeparableParticles.words where word.hasPrefix(particle) {
      let rest = word.dropFirst(particle.count)
      guard rest.count >= 3, rest.hasSuffix("en") || rest.hasSuffix("n") else { continue }
      if best.map({ particle.count > $0.count }) ?? true { best = particle }
    }
    guard let particle = best else { return nil }
    self.init(particle: particle, verb: String(word.dropFirst(particle.count)))
  }

  /// A separable verb from its parts.
  public init(particle: String, verb: String) {
    self.particle = Normalizer.foldCase(particle)
    self.verb = Normalizer.foldCase(verb)
    self.finiteForms = Self.weakForms(of: self.verb)
  }

  /// The present and past forms of a weak verb (ANS §2.3): the stem is the infinitive without
  /// `-en`, with a double consonant made single (`stell` → `stel`), a long vowel written double
  /// in the now closed syllable (`dwal` → `dwaal`) and `v`/`z` made `f`/`s`; the past adds
  /// `-te(n)` after the "'t kofschip" consonants and `-de(n)` after the others.
  static func weakForms(of infinitive: String) -> [String] {
    var scalars = Array(infinitive.unicodeScalars)
    guard scalars.count >= 3, infinitive.hasSuffix("en") else { return [infinitive] }
    scalars.removeLast(2)
    let vowels: Set<Unicode.Scalar> = ["a", "e", "i", "o", "u"]
    var stem = scalars
    let pastEnding: String
    let last = stem[stem.count - 1]
    if stem.count >= 2, stem[stem.count - 2] == last, !vowels.contains(last) {
      stem.removeLast()  // stell → stel
    } else if stem.count >= 3, !vowels.contains(last), vowels.contains(stem[stem.count - 2]),
      !vowels.contains(stem[stem.count - 3]), last != "w", last != "j"
    {
      // An open syllable in the infinitive: dwa-len → dwaal, ma-ken → maak.
      stem.insert(stem[stem.count - 2], at: stem.count - 1)
    }
    if stem[stem.count - 1] == "v" {
      stem[stem.count - 1] = "f"
    } else if stem[stem.count - 1] == "z" {
      stem[stem.count - 1] = "s"
    }
    let kofschip: Set<Unicode.Scalar> = ["t", "k", "f", "s", "c", "h", "p"]
    let lastOfStem = stem[stem.count - 1]
    // v and z verbs take -de: leven → leefde, reizen → reisde.
    pastEnding = kofschip.contains(lastOfStem) && scalars.last != "v" && scalars.last != "z" ? "te" : "de"
    var stemText = ""
    stemText.unicodeScalars.append(contentsOf: stem)
    let thirdPerson = stemText.hasSuffix("t") ? stemText : stemText + "t"
    let past = stemText + pastEnding
    let pastPlural = past + "n"
    var forms: [String] = []
    for form in [stemText, thirdPerson, infinitive, past, pastPlural] where !forms.contains(form) {
      forms.append(form)
    }
    return forms
  }

  /// The token ranges where the verb part (any finite form, or a form with the verb part's stem)
  /// and the particle stand in one sentence, at most `window` tokens apart, in either order.
  public func occurrences(in analysis: AnalyzedText, lexicon: Lexicon, window: Int = 8) -> [ClosedRange<Int>] {
    guard analysis.types.count == analysis.tokens.count else { return [] }
    let forms = Set(finiteForms)
    let verbStem = lexicon.stem(of: verb)
    var result: [ClosedRange<Int>] = []
    for sentence in analysis.sentences {
      var verbs: [Int] = []
      var particles: [Int] = []
      for index in sentence {
        let type = analysis.types[index]
        let normalized = lexicon.normalized(type)
        if normalized == particle {
          particles.append(index)
        } else if forms.contains(normalized) || lexicon.stem(type) == verbStem {
          verbs.append(index)
        }
      }
      for verbIndex in verbs {
        // The nearest particle within the window.
        let nearest = particles.filter { abs($0 - verbIndex) <= window }.min {
          abs($0 - verbIndex) < abs($1 - verbIndex)
        }
        if let particleIndex = nearest {
          result.append(min(verbIndex, particleIndex)...max(verbIndex, particleIndex))
        }
      }
    }
    return result
  }
}
