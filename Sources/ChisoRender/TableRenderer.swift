import ChisoLocale
import ChisoEngine

/// Options for the boxed terminal table.
public struct TableStyle: Sendable, Equatable {
  /// The most data rows to show. When the table has more, the first `(maxRows + 1) / 2` and
  /// the last `maxRows / 2` are shown with a `… N rows …` line between them, and the footer
  /// says how many were shown. nil shows every row.
  public var maxRows: Int?
  /// The terminal width in columns. When the table is wider, the longest cells are first cut
  /// (ending in `…`, never below 12 columns or their column's name); if that is not enough,
  /// middle columns are hidden behind a `…` column (the footer names them), and as a last resort
  /// the remaining columns are narrowed further. nil never narrows.
  public var maxWidth: Int?
  /// Whether to emit ANSI styling: bold header, dim type row and nulls.
  public var colour: Bool
  /// Whether to draw with plain `+`, `-`, `|` and `...` instead of box-drawing characters
  /// and `…`.
  public var ascii: Bool
  /// The language of the footer (`3 rows`, `3 dòng`).
  public var language: Language
  /// How floats are spelled (every digit unless a precision is set).
  public var numbers: NumberStyle

  /// A style; the defaults show everything, uncoloured, with box-drawing characters.
  public init(
    maxRows: Int? = nil, maxWidth: Int? = nil, colour: Bool = false, ascii: Bool = false, language: Language = .en,
    numbers: NumberStyle = .full
  ) {
    self.numbers = numbers
    self.maxRows = maxRows
    self.maxWidth = maxWidth
    self.colour = colour
    self.ascii = ascii
    self.language = language
  }
}

/// Draws a table as a box like DuckDB's shell:
///
/// ```
/// ┌──────────┬───────┐
/// │ province │ score │
/// │   text   │ float │
/// ├──────────┼───────┤
/// │ Hà Nội   │  37.5 │
/// │ Huế      │  null │
/// └──────────┴───────┘
/// 2 rows
/// ```
///
/// Names and types are centred; numbers are right-aligned, everything else left-aligned, all by
/// display width (so NFC and NFD text line up alike). Floats show their shortest round-trip
/// text, or the style's precision with the same decimals down a column (`NumberStyle`). Newlines, tabs and other control characters in cells are shown escaped (`\n`). The
/// footer always gives the full row count and names any hidden columns: nothing is cut silently.
public enum TableRenderer {
  /// To fit `maxWidth`, cells may be cut down to this many columns (never below their column's
  /// name and type) before any column is hidden.
  static let cellWidthFloor = 12
  /// When columns must be hidden anyway, the kept ones are cut to this many columns first (and
  /// handed back any width left over).
  static let cellWidthCap = 20

  /// The table drawn in `style`, ending with the footer line and a newline.
  public static func render(_ table: Table, style: TableStyle = TableStyle()) -> String {
    Emitter.run(sink: nil, capacity: 0) { emit(table, style: style, into: &$0) }
  }

  /// Writes the drawn table to `sink` in chunks of roughly 64 KiB.
  public static func write(
    _ table: Table, style: TableStyle = TableStyle(), to sink: (String) -> Void
  ) {
    withoutActuallyEscaping(sink) { sink in
      _ = Emitter.run(sink: sink, capacity: Emitter.chunkSize) {
        emit(table, style: style, into: &$0)
      }
    }
  }

  /// Characters for one drawing style.
  struct Glyphs {
    let horizontal, vertical: String
    let topLeft, topMiddle, topRight: String
    let middleLeft, middleMiddle, middleRight: String
    let bottomLeft, bottomMiddle, bottomRight: String
    let ellipsis: String

    static let box = Glyphs(
      horizontal: "─", vertical: "│", topLeft: "┌", topMiddle: "┬", topRight: "┐",
      middleLeft: "├", middleMiddle: "┼", middleRight: "┤", bottomLeft: "└", bottomMiddle: "┴",
      bottomRight: "┘", ellipsis: "…")
    static let ascii = Glyphs(
      horizontal: "-", vertical: "|", topLeft: "+", topMiddle: "+", topRight: "+",
      middleLeft: "+", middleMiddle: "+", middleRight: "+", bottomLeft: "+", bottomMiddle: "+",
      bottomRight: "+", ellipsis: "...")
  }

  /// Which columns to draw and how wide.
  struct Layout: Equatable {
    /// Indices of the drawn columns, ascending.
    var kept: [Int]
    /// Content width of each drawn column.
    var widths: [Int]
    /// Position in `kept` before which the `…` column is drawn; nil when nothing is hidden.
    var ellipsisAt: Int?
  }

  /// The total drawn width: a border, then per column a space, the content, a space, a border.
  static func drawnWidth(_ widths: [Int], ellipsisWidth: Int?) -> Int {
    var total = 1
    for width in widths { total += width + 3 }
    if let ellipsisWidth { total += ellipsisWidth + 3 }
    return total
  }

  /// Fits columns of `natural` widths into `maxWidth`: cut the widest columns down to one common
  /// level (no lower than `cellWidthFloor`); failing that, cap at `cellWidthCap`, hide middle
  /// columns (keeping them from both ends inwards), narrow what is left as a last resort, and
  /// hand any spare width back to the capped columns evenly.
  /// `floors[i]` is the width below which capping does not cut column `i` (its name and type).
  static func fit(natural: [Int], floors: [Int], maxWidth: Int?, ellipsisWidth: Int) -> Layout {
    let count = natural.count
    let all = Array(0..<count)
    guard let maxWidth, count > 0, drawnWidth(natural, ellipsisWidth: nil) > maxWidth else {
      return Layout(kept: all, widths: natural, ellipsisAt: nil)
    }
    let floored = natural.indices.map { min(natural[$0], max(cellWidthFloor, floors[$0])) }
    if drawnWidth(floored, ellipsisWidth: nil) <= maxWidth {
      let widths = widen(floored, toward: natural, maxWidth: maxWidth, ellipsisWidth: nil)
      return Layout(kept: all, widths: widths, ellipsisAt: nil)
    }
    let capped = natural.indices.map { min(natural[$0], max(cellWidthCap, floors[$0])) }
    // Keep columns from the left and right ends alternately while they fit beside a `…` column.
    var left: [Int] = []
    var right: [Int] = []
    var used = drawnWidth([], ellipsisWidth: ellipsisWidth)
    for step in 0..<count {
      let index = step % 2 == 0 ? step / 2 : count - 1 - step / 2
      let cost = capped[index] + 3
      if used + cost > maxWidth { break }
      used += cost
      if step % 2 == 0 { left.append(index) } else { right.append(index) }
    }
    if left.isEmpty { left = [0] }
    let kept = left + right.reversed()
    let ellipsis = kept.count < count ? ellipsisWidth : nil
    var widths = kept.map { capped[$0] }
    // Last resort: narrow the widest columns until the table fits (at least one column each).
    var excess = drawnWidth(widths, ellipsisWidth: ellipsis) - maxWidth
    while excess > 0 {
      guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 1
      else { break }
      var runnerUp = 1
      for index in widths.indices where index != widest { runnerUp = max(runnerUp, widths[index]) }
      let step = min(excess, widths[widest] - 1, max(1, widths[widest] - runnerUp))
      widths[widest] -= step
      excess -= step
    }
    if excess < 0 {
      widths = widen(
        widths, toward: kept.map { natural[$0] }, maxWidth: maxWidth, ellipsisWidth: ellipsis)
    }
    return Layout(kept: kept, widths: widths, ellipsisAt: ellipsis == nil ? nil : left.count)
  }

  /// `widths` raised toward `natural` by one common level, as high as `maxWidth` allows.
  static func widen(_ widths: [Int], toward natural: [Int], maxWidth: Int, ellipsisWidth: Int?)
    -> [Int]
  {
    func raised(_ level: Int) -> [Int] {
      widths.indices.map { min(natural[$0], max(widths[$0], level)) }
    }
    var low = 0
    var high = natural.max() ?? 0
    while low < high {
      let mid = (low + high + 1) / 2
      if drawnWidth(raised(mid), ellipsisWidth: ellipsisWidth) <= maxWidth {
        low = mid
      } else {
        high = mid - 1
      }
    }
    return raised(low)
  }

  static func emit(_ table: Table, style: TableStyle, into out: inout Emitter) {
    let glyphs = style.ascii ? Glyphs.ascii : Glyphs.box
    let colour = Colour(enabled: style.colour)
    let rowCount = max(0, table.rowCount)
    let names = columnNames(table).map(Escape.controls)

    // Rows to show, and where the elision line goes.
    var shown: [Int]
    var gapAt: Int? = nil
    if let maxRows = style.maxRows, rowCount > max(0, maxRows) {
      let limit = max(0, maxRows)
      let head = (limit + 1) / 2
      let tail = limit / 2
      shown = Array(0..<head) + Array((rowCount - tail)..<rowCount)
      gapAt = head
    } else {
      shown = Array(0..<rowCount)
    }
    let hiddenRows = rowCount - shown.count

    guard table.columnCount > 0 else {
      out.append("(no columns)\n")
      out.append(footer(rowCount: rowCount, shownRows: shown.count, hidden: [], language: style.language))
      return
    }

    // Cells, measured once — or, for a long table, measured in batches and made again batch by
    // batch while writing, so that a result of millions of rows is streamed in bounded memory
    // (every cell's text at once took 22 GB for 61 million rows).
    let batched = shown.count > largeTableRows
    var tokens: [[String]] = []
    var widths: [[Int]] = []
    var natural: [Int] = []
    var floors: [Int] = []
    let nameWidths = names.map(DisplayWidth.of)
    let types = table.columns.map { $0.type.description }
    for (index, column) in table.columns.enumerated() {
      let numbers = style.numbers.column(index, aligned: true)
      let floor = max(nameWidths[index], types[index].utf8.count)
      floors.append(floor)
      if batched {
        var widest = floor
        var start = 0
        while start < shown.count {
          let end = min(shown.count, start + streamBatchRows)
          widest = max(widest, Cells.measured(column, rows: shown[start..<end], flavour: .display, numbers: numbers).widths.max() ?? 0)
          start = end
        }
        natural.append(widest)
      } else {
        let (cells, cellWidths) = Cells.measured(column, rows: shown, flavour: .display, numbers: numbers)
        tokens.append(cells)
        widths.append(cellWidths)
        natural.append(max(floor, cellWidths.max() ?? 0))
      }
    }
    // The batch of cells that holds `position`, in batched mode.
    var batchStart = -1
    func batch(for position: Int) -> Int {
      guard batched else { return position }
      let start = position - position % streamBatchRows
      if start != batchStart {
        let rows = shown[start..<min(shown.count, start + streamBatchRows)]
        let measured = table.columns.enumerated().map { index, column in
          Cells.measured(column, rows: rows, flavour: .display, numbers: style.numbers.column(index, aligned: true))
        }
        tokens = measured.map(\.tokens)
        widths = measured.map(\.widths)
        batchStart = start
      }
      return position - start
    }
    let ellipsisWidth = DisplayWidth.of(glyphs.ellipsis)
    var layout = fit(
      natural: natural, floors: floors, maxWidth: style.maxWidth, ellipsisWidth: ellipsisWidth)
    let hasEllipsis = layout.ellipsisAt != nil

    // The elision line must fit inside the box; widen the last column when it does not.
    let gapText = glyphs.ellipsis + " " + L10n.count("table.rows", hiddenRows, style.language) + " " + glyphs.ellipsis
    let gapWidth = DisplayWidth.of(gapText)
    if gapAt != nil {
      let inner = drawnWidth(layout.widths, ellipsisWidth: hasEllipsis ? ellipsisWidth : nil) - 2
      if inner < gapWidth + 2, let last = layout.widths.indices.last {
        layout.widths[last] += gapWidth + 2 - inner
      }
    }
    let innerWidth = drawnWidth(layout.widths, ellipsisWidth: hasEllipsis ? ellipsisWidth : nil) - 2
    let estimatedLine = (innerWidth + 2) * 3 + 16
    if out.sink == nil { out.reserve((shown.count + 8) * estimatedLine) }

    // The drawn columns in order, with the `…` column as nil.
    var slots: [(column: Int?, width: Int, align: Align)] = []
    for (position, column) in layout.kept.enumerated() {
      if layout.ellipsisAt == position { slots.append((nil, ellipsisWidth, .centre)) }
      let align: Align = Cells.isNumeric(table.columns[column]) ? .right : .left
      slots.append((column, layout.widths[position], align))
    }
    if layout.ellipsisAt == layout.kept.count { slots.append((nil, ellipsisWidth, .centre)) }

    func rule(_ leftGlyph: String, _ middle: String, _ rightGlyph: String) {
      out.append(leftGlyph)
      for (index, slot) in slots.enumerated() {
        if index > 0 { out.append(middle) }
        out.repeating(glyphs.horizontal, slot.width + 2)
      }
      out.append(rightGlyph)
      out.append("\n")
    }
    /// One padded cell and its right border; `text` is cut to `width` when wider.
    func cell(_ text: String, _ textWidth: Int, _ width: Int, _ align: Align, _ look: Look = .plain)
    {
      var text = text
      var textWidth = textWidth
      if textWidth > width {
        text = DisplayWidth.truncate(text, toWidth: width, ellipsis: glyphs.ellipsis)
        textWidth = DisplayWidth.of(text)
      }
      let spare = max(0, width - textWidth)
      let before: Int
      switch align {
      case .left: before = 0
      case .right: before = spare
      case .centre: before = spare / 2
      }
      out.append(" ")
      out.spaces(before)
      switch look {
      case .plain: out.append(text)
      case .bold: out.append(colour.bold(text))
      case .dim: out.append(colour.dim(text))
      }
      out.spaces(spare - before)
      out.append(" ")
      out.append(glyphs.vertical)
    }

    rule(glyphs.topLeft, glyphs.topMiddle, glyphs.topRight)
    out.append(glyphs.vertical)
    for slot in slots {
      if let column = slot.column {
        cell(names[column], nameWidths[column], slot.width, .centre, .bold)
      } else {
        cell(glyphs.ellipsis, ellipsisWidth, slot.width, .centre)
      }
    }
    out.append("\n")
    out.append(glyphs.vertical)
    for slot in slots {
      if let column = slot.column {
        cell(types[column], types[column].utf8.count, slot.width, .centre, .dim)
      } else {
        cell("", 0, slot.width, .centre)
      }
    }
    out.append("\n")
    if !shown.isEmpty || gapAt != nil {
      rule(glyphs.middleLeft, glyphs.middleMiddle, glyphs.middleRight)
    }
    for position in 0...shown.count {
      if gapAt == position {
        out.append(glyphs.vertical)
        let spare = innerWidth - gapWidth
        out.spaces(spare / 2)
        out.append(colour.dim(gapText))
        out.spaces(spare - spare / 2)
        out.append(glyphs.vertical)
        out.append("\n")
      }
      guard position < shown.count else { break }
      let row = shown[position]
      let offset = batch(for: position)
      out.append(glyphs.vertical)
      for slot in slots {
        guard let column = slot.column else {
          cell(glyphs.ellipsis, ellipsisWidth, slot.width, .centre)
          continue
        }
        // Null cells already read `null`; they only need telling apart to be dimmed.
        let look: Look = colour.enabled && Cells.isNull(table.columns[column], row) ? .dim : .plain
        cell(tokens[column][offset], widths[column][offset], slot.width, slot.align, look)
      }
      out.append("\n")
      out.flushIfLarge()
    }
    rule(glyphs.bottomLeft, glyphs.bottomMiddle, glyphs.bottomRight)
    let keptSet = Set(layout.kept)
    let hidden = (0..<table.columnCount).filter { !keptSet.contains($0) }.map { names[$0] }
    out.append(footer(rowCount: rowCount, shownRows: shown.count, hidden: hidden, language: style.language))
  }

  /// Above this many rows a table is rendered in batches (see `emit`).
  static let largeTableRows = 65_536

  enum Align { case left, right, centre }
  enum Look { case plain, bold, dim }

  /// `N rows`, then `(M shown)` when rows were elided and `(K columns hidden: a, b)` when
  /// columns were, then a newline.
  static func footer(rowCount: Int, shownRows: Int, hidden: [String], language: Language = .en) -> String {
    var text = L10n.count("table.rows", rowCount, language)
    if shownRows < rowCount { text += " " + L10n.text("table.shown", language, shownRows) }
    if !hidden.isEmpty {
      text += " " + L10n.count("table.hidden", hidden.count, language, hidden.joined(separator: ", "))
    }
    return text + "\n"
  }
}
