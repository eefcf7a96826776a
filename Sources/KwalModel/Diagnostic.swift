/// How serious a diagnostic is.
public enum Severity: String, Sendable, Hashable, Codable, Comparable {
  /// Worth knowing; nothing is wrong.
  case note
  /// Work went on, but the result may not be what was meant.
  case warning
  /// Something could not be done.
  case error

  private var rank: Int {
    switch self {
    case .note: return 0
    case .warning: return 1
    case .error: return 2
    }
  }

  /// Orders note < warning < error.
  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// Where something is: a file, and optionally a 1-based line and column.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The file, as the user named it.
  public var file: String
  /// The 1-based line, when known.
  public var line: Int?
  /// The 1-based column (in Unicode scalars), when known.
  public var column: Int?

  /// Creates a location.
  public init(file: String, line: Int? = nil, column: Int? = nil) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `file:line:column`, leaving out what is unknown.
  public var description: String {
    var text = file
    if let line {
      text += ":\(line)"
      if let column { text += ":\(column)" }
    }
    return text
  }
}

/// A located message that lets work go on: a pattern that matches nothing, a file skipped.
///
/// Diagnostics are not errors: an error stops an operation, a diagnostic is reported beside
/// its result.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
  /// How serious it is.
  public var severity: Severity
  /// Where it is.
  public var location: SourceLocation
  /// What it says, as one sentence without a final period.
  public var message: String

  /// Creates a diagnostic.
  public init(_ severity: Severity, _ location: SourceLocation, _ message: String) {
    self.severity = severity
    self.location = location
    self.message = message
  }

  /// `file:line:column: severity: message`, as compilers print it.
  public var description: String { "\(location): \(severity.rawValue): \(message)" }
}
