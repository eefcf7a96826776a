internal import Foundation

/// Runs long work on a thread of its own, not on Dispatch's shared pool (the codebook's loader
/// reads its cues early the same way).
///
/// Dispatch sizes its pool by the cores the process may use. With one core (`taskset -c 0`, a
/// Slurm task with one CPU) the pool has one thread: work that waits there for other queued work
/// (the codebook's parse waiting for its cues, a batch waiting for the write queue) waited
/// until Dispatch noticed the blocked thread and added another, about a second later, twice
/// per run. A thread of its own never waits for the pool.
enum OwnThread {
  /// Starts `body` on a new thread with the main thread's stack size (8 MiB).
  static func start(_ body: @escaping @Sendable () -> Void) {
    let thread = Thread(block: body)
    thread.stackSize = 8 << 20
    thread.start()
  }
}
