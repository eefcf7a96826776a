public import Foundation
public import KwalModel
internal import KwalAnalysis
internal import KwalCoding
internal import KwalExport
internal import KwalIngest
internal import KwalStore
internal import Synchronization

/// What `kwal code` did: counts, the matrix, and what went wrong with single documents.
public struct CodeRunSummary: Sendable {
  /// The codebook's name and version.
  public var codebook: String
  /// The number of documents coded.
  public var documents: Int
  /// The number of codings written (rule codings, `codings.csv`).
  public var codings: Int
  /// The number of the learned cues' suggestions written (`suggestions.csv`).
  public var suggestions: Int = 0
  /// The number of tokens read.
  public var tokens: Int
  /// The number of UTF-8 bytes of plain text coded.
  public var bytes: Int
  /// Documents per case.
  public var documentsPerCase: [String: Int]
  /// Code ids in codebook order, with their root (top-level ancestor).
  public var codes: [(id: String, root: String)]
  /// Codings per code and case.
  public var counts: [String: [String: Int]]
  /// Documents that could not be read (the others were coded).
  public var failures: [String]
  /// Whether a document could not be read for a system library that is not installed
  /// (poppler-glib for PDF): the command then exits 69, not 65.
  public var libraryMissing = false
  /// Documents whose input and codebook were unchanged since the folder's last run: their rows
  /// were taken from the project store instead of coding them again.
  public var reused: Int = 0
  /// Documents whose input was unchanged and whose codebook changed in some codes only: only
  /// those codes (``recodedCodes``) were coded again, the other codes' rows were kept.
  public var partiallyRecoded: Int = 0
  /// Documents whose files were not read: as the last run found them (device, inode, size, times).
  public var unread: Int = 0
  /// Documents whose input was unchanged and in which none of the codes whose rules changed can
  /// fire (their words hold none of the rules' words): not read again, their rows were kept.
  public var kept: Int = 0
  /// The codes coded again in the documents counted by ``partiallyRecoded``, sorted.
  public var recodedCodes: [String] = []
  /// The run's number in the folder's project store.
  public var run: Int = 0
  /// Notes and warnings (skipped files, codebook warnings, ingestion diagnostics).
  public var diagnostics: [Diagnostic]
  /// The files written.
  public var outputs: [URL]
}

/// The `kwal code` use case: ingest a corpus, code it with a codebook, write the output folder.
public enum CodeCorpus {
  /// Documents per batch: a batch is coded in parallel, then written, so memory stays flat.
  static let batchSize = 256

  /// Codes the corpus at `corpus` with the codebook at `codebook` and writes `codings.csv`,
  /// `documents.csv`, `units.csv`, `matrix.csv` and `codebook.json` into `output`.
  ///
  /// Output is identical at any `jobs`. Nothing is written when the codebook or the corpus
  /// cannot be opened; files appear only when complete (temporary files, renamed at the end).
  ///
  /// `spreadsheetSafe`: cells a spreadsheet would evaluate get a leading `'` (see ``SpreadsheetSafe``).
  ///
  /// The folder's project store (`kwal.sqlite`) records the run. Into a folder coded before,
  /// documents whose bytes and manifest entry are unchanged, coded by the same codebook (its
  /// hash) and Kwal build, are not coded again: their rows come from the store, and the files
  /// are byte-identical to a full run's. `full` codes every document. `command` is logged.
  /// `progress` draws a progress line on standard error (see ``ProgressLine``). `cuesCacheFolder`
  /// keeps decoded cues files between runs into other folders (``CuesCacheFolder``).
  public static func run(
    corpus: URL, codebook codebookURL: URL, output: URL, jobs: Int, spreadsheetSafe: Bool = false,
    shard: (shard: Int, of: Int)? = nil, full: Bool = false, command: String = "kwal code", progress: Bool = false,
    cuesCacheFolder: URL? = nil
  ) throws -> CodeRunSummary {
    // A shard's shard.json records the byte lengths of its rows; guarded cells would change them.
    if shard != nil, spreadsheetSafe {
      throw ExportError(
        .usage, "--shard and --spreadsheet-safe do not go together: give --spreadsheet-safe to kwal merge instead")
    }
    let readInputs = [
      OutputGuard.Input(corpus.path, role: "the corpus", readsBelow: Corpus.supportedExtensions),
      OutputGuard.Input(codebookURL.path, role: "the codebook"),
    ]
    try OutputGuard.check(output: output.path, role: "the output folder", inputs: readInputs)
    // The codebook is parsed while the corpus is listed (each takes a tenth of a run in which
    // nothing changed); a codebook's error is still reported before the corpus's.
    let cuesCache = StoreCuesCache(
      store: output.appendingPathComponent(ProjectStore.fileName),
      folder: cuesCacheFolder.flatMap { CuesCacheFolder.usable($0, besides: [corpus, output]) ? $0 : nil })
    let loading = InBackground { () throws(CodebookError) in
      try Codebook.load(contentsOf: codebookURL, cuesCache: cuesCache)
    }
    let listed = Result { () throws(IngestError) in try Corpus.open(corpus) }
    // Into a folder with a project store, each file is looked at while the codebook is still
    // parsed: what it is short of its bytes tells the incremental run which documents it need
    // not read (a shard looks at its own only; a full run looks at each as it reads it).
    let looked: [String: String] =
      shard == nil && !full
        && FileManager.default.fileExists(atPath: output.appendingPathComponent(ProjectStore.fileName).path)
      ? ((try? listed.get()).map { opened in
        Dictionary(
          opened.entries.map { ($0.id, StoreSession.fileIdentity($0.file, settings: opened.settingsFingerprint($0))) },
          uniquingKeysWith: { first, _ in first })
      } ?? [:]) : [:]
    let (codebook, codebookDiagnostics) = try loading.result.get()
    try OutputGuard.check(
      folder: output.path, writes: CodingOutput.readFiles,
      inputs: readInputs
        + [codebook.learnedURL.map { OutputGuard.Input($0.path, role: "the learned cues") }].compactMap { $0 })
    try OutputGuard.check(
      kwalFolder: output, kwalFiles: CodingOutput.readFiles + [ProjectStore.fileName, ShardManifest.fileName])
    let opened = try listed.get()
    guard !opened.entries.isEmpty else {
      let kinds = Corpus.supportedExtensions.sorted().map { ".\($0)" }.joined(separator: ", ")
      throw IngestError(
        .missingInput, "no documents to code (Kwal reads \(kinds))", at: SourceLocation(file: corpus.path))
    }
    // A shard codes its part of the corpus (see ``ShardPlan``); the plan depends only on the
    // documents and their sizes, so every shard of a job array agrees on it.
    let allEntries = opened.entries
    var entries = allEntries
    var shardIdentity: (fingerprint: String, globalIndex: [String: Int])?
    if let shard {
      let sizes = allEntries.map { entry in
        ((try? FileManager.default.attributesOfItem(atPath: entry.url.path)[.size]) as? Int) ?? 0
      }
      let plan = ShardPlan.assign(sizes: sizes, shards: shard.of)
      entries = allEntries.indices.filter { plan[$0] == shard.shard - 1 }.map { allEntries[$0] }
      var indices: [String: Int] = [:]
      for (index, entry) in allEntries.enumerated() { indices[entry.id] = index }
      shardIdentity = (ShardPlan.fingerprint(ids: allEntries.map(\.id), sizes: sizes), indices)
    }
    // Compiled when the first document needs coding: a run in which nothing changed codes nothing.
    let compiled = OnFirstUse { CompiledCodebook(codebook) }
    // With a core to spare, the codebook is compiled on it at once, while the project store is
    // read and the files are looked at: a run that codes a document (a full run, an edited
    // document) no longer waits for the compiler; one in which nothing changed spends the spare
    // core's time on it, not its own. Joined before the run returns.
    let warming = DispatchGroup()
    defer { warming.wait() }
    if AvailableCores.count > 1 {
      warming.enter()
      OwnThread.start {
        defer { warming.leave() }
        _ = compiled.value
      }
    }
    let jobs = Self.workers(jobs, documents: max(1, entries.count))
    // What a killed run left is finished or undone first.
    StoreCommit.recover(output)
    do {
      try AtomicFile.prepare(folder: output)
    } catch {
      throw ExportError(
        .cannotCreateOutput, "cannot create the output folder (\(error.message))", at: SourceLocation(file: output.path)
      )
    }
    var options = ["jobs": String(jobs), "full": String(full), "spreadsheet-safe": String(spreadsheetSafe)]
    if let shard { options["shard"] = "\(shard.shard)/\(shard.of)" }
    let fingerprints = codebook.fingerprints()
    let session = try StoreSession(
      output: output, codebook: codebook.info, codeHashes: fingerprints.all, ruleFreeHashes: fingerprints.withoutRules,
      ruleHashes: codebook.ruleFingerprints(),
      codesWithCues: Set(codebook.learned?.codes.map(\.code) ?? []), command: command, options: options, full: full)
    defer { session.discard() }
    if let keep = cuesCache.toKeep {
      try session.run.keepCues(sha256: keep.sha256, data: keep.data, identity: keep.identity)
    }
    let writer = try CodingOutputWriter(folder: output)
    writer.previous = session.previous
    writer.keepsRecords = shard != nil
    defer { writer.discard() }
    let pipeline = CodingWritePipeline(writer)

    var summary = CodeRunSummary(
      codebook: "\(codebook.info.name)@\(codebook.info.version)", documents: 0, codings: 0, tokens: 0, bytes: 0,
      documentsPerCase: [:],
      codes: codebook.info.topLevelCodes().map { ($0.code, $0.topLevel) },
      counts: [:], failures: [], diagnostics: codebookDiagnostics + opened.diagnostics, outputs: [])
    var cases: Set<String> = []
    var coded: Set<String> = []
    let contexts = (0..<jobs).map { _ in OnFirstUse { CodingContext(compiled.value) } }
    let line = ProgressLine(label: "kwal code", unit: "documents", total: entries.count, enabled: progress)
    defer { line.finish() }
    let tables = OnFirstUse { RowTables(compiled.value, codebookHash: codebook.info.hash) }
    // After a codebook edit, documents whose input did not change are coded with the changed
    // codes only; the rows of the others come from the previous files.
    let partial = session.partial
    let partialInputs = partial?.documents.mapValues(\.inputHash) ?? [:]
    let partialCompiled = OnFirstUse { CompiledCodebook(codebook.restricted(to: partial?.recode ?? [])) }
    let partialContexts = (0..<jobs).map { _ in OnFirstUse { CodingContext(partialCompiled.value) } }
    // A document to code needs the compiled codebook: when a file is not as the last run found
    // it, the codebook is compiled on another thread while the stored documents are read and
    // the files before it are looked at (a run in which nothing changed compiles nothing).
    if partial == nil && AvailableCores.count == 1 {
      let reusable = session.reusable
      let identities = session.fileIdentities
      warming.enter()
      OwnThread.start { [entries, opened] in
        defer { warming.leave() }
        for entry in entries {
          let identity =
            looked[entry.id] ?? StoreSession.fileIdentity(entry.file, settings: opened.settingsFingerprint(entry))
          if identity.isEmpty || identities[entry.id] != identity || reusable[entry.id] == nil {
            _ = compiled.value
            return
          }
        }
      }
    }
    let partialTables = OnFirstUse { RowTables(partialCompiled.value, codebookHash: codebook.info.hash) }
    // Whether an edited code can fire in a document is asked of its rules alone (no cues to
    // prepare), of a code whose rules alone were edited of its new and edited rules alone.
    let ruleCompiled = OnFirstUse {
      CompiledCodebook(
        codebook.restricted(to: partial?.recode ?? [], cues: false, onlyRules: partial?.editedRules ?? [:]))
    }
    let ruleContexts = (0..<jobs).map { _ in OnFirstUse { CodingContext(ruleCompiled.value) } }
    var batchStart = 0
    while batchStart < entries.count {
      let batch = Array(entries[batchStart..<min(entries.count, batchStart + batchSize)])
      batchStart += batch.count
      let results = Mutex<[Int: DocumentResult]>([:])
      let next = Atomic<Int>(0)
      let work: @Sendable (Int) -> Void = { worker in
        let context = contexts[worker]
        while true {
          let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
          guard index < batch.count else { return }
          var result = codeOne(
            batch[index], corpus: opened, reusable: session.reusable, partial: partialInputs,
            identities: session.fileIdentities, identity: looked[batch[index].id],
            keep: { id in
              partial.flatMap { plan in
                keptDocument(
                  id, plan: plan, session: session, context: ruleContexts[worker].value, tables: partialTables.value)
              }
            },
            partialCoder: { (partialContexts[worker].value, partialTables.value) }
          ) {
            (context.value, tables.value)
          }
          if result.partial, let plan = partial {
            result =
              keepRows(of: result, plan: plan, session: session, tables: partialTables.value)
              ?? codeOne(
                batch[index], corpus: opened
              ) { (context.value, tables.value) }
          }
          line.advance(bytes: result.bytes)
          results.withLock { $0[index] = result }
        }
      }
      if jobs == 1 {
        work(0)
      } else {
        DispatchQueue.concurrentPerform(iterations: jobs, execute: work)
      }
      var ordered = results.withLock { dictionary in (0..<batch.count).compactMap { dictionary[$0] } }
      try session.fill(&ordered)
      var written: [DocumentResult] = []
      for result in ordered {
        summary.diagnostics.append(contentsOf: result.diagnostics)
        if let failure = result.failure {
          summary.failures.append(failure)
          if result.libraryMissing { summary.libraryMissing = true }
          continue
        }
        guard let record = result.document else { continue }
        summary.documents += 1
        if result.reused { summary.reused += 1 }
        if result.kept { summary.kept += 1 }
        if result.unread { summary.unread += 1 }
        if result.partial { summary.partiallyRecoded += 1 }
        coded.insert(record.document)
        summary.tokens += record.tokens
        summary.bytes += result.bytes
        summary.documentsPerCase[record.caseName, default: 0] += 1
        cases.insert(record.caseName)
        written.append(result)
        summary.codings += result.codeCounts.values.reduce(0, +)
        summary.suggestions += result.suggestions
        for (code, count) in result.codeCounts {
          summary.counts[code, default: [:]][record.caseName, default: 0] += count
        }
      }
      // The batch is written while the next one is coded (one batch in flight: memory stays flat);
      // the store records it on the same queue.
      let pending = session.pending(written)
      try pipeline.write(written.map(\.encoded)) { rows in try session.record(pending, rows: rows) }
    }
    try pipeline.finish()
    if summary.partiallyRecoded > 0 || summary.kept > 0 { summary.recodedCodes = (partial?.recode ?? []).sorted() }
    // Nothing could be read: a previous output stays as it was (as for an empty corpus).
    if summary.documents == 0, !summary.failures.isEmpty {
      throw IngestError(
        .badData,
        "none of the \(summary.failures.count) document(s) could be read; nothing was written:\n"
          + summary.failures.map { "  \($0)" }.joined(separator: "\n"),
        at: SourceLocation(file: corpus.path))
    }
    // The matrix from the counts: memory does not grow with the number of codings.
    let matrix = Self.matrix(codebook: codebook.info, counts: summary.counts, cases: cases)
    var manifest: (([(record: DocumentRecord, codings: Int, units: Int, suggestions: Int)]) -> ShardManifest)?
    if let shard, let shardIdentity {
      let counts = summary.counts
      manifest = { written in
        ShardManifest(
          shard: shard.shard, of: shard.of, corpus: shardIdentity.fingerprint, corpusDocuments: allEntries.count,
          codebook: "\(codebook.info.name)@\(codebook.info.version)",
          documents: written.map {
            ShardDocument(
              index: shardIdentity.globalIndex[$0.record.document] ?? -1, record: $0.record, codingsBytes: $0.codings,
              unitsBytes: $0.units, suggestionsBytes: $0.suggestions)
          }, counts: counts)
      }
    }
    let (store, precommit) = try session.finish(
      documents: coded, recoded: summary.documents - summary.reused - summary.kept,
      partially: summary.partiallyRecoded + summary.kept,
      codings: summary.codings,
      suggestions: summary.suggestions, files: spreadsheetSafe ? [:] : writer.identities())
    summary.run = Int(session.run.runID)
    summary.outputs = try writer.finish(
      matrix: matrix, codebook: codebook.info, shard: manifest, alsoCommit: store, precommit: precommit)
    if precommit != nil {
      summary.outputs = (summary.outputs + [session.target]).sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
    if spreadsheetSafe {
      for url in summary.outputs where url.pathExtension == "csv" { try SpreadsheetSafe.rewrite(url) }
    }
    return summary
  }

  /// `I/N` as a shard (1 ≤ I ≤ N), or nil.
  public static func parseShard(_ text: String) -> (shard: Int, of: Int)? { ShardPlan.parse(text) }

  /// The code-by-case matrix of a run from its counts: the codebook's codable codes in order,
  /// then any other code, by id; the cases sorted.
  static func matrix(codebook: CodebookInfo, counts: [String: [String: Int]], cases: Set<String>) -> CodeMatrix {
    let codes = codebook.codes.filter(\.isCodable).map(\.id)
    let known = Set(codes)
    let rows = codes + counts.keys.filter { !known.contains($0) }.sorted()
    let columns = cases.sorted()
    return CodeMatrix(
      codes: rows, columns: columns, values: rows.map { code in columns.map { Double(counts[code]?[$0] ?? 0) } })
  }

  struct DocumentResult: Sendable {
    var document: DocumentRecord? { encoded.document }
    /// The document id (set for every result).
    var id: String?
    /// Unchanged since the folder's last run: the rows come from the store (``StoreSession/fill(_:)``).
    var reused = false
    /// Unchanged input, coded with the changed codes only (``StoreSession/PartialPlan``): the
    /// rows of the other codes are still to be merged in (``keepRows(of:plan:session:tables:)``).
    var partial = false
    /// Unchanged input in which none of the edited codes can fire: not read, its rows kept
    /// (``keptDocument(_:plan:session:context:tables:)``).
    var kept = false
    /// The SHA-256 of the document's bytes and manifest settings.
    var inputHash: String?
    /// The plain text coded, for the store.
    var text: String?
    /// The distinct words of the text coded, for the store (``KwalCoding/DocumentCoding/wordForms``).
    var wordForms: [UInt8] = []
    /// Its file's identity (``StoreSession/fileIdentity(_:settings:)``), and whether the file was
    /// left unread because the identity was as the last run found it.
    var fileIdentity = ""
    var unread = false
    /// For a reused document: where its rows lay in the previous files.
    var rows: DocumentRows?
    /// The document's record and its rows of `codings.csv`, `units.csv` and `suggestions.csv`,
    /// encoded in the worker.
    var encoded = EncodedDocument()
    /// Codings per code (rule codings; suggestions are counted apart).
    var codeCounts: [String: Int] = [:]
    var suggestions = 0
    var bytes = 0
    var diagnostics: [Diagnostic] = []
    var failure: String?
    /// Whether the failure was a system library that is not installed.
    var libraryMissing = false
  }

  /// What the rows of `codings.csv` need of the compiled codebook, prepared once: ids as UTF-8,
  /// the coder encoded, and the order of the code ids.
  struct RowTables: Sendable {
    let codes: [[UInt8]]
    let rules: [[UInt8]]
    let coder: [UInt8]
    /// The suggestions' coder, `auto:<name>@<version>/suggest`, encoded.
    let suggestionCoder: [UInt8]
    /// The codebook's content hash, encoded (the `codebook_hash` field).
    let codebookHash: [UInt8]
    /// The rank of each code id in string order (codings of one unit are sorted by code id).
    let codeRank: [Int32]

    init(_ compiled: CompiledCodebook, codebookHash: String?) {
      self.codebookHash = CodingFiles.encodedField(codebookHash ?? "")
      codes = compiled.codeIDs.map { Array($0.utf8) }
      rules = compiled.ruleIDs.map { Array($0.utf8) }
      coder = CodingFiles.encodedField(compiled.coderName)
      suggestionCoder = CodingFiles.encodedField(compiled.coderName + CodebookInfo.suggestionSuffix)
      var rank = [Int32](repeating: 0, count: compiled.codeIDs.count)
      for (position, code) in compiled.codeIDs.indices.sorted(by: { compiled.codeIDs[$0] < compiled.codeIDs[$1] })
        .enumerated()
      {
        rank[code] = Int32(position)
      }
      codeRank = rank
    }
  }

  /// The number of workers for `requested` jobs: at least one, at most one per document and one
  /// per core (more only cost memory: every worker holds its own matching state).
  public static func workers(_ requested: Int, documents: Int) -> Int {
    max(1, min(requested, documents, AvailableCores.count))
  }

  /// Reads and codes one document with the worker's context and the run's row tables, which
  /// `coder` gives when the document needs coding (not when it is reused unchanged).
  ///
  /// A document whose input hash is in `partial` is not read when `keep` gives its kept rows;
  /// else it is coded by `partialCoder` (the changed codes only) and marked
  /// ``DocumentResult/partial``.
  static func codeOne(
    _ entry: CorpusEntry, corpus: Corpus, reusable: [String: String] = [:], partial: [String: String] = [:],
    identities: [String: String] = [:], identity looked: String? = nil, keep: ((String) -> DocumentResult?)? = nil,
    partialCoder: (() -> (context: CodingContext, tables: RowTables))? = nil,
    coder: () -> (context: CodingContext, tables: RowTables)
  ) -> DocumentResult {
    let document: Document
    var diagnostics: [Diagnostic]
    let inputHash: String
    let settings = corpus.settingsFingerprint(entry)
    // Looked at before it is read (here, or `looked` earlier in the run): a file written in
    // between has another identity next time.
    let identity = looked ?? StoreSession.fileIdentity(entry.file, settings: settings)
    // Whether `keep` was asked already (it says the same of the same document).
    var keepAsked = false
    if !identity.isEmpty, identities[entry.id] == identity {
      if let known = reusable[entry.id] {
        return DocumentResult(id: entry.id, reused: true, inputHash: known, fileIdentity: identity, unread: true)
      }
      if partial[entry.id] != nil {
        keepAsked = true
        if var kept = keep?(entry.id) {
          kept.fileIdentity = identity
          kept.unread = true
          return kept
        }
      }
    }
    do throws(IngestError) {
      let data: Data
      do {
        data = try Data(contentsOf: entry.url)
      } catch {
        throw IngestError(.missingInput, "cannot read file", at: SourceLocation(file: entry.path))
      }
      inputHash = StoreSession.inputHash(data, settings: settings)
      if reusable[entry.id] == inputHash {
        return DocumentResult(id: entry.id, reused: true, inputHash: inputHash, fileIdentity: identity)
      }
      if partial[entry.id] == inputHash, !keepAsked, var kept = keep?(entry.id) {
        kept.fileIdentity = identity
        return kept
      }
      (document, diagnostics) = try corpus.document(entry, data: data)
    } catch {
      var result = DocumentResult(
        id: entry.id,
        diagnostics: [Diagnostic(.error, error.location ?? SourceLocation(file: entry.id), error.message)],
        failure: error.description)
      result.libraryMissing = error.kind == .unavailable
      return result
    }
    var isPartial = false
    let (context, tables): (CodingContext, RowTables)
    if let partialCoder, partial[entry.id] == inputHash {
      isPartial = true
      (context, tables) = partialCoder()
    } else {
      (context, tables) = coder()
    }
    let coded = context.code(document)
    let utf8 = Array(document.text.utf8)
    let offsets = ScalarOffsets(document.text)
    let units = coded.units
    if let first = coded.firstLongWord {
      let character = offsets.scalarRange(first).start
      diagnostics.append(
        Diagnostic(
          .note, SourceLocation(file: entry.id),
          "\(coded.longWords) word(s) longer than \(CodingContext.longestMatchedWord) bytes (the first at character \(character) of the text, \(first.end - first.start) bytes) matched only as whole words: no glob, compound, regex or learned cue was tried on them"
        ))
    }
    // Every unit's scalar range, once: units.csv and the codings of the unit both need it.
    let unitScalars = units.map { offsets.scalarRange($0.range) }
    let record = DocumentRecord(
      document: document.id, caseName: document.caseName, kind: document.kind, title: document.title,
      date: document.date, characters: offsets.scalarCount, words: coded.wordCount, tokens: coded.tokenCount,
      sentences: coded.sentenceCount, attributes: document.attributes)
    diagnostics.sort {
      ($0.location.line ?? 0, $0.location.column ?? 0) < ($1.location.line ?? 0, $1.location.column ?? 0)
    }
    // The codings in output order (``CodingRecord/outputOrder`` within one document: start, end,
    // code id), on byte offsets, which order them as their scalar offsets do; ties keep the
    // engine's order.
    let found = coded.found
    let order = found.indices.sorted { lhs, rhs in
      let left = units[Int(found[lhs].unit)].range
      let right = units[Int(found[rhs].unit)].range
      if left.start != right.start { return left.start < right.start }
      if left.end != right.end { return left.end < right.end }
      let leftRank = tables.codeRank[Int(found[lhs].code)]
      let rightRank = tables.codeRank[Int(found[rhs].code)]
      if leftRank != rightRank { return leftRank < rightRank }
      return lhs < rhs
    }
    var perCode = [Int](repeating: 0, count: tables.codes.count)
    var suggestionCount = 0
    let (documentField, leading) = CodingFiles.leadingFields(document: document.id, caseName: document.caseName)
    var codingBytes: [UInt8] = []
    codingBytes.reserveCapacity(found.count * 160)
    var suggestionBytes: [UInt8] = []
    var rules: [UInt8] = []
    var matched: [UInt8] = []
    var cueWords: [UInt8] = []
    let compiled = context.compiled
    // Where each coded unit lies (speaker, role, page, timestamp), once per unit.
    let places = DocumentPlaces(document)
    var unitPlaces: [Int: CodingPlace] = [:]
    utf8.withUnsafeBufferPointer { text in
      for index in order {
        let coding = found[index]
        let unit = units[Int(coding.unit)]
        let fired = coded.firedRules[Int(coding.rules.lowerBound)..<Int(coding.rules.upperBound)]
        // Learned cues alone make a suggestion; a rule (with or without the cues) makes a coding,
        // its rule and words those of the rules, the cues' agreement in `cue_probability`.
        let isSuggestion = fired.allSatisfy { compiled.isLearned(rule: $0) }
        rules.removeAll(keepingCapacity: true)
        for rule in fired where compiled.isLearned(rule: rule) == isSuggestion {
          tables.rules[Int(rule)].withUnsafeBufferPointer { CodingFiles.appendRuleID($0, to: &rules) }
        }
        matched.removeAll(keepingCapacity: true)
        cueWords.removeAll(keepingCapacity: true)
        var previous: ByteRange?
        for match in coded.matched[Int(coding.matches.lowerBound)..<Int(coding.matches.upperBound)] {
          guard compiled.isCue(pattern: match.pattern) == isSuggestion else { continue }
          // Sorted by range: words two patterns matched are listed once (as ``ScalarOffsets/distinctRanges(_:)`` does).
          guard match.range != previous else { continue }
          previous = match.range
          let (start, end) = offsets.scalarRange(match.range)
          let words = UnsafeBufferPointer(rebasing: text[clamped(match.range, to: text.count)])
          CodingFiles.appendMatchedWord(words, start: start, end: end, to: &matched)
          if isSuggestion {
            if !cueWords.isEmpty { cueWords.append(0x7C) }
            cueWords.append(contentsOf: words)
          }
        }
        let (start, end) = unitScalars[Int(coding.unit)]
        var place: CodingPlace
        if let known = unitPlaces[Int(coding.unit)] {
          place = known
        } else {
          place = CodingPlace(
            speaker: unit.speaker, role: unit.role, page: places.page(at: unit.range.start),
            timestamp: places.timestamp(at: unit.range.start))
          unitPlaces[Int(coding.unit)] = place
        }
        place.cueProbability = compiled.cueProbability(of: coding)
        if isSuggestion {
          suggestionCount += 1
        } else {
          perCode[Int(coding.code)] += 1
        }
        func appendRow(to bytes: inout [UInt8]) {
          tables.codes[Int(coding.code)].withUnsafeBufferPointer { code in
            rules.withUnsafeBufferPointer { rules in
              matched.withUnsafeBufferPointer { matched in
                CodingFiles.appendCodingRow(
                  leading: leading, unit: unit.kind, start: start, end: end, code: code,
                  coder: isSuggestion ? tables.suggestionCoder : tables.coder, rules: rules, matched: matched,
                  text: UnsafeBufferPointer(rebasing: text[clamped(unit.range, to: text.count)]), place: place,
                  codebookHash: tables.codebookHash, endingRow: !isSuggestion, to: &bytes)
              }
            }
          }
        }
        if isSuggestion { appendRow(to: &suggestionBytes) } else { appendRow(to: &codingBytes) }
        if isSuggestion {
          cueWords.withUnsafeBufferPointer {
            CodingFiles.appendSuggestionTail(probability: place.cueProbability, cues: $0, to: &suggestionBytes)
          }
        }
      }
    }
    var counts: [String: Int] = [:]
    for (code, count) in perCode.enumerated() where count > 0 { counts[context.compiled.codeIDs[code]] = count }
    // The units in file order (start, longer first, kind), on byte offsets, which order them as
    // their scalar offsets do; each row written straight from the unit.
    let unitOrder = units.indices.sorted { lhs, rhs in
      let left = units[lhs]
      let right = units[rhs]
      if left.range.start != right.range.start { return left.range.start < right.range.start }
      if left.range.end != right.range.end { return left.range.end > right.range.end }
      if left.kind != right.kind { return left.kind.rawValue < right.kind.rawValue }
      return lhs < rhs
    }
    var unitBytes: [UInt8] = []
    unitBytes.reserveCapacity(units.count * (documentField.count + 24))
    for index in unitOrder {
      let unit = units[index]
      let (start, end) = unitScalars[index]
      unitBytes.append(contentsOf: documentField)
      CodingFiles.appendUnitRowAfterDocument(
        unit: unit.kind, start: start, end: end, speaker: unit.speaker, role: unit.role, to: &unitBytes)
    }
    return DocumentResult(
      id: entry.id, partial: isPartial, inputHash: inputHash, text: document.text, wordForms: coded.wordForms,
      fileIdentity: identity,
      encoded: EncodedDocument(
        document: record, codingsCSV: codingBytes, unitsCSV: unitBytes, suggestionsCSV: suggestionBytes),
      codeCounts: counts, suggestions: suggestionCount, bytes: utf8.count, diagnostics: diagnostics)
  }

  /// A document coded with the changed codes only, completed with the previous run's rows of the
  /// unchanged codes (their coder and codebook hash rewritten): the rows a full run writes. Nil
  /// when the previous rows cannot be read (the document is then coded in full).
  static func keepRows(
    of result: DocumentResult, plan: StoreSession.PartialPlan, session: StoreSession, tables: RowTables
  ) -> DocumentResult? {
    guard let id = result.id, let place = plan.documents[id],
      let keptCodings = session.previousRows("codings.csv", place.rows.codings),
      let keptSuggestions = session.previousRows(CodingFiles.suggestionsFile, place.rows.suggestions),
      let codings = KeptRows.merge(
        kept: keptCodings, keep: plan.keep, fresh: result.encoded.codingsCSV, coder: tables.coder,
        codebookHash: tables.codebookHash),
      let suggestions = KeptRows.merge(
        kept: keptSuggestions, keep: plan.keep, fresh: result.encoded.suggestionsCSV, coder: tables.suggestionCoder,
        codebookHash: tables.codebookHash)
    else { return nil }
    var result = result
    result.encoded.codingsCSV = codings.rows
    result.encoded.suggestionsCSV = suggestions.rows
    result.encoded.storedCodingsCSV = codings.stored
    result.encoded.storedSuggestionsCSV = suggestions.stored
    result.codeCounts = codings.perCode
    result.suggestions = suggestions.perCode.values.reduce(0, +)
    return result
  }

  /// A document whose input did not change, when none of the edited codes can fire in it (see
  /// ``StoreSession/SkipPlan``): the previous run's rows, those of the codes that keep theirs with
  /// coder and codebook hash rewritten, and its record as the store holds it; the rows a full run
  /// writes. Nil when it must be read (or its stored rows cannot be read).
  static func keptDocument(
    _ id: String, plan: StoreSession.PartialPlan, session: StoreSession, context: CodingContext, tables: RowTables
  ) -> DocumentResult? {
    guard let skip = plan.skip, let stored = plan.documents[id], let forms = skip.forms[id],
      let textBytes = skip.textBytes[id], let counts = skip.counts[id],
      skip.withoutCodings.allSatisfy({ (counts[$0] ?? 0) == 0 }),
      !context.mayFire(codes: plan.recode, wordForms: forms),
      let record = skip.records[id], let diagnostics = skip.diagnostics[id],
      let keptCodings = session.previousRows("codings.csv", stored.rows.codings),
      let keptSuggestions = session.previousRows(CodingFiles.suggestionsFile, stored.rows.suggestions),
      let units = session.previousRows("units.csv", stored.rows.units),
      let codings = KeptRows.merge(
        kept: keptCodings, keep: skip.keep, fresh: [], coder: tables.coder, codebookHash: tables.codebookHash),
      let suggestions = KeptRows.merge(
        kept: keptSuggestions, keep: skip.keep, fresh: [], coder: tables.suggestionCoder,
        codebookHash: tables.codebookHash)
    else { return nil }
    var encoded = EncodedDocument(
      document: record, codingsCSV: codings.rows, unitsCSV: units, suggestionsCSV: suggestions.rows)
    encoded.storedCodingsCSV = codings.stored
    encoded.storedSuggestionsCSV = suggestions.stored
    return DocumentResult(
      id: id, kept: true, inputHash: stored.inputHash, encoded: encoded,
      codeCounts: codings.perCode, suggestions: suggestions.perCode.values.reduce(0, +), bytes: textBytes,
      diagnostics: diagnostics)
  }

  /// A byte range as indices of a buffer of `count` bytes (clamped, never reversed).
  private static func clamped(_ range: ByteRange, to count: Int) -> Range<Int> {
    let lower = min(max(0, range.start), count)
    return lower..<max(lower, min(range.end, count))
  }
}

/// A value made on a thread of its own (``OwnThread``) from the start, while the caller
/// goes on; ``result`` waits for it.
final class InBackground<Value: Sendable, Failure: Error>: @unchecked Sendable {
  // `made` is written by the worker before it signals `done`, and read only after a wait.
  private var made: Result<Value, Failure>?
  private let done = DispatchSemaphore(value: 0)

  init(_ make: @escaping @Sendable () throws(Failure) -> Value) {
    OwnThread.start { [self] in
      made = Result(catching: make)
      done.signal()
    }
  }

  /// The value or the error, once made.
  var result: Result<Value, Failure> {
    done.wait()
    done.signal()
    guard let made else { preconditionFailure("the worker signals only after making the value") }
    return made
  }
}

/// A value made on first use, by whichever thread asks first (the others wait for it).
final class OnFirstUse<Value: Sendable>: Sendable {
  private let make: @Sendable () -> Value
  private let made = Mutex<Value?>(nil)

  init(_ make: @escaping @Sendable () -> Value) { self.make = make }

  var value: Value {
    made.withLock { made in
      if let made { return made }
      let value = make()
      made = value
      return value
    }
  }
}
