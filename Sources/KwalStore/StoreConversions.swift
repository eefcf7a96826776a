public import Foundation
internal import Crypto
public import KwalModel

/// Hashes the store keys on.
public enum StoreHash {
  /// The SHA-256 of the parts, each followed by its length (so no two splits hash alike), in hexadecimal.
  public static func sha256Hex(_ parts: [Data]) -> String {
    var hasher = SHA256()
    for part in parts {
      hasher.update(data: part)
      withUnsafeBytes(of: UInt64(part.count).littleEndian) { hasher.update(bufferPointer: $0) }
    }
    return hasher.finalize().map { byte in
      let hex = String(byte, radix: 16)
      return byte < 16 ? "0" + hex : hex
    }.joined()
  }
}

extension StoredCodebook {
  /// The stored form of a codebook version: its hashes and `codebook.json`.
  public init(
    _ info: CodebookInfo, tree: String, codeHashes: [String: String] = [:], ruleFreeHashes: [String: String] = [:],
    ruleHashes: [String: String] = [:]
  ) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let json = { (hashes: [String: String]) in
      (try? encoder.encode(hashes)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
    self.init(
      hash: info.hash ?? "", name: info.name, version: info.version, yamlSHA256: info.yamlSHA256 ?? "",
      cuesSHA256: info.learned?.sha256 ?? "", tree: tree, codeHashes: json(codeHashes),
      ruleFreeHashes: json(ruleFreeHashes), ruleHashes: json(ruleHashes))
  }
}
