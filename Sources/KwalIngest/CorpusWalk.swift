import Foundation
import KwalModel

/// Lists the files below a corpus folder with the operating system's own directory calls, so that
/// nothing is left out in silence: a file is either listed or named in a diagnostic.
///
/// - Regular files are listed; hidden files and folders (`.name`) are left out, as everywhere.
/// - A symbolic link to a regular file is listed under the link's own path; a link to a folder is
///   not followed (links could make a cycle) and a broken link is named; both get a note.
/// - A name that is not valid UTF-8 cannot become a document id or a CSV cell: it is named, with
///   its invalid bytes as `\xNN`, and left out.
/// - Sockets, pipes and devices are named and left out.
///
/// Skips of files that look like documents (a known extension) are warnings, so `--quiet` shows them.
enum CorpusWalk {
  /// The extension of a path's last component as `NSString.pathExtension` reads it (the text
  /// after its last dot, unless the dot begins or ends the component), found on the string's
  /// bytes: a corpus asks this of every file, and Foundation's answer cost thousands of
  /// instructions each time.
  static func pathExtension(_ path: String) -> Substring {
    let bytes = path.utf8
    var end = bytes.endIndex
    while end > bytes.startIndex, bytes[bytes.index(before: end)] == 0x2F { end = bytes.index(before: end) }
    var index = end
    var dot: String.Index?
    while index > bytes.startIndex {
      let previous = bytes.index(before: index)
      let byte = bytes[previous]
      if byte == 0x2F { break }
      if byte == 0x2E, dot == nil { dot = previous }
      index = previous
    }
    guard let dot, dot > index, bytes.index(after: dot) < end else { return "" }
    return path[bytes.index(after: dot)..<end]
  }

  /// The extension as `URL.pathExtension` reads it: as ``pathExtension(_:)``, but none when it
  /// holds a space.
  static func urlPathExtension(_ path: String) -> Substring {
    let found = pathExtension(path)
    return found.utf8.contains(0x20) ? "" : found
  }

  /// A path's last component (a file's name: the path has no trailing `/`).
  static func lastComponent(_ path: String) -> Substring {
    guard let slash = path.utf8.lastIndex(of: 0x2F) else { return path[...] }
    return path[path.utf8.index(after: slash)...]
  }

  /// The files below `root` (each file's absolute path, and its path relative to `root`,
  /// `/`-separated, as its id) and what was left out.
  static func files(below root: URL, documentExtensions: Set<String>) -> (
    files: [(path: String, id: String)], diagnostics: [Diagnostic]
  ) {
    var files: [(path: String, id: String)] = []
    var diagnostics: [Diagnostic] = []
    var pending: [(path: String, relative: String)] = [(root.standardizedFileURL.path, "")]
    var visited: Set<[UInt64]> = []
    while let (folder, relative) = pending.popLast() {
      guard let directory = opendir(folder) else {
        diagnostics.append(
          Diagnostic(
            .warning, SourceLocation(file: relative.isEmpty ? folder : relative),
            "skipped: cannot list the folder (\(String(cString: strerror(errno))))"))
        continue
      }
      defer { closedir(directory) }
      var folderStatus = stat()
      if stat(folder, &folderStatus) == 0 {
        guard visited.insert([UInt64(folderStatus.st_dev), UInt64(folderStatus.st_ino)]).inserted else { continue }
      }
      // Each name with its type as the directory gives it (a regular file or a folder needs no
      // `lstat` then; other types, and file systems that do not say, are asked).
      var names: [(name: [UInt8], type: UInt8)] = []
      while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
          Array(raw.prefix { $0 != 0 })
        }
        if name.first == UInt8(ascii: ".") { continue }
        names.append((name, entry.pointee.d_type))
      }
      names.sort { $0.name.lexicographicallyPrecedes($1.name) }
      for (name, type) in names {
        guard let text = String(validatingUTF8: name.map { CChar(bitPattern: $0) } + [0]) else {
          let shown = escaped(name)
          let location = relative.isEmpty ? shown : relative + "/" + shown
          diagnostics.append(
            Diagnostic(
              .warning, SourceLocation(file: location),
              "skipped: the file name is not valid UTF-8; rename it (in UTF-8) to read it"))
          continue
        }
        let path = (folder as NSString).appendingPathComponent(text)
        let id = relative.isEmpty ? text : relative + "/" + text
        let mode: mode_t
        switch Int32(type) {
        case Int32(DT_REG): mode = S_IFREG
        case Int32(DT_DIR): mode = S_IFDIR
        default:
          var linkStatus = stat()
          guard lstat(path, &linkStatus) == 0 else { continue }
          mode = linkStatus.st_mode & S_IFMT
        }
        let looksLikeDocument = documentExtensions.contains(pathExtension(text).lowercased())
        switch mode {
        case S_IFDIR:
          pending.append((path, id))
        case S_IFREG:
          files.append((path, id))
        case S_IFLNK:
          var target = stat()
          if stat(path, &target) != 0 {
            diagnostics.append(
              Diagnostic(
                looksLikeDocument ? .warning : .note, SourceLocation(file: id),
                "skipped: a symbolic link to a file that does not exist"))
          } else if target.st_mode & S_IFMT == S_IFREG {
            files.append((path, id))
          } else if target.st_mode & S_IFMT == S_IFDIR {
            diagnostics.append(
              Diagnostic(
                .note, SourceLocation(file: id),
                "skipped: a symbolic link to a folder (not followed; copy the folder or name its files)"))
          } else {
            diagnostics.append(
              Diagnostic(.note, SourceLocation(file: id), "skipped: a symbolic link to a special file"))
          }
        default:
          diagnostics.append(
            Diagnostic(
              looksLikeDocument ? .warning : .note, SourceLocation(file: id),
              "skipped: not a regular file (a pipe, socket or device)"))
        }
      }
    }
    return (files, diagnostics)
  }

  /// The name with every byte that is not part of valid UTF-8 as `\xNN`.
  static func escaped(_ name: [UInt8]) -> String {
    var result = ""
    var index = 0
    while index < name.count {
      var decoder = UTF8()
      var iterator = name[index...].makeIterator()
      let start = index
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        var width = 0
        for _ in String(scalar).utf8 { width += 1 }
        // The decoder reads ahead by at most one scalar; count the bytes the scalar takes.
        result.unicodeScalars.append(scalar)
        index = start + width
      default:
        result += String(format: "\\x%02X", name[index])
        index += 1
      }
    }
    return result
  }
}
