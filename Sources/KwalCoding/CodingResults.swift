public import KwalModel
internal import Foundation

/// A unit of a coded document: its kind, byte range, token range and speaker.
public struct CodedUnit: Sendable, Hashable {
  /// The unit kind.
  public var kind: UnitKind
  /// The byte range in the document's plain text.
  public var range: ByteRange
  /// The speaker of the turn the unit is in.
  public var speaker: String?
  /// The speaker's role.
  public var role: SpeakerRole?
  /// The tokens of the unit (indices into the document's tokens).
  var tokens: Range<Int>
}

/// A coding as the engine finds it: integers only, no strings. ``DocumentCoding/codings`` turns
/// it into a ``Coding``; a writer can also read it directly (see ``DocumentCoding``).
public struct FoundCoding: Sendable, Hashable {
  /// The unit coded: an index into ``DocumentCoding/units``.
  public var unit: Int32
  /// The code: an index into ``CompiledCodebook/codeIDs``.
  public var code: Int32
  /// The rules that fired: a range of ``DocumentCoding/firedRules``.
  public var rules: Range<Int32>
  /// The matched words: a range of ``DocumentCoding/matched``.
  public var matches: Range<Int32>
  /// The learned cues' log-odds for this code in this sentence (NaN when the cues gave none: no
  /// cues, a code without cues, or a unit that is not a sentence). See ``cueProbability``.
  public var cueScore: Float = .nan

  /// The learned cues' model probability for this code in this sentence (nil when they gave
  /// none), before calibration (``CompiledCodebook/cueProbability(of:)`` calibrates it).
  public var cueProbability: Double? {
    cueScore.isNaN ? nil : 1 / (1 + exp(-Double(cueScore)))
  }
}

/// Words that made a rule fire, as the engine finds them.
public struct FoundMatch: Sendable, Hashable {
  /// The words' range, in UTF-8 byte offsets into the document's plain text.
  public var range: ByteRange
  /// The pattern: an index into ``CompiledCodebook/patternSources``.
  public var pattern: Int32
}

/// What coding one document gives: codings (byte offsets), the units codings may be counted by,
/// and counts.
public struct DocumentCoding: Sendable {
  /// The codebook the document was coded with.
  public let compiled: CompiledCodebook
  /// The document's id, case and plain text.
  public let document: String
  public let caseName: String
  public let text: String
  /// The codings in unit order (scope by scope), without strings.
  public var found: [FoundCoding]
  /// The rules of all codings (indices into ``CompiledCodebook/ruleIDs``), coding after coding.
  public var firedRules: [Int32]
  /// The matched words of all codings, coding after coding.
  public var matched: [FoundMatch]
  /// Every sentence, paragraph (block), turn, agenda item and the document itself.
  public var units: [CodedUnit]
  /// The number of tokens.
  public var tokenCount: Int
  /// The number of word and number tokens.
  public var wordCount: Int
  /// The number of sentences.
  public var sentenceCount: Int
  /// Words longer than ``CodingContext/longestMatchedWord`` bytes (pasted blobs, base64, emoji
  /// chains): how many, and the byte range of the first. Such words match only as whole words;
  /// no glob, compound, regex or learned cue is tried on them.
  public var longWords = 0
  public var firstLongWord: ByteRange?
  /// The document's distinct words (tokens' bytes) and which of them each sentence holds, in the
  /// layout of ``WordForms``: what the project store keeps so that, after an edit of a code's
  /// rules, a document in which the code cannot fire need not be read again
  /// (``CodingContext/mayFire(codes:wordForms:)``).
  public var wordForms: [UInt8] = []

  /// The codings, in unit order, with their strings (built on each access).
  public var codings: [Coding] {
    let utf8 = Array(text.utf8)
    return found.map { found in
      let unit = units[Int(found.unit)]
      let lower = min(unit.range.start, utf8.count)
      return Coding(
        document: document, caseName: caseName, unit: unit.kind, range: unit.range,
        code: compiled.codeIDs[Int(found.code)], coder: compiled.coderName,
        rules: firedRules[Int(found.rules.lowerBound)..<Int(found.rules.upperBound)].map {
          compiled.ruleIDs[Int($0)]
        },
        matches: matched[Int(found.matches.lowerBound)..<Int(found.matches.upperBound)].map {
          MatchedWords(range: $0.range, pattern: compiled.patternSources[Int($0.pattern)])
        },
        text: String(decoding: utf8[lower..<max(lower, min(unit.range.end, utf8.count))], as: UTF8.self))
    }
  }
}

/// The codings of a document being coded (see ``DocumentCoding``).
struct FoundCodings {
  var found: [FoundCoding] = []
  var rules: [Int32] = []
  var matches: [FoundMatch] = []
}
