import Foundation
import KwalTestSupport
import Testing

/// `kwal matrix`, `kwal cooccur` and `kwal kwic` on a small coding output folder written here.
@Suite("kwal matrix, cooccur, kwic (end to end)")
struct AnalysisTests {
  /// Two cases, three documents; the numbers are the same as in KwalAnalysisTests' fixture.
  static let files: [String: String] = [
    "out/codings.csv": """
    document,case,unit,start,end,code,coder,rule,matched,text
    noord/a.txt,noord,sentence,0,50,bridging,auto:t@1,brug,brug@14-18,Wij slaan een brug tussen het plan en de praktijk.
    noord/a.txt,noord,sentence,0,50,wandering,auto:t@1,dwaal,,Wij slaan een brug tussen het plan en de praktijk.
    noord/a.txt,noord,sentence,60,100,bridging,auto:t@1,brug,doel@74-78,We houden het doel voor ogen bij elk ov.
    noord/a.txt,noord,sentence,60,100,value-creation,auto:t@1,waarde,,We houden het doel voor ogen bij elk ov.
    noord/b.txt,noord,sentence,0,100,wandering,auto:t@1,dwaal,,"Het overleg ging alle kanten op, niemand wist nog waar het over ging en we stopten zonder besluit."
    noord/b.txt,noord,sentence,200,260,wandering,auto:t@1,dwaal,,Weer liep het overleg uit op de kosten van de hub in de wijk.
    zuid/c.txt,zuid,sentence,10,40,bridging,auto:t@1,brug,brug@21-25,"Daar is de brug, zei de wethouder."
    zuid/c.txt,zuid,sentence,100,150,wandering,auto:t@1,dwaal,,We dwaalden af van het doel van de proef met bakfietsen.

    """,
    "out/documents.csv": """
    document,case,kind,title,date,characters,words,tokens,sentences,phase
    noord/a.txt,noord,interview,,2023-02-10,600,100,120,10,start
    noord/b.txt,noord,minutes,,2023-05-01,1000,200,230,20,uitvoering
    zuid/c.txt,zuid,interview,,2023-04-20,500,100,110,10,start

    """,
    "out/units.csv": """
    document,unit,start,end,speaker,role
    noord/a.txt,paragraph,0,100,,
    noord/a.txt,sentence,0,50,,
    noord/a.txt,sentence,50,100,,
    noord/a.txt,sentence,100,150,,
    noord/b.txt,sentence,0,100,,
    noord/b.txt,sentence,100,200,,
    noord/b.txt,sentence,200,260,,
    zuid/c.txt,sentence,0,50,,
    zuid/c.txt,sentence,50,100,,
    zuid/c.txt,sentence,100,150,,

    """,
    "out/codebook.json": """
    {"name": "test", "version": "1", "language": "nl", "authors": [],
     "codes": [
      {"id": "value-creation", "label": {"nl": "Waardecreatie"}, "include": [], "exclude": [], "isCodable": true},
      {"id": "bridging", "label": {"nl": "Overbruggen"}, "parent": "value-creation", "include": [], "exclude": [], "isCodable": true},
      {"id": "wandering", "label": {"nl": "Dwalen"}, "include": [], "exclude": [], "isCodable": true},
      {"id": "postponing", "label": {"nl": "Uitstellen"}, "include": [], "exclude": [], "isCodable": true}]}

    """,
  ]

  func fixture() throws -> URL {
    let root = try KwalProcess.temporaryFolder()
    try KwalProcess.write(Self.files, under: root)
    return root
  }

  @Test func matrixCSVByCase() throws {
    let root = try fixture()
    let result = try KwalProcess.run(["matrix", "out"], in: root)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout == """
        code,noord,zuid,total
        value-creation,2,1,3
        bridging,2,1,3
        wandering,3,1,4
        postponing,0,0,0
        total,4,2,6

        """)
    // The same bytes every time.
    #expect(try KwalProcess.run(["matrix", "out"], in: root).stdout == result.stdout)
  }

  /// per-1000-words by phase: start = a + c (200 words), bridging 3 → 15; uitvoering 200 words.
  @Test func matrixJSONByPhaseAndLevel() throws {
    let root = try fixture()
    let result = try KwalProcess.run(
      ["matrix", "out", "--by", "phase", "--measure", "per-1000-words", "--format", "json"], in: root)
    #expect(result.status == 0, "\(result.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(json["columns"] as? [String] == ["code", "start", "uitvoering", "total"])
    let rows = try #require(json["rows"] as? [[String: Any]])
    let bridging = try #require(rows.first { $0["code"] as? String == "bridging" })
    #expect(bridging["start"] as? Double == 15)
    #expect(bridging["uitvoering"] as? Double == 0)
    let level = try KwalProcess.run(
      ["matrix", "out", "--level", "1", "--by", "case,date:quarter", "--format", "tsv"], in: root)
    #expect(
      level.stdout.hasPrefix("code\tnoord/2023-Q1\tnoord/2023-Q2\tzuid/2023-Q2\ttotal\nvalue-creation\t2\t0\t1\t3\n"))
  }

  @Test func keynessAndFramework() throws {
    let root = try fixture()
    let keyness = try KwalProcess.run(["matrix", "out", "--keyness"], in: root)
    #expect(keyness.status == 0, "\(keyness.stderr)")
    #expect(
      keyness.stdout.hasPrefix(
        "code,case,reference,count,size,other_count,other_size,expected,g2,log_ratio,chi2,p_value,chi2_p_value,p_adjusted,significant\n"
      ))
    #expect(keyness.stdout.contains("\nbridging,noord,zuid,2,300,1,100,2.25,"))
    let markdown = try KwalProcess.run(
      ["matrix", "out", "--keyness", "--format", "md", "--correction", "bonferroni"], in: root)
    #expect(markdown.stdout.contains("- correction: bonferroni"))
    let html = root.appendingPathComponent("framework.html")
    let framework = try KwalProcess.run(["matrix", "out", "--quotes", "1", "--out", html.path], in: root)
    #expect(framework.status == 0, "\(framework.stderr)")
    let page = try String(contentsOf: html, encoding: .utf8)
    #expect(page.contains("<th>noord</th>"))
    #expect(page.contains("Daar is de brug, zei de wethouder."))
  }

  @Test func cooccurTableGraphAndRetrieval() throws {
    let root = try fixture()
    let table = try KwalProcess.run(["cooccur", "out"], in: root)
    #expect(table.status == 0, "\(table.stderr)")
    let lines = table.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "code_a,code_b,count,c-coefficient,jaccard,p_b_given_a,p_a_given_b,lift,pmi,npmi,p_value")
    // bridging–wandering share one of 9 sentences: c = 1/6, P(B|A) = 1/3, P(A|B) = 1/4, lift = 9/12.
    #expect(
      lines.contains {
        $0.hasPrefix("bridging,wandering,1,0.16666666666666666,0.16666666666666666,0.3333333333333333,0.25,0.75,")
      })
    // Windows of two sentences in noord/a: w0 = s0 + s1 {bridging, wandering, value-creation}, w1 = s1 + s2
    // {bridging, value-creation}; noord/b: w0 {wandering}, w1 {wandering}. value-creation is in 2
    // windows, with bridging in both (P(B|A) = 2/2) and with wandering in one (1/2).
    let some = try KwalProcess.run(
      ["cooccur", "out", "--unit", "window:2", "--measure", "p_b_given_a,count", "--by", "case"], in: root)
    #expect(
      some.stdout
        == "code_a,code_b,count,p_b_given_a,case\nvalue-creation,bridging,2,1,noord\nvalue-creation,wandering,1,0.5,noord\nbridging,wandering,1,0.5,noord\n"
    )
    let show = try KwalProcess.run(["cooccur", "out", "--codes", "bridging,wandering", "--show"], in: root)
    #expect(
      show.stdout == """
        document,case,unit,unit_start,unit_end,code,start,end,text
        noord/a.txt,noord,sentence,0,50,bridging,0,50,Wij slaan een brug tussen het plan en de praktijk.
        noord/a.txt,noord,sentence,0,50,wandering,0,50,Wij slaan een brug tussen het plan en de praktijk.

        """)
    let not = try KwalProcess.run(
      ["cooccur", "out", "--query", "bridging AND NOT wandering", "--format", "json"], in: root)
    #expect(not.stdout.contains("\"segments\": 2"))
    let graph = try KwalProcess.run(["cooccur", "out", "--format", "graphml"], in: root)
    #expect(graph.stdout.contains("<graphml"))
    let dot = root.appendingPathComponent("net.dot")
    #expect(try KwalProcess.run(["cooccur", "out", "--out", dot.path], in: root).status == 0)
    #expect(try String(contentsOf: dot, encoding: .utf8).hasPrefix("graph cooccurrence {"))
  }

  @Test func kwic() throws {
    let root = try fixture()
    let code = try KwalProcess.run(["kwic", "out", "--code", "value-creation", "--width", "8"], in: root)
    #expect(code.status == 0, "\(code.stderr)")
    // value-creation rolls up bridging: brug@14-18 and doel@74-78 (and zuid's brug@21-25), plus
    // value-creation's own coding without matched words (the whole segment).
    #expect(code.stdout.contains("noord/a.txt:14-18   aan een  [brug]  tussen\n"), "\(code.stdout)")
    #expect(code.stdout.contains("zuid/c.txt:21-25"))
    let term = try KwalProcess.run(["kwic", "out", "--term", "overleg", "--format", "csv"], in: root)
    #expect(
      term.stdout.hasPrefix(
        "document,case,start,end,left,keyword,right,code,speaker,role,page,timestamp,suggestion,memos\n"))
    #expect(term.stdout.contains("noord/b.txt,noord,4,11,Het ,overleg,"))
  }

  @Test(arguments: [
    (["matrix", "out", "--by", "fase"], "documents.csv:1: error: no attribute \"fase\""),
    (["cooccur", "out", "--unit", "overlap", "--measure", "lift"], "does not fit unit overlap"),
    (["cooccur", "out", "--unit", "turn"], "has no turn units"),
    (["kwic", "out", "--code", "onbekend"], "unknown code \"onbekend\""),
  ])
  func badRequestsAreExit65AndWriteNothing(arguments: [String], message: String) throws {
    let root = try fixture()
    let target = root.appendingPathComponent("result.csv")
    let result = try KwalProcess.run(arguments + ["--out", target.path], in: root)
    #expect(result.status == 65)
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: target.path))
  }

  @Test func malformedFolderNamesFileAndLine() throws {
    let root = try fixture()
    var files = Self.files
    files["out/codings.csv"] = files["out/codings.csv"]?.replacingOccurrences(
      of: "noord,sentence,60,100,bridging", with: "noord,sentence,zestig,100,bridging")
    try KwalProcess.write(files, under: root)
    let result = try KwalProcess.run(["matrix", "out"], in: root)
    #expect(result.status == 65)
    #expect(result.stderr.contains("codings.csv:4: error: start \"zestig\""), "\(result.stderr)")
    // A code the codebook does not know.
    files = Self.files
    files["out/codings.csv"] = files["out/codings.csv"]?.replacingOccurrences(
      of: "100,150,wandering", with: "100,150,dwalen")
    try KwalProcess.write(files, under: root)
    let unknown = try KwalProcess.run(["cooccur", "out"], in: root)
    #expect(unknown.status == 65)
    #expect(unknown.stderr.contains("codings.csv:9: error: unknown code \"dwalen\""), "\(unknown.stderr)")
    // KWIC reads whole records of the codes it shows only: lines are still the file's.
    files = Self.files
    files["out/codings.csv"] = files["out/codings.csv"]?.replacingOccurrences(of: "brug@21-25", with: "brug@21-99")
    try KwalProcess.write(files, under: root)
    let outside = try KwalProcess.run(["kwic", "out", "--code", "value-creation"], in: root)
    #expect(outside.status == 65)
    #expect(
      outside.stderr.contains("codings.csv:8: error: matched word \"brug\"@21-99 lies outside the coded text"),
      "\(outside.stderr)")
    let missing = try KwalProcess.run(["matrix", "nergens"], in: root)
    #expect(missing.status == 66)
  }
}
