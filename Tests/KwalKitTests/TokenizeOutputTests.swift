import Foundation
import Testing

@testable import KwalKit

/// The byte writer behind `kwal tokenize`: numbers in decimal at every digit count.
@Suite("Token output")
struct TokenizeOutputTests {
  @Test func numbersAreWrittenAsDecimalDigits() {
    var values = [0, 1, 9, 10, 11, 99, 100, 101, 999, 1_000, 65_535, 99_999_999, 100_000_000, Int.max]
    var power = 1
    while power < Int.max / 10 {
      values += [power - 1, power, power + 1]
      power *= 10
    }
    var written = Data()
    var output = TokenizeText.Output { written.append($0) }
    for value in values {
      output.append(decimal: value)
      output.append(byte: 0x0A)
    }
    output.finish()
    #expect(String(decoding: written, as: UTF8.self) == values.map { "\($0)\n" }.joined())
  }
}
