internal import Foundation
internal import KwalCoding
internal import KwalExport
internal import KwalIngest
internal import KwalModel
internal import KwalStore

/// The project store's side of `kwal code`: the folder's lock, the run being recorded, and the
/// documents whose outputs an earlier run left and this one may reuse.
final class StoreSession: @unchecked Sendable {
  // Used by the coding loop (reuse look-ups) and the write queue (recording), which the
  // pipeline orders; the store serialises its own access.
  let lock: FolderLock
  let run: StoreRun
  /// Input hashes of the documents whose rows can be reused, by id (empty for a full run).
  let reusable: [String: String]
  /// The previous run's files, when their rows can be reused.
  let previous: PreviousOutput?
  let codebookHash: String
  let target: URL
  /// Documents whose input is unchanged but whose codebook changed in some codes only: those
  /// codes are coded again, the rows of the others are kept (nil when there are none).
  let partial: PartialPlan?
  /// Each document's file as the last run found it (``fileIdentity(_:settings:)``), by id: a
  /// file that is still so is not read to be hashed (empty for a full run).
  let fileIdentities: [String: String]

  /// What an incremental run after a codebook edit codes again.
  struct PartialPlan: Sendable {
    /// The codes to code again: edited or added since the documents' codebook.
    var recode: Set<String>
    /// The codes whose earlier rows stay (same fingerprint in both codebooks).
    var keep: Set<String>
    /// The documents, by id, as the store holds them (without their texts): their input hash
    /// and where their rows lie in the previous files.
    var documents: [String: StoredDocument]
    /// Which documents need not be read at all (nil when some code coded again may code a
    /// document whatever its words: its exclusion criteria, context or cues changed).
    var skip: SkipPlan?
    /// Of the codes coded again whose rules alone were edited, and whose rules the store knows
    /// in both versions: the places (in the code's `rules`, from 0) of the rules that are new or
    /// edited. A document without rule codings of such a code is read only when one of those
    /// can fire in it; the code's other rules fire where they fired, which was nowhere a rule
    /// coding came of it.
    var editedRules: [String: Set<Int>] = [:]
  }

  /// After an edit of some codes' rules only, or of codes without learned cues: a document in
  /// which no rule of those codes can fire (``KwalCoding/CodingContext/mayFire(codes:wordForms:)``)
  /// and which has no rule codings of the edited codes with cues gets the codings it had (the
  /// cues' suggestions of those codes stay; codes without cues have none), so it is not read.
  struct SkipPlan: Sendable {
    /// The codes whose earlier rows a document that is not read keeps: the unchanged codes and
    /// the edited codes with learned cues.
    var keep: Set<String>
    /// The edited codes with learned cues: a document with rule codings of one of them is read.
    var withoutCodings: Set<String>
    /// Each document's distinct words, as the store keeps them (a document without is read).
    var forms: [String: [UInt8]]
    /// Each document's UTF-8 text length.
    var textBytes: [String: Int]
    /// Each document's record, rule codings per code and diagnostics, as the store holds them.
    var records: [String: DocumentRecord]
    var counts: [String: [String: Int]]
    var diagnostics: [String: [Diagnostic]]
  }

  init(
    output: URL, codebook: CodebookInfo, codeHashes: [String: String] = [:],
    ruleFreeHashes: [String: String] = [:], ruleHashes: [String: String] = [:], codesWithCues: Set<String> = [],
    command: String, options: [String: String], full: Bool
  ) throws {
    lock = try FolderLock(folder: output)
    target = output.appendingPathComponent(ProjectStore.fileName)
    codebookHash = codebook.hash ?? ""
    let tree = String(decoding: try CodingOutputWriter.codebookJSON(codebook), as: UTF8.self)
    let optionsJSON =
      "{" + options.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\"\($0.value)\"" }.joined(separator: ",") + "}"
    let started = ISO8601DateFormatter().string(from: Date())
    let upgrade = { try History.upgrade(from: output) }
    run = try StoreRun(
      target: target, temporary: AtomicFile.temporary(for: target), inPlace: !full,
      codebook: StoredCodebook(
        codebook, tree: tree, codeHashes: codeHashes, ruleFreeHashes: ruleFreeHashes, ruleHashes: ruleHashes),
      run: StoredRun(
        started: started, mode: "full", kwalVersion: KwalVersion.string, codebookID: nil,
        command: command, options: optionsJSON),
      upgrade: upgrade, copy: FileCopy.copy)
    // Rows are reused only from files that are as the last run wrote them (not opened and saved
    // in a spreadsheet, not made spreadsheet-safe): their size, time and inode are checked.
    var previous: PreviousOutput?
    var reusable: [String: String] = [:]
    var partial: PartialPlan?
    var fileIdentities: [String: String] = [:]
    if !full, let last = try run.current.lastRun(before: run.runID),
      let identities = try? JSONDecoder().decode([String: String].self, from: Data(last.files.utf8))
    {
      previous = PreviousOutput(folder: output, identities: identities)
      if previous != nil {
        reusable = try run.current.reusableDocuments(codebookHash: codebookHash, kwalVersion: KwalVersion.build)
        partial = try Self.partialPlan(
          run.current, codebookHash: codebookHash, codeHashes: codeHashes, ruleFreeHashes: ruleFreeHashes,
          ruleHashes: ruleHashes, codesWithCues: codesWithCues)
        fileIdentities = try run.current.fileIdentities()
      }
    }
    self.previous = previous
    self.reusable = reusable
    self.partial = partial
    self.fileIdentities = fileIdentities
  }

  /// The documents coded with another version of the codebook, when the store knows the codes'
  /// fingerprints of both: the version most of them were coded with (a folder's documents
  /// usually share one; the others are coded in full).
  static func partialPlan(
    _ store: ProjectStore, codebookHash: String, codeHashes: [String: String],
    ruleFreeHashes: [String: String] = [:], ruleHashes: [String: String] = [:], codesWithCues: Set<String> = []
  ) throws -> PartialPlan? {
    guard !codeHashes.isEmpty else { return nil }
    let others = try store.documentsCoded(otherThan: codebookHash, kwalVersion: KwalVersion.build)
    var perCodebook: [String: Int] = [:]
    for (_, stored) in others { perCodebook[stored.document.codebookHash, default: 0] += 1 }
    guard let earlier = perCodebook.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key else { return nil }
    let old = try store.codeHashes(ofCodebook: earlier)
    guard !old.isEmpty else { return nil }
    let chosen = others.filter { $0.value.document.codebookHash == earlier }
    let keep = Set(codeHashes.filter { old[$0.key] == $0.value }.keys)
    // Nothing to keep (the shared settings changed): the documents are coded in full.
    guard !keep.isEmpty else { return nil }
    let recode = Set(codeHashes.filter { old[$0.key] != $0.value }.keys)
    var plan = PartialPlan(recode: recode, keep: keep, documents: chosen.mapValues(\.document))
    // A code with cues whose rules alone changed gives a document in which its rules cannot
    // fire the cues' codings it had; a code without cues gives it none.
    let oldRuleFree = try store.ruleFreeHashes(ofCodebook: earlier)
    let ruleEdits = recode.allSatisfy { code in
      !codesWithCues.contains(code) || (oldRuleFree[code] != nil && oldRuleFree[code] == ruleFreeHashes[code])
    }
    // The codes whose rules alone changed and whose rules' fingerprints are known in both
    // versions: only their new and edited rules are asked about.
    let oldRules = try store.ruleHashes(ofCodebook: earlier)
    for code in recode {
      guard let ruleFree = ruleFreeHashes[code], oldRuleFree[code] == ruleFree, let new = ruleHashes[code],
        let old = oldRules[code]
      else { continue }
      let before = Set(old.split(separator: " "))
      plan.editedRules[code] = Set(
        new.split(separator: " ").enumerated().filter { !before.contains($0.element) }.map(\.offset))
    }
    if ruleEdits {
      let forms = try store.wordForms(of: Array(chosen.keys))
      if !forms.isEmpty {
        let withCues = recode.intersection(codesWithCues)
        // A code narrowed to its edited rules keeps its rows where it had no rule codings (its
        // cues' suggestions, if any), as a code with cues does.
        let narrowed = Set(plan.editedRules.keys)
        let documents = chosen.keys.sorted().compactMap { chosen[$0]?.document }
        plan.skip = SkipPlan(
          keep: keep.union(withCues).union(narrowed), withoutCodings: withCues.union(narrowed),
          forms: forms.mapValues { [UInt8]($0) },
          textBytes: chosen.mapValues(\.textBytes), records: records(documents),
          counts: codeCounts(documents),
          diagnostics: diagnostics(documents))
      }
    }
    return plan
  }

  /// The rows of `range` of the previous run's `name`, or nil when they cannot be read.
  func previousRows(_ name: String, _ range: Range<Int>) -> [UInt8]? { previous?.read(name, range) }

  /// What a document's file is, short of its bytes (``KwalExport/FileIdentity/settled(_:)``), and
  /// a hash of its manifest settings. Empty when the file cannot be looked at or changed in the
  /// last two seconds: then it is read.
  static func fileIdentity(_ path: String, settings: String) -> String {
    guard let file = FileIdentity.settled(path) else { return "" }
    // The settings' 64-bit FNV-1a hash (a SHA-256 per document cost a twentieth of an unchanged
    // run): edited settings keep the same hash with a chance of about one in 10^19.
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    var settings = settings
    settings.withUTF8 { bytes in
      for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    }
    return file + ":" + String(hash, radix: 16)
  }

  /// The input hash of a document: its bytes and how the manifest says to read it.
  static func inputHash(_ data: Data, settings: String) -> String {
    StoreHash.sha256Hex([data, Data(settings.utf8)])
  }

  /// The results of reused documents, filled in from the store (record, counts, diagnostics)
  /// and from the previous run's files (their rows, at the places the store recorded).
  func fill(_ results: inout [CodeCorpus.DocumentResult]) throws {
    let ids = results.filter(\.reused).compactMap(\.id)
    guard !ids.isEmpty else { return }
    // Without their texts: only the texts' lengths are needed.
    let stored = try run.current.documentsWithoutText(ids)
    let found = ids.compactMap { stored[$0] }
    let documents = found.map(\.document)
    let records = Self.records(documents)
    let counts = Self.codeCounts(documents)
    let diagnostics = Self.diagnostics(documents)
    for index in results.indices where results[index].reused {
      guard let id = results[index].id, let (document, textBytes) = stored[id], let record = records[id] else {
        results[index].failure = "\(results[index].id ?? "?"): the stored output of this document cannot be read"
        continue
      }
      // Its rows are copied from the previous run's files when written.
      var encoded = EncodedDocument(document: record)
      encoded.reused = CodingOutputWriter.Rows(
        codings: document.rows.codings, units: document.rows.units, suggestions: document.rows.suggestions)
      results[index].encoded = encoded
      results[index].codeCounts = counts[id] ?? [:]
      results[index].suggestions = document.suggestionCount
      results[index].bytes = textBytes
      results[index].diagnostics = diagnostics[id] ?? []
      results[index].rows = document.rows
    }
  }

  /// The records of stored documents, by id (an unreadable one is left out, and its document
  /// named by the caller).
  static func records(_ documents: [StoredDocument]) -> [String: DocumentRecord] {
    decodeAll(documents, binary: \.recordBinary, DocumentRecord.init(binaryForm:), json: \.record)
  }

  /// The code counts of stored documents, by id.
  static func codeCounts(_ documents: [StoredDocument]) -> [String: [String: Int]] {
    decodeAll(documents, binary: \.codeCountsBinary, CodeCountsForm.decode, json: \.codeCounts)
  }

  /// A column of stored documents kept both in a binary form and as JSON, by document id: from
  /// the binary form, or from the JSON for rows stored without one (or with a damaged one).
  static func decodeAll<T: Decodable>(
    _ documents: [StoredDocument], binary: KeyPath<StoredDocument, Data?>, _ read: ([UInt8]) -> T?,
    json: KeyPath<StoredDocument, String>
  ) -> [String: T] {
    var values: [String: T] = [:]
    var withoutForm: [StoredDocument] = []
    for document in documents {
      if let form = document[keyPath: binary], let value = read([UInt8](form)) {
        values[document.id] = value
      } else {
        withoutForm.append(document)
      }
    }
    return values.merging(decodeAll(T.self, withoutForm, json)) { first, _ in first }
  }

  /// The diagnostics of stored documents, by id: most have none (`[]`), which needs no decoder.
  static func diagnostics(_ documents: [StoredDocument]) -> [String: [Diagnostic]] {
    var none: [String: [Diagnostic]] = [:]
    var some: [StoredDocument] = []
    for document in documents {
      if document.diagnostics == "[]" { none[document.id] = [] } else { some.append(document) }
    }
    return none.merging(decodeAll([Diagnostic].self, some, \.diagnostics)) { first, _ in first }
  }

  /// A JSON column of stored documents decoded, by document id: in one call for all (a
  /// decoder's set-up costs more than a short record), one by one only when that fails (an
  /// unreadable one is then left out, and its document named by the caller).
  static func decodeAll<T: Decodable>(
    _ type: T.Type, _ documents: [StoredDocument], _ json: KeyPath<StoredDocument, String>
  ) -> [String: T] {
    let decoder = JSONDecoder()
    var result: [String: T] = [:]
    let array = Data(("[" + documents.map { $0[keyPath: json] }.joined(separator: ",") + "]").utf8)
    if let values = try? decoder.decode([T].self, from: array), values.count == documents.count {
      for (document, value) in zip(documents, values) { result[document.id] = value }
      return result
    }
    for document in documents {
      if let value = try? decoder.decode(T.self, from: Data(document[keyPath: json].utf8)) {
        result[document.id] = value
      }
    }
    return result
  }

  /// What the store records of one written document.
  struct Pending: Sendable {
    var document: StoredDocument
    /// Its rows of codings.csv and suggestions.csv (empty for a reused document: its blocks are
    /// already there).
    var codings: Data
    var suggestions: Data
    var reused: Bool
    /// Not read again after a codebook edit (``SkipPlan``): its rows were rewritten.
    var kept = false
    /// The distinct words of a document coded in this run.
    var words: Data?
    /// Its file's identity (``fileIdentity(_:settings:)``).
    var file = ""
    /// Whether `codings` and `suggestions` are already as the store keeps them.
    var stored = false
    /// For a reused document: where its rows lay in the previous files (the store's places).
    var previousRows: DocumentRows?
  }

  /// What the store keeps of the documents of this batch; their rows' places are filled in
  /// once written (``record(_:rows:)``).
  func pending(_ results: [CodeCorpus.DocumentResult]) -> [Pending] {
    let empty = DocumentRows(codings: 0..<0, units: 0..<0, suggestions: 0..<0)
    var documents: [Pending] = []
    for result in results where result.failure == nil {
      guard let record = result.encoded.document else { continue }
      if result.kept {
        documents.append(
          Pending(
            document: StoredDocument(
              id: record.document, inputHash: "", kind: "", caseName: "", record: "", text: "",
              codebookHash: codebookHash, kwalVersion: KwalVersion.build, rows: empty,
              codeCounts: JSONBytesWriter.json { $0.write(result.codeCounts) }, suggestionCount: result.suggestions,
              diagnostics: "",
              codeCountsBinary: Data(CodeCountsForm.encode(result.codeCounts))),
            codings: Data(result.encoded.storedCodingsCSV ?? result.encoded.codingsCSV),
            suggestions: Data(result.encoded.storedSuggestionsCSV ?? result.encoded.suggestionsCSV), reused: false,
            kept: true, file: result.fileIdentity,
            stored: result.encoded.storedCodingsCSV != nil && result.encoded.storedSuggestionsCSV != nil))
        continue
      }
      if result.reused {
        // Only its rows' places change: the rest is as stored.
        documents.append(
          Pending(
            document: StoredDocument(
              id: record.document, inputHash: "", kind: "", caseName: "", record: "", text: "", codebookHash: "",
              kwalVersion: "", rows: empty, codeCounts: "", suggestionCount: 0, diagnostics: ""),
            codings: Data(), suggestions: Data(), reused: true, file: result.fileIdentity,
            previousRows: result.rows))
        continue
      }
      documents.append(
        Pending(
          document: StoredDocument(
            id: record.document, inputHash: result.inputHash ?? "", kind: record.kind.rawValue,
            caseName: record.caseName, record: JSONBytesWriter.json { $0.write(record) }, text: result.text ?? "",
            codebookHash: codebookHash,
            kwalVersion: KwalVersion.build, rows: empty,
            codeCounts: JSONBytesWriter.json { $0.write(result.codeCounts) },
            suggestionCount: result.suggestions, diagnostics: JSONBytesWriter.json { $0.write(result.diagnostics) },
            recordBinary: Data(record.binaryForm()), codeCountsBinary: Data(CodeCountsForm.encode(result.codeCounts))),
          codings: Data(result.encoded.storedCodingsCSV ?? result.encoded.codingsCSV),
          suggestions: Data(result.encoded.storedSuggestionsCSV ?? result.encoded.suggestionsCSV), reused: false,
          words: Data(result.wordForms), file: result.fileIdentity,
          stored: result.encoded.storedCodingsCSV != nil && result.encoded.storedSuggestionsCSV != nil))
    }
    return documents
  }

  /// Records a written batch (on the write queue): each document's rows' places, and the
  /// codings of the documents coded in this run.
  func record(_ documents: [Pending], rows: [CodingOutputWriter.Rows]) throws {
    var coded: [(document: StoredDocument, codings: Data, suggestions: Data)] = []
    var moved: [(id: String, rows: DocumentRows)] = []
    var words: [(id: String, forms: Data)] = []
    var kept: [StoreRun.KeptDocument] = []
    var files: [(id: String, identity: String)] = []
    for (pending, place) in zip(documents, rows) {
      let rows = DocumentRows(codings: place.codings, units: place.units, suggestions: place.suggestions)
      let document = pending.document
      // What is as the store has it is not written again.
      if pending.file != fileIdentities[document.id] ?? "" { files.append((document.id, pending.file)) }
      if pending.reused {
        if pending.previousRows != rows { moved.append((document.id, rows)) }
      } else if pending.kept {
        kept.append(
          StoreRun.KeptDocument(
            id: document.id, codebookHash: document.codebookHash, kwalVersion: document.kwalVersion, rows: rows,
            codeCounts: document.codeCounts, suggestionCount: document.suggestionCount,
            codings: pending.stored ? pending.codings : Self.stored(pending.codings),
            suggestions: pending.stored ? pending.suggestions : Self.stored(pending.suggestions),
            codeCountsBinary: document.codeCountsBinary))
      } else {
        var document = document
        document.rows = rows
        coded.append(
          (
            document, pending.stored ? pending.codings : Self.stored(pending.codings),
            pending.stored ? pending.suggestions : Self.stored(pending.suggestions)
          ))
        if let forms = pending.words { words.append((document.id, forms)) }
      }
    }
    try run.record(coded, moved: moved, words: words, kept: kept, files: files)
  }

  /// A run's rows as the store keeps them (``KwalExport/KeptRows/withoutRunFields(_:)``): a
  /// codebook edit that leaves a document's codings as they were adds no copy of its rows.
  static func stored(_ rows: Data) -> Data {
    guard !rows.isEmpty else { return rows }
    return KeptRows.withoutRunFields([UInt8](rows)).map { Data($0) } ?? rows
  }

  /// How the store commits with the CSV files: its copy, renamed with them, or (written in
  /// place) its transaction, committed between the commit journal and the renames.
  ///
  /// `recoded` counts the documents read and coded again, `partially` those of them coded for
  /// the changed codes only: a run that kept any rows is `incremental`.
  func finish(
    documents: Set<String>, recoded: Int, partially: Int = 0, codings: Int, suggestions: Int,
    files: [String: String]
  ) throws -> (staged: [AtomicFile.StagedFile], precommit: AtomicFile.Precommit?) {
    try run.finish(
      documents: documents, recoded: recoded, codings: codings, suggestions: suggestions,
      mode: recoded < documents.count || partially > 0 ? "incremental" : "full", files: files)
    guard run.inPlace else { return ([AtomicFile.StagedFile(temporary: run.temporary, target: target)], nil) }
    let run = run
    return (
      [],
      AtomicFile.Precommit(condition: StoreCommit.condition(run: run.runID, started: run.runStarted)) {
        try run.commit()
      }
    )
  }

  /// Removes the store's copy of an unfinished run and releases the folder.
  func discard() {
    previous?.close()
    run.discard()
    lock.release()
  }
}

/// The commit of a run that writes the project store in place, as its commit journal records it,
/// and the recovery of a folder that a killed command left.
enum StoreCommit {
  /// The journal's condition for a run that writes the store in place: the store's file, the
  /// run's number and its start time (a run number freed by a rollback is taken again by the
  /// next run; the two never share the time).
  static func condition(run: Int64, started: String) -> [String] {
    ["store-run", ProjectStore.fileName, String(run), started]
  }

  /// Whether the transaction named by a commit journal's condition committed: the store's last
  /// run is the journal's (opening the store first rolls back one a killed run left open); nil
  /// when the store cannot be read now (busy, damaged): then the journal waits.
  static func confirm(_ condition: [String], in folder: URL) -> Bool? {
    guard condition.count == 4, condition[0] == "store-run", condition[1] == ProjectStore.fileName,
      let run = Int64(condition[2])
    else { return nil }
    guard let last = ProjectStore.lastCommittedRun(at: folder.appendingPathComponent(ProjectStore.fileName)) else {
      return nil
    }
    return last.id == run && last.started == condition[3]
  }

  /// Finishes or undoes what a killed command left in an output folder (``AtomicFile/recover(in:confirm:)``),
  /// telling from the store whether a run written in place committed.
  static func recover(_ folder: URL) {
    installCheck()
    AtomicFile.recover(in: folder) { confirm($0, in: folder) }
  }

  /// Makes every recovery of a folder, also those of the readers of its CSV files, ask the store.
  static func installCheck() { _ = installed }

  private static let installed: Void = AtomicFile.installConditionCheck { folder, condition in
    confirm(condition, in: folder)
  }
}

/// The learned cues kept in an output folder's store between runs (``LearnedCuesCache``): read
/// from the store as the last run left it, by the cues file's identity or else by its SHA-256,
/// then from the user's cache folder (``CuesCacheFolder``) by its SHA-256; what the run should
/// keep in its store is in ``toKeep``.
final class StoreCuesCache: LearnedCuesCache, @unchecked Sendable {
  private let store: URL
  private let folder: URL?
  // The state below is written by the thread that reads the cues file and read once the
  // codebook is loaded; the lock keeps a reader from seeing half of it, should the two overlap.
  private let lock = NSLock()
  /// The cues file's identity when this run looked at it.
  private var identity = ""
  private var identityKnown = false
  /// Cues decoded or read from the cache folder in this run, with their binary form.
  private var fresh: (sha256: String, form: [UInt8])?
  private var foundBySHA256: String?

  init(store: URL, folder: URL? = nil) {
    self.store = store
    self.folder = folder
  }

  func cues(ofFileAt url: URL) -> (sha256: String, cues: LearnedCues)? {
    // Looked at before the file is read: a file written in between has another identity.
    let identity = StoreSession.fileIdentity(url.path, settings: "")
    lock.withLock { self.identity = identity }
    guard let (sha256, form) = ProjectStore.cachedCues(inStoreAt: store, identity: identity),
      let cues = LearnedCues(binaryForm: form)
    else { return nil }
    lock.withLock { identityKnown = true }
    return (sha256, cues)
  }

  func cues(sha256: String) -> LearnedCues? {
    if let cues = ProjectStore.cachedCues(inStoreAt: store, sha256: sha256).flatMap({ LearnedCues(binaryForm: $0) }) {
      lock.withLock { foundBySHA256 = sha256 }
      return cues
    }
    guard let folder, let (cues, form) = CuesCacheFolder.load(folder, sha256: sha256) else { return nil }
    lock.withLock { fresh = (sha256, form) }
    return cues
  }

  func decoded(_ cues: LearnedCues, sha256: String) {
    let form = cues.binaryForm()
    lock.withLock { fresh = (sha256, form) }
    if let folder { CuesCacheFolder.keep(folder, sha256: sha256, form: form) }
  }

  /// What the run keeps in its store: cues decoded (or read from the cache folder) in this run,
  /// with the file's identity; or the identity alone, for cues found in the store by their hash
  /// whose file was written since (or first looked at).
  var toKeep: (sha256: String, data: [UInt8]?, identity: String)? {
    lock.withLock {
      if let fresh { return (fresh.sha256, fresh.form, identity) }
      if let foundBySHA256, !identityKnown { return (foundBySHA256, nil, identity) }
      return nil
    }
  }
}
