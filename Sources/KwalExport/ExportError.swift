public import KwalModel

/// The error of the export module: a file that cannot be read, parsed or written.
public struct ExportError: KwalFailure, Equatable {
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
