import Foundation
import KwalTestSupport
import Testing

/// `kwal codebook learn` end to end, and `kwal code` with the cues it writes.
@Suite("kwal codebook learn", .serialized)
struct LearnTests {
  static let codebook = """
    codebook:
      name: leren
      version: 0.1.0
    policy:
      exclude-roles: [interviewer]
    learned: leren.learned.json
    codes:
      - id: postponing
        examples:
          positive: [Het besluit is weer vertraagd., Dat doen we de volgende keer wel.]
          negative: [De volgende halte is het station.]
      - id: costs
        rules:
          - id: costs-word
            any: [kosten]
    """

  static let coded = """
    text,codes
    De keuze werd vertraagd tot na de zomer.,postponing
    Het punt schuift naar de volgende keer.,postponing
    "Alles werd vertraagd, de volgende keer maar weer.",postponing
    De kosten van de hub zijn hoog.,costs
    Wie betaalt de kosten per pakket?,costs
    Het kost ons duizend euro aan kosten.,costs
    De zon scheen op de markt.,
    We rijden met elektrische busjes.,
    Keer op keer reden de busjes vol.,
    "De trein was niet vertraagd vandaag, gelukkig.",
    """

  func makeFolder() throws -> URL {
    let root = try KwalProcess.temporaryFolder()
    try KwalProcess.write(
      [
        "leren.yaml": Self.codebook, "coded.csv": Self.coded,
        "corpus/A/gesprek.txt":
          "I: Is het besluit vertraagd?\nR: Ja, het besluit werd vertraagd tot de volgende keer.\n",
        "corpus/B/notulen.txt": "De kosten zijn besproken. Het voorstel werd vertraagd tot de volgende keer.\n",
      ], under: root)
    return root
  }

  @Test func learnsWritesTheNamedFileAndCodeUsesIt() throws {
    let root = try makeFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let codebook = root.appendingPathComponent("leren.yaml").path
    // Before learning, the named file is missing: coding stops with the key's location.
    let missing = try KwalProcess.run(["code", root.appendingPathComponent("corpus").path, "--codebook", codebook])
    #expect(missing.status == 66)
    #expect(missing.stderr.contains("leren.yaml:6"))
    #expect(missing.stderr.contains("leren.learned.json"))

    let learned = try KwalProcess.run([
      "codebook", "learn", codebook, root.appendingPathComponent("coded.csv").path, "--regularisation", "10",
      "--min-texts", "1",
    ])
    #expect(learned.status == 0, "\(learned.stderr)")
    #expect(learned.stdout.contains("learned cues for 2 code(s) from 13 text(s)"))
    #expect(!learned.stdout.contains("Add to the codebook"))
    let file = root.appendingPathComponent("leren.learned.json")
    let first = try Data(contentsOf: file)
    let json = try #require(try JSONSerialization.jsonObject(with: first) as? [String: Any])
    #expect(json["format"] as? String == "kwal-learned-cues/3")
    #expect(json["codebook"] as? String == "leren@0.1.0")
    #expect(json["continuation"] as? Double == 0.1)

    // Elsewhere, the hint names the file relative to the codebook's folder.
    let elsewhere = try KwalProcess.run([
      "codebook", "learn", codebook, root.appendingPathComponent("coded.csv").path, "--output",
      root.appendingPathComponent("sub/andere.json").path,
    ])
    #expect(elsewhere.stdout.contains("learned: sub/andere.json"), "\(elsewhere.stdout)")

    // Without continuation, the file has none; a continuation at or above the threshold is refused.
    let alone = try KwalProcess.run([
      "codebook", "learn", codebook, root.appendingPathComponent("coded.csv").path, "--output",
      root.appendingPathComponent("sub/alleen.json").path, "--no-continuation",
    ])
    #expect(alone.status == 0, "\(alone.stderr)")
    let aloneJSON =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: root.appendingPathComponent("sub/alleen.json"))) as? [String: Any]
    #expect(aloneJSON?["continuation"] == nil)
    let tooHigh = try KwalProcess.run([
      "codebook", "learn", codebook, root.appendingPathComponent("coded.csv").path, "--output",
      root.appendingPathComponent("sub/hoog.json").path, "--continuation", "0.8",
    ])
    #expect(tooHigh.status == 64)
    #expect(tooHigh.stderr.contains("--continuation must be between 0 and the threshold"), "\(tooHigh.stderr)")
    #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("sub/hoog.json").path))
    let both = try KwalProcess.run([
      "codebook", "learn", codebook, root.appendingPathComponent("coded.csv").path, "--output",
      root.appendingPathComponent("sub/beide.json").path, "--continuation", "0.05", "--no-continuation",
    ])
    #expect(both.status == 64)
    #expect(both.stderr.contains("either --continuation or --no-continuation"), "\(both.stderr)")
    // A threshold below the default continuation learns without one (it is not an error).
    let low = try KwalProcess.run([
      "codebook", "learn", codebook, root.appendingPathComponent("coded.csv").path, "--output",
      root.appendingPathComponent("sub/laag.json").path, "--threshold", "0.05",
    ])
    #expect(low.status == 0, "\(low.stderr)")
    let lowJSON =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: root.appendingPathComponent("sub/laag.json"))) as? [String: Any]
    #expect(lowJSON?["continuation"] == nil && lowJSON?["threshold"] as? Double == 0.05)

    // The same texts give the same bytes.
    _ = try KwalProcess.run([
      "codebook", "learn", codebook, root.appendingPathComponent("coded.csv").path, "--regularisation", "10",
      "--min-texts", "1",
    ])
    #expect(try Data(contentsOf: file) == first)

    // Coding: the cues code the respondent's sentence, not the interviewer's, at any thread count.
    var outputs: [Data] = []
    for jobs in ["1", "2"] {
      let out = root.appendingPathComponent("out-\(jobs)")
      let result = try KwalProcess.run([
        "code", root.appendingPathComponent("corpus").path, "--codebook", codebook, "--out", out.path, "--jobs", jobs,
      ])
      #expect(result.status == 0, "\(result.stderr)")
      outputs.append(
        try Data(contentsOf: out.appendingPathComponent("codings.csv"))
          + Data(contentsOf: out.appendingPathComponent("suggestions.csv")))
    }
    #expect(outputs[0] == outputs[1])
    // codebook.json says which cues coded: the file, its SHA-256 and threshold.
    let info =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: root.appendingPathComponent("out-1/codebook.json"))) as? [String: Any]
    let learnedInfo = try #require(info?["learned"] as? [String: Any])
    #expect(learnedInfo["file"] as? String == "leren.learned.json")
    #expect((learnedInfo["sha256"] as? String)?.count == 64)
    #expect(learnedInfo["continuation"] as? Double == 0.1)
    // What the cues alone propose is a suggestion, not a coding: suggestions.csv, coder …/suggest,
    // with its probability and cue words; codings.csv has the rule codings and their cue probability.
    let codings = try String(contentsOf: root.appendingPathComponent("out-1/codings.csv"), encoding: .utf8)
    let suggestions = try String(contentsOf: root.appendingPathComponent("out-1/suggestions.csv"), encoding: .utf8)
    #expect(!codings.contains(",postponing,"))
    #expect(codings.contains(",costs-word,kosten@3-9,De kosten zijn besproken.,,,,,0."))
    let postponing = suggestions.split(separator: "\n").filter { $0.contains(",postponing,") }
    #expect(postponing.count == 2)
    #expect(
      postponing.allSatisfy { $0.contains(",auto:leren@0.1.0/suggest,learned,") && !$0.contains("Is het besluit") })
    #expect(suggestions.contains("vertraagd@"))

    // Explain shows the cues.
    let explained = try KwalProcess.run([
      "codebook", "explain", codebook, "--text", "Het werd vertraagd tot de volgende keer.",
    ])
    #expect(explained.stdout.contains("FIRES learned → postponing"))
    #expect(explained.stdout.contains("probability"))
  }

  @Test func badInputIsNamedAndWritesNothing() throws {
    let root = try makeFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let codebook = root.appendingPathComponent("leren.yaml").path
    let output = root.appendingPathComponent("uit.json")
    try KwalProcess.write(
      [
        "unknown.csv": "text,codes\nHet is vertraagd.,postponing\nDe brug.,bridging\n",
        "columns.csv": "tekst,codes\nx,\n",
        "open.csv": "text,codes\n\"Het is\n",
      ], under: root)
    for (file, message, line) in [
      ("unknown.csv", "unknown code \"bridging\"", ":3:"), ("columns.csv", "no \"text\" column", ":1:"),
      ("open.csv", "never closed", ":2:"),
    ] {
      let result = try KwalProcess.run([
        "codebook", "learn", codebook, root.appendingPathComponent(file).path, "--output", output.path,
      ])
      #expect(result.status == 65, "\(file)")
      #expect(result.stderr.contains(file + line) && result.stderr.contains(message), "\(result.stderr)")
      #expect(!FileManager.default.fileExists(atPath: output.path))
    }
    // A grouping code, semicolons, and a file with nothing to learn from.
    try KwalProcess.write(
      [
        "grouping.csv": "text,codes\nHet is vertraagd.,postponing\nDe brug.,groep\n",
        "semicolons.csv": "text;codes\nx;\n",
        "nothing.csv": "text,codes\nDe zon scheen.,\n",
      ], under: root)
    let groupedBook = root.appendingPathComponent("grouped.yaml")
    try Data(
      Self.codebook.replacingOccurrences(of: "codes:\n", with: "codes:\n  - id: groep\n    codable: false\n").utf8
    )
    .write(to: groupedBook)
    let grouping = try KwalProcess.run([
      "codebook", "learn", groupedBook.path, root.appendingPathComponent("grouping.csv").path, "--output", output.path,
    ])
    #expect(grouping.status == 65)
    #expect(
      grouping.stderr.contains("grouping.csv:3:") && grouping.stderr.contains("codable: false"), "\(grouping.stderr)")
    let semicolons = try KwalProcess.run([
      "codebook", "learn", codebook, root.appendingPathComponent("semicolons.csv").path, "--output", output.path,
    ])
    #expect(semicolons.status == 65 && semicolons.stderr.contains("semicolons"))
    let nothing = try KwalProcess.run([
      "codebook", "learn", codebook, root.appendingPathComponent("nothing.csv").path, "--no-examples", "--output",
      output.path,
    ])
    #expect(nothing.status == 65 && nothing.stderr.contains("nothing was written"), "\(nothing.stderr)")
    // The output may not overwrite an input, and is a .json file.
    for target in [
      codebook, root.appendingPathComponent("coded.csv").path, root.appendingPathComponent("uit.txt").path,
    ] {
      let clash = try KwalProcess.run([
        "codebook", "learn", codebook, root.appendingPathComponent("coded.csv").path, "--output", target,
      ])
      #expect(clash.status == 64, "\(target): \(clash.stderr)")
    }
    #expect(try String(contentsOfFile: codebook, encoding: .utf8) == Self.codebook)
    let regularisation = try KwalProcess.run(["codebook", "learn", codebook, "--regularisation", "1e155"])
    #expect(regularisation.status == 64)
    let missing = try KwalProcess.run([
      "codebook", "learn", codebook, root.appendingPathComponent("nope.csv").path, "--output", output.path,
    ])
    #expect(missing.status == 66)
    let usage = try KwalProcess.run(["codebook", "learn", codebook, "--threshold", "1.5"])
    #expect(usage.status == 64)
    #expect(usage.stderr.contains("--threshold"))
    #expect(!FileManager.default.fileExists(atPath: output.path))
  }
}
