import ChisoEngine

/// The single entry point for printing a table in any `OutputFormat`.
///
/// Only `.table` (and `.line`, for colour) read the style: the machine-readable formats always
/// write every row and column, uncoloured, with every digit unless `numbers.roundsExports`.
public enum Renderer {
  /// The table as text in `format`, ending with a newline unless empty.
  public static func render(
    _ table: Table, as format: OutputFormat, style: TableStyle = TableStyle()
  )
    -> String
  {
    switch format {
    case .table: return TableRenderer.render(table, style: style)
    case .csv: return DelimitedWriter.render(table, dialect: .csv, numbers: style.numbers.forExports)
    case .tsv: return DelimitedWriter.render(table, dialect: .tsv, numbers: style.numbers.forExports)
    case .json: return JSONWriter.render(table, layout: .array, numbers: style.numbers.forExports)
    case .jsonl: return JSONWriter.render(table, layout: .lines, numbers: style.numbers.forExports)
    case .markdown: return MarkdownWriter.render(table, numbers: style.numbers)
    case .line: return LineWriter.render(table, colour: style.colour, numbers: style.numbers)
    }
  }

  /// Writes the same text as `render` to `sink`, in chunks of roughly 64 KiB, so that large
  /// results can go straight to a file or pipe. Concatenating the chunks gives `render`'s text.
  public static func write(
    _ table: Table, as format: OutputFormat, style: TableStyle = TableStyle(),
    to sink: (String) -> Void
  ) {
    switch format {
    case .table: TableRenderer.write(table, style: style, to: sink)
    case .csv: DelimitedWriter.write(table, dialect: .csv, numbers: style.numbers.forExports, to: sink)
    case .tsv: DelimitedWriter.write(table, dialect: .tsv, numbers: style.numbers.forExports, to: sink)
    case .json: JSONWriter.write(table, layout: .array, numbers: style.numbers.forExports, to: sink)
    case .jsonl: JSONWriter.write(table, layout: .lines, numbers: style.numbers.forExports, to: sink)
    case .markdown: MarkdownWriter.write(table, numbers: style.numbers, to: sink)
    case .line: LineWriter.write(table, colour: style.colour, numbers: style.numbers, to: sink)
    }
  }
}
