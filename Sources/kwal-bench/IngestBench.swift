import Foundation
import KwalIngest
import KwalModel

/// `kwal-bench ingest html DATA [--peer NAME=DIR[:SECONDS]]...`: extracts the main text of every
/// page of `html-extraction/` with Kwal (one core), scores it and every peer's saved texts with the
/// same scorer, and prints a Markdown table.
/// `kwal-bench ingest dump DATA OUT`: writes Kwal's extracted text of every page to OUT/NAME.txt.
/// `kwal-bench ingest text [MB]`: plain-text ingestion speed on a generated Dutch transcript.
enum IngestBench {
  static func run(_ arguments: [String]) -> Int32 {
    guard let command = arguments.first else { return usage() }
    switch command {
    case "html" where arguments.count >= 2:
      return html(data: arguments[1], peers: Array(arguments.dropFirst(2)))
    case "dump" where arguments.count >= 3:
      return dump(data: arguments[1], out: arguments[2])
    case "text":
      return text(megabytes: arguments.count > 1 ? Int(arguments[1]) ?? 64 : 64, files: Array(arguments.dropFirst(2)))
    default:
      return usage()
    }
  }

  static func usage() -> Int32 {
    print("usage: kwal-bench ingest html DATA [--peer NAME=DIR:SECONDS]... | dump DATA OUT | text [MB]")
    return 64
  }

  struct Page {
    var name: String
    var file: String
    var html: Data
    var goldKind: String
    var gold: String
    var with: [String]
    var without: [String]
  }

  static func pages(_ root: String) -> [Page]? {
    let rootURL = URL(fileURLWithPath: root)
    guard let data = try? Data(contentsOf: rootURL.appendingPathComponent("manifest.json")),
      let manifest = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
    else { return nil }
    var result: [Page] = []
    for row in manifest {
      guard let file = row["file"] as? String, let goldFile = row["gold"] as? String,
        let kind = row["gold_kind"] as? String,
        let html = try? Data(contentsOf: rootURL.appendingPathComponent(file)),
        let goldData = try? Data(contentsOf: rootURL.appendingPathComponent(goldFile))
      else { continue }
      var page = Page(
        name: (file as NSString).lastPathComponent.replacingOccurrences(of: ".html", with: ""), file: file, html: html,
        goldKind: kind, gold: "", with: [], without: [])
      if kind == "full_text" {
        page.gold = String(decoding: goldData, as: UTF8.self)
      } else if let json = try? JSONSerialization.jsonObject(with: goldData) as? [String: Any] {
        page.with = json["with"] as? [String] ?? []
        page.without = json["without"] as? [String] ?? []
      }
      result.append(page)
    }
    return result.sorted { $0.file < $1.file }
  }

  static func extract(_ page: Page) -> String {
    (try? Corpus.document(id: page.name + ".html", data: page.html).document.text) ?? ""
  }

  struct Row {
    var name: String
    var full = ExtractionScore(truePositives: 0, extracted: 0, gold: 0)
    var macroF1: [Double] = []
    var withKept = 0
    var withTotal = 0
    var withoutDropped = 0
    var withoutTotal = 0
    var seconds: Double?
  }

  static func score(_ name: String, _ pages: [Page], texts: [String]) -> Row {
    var row = Row(name: name)
    for (page, text) in zip(pages, texts) {
      if page.goldKind == "full_text" {
        let score = ExtractionScore(extracted: text, gold: page.gold)
        row.full.truePositives += score.truePositives
        row.full.extracted += score.extracted
        row.full.gold += score.gold
        row.macroF1.append(score.f1)
      } else {
        row.withTotal += page.with.count
        row.withoutTotal += page.without.count
        row.withKept += page.with.filter { ExtractionScore.contains(text, $0) }.count
        row.withoutDropped += page.without.filter { !ExtractionScore.contains(text, $0) }.count
      }
    }
    return row
  }

  static func html(data: String, peers: [String]) -> Int32 {
    guard let pages = pages(data), !pages.isEmpty else {
      print("## HTML extraction\n\nThe data `\(data)` is absent; nothing was measured.")
      return 0
    }
    let bytes = pages.reduce(0) { $0 + $1.html.count }
    // Kwal: one core, repeated until at least two seconds have passed.
    // CPU time of this thread (one core), so that other processes on the machine do not count.
    var texts: [String] = []
    var rounds = 0
    var best = Double.infinity
    let started = threadCPUSeconds()
    repeat {
      let roundStart = threadCPUSeconds()
      texts = pages.map(extract)
      best = min(best, threadCPUSeconds() - roundStart)
      rounds += 1
    } while threadCPUSeconds() - started < 2 || rounds < 3
    var rows = [score("Kwal", pages, texts: texts)]
    rows[0].seconds = best
    var arguments = peers[...]
    while let flag = arguments.popFirst() {
      guard flag == "--peer", let spec = arguments.popFirst() else { continue }
      let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { continue }
      let location = parts[1].split(separator: ":").map(String.init)
      let folder = location[0]
      let peerTexts = pages.map { page in
        (try? String(contentsOfFile: folder + "/" + page.name + ".txt", encoding: .utf8)) ?? ""
      }
      var row = score(parts[0], pages, texts: peerTexts)
      if location.count > 1 { row.seconds = Double(location[1]) }
      rows.append(row)
    }
    let fullPages = pages.filter { $0.goldKind == "full_text" }.count
    print("| extractor | P | R | F1 | macro F1 | must-have kept | boilerplate dropped | pages/s | MB/s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in rows {
      let macro = row.macroF1.isEmpty ? 0 : row.macroF1.reduce(0, +) / Double(row.macroF1.count)
      let speed =
        row.seconds.map { String(format: "%.0f | %.1f", Double(pages.count) / $0, Double(bytes) / 1e6 / $0) } ?? "– | –"
      print(
        String(
          format: "| %@ | %.3f | %.3f | **%.3f** | %.3f | %d/%d | %d/%d | %@ |", row.name, row.full.precision,
          row.full.recall,
          row.full.f1, macro, row.withKept, row.withTotal, row.withoutDropped, row.withoutTotal, speed))
    }
    print()
    if let kwalSeconds = rows[0].seconds {
      for peer in rows.dropFirst() {
        guard let peerSeconds = peer.seconds, kwalSeconds > 0 else { continue }
        print(
          String(
            format: "Kwal extracts %.1f× as many pages per second as %@ (F1 %+.3f).", peerSeconds / kwalSeconds,
            peer.name, rows[0].full.f1 - peer.full.f1))
      }
      print()
    }
    print("P, R and F1 are micro-averaged over the tokens of the \(fullPages) full-text pages (macro F1: the mean of")
    print(
      "the per-page F1); snippets come from the \(pages.count - fullPages) pages with with/without gold. \(pages.count) pages,"
    )
    print(
      String(
        format:
          "%.1f MB in all; speed: CPU seconds of one thread for the whole set (best of %d rounds for Kwal, of 3 for peers; Kwal: decode + parse + extract + metadata).",
        Double(bytes) / 1e6, rounds))
    return 0
  }

  /// The CPU time this thread has used, in seconds.
  static func threadCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
  }

  static func dump(data: String, out: String) -> Int32 {
    guard let pages = pages(data) else { return 66 }
    try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    for page in pages {
      let text = extract(page)
      let score =
        page.goldKind == "full_text"
        ? String(format: "%.3f", ExtractionScore(extracted: text, gold: page.gold).f1) : "-"
      print("\(page.name)\t\(score)")
      try? text.write(toFile: out + "/" + page.name + ".txt", atomically: true, encoding: .utf8)
    }
    return 0
  }

  /// A Dutch transcript of about `megabytes` MB, ingested as `.txt` (decode, NFC check, structure).
  /// With `files`, their contents (joined by blank lines) are repeated instead.
  static func text(megabytes: Int, files: [String]) -> Int32 {
    let turns = [
      "I: Kunt u iets vertellen over hoe de samenwerking rond de stadshub is begonnen?\n\n",
      "R2: Ja, dat begon eigenlijk in 2019. De gemeente bracht de vervoerders bij elkaar, en we hadden één gedeeld doel: minder vrachtverkeer in de binnenstad. [lacht] Maar iedereen had ook een eigen agenda.\n\n",
      "I: Hoe merkte u dat?\n\n",
      "R2: Bij elk voorstel vroegen ze meteen wat het hen opleverde. Dat is niet verkeerd, maar het maakte het overleg wel taai. We dwaalden vaak af naar details over laadpalen en de kleur van de busjes.\n\n",
    ]
    var text = "Interview Rivierstad\nDatum: 14 oktober 2020\nAanwezig: I (interviewer), R2 (respondent)\n\n"
    let target = megabytes << 20
    var pieces = turns
    let given = files.compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }
    if !given.isEmpty {
      text = ""
      pieces = given.map { $0 + "\n\n" }
    }
    var index = 0
    while text.utf8.count < target {
      text += pieces[index % pieces.count]
      index += 1
    }
    let data = Data(text.utf8)
    var best = Double.infinity
    var segments = 0
    for _ in 0..<3 {
      let started = threadCPUSeconds()
      let document = try? Corpus.document(id: "Rivierstad/transcript.txt", data: data).document
      best = min(best, threadCPUSeconds() - started)
      segments = document?.segments.count ?? 0
    }
    print(
      String(format: "%.1f\t%.3f\t%.0f\t%d", Double(data.count) / 1e6, best, Double(data.count) / 1e6 / best, segments))
    return 0
  }
}
