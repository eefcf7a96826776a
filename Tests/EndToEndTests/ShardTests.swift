import Foundation
import KwalTestSupport
import Testing

/// `kwal code --shard I/N` and `kwal merge`: the merged folder holds exactly the bytes of one
/// full run, for every N; what does not belong together is refused.
@Suite("kwal code --shard and kwal merge", .serialized)
struct ShardTests {
  static let corpus = KwalProcess.packageRoot.appendingPathComponent("Corpus").path
  static let codebook = KwalProcess.packageRoot.appendingPathComponent("Codebooks/lastmile.yaml").path
  static let outputs = ["codings.csv", "suggestions.csv", "units.csv", "documents.csv", "matrix.csv", "codebook.json"]

  @Test("Merging N = 1…5 shards gives the bytes of a full run")
  func byteIdentical() throws {
    let scratch = try KwalProcess.temporaryFolder()
    let full = try KwalProcess.run(
      ["code", Self.corpus, "--codebook", Self.codebook, "--out", "full", "--quiet"], in: scratch)
    #expect(full.status == 0, "\(full.stderr)")
    for count in 1...5 {
      var folders: [String] = []
      for index in 1...count {
        let folder = "n\(count)/shard-\(index)"
        let shard = try KwalProcess.run(
          [
            "code", Self.corpus, "--codebook", Self.codebook, "--out", folder, "--shard", "\(index)/\(count)",
            "--quiet",
          ],
          in: scratch)
        #expect(shard.status == 0, "\(shard.stderr)")
        folders.append(folder)
      }
      // The shards in any order.
      let merge = try KwalProcess.run(
        ["merge"] + folders.reversed() + ["--out", "n\(count)/merged", "--quiet"], in: scratch)
      #expect(merge.status == 0, "\(merge.stderr)")
      #expect(merge.stdout.isEmpty)
      for name in Self.outputs {
        let merged = try Data(contentsOf: scratch.appendingPathComponent("n\(count)/merged/\(name)"))
        let whole = try Data(contentsOf: scratch.appendingPathComponent("full/\(name)"))
        #expect(merged == whole, "N = \(count): \(name)")
      }
      #expect(
        !FileManager.default.fileExists(atPath: scratch.appendingPathComponent("n\(count)/merged/shard.json").path))
    }
    // The merged folder's store logs the merge and holds the documents: coding into it again
    // reuses every document and changes no byte.
    let runs = try KwalProcess.run(["runs", "n3/merged", "--format", "csv"], in: scratch)
    #expect(runs.status == 0, "\(runs.stderr)")
    #expect(runs.stdout.split(separator: "\n").last?.split(separator: ",")[2] == "merged")
    let again = try KwalProcess.run(
      ["code", Self.corpus, "--codebook", Self.codebook, "--out", "n3/merged"], in: scratch)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stdout.contains("18 of 18 document(s) unchanged"), "\(again.stdout)")
    for name in Self.outputs {
      #expect(
        try Data(contentsOf: scratch.appendingPathComponent("n3/merged/\(name)"))
          == Data(contentsOf: scratch.appendingPathComponent("full/\(name)")), "after re-coding: \(name)")
    }
    let diff = try KwalProcess.run(["diff", "n3/merged@1", "n3/merged@2"], in: scratch)
    #expect(diff.stdout.split(separator: "\n").count == 1, "\(diff.stdout)")
    // The merge kept the codes' fingerprints and the documents' words: after an edit of one
    // rule, only that code is coded again, and documents in which it cannot fire are not read.
    let original = try String(contentsOfFile: Self.codebook, encoding: .utf8)
    try Data(
      original.replacingOccurrences(
        of: "[uitstellen, uitgesteld, uitstel,", with: "[uitstellen, uitgesteld, uitstel, opschorten,"
      )
      .replacingOccurrences(
        of: "learned: lastmile.learned.json",
        with: "learned: \(Self.codebook.replacingOccurrences(of: "lastmile.yaml", with: "lastmile.learned.json"))"
      )
      .utf8
    ).write(to: scratch.appendingPathComponent("edited.yaml"))
    let edited = try KwalProcess.run(
      ["code", Self.corpus, "--codebook", "edited.yaml", "--out", "n3/merged"], in: scratch)
    #expect(edited.status == 0, "\(edited.stderr)")
    #expect(edited.stdout.contains("coded again (postponing)"), "\(edited.stdout)")
    #expect(edited.stdout.contains("in which no rule of the edited code(s) can fire"), "\(edited.stdout)")
    let fresh = try KwalProcess.run(
      ["code", Self.corpus, "--codebook", "edited.yaml", "--out", "edited-full", "--quiet"], in: scratch)
    #expect(fresh.status == 0, "\(fresh.stderr)")
    for name in Self.outputs {
      #expect(
        try Data(contentsOf: scratch.appendingPathComponent("n3/merged/\(name)"))
          == Data(contentsOf: scratch.appendingPathComponent("edited-full/\(name)")), "after a rule edit: \(name)")
    }
  }

  @Test("Refused: a bad --shard, a missing or doubled shard, another codebook version, a folder without shard.json")
  func refusals() throws {
    let scratch = try KwalProcess.temporaryFolder()
    // Guarded cells would change the row lengths a shard records: the merge guards instead.
    let guarded = try KwalProcess.run(
      ["code", Self.corpus, "--codebook", Self.codebook, "--out", "x", "--shard", "1/2", "--spreadsheet-safe"],
      in: scratch)
    #expect(guarded.status == 64)
    #expect(guarded.stderr.contains("give --spreadsheet-safe to kwal merge instead"))
    for bad in ["0/4", "5/4", "x", "1/0", "2"] {
      let result = try KwalProcess.run(
        ["code", Self.corpus, "--codebook", Self.codebook, "--out", "x", "--shard", bad], in: scratch)
      #expect(result.status == 64, "\(bad): \(result.stderr)")
    }
    let original = try String(contentsOfFile: Self.codebook, encoding: .utf8)
    // The demo codebook's version, whatever it is now, becomes 9.9.9.
    let version = try #require(original.split(separator: "\n").first { $0.hasPrefix("  version: ") })
    let other = original.replacingOccurrences(of: String(version), with: "  version: 9.9.9")
    #expect(other != original)
    try KwalProcess.write(["other.yaml": other], under: scratch)
    try FileManager.default.copyItem(
      atPath: Self.codebook.replacingOccurrences(of: ".yaml", with: ".learned.json"),
      toPath: scratch.appendingPathComponent("lastmile.learned.json").path)
    for (index, codebook) in [(1, Self.codebook), (2, Self.codebook), (3, "other.yaml")] {
      let result = try KwalProcess.run(
        ["code", Self.corpus, "--codebook", codebook, "--out", "s\(index)", "--shard", "\(index)/3", "--quiet"],
        in: scratch)
      #expect(result.status == 0, "\(result.stderr)")
    }
    let cases: [([String], Int32, String)] = [
      (["s1", "s2"], 66, "shard(s) 3 of 3 missing"),
      (["s1", "s1", "s2"], 64, "are both shard 1/3"),
      (["s1", "s2", "s3"], 65, "lastmile@9.9.9"),
    ]
    for (folders, status, message) in cases {
      let result = try KwalProcess.run(["merge"] + folders + ["--out", "m"], in: scratch)
      #expect(result.status == status, "\(folders): \(result.stderr)")
      #expect(result.stderr.contains(message), "\(folders): \(result.stderr)")
    }
    let full = try KwalProcess.run(
      ["code", Self.corpus, "--codebook", Self.codebook, "--out", "full", "--quiet"], in: scratch)
    #expect(full.status == 0)
    let notShard = try KwalProcess.run(["merge", "s1", "full", "--out", "m"], in: scratch)
    #expect(notShard.status == 66)
    #expect(notShard.stderr.contains("not a shard folder"))
    #expect(!FileManager.default.fileExists(atPath: scratch.appendingPathComponent("m/codings.csv").path))
  }
}
