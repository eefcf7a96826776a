import Foundation
import Testing

@testable import KwalCoding

@Suite("Literals every match of a regex holds")
struct RegexLiteralsTests {
  static func literals(_ source: String) -> [String]? {
    RegexLiterals.required(source).map { $0.map { String(decoding: $0, as: UTF8.self) } }
  }

  @Test func plainRegexesGiveTheirLiterals() {
    #expect(Self.literals("^(?!lucht|leef).*kwaliteit.*$") == ["kwaliteit"])
    #expect(
      Self.literals("^(gemeenschappelijke?|gezamenlijke?|collectieve?)(doel|doelen|belang)$")
        == ["gemeenschappelijk", "gezamenlijk", "collectiev"])
    #expect(Self.literals("^overbrug.*$") == ["overbrug"])
    #expect(Self.literals("^over(brug)+d$") == ["over"])
    #expect(Self.literals("^kost(en)?$") == ["kost"])
    #expect(Self.literals("^kost+en$") == ["kost"])
    #expect(Self.literals("^(?:kost|prijs)en$") == ["kost", "prijs"])
    #expect(Self.literals("^overleg|^beraad$") == ["overleg", "beraad"])
  }

  @Test func whatIsNotReadGivesNoLiterals() {
    for source in [
      "^\\w+isch$", "^[a-z]+heid$", "^kos{2}t$", "^Kosten$", "^(?<naam>kost)$", "^kost.*?en$", "^(kost|)en$",
      "^a.b$", "^(ab|cd)$", "^kost*?en$", "^ko+?st$", "^ko*st$", "^kw aliteit$", "^café$", "^(kost", "^(?=kost)x$",
    ] {
      #expect(Self.literals(source) == nil, "\(source)")
    }
  }

  /// Soundness: every word a regex matches holds one of its literals.
  @Test func everyMatchHoldsALiteral() throws {
    let sources = [
      "^(?!lucht|leef).*kwaliteit.*$", "^(gemeenschappelijke?|gezamenlijke?|collectieve?)(doel|doelen)$",
      "^over(brug)+d?$", "^kost(en|baar)?(post)*$", "^(samen|mee)werk(ing|en)+$",
    ]
    var words: [String] = []
    for stem in ["kwaliteit", "gemeenschappelijk", "gezamenlijke", "collectief", "overbrug", "kost", "samenwerk"] {
      for prefix in ["", "lucht", "x", "mee"] {
        for suffix in ["", "en", "doel", "doelen", "brugd", "baarpost", "ing", "ingen", "d"] {
          words.append(prefix + stem + suffix)
        }
      }
    }
    for source in sources {
      let literals = try #require(RegexLiterals.required(source), "\(source)")
      let regex = try Regex(source)
      var matched = 0
      for word in words where (try? regex.wholeMatch(in: word)) != nil {
        matched += 1
        #expect(literals.contains { word.utf8.firstRange(of: $0) != nil }, "\(source) \(word)")
      }
      #expect(matched > 0, "\(source) matched none of the words")
    }
  }
}
