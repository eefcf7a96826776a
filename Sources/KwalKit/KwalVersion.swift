/// Kwal's version.
public enum KwalVersion {
  /// The version string `kwal --version` prints.
  public static let string = "0.1.0"
}
