public import Foundation
public import KwalModel
internal import KwalCoding
internal import KwalExport
internal import KwalIngest

/// What a REFI-QDA export wrote.
public struct REFIExportSummary: Sendable, Hashable {
  /// The file written.
  public var output: URL
  /// The number of codes in the code tree.
  public var codes: Int
  /// The number of users (coders); 0 for a codebook.
  public var users: Int
  /// The number of text sources; 0 for a codebook.
  public var sources: Int
  /// The number of codings; 0 for a codebook.
  public var codings: Int
  /// What was noticed on the way (codebook warnings, corpus notes).
  public var diagnostics: [Diagnostic]
}

/// The `kwal export` use cases: REFI-QDA codebooks (`.qdc`) and projects (`.qdpx`) for ATLAS.ti,
/// NVivo, MAXQDA and QualCoder.
public enum REFIExport {
  /// Writes the codebook at `codebook` (Kwal YAML) as a REFI-QDA `.qdc` file at `output`, atomically.
  public static func codebook(_ codebook: URL, output: URL) throws -> REFIExportSummary {
    try OutputGuard.check(
      output: output.path, role: "--out", inputs: [OutputGuard.Input(codebook.path, role: "the codebook")])
    let (loaded, diagnostics) = try Codebook.load(contentsOf: codebook)
    let data = try QDCWriter.data(loaded.info)
    try AtomicFile.write(data, to: output)
    return REFIExportSummary(
      output: output, codes: loaded.info.codes.count, users: 0, sources: 0, codings: 0, diagnostics: diagnostics)
  }

  /// Writes a coding output folder (`kwal code … --out DIR`) with the corpus texts and the codebook
  /// as a REFI-QDA project (`.qdpx`) at `output`, atomically. The project is named after `name`,
  /// or the codebook (so re-exporting an imported project gives the same bytes).
  public static func project(
    codings: URL, corpus: URL, codebook: URL, output: URL, name: String? = nil, progress: Bool = false
  ) throws -> REFIExportSummary {
    var inputs = [
      OutputGuard.Input(codings.path, role: "the coding input"),
      OutputGuard.Input(corpus.path, role: "the corpus", readsBelow: Corpus.supportedExtensions),
      OutputGuard.Input(codebook.path, role: "the codebook"),
    ]
    inputs += CodingOutput.readFiles.map {
      OutputGuard.Input(codings.appendingPathComponent($0).path, role: "the input")
    }
    try OutputGuard.check(output: output.path, role: "--out", inputs: inputs)
    let (loaded, codebookDiagnostics) = try Codebook.load(contentsOf: codebook)
    // A project holds documents, codings and codes; units.csv (the largest file) is not needed.
    let coded = try CodingOutput.read(codings, units: false)
    let opened = try Corpus.open(corpus)
    let wanted = Set(coded.documents.map(\.document)).union(coded.codings.map(\.document))
    var texts: [String: String] = [:]
    var diagnostics = codebookDiagnostics
    let line = ProgressLine(
      label: "kwal export", unit: "documents read", total: opened.entries.count { wanted.contains($0.id) },
      enabled: progress)
    defer { line.finish() }
    for entry in opened.entries {
      // A manifest `id:` (an imported corpus) names the document a file holds.
      let id = entry.id
      guard wanted.contains(id) else { continue }
      defer { line.advance(bytes: texts[id]?.utf8.count ?? 0) }
      let (document, documentDiagnostics) = try opened.document(entry)
      texts[id] = document.text
      diagnostics += documentDiagnostics.filter { $0.severity != .note }
    }
    // Memos (memos.csv beside codings.csv) and document sets (the corpus manifest's `sets:`).
    var memos: [MemoRecord] = []
    var isFolder: ObjCBool = false
    let memoFile = codings.appendingPathComponent(MemoFiles.fileName)
    if FileManager.default.fileExists(atPath: codings.path, isDirectory: &isFolder), isFolder.boolValue,
      FileManager.default.fileExists(atPath: memoFile.path)
    {
      memos = try MemoFiles.read(memoFile)
      for memo in memos where !memo.document.isEmpty && texts[memo.document] == nil {
        guard let entry = opened.entries.first(where: { $0.id == memo.document }) else {
          throw ExportError(
            .missingInput, "memo \(memo.memo) is about document \"\(memo.document)\", which the corpus lacks",
            at: SourceLocation(file: memoFile.path))
        }
        texts[memo.document] = try opened.document(entry).document.text
      }
    }
    let documentSets = opened.manifest?.sets ?? []
    let projectName = name ?? loaded.info.name
    let summary = try QDPXWriter.write(
      name: projectName, codebook: loaded.info, output: coded, texts: texts, documentSets: documentSets, memos: memos,
      to: output)
    return REFIExportSummary(
      output: output, codes: summary.codes, users: summary.users, sources: summary.sources, codings: summary.codings,
      diagnostics: diagnostics + summary.warnings)
  }
}

/// What a REFI-QDA import wrote and what it tolerated or dropped.
public struct REFIImportSummary: Sendable, Hashable {
  /// The file written.
  public var output: URL
  /// The number of codes imported.
  public var codes: Int
  /// Every deviation from the schema that was tolerated, and everything dropped.
  public var notes: [Diagnostic]
}

/// The `kwal import` use cases: bring a team's REFI-QDA codebook into Kwal.
public enum REFIImport {
  /// Reads the REFI-QDA codebook `qdc` and writes it as a Kwal codebook (YAML, no rules) at
  /// `output`, atomically; the summary lists what was tolerated or dropped.
  public static func codebook(_ qdc: URL, output: URL) throws -> REFIImportSummary {
    try OutputGuard.check(
      output: output.path, role: "--out", inputs: [OutputGuard.Input(qdc.path, role: "the .qdc file")])
    let (codebook, notes) = try QDCReader.read(qdc)
    let yaml = try CodebookYAML.text(codebook)
    try AtomicFile.write(yaml, to: output)
    return REFIImportSummary(output: output, codes: codebook.codes.count, notes: notes)
  }
}

extension REFIExport {
  /// The schema violations of a `.qdc` or `.qdpx` file against the official REFI-QDA schemas
  /// (`Codebook.xsd`, `Project.xsd`) in the folder `schemas`; empty when it is valid.
  public static func validate(_ file: URL, schemas: URL) throws -> [Diagnostic] {
    try REFIValidation.validate(file, schemas: schemas)
  }
}

extension REFIImport {
  /// Reads the REFI-QDA project `qdpx` and writes into the folder `output`: the texts as a corpus
  /// (`corpus/`, with a `corpus.yaml` keeping each source's document id, case, title and
  /// variables), the codings in Kwal's format (`codings.csv`, one coder per REFI user, and
  /// `documents.csv`) and the code tree (`codebook.yaml`), all or nothing.
  ///
  /// A folder that exists and is not empty is refused unless `force`; then it is replaced as one
  /// unit (the new folder is written beside it and renamed into its place), so no file of an
  /// earlier import (a document the project no longer has) stays behind.
  public static func project(_ qdpx: URL, output: URL, force: Bool = false, progress: Bool = false) throws
    -> REFIProjectImportSummary
  {
    let line = ProgressLine(label: "kwal import", unit: "", total: 0, enabled: progress)
    defer { line.finish() }
    try OutputGuard.check(
      output: output.path, role: "--out", inputs: [OutputGuard.Input(qdpx.path, role: "the project")])
    try OutputGuard.check(replacing: output.path, inputs: [OutputGuard.Input(qdpx.path, role: "the project")])
    let existing = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
    var isFolder: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: output.path, isDirectory: &isFolder)
    if exists, !isFolder.boolValue {
      throw ExportError(.usage, "--out \(output.path) is a file, not a folder", at: SourceLocation(file: output.path))
    }
    if !existing.isEmpty, !force {
      throw ExportError(
        .usage,
        "--out \(output.path) is not empty (\(existing.count) entries): give --force to replace it as a whole, or choose a new folder",
        at: SourceLocation(file: output.path))
    }
    line.phase("reading \(qdpx.lastPathComponent)")
    let project = try QDPXReader.read(qdpx)
    line.phase("writing \(project.sources.count) source(s) and \(project.codings.count) coding(s)")
    let final = output
    let output = exists ? FolderSwap.staging(for: final) : final
    defer { if exists { FolderSwap.discard(staging: output) } }
    var files: [(url: URL, data: Data)] = []
    let corpus = output.appendingPathComponent("corpus")
    for source in project.sources {
      files.append((corpus.appendingPathComponent(source.file), Data(source.text.utf8)))
    }
    // The manifest is written for an empty project too, so that the folder is a corpus.
    let manifest = try ImportedCorpus.manifest(
      project.sources, sets: project.documentSets, origin: qdpx.lastPathComponent)
    files.append((corpus.appendingPathComponent(CorpusManifest.fileName), Data(manifest.utf8)))
    files.append((output.appendingPathComponent("codings.csv"), CodingFiles.codingsCSV(project.codings)))
    files.append(
      (output.appendingPathComponent("documents.csv"), try ImportedCorpus.documentsTable(project.sources).csvData()))
    files.append((output.appendingPathComponent("codebook.yaml"), Data(try CodebookYAML.text(project.codebook).utf8)))
    if !project.memos.isEmpty {
      files.append((output.appendingPathComponent(MemoFiles.fileName), try MemoFiles.table(project.memos).csvData()))
    }
    if !project.unplaceable.isEmpty {
      files.append(
        (
          output.appendingPathComponent(UnplaceableFiles.fileName),
          try UnplaceableFiles.table(project.unplaceable).csvData()
        ))
    }
    try AtomicFile.writeAll(files)
    if exists { try FolderSwap.replace(final, with: output) }
    return REFIProjectImportSummary(
      output: final, documents: project.documents.count, codings: project.codings.count,
      coders: Set(project.codings.map(\.coder)).sorted(), codes: project.codebook.codes.count, notes: project.notes,
      memos: project.memos.count, codeSets: project.codebook.sets.count, documentSets: project.documentSets.count,
      unplaceable: project.unplaceable.count)
  }
}

/// What `kwal import qdpx` wrote and what it tolerated or dropped.
public struct REFIProjectImportSummary: Sendable, Hashable {
  /// The output folder.
  public var output: URL
  /// The number of documents written to `corpus/`.
  public var documents: Int
  /// The number of codings in `codings.csv`.
  public var codings: Int
  /// The coders (REFI users who coded).
  public var coders: [String]
  /// The number of codes in `codebook.yaml`.
  public var codes: Int
  /// Everything tolerated or dropped.
  public var notes: [Diagnostic]
  /// The number of memo rows in `memos.csv`.
  public var memos: Int = 0
  /// The number of code sets (in `codebook.yaml`) and document sets (in `corpus/corpus.yaml`).
  public var codeSets: Int = 0
  public var documentSets: Int = 0
  /// The number of selections listed in `unplaceable.csv`.
  public var unplaceable: Int = 0
}
