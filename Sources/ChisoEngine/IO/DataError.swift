/// A problem with an input file (CSV, JSON, XLSX): where it is and what is wrong.
///
/// Readers report the first problem they meet and stop, so a user fixes one thing at a time; the
/// location points at the offending byte so an editor can jump to it.
public struct DataError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file as the user named it (a path, or a name such as `<stdin>` for in-memory input).
  public var file: String
  /// 1-based line of the problem, when it has one (a missing file has none).
  public var line: Int?
  /// 1-based column, counted in characters (grapheme clusters) of the line's text, not bytes.
  public var column: Int?
  /// What is wrong, lower case, no trailing period: `unterminated quoted field`.
  public var message: String
  /// How to fix it, when there is something useful to say.
  public var hint: String?
  /// The worksheet, for a workbook (`Summary`); workbooks have sheets and cells, not lines.
  public var sheet: String?
  /// The cell in `sheet`, in A1 notation (`C66`).
  public var cell: String?

  /// An error at a place in `file`; leave `line` and `column` nil for whole-file problems.
  public init(
    file: String, line: Int? = nil, column: Int? = nil, message: String, hint: String? = nil,
    sheet: String? = nil, cell: String? = nil
  ) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
    self.hint = hint
    self.sheet = sheet
    self.cell = cell
  }

  /// `file:line:column: message`, as compilers print it, so terminals and editors link it. The
  /// hint is left to the renderer, which may put it on its own line.
  public var description: String {
    var text = file
    if let line {
      text += ":\(line)"
      if let column { text += ":\(column)" }
    }
    // Spreadsheet style, `book.xlsx: sheet 'Summary'!C66:`, which is how Excel names a cell.
    if let sheet {
      text += ": sheet '\(sheet)'"
      if let cell { text += "!\(cell)" }
    }
    return text + ": " + message
  }
}
