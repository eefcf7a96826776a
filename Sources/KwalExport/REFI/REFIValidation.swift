public import Foundation
public import KwalModel
internal import KwalZip
internal import ZIPFoundation

/// Checks REFI-QDA files against the official schemas: a `.qdc` against `Codebook.xsd`, the
/// `.qde` inside a `.qdpx` against `Project.xsd`.
public enum REFIValidation {
  /// The largest `.qde` read out of a `.qdpx` (a guard against zip bombs).
  public static let maximumProjectSize: UInt64 = 512 * 1024 * 1024

  /// The schema violations of the file at `url` (empty when valid), with the `.xsd` files in `schemas`.
  public static func validate(_ url: URL, schemas: URL) throws(ExportError) -> [Diagnostic] {
    let isProject = url.pathExtension.lowercased() == "qdpx"
    let schema = schemas.appendingPathComponent(isProject ? "Project.xsd" : "Codebook.xsd")
    guard FileManager.default.fileExists(atPath: schema.path) else {
      throw ExportError(
        .missingInput, "no schema \(schema.lastPathComponent) in \(schemas.path)", at: SourceLocation(file: schema.path)
      )
    }
    let validator = try SchemaValidator(schema: schema)
    if !isProject {
      guard let data = FileManager.default.contents(atPath: url.path) else {
        throw ExportError(.missingInput, "cannot read the file", at: SourceLocation(file: url.path))
      }
      return validator.validate(data, name: url.path)
    }
    let (name, data) = try projectXML(url)
    return validator.validate(data, name: "\(url.path)/\(name)")
  }

  /// The name and bytes of the project document (`project.qde`, or the one `.qde` at the top)
  /// inside the `.qdpx` at `url`.
  public static func projectXML(_ url: URL) throws(ExportError) -> (name: String, data: Data) {
    let location = SourceLocation(file: url.path)
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
      throw ExportError(.missingInput, "no such file", at: location)
    }
    // The zip reader never returns on a folder: refuse it first.
    guard !isFolder.boolValue else { throw ExportError(.badData, "a folder, not a .qdpx file", at: location) }
    let archive: Archive
    do {
      archive = try Archive(url: url, accessMode: .read)
    } catch {
      throw ExportError(.badData, "not a zip file (a .qdpx is a zip)", at: location)
    }
    let candidates = archive.filter {
      $0.type == .file && !$0.path.contains("/") && $0.path.lowercased().hasSuffix(".qde")
    }
    guard let entry = candidates.first(where: { $0.path == "project.qde" }) ?? candidates.first else {
      throw ExportError(.badData, "no project.qde in the .qdpx", at: location)
    }
    guard entry.uncompressedSize <= maximumProjectSize else {
      throw ExportError(.badData, "\(entry.path) is larger than \(maximumProjectSize) bytes: refused", at: location)
    }
    let data: Data
    do {
      data = try archive.contents(of: entry, in: url, limit: maximumProjectSize)
    } catch {
      throw ExportError(.badData, "cannot read \(entry.path) from the zip: \(error.reason)", at: location)
    }
    return (entry.path, data)
  }
}
