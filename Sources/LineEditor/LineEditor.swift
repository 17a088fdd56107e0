import CReadline

/// GNU readline, the one piece of global mutable state in chiso: readline keeps its buffer,
/// history and key bindings (from the user's `~/.inputrc`) in C globals.
public enum LineEditor {
  /// Reads one line with editing and history; nil at end of input (Ctrl-D on an empty line).
  public static func readLine(prompt: String) -> String? {
    guard let raw = readline(prompt) else { return nil }
    defer { free(raw) }
    return String(cString: raw)
  }

  /// Adds an entry to the in-memory history, skipping a repeat of the previous entry.
  public static func addHistory(_ entry: String) {
    guard !entry.isEmpty else { return }
    if let last = previous_history_entry(), last == entry { return }
    add_history(entry)
    lastEntry = entry
  }

  /// Loads history from a file (missing files are fine).
  public static func loadHistory(path: String) { _ = read_history(path) }

  /// Appends the session's history to a file.
  public static func saveHistory(path: String) { _ = write_history(path) }

  /// The last entry added (readline's own counters are C globals Swift cannot read safely).
  nonisolated(unsafe) private static var lastEntry: String?

  private static func previous_history_entry() -> String? { lastEntry }
}
