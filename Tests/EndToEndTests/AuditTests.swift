import Foundation
import KwalTestSupport
import Testing

/// `kwal audit` as a user runs it, on a small coding CSV and the demo codebook.
@Suite("kwal audit")
struct AuditTests {
  static let codings = """
    document,start,end,code,coder,text
    int/a.txt,25,36,bridging,anna,overbruggen
    int/a.txt,25,36,bridging,anna,overbruggen
    int/a.txt,38,64,verzonnen-code,anna,We dwalen af van het doel.

    """

  @Test("Findings are printed with location, severity and count; --fail-on sets the exit status")
  func findings() throws {
    let codebook = KwalProcess.packageRoot.appendingPathComponent("Codebooks/lastmile.yaml")
    let folder = try KwalProcess.temporaryFolder()
    try KwalProcess.write(["anna.csv": Self.codings], under: folder)
    let plain = try KwalProcess.run(["audit", "anna.csv", "--codebook", codebook.path], in: folder)
    #expect(plain.status == 0, "\(plain.stderr)")
    #expect(plain.stdout.contains("int/a.txt@38-64: error: code \"verzonnen-code\" is not in the codebook"))
    #expect(plain.stdout.contains("[duplicate-segment, count 1]"))
    #expect(plain.stdout.contains("not checked: offset-mismatch"))
    let failing = try KwalProcess.run(
      ["audit", "anna.csv", "--codebook", codebook.path, "--fail-on", "error"], in: folder)
    #expect(failing.status == 1)
    let json = try KwalProcess.run(["audit", "anna.csv", "--codebook", codebook.path, "--format", "json"], in: folder)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let list = try #require(object["findings"] as? [[String: Any]])
    #expect(list.first?["severity"] as? String == "error")
    #expect(list.contains { $0["check"] as? String == "code-never-applied" && $0["line"] is Int })
  }

  @Test("A missing codebook exits 66")
  func missingCodebook() throws {
    let folder = try KwalProcess.temporaryFolder()
    try KwalProcess.write(["anna.csv": Self.codings], under: folder)
    let result = try KwalProcess.run(["audit", "anna.csv", "--codebook", "geen.yaml"], in: folder)
    #expect(result.status == 66)
    #expect(result.stderr.contains("geen.yaml"))
  }
}
