public import KwalModel

/// What every analysis reads: a coding output folder (`codings.csv`, `documents.csv`,
/// `units.csv`) and, when known, the codebook with the code tree.
public struct AnalysisInput: Sendable {
  /// The codings, in file order (line n + 2 of ``codingsFile`` is `codings[n]`).
  public var codings: [CodingRecord]
  /// The codings as columns, when they were read without their records (counting analyses:
  /// the code matrix, keyness, co-occurrence counts); ``codings`` is then empty. Analyses that
  /// show codings (quotes, KWIC, retrieval) need ``codings``.
  public var columns: CodingColumns?
  /// The line of ``codingsFile`` each of ``codings`` lies on, when ``codings`` holds only the
  /// codings an analysis shows (beside ``columns`` for all); nil when line n + 2 is `codings[n]`.
  public var codingLines: [Int]?
  /// The documents (may be empty when the folder has no `documents.csv`).
  public var documents: [DocumentRecord]
  /// The units (may be empty when the folder has no `units.csv`).
  public var units: [UnitRecord]
  /// Whether the folder has a `units.csv` (``units`` may hold only the kinds an analysis asked
  /// for, and be empty although the file is not).
  public var hasUnitsFile: Bool
  /// The units of one kind as columns, when they were read so (counting by unit needs only
  /// where each lies); ``units`` then holds none of that kind.
  public var unitSpans: UnitSpans?
  /// The codebook; without it every code is a root and codes are sorted by id.
  public var codebook: CodebookInfo?
  /// The name of the codings file, for messages.
  public var codingsFile: String
  /// The name of the documents file, for messages.
  public var documentsFile: String
  /// The name of the units file, for messages.
  public var unitsFile: String

  /// Creates an input.
  public init(
    codings: [CodingRecord], documents: [DocumentRecord] = [], units: [UnitRecord] = [],
    codebook: CodebookInfo? = nil, codingsFile: String = "codings.csv", documentsFile: String = "documents.csv",
    unitsFile: String = "units.csv"
  ) {
    self.codings = codings
    self.columns = nil
    self.unitSpans = nil
    self.codingLines = nil
    self.documents = documents
    self.units = units
    self.hasUnitsFile = !units.isEmpty
    self.codebook = codebook
    self.codingsFile = codingsFile
    self.documentsFile = documentsFile
    self.unitsFile = unitsFile
  }
}

/// The codes to analyse, in tree order (pre-order, children in codebook order), with parents
/// and depths. Without a codebook every code is a root and the order is by id.
public struct CodeTree: Sendable, Hashable {
  /// The code ids in tree order.
  public var codes: [String]
  /// The index of each code's parent in ``codes``.
  public var parents: [Int?]
  /// The depth of each code: 1 for a root.
  public var depths: [Int]
  /// The display label of each code (the id when the codebook has none).
  public var labels: [String]
  /// The index of each code id.
  public var index: [String: Int]

  /// The tree of `codebook`, or the flat list of `extraCodes` (sorted) when there is none.
  public init(codebook: CodebookInfo?, extraCodes: Set<String> = []) {
    var ids: [String] = []
    var parentOf: [String: String] = [:]
    var label: [String: String] = [:]
    if let codebook {
      var seen = Set<String>()
      for definition in codebook.codes where seen.insert(definition.id).inserted {
        ids.append(definition.id)
        if let parent = definition.parent { parentOf[definition.id] = parent }
        label[definition.id] = definition.label.display ?? definition.id
      }
    }
    for code in extraCodes.sorted() where label[code] == nil {
      ids.append(code)
      label[code] = code
    }
    let known = Set(ids)
    // Children in codebook order; codes whose parent is unknown (or part of a cycle) are roots.
    var children: [String: [String]] = [:]
    var roots: [String] = []
    for id in ids {
      if let parent = parentOf[id], known.contains(parent), parent != id,
        !CodeTree.isCycle(from: id, parentOf: parentOf)
      {
        children[parent, default: []].append(id)
      } else {
        roots.append(id)
      }
    }
    var order: [String] = []
    var depth: [String: Int] = [:]
    var stack: [(String, Int)] = roots.reversed().map { ($0, 1) }
    while let (id, level) = stack.popLast() {
      order.append(id)
      depth[id] = level
      for child in (children[id] ?? []).reversed() { stack.append((child, level + 1)) }
    }
    var index: [String: Int] = [:]
    for (position, id) in order.enumerated() { index[id] = position }
    self.codes = order
    self.index = index
    self.depths = order.map { depth[$0] ?? 1 }
    self.labels = order.map { label[$0] ?? $0 }
    self.parents = order.map { id in
      guard let parent = parentOf[id], let parentIndex = index[parent], depth[id] ?? 1 > 1 else { return nil }
      return parentIndex
    }
  }

  private static func isCycle(from id: String, parentOf: [String: String]) -> Bool {
    var seen: Set<String> = [id]
    var current = parentOf[id]
    while let parent = current {
      if !seen.insert(parent).inserted { return true }
      current = parentOf[parent]
    }
    return false
  }

  /// The number of codes.
  public var count: Int { codes.count }

  /// The indices of `code` and its ancestors, nearest first.
  public func selfAndAncestors(_ code: Int) -> [Int] {
    var result = [code]
    var current = parents[code]
    while let parent = current, !result.contains(parent) {
      result.append(parent)
      current = parents[parent]
    }
    return result
  }

  /// The code `code` stands for at `level`: itself when it is that shallow, else its ancestor at
  /// that depth.
  public func atLevel(_ code: Int, _ level: Int?) -> Int {
    guard let level else { return code }
    var current = code
    while depths[current] > level, let parent = parents[current] { current = parent }
    return current
  }
}

/// What an analysis checks of every coding it reads, in words: its code is in the codebook, its
/// document in documents.csv, and it ends within the document.
public enum CodingCheck {
  /// A coding's code is not in the codebook.
  public static func unknownCode(_ code: String, codebook: String) -> String {
    "unknown code \"\(code)\": it is not in codebook \"\(codebook)\""
  }

  /// A coding's document is not in documents.csv.
  public static func unlisted(_ document: String, documentsFile: String) -> String {
    "document \"\(document)\" is not in \(documentsFile)"
  }

  /// A coding ends past the end of its document.
  public static func pastEnd(_ end: Int, document: String, characters: Int, documentsFile: String) -> String {
    "the coding ends at \(end), past the end of \"\(document)\" (\(characters) characters in \(documentsFile))"
  }
}

/// The input checked and indexed: codes, documents and cases as integers.
struct PreparedInput: Sendable {
  /// The code tree.
  var tree: CodeTree
  /// The documents (from documents.csv, or made up from the codings when it is absent).
  var documents: [DocumentRecord]
  /// Whether documents came from documents.csv (so words and characters are known).
  var hasDocumentTable: Bool
  /// The index of each document id.
  var documentIndex: [String: Int]
  /// Per coding: document index, code index, start, end (scalar offsets).
  var codingDocument: [Int32]
  var codingCode: [Int32]
  var codingStart: [Int]
  var codingEnd: [Int]

  /// Checks the input: every code is in the codebook (when there is one) and every coding's
  /// document is in documents.csv (when there is one), and ends within it.
  init(_ input: AnalysisInput) throws(AnalysisError) {
    let columns = input.columns ?? CodingColumns(input.codings, counting: true)
    // The first coding of a document or code, for messages.
    func firstRow(where matches: (Int) -> Bool) -> Int? { (0..<columns.count).first(where: matches) }
    if let codebook = input.codebook {
      let known = Set(codebook.codes.map(\.id))
      if let unknown = columns.codeIDs.indices.first(where: { !known.contains(columns.codeIDs[$0]) }) {
        let row = firstRow { columns.code[$0] == Int32(unknown) } ?? 0
        throw AnalysisError(
          .badData, CodingCheck.unknownCode(columns.codeIDs[unknown], codebook: codebook.name),
          at: SourceLocation(file: input.codingsFile, line: row + 2))
      }
      tree = CodeTree(codebook: codebook)
    } else {
      tree = CodeTree(codebook: nil, extraCodes: Set(columns.codeIDs))
    }
    var documents = input.documents
    var documentIndex: [String: Int] = [:]
    for (row, document) in documents.enumerated() {
      if documentIndex[document.document] != nil {
        throw AnalysisError(
          .badData, "document \"\(document.document)\" is listed twice",
          at: SourceLocation(file: input.documentsFile, line: row + 2))
      }
      documentIndex[document.document] = row
    }
    hasDocumentTable = !documents.isEmpty
    // Distinct documents and codes are numbered once; the codings are then renumbered.
    var documentMap: [Int32] = []
    documentMap.reserveCapacity(columns.documentIDs.count)
    for (number, id) in columns.documentIDs.enumerated() {
      if let known = documentIndex[id] {
        documentMap.append(Int32(known))
        continue
      }
      if hasDocumentTable {
        let row = firstRow { columns.document[$0] == Int32(number) } ?? 0
        throw AnalysisError(
          .badData, CodingCheck.unlisted(id, documentsFile: input.documentsFile),
          at: SourceLocation(file: input.codingsFile, line: row + 2))
      }
      documentMap.append(Int32(documents.count))
      documentIndex[id] = documents.count
      documents.append(
        DocumentRecord(
          document: id, caseName: columns.caseOfDocument[number], kind: .document, characters: 0, words: 0, tokens: 0,
          sentences: 0))
    }
    // Every code is in the tree: unknown ones were refused above, or the tree was made of them.
    let codeIndex = tree.index
    let codeMap = columns.codeIDs.map { Int32(codeIndex[$0] ?? 0) }
    var codingDocument = [Int32](repeating: 0, count: columns.count)
    var codingCode = [Int32](repeating: 0, count: columns.count)
    if hasDocumentTable {
      let known = documents
      let characters = documentMap.map { known[Int($0)].characters }
      for row in 0..<columns.count where columns.end[row] > characters[Int(columns.document[row])] {
        let document = documents[Int(documentMap[Int(columns.document[row])])]
        throw AnalysisError(
          .badData,
          CodingCheck.pastEnd(
            columns.end[row], document: document.document, characters: document.characters,
            documentsFile: input.documentsFile),
          at: SourceLocation(file: input.codingsFile, line: row + 2))
      }
    }
    for row in 0..<columns.count {
      codingDocument[row] = documentMap[Int(columns.document[row])]
      codingCode[row] = codeMap[Int(columns.code[row])]
    }
    self.documents = documents
    self.documentIndex = documentIndex
    self.codingDocument = codingDocument
    self.codingCode = codingCode
    self.codingStart = columns.start
    self.codingEnd = columns.end
  }

  /// The number of codings.
  var codingCount: Int { codingCode.count }
}

/// The codings as columns: what counting analyses and the audit read (where, which code, in
/// which document and case, by which coder, in which unit, by which rules), without texts or
/// matched words. A million codings take about 40 bytes each.
public struct CodingColumns: Sendable, Hashable {
  /// The distinct document ids, in the order first seen.
  public var documentIDs: [String] = []
  /// The case of each distinct document, as its first coding gives it.
  public var caseOfDocument: [String] = []
  /// The distinct code ids, in the order first seen.
  public var codeIDs: [String] = []
  /// The distinct coders, in the order first seen.
  public var coderIDs: [String] = []
  /// The distinct lists of rules; the first is the empty list (a coding no rule made).
  public var ruleLists: [[String]] = [[]]
  /// Per coding (in file order): its document (index into ``documentIDs``), its code (index
  /// into ``codeIDs``), its first scalar and the scalar after its last.
  public var document: [Int32] = []
  public var code: [Int32] = []
  public var start: [Int] = []
  public var end: [Int] = []
  /// Per coding: its coder (index into ``coderIDs``), the kind of unit it codes and its rules
  /// (index into ``ruleLists``).
  public var coder: [Int32] = []
  public var unit: [UnitKind] = []
  public var rules: [Int32] = []

  /// No codings.
  public init() {}

  /// The columns of `codings`.
  public init(_ codings: [CodingRecord]) {
    self.init(codings, counting: false)
  }

  /// The columns of `codings`; `counting`: only document, code, start and end, the columns
  /// counting reads (the others stay empty: for use inside this module only).
  init(_ codings: [CodingRecord], counting: Bool) {
    var documentNumbers: [String: Int32] = [:]
    var codeNumbers: [String: Int32] = [:]
    var coderNumbers: [String: Int32] = [:]
    var ruleNumbers: [[String]: Int32] = [[]: 0]
    reserve(codings.count)
    // Codings come grouped by document: the last document's number is kept at hand.
    var last: (id: String, number: Int32)?
    var lastCoder: (id: String, number: Int32)?
    var lastRules: (list: [String], number: Int32)?
    for row in codings.indices {
      let id = codings[row].document
      let number: Int32
      if let last, last.id == id {
        number = last.number
      } else if let known = documentNumbers[id] {
        number = known
      } else {
        number = Int32(documentIDs.count)
        documentNumbers[id] = number
        documentIDs.append(id)
        caseOfDocument.append(codings[row].caseName)
      }
      last = (id, number)
      document.append(number)
      code.append(Self.number(codings[row].code, in: &codeNumbers, ids: &codeIDs))
      start.append(codings[row].start)
      end.append(codings[row].end)
      if counting { continue }
      // A run of codings mostly shares its coder and its rules (shared strings and arrays, so
      // comparing them with the last is cheap): each is looked up when it changes.
      let coderID = codings[row].coder
      if let lastCoder, lastCoder.id == coderID {
        coder.append(lastCoder.number)
      } else {
        let number = Self.number(coderID, in: &coderNumbers, ids: &coderIDs)
        lastCoder = (coderID, number)
        coder.append(number)
      }
      let list = codings[row].rules
      if let lastRules, lastRules.list == list {
        rules.append(lastRules.number)
      } else if let known = ruleNumbers[list] {
        rules.append(known)
        lastRules = (list, known)
      } else {
        let listNumber = Int32(ruleLists.count)
        ruleNumbers[list] = listNumber
        ruleLists.append(list)
        rules.append(listNumber)
        lastRules = (list, listNumber)
      }
      unit.append(codings[row].unit)
    }
  }

  /// The number of `id` in `ids` (appended, and recorded in `numbers`, the first time it is seen).
  static func number(_ id: String, in numbers: inout [String: Int32], ids: inout [String]) -> Int32 {
    if let known = numbers[id] { return known }
    let number = Int32(ids.count)
    numbers[id] = number
    ids.append(id)
    return number
  }

  /// Reserves room for `count` codings in every column.
  public mutating func reserve(_ count: Int) {
    document.reserveCapacity(count)
    code.reserveCapacity(count)
    start.reserveCapacity(count)
    end.reserveCapacity(count)
    coder.reserveCapacity(count)
    unit.reserveCapacity(count)
    rules.reserveCapacity(count)
  }

  /// The number of codings.
  public var count: Int { code.count }

  /// The coding at `row` as a record, without text, matched words or the place it lies in.
  public func record(_ row: Int) -> CodingRecord {
    let number = Int(document[row])
    return CodingRecord(
      document: documentIDs[number], caseName: caseOfDocument[number], unit: unit[row], start: start[row],
      end: end[row], code: codeIDs[Int(code[row])], coder: coderIDs[Int(coder[row])],
      rules: ruleLists[Int(rules[row])], text: "")
  }

  /// Appends `other`'s codings after these, renumbering its documents, codes, coders and rule
  /// lists.
  public mutating func append(_ other: CodingColumns) {
    var documentNumbers = Dictionary(
      uniqueKeysWithValues: documentIDs.enumerated().map { ($0.element, Int32($0.offset)) })
    let documentMap = other.documentIDs.indices.map { index -> Int32 in
      let id = other.documentIDs[index]
      if let known = documentNumbers[id] { return known }
      let number = Int32(documentIDs.count)
      documentNumbers[id] = number
      documentIDs.append(id)
      caseOfDocument.append(other.caseOfDocument[index])
      return number
    }
    let codeMap = Self.renumbering(other.codeIDs, into: &codeIDs)
    let coderMap = Self.renumbering(other.coderIDs, into: &coderIDs)
    let ruleMap = Self.renumbering(other.ruleLists, into: &ruleLists)
    document.append(contentsOf: other.document.lazy.map { documentMap[Int($0)] })
    code.append(contentsOf: other.code.lazy.map { codeMap[Int($0)] })
    start.append(contentsOf: other.start)
    end.append(contentsOf: other.end)
    coder.append(contentsOf: other.coder.lazy.map { coderMap[Int($0)] })
    unit.append(contentsOf: other.unit)
    rules.append(contentsOf: other.rules.lazy.map { ruleMap[Int($0)] })
  }

  /// The number in `ids` of each of `others`, appending those not there yet.
  private static func renumbering<Value: Hashable>(_ others: [Value], into ids: inout [Value]) -> [Int32] {
    var numbers = Dictionary(ids.enumerated().map { ($0.element, Int32($0.offset)) }, uniquingKeysWith: { a, _ in a })
    return others.map { value in
      if let known = numbers[value] { return known }
      let number = Int32(ids.count)
      numbers[value] = number
      ids.append(value)
      return number
    }
  }
}

/// The units of one kind as columns: where each lies (its document, first scalar and the scalar
/// after its last), in file order, without a record or string per unit.
public struct UnitSpans: Sendable, Hashable {
  /// The kind of every unit.
  public var kind: UnitKind
  /// The distinct document ids, in the order first seen.
  public var documentIDs: [String] = []
  /// Per unit: its document (index into ``documentIDs``), first scalar and the scalar after its last.
  public var document: [Int32] = []
  public var start: [Int] = []
  public var end: [Int] = []

  /// No units of `kind`.
  public init(kind: UnitKind) { self.kind = kind }

  /// The units of `kind` among `records`.
  public init(_ records: [UnitRecord], kind: UnitKind) {
    self.kind = kind
    var numbers: [String: Int32] = [:]
    for record in records where record.unit == kind {
      let number: Int32
      if let known = numbers[record.document] {
        number = known
      } else {
        number = Int32(documentIDs.count)
        numbers[record.document] = number
        documentIDs.append(record.document)
      }
      document.append(number)
      start.append(record.start)
      end.append(record.end)
    }
  }

  /// The number of units.
  public var count: Int { document.count }

  /// Appends `other`'s units after these, renumbering its documents.
  public mutating func append(_ other: UnitSpans) {
    var numbers = Dictionary(
      documentIDs.enumerated().map { ($0.element, Int32($0.offset)) }, uniquingKeysWith: { first, _ in first })
    let map = other.documentIDs.map { id -> Int32 in
      if let known = numbers[id] { return known }
      let number = Int32(documentIDs.count)
      numbers[id] = number
      documentIDs.append(id)
      return number
    }
    document.reserveCapacity(count + other.count)
    document.append(contentsOf: other.document.lazy.map { map[Int($0)] })
    start.append(contentsOf: other.start)
    end.append(contentsOf: other.end)
  }
}
