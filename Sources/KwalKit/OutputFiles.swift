import KwalExport

/// The command line's access to the output bookkeeping of KwalExport.
public enum OutputFiles {
  /// Removes every temporary output file of this process (on SIGINT or SIGTERM).
  public static func removeTemporaries() { AtomicFile.removeLiveTemporaries() }

  /// Makes every command that reads or writes an output folder finish or undo a run that a
  /// killed process left half-committed, asking the folder's project store (once, at start).
  public static func installRecovery() { StoreCommit.installCheck() }
}
