import Foundation
import KwalTestSupport
import Testing

/// `kwal report` on the demo corpus: a golden copy of the page, and the page rendered in
/// headless Chromium (Debian's `chromium`; `.ci/run` installs it): no console error, every case
/// and code on the page, the scripts ran, a screenshot of the expected size.
@Suite("kwal report", .serialized)
struct ReportTests {
  static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// The demo coded and reported in a scratch folder, with relative paths (the command line is
  /// part of the page) and a fixed date.
  func demoReport() throws -> (scratch: URL, report: URL) {
    let scratch = try KwalProcess.temporaryFolder()
    try FileManager.default.copyItem(
      at: KwalProcess.packageRoot.appendingPathComponent("Corpus"), to: scratch.appendingPathComponent("Corpus"))
    let codebooks = scratch.appendingPathComponent("Codebooks")
    try FileManager.default.createDirectory(at: codebooks, withIntermediateDirectories: true)
    for name in ["lastmile.yaml", "lastmile.learned.json"] {
      try FileManager.default.copyItem(
        at: KwalProcess.packageRoot.appendingPathComponent("Codebooks/\(name)"),
        to: codebooks.appendingPathComponent(name))
    }
    let code = try KwalProcess.run(
      ["code", "Corpus", "--codebook", "Codebooks/lastmile.yaml", "--out", "kwal-out", "--quiet"], in: scratch)
    #expect(code.status == 0, "\(code.stderr)")
    let report = try KwalProcess.run(
      ["report", "kwal-out", "--corpus", "Corpus", "--out", "report.html", "--date", "2026-12-05", "--quiet"],
      in: scratch)
    #expect(report.status == 0, "\(report.stderr)")
    return (scratch, scratch.appendingPathComponent("report.html"))
  }

  @Test("The demo report matches its golden copy and loads nothing from elsewhere")
  func golden() throws {
    let (_, report) = try demoReport()
    let data = try Data(contentsOf: report)
    try GoldenTests().check(data, "report.html")
    let html = String(decoding: data, as: UTF8.self)
    for pattern in ["src=", "<link", "@import", "url(", "<iframe", "http://", "https://"] {
      #expect(!html.contains(pattern), "the page refers to something outside it: \(pattern)")
    }
  }

  @Test(
    "Rendered in headless Chromium: no console error, every case and code, the scripts ran, a screenshot",
    .enabled(if: chromium != nil, "Debian's chromium is not installed"))
  func inBrowser() throws {
    let (scratch, report) = try demoReport()
    let url = "file://" + report.path
    let dom = try browser(["--dump-dom", url])
    #expect(dom.status == 0, "\(dom.stderr)")
    #expect(!dom.stderr.contains("Uncaught"), "\(dom.stderr)")
    #expect(!dom.stderr.contains("CONSOLE"), "a console message: \(dom.stderr)")
    // The scripts ran: the sortable headers got their keyboard focus and sort state.
    #expect(dom.stdout.contains("aria-sort=\"none\""))
    let codebook = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: scratch.appendingPathComponent("kwal-out/codebook.json"))) as? [String: Any])
    let codes = try #require(codebook["codes"] as? [[String: Any]])
    for code in codes {
      let id = try #require(code["id"] as? String)
      #expect(dom.stdout.contains("id=\"code-\(id)\""), "code \(id) is not on the page")
    }
    for caseName in ["Lindehof", "Rivierstad"] {
      #expect(dom.stdout.contains("<th scope=\"col\">\(caseName)</th>"), "case \(caseName) is not on the page")
    }
    for section in ["matrix", "keyness", "cooccurrence", "codes", "uncoded", "methods"] {
      #expect(dom.stdout.contains("<section id=\"\(section)\""), "no section \(section)")
    }
    let shot = scratch.appendingPathComponent("report.png")
    let screenshot = try browser(["--screenshot=\(shot.path)", "--window-size=1280,2000", url])
    #expect(screenshot.status == 0, "\(screenshot.stderr)")
    let png = try Data(contentsOf: shot)
    // The PNG header's width and height (IHDR), and a page that is not blank.
    let width = png.count > 24 ? png[16..<20].reduce(0) { $0 << 8 | Int($1) } : 0
    let height = png.count > 24 ? png[20..<24].reduce(0) { $0 << 8 | Int($1) } : 0
    #expect(width == 1280 && height == 2000, "\(width)×\(height)")
    #expect(png.count > 50_000, "the screenshot is nearly empty (\(png.count) bytes)")
  }

  @Test("Markup in every field (names, case, speaker, text, labels, definitions) is escaped, never run")
  func everythingIsEscaped() throws {
    let scratch = try KwalProcess.temporaryFolder()
    let hostile = "<script>alert(\"x\")</script>'&"
    try KwalProcess.write(
      [
        "corpus/A<b>\"'/gesprek <i>1</i>.txt":
          "I: Wat kost het?\n<em>Jan</em>: De kosten zijn hoog \(hostile) en de kosten stijgen.\n",
        "corpus/corpus.yaml":
          "documents:\n  - path: \"**/*\"\n    case: \"\(hostile.replacingOccurrences(of: "\"", with: "\\\""))\"\n",
        "c.yaml": """
        codebook: {name: x, version: "1"}
        codes:
          - id: costs
            label: {nl: "Kosten <script>alert(1)</script>", en: "Costs \\"quoted\\""}
            definition: "Wat het kost </details><script>alert(2)</script>"
            rules: [{id: "costs-words", any: [kosten]}]
        """,
      ], under: scratch)
    let code = try KwalProcess.run(["code", "corpus", "--codebook", "c.yaml", "--out", "out", "--quiet"], in: scratch)
    #expect(code.status == 0, "\(code.stderr)")
    let report = try KwalProcess.run(
      ["report", "out", "--corpus", "corpus", "--out", "r.html", "--quiet"], in: scratch)
    #expect(report.status == 0, "\(report.stderr)")
    let html = try String(contentsOf: scratch.appendingPathComponent("r.html"), encoding: .utf8)
    #expect(html.components(separatedBy: "<script>").count == 2, "only the page's own script")
    for raw in ["<b>", "<i>", "<em>", "</details><script>", "alert(\"x\")"] {
      #expect(!html.contains(raw), "\(raw) is in the page unescaped")
    }
    #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;"))
    #expect(html.contains("Kosten &lt;script&gt;alert(1)&lt;/script&gt;"))
  }

  @Test("A folder without a codebook, or coded by another version of the one given, is refused clearly")
  func codebookMismatch() throws {
    let scratch = try KwalProcess.temporaryFolder()
    try KwalProcess.write(
      [
        "corpus/a.txt": "R1: De kosten zijn hoog.\n",
        "c.yaml": "codebook: {name: c, version: \"1\"}\ncodes:\n  - id: costs\n    rules: [{any: [kosten]}]\n",
        "d.yaml": "codebook: {name: c, version: \"1\"}\ncodes:\n  - id: costs\n    rules: [{any: [kosten, prijs]}]\n",
      ], under: scratch)
    _ = try KwalProcess.run(["code", "corpus", "--codebook", "c.yaml", "--out", "out", "--quiet"], in: scratch)
    let other = try KwalProcess.run(["report", "out", "--codebook", "d.yaml", "--out", "r.html"], in: scratch)
    #expect(other.status == 65, "\(other.stderr)")
    #expect(other.stderr.contains("the folder was coded with c@1"), "\(other.stderr)")
    try FileManager.default.removeItem(at: scratch.appendingPathComponent("out/codebook.json"))
    let none = try KwalProcess.run(["report", "out", "--out", "r.html"], in: scratch)
    #expect(none.status != 0)
    #expect(none.stderr.contains("codebook"), "\(none.stderr)")
    #expect(!FileManager.default.fileExists(atPath: scratch.appendingPathComponent("r.html").path))
  }

  /// Runs headless Chromium with console messages on standard error.
  func browser(_ arguments: [String]) throws -> KwalProcess.Output {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.chromium ?? "chromium")
    process.arguments =
      ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0"]
      + arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errData = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    // Chromium's own start-up noise (D-Bus, fonts, GPU) is not the page's.
    let pageLines = String(decoding: errData, as: UTF8.self).split(separator: "\n").filter {
      $0.contains("CONSOLE") || $0.contains("Uncaught")
    }
    return KwalProcess.Output(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: pageLines.joined(separator: "\n"))
  }
}
