import Foundation
import KwalTestSupport
import Testing

/// `kwal agree` as a user runs it: the ratings calculator and agreement between coding outputs.
@Suite("kwal agree")
struct AgreeTests {
  // One interview document, three sentences:
  // "De gemeente wil de kloof overbruggen." 0-37, "We dwalen af van het doel." 38-64,
  // "Alles moet perfect zijn." 65-89.
  static let units = """
    document,unit,start,end,speaker,role
    int/a.txt,document,0,89,,
    int/a.txt,paragraph,0,89,R,respondent
    int/a.txt,sentence,0,37,R,respondent
    int/a.txt,sentence,38,64,R,respondent
    int/a.txt,sentence,65,89,R,respondent

    """
  static let auto = """
    document,case,unit,start,end,code,coder,rule,matched,text
    int/a.txt,Rivierstad,sentence,0,37,overbruggen,auto:lastmile@1,overbruggen-1,overbruggen@25-36,De gemeente wil de kloof overbruggen.
    int/a.txt,Rivierstad,sentence,38,64,dwalen,auto:lastmile@1,dwalen-1,dwalen@41-47,We dwalen af van het doel.

    """
  static let anna = """
    document,start,end,code,coder,text
    int/a.txt,19,36,overbruggen,anna,kloof overbruggen
    int/a.txt,65,89,idealisering,anna,Alles moet perfect zijn.

    """
  static let bram = """
    document,start,end,code,text
    int/a.txt,0,37,overbruggen,De gemeente wil de kloof overbruggen.
    int/a.txt,38,64,dwalen,We dwalen af van het doel.

    """

  static func fixture() throws -> URL {
    let folder = try KwalProcess.temporaryFolder()
    try KwalProcess.write(
      [
        "kwal-out/units.csv": units, "kwal-out/codings.csv": auto, "gold/anna.csv": anna, "gold/bram.csv": bram,
      ], under: folder)
    return folder
  }

  static func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  static func code(_ report: [String: Any], _ id: String) throws -> [String: Any] {
    let codes = try #require(report["codes"] as? [[String: Any]])
    return try #require(codes.first { $0["code"] as? String == id })
  }

  @Test("A human against the rules: per-code counts, alpha, precision/recall, disagreements")
  func humanAgainstRules() throws {
    let folder = try Self.fixture()
    let result = try KwalProcess.run(
      ["agree", "gold/anna.csv", "kwal-out", "--disagreements", "verschillen.csv"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let report = try Self.json(result.stdout)
    #expect(report["coders"] as? [String] == ["anna", "auto:lastmile@1"])
    #expect(report["units"] as? Int == 3)
    #expect(report["uncoded_units"] as? String == "included")
    let bridging = try Self.code(report, "overbruggen")
    #expect(bridging["alpha"] as? Double == 1)
    #expect(bridging["both"] as? Int == 1)
    let wandering = try Self.code(report, "dwalen")
    #expect(wandering["a_only"] as? Int == 0 && wandering["b_only"] as? Int == 1)
    let retrieval = try #require((wandering["retrieval"] as? [[String: Any]])?.first)
    #expect(retrieval["reference"] as? String == "anna")
    #expect(retrieval["precision"] as? Double == 0)
    #expect(retrieval["recall"] is NSNull, "recall is undefined when the reference never applied the code")
    let csv = try String(contentsOf: folder.appendingPathComponent("verschillen.csv"), encoding: .utf8)
    #expect(
      csv == """
        document,start,end,text,anna,auto:lastmile@1
        int/a.txt,38,64,We dwalen af van het doel.,,dwalen
        int/a.txt,65,89,Alles moet perfect zijn.,idealisering,

        """)
    // Without --disagreements the codings are read without their texts: the report is the same.
    let plain = try KwalProcess.run(["agree", "gold/anna.csv", "kwal-out"], in: folder)
    #expect(plain.status == 0 && plain.stdout == result.stdout)
  }

  @Test("CSV inputs alone need --units, with a clear message")
  func unitsRequired() throws {
    let folder = try Self.fixture()
    let missing = try KwalProcess.run(["agree", "gold/anna.csv", "gold/bram.csv"], in: folder)
    #expect(missing.status == 64)
    #expect(missing.stderr.contains("--units"))
    let given = try KwalProcess.run(
      ["agree", "gold/anna.csv", "gold/bram.csv", "--units", "kwal-out", "--format", "md", "--exclude-uncoded"],
      in: folder)
    #expect(given.status == 0, "\(given.stderr)")
    #expect(given.stdout.contains("units no coder coded: excluded"))
    #expect(given.stdout.contains("| overbruggen | 1.000 |"))
  }

  @Test("Two runs of one codebook are two coders, told apart by their folders")
  func sameCoderInTwoInputs() throws {
    let folder = try Self.fixture()
    try KwalProcess.write(
      [
        "nieuw/units.csv": Self.units,
        "nieuw/codings.csv": Self.auto.replacingOccurrences(of: "dwalen-1,dwalen@41-47", with: "dwalen-2,dwalen@41-47"),
      ],
      under: folder)
    let result = try KwalProcess.run(["agree", "kwal-out", "nieuw"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let report = try Self.json(result.stdout)
    #expect(report["coders"] as? [String] == ["auto:lastmile@1 (kwal-out)", "auto:lastmile@1 (nieuw)"])
    #expect(try Self.code(report, "overbruggen")["alpha"] as? Double == 1)
    // Distinct names stay as they are.
    let mixed = try Self.json(try KwalProcess.run(["agree", "gold/anna.csv", "kwal-out"], in: folder).stdout)
    #expect(mixed["coders"] as? [String] == ["anna", "auto:lastmile@1"])
  }

  /// Without `--disagreements` the codings are read as columns, with it as whole records (their
  /// texts make the disagreements' texts): both give the same report, for every unit kind, with
  /// coders renamed, a file without a coder column and documents not every coder coded.
  @Test(
    "Codings read as columns and as records give the same agreement",
    arguments: [
      ["gold/anna.csv", "gold/bram.csv", "kwal-out"], ["kwal-out", "nieuw", "gold/anna.csv"],
      ["gold/anna.csv", "gold/bram.csv", "--unit", "segment", "--overlap", "0.4"],
      ["gold/anna.csv", "kwal-out", "--unit", "paragraph", "--documents", "all"],
    ])
  func columnsAndRecordsAgree(_ arguments: [String]) throws {
    let folder = try Self.fixture()
    try KwalProcess.write(
      [
        "nieuw/units.csv": Self.units + "int/b.txt,sentence,0,10,,\n",
        "nieuw/codings.csv": Self.auto
          + "int/b.txt,Rivierstad,sentence,0,10,dwalen,auto:lastmile@1,dwalen-1,,Verdwaald.\n",
      ],
      under: folder)
    let columns = try KwalProcess.run(["agree"] + arguments, in: folder)
    let records = try KwalProcess.run(["agree"] + arguments + ["--disagreements", "d.csv"], in: folder)
    #expect(columns.status == 0, "\(columns.stderr)")
    #expect(records.status == 0, "\(records.stderr)")
    #expect(try Self.json(columns.stdout)["codes"] != nil)
    #expect(columns.stdout == records.stdout)
  }

  @Test("Segment units link segments by overlap")
  func segments() throws {
    let folder = try Self.fixture()
    // anna's 19-36 and bram's 0-37 overlap 17/37 = 0.46 of their union.
    let strict = try Self.json(
      try KwalProcess.run(
        ["agree", "gold/anna.csv", "gold/bram.csv", "--unit", "segment", "--overlap", "0.9"], in: folder
      )
      .stdout)
    let loose = try Self.json(
      try KwalProcess.run(
        ["agree", "gold/anna.csv", "gold/bram.csv", "--unit", "segment", "--overlap", "0.4"], in: folder
      )
      .stdout)
    #expect(try Self.code(strict, "overbruggen")["both"] as? Int == 0)
    #expect(try Self.code(loose, "overbruggen")["both"] as? Int == 1)
    #expect(try Self.code(loose, "overbruggen")["alpha"] is NSNull)
  }

  @Test("The ratings calculator: Krippendorff (2011) ordinal alpha, as JSON")
  func ratings() throws {
    let folder = try KwalProcess.temporaryFolder()
    let matrix: [[Int?]] = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil], [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3],
      [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil], [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil],
    ]
    var lines = ["unit,coder,value"]
    for (coder, row) in matrix.enumerated() {
      for (unit, value) in row.enumerated() {
        lines.append("eenheid\(unit + 1),codeur\(coder + 1),\(value.map(String.init) ?? "")")
      }
    }
    try KwalProcess.write(["ratings.csv": lines.joined(separator: "\n") + "\n"], under: folder)
    let result = try KwalProcess.run(
      ["agree", "--ratings", "ratings.csv", "--level", "ordinal", "--bootstrap", "200"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let report = try Self.json(result.stdout)
    let alpha = try #require(report["alpha"] as? Double)
    #expect(abs(alpha - 0.8153875037548814) < 1e-12)
    #expect(report["cohen_kappa"] is NSNull)
    #expect(report["units"] as? Int == 12 && report["coders"] as? Int == 4 && report["pairable"] as? Int == 40)
    #expect(report["alpha_ci"] is [String: Any])
    let again = try KwalProcess.run(
      ["agree", "--ratings", "ratings.csv", "--level", "ordinal", "--bootstrap", "200"], in: folder)
    #expect(again.stdout == result.stdout, "same seed, same bytes")
  }

  @Test(
    "Bad ratings exit 65 with a located message",
    arguments: [
      ("unit,coder,value\nz1,anna,1\nz1,bram,2,3\n", ["--level", "nominal"], "ratings.csv:3"),
      ("unit,coder,value\nz1,anna,1\nz2,anna,2\n", ["--level", "nominal"], "only one coder"),
      ("unit,coder,value\nz1,anna,laag\nz1,bram,hoog\n", ["--level", "ordinal"], "ordinal level needs"),
      ("unit,coder,value\nz1,anna,1\nz1,bram,2\n", ["--level", "ordinaal"], "unknown level"),
      ("unit,coder,value\nz1,anna,1\nz1,anna,2\n", ["--level", "nominal"], "twice"),
    ])
  func badRatings(content: String, arguments: [String], message: String) throws {
    let folder = try KwalProcess.temporaryFolder()
    try KwalProcess.write(["ratings.csv": content], under: folder)
    let result = try KwalProcess.run(["agree", "--ratings", "ratings.csv"] + arguments, in: folder)
    #expect(result.status == 65)
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(result.stdout.isEmpty)
  }
}
