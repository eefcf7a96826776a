public import Foundation
public import KwalModel
internal import Yams

/// A corpus manifest (`corpus.yaml`): case, kind, date, phase and attributes per document or
/// glob, and the labels that mark the interviewer. See `CorpusManifest.md`.
public struct CorpusManifest: Sendable, Hashable {
  /// What one entry (or `defaults`) sets; every field is optional.
  public struct Settings: Sendable, Hashable {
    /// The case.
    public var caseName: String?
    /// The document kind.
    public var kind: DocumentKind?
    /// The date, as written (normally `YYYY-MM-DD`).
    public var date: String?
    /// The title.
    public var title: String?
    /// Attributes, `phase` and `actor` included.
    public var attributes: [String: String] = [:]
    /// Labels that mark the interviewer in the matched documents.
    public var interviewer: [String]?
    /// Roles by speaker label.
    public var roles: [String: SpeakerRole] = [:]
    /// The document id to use instead of the file's path (only on an entry naming one file).
    public var id: String?

    /// Creates empty settings.
    public init() {}

    /// Applies `other` over these settings, key by key.
    mutating func apply(_ other: Settings) {
      if let value = other.caseName { caseName = value }
      if let value = other.kind { kind = value }
      if let value = other.date { date = value }
      if let value = other.title { title = value }
      if let value = other.interviewer { interviewer = value }
      if let value = other.id { id = value }
      attributes.merge(other.attributes) { _, new in new }
      roles.merge(other.roles) { _, new in new }
    }
  }

  /// One `documents:` entry.
  public struct Entry: Sendable, Hashable {
    /// The path or glob, relative to the corpus root.
    public var path: String
    /// The 1-based line of the entry's `path` in `corpus.yaml`.
    public var line: Int
    /// The 1-based column of the entry's `path` value.
    public var column: Int
    /// What the entry sets.
    public var settings: Settings

    /// Creates an entry.
    public init(path: String, line: Int, column: Int, settings: Settings) {
      self.path = path
      self.line = line
      self.column = column
      self.settings = settings
    }
  }

  /// The file name Kwal looks for at the corpus root.
  public static let fileName = "corpus.yaml"

  /// The built-in interviewer labels.
  public static let builtInInterviewerLabels = [
    "I", "Int", "Interviewer", "Interviewster", "Onderzoeker", "Onderzoekster", "Vraag", "V",
  ]

  /// The manifest's file, as the user should see it.
  public var file: String
  /// The global interviewer labels (nil: the built-in ones).
  public var interviewer: [String]?
  /// Globs of files that are not documents (`exclude:`).
  public var exclude: [String] = []
  /// The defaults, applied to every document first.
  public var defaults: Settings
  /// The entries, in file order.
  public var entries: [Entry]
  /// What was noticed reading the manifest (unknown keys, bad values).
  public var diagnostics: [Diagnostic]
  /// Named groups of documents (`sets:`), by document id.
  public var sets: [DocumentSet] = []

  /// An empty manifest.
  public init(file: String = fileName) {
    self.file = file
    self.interviewer = nil
    self.defaults = Settings()
    self.entries = []
    self.diagnostics = []
  }

  /// Parses a manifest; `file` names it in diagnostics and errors.
  public static func parse(_ yaml: String, file: String = fileName) throws(IngestError) -> CorpusManifest {
    var manifest = CorpusManifest(file: file)
    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml)
    } catch let error as YamlError {
      throw IngestError(.badData, "not valid YAML: \(Self.describe(error))", at: Self.location(of: error, file: file))
    } catch {
      throw IngestError(.badData, "not valid YAML", at: SourceLocation(file: file))
    }
    guard let root else { return manifest }
    guard let mapping = root.mapping else {
      throw IngestError(
        .badData, "the manifest must be a mapping (interviewer, defaults, documents)", at: manifest.location(root))
    }
    for (key, value) in mapping {
      let name = key.string ?? ""
      switch name {
      case "interviewer":
        manifest.interviewer = manifest.stringList(value, key: "interviewer")
      case "defaults":
        manifest.defaults = manifest.settings(value, allowPath: false)
      case "exclude":
        manifest.exclude = manifest.stringList(value, key: "exclude") ?? []
      case "documents":
        guard let sequence = value.sequence else {
          manifest.warn(value, "\"documents\" must be a list of entries with a \"path\"")
          continue
        }
        for item in sequence {
          guard item.mapping != nil else {
            manifest.warn(item, "a document entry must be a mapping with a \"path\"")
            continue
          }
          let pathNode = item.mapping?["path"]
          guard let pathNode, let path = pathNode.string, !path.isEmpty else {
            manifest.warn(item, "document entry without \"path\"")
            continue
          }
          let settings = manifest.settings(item, allowPath: true)
          manifest.entries.append(
            Entry(path: path, line: pathNode.mark?.line ?? 0, column: pathNode.mark?.column ?? 0, settings: settings))
        }
      case "sets":
        manifest.sets = manifest.documentSets(value)
      default:
        manifest.warn(key, "unknown key \"\(name)\" (known: interviewer, defaults, exclude, documents, sets)")
      }
    }
    return manifest
  }

  /// Reads `corpus.yaml` from `root`, when there is one.
  public static func load(root: URL) throws(IngestError) -> CorpusManifest? {
    let url = root.appendingPathComponent(fileName)
    guard FileManager.default.fileExists(atPath: url.path) else { return nil }
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw IngestError(.missingInput, "cannot read the manifest", at: SourceLocation(file: fileName))
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw IngestError(.badData, "the manifest is not valid UTF-8", at: SourceLocation(file: fileName))
    }
    return try parse(text, file: fileName)
  }

  /// The settings for the document `id`: defaults, then every matching entry in order.
  public func settings(for id: String) -> Settings {
    var result = defaults
    for entry in entries where Glob.matches(entry.path, id) { result.apply(entry.settings) }
    return result
  }

  /// Whether `id` is excluded by an `exclude:` glob.
  public func excludes(_ id: String) -> Bool { exclude.contains { Glob.matches($0, id) } }

  /// Whether an entry names `id` exactly (not by a glob).
  public func names(_ id: String) -> Bool { entries.contains { $0.path == id } }

  /// The document id of the file `path`: the `id:` of the last entry naming it exactly, or the path.
  public func documentID(for path: String) -> String {
    entries.last { $0.path == path && $0.settings.id != nil }?.settings.id ?? path
  }

  /// Diagnostics for entries that match none of `ids`.
  public func unmatched(_ ids: [String]) -> [Diagnostic] {
    entries.compactMap { entry in
      ids.contains(where: { Glob.matches(entry.path, $0) })
        ? nil
        : Diagnostic(
          .warning, SourceLocation(file: file, line: entry.line, column: entry.column),
          "\"\(entry.path)\" matches no document")
    }
  }

  // MARK: - Reading nodes

  private static let entryKeys: Set<String> = [
    "path", "id", "case", "kind", "date", "title", "phase", "actor", "attributes", "interviewer", "roles",
  ]

  private mutating func settings(_ node: Node, allowPath: Bool) -> Settings {
    var settings = Settings()
    guard let mapping = node.mapping else {
      warn(node, "expected a mapping")
      return settings
    }
    for (key, value) in mapping {
      let name = key.string ?? ""
      switch name {
      case "path":
        if !allowPath { warn(key, "\"path\" belongs in a document entry, not in defaults") }
      case "id":
        guard let text = scalar(value, key: name) else { continue }
        let path = mapping["path"]?.string ?? ""
        if !allowPath {
          warn(key, "\"id\" belongs in a document entry naming one file, not in defaults")
        } else if path.isEmpty || path.contains(where: { "*?[".contains($0) }) || path.hasSuffix("/") {
          warn(key, "\"id\" needs a \"path\" naming one file, not a glob or folder: ignored")
        } else if text.isEmpty || text.hasPrefix("/") || text.split(separator: "/").contains("..") {
          warn(value, "\"id\" must be a relative path without \"..\": ignored")
        } else {
          settings.id = text
        }
      case "case": settings.caseName = scalar(value, key: name)
      case "title": settings.title = scalar(value, key: name)
      case "kind":
        if let text = scalar(value, key: name) {
          if let kind = DocumentKind(rawValue: text.lowercased()) {
            settings.kind = kind
          } else {
            warn(value, "unknown kind \"\(text)\" (interview, minutes, blog or document)")
          }
        }
      case "date":
        if let text = scalar(value, key: name) {
          settings.date = text
          if DutchDate.parse(text) != text { warn(value, "date \"\(text)\" is not YYYY-MM-DD; kept as written") }
        }
      case "phase", "actor":
        if let text = scalar(value, key: name) { settings.attributes[name] = text }
      case "attributes":
        guard let attributes = value.mapping else {
          warn(value, "\"attributes\" must be a mapping of names to values")
          continue
        }
        for (attributeKey, attributeValue) in attributes {
          guard let attributeName = attributeKey.string else { continue }
          if let text = scalar(attributeValue, key: attributeName) { settings.attributes[attributeName] = text }
        }
      case "interviewer":
        settings.interviewer = stringList(value, key: name)
      case "roles":
        guard let roles = value.mapping else {
          warn(value, "\"roles\" must map speaker labels to interviewer or respondent")
          continue
        }
        for (labelNode, roleNode) in roles {
          guard let label = labelNode.string, let roleText = roleNode.string else { continue }
          if let role = SpeakerRole(rawValue: roleText.lowercased()) ?? TextStructure.role(named: roleText.lowercased())
          {
            settings.roles[label] = role
          } else {
            warn(roleNode, "unknown role \"\(roleText)\" (interviewer or respondent)")
          }
        }
      default:
        warn(key, "unknown key \"\(name)\" (known: \(Self.entryKeys.sorted().joined(separator: ", ")))")
      }
    }
    return settings
  }

  /// The document sets: a list of `name`, `description` and `documents` (document ids).
  private mutating func documentSets(_ node: Node) -> [DocumentSet] {
    guard let items = node.sequence else {
      warn(node, "\"sets\" must be a list of sets with a \"name\" and \"documents\"")
      return []
    }
    var sets: [DocumentSet] = []
    for item in items {
      guard let mapping = item.mapping, let name = mapping["name"]?.string, !name.isEmpty else {
        warn(item, "a document set needs a \"name\"")
        continue
      }
      if sets.contains(where: { $0.name == name }) { warn(item, "document set \"\(name)\" is defined twice") }
      var set = DocumentSet(name: name, description: mapping["description"]?.string)
      if let documents = mapping["documents"] { set.documents = stringList(documents, key: "documents") ?? [] }
      for (key, _) in mapping where !["name", "description", "documents"].contains(key.string ?? "") {
        warn(key, "unknown key \"\(key.string ?? "")\" in a document set (known: name, description, documents)")
      }
      sets.append(set)
    }
    return sets
  }

  private mutating func scalar(_ node: Node, key: String) -> String? {
    if let text = node.scalar?.string { return text }
    warn(node, "\"\(key)\" must be a single value")
    return nil
  }

  private mutating func stringList(_ node: Node, key: String) -> [String]? {
    if let text = node.scalar?.string { return [text] }
    guard let sequence = node.sequence else {
      warn(node, "\"\(key)\" must be a list of labels")
      return nil
    }
    return sequence.compactMap { $0.scalar?.string }
  }

  private mutating func warn(_ node: Node, _ message: String) {
    diagnostics.append(Diagnostic(.warning, location(node), message))
  }

  private func location(_ node: Node) -> SourceLocation {
    SourceLocation(file: file, line: node.mark?.line, column: node.mark?.column)
  }

  private static func location(of error: YamlError, file: String) -> SourceLocation {
    switch error {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
      return SourceLocation(file: file, line: mark.line, column: mark.column)
    default:
      return SourceLocation(file: file)
    }
  }

  private static func describe(_ error: YamlError) -> String {
    switch error {
    case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
      return problem
    case .duplicatedKeysInMapping(let duplicates, _):
      return "duplicate keys \(duplicates.joined(separator: ", "))"
    default:
      return "\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable"
    }
  }
}

/// Glob matching for manifest paths: `*` within a folder name, `**` across folders, `?` one
/// character, `[abc]` one of a set; a path without wildcards matches itself.
enum Glob {
  /// Whether `pattern` matches the document id `path`.
  static func matches(_ pattern: String, _ path: String) -> Bool {
    var pattern = pattern
    while pattern.hasPrefix("./") { pattern.removeFirst(2) }
    if !pattern.contains(where: { "*?[".contains($0) }) {
      return pattern == path || path.hasPrefix(pattern.hasSuffix("/") ? pattern : pattern + "/")
    }
    return match(Array(pattern.unicodeScalars), 0, Array(path.unicodeScalars), 0)
  }

  private static func match(_ p: [Unicode.Scalar], _ pi: Int, _ s: [Unicode.Scalar], _ si: Int) -> Bool {
    var pi = pi
    var si = si
    while pi < p.count {
      let c = p[pi]
      if c == "*" {
        let doubleStar = pi + 1 < p.count && p[pi + 1] == "*"
        var next = pi + (doubleStar ? 2 : 1)
        if doubleStar, next < p.count, p[next] == "/" { next += 1 }
        if next >= p.count { return doubleStar || !s[si...].contains("/") }
        var k = si
        while k <= s.count {
          if match(p, next, s, k) { return true }
          if k < s.count, s[k] == "/", !doubleStar { return false }
          k += 1
        }
        return false
      }
      guard si < s.count else { return false }
      if c == "?" {
        if s[si] == "/" { return false }
      } else if c == "[" {
        guard let close = p[(pi + 1)...].firstIndex(of: "]") else { return false }
        var set = p[(pi + 1)..<close]
        var negate = false
        if set.first == "!" || set.first == "^" {
          negate = true
          set = set.dropFirst()
        }
        var found = false
        var index = set.startIndex
        while index < set.endIndex {
          if index + 2 < set.endIndex, set[index + 1] == "-" {
            if (set[index].value...set[index + 2].value).contains(s[si].value) { found = true }
            index += 3
          } else {
            if set[index] == s[si] { found = true }
            index += 1
          }
        }
        if found == negate { return false }
        pi = close
      } else if c != s[si] {
        return false
      }
      pi += 1
      si += 1
    }
    return si == s.count
  }
}
