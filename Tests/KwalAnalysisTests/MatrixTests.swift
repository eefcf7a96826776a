import KwalModel
import Testing

@testable import KwalAnalysis
import KwalExport

@Suite("Code matrix: columns, measures, roll-up, totals")
struct MatrixTests {
  func value(_ report: MatrixReport, _ code: String, _ column: String) -> Double? {
    guard let row = report.codes.firstIndex(of: code), let col = report.columns.firstIndex(of: column) else {
      return nil
    }
    return report.values[row][col]
  }

  func total(_ report: MatrixReport, _ code: String) -> Double? {
    report.codes.firstIndex(of: code).flatMap { report.rowTotals[$0] }
  }

  /// Counts by case. bridging: noord a 0-50, a 60-100 = 2; zuid c 10-40 = 1.
  /// value-creation rolls up bridging; its own a 60-100 is the same span as bridging's → still 2.
  /// wandering: noord a 0-50, b 0-100, b 200-260 = 3; zuid 1. postponing: never coded, zeros.
  /// total row (any code): noord a {0-50, 60-100} + b {0-100, 200-260} = 4; zuid 2; all 6.
  /// A coding that ends past its document (as documents.csv gives its length) is bad data, not
  /// a coverage over 100%.
  @Test func codingsPastTheirDocumentAreRefused() throws {
    var input = MatrixFixture.input
    let row = try #require(input.codings.firstIndex { $0.document == "zuid/c.txt" })
    input.codings[row].end = 99_999
    let error = #expect(throws: AnalysisError.self) {
      try MatrixReport.compute(input, options: MatrixOptions(measure: .coverage))
    }
    #expect(error?.location?.line == row + 2)
    #expect(error?.message.contains("past the end of \"zuid/c.txt\" (500 characters") == true)
  }

  @Test func countsByCase() throws {
    let report = try MatrixReport.compute(MatrixFixture.input)
    #expect(report.codes == ["value-creation", "bridging", "wandering", "postponing"])
    #expect(report.columns == ["noord", "zuid"])
    #expect(report.values == [[2, 1], [2, 1], [3, 1], [0, 0]])
    #expect(report.rowTotals == [3, 3, 4, 0])
    #expect(report.columnTotals == [4, 2])
    #expect(report.grandTotal == 6)
    let table = report.table()
    #expect(table.columns == ["code", "noord", "zuid", "total"])
    #expect(table.fields.last == ["total", "4", "2", "6"])
    #expect(table.fields.first == ["value-creation", "2", "1", "3"])
  }

  /// per-1000-words: noord has 100 + 200 = 300 words, zuid 100. bridging: 2·1000/300, 1·1000/100;
  /// total 3·1000/400 = 7.5.
  @Test func perThousandWords() throws {
    let report = try MatrixReport.compute(MatrixFixture.input, options: MatrixOptions(measure: .perThousandWords))
    #expect(abs((value(report, "bridging", "noord") ?? 0) - 2000.0 / 300) < 1e-12)
    #expect(value(report, "bridging", "zuid") == 10)
    #expect(total(report, "bridging") == 7.5)
    #expect(value(report, "postponing", "zuid") == 0)
  }

  /// share: bridging 2 of noord's 4 segments = 0.5; zuid 1 of 2 = 0.5; total 3/6.
  /// coverage: wandering in noord covers 50 (a) + 100 + 60 (b) = 210 of 600 + 1000 characters;
  /// zuid 50 of 500; value-creation in noord covers 0-50 ∪ 60-100 = 90 of 1600.
  @Test func shareAndCoverage() throws {
    let share = try MatrixReport.compute(MatrixFixture.input, options: MatrixOptions(measure: .share))
    #expect(value(share, "bridging", "noord") == 0.5)
    #expect(value(share, "bridging", "zuid") == 0.5)
    #expect(total(share, "bridging") == 0.5)
    let coverage = try MatrixReport.compute(MatrixFixture.input, options: MatrixOptions(measure: .coverage))
    #expect(value(coverage, "wandering", "noord") == 210.0 / 1600)
    #expect(value(coverage, "wandering", "zuid") == 50.0 / 500)
    #expect(value(coverage, "value-creation", "noord") == 90.0 / 1600)
    #expect(total(coverage, "wandering") == 260.0 / 2100)
  }

  /// presence: 1 where coded; documents: wandering in noord is in a and b = 2.
  @Test func presenceAndDocuments() throws {
    let presence = try MatrixReport.compute(MatrixFixture.input, options: MatrixOptions(measure: .presence))
    #expect(presence.values == [[1, 1], [1, 1], [1, 1], [0, 0]])
    #expect(presence.rowTotals == [1, 1, 1, 0])
    let documents = try MatrixReport.compute(MatrixFixture.input, options: MatrixOptions(measure: .documents))
    #expect(value(documents, "wandering", "noord") == 2)
    #expect(value(documents, "bridging", "noord") == 1)
    #expect(documents.columnTotals == [2, 1])
  }

  /// --level 1 keeps roots; bridging rolls into value-creation.
  @Test func levelOne() throws {
    let report = try MatrixReport.compute(MatrixFixture.input, options: MatrixOptions(level: 1))
    #expect(report.codes == ["value-creation", "wandering", "postponing"])
    #expect(report.values[0] == [2, 1])
    #expect(throws: AnalysisError.self) {
      try MatrixReport.compute(MatrixFixture.input, options: MatrixOptions(level: 0))
    }
  }

  /// By phase: start = a + c, uitvoering = b. By two keys and by quarter (a 2023-Q1; b, c 2023-Q2).
  @Test func otherColumns() throws {
    let phase = try MatrixReport.compute(MatrixFixture.input, options: MatrixOptions(by: [.attribute("phase")]))
    #expect(phase.columns == ["start", "uitvoering"])
    #expect(value(phase, "bridging", "start") == 3)
    #expect(value(phase, "wandering", "uitvoering") == 2)
    let two = try MatrixReport.compute(
      MatrixFixture.input, options: MatrixOptions(by: ColumnKey.parseList("case,phase")))
    #expect(two.columns == ["noord/start", "noord/uitvoering", "zuid/start"])
    #expect(value(two, "wandering", "noord/uitvoering") == 2)
    let quarter = try MatrixReport.compute(MatrixFixture.input, options: MatrixOptions(by: [.caseName, .quarter]))
    #expect(quarter.columns == ["noord/2023-Q1", "noord/2023-Q2", "zuid/2023-Q2"])
    #expect(value(quarter, "bridging", "noord/2023-Q1") == 2)
    let kind = try MatrixReport.compute(MatrixFixture.input, options: MatrixOptions(by: [.kind]))
    #expect(kind.columns == ["interview", "minutes"])
    let year = try MatrixReport.compute(MatrixFixture.input, options: MatrixOptions(by: [.year]))
    #expect(year.columns == ["2023"])
    #expect(year.rowTotals == year.values.map { $0[0] })
  }

  @Test func unknownAttributeNamesDocumentsFile() {
    do {
      _ = try MatrixReport.compute(MatrixFixture.input, options: MatrixOptions(by: [.attribute("fase")]))
      Issue.record("expected an error")
    } catch {
      #expect(error.kind == .badData)
      #expect(error.location?.file == "documents.csv")
      #expect(error.message.contains("\"fase\""))
    }
  }

  @Test func unknownCodeNamesCodingsLine() {
    var input = MatrixFixture.input
    input.codings.append(MatrixFixture.coding("zuid/c.txt", 0, 5, "onbekend"))
    do {
      _ = try MatrixReport.compute(input)
      Issue.record("expected an error")
    } catch {
      #expect(error.location == SourceLocation(file: "codings.csv", line: 10))
      #expect(error.message.contains("onbekend"))
    }
  }

  @Test func badDateNamesDocumentsLine() {
    var input = MatrixFixture.input
    input.documents[1].date = "5 mei 2023"
    #expect(throws: AnalysisError.self) { try MatrixReport.compute(input, options: MatrixOptions(by: [.quarter])) }
    do {
      _ = try MatrixReport.compute(input, options: MatrixOptions(by: [.quarter]))
    } catch {
      #expect(error.location == SourceLocation(file: "documents.csv", line: 3))
    }
  }

  /// Without a codebook every code is a root, sorted by id; without documents.csv, words-based
  /// measures are refused.
  @Test func withoutCodebookOrDocuments() throws {
    let input = AnalysisInput(codings: MatrixFixture.codings)
    let report = try MatrixReport.compute(input)
    #expect(report.codes == ["bridging", "value-creation", "wandering"])
    #expect(report.values[1] == [1, 0])
    #expect(throws: AnalysisError.self) {
      try MatrixReport.compute(input, options: MatrixOptions(measure: .perThousandWords))
    }
    #expect(throws: AnalysisError.self) {
      try MatrixReport.compute(input, options: MatrixOptions(by: [.attribute("phase")]))
    }
  }

  /// No codings at all: rows of zeros from the codebook, columns still from documents.csv.
  @Test func noCodings() throws {
    let input = AnalysisInput(codings: [], documents: MatrixFixture.documents, codebook: MatrixFixture.codebook)
    let report = try MatrixReport.compute(input, options: MatrixOptions(measure: .share))
    #expect(report.columns == ["noord", "zuid"])
    #expect(report.values.allSatisfy { $0 == [nil, nil] })
    let counts = try MatrixReport.compute(input)
    #expect(counts.grandTotal == 0)
  }

  @Test func renderings() throws {
    let report = try MatrixReport.compute(MatrixFixture.input)
    let json = report.table().json()
    #expect(json.contains("{\"code\": \"bridging\", \"noord\": 2, \"zuid\": 1, \"total\": 3}"))
    let markdown = report.readableTable().markdown()
    #expect(markdown.contains("| · bridging (Overbruggen) | 2 | 1 | 3 |"))
    #expect(markdown.contains("| code | noord | zuid | total |\n| --- | ---: | ---: | ---: |"))
  }

  /// The first matrix (used by `kwal code`) still counts rows per code and case.
  @Test func countsOfKwalCode() {
    let matrix = CodeMatrix.counts(codings: MatrixFixture.codings, codes: ["bridging", "wandering"], cases: ["west"])
    #expect(matrix.columns == ["noord", "west", "zuid"])
    #expect(matrix.codes == ["bridging", "wandering", "value-creation"])
    #expect(matrix.values[0] == [2, 0, 1])
    #expect(matrix.rowTotals == [3, 4, 1])
  }

  /// The framework matrix takes the segments with the most matched words first.
  @Test func frameworkQuotes() throws {
    var input = MatrixFixture.input
    input.codings[2].matched = [
      MatchedWord(word: "brug", start: 61, end: 65), MatchedWord(word: "doel", start: 70, end: 74),
    ]
    input.codings[2].text = "We slaan een brug | naar het doel"
    let framework = try FrameworkMatrix.compute(input, quotes: 1)
    #expect(framework.rows == ["noord", "zuid"])
    let bridging = try #require(framework.codes.firstIndex(of: "bridging"))
    #expect(framework.cells[0][bridging].map(\.start) == [60])
    #expect(framework.counts[0][bridging] == 2)
    let markdown = framework.markdown()
    #expect(markdown.contains("“We slaan een brug \\| naar het doel” (noord/a.txt:60-100)<br>(+1 more)"))
    let html = framework.html()
    #expect(html.contains("<th>zuid</th>"))
    #expect(html.contains("“We slaan een brug | naar het doel”"))
    #expect(throws: AnalysisError.self) { try FrameworkMatrix.compute(input, quotes: 0) }
  }
}
