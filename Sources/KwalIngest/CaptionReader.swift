import Foundation
import KwalModel

/// Reads WebVTT (`.vtt`, Teams) and SubRip (`.srt`, Zoom) captions: cues are merged into speaker
/// turns, with the first cue's start and the last cue's end kept as `timestamp` and `end_timestamp`.
///
/// The plain text holds one turn per paragraph, `Speaker: text`; a turn's range covers its text,
/// not the label.
enum CaptionReader {
  struct Cue {
    var start: String
    var end: String
    var speaker: String?
    var text: String
  }

  static func read(_ data: Data, file: String, srt: Bool) throws(IngestError) -> Extracted {
    let decoded = try TextDecoding.decode(data, file: file)
    var diagnostics = decoded.diagnostics
    let lines = decoded.text.split(separator: "\n", omittingEmptySubsequences: false)
    if !srt, let first = lines.first(where: { !$0.trimmingSpaces().isEmpty }), !first.hasPrefix("WEBVTT") {
      diagnostics.append(
        Diagnostic(.warning, SourceLocation(file: file, line: 1), "no WEBVTT header; read as captions anyway"))
    }
    var cues: [Cue] = []
    var index = 0
    var skipping = false
    while index < lines.count {
      let line = lines[index].trimmingSpaces()
      if line.isEmpty {
        skipping = false
        index += 1
        continue
      }
      if skipping || line.hasPrefix("WEBVTT") || line.hasPrefix("NOTE") || line == "STYLE" || line == "REGION" {
        skipping = true
        index += 1
        continue
      }
      guard line.contains("-->") else {
        // A cue identifier (a number or a name) precedes the timing line.
        if index + 1 < lines.count, lines[index + 1].contains("-->") {
          index += 1
          continue
        }
        diagnostics.append(
          Diagnostic(.warning, SourceLocation(file: file, line: index + 1), "text outside a cue ignored"))
        skipping = true
        index += 1
        continue
      }
      let timing = line.components(separatedBy: "-->")
      let start = normaliseTime(timing[0])
      let end = normaliseTime(
        timing.count > 1 ? String(timing[1].trimmingSpaces().split(separator: " ").first ?? "") : "")
      guard let start, let end else {
        diagnostics.append(
          Diagnostic(
            .warning, SourceLocation(file: file, line: index + 1), "malformed cue timing \"\(line)\"; cue skipped"))
        skipping = true
        index += 1
        continue
      }
      if end < start {
        // Both are HH:MM:SS.mmm: the strings compare as the times do.
        diagnostics.append(
          Diagnostic(
            .warning, SourceLocation(file: file, line: index + 1), "cue ends at \(end), before it starts at \(start)"))
      }
      index += 1
      var payload: [String] = []
      while index < lines.count, !lines[index].trimmingSpaces().isEmpty {
        payload.append(String(lines[index]).trimmingSpaces())
        index += 1
      }
      // A cue may hold several speakers, a line each (`- Jan: …` / `- Piet: …`): a line with a
      // speaker of its own starts a new piece; a line without one continues the piece before it.
      var pieces: [(speaker: String?, parts: [String])] = []
      for raw in payload {
        let voice = voiceTag(raw)
        var text = dialogueDashRemoved(stripTags(raw))
        var speaker = voice
        if voice == nil, let (label, rest) = labelPrefix(text) {
          speaker = label
          text = rest
        }
        if pieces.isEmpty || (speaker != nil && speaker != pieces[pieces.count - 1].speaker) {
          pieces.append((speaker, []))
        }
        if !text.isEmpty { pieces[pieces.count - 1].parts.append(text) }
      }
      for piece in pieces {
        cues.append(Cue(start: start, end: end, speaker: piece.speaker, text: piece.parts.joined(separator: " ")))
      }
    }
    if cues.isEmpty, !decoded.text.trimmingSpaces().isEmpty {
      throw IngestError(.badData, "no caption cues found (not a WebVTT or SubRip file)", at: SourceLocation(file: file))
    }
    return merge(cues, diagnostics: diagnostics)
  }

  /// Merges consecutive cues of one speaker into a turn; a cue without a speaker continues the
  /// turn before it.
  static func merge(_ cues: [Cue], diagnostics: [Diagnostic]) -> Extracted {
    var text = ""
    var segments: [Segment] = []
    var speakers: Set<String> = []
    var current: (speaker: String?, start: String, end: String, body: [String])?
    func flush() {
      guard let turn = current, !turn.body.isEmpty else { return }
      if !text.isEmpty { text += "\n\n" }
      if let speaker = turn.speaker { text += speaker + ": " }
      let start = text.utf8.count
      text += turn.body.joined(separator: " ")
      let metadata = ["timestamp": turn.start, "end_timestamp": turn.end]
      segments.append(
        Segment(
          kind: turn.speaker == nil ? .paragraph : .turn, range: ByteRange(start, text.utf8.count),
          speaker: turn.speaker, metadata: metadata))
    }
    for cue in cues {
      if let speaker = cue.speaker { speakers.insert(speaker) }
      if var turn = current, cue.speaker == nil || cue.speaker == turn.speaker {
        if !cue.text.isEmpty { turn.body.append(cue.text) }
        turn.end = cue.end
        current = turn
      } else {
        flush()
        current = (cue.speaker, cue.start, cue.end, cue.text.isEmpty ? [] : [cue.text])
      }
    }
    flush()
    // The decoded text is NFC and so is every piece of it joined with ASCII: no renormalisation.
    segments = TextStructure.withBytes(of: text) { bytes in
      TextStructure(bytes: bytes, lines: [], markdown: false).withMarkers(segments)
    }
    return Extracted(
      text: text, segments: segments, kind: speakers.isEmpty ? .document : .interview, title: nil, date: nil,
      diagnostics: diagnostics,
      kindReason: speakers.isEmpty
        ? "kind document: captions without speakers" : "kind interview: captions with \(speakers.count) speaker(s)")
  }

  /// `00:01:02.500`, `01:02.500` or `00:01:02,500` as `HH:MM:SS.mmm`; nil when malformed.
  static func normaliseTime(_ raw: String) -> String? {
    let text = raw.trimmingSpaces().replacingOccurrences(of: ",", with: ".")
    let parts = text.split(separator: ":")
    guard parts.count == 2 || parts.count == 3 else { return nil }
    let secondsParts = parts[parts.count - 1].split(separator: ".")
    guard let whole = secondsParts.first, let seconds = Int(whole), seconds < 60, whole.count == 2 else { return nil }
    let millis = secondsParts.count > 1 ? Int(secondsParts[1].prefix(3)) ?? 0 : 0
    guard let minutes = Int(parts[parts.count - 2]), minutes < 60 else { return nil }
    let hours = parts.count == 3 ? Int(parts[0]) : 0
    guard let hours else { return nil }
    return String(format: "%02d:%02d:%02d.%03d", hours, minutes, seconds, millis)
  }

  /// The speaker of a `<v Name>` or `<v.loud Name>` voice tag.
  static func voiceTag(_ text: String) -> String? {
    guard let open = text.range(of: "<v") else { return nil }
    let after = text[open.upperBound...]
    guard let first = after.first, first == " " || first == "." else { return nil }
    guard let close = after.firstIndex(of: ">") else { return nil }
    var inside = after[..<close]
    if inside.first == "." { inside = inside.drop(while: { $0 != " " }) }
    let name = inside.trimmingSpaces()
    return name.isEmpty ? nil : name
  }

  /// The text without `<...>` tags, with the basic entities decoded.
  static func stripTags(_ text: String) -> String {
    var result = ""
    var inTag = false
    for character in text {
      if character == "<" {
        inTag = true
      } else if character == ">" && inTag {
        inTag = false
      } else if !inTag {
        result.append(character)
      }
    }
    return result.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&amp;", with: "&").trimmingSpaces()
  }

  /// A caption line without the dash that marks a new speaker in a two-person cue (`- Ja.`).
  static func dialogueDashRemoved(_ text: String) -> String {
    for dash in ["- ", "\u{2013} ", "\u{2014} "] where text.hasPrefix(dash) {
      return String(text.dropFirst(dash.count)).trimmingSpaces()
    }
    return text
  }

  /// `Name: text` with a name that looks like a speaker label.
  static func labelPrefix(_ text: String) -> (String, String)? {
    guard !text.isEmpty else { return nil }
    return TextStructure.withBytes(of: text) { bytes -> (String, String)? in
      let structure = TextStructure(bytes: bytes, lines: [], markdown: false)
      guard let label = structure.label(0, bytes.count), label.timestamp == nil, let content = label.content else {
        return nil
      }
      return (label.speaker, structure.string(content, bytes.count))
    }
  }
}
