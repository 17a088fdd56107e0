import ChisoEngine
import ChisoLocale
import ChisoRender
import Foundation

/// A result as an HTML table: a header with each column's name and type, numbers right-aligned
/// in tabular figures at a display precision chosen per column (the full value in the cell's
/// tooltip), nulls marked. Long results show their first rows; the whole table is one click
/// away in a `<details>`, and every result can be saved as CSV from a link in the page. Nothing
/// is cut without saying so.
struct ResultTable {
  /// Rows shown before the rest is folded away.
  var headRows = 20
  /// Rows written into the page at most; beyond them the page says so and the CSV has all.
  var pageLimit = 5_000
  /// CSV files larger than this are not embedded (the page says so).
  var csvLimit = 16 << 20
  /// Whether the rows after the first `headRows` are in the page (folded); else only the
  /// first rows are, and the line under the table says how many are shown.
  var fold = true
  /// Whether to offer the result as a CSV file.
  var csv = true
  /// Whether to say, under a table with rounded numbers, that they are rounded.
  var precisionNote = true
  var language: Language
  /// `59,95` instead of `59.95` in the cells (the tooltip and the CSV keep the point).
  var decimalComma = false

  /// `decimals`: per column, the decimals the query fixed (`math.round 2`), which win over the
  /// precision chosen here.
  func html(_ table: Table, id: String, caption: String? = nil, decimals: [Int?] = []) -> String {
    let formats = table.columns.enumerated().map { index, column in
      if index < decimals.count, let fixed = decimals[index] { return NumberDisplay(fixed: fixed) }
      return NumberDisplay(column)
    }
    var out = "<div class=\"result\">\n"
    let rows = table.rowCount
    let shownHead = rows <= headRows + (fold ? 5 : 0) ? rows : headRows
    out += "<div class=\"table-wrap head\">" + tableHTML(table, formats, rows: 0..<shownHead, caption: caption) + "</div>\n"
    if shownHead < rows && fold {
      let inPage = min(rows, pageLimit)
      out += "<details class=\"more\"><summary>" + HTML.escape(L10n.count("report.rows.more", rows - shownHead, language))
        + "</summary>\n"
      out += "<div class=\"table-wrap\">" + tableHTML(table, formats, rows: 0..<inPage, caption: caption) + "</div>\n"
      if inPage < rows { out += "<p class=\"note\">" + HTML.escape(L10n.text("report.rows.cut", language, inPage, rows)) + "</p>\n" }
      out += "</details>\n"
    }
    out += "<p class=\"rows\">" + HTML.escape(L10n.count("report.rows", rows, language))
    if shownHead < rows && !fold { out += " " + HTML.escape(L10n.text("report.rows.first", language, shownHead)) }
    out += " · " + HTML.escape(L10n.count("report.columns", table.columnCount, language))
    if csv, let link = csvLink(table, id: id) { out += " · " + link }
    if precisionNote, formats.contains(where: \.rounds), rows > 0 {
      out += "<br><span class=\"note\">" + HTML.escape(L10n.text("report.precision", language)) + "</span>"
    }
    out += "</p>\n</div>\n"
    return out
  }

  func tableHTML(_ table: Table, _ formats: [NumberDisplay], rows: Range<Int>, caption: String?) -> String {
    var out = "<table class=\"data\">"
    if let caption { out += "<caption>" + HTML.escape(caption) + "</caption>" }
    out += "<thead><tr>"
    for (name, column) in zip(table.names, table.columns) {
      let cls = column.type.isNumeric ? " class=\"num\"" : ""
      out += "<th scope=\"col\"\(cls)>" + HTML.escape(name) + "<span class=\"type\">" + HTML.escape(column.type.rawValue)
        + "</span></th>"
    }
    out += "</tr></thead>\n<tbody>\n"
    for row in rows {
      out += "<tr>"
      for (index, column) in table.columns.enumerated() {
        out += cell(column.value(at: row), formats[index])
      }
      out += "</tr>\n"
    }
    out += "</tbody></table>"
    return out
  }

  func cell(_ value: Value, _ format: NumberDisplay) -> String {
    switch value {
    case .null: return "<td class=\"null\">null</td>"
    case .int(let i): return "<td class=\"num\">" + String(i) + "</td>"
    case .float(let d):
      let point = format.text(d)
      let shown = decimalComma ? String(point.map { $0 == "." ? "," : $0 }) : point
      let full = FloatFormat.shortest(d)
      let title = shown == full ? "" : " title=\"" + HTML.escape(full) + "\""
      return "<td class=\"num\"\(title)>" + HTML.escape(shown) + "</td>"
    case .bool(let b): return "<td class=\"bool\">" + (b ? "true" : "false") + "</td>"
    case .text(let s):
      let cls = DisplayWidth.of(s) > 48 ? " class=\"long\"" : ""
      return "<td\(cls)>" + HTML.escape(s) + "</td>"
    case .date, .timestamp: return "<td class=\"date\">" + HTML.escape(value.description) + "</td>"
    }
  }

  /// A link that saves the whole result as CSV (a `data:` address: nothing leaves the page).
  func csvLink(_ table: Table, id: String) -> String? {
    let csv = Renderer.render(table, as: .csv)
    guard csv.utf8.count <= csvLimit else { return nil }
    let encoded = Data(csv.utf8).base64EncodedString()
    return "<a class=\"csv\" download=\"\(HTML.escape(id)).csv\" title=\"\(HTML.escape(L10n.text("report.csv.title", language)))\" href=\"data:text/csv;charset=utf-8;base64,\(encoded)\">"
      + HTML.escape(L10n.text("report.csv", language)) + "</a>"
  }
}

/// How a column's numbers are shown: whole numbers as they are; floats at the fewest decimals
/// that show every value exactly, but at most 2 for columns whose largest value is 0.1 or more
/// and two significant digits of the largest for smaller ones (0.00012345 shows as 0.00012,
/// not 0.00).
struct NumberDisplay {
  var decimals: Int?
  /// Whether some value is shown rounded.
  var rounds = false

  /// The decimals a query fixed (`math.round 2`): every value shows them, trailing zeros too.
  init(fixed: Int) {
    decimals = fixed
  }

  init(_ column: Column) {
    guard column.type == .float else { return }
    var largest = 0.0
    var needed = 0
    for row in 0..<column.count where !column.isNull(row) {
      guard case .float(let v) = column.value(at: row), v.isFinite else { continue }
      largest = max(largest, abs(v))
      needed = max(needed, Self.decimalsNeeded(v))
    }
    let cap: Int
    if largest >= 1 || largest == 0 {
      cap = 2
    } else {
      cap = min(8, max(2, 1 + Int((-log10(largest)).rounded(.up))))
    }
    decimals = min(cap, needed)
    rounds = needed > cap
  }

  /// Decimal places in the shortest text that reads back as `value` (17 for exponent forms).
  static func decimalsNeeded(_ value: Double) -> Int {
    let text = FloatFormat.shortest(value)
    if text.contains("e") { return 17 }
    guard let dot = text.firstIndex(of: ".") else { return 0 }
    var fraction = text[text.index(after: dot)...]
    while fraction.last == "0" { fraction = fraction.dropLast() }
    return fraction.count
  }

  func text(_ value: Double) -> String {
    guard let decimals, value.isFinite else { return FloatFormat.shortest(value) }
    return Self.fixed(value, decimals: decimals)
  }

  /// `value` with `decimals` places, without locale; no `-0.00`.
  static func fixed(_ value: Double, decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<max(0, decimals) { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    guard scaled < 9e15 else { return FloatFormat.shortest(value) }
    let units = Int64(scaled)
    let whole = units / Int64(scale)
    var text = String(whole)
    if decimals > 0 {
      let fraction = String(units % Int64(scale))
      text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
    return value < 0 && units != 0 ? "-" + text : text
  }
}
