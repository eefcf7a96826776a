public import Foundation
internal import KwalModel

/// Where decoded cues files are kept between runs, by the SHA-256 of the file's bytes: decoding
/// the JSON of forty thousand weights takes Foundation a tenth of a second, about a fifth of a
/// run in which nothing changed; reading them back from ``LearnedCues/binaryForm()`` takes a
/// few milliseconds. A cache that has nothing gives nil; the file is then decoded and offered.
public protocol LearnedCuesCache: AnyObject, Sendable {
  /// The cues decoded earlier from a file with these bytes, or nil.
  func cues(sha256: String) -> LearnedCues?
  /// Cues just decoded from a file with these bytes.
  func decoded(_ cues: LearnedCues, sha256: String)
  /// The SHA-256 and cues of the file at `url` when it is as it was when they were kept (not
  /// written since): then the file need not be read nor hashed. Nil otherwise.
  func cues(ofFileAt url: URL) -> (sha256: String, cues: LearnedCues)?
}

extension LearnedCuesCache {
  public func cues(ofFileAt url: URL) -> (sha256: String, cues: LearnedCues)? { nil }
}

extension LearnedCues {
  /// The first bytes of ``binaryForm()``: the layout's name and version.
  static let binaryMagic = Array("kwal-cues-bin/\(binaryLayout)\n".utf8)

  /// The version of ``binaryForm()``'s layout: a cache that outlives a Kwal build keeps it in
  /// its entries' names, so that two builds never read each other's.
  public static let binaryLayout = 1

  /// The cues as a compact byte string (little-endian numbers, UTF-8 strings with their
  /// lengths), read back by ``init(binaryForm:)``; a cache's format, not an exchange format
  /// (the JSON file stays what a researcher reads and edits).
  public func binaryForm() -> [UInt8] {
    var writer = BinaryWriter()
    writer.bytes(Self.binaryMagic)
    writer.string(format)
    writer.string(codebook)
    writer.double(threshold)
    writer.integer(continuation == nil ? 0 : 1)
    writer.double(continuation ?? 0)
    writer.double(regularisation)
    writer.integer(examples)
    writer.strings(sources)
    writer.integer(codes.count)
    for code in codes {
      writer.string(code.code)
      writer.double(code.bias)
      writer.integer(code.positives)
      writer.map(code.cues) { $0.double($1) }
    }
    writer.strings(parts)
    writer.integer(calibration.count)
    for point in calibration {
      writer.integer(point.count)
      for value in point { writer.double(value) }
    }
    return writer.output
  }

  /// Cues read from ``binaryForm()``; nil when the bytes are not such a form (cut short, another
  /// layout, lengths beyond the end).
  public init?(binaryForm bytes: [UInt8]) {
    var reader = BinaryReader(bytes)
    guard reader.expect(Self.binaryMagic), let format = reader.string(), let codebook = reader.string(),
      let threshold = reader.double(), let hasContinuation = reader.integer(), let continuation = reader.double(),
      let regularisation = reader.double(), let examples = reader.integer(), let sources = reader.strings(),
      let codeCount = reader.count()
    else { return nil }
    var codes: [LearnedCode] = []
    codes.reserveCapacity(codeCount)
    for _ in 0..<codeCount {
      guard let code = reader.string(), let bias = reader.double(), let positives = reader.integer(),
        let cues = reader.map({ $0.double() })
      else { return nil }
      codes.append(LearnedCode(code: code, bias: bias, positives: positives, cues: cues))
    }
    guard let parts = reader.strings(), let pointCount = reader.count() else { return nil }
    var calibration: [[Double]] = []
    for _ in 0..<pointCount {
      guard let count = reader.count() else { return nil }
      var point: [Double] = []
      for _ in 0..<count {
        guard let value = reader.double() else { return nil }
        point.append(value)
      }
      calibration.append(point)
    }
    guard reader.atEnd else { return nil }
    self.init(
      codebook: codebook, threshold: threshold, regularisation: regularisation, examples: examples,
      sources: sources, codes: codes, parts: parts, continuation: hasContinuation == 1 ? continuation : nil,
      calibration: calibration)
    self.format = format
  }

  /// Decodes a cues file's bytes, through `cache` when it has them.
  static func decode(_ data: Data, sha256: String, cache: (any LearnedCuesCache)?) throws -> LearnedCues {
    if let cached = cache?.cues(sha256: sha256) { return cached }
    let cues = try JSONDecoder().decode(LearnedCues.self, from: data)
    cache?.decoded(cues, sha256: sha256)
    return cues
  }
}
