import Foundation
@testable import KwalIngest
import KwalModel
import Testing

/// The Handelingen in officielebekendmakingen.nl's XML: the layout of a sitting's agenda item
/// (printed with every element on a line of its own, as a public repository keeps them), in
/// text written for the test.
@Suite("Handelingen in XML")
struct HandelingenTests {
  static let sitting = """
    <?xml version="1.0" encoding="utf-8"?>
    <officiele-publicatie xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
     <metadata>
      <meta content="https://zoek.officielebekendmakingen.nl/h-tk-0000-1-2/metadata.xml" name="OVERHEIDop.externMetadataRecord"/>
     </metadata>
     <handelingen>
      <agendapunt>
       <nr>
        2
       </nr>
       <item-titel>
        Zorg voor cliënten in de wijk
       </item-titel>
       <onderwerp>
        <al-groep>
         <al>
          Aan de orde is het
          <nadruk type="vet">
           debat over de zorg in de wijk
          </nadruk>
          .
         </al>
        </al-groep>
       </onderwerp>
    \(spreekbeurt("De", "voorzitter", paragraphs: "Ik geef het woord aan mevrouw Jansen."))
    \(spreekbeurt("Mevrouw", "Jansen", party: "GroenLinks", paragraphs: "Voorzitter, dank u wel. Ik heb één motie.", then: """
         <motie id="M-1">
          <kop>
           <titel status="officieel">
            Motie
           </titel>
          </kop>
          <al>
           De Kamer, gehoord de beraadslaging, verzoekt de regering de wijkteams te versterken,
          </al>
          <al>
           en gaat over tot de orde van de dag.
          </al>
         </motie>
    """))
    \(spreekbeurt("Minister", "De Vries", paragraphs: "Ik laat het oordeel over deze motie aan de Kamer."))
      </agendapunt>
     </handelingen>
    </officiele-publicatie>
    """

  /// A `spreekbeurt` as the repository prints it, every element on a line of its own: the
  /// speaker's title, surname and party, one paragraph, then `then` (a motion) inside its text.
  static func spreekbeurt(
    _ prefix: String, _ surname: String, party: String? = nil, paragraphs: String, then: String = ""
  ) -> String {
    let politiek = party.map { "     (\n     <politiek>\n      \($0)\n     </politiek>\n     ):" } ?? "     :"
    return """
         <spreekbeurt nieuw="ja">
          <spreker>
           <voorvoegsels>
            \(prefix)
           </voorvoegsels>
           <naam>
            <achternaam>
             \(surname)
            </achternaam>
           </naam>
      \(politiek)
          </spreker>
          <tekst status="goed">
           <al-groep>
            <al>
             \(paragraphs)
            </al>
           </al-groep>
      \(then)
          </tekst>
         </spreekbeurt>
      """
  }

  @Test("Each spreker is a turn with the speaker, title, party and role of the printed label")
  func turns() throws {
    let (document, _) = try ingest("h-tk-0000-1-2.xml", Self.sitting)
    #expect(document.kind == .debate)
    #expect(document.title == "Zorg voor cliënten in de wijk")
    let turns = document.segments.filter { $0.kind == .turn }
    #expect(turns.map(\.speaker) == ["voorzitter", "Jansen", "De Vries"])
    #expect(turns.map(\.role) == [.chair, .member, .minister])
    #expect(turns[1].metadata["party"] == "GroenLinks")
    #expect(document.text.contains("Mevrouw Jansen (GroenLinks):\n\nVoorzitter, dank u wel. Ik heb één motie."))
    #expect(document.text.contains("Aan de orde is het debat over de zorg in de wijk."))
    #expect(!document.text.contains("metadata.xml"))
  }

  @Test("A copy saved twice through UTF-8 is read as the text it was meant to be, with a note")
  func doubleEncoded() throws {
    // UTF-8 read as Latin-1 and written again as UTF-8, behind a byte order mark saved the same way.
    let twice = ("\u{FEFF}\n" + Self.sitting).utf8.map { Character(Unicode.Scalar($0)) }
    let (document, diagnostics) = try ingest("h-tk-0000-1-2.xml", data: Data(String(twice).utf8))
    #expect(document.title == "Zorg voor cliënten in de wijk")
    #expect(document.text.contains("Ik heb één motie."))
    #expect(diagnostics.contains { $0.message.contains("saved twice through UTF-8") })
    #expect(TextDecoding.repairingDoubleEncoding(Array("Een café in São Paulo".utf8)) == nil)
  }

  @Test("A file that declares entities is refused before anything is expanded")
  func entities() throws {
    let bomb = """
      <?xml version="1.0"?>
      <!DOCTYPE officiele-publicatie [<!ENTITY a "aaaaaaaaaaaaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
      <officiele-publicatie><handelingen><agendapunt><item-titel>&b;&b;&b;</item-titel></agendapunt></handelingen></officiele-publicatie>
      """
    let error = #expect(throws: IngestError.self) { _ = try ingest("bom.xml", bomb) }
    #expect(error?.message.contains("declares entities") == true)
  }

  @Test("Other XML is refused with its root named; malformed XML with its line")
  func refused() throws {
    let other = #expect(throws: IngestError.self) { _ = try ingest("export.xml", "<project><a/></project>") }
    #expect(other?.message.contains("root <project>") == true)
    let broken = #expect(throws: IngestError.self) {
      _ = try ingest(
        "kapot.xml", "<?xml version=\"1.0\"?>\n<officiele-publicatie>\n<handelingen>\n</officiele-publicatie>")
    }
    #expect(broken?.message.contains("not well-formed") == true)
    #expect(broken?.location?.line != nil)
  }
}
