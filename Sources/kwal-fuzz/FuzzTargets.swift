import Foundation
import KwalAnalysis
import KwalCoding
import KwalExport
import KwalIngest
import KwalModel
import KwalText

/// The parsers Kwal exposes to files from elsewhere, each as a function of one input's bytes.
///
/// A target must never crash, hang or use unbounded memory, whatever the bytes; errors are
/// fine (they are the parser's job). Built with `-sanitize=fuzzer` (`make fuzz`), libFuzzer feeds
/// them; built normally, `kwal-fuzz TARGET FILE…` replays saved inputs (a crash's reproducer).
enum FuzzTarget: String, CaseIterable {
  case tokenizer, html, docx, captions, text, xml, codebook, manifest, qdpx, qdc, csv

  /// A folder of this process for the inputs that must be files.
  static let scratch: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kwal-fuzz-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }()

  /// The target named by `KWAL_FUZZ_TARGET` (libFuzzer owns the command line).
  static let current: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["KWAL_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
      FileHandle.standardError.write(
        Data("set KWAL_FUZZ_TARGET to one of: \(allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
      exit(64)
    }
    return target
  }()

  /// Runs the target on one input.
  func run(_ data: Data) {
    switch self {
    case .tokenizer:
      let text = String(decoding: data, as: UTF8.self)
      let analyzed = TextAnalyzer().analyze(text, lexicon: Lexicon())
      // Every token and sentence lies inside the text, in order.
      let count = text.utf8.count
      var previous = 0
      for token in analyzed.tokens {
        precondition(Int(token.start) >= previous && token.start < token.end && Int(token.end) <= count)
        previous = Int(token.end)
      }
    case .html:
      readDocument(data, named: "page.html")
      readDocument(data, named: "page.php")
    case .xml: readDocument(data, named: "handelingen.xml")
    case .docx: readDocument(data, named: "document.docx")
    case .captions:
      readDocument(data, named: "captions.vtt")
      readDocument(data, named: "captions.srt")
    case .text:
      readDocument(data, named: "transcript.txt")
      readDocument(data, named: "notes.md")
      readDocument(data, named: "notes.org")
    case .codebook:
      let url = write(data, named: "codebook.yaml")
      if let (codebook, _) = try? Codebook.load(contentsOf: url, readingLearned: false) {
        _ = CompiledCodebook(codebook)
      }
    case .manifest:
      let folder = Self.scratch.appendingPathComponent("manifest")
      try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      _ = write(data, named: "manifest/corpus.yaml")
      _ = write(Data("R1: tekst.\n".utf8), named: "manifest/a.txt")
      if let corpus = try? Corpus.open(folder) {
        for entry in corpus.entries { _ = try? corpus.document(entry) }
      }
    case .qdpx: _ = try? QDPXReader.read(write(data, named: "project.qdpx"))
    case .qdc: _ = try? QDCReader.read(write(data, named: "codebook.qdc"))
    case .csv:
      _ = try? CSVTable.parse(data, file: "input.csv")
      _ = try? CodingFiles.readCodings(write(data, named: "codings.csv"))
      _ = try? CodingFiles.units(csv: data, file: "units.csv")
      if let ratings = try? RatingsFile.read(data, file: "ratings.csv") {
        _ = try? ReliabilityData.fromIndexed(ratings)
        _ = RatingsFile.lines(data)
      }
    }
  }

  private func write(_ data: Data, named name: String) -> URL {
    let url = Self.scratch.appendingPathComponent(name)
    try? data.write(to: url)
    return url
  }

  private func readDocument(_ data: Data, named name: String) {
    let url = write(data, named: name)
    guard let corpus = try? Corpus.open(files: [url]) else { return }
    for entry in corpus.entries {
      guard let (document, _) = try? corpus.document(entry) else { continue }
      // Every segment lies inside the text.
      let count = document.text.utf8.count
      for segment in document.segments {
        precondition(segment.range.start <= segment.range.end && segment.range.end <= count)
      }
    }
  }
}

#if KWAL_FUZZ
  /// libFuzzer's entry point: one input.
  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzOne(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTarget.current.run(bytes.map { Data(bytes: $0, count: size) } ?? Data())
    return 0
  }

  @_silgen_name("LLVMFuzzerRunDriver")
  func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  ) -> CInt

  /// The executable's entry point (SwiftPM names it after the module): libFuzzer's driver.
  @_cdecl("kwal_fuzz_main")
  func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, fuzzOne)
  }
#else
  /// Replays saved inputs: `kwal-fuzz TARGET FILE…`.
  @main
  struct Replay {
    static func main() {
      let arguments = Array(CommandLine.arguments.dropFirst())
      guard let name = arguments.first, let target = FuzzTarget(rawValue: name), arguments.count > 1 else {
        print("usage: kwal-fuzz TARGET FILE… (targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")))")
        exit(64)
      }
      for file in arguments.dropFirst() {
        guard let data = FileManager.default.contents(atPath: file) else {
          print("\(file): cannot read")
          exit(66)
        }
        target.run(data)
        print("\(file): ok")
      }
    }
  }
#endif
