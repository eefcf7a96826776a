/// Dutch language data for the tokenizer and sentence splitter.
///
/// Provenance: compiled by the Kwal project from common Dutch usage as listed by the
/// Nederlandse Taalunie's spelling guidance on abbreviations (afkortingen), completed with
/// abbreviations observed in the UD Dutch *dev* treebanks (never the test sets). Each entry is
/// written lowercase, without its final period.
public enum DutchAbbreviations {
  /// Abbreviations that are written with a final period and do not end a sentence by themselves.
  public static let all: Set<String> = [
    // general
    "a.d", "a.h.w", "a.s", "afb", "afd", "afk", "alg", "ong", "bijv", "bv", "bijl", "blz", "bv",
    "ca", "cf", "d.d", "d.i", "d.m.v", "d.w.z", "dgl", "dhr", "dr", "drs", "e.a", "e.d", "e.e.a",
    "e.v", "e.v.a", "enz", "etc", "evt", "excl", "fam", "fig", "geb", "i.c", "i.e", "i.h.a",
    "i.o", "i.p.v", "i.s.m", "i.v.m", "i.t.t", "incl", "ing", "ir", "jl", "jr", "kand", "lic",
    "m.a.w", "m.b.t", "m.b.v", "m.i", "m.i.v", "m.n", "mevr", "mej", "mr", "mgr", "mln",
    "mld", "mrd", "n.a.v", "n.v.t", "nl", "no", "nr", "nrs", "o.a", "o.b.v", "o.i", "o.i.d",
    "o.l.v", "o.m", "o.v.v", "ong", "resp", "p", "pag", "plm", "prof", "r.k", "sr", "st",
    "t.a.v", "t.b.v", "t.g.v", "t.h.v", "t.o.v", "t.w", "t.z.t", "v", "v.a",
    "v.Chr", "v.chr", "n.chr", "chr", "kg", "vnl", "vgl", "vs", "vz", "z.g", "z.g.a.n", "z.s.m", "zg",
    "zgn", "z.o.z", "jhr", "gen", "ds", "sec", "art", "hfst",
    "feb", "mrt", "apr", "aug", "sep", "sept", "okt", "nov", "dec",
    "mw", "dhr", "mevr", "bijv", "a.u.b", "s.v.p", "ovv", "pct", "gld",
    "mil", "km", "int", "corp", "inc", "ltd", "co", "ed", "eds", "jg", "afl",
    "ws", "n.a.w", "p.p", "t.t", "u.i", "c.q", "e.e", "a.i", "a.g.v", "b.v", "n.v", "v.o.f",
    "m.u.v", "d.i.t", "o.g.v", "v.w.b", "w.o", "z.i", "z.n",
  ]

  /// Abbreviations that are also Dutch words (`vol`, `zo`, `min`, `ten`, `zie`, weekdays `ma`,
  /// `di`, `wo`, `do`, `za`): they take their period only when the sentence goes on after it
  /// (a lowercase word, a digit or a comma follows), so `hield hij stug vol.` ends a sentence.
  public static let ambiguous: Set<String> = [
    "vol", "zo", "ma", "di", "do", "wo", "vr", "za", "ten", "min", "max", "jan", "red", "zie",
    "pastoor", "tel", "gem", "kol", "luit",
  ]

  /// Capitalised words that start sentences and are not surnames: after a single capital and a
  /// period (`eigenschap B. Maar`) the period ends a sentence instead of an initial. Pronouns,
  /// articles (not `De`, `Van`, `Ter`: Belgian surnames), conjunctions and sentence adverbs.
  /// After any abbreviation, such a word also ends the sentence (`10 kg. Hij`). Compiled by the
  /// Kwal project from the ANS word classes; none of them is a common Dutch or Flemish surname.
  public static let sentenceStarters: Set<String> = [
    "Hij", "Zij", "Ze", "Het", "Een", "Dit", "Dat", "Deze", "Die", "Ik", "We", "Wij", "Jij", "Je",
    "U", "Er", "Maar", "En", "Als", "Toen", "Ook", "Daarna", "Dan", "Nu", "Daarom", "Hier",
    "Daar", "Zo", "Want", "Omdat", "Wat", "Wie", "Waar", "Hoe", "Waarom", "Wanneer", "In", "Op",
    "Met", "Na", "Voor", "Bij", "Door", "Uit", "Om", "Tot", "Sinds", "Volgens", "Toch", "Wel",
    "Niet", "Geen", "Alle", "Veel", "Men", "Elk", "Elke", "Iedereen", "Niemand", "Bovendien",
    "Verder", "Ten", "Tijdens", "Onder", "Over", "Tegen", "Zonder", "Bijna", "Later", "Eerst",
    "Vervolgens", "Daarnaast", "Echter", "Inmiddels", "Intussen", "Ondertussen", "Uiteindelijk",
    "Tenslotte", "Vroeger", "Vandaag", "Gisteren", "Morgen", "Sindsdien", "Nadat", "Terwijl",
    "Hoewel", "Zodra", "Toen", "Daardoor", "Daarbij", "Hierdoor", "Bovendien", "Ook",
  ]

  /// Abbreviations that often end a sentence: followed by a capitalised word they close it.
  public static let sentenceFinal: Set<String> = ["enz", "etc", "e.d", "e.a", "e.v", "e.v.a", "d.d", "jl", "jr", "sr"]

  /// Short words that take a period only as abbreviations and would be mistaken for initials.
  static let notInitials: Set<String> = []
}

/// Dutch clitics written with a leading apostrophe: `'s ochtends`, `'t`, `'n`, `'k`, `'m`, `'r`.
///
/// Provenance: the forms listed in the Algemene Nederlandse Spraakkunst (ANS) for weak pronouns
/// and articles written with an apostrophe; spaCy's Dutch tokenizer exceptions list the same set.
public enum DutchClitics {
  /// The letter after the apostrophe (lowercase ASCII) that makes a clitic when a word boundary follows.
  public static let letters: Set<UInt8> = [
    UInt8(ascii: "s"), UInt8(ascii: "t"), UInt8(ascii: "n"), UInt8(ascii: "k"), UInt8(ascii: "m"),
    UInt8(ascii: "r"),
  ]
}

/// Dutch negators used by codebook rules with `negation: true`.
///
/// Provenance: the negation words of the Algemene Nederlandse Spraakkunst (ANS, section on
/// negation: niet, geen, nooit, niemand, niets, nergens, geenszins, allerminst, noch) plus
/// colloquial forms found in transcripts (nie, niks, nimmer).
public enum DutchNegators {
  /// Folded (lowercase, no diacritics) negators.
  public static let words: Set<String> = [
    "niet", "geen", "nooit", "niemand", "niets", "niks", "nergens", "geenszins", "allerminst",
    "noch", "nimmer", "nie", "zonder", "evenmin", "hoegenaamd",
  ]
}
