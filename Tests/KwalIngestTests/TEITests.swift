import Foundation
@testable import KwalIngest
import KwalModel
import Testing

/// Parliamentary debates as ParlaMint publishes them in TEI: the layout of a sitting (speaker
/// notes before utterances, a gap where the sample cut utterances out, procedural notes between
/// them) and of its linguistically annotated form, in text written for the test. The real file
/// that taught it, a ParlaMint-NL sample, is scored in `bench/field/docs` (test-17).
@Suite("TEI transcripts (ParlaMint)")
struct TEITests {
  static func sitting(body: String, language: String = "nl") -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <TEI xmlns="http://www.tei-c.org/ns/1.0" ana="#parla.sitting" xml:lang="\(language)" xml:id="S-1">
       <teiHeader>
          <fileDesc>
             <titleStmt>
                <title type="main" xml:lang="en">Parliamentary corpus, Lower House 2020-02-03</title>
                <title type="main" xml:lang="nl">Parlementair corpus, Tweede Kamer 2020-02-03</title>
                <title type="sub" xml:lang="en">Report of the meeting, Session 4</title>
                <title type="sub" xml:lang="nl">Verslag van de vergadering, zitting 4</title>
             </titleStmt>
             <sourceDesc><bibl><date when="2020-02-04">2020-02-04</date></bibl></sourceDesc>
          </fileDesc>
          <profileDesc><settingDesc><setting><date when="2020-02-03">2020-02-03</date></setting></settingDesc></profileDesc>
       </teiHeader>
       <text xml:lang="\(language)">
          <body>
    \(body)
          </body>
       </text>
    </TEI>
    """
  }

  static let debate = sitting(
    body: """
               <div type="debateSection">
                  <head>Stikstof in de bouw</head>
                  <note type="speaker">De voorzitter</note>
                  <u who="#AnnaBakker" ana="#chair" xml:id="u1">
                     <seg>Aan de orde is het debat over stikstof. Ik geef het woord aan mevrouw De Wit.</seg>
                  </u>
                  <note type="speaker">Mevrouw De Wit (GroenLinks)</note>
                  <u who="#LotteDeWit" ana="#regular" xml:id="u2">
                     <seg>Voorzitter. De bouw staat stil.</seg>
                     <seg>Dat raakt iedereen.</seg>
                  </u>
                  <gap reason="editorial"><desc xml:lang="en">SAMPLING</desc></gap>
                  <u who="#AnnaBakker" ana="#chair" xml:id="u9">
                     <seg>Dank u wel.</seg>
                  </u>
                  <note type="comment">De beraadslaging wordt gesloten.</note>
                  <note type="speaker">De voorzitter</note>
                  <u who="#AnnaBakker" ana="#chair" xml:id="u10">
                     <seg>Ik schors de vergadering.</seg>
                  </u>
                  <note type="speaker">Minister Van Dam</note>
                  <u who="#PietVanDam" ana="#guest" xml:id="u11">
                     <seg>Ik kom hierop terug <note>(Geroffel)</note> in een brief.</seg>
                  </u>
                  <note type="time">De vergadering wordt om 12.39 uur geschorst.</note>
               </div>
      """)

  @Test("Each change of speaker is a turn with the speaker, title, party and role of its note")
  func turns() throws {
    let (document, _) = try ingest("ParlaMint-XX_2020-02-03.xml", Self.debate)
    #expect(document.kind == .debate)
    #expect(document.title == "Verslag van de vergadering, zitting 4")
    #expect(document.date == "2020-02-03")
    let turns = document.segments(.turn)
    #expect(turns.map(\.speaker) == ["voorzitter", "De Wit", "voorzitter", "Van Dam"])
    #expect(turns.map(\.role) == [.chair, .member, .chair, .minister])
    #expect(turns[1].metadata["party"] == "GroenLinks")
    let text = document.text
    func said(_ turn: Segment) -> String { document.text(of: turn) }
    // The chair's two utterances after the gap are one turn; procedural notes are nobody's words.
    #expect(said(turns[2]) == "Dank u wel.\n\nIk schors de vergadering.")
    #expect(said(turns[1]) == "Voorzitter. De bouw staat stil.\n\nDat raakt iedereen.")
    #expect(said(turns[3]) == "Ik kom hierop terug (Geroffel) in een brief.")
    #expect(!text.contains("beraadslaging") && !text.contains("SAMPLING") && !text.contains("12.39"))
    #expect(document.segments.first?.kind == .heading)
  }

  @Test("An utterance without its speaker note takes the note printed for the same speaker, or a name from its id")
  func missingNotes() throws {
    let body = """
               <div type="debateSection">
                  <note type="speaker">De heer Smit (VVD)</note>
                  <u who="#JanSmit" ana="#regular"><seg>Eerste woorden.</seg></u>
                  <u who="#EvaDeGroot" ana="#regular"><seg>Een interruptie.</seg></u>
                  <u who="#JanSmit" ana="#regular"><seg>Ik ga verder.</seg></u>
               </div>
      """
    let (document, _) = try ingest("s.xml", Self.sitting(body: body))
    let turns = document.segments(.turn)
    #expect(turns.map(\.speaker) == ["Smit", "Eva De Groot", "Smit"])
    #expect(turns[2].metadata["party"] == "VVD")
  }

  @Test("The annotated form (s, w, pc with join) gives the text of the plain form")
  func annotated() throws {
    let body = """
               <div type="debateSection">
                  <note type="speaker">De voorzitter</note>
                  <u who="#AnnaBakker" ana="#chair">
                     <seg>
                        <s>
      <w lemma="ik">Ik</w>
      <w lemma="geven">geef</w>
      <w lemma="het">het</w>
      <w lemma="woord">woord</w>
      <w lemma="aan">aan</w>
      <w lemma="de">de</w>
      <w lemma="heer">heer</w>
                           <name type="PER">
      <w lemma="van">Van</w>
      <w join="right" lemma="hattem">Hattem</w>
                           </name>
      <pc>.</pc>
      <linkGrp type="UD-SYN"><link ana="ud-syn:root" target="#s1 #w2"/></linkGrp>
                        </s>
                        <s>
      <pc join="right">(</pc>
      <w join="right">Hilariteit</w>
      <pc join="right">)</pc>
                        </s>
                     </seg>
                  </u>
               </div>
      """
    let (document, _) = try ingest("s.ana.xml", Self.sitting(body: body))
    #expect(document.text.hasSuffix("Ik geef het woord aan de heer Van Hattem. (Hilariteit)"))
    #expect(document.segments(.turn).count == 1)
  }

  @Test("A TEI document without utterances is read as text; a corpus's header and lists are named and skipped")
  func otherTEI() throws {
    let body = """
               <div><head>Inleiding</head><p>Een gewone alinea over de stad.</p><p>En nog een.</p></div>
      """
    let (document, _) = try ingest("boek.xml", Self.sitting(body: body))
    #expect(document.kind != .debate)
    #expect(document.text == "Inleiding\n\nEen gewone alinea over de stad.\n\nEn nog een.")
    let header = #expect(throws: IngestError.self) {
      _ = try ingest(
        "ParlaMint-XX.xml", "<teiCorpus xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader/></teiCorpus>")
    }
    #expect(header?.message.contains("the header of a TEI corpus") == true)

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kwal-tei-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try "<teiCorpus xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader/></teiCorpus>".write(
      to: folder.appendingPathComponent("ParlaMint-XX.xml"), atomically: true, encoding: .utf8)
    try "<listPerson xmlns=\"http://www.tei-c.org/ns/1.0\"><person xml:id=\"A\"/></listPerson>".write(
      to: folder.appendingPathComponent("ParlaMint-XX-listPerson.xml"), atomically: true, encoding: .utf8)
    try Self.debate.write(
      to: folder.appendingPathComponent("ParlaMint-XX_2020-02-03.xml"), atomically: true, encoding: .utf8)
    // The annotated copy of a sitting beside its plain one is left out too.
    try Self.debate.write(
      to: folder.appendingPathComponent("ParlaMint-XX_2020-02-03.ana.xml"), atomically: true, encoding: .utf8)
    let corpus = try Corpus.open(folder)
    #expect(corpus.entries.map(\.id) == ["ParlaMint-XX_2020-02-03.xml"])
    #expect(corpus.diagnostics.filter { $0.message.hasPrefix("skipped: ") }.count == 3)
    #expect(corpus.diagnostics.contains { $0.message.contains("the annotated copy of ParlaMint-XX_2020-02-03.xml") })
  }

  @Test("Other XML is refused with both formats named")
  func refused() throws {
    let other = #expect(throws: IngestError.self) { _ = try ingest("export.xml", "<project><a/></project>") }
    #expect(other?.message.contains("ParlaMint") == true)
  }
}

extension TEITests {
  @Test("An utterance of no one named is a turn of its own; a regular speaker known by id alone is a member")
  func unknownSpeakers() throws {
    let body = """
               <div type="debateSection">
                  <note type="speaker">:</note>
                  <u who="#CemLacin" ana="#regular"><seg>Dank u wel, voorzitter.</seg></u>
                  <u ana="#regular"><seg>Ik ben een onbekende spreker.</seg></u>
                  <u who="#AnnaBakker" ana="#chair"><seg>Het woord is aan de minister.</seg></u>
               </div>
      """
    let (document, _) = try ingest("s.xml", Self.sitting(body: body))
    let turns = document.segments(.turn)
    #expect(turns.map(\.speaker) == ["Cem Lacin", "Onbekend", "voorzitter"])
    #expect(turns.first?.role == .member)
    #expect(!document.text.contains("\n:\n") && !document.text.hasPrefix(":"))
  }
}
