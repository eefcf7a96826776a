import Foundation
import KwalPseudonym

/// `kwal-bench pseudonymise GOLD.csv TEXTS-FOLDER [FILE…]`: pseudonymises each text file (the
/// given ones, or all in the gold) as one corpus and scores the replaced spans against the gold
/// spans (`file,start,end,kind,text`, Unicode scalar offsets): recall per kind (a gold span is
/// found when a replacement overlaps it), precision (a replacement is right when it overlaps a
/// gold span). Prints a Markdown table.
enum PseudonymBench {
  static func run(_ arguments: [String]) -> Int32 {
    guard arguments.count >= 2 else {
      print("usage: kwal-bench pseudonymise GOLD.csv TEXTS-FOLDER [FILE…]")
      return 64
    }
    guard let goldText = try? String(contentsOfFile: arguments[0], encoding: .utf8) else {
      print("cannot read \(arguments[0])")
      return 66
    }
    // The gold: simple CSV (the text column may be quoted; only the first four fields are read).
    var gold: [String: [(start: Int, end: Int, kind: String)]] = [:]
    for line in goldText.split(whereSeparator: \.isNewline).dropFirst() {
      let fields = line.split(separator: ",", maxSplits: 4, omittingEmptySubsequences: false)
      guard fields.count >= 4, let start = Int(fields[1]), let end = Int(fields[2]) else { continue }
      gold[String(fields[0]), default: []].append((start, end, String(fields[3])))
    }
    let files = arguments.count > 2 ? Array(arguments.dropFirst(2)) : gold.keys.sorted()
    var documents: [PseudonymDocument] = []
    for file in files {
      guard let text = try? String(contentsOfFile: arguments[1] + "/" + file, encoding: .utf8) else { continue }
      documents.append(PseudonymDocument(id: file, text: text))
    }
    var key = PseudonymKey()
    let started = Date()
    let results = Pseudonymiser().run(documents, key: &key)
    let seconds = Date().timeIntervalSince(started)
    var found: [String: (hit: Int, all: Int)] = [:]
    var right = 0
    var made = 0
    var madeByKind: [String: (right: Int, all: Int)] = [:]
    for result in results {
      let spans = gold[result.id] ?? []
      for span in spans {
        let kind = span.kind
        let hit = result.replacements.contains { $0.start < span.end && span.start < $0.end }
        found[kind, default: (0, 0)].all += 1
        if hit { found[kind, default: (0, 0)].hit += 1 }
      }
      for replacement in result.replacements {
        let kind = replacement.kind == .speaker ? "person" : replacement.kind.rawValue
        let isRight = spans.contains { replacement.start < $0.end && $0.start < replacement.end }
        made += 1
        madeByKind[kind, default: (0, 0)].all += 1
        if isRight {
          right += 1
          madeByKind[kind, default: (0, 0)].right += 1
        }
      }
    }
    print("| kind | gold spans | found | recall | replacements | right | precision |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for kind in Set(found.keys).union(madeByKind.keys).sorted() {
      let recall =
        found[kind].map { $0.all == 0 ? "–" : String(format: "%.3f", Double($0.hit) / Double($0.all)) } ?? "–"
      let precision =
        madeByKind[kind].map { $0.all == 0 ? "–" : String(format: "%.3f", Double($0.right) / Double($0.all)) } ?? "–"
      print(
        "| \(kind) | \(found[kind]?.all ?? 0) | \(found[kind]?.hit ?? 0) | \(recall) | \(madeByKind[kind]?.all ?? 0) | \(madeByKind[kind]?.right ?? 0) | \(precision) |"
      )
    }
    let allGold = found.values.reduce(0) { $0 + $1.all }
    let allHit = found.values.reduce(0) { $0 + $1.hit }
    print(
      "| all | \(allGold) | \(allHit) | \(String(format: "%.3f", Double(allHit) / Double(max(1, allGold)))) | \(made) | \(right) | \(String(format: "%.3f", Double(right) / Double(max(1, made)))) |"
    )
    print("")
    print("\(documents.count) texts, \(String(format: "%.2f", seconds)) s.")
    if ProcessInfo.processInfo.environment["KWAL_BENCH_SHOW"] != nil {
      for result in results {
        for replacement in result.replacements {
          let isRight = (gold[result.id] ?? []).contains { replacement.start < $0.end && $0.start < replacement.end }
          if !isRight { print("FP \(result.id) \(replacement.kind.rawValue) \(replacement.original)") }
        }
        let scalars = Array(documents.first { $0.id == result.id }?.text.unicodeScalars ?? "".unicodeScalars)
        for span in gold[result.id] ?? []
        where !result.replacements.contains(where: { $0.start < span.end && span.start < $0.end }) {
          print(
            "FN \(result.id) \(span.kind) \(String(String.UnicodeScalarView(scalars[span.start..<min(span.end, scalars.count)])))"
          )
        }
      }
    }
    return 0
  }
}
