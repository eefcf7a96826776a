internal import CProcess
internal import Dispatch
public import Foundation
public import KwalModel
internal import Synchronization

/// A CSV reader on UTF-8 bytes in memory: one record at a time, its fields as byte ranges, with
/// no `String` made unless the caller asks for one.
///
/// The grammar is RFC 4180's: fields separated by one ASCII byte, records ended by LF, CRLF or
/// CR, a field that starts with a quote runs to the closing quote with doubled quotes inside
/// standing for one. Input outside the grammar is read the way spreadsheet programs and Python's
/// `csv` module read it, and noted in ``sawStrayQuote``: a quote inside an unquoted field is a
/// literal quote, and text after a closing quote belongs to the field. A quoted field that is
/// never closed is an error naming the line it opens on.
///
/// The tests hold the reader to CSV.swift's reading of the same bytes (on well-formed input) and
/// to Python's `csv` on the quirks.
public struct CSVScanner {
  /// The bytes read.
  public let bytes: UnsafeBufferPointer<UInt8>
  /// The field separator (`,` unless told otherwise).
  public let separator: UInt8
  /// The byte offset of the next record.
  public private(set) var position: Int
  /// The line the current record starts on (1-based, counted from `firstLine`).
  public private(set) var line: Int
  /// The line the next record starts on.
  public private(set) var nextLine: Int
  /// Whether a quote was read outside the grammar (inside an unquoted field, or text after a
  /// closing quote).
  public private(set) var sawStrayQuote = false
  /// The number of fields in the current record.
  public private(set) var count = 0

  /// Where each field of the current record lies: in ``bytes``, or in ``scratch`` when its
  /// quotes had to be undone.
  private struct Span {
    var start: Int
    var end: Int
    var inScratch: Bool
  }
  private var spans: [Span] = []
  private var scratch: [UInt8] = []
  /// Whether ``bytes`` lie in a file mapping made by ``contents(of:)``: the pages already read
  /// are then given back as the scanner goes (see ``releaseReadPages()``).
  var releasesPages = false
  private var releasedUpTo = 0

  /// A reader of `bytes` whose first line is numbered `firstLine`.
  public init(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8 = 0x2C, firstLine: Int = 1) {
    self.bytes = bytes
    self.separator = separator
    self.position = 0
    self.line = firstLine
    self.nextLine = firstLine
    spans.reserveCapacity(32)
  }

  /// A failure to read: what and on which line (counted as the scanner counts).
  public struct Failure: Error, Sendable, Equatable {
    public var message: String
    public var line: Int
  }

  /// Reads the next record; false at the end of the bytes.
  public mutating func next() throws(Failure) -> Bool {
    let n = bytes.count
    guard position < n else { return false }
    count = 0
    spans.removeAll(keepingCapacity: true)
    if !scratch.isEmpty { scratch.removeAll(keepingCapacity: true) }
    line = nextLine
    let separator = self.separator
    var position = self.position
    defer { self.position = position }
    while true {
      if position < n && bytes[position] == 0x22 {
        let opensOn = nextLine
        position += 1
        var segment = position
        var scratchStart = -1
        var closing = -1
        while true {
          var index = position
          while index < n {
            let byte = bytes[index]
            if byte == 0x22 { break }
            if byte == 0x0A { nextLine += 1 }
            index += 1
          }
          guard index < n else {
            throw Failure(message: "a quoted field starts here and is never closed", line: opensOn)
          }
          if index + 1 < n && bytes[index + 1] == 0x22 {
            // A doubled quote: the text so far and one quote go to the scratch buffer.
            if scratchStart < 0 { scratchStart = scratch.count }
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment...index]))
            position = index + 2
            segment = position
            continue
          }
          closing = index
          position = index + 1
          break
        }
        let after = position < n ? bytes[position] : 0x0A
        if after != separator && after != 0x0A && after != 0x0D {
          // Text after the closing quote belongs to the field, quotes and all.
          sawStrayQuote = true
          if scratchStart < 0 { scratchStart = scratch.count }
          scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment..<closing]))
          var index = position
          while index < n {
            let byte = bytes[index]
            if byte == separator || byte == 0x0A || byte == 0x0D { break }
            index += 1
          }
          scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<index]))
          position = index
          appendField(scratchStart, scratch.count, fromScratch: true)
        } else if scratchStart >= 0 {
          scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment..<closing]))
          appendField(scratchStart, scratch.count, fromScratch: true)
        } else {
          appendField(segment, closing, fromScratch: false)
        }
      } else {
        var index = position
        while index < n {
          let byte = bytes[index]
          if byte == separator || byte == 0x0A || byte == 0x0D { break }
          if byte == 0x22 { sawStrayQuote = true }
          index += 1
        }
        appendField(position, index, fromScratch: false)
        position = index
      }
      guard position < n else { return true }
      let byte = bytes[position]
      position += 1
      if byte == separator { continue }
      if byte == 0x0D, position < n, bytes[position] == 0x0A { position += 1 }
      nextLine += 1
      return true
    }
  }

  @inline(__always)
  private mutating func appendField(_ start: Int, _ end: Int, fromScratch: Bool) {
    spans.append(Span(start: start, end: end, inScratch: fromScratch))
    count += 1
  }

  /// Calls `body` with the bytes of field `index` of the current record (quotes removed).
  @inline(__always)
  public func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    let span = spans[index]
    if span.inScratch {
      return try scratch.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[span.start..<span.end])) }
    }
    return try body(UnsafeBufferPointer(rebasing: bytes[span.start..<span.end]))
  }

  /// Where field `index` of the current record lies in ``bytes`` as written, its quotes
  /// included; nil when its quotes had to be undone (a doubled quote or text after the closing
  /// quote), so that the field is not one run of ``bytes``.
  public func rawRange(_ index: Int) -> Range<Int>? {
    let span = spans[index]
    guard !span.inScratch else { return nil }
    // A quoted field's bytes start after its opening quote; an unquoted one's after a separator
    // or a line end (a quote there would have opened a quoted field).
    if span.start > 0, bytes[span.start - 1] == 0x22, span.end < bytes.count, bytes[span.end] == 0x22 {
      return (span.start - 1)..<(span.end + 1)
    }
    return span.start..<span.end
  }

  /// Reads the next record (see ``next()``), with failures as errors in `file` (lines as the
  /// scanner counts them).
  public mutating func nextRecord(file: String) throws(ExportError) -> Bool {
    do {
      return try next()
    } catch {
      throw ExportError(.badData, error.message, at: SourceLocation(file: file, line: error.line))
    }
  }

  /// Reads the next row of a table with `columns` columns: empty lines are skipped, a row with
  /// another number of fields is an error on its line.
  public mutating func nextRow(file: String, columns: Int) throws(ExportError) -> Bool {
    if releasesPages && position - releasedUpTo >= Self.releaseStep { releaseReadPages() }
    while try nextRecord(file: file) {
      if count == 1 && isEmpty(0) { continue }
      guard count == columns else { throw error("row has \(count) fields, the header has \(columns)", file: file) }
      return true
    }
    return false
  }

  /// The bytes of the file at `url`, mapped (read only, private) when the file system allows;
  /// an unreadable file is a missing input named by its path.
  public static func contents(of url: URL) throws(ExportError) -> Data {
    let descriptor = open(url.path, O_RDONLY)
    if descriptor >= 0 {
      defer { close(descriptor) }
      var status = stat()
      if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size > 0,
        let address = mmap(nil, Int(status.st_size), PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED
      {
        let size = Int(status.st_size)
        mappings.withLock { $0[UInt(bitPattern: address)] = size }
        return Data(
          bytesNoCopy: address, count: size,
          deallocator: .custom { pointer, count in
            mappings.withLock { _ = $0.removeValue(forKey: UInt(bitPattern: pointer)) }
            munmap(pointer, count)
          })
      }
    }
    do {
      return try Data(contentsOf: url)
    } catch {
      throw ExportError(.missingInput, "cannot read file", at: SourceLocation(file: url.path))
    }
  }

  /// The file mappings ``contents(of:)`` made and that are still in use: start address → size.
  private static let mappings = Mutex<[UInt: Int]>([:])

  /// Whether `bytes` lie inside a file mapping made by ``contents(of:)`` (whose pages can be
  /// given back and read again from the file: nothing is lost).
  static func isMappedFile(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    let start = UInt(bitPattern: base)
    return mappings.withLock { regions in
      regions.contains { region in start >= region.key && start + UInt(bytes.count) <= region.key + UInt(region.value) }
    }
  }

  /// How many bytes a scanner reads between two releases of its pages.
  static let releaseStep = 1 << 23

  /// Gives back the whole pages of a file mapping before the current record: a large file then
  /// takes a few megabytes of memory while it is read, not its size. Pages read again later are
  /// read again from the file (the mapping is private and never written).
  mutating func releaseReadPages() {
    Self.release(bytes, releasedUpTo..<position)
    releasedUpTo = position
  }

  /// Gives back the whole pages of `range` of `bytes`, which lie in a file mapping made by
  /// ``contents(of:)`` (pages only partly in the range stay).
  static func release(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
    guard let base = bytes.baseAddress else { return }
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let from = (Int(bitPattern: base) + range.lowerBound + page - 1) / page * page
    let to = (Int(bitPattern: base) + range.upperBound) / page * page
    if to > from, let start = UnsafeMutableRawPointer(bitPattern: from) {
      _ = madvise(start, to - from, MADV_DONTNEED)
    }
  }

  /// The bytes of a file after its UTF-8 byte order mark, if it has one.
  public static func withoutByteOrderMark(_ raw: UnsafeRawBufferPointer) -> UnsafeBufferPointer<UInt8> {
    let bytes = raw.bindMemory(to: UInt8.self)
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
      return UnsafeBufferPointer(rebasing: bytes[3...])
    }
    return bytes
  }

  /// The error `message` at the current record's line of `file`.
  public func error(_ message: String, file: String) -> ExportError {
    ExportError(.badData, message, at: SourceLocation(file: file, line: line))
  }

  /// Whether field `index` is empty.
  public func isEmpty(_ index: Int) -> Bool { spans[index].start == spans[index].end }

  /// Field `index` as a string, or nil when it is not valid UTF-8.
  public func string(_ index: Int) -> String? {
    withField(index) { String(validating: $0, as: UTF8.self) }
  }

  /// Field `index` as a decimal integer (an optional sign, then digits only), or nil.
  public func integer(_ index: Int) -> Int? {
    withField(index) { Self.integer($0) }
  }

  /// The decimal integer in `bytes` (an optional sign, then digits only), or nil.
  public static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var index = 0
    var negative = false
    if let first = bytes.first, first == 0x2D || first == 0x2B {
      negative = first == 0x2D
      index = 1
    }
    guard index < bytes.count else { return nil }
    var value = 0
    while index < bytes.count {
      let digit = Int(bytes[index]) &- 0x30
      guard digit >= 0 && digit <= 9 else { return nil }
      let (times, overflow) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times.addingReportingOverflow(digit)
      guard !overflow && !overflow2 else { return nil }
      value = sum
      index += 1
    }
    return negative ? -value : value
  }

  /// The fields of the current record as strings (invalid UTF-8 repaired with U+FFFD).
  public func strings() -> [String] {
    (0..<count).map { index in withField(index) { String(decoding: $0, as: UTF8.self) } }
  }
}

// MARK: Reading a whole file in pieces

extension CSVScanner {
  /// A CSV file with a header row, read in pieces in parallel.
  ///
  /// A large file is cut into one piece per core at line ends outside quoted fields (found from
  /// the parity of quotes before them, counted in parallel), each piece is decoded by `decode`
  /// on its own scanner, and the parts come back in file order with the line each piece starts
  /// on. When a piece meets a stray quote (see ``sawStrayQuote``) the parity may not tell record
  /// ends, so the file is read again in one piece.
  ///
  /// - Parameters:
  ///   - data: the file's bytes (a leading byte order mark is skipped).
  ///   - file: the file's name, for errors.
  ///   - prepare: checks the header and makes what every piece starts from (columns found by name).
  ///   - decode: reads the records of one piece (the header is already read) and returns a part;
  ///     lines it reports in errors are the scanner's, which count from the piece's first line.
  ///   - pieces: the number of pieces of a large file (by default one per core).
  public static func readPieces<Context: Sendable, Part: Sendable>(
    _ data: Data, file: String, separator: UInt8 = 0x2C, parallelFrom: Int = 1 << 21, pieces: Int? = nil,
    prepare: ([String]) throws(ExportError) -> Context,
    decode: @Sendable (inout CSVScanner, Context) throws(ExportError) -> Part
  ) throws(ExportError) -> (header: [String], parts: [Part]) {
    let result = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Result<([String], [Part]), ExportError> in
      // Read-only for the life of the call, shared by the pieces.
      nonisolated(unsafe) let bytes = withoutByteOrderMark(raw)
      // The header.
      var headerScanner = CSVScanner(bytes, separator: separator)
      let header: [String]
      do throws(Failure) {
        guard try headerScanner.next(), !(headerScanner.count == 1 && headerScanner.isEmpty(0)) else {
          return .failure(ExportError(.badData, "empty file: no header row", at: SourceLocation(file: file, line: 1)))
        }
        var names: [String] = []
        for index in 0..<headerScanner.count {
          guard let name = headerScanner.string(index) else {
            return .failure(ExportError(.badData, "not valid UTF-8", at: SourceLocation(file: file, line: 1)))
          }
          names.append(name)
        }
        header = names
      } catch {
        return .failure(ExportError(.badData, error.message, at: SourceLocation(file: file, line: error.line)))
      }
      let context: Context
      do throws(ExportError) {
        context = try prepare(header)
      } catch {
        return .failure(error)
      }
      let body = headerScanner.position
      let mapped = isMappedFile(bytes)
      let pieceCount =
        bytes.count - body >= parallelFrom ? max(1, pieces ?? Int(kwal_available_cores())) : 1
      var pieceCuts = pieceCount > 1 ? recordCuts(bytes, from: body, pieces: pieceCount) : [body, bytes.count]
      while true {
        let cuts = pieceCuts
        let pieces = cuts.count - 1
        let outcome = Mutex<[Int: (Result<Part, ExportError>, lines: Int, stray: Bool)]>([:])
        DispatchQueue.concurrentPerform(iterations: pieces) { index in
          let piece = UnsafeBufferPointer(rebasing: bytes[cuts[index]..<cuts[index + 1]])
          var scanner = CSVScanner(piece, separator: separator, firstLine: 0)
          scanner.releasesPages = mapped
          let part = Result { () throws(ExportError) -> Part in try decode(&scanner, context) }
          outcome.withLock { $0[index] = (part, scanner.nextLine, scanner.sawStrayQuote) }
        }
        let results = outcome.withLock { $0 }
        if pieces > 1, results.values.contains(where: { $0.stray }) {
          pieceCuts = [body, bytes.count]
          continue
        }
        // Lines in errors are relative to their piece: the piece's first line is added.
        var firstLine = headerScanner.nextLine
        var parts: [Part] = []
        for index in 0..<pieces {
          guard let (part, lines, _) = results[index] else { continue }
          switch part {
          case .success(let value): parts.append(value)
          case .failure(var error):
            if let line = error.location?.line { error.location?.line = line + firstLine }
            return .failure(error)
          }
          firstLine += lines
        }
        return .success((header, parts))
      }
    }
    return try result.get()
  }

  /// The rows of the pieces in order, as one array, `parts` left empty: the first piece's array is taken over
  /// (growing a uniquely held array moves its elements instead of copying them), the others are
  /// appended.
  public static func joined<Row>(_ parts: inout [[Row]]) -> [Row] {
    guard !parts.isEmpty else { return [] }
    let total = parts.reduce(0) { $0 + $1.count }
    var rows = parts[0]
    parts[0] = []
    rows.reserveCapacity(total)
    for index in parts.indices.dropFirst() {
      rows.append(contentsOf: parts[index])
      parts[index] = []
    }
    parts = []
    return rows
  }

  /// Offsets where `bytes[from...]` can be cut into about `pieces` pieces of whole records:
  /// after line ends with an even number of quotes before them (counted from `from`). The first
  /// offset is `from`, the last `bytes.count`.
  static func recordCuts(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, pieces: Int) -> [Int] {
    nonisolated(unsafe) let bytes = bytes
    let length = bytes.count - from
    let chunk = (length + pieces - 1) / pieces
    // Quotes in each chunk, counted in parallel.
    let quotes = Mutex<[Int]>(Array(repeating: 0, count: pieces))
    let mapped = isMappedFile(bytes)
    DispatchQueue.concurrentPerform(iterations: pieces) { index in
      let start = from + min(length, index * chunk)
      let end = from + min(length, (index + 1) * chunk)
      var count = 0
      var block = start
      while block < end {
        let blockEnd = min(end, block + releaseStep)
        for byte in UnsafeBufferPointer(rebasing: bytes[block..<blockEnd]) where byte == 0x22 { count &+= 1 }
        // A mapped file's pages are given back as they are counted.
        if mapped { release(bytes, block..<blockEnd) }
        block = blockEnd
      }
      quotes.withLock { $0[index] = count }
    }
    let counts = quotes.withLock { $0 }
    var cuts = [from]
    var before = 0
    for index in 0..<pieces {
      if index > 0 {
        // The first line end in this chunk (or after it) with an even number of quotes before.
        var open = before & 1 == 1
        var position = from + min(length, index * chunk)
        while position < bytes.count {
          let byte = bytes[position]
          if byte == 0x22 {
            open.toggle()
          } else if byte == 0x0A && !open {
            break
          }
          position += 1
        }
        if position + 1 < bytes.count, position + 1 > cuts[cuts.count - 1] { cuts.append(position + 1) }
      }
      before &+= counts[index]
    }
    cuts.append(bytes.count)
    return cuts
  }
}

/// Strings made once for bytes that repeat from row to row (document ids, cases, codes, coders):
/// an open-addressing table keyed by the bytes.
public struct StringInterner: Sendable {
  private var slots: [Int32]
  private var keys: [UInt8] = []
  private var keyStarts: [Int] = []
  private var hashes: [UInt64] = []
  private var strings: [String] = []
  private var mask: Int

  /// An empty table.
  public init() {
    slots = Array(repeating: -1, count: 256)
    mask = 255
  }

  /// The string of `bytes`, made the first time they are seen; nil when they are not UTF-8.
  public mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    guard let entry = entry(bytes) else { return nil }
    return strings[entry]
  }

  /// The strings made so far, in the order they were first seen (an entry's number is its index).
  public var all: [String] { strings }

  /// The number of `bytes`' string (0, 1, … in the order first seen), made the first time they
  /// are seen; nil when they are not UTF-8.
  public mutating func entry(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
    while true {
      let entry = Int(slots[slot])
      if entry < 0 { break }
      if hashes[entry] == hash {
        let start = keyStarts[entry]
        let end = entry + 1 < keyStarts.count ? keyStarts[entry + 1] : keys.count
        if end - start == bytes.count {
          let same = keys.withUnsafeBufferPointer { stored in
            guard let base = stored.baseAddress, let other = bytes.baseAddress else { return bytes.isEmpty }
            return memcmp(base + start, other, bytes.count) == 0
          }
          if same { return entry }
        }
      }
      slot = (slot + 1) & mask
    }
    guard let string = String(validating: bytes, as: UTF8.self) else { return nil }
    let entry = strings.count
    slots[slot] = Int32(entry)
    keyStarts.append(keys.count)
    keys.append(contentsOf: bytes)
    hashes.append(hash)
    strings.append(string)
    if strings.count * 2 > slots.count { grow() }
    return entry
  }

  private mutating func grow() {
    slots = Array(repeating: -1, count: slots.count * 2)
    mask = slots.count - 1
    for (entry, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(entry)
    }
  }
}
