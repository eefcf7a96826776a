public import Foundation
public import KwalModel
internal import Yams

extension Codebook {
  /// Reads and checks a codebook file, and the learned cues it names (unless `readingLearned` is
  /// false: `kwal codebook learn` writes them). Throws when a file cannot be read or has any
  /// error; the error carries every diagnostic. Warnings come back with the codebook.
  /// `cuesCache` keeps decoded cues between runs (``LearnedCuesCache``).
  public static func load(
    contentsOf url: URL, readingLearned: Bool = true, cuesCache: (any LearnedCuesCache)? = nil
  ) throws(CodebookError) -> (
    codebook: Codebook, diagnostics: [Diagnostic]
  ) {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw CodebookError(.missingInput, "cannot read codebook", at: SourceLocation(file: url.path))
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw CodebookError(.badData, "codebook is not valid UTF-8", at: SourceLocation(file: url.path))
    }
    // The cues file a top-level `learned:` line names is read and decoded on another thread
    // while the YAML is parsed (both take about as long); the parsed codebook then says whether
    // that was the file it names.
    let early = readingLearned ? EarlyCues(yaml: text, codebookURL: url, cache: cuesCache) : nil
    var (codebook, diagnostics) = try parse(text, file: url.path)
    if readingLearned, let cuesURL = codebook.learnedURL {
      let earlyResult = early?.result(for: cuesURL)
      let (cues, notes, sha256) = try LearnedCues.load(
        cuesURL, for: codebook, reference: codebook.learnedLocation ?? SourceLocation(file: url.path),
        decoded: earlyResult, cache: cuesCache)
      codebook.learned = cues
      // The cues read early were digested on their thread too.
      if earlyResult?.cues != nil, let digests = earlyResult?.digests {
        codebook.cueDigests = CueDigests(byCode: digests)
      }
      codebook.info.learned = LearnedCuesProvenance(
        file: codebook.learnedFile ?? cuesURL.lastPathComponent, sha256: sha256, threshold: cues.threshold,
        continuation: cues.continuation, codes: cues.codes.count)
      diagnostics += notes
    }
    // The content hash: the codebook's bytes and, when it codes with them, the cues' bytes.
    let yaml = LearnedCues.sha256Hex(data)
    codebook.info.yamlSHA256 = yaml
    codebook.info.hash = String(
      LearnedCues.sha256Hex(Data((yaml + "\n" + (codebook.info.learned?.sha256 ?? "")).utf8)).prefix(16))
    return (codebook, diagnostics)
  }

  /// Parses and checks codebook YAML; `file` names it in diagnostics.
  public static func parse(_ yaml: String, file: String) throws(CodebookError) -> (
    codebook: Codebook, diagnostics: [Diagnostic]
  ) {
    var loader = CodebookLoader(file: file)
    let codebook = loader.load(yaml)
    let errors = loader.diagnostics.filter { $0.severity == .error }
    if let first = errors.first {
      let more = errors.count > 1 ? " (and \(errors.count - 1) more error\(errors.count > 2 ? "s" : ""))" : ""
      throw CodebookError(.badData, first.message + more, at: first.location, diagnostics: loader.diagnostics)
    }
    guard let codebook else {
      throw CodebookError(.badData, "not a codebook", at: SourceLocation(file: file), diagnostics: loader.diagnostics)
    }
    return (codebook, loader.diagnostics)
  }
}

/// A cues file read and decoded on a thread of its own (not Dispatch's pool: the parse that waits
/// for it may itself run there, and with one core the pool has one thread) while the codebook's
/// YAML is parsed: the file
/// named by the first top-level `learned:` line of the YAML text (a guess the parsed codebook
/// confirms or not; nothing else is taken from the guess).
final class EarlyCues: @unchecked Sendable {
  // `decoded` is written by the reading thread before it signals `done`, and read after a wait.
  private let url: URL
  private var decoded: Decoded?
  private let done = DispatchSemaphore(value: 0)

  /// A cues file's bytes (nil when the cache knew the file as it is), their SHA-256 and their
  /// decoding (nil when they are not a cues file).
  struct Decoded {
    var data: Data?
    var sha256: String
    var cues: LearnedCues?
    /// ``LearnedCues/codeDigests()`` of `cues`, made on the same thread.
    var digests: [String: [UInt8]]?
  }

  /// Nil when no top-level line names a file.
  init?(yaml: String, codebookURL: URL, cache: (any LearnedCuesCache)? = nil) {
    guard let line = Self.learnedLine(yaml) else { return nil }
    var name = line.dropFirst("learned:".count).trimmingCharacters(in: .whitespaces)
    if let quote = name.first, quote == "\"" || quote == "'", name.count >= 2, name.last == quote {
      name = String(name.dropFirst().dropLast())
    }
    guard !name.isEmpty, !name.contains("#") else { return nil }
    url = URL(fileURLWithPath: name, relativeTo: codebookURL.deletingLastPathComponent()).standardizedFileURL
    let url = url
    let thread = Thread { [self] in
      if let known = cache?.cues(ofFileAt: url) {
        decoded = Decoded(data: nil, sha256: known.sha256, cues: known.cues)
      } else if let data = try? Data(contentsOf: url) {
        let sha256 = LearnedCues.sha256Hex(data)
        decoded = Decoded(data: data, sha256: sha256, cues: try? LearnedCues.decode(data, sha256: sha256, cache: cache))
      }
      let digests = decoded?.cues?.codeDigests()
      decoded?.digests = digests
      done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// The first line of `yaml` that begins with `learned:` (without its line end), found on the
  /// text's bytes: splitting a large codebook into lines took as long as reading the cues.
  static func learnedLine(_ yaml: String) -> Substring? {
    let bytes = yaml.utf8
    let key = "learned:".utf8
    var start = bytes.startIndex
    while start < bytes.endIndex {
      let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.endIndex
      if bytes[start..<end].starts(with: key) {
        var lineEnd = end
        if lineEnd > start, bytes[bytes.index(before: lineEnd)] == 0x0D { lineEnd = bytes.index(before: lineEnd) }
        return yaml[start..<lineEnd]
      }
      start = end < bytes.endIndex ? bytes.index(after: end) : end
    }
    return nil
  }

  /// The bytes and decoded cues of `cuesURL` when it is the file read early (nil otherwise, or
  /// when it could not be read: the caller then reads it and reports what is wrong).
  func result(for cuesURL: URL) -> Decoded? {
    done.wait()
    done.signal()
    return cuesURL == url ? decoded : nil
  }
}

/// Walks the YAML node tree (keeping line and column marks) into a ``Codebook``, collecting every
/// problem as a located diagnostic instead of stopping at the first.
struct CodebookLoader {
  let file: String
  var diagnostics: [Diagnostic] = []
  /// The codes that ask for the codebook's context (`context: domain`), and where they say so.
  var domainCodes: Set<String> = []
  var domainNodes: [String: Node] = [:]

  init(file: String) { self.file = file }

  // MARK: Diagnostics

  func location(_ node: Node?) -> SourceLocation {
    guard let mark = node?.mark else { return SourceLocation(file: file) }
    return SourceLocation(file: file, line: mark.line, column: mark.column)
  }

  mutating func error(_ node: Node?, _ message: String) {
    diagnostics.append(Diagnostic(.error, location(node), message))
  }

  mutating func warning(_ node: Node?, _ message: String) {
    diagnostics.append(Diagnostic(.warning, location(node), message))
  }

  // MARK: Node helpers

  /// The pairs of a mapping with their key nodes, checking keys against `known`.
  mutating func mapping(_ node: Node, what: String, known: Set<String>) -> [(key: String, keyNode: Node, value: Node)]?
  {
    guard let mapping = node.mapping else {
      error(node, "\(what) must be a mapping (key: value), not \(describe(node))")
      return nil
    }
    var result: [(String, Node, Node)] = []
    var seen: Set<String> = []
    for (keyNode, value) in mapping {
      guard let key = keyNode.scalar?.string else {
        error(keyNode, "\(what) has a key that is not a plain word")
        continue
      }
      if !known.contains(key) {
        let suggestion = closest(key, in: known).map { " (did you mean \"\($0)\"?)" } ?? ""
        error(keyNode, "unknown key \"\(key)\" in \(what)\(suggestion)")
        continue
      }
      if !seen.insert(key).inserted {
        error(keyNode, "duplicate key \"\(key)\" in \(what)")
        continue
      }
      result.append((key, keyNode, value))
    }
    return result
  }

  func describe(_ node: Node) -> String {
    switch node {
    case .scalar(let scalar): return "the value \"\(scalar.string)\""
    case .sequence: return "a list"
    case .mapping: return "a mapping"
    case .alias: return "an alias"
    }
  }

  mutating func string(_ node: Node, what: String) -> String? {
    guard let scalar = node.scalar else {
      error(node, "\(what) must be text, not \(describe(node))")
      return nil
    }
    return scalar.string
  }

  mutating func bool(_ node: Node, what: String) -> Bool? {
    guard let text = node.scalar?.string else {
      error(node, "\(what) must be true or false, not \(describe(node))")
      return nil
    }
    switch text.lowercased() {
    case "true", "yes", "on": return true
    case "false", "no", "off": return false
    default:
      error(node, "\(what) must be true or false, not \"\(text)\"")
      return nil
    }
  }

  mutating func int(_ node: Node, what: String, range: ClosedRange<Int>) -> Int? {
    guard let text = node.scalar?.string, let value = Int(text) else {
      error(node, "\(what) must be a whole number, not \(describe(node))")
      return nil
    }
    guard range.contains(value) else {
      error(node, "\(what) must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
      return nil
    }
    return value
  }

  /// A list of strings; a single string is a list of one.
  mutating func strings(_ node: Node, what: String) -> [String] {
    if let scalar = node.scalar { return scalar.string.isEmpty ? [] : [scalar.string] }
    guard let sequence = node.sequence else {
      error(node, "\(what) must be a list of text, not \(describe(node))")
      return []
    }
    var result: [String] = []
    for item in sequence {
      if let text = string(item, what: "an item of \(what)") { result.append(text) }
    }
    return result
  }

  mutating func enumValues<T: RawRepresentable & CaseIterable>(_ node: Node, what: String, as: T.Type) -> [T]
  where T.RawValue == String {
    var result: [T] = []
    let items = node.sequence.map(Array.init) ?? [node]
    for item in items {
      guard let text = string(item, what: "an item of \(what)") else { continue }
      if let value = T(rawValue: text) {
        result.append(value)
      } else {
        let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
        error(item, "unknown \(what) \"\(text)\" (expected one of: \(allowed))")
      }
    }
    return result
  }

  // MARK: The codebook

  static let topKeys: Set<String> = ["codebook", "policy", "codes", "learned", "sets", "context", "exclude"]
  static let guardKeys: Set<String> = ["scope", "any", "text"]
  static let setKeys: Set<String> = ["name", "description", "codes"]
  static let metaKeys: Set<String> = ["name", "version", "language", "authors", "description"]
  static let policyKeys: Set<String> = [
    "case-folding", "diacritic-folding", "overlap", "scope", "negation-window", "negations", "exclude-roles",
  ]
  static let codeKeys: Set<String> = [
    "id", "label", "parent", "definition", "include", "exclude", "color", "memo", "codable", "rules",
    "exclude-patterns", "examples", "context",
  ]
  static let ruleKeys: Set<String> = ["id", "any", "all", "none", "scope", "negation", "where"]
  static let whereKeys: Set<String> = ["document-kind", "segment-kind", "role", "case", "attribute"]
  static let scopes: [String: UnitKind] = [
    "sentence": .sentence, "paragraph": .paragraph, "turn": .turn, "agenda-item": .agendaItem, "document": .document,
  ]

  mutating func load(_ yaml: String) -> Codebook? {
    let root: Node?
    do {
      // Every value is read as the text it is written as (``string(_:what:)``, ``bool(_:what:)``,
      // ``int(_:what:range:)``), so no tags are resolved: Yams's default resolver tries a regular
      // expression per tag on every plain scalar, a twentieth of a run in which nothing changed.
      root = try Yams.compose(yaml: yaml, .basic)
    } catch let error as YamlError {
      diagnostics.append(Diagnostic(.error, yamlErrorLocation(error), "YAML syntax error: \(yamlProblem(error))"))
      return nil
    } catch {
      diagnostics.append(Diagnostic(.error, SourceLocation(file: file), "YAML syntax error"))
      return nil
    }
    guard let root else {
      error(nil, "the codebook is empty")
      return nil
    }
    guard let top = mapping(root, what: "the codebook file", known: Self.topKeys) else { return nil }
    var info = CodebookInfo(name: "", version: "")
    var policy = MatchingPolicy()
    var codes: [CodeSpec] = []
    var sawMeta = false
    var sawCodes = false
    var learnedFile: String?
    var learnedLocation: SourceLocation?
    var setsNode: Node?
    var domain: CodeGuard?
    var shared: (texts: [String], guards: [CodeGuard]) = ([], [])
    for (key, _, value) in top {
      switch key {
      case "sets":
        setsNode = value
      case "context":
        domain = loadGuard(value, what: "the codebook's context", criterion: false, defaultScope: .paragraph)
      case "exclude":
        shared = loadCriteria(value)
      case "learned":
        learnedFile = string(value, what: "learned")
        learnedLocation = location(value)
        if let name = learnedFile, name.isEmpty || !name.hasSuffix(".json") {
          error(value, "\"learned:\" names a .json file written by `kwal codebook learn`, not \"\(name)\"")
        }
      case "codebook":
        sawMeta = true
        info = loadMeta(value)
      case "policy":
        policy = loadPolicy(value)
      case "codes":
        sawCodes = true
        codes = loadCodes(value, policy: policy)
      default: break
      }
    }
    if !sawMeta { error(root, "missing \"codebook:\" with name and version") }
    if !sawCodes { error(root, "missing \"codes:\"") }
    // Policy may come after codes in the file: the scope default applies to rules without one.
    for index in codes.indices {
      for ruleIndex in codes[index].rules.indices where codes[index].rules[ruleIndex].scope == .segment {
        codes[index].rules[ruleIndex].scope = policy.scope
      }
    }
    // `context: domain` takes the codebook's context, wherever in the file it is.
    for index in codes.indices where domainCodes.contains(codes[index].id) {
      if let domain {
        codes[index].context = domain
      } else {
        error(
          domainNodes[codes[index].id],
          "code \"\(codes[index].id)\" asks for the codebook's context (context: domain), but the codebook has no top-level context:"
        )
      }
    }
    // The codebook's own exclusion criteria hold for every code it applies: each such code lists
    // them after its own (REFI-QDA exports and codebook.json show them with every code).
    for index in codes.indices where codes[index].definition.isCodable {
      for text in shared.texts where !codes[index].definition.exclude.contains(text) {
        codes[index].definition.exclude.append(text)
      }
      codes[index].excludeGuards += shared.guards
    }
    info.codes = codes.map(\.definition)
    if let setsNode { info.sets = loadSets(setsNode, codes: Set(info.codes.map(\.id))) }
    var codebook = Codebook(info: info, policy: policy, codes: codes, file: file)
    codebook.domain = domain
    codebook.fingerprintSource = CodeFingerprintSource(top: top)
    codebook.learnedFile = learnedFile
    codebook.learnedLocation = learnedLocation
    let reserved = [CompiledCodebook.learnedRuleID, CompiledCodebook.contextRuleID]
    if learnedFile != nil, let rule = codebook.rules.first(where: { reserved.contains($0.id) }) {
      diagnostics.append(
        Diagnostic(
          .error, rule.location ?? SourceLocation(file: file),
          "rule id \"\(rule.id)\" is kept for the learned cues (see \"learned:\"); rename the rule"))
    }
    check(&codebook)
    return codebook
  }

  /// The code sets: a list of `name`, `description` and `codes` (ids of codes in this codebook).
  mutating func loadSets(_ node: Node, codes known: Set<String>) -> [CodeSet] {
    guard let items = node.sequence else {
      error(node, "\"sets:\" must be a list of sets (name, description, codes), not \(describe(node))")
      return []
    }
    var sets: [CodeSet] = []
    var names: Set<String> = []
    for item in items {
      guard let pairs = mapping(item, what: "a code set", known: Self.setKeys) else { continue }
      var set = CodeSet(name: "")
      var codesNode: Node?
      for (key, _, value) in pairs {
        switch key {
        case "name": set.name = string(value, what: "a set's name") ?? ""
        case "description": set.description = string(value, what: "a set's description")
        case "codes":
          codesNode = value
          set.codes = strings(value, what: "a set's codes")
        default: break
        }
      }
      if set.name.isEmpty {
        error(item, "a code set needs a name")
        continue
      }
      if !names.insert(set.name).inserted { error(item, "code set \"\(set.name)\" is defined twice") }
      for code in set.codes where !known.contains(code) {
        error(codesNode ?? item, "code set \"\(set.name)\" names code \"\(code)\", which the codebook does not define")
      }
      sets.append(set)
    }
    return sets
  }

  mutating func loadMeta(_ node: Node) -> CodebookInfo {
    var info = CodebookInfo(name: "", version: "")
    guard let pairs = mapping(node, what: "codebook", known: Self.metaKeys) else { return info }
    for (key, _, value) in pairs {
      switch key {
      case "name": info.name = string(value, what: "name") ?? ""
      case "version": info.version = string(value, what: "version") ?? ""
      case "language": info.language = string(value, what: "language") ?? "nl"
      case "authors": info.authors = strings(value, what: "authors")
      case "description": info.description = string(value, what: "description")
      default: break
      }
    }
    if info.name.isEmpty { error(node, "the codebook needs a name") }
    if info.version.isEmpty { error(node, "the codebook needs a version") }
    if !info.name.isEmpty
      && !info.name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." })
    {
      error(node, "the codebook name \"\(info.name)\" may only hold letters, digits, '-', '_' and '.'")
    }
    return info
  }

  /// A unit kind a rule can code, or a located error naming the allowed ones.
  mutating func scope(_ node: Node) -> UnitKind? {
    guard let text = string(node, what: "scope") else { return nil }
    if let scope = Self.scopes[text] { return scope }
    error(node, "unknown scope \"\(text)\" (expected one of: \(Self.scopes.keys.sorted().joined(separator: ", ")))")
    return nil
  }

  mutating func loadPolicy(_ node: Node) -> MatchingPolicy {
    var policy = MatchingPolicy()
    guard let pairs = mapping(node, what: "policy", known: Self.policyKeys) else { return policy }
    for (key, _, value) in pairs {
      switch key {
      case "case-folding": policy.caseFolding = bool(value, what: "case-folding") ?? true
      case "diacritic-folding": policy.diacriticFolding = bool(value, what: "diacritic-folding") ?? true
      case "overlap":
        if let text = string(value, what: "overlap") {
          if let overlap = MatchingPolicy.Overlap(rawValue: text) {
            policy.overlap = overlap
          } else {
            error(value, "unknown overlap \"\(text)\" (expected merge or separate)")
          }
        }
      case "scope":
        if let scope = scope(value) { policy.scope = scope }
      case "negation-window": policy.negationWindow = int(value, what: "negation-window", range: 1...20) ?? 3
      case "negations": policy.negations = strings(value, what: "negations").map { $0.lowercased() }
      case "exclude-roles": policy.excludeRoles = enumValues(value, what: "role", as: SpeakerRole.self)
      default: break
      }
    }
    return policy
  }

  mutating func loadCodes(_ node: Node, policy: MatchingPolicy) -> [CodeSpec] {
    guard let sequence = node.sequence else {
      error(node, "codes must be a list, not \(describe(node))")
      return []
    }
    if sequence.isEmpty {
      warning(node, "the codebook has no codes: coding with it finds nothing")
    }
    var codes: [CodeSpec] = []
    for item in sequence {
      if let code = loadCode(item) { codes.append(code) }
    }
    return codes
  }

  mutating func loadCode(_ node: Node) -> CodeSpec? {
    guard let pairs = mapping(node, what: "a code", known: Self.codeKeys) else { return nil }
    var definition = CodeDefinition(id: "")
    var rulesNode: Node?
    var excludePatterns: [Pattern] = []
    var excludeGuards: [CodeGuard] = []
    var context: CodeGuard?
    var wantsDomain = false
    var contextNode: Node?
    var parentNode: Node?
    var positives: [Example] = []
    var negatives: [Example] = []
    var idNode: Node?
    for (key, _, value) in pairs {
      switch key {
      case "id":
        idNode = value
        definition.id = string(value, what: "id") ?? ""
      case "label":
        if let text = value.scalar?.string {
          definition.label = Label(nl: text)
        } else if let labelPairs = mapping(value, what: "label", known: ["nl", "en"]) {
          for (language, _, text) in labelPairs {
            if language == "nl" { definition.label.nl = string(text, what: "label") }
            if language == "en" { definition.label.en = string(text, what: "label") }
          }
        }
      case "parent":
        definition.parent = string(value, what: "parent")
        parentNode = value
      case "definition": definition.definition = string(value, what: "definition")
      case "include": definition.include = strings(value, what: "include")
      case "exclude":
        let criteria = loadCriteria(value)
        definition.exclude += criteria.texts
        excludeGuards += criteria.guards
      case "context":
        if value.scalar?.string == "domain" {
          wantsDomain = true
          contextNode = value
        } else {
          context = loadGuard(value, what: "a code's context", criterion: false, defaultScope: .paragraph)
        }
      case "color":
        if let color = string(value, what: "color") {
          if color.count == 7, color.hasPrefix("#"), color.dropFirst().allSatisfy(\.isHexDigit) {
            definition.color = color.lowercased()
          } else {
            error(value, "color \"\(color)\" must be written #rrggbb")
          }
        }
      case "memo": definition.memo = string(value, what: "memo")
      case "codable": definition.isCodable = bool(value, what: "codable") ?? true
      case "rules": rulesNode = value
      case "exclude-patterns": excludePatterns = patterns(value, what: "exclude-patterns")
      case "examples":
        if let examplePairs = mapping(value, what: "examples", known: ["positive", "negative"]) {
          for (kind, _, list) in examplePairs {
            let examples = loadExamples(list)
            if kind == "positive" { positives = examples } else { negatives = examples }
          }
        }
      default: break
      }
    }
    if definition.id.isEmpty {
      error(idNode ?? node, "a code needs an id")
      return nil
    }
    if !isKebabCase(definition.id) {
      error(idNode, "code id \"\(definition.id)\" must be kebab-case (lowercase letters, digits and '-')")
    }
    var rules: [Rule] = []
    if let rulesNode {
      if let sequence = rulesNode.sequence {
        for (index, ruleNode) in sequence.enumerated() {
          if let rule = loadRule(ruleNode, code: definition.id, number: index + 1) { rules.append(rule) }
        }
      } else {
        error(rulesNode, "rules must be a list, not \(describe(rulesNode))")
      }
    }
    if !definition.isCodable && !rules.isEmpty {
      error(rulesNode, "code \"\(definition.id)\" is not codable but has rules")
    }
    if wantsDomain {
      domainCodes.insert(definition.id)
      domainNodes[definition.id] = contextNode
    }
    var spec = CodeSpec(
      definition: definition, rules: rules, excludePatterns: excludePatterns, positiveExamples: positives,
      negativeExamples: negatives, location: location(idNode ?? node))
    spec.excludeGuards = excludeGuards
    spec.context = context
    spec.parentLocation = parentNode.map { location($0) }
    return spec
  }

  /// A guard: `any:` patterns, a `scope` (unit, paragraph, turn or document) and, for an
  /// exclusion criterion, the `text` that says it in words.
  /// Exclusion criteria: each in words (a string), or with the patterns that make it executable;
  /// returns every criterion's words, and the guards of the executable ones.
  mutating func loadCriteria(_ node: Node) -> (texts: [String], guards: [CodeGuard]) {
    var texts: [String] = []
    var guards: [CodeGuard] = []
    for item in node.sequence.map(Array.init) ?? [node] {
      if let text = item.scalar?.string {
        if !text.isEmpty { texts.append(text) }
      } else if let guarded = loadGuard(item, what: "an exclusion criterion", criterion: true, defaultScope: .unit) {
        texts.append(guarded.criterion ?? "")
        guards.append(guarded)
      }
    }
    return (texts, guards)
  }

  mutating func loadGuard(_ node: Node, what: String, criterion: Bool, defaultScope: CodeGuard.Scope) -> CodeGuard? {
    let known = criterion ? Self.guardKeys : Self.guardKeys.subtracting(["text"])
    guard let pairs = mapping(node, what: what, known: known) else { return nil }
    var scope = defaultScope
    var patterns: [Pattern] = []
    var text: String?
    var sawAny = false
    for (key, _, value) in pairs {
      switch key {
      case "scope":
        if let name = string(value, what: "scope") {
          if let parsed = CodeGuard.Scope(rawValue: name == "sentence" ? "unit" : name) {
            scope = parsed
          } else {
            error(
              value,
              "unknown scope \"\(name)\" for \(what) (expected one of: unit, sentence, paragraph, turn, document)")
          }
        }
      case "any":
        sawAny = true
        patterns = self.patterns(value, what: "any")
      case "text": text = string(value, what: "text")
      default: break
      }
    }
    if !sawAny || patterns.isEmpty {
      error(node, "\(what) needs \"any:\" with at least one pattern")
      return nil
    }
    if criterion && (text ?? "").isEmpty {
      error(node, "an exclusion criterion with patterns needs its \"text\" (the criterion in words)")
      return nil
    }
    return CodeGuard(scope: scope, patterns: patterns, criterion: text, location: location(node))
  }

  mutating func loadExamples(_ node: Node) -> [Example] {
    guard let sequence = node.sequence else {
      error(node, "examples must be a list, not \(describe(node))")
      return []
    }
    var result: [Example] = []
    for item in sequence {
      if let text = item.scalar?.string {
        result.append(Example(text: text, location: location(item)))
      } else if let pairs = mapping(item, what: "an example", known: ["text", "role"]) {
        var example = Example(text: "", location: location(item))
        for (key, _, value) in pairs {
          if key == "text" { example.text = string(value, what: "text") ?? "" }
          if key == "role" { example.role = enumValues(value, what: "role", as: SpeakerRole.self).first }
        }
        if example.text.isEmpty { error(item, "an example needs a text") } else { result.append(example) }
      }
    }
    return result
  }

  mutating func loadRule(_ node: Node, code: String, number: Int) -> Rule? {
    guard let pairs = mapping(node, what: "a rule of \"\(code)\"", known: Self.ruleKeys) else { return nil }
    var rule = Rule(id: "\(code)#\(number)", code: code, scope: .segment, location: location(node))
    for (key, _, value) in pairs {
      switch key {
      case "id": rule.id = string(value, what: "rule id") ?? rule.id
      case "any": rule.any = patterns(value, what: "any")
      case "all": rule.all = patterns(value, what: "all")
      case "none": rule.none = patterns(value, what: "none")
      case "scope":
        if let scope = scope(value) { rule.scope = scope }
      case "negation": rule.negation = bool(value, what: "negation") ?? false
      case "where": rule.filter = loadFilter(value)
      default: break
      }
    }
    if rule.any.isEmpty && rule.all.isEmpty {
      error(node, "rule \"\(rule.id)\" is empty: it needs patterns under \"any\" or \"all\"")
    }
    return rule
  }

  mutating func loadFilter(_ node: Node) -> RuleFilter {
    var filter = RuleFilter()
    guard let pairs = mapping(node, what: "where", known: Self.whereKeys) else { return filter }
    for (key, _, value) in pairs {
      switch key {
      case "document-kind": filter.documentKinds = enumValues(value, what: "document kind", as: DocumentKind.self)
      case "segment-kind": filter.segmentKinds = enumValues(value, what: "segment kind", as: SegmentKind.self)
      case "role": filter.roles = enumValues(value, what: "role", as: SpeakerRole.self)
      case "case": filter.cases = strings(value, what: "case")
      case "attribute":
        guard let attributePairs = value.mapping else {
          error(value, "attribute must be a mapping of attribute names to values")
          continue
        }
        for (nameNode, values) in attributePairs {
          guard let name = nameNode.scalar?.string else { continue }
          filter.attributes[name] = strings(values, what: "attribute \(name)")
        }
      default: break
      }
    }
    return filter
  }

}
