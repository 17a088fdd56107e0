import ChisoEngine

/// Writes a table in sqlite's `line` mode: one `column = value` line per cell, names
/// right-aligned to the widest, a blank line between rows.
///
/// Values are spelled as in the terminal table (control characters escaped, null as `null`,
/// dimmed when colour is on). Every row is written.
public enum LineWriter {
  /// The whole table in line mode. A table with no rows or no columns renders as the empty
  /// string.
  public static func render(_ table: Table, colour: Bool = false, numbers: NumberStyle = .full) -> String {
    Emitter.run(sink: nil, capacity: DelimitedWriter.estimate(table) * 3) {
      emit(table, colour: Colour(enabled: colour), numbers: numbers, into: &$0)
    }
  }

  /// Writes the table to `sink` in chunks of roughly 64 KiB.
  public static func write(_ table: Table, colour: Bool = false, numbers: NumberStyle = .full, to sink: (String) -> Void) {
    withoutActuallyEscaping(sink) { sink in
      _ = Emitter.run(sink: sink, capacity: Emitter.chunkSize) {
        emit(table, colour: Colour(enabled: colour), numbers: numbers, into: &$0)
      }
    }
  }

  static func emit(_ table: Table, colour: Colour, numbers: NumberStyle, into out: inout Emitter) {
    guard table.columnCount > 0 else { return }
    let names = columnNames(table).map(Escape.controls)
    let nameWidths = names.map(DisplayWidth.of)
    let widest = nameWidths.max() ?? 0
    // Each label, padded and with its " = ", is built once.
    let labels = names.indices.map { index in
      String(repeating: " ", count: widest - nameWidths[index]) + names[index] + " = "
    }
    let null = colour.dim("null")
    var start = 0
    while start < table.rowCount {
      let end = min(table.rowCount, start + streamBatchRows)
      let columns = table.columns.enumerated().map { i, column in Cells.tokens(column, rows: start..<end, flavour: .display, numbers: numbers.column(i, aligned: false, comma: true)) }
      for offset in 0..<(end - start) {
        let row = start + offset
        if row > 0 { out.append("\n") }
        for (index, tokens) in columns.enumerated() {
          out.append(labels[index])
          out.append(Cells.isNull(table.columns[index], row) ? null : tokens[offset])
          out.append("\n")
        }
        out.flushIfLarge()
      }
      start = end
    }
  }
}
