public import KwalModel

/// One document's rows of `codings.csv` or `suggestions.csv` when an incremental run codes only
/// some codes again: the earlier run's rows of the codes that did not change, merged with this
/// run's rows of the others, in output order (unit start, unit end, code id), as a full run
/// writes them.
public enum KeptRows {
  /// The columns of a coding row this merge reads and rewrites (`codings.csv` and
  /// `suggestions.csv` share them).
  static let startColumn = 3
  static let endColumn = 4
  static let codeColumn = 5
  static let coderColumn = 6
  static let hashColumn = 15

  /// A row's place in output order, and its bytes.
  struct Row {
    var start: Int
    var end: Int
    var code: String
    var bytes: Range<Int>
    /// The coder and codebook-hash fields as written, to be rewritten in kept rows.
    var coder: Range<Int>
    var hash: Range<Int>

    func precedes(_ other: Row) -> Bool {
      if start != other.start { return start < other.start }
      if end != other.end { return end < other.end }
      return code < other.code
    }
  }

  /// The rows of `bytes` (no header), in their order; nil when a row is not a coding row as
  /// Kwal writes it.
  static func rows(_ bytes: UnsafeBufferPointer<UInt8>) -> [Row]? {
    var scanner = CSVScanner(bytes)
    var rows: [Row] = []
    var before = 0
    while true {
      let more: Bool
      do { more = try scanner.next() } catch { return nil }
      guard more else { break }
      guard scanner.count > hashColumn, let start = scanner.integer(startColumn), let end = scanner.integer(endColumn),
        let code = scanner.string(codeColumn), let coder = scanner.rawRange(coderColumn),
        let hash = scanner.rawRange(hashColumn)
      else { return nil }
      rows.append(Row(start: start, end: end, code: code, bytes: before..<scanner.position, coder: coder, hash: hash))
      before = scanner.position
    }
    return rows
  }

  /// The rows as the project store keeps them: each row's `coder` and `codebook_hash` fields
  /// emptied (a run's own rows carry its codebook's coder and hash, which the store knows from
  /// the run), so that a codebook edit that leaves a document's codings as they were leaves its
  /// stored rows as they were. Nil when a row cannot be read (then the rows are kept whole).
  public static func withoutRunFields(_ bytes: [UInt8]) -> [UInt8]? {
    bytes.withUnsafeBufferPointer { buffer -> [UInt8]? in
      // Only the two fields' places are needed: no field is made into a value.
      var scanner = CSVScanner(buffer)
      var output: [UInt8] = []
      output.reserveCapacity(bytes.count)
      var before = 0
      while true {
        let more: Bool
        do { more = try scanner.next() } catch { return nil }
        guard more else { break }
        guard scanner.count > hashColumn, let coder = scanner.rawRange(coderColumn),
          let hash = scanner.rawRange(hashColumn)
        else { return nil }
        output.append(contentsOf: buffer[before..<coder.lowerBound])
        output.append(contentsOf: buffer[coder.upperBound..<hash.lowerBound])
        output.append(contentsOf: buffer[hash.upperBound..<scanner.position])
        before = scanner.position
      }
      return output
    }
  }

  /// Stored rows made whole again: a row whose `coder` field is empty gets `coder` and
  /// `codebookHash` (encoded fields) of the run they are read for; other rows stay as they are.
  /// Nil when a row cannot be read.
  public static func withRunFields(_ bytes: [UInt8], coder: [UInt8], codebookHash: [UInt8]) -> [UInt8]? {
    bytes.withUnsafeBufferPointer { buffer -> [UInt8]? in
      guard let rows = rows(buffer) else { return nil }
      var output: [UInt8] = []
      output.reserveCapacity(bytes.count + rows.count * (coder.count + codebookHash.count))
      for row in rows {
        guard row.coder.isEmpty else {
          output.append(contentsOf: buffer[row.bytes])
          continue
        }
        output.append(contentsOf: buffer[row.bytes.lowerBound..<row.coder.lowerBound])
        output.append(contentsOf: coder)
        output.append(contentsOf: buffer[row.coder.upperBound..<row.hash.lowerBound])
        output.append(contentsOf: row.hash.isEmpty ? codebookHash : Array(buffer[row.hash]))
        output.append(contentsOf: buffer[row.hash.upperBound..<row.bytes.upperBound])
      }
      return output
    }
  }

  /// Merges `kept` (an earlier run's rows of one document) and `fresh` (this run's rows of the
  /// same document for the codes coded again): of `kept`, the rows of the codes in `keep` stay,
  /// their `coder` and `codebook_hash` fields rewritten to `coder` and `codebookHash` (encoded
  /// fields). Returns the rows, the number per code, and the same rows as the project store
  /// keeps them (``withoutRunFields(_:)``); nil when either part cannot be read.
  public static func merge(
    kept: [UInt8], keep: Set<String>, fresh: [UInt8], coder: [UInt8], codebookHash: [UInt8]
  ) -> (rows: [UInt8], perCode: [String: Int], stored: [UInt8])? {
    kept.withUnsafeBufferPointer { keptBytes in
      fresh.withUnsafeBufferPointer { freshBytes -> (rows: [UInt8], perCode: [String: Int], stored: [UInt8])? in
        guard let old = rows(keptBytes)?.filter({ keep.contains($0.code) }), let new = rows(freshBytes) else {
          return nil
        }
        var output: [UInt8] = []
        output.reserveCapacity(kept.count + fresh.count)
        var stored: [UInt8] = []
        stored.reserveCapacity(kept.count + fresh.count)
        var perCode: [String: Int] = [:]
        var left = 0
        var right = 0
        func put(_ bytes: UnsafeBufferPointer<UInt8>, _ row: Row, rewriting: Bool) {
          let head = bytes[row.bytes.lowerBound..<row.coder.lowerBound]
          let middle = bytes[row.coder.upperBound..<row.hash.lowerBound]
          let tail = bytes[row.hash.upperBound..<row.bytes.upperBound]
          if rewriting {
            output.append(contentsOf: head)
            output.append(contentsOf: coder)
            output.append(contentsOf: middle)
            output.append(contentsOf: codebookHash)
            output.append(contentsOf: tail)
          } else {
            output.append(contentsOf: bytes[row.bytes])
          }
          stored.append(contentsOf: head)
          stored.append(contentsOf: middle)
          stored.append(contentsOf: tail)
          perCode[row.code, default: 0] += 1
        }
        while left < old.count || right < new.count {
          if right == new.count || (left < old.count && old[left].precedes(new[right])) {
            put(keptBytes, old[left], rewriting: true)
            left += 1
          } else {
            put(freshBytes, new[right], rewriting: false)
            right += 1
          }
        }
        return (output, perCode, stored)
      }
    }
  }
}
