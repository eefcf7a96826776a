import Testing

import KwalModel
@testable import KwalText

/// The sentences of `text`, each from its first token to its last.
func sentences(_ text: String) -> [String] {
  let analysis = TextAnalyzer().analyze(text, lexicon: nil)
  let bytes = Array(text.utf8)
  return analysis.sentences.indices.map { index in
    let range = analysis.sentenceRange(index)
    return String(decoding: bytes[range.start..<range.end], as: UTF8.self)
  }
}

/// One sentence rule, with a Dutch example and the sentences it must give.
struct SentenceCase: CustomStringConvertible, Sendable {
  let rule: String
  let text: String
  let sentences: [String]
  init(_ rule: String, _ text: String, _ sentences: [String]) {
    self.rule = rule
    self.text = text
    self.sentences = sentences
  }
  var description: String { rule }
}

@Suite("Sentence splitter rules")
struct SentenceSplitterTests {
  static let cases: [SentenceCase] = [
    SentenceCase("period and capital", "De brug is af. Zij ging.", ["De brug is af.", "Zij ging."]),
    SentenceCase("question and exclamation", "Waarom? Daarom!", ["Waarom?", "Daarom!"]),
    SentenceCase("bijv. does not end", "Dit is bijv. Amsterdam. Klaar.", ["Dit is bijv. Amsterdam.", "Klaar."]),
    SentenceCase(
      "o.a., m.b.t., i.p.v. do not end", "Zie o.a. Utrecht m.b.t. Rotterdam i.p.v. Delft. Nu.",
      ["Zie o.a. Utrecht m.b.t. Rotterdam i.p.v. Delft.", "Nu."]),
    SentenceCase(
      "dhr. and mevr.", "Dhr. Jansen en mevr. Bakker kwamen. Toen.", ["Dhr. Jansen en mevr. Bakker kwamen.", "Toen."]),
    SentenceCase("titles drs. ir. prof. dr.", "Met prof. dr. ir. Smit. Goed.", ["Met prof. dr. ir. Smit.", "Goed."]),
    SentenceCase("initials", "J.P. Jansen kwam. Hij bleef.", ["J.P. Jansen kwam.", "Hij bleef."]),
    SentenceCase(
      "time 14.00 uur", "Om 14.00 uur begint het. Daarna koffie.", ["Om 14.00 uur begint het.", "Daarna koffie."]),
    SentenceCase("decimal 3,5", "Het groeide 3,5 procent. Goed.", ["Het groeide 3,5 procent.", "Goed."]),
    SentenceCase("number at the end", "Het waren er 12. Daarna niet.", ["Het waren er 12.", "Daarna niet."]),
    SentenceCase("ellipsis", "Ik weet het niet... Misschien wel.", ["Ik weet het niet...", "Misschien wel."]),
    SentenceCase("ellipsis then lowercase", "Ik weet… misschien wel.", ["Ik weet… misschien wel."]),
    SentenceCase(
      "typographic quotes with a reporting clause", "„Kom je?” vroeg ze. Ik knikte.",
      ["„Kom je?” vroeg ze.", "Ik knikte."]),
    SentenceCase("quote closes the sentence", "Ze zei: „Nee.” Toen ging ze.", ["Ze zei: „Nee.”", "Toen ging ze."]),
    SentenceCase("single quotes", "Hij zei ‘nee’. Dat was het.", ["Hij zei ‘nee’.", "Dat was het."]),
    SentenceCase("low quotes ,, ''", ",,Nee,'' zei ze. ,,Echt niet.''", [",,Nee,'' zei ze.", ",,Echt niet.''"]),
    SentenceCase(
      "quotation continues in lowercase", ",,Omdat'', wist hij. ,,wij scherp waren.''",
      [",,Omdat'', wist hij. ,,wij scherp waren.''"]),
    SentenceCase("straight quotes closing after a space", "\"Eerst. \" Toen.", ["\"Eerst. \"", "Toen."]),
    SentenceCase("colon within a line", "Zij zei: kom. Hij kwam.", ["Zij zei: kom.", "Hij kwam."]),
    SentenceCase("colon at a line end", "Agenda:\n1. Opening\n2. Notulen", ["Agenda:", "1. Opening", "2. Notulen"]),
    SentenceCase(
      "heading without a period", "Inleiding\nDe gemeente wil meer.", ["Inleiding", "De gemeente wil meer."]),
    SentenceCase(
      "transcript turns", "Interviewer: Hoe ging het?\nRespondent: Goed, denk ik",
      ["Interviewer: Hoe ging het?", "Respondent: Goed, denk ik"]),
    SentenceCase(
      "soft wrap in lowercase", "Dit is een zin die\ndoorloopt tot hier.", ["Dit is een zin die\ndoorloopt tot hier."]),
    SentenceCase(
      "line ending in a comma", "Wij, de partners,\nDe gemeente en wij.", ["Wij, de partners,\nDe gemeente en wij."]),
    SentenceCase("blank line always ends", "Kop\n\nnog tekst hier", ["Kop", "nog tekst hier"]),
    SentenceCase(
      "list items", "Besluiten:\n- eerste punt\n- tweede punt", ["Besluiten:", "- eerste punt", "- tweede punt"]),
    SentenceCase(
      "lettered list", "We besloten\na) eerst plannen\nb) dan bouwen",
      ["We besloten", "a) eerst plannen", "b) dan bouwen"]),
    SentenceCase(
      "ordinals stay inside", "In de 21e eeuw en op de 2de dag. Klaar.", ["In de 21e eeuw en op de 2de dag.", "Klaar."]),
    SentenceCase("enz. at the end", "Appels, peren enz. Daarna de rest.", ["Appels, peren enz.", "Daarna de rest."]),
    SentenceCase("e.d. at the end", "Fietsen e.d. De rest volgt.", ["Fietsen e.d.", "De rest volgt."]),
    SentenceCase(
      "abbreviation before a sentence starter", "Het weegt 10 kg. Hij tilt het.", ["Het weegt 10 kg.", "Hij tilt het."]),
    SentenceCase("abbreviation before a name", "Zie o.a. Jansen en Smit.", ["Zie o.a. Jansen en Smit."]),
    SentenceCase("enz. inside", "Appels enz. zijn op.", ["Appels enz. zijn op."]),
    SentenceCase(
      "ambiguous abbreviation at the end", "Hij hield stug vol. Daarna niet.", ["Hij hield stug vol.", "Daarna niet."]),
    SentenceCase("clitic starts a sentence", "Het was laat. 's Ochtends wel.", ["Het was laat.", "'s Ochtends wel."]),
    SentenceCase(
      "lowercase after a period continues", "Zie art. 3 lid 2. dat geldt.", ["Zie art. 3 lid 2. dat geldt."]),
    SentenceCase(
      "an emoji after the full stop ends the sentence with it", "We pakken het op. 👍🏽 De verdeling volgt.",
      ["We pakken het op. 👍🏽", "De verdeling volgt."]),
    SentenceCase("an emoji inside a sentence stays", "Het ging 👍 goed vandaag.", ["Het ging 👍 goed vandaag."]),
    // From council minutes and reports (see bench/field/docs).
    SentenceCase(
      "an inline enumeration after a colon",
      "Voorstel aan de raad om: 1. De begroting 2020 vast te stellen; 2. In te stemmen met het plan.",
      ["Voorstel aan de raad om: 1. De begroting 2020 vast te stellen; 2. In te stemmen met het plan."]),
    SentenceCase(
      "an inline enumeration after a comma",
      "Besloten is om 1. Het plan aan te nemen, 2. De kosten te dekken. Daarna ging men verder.",
      ["Besloten is om 1. Het plan aan te nemen, 2. De kosten te dekken.", "Daarna ging men verder."]),
    SentenceCase(
      "letters as list markers inline",
      "Het bestuur wordt gemachtigd tot: a. Het aangaan van een lening; b. Autorisatie van kredieten.",
      ["Het bestuur wordt gemachtigd tot: a. Het aangaan van een lening; b. Autorisatie van kredieten."]),
    SentenceCase(
      "a section reference before a title", "Zie onderdeel 3. ‘Oplossingsrichtingen’ van de notitie. Dat is helder.",
      ["Zie onderdeel 3. ‘Oplossingsrichtingen’ van de notitie.", "Dat is helder."]),
    SentenceCase(
      "a chapter number", "In hoofdstuk 7. Financiën staat de dekking. Klaar.",
      ["In hoofdstuk 7. Financiën staat de dekking.", "Klaar."]),
    SentenceCase(
      "pag. before a number", "Het staat op pag. 218 van het rapport. Goed.",
      ["Het staat op pag. 218 van het rapport.", "Goed."]),
    SentenceCase(
      "art. before a number", "Op grond van art. 3.2 van de wet. Goed.", ["Op grond van art. 3.2 van de wet.", "Goed."]),
    SentenceCase(
      "a time inside", "De raad begint om 19.30 uur in de raadszaal. Welkom.",
      ["De raad begint om 19.30 uur in de raadszaal.", "Welkom."]),
    SentenceCase("a date inside", "Op 14.05.2019 besloot de raad. Toen.", ["Op 14.05.2019 besloot de raad.", "Toen."]),
    SentenceCase(
      "a time ends a sentence", "We beginnen om 19.30. De voorzitter opent.",
      ["We beginnen om 19.30.", "De voorzitter opent."]),
    SentenceCase(
      "a year ends a sentence", "Het plan is van 2019. De raad stemde in.",
      ["Het plan is van 2019.", "De raad stemde in."]),
  ]

  @Test("rule", arguments: cases)
  func rule(_ example: SentenceCase) {
    #expect(sentences(example.text) == example.sentences, "\(example.rule)")
  }

  @Test("blocks bound sentences")
  func blocks() {
    let text = "Eerste blok zonder punt Tweede blok."
    let analysis = TextAnalyzer().analyze(text, blocks: [.init(0, 23), .init(24, text.utf8.count)], lexicon: nil)
    #expect(analysis.sentences.count == 2)
  }

  @Test("empty and blank input")
  func empty() {
    #expect(sentences("").isEmpty)
    #expect(sentences(" \n\n\t ").isEmpty)
  }
}
