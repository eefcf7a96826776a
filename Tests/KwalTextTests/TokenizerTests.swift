import Testing

@testable import KwalText

/// The forms of the tokens of `text`.
func forms(_ text: String) -> [String] {
  let tokens = Tokenizer().tokenize(text)
  let bytes = Array(text.utf8)
  return tokens.map { String(decoding: bytes[$0.range], as: UTF8.self) }
}

/// One tokenizer rule, with a Dutch example and the tokens it must give.
struct TokenCase: CustomStringConvertible, Sendable {
  let rule: String
  let text: String
  let tokens: [String]
  init(_ rule: String, _ text: String, _ tokens: [String]) {
    self.rule = rule
    self.text = text
    self.tokens = tokens
  }
  var description: String { rule }
}

@Suite("Tokenizer rules")
struct TokenizerTests {
  static let cases: [TokenCase] = [
    TokenCase("words and final period", "De brug is af.", ["De", "brug", "is", "af", "."]),
    TokenCase("clitic 's before a word", "'s Ochtends gaan we.", ["'s", "Ochtends", "gaan", "we", "."]),
    TokenCase("clitic 't and 'n", "Is 't 'n idee?", ["Is", "'t", "'n", "idee", "?"]),
    TokenCase("typographic apostrophe clitic", "’s middags", ["’s", "middags"]),
    TokenCase("inner apostrophe: zo'n, m'n", "zo'n plan, m'n fiets", ["zo'n", "plan", ",", "m'n", "fiets"]),
    TokenCase("plural apostrophe", "auto's en cd's", ["auto's", "en", "cd's"]),
    TokenCase("diminutive apostrophe", "een A4'tje", ["een", "A4'tje"]),
    TokenCase("place name 's-Hertogenbosch", "in 's-Hertogenbosch.", ["in", "'s-Hertogenbosch", "."]),
    TokenCase("year clitic '80", "de jaren '80", ["de", "jaren", "'80"]),
    TokenCase("enclitic -ie", "Dan krijgt-ie een fout.", ["Dan", "krijgt", "-ie", "een", "fout", "."]),
    TokenCase(
      "hyphenated compound kept whole", "de winst-en-verliesrekening van Noord-Holland",
      ["de", "winst-en-verliesrekening", "van", "Noord-Holland"]),
    TokenCase("e-mail as a word", "stuur een e-mail", ["stuur", "een", "e-mail"]),
    TokenCase("suspended hyphen before en", "Noord- en Zuid-Holland", ["Noord-", "en", "Zuid-Holland"]),
    TokenCase("suspended hyphen before a comma", "land-, tuin- en bosbouw", ["land-", ",", "tuin-", "en", "bosbouw"]),
    TokenCase("dash with spaces", "Hij kwam - te laat", ["Hij", "kwam", "-", "te", "laat"]),
    TokenCase("number with thousands and decimals", "€ 1.250,50 betaald", ["€", "1.250,50", "betaald"]),
    TokenCase("decimal comma", "3,5 procent", ["3,5", "procent"]),
    TokenCase("time with a period", "om 8.30 uur", ["om", "8.30", "uur"]),
    TokenCase("time with a colon", "om 14:00 uur", ["om", "14:00", "uur"]),
    TokenCase("percent attached", "een daling van 5%.", ["een", "daling", "van", "5%", "."]),
    TokenCase("year", "In 2019 begon het.", ["In", "2019", "begon", "het", "."]),
    TokenCase("abbreviation bijv.", "bijv. de gemeente", ["bijv.", "de", "gemeente"]),
    TokenCase("abbreviation with inner periods", "o.a. Jansen, d.w.z. hij", ["o.a.", "Jansen", ",", "d.w.z.", "hij"]),
    TokenCase(
      "title abbreviations", "dhr. Jansen en mevr. De Vries", ["dhr.", "Jansen", "en", "mevr.", "De", "Vries"]),
    TokenCase("initials", "J.P. Jansen kwam.", ["J.P.", "Jansen", "kwam", "."]),
    TokenCase("single initial", "door F. Buschman", ["door", "F.", "Buschman"]),
    TokenCase("capital before a sentence starter", "eigenschap B. Maar dan", ["eigenschap", "B", ".", "Maar", "dan"]),
    TokenCase(
      "ambiguous abbreviation at the end", "hij hield stug vol. Daarna", ["hij", "hield", "stug", "vol", ".", "Daarna"]),
    TokenCase("ambiguous abbreviation inside", "zie blz. 4 en vol. 2", ["zie", "blz.", "4", "en", "vol.", "2"]),
    TokenCase(
      "capitalised abbreviation at a sentence start", "Dhr. Jansen en Bijv. dit",
      ["Dhr.", "Jansen", "en", "Bijv.", "dit"]),
    TokenCase("ordinary words before a period", "Ze gaan. Wij blijven.", ["Ze", "gaan", ".", "Wij", "blijven", "."]),
    TokenCase(
      "word of an abbreviation's shape", "het was mis. Daarna kwam het plm. om twee",
      ["het", "was", "mis", ".", "Daarna", "kwam", "het", "plm.", "om", "twee"]),
    TokenCase("list number at line start", "1. Inleiding", ["1.", "Inleiding"]),
    TokenCase("number at sentence end", "Het waren er 12. Daarna", ["Het", "waren", "er", "12", ".", "Daarna"]),
    TokenCase(
      "URL", "Zie https://www.gemeente.nl/afval?x=1.", ["Zie", "https://www.gemeente.nl/afval?x=1", "."]),
    TokenCase("www address", "op www.kwal.nl staat", ["op", "www.kwal.nl", "staat"]),
    TokenCase("e-mail address", "mail naar info@logistiek.nl.", ["mail", "naar", "info@logistiek.nl", "."]),
    TokenCase("mention and hashtag", "@gemeente #stadslogistiek!", ["@gemeente", "#stadslogistiek", "!"]),
    TokenCase("ellipsis as one token", "Nou... ja", ["Nou", "...", "ja"]),
    TokenCase("unicode ellipsis", "Nou… ja", ["Nou", "…", "ja"]),
    TokenCase("low quotes ,, and ''", ",,Nee,'' zei ze.", [",,", "Nee", ",", "''", "zei", "ze", "."]),
    TokenCase("typographic quotes", "„Goed” zei hij", ["„", "Goed", "”", "zei", "hij"]),
    TokenCase("single quotes", "‘overbruggen’", ["‘", "overbruggen", "’"]),
    TokenCase("em dash", "dat—zo bleek", ["dat", "—", "zo", "bleek"]),
    TokenCase("slash between words", "en/of t/m 2/3", ["en/of", "t/m", "2/3"]),
    TokenCase("slash with spaces", "ja / nee", ["ja", "/", "nee"]),
    TokenCase("superscript unit", "13.521 km² groot", ["13.521", "km²", "groot"]),
    TokenCase("brackets", "(zie bijlage)", ["(", "zie", "bijlage", ")"]),
    TokenCase("question and exclamation marks apart", "Echt?!", ["Echt", "?", "!"]),
    TokenCase("emoji with joiner", "top 👍🏽 en 👨‍👩‍👧", ["top", "👍🏽", "en", "👨‍👩‍👧"]),
    TokenCase("flags", "🇳🇱🇧🇪 en 🇳🇱!", ["🇳🇱", "🇧🇪", "en", "🇳🇱", "!"]),
    TokenCase("diacritics inside words", "coöperatie beëindigd", ["coöperatie", "beëindigd"]),
    TokenCase("IJ digraph", "IJssel en ĳs", ["IJssel", "en", "ĳs"]),
    TokenCase("St.-Janstraat", "in de St.-Janstraat", ["in", "de", "St.-Janstraat"]),
    TokenCase("ampersand in a short name", "bij V&D", ["bij", "V&D"]),
  ]

  @Test("rule", arguments: cases)
  func rule(_ example: TokenCase) {
    #expect(forms(example.text) == example.tokens, "\(example.rule): \(example.text)")
  }

  @Test(
    "a custom abbreviation matches in either canonical form",
    arguments: [
      ("ca\u{E9}", "ca\u{65}\u{301}"), ("ca\u{65}\u{301}", "ca\u{E9}"), ("xyz", "xyz"), ("ca\u{E9}", "ca\u{E9}"),
    ])
  func customAbbreviationInEitherForm(_ example: (listed: String, written: String)) {
    let text = "het \(example.written). Daarna"
    let tokens = Tokenizer(abbreviations: [example.listed]).tokenize(text)
    let bytes = Array(text.utf8)
    let words = tokens.map { String(decoding: bytes[$0.range], as: UTF8.self) }
    #expect(words == ["het", "\(example.written).", "Daarna"])
  }

  @Test("kinds")
  func kinds() {
    let text = "Op 3,5 km: https://x.nl, a@b.nl, @wij #ov €"
    let kinds = Tokenizer().tokenize(text).map(\.kind)
    #expect(
      kinds == [
        .word, .number, .word, .punctuation, .url, .punctuation, .email, .punctuation, .mention, .hashtag, .symbol,
      ])
  }
}
