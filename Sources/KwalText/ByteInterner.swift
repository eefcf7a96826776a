#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// Interns byte strings into dense `UInt32` ids without allocating per lookup.
///
/// Open addressing with linear probing over an arena of bytes; ids are given in first-seen
/// order, so they are deterministic for a given input order.
public struct ByteInterner: Sendable {
  private var arena: [UInt8] = []
  private var starts: [Int] = []
  private var hashes: [UInt64] = []
  private var slots: [UInt32]
  private var mask: Int

  /// Creates an empty interner.
  public init(capacity: Int = 1024) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = [UInt32](repeating: 0, count: size)
    mask = size - 1
    starts.append(0)
  }

  /// The number of distinct byte strings interned.
  public var count: Int { hashes.count }

  /// The id of `bytes`, interning it when new.
  public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> (id: UInt32, isNew: Bool) {
    let hash = Self.hash(bytes)
    let (found, slot) = probe(bytes, hash: hash)
    if let found { return (found, false) }
    let id = hashes.count
    hashes.append(hash)
    arena.append(contentsOf: bytes)
    starts.append(arena.count)
    slots[slot] = UInt32(id + 1)
    if hashes.count * 2 > slots.count { grow() }
    return (UInt32(id), true)
  }

  /// The id of `bytes` when they were interned, without interning them.
  public func find(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? { probe(bytes, hash: Self.hash(bytes)).id }

  /// The id of `bytes` (whose hash is `hash`) when interned, and the slot where the search for
  /// them ended (the empty one a new id goes into).
  @inline(__always)
  private func probe(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (id: UInt32?, slot: Int) {
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let entry = slots[slot]
      if entry == 0 { return (nil, slot) }
      let id = Int(entry - 1)
      if hashes[id] == hash && equals(id, bytes) { return (UInt32(id), slot) }
      slot = (slot + 1) & mask
    }
  }

  /// The bytes of `id` as a string.
  public func string(_ id: UInt32) -> String {
    let index = Int(id)
    return String(decoding: arena[starts[index]..<starts[index + 1]], as: UTF8.self)
  }

  private func equals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = starts[id]
    let end = starts[id + 1]
    guard end - start == bytes.count else { return false }
    guard let base = bytes.baseAddress else { return true }
    return arena.withUnsafeBufferPointer { arena in
      guard let stored = arena.baseAddress else { return false }
      let count = bytes.count
      // Up to sixteen bytes as two words that may overlap, without calling memcmp.
      if count <= 16 {
        let lhs = UnsafeRawPointer(stored + start)
        let rhs = UnsafeRawPointer(base)
        if count >= 8 {
          return lhs.loadUnaligned(as: UInt64.self) == rhs.loadUnaligned(as: UInt64.self)
            && lhs.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
              == rhs.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        return Self.shortWord(lhs, count) == Self.shortWord(rhs, count)
      }
      return memcmp(stored + start, base, count) == 0
    }
  }

  /// The bytes of a piece of fewer than eight bytes as one word: for four to seven, its first
  /// and last four (which may overlap); for fewer, its first, middle and last byte. Two pieces
  /// of the same length have the same word only when their bytes are the same.
  @inline(__always)
  private static func shortWord(_ bytes: UnsafeRawPointer, _ count: Int) -> UInt64 {
    if count >= 4 {
      return UInt64(bytes.loadUnaligned(as: UInt32.self))
        | UInt64(bytes.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)) << 32
    }
    if count == 0 { return 0 }
    return UInt64(bytes.load(as: UInt8.self)) | UInt64(bytes.load(fromByteOffset: count / 2, as: UInt8.self)) << 8
      | UInt64(bytes.load(fromByteOffset: count - 1, as: UInt8.self)) << 16
  }

  private mutating func grow() {
    let size = slots.count * 2
    var newSlots = [UInt32](repeating: 0, count: size)
    let newMask = size - 1
    for id in 0..<hashes.count {
      var slot = Int(truncatingIfNeeded: hashes[id]) & newMask
      while newSlots[slot] != 0 { slot = (slot + 1) & newMask }
      newSlots[slot] = UInt32(id + 1)
    }
    slots = newSlots
    mask = newMask
  }

  /// A 64-bit hash: eight bytes at a time, each word multiplied and folded (the length and the
  /// last partial word are mixed in as well).
  @inline(__always)
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
    guard let base = UnsafeRawPointer(bytes.baseAddress) else { return hash }
    var index = 0
    while index + 8 <= bytes.count {
      let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      hash = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
      hash ^= hash >> 29
      index += 8
    }
    if index < bytes.count {
      // The last partial word: the last eight bytes of a longer piece (overlapping the word
      // before), else the short piece as one word.
      let tail =
        bytes.count >= 8
        ? base.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self) : shortWord(base, bytes.count)
      hash = (hash ^ tail) &* 0x9E37_79B9_7F4A_7C15
      hash ^= hash >> 29
    }
    return hash
  }
}
