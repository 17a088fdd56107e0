import Foundation

/// How text compares when sorted.
public enum Collation: String, Sendable, CaseIterable {
  /// By UTF-8 bytes (code points): DuckDB's and PRQL's default.
  case binary
  /// Vietnamese alphabetical order (a ă â b c d đ e ê … y), tones after letters (a à ả ã á ạ),
  /// lower case before upper, spaces and punctuation before digits before letters: the order
  /// of ICU's `vi` collation, which DuckDB (`COLLATE vi`) and PostgreSQL (`vi-x-icu`) use.
  case vietnamese = "vi"

  /// The ranks of `strings` under this collation: equal ranks for strings that compare equal
  /// (NFC and NFD spellings of one name), so sorting by rank sorts by the collation.
  public func ranks(_ strings: [String]) -> [Int64] {
    switch self {
    case .binary:
      return Self.ranks(strings, sortedBy: { $0.utf8.lexicographicallyPrecedes($1.utf8) }, equal: { $0.utf8.elementsEqual($1.utf8) })
    case .vietnamese:
      let keys = strings.map(VietnameseCollation.key)
      var rank = [Int64](repeating: 0, count: strings.count)
      let order = strings.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
      var current: Int64 = -1
      var previous: [UInt32]? = nil
      for index in order {
        if previous != keys[index] { current += 1; previous = keys[index] }
        rank[index] = current
      }
      return rank
    }
  }

  private static func ranks(_ strings: [String], sortedBy before: (String, String) -> Bool, equal: (String, String) -> Bool) -> [Int64] {
    let order = strings.indices.sorted { before(strings[$0], strings[$1]) }
    var rank = [Int64](repeating: 0, count: strings.count)
    var previous: String? = nil
    var current: Int64 = -1
    for index in order {
      // Equal by bytes, not by Swift's canonical equivalence ("é" vs "e\u{301}").
      if previous.map({ !equal($0, strings[index]) }) ?? true { current += 1; previous = strings[index] }
      rank[index] = current
    }
    return rank
  }
}

/// Sort keys for Vietnamese order, in three levels as a collation does: letters first (the base
/// letters of the whole string), then tones and other marks, then case. A key is the three
/// levels' weights joined by 0, so keys compare as plain arrays.
public enum VietnameseCollation {
  /// The 29 Vietnamese letters and f, j, w, z in their Latin places.
  static let alphabet: [String] = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "ô", "ơ", "p", "q",
    "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
  ]
  static let letterWeight: [String: UInt32] = Dictionary(
    uniqueKeysWithValues: alphabet.enumerated().map { ($1, UInt32(1_000 + $0)) })
  /// Tones in dictionary order after the level tone: huyền, hỏi, ngã, sắc, nặng.
  static let toneWeight: [UInt32: UInt32] = [0x300: 2, 0x309: 3, 0x303: 4, 0x301: 5, 0x323: 6]
  /// Marks that make another letter (ă, â ê ô, ơ ư) rather than a tone.
  static let letterMarks: Set<UInt32> = [0x306, 0x302, 0x31B]

  /// The sort key of one string.
  public static func key(_ text: String) -> [UInt32] {
    var primary: [UInt32] = []
    var secondary: [UInt32] = []
    var tertiary: [UInt32] = []
    primary.reserveCapacity(text.utf8.count)
    for character in text.decomposedStringWithCanonicalMapping {
      let scalars = Array(character.unicodeScalars)
      guard let base = scalars.first else { continue }
      var tone: UInt32 = 1
      var letter = String(base).lowercased()
      var shaped = letter
      for mark in scalars.dropFirst() {
        if letterMarks.contains(mark.value) {
          shaped.unicodeScalars.append(mark)
        } else if let t = toneWeight[mark.value] {
          tone = t
        } else {
          tone = 10 + mark.value
        }
      }
      shaped = shaped.precomposedStringWithCanonicalMapping
      if letterWeight[shaped] != nil { letter = shaped }
      primary.append(primaryWeight(letter, base))
      secondary.append(tone)
      tertiary.append(String(base) == String(base).lowercased() ? 1 : 2)
    }
    return primary + [0] + secondary + [0] + tertiary
  }

  /// ASCII punctuation and symbols in the order of CLDR's root collation (which ICU's `vi`
  /// keeps): `_ - , ; : ! ? . ' " ( ) [ ] { } @ * / \ & # % ` ^ + < = > | ~ $`.
  static let punctuationWeight: [UInt32: UInt32] = Dictionary(
    uniqueKeysWithValues: "_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$".unicodeScalars.enumerated().map { ($1.value, UInt32(10 + $0)) })

  /// Spaces before punctuation and symbols, before digits, before letters, before other
  /// scripts (by code point).
  static func primaryWeight(_ letter: String, _ base: Unicode.Scalar) -> UInt32 {
    if let w = letterWeight[letter] { return w }
    let properties = base.properties
    if properties.isWhitespace { return 1 }
    if let w = punctuationWeight[base.value] { return w }
    if let digit = properties.numericType == .decimal ? properties.numericValue : nil, digit >= 0, digit < 10 {
      return 900 + UInt32(digit)
    }
    if !properties.isAlphabetic { return 60 + min(base.value, 800) }
    return 100_000 + (String(base).lowercased().unicodeScalars.first?.value ?? base.value)
  }
}
