import Foundation

/// How a cell's number format shows its number: as a number, a date, a date with a time, or a
/// time of day. Excel stores dates as numbers (days since its epoch); only the format says a
/// cell is a date.
enum XLSXNumberFormat: Equatable {
  case number
  case date
  case dateTime
  /// A time of day or a duration (`h:mm`, `[h]:mm:ss`): read as a number (a fraction of a day),
  /// since chiso has no time-of-day type.
  case time

  /// Excel's built-in format ids that show dates or times (ECMA-376 §18.8.30 and the East Asian
  /// ids Excel also uses).
  static func builtin(_ id: Int) -> XLSXNumberFormat {
    switch id {
    case 14...17, 27...31, 34...36, 50...58: return .date
    case 22: return .dateTime
    case 18...21, 32, 33, 45...47: return .time
    default: return .number
    }
  }

  /// Classifies a custom format code (`dd/mm/yyyy`, `[$-409]mmm d, yyyy h:mm AM/PM`, `0.00%`):
  /// date tokens (`y`, `d`) outside quoted text, escapes and `[…]` sections make it a date; with
  /// `h` or `s` too, a date-time. Only the first section (positive numbers) counts.
  static func classify(_ code: String) -> XLSXNumberFormat {
    var hasDate = false
    var hasTime = false
    var inQuote = false
    var inBracket = false
    var escape = false
    for ch in code.lowercased() {
      if escape { escape = false; continue }
      if inQuote { if ch == "\"" { inQuote = false }; continue }
      if inBracket {
        // `[h]`, `[mm]`, `[ss]`: elapsed time. `[$-409]`, `[Red]`: locale and colour.
        if ch == "h" || ch == "s" { hasTime = true }
        if ch == "]" { inBracket = false }
        continue
      }
      switch ch {
      case "\\", "_", "*": escape = true
      case "\"": inQuote = true
      case "[": inBracket = true
      case ";": return result(hasDate, hasTime)
      case "y", "d": hasDate = true
      case "h", "s": hasTime = true
      default: break
      }
    }
    return result(hasDate, hasTime)
  }

  private static func result(_ hasDate: Bool, _ hasTime: Bool) -> XLSXNumberFormat {
    if hasDate { return hasTime ? .dateTime : .date }
    return hasTime ? .time : .number
  }
}

/// The cell formats of `xl/styles.xml` that matter for values: for each cell style index (`s`
/// attribute of a cell, an index into `<cellXfs>`), how its number format shows numbers.
enum XLSXStyles {
  static func load(_ archive: XLSXArchive, part: String?) throws(DataError) -> [XLSXNumberFormat] {
    guard let part, let data = try archive.data(part) else { return [] }
    var custom: [Int: XLSXNumberFormat] = [:]
    var formats: [XLSXNumberFormat] = []
    var inCellXfs = false
    try XMLEvents.parse(
      data, file: archive.file, part: part,
      start: { name, attributes in
        switch name {
        case "numFmt":
          if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] {
            custom[id] = XLSXNumberFormat.classify(code)
          }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs:
          let id = attributes["numFmtId"].flatMap { Int($0) } ?? 0
          formats.append(custom[id] ?? XLSXNumberFormat.builtin(id))
        default: break
        }
        return true
      },
      end: { name in
        if name == "cellXfs" { inCellXfs = false }
        return true
      })
    return formats
  }
}
