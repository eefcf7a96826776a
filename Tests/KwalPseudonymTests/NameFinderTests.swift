import KwalModel
import Testing

@testable import KwalPseudonym

/// Names in every position: titles, initials, given name and surname, tussenvoegsels, double
/// names, later mentions, possessives; and capitalised words that are no names.
@Suite("names")
struct NameFinderTests {
  func replaced(_ texts: [String], names: [String] = [], keep: [String] = []) -> [[String]] {
    var key = PseudonymKey()
    let documents = texts.enumerated().map { PseudonymDocument(id: "d\($0.offset).txt", text: $0.element) }
    return Pseudonymiser(names: names, keep: keep).run(documents, key: &key).map { $0.replacements.map(\.original) }
  }

  @Test(
    "Names with their evidence",
    arguments: [
      ("Wethouder Jansen opende de vergadering.", ["Jansen"]),
      ("Het woord is aan mevrouw A.E. Brinkman.", ["A.E. Brinkman"]),
      ("Aanwezig: de heren H.J. Bolhuis en J. Brink.", ["H.J. Bolhuis", "J. Brink"]),
      ("De heer J. L. de Jong was er ook.", ["J. L. de Jong"]),
      ("Pieter van den Berg belde gisteren.", ["Pieter van den Berg"]),
      ("Het voorstel van mevrouw Terwal-Arends werd aangenomen.", ["Terwal-Arends"]),
      ("Mevrouw E.M. Kuiper-de Boer sloot aan.", ["E.M. Kuiper-de Boer"]),
      ("Daarna sprak Mohammed El Amrani over de hub.", ["Mohammed El Amrani"]),
      ("Volgens Jansen zitten de klagers fout.", ["Jansen"]),
    ])
  func evidence(text: String, expected: [String]) {
    #expect(replaced([text]) == [expected])
  }

  @Test("Later mentions in any document: first name, surname with a capital particle, possessive")
  func laterMentions() {
    let result = replaced([
      "Pieter van den Berg leidt het project.", "Later zei Pieter dat Van den Berg moe was.", "Pieters rol was groot.",
    ])
    #expect(result == [["Pieter van den Berg"], ["Pieter", "Van den Berg"], ["Pieters"]])
  }

  @Test("One person, one pseudonym, across documents; another person another")
  func consistent() {
    var key = PseudonymKey()
    let documents = [
      PseudonymDocument(id: "a.txt", text: "Wethouder Sanne de Wit en Karel Appel spraken."),
      PseudonymDocument(id: "b.txt", text: "Later belde Sanne, en daarna De Wit zelf."),
    ]
    let result = Pseudonymiser().run(documents, key: &key)
    #expect(result[0].text == "Wethouder [persoon-1] en [persoon-2] spraken.")
    #expect(result[1].text == "Later belde [persoon-1], en daarna [persoon-1] zelf.")
  }

  @Test(
    "Capitalised words that are no names stay",
    arguments: [
      "Ik woon in Utrecht en werk in Drenthe.", "De Dorpsraad vergaderde in het Dorpshuis.",
      "De minister van Volksgezondheid antwoordde.", "Na afloop dronken we koffie. Later gingen we naar huis.",
      "Het CDA en de PvdA stemden tegen.", "Op maandag 3 april begon de bouw.",
    ])
  func notNames(text: String) {
    #expect(replaced([text]) == [[]])
  }

  @Test("--names adds names; --keep keeps words")
  func lists() {
    #expect(replaced(["Het team van Xylander werkte mee."], names: ["Xylander"]) == [["Xylander"]])
    #expect(replaced(["Wethouder Jansen sprak."], keep: ["Jansen"]) == [[]])
  }

  @Test("Speaker labels become labels Kwal reads as speakers, by role")
  func labels() {
    var key = PseudonymKey()
    let document = PseudonymDocument(
      id: "i.txt", text: "Sari: Hoe gaat het?\nNina van Dam: Goed. Sari vroeg het.\n<v Nina van Dam>Ja.\n",
      speakers: [("Sari", .interviewer), ("Nina van Dam", .respondent)])
    let result = Pseudonymiser().run([document], key: &key)
    #expect(result[0].text == "I: Hoe gaat het?\nR1: Goed. [persoon-1] vroeg het.\n<v R1>Ja.\n")
  }

  @Test("An existing key keeps its pseudonyms and numbers on")
  func stableKey() {
    var key = PseudonymKey(entries: [
      .init(pseudonym: "[persoon-7]", original: "Karel Appel", kind: .person, documents: ["a.txt"])
    ])
    let result = Pseudonymiser().run(
      [PseudonymDocument(id: "a.txt", text: "Karel Appel en Sanne de Wit spraken.")], key: &key)
    #expect(result[0].text == "[persoon-7] en [persoon-8] spraken.")
  }
}
