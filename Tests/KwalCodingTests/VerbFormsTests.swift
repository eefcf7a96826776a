import Foundation
import Testing

@testable import KwalCoding

@Suite("Verb forms back to infinitives")
struct VerbFormsTests {
  /// Words of every shape the rules tell apart: past tenses, participles with ge- and a
  /// particle, short words, words that end in d or t without being verbs, and non-letters.
  static let words = [
    "overbrugd", "overbrugt", "overbrugde", "overbrugden", "gewerkt", "uitgesteld", "samengewerkt", "maakt", "praat",
    "werkten", "baden", "bad", "het", "niet", "dat", "wordt", "gedaan", "gebouwd", "opgeleverd", "geleid", "staat",
    "tegengehouden", "kosten", "de", "te", "ten", "vaste", "a2b3", "co-opt", "Werkt", "geheid", "vergaderde",
    "afgesproken", "besteed", "gezegd", "rondgestuurd", "tt", "ddd", "gedd", "Gewerkt", "GEWERKT", "Uitgesteld",
  ]

  /// The bytes' way and the scalars' way give the same candidates, in the same order.
  @Test func bytesAndScalarsAgree() {
    for word in Self.words {
      let full = VerbForms.scalarCandidates(of: word)
      #expect(VerbForms.infinitiveCandidates(of: word) == full, "\(word)")
    }
  }

  @Test func participlesGiveTheirInfinitives() {
    #expect(VerbForms.infinitiveCandidates(of: "gewerkt").contains("werken"))
    #expect(VerbForms.infinitiveCandidates(of: "uitgesteld").contains("uitstellen"))
    #expect(VerbForms.infinitiveCandidates(of: "overbrugd").contains("overbruggen"))
    #expect(VerbForms.infinitiveCandidates(of: "coöperatied") == VerbForms.scalarCandidates(of: "coöperatied"))
    #expect(VerbForms.infinitiveCandidates(of: "tafel").isEmpty)
  }
}
