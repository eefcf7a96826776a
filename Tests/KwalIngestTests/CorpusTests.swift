import Foundation
import KwalIngest
import KwalModel
import Testing
import KwalTestSupport

@Suite("corpus.yaml manifest")
struct ManifestTests {
  static let yaml = """
    interviewer: [I, Onderzoeker]
    defaults:
      phase: start
    documents:
      - path: "Havenstad/interviews/*.txt"
        case: Havenstad
        kind: interview
        actor: gemeente
      - path: Havenstad/interviews/wethouder.txt
        date: 2019-05-14
        phase: evaluatie
        attributes: {functie: wethouder, jaar: 2019}
        roles: {Jan: interviewer}
      - path: "CampusZuid/**/*.html"
        case: CampusZuid
        fase: eind
      - path: "Nergens/*.docx"
    onbekend: 1
    """

  @Test func settingsPerDocumentAndGlob() throws {
    let manifest = try CorpusManifest.parse(Self.yaml)
    #expect(manifest.interviewer == ["I", "Onderzoeker"])
    let wethouder = manifest.settings(for: "Havenstad/interviews/wethouder.txt")
    #expect(wethouder.caseName == "Havenstad")
    #expect(wethouder.kind == .interview)
    #expect(wethouder.date == "2019-05-14")
    #expect(
      wethouder.attributes == ["phase": "evaluatie", "actor": "gemeente", "functie": "wethouder", "jaar": "2019"])
    #expect(wethouder.roles == ["Jan": .interviewer])
    let other = manifest.settings(for: "Havenstad/interviews/vervoerder.txt")
    #expect(other.attributes == ["phase": "start", "actor": "gemeente"])
    #expect(other.date == nil)
    #expect(manifest.settings(for: "CampusZuid/blog/2020/post.html").caseName == "CampusZuid")
    #expect(manifest.settings(for: "Havenstad/notulen/1.txt").caseName == nil)
  }

  @Test func unknownKeysAndUnmatchedPathsAreLocated() throws {
    let manifest = try CorpusManifest.parse(Self.yaml)
    let messages = manifest.diagnostics.map(\.description)
    #expect(messages.contains { $0.hasPrefix("corpus.yaml:16:5: warning: unknown key \"fase\"") })
    #expect(messages.contains { $0.hasPrefix("corpus.yaml:18:1: warning: unknown key \"onbekend\"") })
    let unmatched = manifest.unmatched(["Havenstad/interviews/wethouder.txt", "CampusZuid/a/b.html"])
    #expect(unmatched.map(\.description) == ["corpus.yaml:17:11: warning: \"Nergens/*.docx\" matches no document"])
  }

  @Test func badValues() throws {
    let manifest = try CorpusManifest.parse(
      "documents:\n  - path: a.txt\n    kind: dagboek\n    date: gisteren\n    roles: {I: baas}\n")
    let messages = manifest.diagnostics.map(\.message)
    #expect(messages.contains { $0.contains("unknown kind \"dagboek\"") })
    #expect(messages.contains { $0.contains("not YYYY-MM-DD") })
    #expect(messages.contains { $0.contains("unknown role \"baas\"") })
  }

  @Test func invalidYAMLIsAnErrorWithALine() throws {
    do {
      _ = try CorpusManifest.parse("documents:\n  - path: [a\n    case: b\n")
      Issue.record("expected an error")
    } catch {
      #expect(error.location?.line != nil)
      #expect(error.message.hasPrefix("not valid YAML"))
    }
    #expect(throws: IngestError.self) { try CorpusManifest.parse("- een\n- lijst\n") }
  }

  @Test(arguments: [
    ("*.txt", "a.txt", true), ("*.txt", "map/a.txt", false), ("map/*.txt", "map/a.txt", true),
    ("**/*.txt", "a/b/c.txt", true), ("a/**/c.txt", "a/c.txt", true), ("a/**", "a/b/c.txt", true),
    ("Havenstad", "Havenstad/x.txt", true), ("Haven", "Havenstad/x.txt", false), ("r?.txt", "r2.txt", true),
    ("r[0-9].txt", "r7.txt", true), ("r[!0-9].txt", "r7.txt", false), ("./a.txt", "a.txt", true),
  ])
  func globs(pattern: String, path: String, matches: Bool) {
    var manifest = CorpusManifest()
    var settings = CorpusManifest.Settings()
    settings.caseName = "X"
    manifest.entries = [CorpusManifest.Entry(path: pattern, line: 1, column: 1, settings: settings)]
    #expect((manifest.settings(for: path).caseName == "X") == matches)
  }
}

@Suite("Corpus folders and files")
struct CorpusTests {
  static func fixture() throws -> URL {
    let root = try temporaryFolder()
    try write(
      "interviewer: [I, Jan]\ndocuments:\n  - path: \"Havenstad/*.txt\"\n    phase: start\n    actor: gemeente\n  - path: Havenstad/notulen.txt\n    kind: minutes\n",
      to: "corpus.yaml", in: root)
    try write("Jan: Vraag?\n\nR: Antwoord.\n\nJan: Nog een?\n\nR: Ja.\n", to: "Havenstad/gesprek.txt", in: root)
    try write("Overleg\n\nWe spraken over de hub.\n", to: "Havenstad/notulen.txt", in: root)
    try write(
      "<html><body><p>Een blog over de hub in Lindehof, met genoeg tekst om te tellen.</p></body></html>",
      to: "Lindehof/blog.html", in: root)
    try write("bytes", to: "Lindehof/foto.jpg", in: root)
    try write("verborgen", to: ".verborgen.txt", in: root)
    try write(Data([0x00, 0x01, 0x02]), to: "Lindehof/kapot.txt", in: root)
    return root
  }

  @Test func openFolderWithManifest() throws {
    let root = try Self.fixture()
    defer { try? FileManager.default.removeItem(at: root) }
    let corpus = try Corpus.open(root)
    #expect(
      corpus.entries.map(\.id) == [
        "Havenstad/gesprek.txt", "Havenstad/notulen.txt", "Lindehof/blog.html", "Lindehof/kapot.txt",
      ])
    #expect(corpus.manifest != nil)
    #expect(corpus.diagnostics.map(\.description) == ["Lindehof/foto.jpg: note: skipped: unknown file type \".jpg\""])
    // Each entry keeps its file as a path: the file below the root that its id names.
    for entry in corpus.entries {
      #expect(entry.file == root.standardizedFileURL.appendingPathComponent(entry.path).path)
      #expect(entry.url.standardizedFileURL == root.appendingPathComponent(entry.path).standardizedFileURL)
    }
    let (gesprek, _) = try corpus.document(corpus.entries[0])
    #expect(gesprek.kind == .interview)
    #expect(gesprek.caseName == "Havenstad")
    #expect(gesprek.attributes == ["phase": "start", "actor": "gemeente"])
    #expect(gesprek.segments(.turn).map(\.role) == [.interviewer, .respondent, .interviewer, .respondent])
    let (notulen, _) = try corpus.document(corpus.entries[1])
    #expect(notulen.kind == .minutes)
    let (blog, _) = try corpus.document(corpus.entries[2])
    #expect(blog.kind == .blog)
    #expect(blog.caseName == "Lindehof")
    #expect(throws: IngestError.self) { try corpus.document(corpus.entries[3]) }
  }

  @Test func openFilesFindsTheManifestAbove() throws {
    let root = try Self.fixture()
    defer { try? FileManager.default.removeItem(at: root) }
    let corpus = try Corpus.open(files: [root.appendingPathComponent("Havenstad/gesprek.txt")])
    #expect(corpus.entries.map(\.id) == ["Havenstad/gesprek.txt"])
    #expect(try corpus.document(corpus.entries[0]).document.attributes["actor"] == "gemeente")
    #expect(corpus.entries[0].file == root.appendingPathComponent("Havenstad/gesprek.txt").standardizedFileURL.path)
  }

  @Test func missingInputs() throws {
    #expect(throws: IngestError.self) { try Corpus.open(URL(fileURLWithPath: "/bestaat/niet")) }
    #expect(throws: IngestError.self) { try Corpus.open(files: [URL(fileURLWithPath: "/bestaat/niet.txt")]) }
  }

  @Test func parallelReadingIsDeterministic() throws {
    let root = try Self.fixture()
    defer { try? FileManager.default.removeItem(at: root) }
    let corpus = try Corpus.open(root)
    let entries = Array(corpus.entries.prefix(3))
    let serial = try entries.map { try corpus.document($0).document }
    nonisolated(unsafe) var parallel = [Document?](repeating: nil, count: entries.count * 8)
    let lock = NSLock()
    DispatchQueue.concurrentPerform(iterations: entries.count * 8) { index in
      let document = try? corpus.document(entries[index % entries.count]).document
      lock.lock()
      parallel[index] = document
      lock.unlock()
    }
    for (index, document) in parallel.enumerated() { #expect(document == serial[index % entries.count]) }
  }
}

/// The settings fingerprint is part of every document's input hash: the same settings give the
/// same text, line by line in a fixed order, whatever builds it.
@Suite("The settings fingerprint of a corpus entry")
struct SettingsFingerprintTests {
  @Test func theDemoInterviewsSettingsInTheirOrder() throws {
    let corpus = try Corpus.open(KwalProcess.packageRoot.appendingPathComponent("Corpus"))
    let entry = try #require(corpus.entries.first { $0.id == "Rivierstad/interviews/zorgaanbieder.txt" })
    #expect(
      corpus.settingsFingerprint(entry)
        == [
          "id=Rivierstad/interviews/zorgaanbieder.txt", "path=Rivierstad/interviews/zorgaanbieder.txt",
          "case=Rivierstad", "kind=interview", "date=2021-03-09", "title=\u{0}", "manifest-id=\u{0}",
          "interviewer=I\u{1}Interviewer\u{1}Onderzoeker", "attribute actor=zorgaanbieder", "attribute phase=stagnatie",
          "role Ahmed El Amrani=respondent", "role Sanne Bakker=interviewer",
        ].joined(separator: "\n"))
  }
}
