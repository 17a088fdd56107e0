import Foundation

/// Reads Excel workbooks (`.xlsx`, Office Open XML): a zip archive (read with ZIPFoundation)
/// of XML parts (read with Foundation's `XMLParser`).
///
/// A sheet becomes a table: the first row of the range (or of the sheet's used cells) names the
/// columns, and each column is typed as the CSV reader would type it. Shared and inline strings,
/// numbers, booleans and dates (1900 and 1904 date systems) are read; empty cells and error
/// values (`#N/A`) are null; formulas are read through their cached values. Rows past the last
/// one holding a value are dropped. Every problem is a `DataError` naming the file and, where
/// there is one, the sheet and cell.
public enum XLSXReader {
  /// The sheets of the workbook at `path`, in tab order.
  public static func sheetNames(path: String) throws(DataError) -> [String] {
    try XLSXWorkbook.load(try XLSXArchive(path: path)).sheets.map(\.name)
  }

  /// The sheets of a workbook held in memory; `name` stands for the file in messages.
  public static func sheetNames(data: Data, name: String) throws(DataError) -> [String] {
    try XLSXArchive.withData(data, name: name) { (archive) throws(DataError) in try XLSXWorkbook.load(archive).sheets.map(\.name) }
  }

  /// Reads one sheet (the first when `sheet` is nil) of the workbook at `path`.
  /// - Parameters:
  ///   - sheet: the sheet's name, as on its tab (case does not matter).
  ///   - range: cells to read in A1 notation (`A1:N64`, `B2`, `A:D`); its first row is the header.
  ///   - header: whether the first row names the columns; without it they are named `A`, `B`, ….
  public static func read(path: String, sheet: String? = nil, range: String? = nil, header: Bool = true) throws(DataError) -> Table {
    try read(try XLSXArchive(path: path), sheet: sheet, range: range, header: header)
  }

  /// As `read(path:…)`, for a workbook held in memory.
  public static func read(data: Data, name: String, sheet: String? = nil, range: String? = nil, header: Bool = true) throws(DataError) -> Table {
    try XLSXArchive.withData(data, name: name) { (archive) throws(DataError) in
      try read(archive, sheet: sheet, range: range, header: header)
    }
  }

  /// Parses a range argument, or explains what a range looks like.
  public static func parseRange(_ text: String, file: String) throws(DataError) -> XLSXRange {
    guard let range = XLSXRange.parse(text) else {
      throw DataError(
        file: file, message: "`\(text)` is not a cell range",
        hint: "a range is two corner cells in A1 notation, e.g. `A1:N64` (or one cell `B2`, or columns `A:D`)")
    }
    return range
  }

  static func read(_ archive: XLSXArchive, sheet name: String?, range rangeText: String?, header: Bool) throws(DataError) -> Table {
    let range = try rangeText.map { (text) throws(DataError) -> XLSXRange in try parseRange(text, file: archive.file) }
    let book = try XLSXWorkbook.load(archive)
    guard let sheet = book.sheet(named: name) else {
      let names = book.sheets.map(\.name)
      let typed = name ?? ""
      var hint = "sheets: " + names.map { "\"\($0)\"" }.joined(separator: ", ")
      if let close = SheetNameMatch.closest(to: typed, among: names) { hint = "did you mean \"\(close)\"? " + hint }
      throw DataError(file: archive.file, message: "the workbook has no sheet named \"\(typed)\"", hint: hint)
    }
    guard sheet.kind == "worksheet", let part = sheet.part else {
      throw DataError(
        file: archive.file, message: "sheet \"\(sheet.name)\" is a \(sheet.kind), not a worksheet with cells",
        hint: "worksheets: " + book.sheets.filter { $0.kind == "worksheet" }.map { "\"\($0.name)\"" }.joined(separator: ", "),
        sheet: sheet.name)
    }
    guard let data = try archive.data(part, sheet: sheet.name) else {
      throw DataError(
        file: archive.file, message: "the workbook lists sheet \"\(sheet.name)\" but has no part \(part)",
        hint: "the file is damaged; open it in a spreadsheet program and save it again", sheet: sheet.name)
    }
    let strings = try XLSXSharedStrings.load(archive, part: book.sharedStringsPart)
    let formats = try XLSXStyles.load(archive, part: book.stylesPart)
    let context = XLSXSheetReader.Context(file: archive.file, sheet: sheet.name, part: part, sharedStrings: strings, formats: formats)
    let cells = try XLSXSheetReader.cells(data, context: context, range: range)
    return try XLSXTableBuilder.table(
      cells, options: .init(file: archive.file, sheet: sheet.name, range: range, header: header, date1904: book.date1904))
  }
}

/// Did-you-mean for sheet names (the engine has no access to the syntax layer's edit distance):
/// the closest name by Levenshtein distance over lower-cased characters, if it is close enough.
enum SheetNameMatch {
  static func closest(to typed: String, among names: [String]) -> String? {
    let a = Array(typed.lowercased())
    var best: (String, Int)? = nil
    for name in names {
      let d = distance(a, Array(name.lowercased()))
      if d <= max(2, a.count / 3), d < (best?.1 ?? Int.max) { best = (name, d) }
    }
    return best?.0
  }

  static func distance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
