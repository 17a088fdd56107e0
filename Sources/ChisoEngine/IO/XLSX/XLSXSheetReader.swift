import Foundation

/// One cell's content as stored in the sheet, before any column type is chosen.
enum XLSXCellValue: Equatable {
  /// A number, with the text it was stored as (`66.444625854492188`) and its style's format.
  case number(Double, text: String, format: XLSXNumberFormat)
  case text(String)
  case bool(Bool)
  /// A cell of type `d`: an ISO 8601 date or date-time written as text.
  case isoDate(String)
  /// An error value (`#N/A`, `#DIV/0!`): read as null, like an empty cell.
  case error(String)
}

/// A cell at its place (0-based row and column).
struct XLSXCell {
  var row: Int
  var column: Int
  var value: XLSXCellValue
}

/// Reads the cells of one worksheet part (`<sheetData>`), keeping those inside `range`.
///
/// Cells without an `r` attribute follow the previous one (rows likewise), as the format allows.
/// A formula cell carries its last computed value (`<v>`); one without it (a workbook saved by a
/// program that does not calculate) is an error at that cell, since chiso does not evaluate
/// formulas and must not read it as empty.
enum XLSXSheetReader {
  struct Context {
    var file: String
    var sheet: String
    var part: String
    var sharedStrings: [String]
    var formats: [XLSXNumberFormat]
  }

  static func cells(_ data: Data, context: Context, range: XLSXRange?) throws(DataError) -> [XLSXCell] {
    var cells: [XLSXCell] = []
    var failure: DataError? = nil
    var row = -1
    var column = -1
    // The cell being read.
    var type = "n"
    var style = 0
    var hasFormula = false
    var value: String? = nil
    var inline = ""
    var hasInline = false
    var capture = false
    var inInline = false
    var phoneticDepth = 0
    var inCell = false

    func locate(_ message: String, hint: String? = nil) -> DataError {
      DataError(
        file: context.file, message: message, hint: hint, sheet: context.sheet,
        cell: XLSXCellReference(row: max(row, 0), column: max(column, 0)).description)
    }

    func finishCell() -> Bool {
      inCell = false
      if let range, !range.contains(row: row, column: column) { return true }
      let content: XLSXCellValue?
      switch type {
      case "s":
        guard let v = value else { content = nil; break }
        guard let index = Int(v.trimmingASCIISpaces()), index >= 0, index < context.sharedStrings.count else {
          failure = locate(
            "the cell refers to shared string \(v), which does not exist (the workbook has \(context.sharedStrings.count))",
            hint: "the file is damaged; open it in a spreadsheet program and save it again")
          return false
        }
        content = .text(context.sharedStrings[index])
      case "inlineStr":
        content = hasInline ? .text(XLSXText.unescape(inline)) : value.map { .text(XLSXText.unescape($0)) }
      case "str":
        content = value.map { .text(XLSXText.unescape($0)) }
      case "b":
        guard let v = value?.trimmingASCIISpaces() else { content = nil; break }
        guard v == "1" || v == "0" || v == "true" || v == "false" else {
          failure = locate("a boolean cell holds \"\(v)\", not 0 or 1")
          return false
        }
        content = .bool(v == "1" || v == "true")
      case "e":
        content = value.map { .error($0) }
      case "d":
        content = value.map { .isoDate($0.trimmingASCIISpaces()) }
      default:
        guard let raw = value?.trimmingASCIISpaces() else { content = nil; break }
        guard let number = Double(raw), number.isFinite else {
          failure = locate("a number cell holds \"\(raw)\", which is not a number")
          return false
        }
        let format = style >= 0 && style < context.formats.count ? context.formats[style] : .number
        content = .number(number, text: raw, format: format)
      }
      if hasFormula, value == nil, !(type == "inlineStr" && hasInline) {
        failure = locate(
          "the cell holds a formula without a cached value, and chiso does not evaluate formulas",
          hint: "open the workbook in a spreadsheet program and save it (that stores each formula's value), or choose a range without this cell")
        return false
      }
      if let content {
        if case .text(let s) = content, s.isEmpty { return true }
        cells.append(XLSXCell(row: row, column: column, value: content))
      }
      return true
    }

    try XMLEvents.parse(
      data, file: context.file, part: context.part, sheet: context.sheet,
      start: { name, attributes in
        switch name {
        case "row":
          if let r = attributes["r"] {
            guard let n = Int(r), n >= 1, n <= XLSXCellReference.maxRows else {
              failure = DataError(file: context.file, message: "a row is numbered \"\(r)\"", sheet: context.sheet)
              return false
            }
            row = n - 1
          } else {
            row += 1
          }
          column = -1
          if let range, row > range.last.row { return false }  // rows come in order: the rest is outside
        case "c":
          if let r = attributes["r"] {
            guard let reference = XLSXCellReference.parse(r) else {
              failure = DataError(
                file: context.file, message: "a cell has the reference \"\(r)\", which is not in A1 notation",
                sheet: context.sheet)
              return false
            }
            row = reference.row
            column = reference.column
          } else {
            column += 1
            if row < 0 { row = 0 }
          }
          guard column < XLSXCellReference.maxColumns else {
            failure = locate("the sheet has more columns than Excel allows (\(XLSXCellReference.maxColumns))")
            return false
          }
          type = attributes["t"] ?? "n"
          style = attributes["s"].flatMap { Int($0) } ?? 0
          hasFormula = false
          value = nil
          inline = ""
          hasInline = false
          inCell = true
        case "v" where inCell:
          value = ""
          capture = true
        case "f" where inCell:
          hasFormula = true
        case "is" where inCell:
          inInline = true
          hasInline = true
        case "rPh" where inInline:
          phoneticDepth += 1
        case "t" where inInline && phoneticDepth == 0:
          capture = true
        default: break
        }
        return true
      },
      end: { name in
        switch name {
        case "v", "t": capture = false
        case "rPh" where inInline: phoneticDepth -= 1
        case "is": inInline = false
        case "c" where inCell: return finishCell()
        default: break
        }
        return true
      },
      text: { text in
        guard capture else { return }
        if inInline { inline += text } else { value = (value ?? "") + text }
      })
    if let failure { throw failure }
    return cells
  }
}
