/// The ways `Renderer` can print a table.
public enum OutputFormat: String, CaseIterable, Sendable {
  /// A boxed, aligned terminal table with a type row, like DuckDB's shell.
  case table
  /// RFC 4180 comma-separated values with a header row.
  case csv
  /// Tab-separated values with a header row; special characters backslash-escaped.
  case tsv
  /// One JSON array of objects, one object per line.
  case json
  /// JSON Lines: one object per line, no enclosing array.
  case jsonl
  /// A GitHub-flavoured Markdown table.
  case markdown
  /// sqlite's `line` mode: `column = value` per line, a blank line between rows.
  case line
}

/// How warnings are shown: not at all, one line each (the default), or in full with the caret
/// and hints.
public enum WarningStyle: String, Sendable, CaseIterable {
  case off, brief, full
}
