public import Foundation
public import KwalAnalysis
public import KwalModel

extension CodingFiles {
  /// Counts the codings of a codings CSV file one document at a time into `empty` (a tally of
  /// no documents), without holding the codings: memory grows with the documents, not the
  /// codings. The file is read in one piece per core; a document cut by a piece boundary is
  /// joined before it is counted. Every field is checked as ``readColumns(_:defaultCoder:)``
  /// checks it, and every coding's code must be in `tree`, its document in `documents` (when
  /// that is not empty, as documents.csv) and its end within that document.
  ///
  /// Gives nil when the file does not hold each document's codings together (not a file Kwal
  /// wrote): the caller then reads it whole.
  public static func tally<Tally: DocumentTally>(
    _ url: URL, empty: Tally, tree: CodeTree, codebookName: String, documents: [DocumentRecord],
    documentsFile: String, defaultCoder: String? = nil
  ) throws(ExportError) -> Tally? {
    try tally(
      csv: try CSVScanner.contents(of: url), file: url.path, empty: empty, tree: tree, codebookName: codebookName,
      documents: documents, documentsFile: documentsFile,
      defaultCoder: defaultCoder ?? url.deletingPathExtension().lastPathComponent)
  }

  /// The tally of CSV bytes (see ``tally(_:empty:tree:codebookName:documents:documentsFile:defaultCoder:)``),
  /// read in `pieces` pieces from `parallelFrom` bytes on (by default one per core from 2 MiB).
  static func tally<Tally: DocumentTally>(
    csv data: Data, file: String, empty: Tally, tree: CodeTree, codebookName: String, documents: [DocumentRecord],
    documentsFile: String, defaultCoder coder: String, parallelFrom: Int = 1 << 21, pieces: Int? = nil
  ) throws(ExportError) -> Tally? {
    var characters: [String: Int]?
    if !documents.isEmpty {
      var limits: [String: Int] = [:]
      for document in documents { limits[document.document] = document.characters }
      characters = limits
    }
    let context = TallyContext(
      empty: empty, codeIndex: tree.index, codebookName: codebookName, characters: characters,
      documentsFile: documentsFile)
    let (_, parts) = try CSVScanner.readPieces(
      data, file: file, parallelFrom: parallelFrom, pieces: pieces,
      prepare: { (header) throws(ExportError) in
        (try ColumnRowReader(header: header, file: file, showing: nil, defaultCoder: coder), context)
      }
    ) { (scanner: inout CSVScanner, prepared: (ColumnRowReader, TallyContext<Tally>)) throws(ExportError) in
      try prepared.1.read(&scanner, reader: prepared.0, file: file)
    }
    // Pieces in file order: a piece's first document may continue the one before's last.
    var total = empty
    var counted = Set<String>()
    var open: DocumentCodings?
    func count(_ codings: DocumentCodings) -> Bool {
      guard counted.insert(codings.document).inserted else { return false }
      total.add(codings)
      return true
    }
    for part in parts {
      if part.ungrouped { return nil }
      if let head = part.head {
        if open?.document == head.document {
          open?.append(contentsOf: head)
        } else {
          if let open, !count(open) { return nil }
          open = head
        }
      }
      guard let tail = part.tail else { continue }
      if let open, !count(open) { return nil }
      for document in part.counted where !counted.insert(document).inserted { return nil }
      total.merge(part.tally)
      open = tail
    }
    if let open, !count(open) { return nil }
    return total
  }
}

/// What every piece of a streamed codings file is read with.
private struct TallyContext<Tally: DocumentTally>: Sendable {
  let empty: Tally
  let codeIndex: [String: Int]
  let codebookName: String
  /// The characters of every document of documents.csv; nil without it.
  let characters: [String: Int]?
  let documentsFile: String

  /// What a piece gives: its first document (which may begin in the piece before) and last
  /// (which may go on in the next) uncounted, the documents between counted.
  struct Part: Sendable {
    var head: DocumentCodings?
    var tally: Tally
    var counted: [String] = []
    var tail: DocumentCodings?
    /// A document's codings come in two runs: the file is not grouped by document.
    var ungrouped = false
  }

  func read(_ scanner: inout CSVScanner, reader: ColumnRowReader, file: String) throws(ExportError) -> Part {
    var reader = reader
    var part = Part(tally: empty)
    var current = DocumentCodings(document: "", caseName: "")
    var currentNumber: Int32 = -1
    var limit = Int.max
    var codeMap: [Int32] = []
    while try scanner.nextRow(file: file, columns: reader.columns) {
      let span = try reader.readSpan(scanner)
      if Int(span.code) == codeMap.count {
        let id = reader.distinct.codeIDs[Int(span.code)]
        guard let index = codeIndex[id] else {
          throw scanner.error(CodingCheck.unknownCode(id, codebook: codebookName), file: file)
        }
        codeMap.append(Int32(index))
      }
      if span.document != currentNumber {
        let distinct = reader.distinct
        guard Int(span.document) == distinct.documentIDs.count - 1 else {
          part.ungrouped = true
          return part
        }
        let id = distinct.documentIDs[Int(span.document)]
        if let characters {
          guard let known = characters[id] else {
            throw scanner.error(CodingCheck.unlisted(id, documentsFile: documentsFile), file: file)
          }
          limit = known
        }
        if currentNumber >= 0 { finish(current, into: &part) }
        current = DocumentCodings(document: id, caseName: distinct.caseOfDocument[Int(span.document)])
        currentNumber = span.document
      }
      if span.end > limit {
        throw scanner.error(
          CodingCheck.pastEnd(span.end, document: current.document, characters: limit, documentsFile: documentsFile),
          file: file)
      }
      current.append(code: codeMap[Int(span.code)], start: span.start, end: span.end)
    }
    if currentNumber >= 0 {
      if part.head == nil { part.head = current } else { part.tail = current }
    }
    return part
  }

  /// A document whose codings all came: the piece's first is kept for joining, others counted.
  private func finish(_ codings: DocumentCodings, into part: inout Part) {
    if part.head == nil {
      part.head = codings
    } else {
      part.tally.add(codings)
      part.counted.append(codings.document)
    }
  }
}
