import Foundation
import KwalTestSupport
import Testing

/// `kwal export qdpx` → `kwal import qdpx` → `kwal export qdpx` gives identical bytes for a corpus
/// with a plain text, an HTML page and a README that the manifest names.
@Suite("kwal export/import round trip", .serialized)
struct REFIRoundTripTests {
  static let codebook = """
    codebook:
      name: ronde
      version: 2.1.0
      description: "Rondreis: waarde & kosten."
    codes:
      - id: waarde
        label: {nl: "Waarde", en: "Value"}
        codable: false
        color: "#2266AA"
        definition: "Alles over waarde."
      - id: overbruggen
        label: {en: "Bridging"}
        parent: waarde
        color: "#c0ffee"
        include: ["partijen verbinden"]
        exclude: ["bruggen bouwen"]
        rules:
          - id: overbruggen-stam
            any: [~overbruggen]
      - id: kosten
        label: {nl: "Kosten"}
        rules:
          - id: kosten-woord
            any: [kosten, "budget*"]
    """

  static let corpus: [String: String] = [
    "corpus.yaml": """
    documents:
      - path: README.md
        kind: document
        phase: start
      - path: "Noord/*"
        case: Noord
        actor: gemeente
      - path: Noord/blog.html
        attributes: {bron: website}
    """,
    "README.md": "# Over dit corpus\n\nDe kosten van het project worden hier beschreven.\n",
    "Noord/interview.txt": "I: Wat deed u toen?\nR: We hebben het overleg overbrugd. De kosten bleven hoog.\n",
    "Noord/blog.html": """
    <!doctype html><html lang="nl"><head><title>Bakfietsen in Noord</title></head>
    <body><article><h1>Bakfietsen in Noord</h1>
    <p>Wij overbruggen de laatste kilometer met bakfietsen. Het budget is krap.</p>
    <p>De kosten zijn lager dan verwacht, zegt de wijkmanager.</p></article></body></html>
    """,
  ]

  @Test func exportImportExportGivesIdenticalBytes() throws {
    let root = try KwalProcess.temporaryFolder()
    let corpus = root.appendingPathComponent("Corpus")
    try KwalProcess.write(Self.corpus, under: corpus)
    let codebook = root.appendingPathComponent("ronde.yaml")
    try Data(Self.codebook.utf8).write(to: codebook)
    let coded = root.appendingPathComponent("kwal-out")
    let code = try KwalProcess.run(["code", corpus.path, "--codebook", codebook.path, "--out", coded.path])
    #expect(code.status == 0, "\(code.stderr)")

    let first = root.appendingPathComponent("a.qdpx")
    let export = try KwalProcess.run([
      "export", "qdpx", coded.path, "--corpus", corpus.path, "--codebook", codebook.path, "--out", first.path,
    ])
    #expect(export.status == 0, "\(export.stderr)")
    #expect(export.stdout.contains("3 sources"))

    let imported = root.appendingPathComponent("D")
    let run = try KwalProcess.run(["import", "qdpx", first.path, "--out", imported.path])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains(", 0 note(s)"), "\(run.stdout)")
    for name in [
      "corpus/README.md.txt", "corpus/Noord/blog.html.txt", "corpus/Noord/interview.txt", "corpus/corpus.yaml",
    ] {
      #expect(FileManager.default.fileExists(atPath: imported.appendingPathComponent(name).path), "\(name)")
    }
    let manifest = try String(contentsOf: imported.appendingPathComponent("corpus/corpus.yaml"), encoding: .utf8)
    #expect(manifest.contains("id: \"Noord/blog.html\""))
    #expect(manifest.contains("\"bron\": \"website\""))

    let second = root.appendingPathComponent("b.qdpx")
    let again = try KwalProcess.run([
      "export", "qdpx", imported.path, "--corpus", imported.appendingPathComponent("corpus").path,
      "--codebook", imported.appendingPathComponent("codebook.yaml").path, "--out", second.path,
    ])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(try Data(contentsOf: first) == Data(contentsOf: second))

    // The codings are the same, document ids included; REFI has no place for the codebook
    // hash (the last column), so an imported coding has none.
    func rows(_ folder: URL) throws -> [String] {
      try String(contentsOf: folder.appendingPathComponent("codings.csv"), encoding: .utf8).split(separator: "\n").map {
        String($0[..<($0.lastIndex(of: ",") ?? $0.endIndex)])
      }
    }
    #expect(try rows(coded) == rows(imported))
    // The codebook comes back with its name, version, labels, colours, criteria and parents.
    let qdcFirst = root.appendingPathComponent("a.qdc")
    let qdcSecond = root.appendingPathComponent("b.qdc")
    #expect(try KwalProcess.run(["export", "qdc", "--codebook", codebook.path, "--out", qdcFirst.path]).status == 0)
    let back = try KwalProcess.run([
      "export", "qdc", "--codebook", imported.appendingPathComponent("codebook.yaml").path, "--out", qdcSecond.path,
    ])
    #expect(back.status == 0, "\(back.stderr)")
    #expect(try Data(contentsOf: qdcFirst) == Data(contentsOf: qdcSecond))
  }
}
