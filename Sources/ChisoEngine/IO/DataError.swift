/// A problem with an input file (CSV, JSON): where it is and what is wrong.
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

  /// An error at a place in `file`; leave `line` and `column` nil for whole-file problems.
  public init(file: String, line: Int? = nil, column: Int? = nil, message: String, hint: String? = nil) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
    self.hint = hint
  }

  /// `file:line:column: message`, as compilers print it, so terminals and editors link it. The
  /// hint is left to the renderer, which may put it on its own line.
  public var description: String {
    var text = file
    if let line {
      text += ":\(line)"
      if let column { text += ":\(column)" }
    }
    return text + ": " + message
  }
}
