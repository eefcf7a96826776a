public import Foundation
public import KwalModel
internal import KwalXML

/// One file of a corpus, before it is read.
public struct CorpusEntry: Sendable, Hashable {
  /// The document id: the path relative to the corpus root, with `/` separators, unless the
  /// manifest gives the file another `id:`.
  public var id: String
  /// The path relative to the corpus root, with `/` separators (what manifest entries match).
  public var path: String
  /// The file's absolute path (kept as a string: a corpus of a hundred thousand files holds a
  /// list of them, and a `URL` is several times the size).
  public var file: String
  /// The file.
  public var url: URL {
    // Said to be a file: otherwise Foundation asks the file system whether it is a folder.
    get { URL(fileURLWithPath: file, isDirectory: false) }
    set { file = newValue.path }
  }

  /// Creates an entry; the id is the path unless given.
  public init(id: String, path: String? = nil, url: URL) {
    self.init(id: id, path: path, file: url.path)
  }

  /// Creates an entry for the file at the absolute path `file`; the id is the path unless given.
  public init(id: String, path: String? = nil, file: String) {
    self.id = id
    self.path = path ?? id
    self.file = file
  }
}

/// A corpus folder (or a list of files): its entries, in id order, and what was noticed listing them.
///
/// Reading a document is independent of every other and touches no shared state, so workers may
/// call ``document(_:)`` in parallel.
public struct Corpus: Sendable {
  /// The corpus root (the folder ids are relative to).
  public var root: URL
  /// The files to ingest, sorted by id.
  public var entries: [CorpusEntry]
  /// Skipped files, manifest diagnostics and other notes about the corpus as a whole.
  public var diagnostics: [Diagnostic]
  /// The manifest (`corpus.yaml` at the root), when there is one.
  public var manifest: CorpusManifest?

  /// The file extensions Kwal reads.
  public static let supportedExtensions = Set([
    "txt", "text", "org", "docx", "vtt", "srt", "html", "htm", "xhtml", "pdf", "xml",
  ]).union(ServerPage.extensions).union(markdownExtensions)

  /// The extensions Markdown files go by (`.md` most often; `.mdown`, `.mkd` and the others in
  /// repositories and wikis).
  public static let markdownExtensions: Set<String> = ["md", "markdown", "mdown", "mkd", "mkdn", "mdwn", "mdtxt"]

  /// Creates a corpus from parts (for tests and tools).
  public init(root: URL, entries: [CorpusEntry], diagnostics: [Diagnostic] = [], manifest: CorpusManifest? = nil) {
    self.root = root
    self.entries = entries
    self.diagnostics = diagnostics
    self.manifest = manifest
  }

  /// Opens a corpus folder: reads `corpus.yaml` and lists the files (hidden files and folders are
  /// left out; unknown file types are skipped with a note).
  public static func open(_ root: URL) throws(IngestError) -> Corpus {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder) else {
      throw IngestError(.missingInput, "no such corpus folder", at: SourceLocation(file: root.path))
    }
    guard isFolder.boolValue else {
      throw IngestError(.usage, "not a folder", at: SourceLocation(file: root.path))
    }
    let walk = CorpusWalk.files(below: root, documentExtensions: supportedExtensions)
    let files = walk.files.map { CorpusEntry(id: $0.id, file: $0.path) }
    var corpus = try assemble(root: root, files: files, reportUnmatched: true)
    corpus.diagnostics = (corpus.diagnostics + walk.diagnostics).sorted {
      ($0.location.file, $0.location.line ?? 0, $0.location.column ?? 0) < (
        $1.location.file, $1.location.line ?? 0, $1.location.column ?? 0
      )
    }
    return corpus
  }

  /// Opens a list of files as a corpus. The root is the nearest folder above them all that holds
  /// a `corpus.yaml`, or else their deepest common folder.
  public static func open(files urls: [URL]) throws(IngestError) -> Corpus {
    var standardized: [URL] = []
    for url in urls {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
        throw IngestError(.missingInput, "no such file or folder", at: SourceLocation(file: url.path))
      }
      if isFolder.boolValue {
        throw IngestError(
          .usage, "a folder among files; give one corpus folder or a list of files", at: SourceLocation(file: url.path))
      }
      standardized.append(url.standardizedFileURL)
    }
    guard let first = standardized.first else {
      throw IngestError(.usage, "no files given")
    }
    var common = first.deletingLastPathComponent().pathComponents
    for url in standardized.dropFirst() {
      let parts = url.deletingLastPathComponent().pathComponents
      var length = 0
      while length < min(common.count, parts.count), common[length] == parts[length] { length += 1 }
      common = Array(common[..<length])
    }
    var root = URL(fileURLWithPath: common.isEmpty ? "/" : NSString.path(withComponents: common), isDirectory: true)
    var probe = root
    for _ in 0..<8 {
      if FileManager.default.fileExists(atPath: probe.appendingPathComponent(CorpusManifest.fileName).path) {
        root = probe
        break
      }
      let parent = probe.deletingLastPathComponent()
      if parent.path == probe.path { break }
      probe = parent
    }
    let rootPath = root.standardizedFileURL.path
    let files = standardized.map { CorpusEntry(id: relativePath($0, to: rootPath), url: $0) }
    // Manifest entries for files that were not listed are no mistake here: no "matches nothing".
    return try assemble(root: root, files: files, reportUnmatched: false)
  }

  private static func relativePath(_ url: URL, to rootPath: String) -> String {
    var relative = url.standardizedFileURL.path
    if relative.hasPrefix(rootPath) { relative.removeFirst(rootPath.count) }
    while relative.hasPrefix("/") { relative.removeFirst() }
    return relative
  }

  private static func assemble(root: URL, files: [CorpusEntry], reportUnmatched: Bool) throws(IngestError) -> Corpus {
    let manifest = try CorpusManifest.load(root: root)
    var entries: [CorpusEntry] = []
    var diagnostics: [Diagnostic] = manifest?.diagnostics ?? []
    var seen: Set<String> = []
    for file in files where seen.insert(file.id).inserted {
      if file.id == CorpusManifest.fileName { continue }
      if manifest?.excludes(file.id) == true { continue }
      let name = CorpusWalk.lastComponent(file.file).lowercased()
      if ["readme", "license", "licence", "changelog"].contains(where: { name.hasPrefix($0) }),
        manifest?.names(file.id) != true
      {
        diagnostics.append(
          Diagnostic(
            .note, SourceLocation(file: file.id),
            "skipped: \(CorpusWalk.lastComponent(file.file)) describes the corpus (name it under documents: in corpus.yaml to ingest it)"
          ))
        continue
      }
      let ext = CorpusWalk.urlPathExtension(file.file).lowercased()
      // A TEI corpus keeps its header, people and taxonomies in XML files beside the sessions.
      if ext == "xml", manifest?.names(file.id) != true, let root = XMLRead.rootElement(path: file.url.path),
        let what = TEIReader.describesCorpus(rootName: root.name, namespace: root.namespace)
      {
        diagnostics.append(
          Diagnostic(
            .note, SourceLocation(file: file.id), "skipped: \(what); not a transcript (Kwal reads the sessions' files)")
        )
        continue
      }
      if supportedExtensions.contains(ext) {
        var entry = file
        if let manifest { entry.id = manifest.documentID(for: file.path) }
        entries.append(entry)
      } else {
        let what = ext.isEmpty ? "no file extension" : "unknown file type \".\(ext)\""
        diagnostics.append(Diagnostic(.note, SourceLocation(file: file.id), "skipped: \(what)"))
      }
    }
    // ParlaMint gives each sitting twice, plain (`X.xml`) and linguistically annotated
    // (`X.ana.xml`), with the same words: the annotated copy beside its plain one is left out.
    let paths = Set(entries.map(\.path))
    entries.removeAll { entry in
      guard entry.path.lowercased().hasSuffix(".ana.xml"), manifest?.names(entry.id) != true else { return false }
      let plain = String(entry.path.dropLast(".ana.xml".count)) + ".xml"
      guard paths.contains(plain) else { return false }
      diagnostics.append(
        Diagnostic(
          .note, SourceLocation(file: entry.id),
          "skipped: the annotated copy of \(CorpusWalk.lastComponent(plain)), with the same words"))
      return true
    }
    entries.sort { $0.id != $1.id ? $0.id < $1.id : $0.path < $1.path }
    // Two files with one id (through the manifest's `id:`) would make the output ambiguous: the
    // manifest must be fixed first.
    for (previous, entry) in zip(entries, entries.dropFirst()) where previous.id == entry.id {
      throw IngestError(
        .badData, "document id \"\(entry.id)\" is given to both \(previous.path) and \(entry.path)",
        at: SourceLocation(file: manifest?.file ?? root.appendingPathComponent(CorpusManifest.fileName).path))
    }
    if let manifest, reportUnmatched { diagnostics += manifest.unmatched(entries.map(\.path)) }
    diagnostics.sort {
      ($0.location.file, $0.location.line ?? 0, $0.location.column ?? 0) < (
        $1.location.file, $1.location.line ?? 0, $1.location.column ?? 0
      )
    }
    return Corpus(root: root, entries: entries, diagnostics: diagnostics, manifest: manifest)
  }

  /// The extensions whose files are text as written (speaker labels, caption voices and
  /// headings in the text itself): ``sourceText(_:)`` gives their decoded text.
  public static let textExtensions = Set(["txt", "text", "org", "vtt", "srt"]).union(markdownExtensions)

  /// The decoded text of a text file as written (NFC, LF line ends, no BOM), before Kwal reads
  /// its structure; nil for .docx, HTML and PDF.
  public func sourceText(_ entry: CorpusEntry) throws(IngestError) -> String? {
    guard Self.textExtensions.contains(CorpusWalk.urlPathExtension(entry.file).lowercased()) else { return nil }
    let data: Data
    do {
      data = try Data(contentsOf: entry.url)
    } catch {
      throw IngestError(.missingInput, "cannot read file", at: SourceLocation(file: entry.path))
    }
    return try TextDecoding.decode(data, file: entry.path).text
  }

  /// Reads one document: its plain text and structure, with the diagnostics for this file.
  ///
  /// Pure and thread-safe: it reads only the entry's file and this value.
  public func document(_ entry: CorpusEntry) throws(IngestError) -> (document: Document, diagnostics: [Diagnostic]) {
    let data: Data
    do {
      data = try Data(contentsOf: entry.url)
    } catch {
      throw IngestError(.missingInput, "cannot read file", at: SourceLocation(file: entry.path))
    }
    return try document(entry, data: data)
  }

  /// Reads the document of `entry` from its bytes, already read.
  public func document(_ entry: CorpusEntry, data: Data) throws(IngestError) -> (
    document: Document, diagnostics: [Diagnostic]
  ) {
    let settings = manifest?.settings(for: entry.path) ?? CorpusManifest.Settings()
    var (document, diagnostics) = try Self.document(
      id: entry.path, data: data, settings: settings, interviewer: manifest?.interviewer)
    document.id = entry.id
    return (document, diagnostics)
  }

  /// Everything besides the file's bytes that decides how `entry` is read: its id, path and the
  /// manifest's settings for it, as canonical text (sorted keys), so a changed manifest entry
  /// changes a document's input hash.
  public func settingsFingerprint(_ entry: CorpusEntry) -> String {
    let settings = manifest?.settings(for: entry.path) ?? CorpusManifest.Settings()
    // One line per setting, built in one string (a run in which nothing changed makes one per
    // document).
    var text = ""
    text.reserveCapacity(160 + entry.id.utf8.count + entry.path.utf8.count)
    // Not variadic: an array of parts per line was most of the cost.
    func line(_ name: String, _ value: String) {
      if !text.isEmpty { text += "\n" }
      text += name
      text += value
    }
    func line(_ name: String, _ key: String, _ value: String) {
      line(name, key)
      text += "="
      text += value
    }
    line("id=", entry.id)
    line("path=", entry.path)
    line("case=", settings.caseName ?? "\u{0}")
    line("kind=", settings.kind?.rawValue ?? "\u{0}")
    line("date=", settings.date ?? "\u{0}")
    line("title=", settings.title ?? "\u{0}")
    line("manifest-id=", settings.id ?? "\u{0}")
    line("interviewer=", (settings.interviewer ?? manifest?.interviewer)?.joined(separator: "\u{1}") ?? "\u{0}")
    if !settings.attributes.isEmpty {
      for (key, value) in settings.attributes.sorted(by: { $0.key < $1.key }) { line("attribute ", key, value) }
    }
    if !settings.roles.isEmpty {
      for (key, value) in settings.roles.sorted(by: { $0.key < $1.key }) { line("role ", key, value.rawValue) }
    }
    return text
  }

  /// Reads a document from bytes, as if it were the file `id` of a corpus.
  public static func document(
    id: String, data: Data, settings: CorpusManifest.Settings = CorpusManifest.Settings(), interviewer: [String]? = nil
  ) throws(IngestError) -> (document: Document, diagnostics: [Diagnostic]) {
    let ext = CorpusWalk.pathExtension(id).lowercased()
    var extracted: Extracted
    switch ext {
    case "docx":
      extracted = try DocxReader.read(data, file: id, forcedKind: settings.kind)
    case "vtt", "srt":
      extracted = try CaptionReader.read(data, file: id, srt: ext == "srt")
    case "html", "htm", "xhtml":
      extracted = try HTMLReader.read(data, file: id)
    case _ where ServerPage.extensions.contains(ext):
      guard let page = ServerPage.html(from: data) else {
        throw IngestError(
          .badData, "not a web page: a \".\(ext)\" file without HTML elements outside its server code",
          at: SourceLocation(file: id))
      }
      extracted = try HTMLReader.read(page, file: id)
    case "pdf":
      extracted = try PDFReader.read(data, file: id, forcedKind: settings.kind)
    case "xml":
      extracted = try XMLDocumentReader.read(data, file: id, forcedKind: settings.kind)
    case "txt", "text", "org",
      _ where markdownExtensions.contains(ext):
      extracted = try PlainTextReader.read(
        data, file: id, markdown: markdownExtensions.contains(ext), org: ext == "org", forcedKind: settings.kind)
    default:
      throw IngestError(.badData, "unknown file type \".\(ext)\"", at: SourceLocation(file: id))
    }
    if extracted.text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
      extracted.diagnostics.append(
        Diagnostic(
          .warning, SourceLocation(file: id),
          extracted.text.isEmpty ? "empty document: no text" : "empty document: only white space"))
    }
    let parts = id.split(separator: "/")
    let defaultCase = parts.count > 1 ? String(parts[0]) : ""
    var attributes = extracted.attributes
    attributes.merge(settings.attributes) { _, manifestValue in manifestValue }
    let roles = RoleResolver(
      explicit: settings.roles, declared: extracted.declaredRoles,
      interviewerLabels: settings.interviewer ?? interviewer ?? CorpusManifest.builtInInterviewerLabels)
    var segments = extracted.segments
    var known: [String: SpeakerRole] = [:]
    for index in segments.indices where segments[index].kind == .turn {
      guard let speaker = segments[index].speaker else {
        // A turn without a label (an interview's printed questions and answers) says its role.
        segments[index].role = segments[index].metadata["role"].flatMap(SpeakerRole.init(rawValue:))
        continue
      }
      // A debate label says the role (chair, member, minister); the manifest still wins.
      if let role = segments[index].metadata["role"].flatMap(SpeakerRole.init(rawValue:)),
        roles.explicitRole(of: speaker) == nil
      {
        segments[index].role = role
      } else if let role = known[speaker] {
        segments[index].role = role
      } else {
        let role = roles.role(of: speaker)
        known[speaker] = role
        segments[index].role = role
      }
    }
    var document = Document(
      id: id, kind: settings.kind ?? extracted.kind, caseName: settings.caseName ?? defaultCase,
      title: settings.title ?? extracted.title, date: settings.date ?? extracted.date, attributes: attributes,
      text: extracted.text, segments: segments)
    document.kindReason = settings.kind.map { "kind \($0.rawValue): set in the manifest" } ?? extracted.kindReason
    return (document, extracted.diagnostics)
  }
}

/// What a format reader produces before the manifest is applied.
struct Extracted {
  var text: String
  var segments: [Segment]
  var kind: DocumentKind
  var title: String?
  var date: String?
  var attributes: [String: String] = [:]
  var declaredRoles: [String: SpeakerRole] = [:]
  var diagnostics: [Diagnostic] = []
  /// Why the text got its kind (see ``Document/kindReason``).
  var kindReason: String? = nil
}

/// Decides a speaker's role: manifest roles, then roles declared in the document, then the
/// interviewer labels; anyone else is a respondent.
struct RoleResolver {
  var explicit: [String: SpeakerRole]
  var declared: [String: SpeakerRole]
  var interviewerLabels: [String]

  init(explicit: [String: SpeakerRole], declared: [String: SpeakerRole], interviewerLabels: [String]) {
    var lowered: [String: SpeakerRole] = [:]
    for (key, value) in explicit { lowered[key.lowercased()] = value }
    self.explicit = lowered
    self.declared = declared
    self.interviewerLabels = interviewerLabels.map { $0.lowercased() }
  }

  /// The role the manifest gives `speaker`, if any.
  func explicitRole(of speaker: String) -> SpeakerRole? { explicit[speaker.lowercased()] }

  func role(of speaker: String) -> SpeakerRole {
    let key = speaker.lowercased()
    if let role = explicit[key] { return role }
    if let role = declared[key] { return role }
    for label in interviewerLabels {
      if key == label { return .interviewer }
      // "Interviewer 2", "I2", "Int1"
      if key.hasPrefix(label) {
        let rest = key.dropFirst(label.count).drop(while: { $0 == " " })
        if !rest.isEmpty, rest.allSatisfy(\.isNumber) { return .interviewer }
      }
    }
    return .respondent
  }
}

/// Reads `.txt` and `.md` files.
enum PlainTextReader {
  static func read(
    _ data: Data, file: String, markdown: Bool, org: Bool = false, forcedKind: DocumentKind?
  ) throws(IngestError) -> Extracted {
    let decoded = try TextDecoding.decode(data, file: file)
    guard markdown || org else {
      return analyse(
        decoded.text, markdown: false, forcedKind: forcedKind, diagnostics: decoded.diagnostics, file: file)
    }
    // Markdown and Org: the front matter or keywords and the marks a reader does not see are left
    // out of the text.
    let reduced = org ? OrgText.reduce(decoded.text, file: file) : MarkdownText.reduce(decoded.text, file: file)
    var extracted = analyse(
      reduced.text, markdown: true, forcedKind: forcedKind, diagnostics: decoded.diagnostics + reduced.diagnostics,
      file: file, givenTitle: reduced.title,
      layoutHeadings: Dictionary(reduced.boldLines.map { ($0, 3) }, uniquingKeysWith: { first, _ in first }),
      layoutQuotes: Set(reduced.quoteLines))
    if let title = reduced.title { extracted.title = title }
    if let date = reduced.date { extracted.date = date }
    extracted.attributes.merge(reduced.attributes) { own, _ in own }
    return extracted
  }

  static func analyse(
    _ text: String, markdown: Bool, forcedKind: DocumentKind?, diagnostics: [Diagnostic] = [], file: String = "",
    givenTitle: String? = nil, layoutHeadings: [Int: Int] = [:], layoutItems: Set<Int> = [],
    layoutQuotes: Set<Int> = []
  ) -> Extracted {
    let name = file.isEmpty ? nil : file
    let analysis = TextStructure.withBytes(of: text) { bytes in
      TextStructure(
        bytes: bytes,
        lines: TextStructure.splittingInlineAnswers(
          TextStructure.splittingNumberedSpeakers(
            TextStructure.splittingRunOnSpeeches(
              TextStructure.splittingRunOnItems(TextStructure.lines(of: bytes), bytes), bytes), bytes), bytes),
        markdown: markdown, givenTitle: givenTitle, fileName: name, layoutHeadings: layoutHeadings,
        layoutItems: layoutItems, layoutQuotes: layoutQuotes
      )
      .analyse(forcedKind: forcedKind)
    }
    return Extracted(
      text: text, segments: analysis.segments, kind: analysis.kind, title: analysis.title, date: analysis.date,
      declaredRoles: analysis.declaredRoles, diagnostics: diagnostics, kindReason: analysis.kindReason)
  }
}
