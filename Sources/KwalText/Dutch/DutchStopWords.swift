/// A Dutch stop word list, for reports and keyness (never for matching by default).
///
/// Provenance: compiled by the Kwal project: the closed-class words of Dutch (articles,
/// pronouns, prepositions, conjunctions, auxiliaries and common adverbs) as described in the
/// Algemene Nederlandse Spraakkunst, plus transcript fillers (eh, ehm, nou, hè). Lowercase.
public enum DutchStopWords {
  /// The words.
  public static let words: Set<String> = [
    "aan", "af", "al", "alle", "alles", "als", "altijd", "ander", "andere", "anders", "ben", "bij",
    "binnen", "daar", "daarom", "dan", "dat", "de", "der", "deze", "die", "dit", "doch", "doen",
    "door", "dus", "een", "eens", "en", "er", "ge", "geen", "geweest", "haar", "had", "heb",
    "hebben", "heeft", "hem", "het", "hier", "hij", "hoe", "hun", "iemand", "iets", "ik", "in",
    "is", "ja", "je", "jij", "jou", "jouw", "jullie", "kan", "kon", "kunnen", "maar", "me", "meer",
    "men", "met", "mij", "mijn", "moet", "na", "naar", "niet", "niets", "nog", "nu", "of", "om",
    "omdat", "onder", "ons", "onze", "ook", "op", "over", "reeds", "te", "tegen", "toch", "toen",
    "tot", "u", "uit", "uw", "van", "veel", "voor", "want", "waren", "was", "wat", "we", "wel",
    "werd", "wezen", "wie", "wil", "worden", "word", "wordt", "zal", "ze", "zelf", "zich", "zij",
    "zijn", "zo", "zonder", "zou", "eh", "ehm", "uh", "uhm", "nou", "hè", "he", "hoor", "zeg",
    "gewoon", "eigenlijk", "even", "heel", "wel", "natuurlijk", "'t", "'s", "'n", "m'n", "z'n",
    "d'r", "zo'n", "waar", "wanneer", "welke", "welk", "zullen", "zouden", "moeten", "mogen",
    "mocht", "kunnen", "konden", "werden", "wordt", "dus", "echter", "weer", "nog", "al", "pas",
  ]
}
