import Foundation
import KwalTestSupport
import Testing

/// The outputs that researchers' scripts read, pinned byte for byte: `kwal code` on a small
/// corpus (four documents of the demo, one of each kind) with the demo codebook, its REFI-QDA
/// project and a Markdown matrix. A change to any of them must be deliberate: regenerate with
/// `KWAL_UPDATE_GOLDEN=1 swift test --filter GoldenTests` and review the diff.
@Suite("golden files", .serialized)
struct GoldenTests {
  static let folder = KwalProcess.packageRoot.appendingPathComponent("Tests/EndToEndTests/Golden")
  static let expected = folder.appendingPathComponent("expected")
  static let updating = ProcessInfo.processInfo.environment["KWAL_UPDATE_GOLDEN"] == "1"

  /// Compares `data` with the golden file `name` (or writes it when updating).
  func check(_ data: Data, _ name: String) throws {
    let url = Self.expected.appendingPathComponent(name)
    if Self.updating {
      try FileManager.default.createDirectory(at: Self.expected, withIntermediateDirectories: true)
      try data.write(to: url)
      return
    }
    let golden = try #require(
      FileManager.default.contents(atPath: url.path), "no golden file \(name): run with KWAL_UPDATE_GOLDEN=1")
    if data != golden {
      // The first line that differs, for the message.
      let mine = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
      let theirs = String(decoding: golden, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
      let line =
        zip(mine, theirs).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(mine.count, theirs.count)
      Issue.record(
        "\(name) differs from its golden file at line \(line + 1):\n  now:    \(line < mine.count ? String(mine[line]) : "(end)")\n  golden: \(line < theirs.count ? String(theirs[line]) : "(end)")"
      )
    }
  }

  /// The four demo documents of the golden corpus (copied from `Corpus/` with the golden manifest).
  static let documents = [
    "Lindehof/interviews/gemeente.txt", "Lindehof/interviews/vervoerder.vtt",
    "Lindehof/notulen/2021-03-18-stuurgroep.txt", "Rivierstad/blogs/vandijk-een-jaar-stadshub.html",
  ]

  /// The golden corpus in `scratch/corpus`.
  func makeCorpus(in scratch: URL) throws -> String {
    let corpus = scratch.appendingPathComponent("corpus")
    for document in Self.documents {
      let target = corpus.appendingPathComponent(document)
      try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
      try FileManager.default.copyItem(
        at: KwalProcess.packageRoot.appendingPathComponent("Corpus/\(document)"), to: target)
    }
    try FileManager.default.copyItem(
      at: Self.folder.appendingPathComponent("corpus.yaml"), to: corpus.appendingPathComponent("corpus.yaml"))
    return corpus.path
  }

  @Test(
    "kwal code writes the golden codings.csv, suggestions.csv, units.csv, documents.csv and matrix.csv; export and matrix too"
  )
  func outputs() throws {
    let scratch = try KwalProcess.temporaryFolder()
    let corpus = try makeCorpus(in: scratch)
    let codebook = KwalProcess.packageRoot.appendingPathComponent("Codebooks/lastmile.yaml").path
    let code = try KwalProcess.run(["code", corpus, "--codebook", codebook, "--out", "out", "--quiet"], in: scratch)
    #expect(code.status == 0, "\(code.stderr)")
    for name in ["codings.csv", "suggestions.csv", "units.csv", "documents.csv", "matrix.csv"] {
      try check(try Data(contentsOf: scratch.appendingPathComponent("out/\(name)")), name)
    }
    let export = try KwalProcess.run(
      ["export", "qdpx", "out", "--corpus", corpus, "--codebook", codebook, "--out", "project.qdpx"], in: scratch)
    #expect(export.status == 0, "\(export.stderr)")
    try check(try Data(contentsOf: scratch.appendingPathComponent("project.qdpx")), "project.qdpx")
    let matrix = try KwalProcess.run(["matrix", "out", "--format", "md", "--keyness"], in: scratch)
    #expect(matrix.status == 0, "\(matrix.stderr)")
    try check(Data(matrix.stdout.utf8), "matrix.md")
  }
}
