internal import KwalModel

/// The units `kwal agree` compares and, per unit and coder, the codes given: fixed units (sentences,
/// paragraphs, …) or segments clustered from the coders' own codings.
struct UnitTable {
  struct Unit {
    var document: String
    var start: Int
    var end: Int
    /// For segment units: the code the unit belongs to.
    var code: Int?
  }

  let coderCount: Int
  let codeCount: Int
  var units: [Unit] = []
  /// Each unit's codes per coder as bits: coder `r`'s codes of unit `u` are the words
  /// `bits[(u * coderCount + r) * wordCount ..< … + wordCount]`, code `c` bit `c % 64` of word
  /// `c / 64` (a million units of 40 codes and two coders take 16 MB, not 80).
  var bits: [UInt64] = []
  /// Words per unit and coder.
  let wordCount: Int

  init(coderCount: Int, codeCount: Int) {
    self.coderCount = coderCount
    self.codeCount = codeCount
    self.wordCount = max(1, (codeCount + 63) / 64)
  }

  @inline(__always)
  private func base(_ unit: Int, _ coder: Int) -> Int { (unit * coderCount + coder) * wordCount }

  func coded(_ unit: Int, code: Int, coder: Int) -> Bool {
    bits[base(unit, coder) + code >> 6] & (1 << UInt64(code & 63)) != 0
  }

  func isCoded(_ unit: Int) -> Bool {
    let start = base(unit, 0)
    for index in start..<(start + coderCount * wordCount) where bits[index] != 0 { return true }
    return false
  }

  /// Whether some coder's codes for `unit` differ from the first coder's.
  func coders(disagreeOn unit: Int) -> Bool {
    let first = base(unit, 0)
    for coder in 1..<max(coderCount, 1) {
      let other = base(unit, coder)
      for word in 0..<wordCount where bits[other + word] != bits[first + word] { return true }
    }
    return false
  }

  /// The codes of `unit` by `coder`, ascending.
  func codeSet(_ unit: Int, coder: Int) -> [Int] {
    var set: [Int] = []
    let start = base(unit, coder)
    for word in 0..<wordCount {
      var value = bits[start + word]
      while value != 0 {
        set.append(word * 64 + value.trailingZeroBitCount)
        value &= value - 1
      }
    }
    return set
  }

  /// The one word of `unit`'s codes by `coder` when every code fits in one (64 codes or fewer).
  func codeWord(_ unit: Int, coder: Int) -> UInt64? { wordCount == 1 ? bits[base(unit, coder)] : nil }

  mutating func mark(_ unit: Int, code: Int, coder: Int) {
    bits[base(unit, coder) + code >> 6] |= 1 << UInt64(code & 63)
  }

  mutating func append(_ unit: Unit) {
    units.append(unit)
    bits.append(contentsOf: repeatElement(0, count: coderCount * wordCount))
  }

  /// Fixed units (sentences, paragraphs, …) of the documents in `documents`: returns the number
  /// of codings that fit no unit.
  mutating func buildFixed(_ codings: ComparedCodings, units spans: UnitSpans, documents: Set<String>) -> Int {
    // Each document's units, by range.
    var rangesOfSpanDocument = [[(start: Int, end: Int)]](repeating: [], count: spans.documentIDs.count)
    let kept = spans.documentIDs.map { documents.contains($0) }
    var keptCount = 0
    for unit in 0..<spans.count where kept[Int(spans.document[unit])] {
      rangesOfSpanDocument[Int(spans.document[unit])].append((spans.start[unit], spans.end[unit]))
      keptCount += 1
    }
    // Room for every unit at once (growing the bits unit by unit copied them again and again).
    units.reserveCapacity(units.count + keptCount)
    bits.reserveCapacity(bits.count + keptCount * coderCount * wordCount)
    var byDocument: [String: [(start: Int, end: Int)]] = [:]
    var firstIndex: [String: Int] = [:]
    let order = spans.documentIDs.indices.filter { kept[$0] }.sorted { spans.documentIDs[$0] < spans.documentIDs[$1] }
    for number in order {
      let document = spans.documentIDs[number]
      let sorted = rangesOfSpanDocument[number].sorted { ($0.start, $0.end) < ($1.start, $1.end) }
      rangesOfSpanDocument[number] = []
      // Units are unique by range.
      var previous: (Int, Int)?
      firstIndex[document] = units.count
      var list: [(start: Int, end: Int)] = []
      for range in sorted where previous.map({ $0 != (range.start, range.end) }) ?? true {
        list.append(range)
        previous = (range.start, range.end)
        append(Unit(document: document, start: range.start, end: range.end, code: nil))
      }
      byDocument[document] = list
    }
    // Per document number: its units' ranges and the index of its first unit.
    let rangesOf: [[(start: Int, end: Int)]?] = codings.documentIDs.map { byDocument[$0] }
    let firstOf = codings.documentIDs.map { firstIndex[$0] ?? 0 }
    var outside = 0
    for row in 0..<codings.count {
      let documentNumber = Int(codings.document[row])
      guard let list = rangesOf[documentNumber] else { continue }
      let first = firstOf[documentNumber]
      let coder = Int(codings.coder[row])
      let code = Int(codings.code[row])
      let start = codings.start[row]
      let end = codings.end[row]
      // The first unit that ends after the coding starts.
      var assigned = false
      var index = list.partitionPoint { $0.end > start }
      let length = end - start
      while index < list.count {
        let unit = list[index]
        if length == 0 {
          if unit.start > start { break }
          if unit.start <= start && start < unit.end {
            mark(first + index, code: code, coder: coder)
            assigned = true
          }
        } else {
          if unit.start >= end { break }
          let shared = min(unit.end, end) - max(unit.start, start)
          let unitLength = unit.end - unit.start
          if shared > 0 && (2 * shared >= unitLength || 2 * shared >= length) {
            mark(first + index, code: code, coder: coder)
            assigned = true
          }
        }
        index += 1
      }
      if !assigned { outside += 1 }
    }
    return outside
  }

  /// Segment units: per document and code, coders' segments linked by overlap (IoU ≥ threshold).
  mutating func buildSegments(_ codings: ComparedCodings, documents: [String], coders: [String], overlap: Double) {
    // Segments of one span are ordered by their coders' names.
    let order = coders.indices.sorted { coders[$0] < coders[$1] }
    var rank = Array(repeating: 0, count: coders.count)
    for (position, coder) in order.enumerated() { rank[coder] = position }
    var groups: [Int32: [Int: [Int]]] = [:]
    for row in 0..<codings.count {
      groups[codings.document[row], default: [:]][Int(codings.code[row]), default: []].append(row)
    }
    var numberOf: [String: Int32] = [:]
    for (number, id) in codings.documentIDs.enumerated() { numberOf[id] = Int32(number) }
    for document in documents {
      guard let number = numberOf[document], let byCode = groups[number] else { continue }
      for code in byCode.keys.sorted() {
        struct Segment {
          var start: Int
          var end: Int
          var coder: Int
        }
        let segments = (byCode[code] ?? []).map {
          Segment(start: codings.start[$0], end: codings.end[$0], coder: Int(codings.coder[$0]))
        }.sorted { ($0.start, $0.end, rank[$0.coder]) < ($1.start, $1.end, rank[$1.coder]) }
        var parent = Array(segments.indices)
        func root(_ i: Int) -> Int {
          var i = i
          while parent[i] != i {
            parent[i] = parent[parent[i]]
            i = parent[i]
          }
          return i
        }
        for i in segments.indices {
          var j = i + 1
          while j < segments.count && segments[j].start <= segments[i].end {
            let a = segments[i]
            let b = segments[j]
            if a.coder != b.coder {
              let shared = max(0, min(a.end, b.end) - max(a.start, b.start))
              let union = max(a.end, b.end) - min(a.start, b.start)
              let ratio = union == 0 ? 1 : Double(shared) / Double(union)
              if ratio >= overlap {
                let ra = root(i)
                let rb = root(j)
                if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
              }
            }
            j += 1
          }
        }
        var clusterOf: [Int: Int] = [:]
        for i in segments.indices {
          let r = root(i)
          if clusterOf[r] == nil {
            clusterOf[r] = units.count
            append(Unit(document: document, start: segments[i].start, end: segments[i].end, code: code))
          }
          guard let unit = clusterOf[r] else { continue }
          units[unit].start = min(units[unit].start, segments[i].start)
          units[unit].end = max(units[unit].end, segments[i].end)
          mark(unit, code: code, coder: segments[i].coder)
        }
      }
    }
  }
}
