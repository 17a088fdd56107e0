import ChisoEngine

/// Writes a table as CSV or TSV, header row first, every line ending in `\n`.
///
/// Values: booleans `true`/`false`; dates `YYYY-MM-DD`; timestamps
/// `YYYY-MM-DD HH:MM:SS[.ffffff]`; floats as their shortest round-trip text (`nan`, `inf`,
/// `-inf` for the non-finite); null as an empty field.
public enum DelimitedWriter {
  /// The delimited dialect.
  public enum Dialect: Sendable, Equatable {
    /// RFC 4180: comma-separated; a field is quoted when it contains a comma, a quote, CR or
    /// LF, starts or ends with a space or tab, or is the empty string (so that `""` differs
    /// from null's empty field); quotes double inside quoted fields.
    case csv
    /// Tab-separated, never quoted: backslash, tab, LF and CR are written `\\`, `\t`, `\n`,
    /// `\r`.
    case tsv
  }

  /// The whole table as delimited text.
  public static func render(_ table: Table, dialect: Dialect, numbers: NumberStyle = .full) -> String {
    Emitter.run(sink: nil, capacity: estimate(table)) { emit(table, dialect: dialect, numbers: numbers, into: &$0) }
  }

  /// Writes the table to `sink` in chunks of roughly 64 KiB, never holding more than a few
  /// thousand rows' text at once.
  public static func write(_ table: Table, dialect: Dialect, numbers: NumberStyle = .full, to sink: (String) -> Void) {
    withoutActuallyEscaping(sink) { sink in
      _ = Emitter.run(sink: sink, capacity: Emitter.chunkSize) {
        emit(table, dialect: dialect, numbers: numbers, into: &$0)
      }
    }
  }

  static func estimate(_ table: Table) -> Int {
    min(1 << 26, (table.rowCount + 1) * max(1, table.columnCount) * 8)
  }

  static func emit(_ table: Table, dialect: Dialect, numbers: NumberStyle, into out: inout Emitter) {
    guard table.columnCount > 0 else { return }
    let flavour: CellFlavour = dialect == .csv ? .csv : .tsv
    let separator = dialect == .csv ? "," : "\t"
    for (index, name) in columnNames(table).enumerated() {
      if index > 0 { out.append(separator) }
      out.append(flavour.text(name))
    }
    out.append("\n")
    var start = 0
    while start < table.rowCount {
      let end = min(table.rowCount, start + streamBatchRows)
      let columns = table.columns.enumerated().map { i, column in Cells.tokens(column, rows: start..<end, flavour: flavour, numbers: numbers.column(i, aligned: false, comma: false)) }
      for offset in 0..<(end - start) {
        for (index, tokens) in columns.enumerated() {
          if index > 0 { out.append(separator) }
          out.append(tokens[offset])
        }
        out.append("\n")
        out.flushIfLarge()
      }
      start = end
    }
  }
}
