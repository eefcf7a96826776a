public import Foundation
public import KwalModel
internal import Yams

/// The corpus files `kwal import qdpx` writes beside the texts, so the imported corpus keeps the
/// project's document ids, cases, titles and variables.
public enum ImportedCorpus {
  /// The corpus manifest (`corpus.yaml`): one entry per source naming its file exactly, with
  /// the original document id (`id:`), case, title and variables as attributes.
  public static func manifest(
    _ sources: [ImportedSource], sets: [DocumentSet] = [], origin: String
  ) throws(ExportError) -> String {
    func plain(_ text: String) -> Node { Node(text) }
    func quoted(_ text: String) -> Node { Node(text, .implicit, .doubleQuoted) }
    let entries: [Node] = sources.map { source in
      var pairs: [(Node, Node)] = [(plain("path"), quoted(source.file)), (plain("id"), quoted(source.id))]
      if !source.caseName.isEmpty { pairs.append((plain("case"), quoted(source.caseName))) }
      if let title = source.title { pairs.append((plain("title"), quoted(title))) }
      if !source.attributes.isEmpty {
        let attributes = source.attributes.sorted { $0.key < $1.key }.map { (quoted($0.key), quoted($0.value)) }
        pairs.append((plain("attributes"), Node(attributes)))
      }
      return Node(pairs)
    }
    do {
      var top: [(Node, Node)] = [(plain("documents"), Node(entries))]
      if !sets.isEmpty {
        let items: [Node] = sets.map { set in
          var pairs: [(Node, Node)] = [(plain("name"), quoted(set.name))]
          if let description = set.description { pairs.append((plain("description"), quoted(description))) }
          pairs.append((plain("documents"), Node(set.documents.map(quoted))))
          return Node(pairs)
        }
        top.append((plain("sets"), Node(items)))
      }
      let yaml = try Yams.serialize(node: Node(top), allowUnicode: true, sortKeys: false)
      return "# Written by kwal import qdpx from \(origin): one entry per source, with its document id.\n" + yaml
    } catch {
      throw ExportError(.io, "cannot write the corpus manifest as YAML: \(error)")
    }
  }

  /// The `documents.csv` table of the sources: id, case, title, characters and the variables as
  /// attribute columns. The kind is `document` and the word, token and sentence counts are left
  /// empty: a REFI-QDA project does not hold them.
  public static func documentsTable(_ sources: [ImportedSource]) -> CSVTable {
    let attributeNames = Set(sources.flatMap { $0.attributes.keys }).subtracting(CodingFiles.documentColumns).sorted()
    return CSVTable(
      header: CodingFiles.documentColumns + attributeNames,
      rows: sources.sorted { $0.id < $1.id }.map { source in
        [
          source.id, source.caseName, DocumentKind.document.rawValue, source.title ?? "", "",
          String(source.text.unicodeScalars.count), "", "", "",
        ] + attributeNames.map { source.attributes[$0] ?? "" }
      })
  }
}
