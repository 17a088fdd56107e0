import ChisoEngine

/// Writes a table as JSON objects, one per row, keys in column order.
///
/// Values: ints and finite floats as JSON numbers (floats in shortest round-trip form), NaN and
/// infinities as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`, null as `null`, booleans as `true`/`false`, text, dates and timestamps
/// as strings. Strings escape `"`, `\` and control characters (as `\n`, `\t`, … or `\u00XX`)
/// and keep everything else, non-ASCII included, as UTF-8. Duplicate column names (a join
/// keeps both sides' key) become `name`, `name_1`, `name_2`, … so that no key repeats.
public enum JSONWriter {
  /// How rows are laid out.
  public enum Layout: Sendable, Equatable {
    /// One JSON array, `[` and `]` on their own lines, one object per line in between.
    case array
    /// JSON Lines: one object per line, nothing else.
    case lines
  }

  /// The whole table as JSON text.
  public static func render(_ table: Table, layout: Layout, numbers: NumberStyle = .full) -> String {
    Emitter.run(sink: nil, capacity: DelimitedWriter.estimate(table) * 2) {
      emit(table, layout: layout, numbers: numbers, into: &$0)
    }
  }

  /// Writes the table to `sink` in chunks of roughly 64 KiB.
  public static func write(_ table: Table, layout: Layout, numbers: NumberStyle = .full, to sink: (String) -> Void) {
    withoutActuallyEscaping(sink) { sink in
      _ = Emitter.run(sink: sink, capacity: Emitter.chunkSize) {
        emit(table, layout: layout, numbers: numbers, into: &$0)
      }
    }
  }

  static func emit(_ table: Table, layout: Layout, numbers: NumberStyle, into out: inout Emitter) {
    // Each key is escaped once, with its `:` and the `,` that precedes all but the first.
    let keys = disambiguatedNames(columnNames(table)).enumerated().map { index, name in
      (index == 0 ? "{" : ",") + Escape.json(name) + ":"
    }
    if layout == .array {
      if table.rowCount == 0 {
        out.append("[]\n")
        return
      }
      out.append("[\n")
    }
    let (rowStart, rowEnd) = layout == .array ? ("  ", ",\n") : ("", "\n")
    var start = 0
    while start < table.rowCount {
      let end = min(table.rowCount, start + streamBatchRows)
      let columns = table.columns.enumerated().map { i, column in Cells.tokens(column, rows: start..<end, flavour: .json, numbers: numbers.column(i, aligned: false, comma: false)) }
      for offset in 0..<(end - start) {
        out.append(rowStart)
        if columns.isEmpty { out.append("{") }
        for (index, tokens) in columns.enumerated() {
          out.append(keys[index])
          out.append(tokens[offset])
        }
        out.append("}")
        out.append(start + offset == table.rowCount - 1 && layout == .array ? "\n" : rowEnd)
        out.flushIfLarge()
      }
      start = end
    }
    if layout == .array { out.append("]\n") }
  }
}
