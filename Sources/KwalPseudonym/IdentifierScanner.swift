/// Finds identifiers other than names: e-mail addresses, URLs, telephone numbers (Dutch and
/// international), Dutch postcodes, street addresses with a house number, IBANs (checked with
/// their mod-97 check digits) and BSN-like numbers (nine digits that pass the elfproef).
///
/// Each is a small scanner over the text's scalars; the checks are the published ones (ISO 13616
/// for the IBAN, the elfproef for the BSN), so a random number rarely passes for one.
enum IdentifierScanner {
  /// One identifier: scalar offsets and its kind.
  struct Found: Equatable {
    var start: Int
    var end: Int
    var kind: IdentifierKind
  }

  /// Every identifier in `scalars`, in text order, without overlaps (the longest wins).
  static func scan(_ scalars: [Unicode.Scalar]) -> [Found] {
    var found: [Found] = []
    found += emails(scalars)
    found += urls(scalars)
    found += ibans(scalars)
    found += postcodes(scalars)
    found += phones(scalars)
    found += bsns(scalars)
    found += addresses(scalars, postcodes: found.filter { $0.kind == .postcode })
    return resolveOverlaps(found)
  }

  static func resolveOverlaps(_ found: [Found]) -> [Found] {
    let ordered = found.sorted { ($0.start, -($0.end - $0.start)) < ($1.start, -($1.end - $1.start)) }
    var result: [Found] = []
    for item in ordered {
      if let last = result.last, item.start < last.end { continue }
      result.append(item)
    }
    return result
  }

  // MARK: Character classes

  private static func isASCIILetter(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) || ("A"..."Z").contains(s) }
  private static func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
  private static func isUpper(_ s: Unicode.Scalar) -> Bool { ("A"..."Z").contains(s) }
  private static func isAlphanumeric(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic || isDigit(s) }

  private static func before(_ scalars: [Unicode.Scalar], _ index: Int) -> Unicode.Scalar? {
    index > 0 ? scalars[index - 1] : nil
  }

  // MARK: E-mail and URL

  static func emails(_ scalars: [Unicode.Scalar]) -> [Found] {
    var found: [Found] = []
    let local: (Unicode.Scalar) -> Bool = { isASCIILetter($0) || isDigit($0) || "._%+-".unicodeScalars.contains($0) }
    let domain: (Unicode.Scalar) -> Bool = { isASCIILetter($0) || isDigit($0) || $0 == "." || $0 == "-" }
    for (at, scalar) in scalars.enumerated() where scalar == "@" {
      var start = at
      while start > 0, local(scalars[start - 1]) { start -= 1 }
      var end = at + 1
      while end < scalars.count, domain(scalars[end]) { end += 1 }
      while end > at + 1, scalars[end - 1] == "." || scalars[end - 1] == "-" { end -= 1 }
      while start < at, scalars[start] == "." { start += 1 }
      guard start < at, end > at + 1 else { continue }
      let host = scalars[(at + 1)..<end]
      guard let dot = host.lastIndex(of: "."), end - dot - 1 >= 2 else { continue }
      found.append(Found(start: start, end: end, kind: .email))
    }
    return found
  }

  static func urls(_ scalars: [Unicode.Scalar]) -> [Found] {
    var found: [Found] = []
    var index = 0
    let count = scalars.count
    func hasPrefix(_ prefix: String, at position: Int) -> Bool {
      var offset = position
      for expected in prefix.unicodeScalars {
        guard offset < count, scalars[offset].properties.lowercaseMapping == String(expected) else { return false }
        offset += 1
      }
      return true
    }
    while index < count {
      let startsWord = index == 0 || !isAlphanumeric(scalars[index - 1])
      if startsWord, hasPrefix("http://", at: index) || hasPrefix("https://", at: index) || hasPrefix("www.", at: index)
      {
        var end = index
        while end < count, !scalars[end].properties.isWhitespace, scalars[end] != "<", scalars[end] != ">",
          scalars[end] != "\"", scalars[end] != "]"
        {
          end += 1
        }
        while end > index, ".,;:!?)'’\"".unicodeScalars.contains(scalars[end - 1]) { end -= 1 }
        if end - index > 4 { found.append(Found(start: index, end: end, kind: .url)) }
        index = max(end, index + 1)
        continue
      }
      // A bare host with a path (`twitter.com/naam`).
      if startsWord, isASCIILetter(scalars[index]) {
        var end = index
        var dots = 0
        while end < count,
          isASCIILetter(scalars[end]) || isDigit(scalars[end]) || scalars[end] == "." || scalars[end] == "-"
        {
          if scalars[end] == "." { dots += 1 }
          end += 1
        }
        if dots >= 1, end < count, scalars[end] == "/", end > index, scalars[end - 1] != ".",
          end + 1 < count, isAlphanumeric(scalars[end + 1])
        {
          let host = String(String.UnicodeScalarView(scalars[index..<end])).lowercased()
          if let tld = host.split(separator: ".").last,
            ["nl", "com", "org", "net", "be", "eu", "de", "io"].contains(String(tld))
          {
            var stop = end
            while stop < count, !scalars[stop].properties.isWhitespace { stop += 1 }
            while stop > end, ".,;:!?)'’\"".unicodeScalars.contains(scalars[stop - 1]) { stop -= 1 }
            found.append(Found(start: index, end: stop, kind: .url))
            index = stop
            continue
          }
        }
        index = max(end, index + 1)
        continue
      }
      index += 1
    }
    return found
  }

  // MARK: Numbers

  /// IBANs: two letters, two check digits, then letters and digits (spaces between groups);
  /// the longest run that passes mod-97.
  static func ibans(_ scalars: [Unicode.Scalar]) -> [Found] {
    var found: [Found] = []
    let count = scalars.count
    var index = 0
    while index + 4 < count {
      guard isUpper(scalars[index]), isUpper(scalars[index + 1]), isDigit(scalars[index + 2]),
        isDigit(scalars[index + 3]),
        before(scalars, index).map({ !isAlphanumeric($0) }) ?? true
      else {
        index += 1
        continue
      }
      var characters: [Unicode.Scalar] = []
      var ends: [Int] = []
      var position = index
      while position < count, characters.count < 34 {
        let scalar = scalars[position]
        if isUpper(scalar) || isDigit(scalar) {
          characters.append(scalar)
          ends.append(position + 1)
        } else if scalar == " ", position + 1 < count, isUpper(scalars[position + 1]) || isDigit(scalars[position + 1])
        {
          // a space between groups
        } else {
          break
        }
        position += 1
      }
      var matched = false
      for length in stride(from: characters.count, through: 15, by: -1) where passesMod97(Array(characters[0..<length]))
      {
        let end = ends[length - 1]
        if end < count, isAlphanumeric(scalars[end]) { continue }
        found.append(Found(start: index, end: end, kind: .iban))
        index = end
        matched = true
        break
      }
      if !matched { index += 1 }
    }
    return found
  }

  static func passesMod97(_ iban: [Unicode.Scalar]) -> Bool {
    guard iban.count >= 15 else { return false }
    let rearranged = iban[4...] + iban[..<4]
    var remainder = 0
    for scalar in rearranged {
      if isDigit(scalar) {
        remainder = (remainder * 10 + Int(scalar.value - 48)) % 97
      } else {
        let value = Int(scalar.value) - 55
        remainder = (remainder * 100 + value) % 97
      }
    }
    return remainder == 1
  }

  /// Dutch postcodes: `1234 AB` or `1234AB` (not SA, SD, SS).
  static func postcodes(_ scalars: [Unicode.Scalar]) -> [Found] {
    var found: [Found] = []
    let count = scalars.count
    for index in 0..<count where isDigit(scalars[index]) && scalars[index] != "0" {
      guard before(scalars, index).map({ !isAlphanumeric($0) }) ?? true, index + 5 < count + 1 else { continue }
      guard index + 4 <= count, scalars[index..<(index + 4)].allSatisfy(isDigit) else { continue }
      var position = index + 4
      if position < count, scalars[position] == " " { position += 1 }
      guard position + 2 <= count, isUpper(scalars[position]), isUpper(scalars[position + 1]) else { continue }
      let letters = String(String.UnicodeScalarView(scalars[position..<(position + 2)]))
      guard !["SA", "SD", "SS"].contains(letters) else { continue }
      if position + 2 < count, isAlphanumeric(scalars[position + 2]) { continue }
      found.append(Found(start: index, end: position + 2, kind: .postcode))
    }
    return found
  }

  /// Telephone numbers: a national Dutch number (10 digits from a leading 0) or an international
  /// one (`+` or `00`, 11 to 15 digits), with spaces, hyphens, dots, slashes or `(0)` between groups.
  static func phones(_ scalars: [Unicode.Scalar]) -> [Found] {
    var found: [Found] = []
    let count = scalars.count
    var index = 0
    while index < count {
      let scalar = scalars[index]
      let opens = scalar == "+" || scalar == "0" || (scalar == "(" && index + 1 < count && scalars[index + 1] == "0")
      guard opens, before(scalars, index).map({ !isAlphanumeric($0) && $0 != "." && $0 != "," }) ?? true else {
        index += 1
        continue
      }
      var position = index
      var digits = 0
      var lastDigit = index
      while position < count, position - index < 24 {
        let next = scalars[position]
        if isDigit(next) {
          digits += 1
          lastDigit = position
        } else if !(next == " " || next == "-" || next == "." || next == "/" || next == "(" || next == ")"
          || (next == "+" && position == index))
        {
          break
        }
        position += 1
      }
      let end = lastDigit + 1
      let international = scalar == "+" || (scalar == "0" && index + 1 < count && scalars[index + 1] == "0")
      // The account part of an IBAN with wrong check digits (`NL92 ABNA 0417 1643 00`) is no phone.
      let afterBankCode =
        index >= 5 && scalars[index - 1] == " " && scalars[(index - 5)..<(index - 1)].allSatisfy(isUpper)
      let valid = international ? (11...16).contains(digits) : digits == 10
      if valid, !afterBankCode, digits > 0, end >= count || !isAlphanumeric(scalars[end]) {
        found.append(Found(start: index, end: end, kind: .phone))
        index = end
        continue
      }
      index += 1
    }
    return found
  }

  /// BSN-like numbers: nine digits (or nine single digits with spaces) that pass the elfproef,
  /// unless the words before call it a company, tax or chamber-of-commerce number.
  static func bsns(_ scalars: [Unicode.Scalar]) -> [Found] {
    var found: [Found] = []
    let count = scalars.count
    var index = 0
    while index < count {
      guard isDigit(scalars[index]),
        before(scalars, index).map({ !isAlphanumeric($0) && $0 != "." && $0 != "," }) ?? true
      else {
        index += 1
        continue
      }
      var digits: [Int] = []
      var position = index
      var spaced = false
      while position < count, digits.count < 10 {
        if isDigit(scalars[position]) {
          digits.append(Int(scalars[position].value - 48))
          position += 1
        } else if scalars[position] == " ", digits.count < 9, position + 1 < count, isDigit(scalars[position + 1]),
          spaced || digits.count == 1
        {
          spaced = true
          position += 1
        } else {
          break
        }
        // Spaced digits are single digits only.
        if spaced, position < count, isDigit(scalars[position]), position > 0, isDigit(scalars[position - 1]) { break }
      }
      let end = position
      if digits.count == 9, end >= count || !isAlphanumeric(scalars[end]), passesElfproef(digits),
        !companyNumberContext(scalars, index)
      {
        found.append(Found(start: index, end: end, kind: .bsn))
        index = end
        continue
      }
      index = max(index + 1, position)
    }
    return found
  }

  static func passesElfproef(_ digits: [Int]) -> Bool {
    guard digits.count == 9 else { return false }
    var sum = 0
    for (offset, digit) in digits.enumerated() { sum += (offset == 8 ? -1 : 9 - offset) * digit }
    return sum % 11 == 0 && sum != 0
  }

  private static func companyNumberContext(_ scalars: [Unicode.Scalar], _ index: Int) -> Bool {
    let start = max(0, index - 40)
    let context = String(String.UnicodeScalarView(scalars[start..<index])).lowercased()
    return ["rsin", "kvk", "btw", "fiscaal", "kamer van koophandel", "incassant", "vat"].contains {
      context.contains($0)
    }
  }

  // MARK: Addresses

  /// Street suffixes of Dutch addresses (`Kerkstraat 10`, `Lijsterbeslaan 57`).
  static let streetSuffixes = [
    "straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dijk", "steeg", "pad", "hof", "park", "dreef",
    "baan", "markt", "veld", "erf", "burg", "wal", "haven", "plantsoen", "boulevard", "allee", "ring", "hoek", "dam",
    "brink", "straatje", "kamp", "rade", "berg", "wijk", "zijde", "oord", "gaarde", "kwartier",
  ]

  /// Addresses: one to three capitalised words ending in a street suffix, or followed by a
  /// postcode, or `Postbus`, then a house number (`10`, `10a`, `10-2`).
  static func addresses(_ scalars: [Unicode.Scalar], postcodes: [Found]) -> [Found] {
    let tokens = NameTokens(String(String.UnicodeScalarView(scalars))).tokens
    var found: [Found] = []
    for (index, token) in tokens.enumerated() where token.kind == .number && index > 0 {
      let street = tokens[index - 1]
      guard street.kind == .word, street.isCapitalised, street.end < token.start,
        scalars[street.end..<token.start].allSatisfy({ $0 == " " || $0 == "\u{A0}" })
      else { continue }
      var end = token.end
      if index + 1 < tokens.count, tokens[index + 1].start == end, tokens[index + 1].kind == .word,
        tokens[index + 1].text.count <= 2
      {
        end = tokens[index + 1].end
      }
      let name = street.text.lowercased()
      let suffix = streetSuffixes.contains { name.hasSuffix($0) && name.count > $0.count + 1 } || name == "postbus"
      let postcodeFollows = postcodes.contains { $0.start >= end && $0.start - end <= 3 }
      guard suffix || postcodeFollows else { continue }
      // Street names of two or three words (`Oude Kerkstraat`).
      var start = street.start
      var first = index - 1
      while first > 0, index - first < 3, tokens[first - 1].kind == .word, tokens[first - 1].isCapitalised,
        !tokens[first - 1].startsSentence || tokens[first - 1].afterLineBreak == false,
        tokens[first - 1].end + 1 == tokens[first].start,
        ["Oude", "Nieuwe", "Korte", "Lange", "Groot", "Klein", "Sint", "Van"].contains(tokens[first - 1].text)
      {
        first -= 1
        start = tokens[first].start
      }
      found.append(Found(start: start, end: end, kind: .address))
    }
    return found
  }
}

/// What an identifier is; its raw value is the kind written to the key file and the report.
public enum IdentifierKind: String, Sendable, Hashable, CaseIterable {
  case person
  case speaker
  case email
  case phone
  case address
  case postcode
  case iban
  case bsn
  case url

  /// The placeholder in running text (`[e-mail]`); persons get a numbered one.
  public var placeholder: String {
    switch self {
    case .person, .speaker: return "[persoon]"
    case .email: return "[e-mail]"
    case .phone: return "[telefoon]"
    case .address: return "[adres]"
    case .postcode: return "[postcode]"
    case .iban: return "[iban]"
    case .bsn: return "[bsn]"
    case .url: return "[url]"
    }
  }
}
