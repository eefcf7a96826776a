import Foundation
import KwalTestSupport
import Testing

@testable import KwalText

@Suite("Normalizer, stemmer, lexicon")
struct NormalizerTests {
  @Test(
    "normalised forms",
    arguments: [
      ("coöperatie", "cooperatie"), ("beëindigd", "beeindigd"), ("IJssel", "ijssel"), ("ĳs", "ijs"),
      ("Ĳmuiden", "ijmuiden"), ("’s", "'s"), ("‘t", "'t"), ("zo’n", "zo'n"), ("Café", "cafe"),
      ("ZO'N", "zo'n"), ("e\u{2011}mail", "e-mail"), ("coo\u{308}peratie", "cooperatie"),
      ("„Nee”", "\"nee\""), ("Overbruggen", "overbruggen"), ("`t", "'t"),
    ])
  func normalised(form: String, expected: String) {
    #expect(Normalizer().normalize(form) == expected)
  }

  @Test("NFC without diacritic folding keeps the accent, composed")
  func nfc() {
    let normalizer = Normalizer(foldsCase: true, foldsDiacritics: false)
    #expect(Array(normalizer.normalize("Coo\u{308}peratie").utf8) == Array("coöperatie".utf8))
  }

  @Test(
    "stems of Dutch words",
    arguments: [
      ("overbruggen", "overbrugg"), ("overbrugd", "overbrugd"), ("samenwerkingen", "samenwerk"),
      ("taakstelling", "taakstell"), ("dwalen", "dwal"), ("idealisering", "idealiser"),
    ])
  func stems(word: String, stem: String) throws {
    let stemmer = try #require(Stemmer(algorithm: "dutch"))
    #expect(stemmer.stem(word) == stem)
  }

  @Test("an unknown algorithm gives nil, not a crash")
  func unknownAlgorithm() {
    #expect(Stemmer(algorithm: "klingon") == nil)
    #expect(Stemmer.availableAlgorithms.contains("dutch"))
  }

  @Test("empty word")
  func emptyWord() throws {
    #expect(try #require(Stemmer()).stem("") == "")
  }

  @Test("lexicon interns each surface form once, with its forms")
  func lexicon() {
    let lexicon = Lexicon()
    let analysis = TextAnalyzer().analyze("Bruggen, bruggen en Bruggen.", lexicon: lexicon)
    #expect(analysis.types.count == analysis.tokens.count)
    #expect(analysis.types[0] == analysis.types[4])
    #expect(analysis.types[0] != analysis.types[2])
    #expect(lexicon.typeCount == 5)  // Bruggen , bruggen en .
    #expect(lexicon.normalized(analysis.types[0]) == "bruggen")
    #expect(lexicon.stem(analysis.types[0]) == lexicon.stem(analysis.types[2]))
    #expect(lexicon.stem(of: "Bruggen") == lexicon.stem(analysis.types[0]))
    #expect(lexicon.surface(analysis.types[0]) == "Bruggen")
  }

  /// The Snowball reference vocabulary for the Porter-based Dutch stemmer, which is what
  /// Debian's libstemmer 2.2 calls "dutch": every word must give the expected stem.
  @Test(
    "Snowball dutch_porter vocabulary: 45,670 of 45,670",
    .enabled(if: SharedData.has("snowball-dutch/dutch_porter/voc.txt"), SharedData.absent))
  func snowball() throws {
    let words = try #require(SharedData.text("snowball-dutch/dutch_porter/voc.txt"))
    let expected = try #require(SharedData.text("snowball-dutch/dutch_porter/output.txt"))
    let stemmer = try #require(Stemmer(algorithm: "dutch"))
    let wordLines = words.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    let stemLines = expected.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(wordLines.count == 45_670)
    #expect(wordLines.count == stemLines.count)
    var mismatches: [String] = []
    for (word, stem) in zip(wordLines, stemLines) where stemmer.stem(String(word)) != stem {
      mismatches.append("\(word) → \(stemmer.stem(String(word))), expected \(stem)")
    }
    print("Snowball dutch_porter: \(wordLines.count - mismatches.count) of \(wordLines.count) words matched")
    #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
  }

  @Test("plain ASCII takes the short way to the same forms as the long one")
  func plainASCIIAgreesWithTheLongWay() {
    // The long way for ASCII: backticks become apostrophes, and the case is folded when asked.
    func longWay(_ form: String, foldsCase: Bool) -> String {
      let unified = form.replacingOccurrences(of: "`", with: "'")
      return foldsCase ? unified.lowercased() : unified
    }
    for foldsCase in [true, false] {
      let normalizer = Normalizer(foldsCase: foldsCase, foldsDiacritics: true)
      for form in ["Overleg", "OVERLEG", "overleg", "A2", "it`s", "Co-Op", "", "x y", "Zeeuws-Vlaanderen", "123"] {
        #expect(normalizer.normalize(form) == longWay(form, foldsCase: foldsCase), "\(form)")
      }
    }
  }
}
