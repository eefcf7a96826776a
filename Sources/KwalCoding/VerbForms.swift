/// Dutch verb forms that Snowball leaves unstemmed, mapped back to candidate infinitives so that
/// `stem: overbruggen` also finds `overbrugd`, `overbrugt`, `overbrugde`, `gewerkt` and
/// `uitgesteld`.
///
/// Snowball's Dutch stemmer strips inflection endings (`-en`, `-e`, `-ing`...) but not the
/// `-d`/`-t` of past participles and present-tense forms, nor the `ge-` of participles. The rules
/// here are morphology facts of Dutch (ANS, *Algemene Nederlandse Spraakkunst*, on the weak
/// past participle `ge- + stem + -d/-t` and separable particles), applied once per word type:
/// - a form ending in `-d`/`-t` (or `-de`/`-te`/`-den`/`-ten`): the stem before it;
/// - a participle `ge…d/t`: the stem between `ge-` and `-d/-t` (`gewerkt` → `werk`);
/// - a separable participle `particle + ge + stem + d/t` (`uitgesteld` → `uitstel`).
/// Each candidate stem is turned into infinitives (`stem + en`, and with the last consonant
/// doubled after a single vowel: `overbrug` → `overbruggen`), which the caller stems as usual.
enum VerbForms {
  /// Separable particles of Dutch verbs (the common ones; ANS 2.3.1.5).
  static let particles = [
    "aan", "achter", "af", "bij", "binnen", "door", "in", "langs", "los", "mee", "na", "om", "onder", "op", "over",
    "samen", "tegen", "terug", "toe", "uit", "vast", "voor", "weg", "vrij", "neer", "rond",
  ]

  /// Candidate infinitives of a lowercase word form; empty for forms that are not `-d`/`-t` verbs.
  static func infinitiveCandidates(of word: String) -> [String] {
    var scalars = Array(word.unicodeScalars)
    guard scalars.count >= 4, scalars.allSatisfy({ $0.properties.isAlphabetic }) else { return [] }
    // Past tense endings: -de, -te, -den, -ten.
    let text = String(String.UnicodeScalarView(scalars))
    for ending in ["den", "ten", "de", "te"] where text.hasSuffix(ending) && scalars.count > ending.count + 2 {
      scalars.removeLast(ending.count - 1)
      break
    }
    guard let last = scalars.last, last == "d" || last == "t" else { return [] }
    var stems: [String] = []
    let base = String(String.UnicodeScalarView(scalars.dropLast()))
    guard base.unicodeScalars.count >= 2 else { return [] }
    stems.append(base)
    if base.hasPrefix("ge") && base.unicodeScalars.count >= 4 { stems.append(String(base.dropFirst(2))) }
    for particle in particles where base.hasPrefix(particle + "ge") && base.count > particle.count + 3 {
      stems.append(particle + String(base.dropFirst(particle.count + 2)))
    }
    var result: [String] = []
    for stem in stems {
      result.append(stem + "en")
      let chars = Array(stem)
      if chars.count >= 3, let end = chars.last, !"aeiouy".contains(end),
        "aeiou".contains(chars[chars.count - 2]), !"aeiou".contains(chars[chars.count - 3])
      {
        result.append(stem + String(end) + "en")
      }
      // A stem written with a single vowel letter in a closed syllable doubles it: -aa-/-ee-/-oo-/-uu-
      // (maakt → maken is covered by stem + en; praat → praten as well).
    }
    return result
  }
}
