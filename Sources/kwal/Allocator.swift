import CAllocator

/// Process-wide allocator settings for batch runs: a setting of the process, so it lives in the
/// executable, not in the library (a program that links KwalKit keeps its own allocator policy).
enum Allocator {
  /// Keeps freed memory for reuse instead of returning every large block to the system.
  ///
  /// Coding or ingesting a corpus allocates and frees the same large per-document arrays (a
  /// document's tokens, a page's DOM) over and over; with glibc's defaults each one is a fresh
  /// `mmap` whose pages fault in again (about a tenth of a run's time). Blocks up to 32 MiB
  /// (glibc's largest mmap threshold) now come from the heap and stay there; peak memory is
  /// unchanged because the same blocks are reused.
  static func keepFreedMemory() { _ = configured }

  private static let configured: Bool = {
    kwal_keep_freed_memory(32 << 20)
    return true
  }()
}
