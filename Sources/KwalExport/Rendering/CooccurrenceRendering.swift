public import KwalAnalysis
internal import Foundation

/// Network views of a co-occurrence report: codes as nodes, pairs as weighted edges.
extension CooccurrenceReport {
  /// The nodes: codes that occur in a pair or were coded at least once.
  private var graphNodes: [(code: String, label: String, count: Int)] {
    let inPairs = Set(pairs.flatMap { [$0.codeA, $0.codeB] })
    return codes.filter { $0.count > 0 || inPairs.contains($0.code) }
  }

  /// GraphML (undirected): node attributes `label` and `n`, edge attributes `count`, one per
  /// measure, and `case` when counted per case. Written through the XML writer, so text is
  /// escaped and characters XML cannot carry are replaced.
  public func graphML() throws(ExportError) -> String {
    var keys = [
      XMLNode("key", [("id", "label"), ("for", "node"), ("attr.name", "label"), ("attr.type", "string")]),
      XMLNode("key", [("id", "n"), ("for", "node"), ("attr.name", "n"), ("attr.type", "int")]),
      XMLNode("key", [("id", "count"), ("for", "edge"), ("attr.name", "count"), ("attr.type", "int")]),
    ]
    for (index, measure) in options.measures.enumerated() {
      keys.append(
        XMLNode(
          "key", [("id", "m\(index)"), ("for", "edge"), ("attr.name", measure.rawValue), ("attr.type", "double")]))
    }
    if options.byCase {
      keys.append(XMLNode("key", [("id", "case"), ("for", "edge"), ("attr.name", "case"), ("attr.type", "string")]))
    }
    var elements: [XMLNode] = []
    for node in graphNodes {
      elements.append(
        XMLNode(
          "node", [("id", node.code)],
          children: [
            XMLNode("data", [("key", "label")], text: node.label),
            XMLNode("data", [("key", "n")], text: String(node.count)),
          ]))
    }
    for (index, pair) in pairs.enumerated() {
      var data = [XMLNode("data", [("key", "count")], text: String(pair.count))]
      for (measure, value) in pair.values.enumerated() {
        if let value, let field = TableValue.format(value) {
          data.append(XMLNode("data", [("key", "m\(measure)")], text: field))
        }
      }
      if options.byCase, let name = pair.caseName { data.append(XMLNode("data", [("key", "case")], text: name)) }
      elements.append(
        XMLNode("edge", [("id", "e\(index)"), ("source", pair.codeA), ("target", pair.codeB)], children: data))
    }
    let graph = XMLNode("graph", [("id", "cooccurrence"), ("edgedefault", "undirected")], children: elements)
    let document = try XMLNode("graphml", children: keys + [graph]).document(
      namespace: "http://graphml.graphdrawing.org/xmlns")
    return String(decoding: document, as: UTF8.self)
  }

  /// Graphviz DOT (undirected): edge `weight` and `penwidth` from the count, the measures as
  /// edge attributes (quoted names), `case` when counted per case.
  public func dot() -> String {
    func quote(_ text: String) -> String {
      "\"" + text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"").replacingAll("\n", with: " ") + "\""
    }
    var text =
      "graph cooccurrence {\n  graph [label=\(quote("Code co-occurrence, unit \(options.unit)"))];\n  node [shape=box];\n"
    for node in graphNodes {
      text += "  \(quote(node.code)) [label=\(quote("\(node.label)\n(n=\(node.count))")), n=\(node.count)];\n"
    }
    for pair in pairs {
      var attributes = ["weight=\(pair.count)", "label=\(pair.count)", "penwidth=\(min(10, 1 + pair.count / 5))"]
      for (measure, value) in zip(options.measures, pair.values) {
        if let value, let field = TableValue.format(value) { attributes.append("\(quote(measure.rawValue))=\(field)") }
      }
      if options.byCase, let name = pair.caseName { attributes.append("case=\(quote(name))") }
      text += "  \(quote(pair.codeA)) -- \(quote(pair.codeB)) [\(attributes.joined(separator: ", "))];\n"
    }
    text += "}\n"
    return text
  }
}

extension String {
  /// The string with every `target` replaced (no Foundation needed).
  fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
    var result = ""
    for character in self {
      if character == target { result += replacement } else { result.append(character) }
    }
    return result
  }
}
