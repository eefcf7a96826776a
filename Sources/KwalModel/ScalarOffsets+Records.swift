extension ScalarOffsets {
  /// The user-facing record of a coding: byte ranges become Unicode scalar offsets, and the
  /// matched words get their text from `utf8` (the document's plain text as UTF-8).
  public func record(_ coding: Coding, utf8: [UInt8]) -> CodingRecord {
    let (start, end) = scalarRange(coding.range)
    return CodingRecord(
      document: coding.document, caseName: coding.caseName, unit: coding.unit, start: start, end: end,
      code: coding.code, coder: coding.coder, rules: coding.rules,
      matched: Self.distinctRanges(coding.matches).map { match in
        let (wordStart, wordEnd) = scalarRange(match.range)
        let lower = min(max(0, match.range.start), utf8.count)
        let upper = min(max(lower, match.range.end), utf8.count)
        return MatchedWord(word: String(decoding: utf8[lower..<upper], as: UTF8.self), start: wordStart, end: wordEnd)
      },
      text: coding.text)
  }

  /// The matches with each byte range once, in order (two patterns may match the same words; the
  /// `matched` column lists words, not patterns).
  public static func distinctRanges(_ matches: [MatchedWords]) -> [MatchedWords] {
    var seen: Set<ByteRange> = []
    return matches.filter { seen.insert($0.range).inserted }
  }
}
