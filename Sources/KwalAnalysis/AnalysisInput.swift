public import KwalModel

/// What every analysis reads: a coding output folder (`codings.csv`, `documents.csv`,
/// `units.csv`) and, when known, the codebook with the code tree.
public struct AnalysisInput: Sendable {
  /// The codings, in file order (line n + 2 of ``codingsFile`` is `codings[n]`).
  public var codings: [CodingRecord]
  /// The documents (may be empty when the folder has no `documents.csv`).
  public var documents: [DocumentRecord]
  /// The units (may be empty when the folder has no `units.csv`).
  public var units: [UnitRecord]
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
    self.documents = documents
    self.units = units
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
    var codes = Set<String>()
    // Codings are read by index, field by field: copying a whole record per row costs more than
    // the rest of this set-up on a million codings.
    let codings = input.codings
    for row in codings.indices { codes.insert(codings[row].code) }
    if let codebook = input.codebook {
      let known = Set(codebook.codes.map(\.id))
      if codes.contains(where: { !known.contains($0) }),
        let row = codings.indices.first(where: { !known.contains(codings[$0].code) })
      {
        let code = codings[row].code
        throw AnalysisError(
          .badData, "unknown code \"\(code)\": it is not in codebook \"\(codebook.name)\"",
          at: SourceLocation(file: input.codingsFile, line: row + 2))
      }
      tree = CodeTree(codebook: codebook)
    } else {
      tree = CodeTree(codebook: nil, extraCodes: codes)
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
    var codingDocument: [Int32] = []
    var codingCode: [Int32] = []
    var codingStart: [Int] = []
    var codingEnd: [Int] = []
    codingDocument.reserveCapacity(input.codings.count)
    codingCode.reserveCapacity(input.codings.count)
    codingStart.reserveCapacity(input.codings.count)
    codingEnd.reserveCapacity(input.codings.count)
    // Codings come grouped by document: the last document's number is kept at hand.
    var lastDocument: (id: String, number: Int)?
    for row in codings.indices {
      let document = codings[row].document
      var documentNumber: Int?
      if let lastDocument, lastDocument.id == document {
        documentNumber = lastDocument.number
      } else {
        documentNumber = documentIndex[document]
      }
      if documentNumber == nil {
        if hasDocumentTable {
          throw AnalysisError(
            .badData, "document \"\(document)\" is not in \(input.documentsFile)",
            at: SourceLocation(file: input.codingsFile, line: row + 2))
        }
        documentNumber = documents.count
        documentIndex[document] = documents.count
        documents.append(
          DocumentRecord(
            document: document, caseName: codings[row].caseName, kind: .document, characters: 0, words: 0, tokens: 0,
            sentences: 0))
      }
      guard let documentNumber, let codeNumber = tree.index[codings[row].code] else { continue }
      lastDocument = (document, documentNumber)
      let end = codings[row].end
      if hasDocumentTable, end > documents[documentNumber].characters {
        throw AnalysisError(
          .badData,
          "the coding ends at \(end), past the end of \"\(document)\" (\(documents[documentNumber].characters) characters in \(input.documentsFile))",
          at: SourceLocation(file: input.codingsFile, line: row + 2))
      }
      codingDocument.append(Int32(documentNumber))
      codingCode.append(Int32(codeNumber))
      codingStart.append(codings[row].start)
      codingEnd.append(end)
    }
    self.documents = documents
    self.documentIndex = documentIndex
    self.codingDocument = codingDocument
    self.codingCode = codingCode
    self.codingStart = codingStart
    self.codingEnd = codingEnd
  }

  /// The number of codings.
  var codingCount: Int { codingCode.count }
}
