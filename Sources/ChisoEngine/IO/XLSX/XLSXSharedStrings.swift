import Foundation

/// The workbook's shared string table (`xl/sharedStrings.xml`): cells of type `s` hold an index
/// into it. A string is the text of its `<t>` elements; rich-text runs (`<r><t>`) are joined, and
/// phonetic guides (`<rPh>`, East Asian reading aids) are not part of the value.
enum XLSXSharedStrings {
  static func load(_ archive: XLSXArchive, part: String?) throws(DataError) -> [String] {
    guard let part, let data = try archive.data(part) else { return [] }
    var strings: [String] = []
    var current = ""
    var inItem = false
    var inText = false
    var phoneticDepth = 0
    try XMLEvents.parse(
      data, file: archive.file, part: part,
      start: { name, _ in
        switch name {
        case "si": inItem = true; current = ""
        case "rPh": phoneticDepth += 1
        case "t": inText = inItem && phoneticDepth == 0
        default: break
        }
        return true
      },
      end: { name in
        switch name {
        case "si": strings.append(XLSXText.unescape(current)); inItem = false
        case "rPh": phoneticDepth -= 1
        case "t": inText = false
        default: break
        }
        return true
      },
      text: { text in if inText { current += text } })
    return strings
  }
}

/// OOXML text escapes: `_x000D_` stands for the character U+000D (Excel writes control
/// characters this way), and `_x005F_` escapes a literal underscore sequence.
enum XLSXText {
  static func unescape(_ text: String) -> String {
    guard text.contains("_x") else { return text }
    var out = ""
    var scalars = Array(text.unicodeScalars)[...]
    while !scalars.isEmpty {
      if scalars.count >= 7, scalars[scalars.startIndex] == "_", scalars[scalars.startIndex + 1] == "x",
        scalars[scalars.startIndex + 6] == "_",
        let code = UInt32(String(String.UnicodeScalarView(scalars[(scalars.startIndex + 2)..<(scalars.startIndex + 6)])), radix: 16),
        let scalar = Unicode.Scalar(code)
      {
        out.unicodeScalars.append(scalar)
        scalars = scalars.dropFirst(7)
      } else {
        out.unicodeScalars.append(scalars[scalars.startIndex])
        scalars = scalars.dropFirst()
      }
    }
    return out
  }
}
