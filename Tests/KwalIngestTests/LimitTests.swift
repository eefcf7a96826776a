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
