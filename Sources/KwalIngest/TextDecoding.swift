import Foundation
import KwalModel

/// Turns the bytes of a text file into Kwal's plain text: NFC, LF line ends, no BOM.
///
/// Detection, in order: a UTF-8 or UTF-16 byte order mark; valid UTF-8; bytes that are not
/// valid UTF-8 and hold no valid multi-byte sequence are Windows-1252 (a superset of Latin-1 for
/// printable text); a mix of valid and invalid UTF-8 is read as UTF-8 with U+FFFD and a warning
/// at the first bad byte. NUL bytes or many control characters mean a binary file (an error).
enum TextDecoding {
  /// The largest text file Kwal reads (256 MiB).
  static let maximumBytes = 256 << 20

  /// What decoding noticed.
  struct Decoded {
    var text: String
    var encoding: String
    var diagnostics: [Diagnostic]
  }

  /// Decodes `data` (the contents of the file `file`).
  static func decode(_ data: Data, file: String, limit: Int = maximumBytes) throws(IngestError) -> Decoded {
    if data.count > limit {
      throw IngestError(
        .badData, "file too large (\(data.count >> 20) MiB; Kwal reads text files up to \(limit >> 20) MiB)",
        at: SourceLocation(file: file))
    }
    let outcome: Result<Decoded, IngestError> = data.withUnsafeBytes { raw in
      do throws(IngestError) {
        return .success(try decode(raw.bindMemory(to: UInt8.self), file: file))
      } catch {
        return .failure(error)
      }
    }
    return try outcome.get()
  }

  static func decode(_ bytes: UnsafeBufferPointer<UInt8>, file: String) throws(IngestError) -> Decoded {
    let count = bytes.count
    // UTF-16 with a byte order mark.
    if count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
      let little = bytes[0] == 0xFF
      var units: [UInt16] = []
      units.reserveCapacity(count / 2)
      var index = 2
      while index + 1 < count {
        let unit =
          little
          ? UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8 : UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
        units.append(unit)
        index += 2
      }
      var diagnostics: [Diagnostic] = []
      if count % 2 != 0 {
        diagnostics.append(
          Diagnostic(
            .warning, SourceLocation(file: file), "UTF-16 file has an odd number of bytes; the last byte was dropped"))
      }
      let text = String(decoding: units, as: UTF16.self)
      if text.unicodeScalars.contains(where: { $0.value == 0 }) {
        throw IngestError(.badData, "binary file (NUL characters), not text", at: SourceLocation(file: file))
      }
      let normal = normalise(text)
      return Decoded(text: normal, encoding: little ? "UTF-16LE" : "UTF-16BE", diagnostics: diagnostics)
    }
    var start = 0
    var encoding = "UTF-8"
    if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
      start = 3
      encoding = "UTF-8 (BOM)"
    }
    // Binary check: NUL bytes, or many control bytes. Line ends: CRLF and CR become LF.
    var controls = 0
    var carriageReturns = 0
    let raw = UnsafeRawPointer(bytes.baseAddress)
    var index = start
    while index < count {
      // Eight bytes at a time while none is below 0x20.
      if let raw, index + 8 <= count {
        let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
        if (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080 == 0 {
          index += 8
          continue
        }
      }
      let byte = bytes[index]
      index += 1
      if byte >= 0x20 { continue }
      if byte == 0 {
        throw IngestError(.badData, "binary file (NUL bytes), not text", at: SourceLocation(file: file))
      }
      if byte == 0x0D {
        carriageReturns += 1
      } else if byte != 0x09, byte != 0x0A, byte != 0x0C {
        controls += 1
      }
    }
    if controls > 8, controls * 100 > count {
      throw IngestError(.badData, "binary file (control bytes), not text", at: SourceLocation(file: file))
    }
    let body = UnsafeBufferPointer(rebasing: bytes[start..<count])
    if carriageReturns == 0, let text = String(validating: body, as: UTF8.self) {
      return Decoded(text: normalise(text), encoding: encoding, diagnostics: [])
    }
    var out = [UInt8]()
    out.reserveCapacity(count - start)
    index = start
    while index < count {
      let byte = bytes[index]
      if byte == 0x0D {
        out.append(0x0A)
        if index + 1 < count, bytes[index + 1] == 0x0A { index += 1 }
      } else {
        out.append(byte)
      }
      index += 1
    }
    if let text = String(validating: out, as: UTF8.self) {
      return Decoded(text: normalise(text), encoding: encoding, diagnostics: [])
    }
    let scan = scanUTF8(out)
    if scan.validMultiByte == 0 {
      let text = windows1252(out)
      let diagnostic = Diagnostic(
        .note, SourceLocation(file: file), "not valid UTF-8; read as Windows-1252 (Latin-1)")
      return Decoded(text: normalise(text), encoding: "Windows-1252", diagnostics: [diagnostic])
    }
    let (line, column) = lineColumn(out, scan.firstInvalid)
    let diagnostic = Diagnostic(
      .warning, SourceLocation(file: file, line: line, column: column),
      String(
        format: "invalid UTF-8 byte 0x%02X; %d invalid sequence(s) replaced by U+FFFD", out[scan.firstInvalid],
        scan.invalid))
    let text = String(decoding: out, as: UTF8.self)
    return Decoded(text: normalise(text), encoding: "UTF-8 (repaired)", diagnostics: [diagnostic])
  }

  /// Whether `bytes` are valid UTF-8 (no overlong forms, no surrogates), without allocating.
  static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    let raw = UnsafeRawPointer(base)
    let count = bytes.count
    var index = 0
    while index < count {
      if index + 8 <= count, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
        index += 8
        continue
      }
      let byte = bytes[index]
      if byte < 0x80 {
        index += 1
        continue
      }
      var length = 0
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch byte {
      case 0xC2...0xDF: length = 2
      case 0xE0:
        length = 3
        low = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED:
        length = 3
        high = 0x9F
      case 0xF0:
        length = 4
        low = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4:
        length = 4
        high = 0x8F
      default: return false
      }
      guard index + length <= count else { return false }
      let second = bytes[index + 1]
      guard second >= low, second <= high else { return false }
      for offset in 2..<max(2, length) where bytes[index + offset] & 0xC0 != 0x80 { return false }
      index += length
    }
    return true
  }

  /// Counts valid multi-byte and invalid UTF-8 sequences.
  static func scanUTF8(_ bytes: [UInt8]) -> (validMultiByte: Int, invalid: Int, firstInvalid: Int) {
    var valid = 0
    var invalid = 0
    var first = -1
    var index = 0
    let count = bytes.count
    while index < count {
      let byte = bytes[index]
      if byte < 0x80 {
        index += 1
        continue
      }
      var length = 0
      if byte & 0xE0 == 0xC0, byte >= 0xC2 {
        length = 2
      } else if byte & 0xF0 == 0xE0 {
        length = 3
      } else if byte & 0xF8 == 0xF0, byte <= 0xF4 {
        length = 4
      }
      var ok = length > 0 && index + length <= count
      if ok {
        for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 {
          ok = false
          break
        }
      }
      if ok {
        valid += 1
        index += length
      } else {
        invalid += 1
        if first < 0 { first = index }
        index += 1
      }
    }
    return (valid, invalid, max(first, 0))
  }

  /// The 1-based line and column (in scalars, roughly: bytes of ASCII) of byte `offset`.
  static func lineColumn(_ bytes: [UInt8], _ offset: Int) -> (Int, Int) {
    var line = 1
    var lineStart = 0
    for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A {
      line += 1
      lineStart = index + 1
    }
    var column = 1
    var index = lineStart
    while index < offset {
      if bytes[index] & 0xC0 != 0x80 { column += 1 }
      index += 1
    }
    return (line, column)
  }

  /// The Windows-1252 characters of bytes 0x80–0x9F (undefined ones map to the C1 control).
  static let cp1252High: [UInt32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D,
    0x8F,
    0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E,
    0x0178,
  ]

  /// The bytes a file was meant to hold when it was saved twice through UTF-8: its UTF-8 read
  /// as Latin-1 or Windows-1252 and written again as UTF-8 (`cliÃ«nten` for `cliënten`, `â€™`
  /// for `’`). Nil unless the bytes are valid UTF-8 whose every character is one byte of
  /// Windows-1252, and those bytes are valid UTF-8 with multi-byte characters, at least three of
  /// them (one stray `Ã©` in a Portuguese name repairs nothing).
  static func repairingDoubleEncoding(_ bytes: [UInt8]) -> [UInt8]? {
    guard bytes.contains(where: { $0 >= 0x80 }) else { return nil }
    var cp1252Byte: [UInt32: UInt8] = [:]
    for (offset, value) in cp1252High.enumerated() { cp1252Byte[value] = UInt8(0x80 + offset) }
    var original: [UInt8] = []
    original.reserveCapacity(bytes.count)
    var decoder = UTF8()
    var iterator = bytes.makeIterator()
    decoding: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        if scalar.value < 0x100 {
          original.append(UInt8(scalar.value))
        } else if let byte = cp1252Byte[scalar.value] {
          original.append(byte)
        } else {
          return nil
        }
      case .emptyInput: break decoding
      case .error: return nil
      }
    }
    let check = scanUTF8(original)
    guard check.invalid == 0, check.validMultiByte >= 3 else { return nil }
    return original
  }

  /// Decodes Windows-1252 bytes.
  static func windows1252(_ bytes: [UInt8]) -> String {
    var scalars = String.UnicodeScalarView()
    scalars.reserveCapacity(bytes.count)
    for byte in bytes {
      let value: UInt32 = (0x80...0x9F).contains(byte) ? cp1252High[Int(byte) - 0x80] : UInt32(byte)
      if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
    }
    return String(scalars)
  }

  /// NFC, LF line ends, no BOM. Text whose scalars cannot change under NFC is returned as is.
  static func normalise(_ input: String) -> String {
    var text = input
    let scan = text.withUTF8 { Scan($0) }
    if scan.carriageReturn {
      text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
    if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
    if scan.needsNFC { text = text.precomposedStringWithCanonicalMapping }
    return text
  }

  /// Whether `text` holds a scalar that NFC might change (a conservative quick check).
  static func needsNFC(_ text: String) -> Bool {
    var copy = text
    return copy.withUTF8 { Scan($0).needsNFC }
  }

  /// One pass over UTF-8 bytes: carriage returns, and scalars NFC might change. Scalars below
  /// U+0300 (lead bytes below 0xCC), general punctuation U+2010–U+205F and currency signs
  /// U+20A0–U+20BF never change; anything else sends the text through NFC.
  struct Scan {
    var carriageReturn = false
    var needsNFC = false

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
      let count = bytes.count
      var index = 0
      guard let base = bytes.baseAddress else { return }
      let raw = UnsafeRawPointer(base)
      while index < count {
        // Eight ASCII bytes without a carriage return at a time.
        if index + 8 <= count {
          let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
          let crs = word ^ 0x0D0D_0D0D_0D0D_0D0D
          let hasCR = (crs &- 0x0101_0101_0101_0101) & ~crs & 0x8080_8080_8080_8080
          if word & 0x8080_8080_8080_8080 == 0 && hasCR == 0 {
            index += 8
            continue
          }
        }
        let byte = bytes[index]
        if byte < 0xCC || needsNFC {
          if byte == 0x0D { carriageReturn = true }
          index += 1
          continue
        }
        if byte == 0xE2, index + 2 < count {
          let second = bytes[index + 1]
          let third = bytes[index + 2]
          if (second == 0x80 && third >= 0x90) || (second == 0x81 && third <= 0x9F) || (second == 0x82 && third >= 0xA0)
          {
            index += 3
            continue
          }
        }
        if byte == 0xEF, index + 2 < count, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF {
          index += 3  // a BOM (U+FEFF) does not change under NFC
          continue
        }
        needsNFC = true
        index += 1
      }
    }
  }
}
