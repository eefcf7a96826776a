public import KwalModel

/// One value a coder gave a unit, as read from a tidy `unit,coder,value` table.
public struct Rating: Sendable, Hashable {
  /// The unit's name.
  public var unit: String
  /// The coder's name.
  public var coder: String
  /// The value; `nil` (or an empty value in a file) is missing data.
  public var value: String?
  /// Where the rating was read, for error messages.
  public var location: SourceLocation?

  /// Creates a rating.
  public init(unit: String, coder: String, value: String?, location: SourceLocation? = nil) {
    self.unit = unit
    self.coder = coder
    self.value = value
    self.location = location
  }
}

/// Reliability data: a units × coders table of category indices, missing values allowed.
///
/// Cells are stored unit-major as `Int32` (`-1` is missing), so statistics walk each unit's
/// values once; memory is proportional to units × coders, the size of the data itself.
public struct ReliabilityData: Sendable, Hashable {
  /// The coders, in the order they were first seen.
  public private(set) var coders: [String]
  /// The units, in the order they were first seen.
  public private(set) var units: [String]
  /// The category labels, in domain order (ordered data: rank order).
  public private(set) var categories: [String]
  /// The categories' numeric values, when every value is a number.
  public private(set) var numbers: [Double]?
  /// Whether the categories have an order (numbers, or an order given by the user).
  public private(set) var isOrdered: Bool
  /// `cells[unit * coders.count + coder]`: a category index, or `-1` for missing.
  public private(set) var cells: [Int32]

  /// The number of coders.
  public var coderCount: Int { coders.count }
  /// The number of units.
  public var unitCount: Int { units.count }

  /// Creates reliability data from a unit-major table of category indices (`-1` is missing).
  public init(
    coders: [String], units: [String], categories: [String], numbers: [Double]? = nil, isOrdered: Bool? = nil,
    cells: [Int32]
  ) throws(AnalysisError) {
    guard cells.count == coders.count * units.count else {
      throw AnalysisError(
        .badData,
        "the table has \(cells.count) cells, \(units.count) units × \(coders.count) coders need \(coders.count * units.count)"
      )
    }
    if let numbers, numbers.count != categories.count {
      throw AnalysisError(.badData, "\(categories.count) categories but \(numbers.count) numeric values")
    }
    let limit = Int32(clamping: categories.count)
    for cell in cells where cell < -1 || cell >= limit {
      throw AnalysisError(.badData, "category index \(cell) is outside 0..<\(categories.count)")
    }
    self.coders = coders
    self.units = units
    self.categories = categories
    self.numbers = numbers
    self.isOrdered = isOrdered ?? (numbers != nil)
    self.cells = cells
  }

  /// The category index coder `coder` gave unit `unit`, or `nil` when missing.
  public func value(unit: Int, coder: Int) -> Int? {
    let cell = cells[unit * coders.count + coder]
    return cell < 0 ? nil : Int(cell)
  }

  /// Builds reliability data from tidy ratings.
  ///
  /// Values that all parse as finite numbers become numeric categories (so `1` and `1.0` are one
  /// category); otherwise values are text labels. `order`, when given, is the ranked value domain
  /// (for ordinal data on text labels): every value must be in it. A coder who rates a unit twice
  /// is an error that names both places.
  public static func fromRatings(_ ratings: [Rating], order: [String]? = nil) throws(AnalysisError) -> ReliabilityData {
    var unitIndex: [String: Int] = [:]
    var coderIndex: [String: Int] = [:]
    var units: [String] = []
    var coders: [String] = []
    for rating in ratings {
      if unitIndex[rating.unit] == nil {
        unitIndex[rating.unit] = units.count
        units.append(rating.unit)
      }
      if coderIndex[rating.coder] == nil {
        coderIndex[rating.coder] = coders.count
        coders.append(rating.coder)
      }
    }
    let domain = try Domain(
      values: ratings.lazy.compactMap { $0.value }, order: order, locations: ratings.map(\.location))
    var cells = [Int32](repeating: -1, count: units.count * coders.count)
    var seenAt: [Int: SourceLocation?] = [:]
    for rating in ratings {
      guard let unit = unitIndex[rating.unit], let coder = coderIndex[rating.coder] else { continue }
      let slot = unit * coders.count + coder
      if let previous = seenAt[slot] {
        let before = previous.map { " (first at \($0))" } ?? ""
        throw AnalysisError(
          .badData, "coder \"\(rating.coder)\" rated unit \"\(rating.unit)\" twice\(before)", at: rating.location)
      }
      seenAt[slot] = rating.location
      guard let value = rating.value else { continue }
      guard let category = domain.index(of: value) else {
        throw AnalysisError(.badData, "value \"\(value)\" is not in the given order of values", at: rating.location)
      }
      cells[slot] = Int32(category)
    }
    return try ReliabilityData(
      coders: coders, units: units, categories: domain.labels, numbers: domain.numbers,
      isOrdered: domain.numbers != nil || order != nil, cells: cells)
  }

  /// Builds reliability data from a coders × units matrix of optional labels (`nil` is missing),
  /// the layout of Krippendorff's papers; coders are named `1`, `2`, … and units `1`, `2`, ….
  public static func fromMatrix(_ matrix: [[String?]], order: [String]? = nil) throws(AnalysisError) -> ReliabilityData
  {
    var ratings: [Rating] = []
    for (coder, row) in matrix.enumerated() {
      for (unit, value) in row.enumerated() {
        ratings.append(Rating(unit: String(unit + 1), coder: String(coder + 1), value: value))
      }
    }
    return try fromRatings(ratings, order: order)
  }
}

/// The value domain of tidy ratings: labels, their numbers and the lookup from a raw value.
struct Domain {
  var labels: [String]
  var numbers: [Double]?
  private var byLabel: [String: Int] = [:]
  private var byNumber: [Double: Int] = [:]

  init<Values: Sequence<String>>(values: Values, order: [String]?, locations: [SourceLocation?]) throws(AnalysisError) {
    if let order {
      var seen: [String: Int] = [:]
      for (index, label) in order.enumerated() {
        guard seen[label] == nil else { throw AnalysisError(.usage, "the order of values names \"\(label)\" twice") }
        seen[label] = index
      }
      labels = order
      byLabel = seen
      numbers = nil
      let parsed = order.map(Domain.number)
      if parsed.allSatisfy({ $0 != nil }) { numbers = parsed.compactMap { $0 } }
      return
    }
    var distinct = Set<String>()
    for value in values { distinct.insert(value) }
    var numeric: [Double: String] = [:]
    var allNumeric = true
    for label in distinct {
      guard let number = Domain.number(label) else {
        allNumeric = false
        break
      }
      if let existing = numeric[number] {
        numeric[number] = min(existing, label)
      } else {
        numeric[number] = label
      }
    }
    if allNumeric {
      let sorted = numeric.keys.sorted()
      numbers = sorted
      labels = sorted.map { Domain.format($0) }
      for (index, number) in sorted.enumerated() { byNumber[number] = index }
    } else {
      labels = distinct.sorted()
      numbers = nil
      for (index, label) in labels.enumerated() { byLabel[label] = index }
    }
  }

  func index(of value: String) -> Int? {
    if let index = byLabel[value] { return index }
    if !byNumber.isEmpty, let number = Domain.number(value) { return byNumber[number] }
    return nil
  }

  /// A finite number written in plain decimal notation, or `nil`.
  static func number(_ text: String) -> Double? {
    let trimmed = Domain.trim(text)
    guard !trimmed.isEmpty, let value = Double(trimmed), value.isFinite else { return nil }
    // Reject spellings Swift accepts but researchers do not mean as numbers (hex floats).
    guard !trimmed.contains(where: { $0 == "x" || $0 == "X" || $0 == "p" || $0 == "P" }) else { return nil }
    return value
  }

  /// `text` without leading and trailing spaces and tabs.
  static func trim(_ text: String) -> Substring {
    var scalars = Substring(text)
    while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
    while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
    return scalars
  }

  /// A number as a label: integers without a decimal point.
  static func format(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(value)
  }
}
