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
  static func append(_ value: Int, to bytes: inout [UInt8]) {
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
  /// The document's words in the layout of ``WordForms``.
  func wordForms(_ analyzed: AnalyzedText, text: String) -> [UInt8] {
    documentNumber += 1
    if typeListed.count < lexicon.typeCount {
      typeListed.append(
        contentsOf: repeatElement((document: 0, form: Int32(0)), count: lexicon.typeCount - typeListed.count))
    }
    var forms: [UInt8] = []
    var formCount = 0
    var tokenForm = [Int32](repeating: 0, count: analyzed.tokens.count)
    var text = text
    text.withUTF8 { bytes in
      for (position, (token, type)) in zip(analyzed.tokens, analyzed.types).enumerated() {
        if typeListed[Int(type)].document != documentNumber {
          typeListed[Int(type)] = (documentNumber, Int32(formCount))
          formCount += 1
          let start = min(Int(token.start), bytes.count)
          let end = min(max(start, Int(token.end)), bytes.count)
          WordForms.append(end - start, to: &forms)
          forms.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
        }
        tokenForm[position] = typeListed[Int(type)].form
      }
    }
    var output: [UInt8] = []
    output.reserveCapacity(forms.count + analyzed.tokens.count + 16)
    WordForms.append(formCount, to: &output)
    output.append(contentsOf: forms)
    WordForms.append(analyzed.sentences.count, to: &output)
    var lastSentence = [Int](repeating: -1, count: formCount)
    var listed: [Int32] = []
    for (number, sentence) in analyzed.sentences.enumerated() {
      listed.removeAll(keepingCapacity: true)
      for token in sentence where lastSentence[Int(tokenForm[token])] != number {
        lastSentence[Int(tokenForm[token])] = number
        listed.append(tokenForm[token])
      }
      WordForms.append(listed.count, to: &output)
      for form in listed { WordForms.append(Int(form), to: &output) }
    }
    return output
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
