internal import Foundation

/// Kwal's version.
public enum KwalVersion {
  /// The version string `kwal --version` prints.
  public static let string = "0.1.0"

  /// The version and the running executable's size and time: what a document's stored rows are
  /// reused under. Rows made by another build of Kwal (even one with the same version string)
  /// are made again, since the rules of coding may have changed with it.
  static let build: String = {
    let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? "kwal")
    let attributes =
      (try? FileManager.default.attributesOfItem(atPath: executable.resolvingSymlinksInPath().path)) ?? [:]
    let size = (attributes[.size] as? Int) ?? 0
    let time = Int(((attributes[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0)).timeIntervalSince1970)
    return "\(string)+\(size).\(time)"
  }()
}
