import ChisoEngine

/// Writes a table as a GitHub-flavoured Markdown table, padded so the source lines up too.
///
/// Numeric columns are right-aligned (`---:`), others left-aligned. Pipes in cells are written
/// `\|`, line breaks `<br>`, other control characters escaped (`\t`, `\xHH`); null is `null`.
/// Every row is written: Markdown output is never elided.
public enum MarkdownWriter {
  /// The whole table as Markdown. A table with no columns renders as the empty string.
  public static func render(_ table: Table, numbers: NumberStyle = .full) -> String {
    Emitter.run(sink: nil, capacity: DelimitedWriter.estimate(table) * 2) { emit(table, numbers: numbers, into: &$0) }
  }

  /// Writes the table to `sink` in chunks of roughly 64 KiB.
  public static func write(_ table: Table, numbers: NumberStyle = .full, to sink: (String) -> Void) {
    withoutActuallyEscaping(sink) { sink in
      _ = Emitter.run(sink: sink, capacity: Emitter.chunkSize) { emit(table, numbers: numbers, into: &$0) }
    }
  }

  static func emit(_ table: Table, numbers: NumberStyle, into out: inout Emitter) {
    guard table.columnCount > 0 else { return }
    let names = columnNames(table).map(Escape.markdown)
    let nameWidths = names.map(DisplayWidth.of)
    let rows = 0..<max(0, table.rowCount)
    var cells: [[String]] = []
    var cellWidths: [[Int]] = []
    var widths: [Int] = []
    var right: [Bool] = []
    for (index, column) in table.columns.enumerated() {
      let (tokens, tokenWidths) = Cells.measured(column, rows: rows, flavour: .markdown, numbers: numbers.column(index, aligned: true))
      cells.append(tokens)
      cellWidths.append(tokenWidths)
      widths.append(max(3, nameWidths[index], tokenWidths.max() ?? 0))
      right.append(Cells.isNumeric(column))
    }
    func cell(_ text: String, _ width: Int, _ columnWidth: Int, right: Bool) {
      out.append(" ")
      if right { out.spaces(columnWidth - width) }
      out.append(text)
      if !right { out.spaces(columnWidth - width) }
      out.append(" |")
    }
    out.append("|")
    for index in names.indices {
      cell(names[index], nameWidths[index], widths[index], right: false)
    }
    out.append("\n|")
    for index in widths.indices {
      out.append(" ")
      out.repeating("-", right[index] ? widths[index] - 1 : widths[index])
      out.append(right[index] ? ": |" : " |")
    }
    out.append("\n")
    for row in rows {
      out.append("|")
      for index in cells.indices {
        cell(cells[index][row], cellWidths[index][row], widths[index], right: right[index])
      }
      out.append("\n")
      out.flushIfLarge()
    }
  }
}
