/// Network views of a co-occurrence report: codes as nodes, pairs as weighted edges.
extension CooccurrenceReport {
  /// The nodes: codes that occur in a pair or were coded at least once.
  private var graphNodes: [(code: String, label: String, count: Int)] {
    let inPairs = Set(pairs.flatMap { [$0.codeA, $0.codeB] })
    return codes.filter { $0.count > 0 || inPairs.contains($0.code) }
  }

  /// GraphML (undirected): node attributes `label` and `n`, edge attributes `count`, one per
  /// measure, and `case` when counted per case.
  public func graphML() -> String {
    func attribute(_ text: String) -> String { TableEscaping.html(text) }
    var text = """
      <?xml version="1.0" encoding="UTF-8"?>
      <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
        <key id="label" for="node" attr.name="label" attr.type="string"/>
        <key id="n" for="node" attr.name="n" attr.type="int"/>
        <key id="count" for="edge" attr.name="count" attr.type="int"/>

      """
    for (index, measure) in options.measures.enumerated() {
      text +=
        "  <key id=\"m\(index)\" for=\"edge\" attr.name=\"\(attribute(measure.rawValue))\" attr.type=\"double\"/>\n"
    }
    if options.byCase { text += "  <key id=\"case\" for=\"edge\" attr.name=\"case\" attr.type=\"string\"/>\n" }
    text += "  <graph id=\"cooccurrence\" edgedefault=\"undirected\">\n"
    for node in graphNodes {
      text += "    <node id=\"\(attribute(node.code))\">"
      text += "<data key=\"label\">\(attribute(node.label))</data><data key=\"n\">\(node.count)</data></node>\n"
    }
    for (index, pair) in pairs.enumerated() {
      text += "    <edge id=\"e\(index)\" source=\"\(attribute(pair.codeA))\" target=\"\(attribute(pair.codeB))\">"
      text += "<data key=\"count\">\(pair.count)</data>"
      for (measure, value) in pair.values.enumerated() {
        if let value, let field = TableValue.format(value) { text += "<data key=\"m\(measure)\">\(field)</data>" }
      }
      if options.byCase, let name = pair.caseName { text += "<data key=\"case\">\(attribute(name))</data>" }
      text += "</edge>\n"
    }
    text += "  </graph>\n</graphml>\n"
    return text
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
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var result = ""
    for character in self {
      if character == target { result += replacement } else { result.append(character) }
    }
    return result
  }
}
