/// Turns a sheet's cells into a table: the header row names the columns, each column takes the
/// most specific type all its cells fit — the same rules as the CSV reader (int, then float;
/// bool; date, then timestamp; else text), where a number cell fits int or float, a date-styled
/// number fits date or timestamp, and a text cell fits whatever its text parses as (so `"2019"`
/// typed as text is an int like in a CSV, and the code `"01"` stays text).
enum XLSXTableBuilder {
  /// More cells than this (rows × columns of the table) are refused: a stray cell at `XFD1048576`
  /// must not make chiso allocate billions of nulls.
  static let maxCells = 50_000_000

  struct Options {
    var file: String
    var sheet: String
    var range: XLSXRange?
    var header: Bool
    var date1904: Bool
  }

  static func table(_ cells: [XLSXCell], options: Options) throws(DataError) -> Table {
    let present = cells.filter { if case .error = $0.value { return false } else { return true } }
    // The rectangle: the range's columns, or those the cells use; rows from the range's first
    // row (or the first used row) to the last row that holds a value.
    let firstColumn: Int, lastColumn: Int, firstRow: Int
    if let range = options.range {
      firstColumn = range.first.column
      lastColumn = range.last.column
      firstRow = range.wholeColumns ? (cells.map(\.row).min() ?? 0) : range.first.row
    } else {
      guard let minColumn = cells.map(\.column).min(), let maxColumn = cells.map(\.column).max(),
        let minRow = cells.map(\.row).min()
      else { return Table(names: [], columns: [], rowCount: 0) }
      firstColumn = minColumn
      lastColumn = maxColumn
      firstRow = minRow
    }
    let dataStart = options.header ? firstRow + 1 : firstRow
    let lastRow = max(present.map(\.row).max() ?? (dataStart - 1), dataStart - 1)
    let width = lastColumn - firstColumn + 1
    let height = max(lastRow - dataStart + 1, 0)
    let (product, overflow) = width.multipliedReportingOverflow(by: max(height, 1))
    if overflow || product > maxCells {
      throw DataError(
        file: options.file,
        message: "the sheet spans \(height) rows × \(width) columns, more than chiso reads from a workbook (\(maxCells) cells)",
        hint: "name the cells to read with `range:\"A1:N64\"`", sheet: options.sheet)
    }
    // Cells by column, rows relative to the first data row.
    var byColumn = [[(Int, XLSXCellValue)]](repeating: [], count: width)
    var headerCells = [String](repeating: "", count: width)
    for cell in cells where cell.column >= firstColumn && cell.column <= lastColumn {
      let c = cell.column - firstColumn
      if options.header && cell.row == firstRow {
        headerCells[c] = headerText(cell.value)
      } else if cell.row >= dataStart && cell.row <= lastRow {
        byColumn[c].append((cell.row - dataStart, cell.value))
      }
    }
    let names = options.header
      ? ColumnNames.uniquify(headerCells)
      : (firstColumn...lastColumn).map { XLSXCellReference.columnName($0) }
    var columns: [Column] = []
    columns.reserveCapacity(width)
    for values in byColumn {
      columns.append(column(values, rowCount: height, date1904: options.date1904))
    }
    return Table(names: names, columns: columns, rowCount: height)
  }

  /// A header cell's text: whitespace runs (line breaks in wrapped headers) become one space.
  static func headerText(_ value: XLSXCellValue) -> String {
    let raw: String
    switch value {
    case .text(let s): raw = s
    case .number(_, let text, _): raw = text
    case .bool(let b): raw = b ? "TRUE" : "FALSE"
    case .isoDate(let s): raw = s
    case .error: raw = ""
    }
    return raw.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }

  /// The kinds (CSVKind bits) one cell fits.
  static func fits(_ value: XLSXCellValue, date1904: Bool) -> UInt8 {
    switch value {
    case .number(let d, _, let format):
      if format == .date || format == .dateTime {
        if XLSXDates.days(serial: d, date1904: date1904) != nil { return 8 | 16 | 32 }
        if XLSXDates.micros(serial: d, date1904: date1904) != nil { return 16 | 32 }
      }
      return isWhole(d) ? 1 | 2 | 32 : 2 | 32
    case .bool: return 4 | 32
    case .text(let s), .isoDate(let s):
      var s = s
      return s.withUTF8 { bytes in
        guard let base = bytes.baseAddress else { return 32 }
        return CSVKind.fits(base, bytes.count)
      }
    case .error: return 63
    }
  }

  static func isWhole(_ d: Double) -> Bool {
    d == d.rounded() && abs(d) < 9.007_199_254_740_992e15
  }

  static func column(_ cells: [(Int, XLSXCellValue)], rowCount: Int, date1904: Bool) -> Column {
    var bits: UInt8 = 63
    for (_, value) in cells { bits &= fits(value, date1904: date1904) }
    let kind: CSVKind = cells.isEmpty || cells.allSatisfy({ if case .error = $0.1 { true } else { false } })
      ? .unknown : CSVKind.preferred(bits)
    var values = [Value](repeating: .null, count: rowCount)
    for (row, cell) in cells { values[row] = convert(cell, to: kind, date1904: date1904) }
    let type: DataType
    switch kind {
    case .unknown: type = .null
    case .int: type = .int
    case .float: type = .float
    case .bool: type = .bool
    case .date: type = .date
    case .timestamp: type = .timestamp
    case .text: type = .text
    }
    return Column.from(values, type: type)
  }

  /// A cell's value in the column's type (it fits it: the type came from every cell's fits).
  static func convert(_ value: XLSXCellValue, to kind: CSVKind, date1904: Bool) -> Value {
    switch value {
    case .error: return .null
    case .number(let d, let text, let format):
      let isDate = format == .date || format == .dateTime
      switch kind {
      case .int: return isWhole(d) ? .int(Int64(d)) : .null
      case .float: return .float(d)
      case .date: return XLSXDates.days(serial: d, date1904: date1904).map { .date($0) } ?? .null
      case .timestamp: return XLSXDates.micros(serial: d, date1904: date1904).map { .timestamp($0) } ?? .null
      default:
        if isDate, let micros = XLSXDates.micros(serial: d, date1904: date1904) {
          let (day, rest) = CivilDate.split(micros)
          return .text(rest == 0 ? CivilDate.formatDate(day) : CivilDate.formatTimestamp(micros))
        }
        return .text(text)
      }
    case .bool(let b):
      return kind == .bool ? .bool(b) : .text(b ? "TRUE" : "FALSE")
    case .text(let s), .isoDate(let s):
      return parse(s, as: kind)
    }
  }

  /// Text in the column's type, with the CSV reader's parsers.
  static func parse(_ text: String, as kind: CSVKind) -> Value {
    var s = text
    return s.withUTF8 { bytes -> Value in
      guard let base = bytes.baseAddress else { return kind == .text ? .text(text) : .null }
      let n = bytes.count
      switch kind {
      case .int: return ByteParsing.parseInt(base, n).map { .int($0) } ?? .null
      case .float: return ByteParsing.parseDouble(base, n).map { .float($0) } ?? .null
      case .bool: return ByteParsing.parseBool(base, n).map { .bool($0) } ?? .null
      case .date: return ByteParsing.parseDate(base, n).map { .date($0) } ?? .null
      case .timestamp:
        if let t = ByteParsing.parseTimestamp(base, n) { return .timestamp(t) }
        return ByteParsing.parseDate(base, n).map { .timestamp(Int64($0) * CivilDate.microsPerDay) } ?? .null
      case .text, .unknown: return .text(text)
      }
    }
  }
}
