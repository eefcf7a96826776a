import Foundation
import KwalModel
import KwalTestSupport
import Testing

@testable import KwalIngest

/// PDF files made in the test (``MiniPDF``) or kept in `Fixtures/` (see `Fixtures/SOURCES.md`).
@Suite("PDF")
struct PDFTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

  static func read(_ pdf: MiniPDF, id: String = "verslag.pdf") throws -> (document: Document, diagnostics: [Diagnostic])
  {
    try Corpus.document(id: id, data: pdf.data)
  }

  /// The error reading `data` as `verslag.pdf` gives, as the user sees it.
  static func failure(_ data: Data, limits: PDFReader.Limits? = nil) -> IngestError? {
    do {
      if let limits {
        _ = try PDFReader.read(data, file: "verslag.pdf", forcedKind: nil, limits: limits)
      } else {
        _ = try Corpus.document(id: "verslag.pdf", data: data)
      }
      return nil
    } catch {
      return error
    }
  }

  static let twoPages = MiniPDF(pages: [
    [
      .large("Verslag bewonersavond Lindehof", size: 16), .gap,
      .line("De bewoners van de Lindehof kwamen op dinsdagavond bijeen in het buurthuis aan de"),
      .line("Kerkstraat om te praten over de plannen voor het nieuwe plein."),
    ],
    [.line("Op de tweede pagina staat de conclusie van de avond: het plein krijgt meer groen.")],
  ])

  @Test func pagesBecomePageSegmentsWithTheirNumbers() throws {
    let (document, diagnostics) = try Self.read(Self.twoPages)
    checkInvariants(document)
    #expect(diagnostics.isEmpty)
    let pages = document.segments(.page)
    #expect(pages.map { $0.metadata["number"] } == ["1", "2"])
    #expect(document.text(of: pages[0]).hasPrefix("Verslag bewonersavond Lindehof\n\nDe bewoners van de Lindehof"))
    #expect(document.text(of: pages[0]).hasSuffix("over de plannen voor het nieuwe plein."))
    #expect(
      document.text(of: pages[1]) == "Op de tweede pagina staat de conclusie van de avond: het plein krijgt meer groen."
    )
    // The two lines of the first paragraph are one paragraph, joined with a space.
    #expect(
      document.texts(.paragraph).first
        == "De bewoners van de Lindehof kwamen op dinsdagavond bijeen in het buurthuis aan de Kerkstraat om te praten over de plannen voor het nieuwe plein."
    )
    #expect(document.texts(.heading) == ["Verslag bewonersavond Lindehof"])
    #expect(document.title == "Verslag bewonersavond Lindehof")
    #expect(document.kind == .document)
    // Pages are containers: the page comes before the first block on it.
    let firstPage = try #require(document.segments.firstIndex { $0.kind == .page })
    #expect(firstPage == 0)
    #expect(!SegmentKind.page.isBlock)
  }

  @Test func repeatedHeadersFootersAndPageNumbersAreDropped() throws {
    let header = MiniPDF.Item.header("Gemeente Lindehof - verslag bewonersavond 2024")
    let pdf = MiniPDF(pages: [
      [
        header, .line("Op de eerste avond spraken de bewoners over het plein, de speelplaats en de bomen"),
        .line("langs de Kerkstraat. Daarna vertelde de wethouder wat de gemeente wil en de bewoners van"),
        .footer("Pagina 1 van 3"),
      ],
      [
        header, .line("de wijk vroegen om meer groen en een veilige oversteek bij de school aan de Dorpsweg."),
        .footer("Pagina 2 van 3"),
      ],
      [header, .line("Tot slot werd de datum van de volgende avond vastgesteld."), .footer("Pagina 3 van 3")],
    ])
    let (document, _) = try Self.read(pdf)
    checkInvariants(document)
    #expect(!document.text.contains("Gemeente Lindehof - verslag"))
    #expect(!document.text.contains("Pagina"))
    // The paragraph runs on across the page break.
    #expect(document.text.contains("en de bewoners van de wijk vroegen om meer groen"))
    #expect(document.segments(.page).count == 3)
    #expect(document.texts(.page)[2] == "Tot slot werd de datum van de volgende avond vastgesteld.")
  }

  @Test func bodyLinesThatRepeatAtPageTopsAreKept() throws {
    // The same field line opens every page, but it is body text: no gap under it, not set smaller.
    let page: [MiniPDF.Item] = [
      .line("Datum: 14 maart 2024"),
      .line("De werkgroep bespreekt de voortgang van het project en de planning voor het komende jaar."),
    ]
    let (document, _) = try Self.read(MiniPDF(pages: [page, page, page]))
    #expect(document.text.components(separatedBy: "Datum: 14 maart 2024").count == 4)
  }

  @Test func hyphenationAtLineEndsIsRepaired() throws {
    let pdf = MiniPDF(pages: [
      [
        .line("In de gemeente is de samen-"),
        .line("werking tussen de wijkteams en de bewoners uit Noord-"),
        .line("Holland sterk verbeterd, zegt de wethouder, ook in de portfolio-"),
        .line("ontwikkeling en in het zorg-"),
        .line("en welzijnsbeleid van de regio."),
      ]
    ])
    let (document, _) = try Self.read(pdf)
    #expect(
      document.text
        == "In de gemeente is de samenwerking tussen de wijkteams en de bewoners uit Noord-Holland sterk verbeterd, zegt de wethouder, ook in de portfolio-ontwikkeling en in het zorg- en welzijnsbeleid van de regio."
    )
  }

  static let minutes = MiniPDF(pages: [
    [
      .large("Notulen stuurgroep Lindehof", size: 16), .gap,
      .line("Datum: 14 maart 2024"),
      .line("Aanwezig: Jan de Vries (voorzitter), Ans Smit, Piet Bos"), .gap,
      .bold("1. Opening"),
      .line("De voorzitter opent de vergadering om 19.30 uur en heet iedereen van harte welkom."), .gap,
      .bold("2. Begroting 2025"),
      .line("De penningmeester licht de begroting toe. Er zijn vragen over de kosten van het"),
      .line("nieuwe plein en over de bijdrage van de gemeente."),
      .line("Besluit: de begroting 2025 wordt vastgesteld."), .gap,
      .bold("3. Rondvraag"),
      .line("Er zijn geen vragen. De voorzitter sluit de vergadering."),
    ]
  ])

  @Test func minutesInPDFAreRecognisedLikeText() throws {
    let (document, _) = try Self.read(Self.minutes)
    checkInvariants(document)
    #expect(document.kind == .minutes)
    #expect(document.title == "Notulen stuurgroep Lindehof")
    #expect(document.date == "2024-03-14")
    #expect(document.segments(.agendaItem).map { $0.metadata["number"] } == ["1", "2", "3"])
    #expect(document.segments(.header).compactMap { $0.metadata["field"] } == ["datum", "aanwezig"])
    #expect(document.texts(.decision) == ["de begroting 2025 wordt vastgesteld."])
    #expect(
      document.text.contains(
        "Er zijn vragen over de kosten van het nieuwe plein en over de bijdrage van de gemeente.\n\nBesluit:"))
    #expect(document.segments(.page).count == 1)
  }

  @Test func theMetadataTitleIsUsedWhenTheTextBearsItOut() throws {
    var pdf = Self.twoPages
    pdf.title = "Verslag bewonersavond Lindehof (definitief)"
    let (stale, staleNotes) = try Self.read(pdf)
    #expect(stale.title == "Verslag bewonersavond Lindehof")
    #expect(staleNotes.map(\.message).contains { $0.hasPrefix("the PDF's metadata title") })
    pdf.title = "verslag BEWONERSAVOND  Lindehof"
    #expect(try Self.read(pdf).document.title == "verslag BEWONERSAVOND  Lindehof")
    pdf.title = "Microsoft Word - bewonersavond.docx"
    #expect(try Self.read(pdf).document.title == "Verslag bewonersavond Lindehof")
  }

  // MARK: - Tables

  // A council's decision list set as a table (letters, titles, outcomes in three columns), as a
  // word processor writes it, row by row or column by column: each row is a paragraph of its own
  // with its cells in order; lettered rows are the agenda's items, rows with an outcome decisions.
  @Test(arguments: [false, true])
  func aDecisionListSetAsATableKeepsItsRows(byColumn: Bool) throws {
    let rows = [
      ["A", "Vaststelling agenda", "Conform"],
      ["B", "Vaststelling van de besluitenlijst", "Conform"],
      ["C", "Voorstel inzake de begroting", "Aangenomen"],
      ["C.1", "Motie Groen in de wijk", "Verworpen"],
      ["D", "Voorstel inzake het parkeerbeleid", "Aangenomen"],
    ]
    let pdf = MiniPDF(pages: [
      [
        .large("Besluitenlijst", size: 16), .gap, .line("Raad, vergadering van 3 april 2025"), .gap,
        .table(rows, columns: [72, 110, 470], byColumn: byColumn),
      ]
    ])
    let (document, _) = try ingest("besluitenlijst.pdf", data: pdf.data)
    #expect(document.kind == .minutes)
    let paragraphs = document.text.split(separator: "\n").map(String.init)
    for row in rows { #expect(paragraphs.contains(row.joined(separator: " ")), "\(row)") }
    #expect(document.segments(.agendaItem).count == 4)
    #expect(document.segments(.decision).map { document.text(of: $0) } == ["C.1 Motie Groen in de wijk Verworpen"])
  }

  // A look-alike of a table: a list of short items beside a column of prose stays a list.
  @Test func aListBesideProseAndFootersBesideATableStayWhatTheyAre() throws {
    let beside = [
      ["- groen", "De kosten worden gedragen door de gemeente en de provincie"],
      ["- spelen", "samen met de woningcorporaties en het waterschap, zoals"],
      ["- verkeer", "afgesproken in het convenant van vorig jaar over de wijk."],
    ]
    let page: [MiniPDF.Item] = [
      .large("Verslag wijkoverleg", size: 16), .gap, .table(beside, columns: [72, 300], byColumn: true),
    ]
    let (document, _) = try ingest("wijk.pdf", data: MiniPDF(pages: [page, page, page]).data)
    let paragraphs = document.text.split(separator: "\n").map(String.init)
    #expect(paragraphs.contains("- groen"))
    #expect(!paragraphs.contains { $0.hasPrefix("- groen De kosten") })
  }

  // MARK: - Errors

  @Test func anEncryptedPDFIsOneLocatedError() throws {
    let data = try Data(contentsOf: Self.fixtures.appendingPathComponent("encrypted.pdf"))
    let error = try #require(Self.failure(data))
    #expect(error.kind == .badData)
    #expect(error.description == "verslag.pdf: error: encrypted PDF: cannot read it without its password")
  }

  /// poppler-glib's compiler flags, when its headers and pkg-config are installed.
  static let popplerFlags: String? = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["pkg-config", "--cflags", "poppler-glib"]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = Pipe()
    guard (try? process.run()) != nil else { return nil }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }()

  // CPoppler.h declares poppler-glib's and GLib's structures by hand (poppler is loaded at run
  // time): compiled against the real headers, every size and offset must agree.
  @Test(
    .enabled(if: popplerFlags != nil, "poppler-glib's headers are not installed (apt-get install libpoppler-glib-dev)"))
  func theStructuresDeclaredByHandArePopplersOwn() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let source = Self.fixtures.appendingPathComponent("poppler-layout.c")
    let include = root.appendingPathComponent("Sources/CPoppler/include")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    let flags = (Self.popplerFlags ?? "").split(separator: " ").map(String.init)
    process.arguments = ["cc", "-fsyntax-only"] + flags + ["-I", include.path, source.path]
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(message)")
  }

  static let qpdf: String? = ["/usr/bin/qpdf", "/usr/local/bin/qpdf"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  @Test(.enabled(if: qpdf != nil, "qpdf is not installed (apt-get install qpdf)"))
  func aPDFEncryptedByQpdfIsOneLocatedError() throws {
    let folder = try Scratch.folder("kwal-pdf")
    let plain = folder.appendingPathComponent("plain.pdf")
    let locked = folder.appendingPathComponent("locked.pdf")
    try Self.minutes.data.write(to: plain)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.qpdf ?? "qpdf")
    process.arguments = ["--encrypt", "geheim", "eigenaar", "128", "--use-aes=y", "--", plain.path, locked.path]
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let error = try #require(Self.failure(try Data(contentsOf: locked)))
    #expect(error.message == "encrypted PDF: cannot read it without its password")
  }

  @Test func aTruncatedPDFIsNotReadable() throws {
    let data = Self.minutes.data
    for length in [data.count / 2, 200, 10] {
      let error = try #require(Self.failure(data.prefix(length)))
      #expect(error.description.hasPrefix("verslag.pdf: error: not a readable PDF: "), "\(length) bytes")
    }
    #expect(Self.failure(Data("dit is geen pdf".utf8))?.message == "not a readable PDF: PDF document is damaged")
    #expect(Self.failure(Data())?.message == "not a readable PDF: the file is empty")
  }

  @Test func aPDFWithoutTextAsksForOCR() throws {
    let empty = MiniPDF(pages: [[], []])
    #expect(Self.failure(empty.data)?.description == "verslag.pdf: error: no text layer: scanned? run OCR first")
    // One page without text among others is a warning, not an error.
    let (document, diagnostics) = try Self.read(MiniPDF(pages: [Self.twoPages.pages[0], []]))
    #expect(document.segments(.page).count == 1)
    #expect(
      diagnostics.map(\.description) == [
        "verslag.pdf: warning: page 2 of 2 has no text layer (scanned? run OCR first); its text is missing"
      ])
  }

  @Test func pageSizeAndTimeLimitsAreErrors() throws {
    #expect(PDFReader.maximumPages == 2000)
    #expect(PDFReader.timeBudget == .seconds(60))
    let data = Self.twoPages.data
    #expect(
      Self.failure(data, limits: PDFReader.Limits(pages: 1))?.message == "PDF has 2 pages; Kwal reads at most 1")
    #expect(
      Self.failure(Data(count: 2 << 20) + data, limits: PDFReader.Limits(bytes: 1 << 20))?.message
        == "file too large (2 MiB; Kwal reads files up to 1 MiB)")
    let slow = try #require(Self.failure(data, limits: PDFReader.Limits(time: .zero)))
    #expect(slow.message.hasPrefix("PDF extraction stopped after 0 s at page 1 of 2"))
    #expect(Self.failure(data) == nil)
  }

  @Test func aBadPDFDoesNotStopTheCorpus() throws {
    let folder = try Scratch.folder("kwal-pdf-corpus")
    try Self.minutes.data.write(to: folder.appendingPathComponent("notulen.pdf"))
    try Self.minutes.data.prefix(300).write(to: folder.appendingPathComponent("kapot.pdf"))
    try Data("I: Hoe gaat het?\nR: Goed.\n".utf8).write(to: folder.appendingPathComponent("interview.txt"))
    let corpus = try Corpus.open(folder)
    #expect(corpus.entries.map(\.id) == ["interview.txt", "kapot.pdf", "notulen.pdf"])
    var read: [String] = []
    var failed: [String] = []
    for entry in corpus.entries {
      do {
        read.append(try corpus.document(entry).document.id)
      } catch {
        failed.append(error.description)
      }
    }
    #expect(read == ["interview.txt", "notulen.pdf"])
    #expect(failed.count == 1 && failed[0].hasPrefix("kapot.pdf: error: not a readable PDF: "))
  }

  // MARK: - A real PDF

  /// Den Helder's council decisions of 29 June 2015 (MIT, see Fixtures/SOURCES.md): Word 2007
  /// through a PDF converter, four pages, a metadata title left over from a 2008 template.
  @Test func denHelderDecisionList() throws {
    let data = try Data(contentsOf: Self.fixtures.appendingPathComponent("denhelder_besluitenlijst_2015-06-29.pdf"))
    let (document, diagnostics) = try Corpus.document(id: "besluitenlijst.pdf", data: data)
    checkInvariants(document)
    #expect(document.segments(.page).map { $0.metadata["number"] } == ["1", "2", "3", "4"])
    #expect(document.title == "Besluitenlijst raadsvergadering 29 juni 2015 aanvang 17.00 uur")
    #expect(
      diagnostics.map(\.message) == [
        "the PDF's metadata title \"Aandachtspuntenlijst raadsvergadering 3 november 2008\" does not occur in its text; the title is taken from the text"
      ])
    // Each agenda item is a paragraph of its own, and the text under it is joined into paragraphs.
    let paragraphs = document.text.components(separatedBy: "\n\n")
    for number in 1...17 {
      #expect(paragraphs.contains { $0.hasPrefix("\(number). ") }, "agenda item \(number)")
    }
    #expect(
      paragraphs.contains(
        "De heer E.M. Krijns deelt als voorzitter van de vertrouwenscommissie mee dat de raad heeft besloten de heer K.F. Schuiling aan te bevelen voor herbenoeming."
      ))
    // A short line ending in a colon runs on into a line that starts in lower case.
    #expect(
      paragraphs.contains("De raad besluit unaniem: vast te stellen de “Verordening op de kamerverhuurpanden 2015”."))
    // "Noord-" / "Holland" at a line end keeps its hyphen; a bound "1 mei" stays in its sentence.
    #expect(document.text.contains("Veiligheidsregio Noord-Holland Noord"))
    #expect(document.text.contains("versie 1 mei 2015, kenmerk 15985-AB"))
    #expect(!document.text.contains("\n\n1 mei"))
  }
}

@Suite("PDF layout")
struct PDFLayoutTests {
  @Test(arguments: [
    ("1. Opening", true), ("12) Rondvraag", true), ("3.1 Financiën", true), ("4 Introductie", true),
    ("- punt", true), ("• punt", true), ("-Ondersteunen NL API Strategie", true), ("a) eerste", true),
    ("Besluit: akkoord", true), ("BESLUIT: Om mee te nemen", true), ("Aanwezig:", true), ("R2: Nou ja.", true),
    ("Jan de Vries: Dat klopt.", true), ("Besloten wordt de begroting vast te stellen.", true),
    ("[00:12:33] I: Hoe was het?", true),
    ("1 mei 2015, kenmerk 15985-AB", false), ("2015 was een goed jaar.", false), ("werking tussen de teams", false),
    ("Kortom: het werkt.", false), ("De raad besluit unaniem:", false), ("10:30 begint de vergadering", false),
  ])
  func linesThatStartABlock(line: String, starts: Bool) {
    #expect(PDFLayout.startsStructure(line) == starts)
  }

  @Test(arguments: [
    ("de samen-", "werking", PDFLayout.Join.dropHyphen), ("uit Noord-", "Holland", .keepHyphen),
    ("het zorg-", "en welzijn", .space), ("de portfolio-", "ontwikkeling", .keepHyphen),
    ("alle partij-", "en samen", .dropHyphen), ("onderwijs-", "of zorginstelling", .space),
    ("zie https://www.forum-", "standaardisatie.nl", .keepHyphen), ("de jaren 2017-", "2019", .keepHyphen),
  ])
  func hyphensAtLineEnds(previous: String, next: String, join: PDFLayout.Join) {
    #expect(PDFLayout.hyphenJoin(previous, next) == join)
  }

  @Test func noHyphenJoinWithoutAWordBeforeTheHyphen() {
    #expect(PDFLayout.hyphenJoin("1998 -", "2002") == nil)
    #expect(PDFLayout.hyphenJoin("geen streepje", "hier") == nil)
  }

  @Test func cleaningSpellsOutLigaturesAndBullets() {
    let line = PDFLine(text: "\u{F0B7}\t e\u{FB03}ciënt  pro\u{FB01}el\u{00A0}", left: 1, top: 1, right: 2, bottom: 2)
    #expect(PDFLayout.clean(line)?.text == "• efficiënt profiel")
    #expect(PDFLayout.clean(PDFLine(text: " \t ")) == nil)
    #expect(PDFLayout.clean(PDFLine(text: "ge\u{00AD}meen\u{00AD}")).map(\.text) == "gemeen-")
  }

  @Test func pageNumbersAndRunningKeys() {
    #expect(PDFLayout.runningKey("Pagina 12 van 40") == "pagina # van #")
    for line in ["3", "- 3 -", "3/12", "Pagina 3 van 12", "Page 3 of 12", "blz. 3"] {
      #expect(PDFLayout.isPageNumber(PDFLayout.runningKey(line)), "\(line)")
    }
    #expect(!PDFLayout.isPageNumber(PDFLayout.runningKey("3. Rondvraag")))
  }

  @Test func aBulletOnALineOfItsOwnGoesBeforeTheTextBesideIt() {
    let lines = [
      PDFLine(text: "•", left: 100, top: 100, right: 104, bottom: 110),
      PDFLine(text: "•", left: 100, top: 124, right: 104, bottom: 134),
      PDFLine(text: "Eerste punt", left: 118, top: 100, right: 200, bottom: 110),
      PDFLine(text: "loopt door", left: 118, top: 112, right: 180, bottom: 122),
      PDFLine(text: "Tweede punt", left: 118, top: 124, right: 200, bottom: 134),
    ]
    #expect(PDFLayout.mergeMarkers(lines).map(\.text) == ["• Eerste punt", "loopt door", "• Tweede punt"])
  }

  // A council's minutes set each item's number in a column of its own, left of the title: the
  // number goes before the title, and the line is an agenda item; a number beside text close to it
  // (a table's cell) or beside a lowercase word stays where it was.
  @Test func aNumberInAColumnOfItsOwnNumbersTheItemBesideIt() throws {
    let lines = [
      PDFLine(text: "Bestuursondersteuning", left: 70, top: 60, right: 200, bottom: 74, size: 12),
      PDFLine(text: "1", left: 70, top: 90, right: 75, bottom: 104, size: 12),
      PDFLine(
        text: "Klacht bij het Agentschap - Kennisneming", left: 113, top: 90, right: 400, bottom: 104, size: 12,
        bold: true),
      PDFLine(
        text: "De gemeenteraad neemt kennis van de klacht.", left: 70, top: 140, right: 400, bottom: 154, size: 12),
      PDFLine(text: "2", left: 70, top: 190, right: 75, bottom: 204, size: 12),
      PDFLine(
        text: "Brabanthal - Statuten - Goedkeuring", left: 113, top: 190, right: 400, bottom: 204, size: 12, bold: true),
      PDFLine(text: "3", left: 70, top: 210, right: 75, bottom: 224, size: 12),
      PDFLine(text: "Jansen", left: 82, top: 210, right: 120, bottom: 224, size: 12),
      PDFLine(text: "4", left: 70, top: 250, right: 75, bottom: 264, size: 12),
      PDFLine(text: "en verder", left: 113, top: 250, right: 200, bottom: 264, size: 12),
    ]
    #expect(
      PDFLayout.mergeMarkers(lines).map(\.text) == [
        "Bestuursondersteuning", "1 Klacht bij het Agentschap - Kennisneming",
        "De gemeenteraad neemt kennis van de klacht.", "2 Brabanthal - Statuten - Goedkeuring", "3", "Jansen", "4",
        "en verder",
      ])
    let layout = PDFLayout.assemble([PDFPage(number: 1, width: 595, height: 842, lines: Array(lines.prefix(6)))])
    #expect(layout.text.contains("\n\n1 Klacht bij het Agentschap - Kennisneming\n\n"))
    #expect(layout.numberedColumns.count == 2)
    let extracted = PlainTextReader.analyse(
      "Notulen van de gemeenteraad van 17 november 2025\n\nAanwezig: de raadsleden\n\n" + layout.text,
      markdown: false, forcedKind: nil,
      layoutItems: Set(
        layout.numberedColumns.map {
          $0 + "Notulen van de gemeenteraad van 17 november 2025\n\nAanwezig: de raadsleden\n\n".utf8.count
        }))
    let items = extracted.segments.filter { $0.kind == .agendaItem }
    #expect(items.count == 2 && items.allSatisfy { $0.metadata["number"] != nil })
  }
}
