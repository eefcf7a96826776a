public import Foundation
internal import Synchronization

/// A progress line on standard error for long runs: `kwal code: 1,234 of 5,000 documents,
/// 12.3 MB/s, 0:42 left`, redrawn in place at most four times a second.
///
/// Only on a terminal: when standard error is a file or a pipe, or with `--quiet`, nothing is
/// drawn and no control sequence is written. Safe to call from several threads.
public final class ProgressLine: Sendable {
  /// Where the line goes and what time it is (injected by tests).
  public struct Output: Sendable {
    public var write: @Sendable (String) -> Void
    public var now: @Sendable () -> Double

    public init(write: @escaping @Sendable (String) -> Void, now: @escaping @Sendable () -> Double) {
      self.write = write
      self.now = now
    }

    /// Standard error and the monotonic clock.
    public static let standardError = Output(
      write: { FileHandle.standardError.write(Data($0.utf8)) },
      now: { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 })
  }

  struct State {
    var done = 0
    var bytes = 0
    var lastDrawn = -1.0
    var drawn = false
  }

  private let label: String
  private let unit: String
  private let total: Int
  private let output: Output?
  private let started: Double
  private let state = Mutex(State())
  /// Seconds between redraws.
  static let interval = 0.25

  /// A line for `total` items of `unit` ("documents"); drawn only when `enabled`.
  public init(label: String, unit: String, total: Int, enabled: Bool, output: Output = .standardError) {
    self.label = label
    self.unit = unit
    self.total = total
    self.output = enabled ? output : nil
    started = output.now()
  }

  /// Whether a line should be drawn for a command: standard error is a terminal and not `--quiet`.
  public static func wanted(quiet: Bool) -> Bool {
    !quiet && isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
  }

  /// Counts `items` more done, of `bytes` bytes; redraws when the last drawing is old enough.
  public func advance(by items: Int = 1, bytes: Int = 0) {
    guard let output else { return }
    let now = output.now()
    let text: String? = state.withLock { state in
      state.done += items
      state.bytes += bytes
      guard now - state.lastDrawn >= Self.interval || state.done == total else { return nil }
      state.lastDrawn = now
      state.drawn = true
      return render(done: state.done, bytes: state.bytes, elapsed: now - started)
    }
    if let text { output.write("\r\u{1B}[K" + text) }
  }

  /// Shows what the command is doing when there is nothing to count (`kwal matrix: reading
  /// kwal-out/codings.csv (175 MB)`); replaced by the next phase, an advance or the clearing.
  public func phase(_ text: String) {
    guard let output else { return }
    let now = output.now()
    state.withLock { state in
      state.drawn = true
      state.lastDrawn = now
    }
    output.write("\r\u{1B}[K\(label): \(text)")
  }

  /// Clears the line (the final summary is printed as before).
  public func finish() {
    guard let output else { return }
    let drawn = state.withLock { state in
      defer { state.drawn = false }
      return state.drawn
    }
    if drawn { output.write("\r\u{1B}[K") }
  }

  /// The line's text.
  func render(done: Int, bytes: Int, elapsed: Double) -> String {
    var parts = ["\(label): \(Self.grouped(done)) of \(Self.grouped(total)) \(unit)"]
    if bytes > 0, elapsed > 0.05 {
      parts.append(String(format: "%.1f MB/s", Double(bytes) / 1_000_000 / elapsed))
    }
    if done > 0, done < total, elapsed > 0.5 {
      let left = Int((elapsed / Double(done) * Double(total - done)).rounded())
      parts.append(String(format: "%d:%02d left", left / 60, left % 60))
    }
    return parts.joined(separator: ", ")
  }

  /// `12,345`.
  static func grouped(_ value: Int) -> String {
    let digits = String(value)
    var result = ""
    for (index, character) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
      result.append(character)
    }
    return result
  }
}
