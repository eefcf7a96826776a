public import KwalModel

/// The error of the analysis module: data that cannot be analysed as asked (an unknown code or
/// attribute, a measure that does not fit the unit, malformed values), with where it is.
public struct AnalysisError: KwalFailure, Equatable {
  /// What kind of failure this is.
  public var kind: FailureKind
  /// Where the problem is.
  public var location: SourceLocation?
  /// What went wrong.
  public var message: String

  /// Creates an error.
  public init(_ kind: FailureKind, _ message: String, at location: SourceLocation? = nil) {
    self.kind = kind
    self.message = message
    self.location = location
  }
}
