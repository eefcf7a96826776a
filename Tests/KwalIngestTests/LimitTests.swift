import Foundation
import KwalModel
import Testing

@testable import KwalIngest

@Suite("Size limits")
struct LimitTests {
  @Test func textOverTheLimitIsAClearError() throws {
    let data = Data(repeating: 0x61, count: (2 << 20) + 1)
    do {
      _ = try TextDecoding.decode(data, file: "groot.txt", limit: 2 << 20)
      Issue.record("expected an error")
    } catch {
      #expect(error.kind == .badData)
      #expect(error.description == "groot.txt: error: file too large (2 MiB; Kwal reads text files up to 2 MiB)")
    }
  }

  @Test func limitsAreGenerousForFieldwork() {
    #expect(TextDecoding.maximumBytes == 256 << 20)
    #expect(HTMLReader.maximumBytes == 64 << 20)
    #expect(DocxReader.maximumXMLBytes == 64 << 20)
  }
}

@Suite("HTML prefilter")
struct PrefilterTests {
  static func strip(_ html: String) -> String? {
    var copy = html
    return copy.withUTF8 { HTMLPrefilter.strip($0) }.map { String(decoding: $0, as: UTF8.self) }
  }

  @Test func scriptsStylesAndCommentsLoseTheirContents() {
    let html = """
      <html><head><script src="a.js" data-x="1>2">var a = "<p>niet</p>";</script><STYLE>p { color: red }</STYLE>
      <script type="application/ld+json">{"headline":"Kop"}</script></head>
      <body><!-- <script>weg</script> --><p>Tekst blijft.</p></body></html>
      """
    let stripped = Self.strip(html) ?? ""
    #expect(stripped.contains("<script src=\"a.js\" data-x=\"1>2\"></script>"))
    #expect(stripped.contains("<STYLE></STYLE>"))
    #expect(stripped.contains("{\"headline\":\"Kop\"}"))
    #expect(!stripped.contains("weg"))
    #expect(!stripped.contains("niet"))
    #expect(stripped.contains("<p>Tekst blijft.</p>"))
  }

  @Test func unreadAttributeValuesAreEmptied() {
    let html = """
      <html lang="nl"><head><meta name="author" content="Ans"><link rel="stylesheet" href="/a.css"></head>
      <body><div CLASS="inhoud" data-x='{"a":1}' id=hoofd><a href="https://x.nl/?a=1&b=2" title="Lees">Lees</a>
      <img src="a.jpg" srcset="a.jpg 1x, b.jpg 2x" alt="Foto" aria-hidden="true" style="x" role="img"/></div></body></html>
      """
    let stripped = Self.strip(html) ?? ""
    // What Kwal reads stays: class, id (unquoted), lang, meta name and content, aria-hidden, style, role.
    for kept in [
      "CLASS=\"inhoud\"", "id=hoofd", "lang=\"nl\"", "name=\"author\"", "content=\"Ans\"",
      "aria-hidden=\"true\"", "style=\"x\"", "role=\"img\"",
    ] {
      #expect(stripped.contains(kept), "\(kept)")
    }
    // The rest keeps its attribute, without the value.
    for emptied in ["href=\"\"", "data-x=''", "title=\"\"", "src=\"\"", "srcset=\"\"", "alt=\"\"", "rel=\"\""] {
      #expect(stripped.contains(emptied), "\(emptied)")
    }
    #expect(stripped.contains(">Lees</a>"))
    #expect(!stripped.contains("x.nl"))
  }

  @Test func startTagsLibxml2ReadsOtherwiseAreLeftAlone() {
    // An attribute name libxml2 does not accept makes it skip to the next space, quotes or not;
    // so do a value followed by junk and a lone slash: those tags keep every byte.
    for tag in [
      "<a 1x=\"een twee\" href=\"h\">", "<a / href=\"h\">", "<a href=\"h>",
      "<1a href=\"h\">", "< a href=\"h\">",
    ] {
      let page = "<p>Voor</p>" + tag + "tekst</a>"
      let stripped = Self.strip(page)
      #expect(stripped == nil || stripped?.contains(tag.prefix(12)) == true, "\(tag)")
    }
    // `<` and no ASCII letter is text for libxml2 (`<_x`, `<:x`), and so is what an end tag, a
    // doctype or a processing instruction holds up to its first `>`.
    for text in [
      "<p>a <_x href=\"geheim\">b</p>", "<p>a <:x href=\"geheim\">b</p>",
      "<?php echo '<a title=\"1>2\">'; ?>", "<!DOCTYPE x '<a title=\"1>2\">'>", "</p <a title=\"1>2\">>",
    ] {
      let stripped = Self.strip(text)
      #expect(stripped == nil || stripped == text, "\(text)")
    }
    // A name past libxml2's 100 bytes is cut by it: such a tag is left alone.
    let long = "<div data-" + String(repeating: "a", count: 95) + "-1=\"x>y\">t</div>"
    #expect(Self.strip(long) == nil || Self.strip(long) == long)
    // A page in another encoding keeps its attribute values.
    var other = "<a href=\"h\">t</a>"
    #expect(other.withUTF8 { HTMLPrefilter.strip($0, attributes: false) } == nil)
    // A value libxml2 has read is emptied even when a later part of the tag is left alone.
    #expect(Self.strip("<a href=\"h\" / x>t</a>") == "<a href=\"\" / x>t</a>")
    #expect(Self.strip("<a href=\"h\"title=\"y\">t</a>") == "<a href=\"\"title=\"y\">t</a>")
  }

  @Test func nothingToStripAndUnclosedElements() {
    #expect(Self.strip("<p>Alleen tekst.</p>") == nil)
    // An unclosed script keeps the rest of the page for libxml2 to recover.
    #expect(Self.strip("<p>Voor</p><script>var a = 1;") == nil)
  }
}

@Suite("HTML prefilter and extraction")
struct PrefilterExtractionTests {
  /// Pages whose attribute values hold what looks like markup: the text read is the same as
  /// libxml2 reads without the prefilter.
  @Test func emptiedValuesDoNotChangeTheText() throws {
    let body = """
      <article><p class="intro" data-json='{"tekst":"<b>niet</b>"}' title="a > b">Het project verbindt \
      partners in de stad, met komma's, met een lange zin die als inhoud telt.</p>\
      <p><a href="/x?a=<p>&amp;b" onclick="go('<div>')">Tweede alinea</a> met genoeg woorden \
      om ook mee te tellen, en nog een komma.</p><img src="x.jpg" alt="<h1>Kop</h1>"></article>
      """
    let html = "<html><head><title>T</title></head><body>" + body + "</body></html>"
    let read = try HTMLReader.read(Data(html.utf8), file: "a.html")
    #expect(read.text.contains("Het project verbindt partners"))
    #expect(read.text.contains("Tweede alinea met genoeg woorden"))
    #expect(!read.text.contains("niet"))
    #expect(!read.text.contains("Kop"))
  }
}

@Suite("HTML agenda headings")
struct AgendaHeadingTests {
  @Test func agendaHeadingsAreToldWithoutLowercasingLongText() {
    for heading in ["Agenda", "Agendapunten:", "  AGENDAPUNT ", "agendapunten"] {
      #expect(HTMLStructure.isAgendaHeading(heading), "\(heading)")
    }
    for other in [
      "Agenda en besluiten", "Agendapunten van de raad", String(repeating: "agenda ", count: 40), "", "Agendapuntenx",
    ] {
      #expect(!HTMLStructure.isAgendaHeading(other), "\(other)")
    }
  }
}

@Suite("File extensions")
struct FileExtensionTests {
  /// Read on bytes as Foundation reads them: `NSString.pathExtension` for names in a folder,
  /// `URL.pathExtension` (no extension when it holds a space) for the files of a corpus.
  @Test func extensionsAreFoundationsOnes() {
    let names = [
      "a.txt", ".txt", "a.", "a..txt", "a.b.DOCX", "noext", ".bashrc", "x/.y", "dir.d/file", "a b.Html", "é.TXT",
      "a.tar.gz", "..", ".", "a.t t", "a. t", "a.t ", "a.txt/", "/r/s/a.vtt", "a.t\u{A0}t", "a.tü", "", "/",
    ]
    for name in names {
      #expect(CorpusWalk.pathExtension(name) == (name as NSString).pathExtension[...], "\(name)")
      if !name.isEmpty, !name.hasSuffix("/") {
        let url = URL(fileURLWithPath: "/r/" + name, isDirectory: false)
        #expect(CorpusWalk.urlPathExtension("/r/" + name) == url.pathExtension[...], "\(name)")
        #expect(CorpusWalk.lastComponent("/r/" + name) == url.lastPathComponent[...], "\(name)")
      }
    }
  }
}
