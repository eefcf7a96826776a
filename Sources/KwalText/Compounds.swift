/// Finds a word inside Dutch compounds (`samenwerking` in `samenwerkingsverbanden`, `budget` in
/// `projectbudgetten`) without matching arbitrary substrings (`taak` is not in `taks`).
///
/// Both arguments are *normalised* forms (see ``Normalizer``: lowercase, diacritics folded).
/// A part of fewer than three letters only matches the whole word.
///
/// The rules, without a dictionary:
/// - **forms of the part**: the part itself and its inflected forms: plural `-en`, `-s`, `-'s`,
///   `-n` (after `e`), `-eren` for the few nouns that take it (`kind` → `kinderen`), plural with a doubled consonant
///   (`budget` → `budgetten`, `brug` → `bruggen`), with a shortened vowel (`taak` → `taken`) or a
///   voiced final (`brief` → `brieven`, `huis` → `huizen`), and the diminutive by the ANS rules (`-je`, `-tje`, `-pje`,
///   `-etje`, plural `-s`);
/// - **left of the part** there is nothing, or a plausible element: at least three letters, a
///   vowel, and not a verbal prefix (`be-`, `ge-`, `ver-`, `ont-`, `her-`, `mis-`…), or a hyphen
///   (`noord-holland`);
/// - **right of the part** there is nothing (the part is the head, possibly inflected), or a
///   linking morpheme (`s`, `e`, `en`, `er`, or none; `-` after a hyphen) followed by a plausible
///   element: at least three letters, a vowel, and not a derivational or inflectional suffix
///   (`werking` is not `werk` + `ing`, `raadsel` is not `raad` + `sel`).
///
/// Decisions: `brug` is **not** in `brugge` (a city name; `-e` is not a Dutch plural of a noun
/// like `brug`); derivations (`overbrugging`, `werker`) are left to stemming; an inflected form
/// of the part alone (`budgetten`, `taken`) counts as containing it. Measured precision and
/// recall are in `CompoundsTests` and the README.
public enum DutchCompounds {
  /// Whether `word` is `part`, an inflected form of it, or a Dutch compound with `part` as one
  /// of its elements (head or modifier).
  public static func containsPart(_ part: String, in word: String) -> Bool {
    containsPart(CompoundPart(part), in: word)
  }

  /// ``containsPart(_:in:)-(String,_)`` with the part's forms made once (a codebook's compound
  /// patterns are tested on every new word type).
  public static func containsPart(_ part: CompoundPart, in word: String) -> Bool {
    if part.text == word { return true }
    let wordBytes = Array(word.utf8)
    guard part.isLongEnough, wordBytes.count > part.bytes.count else { return false }
    for entry in part.forms {
      let form = entry.form
      let isBase = entry.isBase
      var found = false
      forEachOccurrence(of: form, in: wordBytes) { start in
        guard leftIsPlausible(wordBytes[..<start]) else { return false }
        let rest = wordBytes[(start + form.count)...]
        if rest.isEmpty
          || rightIsPlausible(
            rest, isBase: isBase, part: part.bytes, formEndsInEn: form.suffix(2).elementsEqual("en".utf8))
        {
          found = true
          return true
        }
        return false
      }
      if found { return true }
    }
    return false
  }

  /// The bytes every word that ``containsPart(_:in:)-(CompoundPart,_)`` accepts holds: the
  /// longest common prefix of the part's forms (`stra` for `straat`, `straten`), so that a
  /// codebook's compounds can be looked up by a word's letters instead of tried one by one.
  public static func requiredBytes(of part: CompoundPart) -> [UInt8] {
    var prefix = part.bytes
    for entry in part.forms {
      let common = zip(prefix, entry.form).prefix { $0 == $1 }.count
      prefix.removeLast(prefix.count - common)
    }
    return prefix
  }

  /// Whether `part` is the head (last element) of `word`, possibly inflected, after a plausible
  /// left element (`budget` heads `projectbudgetten`); also true when `word == part`.
  public static func part(_ part: String, matchesHeadOf word: String) -> Bool {
    if part == word { return true }
    let partBytes = Array(part.utf8)
    let wordBytes = Array(word.utf8)
    guard scalarCount(partBytes[...]) >= 3 else { return false }
    for (form, _) in forms(of: partBytes) where form.count < wordBytes.count {
      let start = wordBytes.count - form.count
      if wordBytes[start...].elementsEqual(form), start > 0, leftIsPlausible(wordBytes[..<start]) {
        return true
      }
    }
    return false
  }

  // MARK: - Forms

  private static let vowels: Set<UInt8> = Set("aeiouy".utf8)

  /// The part itself (base) and its inflected forms.
  static func forms(of part: [UInt8]) -> [(form: [UInt8], isBase: Bool)] {
    var result: [(form: [UInt8], isBase: Bool)] = [(part, true)]
    var seen: Set<[UInt8]> = [part]
    func add(_ form: [UInt8]) {
      if seen.insert(form).inserted { result.append((form, false)) }
    }
    let e = UInt8(ascii: "e")
    let n = UInt8(ascii: "n")
    let s = UInt8(ascii: "s")
    let en: [UInt8] = [e, n]
    guard let last = part.last else { return result }
    add(part + [s])
    add(part + Array("'s".utf8))
    if last == e {
      add(part + [n])
    }
    if erenPlurals.contains(part) { add(part + Array("eren".utf8)) }
    let count = part.count
    let lastIsConsonant = !vowels.contains(last) && last < 0x80
    let beforeLast = count >= 2 ? part[count - 2] : 0
    let hasLongVowel = count >= 3 && vowels.contains(beforeLast) && part[count - 3] == beforeLast
    let hasSingleVowel =
      vowels.contains(beforeLast) && !(count >= 3 && vowels.contains(part[count - 3]))
    let isMonosyllable = syllables(part) == 1
    // A closed syllable with a short vowel doubles its consonant (brug → bruggen); a
    // monosyllable always does, a longer word may not (monnik → monniken).
    let doubles = lastIsConsonant && hasSingleVowel && last != UInt8(ascii: "w") && last != UInt8(ascii: "x")
    if !(doubles && isMonosyllable) { add(part + en) }
    if lastIsConsonant && count >= 2 {
      // Voicing: brief → brieven, huis → huizen.
      var voiced = part
      if last == UInt8(ascii: "f") { voiced[count - 1] = UInt8(ascii: "v") }
      if last == s { voiced[count - 1] = UInt8(ascii: "z") }
      if voiced != part { add(voiced + en) }
      if hasLongVowel {
        // taak → taken, straat → straten, graaf → graven.
        var shortened = voiced
        shortened.remove(at: count - 2)
        add(shortened + en)
      } else if doubles {
        // budget → budgetten, brug → bruggen.
        add(part + [last] + en)
      }
    }
    // Diminutives (ANS 19.3.2): boompje, stoeltje, balletje, budgetje, cafeetje left out.
    let diminutive: [UInt8]
    if vowels.contains(last) {
      diminutive = part + Array("tje".utf8)
    } else if last == UInt8(ascii: "m") {
      diminutive = hasSingleVowel && isMonosyllable ? part + [last] + Array("etje".utf8) : part + Array("pje".utf8)
    } else if last == UInt8(ascii: "l") || last == n || last == UInt8(ascii: "r") {
      diminutive =
        hasSingleVowel && isMonosyllable ? part + [last] + Array("etje".utf8) : part + Array("tje".utf8)
    } else if last == UInt8(ascii: "g") && beforeLast == n && isMonosyllable {
      diminutive = part + Array("etje".utf8)
    } else {
      diminutive = part + Array("je".utf8)
    }
    add(diminutive)
    add(diminutive + [s])
    return result
  }

  /// Nouns whose plural is `-eren` (ANS 3.2.3): kind → kinderen, blad → bladeren.
  static let erenPlurals: Set<[UInt8]> = Set(
    ["kind", "blad", "ei", "lam", "rund", "kalf", "lied", "been", "hoen", "gelid", "volk", "goed", "rad"]
      .map { Array($0.utf8) })

  /// The number of vowel groups (an estimate of syllables; `ij` counts as a vowel).
  static func syllables(_ bytes: [UInt8]) -> Int {
    var groups = 0
    var inVowel = false
    for byte in bytes {
      let isVowel = vowels.contains(byte) || (inVowel && byte == UInt8(ascii: "j"))
      if isVowel && !inVowel { groups += 1 }
      inVowel = isVowel && byte != UInt8(ascii: "j")
    }
    return groups
  }

  // MARK: - Plausible elements

  /// Verbal and derivational prefixes that are not compound elements.
  static let prefixes: Set<[UInt8]> = Set(
    ["be", "ge", "er", "ver", "ont", "her", "mis", "on", "te"].map { Array($0.utf8) })

  /// Suffixes (derivational and inflectional) that are not compound elements: after the part
  /// they make a derivation (`werk-ing`, `raad-sel`), not a compound. From the ANS chapters on
  /// derivation and inflection; all of at least three letters, shorter rests are rejected anyway.
  static let suffixes: Set<[UInt8]> = Set(
    [
      "ing", "ingen", "ings", "ers", "ere", "eren", "erd", "erde", "erden", "erig", "erige",
      "erij", "erijen", "ert", "end", "ende", "enden", "ens", "ene", "heid", "heden", "lijk",
      "lijke", "lijker", "lijks", "lijkheid", "elijk", "elijke", "baar", "bare", "baarheid",
      "achtig", "achtige", "loos", "loze", "schap", "schappen", "dom", "dommen", "isch", "ische",
      "ige", "igen", "iger", "igheid", "ist", "isten", "isme", "nis", "nissen", "sel", "sels",
      "ster", "sters", "ten", "tje", "tjes", "pje", "pjes", "jes", "etje", "etjes", "ste", "sten",
      "aar", "aars", "ling", "lingen", "tie", "ties", "atie", "aties", "ief", "ieve", "iteit",
      "iteiten", "ant", "anten", "ent", "enten", "eer", "eert", "eerde", "eerden", "eren", "tte",
      "tten", "den", "nde", "ndes", "zen", "ven", "ken", "gen", "pen", "len", "men", "nen", "ren",
      "sen", "aal", "ale", "ier", "iers", "ies", "iek", "ieke", "tisch", "tische", "ster", "etje",
      "elen", "eling", "elingen", "elde", "elden", "ekt", "ige", "iges", "ste", "ere", "igd",
      "igde", "igden", "tjes", "elaar", "elaars", "enaar", "enaars", "antie", "anties", "entie", "enties",
    ].map { Array($0.utf8) })

  /// Linking morphemes between a modifier and the next element, longest first.
  static let linkers: [[UInt8]] = ["en", "er", "s", "e", "-", ""].map { Array($0.utf8) }

  static func leftIsPlausible(_ left: ArraySlice<UInt8>) -> Bool {
    if left.isEmpty { return true }
    if left.last == UInt8(ascii: "-") { return left.count >= 2 }
    return isElement(left) && !prefixes.contains(Array(left))
  }

  static func rightIsPlausible(
    _ rest: ArraySlice<UInt8>, isBase: Bool, part: [UInt8], formEndsInEn: Bool = false
  ) -> Bool {
    if rest.first == UInt8(ascii: "-") { return rest.count >= 2 }
    // A rest that is a suffix, or a linking letter and a suffix, makes a derivation:
    // werk-ing, kind-er-lijk, team-ster, hand-el-aar.
    for linker in Self.linkers where rest.starts(with: linker) {
      let element = rest.dropFirst(linker.count)
      if !element.isEmpty && suffixes.contains(Array(element)) { return false }
    }
    // A plural modifier (bruggen-hoofd, taken-pakket) ends in -en; an -s plural before an
    // element is the linking -s of the base form, checked there.
    if !isBase && !(formEndsInEn) { return false }
    let linkers = isBase ? Self.linkers : [[]]
    for linker in linkers where rest.starts(with: linker) {
      let element = rest.dropFirst(linker.count)
      guard isElement(element) else { continue }
      // A vowel-initial element right after the part needs four letters: plan-eet, bal-ans,
      // kant-oor are one word, werk-omgeving is two.
      if linker.isEmpty, let first = element.first, vowels.contains(first), scalarCount(element) < 4 {
        continue
      }
      // A doubled final consonant followed by a suffix is inflection: brug-gen, budget-teren.
      if linker.isEmpty, let first = element.first, first == part.last, !vowels.contains(first) {
        let afterDouble = element.dropFirst()
        if !isElement(afterDouble) || suffixes.contains(Array(afterDouble)) { continue }
      }
      return true
    }
    return false
  }

  /// At least three letters with a vowel among them.
  static func isElement(_ bytes: ArraySlice<UInt8>) -> Bool {
    scalarCount(bytes) >= 3 && bytes.contains(where: { vowels.contains($0) })
  }

  static func scalarCount(_ bytes: ArraySlice<UInt8>) -> Int {
    var count = 0
    for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
    return count
  }

  /// Calls `body` with every start of `needle` in `haystack` until it returns true.
  static func forEachOccurrence(of needle: [UInt8], in haystack: [UInt8], _ body: (Int) -> Bool) {
    guard !needle.isEmpty, needle.count <= haystack.count else { return }
    var start = 0
    while start + needle.count <= haystack.count {
      if haystack[start] == needle[0] && haystack[start..<(start + needle.count)].elementsEqual(needle) {
        if body(start) { return }
      }
      start += 1
    }
  }
}

/// A compound part and the forms it takes inside a compound, made once.
public struct CompoundPart: Sendable, Hashable {
  /// The part as written (normalised).
  public let text: String
  let bytes: [UInt8]
  /// Parts of fewer than three letters are not looked for inside words.
  let isLongEnough: Bool
  let forms: [Form]

  struct Form: Sendable, Hashable {
    var form: [UInt8]
    var isBase: Bool
  }

  /// Prepares `part`.
  public init(_ part: String) {
    text = part
    bytes = Array(part.utf8)
    isLongEnough = DutchCompounds.scalarCount(bytes[...]) >= 3
    forms = DutchCompounds.forms(of: bytes).map { Form(form: $0.form, isBase: $0.isBase) }
  }
}
