public import Foundation
public import KwalModel
internal import KwalCoding

/// The report of `kwal codebook test`.
public struct ExampleReport: Sendable {
  /// The number of examples run.
  public var total: Int
  /// The examples that failed.
  public var failures: [ExampleResult]
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
    return ExampleReport(total: results.count, failures: results.filter { !$0.passed })
  }

  /// Explains which rules fire on `text` (said by `role`) and why.
  public static func explain(_ url: URL, text: String, role: SpeakerRole) throws -> [RuleExplanation] {
    let (codebook, _) = try Codebook.load(contentsOf: url)
    return CodingContext(CompiledCodebook(codebook)).explain(text, role: role)
  }
}
