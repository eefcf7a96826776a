internal import KwalModel

/// What the frequency of a code in a column is relative to.
public enum KeynessBase: String, Sendable, Hashable, CaseIterable {
  /// The words of the column's documents (as corpus linguists compare word frequencies).
  case words
  /// The coded segments in the column (any code): compares the code's share of the coding.
  case codings
  /// The sentences of the column's documents.
  case sentences
}

/// How to compare codes between columns.
public struct KeynessOptions: Sendable, Hashable {
  /// What frequencies are relative to.
  public var base: KeynessBase
  /// The significance level, after correction.
  public var alpha: Double
  /// The correction for the number of tests.
  public var correction: Statistics.Correction

  /// Creates options.
  public init(base: KeynessBase = .words, alpha: Double = 0.05, correction: Statistics.Correction = .holm) {
    self.base = base
    self.alpha = alpha
    self.correction = correction
  }
}

/// One keyness test: a code in one column against another column (two columns) or against all
/// other columns pooled (more than two).
public struct KeynessTest: Sendable, Hashable {
  /// The code.
  public var code: String
  /// The column tested.
  public var column: String
  /// What it is compared with: the other column, or `rest`.
  public var reference: String
  /// Coded segments in the column.
  public var count: Int
  /// The column's size in the base unit.
  public var size: Int
  /// Coded segments in the reference.
  public var otherCount: Int
  /// The reference's size.
  public var otherSize: Int
  /// The count expected in the column if the code were spread evenly: size · (count + otherCount) / (size + otherSize).
  public var expected: Double
  /// Log-likelihood G2 (1 degree of freedom); `nil` when the code never occurs.
  public var g2: Double?
  /// Log-ratio: log2 of the column's relative frequency over the reference's (0.5 for a zero count).
  public var logRatio: Double?
  /// Pearson's chi-square over the 2×2 table, only where every expected count is at least 5.
  public var chiSquare: Double?
  /// The p-value of G2 (chi-square distribution, 1 degree of freedom).
  public var pValue: Double?
  /// The p-value of the chi-square statistic.
  public var chiSquarePValue: Double?
  /// The p-value after the correction for the number of tests.
  public var adjustedPValue: Double?
  /// Whether the adjusted p-value is at most alpha.
  public var isSignificant: Bool
}

/// Keyness of every code between the columns of a matrix, with the correction stated.
public struct KeynessReport: Sendable, Hashable {
  /// The column key (such as `case`).
  public var by: String
  /// The options used.
  public var options: KeynessOptions
  /// The tests, by code (tree order) then column.
  public var tests: [KeynessTest]
  /// The number of tests the correction counts (codes that occur × comparisons).
  public var testCount: Int
  /// Notes for readers.
  public var notes: [String]

  /// Compares every code between the columns of `matrix` (its raw counts, whatever its measure).
  ///
  /// With two columns each code gets one test (first against second); with more, each column is
  /// tested against the others pooled. G2 follows Rayson and Garside (2000): E_i = N_i · (a + b) /
  /// (N_1 + N_2), G2 = 2 Σ O_i ln(O_i / E_i). Codes that never occur are not tested.
  public static func compute(_ matrix: MatrixReport, options: KeynessOptions = KeynessOptions()) throws(AnalysisError)
    -> KeynessReport
  {
    let sizes: [Int]
    switch options.base {
    case .words: sizes = matrix.columnWords
    case .codings: sizes = matrix.columnCodings
    case .sentences: sizes = matrix.columnSentences
    }
    guard options.alpha > 0, options.alpha < 1 else {
      throw AnalysisError(.usage, "--alpha must be between 0 and 1, not \(options.alpha)")
    }
    let by = matrix.by.map(\.description).joined(separator: "/")
    if sizes.allSatisfy({ $0 == 0 }), options.base != .codings, !matrix.columns.isEmpty {
      throw AnalysisError(
        .badData,
        "keyness relative to \(options.base.rawValue) needs documents.csv with \(options.base.rawValue) per document; use --keyness-base codings"
      )
    }
    let usable = matrix.columns.indices.filter { sizes[$0] > 0 }
    var notes: [String] = []
    let skipped = matrix.columns.indices.filter { sizes[$0] == 0 }.map { matrix.columns[$0] }
    if !skipped.isEmpty {
      notes.append("Left out (no \(options.base.rawValue)): \(skipped.joined(separator: ", ")).")
    }
    var tests: [KeynessTest] = []
    if usable.count < 2 {
      notes.append(
        "Keyness needs at least two \(by) values with \(options.base.rawValue); found \(usable.count)\(usable.isEmpty ? "" : " (" + usable.map { matrix.columns[$0] }.joined(separator: ", ") + ")"): no tests."
      )
      return KeynessReport(by: by, options: options, tests: [], testCount: 0, notes: notes)
    }
    let comparisons: [(column: Int, reference: [Int])] =
      usable.count == 2
      ? [(usable[0], [usable[1]])]
      : usable.map { column in (column, usable.filter { $0 != column }) }
    for row in matrix.codes.indices {
      for comparison in comparisons {
        let a = matrix.counts[row][comparison.column]
        let na = sizes[comparison.column]
        let b = comparison.reference.reduce(0) { $0 + matrix.counts[row][$1] }
        let nb = comparison.reference.reduce(0) { $0 + sizes[$1] }
        let reference = comparison.reference.count == 1 ? matrix.columns[comparison.reference[0]] : "rest"
        var test = KeynessTest(
          code: matrix.codes[row], column: matrix.columns[comparison.column], reference: reference, count: a, size: na,
          otherCount: b, otherSize: nb, expected: Double(na) * Double(a + b) / Double(na + nb), g2: nil, logRatio: nil,
          chiSquare: nil, pValue: nil, chiSquarePValue: nil, adjustedPValue: nil, isSignificant: false)
        if a + b > 0 {
          let g2 = Statistics.logLikelihood(observed: [Double(a), Double(b)], sizes: [Double(na), Double(nb)])
          test.g2 = g2
          test.pValue = g2.map { Statistics.chiSquarePValue($0, degrees: 1) }
          test.logRatio = Statistics.logRatio(Double(a), sizeA: Double(na), Double(b), sizeB: Double(nb))
          if a <= na, b <= nb, let chi = Statistics.chiSquare2x2(a, na - a, b, nb - b), chi.minimumExpected >= 5 {
            test.chiSquare = chi.statistic
            test.chiSquarePValue = Statistics.chiSquarePValue(chi.statistic, degrees: 1)
          }
        }
        tests.append(test)
      }
    }
    let adjusted = options.correction.adjust(tests.map(\.pValue))
    for index in tests.indices {
      tests[index].adjustedPValue = adjusted[index]
      tests[index].isSignificant = (adjusted[index] ?? 1) <= options.alpha
    }
    let testCount = tests.filter { $0.pValue != nil }.count
    notes.append(
      "G2 is log-likelihood (Rayson and Garside 2000) with 1 degree of freedom; log_ratio is log2 of the relative frequencies (Hardie 2014), a zero count taken as 0.5."
    )
    notes.append("chi2 is Pearson's chi-square on the 2x2 table, given only where every expected count is at least 5.")
    notes.append(
      "significant: p_adjusted <= \(options.alpha) after the \(options.correction.rawValue) correction for \(testCount) tests (codes that never occur are not tested)."
    )
    return KeynessReport(by: by, options: options, tests: tests, testCount: testCount, notes: notes)
  }

  /// The report as a table, one row per test.
  public func table() -> ResultTable {
    let rows: [[TableValue]] = tests.map { test in
      [
        .text(test.code), .text(test.column), .text(test.reference), .integer(test.count), .integer(test.size),
        .integer(test.otherCount), .integer(test.otherSize), .number(test.expected), .optional(test.g2),
        .optional(test.logRatio), .optional(test.chiSquare), .optional(test.pValue), .optional(test.chiSquarePValue),
        .optional(test.adjustedPValue), .flag(test.isSignificant),
      ]
    }
    return ResultTable(
      title: "Keyness of codes by \(by) (relative to \(options.base.rawValue))",
      columns: [
        "code", by, "reference", "count", "size", "other_count", "other_size", "expected", "g2", "log_ratio", "chi2",
        "p_value", "chi2_p_value", "p_adjusted", "significant",
      ], rows: rows,
      about: [
        ("base", .text(options.base.rawValue)), ("alpha", .number(options.alpha)),
        ("correction", .text(options.correction.rawValue)), ("tests", .integer(testCount)),
      ], notes: notes)
  }
}
