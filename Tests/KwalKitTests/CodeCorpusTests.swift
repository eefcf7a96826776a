import Foundation
import KwalCoding
import KwalExport
import KwalIngest
import KwalKit
import KwalModel
import Testing
import KwalTestSupport

@Suite("The code use case")
struct CodeCorpusTests {
  /// Writes `files` (path: text) under `folder`, creating folders.
  func write(_ files: [String: String], under folder: URL) throws {
    for (path, text) in files {
      let url = folder.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
  }

  func fixture() throws -> (corpus: URL, codebook: URL, root: URL) {
    let root = Scratch.root.appendingPathComponent("kwal-kit-\(UUID().uuidString)")
    var files: [String: String] = [:]
    // Enough documents for several batches of work per worker.
    for index in 0..<40 {
      let caseName = index % 2 == 0 ? "Noord" : "Zuid"
      files["\(caseName)/doc\(index).txt"] =
        "Document \(index). We overbruggen de kloof met de partners.\n\nDe kosten zijn \(index % 3 == 0 ? "niet " : "")hoog. Café één 🙂.\n"
    }
    try write(files, under: root.appendingPathComponent("corpus"))
    let codebook = root.appendingPathComponent("c.yaml")
    try Data(
      """
      codebook: {name: kit, version: "2"}
      codes:
        - id: bridging
          rules: [{any: [~overbruggen]}]
        - id: costs
          rules: [{any: [kosten], negation: true}]
        - id: never
          rules: [{any: [nooitgezien]}]
      """.utf8
    ).write(to: codebook)
    return (root.appendingPathComponent("corpus"), codebook, root)
  }

  @Test func outputIsIdenticalAtAnyThreadCount() throws {
    let (corpus, codebook, root) = try fixture()
    var contents: [[Data]] = []
    for jobs in [1, 2, 3, 8] {
      let out = root.appendingPathComponent("out\(jobs)")
      let summary = try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: jobs)
      #expect(summary.documents == 40)
      #expect(summary.codings == 40 + 26)
      contents.append(
        try ["codings.csv", "units.csv", "documents.csv", "matrix.csv"].map {
          try Data(contentsOf: out.appendingPathComponent($0))
        })
    }
    for other in contents.dropFirst() { #expect(other == contents[0]) }
    let matrix = String(decoding: contents[0][3], as: UTF8.self)
    #expect(matrix == "code,Noord,Zuid,total\nbridging,20,20,40\ncosts,13,13,26\nnever,0,0,0\n")
  }

  @Test func summaryRendersCasesAndProfiles() throws {
    let (corpus, codebook, root) = try fixture()
    let summary = try CodeCorpus.run(
      corpus: corpus, codebook: codebook, output: root.appendingPathComponent("o"), jobs: 2)
    let text = SummaryText.render(summary, output: "o")
    #expect(text.contains("case Noord: 20 document(s), 33 coding(s)"))
    #expect(
      text.contains(
        "Outputs in o/: codebook.json, codings.csv, documents.csv, kwal.sqlite, matrix.csv, suggestions.csv, units.csv")
    )
  }

  @Test func aBrokenCodebookWritesNothing() throws {
    let (corpus, _, root) = try fixture()
    let bad = root.appendingPathComponent("bad.yaml")
    try Data("codebook: {name: x, version: 1}\ncodes:\n  - id: a\n    rules: [{any: [{regex: \"(\"}]}]\n".utf8).write(
      to: bad)
    let out = root.appendingPathComponent("nothing")
    #expect(throws: (any Error).self) { try CodeCorpus.run(corpus: corpus, codebook: bad, output: out, jobs: 1) }
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  /// `kwal code` writes codings.csv straight from the engine's integer codings; the file must be
  /// the one the public `Coding` values give through ``CodingFiles/codingsCSV(_:presorted:)``.
  @Test func codingRowsMatchTheCodingValues() throws {
    let root = Scratch.root.appendingPathComponent("kwal-rows-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let texts = [
      "a/één.txt": "Ze \"overbruggen\" de kloof, zei ze: de kosten en de kosten zijn hoog.\n\nKosten.\n",
      "b/two.txt": "Het doel, zei Zoë, is te overbruggen; niet de kosten. Dan dwalen we af.\n",
      "b/three.txt": "Geen treffer hier.\n",
    ]
    try write(texts, under: root.appendingPathComponent("corpus"))
    // Codes listed out of id order; two rules of one code (merged); a paragraph rule whose unit
    // can equal a sentence; several matched words; ids that need quoting.
    let codebookURL = root.appendingPathComponent("c.yaml")
    try Data(
      """
      codebook: {name: rows, version: "1"}
      codes:
        - id: zeta
          rules:
            - {id: "z,1", any: [~overbruggen, kosten]}
            - {id: z2, any: [kloof]}
        - id: alpha
          rules:
            - {id: a1, any: [kosten], scope: paragraph}
            - {id: a2, all: [doel, ~overbruggen]}
        - id: mid
          rules: [{any: [{near: [dwalen, af], within: 2}]}]
      """.utf8
    ).write(to: codebookURL)
    let out = root.appendingPathComponent("out")
    _ = try CodeCorpus.run(corpus: root.appendingPathComponent("corpus"), codebook: codebookURL, output: out, jobs: 2)
    let written = try Data(contentsOf: out.appendingPathComponent("codings.csv"))

    let corpus = try Corpus.open(root.appendingPathComponent("corpus"))
    let codebook = try Codebook.load(contentsOf: codebookURL).codebook
    let context = CodingContext(CompiledCodebook(codebook))
    var records: [CodingRecord] = []
    for entry in corpus.entries {
      let document = try corpus.document(entry).document
      let offsets = ScalarOffsets(document.text)
      let utf8 = Array(document.text.utf8)
      records += context.code(document).codings.map {
        var record = offsets.record($0, utf8: utf8)
        record.codebookHash = codebook.info.hash
        return record
      }
    }
    #expect(records.count > 6)
    #expect(codebook.info.hash?.count == 16)
    #expect(records.contains { $0.rules.count > 1 })
    #expect(
      String(decoding: written, as: UTF8.self) == String(decoding: CodingFiles.codingsCSV(records), as: UTF8.self))
  }

  /// When no document can be read, an earlier output is left as it was (as for an empty corpus).
  @Test func nothingReadableLeavesTheOutputAlone() throws {
    let (corpus, codebook, root) = try fixture()
    let out = root.appendingPathComponent("kept")
    _ = try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 1)
    let before = try Data(contentsOf: out.appendingPathComponent("codings.csv"))
    let broken = root.appendingPathComponent("broken")
    try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
    try Data([0xFF, 0xFE, 0x00, 0xD8, 0x00, 0x00, 0xC3]).write(to: broken.appendingPathComponent("binair.txt"))
    #expect(throws: (any Error).self) { try CodeCorpus.run(corpus: broken, codebook: codebook, output: out, jobs: 1) }
    #expect(try Data(contentsOf: out.appendingPathComponent("codings.csv")) == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".") }.isEmpty)
  }

  /// The five files are renamed together: a folder where one of them belongs stops all of them.
  @Test func aFolderInTheWayReplacesNothing() throws {
    let (corpus, codebook, root) = try fixture()
    let out = root.appendingPathComponent("mixed")
    _ = try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 1)
    let files = ["codings.csv", "documents.csv", "matrix.csv", "codebook.json"]
    let before = try files.map { try Data(contentsOf: out.appendingPathComponent($0)) }
    try FileManager.default.removeItem(at: out.appendingPathComponent("units.csv"))
    try FileManager.default.createDirectory(
      at: out.appendingPathComponent("units.csv"), withIntermediateDirectories: true)
    let other = root.appendingPathComponent("other.yaml")
    try Data("codebook: {name: other, version: \"1\"}\ncodes:\n  - id: costs\n    rules: [{any: [kosten]}]\n".utf8)
      .write(to: other)
    #expect(throws: (any Error).self) { try CodeCorpus.run(corpus: corpus, codebook: other, output: out, jobs: 1) }
    #expect(try files.map { try Data(contentsOf: out.appendingPathComponent($0)) } == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".") }.isEmpty)
  }

  /// Two patterns that match the same word list it once in `matched` (the column lists words).
  @Test func matchedListsEachWordOnce() throws {
    let root = Scratch.root.appendingPathComponent("kwal-once-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    try write(["a/een.txt": "De kosten van de kosten.\n"], under: root.appendingPathComponent("corpus"))
    let codebook = root.appendingPathComponent("c.yaml")
    try Data(
      "codebook: {name: once, version: \"1\"}\ncodes:\n  - id: costs\n    rules: [{id: r, any: [kosten, \"kost*\", {near: [kosten, de], within: 3}]}]\n"
        .utf8
    ).write(to: codebook)
    let out = root.appendingPathComponent("out")
    _ = try CodeCorpus.run(corpus: root.appendingPathComponent("corpus"), codebook: codebook, output: out, jobs: 1)
    let rows = try CodingFiles.readCodings(out.appendingPathComponent("codings.csv"))
    let words = try #require(rows.first?.matched.map { "\($0.word)@\($0.start)" })
    #expect(words == ["De@0", "kosten@3", "de@14", "kosten@17"])
  }
}
