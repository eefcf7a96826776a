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

  @Test func nothingToStripAndUnclosedElements() {
    #expect(Self.strip("<p>Alleen tekst.</p>") == nil)
    // An unclosed script keeps the rest of the page for libxml2 to recover.
    #expect(Self.strip("<p>Voor</p><script>var a = 1;") == nil)
  }
}
