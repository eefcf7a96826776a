import CLibXML2
import Foundation
internal import KwalXML

/// Word's list numbering (`word/numbering.xml`): the number a numbered paragraph shows ("3.",
/// "2.1", "b."), as Word counts them, so that a document's text holds its items' numbers as its
/// reader sees them. Bullets show none.
///
/// Each list instance (`w:num`) uses an abstract list (`w:abstractNum`) whose levels give the
/// format (`w:numFmt`), the text around the number (`w:lvlText`, `%1` for level 0) and the first
/// number (`w:start`). The instances of one abstract list count on together unless an instance
/// starts a level again (`w:lvlOverride/w:startOverride`); a paragraph at a level starts the
/// levels below it again.
struct WordNumbering {
  struct Level: Equatable {
    var format: String
    var text: String
    var start: Int
  }

  /// The levels of each abstract list, by its id and level.
  private var abstract: [String: [Int: Level]] = [:]
  /// Each list instance's abstract list and the levels it starts again (level → number).
  private var instances: [String: (abstract: String, starts: [Int: Int])] = [:]
  /// The last number given at each level, by abstract list.
  private var counters: [String: [Int: Int]] = [:]
  /// The instances whose start overrides were applied.
  private var started: Set<String> = []

  /// The numbering of a parsed `numbering.xml` root element.
  init(root: xmlNodePtr) {
    for element in XMLRead.elements(root) {
      switch XMLRead.name(element) {
      case "abstractNum":
        guard let id = XMLRead.attribute(element, "abstractNumId") else { continue }
        var levels: [Int: Level] = [:]
        for level in XMLRead.elements(element) where XMLRead.name(level) == "lvl" {
          guard let index = XMLRead.attribute(level, "ilvl").flatMap(Int.init), (0..<9).contains(index) else {
            continue
          }
          let value = { (name: String) in
            XMLRead.firstChild(level, named: name).flatMap { XMLRead.attribute($0, "val") }
          }
          levels[index] = Level(
            format: value("numFmt") ?? "decimal", text: value("lvlText") ?? "",
            start: Self.bounded(value("start").flatMap(Int.init) ?? 1))
        }
        abstract[id] = levels
      case "num":
        guard let id = XMLRead.attribute(element, "numId"),
          let base = XMLRead.firstChild(element, named: "abstractNumId").flatMap({ XMLRead.attribute($0, "val") })
        else { continue }
        var starts: [Int: Int] = [:]
        for override in XMLRead.elements(element) where XMLRead.name(override) == "lvlOverride" {
          guard let index = XMLRead.attribute(override, "ilvl").flatMap(Int.init),
            let start = XMLRead.firstChild(override, named: "startOverride").flatMap({ XMLRead.attribute($0, "val") })
              .flatMap(Int.init)
          else { continue }
          starts[index] = Self.bounded(start)
        }
        instances[id] = (base, starts)
      default: continue
      }
    }
  }

  /// A start as Word allows it (0 to 32767): a file's larger or negative value is held to that.
  static func bounded(_ start: Int) -> Int { min(max(start, 0), 32767) }

  /// The number a paragraph of list instance `id` at `level` shows (`"3."`, `"2.1"`), counting
  /// it; nil for a bullet, an unknown list, no number, or a level text longer than Word's (a
  /// hostile file's).
  mutating func label(instance id: String, level: Int) -> String? {
    guard let instance = instances[id], let levels = abstract[instance.abstract], let own = levels[level] else {
      return nil
    }
    var counts = counters[instance.abstract] ?? [:]
    if !started.contains(id) {
      started.insert(id)
      for (index, start) in instance.starts { counts[index] = start - 1 }
    }
    // Counted on past Word's limit, a number stays where it is (no overflow, however many
    // paragraphs a file numbers).
    counts[level] = min((counts[level] ?? (own.start - 1)) + 1, 1 << 20)
    for deeper in (level + 1)..<9 { counts[deeper] = nil }
    counters[instance.abstract] = counts
    guard own.format != "bullet", own.format != "none", own.text.utf8.count <= 32 else { return nil }
    // "%1.%2" → the numbers of levels 0 and 1, each in its own level's format.
    var label = ""
    var scalars = own.text.unicodeScalars.makeIterator()
    while let scalar = scalars.next() {
      guard scalar == "%" else {
        label.unicodeScalars.append(scalar)
        continue
      }
      guard let digit = scalars.next() else { break }
      guard let index = Int(String(digit)).map({ $0 - 1 }), (0..<9).contains(index) else { continue }
      let format = levels[index]?.format ?? "decimal"
      let number = counts[index] ?? levels[index]?.start ?? 1
      label += Self.format(number, as: format)
    }
    label = label.trimmingCharacters(in: .whitespaces)
    return label.isEmpty || label.utf8.count > 64 ? nil : label
  }

  /// `number` in a Word number format (decimal for formats Kwal does not write out).
  static func format(_ number: Int, as format: String) -> String {
    switch format {
    case "lowerLetter", "upperLetter":
      // 1 → a, 26 → z, 27 → aa (Word repeats the letter); past 780 (30 letters), the number.
      guard number >= 1, number <= 780 else { return String(number) }
      let letter = Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8((number - 1) % 26)))
      let text = String(repeating: letter, count: (number - 1) / 26 + 1)
      return format == "upperLetter" ? text.uppercased() : text
    case "lowerRoman", "upperRoman":
      guard number >= 1, number < 4000 else { return String(number) }
      let values = [
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"),
        (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
      ]
      var rest = number
      var text = ""
      for (value, numeral) in values {
        while rest >= value {
          text += numeral
          rest -= value
        }
      }
      return format == "upperRoman" ? text.uppercased() : text
    case "decimalZero": return number >= 0 && number < 10 ? "0\(number)" : String(number)
    default: return String(number)
    }
  }
}
