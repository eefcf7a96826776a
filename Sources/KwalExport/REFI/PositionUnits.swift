internal import Foundation

/// How a REFI-QDA writer counted a selection's `startPosition` and `endPosition`.
///
/// The standard says Unicode code points. NVivo counts UTF-16 code units (as .NET strings do),
/// so every character beyond U+FFFF (an emoji) shifts what follows by one; some writers count a
/// CRLF line end as one position. Which one a project used is decided from the evidence
/// (``PositionEvidence``), with the project's `origin` as a tie-breaker.
struct PositionUnit: Hashable, Sendable, CustomStringConvertible {
  /// UTF-16 code units rather than code points.
  var utf16: Bool
  /// A CRLF line end counts as one position rather than two.
  var crlfAsOne: Bool

  static let codePoints = PositionUnit(utf16: false, crlfAsOne: false)
  static let codePointsCRLFAsOne = PositionUnit(utf16: false, crlfAsOne: true)
  static let utf16Units = PositionUnit(utf16: true, crlfAsOne: false)
  static let utf16UnitsCRLFAsOne = PositionUnit(utf16: true, crlfAsOne: true)

  /// Every counting, the standard's first.
  static let all: [PositionUnit] = [.codePoints, .codePointsCRLFAsOne, .utf16Units, .utf16UnitsCRLFAsOne]

  /// The countings in the order that breaks ties for a project written by `origin`: UTF-16 first
  /// for NVivo (whose positions are .NET string indexes), the standard's code points otherwise.
  static func preference(origin: String?) -> [PositionUnit] {
    let writer = (origin ?? "").lowercased()
    if writer.contains("nvivo") { return [.utf16Units, .utf16UnitsCRLFAsOne, .codePoints, .codePointsCRLFAsOne] }
    return all
  }

  var description: String {
    (utf16 ? "UTF-16 code units" : "Unicode code points") + (crlfAsOne ? ", CRLF as one" : "")
  }

  /// The positions each scalar takes in this counting.
  func width(of scalar: Unicode.Scalar, next: Unicode.Scalar?) -> Int {
    if crlfAsOne && scalar == "\r" && next == "\n" { return 0 }
    return utf16 && scalar.value > 0xFFFF ? 2 : 1
  }
}

/// One source text's scalars and, for the countings it needs, where each position falls.
struct SourcePositions {
  /// The scalars of the source text as the project holds it.
  let scalars: [Unicode.Scalar]
  /// For countings that differ from code points: the position before each scalar, and the end.
  private var tables: [PositionUnit: [Int]] = [:]
  /// Whether the text has CRLF line ends or characters beyond U+FFFF (the countings differ).
  let hasCRLF: Bool
  let hasAstral: Bool

  init(_ text: String) {
    scalars = Array(text.unicodeScalars)
    var crlf = false
    var astral = false
    for index in scalars.indices {
      if scalars[index].value > 0xFFFF { astral = true }
      if scalars[index] == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n" { crlf = true }
    }
    hasCRLF = crlf
    hasAstral = astral
    for unit in PositionUnit.all where unit != .codePoints && differs(unit) {
      var table: [Int] = []
      table.reserveCapacity(scalars.count + 1)
      var position = 0
      for index in scalars.indices {
        table.append(position)
        position += unit.width(of: scalars[index], next: index + 1 < scalars.count ? scalars[index + 1] : nil)
      }
      table.append(position)
      tables[unit] = table
    }
  }

  /// Whether `unit` counts this text differently from code points.
  func differs(_ unit: PositionUnit) -> Bool { (unit.utf16 && hasAstral) || (unit.crlfAsOne && hasCRLF) }

  /// The countings that give this text distinct positions (code points always among them).
  var distinctUnits: [PositionUnit] {
    PositionUnit.all.filter { $0 == .codePoints || differs($0) }
  }

  /// The number of positions of the whole text in `unit`.
  func length(in unit: PositionUnit) -> Int { tables[unit]?.last ?? scalars.count }

  /// The scalar index at `position` in `unit`, or nil when it is beyond the text or inside a
  /// character (the second half of a UTF-16 surrogate pair).
  func scalarIndex(_ position: Int, in unit: PositionUnit) -> Int? {
    guard position >= 0 else { return nil }
    guard let table = tables[unit] else { return position <= scalars.count ? position : nil }
    guard position <= table[table.count - 1] else { return nil }
    var low = 0
    var high = table.count - 1
    while low < high {
      let middle = (low + high) / 2
      if table[middle] < position { low = middle + 1 } else { high = middle }
    }
    return table[low] == position ? low : nil
  }

  /// Whether the scalar index `index` lies inside a word (a letter or digit on both sides).
  func isInsideWord(_ index: Int) -> Bool {
    guard index > 0 && index < scalars.count else { return false }
    return Self.isWordScalar(scalars[index - 1]) && Self.isWordScalar(scalars[index])
  }

  static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isAlphabetic || scalar.properties.numericType != nil
  }

  /// The text between two scalar indexes.
  func slice(_ start: Int, _ end: Int) -> String {
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[start..<end])
    return String(view)
  }
}

/// A selection's raw positions and quoted text, as the project file gives them.
struct RawSelection {
  var start: Int
  var end: Int
  /// The selection's `name`, which most writers fill with the selected text (or its start).
  var name: String?
}

/// How well one counting explains a set of selections.
struct PositionEvidence: Sendable, Hashable {
  /// Selections with a position beyond the text or inside a character.
  var invalid = 0
  /// Selections whose quoted text (`name`) is the text at their positions.
  var nameMatches = 0
  /// Selections that have a quoted text.
  var named = 0
  /// Selection ends (start and end each) that do not cut a word in two.
  var boundaries = 0
  /// Selections looked at.
  var selections = 0

  /// One number to compare countings by: a matching quote weighs most, a cut word least, a
  /// position that cannot be placed counts against.
  var score: Int { 4 * nameMatches + boundaries - 6 * invalid }

  static func + (left: PositionEvidence, right: PositionEvidence) -> PositionEvidence {
    PositionEvidence(
      invalid: left.invalid + right.invalid, nameMatches: left.nameMatches + right.nameMatches,
      named: left.named + right.named, boundaries: left.boundaries + right.boundaries,
      selections: left.selections + right.selections)
  }

  /// The evidence for `unit` from `selections` of the text `positions`.
  static func of(_ selections: [RawSelection], in positions: SourcePositions, unit: PositionUnit) -> PositionEvidence {
    var evidence = PositionEvidence()
    for selection in selections {
      evidence.selections += 1
      let quote = selection.name.map(QuoteMatch.collapse) ?? ""
      if !quote.isEmpty { evidence.named += 1 }
      guard let start = positions.scalarIndex(selection.start, in: unit),
        let end = positions.scalarIndex(selection.end, in: unit), start <= end
      else {
        evidence.invalid += 1
        continue
      }
      if !positions.isInsideWord(start) { evidence.boundaries += 1 }
      if !positions.isInsideWord(end) { evidence.boundaries += 1 }
      if !quote.isEmpty && QuoteMatch.matches(quote, positions.slice(start, end)) { evidence.nameMatches += 1 }
    }
    return evidence
  }
}

/// Compares a selection's quoted text with the text at its positions.
enum QuoteMatch {
  /// White space collapsed to single spaces, trimmed, in NFC; a trailing ellipsis dropped.
  static func collapse(_ text: String) -> String {
    var result = ""
    var space = false
    for scalar in text.unicodeScalars {
      if scalar.properties.isWhitespace {
        space = !result.isEmpty
        continue
      }
      if space { result.unicodeScalars.append(" ") }
      space = false
      result.unicodeScalars.append(scalar)
    }
    for ellipsis in ["…", "..."] where result.hasSuffix(ellipsis) {
      result = String(result.dropLast(ellipsis.count)).trimmingCharacters(in: .whitespaces)
    }
    return result.unicodeScalars.allSatisfy({ $0.isASCII }) ? result : result.precomposedStringWithCanonicalMapping
  }

  /// Whether the collapsed quote `quote` is the text `text`, or (a shortened quote of ten
  /// characters or more) its start.
  static func matches(_ quote: String, _ text: String) -> Bool {
    let found = collapse(text)
    if found == quote { return true }
    let shorter = min(quote.count, found.count)
    guard shorter >= 10 else { return false }
    return found.hasPrefix(quote)
  }
}
