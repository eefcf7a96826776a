import Foundation
import KwalTestSupport
import Testing

/// `kwal code` end to end: the files, their columns, offsets, determinism and the error paths.
@Suite("kwal code", .serialized)
struct CodeCommandTests {
  static let codebook = """
    codebook:
      name: mini
      version: 0.1.0
    policy:
      exclude-roles: [interviewer]
    codes:
      - id: creation
        codable: false
      - id: bridging
        parent: creation
        rules:
          - id: bridging-stem
            any: [~overbruggen, "brug slaan"]
            negation: true
      - id: costs
        rules:
          - id: costs-word
            any: [kosten, "budget*"]
    """

  /// A corpus with é, ë, emoji and CRLF line ends.
  static let corpus: [String: String] = [
    "Noord/interview.txt":
      "I: Wat deed u toen?\r\nR: We hebben het café-overleg overbrugd 🙂. De kosten bleven hoog.\r\n",
    "Noord/notulen.txt": "Besloten wordt de coördinatie te overbruggen.\nDe budgetten zijn niet overbrugd.\n",
    "Zuid/blog.md": "Een geëvalueerd project: wij overbruggen de afstand naar de partners.\n\nDe kosten? Geen idee.\n",
    "Zuid/plaatje.png": "not text",
  ]

  func makeCorpus() throws -> (root: URL, corpus: URL, codebook: URL) {
    let root = try KwalProcess.temporaryFolder()
    let corpus = root.appendingPathComponent("corpus")
    try KwalProcess.write(Self.corpus, under: corpus)
    let codebook = root.appendingPathComponent("mini.yaml")
    try Data(Self.codebook.utf8).write(to: codebook)
    return (root, corpus, codebook)
  }

  func readCSV(_ url: URL) throws -> [[String: String]] {
    // The test reads with a simple splitter: these fixtures have no commas or quotes in fields
    // other than `text`, which is the last column.
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
    guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) else {
      return []
    }
    return lines.dropFirst().map { line in
      var fields = line.split(separator: ",", maxSplits: header.count - 1, omittingEmptySubsequences: false).map(
        String.init)
      if var last = fields.last, last.hasPrefix("\""), last.hasSuffix("\"") {
        last = String(last.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
        fields[fields.count - 1] = last
      }
      return Dictionary(uniqueKeysWithValues: zip(header, fields))
    }
  }

  @Test func writesTheFourFilesWithTheirColumns() throws {
    let (root, corpus, codebook) = try makeCorpus()
    let out = root.appendingPathComponent("out")
    let result = try KwalProcess.run(["code", corpus.path, "--codebook", codebook.path, "--out", out.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("coded 3 document(s) with mini@0.1.0"))
    let header = { (name: String) in
      try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").first.map(
        String.init)
    }
    #expect(
      try header("codings.csv")
        == "document,case,unit,start,end,code,coder,rule,matched,text,speaker,role,page,timestamp,cue_probability,codebook_hash"
    )
    #expect(
      try header("documents.csv")?.hasPrefix("document,case,kind,title,date,characters,words,tokens,sentences") == true)
    #expect(try header("units.csv") == "document,unit,start,end,speaker,role")
    #expect(try header("matrix.csv") == "code,Noord,Zuid,total")
    let matrix = try String(contentsOf: out.appendingPathComponent("matrix.csv"), encoding: .utf8)
    #expect(matrix.contains("bridging,2,1,3"), "\(matrix)")
    #expect(matrix.contains("costs,2,1,3"), "\(matrix)")
    #expect(!matrix.contains("creation,"), "a grouping code has no row")
  }

  @Test func offsetsAreUnicodeScalarOffsetsIntoThePlainText() throws {
    let (root, corpus, codebook) = try makeCorpus()
    let out = root.appendingPathComponent("out")
    let result = try KwalProcess.run(["code", corpus.path, "--codebook", codebook.path, "--out", out.path])
    #expect(result.status == 0, "\(result.stderr)")
    let rows = try readCSV(out.appendingPathComponent("codings.csv"))
    #expect(rows.count == 6)
    for row in rows {
      // The plain text: LF line ends, NFC.
      let raw = try #require(Self.corpus[row["document"] ?? ""])
      let text = Array(raw.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars)
      let start = try #require(Int(row["start"] ?? ""))
      let end = try #require(Int(row["end"] ?? ""))
      var slice = String.UnicodeScalarView()
      slice.append(contentsOf: text[start..<end])
      #expect(String(slice) == row["text"], "\(row)")
      #expect(row["coder"] == "auto:mini@0.1.0")
      // Each matched word is at its offsets too.
      for item in (row["matched"] ?? "").split(separator: "|") {
        let parts = item.split(separator: "@")
        let bounds = parts[1].split(separator: "-").compactMap { Int($0) }
        var word = String.UnicodeScalarView()
        word.append(contentsOf: text[bounds[0]..<bounds[1]])
        #expect(String(word) == String(parts[0]))
      }
    }
    let texts = rows.map { $0["text"] ?? "" }
    #expect(texts.contains { $0.hasSuffix("We hebben het café-overleg overbrugd 🙂.") })
    #expect(!texts.contains { $0.contains("Wat deed u toen") }, "interviewer turns are not coded")
    #expect(
      !texts.contains("De budgetten zijn niet overbrugd.")
        || rows.filter { $0["text"] == "De budgetten zijn niet overbrugd." }.allSatisfy { $0["code"] == "costs" })
  }

  @Test func outputIsByteIdenticalAcrossRunsAndThreadCounts() throws {
    let (root, corpus, codebook) = try makeCorpus()
    var outputs: [[Data]] = []
    for (index, jobs) in ["1", "2", "4"].enumerated() {
      let out = root.appendingPathComponent("out\(index)")
      let result = try KwalProcess.run([
        "code", corpus.path, "--codebook", codebook.path, "--out", out.path, "--jobs", jobs,
      ])
      #expect(result.status == 0, "\(result.stderr)")
      outputs.append(
        try ["codings.csv", "documents.csv", "units.csv", "matrix.csv", "codebook.json"].map {
          try Data(contentsOf: out.appendingPathComponent($0))
        })
    }
    #expect(outputs[0] == outputs[1])
    #expect(outputs[0] == outputs[2])
  }

  @Test func missingCorpusIsExit66AndWritesNothing() throws {
    let (root, _, codebook) = try makeCorpus()
    let out = root.appendingPathComponent("out")
    let result = try KwalProcess.run([
      "code", root.appendingPathComponent("nope").path, "--codebook", codebook.path, "--out", out.path,
    ])
    #expect(result.status == 66)
    #expect(result.stderr.contains("nope: error: no such corpus folder"), "\(result.stderr)")
    #expect(!result.stderr.contains("Fatal"))
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("codings.csv").path))
  }

  @Test func aCorpusWithoutDocumentsIsExit66AndWritesNothing() throws {
    let (root, _, codebook) = try makeCorpus()
    let empty = root.appendingPathComponent("leeg")
    try KwalProcess.write(["notities.png": "x"], under: empty)
    let out = root.appendingPathComponent("out")
    let result = try KwalProcess.run(["code", empty.path, "--codebook", codebook.path, "--out", out.path])
    #expect(result.status == 66)
    #expect(result.stderr.contains("leeg: error: no documents to code (Kwal reads "), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  @Test func brokenCodebookIsExit65WithLineAndColumnAndWritesNothing() throws {
    let (root, corpus, _) = try makeCorpus()
    let bad = root.appendingPathComponent("bad.yaml")
    try Data("codebook:\n  name: x\n  version: 1\ncodes:\n  - id: a\n    defintion: typo\n".utf8).write(to: bad)
    let out = root.appendingPathComponent("out")
    let result = try KwalProcess.run(["code", corpus.path, "--codebook", bad.path, "--out", out.path])
    #expect(result.status == 65)
    #expect(result.stderr.contains("bad.yaml:6:5: error: unknown key \"defintion\""), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out.path))
    let missing = try KwalProcess.run([
      "code", corpus.path, "--codebook", root.appendingPathComponent("none.yaml").path, "--out", out.path,
    ])
    #expect(missing.status == 66)
  }

  @Test func oneUnreadableDocumentDoesNotLoseTheOthers() throws {
    let (root, corpus, codebook) = try makeCorpus()
    try Data([0x66, 0x6F, 0xC3, 0x28, 0xFF, 0xFE, 0x00, 0x00, 0x01]).write(
      to: corpus.appendingPathComponent("Zuid/kapot.txt"))
    let out = root.appendingPathComponent("out")
    let result = try KwalProcess.run(["code", corpus.path, "--codebook", codebook.path, "--out", out.path])
    let documents = try String(contentsOf: out.appendingPathComponent("documents.csv"), encoding: .utf8)
    #expect(documents.contains("Noord/interview.txt"))
    #expect(documents.contains("Zuid/blog.md"))
    if result.status != 0 {
      #expect(result.status == 65)
      #expect(result.stderr.contains("kapot.txt"))
    }
  }

  @Test func usageErrorsAreExit64() throws {
    let result = try KwalProcess.run(["code", "Corpus"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("--codebook"))
    let jobs = try KwalProcess.run(["code", "Corpus", "--codebook", "x.yaml", "--jobs", "0"])
    #expect(jobs.status == 64)
  }

  @Test func versionAndHelpWithExamples() throws {
    let version = try KwalProcess.run(["--version"])
    #expect(version.status == 0)
    #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    let help = try KwalProcess.run(["help", "code"])
    #expect(help.status == 0)
    #expect(help.stdout.contains("kwal code Corpus --codebook Codebooks/lastmile.yaml --out kwal-out"))
  }

  @Test func codebookSubcommandsWorkOnAFile() throws {
    let (root, _, codebook) = try makeCorpus()
    let lint = try KwalProcess.run(["codebook", "lint", codebook.path])
    #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")
    #expect(lint.stdout.contains("no errors"))
    let explain = try KwalProcess.run(["codebook", "explain", codebook.path, "--text", "Dat is niet overbrugd."])
    #expect(explain.status == 0)
    #expect(explain.stdout.contains("does not fire bridging-stem → bridging"))
    #expect(explain.stdout.contains("negated nearby"))
    // --code limits the answer to one code; an unknown code is a usage error.
    let costsOnly = try KwalProcess.run([
      "codebook", "explain", codebook.path, "--text", "De kosten van het overbruggen.", "--code", "costs",
    ])
    #expect(costsOnly.status == 0)
    #expect(costsOnly.stdout.contains("→ costs") && !costsOnly.stdout.contains("→ bridging"), "\(costsOnly.stdout)")
    let unknown = try KwalProcess.run(["codebook", "explain", codebook.path, "--text", "x", "--code", "kosten"])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("no code \"kosten\""))
    let withExamples = root.appendingPathComponent("ex.yaml")
    try Data((Self.codebook + "\n    examples:\n      positive: [Wie betaalt de kosten?, Dat overbruggen we.]\n").utf8)
      .write(to: withExamples)
    let test = try KwalProcess.run(["codebook", "test", withExamples.path])
    #expect(test.status == 1)
    #expect(test.stdout.contains("FAIL positive example of costs: \"Dat overbruggen we.\""))
    #expect(test.stdout.contains("1 passed, 1 failed"))
  }

  @Test("A progress line on a terminal only: none, and no control sequence, when standard error is a pipe")
  func progressOnlyOnATerminal() throws {
    let scratch = try KwalProcess.temporaryFolder()
    var files: [String: String] = [:]
    for index in 0..<40 { files["d\(index).txt"] = String(repeating: "R1: De kosten zijn hoog. ", count: 200) + "\n" }
    try KwalProcess.write(files, under: scratch.appendingPathComponent("corpus"))
    let codebook = KwalProcess.packageRoot.appendingPathComponent("Codebooks/lastmile.yaml").path
    let piped = try KwalProcess.run(["code", "corpus", "--codebook", codebook, "--out", "out"], in: scratch)
    #expect(piped.status == 0, "\(piped.stderr)")
    #expect(!piped.stderr.contains("\r") && !piped.stderr.contains("\u{1B}"))
    #expect(!piped.stdout.contains("\r") && !piped.stdout.contains("\u{1B}"))
    // On a terminal (script(1) gives the command one), the line is drawn and cleared.
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
    let log = scratch.appendingPathComponent("terminal.log")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    process.arguments = [
      "-qc", "\(KwalProcess.binary.path) code corpus --codebook \(codebook) --out out2 --jobs 1", log.path,
    ]
    process.currentDirectoryURL = scratch
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let terminal = try String(contentsOf: log, encoding: .utf8)
    #expect(terminal.contains("\r\u{1B}[Kkwal code: "), "\(terminal.prefix(300))")
    #expect(terminal.contains("of 40 documents"))
    let quiet = try KwalProcess.run(
      ["code", "corpus", "--codebook", codebook, "--out", "out3", "--quiet"], in: scratch)
    #expect(quiet.stderr.isEmpty)
  }
}

@Suite("Cores")
struct CoresTests {
  /// `--jobs` defaults to the cores the process may use: one under `taskset -c 0` (as in a Slurm
  /// task with one CPU), not every core of the machine.
  @Test(arguments: ["code", "ingest"])
  func jobsDefaultToTheCoresAllowed(_ command: String) throws {
    let taskset = "/usr/bin/taskset"
    guard FileManager.default.isExecutableFile(atPath: taskset) else { return }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: taskset)
    process.arguments = ["-c", "0", KwalProcess.binary.path, command, "--help"]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let help = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    // The option's own lines (the usage line names it too).
    let jobs = help.split(separator: "\n").drop { !$0.hasPrefix("  --jobs <jobs>") }.prefix(2).joined(separator: " ")
    #expect(jobs.contains("(default: 1)"), "\(jobs)")
  }
}
