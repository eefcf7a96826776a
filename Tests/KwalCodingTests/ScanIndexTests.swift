import Foundation
@testable import KwalCoding
import KwalTestSupport
@testable import KwalText
import Testing

/// The scan index finds every glob, compound and regex a word matches: it only leaves out atoms
/// whose required bytes the word lacks.
@Suite("The scan index")
struct ScanIndexTests {
  @Test func everyMatchingAtomIsACandidate() throws {
    let (codebook, _) = try Codebook.load(
      contentsOf: KwalProcess.packageRoot.appendingPathComponent("Codebooks/lastmile.yaml"), readingLearned: false)
    let compiled = CompiledCodebook(codebook)
    // Inflected and compound forms a part's forms must reach, and the words of real text.
    var words: Set<String> = [
      "straten", "winkelstraten", "brieven", "huizen", "bruggen", "subsidiepotten", "rijkssubsidie",
      "projectbudgetten", "samenwerkingsverbanden", "zero-emissiezones", "ab", "x",
    ]
    // The demo corpus, and the open field collection: public text nobody here wrote
    // (parliamentary papers, regulations, encyclopedia articles; bench/field/coding/open).
    var files: [URL] = []
    for folder in ["Corpus", "bench/field/coding/open"] {
      let root = KwalProcess.packageRoot.appendingPathComponent(folder)
      for case let url as URL in FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
      where ["txt", "csv"].contains(url.pathExtension) {
        files.append(url)
      }
    }
    for url in files {
      let text = try String(contentsOf: url, encoding: .utf8)
      for word in text.split(whereSeparator: { !$0.isLetter && $0 != "-" && $0 != "'" }) {
        words.insert(compiled.normalizer.normalize(String(word)))
      }
    }
    #expect(words.count > 2500)
    var candidates: [Int32] = []
    var checked = 0
    for word in words {
      compiled.scanIndex.candidates(word, into: &candidates)
      let offered = Set(candidates)
      for (position, atom) in compiled.scanAtoms.enumerated() {
        let matches: Bool
        switch compiled.atoms[Int(atom)] {
        case .glob(let glob, _): matches = glob.matches(word)
        case .compound(let part): matches = DutchCompounds.containsPart(part, in: word)
        case .regex(let source):
          matches =
            compiled.regexGlobs[atom]?.contains { $0.matches(word) }
            ?? ((try? Regex(source).wholeMatch(in: word)) != nil)
        case .word, .stem, .union: matches = false
        }
        if matches {
          checked += 1
          #expect(offered.contains(Int32(position)), "\(word) matches scan atom \(atom) but is not offered it")
        }
      }
    }
    #expect(checked > 100)
    // The index offers far fewer atoms than there are.
    compiled.scanIndex.candidates("overleg", into: &candidates)
    #expect(candidates.count * 5 < compiled.scanAtoms.count)
  }

  @Test func aCompoundsRequiredBytesAreInEveryForm() {
    for part in ["straat", "brief", "huis", "brug", "subsidie", "kind", "ei", "samenwerking"] {
      let compound = CompoundPart(part)
      let required = DutchCompounds.requiredBytes(of: compound)
      #expect(Array(part.utf8).starts(with: required))
      for form in compound.forms {
        #expect(form.form.starts(with: required), "\(part): \(String(decoding: form.form, as: UTF8.self))")
      }
    }
  }
}
