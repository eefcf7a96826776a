import Testing

@testable import KwalText

@Suite("Separable verbs")
struct SeparableVerbTests {
  @Test(
    "split at the particle",
    arguments: [
      ("uitstellen", "uit", "stellen"), ("afdwalen", "af", "dwalen"), ("samenwerken", "samen", "werken"),
      ("terugkomen", "terug", "komen"), ("Voorbijgaan", "voorbij", "gaan"), ("opzeggen", "op", "zeggen"),
    ])
  func split(infinitive: String, particle: String, verb: String) throws {
    let separable = try #require(SeparableVerb(infinitive: infinitive))
    #expect(separable.particle == particle)
    #expect(separable.verb == verb)
  }

  @Test("no particle, no split", arguments: ["werken", "begrijpen", "uit", "opa"])
  func noSplit(word: String) {
    #expect(SeparableVerb(infinitive: word) == nil)
  }

  @Test(
    "weak verb forms",
    arguments: [
      ("stellen", ["stel", "stelt", "stellen", "stelde", "stelden"]),
      ("dwalen", ["dwaal", "dwaalt", "dwalen", "dwaalde", "dwaalden"]),
      ("maken", ["maak", "maakt", "maken", "maakte", "maakten"]),
      ("leven", ["leef", "leeft", "leven", "leefde", "leefden"]),
      ("reizen", ["reis", "reist", "reizen", "reisde", "reisden"]),
      (
        "zetten",
        ["zet", "zetten", "zette", "zetten"].reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
      ),
      ("praten", ["praat", "praten", "praatte", "praatten"]),
    ])
  func forms(infinitive: String, expected: [String]) {
    #expect(SeparableVerb.weakForms(of: infinitive) == expected)
  }

  @Test("found in a main clause, across the clause, within one sentence")
  func occurrences() throws {
    let lexicon = Lexicon()
    let text = "We stellen het besluit uit. Ze dwaalden af van het plan. Hij stelt iets voor. Uit de kast."
    let analysis = TextAnalyzer().analyze(text, lexicon: lexicon)
    let uitstellen = try #require(SeparableVerb(infinitive: "uitstellen"))
    let found = uitstellen.occurrences(in: analysis, lexicon: lexicon)
    #expect(found == [1...4])  // not "stelt … voor", not "Uit" in another sentence
    let afdwalen = try #require(SeparableVerb(infinitive: "afdwalen"))
    #expect(afdwalen.occurrences(in: analysis, lexicon: lexicon) == [7...8])
  }
}
