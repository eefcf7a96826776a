/// Writes a compact byte string of numbers and strings (little-endian 64-bit numbers, UTF-8
/// strings after their length): the binary forms the project store keeps to be read back fast
/// (``LearnedCues`` in KwalCoding, ``DocumentRecord/binaryForm()``). Not an exchange format.
public struct BinaryWriter {
  public private(set) var output: [UInt8] = []

  public init() {}

  public mutating func bytes(_ bytes: [UInt8]) { output += bytes }

  public mutating func integer(_ value: Int) {
    withUnsafeBytes(of: Int64(value).littleEndian) { output.append(contentsOf: $0) }
  }

  public mutating func double(_ value: Double) {
    withUnsafeBytes(of: value.bitPattern.littleEndian) { output.append(contentsOf: $0) }
  }

  public mutating func string(_ value: String) {
    integer(value.utf8.count)
    output.append(contentsOf: value.utf8)
  }

  /// A string or none (a flag first).
  public mutating func optionalString(_ value: String?) {
    integer(value == nil ? 0 : 1)
    if let value { string(value) }
  }

  public mutating func strings(_ values: [String]) {
    integer(values.count)
    for value in values { string(value) }
  }

  /// A dictionary keyed by strings: its count, then each key and its value (`value` writes
  /// one), by key, so that the same dictionary gives the same bytes.
  public mutating func map<Value>(_ values: [String: Value], _ value: (inout BinaryWriter, Value) -> Void) {
    integer(values.count)
    for (key, item) in values.sortedByUTF8Keys() {
      string(key)
      value(&self, item)
    }
  }
}

/// Reads what ``BinaryWriter`` wrote: every read checks that the bytes are there, and gives nil
/// when they are not.
public struct BinaryReader {
  let bytes: [UInt8]
  var offset = 0

  public init(_ bytes: [UInt8]) { self.bytes = bytes }

  public var atEnd: Bool { offset == bytes.count }

  public mutating func expect(_ prefix: [UInt8]) -> Bool {
    guard bytes.count >= prefix.count, bytes[0..<prefix.count].elementsEqual(prefix) else { return false }
    offset = prefix.count
    return true
  }

  public mutating func word() -> UInt64? {
    guard bytes.count - offset >= 8 else { return nil }
    var value: UInt64 = 0
    for index in (0..<8).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
    offset += 8
    return value
  }

  public mutating func integer() -> Int? { word().map { Int(Int64(bitPattern: $0)) } }

  /// A count of items that follow, each at least one byte: never more than the bytes left.
  public mutating func count() -> Int? {
    guard let value = integer(), value >= 0, value <= bytes.count - offset else { return nil }
    return value
  }

  public mutating func double() -> Double? { word().map(Double.init(bitPattern:)) }

  public mutating func string() -> String? {
    guard let length = count() else { return nil }
    defer { offset += length }
    return String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
  }

  /// A string or none, as ``BinaryWriter/optionalString(_:)`` wrote it: `.some(nil)` is none.
  public mutating func optionalString() -> String?? {
    switch integer() {
    case 0: return .some(nil)
    case 1: return string().map { .some($0) }
    default: return nil
    }
  }

  /// A dictionary as ``BinaryWriter/map(_:_:)`` wrote it (`value` reads one value); nil when a
  /// part is missing.
  public mutating func map<Value>(_ value: (inout BinaryReader) -> Value?) -> [String: Value]? {
    guard let count = count() else { return nil }
    var values: [String: Value] = [:]
    values.reserveCapacity(count)
    for _ in 0..<count {
      guard let key = string(), let item = value(&self) else { return nil }
      values[key] = item
    }
    return values
  }

  public mutating func strings() -> [String]? {
    guard let count = count() else { return nil }
    var values: [String] = []
    values.reserveCapacity(count)
    for _ in 0..<count {
      guard let value = string() else { return nil }
      values.append(value)
    }
    return values
  }
}
