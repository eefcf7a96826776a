import Foundation
import KwalTestSupport
import Testing

/// Hostile input, as a user with messy fieldwork data meets it: every case here made Kwal crash,
/// hang, overwrite an input, or leave something out in silence before it was fixed. Inputs are
/// generated, so nothing large lies on disk.
@Suite("hostile input", .serialized)
struct HostileTests {
  static let codebook = KwalProcess.packageRoot.appendingPathComponent("Codebooks/lastmile.yaml").path
  static let good =
    "I: Hoe ging de samenwerking?\nR1: We overbruggen de verschillen tussen de partners in het project.\n"

  /// A corpus folder with `files`, inside a fresh scratch folder (returned as well).
  func corpus(_ files: [String: String]) throws -> (scratch: URL, corpus: URL) {
    let scratch = try KwalProcess.temporaryFolder()
    let corpus = scratch.appendingPathComponent("corpus")
    try KwalProcess.write(files, under: corpus)
    return (scratch, corpus)
  }

  func lines(_ file: URL) throws -> [String] {
    try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
  }

  // MARK: Bounded work

  @Test(
    "32,000 nested <div>s: the page is read (nesting folded at 400 levels), the batch is coded", .timeLimit(.minutes(1))
  )
  func deepNesting() throws {
    let depth = 32_000
    let page =
      "<html><body>" + String(repeating: "<div>", count: depth)
      + "<p>Het project overbrugt de kloof tussen de partners, zei ze.</p>" + String(repeating: "</div>", count: depth)
      + "</body></html>"
    let (scratch, corpus) = try corpus(["deep.html": page, "good.txt": Self.good])
    let result = try KwalProcess.run(["code", corpus.path, "--codebook", Self.codebook, "--out", "out"], in: scratch)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("deep.html: warning:") && result.stderr.contains("nested deeper than 400 levels"))
    let documents = try lines(scratch.appendingPathComponent("out/documents.csv"))
    #expect(documents.count == 3)
    let codings = try String(contentsOf: scratch.appendingPathComponent("out/codings.csv"), encoding: .utf8)
    #expect(codings.contains("deep.html") && codings.contains("good.txt"))
  }

  @Test(
    "A 40 KB unbroken word and a chain of ZWJ emoji are matched only as whole words, with a note",
    .timeLimit(.minutes(1)))
  func longWords() throws {
    var generator = SystemRandomNumberGenerator()
    let letters = Array("abcdefghijklmnopqrstuvwxyz")
    let blob = String((0..<40_000).map { _ in letters[Int(generator.next() % 26)] })
    let chain = String(repeating: "\u{1F468}\u{200D}", count: 20_000) + "\u{1F468}"
    let (scratch, corpus) = try corpus([
      "blob.txt": "R1: We overbruggen de verschillen tussen de partners. \(blob) en verder.\n",
      "emoji.txt": "R1: We overbruggen de verschillen tussen de partners. \(chain) klaar.\n", "good.txt": Self.good,
    ])
    let result = try KwalProcess.run(["code", corpus.path, "--codebook", Self.codebook, "--out", "out"], in: scratch)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("blob.txt: note: 1 word(s) longer than 256 bytes"))
    #expect(result.stderr.contains("emoji.txt: note: 1 word(s) longer than 256 bytes"))
    let codings = try String(contentsOf: scratch.appendingPathComponent("out/codings.csv"), encoding: .utf8)
    #expect(codings.contains("blob.txt") && codings.contains("good.txt"))
  }

  @Test("A regex with nested repetition is refused with its line; repeated alternatives get a warning")
  func catastrophicRegex() throws {
    let yaml = """
      codebook:
        name: hostile
        version: 1.0.0
      codes:
        - id: letters
          definition: Letters.
          rules:
            - id: nested
              any:
                - regex: "^(a+)+$"
            - id: alternatives
              any:
                - regex: "^(ver|over)+brug$"

      """
    let (scratch, corpus) = try corpus(["a.txt": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\n"])
    try KwalProcess.write(["bad.yaml": yaml], under: scratch)
    let lint = try KwalProcess.run(["codebook", "lint", "bad.yaml"], in: scratch)
    #expect(lint.status == 65)
    #expect(lint.stderr.contains("bad.yaml:10:20: error: regex \"^(a+)+$\" can take exponential time"))
    #expect(
      lint.stderr.contains("bad.yaml:13:20: warning: regex \"^(ver|over)+brug$\" repeats a group of alternatives"))
    let code = try KwalProcess.run(["code", corpus.path, "--codebook", "bad.yaml", "--out", "out"], in: scratch)
    #expect(code.status == 65)
    #expect(!FileManager.default.fileExists(atPath: scratch.appendingPathComponent("out/codings.csv").path))
  }

  @Test("A codebook with 10,000 codes codes a sentence in bounded time", .timeLimit(.minutes(1)))
  func manyCodes() throws {
    var yaml = "codebook:\n  name: big\n  version: 1.0.0\ncodes:\n"
    for index in 0..<10_000 {
      yaml += "  - id: c\(index)\n    definition: Code \(index).\n"
      if index >= 10 { yaml += "    parent: c\(index / 10)\n" }
      yaml += "    rules:\n      - id: r\(index)\n        any:\n          - word: woord\(index)\n"
    }
    let (scratch, corpus) = try corpus(["a.txt": "R1: Dit is woord5 en woord9999 in een zin.\n"])
    try KwalProcess.write(["big.yaml": yaml], under: scratch)
    let result = try KwalProcess.run(
      ["code", corpus.path, "--codebook", "big.yaml", "--out", "out", "--quiet"], in: scratch)
    #expect(result.status == 0, "\(result.stderr)")
    let codings = try lines(scratch.appendingPathComponent("out/codings.csv"))
    #expect(codings.count == 3)
  }

  @Test(
    "Inputs found by make fuzz: a corrupt .docx zip and a caption time of `00:.` are errors of their file, the others are coded",
    .timeLimit(.minutes(1)))
  func fuzzFindings() throws {
    let (scratch, corpus) = try corpus([
      "good.txt": Self.good, "captions.vtt": "WEBVTT\n\n00:. --> 00:01.000\n<v Anna>We overbruggen de kloof.\n",
    ])
    let fixture = KwalProcess.packageRoot.appendingPathComponent("Tests/Hostile/Fixtures/fuzz-corrupt-zip.docx")
    try FileManager.default.copyItem(at: fixture, to: corpus.appendingPathComponent("corrupt.docx"))
    let hang = KwalProcess.packageRoot.appendingPathComponent("Tests/Hostile/Fixtures/fuzz-docx-hang.docx")
    try FileManager.default.copyItem(at: hang, to: corpus.appendingPathComponent("hang.docx"))
    let result = try KwalProcess.run(
      ["code", corpus.path, "--codebook", Self.codebook, "--out", "out", "--quiet"], in: scratch)
    #expect(result.status == 65, "\(result.stderr)")
    #expect(result.stderr.contains("corrupt.docx: error: not a .docx file"))
    #expect(result.stderr.contains("captions.vtt: error: no caption cues found"))
    #expect(result.stderr.contains("hang.docx: error: not a .docx file"), "\(result.stderr)")
    #expect(result.stderr.contains("compressed data ends early"), "\(result.stderr)")
    #expect(!result.stderr.contains("Fatal error"))
    let documents = try lines(scratch.appendingPathComponent("out/documents.csv")).map { $0.prefix { $0 != "," } }
    #expect(documents == ["document", "good.txt"])
  }

  @Test("A .qdpx whose project.qde is deflate data cut short is refused, not inflated without end")
  func truncatedDeflateProject() throws {
    let (scratch, _) = try corpus([:])
    let fixture = KwalProcess.packageRoot.appendingPathComponent("Tests/Hostile/Fixtures/truncated-deflate.qdpx")
    try FileManager.default.copyItem(at: fixture, to: scratch.appendingPathComponent("p.qdpx"))
    let result = try KwalProcess.run(["import", "qdpx", "p.qdpx", "--out", "team"], in: scratch)
    #expect(result.status != 0)
    #expect(result.stderr.contains("p.qdpx"), "\(result.stderr)")
    #expect(result.stderr.contains("compressed data ends early"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: scratch.appendingPathComponent("team").path))
  }

  // MARK: Inputs stay inputs

  @Test("No command writes onto one of its inputs: refused with both paths, exit 64, the input unchanged")
  func ownInputs() throws {
    let (scratch, corpus) = try corpus(["a.txt": Self.good])
    let codebook = try String(contentsOfFile: Self.codebook, encoding: .utf8)
    let cues = try String(
      contentsOfFile: Self.codebook.replacingOccurrences(of: ".yaml", with: ".learned.json"), encoding: .utf8)
    try KwalProcess.write(["T.txt": Self.good, "X.yaml": codebook, "lastmile.learned.json": cues], under: scratch)
    let first = try KwalProcess.run(
      ["code", corpus.path, "--codebook", "X.yaml", "--out", "out", "--quiet"], in: scratch)
    #expect(first.status == 0, "\(first.stderr)")
    let codings = try Data(contentsOf: scratch.appendingPathComponent("out/codings.csv"))
    let cases: [([String], String)] = [
      (["ingest", "T.txt", "--output", "T.txt"], "T.txt"),
      (["ingest", "corpus", "--output", "corpus/all.txt"], "corpus"),
      (["export", "qdc", "--codebook", "X.yaml", "--out", "X.yaml"], "X.yaml"),
      (["matrix", "out", "--out", "out/codings.csv"], "out/codings.csv"),
      (["cooccur", "out", "--out", "out/documents.csv"], "out/documents.csv"),
      (["kwic", "out", "--code", "bridging", "--out", "X.yaml", "--codebook", "X.yaml"], "X.yaml"),
      (["code", "corpus", "--codebook", "X.yaml", "--out", "corpus"], "corpus"),
      (["import", "qdc", "X.yaml", "--out", "X.yaml"], "X.yaml"),
    ]
    for (arguments, input) in cases {
      let result = try KwalProcess.run(arguments, in: scratch)
      #expect(result.status == 64, "\(arguments): \(result.stderr)")
      #expect(result.stderr.contains(input), "\(arguments): \(result.stderr)")
    }
    #expect(try String(contentsOf: scratch.appendingPathComponent("T.txt"), encoding: .utf8) == Self.good)
    #expect(try String(contentsOf: scratch.appendingPathComponent("X.yaml"), encoding: .utf8) == codebook)
    #expect(try Data(contentsOf: scratch.appendingPathComponent("out/codings.csv")) == codings)
    #expect(!FileManager.default.fileExists(atPath: corpus.appendingPathComponent("all.txt").path))
  }

  @Test("--jobs 5000 on three documents writes the bytes of --jobs 1")
  func manyJobs() throws {
    let (scratch, corpus) = try corpus(["a.txt": Self.good, "b.txt": Self.good, "c.txt": Self.good])
    for (jobs, out) in [("1", "one"), ("5000", "many")] {
      let result = try KwalProcess.run(
        ["code", corpus.path, "--codebook", Self.codebook, "--out", out, "--jobs", jobs, "--quiet"], in: scratch)
      #expect(result.status == 0, "\(result.stderr)")
    }
    for name in ["codings.csv", "units.csv", "documents.csv", "matrix.csv"] {
      let one = try Data(contentsOf: scratch.appendingPathComponent("one/\(name)"))
      let many = try Data(contentsOf: scratch.appendingPathComponent("many/\(name)"))
      #expect(one == many, "\(name)")
    }
  }

  // MARK: Nothing left out in silence

  @Test("Non-UTF-8 names, broken links and pipes are named even under --quiet; a link to a file is read")
  func silentSkips() throws {
    let (scratch, corpus) = try corpus(["a.txt": Self.good])
    // caf\xE9.txt: a Latin-1 file name.
    var bytes = Array(corpus.path.utf8) + Array("/caf".utf8) + [0xE9] + Array(".txt".utf8)
    bytes.append(0)
    let descriptor = bytes.withUnsafeBufferPointer { buffer in
      buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
        open($0, O_CREAT | O_WRONLY, 0o644)
      }
    }
    #expect(descriptor >= 0)
    close(descriptor)
    try FileManager.default.createSymbolicLink(atPath: corpus.path + "/link.txt", withDestinationPath: "a.txt")
    try FileManager.default.createSymbolicLink(atPath: corpus.path + "/broken.txt", withDestinationPath: "nowhere.txt")
    #expect(mkfifo(corpus.path + "/pipe.txt", 0o644) == 0)
    let result = try KwalProcess.run(
      ["code", corpus.path, "--codebook", Self.codebook, "--out", "out", "--quiet"], in: scratch)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("caf\\xE9.txt: warning: skipped: the file name is not valid UTF-8"))
    #expect(result.stderr.contains("broken.txt: warning: skipped: a symbolic link to a file that does not exist"))
    #expect(result.stderr.contains("pipe.txt: warning: skipped: not a regular file"))
    let documents = try lines(scratch.appendingPathComponent("out/documents.csv")).map { $0.prefix { $0 != "," } }
    #expect(documents == ["document", "a.txt", "link.txt"])
  }

  // MARK: Output folders

  @Test("Temporary files of a dead run are removed by the next run; an interrupted run leaves none")
  func temporaries() throws {
    let (scratch, corpus) = try corpus(["a.txt": Self.good])
    let out = scratch.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    // A process id that no longer runs: a child that has exited.
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/bin/true")
    try child.run()
    child.waitUntilExit()
    let stale = out.appendingPathComponent(".codings.csv.kwal-\(child.processIdentifier).tmp")
    try Data(repeating: 0x41, count: 1000).write(to: stale)
    let result = try KwalProcess.run(
      ["code", corpus.path, "--codebook", Self.codebook, "--out", "out", "--quiet"], in: scratch)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: stale.path))

    // SIGINT in the middle of a run: exit 130, no temporary file left, the earlier outputs intact.
    var files: [String: String] = [:]
    let paragraph = String(
      repeating: "R1: We overbruggen de verschillen tussen de partners in het project. ", count: 300)
    for index in 0..<150 { files["d\(index).txt"] = paragraph + "\n" }
    let big = try self.corpus(files)
    let before = try Data(contentsOf: out.appendingPathComponent("codings.csv"))
    let process = Process()
    process.executableURL = KwalProcess.binary
    process.arguments = [
      "code", big.corpus.path, "--codebook", Self.codebook, "--out", out.path, "--quiet", "--jobs", "1",
    ]
    process.standardError = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    Thread.sleep(forTimeInterval: 1.0)
    let interrupted = process.isRunning
    if interrupted { kill(process.processIdentifier, SIGINT) }
    process.waitUntilExit()
    let left = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".tmp") }
    #expect(left.isEmpty, "\(left)")
    if interrupted {
      #expect(process.terminationStatus == 130)
      #expect(try Data(contentsOf: out.appendingPathComponent("codings.csv")) == before)
    }
  }

  @Test(
    "SIGKILL at random points of runs: the folder stays readable, its files and store from one run; the next run recovers"
  )
  func killedRuns() throws {
    var files: [String: String] = [:]
    for index in 0..<60 {
      files["d\(index).txt"] =
        String(repeating: "R1: We overbruggen de verschillen tussen de partners; de kosten zijn hoog. ", count: 80)
        + "\n"
    }
    let (scratch, corpus) = try corpus(files)
    // Two codebooks, so a folder mixing two runs would show two codebook hashes.
    let codebooks = ["a", "b"].map { scratch.appendingPathComponent("\($0).yaml") }
    for (index, url) in codebooks.enumerated() {
      try Data(
        """
        codebook: {name: kill, version: "\(index)"}
        codes:
          - id: costs
            rules: [{any: [kosten]}]
          - id: bridging
            rules: [{any: [overbruggen\(index == 0 ? "" : ", partners")]}]
        """.utf8
      ).write(to: url)
    }
    let out = scratch.appendingPathComponent("out")
    let started = Date()
    let first = try KwalProcess.run(
      ["code", corpus.path, "--codebook", codebooks[0].path, "--out", out.path, "--quiet", "--jobs", "1"])
    #expect(first.status == 0, "\(first.stderr)")
    let duration = Date().timeIntervalSince(started)
    for round in 0..<6 {
      let process = Process()
      process.executableURL = KwalProcess.binary
      process.arguments = [
        "code", corpus.path, "--codebook", codebooks[(round + 1) % 2].path, "--out", out.path, "--quiet", "--jobs", "1",
      ]
      process.standardError = FileHandle.nullDevice
      process.standardOutput = FileHandle.nullDevice
      try process.run()
      Thread.sleep(forTimeInterval: Double.random(in: 0.02...max(0.05, duration)))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      // Readable: the runs are listed, and codings.csv belongs to the store's last run.
      let runs = try KwalProcess.run(["runs", out.path, "--format", "csv"])
      #expect(runs.status == 0, "\(runs.stderr)")
      let last = try #require(runs.stdout.split(separator: "\n").last).split(separator: ",").map(String.init)
      let rows = try String(contentsOf: out.appendingPathComponent("codings.csv"), encoding: .utf8)
        .split(separator: "\n").dropFirst()
      #expect(
        String(rows.count) == last[8],
        "round \(round): codings.csv has \(rows.count) rows, the store's last run \(last[8])")
      #expect(rows.allSatisfy { $0.hasSuffix("," + last[5]) }, "round \(round): codings.csv is not from the last run")
    }
    // The next run finishes and gives the bytes of a fresh full run.
    let recovered = try KwalProcess.run(
      ["code", corpus.path, "--codebook", codebooks[1].path, "--out", out.path, "--quiet"])
    #expect(recovered.status == 0, "\(recovered.stderr)")
    let fresh = try KwalProcess.run(
      [
        "code", corpus.path, "--codebook", codebooks[1].path, "--out", scratch.appendingPathComponent("fresh").path,
        "--quiet",
      ])
    #expect(fresh.status == 0)
    for name in ["codings.csv", "units.csv", "documents.csv", "matrix.csv"] {
      #expect(
        try Data(contentsOf: out.appendingPathComponent(name))
          == Data(contentsOf: scratch.appendingPathComponent("fresh/\(name)")), "\(name)")
    }
    // Nothing of the killed runs is left: no temporary file, journal or Foundation's `.dat.nosync…`.
    let left = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".") }
    #expect(left.isEmpty, "\(left)")
  }

  @Test("A second kwal code on a folder in use is refused with the holder's process id (exit 75)")
  func folderInUse() throws {
    var files: [String: String] = [:]
    for index in 0..<150 {
      files["d\(index).txt"] = String(repeating: "R1: We overbruggen de verschillen. ", count: 300) + "\n"
    }
    let (scratch, corpus) = try corpus(files)
    let out = scratch.appendingPathComponent("out")
    let process = Process()
    process.executableURL = KwalProcess.binary
    process.arguments = ["code", corpus.path, "--codebook", Self.codebook, "--out", out.path, "--quiet", "--jobs", "1"]
    process.standardError = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    // Wait until the first run holds the folder.
    let lock = out.appendingPathComponent(".kwal.lock")
    for _ in 0..<200 where !FileManager.default.fileExists(atPath: lock.path) { Thread.sleep(forTimeInterval: 0.01) }
    let second = try KwalProcess.run(["code", corpus.path, "--codebook", Self.codebook, "--out", out.path, "--quiet"])
    let stillRunning = process.isRunning
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    if stillRunning {
      #expect(second.status == 75, "\(second.stderr)")
      #expect(second.stderr.contains("in use by process \(process.processIdentifier)"), "\(second.stderr)")
    }
  }

  @Test("import qdpx refuses a folder that is not empty; --force replaces it as a whole")
  func importForce() throws {
    let (scratch, corpus) = try corpus(["a.txt": Self.good])
    let coded = try KwalProcess.run(
      ["code", corpus.path, "--codebook", Self.codebook, "--out", "out", "--quiet"], in: scratch)
    #expect(coded.status == 0, "\(coded.stderr)")
    let export = try KwalProcess.run(
      ["export", "qdpx", "out", "--corpus", "corpus", "--codebook", Self.codebook, "--out", "p.qdpx"],
      in: scratch)
    #expect(export.status == 0, "\(export.stderr)")
    try KwalProcess.write(["team/corpus/old.txt": "R1: een document van een eerdere import.\n"], under: scratch)
    let refused = try KwalProcess.run(["import", "qdpx", "p.qdpx", "--out", "team"], in: scratch)
    #expect(refused.status == 64)
    #expect(refused.stderr.contains("is not empty") && refused.stderr.contains("--force"))
    #expect(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("team/corpus/old.txt").path))
    let forced = try KwalProcess.run(["import", "qdpx", "p.qdpx", "--out", "team", "--force"], in: scratch)
    #expect(forced.status == 0, "\(forced.stderr)")
    #expect(!FileManager.default.fileExists(atPath: scratch.appendingPathComponent("team/corpus/old.txt").path))
    #expect(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("team/codings.csv").path))
    let siblings = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.hasPrefix(".team") }
    #expect(siblings.isEmpty, "\(siblings)")
    // The project inside the folder it would replace is refused.
    try FileManager.default.copyItem(
      at: scratch.appendingPathComponent("p.qdpx"), to: scratch.appendingPathComponent("team/p.qdpx"))
    let inside = try KwalProcess.run(["import", "qdpx", "team/p.qdpx", "--out", "team", "--force"], in: scratch)
    #expect(inside.status == 64)
    #expect(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("team/p.qdpx").path))
  }

  // MARK: Messages

  @Test("An empty code list is a warning; an interval level cites the values that are not numbers")
  func messages() throws {
    let scratch = try KwalProcess.temporaryFolder()
    try KwalProcess.write(
      [
        "empty.yaml": "codebook:\n  name: empty\n  version: 1.0.0\ncodes: []\n",
        "ratings.csv": "unit,coder,value\nz1,anna,1\nz1,bram,2\nz2,anna,3\nz2,bram,veel\nz3,anna,4\nz3,bram,weinig\n",
      ], under: scratch)
    let lint = try KwalProcess.run(["codebook", "lint", "empty.yaml"], in: scratch)
    #expect(
      (lint.stdout + lint.stderr).contains("empty.yaml:4:8: warning: the codebook has no codes"), "\(lint.stdout)")
    let agree = try KwalProcess.run(["agree", "--ratings", "ratings.csv", "--level", "interval"], in: scratch)
    #expect(agree.status == 65)
    #expect(agree.stderr.contains("2 value(s) are not numbers: \"veel\", \"weinig\""), "\(agree.stderr)")
  }

  @Test("--spreadsheet-safe guards cells a spreadsheet would evaluate; without it every cell is exact")
  func spreadsheetSafe() throws {
    let text =
      "=SOM(A1) we overbruggen de kloof tussen de partners.\n\n-3 procent, maar we overbruggen de verschillen.\n"
    let (scratch, corpus) = try corpus(["a.txt": text])
    for (flag, out) in [("--spreadsheet-safe", "safe"), ("--quiet", "exact")] {
      let result = try KwalProcess.run(
        ["code", corpus.path, "--codebook", Self.codebook, "--out", out, "--quiet", flag], in: scratch)
      #expect(result.status == 0, "\(result.stderr)")
    }
    let safe = try String(contentsOf: scratch.appendingPathComponent("safe/codings.csv"), encoding: .utf8)
    let exact = try String(contentsOf: scratch.appendingPathComponent("exact/codings.csv"), encoding: .utf8)
    #expect(safe.contains(",'=SOM(A1) we overbruggen") && safe.contains(",\"'-3 procent"))
    #expect(exact.contains(",=SOM(A1) we overbruggen") && !exact.contains("'="))
    // Numbers are never guarded: the offsets stay as they are.
    #expect(!safe.contains(",'0,") && !safe.contains(",'5"))
  }
}
