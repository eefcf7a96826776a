/// A Dutch stop word list: the words that say nothing about what a passage is about. The learned
/// cues never weigh them (see `CueTrainer`), so a suggestion's `cues` are content words.
///
/// Provenance: compiled by the Kwal project: the closed-class words of Dutch as the Algemene
/// Nederlandse Spraakkunst describes them (articles, pronouns, prepositions and postpositions,
/// conjunctions, numerals' function words, the auxiliaries with every form, pronominal and common
/// adverbs of time, degree and manner), the reporting verb `zeggen` in its forms, and transcript
/// fillers (eh, ehm, nou, hè). Lowercase.
public enum DutchStopWords {
  /// The words.
  public static let words: Set<String> = articlesAndPronouns.union(prepositions).union(conjunctions)
    .union(auxiliaries).union(adverbs).union(fillers)

  static let articlesAndPronouns: Set<String> = [
    "de", "het", "een", "der", "des", "'t", "'n", "ik", "me", "mij", "mijn", "m'n", "jij", "je", "jou",
    "jouw", "u", "uw", "hij", "hem", "zijn", "z'n", "zij", "ze", "haar", "d'r", "het", "wij", "we",
    "ons", "onze", "jullie", "hun", "hen", "men", "zich", "zichzelf", "mezelf", "mijzelf", "jezelf",
    "hemzelf", "haarzelf", "onszelf", "elkaar", "mekaar", "deze", "die", "dit", "dat", "diegene",
    "datgene", "degene", "zo'n", "zulk", "zulke", "wie", "wat", "welk", "welke", "wiens", "iemand",
    "niemand", "iets", "niets", "niks", "alles", "allen", "alle", "allemaal", "ieder", "iedere",
    "iedereen", "elk", "elke", "enkele", "sommige", "beide", "beiden", "veel", "vele", "weinig",
    "meer", "meest", "meeste", "minder", "minst", "ander", "andere", "anderen", "zelf", "geen",
    "ene", "'s",
  ]

  static let prepositions: Set<String> = [
    "aan", "achter", "af", "bij", "binnen", "boven", "beneden", "buiten", "door", "in", "langs", "met",
    "na", "naar", "naast", "om", "onder", "op", "over", "per", "rond", "rondom", "sinds", "te", "tegen",
    "tot", "tussen", "uit", "van", "vanaf", "vanuit", "via", "voor", "voorbij", "zonder", "tijdens",
    "volgens", "behalve", "dankzij", "ondanks", "wegens", "omtrent", "jegens", "richting", "toe",
    "heen", "mee", "vandaan",
  ]

  static let conjunctions: Set<String> = [
    "en", "of", "maar", "want", "dus", "doch", "noch", "als", "dan", "dat", "omdat", "doordat",
    "zodat", "terwijl", "hoewel", "ofschoon", "tenzij", "indien", "mits", "toen", "voordat",
    "nadat", "totdat", "zodra", "sinds", "zoals", "alsof", "waardoor", "waarbij", "waarmee",
    "waarin", "waarop", "waarvan", "waarvoor", "waaruit", "waarna", "waarom", "waar", "wanneer",
    "hoe", "hetzij", "zowel", "evenals", "alhoewel",
  ]

  static let auxiliaries: Set<String> = [
    "ben", "bent", "is", "zijn", "was", "waren", "geweest", "wezen", "wees", "heb", "hebt", "heeft",
    "hebben", "had", "hadden", "gehad", "word", "wordt", "worden", "werd", "werden", "geworden",
    "kan", "kunt", "kunnen", "kon", "konden", "gekund", "zal", "zult", "zullen", "zou", "zouden",
    "moet", "moeten", "moest", "moesten", "gemoeten", "mag", "mogen", "mocht", "mochten", "gemogen",
    "wil", "wilt", "willen", "wilde", "wilden", "wou", "wouden", "gewild", "laat", "laten", "liet",
    "lieten", "gelaten", "ga", "gaat", "gaan", "ging", "gingen", "gegaan", "doe", "doet", "doen",
    "deed", "deden", "gedaan", "hoef", "hoeft", "hoeven", "hoefde", "hoefden", "zeg", "zegt",
    "zeggen", "zei", "zeiden", "gezegd",
  ]

  static let adverbs: Set<String> = [
    "al", "alleen", "alweer", "altijd", "anders", "bijna", "daar", "daaraan", "daarbij", "daardoor",
    "daarin", "daarmee", "daarna", "daarnaast", "daarom", "daarop", "daaruit", "daarvan", "daarvoor",
    "dan", "daarentegen", "echter", "eens", "eerder", "eerst", "eigenlijk", "er", "erg", "even",
    "gewoon", "haast", "heel", "helemaal", "hier", "hierbij", "hierdoor", "hierin", "hiermee",
    "hierna", "hiervan", "hiervoor", "inmiddels", "intussen", "ja", "juist", "later", "misschien",
    "natuurlijk", "nee", "niet", "nog", "nooit", "nu", "nou", "ook", "ooit", "pas", "reeds", "sowieso",
    "soms", "steeds", "toch", "toen", "vaak", "verder", "vooral", "waarschijnlijk", "weer", "wel",
    "zelfs", "zeer", "zo", "zoal", "zomaar", "zowat", "nogal", "ongeveer",
    "slechts", "telkens", "net", "ineens", "opeens", "meteen", "dadelijk", "zometeen", "straks",
    "gisteren", "vandaag", "morgen", "daarmede", "overigens", "immers", "namelijk", "tenminste",
    "trouwens", "wellicht",
  ]

  static let fillers: Set<String> = ["eh", "ehm", "uh", "uhm", "hè", "he", "hoor", "hm", "hmm", "ge"]
}
