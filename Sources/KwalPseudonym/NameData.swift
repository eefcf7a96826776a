/// The word lists the name finder reads: Dutch given names and surnames, the names among them
/// that are also ordinary words or places, Dutch places, and the titles and particles of Dutch
/// names. Sources and licences: `SOURCES.md` beside this file.
enum NameData {
  static let givenNames: Set<String> = lines(givenNamesText)
  static let surnames: Set<String> = lines(surnamesText)
  /// Names that are also an ordinary Dutch word or a place (`Bos`, `Koning`, `Mark`, `Vries`):
  /// alone they are no evidence of a person.
  static let ambiguousNames: Set<String> = lines(ambiguousNamesText)
  static let places: Set<String> = lines(placesText)

  /// Tussenvoegsels, lowercase as written inside a name (`van den Berg`).
  static let particles: Set<String> = [
    "van", "de", "der", "den", "het", "ter", "ten", "te", "'t", "’t", "in", "op", "uit", "la", "le", "du", "von", "da",
    "di", "dos", "del", "d'", "van't", "vd", "v.d.", "el", "al", "ben", "bin", "ibn", "abu", "da", "das", "do",
  ]

  /// Words before a person's name: forms of address, offices and academic titles (lowercase,
  /// without a final period). `heren` and `dames` open a list of names.
  static let titles: Set<String> = [
    "heer", "heren", "dame", "dames", "mevrouw", "mevr", "mw", "mevrouwen", "dhr", "hr", "meneer", "mijnheer", "mr",
    "dr", "drs", "prof", "ir", "ing", "ds", "wethouder", "wethouders", "burgemeester", "loco-burgemeester",
    "minister", "staatssecretaris", "voorzitter", "raadslid", "raadsleden", "gedeputeerde", "commissaris",
    "griffier", "notulist", "notuliste", "secretaris", "penningmeester", "fractievoorzitter", "pastoor", "pater",
    "kapelaan", "pastor", "dominee", "zuster", "broeder", "juf", "juffrouw", "meester", "collega", "oud-wethouder",
    "oud-burgemeester", "kamerlid", "trainer", "coach", "directeur", "wnd", "waarnemend", "ambtenaar", "notaris",
    "advocaat", "dokter", "huisarts", "agent", "inspecteur", "spreker", "inspreker",
  ]

  /// Labels of speakers that name a role, not a person (`I`, `Interviewer`, `R2`, `Spreker 1`).
  static let roleWords: Set<String> = [
    "i", "r", "int", "interviewer", "interviewster", "interviewers", "respondent", "respondente", "geïnterviewde",
    "interviewee", "moderator", "voorzitter", "notulist", "notuliste", "griffier", "spreker", "speaker", "deelnemer",
    "participant", "onbekend", "unknown", "vraag", "antwoord", "v", "a", "q", "de", "het", "allen", "iedereen",
    "publiek", "zaal", "minister", "staatssecretaris", "burgemeester", "wethouder", "secretaris", "penningmeester",
    "lid", "gespreksleider", "facilitator", "onderzoeker", "persoon",
  ]

  /// Capitalised words that begin sentences or name things, never a person alone.
  static let neverNames: Set<String> = [
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november",
    "december", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "nederland",
    "nederlandse", "nederlands", "europa", "europese", "god", "kerst", "pasen", "pinksteren", "koning", "koningin",
    "prins", "prinses", "gemeente", "provincie", "rijk", "raad", "college", "kamer", "tweede", "eerste",
    // Provinces, regions and countries (the place list holds towns and municipalities).
    "drenthe", "groningen", "friesland", "fryslân", "overijssel", "gelderland", "utrecht", "flevoland", "holland",
    "noord-holland", "zuid-holland", "zeeland", "brabant", "noord-brabant", "limburg", "twente", "achterhoek",
    "veluwe", "betuwe", "goeree", "overflakkee", "engeland", "duitsland", "frankrijk", "belgië", "spanje", "italië",
    "amerika", "turkije", "marokko", "suriname", "indonesië", "polen", "oekraïne", "rusland", "china", "japan",
    "afrika", "azië", "vlaanderen", "wallonië", "schotland", "ierland", "portugal", "griekenland", "oostenrijk",
    "zwitserland", "denemarken", "zweden", "noorwegen", "finland",
  ]

  /// Dutch words that begin sentences and happen to be names somewhere (`Ik`, `Na`, `Later`):
  /// never a name alone.
  static let commonWords: Set<String> = [
    "ik", "jij", "je", "hij", "zij", "ze", "wij", "we", "u", "jullie", "het", "de", "een", "en", "of", "maar", "na",
    "later", "vragen", "toen", "nu", "dan", "ook", "zo", "al", "nog", "wel", "niet", "geen", "er", "hier", "daar",
    "dat", "dit", "die", "deze", "wat", "wie", "waar", "hoe", "als", "om", "op", "in", "aan", "met", "voor", "door",
    "bij", "tot", "uit", "over", "na", "toch", "zelfs", "samen", "verder", "daarna", "eerst", "ja", "nee", "dank",
    "vraag", "antwoord", "welkom", "graag", "goed", "mooi", "fijn", "sterk", "vrij", "heel", "meer", "veel", "dus",
    "want", "omdat", "sinds", "tijdens", "volgens", "zonder", "onder", "boven", "tegen", "naast", "achter", "binnen",
    "buiten", "rond", "via", "per", "pas", "net", "even", "weer", "soms", "vaak", "altijd", "nooit", "ooit", "iets",
    "niets", "alles", "iedereen", "niemand", "alle", "elke", "ieder", "beide", "andere", "eigen", "zeker", "echt",
  ]

  /// Endings of words that name bodies, not people (`Dorpsraad`, `Jeugdcommissie`).
  static let bodySuffixes = [
    "raad", "commissie", "bestuur", "vereniging", "gemeente", "college", "fractie", "partij", "stichting", "afdeling",
    "kamer", "ministerie", "dienst", "bureau", "school", "club", "team", "comité", "werkgroep", "overleg",
  ]

  private static func lines(_ text: String) -> Set<String> {
    Set(text.split(separator: "\n").map { String($0) })
  }
}
