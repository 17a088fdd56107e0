/// Gathers typed lines into REPL entries: a query runs as soon as it is complete (or at a blank
/// line); while a bracket or string is open, or the last line ends with `|`, more lines are asked
/// for. A line starting with `.` is a command.
public struct EntryReader: Sendable {
  public private(set) var lines: [String] = []

  public init() {}

  public enum Action: Equatable, Sendable {
    /// Ask for another line (show the continuation prompt).
    case more
    /// Nothing to do (an empty line at the prompt).
    case nothing
    /// Run this query; it is also the history entry.
    case query(String)
    /// Run this dot command. `pending` is the unfinished query, which stays pending unless the
    /// command consumes it (`.edit`).
    case command(String, pending: String?)
  }

  /// The unfinished query so far.
  public var pending: String { lines.joined(separator: "\n") }
  public var isEmpty: Bool { lines.isEmpty }

  public mutating func clear() { lines = [] }

  /// Takes one line as typed (a recalled or pasted entry may hold several).
  public mutating func feed(_ line: String) -> Action {
    let trimmed = line.trimmingWhitespace
    if trimmed.hasPrefix("."), !trimmed.hasPrefix(".."), !trimmed.contains("\n") {
      if lines.isEmpty { return .command(trimmed, pending: nil) }
      if !Completeness.isInsideMultilineString(pending) {
        let text = pending
        if trimmed == ".edit" { lines = [] }
        return .command(trimmed, pending: text)
      }
    }
    if lines.isEmpty, trimmed.isEmpty { return .nothing }
    if trimmed.isEmpty {
      if Completeness.isInsideMultilineString(pending) {
        lines.append(line)
        return .more
      }
      return submit()
    }
    lines.append(line)
    return Completeness.isComplete(pending) ? submit() : .more
  }

  private mutating func submit() -> Action {
    var entry = lines
    while let last = entry.last, last.trimmingWhitespace.isEmpty { entry.removeLast() }
    lines = []
    let text = entry.joined(separator: "\n")
    return text.trimmingWhitespace.isEmpty ? .nothing : .query(text)
  }
}
