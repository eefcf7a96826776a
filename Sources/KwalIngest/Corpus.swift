public import Foundation
public import KwalModel

/// One file of a corpus, before it is read.
public struct CorpusEntry: Sendable, Hashable {
  /// The document id: the path relative to the corpus root, with `/` separators.
  public var id: String
  /// The file.
  public var url: URL
}

/// A corpus folder (or a list of files): its entries, in id order, and what was noticed listing them.
///
/// Reading a document is independent of every other, so workers may call ``document(_:)`` in
/// parallel.
public struct Corpus: Sendable {
  /// The corpus root (the folder ids are relative to).
  public var root: URL
  /// The files to ingest, sorted by id.
  public var entries: [CorpusEntry]
  /// Skipped files and other notes about the corpus as a whole.
  public var diagnostics: [Diagnostic]

  /// The file extensions Kwal reads.
  public static let supportedExtensions: Set<String> = ["txt", "md"]

  /// Opens a corpus folder: lists its files (hidden files and folders are left out).
  public static func open(_ root: URL) throws(IngestError) -> Corpus {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder) else {
      throw IngestError(.missingInput, "no such corpus folder", at: SourceLocation(file: root.path))
    }
    guard isFolder.boolValue else {
      throw IngestError(.usage, "not a folder", at: SourceLocation(file: root.path))
    }
    let rootPath = root.standardizedFileURL.path
    guard
      let enumerator = FileManager.default.enumerator(
        at: root.standardizedFileURL, includingPropertiesForKeys: [.isRegularFileKey],
        options: [.skipsHiddenFiles])
    else {
      throw IngestError(.missingInput, "cannot list the corpus folder", at: SourceLocation(file: root.path))
    }
    var entries: [CorpusEntry] = []
    var diagnostics: [Diagnostic] = []
    for case let url as URL in enumerator {
      guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
      var relative = url.standardizedFileURL.path
      if relative.hasPrefix(rootPath) { relative.removeFirst(rootPath.count) }
      while relative.hasPrefix("/") { relative.removeFirst() }
      let ext = url.pathExtension.lowercased()
      if supportedExtensions.contains(ext) {
        entries.append(CorpusEntry(id: relative, url: url))
      } else {
        diagnostics.append(Diagnostic(.note, SourceLocation(file: relative), "skipped: unknown file type \".\(ext)\""))
      }
    }
    entries.sort { $0.id < $1.id }
    diagnostics.sort { $0.location.file < $1.location.file }
    return Corpus(root: root, entries: entries, diagnostics: diagnostics)
  }

  /// Reads one document: its plain text and structure, with the diagnostics for this file.
  public func document(_ entry: CorpusEntry) throws(IngestError) -> (document: Document, diagnostics: [Diagnostic]) {
    let data: Data
    do {
      data = try Data(contentsOf: entry.url)
    } catch {
      throw IngestError(.missingInput, "cannot read file", at: SourceLocation(file: entry.id))
    }
    guard var text = String(data: data, encoding: .utf8) else {
      throw IngestError(.badData, "not valid UTF-8 text", at: SourceLocation(file: entry.id))
    }
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    text = text.precomposedStringWithCanonicalMapping
    let caseName = entry.id.split(separator: "/").count > 1 ? String(entry.id.split(separator: "/")[0]) : ""
    let document = Document(
      id: entry.id, kind: .document, caseName: caseName, text: text, segments: Self.paragraphs(text))
    return (document, [])
  }

  /// Paragraphs: runs of lines separated by blank lines.
  static func paragraphs(_ text: String) -> [Segment] {
    var segments: [Segment] = []
    let bytes = Array(text.utf8)
    var index = 0
    while index < bytes.count {
      while index < bytes.count, bytes[index] == 0x0A || bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
      guard index < bytes.count else { break }
      let start = index
      var end = index
      while index < bytes.count {
        if bytes[index] == 0x0A {
          var look = index + 1
          while look < bytes.count, bytes[look] == 0x20 || bytes[look] == 0x09 { look += 1 }
          if look >= bytes.count || bytes[look] == 0x0A { break }
        }
        index += 1
        if bytes[index - 1] != 0x0A && bytes[index - 1] != 0x20 { end = index }
      }
      segments.append(Segment(kind: .paragraph, range: ByteRange(start, end)))
    }
    return segments
  }
}
