import Foundation
import KwalTestSupport
import Testing

/// `kwal tokenize`, run as a user runs it.
@Suite("kwal tokenize")
struct TokenizeTests {
  static let text = "Dhr. Jansen stelt het o.a. uit. Zij niet.\n\n„Coöperatie” kost € 3,5 mln.\n"

  @Test("CoNLL-U: stem in LEMMA, SpaceAfter=No and TokenRange in MISC, scalar offsets")
  func conllu() throws {
    let result = try KwalProcess.run(["tokenize", "-"], input: Self.text)
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(
      lines.prefix(4) == [
        "# sent_id = 1", "# text = Dhr. Jansen stelt het o.a. uit.",
        "1\tDhr.\tdhr.\t_\t_\t_\t_\t_\t_\tTokenRange=0:4", "2\tJansen\tjans\t_\t_\t_\t_\t_\t_\tTokenRange=5:11",
      ])
    #expect(lines.contains("6\tuit\tuit\t_\t_\t_\t_\t_\t_\tSpaceAfter=No|TokenRange=27:30"))
    #expect(lines.filter { $0.hasPrefix("# sent_id") }.count == 3)
    // Every TokenRange gives the form back from the text, in Unicode scalars.
    let scalars = Array(Self.text.unicodeScalars)
    for line in lines where line.contains("TokenRange=") {
      let columns = line.split(separator: "\t").map(String.init)
      let range = try #require(columns[9].split(separator: "|").last?.dropFirst("TokenRange=".count))
      let bounds = range.split(separator: ":").compactMap { Int($0) }
      var form = String.UnicodeScalarView()
      form.append(contentsOf: scalars[bounds[0]..<bounds[1]])
      #expect(String(form) == columns[1])
    }
  }

  @Test("TSV from a file, with normalised forms and stems")
  func tsv() throws {
    let folder = try KwalProcess.temporaryFolder()
    try KwalProcess.write(["tekst.txt": Self.text], under: folder)
    let result = try KwalProcess.run(["tokenize", "tekst.txt", "--format", "tsv"], in: folder)
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "sentence\ttoken\tstart\tend\tform\tnormalized\tstem\tkind")
    #expect(lines.contains("3\t2\t44\t54\tCoöperatie\tcooperatie\tcooperatie\tword"))
    #expect(lines.contains("3\t6\t63\t66\t3,5\t3,5\t3,5\tnumber"))
  }

  @Test("JSON, deterministic bytes")
  func json() throws {
    let first = try KwalProcess.run(["tokenize", "--format", "json"], input: Self.text)
    let second = try KwalProcess.run(["tokenize", "--format", "json"], input: Self.text)
    #expect(first.status == 0 && first.stdout == second.stdout)
    let object = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any]
    let sentences = try #require(object?["sentences"] as? [[String: Any]])
    #expect(sentences.count == 3)
    #expect(sentences[1]["text"] as? String == "Zij niet.")
  }

  @Test("invalid UTF-8 is replaced and reported with its byte offset")
  func invalidUTF8() throws {
    let folder = try KwalProcess.temporaryFolder()
    try Data([0x64, 0x65, 0x20, 0xFF, 0x20, 0x62, 0x72, 0x75, 0x67]).write(
      to: folder.appendingPathComponent("kapot.txt"))
    let result = try KwalProcess.run(["tokenize", "kapot.txt", "--format", "tsv"], in: folder)
    #expect(result.status == 0)
    #expect(result.stderr.contains("kapot.txt: warning: invalid UTF-8 at byte 3"))
    #expect(result.stdout.contains("1\t3\t5\t9\tbrug\tbrug\tbrug\tword"))
  }

  @Test("empty input gives empty output")
  func empty() throws {
    let result = try KwalProcess.run(["tokenize", "-"], input: "")
    #expect(result.status == 0 && result.stdout.isEmpty)
  }

  @Test("errors: a missing file (66) and an unknown format (64), one line each")
  func errors() throws {
    let missing = try KwalProcess.run(["tokenize", "bestaat-niet.txt"])
    #expect(missing.status == 66)
    #expect(missing.stderr == "bestaat-niet.txt: error: no such file\n")
    let format = try KwalProcess.run(["tokenize", "-", "--format", "xml"], input: "x")
    #expect(format.status == 64)
    #expect(format.stderr.contains("--format must be conllu, tsv or json"))
  }
}
