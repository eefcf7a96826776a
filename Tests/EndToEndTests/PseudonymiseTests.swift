import Foundation
import KwalTestSupport
import Testing

/// `kwal pseudonymise` as a researcher runs it: a copy without the people, structure kept, a key
/// outside the copy that the next run reuses, and refusals that write nothing.
@Suite("kwal pseudonymise", .serialized)
struct PseudonymiseTests {
  static let corpus: [String: String] = [
    "interviews/hub.txt": """
    Pieter van den Berg: Hoe begon de samenwerking met de gemeente?
    Anna de Vries: Dat begon bij wethouder Jansen. Later kwam Pieter langs met Mohammed El Amrani.
    Pieter van den Berg: En hoe bereik ik u?
    Anna de Vries: Mail naar anna.devries@stadslogistiek.nl of bel 06-12345678. Kantoor: Kerkstraat 12, 3511 AB Utrecht.

    """,
    "interviews/sessie.vtt": """
    WEBVTT

    00:00:01.000 --> 00:00:04.000
    <v Pieter van den Berg>Goedemiddag, fijn dat u er bent.

    00:00:05.000 --> 00:00:09.000
    <v Sophie Bakker>Dank u. Ik werk samen met Anna de Vries.

    """,
    "notulen/2021-03-18.txt": """
    Notulen stuurgroep, 18 maart 2021

    Aanwezig: J. de Jong (voorzitter), Fatima Yilmaz, mevrouw T. Terwal-Arends
    Afwezig: de heer R. Kraayenbrink

    1. Opening
    De voorzitter opent de vergadering. Mevrouw Yilmaz meldt het IBAN NL91 ABNA 0417 1643 00.

    """,
    "corpus.yaml":
      "cases:\n  - name: Hub\n    documents: [\"interviews/*\"]\n  - name: Stuurgroep\n    documents: [\"notulen/*\"]\n",
  ]

  @Test("The copy keeps speakers, roles and structure; the key is reused; the report holds no originals")
  func copyAndKey() throws {
    let scratch = try KwalProcess.temporaryFolder()
    try KwalProcess.write(Self.corpus, under: scratch.appendingPathComponent("corpus"))
    let first = try KwalProcess.run(
      ["pseudonymise", "corpus", "--out", "shared", "--key", "private/key.csv"], in: scratch)
    #expect(first.status == 0, "\(first.stderr)")
    let hub = try String(contentsOf: scratch.appendingPathComponent("shared/interviews/hub.txt"), encoding: .utf8)
    #expect(hub.hasPrefix("R1: Hoe begon"))
    #expect(hub.contains("R2: Dat begon bij wethouder [persoon-"))
    #expect(
      hub.contains("[e-mail]") && hub.contains("[telefoon]") && hub.contains("[adres]") && hub.contains("[postcode]"))
    let vtt = try String(contentsOf: scratch.appendingPathComponent("shared/interviews/sessie.vtt"), encoding: .utf8)
    #expect(vtt.contains("<v R1>Goedemiddag") && vtt.contains("<v R3>Dank u"))
    let minutes = try String(
      contentsOf: scratch.appendingPathComponent("shared/notulen/2021-03-18.txt"), encoding: .utf8)
    #expect(minutes.contains("[iban]") && !minutes.contains("Yilmaz") && !minutes.contains("Kraayenbrink"))
    // Nothing of the people is left in the copy.
    for name in ["Pieter", "Anna", "Vries", "Jansen", "Mohammed", "Sophie", "Bakker", "Fatima", "Terwal", "Jong"] {
      #expect(!(hub + vtt + minutes).contains(name), "\(name)")
    }
    // The copy reads as the original does: the same documents, kinds, cases and turn roles.
    for folder in ["corpus", "shared"] {
      let result = try KwalProcess.run(
        [
          "code", folder, "--codebook", KwalProcess.packageRoot.path + "/Codebooks/lastmile.yaml", "--out",
          "out-\(folder)", "--quiet",
        ], in: scratch)
      #expect(result.status == 0, "\(result.stderr)")
    }
    func structure(_ folder: String) throws -> [String] {
      try String(contentsOf: scratch.appendingPathComponent("\(folder)/documents.csv"), encoding: .utf8)
        .split(separator: "\n").map { $0.split(separator: ",").prefix(3).joined(separator: ",") }
    }
    #expect(try structure("out-corpus") == structure("out-shared"))
    func roles(_ folder: String) throws -> [String] {
      try String(contentsOf: scratch.appendingPathComponent("\(folder)/units.csv"), encoding: .utf8)
        .split(separator: "\n").filter { $0.contains(",turn,") }.map {
          $0.contains("respondent") ? "respondent" : "other"
        }
    }
    #expect(try roles("out-corpus") == roles("out-shared"))
    // The report lists replacements by place and pseudonym, never the original.
    let report = try String(
      contentsOf: scratch.appendingPathComponent("shared/pseudonymise-report.csv"), encoding: .utf8)
    #expect(report.hasPrefix("document,line,column,kind,pseudonym,status\n"))
    #expect(!report.contains("Pieter") && !report.contains("anna.devries"))
    // The key maps back; a second run with it writes the same bytes and keeps the key.
    let key = try String(contentsOf: scratch.appendingPathComponent("private/key.csv"), encoding: .utf8)
    #expect(key.hasPrefix("pseudonym,original,kind,documents\n"))
    #expect(key.contains("R1,Pieter van den Berg,speaker,"))
    let second = try KwalProcess.run(
      ["pseudonymise", "corpus", "--out", "again", "--key", "private/key.csv"], in: scratch)
    #expect(second.status == 0, "\(second.stderr)")
    for file in ["interviews/hub.txt", "interviews/sessie.vtt", "notulen/2021-03-18.txt", "corpus.yaml"] {
      #expect(
        try Data(contentsOf: scratch.appendingPathComponent("shared/\(file)"))
          == Data(contentsOf: scratch.appendingPathComponent("again/\(file)")), "\(file)")
    }
    #expect(try String(contentsOf: scratch.appendingPathComponent("private/key.csv"), encoding: .utf8) == key)
  }

  @Test("Refused, nothing written: a broken key, a key of another corpus, --out in the corpus, the key in --out")
  func refusals() throws {
    let scratch = try KwalProcess.temporaryFolder()
    try KwalProcess.write(Self.corpus, under: scratch.appendingPathComponent("corpus"))
    try KwalProcess.write(
      [
        "broken.csv": "pseudonym,original,kind,documents\n[persoon-1],Jan,alien,a.txt\n",
        "other.csv": "pseudonym,original,kind,documents\n[persoon-1],Jan,person,elders/a.txt\n",
      ], under: scratch)
    let cases: [([String], Int32, String)] = [
      (["--out", "out", "--key", "broken.csv"], 65, "broken.csv:2:"),
      (["--out", "out", "--key", "other.csv"], 65, "belongs to another corpus"),
      (["--out", "corpus/copy", "--key", "key.csv"], 64, "inside it"),
      (["--out", "out", "--key", "out/key.csv"], 64, "meant to be shared"),
    ]
    for (arguments, status, message) in cases {
      let result = try KwalProcess.run(["pseudonymise", "corpus"] + arguments, in: scratch)
      #expect(result.status == status, "\(arguments): \(result.stderr)")
      #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
    }
    for path in ["out", "corpus/copy", "key.csv"] {
      #expect(!FileManager.default.fileExists(atPath: scratch.appendingPathComponent(path).path), "\(path)")
    }
  }

  @Test("A coding folder and a .qdpx: every coding's offsets carried over to the new texts, no name left")
  func results() throws {
    let scratch = try KwalProcess.temporaryFolder()
    try KwalProcess.write(Self.corpus, under: scratch.appendingPathComponent("corpus"))
    let codebook = KwalProcess.packageRoot.path + "/Codebooks/lastmile.yaml"
    let coded = try KwalProcess.run(["code", "corpus", "--codebook", codebook, "--out", "out", "--quiet"], in: scratch)
    #expect(coded.status == 0, "\(coded.stderr)")
    let folder = try KwalProcess.run(
      ["pseudonymise", "out", "--corpus", "corpus", "--out", "shared", "--key", "private/key.csv"], in: scratch)
    #expect(folder.status == 0, "\(folder.stderr)")
    let codings = try String(contentsOf: scratch.appendingPathComponent("shared/codings.csv"), encoding: .utf8)
    let rows = codings.split(separator: "\n").dropFirst()
    #expect(
      rows.count == (try String(contentsOf: scratch.appendingPathComponent("out/codings.csv"), encoding: .utf8)).split(
        separator: "\n"
      ).count - 1)
    // text == corpus_text[start:end], in Unicode scalars, for every coding without a comma or quote.
    for row in rows where !row.contains("\"") {
      let fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      let document = fields[0]
      let file = document.hasSuffix(".txt") ? document : document + ".txt"
      let text = Array(
        try String(contentsOf: scratch.appendingPathComponent("shared/corpus/\(file)"), encoding: .utf8).unicodeScalars)
      let start = try #require(Int(fields[3]))
      let end = try #require(Int(fields[4]))
      #expect(String(String.UnicodeScalarView(text[start..<end])) == fields[9], "\(row)")
    }
    let project = try KwalProcess.run(
      ["export", "qdpx", "out", "--corpus", "corpus", "--codebook", codebook, "--out", "p.qdpx"], in: scratch)
    #expect(project.status == 0, "\(project.stderr)")
    let pseudo = try KwalProcess.run(
      ["pseudonymise", "p.qdpx", "--out", "share/p.qdpx", "--key", "private/key2.csv"], in: scratch)
    #expect(pseudo.status == 0, "\(pseudo.stderr)")
    let back = try KwalProcess.run(["import", "qdpx", "share/p.qdpx", "--out", "back"], in: scratch)
    #expect(back.status == 0, "\(back.stderr)")
    var everything = codings
    for path in ["back/codings.csv", "back/documents.csv", "shared/units.csv", "shared/documents.csv"] {
      everything += try String(contentsOf: scratch.appendingPathComponent(path), encoding: .utf8)
    }
    for name in ["Pieter", "Anna", "Jansen", "Sophie", "Fatima", "Yilmaz"] {
      #expect(!everything.contains(name), "\(name)")
    }
  }
}
