import Testing

@testable import KwalText

@Suite("Dutch word lists")
struct WordListTests {
  @Test("stop words: closed-class Dutch words, lowercase, no content words")
  func stopWords() {
    let words = DutchStopWords.words
    // Every form of an auxiliary, prepositions, pronominal adverbs: none says what a text is about
    // (these were the top cues of suggestions before the list had them).
    for word in [
      "de", "het", "een", "en", "van", "niet", "hij", "zij", "eh", "'t", "zo'n", "hadden", "naast", "waarom", "zei",
      "laten", "deden", "zelfs", "bijna", "steeds", "eerder", "daarbij",
    ] {
      #expect(words.contains(word), "\(word)")
    }
    for word in ["brug", "samenwerking", "overbruggen", "gemeente", "logistiek", "taak", "eigen", "samen", "prijs"] {
      #expect(!words.contains(word), "\(word)")
    }
    #expect(words.allSatisfy { $0 == $0.lowercased() && !$0.contains(" ") })
    #expect(words.count >= 150)
  }

  @Test("stop words are not used for matching by default: the analyzer keeps them")
  func stopWordsKept() {
    let analysis = TextAnalyzer().analyze("de brug en het plan", lexicon: nil)
    #expect(analysis.tokens.count == 5)
  }

  @Test("abbreviations are lowercase and have no final period")
  func abbreviations() {
    for list in [DutchAbbreviations.all, DutchAbbreviations.ambiguous, DutchAbbreviations.sentenceFinal] {
      #expect(list.allSatisfy { !$0.hasSuffix(".") && !$0.isEmpty })
    }
    #expect(DutchAbbreviations.sentenceFinal.isSubset(of: DutchAbbreviations.all))
    #expect(DutchAbbreviations.all.isDisjoint(with: DutchAbbreviations.ambiguous))
  }
}
