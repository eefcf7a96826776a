internal import Crypto
internal import Foundation

/// Deterministic REFI-QDA GUIDs: name-based UUIDs (version 5, SHA-1, RFC 9562) from stable ids,
/// so that exporting the same input twice gives the same bytes.
public enum StableGUID {
  /// Kwal's namespace for REFI-QDA GUIDs (itself the UUIDv5 of `kwal.refi-qda` in the URL namespace).
  public static let namespace = uuid5(namespace: urlNamespace, name: "kwal.refi-qda")

  /// The RFC 9562 URL namespace, `6ba7b811-9dad-11d1-80b4-00c04fd430c8`.
  static let urlNamespace: [UInt8] = [
    0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8,
  ]

  /// The GUID of the thing of kind `kind` (`code`, `source`, `user`...) with stable key `key`.
  public static func make(_ kind: String, _ key: String) -> String {
    format(uuid5(namespace: namespace, name: "\(kind):\(key)"))
  }

  /// A version 5 UUID's 16 bytes for `name` in `namespace`.
  static func uuid5(namespace: [UInt8], name: String) -> [UInt8] {
    var hasher = Insecure.SHA1()
    hasher.update(data: namespace)
    hasher.update(data: Array(name.utf8))
    var bytes = Array(hasher.finalize().prefix(16))
    bytes[6] = (bytes[6] & 0x0F) | 0x50
    bytes[8] = (bytes[8] & 0x3F) | 0x80
    return bytes
  }

  /// The lower-case 8-4-4-4-12 text of 16 bytes.
  static func format(_ bytes: [UInt8]) -> String {
    let digits: [UInt8] = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(36)
    for (index, byte) in bytes.prefix(16).enumerated() {
      if index == 4 || index == 6 || index == 8 || index == 10 { text.append(0x2D) }
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}
