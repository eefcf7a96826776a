public import Foundation
public import KwalModel
internal import Yams

/// Writes a code tree (without rules) as a Kwal codebook in YAML, keys in a fixed order, so an
/// imported REFI-QDA codebook can be linted, extended with rules and used by `kwal code`.
public enum CodebookYAML {
  /// The YAML text of `codebook`.
  public static func text(_ codebook: CodebookInfo) throws(ExportError) -> String {
    func scalar(_ text: String) -> Node { Node(text) }
    func quoted(_ text: String) -> Node { Node(text, .implicit, .doubleQuoted) }
    var meta: [(Node, Node)] = [(scalar("name"), quoted(codebook.name)), (scalar("version"), quoted(codebook.version))]
    meta.append((scalar("language"), scalar(codebook.language)))
    if !codebook.authors.isEmpty { meta.append((scalar("authors"), Node(codebook.authors.map(quoted)))) }
    if let description = codebook.description { meta.append((scalar("description"), quoted(description))) }
    let codes: [Node] = codebook.codes.map { code in
      var pairs: [(Node, Node)] = [(scalar("id"), scalar(code.id))]
      var label: [(Node, Node)] = []
      if let nl = code.label.nl { label.append((scalar("nl"), quoted(nl))) }
      if let en = code.label.en { label.append((scalar("en"), quoted(en))) }
      if !label.isEmpty { pairs.append((scalar("label"), Node(label))) }
      if let parent = code.parent { pairs.append((scalar("parent"), scalar(parent))) }
      if !code.isCodable { pairs.append((scalar("codable"), scalar("false"))) }
      if let color = code.color { pairs.append((scalar("color"), quoted(color))) }
      if let definition = code.definition { pairs.append((scalar("definition"), quoted(definition))) }
      if !code.include.isEmpty { pairs.append((scalar("include"), Node(code.include.map(quoted)))) }
      if !code.exclude.isEmpty { pairs.append((scalar("exclude"), Node(code.exclude.map(quoted)))) }
      if let memo = code.memo { pairs.append((scalar("memo"), quoted(memo))) }
      return Node(pairs)
    }
    var top: [(Node, Node)] = [(scalar("codebook"), Node(meta)), (scalar("codes"), Node(codes))]
    if !codebook.sets.isEmpty {
      let sets: [Node] = codebook.sets.map { set in
        var pairs: [(Node, Node)] = [(scalar("name"), quoted(set.name))]
        if let description = set.description { pairs.append((scalar("description"), quoted(description))) }
        pairs.append((scalar("codes"), Node(set.codes.map(scalar), .implicit, .flow)))
        return Node(pairs)
      }
      top.append((scalar("sets"), Node(sets)))
    }
    let root = Node(top)
    do {
      return try Yams.serialize(node: root, allowUnicode: true, sortKeys: false)
    } catch {
      throw ExportError(.io, "cannot write the codebook as YAML: \(error)")
    }
  }
}
