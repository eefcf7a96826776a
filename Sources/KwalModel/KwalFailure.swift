/// What kind of failure stopped an operation; the command line maps each to a sysexits code.
public enum FailureKind: String, Sendable, Hashable, Codable {
  /// The command was used wrongly (sysexits 64).
  case usage
  /// The input data is malformed (sysexits 65).
  case badData
  /// An input file or folder does not exist or cannot be read (sysexits 66).
  case missingInput
  /// An output file cannot be created (sysexits 73).
  case cannotCreateOutput
  /// Reading or writing failed half-way (sysexits 74).
  case io
  /// Another process holds what is needed (an output folder in use); try again later (sysexits 75).
  case busy
  /// A system library that this input needs is not installed (poppler-glib for PDF; sysexits 69).
  case unavailable
}

/// An error that a user can read: one line, with the file (and line and column) it is about.
///
/// Every module has one public error struct that conforms to this protocol, so the command line
/// maps all of them in one place.
public protocol KwalFailure: Error, CustomStringConvertible {
  /// What kind of failure this is.
  var kind: FailureKind { get }
  /// Where the problem is, when it is in a file.
  var location: SourceLocation? { get }
  /// What went wrong, as one sentence without a final period.
  var message: String { get }
  /// Every located diagnostic behind the failure (all errors of a codebook, say); may be empty.
  var diagnostics: [Diagnostic] { get }
}

extension KwalFailure {
  /// No further diagnostics.
  public var diagnostics: [Diagnostic] { [] }

  /// `file:line:column: error: message`, or `error: message` without a location.
  public var description: String {
    if let location { return "\(location): error: \(message)" }
    return "error: \(message)"
  }
}
