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
    // ASCII words (nearly all) on their bytes; most end in neither -d nor -t and make no string.
    asciiCandidates(of: word) ?? scalarCandidates(of: word)
  }

  /// ``infinitiveCandidates(of:)`` for any word, on its scalars.
  static func scalarCandidates(of word: String) -> [String] {
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

  /// The past tense's endings, in the order the rules try them.
  static let pastEndings: [[UInt8]] = ["den", "ten", "de", "te"].map { Array($0.utf8) }

  /// Each particle's bytes, and with `ge` after them (a separable participle's start).
  static let particleBytes: [(particle: [UInt8], prefix: [UInt8])] = particles.map {
    (Array($0.utf8), Array(($0 + "ge").utf8))
  }

  /// ``infinitiveCandidates(of:)`` for an ASCII word, on its bytes (the same rules, the same
  /// candidates in the same order); nil for a word with a byte past ASCII.
  static func asciiCandidates(of word: String) -> [String]? {
    var word = word
    return word.withUTF8 { bytes -> [String]? in
      // Only letters, as the full rules ask; a byte past ASCII is for them to read.
      var letters = true
      for byte in bytes {
        if byte >= 0x80 { return nil }
        if !((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) { letters = false }
      }
      guard letters else { return [] }
      var end = bytes.count
      guard end >= 4 else { return [] }
      for ending in pastEndings where end > ending.count + 2 && bytes.suffix(ending.count).elementsEqual(ending) {
        end -= ending.count - 1
        break
      }
      guard bytes[end - 1] == 0x64 || bytes[end - 1] == 0x74 else { return [] }
      let base = Array(bytes[0..<(end - 1)])
      guard base.count >= 2 else { return [] }
      var stems: [[UInt8]] = [base]
      if base.starts(with: "ge".utf8), base.count >= 4 { stems.append(Array(base.dropFirst(2))) }
      for (particle, prefix) in particleBytes where base.starts(with: prefix) && base.count > particle.count + 3 {
        stems.append(particle + base.dropFirst(particle.count + 2))
      }
      func isVowel(_ byte: UInt8, y: Bool) -> Bool {
        byte == 0x61 || byte == 0x65 || byte == 0x69 || byte == 0x6F || byte == 0x75 || y && byte == 0x79
      }
      var result: [String] = []
      for stem in stems {
        result.append(String(decoding: stem + [0x65, 0x6E], as: UTF8.self))
        let count = stem.count
        if count >= 3, !isVowel(stem[count - 1], y: true), isVowel(stem[count - 2], y: false),
          !isVowel(stem[count - 3], y: false)
        {
          result.append(String(decoding: stem + [stem[count - 1], 0x65, 0x6E], as: UTF8.self))
        }
      }
      return result
    }
  }
}
