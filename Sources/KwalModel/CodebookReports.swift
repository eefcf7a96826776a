/// What `kwal codebook test` finds for one example sentence.
public struct ExampleResult: Sendable, Hashable {
  /// The code whose example this is.
  public var code: String
  /// Whether the sentence must receive the code (a positive example) or must not.
  public var positive: Bool
  /// The sentence.
  public var text: String
  /// Where the example is in the codebook.
  public var location: SourceLocation?
  /// The codes the rules gave the sentence, sorted.
  public var actualCodes: [String]
  /// The rules that fired, as `rule → code`.
  public var firedRules: [String]

  /// Creates a result.
  public init(
    code: String, positive: Bool, text: String, location: SourceLocation?, actualCodes: [String], firedRules: [String]
  ) {
    self.code = code
    self.positive = positive
    self.text = text
    self.location = location
    self.actualCodes = actualCodes
    self.firedRules = firedRules
  }

  /// Whether the example passes.
  public var passed: Bool { actualCodes.contains(code) == positive }
}

/// How one rule fared on a text, for `kwal codebook explain`.
public struct RuleExplanation: Sendable, Hashable {
  /// The rule id.
  public var rule: String
  /// The rule's code.
  public var code: String
  /// Whether the rule fired on some unit of the text.
  public var fired: Bool
  /// Why: which patterns matched which words, and what stopped the rule.
  public var reasons: [String]

  /// Creates an explanation.
  public init(rule: String, code: String, fired: Bool, reasons: [String]) {
    self.rule = rule
    self.code = code
    self.fired = fired
    self.reasons = reasons
  }
}
