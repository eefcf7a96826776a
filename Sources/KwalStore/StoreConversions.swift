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

extension StoredCoding {
  /// The stored form of a coding of `layer` (`rule`, `suggestion` or `human`), alive from `run`.
  public init(_ record: CodingRecord, layer: String, run: Int64) {
    self.init(
      document: record.document, start: record.start, end: record.end, code: record.code, coder: record.coder,
      layer: layer, caseName: record.caseName, unit: record.unit.rawValue, rule: record.rules.joined(separator: "|"),
      matched: record.matched.map { "\($0.word)@\($0.start)-\($0.end)" }.joined(separator: "|"), text: record.text,
      speaker: record.speaker, role: record.role?.rawValue, cueProbability: record.cueProbability, fromRun: run)
  }
}

extension StoredCodebook {
  /// The stored form of a codebook version: its hashes and `codebook.json`.
  public init(_ info: CodebookInfo, tree: String) {
    self.init(
      hash: info.hash ?? "", name: info.name, version: info.version, yamlSHA256: info.yamlSHA256 ?? "",
      cuesSHA256: info.learned?.sha256 ?? "", tree: tree)
  }
}
