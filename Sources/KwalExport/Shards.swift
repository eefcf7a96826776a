public import Foundation
public import KwalModel
internal import Crypto

/// A shard of a `kwal code` run (`--shard I/N`): which part of the corpus it coded, and what
/// `kwal merge` needs to put the parts together into exactly the bytes of one full run.
public struct ShardManifest: Codable, Sendable, Equatable {
  /// The file in a shard's output folder.
  public static let fileName = "shard.json"
  /// The format of this file.
  public var format = "kwal-shard/1"
  /// This shard's number (1-based) and the number of shards.
  public var shard: Int
  public var of: Int
  /// The corpus the shards split: a SHA-256 over every document's id and size, in corpus order.
  public var corpus: String
  /// The number of documents in the whole corpus.
  public var corpusDocuments: Int
  /// The codebook, `name@version`.
  public var codebook: String
  /// The documents this shard wrote, in corpus order.
  public var documents: [ShardDocument]
  /// Codings per code and case (the matrix is summed from these).
  public var counts: [String: [String: Int]]

  public init(
    shard: Int, of: Int, corpus: String, corpusDocuments: Int, codebook: String, documents: [ShardDocument],
    counts: [String: [String: Int]]
  ) {
    self.shard = shard
    self.of = of
    self.corpus = corpus
    self.corpusDocuments = corpusDocuments
    self.codebook = codebook
    self.documents = documents
    self.counts = counts
  }
}

/// One document of a shard: its place in the whole corpus, its `documents.csv` record, and the
/// byte lengths of its rows in the streamed files (so the merge copies bytes, never re-parses).
public struct ShardDocument: Codable, Sendable, Equatable {
  public var index: Int
  public var record: DocumentRecord
  public var codingsBytes: Int
  public var unitsBytes: Int
  public var suggestionsBytes: Int

  public init(index: Int, record: DocumentRecord, codingsBytes: Int, unitsBytes: Int, suggestionsBytes: Int) {
    self.index = index
    self.record = record
    self.codingsBytes = codingsBytes
    self.unitsBytes = unitsBytes
    self.suggestionsBytes = suggestionsBytes
  }
}

/// How a corpus is split into shards.
public enum ShardPlan {
  /// The shard (0-based) of every document: the largest first, each to the shard with the
  /// least bytes so far (ties to the lowest number). Depends only on the list of documents and
  /// their sizes, so every shard of a job array computes the same plan.
  public static func assign(sizes: [Int], shards: Int) -> [Int] {
    let order = sizes.indices.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
    var load = [Int](repeating: 0, count: max(1, shards))
    var result = [Int](repeating: 0, count: sizes.count)
    for index in order {
      var lightest = 0
      for shard in load.indices where load[shard] < load[lightest] { lightest = shard }
      result[index] = lightest
      load[lightest] += max(1, sizes[index])
    }
    return result
  }

  /// The fingerprint of a corpus: SHA-256 over `id TAB size LF` of every document, in order.
  public static func fingerprint(ids: [String], sizes: [Int]) -> String {
    var hash = SHA256()
    for (id, size) in zip(ids, sizes) { hash.update(data: Data("\(id)\t\(size)\n".utf8)) }
    return hash.finalize().map { String(format: "%02x", $0) }.joined()
  }

  /// Parses `I/N` (1 ≤ I ≤ N).
  public static func parse(_ text: String) -> (shard: Int, of: Int)? {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let shard = Int(parts[0]), let count = Int(parts[1]), count >= 1,
      (1...count).contains(shard)
    else { return nil }
    return (shard, count)
  }
}
