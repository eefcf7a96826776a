public import Foundation
internal import KwalModel

/// Normalises word forms for matching: NFC, case folding (with the Dutch IJ digraph), diacritic
/// folding (`coöperatie` ~ `cooperatie`) and unified apostrophes and quotes.
///
/// It runs once per word *type* (see ``Lexicon``), never per token, so it may use Foundation.
public struct Normalizer: Sendable, Hashable {
  /// Whether case is folded.
  public var foldsCase: Bool
  /// Whether diacritics are removed.
  public var foldsDiacritics: Bool

  /// Creates a normaliser; both foldings are on by default.
  public init(foldsCase: Bool = true, foldsDiacritics: Bool = true) {
    self.foldsCase = foldsCase
    self.foldsDiacritics = foldsDiacritics
  }

  /// The normalised form of `form`.
  public func normalize(_ form: String) -> String {
    // Plain ASCII without a backtick (most words): only the case can change, byte by byte.
    var plain = form
    if plain.withUTF8({ bytes in !bytes.contains { $0 >= 0x80 || $0 == 0x60 } }) {
      return foldsCase ? form.asciiLowercased : form
    }
    var text = unifyPunctuation(form)
    if text.utf8.contains(where: { $0 >= 0x80 }) {
      text = text.precomposedStringWithCanonicalMapping  // NFC: decomposed input interns alike
    }
    if foldsCase { text = Self.foldCase(text) }
    if foldsDiacritics && text.utf8.contains(where: { $0 >= 0x80 }) {
      text = text.folding(options: .diacriticInsensitive, locale: nil)
    }
    return text
  }

  /// Lowercases, and writes the `ĳ` ligature as `ij`.
  public static func foldCase(_ text: String) -> String {
    var lower = text.lowercased()
    if lower.unicodeScalars.contains(where: { $0.value == 0x133 }) {
      lower = lower.replacingOccurrences(of: "\u{133}", with: "ij")
    }
    return lower
  }

  private func unifyPunctuation(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 >= 0x80 || $0 == UInt8(ascii: "`") }) else { return text }
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x2018, 0x2019, 0x201A, 0x201B, 0x00B4, 0x02BC, 0x60: scalars.append("'")
      case 0x201C, 0x201D, 0x201E, 0x201F, 0x00AB, 0x00BB: scalars.append("\"")
      case 0x2010, 0x2011: scalars.append("-")
      default: scalars.append(scalar)
      }
    }
    return String(scalars)
  }
}
