import ChisoEngine

/// The single entry point for printing a table in any `OutputFormat`.
///
/// Only `.table` (and `.line`, for colour) read the style: the machine-readable formats always
/// write every row and column, uncoloured.
public enum Renderer {
  /// The table as text in `format`, ending with a newline unless empty.
  public static func render(
    _ table: Table, as format: OutputFormat, style: TableStyle = TableStyle()
  )
    -> String
  {
    switch format {
    case .table: return TableRenderer.render(table, style: style)
    case .csv: return DelimitedWriter.render(table, dialect: .csv)
    case .tsv: return DelimitedWriter.render(table, dialect: .tsv)
    case .json: return JSONWriter.render(table, layout: .array)
    case .jsonl: return JSONWriter.render(table, layout: .lines)
    case .markdown: return MarkdownWriter.render(table)
    case .line: return LineWriter.render(table, colour: style.colour)
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
    case .csv: DelimitedWriter.write(table, dialect: .csv, to: sink)
    case .tsv: DelimitedWriter.write(table, dialect: .tsv, to: sink)
    case .json: JSONWriter.write(table, layout: .array, to: sink)
    case .jsonl: JSONWriter.write(table, layout: .lines, to: sink)
    case .markdown: MarkdownWriter.write(table, to: sink)
    case .line: LineWriter.write(table, colour: style.colour, to: sink)
    }
  }
}
