import Foundation
import KwalIngest
import KwalModel
import Testing
import KwalTestSupport

@Suite("corpus.yaml: document ids")
struct ManifestIDTests {
  static let yaml = """
    documents:
      - path: Zuid/blog.html.txt
        id: Zuid/blog.html
        case: Zuid
        attributes: {fase: start}
      - path: README.md.txt
        id: README.md
      - path: "Noord/*.txt"
        id: Noord/verzameld.txt
    defaults:
      id: alles.txt
    """

  @Test func anEntryNamingOneFileGivesItsDocumentID() throws {
    let manifest = try CorpusManifest.parse(Self.yaml)
    #expect(manifest.documentID(for: "Zuid/blog.html.txt") == "Zuid/blog.html")
    #expect(manifest.documentID(for: "README.md.txt") == "README.md")
    #expect(manifest.settings(for: "Zuid/blog.html.txt").id == "Zuid/blog.html")
    #expect(manifest.settings(for: "Zuid/blog.html.txt").attributes == ["fase": "start"])
    // Files without an id keep their path; a glob or defaults cannot give one id to many files.
    #expect(manifest.documentID(for: "Noord/gesprek.txt") == "Noord/gesprek.txt")
    #expect(manifest.settings(for: "Noord/gesprek.txt").id == nil)
    let warnings = manifest.diagnostics.map(\.message)
    #expect(warnings.contains { $0.contains("\"id\" needs a \"path\" naming one file") })
    #expect(warnings.contains { $0.contains("\"id\" belongs in a document entry") })
  }

  @Test(arguments: ["../buiten.txt", "/etc/passwd", ""])
  func unsafeIDsAreIgnoredWithAWarning(_ id: String) throws {
    let manifest = try CorpusManifest.parse("documents:\n  - path: a.txt\n    id: \"\(id)\"\n")
    #expect(manifest.documentID(for: "a.txt") == "a.txt")
    #expect(manifest.diagnostics.count == 1)
  }

  @Test func aNamedReadmeIsIngestedUnderItsID() throws {
    let root = Scratch.root.appendingPathComponent("kwal-manifest-id-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    try Data("documents:\n  - path: README.md.txt\n    id: README.md\n".utf8).write(
      to: root.appendingPathComponent("corpus.yaml"))
    try Data("Over dit project.\n".utf8).write(to: root.appendingPathComponent("README.md.txt"))
    let corpus = try Corpus.open(root)
    #expect(corpus.entries.map(\.path) == ["README.md.txt"])
    #expect(corpus.entries.map(\.id) == ["README.md"])
    #expect(corpus.manifest?.documentID(for: "README.md.txt") == "README.md")
  }
}

@Suite("Manifest ids in the corpus")
struct CorpusManifestIDTests {
  /// A corpus folder holding `files` (path: text).
  func corpus(_ files: [String: String]) throws -> URL {
    let root = try temporaryFolder()
    for (path, text) in files { try write(text, to: path, in: root) }
    return root
  }

  @Test func documentsTakeTheirManifestID() throws {
    let root = try corpus([
      "corpus.yaml": "documents:\n  - path: Noord/blog.html.txt\n    id: Noord/blog.html\n    case: Noord\n",
      "Noord/blog.html.txt": "De kosten zijn hoog.\n",
      "Noord/gewoon.txt": "Gewoon een tekst.\n",
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    let corpus = try Corpus.open(root)
    #expect(corpus.entries.map(\.id) == ["Noord/blog.html", "Noord/gewoon.txt"])
    #expect(corpus.entries.map(\.path) == ["Noord/blog.html.txt", "Noord/gewoon.txt"])
    let first = try #require(corpus.entries.first)
    let (document, _) = try corpus.document(first)
    #expect(document.id == "Noord/blog.html")
    #expect(document.caseName == "Noord")
    #expect(document.text == "De kosten zijn hoog.\n")
  }

  /// Two files under one id would make every output ambiguous (and one of them would be lost):
  /// the corpus does not open until the manifest is fixed.
  @Test func twoFilesWithOneIDStopTheCorpus() throws {
    let root = try corpus([
      "corpus.yaml":
        "documents:\n  - path: Noord/blog.html.txt\n    id: Noord/blog.html\n  - path: Noord/kopie.txt\n    id: Noord/blog.html\n",
      "Noord/blog.html.txt": "De kosten zijn hoog.\n",
      "Noord/kopie.txt": "Een kopie.\n",
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    let error = #expect(throws: IngestError.self) { try Corpus.open(root) }
    #expect(error?.kind == .badData)
    #expect(error?.message.contains("Noord/blog.html.txt and Noord/kopie.txt") == true)
    #expect(error?.location?.file.hasSuffix("corpus.yaml") == true)
  }
}
