public import Foundation
internal import Yams

/// What the codings of each code depend on, as the codebook file wrote it: the part every code
/// shares (policy, the codebook's context and exclusion criteria, its language) and each code's
/// own entry. Labels, the version, the description and code sets change no coding and are left
/// out of the shared part; a code's own entry is taken whole (its label included), so an edit
/// of it is never mistaken for no edit.
struct CodeFingerprintSource: Sendable, Hashable {
  /// The shared part, serialised.
  var shared: String
  /// Each code's entry, serialised, by code id (aliases resolved: an anchor's edit reaches every
  /// code that uses it).
  var codes: [String: String]

  /// The keys of `codebook:` that change no coding (the coder's name is rewritten, not re-coded).
  static let metaKeysLeftOut: Set<String> = ["name", "version", "description", "authors"]
  /// The top-level keys that change no coding, or are taken per code.
  static let topKeysLeftOut: Set<String> = ["codes", "sets", "learned"]

  /// The source of the codebook whose top-level mapping is `top`; nil when a part cannot be
  /// serialised (every code then counts as changed).
  init?(top: [(key: String, keyNode: Node, value: Node)]) {
    var shared: [(Node, Node)] = []
    var codes: [String: String] = [:]
    for (key, keyNode, value) in top {
      if key == "codes" {
        for item in value.sequence ?? [] {
          guard let id = item.mapping?["id"]?.string, let text = try? Yams.serialize(node: item) else { return nil }
          codes[id] = text
        }
      } else if key == "codebook", let meta = value.mapping {
        let kept = meta.filter { !Self.metaKeysLeftOut.contains($0.key.string ?? "") }
        shared.append((keyNode, Node.mapping(Node.Mapping(Array(kept)))))
      } else if !Self.topKeysLeftOut.contains(key) {
        shared.append((keyNode, value))
      }
    }
    guard let text = try? Yams.serialize(node: Node.mapping(Node.Mapping(shared))) else { return nil }
    self.shared = text
    self.codes = codes
  }
}

extension Codebook {
  /// A hash per code id of everything its codings depend on: the codebook's shared settings,
  /// the code's own entry, and (with learned cues) the cues' settings and the code's weights.
  /// Two codebooks that give a code the same hash give it the same codings on any text, so an
  /// incremental run codes again only the codes whose hash changed. Empty when the codebook was
  /// not read from a file.
  public func codeFingerprints() -> [String: String] {
    guard let source = fingerprintSource else { return [:] }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var shared = source.shared
    var cuesByCode: [String: String] = [:]
    if let learned {
      // The cues' own settings; where they were fitted from and for which version change no coding.
      var settings = learned
      settings.codes = []
      settings.codebook = ""
      settings.sources = []
      settings.examples = 0
      shared += "\n" + String(decoding: (try? encoder.encode(settings)) ?? Data(), as: UTF8.self)
      for code in learned.codes {
        cuesByCode[code.code] = String(decoding: (try? encoder.encode(code)) ?? Data(), as: UTF8.self)
      }
    }
    var result: [String: String] = [:]
    for code in codes {
      let own = (source.codes[code.id] ?? "") + "\n" + (cuesByCode[code.id] ?? "")
      result[code.id] = String(LearnedCues.sha256Hex(Data((shared + "\n\u{1}\n" + own).utf8)).prefix(16))
    }
    return result
  }

  /// The codebook with only the codes `ids` (in file order) and their learned cues: what an
  /// incremental run codes again when only those codes changed. Each of them gets the codings
  /// it gets in the whole codebook: no code's codings depend on another's.
  public func restricted(to ids: Set<String>) -> Codebook {
    var copy = self
    copy.codes = codes.filter { ids.contains($0.id) }
    copy.learned?.codes = learned?.codes.filter { ids.contains($0.code) } ?? []
    return copy
  }
}
