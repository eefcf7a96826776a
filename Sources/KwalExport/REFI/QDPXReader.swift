internal import CLibXML2
public import Foundation
public import KwalModel
internal import ZIPFoundation
internal import KwalXML

/// One text source of a REFI-QDA project read back.
public struct ImportedSource: Sendable, Hashable {
  /// The document id: the source's name when it is a safe relative path, else the file name.
  public var id: String
  /// A safe relative file name for the plain text (the id, with `.txt` added unless it ends so).
  public var file: String
  /// The case (the first REFI case listing the source), or empty.
  public var caseName: String
  /// The title (the source's `Description`).
  public var title: String?
  /// The variables of the source and of its case (the source's win), as text.
  public var attributes: [String: String]
  /// The plain text in Kwal's form (NFC, LF line ends, no byte order mark): what `kwal ingest`
  /// reads back from `file`, and what the codings' offsets count in.
  public var text: String

  /// A source.
  public init(id: String, file: String, caseName: String, title: String?, attributes: [String: String], text: String) {
    self.id = id
    self.file = file
    self.caseName = caseName
    self.title = title
    self.attributes = attributes
    self.text = text
  }
}

/// A selection of a project that could not be placed on its source's text: its positions are
/// beyond the text, inside a character, or hold other words than the selection quotes in every
/// counting. It is listed, never shifted onto other words.
public struct UnplaceableSelection: Sendable, Hashable {
  /// The source's name in the project.
  public var source: String
  /// The selection's `startPosition` and `endPosition` as the file gives them (nil when absent).
  public var startPosition: Int?
  public var endPosition: Int?
  /// The codes the selection was coded with (Kwal ids) and by whom.
  public var codes: [String]
  public var coders: [String]
  /// The selection's quoted text (`name`), or empty.
  public var quote: String
  /// Why it could not be placed.
  public var reason: String
  /// The line of `project.qde`.
  public var line: Int
}

/// A REFI-QDA project read back: the texts, the codings (one coder per REFI user), the code
/// tree with its sets, the document sets and the notes.
public struct ImportedProject: Sendable {
  /// The text sources, in project order.
  public var sources: [ImportedSource]
  /// The documents: a safe relative file name and the plain text.
  public var documents: [(name: String, text: String)] { sources.map { ($0.file, $0.text) } }
  /// The codings, offsets in Unicode scalars of the sources' normalised texts.
  public var codings: [CodingRecord]
  /// The code tree and the code sets.
  public var codebook: CodebookInfo
  /// Sets of documents (REFI `<Set>`s with `<MemberSource>`s), by document id.
  public var documentSets: [DocumentSet] = []
  /// The notes, as memos on the project, documents, passages, codes and codings.
  public var memos: [MemoRecord] = []
  /// Selections that could not be placed on their text.
  public var unplaceable: [UnplaceableSelection] = []
  /// Everything tolerated or dropped, and how positions were read.
  public var notes: [Diagnostic]
}

/// Reads a `.qdpx`, tolerating what real files do differently from the standard and reporting it.
///
/// Zip entry names are never used as output paths (documents are named after their sources),
/// entries are size-limited, and the XML is parsed without network or entities. Positions are
/// read in the counting the writer used (``PositionUnit``) and carried over to the normalised
/// text, so that every coding's `text` is `text[start:end]` of the document `kwal ingest` reads.
public enum QDPXReader {
  /// The largest source text read out of a project.
  public static let maximumSourceSize: UInt64 = 256 * 1024 * 1024

  /// Reads the project at `url`.
  public static func read(_ url: URL) throws(ExportError) -> ImportedProject {
    let (qdeName, data) = try REFIValidation.projectXML(url)
    let file = "\(url.path)/\(qdeName)"
    var parts = ProjectParts(file: file)
    if qdeName != "project.qde" {
      parts.note(.note, "project document named \(qdeName) tolerated (the standard says project.qde)")
    }
    let archive: Archive
    do { archive = try Archive(url: url, accessMode: .read) } catch {
      throw ExportError(.badData, "not a zip file (a .qdpx is a zip)", at: SourceLocation(file: url.path))
    }
    let doc = try XMLInput.parse(data, file: file)
    defer { xmlFreeDoc(doc) }
    guard let root = xmlDocGetRootElement(doc), XMLRead.name(root) == "Project" else {
      throw ExportError(
        .badData, "not a REFI-QDA project: the root element is not Project", at: SourceLocation(file: file))
    }
    parts.readHeader(root)
    let files = ArchiveFiles(archive: archive, project: url, basePath: XMLRead.attribute(root, "basePath"))
    parts.readNotes(files: files)

    // Pass 1: every source's text and raw selections.
    var sources: [SourceInProject] = []
    var dropped: [String: Int] = [:]
    var usedNames: Set<String> = []
    for node in parts.sourceNodes {
      let kind = XMLRead.name(node)
      guard kind == "TextSource" else {
        dropped[kind, default: 0] += 1
        continue
      }
      if let source = parts.readSource(node, files: files, usedNames: &usedNames) { sources.append(source) }
    }
    for (kind, count) in dropped.sorted(by: { $0.key < $1.key }) {
      parts.note(.warning, "\(count) \(kind)(s) dropped: Kwal imports text sources only")
    }

    // Pass 2: the counting of positions, for the project and, where the evidence says so, per source.
    let origin = XMLRead.attribute(root, "origin")
    let units = PositionDecision.decide(sources, origin: origin)
    parts.notes += units.notes.map { Diagnostic(.note, SourceLocation(file: file), $0) }

    // Pass 3: codings, memos and sets on the normalised texts.
    var imported: [ImportedSource] = []
    for (index, source) in sources.enumerated() {
      imported.append(source.imported)
      parts.place(source, unit: units.perSource[index], quotesAreText: units.quotesAreText)
    }
    parts.resolveSets()
    for note in parts.unattachedNotes() { parts.memos.append(note) }

    var codebook = CodebookInfo(
      name: url.deletingPathExtension().lastPathComponent, version: "1",
      description: "Imported from \(url.lastPathComponent)", codes: parts.codes, sets: parts.codeSets)
    if parts.codes.isEmpty { parts.note(.note, "the project has no codes: an empty code tree is imported") }
    // A project Kwal wrote names its creating user after the codebook (`auto:<name>@<version>`)
    // and holds the codebook's description: restore both, so a re-export gives the same bytes.
    if origin == "Kwal",
      let creator = XMLRead.attribute(root, "creatingUserGUID").flatMap({ parts.users[XMLInput.normalisedGUID($0)] }),
      creator.hasPrefix("auto:"), let at = creator.lastIndex(of: "@")
    {
      codebook.name = String(creator[creator.index(creator.startIndex, offsetBy: 5)..<at])
      codebook.version = String(creator[creator.index(after: at)...])
      codebook.description = parts.projectDescription
    }
    return ImportedProject(
      sources: imported, codings: parts.codings, codebook: codebook, documentSets: parts.documentSets,
      memos: parts.memos, unplaceable: parts.unplaceable, notes: parts.notes + parts.reader.notes)
  }

  /// A relative file path for a source: never absolute, no `..`, no glob characters, unique, ending in `.txt`.
  static func safeName(_ name: String, used: inout Set<String>) -> String {
    // Folders are kept; empty, "." and ".." parts, leading dots and drive colons are not.
    let parts = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).compactMap { part -> String? in
      var cleaned = String(part.map { ":*?[]".contains($0) ? "-" : $0 }).trimmingCharacters(in: .whitespaces)
      while cleaned.hasPrefix(".") { cleaned.removeFirst() }
      return cleaned.isEmpty ? nil : cleaned
    }
    var base = parts.joined(separator: "/")
    if base.isEmpty { base = "bron" }
    let lower = base.lowercased()
    if !lower.hasSuffix(".txt") { base += ".txt" }
    var candidate = base
    var number = 2
    while used.contains(candidate.lowercased()) {
      candidate = "\(number)-\(base)"
      number += 1
    }
    used.insert(candidate.lowercased())
    return candidate
  }
}

/// A text source read in pass 1: its text as the project holds it and its selections.
struct SourceInProject {
  var node: xmlNodePtr
  var name: String
  var line: Int
  var positions: SourcePositions
  var normalised: NormalisedText
  var imported: ImportedSource
  /// The `PlainTextSelection` elements with usable positions, and their raw positions.
  var selections: [(node: xmlNodePtr, raw: RawSelection)]
  /// The elements whose positions are missing or not numbers.
  var broken: [xmlNodePtr]
}

/// Which counting each source's positions are read in, and the notes that say why.
struct PositionDecision {
  var perSource: [PositionUnit]
  var notes: [String]
  /// Whether the project's selections quote their text (`name`): at least half the quotes are
  /// found in the chosen counting. A quote found in no counting then means the selection is
  /// not where it says.
  var quotesAreText: Bool

  /// Decides the counting for the whole project from all its selections, then keeps a source's
  /// own best counting where its selections clearly disagree with the project's.
  static func decide(_ sources: [SourceInProject], origin: String?) -> PositionDecision {
    let preference = PositionUnit.preference(origin: origin)
    var total: [PositionUnit: PositionEvidence] = [:]
    var perSourceEvidence: [[PositionUnit: PositionEvidence]] = []
    for source in sources {
      var evidence: [PositionUnit: PositionEvidence] = [:]
      let raws = source.selections.map(\.raw)
      let codePoints = PositionEvidence.of(raws, in: source.positions, unit: .codePoints)
      for unit in PositionUnit.all {
        let found =
          source.positions.differs(unit) ? PositionEvidence.of(raws, in: source.positions, unit: unit) : codePoints
        evidence[unit] = found
        total[unit, default: PositionEvidence()] = total[unit, default: PositionEvidence()] + found
      }
      perSourceEvidence.append(evidence)
    }
    func best(_ evidence: [PositionUnit: PositionEvidence]) -> PositionUnit {
      var chosen = preference[0]
      for unit in preference.dropFirst() where (evidence[unit]?.score ?? 0) > (evidence[chosen]?.score ?? 0) {
        chosen = unit
      }
      return chosen
    }
    let project = best(total)
    var notes: [String] = []
    let differing = PositionUnit.all.filter { unit in sources.contains { $0.positions.differs(unit) } }
    let withSelections = total[.codePoints]?.selections ?? 0
    // Kwal's own projects count code points by definition: only a surprise is worth a note.
    let quiet = origin == "Kwal" && project == .codePoints
    if quiet {
    } else if !differing.isEmpty && withSelections > 0 {
      func summary(_ unit: PositionUnit) -> String {
        let evidence = total[unit] ?? PositionEvidence()
        var parts = ["\(evidence.boundaries) of \(2 * evidence.selections) selection ends on word boundaries"]
        if evidence.named > 0 { parts.append("\(evidence.nameMatches) of \(evidence.named) quotes found") }
        if evidence.invalid > 0 { parts.append("\(evidence.invalid) positions that fit no character") }
        return "\(unit): " + parts.joined(separator: ", ")
      }
      let others = ([PositionUnit.codePoints] + differing).filter { $0 != project }
      var line = "positions read as \(summary(project))"
      if !others.isEmpty { line += "; read as " + others.map(summary).joined(separator: "; read as ") }
      if let origin { line += " (written by \(origin))" }
      notes.append(line)
    } else if withSelections > 0 {
      notes.append(
        "positions read as Unicode code points: the texts hold no CRLF and no character beyond U+FFFF, so every counting agrees"
      )
    }
    var perSource: [PositionUnit] = []
    for (index, source) in sources.enumerated() {
      let evidence = perSourceEvidence[index]
      let own = best(evidence)
      let gain = (evidence[own]?.score ?? 0) - (evidence[project]?.score ?? 0)
      let selections = source.selections.count
      if own != project && gain >= max(3, selections / 5) {
        perSource.append(own)
        notes.append(
          "source \"\(source.name)\": positions read as \(own), which fits its \(selections) selection(s) better")
      } else {
        perSource.append(project)
      }
    }
    let chosen = total[project] ?? PositionEvidence()
    return PositionDecision(
      perSource: perSource, notes: notes, quotesAreText: chosen.named > 0 && 2 * chosen.nameMatches >= chosen.named)
  }
}

/// The provenance Kwal writes into a selection's `Description` (see `QDPXWriter.provenance`),
/// read back: rule ids, matched words and the unit. Other descriptions give nothing.
struct Provenance {
  var rules: [String] = []
  var matched: [MatchedWord] = []
  var unit: UnitKind?
  var speaker: String?
  var role: SpeakerRole?
  var page: Int?
  var timestamp: String?

  init() {}

  init(_ description: String) {
    for line in description.split(separator: "\n") {
      if let rest = line.dropPrefix("Regel (rule): ") {
        rules = rest.components(separatedBy: ", ").filter { !$0.isEmpty }
      } else if let rest = line.dropPrefix("Woorden (matched): ") {
        for item in rest.components(separatedBy: ", ") {
          guard let at = item.lastIndex(of: "@") else { continue }
          let range = item[item.index(after: at)...].split(separator: "-")
          guard range.count == 2, let start = Int(range[0]), let end = Int(range[1]) else { continue }
          matched.append(MatchedWord(word: String(item[..<at]), start: start, end: end))
        }
      } else if let rest = line.dropPrefix("Eenheid (unit): ") {
        unit = UnitKind(rawValue: rest)
      } else if let rest = line.dropPrefix("Spreker (speaker): ") {
        speaker = rest
      } else if let rest = line.dropPrefix("Rol (role): ") {
        role = SpeakerRole(rawValue: rest)
      } else if let rest = line.dropPrefix("Pagina (page): ") {
        page = Int(rest)
      } else if let rest = line.dropPrefix("Tijd (timestamp): ") {
        timestamp = rest
      }
    }
  }
}

extension Substring {
  /// The rest after `prefix`, or nil when the text does not start with it.
  fileprivate func dropPrefix(_ prefix: String) -> String? { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil }
}
