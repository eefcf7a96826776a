import CLibXML2
import Foundation
import KwalModel
internal import KwalXML

/// Reads a parliament's sitting as TEI, the way ParlaMint publishes the debates of European
/// parliaments (the Tweede and Eerste Kamer in ParlaMint-NL, the Belgian Kamer in ParlaMint-BE):
/// `<TEI>` with a `teiHeader` and a `text`/`body` of `div`s, each with a `head` (the agenda
/// item), `note type="speaker"` (the speaker as printed: `De heer Laçin (SP)`) and `u`
/// utterances (`who`, `ana="#chair"`) of `seg` paragraphs.
///
/// Each `head` becomes a heading and each change of speaker a label line, `De heer Laçin (SP):`,
/// read as in a debate's text, so speaker, title, party and role come out as for the printed
/// Handelingen. Utterances of one speaker with only procedural notes between them are one turn.
/// An utterance without its speaker note (ParlaMint's samples cut utterances out, leaving a
/// `gap`) takes the note printed for the same `who` earlier, or `De voorzitter` for the chair, or
/// the name in `who` (`#KhadijaArib` → `Khadija Arib`). Procedural notes between utterances
/// (`De beraadslaging wordt gesloten.`), gaps and the descriptions of sounds and events are
/// nobody's words and are left out; a note inside an utterance stays, in brackets. The
/// linguistically annotated form (`.ana.xml`: `s`, `w` and `pc` elements, `join="right"` where
/// no space follows) gives the same text as the plain one.
///
/// A TEI document without utterances is read as text: its heads as headings, its paragraphs
/// (`p`, `ab`) as paragraphs, the kind found in the text.
enum TEIReader {
  static let namespace = "http://www.tei-c.org/ns/1.0"

  /// What a TEI file that holds no transcript is (ParlaMint's corpus root, its lists of people
  /// and organisations, its taxonomies), or nil for any other root.
  static func describesCorpus(rootName: String, namespace: String?) -> String? {
    guard namespace == Self.namespace else { return nil }
    switch rootName {
    case "teiCorpus": return "the header of a TEI corpus (<teiCorpus>), which names its sessions' files"
    case "listPerson", "listOrg", "listPlace": return "a TEI corpus's list of people or organisations (<\(rootName)>)"
    case "taxonomy", "classDecl", "prefixDef", "listPrefixDef": return "a TEI corpus's taxonomy (<\(rootName)>)"
    default: return nil
    }
  }

  static func extracted(tei: xmlNodePtr, file: String, forcedKind: DocumentKind?) throws(IngestError) -> Extracted {
    guard let text = XMLRead.firstChild(tei, named: "text") else {
      throw IngestError(.badData, "a TEI document without <text>", at: SourceLocation(file: file))
    }
    var reading = Reading()
    reading.collect(text, depth: 0)
    let transcript = reading.utterances > 0
    var extracted = DocxReader.extracted(
      from: reading.paragraphs, forcedKind: forcedKind ?? (transcript ? .debate : nil))
    if forcedKind == nil, transcript {
      extracted.kindReason =
        "kind debate: a TEI transcript of a parliament's sitting (ParlaMint), \(reading.utterances) utterances <u> with their speakers"
    }
    let header = XMLRead.firstChild(tei, named: "teiHeader")
    let language = XMLRead.attribute(tei, "lang") ?? XMLRead.attribute(text, "lang")
    if let title = header.flatMap({ title(in: $0, language: language) }) { extracted.title = title }
    if let date = header.flatMap(date(in:)) { extracted.date = date }
    return extracted
  }

  /// The paragraphs of a TEI `text`, with what is needed to label its speakers.
  private struct Reading {
    var paragraphs: [DocxReader.Paragraph] = []
    var utterances = 0
    /// The speaker note printed before the next utterance, if any.
    var pendingLabel: String?
    /// The note printed for each `who`, for utterances whose note is missing.
    var labels: [String: String] = [:]
    /// The speaker of the last utterance since the last heading.
    var lastSpeaker: String?

    mutating func collect(_ node: xmlNodePtr, depth: Int) {
      for element in XMLRead.elements(node) {
        switch XMLRead.name(element) {
        case "head":
          let heading = TEIReader.text(of: element)
          guard !heading.isEmpty else { continue }
          paragraphs.append(DocxReader.Paragraph(text: heading, hint: .heading(min(1 + depth, 4))))
          lastSpeaker = nil
          pendingLabel = nil
        case "note":
          if XMLRead.attribute(element, "type") == "speaker" {
            let label = TEIReader.text(of: element)
            if label.contains(where: \.isLetter) { pendingLabel = label }
          }
        // Other notes between utterances are procedural; nobody says them.
        case "u":
          utterance(element)
        case "p", "ab":
          let paragraph = TEIReader.text(of: element)
          if !paragraph.isEmpty { paragraphs.append(DocxReader.Paragraph(text: paragraph, hint: .none)) }
        case "gap", "vocal", "kinesic", "incident", "pause", "desc", "fw", "pb", "lb":
          break
        case "div", "div1", "div2", "div3":
          collect(element, depth: depth + 1)
        default:
          collect(element, depth: depth)
        }
      }
    }

    mutating func utterance(_ element: xmlNodePtr) {
      utterances += 1
      let who = XMLRead.attribute(element, "who").flatMap { $0.contains(where: \.isLetter) ? $0 : nil }
      let types = (XMLRead.attribute(element, "ana") ?? "").split(separator: " ")
      let chair = types.contains("#chair")
      let speaker = who ?? pendingLabel ?? ""
      if let who, let pendingLabel { labels[who] = pendingLabel }
      if speaker != lastSpeaker || speaker.isEmpty {
        // The note printed for the speaker; else the chair's title, the name in `who` (a
        // regular speaker is a member), or no one known.
        var role: SpeakerRole? = chair ? .chair : nil
        var label = pendingLabel ?? who.flatMap { labels[$0] }
        if label == nil {
          if chair {
            label = "De voorzitter"
          } else if let who {
            label = TEIReader.name(fromID: who)
            if types.contains("#regular") { role = .member }
          } else {
            label = "Onbekend"
          }
        }
        var line = label ?? "Onbekend"
        while line.hasSuffix(":") || line.hasSuffix(".") { line.removeLast() }
        paragraphs.append(DocxReader.Paragraph(text: line + ":", hint: .speakerLabel(role)))
      }
      pendingLabel = nil
      lastSpeaker = speaker
      var parts: [xmlNodePtr] = XMLRead.elements(element).filter { XMLRead.name($0) == "seg" }
      if parts.isEmpty { parts = [element] }
      for part in parts {
        let words = TEIReader.text(of: part)
        if !words.isEmpty { paragraphs.append(DocxReader.Paragraph(text: words, hint: .none)) }
      }
    }
  }

  /// The words of an element: its text, white space collapsed; tokens (`w`, `pc`) joined by a
  /// space unless `join` says otherwise; sounds, events and gaps left out; a note in brackets.
  static func text(of node: xmlNodePtr) -> String {
    var out = ""
    func append(_ piece: String) {
      for scalar in piece.unicodeScalars {
        if scalar.properties.isWhitespace {
          if !out.isEmpty, out.last != " " { out.append(" ") }
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    func walk(_ parent: xmlNodePtr, tokenised: Bool) {
      var child = parent.pointee.children
      while let current = child {
        defer { child = current.pointee.next }
        switch current.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
          // Between tokens the white space is layout; the tokens say where spaces go.
          guard let content = current.pointee.content else { continue }
          let piece = String(cString: content)
          if tokenised, piece.allSatisfy(\.isWhitespace) { continue }
          append(piece)
        case XML_ELEMENT_NODE:
          switch XMLRead.name(current) {
          case "w", "pc":
            let join = XMLRead.attribute(current, "join")
            if join == "left" || join == "both", out.last == " " { out.removeLast() }
            append(HandelingenReader.collapse(XMLRead.content(current)))
            if join != "right" && join != "both" { out.append(" ") }
          case "s", "name", "seg", "phr":
            walk(current, tokenised: tokenised || XMLRead.name(current) == "s")
          case "note":
            let note = HandelingenReader.collapse(XMLRead.content(current))
            guard !note.isEmpty else { continue }
            if !out.isEmpty, out.last != " " { out.append(" ") }
            append(note.hasPrefix("(") || note.hasPrefix("[") ? note : "(\(note))")
            out.append(" ")
          case "linkGrp", "link", "gap", "vocal", "kinesic", "incident", "pause", "desc", "fw", "pb", "lb", "spanGrp":
            break
          default:
            walk(current, tokenised: tokenised)
          }
        default:
          break
        }
      }
    }
    walk(node, tokenised: false)
    while out.last == " " { out.removeLast() }
    return out
  }

  /// A speaker's name from a TEI identifier: `#KhadijaArib` → `Khadija Arib`.
  static func name(fromID id: String) -> String {
    var name = ""
    var previous: Character?
    for character in id.drop(while: { $0 == "#" }) {
      if character == "_" || character == "." {
        name.append(" ")
      } else {
        if character.isUppercase, let previous, previous.isLowercase { name.append(" ") }
        name.append(character)
      }
      previous = character
    }
    return name
  }

  /// The sitting's title: the subtitle in the text's language (`Verslag van de vergadering van de
  /// Tweede Kamer, …`), else its main title, else the first title.
  private static func title(in header: xmlNodePtr, language: String?) -> String? {
    guard let fileDescription = XMLRead.firstChild(header, named: "fileDesc"),
      let statement = XMLRead.firstChild(fileDescription, named: "titleStmt")
    else { return nil }
    let titles = XMLRead.elements(statement).filter { XMLRead.name($0) == "title" }
    func first(type: String?) -> xmlNodePtr? {
      titles.first {
        (type == nil || XMLRead.attribute($0, "type") == type)
          && (language == nil || XMLRead.attribute($0, "lang") == language)
      }
    }
    return (first(type: "sub") ?? first(type: "main") ?? titles.first).map(text(of:)).flatMap { $0.isEmpty ? nil : $0 }
  }

  /// The sitting's date: the setting's (`profileDesc/settingDesc/setting/date/@when`), else the
  /// source's.
  private static func date(in header: xmlNodePtr) -> String? {
    var stack = [header]
    var sourceDate: String?
    while let current = stack.popLast() {
      let name = XMLRead.name(current)
      if name == "date", let parent = current.pointee.parent, let when = XMLRead.attribute(current, "when") {
        let parentName = XMLRead.name(parent)
        if parentName == "setting" { return when }
        if parentName == "bibl", sourceDate == nil { sourceDate = when }
      }
      stack += XMLRead.elements(current).reversed()
    }
    return sourceDate
  }
}
