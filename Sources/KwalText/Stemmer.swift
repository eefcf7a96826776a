internal import CStemmer

/// Snowball stemming through libstemmer (Debian's libstemmer 2.2: "dutch" is the original
/// Porter-based Dutch algorithm).
///
/// A stemmer holds C state and is not thread-safe: give every worker its own.
public final class Stemmer {
  private let handle: OpaquePointer
  /// The Snowball algorithm name.
  public let algorithm: String

  /// Creates a stemmer, or returns nil when libstemmer does not know `algorithm`.
  public init?(algorithm: String = "dutch") {
    guard let handle = sb_stemmer_new(algorithm, "UTF_8") else { return nil }
    self.handle = handle
    self.algorithm = algorithm
  }

  deinit { sb_stemmer_delete(handle) }

  /// The stem of `word`; give it lowercase.
  public func stem(_ word: String) -> String {
    var word = word
    return word.withUTF8 { buffer -> String in
      guard let base = buffer.baseAddress, buffer.count > 0 else { return "" }
      guard let result = sb_stemmer_stem(handle, base, Int32(buffer.count)) else {
        return String(decoding: buffer, as: UTF8.self)
      }
      let length = Int(sb_stemmer_length(handle))
      return String(decoding: UnsafeBufferPointer(start: result, count: length), as: UTF8.self)
    }
  }

  /// The algorithms this libstemmer offers.
  public static var availableAlgorithms: [String] {
    var names: [String] = []
    guard var cursor = sb_stemmer_list() else { return names }
    while let name = cursor.pointee {
      names.append(String(cString: name))
      cursor = cursor.advanced(by: 1)
    }
    return names
  }
}
