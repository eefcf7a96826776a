import Foundation
import KwalTestSupport
import Testing

@Suite("kwal ingest on PDF files")
struct PDFIngestTests {
  static let minutes = MiniPDF(pages: [
    [
      .large("Notulen werkgroep Lindehof", size: 16), .gap, .line("Aanwezig: Ans Smit, Piet Bos"), .gap,
      .bold("1. Opening"), .line("Ans opent de vergadering."), .gap, .bold("2. Plein"),
      .line("Het plein krijgt meer groen."),
    ],
    [.bold("3. Rondvraag"), .line("Er zijn geen vragen.")],
  ])

  @Test func aPDFIsReadWithPagesAndABrokenOneIsOneErrorLine() throws {
    let root = try KwalProcess.temporaryFolder()
    try Self.minutes.data.write(to: root.appendingPathComponent("notulen.pdf"))
    try Self.minutes.data.prefix(400).write(to: root.appendingPathComponent("kapot.pdf"))
    let output = try KwalProcess.run(["ingest", root.path, "--jobs", "2"])
    // The broken file is one error line; the good one is still written.
    #expect(output.status == 65)
    let errors = output.stderr.split(separator: "\n").filter { $0.contains("error:") }
    #expect(errors.count == 1)
    #expect(errors.first?.contains("kapot.pdf: error: not a readable PDF: ") == true)
    let lines = output.stdout.split(separator: "\n")
    #expect(lines.count == 1)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    #expect(object["id"] as? String == "notulen.pdf")
    #expect(object["kind"] as? String == "minutes")
    #expect(object["title"] as? String == "Notulen werkgroep Lindehof")
    let text = Array((object["text"] as? String ?? "").unicodeScalars)
    let segments = try #require(object["segments"] as? [[String: Any]])
    let pages = segments.filter { $0["kind"] as? String == "page" }
    #expect(pages.compactMap { ($0["metadata"] as? [String: String])?["number"] } == ["1", "2"])
    let second = try #require(pages.last)
    let start = try #require(second["start"] as? Int)
    let end = try #require(second["end"] as? Int)
    #expect(String(String.UnicodeScalarView(text[start..<end])) == "3. Rondvraag\n\nEr zijn geen vragen.")
    #expect(segments.filter { $0["kind"] as? String == "agenda-item" }.count == 3)
  }

  // poppler-glib is loaded when the first PDF is read: without it, a PDF is one clear error
  // (what to install; the batch exits 69, a system library missing, not 65) and every other
  // file is still read.
  @Test func withoutPopplerAPDFIsOneErrorAndTheOtherFilesAreRead() throws {
    let root = try KwalProcess.temporaryFolder()
    try Self.minutes.data.write(to: root.appendingPathComponent("notulen.pdf"))
    try "Ans opent de vergadering.\n".write(
      to: root.appendingPathComponent("verslag.txt"), atomically: true, encoding: .utf8)
    let missing = root.appendingPathComponent("geen/libpoppler-glib.so.8").path
    let output = try KwalProcess.run(["ingest", root.path], environment: ["KWAL_POPPLER_LIBRARY": missing])
    #expect(output.status == 69)
    let errors = output.stderr.split(separator: "\n").filter { $0.contains("error:") }
    #expect(errors.count == 1)
    #expect(errors.first?.contains("notulen.pdf: error: cannot read PDF without poppler-glib (") == true)
    #expect(errors.first?.contains("install libpoppler-glib8") == true)
    let lines = output.stdout.split(separator: "\n")
    #expect(lines.count == 1)
    #expect(lines.first?.contains("\"id\":\"verslag.txt\"") == true)
  }
}
