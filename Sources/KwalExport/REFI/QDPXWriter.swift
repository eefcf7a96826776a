public import Foundation
public import KwalModel
internal import ZIPFoundation

/// Writes a REFI-QDA project (`.qdpx`): a zip with `project.qde` (namespace
/// `urn:QDA-XML:project:1.0`) and every document's plain text as `sources/<guid>.txt`.
///
/// Users are the coders (the rule coder is `auto:<codebook>@<version>`); variables come from the
/// documents' attributes; every coding becomes a `PlainTextSelection` (Unicode code points, end
/// exclusive, quoted text in `name`, rule ids and matched words in `Description`) with one
/// `Coding`. GUIDs are UUIDv5 of stable ids and zip entries have a fixed order and timestamp, so
/// the same input always gives the same bytes.
public enum QDPXWriter {
  /// The REFI-QDA project namespace.
  public static let namespace = "urn:QDA-XML:project:1.0"

  /// What went into a project.
  public struct Summary: Sendable, Hashable {
    /// The number of users (coders).
    public var users: Int
    /// The number of codes.
    public var codes: Int
    /// The number of text sources.
    public var sources: Int
    /// The number of codings (selections).
    public var codings: Int
    /// Codings whose `text` differs from the corpus text at their offsets (a corpus changed
    /// since coding): exported at their offsets, with the corpus text as the quote.
    public var warnings: [Diagnostic] = []
  }

  /// The `project.qde` bytes and the source texts by zip path, in zip order.
  public static func project(
    name: String, codebook: CodebookInfo, output: CodingOutput, texts: [String: String]
  ) throws(ExportError) -> (qde: Data, sources: [(path: String, text: String)], summary: Summary) {
    let knownCodes = Set(codebook.codes.map(\.id))
    var coders = Set(output.codings.map(\.coder))
    coders.insert(codebook.coderName)
    let users = coders.sorted()
    func userGUID(_ coder: String) -> String { StableGUID.make("user", coder) }

    var documentsByID: [String: DocumentRecord] = [:]
    for document in output.documents { documentsByID[document.document] = document }
    let documentIDs = Set(output.documents.map(\.document)).union(output.codings.map(\.document)).sorted()
    var caseOf: [String: String] = [:]
    for document in output.documents where !document.caseName.isEmpty { caseOf[document.document] = document.caseName }
    for coding in output.codings where !coding.caseName.isEmpty && caseOf[coding.document] == nil {
      caseOf[coding.document] = coding.caseName
    }
    let variableNames = Set(output.documents.flatMap { $0.attributes.keys }).sorted()
    func variableGUID(_ name: String) -> String { StableGUID.make("variable", name) }
    func sourceGUID(_ document: String) -> String { StableGUID.make("source", document) }

    var codingsByDocument: [String: [CodingRecord]] = [:]
    for coding in output.codings.sorted(by: CodingRecord.outputOrder) {
      guard knownCodes.contains(coding.code) else {
        throw ExportError(
          .badData,
          "coding of \(coding.document) \(coding.start)-\(coding.end) refers to unknown code \"\(coding.code)\"",
          at: SourceLocation(file: "codings.csv"))
      }
      codingsByDocument[coding.document, default: []].append(coding)
    }

    var warnings: [Diagnostic] = []
    var sourceElements: [XMLNode] = []
    var sourceFiles: [(path: String, text: String)] = []
    for document in documentIDs {
      guard let text = texts[document] else {
        throw ExportError(
          .missingInput, "no plain text for document \"\(document)\" in the corpus", at: SourceLocation(file: document))
      }
      let scalars = Array(text.unicodeScalars)
      let guid = sourceGUID(document)
      var children: [XMLNode] = []
      if let title = documentsByID[document]?.title { children.append(XMLNode("Description", text: title)) }
      for coding in codingsByDocument[document] ?? [] {
        guard coding.end <= scalars.count else {
          throw ExportError(
            .badData,
            "selection \(coding.start)-\(coding.end) is beyond the end of \(document) (\(scalars.count) characters)",
            at: SourceLocation(file: document))
        }
        var quoted = String.UnicodeScalarView()
        quoted.append(contentsOf: scalars[coding.start..<coding.end])
        if !coding.text.isEmpty && coding.text != String(quoted) {
          warnings.append(
            Diagnostic(
              .warning, SourceLocation(file: document),
              "coding \(coding.start)-\(coding.end) (\(coding.code)) quotes \"\(coding.text.prefix(40))\" but the corpus has "
                + "\"\(String(quoted).prefix(40))\" there: was the corpus changed after coding?"))
        }
        let key = "\(document)\u{1F}\(coding.start)\u{1F}\(coding.end)\u{1F}\(coding.code)\u{1F}\(coding.coder)"
        var selection: [XMLNode] = []
        if let provenance = provenance(coding) { selection.append(XMLNode("Description", text: provenance)) }
        selection.append(
          XMLNode(
            "Coding", [("guid", StableGUID.make("coding", key)), ("creatingUser", userGUID(coding.coder))],
            children: [XMLNode("CodeRef", [("targetGUID", QDCWriter.guid(ofCode: coding.code))])]))
        children.append(
          XMLNode(
            "PlainTextSelection",
            [
              ("guid", StableGUID.make("selection", key)), ("name", String(quoted)),
              ("startPosition", String(coding.start)), ("endPosition", String(coding.end)),
              ("creatingUser", userGUID(coding.coder)),
            ], children: selection))
      }
      if let attributes = documentsByID[document]?.attributes {
        for name in variableNames {
          guard let value = attributes[name] else { continue }
          children.append(
            XMLNode(
              "VariableValue",
              children: [
                XMLNode("VariableRef", [("targetGUID", variableGUID(name))]), XMLNode("TextValue", text: value),
              ]))
        }
      }
      sourceElements.append(
        XMLNode(
          "TextSource", [("guid", guid), ("name", document), ("plainTextPath", "internal://\(guid).txt")],
          children: children))
      sourceFiles.append((path: "sources/\(guid).txt", text: text))
    }

    var top: [XMLNode] = []
    top.append(
      XMLNode("Users", children: users.map { XMLNode("User", [("guid", userGUID($0)), ("name", $0), ("id", $0)]) }))
    let codes = try QDCWriter.codesElement(codebook)
    top.append(XMLNode("CodeBook", children: [codes]))
    if !variableNames.isEmpty {
      top.append(
        XMLNode(
          "Variables",
          children: variableNames.map {
            XMLNode("Variable", [("guid", variableGUID($0)), ("name", $0), ("typeOfVariable", "Text")])
          }))
    }
    let cases = Set(caseOf.values).sorted()
    if !cases.isEmpty {
      top.append(
        XMLNode(
          "Cases",
          children: cases.map { caseName in
            XMLNode(
              "Case", [("guid", StableGUID.make("case", caseName)), ("name", caseName)],
              children: documentIDs.filter { caseOf[$0] == caseName }.map {
                XMLNode("SourceRef", [("targetGUID", sourceGUID($0))])
              })
          }))
    }
    if !sourceElements.isEmpty { top.append(XMLNode("Sources", children: sourceElements)) }
    if let description = codebook.description, !description.isEmpty {
      top.append(XMLNode("Description", text: description))
    }
    let root = XMLNode(
      "Project", [("name", name), ("origin", "Kwal"), ("creatingUserGUID", userGUID(codebook.coderName))], children: top
    )
    let qde = try root.document(namespace: namespace)
    let summary = Summary(
      users: users.count, codes: codebook.codes.count, sources: sourceElements.count, codings: output.codings.count,
      warnings: warnings)
    return (qde, sourceFiles, summary)
  }

  /// The `.qdpx` zip bytes: `project.qde` first, then the sources in document order, all with
  /// the same fixed timestamp and permissions.
  public static func data(
    name: String, codebook: CodebookInfo, output: CodingOutput, texts: [String: String]
  ) throws(ExportError) -> (data: Data, summary: Summary) {
    let parts = try project(name: name, codebook: codebook, output: output, texts: texts)
    var entries: [(String, Data)] = [("project.qde", parts.qde)]
    for source in parts.sources { entries.append((source.path, Data(source.text.utf8))) }
    return (try zip(entries), parts.summary)
  }

  /// A zip of `entries` (deflated, fixed timestamp 2000-01-01 00:00 local zip time, mode 0644).
  static func zip(_ entries: [(String, Data)]) throws(ExportError) -> Data {
    // ZIP stores local calendar fields; building the date in the current calendar makes the
    // stored fields the same in every time zone.
    let fixedDate =
      Calendar.current.date(from: DateComponents(year: 2000, month: 1, day: 1, hour: 0, minute: 0))
      ?? Date(timeIntervalSince1970: 946_684_800)
    do {
      let archive = try Archive(data: Data(), accessMode: .create)
      for (path, bytes) in entries {
        try archive.addEntry(
          with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: fixedDate,
          permissions: 0o644,
          compressionMethod: .deflate
        ) { position, size in
          bytes.subdata(in: Int(position)..<Int(position) + size)
        }
      }
      guard let data = archive.data else { throw ExportError(.io, "cannot build the .qdpx zip in memory") }
      return data
    } catch let error as ExportError {
      throw error
    } catch {
      throw ExportError(.io, "cannot build the .qdpx zip: \(error)")
    }
  }

  /// The provenance of an automatic coding: its rule ids and matched words.
  static func provenance(_ coding: CodingRecord) -> String? {
    var lines: [String] = []
    if !coding.rules.isEmpty { lines.append("Regel (rule): " + coding.rules.joined(separator: ", ")) }
    if !coding.matched.isEmpty {
      lines.append(
        "Woorden (matched): " + coding.matched.map { "\($0.word)@\($0.start)-\($0.end)" }.joined(separator: ", "))
    }
    if coding.unit != .segment { lines.append("Eenheid (unit): \(coding.unit.rawValue)") }
    return lines.isEmpty ? nil : lines.joined(separator: "\n")
  }
}
