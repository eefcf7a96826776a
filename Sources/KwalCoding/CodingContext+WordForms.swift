internal import KwalModel
internal import KwalText

/// A document's words as the project store keeps them (``DocumentCoding/wordForms``): enough
/// to tell, after an edit of a code's rules, whether the code can fire in the document without
/// reading and tokenising it again.
///
/// Layout, every number in LEB128: the number of distinct forms; each form as its length and
/// its bytes, in the order the forms first occur; the number of sentences; each sentence as the
/// number of its distinct forms and their numbers (in the order they first occur in it).
enum WordForms {
  @inline(__always)
  static func append(_ value: Int, to bytes: inout [UInt8]) {
    if value < 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: value))
      return
    }
    var value = value
    while value >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
      value >>= 7
    }
    bytes.append(UInt8(value))
  }

  /// Reads the numbers and forms of a buffer in order; nil past its end or at a malformed number.
  struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    var at = 0

    mutating func number() -> Int? {
      var value = 0
      var shift = 0
      while at < bytes.count, shift <= 56 {
        let byte = bytes[at]
        at += 1
        value |= Int(byte & 0x7F) << shift
        if byte < 0x80 { return value }
        shift += 7
      }
      return nil
    }

    mutating func form() -> UnsafeBufferPointer<UInt8>? {
      guard let length = number(), length <= bytes.count - at else { return nil }
      defer { at += length }
      return UnsafeBufferPointer(rebasing: bytes[at..<(at + length)])
    }
  }
}

extension CodingContext {
  /// The document's words in the layout of ``WordForms``, written through a pointer into a
  /// buffer of the largest size they can take (no capacity check per byte).
  func wordForms(_ analyzed: AnalyzedText, text: String) -> [UInt8] {
    // The table is taken out of the context while the loops run (no exclusivity check or
    // reference counting per token). It holds 4 bytes a type and is emptied after the document
    // by its list of forms, so a document touches only its own types' entries.
    var listed = typeForm
    typeForm = []
    defer { typeForm = listed }
    if listed.count < lexicon.typeCount {
      listed.append(contentsOf: repeatElement(0, count: lexicon.typeCount - listed.count))
    }
    let tokenCount = analyzed.tokens.count
    var tokenForm = [Int32](repeating: 0, count: tokenCount)
    var formTypes: [UInt32] = []
    var text = text
    return text.withUTF8 { bytes -> [UInt8] in
      // Every number takes at most 5 bytes (counts stay below 2^35), every form its bytes.
      let largest = 10 + 5 * (2 * tokenCount + analyzed.sentences.count) + bytes.count
      let output = UnsafeMutablePointer<UInt8>.allocate(capacity: largest)
      defer { output.deallocate() }
      var at = 0
      func put(_ value: Int) {
        var value = value
        while value >= 0x80 {
          output[at] = UInt8(truncatingIfNeeded: value) | 0x80
          at += 1
          value >>= 7
        }
        output[at] = UInt8(value)
        at += 1
      }
      // The forms go after room for their count (written last, then moved into place).
      let formsStart = 5
      at = formsStart
      analyzed.tokens.withUnsafeBufferPointer { tokens in
        analyzed.types.withUnsafeBufferPointer { types in
          listed.withUnsafeMutableBufferPointer { listed in
            tokenForm.withUnsafeMutableBufferPointer { tokenForm in
              for position in 0..<tokenCount {
                let type = Int(types[position])
                var form = listed[type]
                if form == 0 {
                  formTypes.append(UInt32(truncatingIfNeeded: type))
                  form = Int32(truncatingIfNeeded: formTypes.count)
                  listed[type] = form
                  let start = min(Int(tokens[position].start), bytes.count)
                  let end = min(max(start, Int(tokens[position].end)), bytes.count)
                  put(end - start)
                  if end > start, let base = bytes.baseAddress {
                    (output + at).update(from: base + start, count: end - start)
                    at += end - start
                  }
                }
                tokenForm[position] = form - 1
              }
              for type in formTypes { listed[Int(type)] = 0 }
            }
          }
        }
      }
      let formCount = formTypes.count
      put(analyzed.sentences.count)
      var lastSentence = [Int32](repeating: -1, count: formCount)
      var sentenceForms = [Int32](repeating: 0, count: tokenCount)
      lastSentence.withUnsafeMutableBufferPointer { lastSentence in
        sentenceForms.withUnsafeMutableBufferPointer { sentenceForms in
          tokenForm.withUnsafeBufferPointer { tokenForm in
            for (index, sentence) in analyzed.sentences.enumerated() {
              let mark = Int32(index)
              var count = 0
              for token in sentence {
                let form = tokenForm[token]
                if lastSentence[Int(form)] != mark {
                  lastSentence[Int(form)] = mark
                  sentenceForms[count] = form
                  count += 1
                }
              }
              put(count)
              for slot in 0..<count { put(Int(sentenceForms[slot])) }
            }
          }
        }
      }
      let end = at
      at = 0
      put(formCount)
      let countBytes = at
      var result = [UInt8](repeating: 0, count: countBytes + end - formsStart)
      result.withUnsafeMutableBufferPointer { result in
        guard let base = result.baseAddress else { return }
        base.update(from: output, count: countBytes)
        (base + countBytes).update(from: output + formsStart, count: end - formsStart)
      }
      return result
    }
  }

  /// Whether a rule of one of `codes` could fire in a document whose words are `wordForms`
  /// (``DocumentCoding/wordForms``): whether the words of one unit of the rule's scope hold all
  /// the atoms of its `all` patterns and all of one of its `any` patterns. A sentence rule is
  /// checked sentence by sentence, a rule of a wider scope against the whole document. Where
  /// this is false, no rule of those codes fires anywhere in the document (a unit holds a subset
  /// of its scope's words; filters, negation and exclusions only take codings away). Forms that
  /// cannot be read count as "may fire".
  public func mayFire(codes: Set<String>, wordForms: [UInt8]) -> Bool {
    var numbers = Set<Int32>()
    for (number, id) in compiled.codeIDs.enumerated() where codes.contains(id) { numbers.insert(Int32(number)) }
    let rules = compiled.rules.indices.filter { numbers.contains(compiled.rules[$0].code) }
    guard !rules.isEmpty else { return false }
    let index = compiled.index
    func feasible(_ rule: Int, _ present: (Int32) -> Bool) -> Bool {
      for position in Int(index.requiredStart[rule])..<Int(index.requiredStart[rule + 1])
      where !present(index.required[position]) {
        return false
      }
      let groups = Int(index.groupStart[rule])..<Int(index.groupStart[rule + 1])
      if groups.isEmpty { return true }
      return groups.contains { group in
        (Int(index.groupAtomStart[group])..<Int(index.groupAtomStart[group + 1])).allSatisfy {
          present(index.groupAtoms[$0])
        }
      }
    }
    return wordForms.withUnsafeBufferPointer { bytes -> Bool in
      var reader = WordForms.Reader(bytes: bytes)
      guard let formCount = reader.number(), formCount <= bytes.count else { return true }
      var types: [UInt32] = []
      types.reserveCapacity(formCount)
      for _ in 0..<formCount {
        guard let form = reader.form() else { return true }
        types.append(lexicon.typeID(form))
      }
      prepareTypesForExplain()
      var present = [Bool](repeating: false, count: index.atomCount)
      for type in types {
        for position in Int(atomOffsets[Int(type)])..<Int(atomOffsets[Int(type) + 1]) {
          present[Int(atomFlat[position])] = true
        }
      }
      var sentenceRules: [Int] = []
      for rule in rules where feasible(rule, { present[Int($0)] }) {
        if compiled.rules[rule].scope != .sentence { return true }
        sentenceRules.append(rule)
      }
      guard !sentenceRules.isEmpty else { return false }
      guard let sentenceCount = reader.number() else { return true }
      var stamp = [Int](repeating: -1, count: index.atomCount)
      for sentence in 0..<sentenceCount {
        guard let count = reader.number() else { return true }
        for _ in 0..<count {
          guard let form = reader.number(), form < types.count else { return true }
          let type = Int(types[form])
          for position in Int(atomOffsets[type])..<Int(atomOffsets[type + 1]) {
            stamp[Int(atomFlat[position])] = sentence
          }
        }
        for rule in sentenceRules where feasible(rule, { stamp[Int($0)] == sentence }) { return true }
      }
      return false
    }
  }
}
