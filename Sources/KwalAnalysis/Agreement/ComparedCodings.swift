internal import KwalModel

/// The codings `kwal agree` compares, as numbers: per coding its document, its coder (an index
/// into the compared coders, -1 for a coder not compared), its code, start and end. The inputs'
/// columns are numbered together; no record or string is made per coding.
struct ComparedCodings {
  /// The distinct document ids of every input, in the order first seen.
  var documentIDs: [String] = []
  /// The distinct code ids (sorted, after ``selecting(documents:)``).
  var codeIDs: [String] = []
  var document: [Int32] = []
  var coder: [Int32] = []
  var code: [Int32] = []
  var start: [Int] = []
  var end: [Int] = []

  var count: Int { code.count }

  private init() {}

  /// The codings of every input, one after another.
  init(_ groups: [CodingColumns], coderIndex: [String: Int]) {
    var documentNumbers: [String: Int32] = [:]
    var codeNumbers: [String: Int32] = [:]
    reserve(groups.reduce(0) { $0 + $1.count })
    for group in groups {
      let documentMap = group.documentIDs.map { CodingColumns.number($0, in: &documentNumbers, ids: &documentIDs) }
      let codeMap = group.codeIDs.map { CodingColumns.number($0, in: &codeNumbers, ids: &codeIDs) }
      let coderMap = group.coderIDs.map { Int32(coderIndex[$0] ?? -1) }
      for row in 0..<group.count {
        document.append(documentMap[Int(group.document[row])])
        coder.append(coderMap[Int(group.coder[row])])
        code.append(codeMap[Int(group.code[row])])
      }
      start.append(contentsOf: group.start)
      end.append(contentsOf: group.end)
    }
  }

  private mutating func reserve(_ count: Int) {
    document.reserveCapacity(count)
    coder.reserveCapacity(count)
    code.reserveCapacity(count)
    start.reserveCapacity(count)
    end.reserveCapacity(count)
  }

  /// Per compared coder (`coderCount` of them), the numbers of the documents it coded.
  func documentsOfCoder(_ coderCount: Int) -> [[Int]] {
    var coded = Array(repeating: Array(repeating: false, count: documentIDs.count), count: coderCount)
    for row in 0..<count where coder[row] >= 0 { coded[Int(coder[row])][Int(document[row])] = true }
    return coded.map { flags in flags.indices.filter { flags[$0] } }
  }

  /// The codings of compared coders in `documents`, with their codes numbered in sorted order.
  func selecting(documents: Set<String>) -> ComparedCodings {
    let kept = documentIDs.map { documents.contains($0) }
    var result = ComparedCodings()
    result.documentIDs = documentIDs
    result.reserve(count)
    var used = Array(repeating: false, count: codeIDs.count)
    for row in 0..<count where coder[row] >= 0 && kept[Int(document[row])] { used[Int(code[row])] = true }
    let codes = codeIDs.indices.filter { used[$0] }.sorted { codeIDs[$0] < codeIDs[$1] }
    var rank = Array(repeating: Int32(-1), count: codeIDs.count)
    for (position, number) in codes.enumerated() { rank[number] = Int32(position) }
    result.codeIDs = codes.map { codeIDs[$0] }
    for row in 0..<count where coder[row] >= 0 && kept[Int(document[row])] {
      result.document.append(document[row])
      result.coder.append(coder[row])
      result.code.append(rank[Int(code[row])])
      result.start.append(start[row])
      result.end.append(end[row])
    }
    return result
  }
}
