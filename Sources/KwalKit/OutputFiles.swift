import KwalExport

/// The command line's access to the output bookkeeping of KwalExport.
public enum OutputFiles {
  /// Removes every temporary output file of this process (on SIGINT or SIGTERM).
  public static func removeTemporaries() { AtomicFile.removeLiveTemporaries() }
}
