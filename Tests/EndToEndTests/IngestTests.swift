import Foundation
import KwalTestSupport
import Testing

@Suite("kwal ingest")
struct IngestTests {
  static func fixture() throws -> URL {
    let root = try KwalProcess.temporaryFolder()
    func put(_ text: String, _ path: String) throws {
      let url = root.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
    try put(
      "documents:\n  - path: \"Havenstad/*.txt\"\n    phase: start\n    actor: gemeente\n  - path: \"Nergens/*.txt\"\n",
      "corpus.yaml")
    try put(
      "Interview café Havenstad\nDatum: 14 mei 2019\n\nI: Hoe begon het café?\n\nR: Met één idee: samen bezorgen. [lacht]\n\nI: En daarna?\n\nR: Daarna ging het mis.\n",
      "Havenstad/interview.txt")
    try put(
      "<html><head><title>Over de hub</title></head><body><article><p>Een blog over de hub in Lindehof, met genoeg woorden om de hoofdtekst te zijn.</p></article></body></html>",
      "Lindehof/blog.html")
    try put("iets", "Lindehof/foto.png")
    return root
  }

  @Test func jsonLinesWithScalarOffsets() throws {
    let root = try Self.fixture()
    defer { try? FileManager.default.removeItem(at: root) }
    let output = try KwalProcess.run(["ingest", root.path])
    #expect(output.status == 0, "\(output.stderr)")
    let lines = output.stdout.split(separator: "\n")
    #expect(lines.count == 2)
    let objects = try lines.map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    for object in objects {
      #expect(
        Set(object.keys) == [
          "id", "path", "kind", "case", "title", "date", "attributes", "text", "segments", "diagnostics",
        ])
    }
    let interview = objects[0]
    #expect(interview["id"] as? String == "Havenstad/interview.txt")
    #expect(interview["kind"] as? String == "interview")
    #expect(interview["case"] as? String == "Havenstad")
    #expect(interview["date"] as? String == "2019-05-14")
    #expect(interview["attributes"] as? [String: String] == ["phase": "start", "actor": "gemeente"])
    // Offsets are Unicode scalar offsets: text[start:end] as Python would slice it.
    let text = Array((interview["text"] as? String ?? "").unicodeScalars)
    let segments = try #require(interview["segments"] as? [[String: Any]])
    let turns = segments.filter { $0["kind"] as? String == "turn" }
    #expect(turns.count == 4)
    let second = turns[1]
    let start = try #require(second["start"] as? Int)
    let end = try #require(second["end"] as? Int)
    #expect(String(String.UnicodeScalarView(text[start..<end])) == "Met één idee: samen bezorgen. [lacht]")
    #expect(second["speaker"] as? String == "R")
    #expect(second["role"] as? String == "respondent")
    #expect(objects[1]["kind"] as? String == "blog")
    #expect(objects[1]["title"] as? String == "Over de hub")
    // Corpus notes go to standard error.
    #expect(output.stderr.contains("Lindehof/foto.png: note: skipped: unknown file type \".png\""))
    #expect(output.stderr.contains("corpus.yaml:5:11: warning: \"Nergens/*.txt\" matches no document"))
  }

  @Test func jsonArrayToAFile() throws {
    let root = try Self.fixture()
    defer { try? FileManager.default.removeItem(at: root) }
    let out = root.appendingPathComponent("uit/corpus.json")
    let output = try KwalProcess.run(["ingest", root.path, "--format", "json", "--output", out.path])
    #expect(output.status == 0, "\(output.stderr)")
    let array = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [[String: Any]])
    #expect(array.map { $0["id"] as? String } == ["Havenstad/interview.txt", "Lindehof/blog.html"])
    // The same bytes at any number of jobs.
    let serial = try KwalProcess.run(["ingest", root.path, "--jobs", "1"])
    let parallel = try KwalProcess.run(["ingest", root.path, "--jobs", "4"])
    #expect(serial.stdout == parallel.stdout)
  }

  @Test func badFileIsReportedAndTheOthersAreIngested() throws {
    let root = try Self.fixture()
    defer { try? FileManager.default.removeItem(at: root) }
    try Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x01]).write(to: root.appendingPathComponent("Havenstad/kapot.docx"))
    let output = try KwalProcess.run(["ingest", root.path])
    #expect(output.status == 65)
    #expect(output.stdout.split(separator: "\n").count == 2)
    #expect(output.stderr.contains("Havenstad/kapot.docx: error: not a .docx file (corrupt or truncated zip)"))
  }

  @Test func listedFiles() throws {
    let root = try Self.fixture()
    defer { try? FileManager.default.removeItem(at: root) }
    let output = try KwalProcess.run(["ingest", root.appendingPathComponent("Havenstad/interview.txt").path])
    #expect(output.status == 0, "\(output.stderr)")
    #expect(output.stdout.contains("\"id\":\"Havenstad/interview.txt\""))
  }

  @Test(arguments: [
    (["ingest", "/bestaat/niet"], Int32(66), "no such file or folder"),
    (["ingest", "x", "--format", "xml"], Int32(64), "--format must be jsonl or json"),
  ])
  func usageAndMissingInput(arguments: [String], status: Int32, message: String) throws {
    let output = try KwalProcess.run(arguments)
    #expect(output.status == status)
    #expect(output.stderr.contains(message))
  }
}
