import Foundation
import KwalAnalysis
import KwalModel
import Testing

@testable import KwalExport

@Suite("Ratings files read on bytes")
struct RatingsFileTests {
  /// What the ratings of `text` are when every field is made a string first (the reading the
  /// byte-level reader replaces).
  func reference(_ text: String) throws -> ReliabilityData {
    let table = try CSVTable.parse(Data(text.utf8), file: "r.csv")
    let unit = try table.column("unit", file: "r.csv")
    let coder = try table.column("coder", file: "r.csv")
    let value = try table.column("value", file: "r.csv")
    let ratings = table.rows.map { row in
      let rated = row[value].trimmingCharacters(in: .whitespaces)
      return Rating(
        unit: row[unit].trimmingCharacters(in: .whitespaces), coder: row[coder].trimmingCharacters(in: .whitespaces),
        value: rated.isEmpty ? nil : rated)
    }
    return try ReliabilityData.fromRatings(ratings)
  }

  func read(_ text: String) throws -> ReliabilityData {
    try ReliabilityData.fromIndexed(try RatingsFile.read(Data(text.utf8), file: "r.csv"))
  }

  /// Random files (spaces and no-break spaces around fields, quoted fields, missing values,
  /// numbers written two ways, extra columns) give the same reliability data both ways.
  @Test func randomFilesGiveWhatStringFieldsGive() throws {
    var random = SplitMix64(seed: 11)
    let values = ["1", "2", "1.0", " 3", "", "\u{00A0}2", "\"4\""]
    let labels = ["ja", "nee", "\"misschien, wel\"", "", " ja "]
    for round in 0..<300 {
      let numeric = round % 2 == 0
      var text = round % 3 == 0 ? "note,value,coder,unit\n" : "unit,coder,value\n"
      var seen = Set<String>()
      for _ in 0..<(1 + Int.random(in: 0..<40, using: &random)) {
        let unit = "z\(Int.random(in: 0..<12, using: &random))"
        let coder = ["anna", " bram", "cees\t"][Int.random(in: 0..<3, using: &random)]
        guard seen.insert(unit + coder.trimmingCharacters(in: .whitespaces)).inserted else { continue }
        let pool = numeric ? values : labels
        let value = pool[Int.random(in: 0..<pool.count, using: &random)]
        text += round % 3 == 0 ? "x,\(value),\(coder),\(unit)\n" : "\(unit),\(coder),\(value)\n"
      }
      if seen.isEmpty { continue }
      #expect(try read(text) == reference(text), "\(text)")
    }
  }

  /// A file large enough to be read in pieces gives what one reading gives, names numbered in
  /// the order first seen over the whole file.
  @Test func largeFilesReadInPiecesNumberNamesAsOneReading() throws {
    var text = "unit,coder,value\n"
    for unit in 0..<60_000 {
      for coder in ["anna", "bram", "cees"] where (unit + coder.count) % 7 != 0 {
        text += "\"u\(unit % 2 == 0 ? unit : 60_000 - unit)\",\(coder),\((unit * 31 + coder.count) % 5)\n"
      }
    }
    #expect(text.utf8.count > 1 << 21)
    let data = try read(text)
    #expect(data == (try reference(text)))
    #expect(data.units.first == "u0")
    #expect(data.coders == ["anna", "bram", "cees"])
  }

  /// Errors name the physical line, counting line breaks inside quoted fields.
  @Test func errorsNameThePhysicalLine() throws {
    let text = "unit,coder,value\nz1,anna,\"twee\nregels\"\nz2,anna,ja\nz1,anna,nee\n"
    let bytes = Data(text.utf8)
    let ratings = try RatingsFile.read(bytes, file: "r.csv")
    let lines = RatingsFile.lines(bytes)
    #expect(lines == [2, 4, 5])
    let error = #expect(throws: AnalysisError.self) {
      try ReliabilityData.fromIndexed(ratings) { SourceLocation(file: "r.csv", line: lines[$0]) }
    }
    #expect(error?.location?.line == 5)
    #expect(error?.message.contains("first at r.csv:2") == true)

    let empty = #expect(throws: ExportError.self) {
      try RatingsFile.read(Data("unit,coder,value\nz1,anna,1\n\"\nx\",  ,2\n".utf8), file: "r.csv")
    }
    #expect(empty?.location?.line == 3)
    #expect(empty?.message == "empty coder")
  }
}
