import Foundation
import KwalModel
import Testing

@testable import KwalExport
import KwalTestSupport

@Suite("REFI-QDA codebook import")
struct REFIImportTests {
  @Test func kwalsOwnCodebookRoundTripsByteForByte() throws {
    let exported = try QDCWriter.data(refiCodebook)
    let (imported, notes) = try QDCReader.parse(exported, file: "kwal.qdc", name: "kwal")
    #expect(notes == [])
    #expect(imported.name == "laatste-kilometer")
    #expect(imported.version == "1.2")
    #expect(imported.codes.map(\.id) == ["logistiek", "kosten", "overlast", "groen"])
    let kosten = try #require(imported.codes.first { $0.id == "kosten" })
    #expect(kosten.include == ["prijzen", "tarieven"])
    #expect(kosten.exclude == ["lonen"])
    #expect(kosten.definition == "Uitspraken over wat bezorging kost.")
    #expect(kosten.parent == "logistiek")
    #expect(try QDCWriter.data(imported) == exported)
  }

  @Test func toleratesAnOldNamespaceAndKeepsCodeSets() throws {
    let qdc = """
      <?xml version="1.0" encoding="utf-8"?>
      <CodeBook origin="ATLAS.ti Win 9.0.19" xmlns="urn:QDA-XML:codebook:0:4">
        <Codes>
          <Code guid="FFD939DA-B5DC-4611-A9F8-366495EB0AE2" name="Bezorging" isCodable="true">
            <Code guid="575CD58B-641A-48C7-BC7B-4F3D2199C776" name="Bezorging: één dag" isCodable="true" color="blauw"/>
          </Code>
          <Code guid="1B123EC4-7A16-4189-BAB2-74D37FC18BE8" name="bezorging" isCodable="false"/>
        </Codes>
        <Sets>
          <Set name="groep" guid="D79FC877-F071-4117-8D25-235AA1062A44">
            <MemberCode guid="575CD58B-641A-48C7-BC7B-4F3D2199C776"/>
          </Set>
        </Sets>
      </CodeBook>
      """
    let (codebook, notes) = try QDCReader.parse(Data(qdc.utf8), file: "atlas.qdc", name: "atlas")
    #expect(codebook.codes.map(\.id) == ["bezorging", "bezorging-een-dag", "bezorging-2"])
    #expect(codebook.codes[1].parent == "bezorging")
    #expect(codebook.codes[1].color == nil)
    #expect(codebook.codes[2].isCodable == false)
    let messages = notes.map(\.description)
    #expect(messages.contains { $0.hasPrefix("atlas.qdc:2: note: namespace urn:QDA-XML:codebook:0:4 tolerated") })
    #expect(codebook.sets == [CodeSet(name: "groep", codes: ["bezorging-een-dag"])])
    #expect(messages.contains { $0.contains("colour \"blauw\"") })
    #expect(messages.contains { $0.contains("\"bezorging\" is taken") })
  }

  @Test(
    .enabled(if: SharedData.has("refi-qda/examples") && REFISchemas.present, SharedData.absent),
    arguments: ["atlasti-9-export.qdc", "refi-qda-1-5-spec-example.qdc"])
  func realExamplesImportWithTheirDeviationsReported(_ name: String) throws {
    let url = REFISchemas.folder.appendingPathComponent("examples/\(name)")
    let (codebook, notes) = try QDCReader.read(url)
    #expect(codebook.codes.count >= 5)
    #expect(!notes.isEmpty)
    // What Kwal writes back from it is valid, whatever the original was.
    do {
      let xsd = REFISchemas.schema("Codebook.xsd")
      #expect(try SchemaValidator(schema: xsd).validate(QDCWriter.data(codebook), name: name) == [])
    }
  }

  @Test(arguments: [
    ("<CodeBook><Codes>", "kapot.qdc:1"),
    (
      "<?xml version=\"1.0\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"x\"/>\n",
      "kapot.qdc: error: not a REFI-QDA codebook"
    ),
    ("<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes/></CodeBook>", "kapot.qdc: error: the codebook has no codes"),
    ("", "kapot.qdc: error: malformed XML"),
  ])
  func badFilesAreClearErrors(_ example: (String, String)) {
    do {
      _ = try QDCReader.parse(Data(example.0.utf8), file: "kapot.qdc", name: "kapot")
      Issue.record("expected an error")
    } catch {
      #expect(error.description.hasPrefix(example.1), "\(error.description)")
      #expect(error.kind == .badData)
    }
  }

  @Test func documentTypeDeclarationsAreRefused() throws {
    let secret = Scratch.root.appendingPathComponent("kwal-qdc-geheim-\(UUID().uuidString).txt")
    try Data("GEHEIM".utf8).write(to: secret)
    defer { try? FileManager.default.removeItem(at: secret) }
    let hostile = """
      <?xml version="1.0"?>
      <!DOCTYPE CodeBook [<!ENTITY x SYSTEM "file://\(secret.path)"><!ENTITY a "aaaaaaaaaa">\
      <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
      <CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="dd801670-13e9-58ee-85a1-aa0b88735024" \
      name="a" isCodable="true"><Description>&x;&b;</Description></Code></Codes></CodeBook>
      """
    do {
      _ = try QDCReader.parse(Data(hostile.utf8), file: "vijandig.qdc", name: "v")
      Issue.record("expected an error")
    } catch {
      #expect(error.description.hasPrefix("vijandig.qdc"))
      #expect(error.message.contains("DOCTYPE"))
      #expect(!error.description.contains("GEHEIM"))
    }
  }

  @Test func slugsAreKebabCaseWithoutDiacritics() {
    #expect(QDCReader.slug("Coördinatie & Één Dag") == "coordinatie-een-dag")
    #expect(QDCReader.slug("code:3.1") == "code-3-1")
    #expect(QDCReader.slug("!!!") == "")
  }
}
