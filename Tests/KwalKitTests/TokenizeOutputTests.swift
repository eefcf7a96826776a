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

  /// Pieces of every length are copied whole (short ones word by word), and numbers past ten
  /// thousand keep their high digits only while those stay the same.
  @Test func piecesOfEveryLengthAndNumbersThatGoBackAreWrittenWhole() {
    let source = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH".utf8)
    var written = Data()
    var expected = ""
    var output = TokenizeText.Output { written.append($0) }
    source.withUnsafeBufferPointer { bytes in
      for length in 0...source.count {
        output.append(UnsafeBufferPointer(rebasing: bytes[0..<length]))
        output.append(byte: 0x0A)
        expected += String(decoding: source[0..<length], as: UTF8.self) + "\n"
      }
    }
    for value in [10_000, 19_999, 20_000, 10_005, 123_456_789, 123_450_000, 99_999, 1_000_000_000_000, 12_345] {
      output.append(decimal: value)
      output.append(byte: 0x0A)
      expected += "\(value)\n"
    }
    output.finish()
    #expect(String(decoding: written, as: UTF8.self) == expected)
  }
}
