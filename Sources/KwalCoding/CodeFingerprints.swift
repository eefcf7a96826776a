internal import Crypto
public import Foundation
internal import Yams
internal import KwalModel

/// What the codings of each code depend on, as the codebook file wrote it: the part every code
/// shares (policy, the codebook's context and exclusion criteria, its language) and each code's
/// own entry, each as a digest of its parsed YAML (aliases resolved: an anchor's edit reaches
/// every code that uses it; where in the file a code stands does not count). Labels, the
/// version, the description and code sets change no coding and are left out of the shared part;
/// a code's own entry is taken whole (its label included), so an edit of it is never mistaken
/// for no edit.
struct CodeFingerprintSource: Sendable, Hashable {
  /// The digest of the shared part.
  var shared: [UInt8]
  /// The digest of each code's entry, by code id.
  var codes: [String: [UInt8]]
  /// The digest of each code's entry without its `rules`, by code id: equal in two codebooks
  /// when an edit touched only the code's rules.
  var codesWithoutRules: [String: [UInt8]]
  /// The digest of each of a code's rules, in the order of its `rules`, by code id.
  var rules: [String: [[UInt8]]]

  /// The keys of `codebook:` that change no coding (the coder's name is rewritten, not re-coded).
  static let metaKeysLeftOut: Set<String> = ["name", "version", "description", "authors"]
  /// The top-level keys that change no coding, or are taken per code.
  static let topKeysLeftOut: Set<String> = ["codes", "sets", "learned"]

  /// The source of the codebook whose top-level mapping is `top`.
  init(top: [(key: String, keyNode: Node, value: Node)]) {
    var shared: [UInt8] = []
    var codes: [String: [UInt8]] = [:]
    var codesWithoutRules: [String: [UInt8]] = [:]
    var rules: [String: [[UInt8]]] = [:]
    for (key, keyNode, value) in top {
      if key == "codes" {
        for item in value.sequence ?? [] {
          guard let mapping = item.mapping, let id = mapping["id"]?.string else { continue }
          var bytes: [UInt8] = []
          Self.feed(item, to: &bytes)
          codes[id] = Array(SHA256.hash(data: bytes))
          bytes.removeAll(keepingCapacity: true)
          Self.feed(kind: "m", to: &bytes)
          for (entryKey, entryValue) in mapping where entryKey.string != "rules" {
            Self.feed(entryKey, to: &bytes)
            Self.feed(entryValue, to: &bytes)
          }
          codesWithoutRules[id] = Array(SHA256.hash(data: bytes))
          rules[id] = (mapping["rules"]?.sequence ?? []).map { rule in
            bytes.removeAll(keepingCapacity: true)
            Self.feed(rule, to: &bytes)
            return Array(SHA256.hash(data: bytes))
          }
        }
      } else if key == "codebook", let meta = value.mapping {
        Self.feed(keyNode, to: &shared)
        for (metaKey, metaValue) in meta where !Self.metaKeysLeftOut.contains(metaKey.string ?? "") {
          Self.feed(metaKey, to: &shared)
          Self.feed(metaValue, to: &shared)
        }
      } else if !Self.topKeysLeftOut.contains(key) {
        Self.feed(keyNode, to: &shared)
        Self.feed(value, to: &shared)
      }
    }
    self.shared = Array(SHA256.hash(data: shared))
    self.codes = codes
    self.codesWithoutRules = codesWithoutRules
    self.rules = rules
  }

  /// Appends a node's content (kind, values, in order) to `digest`, the bytes hashed; no two different
  /// trees feed the same bytes (every string is preceded by its length).
  static func feed(_ node: Node, to digest: inout [UInt8]) {
    switch node {
    case .scalar(let scalar):
      feed(kind: "s", to: &digest)
      feed(string: scalar.string, to: &digest)
    case .sequence(let sequence):
      feed(kind: "q", to: &digest)
      feed(count: sequence.count, to: &digest)
      for item in sequence { feed(item, to: &digest) }
    case .mapping(let mapping):
      feed(kind: "m", to: &digest)
      feed(count: mapping.count, to: &digest)
      for (key, value) in mapping {
        feed(key, to: &digest)
        feed(value, to: &digest)
      }
    case .alias:
      feed(kind: "a", to: &digest)
    }
  }

  /// A node's kind. Tags are left out: resolving one runs Yams' regular expressions, and the
  /// loader reads every scalar by its text.
  static func feed(kind: StaticString, to digest: inout [UInt8]) {
    kind.withUTF8Buffer { digest.append(contentsOf: $0) }
  }

  static func feed(string: String, to digest: inout [UInt8]) {
    feed(count: string.utf8.count, to: &digest)
    digest.append(contentsOf: string.utf8)
  }

  static func feed(count: Int, to digest: inout [UInt8]) {
    withUnsafeBytes(of: UInt64(count).littleEndian) { digest.append(contentsOf: $0) }
  }

  static func feed(number: Double, to digest: inout [UInt8]) {
    withUnsafeBytes(of: number.bitPattern.littleEndian) { digest.append(contentsOf: $0) }
  }
}

extension Codebook {
  /// A hash per code id of everything its codings depend on: the codebook's shared settings,
  /// the code's own entry, and (with learned cues) the cues' settings and the code's weights.
  /// Two codebooks that give a code the same hash give it the same codings on any text, so an
  /// incremental run codes again only the codes whose hash changed. Empty when the codebook was
  /// not read from a file.
  public func codeFingerprints() -> [String: String] { fingerprints().all }

  /// ``codeFingerprints()`` (`all`), and the same hashes made without each code's `rules`
  /// (`withoutRules`): when only the first changed, the code's rules were edited and nothing
  /// else that its codings depend on (its exclusion criteria, context and learned cues are as
  /// they were). Then a document in which none of the code's rules can fire, and in which no
  /// rule gave the code a coding before, keeps its earlier rows of the code (see
  /// ``CodingContext/mayFire(codes:wordForms:)``).
  public func fingerprints() -> (all: [String: String], withoutRules: [String: String]) {
    guard let source = fingerprintSource else { return ([:], [:]) }
    var shared = source.shared
    var cuesByCode: [String: [UInt8]] = [:]
    if let learned {
      // The cues' own settings; where they were fitted from and for which version change no coding.
      CodeFingerprintSource.feed(string: learned.format, to: &shared)
      for number in [learned.threshold, learned.continuation ?? -1, learned.regularisation] {
        CodeFingerprintSource.feed(number: number, to: &shared)
      }
      CodeFingerprintSource.feed(count: learned.parts.count, to: &shared)
      for part in learned.parts { CodeFingerprintSource.feed(string: part, to: &shared) }
      CodeFingerprintSource.feed(count: learned.calibration.count, to: &shared)
      for point in learned.calibration {
        CodeFingerprintSource.feed(count: point.count, to: &shared)
        for number in point { CodeFingerprintSource.feed(number: number, to: &shared) }
      }
      cuesByCode = cueDigests?.byCode ?? learned.codeDigests()
    }
    let sharedDigest = Array(SHA256.hash(data: shared))
    func hex(_ entry: [UInt8]?, _ cues: [UInt8]?) -> String {
      let digest = SHA256.hash(data: sharedDigest + (entry ?? []) + (cues ?? [0]))
      return Self.shortHex(Array(digest))
    }
    var all: [String: String] = [:]
    var withoutRules: [String: String] = [:]
    for code in codes {
      all[code.id] = hex(source.codes[code.id], cuesByCode[code.id])
      withoutRules[code.id] = hex(source.codesWithoutRules[code.id], cuesByCode[code.id])
    }
    return (all, withoutRules)
  }

  /// A fingerprint of each of a code's rules, by code id: the rules' hashes in the order of its
  /// `rules`, joined by spaces. A rule's hash is made of its own entry alone (its patterns,
  /// scope, filters, id); whether it fires in a text depends on nothing else but what
  /// ``fingerprints()`` holds without the code's rules. When only a code's rules were edited, a
  /// rule whose hash is in both versions fires where it fired (see
  /// ``CodingContext/mayFire(codes:wordForms:)``). Empty when the codebook was not read from a file.
  public func ruleFingerprints() -> [String: String] {
    guard let source = fingerprintSource else { return [:] }
    return source.rules.mapValues { digests in digests.map(Self.shortHex).joined(separator: " ") }
  }

  /// The first 8 bytes of a digest in lower-case hexadecimal: a fingerprint's written form.
  static func shortHex(_ digest: [UInt8]) -> String {
    digest.prefix(8).map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
  }

  /// The codebook with only the codes `ids` (in file order) and their learned cues: what an
  /// incremental run codes again when only those codes changed. Each of them gets the codings
  /// it gets in the whole codebook: no code's codings depend on another's.
  /// Without `cues`, the learned cues are left out (for ``CodingContext/mayFire(codes:wordForms:)``,
  /// which asks about rules only).
  ///
  /// `onlyRules` keeps of a code only the rules at those places in its `rules` (from 0): its new
  /// and edited rules, when only they need asking about.
  public func restricted(to ids: Set<String>, cues: Bool = true, onlyRules: [String: Set<Int>] = [:]) -> Codebook {
    var copy = self
    copy.codes = codes.filter { ids.contains($0.id) }
    for index in copy.codes.indices {
      guard let only = onlyRules[copy.codes[index].id] else { continue }
      copy.codes[index].rules = copy.codes[index].rules.enumerated().filter { only.contains($0.offset) }.map(\.element)
    }
    copy.learned = cues ? learned : nil
    copy.learned?.codes = learned?.codes.filter { ids.contains($0.code) } ?? []
    return copy
  }
}

extension LearnedCues {
  /// Each code's bias and cues (weights included) as a SHA-256 digest, by code: the cues' part
  /// of the code's fingerprint (``Codebook/fingerprints()``). The cues go in as two sums of a
  /// 64-bit hash of each cue and its weight, which do not depend on the cues' order: sorting
  /// forty thousand cues to feed them one by one took about 4% of a run in which nothing
  /// changed. A changed weight, or a cue's bytes changed at the same length, always changes the
  /// first sum (each step is one-to-one); other edits leave a sum as it was with odds of about
  /// 2^-64 each.
  func codeDigests() -> [String: [UInt8]] {
    var digests: [String: [UInt8]] = [:]
    for code in codes {
      var digest: [UInt8] = []
      CodeFingerprintSource.feed(number: code.bias, to: &digest)
      CodeFingerprintSource.feed(count: code.cues.count, to: &digest)
      var sums: (UInt64, UInt64) = (0, 0)
      for (cue, weight) in code.cues {
        let hashes = Self.cueHashes(cue, weight)
        sums = (sums.0 &+ hashes.0, sums.1 &+ hashes.1)
      }
      for sum in [sums.0, sums.1] { withUnsafeBytes(of: sum.littleEndian) { digest.append(contentsOf: $0) } }
      digests[code.code] = Array(SHA256.hash(data: digest))
    }
    return digests
  }

  /// Two 64-bit hashes of a cue's bytes and its weight's bits (FNV-1a over the bytes from two
  /// offset bases, each finished with the SplitMix64 mixer; not independent, as they share the
  /// prime, but mixed apart).
  static func cueHashes(_ cue: String, _ weight: Double) -> (UInt64, UInt64) {
    var first: UInt64 = 0xCBF2_9CE4_8422_2325
    var second: UInt64 = 0x84222325_CBF29CE4
    for byte in cue.utf8 {
      first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
      second = (second ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    // The length between the cue and the weight keeps `ab` + weight apart from `a` + other bits.
    first = (first ^ UInt64(cue.utf8.count)) &* 0x0000_0100_0000_01B3
    second = second ^ (UInt64(cue.utf8.count) &* 0x9E37_79B9_7F4A_7C15)
    func mix(_ value: UInt64) -> UInt64 {
      var value = value &+ 0x9E37_79B9_7F4A_7C15
      value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
      value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
      return value ^ (value >> 31)
    }
    let bits = weight.bitPattern
    return (mix(first ^ mix(bits)), mix(second &+ mix(bits ^ 0x5555_5555_5555_5555)))
  }
}
