import Testing

@testable import KwalPseudonym

/// The identifier scanners on every written form the issue names, and on numbers that only look
/// like identifiers.
@Suite("identifiers")
struct IdentifierScannerTests {
  func found(_ text: String) -> [(String, IdentifierKind)] {
    let scalars = Array(text.unicodeScalars)
    return IdentifierScanner.scan(scalars).map {
      (String(String.UnicodeScalarView(scalars[$0.start..<$0.end])), $0.kind)
    }
  }

  @Test(
    "Each form is found whole, with its kind",
    arguments: [
      ("Mail naar anna.de-vries@stad.nl.", "anna.de-vries@stad.nl", IdentifierKind.email),
      ("Bel 06-12345678 vandaag", "06-12345678", .phone),
      ("Bel 06 1234 5678 vandaag", "06 1234 5678", .phone),
      ("Bel (020) 123 45 67 vandaag", "(020) 123 45 67", .phone),
      ("Bel 070 - 360 48 16 vandaag", "070 - 360 48 16", .phone),
      ("Bel 043 - 361.00.28 vandaag", "043 - 361.00.28", .phone),
      ("Bel +31 6 12345678 vandaag", "+31 6 12345678", .phone),
      ("Bel +31 (0)20 123 4567 vandaag", "+31 (0)20 123 4567", .phone),
      ("Bel 0031 6 12345678 vandaag", "0031 6 12345678", .phone),
      ("Bel +44 20 7946 0958 vandaag", "+44 20 7946 0958", .phone),
      ("Postcode 3511 AB Utrecht", "3511 AB", .postcode),
      ("Postcode 5071HL Udenhout", "5071HL", .postcode),
      ("Op de Kerkstraat 12 woont", "Kerkstraat 12", .address),
      ("Adres: Oude Kerkstraat 10a in Maastricht", "Oude Kerkstraat 10a", .address),
      ("Schrijf naar Postbus 325 in", "Postbus 325", .address),
      ("IBAN NL91 ABNA 0417 1643 00 graag", "NL91 ABNA 0417 1643 00", .iban),
      ("IBAN NL91ABNA0417164300.", "NL91ABNA0417164300", .iban),
      ("IBAN BE71 0961 2345 6769 graag", "BE71 0961 2345 6769", .iban),
      ("BSN 111222333 staat", "111222333", .bsn),
      ("BSN 1 2 3 4 5 6 7 8 2 staat", "1 2 3 4 5 6 7 8 2", .bsn),
      ("Zie https://www.linkedin.com/in/jan-jansen.", "https://www.linkedin.com/in/jan-jansen", .url),
      ("Zie twitter.com/klaaskasma voor meer", "twitter.com/klaaskasma", .url),
    ])
  func forms(text: String, expected: String, kind: IdentifierKind) {
    let result = found(text)
    #expect(result.count == 1, "\(result)")
    #expect(result.first?.0 == expected)
    #expect(result.first?.1 == kind)
  }

  @Test("A street without a street word is an address when a postcode follows")
  func addressBeforePostcode() {
    let result = found("Adres: Hondsdraf 3, 5071HL Udenhout")
    #expect(result.map(\.0) == ["Hondsdraf 3", "5071HL"])
    #expect(result.map(\.1) == [.address, .postcode])
  }

  @Test(
    "Numbers that are no identifiers stay",
    arguments: [
      "In 2021 kwamen 12345 bezoekers.", "Op 06-12-2020 om 10:30 uur.", "Het kost € 1.234.567,00.",
      "IBAN NL92 ABNA 0417 1643 00 (check digits wrong)", "Nummer 123456789 faalt de elfproef.",
      "RSIN 002345674 van de vereniging", "Kamer 12 van het gebouw", "Het jaar 1978 en de 3 AB-klassen",
    ])
  func notIdentifiers(text: String) {
    #expect(found(text).isEmpty, "\(found(text))")
  }

  @Test("The published check digits: mod-97 for the IBAN, the elfproef for the BSN")
  func checks() {
    #expect(IdentifierScanner.passesMod97(Array("NL91ABNA0417164300".unicodeScalars)))
    #expect(!IdentifierScanner.passesMod97(Array("NL91ABNA0417164301".unicodeScalars)))
    #expect(IdentifierScanner.passesElfproef([1, 1, 1, 2, 2, 2, 3, 3, 3]))
    #expect(!IdentifierScanner.passesElfproef([1, 2, 3, 4, 5, 6, 7, 8, 9]))
  }
}
