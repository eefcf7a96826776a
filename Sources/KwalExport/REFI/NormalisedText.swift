internal import Foundation

/// A text in Kwal's plain-text form (no byte order mark, LF line ends, NFC) together with where
/// each position of the original text went, so that offsets another program counted in the
/// original can be carried over to the text `kwal ingest` reads.
///
/// The text is normalised one grapheme cluster at a time: a carriage return and line feed (one
/// cluster) become one LF, a lone carriage return an LF, and each cluster its NFC form. Offsets
/// inside a cluster (between a letter and its combining accent, between CR and LF) have no
/// counterpart in the result: ``start(_:)`` moves them to the cluster's start and ``end(_:)`` to
/// its end, so a span never loses part of a character.
struct NormalisedText: Sendable {
  /// The normalised text.
  let text: String
  /// For each original scalar index, the normalised scalar index of the cluster it belongs to.
  private let clusterStart: [Int]
  /// For each original scalar index, the normalised scalar index after its cluster.
  private let clusterEnd: [Int]
  /// Whether an original scalar index starts a cluster (the last entry, the text's end, does).
  private let isBoundary: [Bool]

  /// The number of scalars of the original text.
  var originalCount: Int { clusterStart.count - 1 }

  /// Normalises `original`.
  init(_ original: String) {
    var result = String.UnicodeScalarView()
    var starts: [Int] = []
    var ends: [Int] = []
    var boundary: [Bool] = []
    var count = 0
    var first = true
    for character in original {
      let scalars = character.unicodeScalars
      var normalised: [Unicode.Scalar]
      if first && scalars.first == "\u{FEFF}" {
        normalised = Array(String(String.UnicodeScalarView(scalars.dropFirst())).nfc.unicodeScalars)
      } else if scalars.first == "\r" {
        // "\r\n" is one cluster; a lone "\r" is one too. Anything after the CR keeps its form.
        let rest = scalars.dropFirst().drop { $0 == "\n" }
        normalised = ["\n"] + Array(String(String.UnicodeScalarView(rest)).nfc.unicodeScalars)
      } else {
        normalised = Array(String(character).nfc.unicodeScalars)
      }
      first = false
      let clusterBegin = count
      count += normalised.count
      result.append(contentsOf: normalised)
      for index in 0..<scalars.count {
        starts.append(clusterBegin)
        ends.append(count)
        boundary.append(index == 0)
      }
    }
    starts.append(count)
    ends.append(count)
    boundary.append(true)
    self.text = String(result)
    self.clusterStart = starts
    self.clusterEnd = ends
    self.isBoundary = boundary
  }

  /// The normalised offset of a span's start at the original scalar offset `offset`
  /// (0...``originalCount``): the start of the cluster it lies in.
  func start(_ offset: Int) -> Int { clusterStart[offset] }

  /// The normalised offset of a span's end at the original scalar offset `offset`
  /// (0...``originalCount``): the end of the cluster before it, unless it starts a cluster.
  func end(_ offset: Int) -> Int {
    if isBoundary[offset] { return clusterStart[offset] }
    return clusterEnd[offset]
  }
}

extension String {
  /// The canonical composition (NFC) of the string; text below U+0300 is returned as it is.
  fileprivate var nfc: String {
    if unicodeScalars.allSatisfy({ $0.value < 0x300 }) { return self }
    return precomposedStringWithCanonicalMapping
  }
}
