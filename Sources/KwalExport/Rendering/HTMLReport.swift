public import KwalAnalysis
public import KwalModel

/// What `kwal report` shows: every part computed beforehand, so rendering is a pure function.
public struct ReportContent: Sendable {
  /// The methods summary: what was coded, with what, when and how.
  public struct Methods: Sendable {
    public var kwalVersion: String
    public var codebook: String
    public var codebookVersion: String
    public var codebookHash: String
    public var documents: Int
    public var words: Int
    public var cases: [String]
    public var codings: Int
    public var suggestions: Int
    public var runs: Int
    public var date: String
    public var command: String

    public init(
      kwalVersion: String, codebook: String, codebookVersion: String, codebookHash: String, documents: Int,
      words: Int, cases: [String], codings: Int, suggestions: Int, runs: Int, date: String, command: String
    ) {
      self.kwalVersion = kwalVersion
      self.codebook = codebook
      self.codebookVersion = codebookVersion
      self.codebookHash = codebookHash
      self.documents = documents
      self.words = words
      self.cases = cases
      self.codings = codings
      self.suggestions = suggestions
      self.runs = runs
      self.date = date
      self.command = command
    }
  }

  /// One grouping of the matrix (by case, or by an attribute), in counts and per 1,000 words.
  public struct Grouping: Sendable {
    public var by: String
    public var counts: MatrixReport
    public var perThousand: MatrixReport

    public init(by: String, counts: MatrixReport, perThousand: MatrixReport) {
      self.by = by
      self.counts = counts
      self.perThousand = perThousand
    }
  }

  /// One code: its definition and its coded segments in context.
  public struct CodeSection: Sendable {
    public var id: String
    public var label: String
    public var definition: String
    public var depth: Int
    public var codings: Int
    public var suggestions: Int
    /// Keyword-in-context lines of its codings and, apart, of its suggestions (at most a few dozen).
    public var lines: [KWICLine]
    public var suggestionLines: [KWICLine]
    /// The rules (ids) behind each line of `lines`, by `document:start`.
    public var rules: [String: String]
    public var moreLines: Int

    public init(
      id: String, label: String, definition: String, depth: Int, codings: Int, suggestions: Int, lines: [KWICLine],
      suggestionLines: [KWICLine], rules: [String: String], moreLines: Int
    ) {
      self.id = id
      self.label = label
      self.definition = definition
      self.depth = depth
      self.codings = codings
      self.suggestions = suggestions
      self.lines = lines
      self.suggestionLines = suggestionLines
      self.rules = rules
      self.moreLines = moreLines
    }
  }

  /// The text of one document that no code covers.
  public struct Uncoded: Sendable {
    public var document: String
    public var caseName: String
    /// Characters of the document's sentences, and of those no coding overlaps.
    public var characters: Int
    public var uncodedCharacters: Int
    /// The first uncoded sentences: offsets and text.
    public var passages: [(start: Int, end: Int, text: String)]

    public init(
      document: String, caseName: String, characters: Int, uncodedCharacters: Int,
      passages: [(start: Int, end: Int, text: String)]
    ) {
      self.document = document
      self.caseName = caseName
      self.characters = characters
      self.uncodedCharacters = uncodedCharacters
      self.passages = passages
    }
  }

  /// A table of agreement or audit results to show as it is.
  public struct Table: Sendable {
    public var title: String
    public var header: [String]
    public var rows: [[String]]

    public init(title: String, header: [String], rows: [[String]]) {
      self.title = title
      self.header = header
      self.rows = rows
    }
  }

  public var title: String
  /// `nl` or `en`: the language of the labels and headings.
  public var language: String
  public var methods: Methods
  public var groupings: [Grouping]
  public var keyness: KeynessReport?
  public var cooccurrence: CooccurrenceReport?
  public var codes: [CodeSection]
  public var uncoded: [Uncoded]
  public var tables: [Table]
  /// Code labels by id, in the report's language.
  public var labels: [String: String]

  public init(
    title: String, language: String, methods: Methods, groupings: [Grouping], keyness: KeynessReport?,
    cooccurrence: CooccurrenceReport?, codes: [CodeSection], uncoded: [Uncoded], tables: [Table],
    labels: [String: String]
  ) {
    self.title = title
    self.language = language
    self.methods = methods
    self.groupings = groupings
    self.keyness = keyness
    self.cooccurrence = cooccurrence
    self.codes = codes
    self.uncoded = uncoded
    self.tables = tables
    self.labels = labels
  }
}

/// The report as one self-contained HTML page: inline CSS, inline SVG and a little inline
/// JavaScript (folding, switching views, sorting); nothing is loaded from elsewhere.
public enum HTMLReport {
  /// Headings and phrases in Dutch and English.
  struct Words {
    let dutch: Bool
    func callAsFunction(_ nl: String, _ en: String) -> String { dutch ? nl : en }
  }

  /// The page.
  public static func render(_ content: ReportContent) -> String {
    let say = Words(dutch: content.language == "nl")
    var html = HTMLBuilder()
    html.raw(
      "<!DOCTYPE html>\n<html lang=\"\(content.language == "nl" ? "nl" : "en")\">\n<head>\n<meta charset=\"utf-8\">\n")
    html.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
    html.raw("<meta name=\"generator\" content=\"Kwal \(escape(content.methods.kwalVersion))\">\n")
    html.raw("<title>\(escape(content.title))</title>\n<style>\n\(style)</style>\n</head>\n<body>\n")
    html.raw("<a class=\"skip\" href=\"#main\">\(say("Naar de inhoud", "Skip to content"))</a>\n")
    html.raw("<header><h1>\(escape(content.title))</h1>\n<nav aria-label=\"\(say("Onderdelen", "Sections"))\"><ul>")
    var sections: [(String, String)] = [("matrix", say("Codes per casus", "Codes by case"))]
    if content.keyness != nil {
      sections.append(("keyness", say("Wat casussen onderscheidt", "What sets cases apart")))
    }
    if content.cooccurrence != nil {
      sections.append(("cooccurrence", say("Samen voorkomende codes", "Co-occurring codes")))
    }
    sections.append(("codes", say("Codes en fragmenten", "Codes and segments")))
    sections.append(("uncoded", say("Niet-gecodeerde tekst", "Uncoded text")))
    if !content.tables.isEmpty {
      sections.append(("agreement", say("Overeenstemming en audit", "Agreement and audit")))
    }
    sections.append(("methods", say("Methode", "Methods")))
    for (id, title) in sections { html.raw("<li><a href=\"#\(id)\">\(escape(title))</a></li>") }
    html.raw("</ul></nav></header>\n<main id=\"main\">\n")
    matrixSection(content, say: say, into: &html)
    if let keyness = content.keyness { keynessSection(keyness, content: content, say: say, into: &html) }
    if let cooccurrence = content.cooccurrence {
      cooccurrenceSection(cooccurrence, content: content, say: say, into: &html)
    }
    codesSection(content, say: say, into: &html)
    uncodedSection(content, say: say, into: &html)
    if !content.tables.isEmpty {
      html.raw("<section id=\"agreement\"><h2>\(say("Overeenstemming en audit", "Agreement and audit"))</h2>\n")
      for table in content.tables { plainTable(table, into: &html) }
      html.raw("</section>\n")
    }
    methodsSection(content, say: say, into: &html)
    html.raw("</main>\n<script>\n\(script)</script>\n</body>\n</html>\n")
    return html.text
  }

  // MARK: Sections

  static func matrixSection(_ content: ReportContent, say: Words, into html: inout HTMLBuilder) {
    html.raw("<section id=\"matrix\"><h2>\(say("Codes per casus", "Codes by case"))</h2>\n")
    html.raw(
      "<p>\(say("Gecodeerde segmenten per code; een bovenliggende code telt de segmenten van haar subcodes (een segment met ouder en kind telt één keer). Klap een groep in met de knop vóór de code.", "Coded segments per code; a parent code counts the segments of its children (a segment coded with parent and child counts once). Fold a group with the button before the code."))</p>\n"
    )
    html.raw("<div class=\"controls\" role=\"group\" aria-label=\"\(say("Weergave", "View"))\">")
    html.raw("<label>\(say("Kolommen", "Columns")) <select id=\"matrix-by\">")
    for (index, grouping) in content.groupings.enumerated() {
      html.raw("<option value=\"\(index)\">\(escape(grouping.by))</option>")
    }
    html.raw("</select></label> <label>\(say("Maat", "Measure")) <select id=\"matrix-measure\">")
    html.raw("<option value=\"count\">\(say("aantal", "count"))</option>")
    html.raw(
      "<option value=\"per1000\">\(say("per 1.000 woorden", "per 1,000 words"))</option></select></label></div>\n")
    for (index, grouping) in content.groupings.enumerated() {
      for (measure, report) in [("count", grouping.counts), ("per1000", grouping.perThousand)] {
        let hidden = index == 0 && measure == "count" ? "" : " hidden"
        html.raw("<div class=\"matrix-view\" data-grouping=\"\(index)\" data-measure=\"\(measure)\"\(hidden)>\n")
        heatMap(
          report, content: content,
          caption:
            "\(grouping.by), \(measure == "count" ? say("aantal", "count") : say("per 1.000 woorden", "per 1,000 words"))",
          say: say, into: &html)
        html.raw("</div>\n")
      }
    }
    html.raw("</section>\n")
  }

  static func heatMap(
    _ report: MatrixReport, content: ReportContent, caption: String, say: Words, into html: inout HTMLBuilder
  ) {
    let maximum = report.values.flatMap { $0.compactMap { $0 } }.max() ?? 0
    html.raw("<table class=\"heat\"><caption>\(escape(caption))</caption>\n<thead><tr><th scope=\"col\">code</th>")
    for column in report.columns { html.raw("<th scope=\"col\">\(escape(column))</th>") }
    html.raw("<th scope=\"col\">\(say("totaal", "total"))</th></tr></thead>\n<tbody>\n")
    // Each row knows its ancestors, so folding a parent hides its descendants.
    var path: [String] = []
    for (row, code) in report.codes.enumerated() {
      let depth = report.depths[row]
      path = Array(path.prefix(max(0, depth - 1)))
      let hasChildren = row + 1 < report.codes.count && report.depths[row + 1] > depth
      html.raw("<tr data-code=\"\(escape(code))\" data-ancestors=\"\(escape(path.joined(separator: " ")))\">")
      html.raw("<th scope=\"row\" style=\"padding-left:\(0.4 + Double(depth - 1) * 1.2)em\">")
      if hasChildren {
        html.raw(
          "<button type=\"button\" class=\"fold\" aria-expanded=\"true\" data-fold=\"\(escape(code))\" aria-label=\"\(say("In- of uitklappen", "Fold or unfold")): \(escape(code))\">▾</button> "
        )
      }
      html.raw("<span title=\"\(escape(code))\">\(escape(content.labels[code] ?? code))</span></th>")
      for value in report.values[row] { cell(value, maximum: maximum, measure: report.measure, into: &html) }
      cell(report.rowTotals[row], maximum: nil, measure: report.measure, into: &html)
      html.raw("</tr>\n")
      path.append(code)
    }
    html.raw(
      "</tbody>\n<tfoot><tr><th scope=\"row\">\(say("totaal (segmenten met een code)", "total (segments with any code)"))</th>"
    )
    for value in report.columnTotals { cell(value, maximum: nil, measure: report.measure, into: &html) }
    cell(report.grandTotal, maximum: nil, measure: report.measure, into: &html)
    html.raw("</tr></tfoot></table>\n")
  }

  /// A cell shaded by its value (a colour-blind-safe sequential blue scale; the number is
  /// always written, so the table is the chart's text alternative).
  static func cell(_ value: Double?, maximum: Double?, measure: MatrixMeasure, into html: inout HTMLBuilder) {
    guard let value else {
      html.raw("<td class=\"na\">–</td>")
      return
    }
    let text = measure == .count ? String(Int(value.rounded())) : format(value, decimals: 2)
    guard let maximum, maximum > 0 else {
      html.raw("<td>\(text)</td>")
      return
    }
    let step = min(palette.count - 1, Int((value / maximum * Double(palette.count - 1)).rounded()))
    let dark = step >= 5
    html.raw("<td style=\"background:\(palette[step])\(dark ? ";color:#fff" : "")\">\(text)</td>")
  }

  static func keynessSection(_ keyness: KeynessReport, content: ReportContent, say: Words, into html: inout HTMLBuilder)
  {
    html.raw("<section id=\"keyness\"><h2>\(say("Wat casussen onderscheidt", "What sets cases apart"))</h2>\n")
    html.raw(
      "<p>\(say("Per casus tegen alle andere samen: log-likelihood (G²) met de log-ratio als effectgrootte; p-waarden gecorrigeerd met", "Each case against all others pooled: log-likelihood (G²) with the log ratio as effect size; p-values corrected with")) \(escape(keyness.options.correction.rawValue)) (α = \(format(keyness.options.alpha, decimals: 2)), \(keyness.testCount) \(say("toetsen", "tests")); \(say("basis", "base")): \(escape(keyness.options.base.rawValue)).</p>\n"
    )
    let significant = keyness.tests.filter(\.isSignificant).sorted {
      abs($0.logRatio ?? 0) > abs($1.logRatio ?? 0)
    }
    if significant.isEmpty {
      html.raw(
        "<p>\(say("Geen code onderscheidt een casus significant.", "No code sets a case apart significantly."))</p>\n")
    }
    html.raw(
      "<table class=\"sortable\"><caption>\(say("Significante verschillen", "Significant differences"))</caption>\n")
    html.raw(
      "<thead><tr><th scope=\"col\">\(say("casus", "case"))</th><th scope=\"col\">code</th><th scope=\"col\">\(say("aantal", "count"))</th><th scope=\"col\">\(say("verwacht", "expected"))</th><th scope=\"col\">G²</th><th scope=\"col\">log-ratio</th><th scope=\"col\">p (\(say("gecorrigeerd", "corrected")))</th></tr></thead><tbody>\n"
    )
    for test in significant {
      html.raw("<tr><td>\(escape(test.column))</td><td>\(escape(content.labels[test.code] ?? test.code))</td>")
      html.raw("<td>\(test.count)</td><td>\(format(test.expected, decimals: 1))</td>")
      html.raw("<td>\(test.g2.map { format($0, decimals: 2) } ?? "–")</td>")
      html.raw("<td>\(test.logRatio.map { format($0, decimals: 2) } ?? "–")</td>")
      html.raw("<td>\(test.adjustedPValue.map { format($0, decimals: 4) } ?? "–")</td></tr>\n")
    }
    html.raw("</tbody></table>\n</section>\n")
  }

  static func cooccurrenceSection(
    _ report: CooccurrenceReport, content: ReportContent, say: Words, into html: inout HTMLBuilder
  ) {
    html.raw("<section id=\"cooccurrence\"><h2>\(say("Samen voorkomende codes", "Co-occurring codes"))</h2>\n")
    html.raw(
      "<p>\(say("Codes die in dezelfde zin voorkomen: het aantal zinnen met beide codes en de c-coëfficiënt (n₁₂ / (n₁ + n₂ − n₁₂)).", "Codes in the same sentence: the number of sentences with both codes and the c-coefficient (n₁₂ / (n₁ + n₂ − n₁₂))."))</p>\n"
    )
    let cIndex = report.options.measures.firstIndex(of: .cCoefficient)
    // Codes that co-occur with another (at most 40, the most frequent), in tree order.
    let paired = Set(report.pairs.filter { $0.count > 0 }.flatMap { [$0.codeA, $0.codeB] })
    let frequent = Set(
      report.codes.filter { paired.contains($0.code) }.sorted { $0.count > $1.count }.prefix(40).map(\.code))
    let codes = report.codes.map(\.code).filter { frequent.contains($0) }
    let position = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
    let pairs = report.pairs.filter { position[$0.codeA] != nil && position[$0.codeB] != nil && $0.count > 0 }
    guard !codes.isEmpty else {
      html.raw(
        "<p>\(say("Geen codes komen samen in een zin voor.", "No codes occur together in a sentence."))</p>\n</section>\n"
      )
      return
    }
    // The network: nodes sized by their sentences, edges by the c-coefficient.
    let edges = pairs.map { pair in
      NetworkLayout.Edge(
        from: position[pair.codeA] ?? 0, to: position[pair.codeB] ?? 0,
        weight: cIndex.flatMap { pair.values[$0] } ?? Double(pair.count))
    }
    let points = NetworkLayout.positions(nodes: codes.count, edges: edges)
    let counts = Dictionary(uniqueKeysWithValues: report.codes.map { ($0.code, $0.count) })
    let largest = Double(counts.values.max() ?? 1)
    let strongest = edges.map(\.weight).max() ?? 1
    let size = 640.0
    html.raw(
      "<figure><svg class=\"network\" viewBox=\"0 0 \(Int(size)) \(Int(size))\" width=\"100%\" role=\"img\" aria-labelledby=\"network-title\"><title id=\"network-title\">\(say("Netwerk van samen voorkomende codes; de tabel hieronder geeft dezelfde getallen", "Network of co-occurring codes; the table below gives the same figures"))</title>\n"
    )
    for edge in edges {
      let a = points[edge.from]
      let b = points[edge.to]
      let width = 0.5 + 5 * edge.weight / max(strongest, 1e-9)
      html.raw(
        "<line x1=\"\(format(a.x * size, decimals: 1))\" y1=\"\(format(a.y * size, decimals: 1))\" x2=\"\(format(b.x * size, decimals: 1))\" y2=\"\(format(b.y * size, decimals: 1))\" stroke=\"#6b7b8c\" stroke-opacity=\"0.6\" stroke-width=\"\(format(width, decimals: 2))\"/>\n"
      )
    }
    for (index, code) in codes.enumerated() {
      let point = points[index]
      let radius = 4 + 14 * (Double(counts[code] ?? 0) / largest).squareRoot()
      html.raw(
        "<g><circle cx=\"\(format(point.x * size, decimals: 1))\" cy=\"\(format(point.y * size, decimals: 1))\" r=\"\(format(radius, decimals: 1))\" fill=\"#2166ac\" fill-opacity=\"0.85\"><title>\(escape(content.labels[code] ?? code)): \(counts[code] ?? 0)</title></circle>"
      )
      html.raw(
        "<text x=\"\(format(point.x * size + radius + 3, decimals: 1))\" y=\"\(format(point.y * size + 4, decimals: 1))\" font-size=\"12\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">\(escape(content.labels[code] ?? code))</text></g>\n"
      )
    }
    html.raw(
      "</svg><figcaption>\(say("Knopen: codes (grootte: aantal zinnen); lijnen: samen voorkomen (dikte: c-coëfficiënt).", "Nodes: codes (size: sentences); lines: co-occurrence (width: c-coefficient)."))</figcaption></figure>\n"
    )
    // The heat map of the same pairs.
    var byPair: [String: CooccurrencePair] = [:]
    for pair in pairs { byPair[pair.codeA + "\u{0}" + pair.codeB] = pair }
    let maximum = Double(pairs.map(\.count).max() ?? 1)
    html.raw(
      "<div class=\"scroll\"><table class=\"heat cooc\"><caption>\(say("Zinnen met beide codes (c-coëfficiënt)", "Sentences with both codes (c-coefficient)"))</caption><thead><tr><th scope=\"col\">code</th>"
    )
    for code in codes {
      html.raw("<th scope=\"col\" title=\"\(escape(code))\"><span>\(escape(content.labels[code] ?? code))</span></th>")
    }
    html.raw("</tr></thead><tbody>\n")
    for a in codes {
      html.raw("<tr><th scope=\"row\">\(escape(content.labels[a] ?? a))</th>")
      for b in codes {
        guard a != b, let pair = byPair[a + "\u{0}" + b] ?? byPair[b + "\u{0}" + a] else {
          html.raw(a == b ? "<td class=\"na\">·</td>" : "<td></td>")
          continue
        }
        let step = min(palette.count - 1, Int((Double(pair.count) / maximum * Double(palette.count - 1)).rounded()))
        let c = cIndex.flatMap { pair.values[$0] }.map { " (\(format($0, decimals: 2)))" } ?? ""
        html.raw(
          "<td style=\"background:\(palette[step])\(step >= 5 ? ";color:#fff" : "")\">\(pair.count)<small>\(c)</small></td>"
        )
      }
      html.raw("</tr>\n")
    }
    html.raw("</tbody></table></div>\n</section>\n")
  }

  static func codesSection(_ content: ReportContent, say: Words, into html: inout HTMLBuilder) {
    html.raw("<section id=\"codes\"><h2>\(say("Codes en fragmenten", "Codes and segments"))</h2>\n")
    html.raw(
      "<p>\(say("Per code de definitie en de gecodeerde fragmenten in hun context, met document, spreker, rol en de regel die codeerde. Suggesties van de geleerde signalen staan apart.", "Per code its definition and the coded segments in context, with document, speaker, role and the rule that coded. Suggestions of the learned cues are listed apart."))</p>\n"
    )
    for code in content.codes {
      let heading = min(6, 2 + code.depth)
      html.raw("<details id=\"code-\(escape(code.id))\" class=\"code\"\(code.depth == 1 ? " open" : "")><summary>")
      html.raw(
        "<h\(heading)>\(escape(code.label)) <code>\(escape(code.id))</code> <span class=\"count\">\(code.codings) \(say("coderingen", "codings"))\(code.suggestions > 0 ? ", \(code.suggestions) \(say("suggesties", "suggestions"))" : "")</span></h\(heading)></summary>\n"
      )
      if !code.definition.isEmpty { html.raw("<p class=\"definition\">\(escape(code.definition))</p>\n") }
      if !code.lines.isEmpty { kwicTable(code.lines, rules: code.rules, suggestion: false, say: say, into: &html) }
      if code.moreLines > 0 {
        html.raw(
          "<p class=\"more\">\(say("en nog", "and")) \(code.moreLines) \(say("fragmenten (kwal kwic geeft ze alle)", "more segments (kwal kwic lists them all)"))</p>\n"
        )
      }
      if !code.suggestionLines.isEmpty {
        html.raw(
          "<h\(min(6, heading + 1)) class=\"suggestions\">\(say("Suggesties (niet geteld; te beoordelen)", "Suggestions (not counted; to review)"))</h\(min(6, heading + 1))>\n"
        )
        kwicTable(code.suggestionLines, rules: [:], suggestion: true, say: say, into: &html)
      }
      html.raw("</details>\n")
    }
    html.raw("</section>\n")
  }

  static func kwicTable(
    _ lines: [KWICLine], rules: [String: String], suggestion: Bool, say: Words, into html: inout HTMLBuilder
  ) {
    html.raw("<table class=\"kwic\(suggestion ? " suggestion" : "")\"><thead><tr><th scope=\"col\">document</th>")
    html.raw(
      "<th scope=\"col\">\(say("spreker", "speaker"))</th><th scope=\"col\" class=\"left\">\(say("links", "left"))</th>"
    )
    html.raw("<th scope=\"col\">\(say("woord", "keyword"))</th><th scope=\"col\">\(say("rechts", "right"))</th>")
    html.raw(
      "<th scope=\"col\">\(suggestion ? say("kans", "probability") : say("regel", "rule"))</th></tr></thead><tbody>\n")
    for line in lines {
      let speaker = line.speaker.map { speaker in line.role.map { "\(speaker) (\($0.rawValue))" } ?? speaker } ?? ""
      html.raw("<tr><td>\(escape(line.document)):\(line.start)</td><td>\(escape(speaker))</td>")
      html.raw("<td class=\"left\">\(escape(line.left))</td><td class=\"keyword\">\(escape(line.keyword))</td>")
      html.raw("<td>\(escape(line.right))</td>")
      if suggestion {
        html.raw("<td>\(line.suggestion.map { format($0, decimals: 2) } ?? "")</td></tr>\n")
      } else {
        html.raw("<td><code>\(escape(rules["\(line.document):\(line.start)"] ?? ""))</code></td></tr>\n")
      }
    }
    html.raw("</tbody></table>\n")
  }

  static func uncodedSection(_ content: ReportContent, say: Words, into html: inout HTMLBuilder) {
    html.raw("<section id=\"uncoded\"><h2>\(say("Niet-gecodeerde tekst", "Uncoded text"))</h2>\n")
    html.raw(
      "<p>\(say("Per document het deel van de zinnen dat geen code heeft, en de eerste van die zinnen: om inductief verder te coderen en te zien wat de regels missen.", "Per document the share of its sentences that no code covers, and the first of those sentences: for inductive coding, and to see what the rules miss."))</p>\n"
    )
    html.raw(
      "<table class=\"sortable\"><thead><tr><th scope=\"col\">document</th><th scope=\"col\">\(say("casus", "case"))</th><th scope=\"col\">\(say("ongecodeerd", "uncoded"))</th></tr></thead><tbody>\n"
    )
    for document in content.uncoded {
      let share = document.characters > 0 ? Double(document.uncodedCharacters) / Double(document.characters) : 0
      html.raw(
        "<tr><td><a href=\"#uncoded-\(escape(slug(document.document)))\">\(escape(document.document))</a></td><td>\(escape(document.caseName))</td><td data-value=\"\(format(share, decimals: 4))\">\(format(share * 100, decimals: 0))%</td></tr>\n"
      )
    }
    html.raw("</tbody></table>\n")
    for document in content.uncoded where !document.passages.isEmpty {
      html.raw(
        "<details id=\"uncoded-\(escape(slug(document.document)))\"><summary>\(escape(document.document))</summary><ul class=\"passages\">\n"
      )
      for passage in document.passages {
        html.raw("<li><span class=\"at\">\(passage.start)–\(passage.end)</span> \(escape(passage.text))</li>\n")
      }
      html.raw("</ul></details>\n")
    }
    html.raw("</section>\n")
  }

  static func methodsSection(_ content: ReportContent, say: Words, into html: inout HTMLBuilder) {
    let methods = content.methods
    html.raw("<section id=\"methods\"><h2>\(say("Methode", "Methods"))</h2>\n<p class=\"cite\">")
    html.raw(
      escape(
        say(
          "\(methods.documents) documenten (\(methods.words) woorden) in \(methods.cases.count) casussen (\(methods.cases.joined(separator: ", "))) zijn met Kwal \(methods.kwalVersion) gecodeerd met het codeboek \(methods.codebook) versie \(methods.codebookVersion) (inhoudshash \(methods.codebookHash)): \(methods.codings) coderingen door regels\(methods.suggestions > 0 ? " en \(methods.suggestions) suggesties van geleerde signalen, apart gehouden" : ""). Rapport gemaakt op \(methods.date).",
          "\(methods.documents) documents (\(methods.words) words) in \(methods.cases.count) cases (\(methods.cases.joined(separator: ", "))) were coded with Kwal \(methods.kwalVersion) using the codebook \(methods.codebook) version \(methods.codebookVersion) (content hash \(methods.codebookHash)): \(methods.codings) codings by rules\(methods.suggestions > 0 ? " and \(methods.suggestions) suggestions of learned cues, kept apart" : ""). Report made on \(methods.date)."
        )))
    html.raw("</p>\n<dl>")
    let items: [(String, String)] = [
      ("Kwal", methods.kwalVersion), (say("codeboek", "codebook"), "\(methods.codebook) \(methods.codebookVersion)"),
      (say("codeboekhash", "codebook hash"), methods.codebookHash),
      (say("runs van de map", "runs of the folder"), String(methods.runs)),
      (say("datum", "date"), methods.date), (say("opdracht", "command"), methods.command),
    ]
    for (term, value) in items { html.raw("<dt>\(escape(term))</dt><dd><code>\(escape(value))</code></dd>") }
    html.raw("</dl>\n</section>\n")
  }

  static func plainTable(_ table: ReportContent.Table, into html: inout HTMLBuilder) {
    html.raw("<table class=\"sortable\"><caption>\(escape(table.title))</caption><thead><tr>")
    for column in table.header { html.raw("<th scope=\"col\">\(escape(column))</th>") }
    html.raw("</tr></thead><tbody>\n")
    for row in table.rows {
      html.raw("<tr>" + row.map { "<td>\(escape($0))</td>" }.joined() + "</tr>\n")
    }
    html.raw("</tbody></table>\n")
  }

  // MARK: Helpers

  /// A sequential blue scale that reads in colour-blind vision and in grey print (ColorBrewer Blues).
  static let palette = [
    "#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b",
  ]

  static func escape(_ text: String) -> String { TableEscaping.html(text) }

  static func slug(_ text: String) -> String {
    String(text.unicodeScalars.map { ($0.properties.isAlphabetic || ("0"..."9").contains($0)) ? Character($0) : "-" })
  }

  /// A number with a fixed count of decimals, the same on every machine.
  static func format(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return "–" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    let whole = Int(scaled / scale)
    let fraction = Int(scaled) - whole * Int(scale)
    let sign = value < 0 && scaled > 0 ? "-" : ""
    guard decimals > 0 else { return sign + String(whole) }
    let digits = String(fraction)
    return sign + String(whole) + "." + String(repeating: "0", count: decimals - digits.count) + digits
  }

  static let style = """
    :root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --accent: #08519c; }
    body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1200px; padding: 0 1.2em 3em; }
    .skip { position: absolute; left: -999px; } .skip:focus { left: 1em; top: 1em; background: #fff; padding: .3em; }
    header nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4em 1.2em; }
    a { color: var(--accent); } a:focus, button:focus, select:focus, summary:focus { outline: 3px solid #f2a900; outline-offset: 1px; }
    section { margin-top: 2.2em; border-top: 1px solid var(--line); }
    table { border-collapse: collapse; margin: .8em 0; font-size: 13px; }
    caption { text-align: left; font-weight: 600; padding: .3em 0; }
    th, td { border: 1px solid var(--line); padding: .25em .5em; text-align: right; vertical-align: top; }
    th[scope=row], td.left, .kwic td:nth-child(-n+2), table.sortable td:nth-child(-n+2) { text-align: left; }
    .kwic td:nth-child(3) { text-align: right; } .kwic td:nth-child(5) { text-align: left; }
    .kwic td.keyword { text-align: center; font-weight: 700; background: #fff4cc; }
    .kwic.suggestion td.keyword { background: #e8e2f4; }
    td.na { color: var(--muted); }
    .fold { font: inherit; border: 1px solid var(--line); background: #fff; border-radius: 3px; cursor: pointer; padding: 0 .3em; }
    .controls { display: flex; gap: 1.5em; margin: .5em 0; }
    .scroll { overflow-x: auto; } .cooc th[scope=col] span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; }
    .cooc small { color: inherit; opacity: .8; margin-left: .2em; }
    svg.network { max-width: 720px; border: 1px solid var(--line); background: #fff; }
    details.code { margin: .6em 0; } details.code summary h3, details.code summary h4, details.code summary h5, details.code summary h6 { display: inline; font-size: 1em; }
    .count { color: var(--muted); font-weight: normal; } .definition { max-width: 60em; color: var(--muted); }
    .passages .at { color: var(--muted); font-size: 12px; margin-right: .4em; }
    .cite { max-width: 60em; background: #f6f8fa; padding: .8em; border-left: 4px solid var(--accent); }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; } dd { margin: 0; }
    @media print { .controls, .fold, .skip, header nav { display: none; } details { display: block; } section { break-inside: avoid-page; } }

    """

  static let script = """
    (function () {
      "use strict";
      var by = document.getElementById("matrix-by"), measure = document.getElementById("matrix-measure");
      function showMatrix() {
        document.querySelectorAll(".matrix-view").forEach(function (view) {
          view.hidden = !(view.dataset.grouping === by.value && view.dataset.measure === measure.value);
        });
      }
      if (by && measure) { by.addEventListener("change", showMatrix); measure.addEventListener("change", showMatrix); }
      document.querySelectorAll("button.fold").forEach(function (button) {
        button.addEventListener("click", function () {
          var open = button.getAttribute("aria-expanded") !== "true";
          button.setAttribute("aria-expanded", open ? "true" : "false");
          button.textContent = open ? "\\u25BE" : "\\u25B8";
          var code = button.dataset.fold, table = button.closest("table");
          table.querySelectorAll("tbody tr").forEach(function (row) {
            var ancestors = (row.dataset.ancestors || "").split(" ");
            if (ancestors.indexOf(code) >= 0) { row.hidden = !open; }
          });
        });
      });
      document.querySelectorAll("table.sortable thead th").forEach(function (header, column) {
        header.tabIndex = 0;
        header.setAttribute("aria-sort", "none");
        function sort() {
          var table = header.closest("table"), body = table.tBodies[0];
          var ascending = header.getAttribute("aria-sort") !== "ascending";
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = a.cells[column].dataset.value || a.cells[column].textContent;
            var y = b.cells[column].dataset.value || b.cells[column].textContent;
            var nx = parseFloat(x), ny = parseFloat(y);
            var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
            return ascending ? order : -order;
          });
          rows.forEach(function (row) { body.appendChild(row); });
          table.querySelectorAll("thead th").forEach(function (other) { other.setAttribute("aria-sort", "none"); });
          header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        }
        header.addEventListener("click", sort);
        header.addEventListener("keydown", function (event) { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); } });
      });
    })();

    """
}

/// Appends HTML text; escaping is the caller's (`HTMLReport.escape`).
struct HTMLBuilder {
  private(set) var text = ""

  mutating func raw(_ part: String) { text += part }
}
