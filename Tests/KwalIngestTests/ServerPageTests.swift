import Foundation
@testable import KwalIngest
import KwalModel
import Testing

/// Pages kept under their server's file name (`.php`, `.aspx`, …): read as web pages, their
/// server code left out; a script without markup is refused. The layout of the first test is
/// that of an association's intranet templates in a public repository (a session check before
/// the page, the `<head>` from an include, minutes as prose under an `<h1>`).
@Suite("Server pages")
struct ServerPageTests {
  static let template = """
    <?php
    include_once('../config.php');
    if (!isset($_SESSION['username']) || $tries > 3) {
    \theader('location:index.php');
    \texit();
    }
    ?>
    <!DOCTYPE HTML>
    <html lang="nl-NL">
    \t<head>
    \t\t<?php include('../includes/head.inc'); ?>
    \t</head>
    <body>
    <?php include('../includes/navbar.inc'); ?>
    <div class="container verslag my-5">
    \t<h3 class="bluefont">2 februari 2021</h3>
    \t<h1 class="bluefont">Verslag bestuursvergadering 1 februari 2021</h1>
    \t<h5 class="bluefont">F. Bakker</h5>
    \t<p>We hebben teruggeblikt op de avond van vorige week, een geslaagd evenement.</p>
    \t<p>Het jaarverslag is vastgesteld. <?= $note ?> Het komt binnenkort beschikbaar.</p>
    </div>
    </body>
    </html>
    """

  @Test("A PHP template is read as its page: no server code in the text, titled by its <h1>, minutes")
  func phpTemplate() throws {
    let (document, _) = try Corpus.document(id: "verslag.php", data: Data(Self.template.utf8))
    #expect(document.title == "Verslag bestuursvergadering 1 februari 2021")
    #expect(document.kind == .minutes)
    #expect(document.text.contains("Het jaarverslag is vastgesteld."))
    for code in ["<?", "?>", "$_SESSION", "include", "3)", "exit"] {
      #expect(!document.text.contains(code), "\(code) in the text")
    }
  }

  @Test("Server code is blanked with its line ends kept; an XML declaration stays; an open block runs to the end")
  func blanking() throws {
    let page = try #require(ServerPage.html(from: Data("<p>a<?php if ($x > 1) {\n ?>b</p><% y %>".utf8)))
    #expect(
      String(decoding: page, as: UTF8.self) == "<p>a" + String(repeating: " ", count: 19) + "\n   b</p>"
        + String(repeating: " ", count: 7))
    let xml = try #require(ServerPage.html(from: Data("<?xml version=\"1.0\"?><html><body>x</body></html>".utf8)))
    #expect(String(decoding: xml, as: UTF8.self).hasPrefix("<?xml"))
    #expect(
      ServerPage.html(from: Data("<p>kept</p><?php echo '<div>'; ".utf8)).map { String(decoding: $0, as: UTF8.self) }
        == "<p>kept</p>" + String(repeating: " ", count: 20))
  }

  @Test("A saved .aspx page is a page; a script that only prints markup is refused with its file named")
  func savedAndScript() throws {
    let saved = "<html><head><title>Besluitenlijst raad</title></head><body><p>De raad besluit.</p></body></html>"
    let (document, _) = try Corpus.document(id: "raad/besluiten.aspx", data: Data(saved.utf8))
    #expect(document.title == "Besluitenlijst raad")
    #expect(document.text.contains("De raad besluit."))
    #expect(ServerPage.html(from: Data("<?php echo '<p>' . $x . '</p>'; ?>\n".utf8)) == nil)
    let error = #expect(throws: IngestError.self) {
      _ = try Corpus.document(id: "lib/util.php", data: Data("<?php\nfunction f() { return '<div>'; }\n".utf8))
    }
    #expect(error?.location?.file == "lib/util.php")
    #expect(error?.message.contains("not a web page") == true)
  }

  @Test("A corpus lists server pages as documents")
  func listed() {
    #expect(Corpus.supportedExtensions.isSuperset(of: ["php", "aspx", "jsp", "shtml"]))
  }
}
