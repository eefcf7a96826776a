import Foundation
import KwalModel

/// Dutch and ISO dates to `YYYY-MM-DD`.
enum DutchDate {
  static let months: [String: Int] = [
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "mar": 3, "april": 4, "apr": 4, "mei": 5,
    "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8, "october": 10,
  ]

  /// Parses `2019-05-14`, `14-05-2019`, `14/5/2019`, `14.05.2019`, `dinsdag 14 mei 2019`, `14 mei '19`
  /// or an ISO timestamp; nil when there is no date.
  static func parse(_ text: String) -> String? {
    let tokens = text.lowercased().split(whereSeparator: {
      !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "/" || $0 == ".")
    })
    for (index, token) in tokens.enumerated() {
      let parts = token.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." }).map(String.init)
      if parts.count >= 3, let a = Int(parts[0]), let b = Int(parts[1]) {
        let cDigits = parts[2].prefix(while: \.isNumber)
        guard let c = Int(cDigits) else { continue }
        if parts[0].count == 4 { return format(a, b, c) }
        if parts[2].count >= 4 || cDigits.count == 4 { return format(c, b, a) }
      }
      if let day = Int(token), day >= 1, day <= 31, index + 2 < tokens.count,
        let month = months[String(tokens[index + 1]).trimming(chars: ".")]
      {
        let yearText = String(tokens[index + 2])
        if let year = Int(yearText) { return format(year < 100 ? 2000 + year : year, month, day) }
      }
    }
    return nil
  }

  static func format(_ year: Int, _ month: Int, _ day: Int) -> String? {
    guard year >= 1000, year <= 2999, month >= 1, month <= 12, day >= 1, day <= 31 else { return nil }
    let m = month < 10 ? "0\(month)" : "\(month)"
    let d = day < 10 ? "0\(day)" : "\(day)"
    return "\(year)-\(m)-\(d)"
  }
}
