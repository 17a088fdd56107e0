/// Terminal display width of text, measured by grapheme cluster.
///
/// Each extended grapheme cluster (a Swift `Character`) occupies:
/// - 0 columns when it starts with a combining mark, a format character (zero-width space,
///   joiners, …), a control character or a Hangul medial/final jamo;
/// - 2 columns when it starts with an East Asian Wide or Fullwidth character (CJK ideographs,
///   kana, Hangul syllables, fullwidth forms) or is presented as an emoji (an
///   `Emoji_Presentation` character, or any emoji followed by U+FE0F);
/// - 1 column otherwise.
///
/// Because a base letter and its combining marks form one cluster, precomposed (NFC) and
/// decomposed (NFD) spellings measure the same: `Đắk Lắk` is 7 columns in both.
public enum DisplayWidth {
  /// The number of terminal columns `string` occupies.
  ///
  /// ASCII text takes a byte-counting fast path (printable characters count 1, control
  /// characters 0).
  /// - Complexity: O(n) in the string's length.
  public static func of(_ string: String) -> Int {
    var ascii = true
    var width = 0
    for byte in string.utf8 {
      if byte >= 0x80 {
        ascii = false
        break
      }
      if byte >= 0x20 && byte != 0x7F { width += 1 }
    }
    if ascii { return width }
    width = 0
    for character in string { width += of(character) }
    return width
  }

  /// The number of terminal columns one grapheme cluster occupies: 0, 1 or 2.
  public static func of(_ character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    let value = first.value
    // Single printable ASCII scalar: the overwhelmingly common case.
    if value >= 0x20 && value < 0x7F && character.utf8.count == 1 { return 1 }
    switch first.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format, .control, .lineSeparator, .paragraphSeparator:
      return 0
    default:
      break
    }
    // Hangul medial vowels and final consonants only occupy space joined to a leading jamo.
    if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return 0 }
    if isWide(value) { return 2 }
    var hasTextSelector = false
    var hasEmojiSelector = false
    for scalar in scalars.dropFirst() {
      if scalar.value == 0xFE0E { hasTextSelector = true }
      if scalar.value == 0xFE0F { hasEmojiSelector = true }
    }
    if hasTextSelector { return 1 }
    if hasEmojiSelector && first.properties.isEmoji { return 2 }
    if first.properties.isEmojiPresentation { return 2 }
    return 1
  }

  /// `string` cut to at most `width` columns, ending in `ellipsis` when anything was cut.
  ///
  /// Text that already fits is returned unchanged. Cuts fall between grapheme clusters, so a
  /// letter never loses its accents; the result may be one column narrower than `width` when a
  /// wide character would straddle the limit. A `width` of zero or less yields the empty string;
  /// when the ellipsis alone is wider than `width`, the ellipsis is itself cut.
  public static func truncate(_ string: String, toWidth width: Int, ellipsis: String = "…")
    -> String
  {
    guard width > 0 else { return "" }
    if of(string) <= width { return string }
    let ellipsisWidth = of(ellipsis)
    if ellipsisWidth >= width {
      return ellipsisWidth == width ? ellipsis : prefix(ellipsis, width: width)
    }
    return prefix(string, width: width - ellipsisWidth) + ellipsis
  }

  /// The longest prefix of `string`, by whole grapheme clusters, at most `width` columns wide.
  static func prefix(_ string: String, width: Int) -> String {
    var used = 0
    var end = string.startIndex
    for index in string.indices {
      let w = of(string[index])
      if used + w > width { break }
      used += w
      end = string.index(after: index)
    }
    return String(string[..<end])
  }

  /// Whether a scalar is East Asian Wide (W) or Fullwidth (F), outside the emoji ranges (which
  /// `isEmojiPresentation` covers).
  static func isWide(_ value: UInt32) -> Bool {
    if value < 0x1100 { return false }
    // Binary search over sorted, disjoint closed ranges stored as (low, high) pairs.
    var low = 0
    var high = wideRanges.count / 2 - 1
    while low <= high {
      let mid = (low + high) / 2
      let lo = wideRanges[mid * 2]
      let hi = wideRanges[mid * 2 + 1]
      if value < lo {
        high = mid - 1
      } else if value > hi {
        low = mid + 1
      } else {
        return true
      }
    }
    return false
  }

  /// East Asian Wide and Fullwidth ranges (Unicode 15), as flattened closed (low, high) pairs.
  static let wideRanges: [UInt32] = [
    0x1100, 0x115F, 0x2329, 0x232A, 0x2E80, 0x2E99, 0x2E9B, 0x2EF3, 0x2F00, 0x2FD5,
    0x2FF0, 0x2FFF, 0x3000, 0x303E, 0x3041, 0x3096, 0x3099, 0x30FF, 0x3105, 0x312F,
    0x3131, 0x318E, 0x3190, 0x31E3, 0x31EF, 0x321E, 0x3220, 0x3247, 0x3250, 0x4DBF,
    0x4E00, 0xA48C, 0xA490, 0xA4C6, 0xA960, 0xA97C, 0xAC00, 0xD7A3, 0xF900, 0xFAFF,
    0xFE10, 0xFE19, 0xFE30, 0xFE52, 0xFE54, 0xFE66, 0xFE68, 0xFE6B, 0xFF01, 0xFF60,
    0xFFE0, 0xFFE6, 0x16FE0, 0x16FE4, 0x16FF0, 0x16FF1, 0x17000, 0x187F7, 0x18800, 0x18CD5,
    0x18D00, 0x18D08, 0x1AFF0, 0x1AFFE, 0x1B000, 0x1B122, 0x1B132, 0x1B132, 0x1B150, 0x1B152,
    0x1B155, 0x1B155, 0x1B164, 0x1B167, 0x1B170, 0x1B2FB, 0x1F200, 0x1F202, 0x1F210, 0x1F23B,
    0x1F240, 0x1F248, 0x1F250, 0x1F251, 0x1F260, 0x1F265, 0x20000, 0x2FFFD, 0x30000, 0x3FFFD,
  ]
}
