public import KwalModel

/// The error of the coding module: a codebook that cannot be read or has errors.
///
/// A codebook with any error is never applied, not even partially. ``diagnostics`` holds every
/// located diagnostic found, so a caller can print them all.
public struct CodebookError: KwalFailure, Equatable {
  /// What kind of failure this is.
  public var kind: FailureKind
  /// Where the (first) problem is.
  public var location: SourceLocation?
  /// What went wrong.
  public var message: String
  /// Every diagnostic found while loading (errors and warnings).
  public var diagnostics: [Diagnostic]

  /// Creates an error.
  public init(
    _ kind: FailureKind, _ message: String, at location: SourceLocation? = nil, diagnostics: [Diagnostic] = []
  ) {
    self.kind = kind
    self.message = message
    self.location = location
    self.diagnostics = diagnostics
  }
}
