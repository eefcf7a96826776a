import Foundation
import Testing

/// `kwal export qdc` and `kwal export qdpx` end to end: files, determinism, exact offsets
/// (checked independently with Python's zipfile and code-point slicing) and error paths.
@Suite("kwal export", .serialized)
struct ExportTests {
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
    "Noord/interview.txt": "I: Wat deed u toen?\r\nR: We hebben het café-overleg overbrugd 🙂. De kosten bleven hoog.\r\n",
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

  @Test func qdpxHasExactSelectionsAndIdenticalBytes() throws {
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
    do { try process.run() } catch {
      print("SKIPPED python check of the .qdpx: python3 cannot be started (\(error))")
      return
    }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    if process.terminationStatus == 127 {
      print("SKIPPED python check of the .qdpx: no python3 on PATH")
      return
    }
    #expect(process.terminationStatus == 0, "\(output)")
    #expect((Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) >= 4, "\(output)")
  }

  @Test func unknownCodeIsBadDataAndWritesNothing() throws {
    let files = try prepare()
    let codings = files.root.appendingPathComponent("hand.csv")
    try Data("document,start,end,code,coder\nNoord/interview.txt,0,2,onbekend,Anouk\n".utf8).write(to: codings)
    let out = files.root.appendingPathComponent("x.qdpx")
    let run = try KwalProcess.run([
      "export", "qdpx", codings.path, "--corpus", files.corpus.path, "--codebook", files.codebook.path, "--out", out.path,
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
      "export", "qdpx", codings.path, "--corpus", files.corpus.path, "--codebook", files.codebook.path, "--out", out.path,
    ])
    #expect(run.status == 65)
    #expect(run.stderr.contains("beyond the end of Zuid/blog.md"))
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }
}
