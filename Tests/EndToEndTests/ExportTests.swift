import Foundation
import KwalTestSupport
import Testing

/// `kwal export qdc` and `kwal export qdpx` end to end: files, determinism, exact offsets
/// (checked independently with Python's zipfile and code-point slicing) and error paths.
@Suite("kwal export", .serialized)
struct ExportTests {
  /// Whether `python3` runs here (the check that reads the .qdpx as Python would needs it).
  static let hasPython: Bool = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "pass"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }()

  static let codebook = """
    codebook:
      name: mini
      version: 0.1.0
    codes:
      - id: creation
        label: {nl: "Waarde & creatie"}
        codable: false
      - id: bridging
        parent: creation
        definition: "Verbinden van partijen <over grenzen>."
        rules:
          - id: bridging-stem
            any: [~overbruggen]
      - id: costs
        rules:
          - id: costs-word
            any: [kosten, "budget*"]
    """

  /// A corpus with é, ë, emoji and CRLF line ends.
  static let corpus: [String: String] = [
    "Noord/interview.txt":
      "I: Wat deed u toen?\r\nR: We hebben het café-overleg overbrugd 🙂. De kosten bleven hoog.\r\n",
    "Zuid/blog.md": "Een geëvalueerd project: wij overbruggen de afstand.\n\nDe kosten? Geen idee 🚲.\n",
  ]

  func prepare() throws -> (root: URL, corpus: URL, codebook: URL, coded: URL) {
    let root = try KwalProcess.temporaryFolder()
    let corpus = root.appendingPathComponent("corpus")
    try KwalProcess.write(Self.corpus, under: corpus)
    let codebook = root.appendingPathComponent("mini.yaml")
    try Data(Self.codebook.utf8).write(to: codebook)
    let coded = root.appendingPathComponent("kwal-out")
    let run = try KwalProcess.run(["code", corpus.path, "--codebook", codebook.path, "--out", coded.path])
    #expect(run.status == 0, "\(run.stderr)")
    return (root, corpus, codebook, coded)
  }

  @Test func qdcIsWrittenAndIdenticalTwice() throws {
    let files = try prepare()
    let first = files.root.appendingPathComponent("a.qdc")
    let second = files.root.appendingPathComponent("b.qdc")
    for out in [first, second] {
      let run = try KwalProcess.run(["export", "qdc", "--codebook", files.codebook.path, "--out", out.path])
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stdout.contains("3 codes"))
    }
    let data = try Data(contentsOf: first)
    #expect(data == (try Data(contentsOf: second)))
    let xml = String(decoding: data, as: UTF8.self)
    #expect(xml.contains("name=\"Waarde &amp; creatie\""))
    #expect(xml.contains("Verbinden van partijen &lt;over grenzen&gt;."))
  }

  @Test(.enabled(if: Self.hasPython, "python3 is not on PATH"))
  func qdpxHasExactSelectionsAndIdenticalBytes() throws {
    let files = try prepare()
    let first = files.root.appendingPathComponent("a.qdpx")
    let second = files.root.appendingPathComponent("b.qdpx")
    for out in [first, second] {
      let run = try KwalProcess.run([
        "export", "qdpx", files.coded.path, "--corpus", files.corpus.path, "--codebook", files.codebook.path,
        "--out", out.path, "--name", "Mini",
      ])
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stdout.contains("2 sources"))
    }
    #expect(try Data(contentsOf: first) == Data(contentsOf: second))

    // Python reads the zip, and slices each source by code points: every selection's name must
    // be exactly text[start:end], and the sources must carry no BOM.
    let script = """
      import sys, zipfile, xml.etree.ElementTree as ET
      ns = {'q': 'urn:QDA-XML:project:1.0'}
      z = zipfile.ZipFile(sys.argv[1])
      assert z.namelist()[0] == 'project.qde', z.namelist()
      root = ET.fromstring(z.read('project.qde'))
      count = 0
      for source in root.iter('{urn:QDA-XML:project:1.0}TextSource'):
          path = source.get('plainTextPath').replace('internal://', 'sources/')
          raw = z.read(path)
          assert not raw.startswith(b'\\xef\\xbb\\xbf'), path
          text = raw.decode('utf-8')
          for sel in source.findall('q:PlainTextSelection', ns):
              start, end = int(sel.get('startPosition')), int(sel.get('endPosition'))
              assert text[start:end] == sel.get('name'), (start, end, text[start:end], sel.get('name'))
              assert sel.find('q:Coding/q:CodeRef', ns) is not None
              count += 1
      print(count)
      """
    let scriptURL = files.root.appendingPathComponent("check.py")
    try Data(script.utf8).write(to: scriptURL)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", scriptURL.path, first.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(output)")
    #expect((Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) >= 4, "\(output)")
  }

  @Test func unknownCodeIsBadDataAndWritesNothing() throws {
    let files = try prepare()
    let codings = files.root.appendingPathComponent("hand.csv")
    try Data("document,start,end,code,coder\nNoord/interview.txt,0,2,onbekend,Anouk\n".utf8).write(to: codings)
    let out = files.root.appendingPathComponent("x.qdpx")
    let run = try KwalProcess.run([
      "export", "qdpx", codings.path, "--corpus", files.corpus.path, "--codebook", files.codebook.path, "--out",
      out.path,
    ])
    #expect(run.status == 65)
    #expect(run.stderr.contains("unknown code \"onbekend\""))
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  @Test func selectionBeyondTheEndIsBadData() throws {
    let files = try prepare()
    let codings = files.root.appendingPathComponent("hand.csv")
    try Data("document,start,end,code,coder\nZuid/blog.md,10,9999,costs,Anouk\n".utf8).write(to: codings)
    let out = files.root.appendingPathComponent("x.qdpx")
    let run = try KwalProcess.run([
      "export", "qdpx", codings.path, "--corpus", files.corpus.path, "--codebook", files.codebook.path, "--out",
      out.path,
    ])
    #expect(run.status == 65)
    #expect(run.stderr.contains("beyond the end of Zuid/blog.md"))
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  @Test(.enabled(if: SharedData.has("refi-qda/Project.xsd"), SharedData.absent))
  func demoCorpusExportsValidateAgainstBothSchemas() throws {
    let schemas = SharedData.url("refi-qda")
    let root = try KwalProcess.temporaryFolder()
    let codebook = KwalProcess.packageRoot.appendingPathComponent("Codebooks/lastmile.yaml")
    let corpus = KwalProcess.packageRoot.appendingPathComponent("Corpus")
    let coded = root.appendingPathComponent("kwal-out")
    let code = try KwalProcess.run(["code", corpus.path, "--codebook", codebook.path, "--out", coded.path])
    #expect(code.status == 0, "\(code.stderr)")
    let qdc = root.appendingPathComponent("lastmile.qdc")
    let qdpx = root.appendingPathComponent("lastmile.qdpx")
    #expect(try KwalProcess.run(["export", "qdc", "--codebook", codebook.path, "--out", qdc.path]).status == 0)
    let export = try KwalProcess.run([
      "export", "qdpx", coded.path, "--corpus", corpus.path, "--codebook", codebook.path, "--out", qdpx.path,
    ])
    #expect(export.status == 0, "\(export.stderr)")
    for file in [qdc, qdpx] {
      let run = try KwalProcess.run(["export", "validate", file.path, "--schemas", schemas.path])
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stdout.contains("valid"))
    }
    // The real ATLAS.ti example does not validate (old namespace) but imports, with the deviation reported.
    let atlas = schemas.appendingPathComponent("examples/atlasti-9-export.qdc")
    #expect(try KwalProcess.run(["export", "validate", atlas.path, "--schemas", schemas.path]).status == 65)
    let yaml = root.appendingPathComponent("atlas.yaml")
    let imported = try KwalProcess.run(["import", "qdc", atlas.path, "--out", yaml.path])
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(imported.stderr.contains("namespace urn:QDA-XML:codebook:0:4 tolerated"))
    #expect(try KwalProcess.run(["codebook", "lint", yaml.path]).status == 0)
  }

  @Test func importedKwalCodebookExportsToIdenticalBytes() throws {
    let files = try prepare()
    let first = files.root.appendingPathComponent("a.qdc")
    let yaml = files.root.appendingPathComponent("terug.yaml")
    let second = files.root.appendingPathComponent("b.qdc")
    #expect(try KwalProcess.run(["export", "qdc", "--codebook", files.codebook.path, "--out", first.path]).status == 0)
    #expect(try KwalProcess.run(["import", "qdc", first.path, "--out", yaml.path]).status == 0)
    #expect(try KwalProcess.run(["export", "qdc", "--codebook", yaml.path, "--out", second.path]).status == 0)
    #expect(try Data(contentsOf: first) == Data(contentsOf: second))
  }

  @Test(.enabled(if: SharedData.has("refi-qda/Project.xsd"), SharedData.absent))
  func notAZipIsBadData() throws {
    let schemas = SharedData.url("refi-qda")
    let root = try KwalProcess.temporaryFolder()
    let fake = root.appendingPathComponent("nep.qdpx")
    try Data("geen zip".utf8).write(to: fake)
    let run = try KwalProcess.run(["export", "validate", fake.path, "--schemas", schemas.path])
    #expect(run.status == 65)
    #expect(run.stderr.contains("not a zip file"))
  }

  @Test func importedProjectRoundTripsTextsAndCodings() throws {
    let files = try prepare()
    let qdpx = files.root.appendingPathComponent("mini.qdpx")
    let export = try KwalProcess.run([
      "export", "qdpx", files.coded.path, "--corpus", files.corpus.path, "--codebook", files.codebook.path, "--out",
      qdpx.path,
    ])
    #expect(export.status == 0, "\(export.stderr)")
    let team = files.root.appendingPathComponent("team")
    let imported = try KwalProcess.run(["import", "qdpx", qdpx.path, "--out", team.path])
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(imported.stdout.contains("2 documents"))
    for name in [
      "codings.csv", "codebook.yaml", "corpus/Noord/interview.txt", "corpus/Zuid/blog.md.txt", "corpus/corpus.yaml",
      "documents.csv",
    ] {
      #expect(FileManager.default.fileExists(atPath: team.appendingPathComponent(name).path), "\(name)")
    }
    // The texts come back as Kwal's plain text (ingest turns CRLF into LF; emoji and accents
    // stay), which is what the offsets count in.
    let back = try Data(contentsOf: team.appendingPathComponent("corpus/Noord/interview.txt"))
    #expect(back == Data((Self.corpus["Noord/interview.txt"] ?? "").replacingOccurrences(of: "\r\n", with: "\n").utf8))
    let original = try String(contentsOf: files.coded.appendingPathComponent("codings.csv"), encoding: .utf8)
    let roundTrip = try String(contentsOf: team.appendingPathComponent("codings.csv"), encoding: .utf8)
    func spans(_ csv: String) -> [String] {
      csv.split(separator: "\n").dropFirst().map { line in
        let fields = line.split(separator: ",", omittingEmptySubsequences: false)
        return [fields[0], fields[1], fields[3], fields[4], fields[5], fields[6]].joined(separator: ",")
      }.sorted()
    }
    #expect(spans(original) == spans(roundTrip))
    #expect(try KwalProcess.run(["codebook", "lint", team.appendingPathComponent("codebook.yaml").path]).status == 0)
  }
}
