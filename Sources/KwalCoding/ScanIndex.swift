internal import KwalText

/// The scan atoms (globs, compounds, regexes of wildcard words, other regexes) by three bytes
/// that every word they match holds, so that a new word type is tried only against the atoms
/// whose bytes it has, not against every one of them.
///
/// A glob's longest literal run, a compound's common prefix of its forms, every glob of a
/// regex of wildcard words and the literals of another regex (``RegexLiterals``) give such
/// bytes; an atom without three of them (a short part, a regex with classes or escapes) is
/// tried on every type.
struct ScanIndex: Sendable {
  /// Positions in ``CompiledCodebook/scanAtoms`` by the first three bytes of their required bytes.
  let byTrigram: [UInt32: [Int32]]
  /// Positions of the atoms tried on every type.
  let always: [Int32]

  init(scanAtoms: [Int32], atoms: [Atom], regexGlobs: [Int32: [Glob]]) {
    var byTrigram: [UInt32: [Int32]] = [:]
    var always: [Int32] = []
    for (position, atom) in scanAtoms.enumerated() {
      let required: [[UInt8]]
      switch atoms[Int(atom)] {
      case .glob(let glob, _): required = [glob.requiredBytes]
      case .compound(let part): required = [DutchCompounds.requiredBytes(of: CompoundPart(part))]
      case .regex(let source):
        required = regexGlobs[atom]?.map(\.requiredBytes) ?? RegexLiterals.required(source) ?? [[]]
      case .word, .stem, .union: required = [[]]
      }
      if required.isEmpty || required.contains(where: { $0.count < 3 }) {
        always.append(Int32(position))
        continue
      }
      for bytes in required {
        let key = Self.trigram(bytes[0], bytes[1], bytes[2])
        if byTrigram[key]?.last != Int32(position) { byTrigram[key, default: []].append(Int32(position)) }
      }
    }
    self.byTrigram = byTrigram
    self.always = always
  }

  @inline(__always)
  static func trigram(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt32 {
    UInt32(a) << 16 | UInt32(b) << 8 | UInt32(c)
  }

  /// The positions of the atoms `form` may match, ascending (the order of ``CompiledCodebook/scanAtoms``).
  func candidates(_ form: String, into result: inout [Int32]) {
    result.removeAll(keepingCapacity: true)
    result.append(contentsOf: always)
    let bytes = Array(form.utf8)
    if bytes.count >= 3 {
      for start in 0...(bytes.count - 3) {
        if let positions = byTrigram[Self.trigram(bytes[start], bytes[start + 1], bytes[start + 2])] {
          result.append(contentsOf: positions)
        }
      }
    }
    guard result.count > always.count else { return }
    result.sort()
    var kept = 0
    for index in result.indices where kept == 0 || result[index] != result[kept - 1] {
      result[kept] = result[index]
      kept += 1
    }
    result.removeLast(result.count - kept)
  }
}
