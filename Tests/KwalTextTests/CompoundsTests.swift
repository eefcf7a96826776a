import Testing

@testable import KwalText

/// `DutchCompounds.containsPart` on 60 Dutch compounds (and inflected forms) that contain the
/// part and 61 words that hold the part's letters without containing the word (derivations,
/// prefixed verbs, unrelated words), all written for Kwal.
///
/// Measured: precision 0.94 (60 of 64 matches right), recall 1.00 (60 of 60). The four false
/// positives are words whose remainder looks like a Dutch element: `bus` in `omnibus`, `arm` in
/// `armoede`, `stem` in `stempel`, `pen` in `pensioen`; without a dictionary the rules cannot
/// tell them apart (`kantoor` and `balans` are caught by the four-letter rule for vowel-initial
/// elements). Known misses outside the lists: heads hidden by a vowel change (`schip` in
/// `schepen`) and derivations (`werk` in `werking`, by design: use a stem pattern for those).
@Suite("Dutch compounds")
struct CompoundsTests {
  /// (part, word): the word contains the part as a compound element or is an inflected form.
  static let positives: [(String, String)] = [
    ("samenwerking", "samenwerkingsverbanden"), ("budget", "projectbudgetten"),
    ("budget", "projectbudget"), ("taak", "taakstelling"), ("taak", "kerntaken"),
    ("taak", "hoofdtaak"), ("brug", "bruggenhoofd"), ("brug", "spoorbrug"),
    ("brug", "ophaalbruggen"), ("werk", "werkgever"), ("werk", "thuiswerkdag"),
    ("werk", "vrijwilligerswerk"), ("overleg", "overlegstructuur"), ("overleg", "werkoverleg"),
    ("overleg", "ketenoverleggen"), ("vertrouwen", "vertrouwensrelatie"),
    ("vertrouwen", "zelfvertrouwen"), ("partner", "ketenpartners"), ("partner", "partnerorganisaties"),
    ("logistiek", "stadslogistiek"), ("logistiek", "logistiekmedewerker"),
    ("pakket", "pakketbezorging"), ("pakket", "pakketten"), ("pakket", "retourpakketten"),
    ("bezorging", "thuisbezorging"), ("bezorging", "bezorgingskosten"), ("hub", "hubs"),
    ("gemeente", "gemeenteraad"), ("gemeente", "buurgemeenten"), ("raad", "gemeenteraad"),
    ("raad", "raadsvergadering"), ("raad", "raadhuis"), ("kind", "kinderopvang"),
    ("kind", "kinderen"), ("huis", "huizenmarkt"), ("huis", "raadhuis"), ("brief", "brieven"),
    ("brief", "nieuwsbrief"), ("weg", "snelweg"), ("weg", "wegenbouw"), ("bus", "busbaan"),
    ("straat", "straatnaam"), ("straat", "winkelstraten"), ("straat", "straatje"),
    ("project", "projectleider"), ("project", "pilotprojecten"), ("project", "project-budget"),
    ("holland", "noord-holland"), ("mail", "e-mailadres"), ("fiets", "bakfietsen"),
    ("fiets", "fietskoerier"), ("verband", "samenwerkingsverbanden"), ("verband", "verbandlegging"),
    ("ideaal", "idealenwereld"), ("dwaal", "dwaalspoor"), ("spoor", "dwaalspoor"),
    ("stad", "binnenstad"), ("stad", "stadsdistributie"), ("kosten", "transportkosten"),
    ("doel", "einddoelen"),
  ]

  /// (part, word): the letters are there, the word is not (derivations, prefixed verbs,
  /// unrelated words).
  static let negatives: [(String, String)] = [
    ("taak", "taks"), ("brug", "brugge"), ("rug", "terugbrengen"), ("werk", "werking"),
    ("werk", "werker"), ("werk", "werkelijk"), ("werk", "bewerken"), ("werk", "verwerkt"),
    ("raad", "raadsel"), ("raad", "beraad"), ("kind", "kinderlijk"), ("bus", "abuse"),
    ("bus", "omnibus"), ("weg", "bewegen"), ("weg", "overwegend"), ("pak", "pakket"),
    ("rit", "ritme"), ("tak", "takel"), ("spoor", "spoorloos"), ("huis", "huiselijk"),
    ("huis", "thuis"), ("bank", "banket"), ("post", "postuum"), ("kant", "kanton"),
    ("arm", "warm"), ("arm", "armoede"), ("wet", "weten"), ("park", "parkeren"),
    ("team", "teamster"), ("doel", "doelloos"), ("ijs", "ijselijk"), ("zee", "zeer"),
    ("gas", "gast"), ("plan", "planeet"), ("plan", "plantje"), ("tijd", "tijdelijk"),
    ("vrij", "vrijheid"), ("rust", "rustig"), ("kracht", "krachtig"), ("leer", "leerling"),
    ("vorm", "vorming"), ("zorg", "bezorging"), ("dienst", "dienstbaar"), ("bord", "bordeel"),
    ("stem", "stempel"), ("hand", "handel"), ("hand", "handelaar"), ("wand", "wandelen"),
    ("lood", "loodsen"), ("bal", "balans"), ("pen", "pensioen"), ("erf", "erfenis"),
    ("koor", "koorts"), ("mond", "mondig"), ("kant", "kantoor"), ("weg", "wegens"),
    ("taal", "taalig"), ("partner", "partnerschap"), ("land", "landelijk"), ("vak", "vakantie"), ("slot", "slotte"),
  ]

  /// Pairs the rules get wrong, kept so that a change in behaviour shows up here.
  static let knownErrors: Set<String> = ["bus omnibus", "arm armoede", "stem stempel", "pen pensioen"]

  @Test("compound positives", arguments: positives)
  func positive(part: String, word: String) {
    let expected = !Self.knownErrors.contains("\(part) \(word)")
    #expect(DutchCompounds.containsPart(part, in: word) == expected, "\(part) in \(word)")
  }

  @Test("not compounds", arguments: negatives)
  func negative(part: String, word: String) {
    let expected = Self.knownErrors.contains("\(part) \(word)")
    #expect(DutchCompounds.containsPart(part, in: word) == expected, "\(part) in \(word)")
  }

  @Test("precision and recall on the lists")
  func precisionAndRecall() {
    let truePositives = Self.positives.filter { DutchCompounds.containsPart($0.0, in: $0.1) }.count
    let falsePositives = Self.negatives.filter { DutchCompounds.containsPart($0.0, in: $0.1) }.count
    let precision = Double(truePositives) / Double(truePositives + falsePositives)
    let recall = Double(truePositives) / Double(Self.positives.count)
    print(
      "compounds: precision \(precision), recall \(recall) on \(Self.positives.count)+\(Self.negatives.count) pairs")
    #expect(Self.positives.count >= 40 && Self.negatives.count >= 40)
    #expect(precision >= 0.93)
    #expect(recall >= 0.98)
  }

  @Test(
    "head matches",
    arguments: [
      ("budget", "projectbudgetten", true), ("taak", "kerntaken", true), ("brug", "spoorbrug", true),
      ("budget", "budget", true), ("samenwerking", "samenwerkingsverbanden", false),
      ("taak", "taakstelling", false), ("werk", "bewerk", false), ("brug", "brugge", false),
    ])
  func head(part: String, word: String, expected: Bool) {
    #expect(DutchCompounds.part(part, matchesHeadOf: word) == expected)
  }

  @Test("short parts only match whole words")
  func shortParts() {
    #expect(DutchCompounds.containsPart("ei", in: "ei"))
    #expect(!DutchCompounds.containsPart("ei", in: "eieren"))
    #expect(!DutchCompounds.containsPart("", in: "werk"))
  }
}
