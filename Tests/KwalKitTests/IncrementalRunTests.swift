import Foundation
import GRDB
@testable import KwalCoding
import KwalExport
import KwalIngest
@testable import KwalKit
import KwalModel
import KwalStore
import Testing
import KwalTestSupport

/// `kwal code` into a folder coded before: only changed documents are coded again, and every
/// file is byte-identical to a fresh full run's; the store logs the runs and keeps each run's codings.
@Suite("Incremental runs and the project store")
struct IncrementalRunTests {
  /// The files a run writes that must match a full run byte for byte.
  static let compared = [
    "codings.csv", "suggestions.csv", "units.csv", "documents.csv", "matrix.csv", "codebook.json",
  ]

  /// A copy of the demo corpus and codebook (with its learned cues) in a scratch folder.
  func demo() throws -> (root: URL, corpus: URL, codebook: URL) {
    let root = try Scratch.folder("kwal-incremental")
    let corpus = root.appendingPathComponent("corpus")
    try FileManager.default.copyItem(at: KwalProcess.packageRoot.appendingPathComponent("Corpus"), to: corpus)
    for name in ["lastmile.yaml", "lastmile.learned.json"] {
      try FileManager.default.copyItem(
        at: KwalProcess.packageRoot.appendingPathComponent("Codebooks/\(name)"), to: root.appendingPathComponent(name))
    }
    return (root, corpus, root.appendingPathComponent("lastmile.yaml"))
  }

  /// Codes into `out` (incrementally) and into a fresh folder (fully); expects the same bytes.
  @discardableResult
  func expectIdentical(_ corpus: URL, _ codebook: URL, _ out: URL, _ comment: Comment) throws -> CodeRunSummary {
    let incremental = try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 2)
    let fresh = out.deletingLastPathComponent().appendingPathComponent("fresh-\(UUID().uuidString)")
    _ = try CodeCorpus.run(corpus: corpus, codebook: codebook, output: fresh, jobs: 1, full: true)
    for name in Self.compared {
      let left = try Data(contentsOf: out.appendingPathComponent(name))
      let right = try Data(contentsOf: fresh.appendingPathComponent(name))
      #expect(left == right, "\(name) differs from a full run after: \(comment)")
    }
    return incremental
  }

  @Test("Added, edited and removed documents and a changed manifest entry: only those are coded again")
  func documentEdits() throws {
    let (root, corpus, codebook) = try demo()
    let out = root.appendingPathComponent("out")
    let first = try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 2)
    #expect(first.reused == 0 && first.run == 1)
    let again = try expectIdentical(corpus, codebook, out, "nothing changed")
    #expect(again.reused == again.documents)
    // Reused documents count their bytes as coded ones do (the store gives their texts' lengths).
    #expect(again.bytes == first.bytes && again.tokens == first.tokens)

    let edited = corpus.appendingPathComponent("Rivierstad/interviews/gemeente.txt")
    var text = try String(contentsOf: edited, encoding: .utf8)
    text += "\nR1: We proberen de kloof te overbruggen tussen de gemeente en de vervoerders.\n"
    try Data(text.utf8).write(to: edited)
    let afterEdit = try expectIdentical(corpus, codebook, out, "one edited document")
    #expect(afterEdit.reused == afterEdit.documents - 1)

    try Data("R1: De kosten van de hub zijn te hoog voor de gemeente.\n".utf8).write(
      to: corpus.appendingPathComponent("Lindehof/interviews/nieuw.txt"))
    let afterAdd = try expectIdentical(corpus, codebook, out, "one added document")
    #expect(afterAdd.reused == afterAdd.documents - 1)

    try FileManager.default.removeItem(at: edited)
    let afterRemove = try expectIdentical(corpus, codebook, out, "one removed document")
    #expect(afterRemove.reused == afterRemove.documents)

    // The manifest gives one document another attribute: that document is read again.
    let manifest = corpus.appendingPathComponent("corpus.yaml")
    var yaml = try String(contentsOf: manifest, encoding: .utf8)
    yaml += "\n  - path: Lindehof/interviews/nieuw.txt\n    phase: evaluatie\n"
    try Data(yaml.utf8).write(to: manifest)
    let afterManifest = try expectIdentical(corpus, codebook, out, "a changed manifest entry")
    #expect(afterManifest.reused < afterManifest.documents)

    // Every run is logged; the diff between the first and the last names the gained coding.
    let runs = try History.runs(out)
    #expect(runs.map(\.number) == Array(1...runs.count))
    #expect(runs.first?.mode == "full" && runs.last?.mode == "incremental")
    #expect(runs.allSatisfy { $0.codebookHash.count == 16 })
    let diff = String(
      decoding: try History.diff("\(out.path)@1", out.path, format: "csv", all: false, suggestions: false),
      as: UTF8.self)
    let lines = diff.split(separator: "\n")
    #expect(lines.first == "change,document,start,end,code,case,unit,rule,text,coder,previous_rule,review")
    #expect(lines.contains { $0.hasPrefix("+,Lindehof/interviews/nieuw.txt,") && $0.contains(",costs,") })
    #expect(lines.contains { $0.hasPrefix("-,Rivierstad/interviews/gemeente.txt,") })
  }

  @Test("A file as the last run found it is not read again; one written since is")
  func settledFilesAreNotReadAgain() throws {
    let (root, corpus, codebook) = try demo()
    let out = root.appendingPathComponent("out")
    try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 2)
    // Files written moments ago are read (and hashed) until they have settled; then the run
    // records them as found.
    Thread.sleep(forTimeInterval: 2.2)
    let settling = try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 2)
    #expect(settling.reused == settling.documents)
    let settled = try expectIdentical(corpus, codebook, out, "files not read again")
    #expect(settled.unread == settled.documents && settled.reused == settled.documents)
    // A document written since (its change time moved) is read, and its edit found.
    let edited = corpus.appendingPathComponent("Rivierstad/interviews/gemeente.txt")
    try Data((try String(contentsOf: edited, encoding: .utf8) + "\nR1: De kosten liepen op.\n").utf8).write(to: edited)
    let afterEdit = try expectIdentical(corpus, codebook, out, "one file written since")
    #expect(afterEdit.unread == afterEdit.documents - 1 && afterEdit.reused == afterEdit.documents - 1)
    // After a rule edit, documents in which the code cannot fire are kept without being read.
    let text = try String(contentsOf: codebook, encoding: .utf8)
    try Data(
      text.replacingOccurrences(
        of: "[uitstellen, uitgesteld, uitstel,", with: "[uitstellen, uitgesteld, uitstel, opschorten,"
      )
      .utf8
    ).write(to: codebook)
    let afterRule = try expectIdentical(corpus, codebook, out, "a rule edit, files not read")
    // (The document written above had not settled when last read: it is read if kept.)
    #expect(afterRule.kept > 1 && afterRule.unread >= afterRule.kept - 1 && afterRule.unread <= afterRule.kept)
  }

  @Test("An edited, an added and a removed code: the same bytes as a full run, and the diff says what the edit did")
  func codeEdits() throws {
    let (root, corpus, _) = try demo()
    let codebook = root.appendingPathComponent("small.yaml")
    func write(_ codes: String) throws {
      try Data("codebook: {name: small, version: \"1\"}\ncodes:\n\(codes)".utf8).write(to: codebook)
    }
    let costs = "  - id: costs\n    rules: [{id: costs-words, any: [kosten]}]\n"
    let bridging = "  - id: bridging\n    rules: [{id: bridging-words, any: [gemeente]}]\n"
    try write(costs + bridging)
    let out = root.appendingPathComponent("out")
    try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 2)

    try write("  - id: costs\n    rules: [{id: costs-words, any: [kosten, euro]}]\n" + bridging)
    #expect(try expectIdentical(corpus, codebook, out, "an edited code").recodedCodes == ["costs"])
    try write(costs + bridging + "  - id: funding\n    rules: [{id: funding-words, any: [subsidie]}]\n")
    #expect(try expectIdentical(corpus, codebook, out, "an added code").recodedCodes == ["costs", "funding"])
    try write(costs + "  - id: funding\n    rules: [{id: funding-words, any: [subsidie]}]\n")
    let removed = try expectIdentical(corpus, codebook, out, "a removed code")
    // No code is coded again: no document is read, bridging's rows are dropped from each.
    #expect(removed.recodedCodes.isEmpty && removed.kept == removed.documents)

    let summary = String(
      decoding: try History.diff("\(out.path)@1", "\(out.path)@2", format: "json", all: false, suggestions: false),
      as: UTF8.self)
    // Run 2 added "euro" to costs: costs gained codings and lost none; bridging did not change.
    let json = try #require(try JSONSerialization.jsonObject(with: Data(summary.utf8)) as? [String: Any])
    let perCode = try #require(json["summary"] as? [[String: Any]])
    let costsEntry = try #require(perCode.first { $0["code"] as? String == "costs" })
    #expect((costsEntry["gained"] as? Int ?? 0) > 0)
    #expect(costsEntry["lost"] as? Int == 0)
    let bridgingEntry = try #require(perCode.first { $0["code"] as? String == "bridging" })
    #expect(bridgingEntry["gained"] as? Int == 0 && bridgingEntry["lost"] as? Int == 0)
    // Run 4 removed bridging: the diff from run 3 lists only losses of bridging.
    let removal = String(
      decoding: try History.diff("\(out.path)@3", "\(out.path)@4", format: "csv", all: false, suggestions: false),
      as: UTF8.self
    ).split(separator: "\n").dropFirst()
    #expect(!removal.isEmpty)
    #expect(removal.allSatisfy { $0.hasPrefix("-,") && $0.contains(",bridging,") })
  }

  @Test(
    "After an edit of some of a code's rules, a document is read again only where the code had rule codings or an edited rule can fire"
  )
  func onlyEditedRulesAreAskedAbout() throws {
    let root = try Scratch.folder("kwal-edited-rules")
    let corpus = root.appendingPathComponent("corpus")
    try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
    let texts = [
      "coded.txt": "R1: Hier staat alfa.\n",
      // The second rule's word, with the word its `none` excludes: no coding, before or after.
      "excluded.txt": "R1: Hier staat beta en gamma.\n",
      "plain.txt": "R1: Hier staat niets.\n",
      "new.txt": "R1: Hier staat delta.\n",
    ]
    for (name, text) in texts { try Data(text.utf8).write(to: corpus.appendingPathComponent(name)) }
    let codebook = root.appendingPathComponent("c.yaml")
    func write(_ first: String, second: Bool = true) throws {
      var yaml = "codebook: {name: regels, version: \"1\"}\ncodes:\n  - id: c\n    rules:\n"
      yaml += "      - {id: c-one, any: [\(first)]}\n"
      if second { yaml += "      - {id: c-two, any: [beta], none: [gamma]}\n" }
      yaml += "  - id: d\n    rules: [{id: d-one, any: [niets]}]\n"
      try Data(yaml.utf8).write(to: codebook)
    }
    try write("alfa")
    let out = root.appendingPathComponent("out")
    try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 1)
    // The first rule gains a word: read again are the document it coded and the one where the
    // new word stands; the second rule, as it was, fires where it fired (nowhere a coding came of it).
    try write("alfa, delta")
    let edited = try expectIdentical(corpus, codebook, out, "a word added to the first rule")
    #expect(edited.recodedCodes == ["c"])
    #expect(edited.partiallyRecoded == 2 && edited.kept == 2)
    // The second rule removed: only the documents with rule codings of the code are read again.
    try write("alfa, delta", second: false)
    let removed = try expectIdentical(corpus, codebook, out, "the second rule removed")
    #expect(removed.partiallyRecoded == 2 && removed.kept == 2)
    // Back: the second rule is new again, and read again is where it can fire as well.
    try write("alfa, delta")
    let added = try expectIdentical(corpus, codebook, out, "the second rule added")
    #expect(added.partiallyRecoded == 3 && added.kept == 1)
  }

  @Test("After a codebook edit, only the edited codes are coded again: the same bytes as a full run")
  func onlyEditedCodesAreCodedAgain() throws {
    let (_, corpus, codebook) = try demo()
    let out = corpus.deletingLastPathComponent().appendingPathComponent("out")
    try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 2)
    let original = try String(contentsOf: codebook, encoding: .utf8)
    func edit(_ old: String, _ new: String) throws {
      let text = try String(contentsOf: codebook, encoding: .utf8)
      #expect(text.contains(old), "the demo codebook no longer holds \(old)")
      try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: codebook)
    }
    // One rule of postponing gains a word: postponing alone is coded again, in every document.
    try edit("[uitstellen, uitgesteld, uitstel,", "[uitstellen, uitgesteld, uitstel, opschorten,")
    let edited = try expectIdentical(corpus, codebook, out, "a word added to one code's rule")
    // Documents in which no rule of postponing can fire, and which had no rule coding of it,
    // are not read again (their suggestions of postponing stay: its cues did not change).
    #expect(edited.partiallyRecoded + edited.kept == edited.documents)
    #expect(edited.kept > 0 && edited.partiallyRecoded > 0)
    #expect(edited.recodedCodes == ["postponing"])
    // A new version and another description: no code is coded again, every row's coder changes.
    // (The demo codebook's version, whatever it is now, becomes 9.9.9.)
    let version = try #require(
      original.split(separator: "\n").first { $0.hasPrefix("  version: ") }.map { String($0.dropFirst(2)) })
    try edit(version, "version: 9.9.9")
    let renamed = try expectIdentical(corpus, codebook, out, "a new version")
    #expect(renamed.kept == renamed.documents && renamed.recodedCodes.isEmpty)
    let rows = try String(contentsOf: out.appendingPathComponent("codings.csv"), encoding: .utf8)
    let oldCoder = "auto:lastmile@" + version.dropFirst("version: ".count)
    #expect(rows.contains("auto:lastmile@9.9.9") && !rows.contains(oldCoder))
    // The store keeps rows without their coder and codebook hash: the new version added no
    // stored rows, and the run's codings read back from the store carry its coder and hash.
    let store = try ProjectStore(at: out.appendingPathComponent(ProjectStore.fileName))
    let alive = try store.blocks()
    let last = try #require(try store.lastRun()?.id)
    store.close()
    #expect(!alive.isEmpty && alive.allSatisfy { $0.fromRun < last })
    let stored = try History.codings(out.path, suggestions: true)
    let written =
      try CodingFiles.readCodings(out.appendingPathComponent("codings.csv"))
      + CodingFiles.readCodings(out.appendingPathComponent(CodingFiles.suggestionsFile))
    #expect(stored == written.sorted(by: CodingRecord.outputOrder))
    // An added code (without cues), with a document edited as well.
    try Data(
      (try String(contentsOf: codebook, encoding: .utf8)
        + "\n  - id: postponing-again\n    rules: [{id: postponing-again-words, any: [uitgesteld]}]\n").utf8
    ).write(to: codebook)
    let story = corpus.appendingPathComponent("Rivierstad/interviews/gemeente.txt")
    try Data((try String(contentsOf: story, encoding: .utf8) + "\nR1: Dat hebben we weer uitgesteld.\n").utf8)
      .write(to: story)
    let renamedCode = try expectIdentical(corpus, codebook, out, "a code renamed and a document edited")
    #expect(renamedCode.recodedCodes == ["postponing-again"])
    #expect(renamedCode.partiallyRecoded + renamedCode.kept == renamedCode.documents - 1)
    #expect(renamedCode.kept > 0)
    // The policy is shared by every code: every document is coded in full.
    try Data(original.replacingOccurrences(of: "negation-window: 3", with: "negation-window: 4").utf8).write(
      to: codebook)
    let policy = try expectIdentical(corpus, codebook, out, "a policy edit")
    #expect(policy.partiallyRecoded == 0 && policy.reused == 0 && policy.kept == 0)
    // The log counts the documents read again, and calls a run that kept rows incremental.
    let runs = try History.runs(out)
    #expect(runs[1].mode == "incremental" && runs[1].recoded == edited.partiallyRecoded)
    #expect(runs.last?.mode == "full")
  }

  @Test(
    "The learned cues and each record are read from the store's binary forms; damaged or missing ones are read past")
  func binaryFormsAreReadPast() throws {
    let (root, corpus, codebook) = try demo()
    let out = root.appendingPathComponent("out")
    try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 2)
    let store = out.appendingPathComponent("kwal.sqlite")
    let cuesData = try Data(contentsOf: root.appendingPathComponent("lastmile.learned.json"))
    let sha256 = LearnedCues.sha256Hex(cuesData)
    let cues = try JSONDecoder().decode(LearnedCues.self, from: cuesData)
    let cached = try #require(ProjectStore.cachedCues(inStoreAt: store, sha256: sha256))
    #expect(LearnedCues(binaryForm: cached) == cues, "the first run keeps the cues it decoded")
    try expectIdentical(corpus, codebook, out, "cues and records read from their binary forms")
    // A damaged cues row, records and code counts cut short or without their binary form (as a
    // store from before the columns had them): the same bytes out, and the cues cached again.
    let database = try DatabaseQueue(path: store.path)
    try database.write { db in
      try db.execute(sql: "UPDATE cues_cache SET data = x'6b77616c'")
      try db.execute(
        sql:
          "UPDATE document SET record_bin = substr(record_bin, 1, 30) WHERE rowid = (SELECT min(rowid) FROM document)")
      try db.execute(sql: "UPDATE document SET record_bin = NULL WHERE rowid = (SELECT max(rowid) FROM document)")
      try db.execute(
        sql:
          "UPDATE document SET counts_bin = substr(counts_bin, 1, 20) WHERE rowid = (SELECT min(rowid) FROM document)")
      try db.execute(sql: "UPDATE document SET counts_bin = NULL WHERE rowid = (SELECT max(rowid) - 1 FROM document)")
    }
    try database.close()
    try expectIdentical(corpus, codebook, out, "damaged binary forms")
    #expect(ProjectStore.cachedCues(inStoreAt: store, sha256: sha256).flatMap(LearnedCues.init(binaryForm:)) == cues)
    // Once the cues file has settled, a run records its identity; the next finds the cues by it,
    // without reading the file. A file written since is read again, its new cues used.
    let cuesURL = root.appendingPathComponent("lastmile.learned.json")
    Thread.sleep(forTimeInterval: 2.2)
    try expectIdentical(corpus, codebook, out, "the cues file's identity recorded")
    let identity = StoreSession.fileIdentity(cuesURL.path, settings: "")
    #expect(ProjectStore.cachedCues(inStoreAt: store, identity: identity)?.sha256 == sha256)
    try expectIdentical(corpus, codebook, out, "the cues found by their file's identity")
    var changed = cues
    changed.threshold = min(0.99, cues.threshold + 0.05)
    try changed.encoded().write(to: cuesURL)
    try expectIdentical(corpus, codebook, out, "the cues file written since")
    let changedSHA256 = LearnedCues.sha256Hex(try Data(contentsOf: cuesURL))
    #expect(
      ProjectStore.cachedCues(inStoreAt: store, sha256: changedSHA256).flatMap(LearnedCues.init(binaryForm:)) == changed
    )
  }

  @Test("The cache folder keeps decoded cues for runs into other folders; a damaged entry is written again")
  func cuesCacheFolder() throws {
    let (root, corpus, codebook) = try demo()
    let cache = root.appendingPathComponent("cache")
    let cuesData = try Data(contentsOf: root.appendingPathComponent("lastmile.learned.json"))
    let sha256 = LearnedCues.sha256Hex(cuesData)
    let cues = try JSONDecoder().decode(LearnedCues.self, from: cuesData)
    let entry = CuesCacheFolder.entry(cache, sha256: sha256)
    func run(_ name: String) throws -> URL {
      let out = root.appendingPathComponent(name)
      try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 1, cuesCacheFolder: cache)
      return out
    }
    func cached() -> LearnedCues? { CuesCacheFolder.load(cache, sha256: sha256)?.cues }
    func identity() throws -> [Int] {
      let attributes = try FileManager.default.attributesOfItem(atPath: entry.path)
      let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
      return [(attributes[.systemFileNumber] as? Int) ?? 0, Int(modified * 1_000_000)]
    }
    let first = try run("first")
    #expect(cached() == cues, "the first run keeps what it decoded")
    #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path) == [entry.lastPathComponent])
    // Readable by its owner only: the cue words come from the texts the cues were fitted on.
    #expect((try FileManager.default.attributesOfItem(atPath: cache.path)[.posixPermissions] as? Int) == 0o700)
    #expect((try FileManager.default.attributesOfItem(atPath: entry.path)[.posixPermissions] as? Int) == 0o600)
    // A second folder reads the entry and leaves it as it is; cut short, it is read past, decoded
    // and written again. Each folder's store keeps the cues too.
    for (name, damage) in [("second", false), ("third", true)] {
      if damage { try Data([UInt8](try Data(contentsOf: entry)).prefix(100)).write(to: entry) }
      let before = try identity()
      let out = try run(name)
      for file in Self.compared {
        #expect(
          try Data(contentsOf: out.appendingPathComponent(file))
            == Data(contentsOf: first.appendingPathComponent(file)),
          "\(file) of the \(name) run")
      }
      let kept = ProjectStore.cachedCues(inStoreAt: out.appendingPathComponent("kwal.sqlite"), sha256: sha256)
      #expect(kept.flatMap(LearnedCues.init(binaryForm:)) == cues, "the \(name) run's store keeps the cues")
      #expect(cached() == cues)
      #expect((try identity() == before) == !damage, "the \(name) run \(damage ? "rewrites" : "reads") the entry")
    }
    // An entry written for another file's bytes, renamed to this one's name, is not used; nor is
    // a link, nor a folder that others may write to.
    let good = try Data(contentsOf: entry)
    let form = [UInt8](good).dropFirst(CuesCacheFolder.header(sha256).count)
    try Data(CuesCacheFolder.header(String(repeating: "0", count: 64)) + form).write(to: entry)
    #expect(cached() == nil)
    let elsewhere = root.appendingPathComponent("elsewhere.bin")
    try good.write(to: elsewhere)
    try FileManager.default.removeItem(at: entry)
    try FileManager.default.createSymbolicLink(at: entry, withDestinationURL: elsewhere)
    #expect(cached() == nil)
    try FileManager.default.removeItem(at: entry)
    try good.write(to: entry)
    #expect(cached() == cues)
    try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: cache.path)
    #expect(cached() == nil)
    // A cache folder inside the corpus or the output folder is not used.
    #expect(!CuesCacheFolder.usable(corpus.appendingPathComponent("cache"), besides: [corpus, first]))
    #expect(!CuesCacheFolder.usable(first.appendingPathComponent("x"), besides: [corpus, first]))
    #expect(CuesCacheFolder.usable(cache, besides: [corpus, first]))
    let inside = corpus.appendingPathComponent(".cache")
    try CodeCorpus.run(
      corpus: corpus, codebook: codebook, output: root.appendingPathComponent("fourth"), jobs: 1,
      cuesCacheFolder: inside)
    #expect(!FileManager.default.fileExists(atPath: inside.path))
    // Where the folder comes from: KWAL_CACHE_DIR (empty: none), XDG_CACHE_HOME, the home.
    #expect(CuesCacheFolder.folder(environment: ["KWAL_CACHE_DIR": "/x", "HOME": "/h"])?.path == "/x")
    #expect(CuesCacheFolder.folder(environment: ["KWAL_CACHE_DIR": "", "HOME": "/h"]) == nil)
    #expect(CuesCacheFolder.folder(environment: ["XDG_CACHE_HOME": "/c", "HOME": "/h"])?.path == "/c/kwal")
    #expect(CuesCacheFolder.folder(environment: ["XDG_CACHE_HOME": "rel", "HOME": "/h"])?.path == "/h/.cache/kwal")
    #expect(CuesCacheFolder.folder(environment: [:]) == nil)
  }

  @Test("A folder written before the store: upgraded in place, its codings become run 1")
  func olderFolderIsUpgraded() throws {
    let (root, corpus, codebook) = try demo()
    let out = root.appendingPathComponent("out")
    try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 2)
    try FileManager.default.removeItem(at: out.appendingPathComponent("kwal.sqlite"))
    let runs = try History.runs(out)
    #expect(runs.map(\.mode) == ["upgraded"])
    #expect(
      runs.first?.codings == (try String(contentsOf: out.appendingPathComponent("codings.csv"), encoding: .utf8))
        .split(separator: "\n").count - 1)
    let next = try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 2)
    #expect(next.run == 2)
    let diff = try History.diff("\(out.path)@1", "\(out.path)@2", format: "csv", all: false, suggestions: true)
    #expect(String(decoding: diff, as: UTF8.self).split(separator: "\n").count == 1, "the same codings: no change")
  }

  @Test("A folder of other files is refused, not written into; files beside Kwal's are left alone")
  func foreignFolderIsRefused() throws {
    let (root, corpus, codebook) = try demo()
    let foreign = root.appendingPathComponent("thesis")
    try KwalProcess.write(["chapter1.docx": "x", "notes.txt": "y"], under: foreign)
    #expect(throws: (any Error).self) {
      try CodeCorpus.run(corpus: corpus, codebook: codebook, output: foreign, jobs: 1)
    }
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: foreign.path).sorted() == ["chapter1.docx", "notes.txt"])

    let out = root.appendingPathComponent("out")
    try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 1)
    try Data("mijn aantekeningen".utf8).write(to: out.appendingPathComponent("notes.md"))
    try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 1)
    #expect(try String(contentsOf: out.appendingPathComponent("notes.md"), encoding: .utf8) == "mijn aantekeningen")
  }
}

@Suite("Memos")
struct MemoTests {
  @Test("kwal memo add writes the store and memos.csv; memos survive re-coding and show in kwic")
  func memosSurviveAndShow() throws {
    let root = try Scratch.folder("kwal-memo")
    let corpus = root.appendingPathComponent("corpus")
    try KwalProcess.write(
      ["a.txt": "R1: De kosten van de hub zijn hoog.\nR1: De gemeente betaalt mee.\n"], under: corpus)
    let codebook = root.appendingPathComponent("c.yaml")
    try Data("codebook: {name: m, version: \"1\"}\ncodes:\n  - id: costs\n    rules: [{any: [kosten]}]\n".utf8)
      .write(to: codebook)
    let out = root.appendingPathComponent("out")
    try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 1)
    var request = MemoRequest(folder: out, text: "Kosten als drempel")
    request.document = "a.txt"
    request.start = 4
    request.end = 35
    request.code = "costs"
    request.author = "anna"
    let memo = try Memos.add(request)
    #expect(memo.memo == "m1" && memo.target == "coding")
    var project = MemoRequest(folder: out, text: "Algemene indruk")
    project.author = "anna"
    #expect(try Memos.add(project).memo == "m2")
    // Refused: an unknown document, a passage past the end, an unknown code; nothing added.
    var unknown = MemoRequest(folder: out, text: "x")
    unknown.document = "b.txt"
    #expect(throws: (any Error).self) { try Memos.add(unknown) }
    var beyond = request
    beyond.end = 10_000
    #expect(throws: (any Error).self) { try Memos.add(beyond) }
    var noCode = request
    noCode.code = "nope"
    #expect(throws: (any Error).self) { try Memos.add(noCode) }
    try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 1, full: true)
    let memos = try Memos.list(out)
    #expect(memos.map(\.memo) == ["m2", "m1"])
    let csv = try String(contentsOf: out.appendingPathComponent("memos.csv"), encoding: .utf8)
    #expect(csv.hasPrefix("memo,target,document,start,end,code,author,created,title,text\n"))
    #expect(csv.contains("m1,coding,a.txt,4,35,costs,anna,"))
    var kwic = KwicRequest(folder: out.path)
    kwic.code = "costs"
    kwic.format = "csv"
    kwic.out = root.appendingPathComponent("kwic.csv").path
    try Analyse.run(kwic)
    let lines = try String(contentsOfFile: kwic.out ?? "", encoding: .utf8).split(separator: "\n")
    #expect(lines.first?.hasSuffix(",suggestion,memos") == true)
    #expect(lines.dropFirst().first?.hasSuffix(",Kosten als drempel") == true)
    // The framework matrix shows the memo beside the quote it is about.
    var matrix = MatrixRequest(folder: out.path)
    matrix.quotes = 1
    matrix.format = "csv"
    matrix.out = root.appendingPathComponent("framework.csv").path
    try Analyse.run(matrix)
    let rows = try String(contentsOfFile: matrix.out ?? "", encoding: .utf8).split(separator: "\n")
    #expect(rows.first?.hasSuffix(",segments,text,memos") == true)
    #expect(rows.dropFirst().first?.hasSuffix(",Kosten als drempel") == true)
    matrix.format = "md"
    matrix.out = root.appendingPathComponent("framework.md").path
    try Analyse.run(matrix)
    #expect(try String(contentsOfFile: matrix.out ?? "", encoding: .utf8).contains("[memo: Kosten als drempel]"))
  }
}

@Suite("Review decisions")
struct ReviewTests {
  @Test("A reconciled disagreements file makes the consensus coder: --reviewed units hold their consensus codes")
  func consensusReconcilesUnits() throws {
    let root = try Scratch.folder("kwal-consensus")
    let corpus = root.appendingPathComponent("corpus")
    // Three sentences: 0-31, 32-56, 57-87.
    try KwalProcess.write(
      ["a.txt": "De kosten van de hub zijn hoog. De gemeente betaalt mee. Het budget is op aan het eind.\n"],
      under: corpus)
    let codebook = root.appendingPathComponent("c.yaml")
    try Data(
      "codebook: {name: m, version: \"1\"}\ncodes:\n  - id: costs\n    rules: [{any: [kosten]}]\n  - id: municipality\n    rules: [{any: [gemeente]}]\n"
        .utf8
    ).write(to: codebook)
    let out = root.appendingPathComponent("out")
    try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 1)
    let before = try CodingOutput.read(out, units: false).codings
    #expect(before.map(\.code).sorted() == ["costs", "municipality"])
    // The file kwal agree --disagreements writes, with the consensus column filled in: the first
    // sentence has no code after all, the third is about costs, the second is left for later.
    let form = root.appendingPathComponent("verschillen.csv")
    try Data(
      """
      document,start,end,text,anna,auto:m@1,consensus
      a.txt,0,31,De kosten van de hub zijn hoog.,,costs,(none)
      a.txt,32,56,De gemeente betaalt mee.,,municipality,
      a.txt,57,87,Het budget is op aan het eind.,costs,,costs

      """.utf8
    ).write(to: form)
    let units = try Reviews.read(consensus: form)
    #expect(units.map(\.codes) == [[], ["costs"]])
    #expect(try Reviews.reconcile(out, units, source: form.path) == 2)
    func reviewed() throws -> [String] {
      try Reviews.reviewedCodings(out, codings: try CodingOutput.read(out, units: false).codings).map {
        "\($0.start)-\($0.end) \($0.code) \($0.text)"
      }
    }
    // The costs coding of the first sentence is gone, the second sentence keeps its coding, and
    // the third has the consensus code over the whole unit, with its text.
    let municipality = try #require(before.first { $0.code == "municipality" })
    let expected = [
      "\(municipality.start)-\(municipality.end) municipality \(municipality.text)",
      "57-87 costs Het budget is op aan het eind.",
    ]
    #expect(try reviewed() == expected)
    // The consensus holds through re-coding.
    try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 1, full: true)
    #expect(try reviewed() == expected)
    // A codebook edit that moves costs from the first sentence to the third: kwal diff says how
    // each changed coding stands to the consensus.
    try Data(
      "codebook: {name: m, version: \"1\"}\ncodes:\n  - id: costs\n    rules: [{any: [budget]}]\n  - id: municipality\n    rules: [{any: [gemeente]}]\n"
        .utf8
    ).write(to: codebook)
    try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 1)
    let diff = String(
      decoding: try History.diff("\(out.path)@2", "\(out.path)@3", format: "csv", all: false, suggestions: false),
      as: UTF8.self
    ).split(separator: "\n")
    #expect(diff.first?.hasSuffix(",review") == true)
    #expect(diff.contains { $0.hasPrefix("-,a.txt,") && $0.hasSuffix(",not in consensus") })
    #expect(diff.contains { $0.hasPrefix("+,a.txt,") && $0.hasSuffix(",consensus") })
    // Refused, naming the line: an unknown code, a unit past the document's end; nothing recorded.
    for (row, message) in [
      ("a.txt,57,87,x,,,nope", "unknown code \"nope\""), ("a.txt,57,900,x,,,costs", "lies beyond the end"),
      ("b.txt,0,5,x,,,costs", "no document b.txt"),
    ] {
      let bad = root.appendingPathComponent("bad.csv")
      try Data("document,start,end,text,anna,auto:m@1,consensus\n\(row)\n".utf8).write(to: bad)
      do {
        try Reviews.reconcile(out, try Reviews.read(consensus: bad), source: bad.path)
        Issue.record("accepted \(row)")
      } catch {
        #expect("\(error)".contains(message) && "\(error)".contains("bad.csv:2"), "\(error)")
      }
    }
    #expect(try Reviews.consensus(out).count == 2)
  }

  @Test("Accepted suggestions and rejected codings: counted with --reviewed, kept through re-coding, listed by diff")
  func decisionsSurviveAndCount() throws {
    let root = try Scratch.folder("kwal-review")
    let corpus = root.appendingPathComponent("corpus")
    try FileManager.default.copyItem(at: KwalProcess.packageRoot.appendingPathComponent("Corpus"), to: corpus)
    let codebook = KwalProcess.packageRoot.appendingPathComponent("Codebooks/lastmile.yaml")
    let out = root.appendingPathComponent("out")
    try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 2)
    let codings =
      try String(contentsOf: out.appendingPathComponent("codings.csv"), encoding: .utf8)
      .split(separator: "\n").count - 1
    let suggestions =
      try String(contentsOf: out.appendingPathComponent("suggestions.csv"), encoding: .utf8)
      .split(separator: "\n").count - 1
    // The form lists every coding and suggestion; two decisions filled in.
    let form = String(decoding: try Reviews.form(out), as: UTF8.self)
    var lines = form.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.first == "layer,document,start,end,code,rule,probability,text,decision,reviewer,note")
    let rule = try #require(lines.firstIndex { $0.hasPrefix("rule,") && !$0.contains("\"") })
    let suggestion = try #require(lines.firstIndex { $0.hasPrefix("suggestion,") && !$0.contains("\"") })
    lines[rule] = String(lines[rule].dropLast(2)) + "reject,anna,"
    lines[suggestion] = String(lines[suggestion].dropLast(2)) + "accept,anna,"
    let filled = root.appendingPathComponent("review.csv")
    try Data(lines.joined(separator: "\n").utf8).write(to: filled)
    #expect(try Reviews.record(out, try Reviews.read(form: filled), source: filled.path) == 2)
    func reviewed() throws -> [CodingRecord] {
      try Reviews.reviewedCodings(out, codings: try CodingOutput.read(out, units: false).codings)
    }
    #expect(try reviewed().count == codings)  // one coding rejected, one suggestion accepted
    #expect(try reviewed().filter { $0.coder.hasSuffix("/suggest") }.isEmpty)
    // A decision on something the folder does not hold is refused with the form's line.
    try Data("document,start,end,code,decision\nnope.txt,0,5,costs,accept\n".utf8).write(to: filled)
    #expect {
      try Reviews.record(out, try Reviews.read(form: filled), source: filled.path)
    } throws: { error in
      "\(error)".contains("review.csv:2") && "\(error)".contains("no coding or suggestion costs at nope.txt 0-5")
    }
    try Data("document,start,end,code,decision\nnope.txt,0,5,costs,misschien\n".utf8).write(to: filled)
    #expect(throws: (any Error).self) { try Reviews.record(out, try Reviews.read(form: filled), source: filled.path) }
    // Re-coding keeps the decisions; the form shows them.
    try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 1, full: true)
    #expect(try reviewed().count == codings)
    let again = String(decoding: try Reviews.form(out), as: UTF8.self)
    #expect(again.components(separatedBy: ",reject,anna,").count == 2)
    #expect(again.components(separatedBy: ",accept,anna,").count == 2)
    #expect(suggestions > 0)
  }
}

/// An incremental run writes the project store in place, in one transaction that commits
/// between the commit journal and the renames of the CSV files; a killed run is finished or
/// undone by the next command, as the store says.
@Suite("The store written in place")
struct StoreInPlaceTests {
  static func inode(_ url: URL) throws -> UInt64 {
    try #require(
      (try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? NSNumber)?.uint64Value)
  }

  @Test("An incremental run changes the store in place; a full run replaces it; both give a full run's bytes")
  func incrementalRunsWriteInPlace() throws {
    let (root, corpus, codebook) = try IncrementalRunTests().demo()
    let out = root.appendingPathComponent("out")
    _ = try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 1)
    let store = out.appendingPathComponent(ProjectStore.fileName)
    let before = try Self.inode(store)
    let edited = corpus.appendingPathComponent("Lindehof/interviews/zorgaanbieder.txt")
    let text = try String(contentsOf: edited, encoding: .utf8)
    try Data((text + "\nR1: Samen overbruggen we de afstand tussen de partners.\n").utf8).write(to: edited)
    let summary = try IncrementalRunTests().expectIdentical(corpus, codebook, out, "one document edited, in place")
    #expect(summary.run == 2)
    #expect(try Self.inode(store) == before, "an incremental run replaced the store")
    #expect(summary.outputs.map(\.lastPathComponent).contains(ProjectStore.fileName))
    #expect(try ProjectStore(at: store).runs().map(\.mode) == ["full", "incremental"])
    // Nothing of the transaction is left beside the store.
    let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
    #expect(!names.contains { $0.hasSuffix("-journal") || $0.hasSuffix(".tmp") }, "\(names)")
    _ = try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 1, full: true)
    #expect(try Self.inode(store) != before)
  }

  @Test("A run in which nothing changed rewrites no row file; an edited document rewrites those whose bytes change")
  func unchangedFilesStay() throws {
    let (root, corpus, codebook) = try IncrementalRunTests().demo()
    let out = root.appendingPathComponent("out")
    _ = try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 1)
    let streamed = CodingOutputWriter.streamedFiles.map { out.appendingPathComponent($0) }
    let before = try streamed.map(Self.inode)
    let again = try IncrementalRunTests().expectIdentical(corpus, codebook, out, "nothing changed")
    #expect(try streamed.map(Self.inode) == before)
    #expect(Set(again.outputs.map(\.lastPathComponent)).isSuperset(of: CodingOutputWriter.streamedFiles))
    // The next run still finds the files as the store says they were written, and reuses them.
    let third = try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 1)
    #expect(third.reused == third.documents)
    let edited = corpus.appendingPathComponent("Lindehof/interviews/zorgaanbieder.txt")
    let text = try String(contentsOf: edited, encoding: .utf8)
    try Data((text + "\nR1: De kosten delen we met de partners.\n").utf8).write(to: edited)
    _ = try IncrementalRunTests().expectIdentical(corpus, codebook, out, "one document edited after unchanged runs")
    // A new sentence: units.csv changes (its rows after the edit move); a file whose bytes end as
    // they were may stay.
    let after = try streamed.map(Self.inode)
    #expect(after[1] != before[1])
  }

  @Test("Removing the last document after an unchanged run: the row files come out shorter, as a full run's")
  func lastDocumentRemoved() throws {
    let (root, corpus, codebook) = try IncrementalRunTests().demo()
    let out = root.appendingPathComponent("out")
    _ = try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 1)
    _ = try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 1)
    let last = try #require(try Corpus.open(corpus).entries.map(\.file).max())
    try FileManager.default.removeItem(at: URL(fileURLWithPath: last))
    _ = try IncrementalRunTests().expectIdentical(corpus, codebook, out, "the last document removed")
    // And the next run reuses the files it wrote.
    let again = try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 1)
    #expect(again.reused == again.documents)
  }

  /// A folder as a run killed after its journal leaves it: the CSV file's new version waits
  /// beside it, and the journal names the run whose commit decides.
  func killedCommit(committed: Bool, started: String? = nil) throws -> URL {
    let (root, corpus, codebook) = try IncrementalRunTests().demo()
    let out = root.appendingPathComponent("out")
    _ = try CodeCorpus.run(corpus: corpus, codebook: codebook, output: out, jobs: 1)
    let last = try #require(ProjectStore.lastCommittedRun(at: out.appendingPathComponent(ProjectStore.fileName)))
    let ended = Process()
    ended.executableURL = URL(fileURLWithPath: "/bin/true")
    try ended.run()
    ended.waitUntilExit()
    let pid = ended.processIdentifier
    let temporary = ".codings.csv.kwal-\(pid).tmp"
    try Data("new codings\n".utf8).write(to: out.appendingPathComponent(temporary))
    // Not committed: the next run's number (a run killed before its commit), or the last run's
    // number at another time (a rolled-back run whose number was taken again).
    let condition = StoreCommit.condition(
      run: committed ? last.id : last.id + 1, started: started ?? last.started
    ).joined(separator: "\t")
    try Data("?\t\(condition)\n\(temporary)\tcodings.csv\n".utf8)
      .write(to: out.appendingPathComponent(".kwal-commit.\(pid).journal"))
    return out
  }

  @Test("A run killed after its store committed is finished by the next command: its files are renamed")
  func committedRunIsFinished() throws {
    let out = try killedCommit(committed: true)
    _ = try History.openStore(out)
    #expect(try String(contentsOf: out.appendingPathComponent("codings.csv"), encoding: .utf8) == "new codings\n")
    #expect(
      try !FileManager.default.contentsOfDirectory(atPath: out.path).contains {
        $0.hasPrefix(".") && $0 != ".kwal.lock"
      })
  }

  @Test("A journal naming the last run's number at another time is undone: a number taken again is no commit")
  func reusedRunNumberIsNoCommit() throws {
    let out = try killedCommit(committed: true, started: "1999-01-01T00:00:00Z")
    let before = try Data(contentsOf: out.appendingPathComponent("codings.csv"))
    _ = try History.openStore(out)
    #expect(try Data(contentsOf: out.appendingPathComponent("codings.csv")) == before)
  }

  @Test("A reader of the CSV files alone finishes a committed run once the store's check is installed")
  func readersFinishCommittedRuns() throws {
    let out = try killedCommit(committed: true)
    OutputFiles.installRecovery()
    AtomicFile.recover(in: out)
    #expect(try String(contentsOf: out.appendingPathComponent("codings.csv"), encoding: .utf8) == "new codings\n")
  }

  @Test("A run killed before its store committed is undone by the next command: its files are removed")
  func uncommittedRunIsUndone() throws {
    let out = try killedCommit(committed: false)
    let before = try Data(contentsOf: out.appendingPathComponent("codings.csv"))
    _ = try History.openStore(out)
    #expect(try Data(contentsOf: out.appendingPathComponent("codings.csv")) == before)
    #expect(
      try !FileManager.default.contentsOfDirectory(atPath: out.path).contains {
        $0.hasPrefix(".") && $0 != ".kwal.lock"
      })
  }
}
