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

/// Tidy ratings with their units, coders and values numbered in the order first seen: what a
/// reader of a large ratings file hands over, so that no string is made per rating.
public struct IndexedRatings: Sendable, Hashable {
  /// The units, in the order first seen.
  public var units: [String] = []
  /// The coders, in the order first seen.
  public var coders: [String] = []
  /// The distinct values as written, in the order first seen.
  public var values: [String] = []
  /// Rating `i`'s unit (an index into ``units``).
  public private(set) var unit: [Int32] = []
  /// Rating `i`'s coder (an index into ``coders``).
  public private(set) var coder: [Int32] = []
  /// Rating `i`'s value (an index into ``values``), `-1` for missing.
  public private(set) var value: [Int32] = []

  /// No ratings.
  public init() {}

  /// The number of ratings.
  public var count: Int { unit.count }

  /// Reserves room for `count` ratings.
  public mutating func reserve(_ count: Int) {
    unit.reserveCapacity(count)
    coder.reserveCapacity(count)
    value.reserveCapacity(count)
  }

  /// Adds a rating given by indices (`value` is `-1` for missing).
  public mutating func append(unit: Int32, coder: Int32, value: Int32) {
    self.unit.append(unit)
    self.coder.append(coder)
    self.value.append(value)
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
    var indexed = IndexedRatings()
    var unitIndex: [String: Int32] = [:]
    var coderIndex: [String: Int32] = [:]
    var valueIndex: [String: Int32] = [:]
    func index(_ name: String, _ table: inout [String: Int32], _ names: inout [String]) -> Int32 {
      if let index = table[name] { return index }
      let index = Int32(names.count)
      table[name] = index
      names.append(name)
      return index
    }
    indexed.reserve(ratings.count)
    for rating in ratings {
      indexed.append(
        unit: index(rating.unit, &unitIndex, &indexed.units), coder: index(rating.coder, &coderIndex, &indexed.coders),
        value: rating.value.map { index($0, &valueIndex, &indexed.values) } ?? -1)
    }
    return try fromIndexed(indexed, order: order) { ratings[$0].location }
  }

  /// Builds reliability data from ratings whose units, coders and values are numbered (see
  /// ``IndexedRatings``); `locate` tells where rating `i` was read, for errors.
  ///
  /// The same rules as ``fromRatings(_:order:)``; the work is one pass over integer rows.
  public static func fromIndexed(
    _ ratings: IndexedRatings, order: [String]? = nil, locate: (Int) -> SourceLocation? = { _ in nil }
  ) throws(AnalysisError) -> ReliabilityData {
    let domain = try Domain(values: ratings.values, order: order)
    // The category of each distinct value, looked up once.
    var categoryOf = [Int32](repeating: -1, count: ratings.values.count)
    for (index, value) in ratings.values.enumerated() {
      guard let category = domain.index(of: value) else {
        let first = ratings.value.firstIndex(of: Int32(index)) ?? 0
        throw AnalysisError(.badData, "value \"\(value)\" is not in the given order of values", at: locate(first))
      }
      categoryOf[index] = Int32(category)
    }
    let coderCount = ratings.coders.count
    // -2: not rated yet; -1: rated as missing.
    var cells = [Int32](repeating: -2, count: ratings.units.count * coderCount)
    try cells.withUnsafeMutableBufferPointer { (cells) throws(AnalysisError) in
      for row in 0..<ratings.count {
        let slot = Int(ratings.unit[row]) * coderCount + Int(ratings.coder[row])
        if cells[slot] != -2 {
          let first = (0..<row).first {
            ratings.unit[$0] == ratings.unit[row] && ratings.coder[$0] == ratings.coder[row]
          }
          let before = first.flatMap(locate).map { " (first at \($0))" } ?? ""
          throw AnalysisError(
            .badData,
            "coder \"\(ratings.coders[Int(ratings.coder[row])])\" rated unit \"\(ratings.units[Int(ratings.unit[row])])\" twice\(before)",
            at: locate(row))
        }
        let value = ratings.value[row]
        cells[slot] = value < 0 ? -1 : categoryOf[Int(value)]
      }
      for index in cells.indices where cells[index] == -2 { cells[index] = -1 }
    }
    return try ReliabilityData(
      coders: ratings.coders, units: ratings.units, categories: domain.labels, numbers: domain.numbers,
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

extension ReliabilityData {
  /// Calls `body` for every unit in order with `m`, its number of values, the categories it has
  /// (`values`, in the order its coders gave them) and `counts[c]`, how often it has category
  /// `c` (valid for the call only). The walk over the cells that Krippendorff's coincidences and
  /// the chance-corrected coefficients share, on raw buffers.
  func forEachUnitCounts(
    _ body: (_ m: Int, _ values: UnsafeBufferPointer<Int32>, _ counts: UnsafeBufferPointer<Int32>) -> Void
  ) {
    let size = max(categories.count, 1)
    var counts = [Int32](repeating: 0, count: size)
    var touched = [Int32](repeating: 0, count: size)
    let coderCount = self.coderCount
    cells.withUnsafeBufferPointer { cells in
      counts.withUnsafeMutableBufferPointer { counts in
        touched.withUnsafeMutableBufferPointer { touched in
          var base = 0
          for _ in 0..<unitCount {
            var m = 0
            var distinct = 0
            for offset in 0..<coderCount {
              let value = Int(cells[base + offset])
              if value < 0 { continue }
              if counts[value] == 0 {
                touched[distinct] = Int32(value)
                distinct += 1
              }
              counts[value] += 1
              m += 1
            }
            base += coderCount
            body(m, UnsafeBufferPointer(rebasing: touched[0..<distinct]), UnsafeBufferPointer(counts))
            for index in 0..<distinct { counts[Int(touched[index])] = 0 }
          }
        }
      }
    }
  }
}

/// The value domain of tidy ratings: labels, their numbers and the lookup from a raw value.
struct Domain {
  var labels: [String]
  var numbers: [Double]?
  private var byLabel: [String: Int] = [:]
  private var byNumber: [Double: Int] = [:]

  init<Values: Sequence<String>>(values: Values, order: [String]?) throws(AnalysisError) {
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
