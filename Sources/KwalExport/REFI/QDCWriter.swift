public import Foundation
public import KwalModel

/// Writes a codebook as a REFI-QDA codebook file (`.qdc`, namespace `urn:QDA-XML:codebook:1.0`).
///
/// The code tree follows the codes' `parent`s; every code's GUID is the UUIDv5 of its id, so the
/// same codebook always gives the same bytes. A code's `Description` holds its definition, its
/// include and exclude criteria and its Kwal id (`Kwal-id: …`), so an import can restore it.
public enum QDCWriter {
  /// The REFI-QDA codebook namespace.
  public static let namespace = "urn:QDA-XML:codebook:1.0"

  /// The `.qdc` bytes for `codebook`.
  public static func data(_ codebook: CodebookInfo) throws(ExportError) -> Data {
    let codes = try codesElement(codebook)
    let origin = codebook.version.isEmpty ? "Kwal: \(codebook.name)" : "Kwal: \(codebook.name) \(codebook.version)"
    var children = [codes]
    if !codebook.sets.isEmpty {
      children.append(
        XMLNode(
          "Sets",
          children: codebook.sets.map { set in
            XMLNode(
              "Set", [("guid", StableGUID.make("set", set.name)), ("name", set.name)],
              children: (set.description.map { [XMLNode("Description", text: $0)] } ?? [])
                + set.codes.map { XMLNode("MemberCode", [("guid", guid(ofCode: $0))]) })
          }))
    }
    return try XMLNode("CodeBook", [("origin", origin)], children: children).document(namespace: namespace)
  }

  /// The GUID of the code with id `id`.
  public static func guid(ofCode id: String) -> String { StableGUID.make("code", id) }

  /// The `Codes` element: the code tree in codebook order (same shape in `.qdc` and `.qde`).
  static func codesElement(
    _ codebook: CodebookInfo, noteRefs: (String) -> [XMLNode] = { _ in [] }
  ) throws(ExportError) -> XMLNode {
    let ids = Set(codebook.codes.map(\.id))
    var children: [String: [CodeDefinition]] = [:]
    var roots: [CodeDefinition] = []
    for code in codebook.codes {
      if let parent = code.parent, ids.contains(parent), parent != code.id {
        children[parent, default: []].append(code)
      } else {
        roots.append(code)
      }
    }
    var placed: Set<String> = []
    func element(_ code: CodeDefinition) -> XMLNode {
      placed.insert(code.id)
      var nested: [XMLNode] = []
      if let description = description(of: code) { nested.append(XMLNode("Description", text: description)) }
      nested += noteRefs(code.id)
      for child in children[code.id] ?? [] where !placed.contains(child.id) { nested.append(element(child)) }
      return XMLNode(
        "Code",
        [
          ("guid", guid(ofCode: code.id)), ("name", code.label.display ?? code.id),
          ("isCodable", code.isCodable ? "true" : "false"), ("color", color(code.color)),
        ], children: nested)
    }
    var elements = roots.map { element($0) }
    // Codes on a parent cycle are reachable from no root: put them at the top, in codebook order.
    for code in codebook.codes where !placed.contains(code.id) { elements.append(element(code)) }
    guard !elements.isEmpty else {
      throw ExportError(.badData, "the codebook \"\(codebook.name)\" has no codes: REFI-QDA needs one at least")
    }
    return XMLNode("Codes", children: elements)
  }

  /// The description of a code: definition, criteria and Kwal id, one item a paragraph.
  static func description(of code: CodeDefinition) -> String? {
    var parts: [String] = []
    if let definition = code.definition?.trimmingCharacters(in: .whitespacesAndNewlines), !definition.isEmpty {
      parts.append(definition)
    }
    if !code.include.isEmpty {
      parts.append("Wel coderen (include):\n" + code.include.map { "- \($0)" }.joined(separator: "\n"))
    }
    if !code.exclude.isEmpty {
      parts.append("Niet coderen (exclude):\n" + code.exclude.map { "- \($0)" }.joined(separator: "\n"))
    }
    if let memo = code.memo?.trimmingCharacters(in: .whitespacesAndNewlines), !memo.isEmpty {
      parts.append("Memo: \(memo)")
    }
    parts.append("Kwal-id: \(code.id)")
    return parts.joined(separator: "\n\n")
  }

  /// `#rrggbb` or `#rgb` as the schema wants it; anything else is left out.
  static func color(_ value: String?) -> String? {
    guard let value, value.hasPrefix("#") else { return nil }
    let digits = value.dropFirst()
    guard digits.count == 6 || digits.count == 3, digits.allSatisfy(\.isHexDigit) else { return nil }
    return value.lowercased()
  }
}
