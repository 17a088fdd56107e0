/// HTML text: everything that comes from a query, a table or a file goes through `escape`.
enum HTML {
  /// Text safe inside an element or a quoted attribute: `& < > " '` escaped; control
  /// characters other than tab and line breaks, and noncharacters, replaced with U+FFFD (they
  /// are not allowed in HTML and some end a document early in old parsers).
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x26: out += "&amp;"
      case 0x3C: out += "&lt;"
      case 0x3E: out += "&gt;"
      case 0x22: out += "&quot;"
      case 0x27: out += "&#39;"
      case 0x09, 0x0A, 0x0D: out.unicodeScalars.append(scalar)
      case 0x00..<0x20, 0x7F..<0xA0, 0xFDD0...0xFDEF, 0xFFFE, 0xFFFF: out += "\u{FFFD}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// A message `template` (our own text, escaped here) with its holes `{0}`, `{1}`… replaced by
  /// `fragments`, which are HTML already (links, code).
  static func fill(_ template: String, _ fragments: [String]) -> String {
    var out = ""
    var text = ""
    var chars = Array(template)[...]
    while let c = chars.popFirst() {
      if c == "{", let close = chars.firstIndex(of: "}"), let n = Int(String(chars[chars.startIndex..<close])),
        n >= 0, n < fragments.count
      {
        out += escape(text) + fragments[n]
        text = ""
        chars = chars[(close + 1)...]
      } else {
        text.append(c)
      }
    }
    return out + escape(text)
  }

  /// An `id` attribute value made of letters, digits and `-` only.
  static func identifier(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      if (scalar.value >= 0x30 && scalar.value <= 0x39) || (scalar.value >= 0x41 && scalar.value <= 0x5A)
        || (scalar.value >= 0x61 && scalar.value <= 0x7A)
      {
        out.unicodeScalars.append(scalar)
      } else if !out.isEmpty, !out.hasSuffix("-") {
        out += "-"
      }
    }
    while out.hasSuffix("-") { out.removeLast() }
    return out.isEmpty ? "x" : out
  }
}
