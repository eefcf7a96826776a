public import Foundation
public import KwalModel
internal import KwalCoding

/// One failed example of `kwal codebook test`.
public struct ExampleFailure: Sendable, Hashable {
  /// The code the example belongs to.
  public var code: String
  /// Whether the sentence must receive the code.
  public var positive: Bool
  /// The sentence.
  public var text: String
  /// Where it is in the codebook.
  public var location: SourceLocation?
  /// The codes the rules gave.
  public var actualCodes: [String]
  /// The rules that fired (`rule → code`).
  public var firedRules: [String]
}

/// The report of `kwal codebook test`.
public struct ExampleReport: Sendable {
  /// The number of examples run.
  public var total: Int
  /// The examples that failed.
  public var failures: [ExampleFailure]
}

/// One rule's explanation for `kwal codebook explain`.
public struct RuleReport: Sendable, Hashable {
  /// The rule id.
  public var rule: String
  /// Its code.
  public var code: String
  /// Whether it fired.
  public var fired: Bool
  /// Why (or why not).
  public var reasons: [String]
}

/// The `kwal codebook` use cases: lint, test, explain.
public enum CodebookTools {
  /// Every diagnostic of a codebook: loading errors (thrown, with all diagnostics) or the
  /// warnings and notes of a codebook that loads.
  public static func lint(_ url: URL) throws -> [Diagnostic] {
    let (codebook, diagnostics) = try Codebook.load(contentsOf: url)
    return diagnostics + CodebookLint.check(codebook)
  }

  /// Runs every example of the codebook.
  public static func test(_ url: URL) throws -> ExampleReport {
    let (codebook, _) = try Codebook.load(contentsOf: url)
    let context = CodingContext(CompiledCodebook(codebook))
    let results = context.testExamples()
    return ExampleReport(
      total: results.count,
      failures: results.filter { !$0.passed }.map {
        ExampleFailure(
          code: $0.code, positive: $0.positive, text: $0.text, location: $0.location, actualCodes: $0.actualCodes,
          firedRules: $0.firedRules)
      })
  }

  /// Explains which rules fire on `text` (said by `role`) and why.
  public static func explain(_ url: URL, text: String, role: SpeakerRole) throws -> [RuleReport] {
    let (codebook, _) = try Codebook.load(contentsOf: url)
    let context = CodingContext(CompiledCodebook(codebook))
    return context.explain(text, role: role).map {
      RuleReport(rule: $0.rule, code: $0.code, fired: $0.fired, reasons: $0.reasons)
    }
  }
}
