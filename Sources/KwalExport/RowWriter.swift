/// Writes one CSV row into scratch memory sized for it, then appends it to the output in one
/// copy: the rows of `kwal code` (millions of them) cost no capacity or uniqueness check per
/// field. Fields are quoted as ``CSVTable/appendField(utf8:to:separator:)`` quotes them.
struct RowWriter {
  private let base: UnsafeMutablePointer<UInt8>
  private let capacity: Int
  private(set) var count = 0

  /// Calls `body` with a writer over `capacity` bytes and appends what it wrote to `bytes`.
  /// The caller sizes `capacity` for the largest row `body` can write (see the `maximum`
  /// helpers); a row that would overflow traps.
  @inline(__always)
  static func append(to bytes: inout [UInt8], capacity: Int, _ body: (inout RowWriter) -> Void) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
      guard let base = buffer.baseAddress else { return }
      var writer = RowWriter(base: base, capacity: capacity)
      body(&writer)
      bytes.append(contentsOf: UnsafeBufferPointer(start: base, count: writer.count))
    }
  }

  private init(base: UnsafeMutablePointer<UInt8>, capacity: Int) {
    self.base = base
    self.capacity = capacity
  }

  /// The most bytes a field of `count` bytes takes quoted (every byte a doubled quote).
  @inline(__always)
  static func maximum(field count: Int) -> Int { 2 * count + 2 }

  /// The most bytes an integer takes.
  static let maximumInteger = 20

  @inline(__always)
  mutating func put(_ byte: UInt8) {
    precondition(count < capacity)
    base[count] = byte
    count += 1
  }

  @inline(__always)
  mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
    precondition(count + bytes.count <= capacity)
    if let source = bytes.baseAddress { (base + count).update(from: source, count: bytes.count) }
    count += bytes.count
  }

  @inline(__always)
  mutating func put(_ text: StaticString) {
    put(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  /// A non-negative integer's decimal digits (a negative one through `String`).
  mutating func put(integer value: Int) {
    guard value >= 0 else {
      for byte in String(value).utf8 { put(byte) }
      return
    }
    var digits = 1
    var rest = value / 10
    while rest > 0 {
      digits += 1
      rest /= 10
    }
    precondition(count + digits <= capacity)
    rest = value
    var position = count + digits - 1
    repeat {
      base[position] = UInt8(truncatingIfNeeded: rest % 10) &+ 0x30
      rest /= 10
      position -= 1
    } while rest > 0
    count += digits
  }

  /// One field, quoted when it must be (see ``CSVTable/quoting(of:separator:)``).
  mutating func put(field: UnsafeBufferPointer<UInt8>, separator: UInt8 = 0x2C) {
    let (needsQuotes, hasQuote) = CSVTable.quoting(of: field, separator: separator)
    guard needsQuotes else {
      put(field)
      return
    }
    put(0x22)
    if hasQuote {
      for byte in field {
        put(byte)
        if byte == 0x22 { put(0x22) }
      }
    } else {
      put(field)
    }
    put(0x22)
  }
}
