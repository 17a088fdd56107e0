import CReadline

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// GNU readline, the one piece of global mutable state in chiso: readline keeps its buffer,
/// history and key bindings (from the user's `~/.inputrc`) in C globals, and calls back into
/// plain C function pointers for completion. Signal flags live here too.
///
/// Lines are read with readline's callback interface, so that Ctrl-C at the prompt clears the
/// line (the REPL installs its own SIGINT handler, which only sets a flag) instead of killing
/// the process or leaving the half-typed line in place.
public enum LineEditor {
  /// What one read produced.
  public enum Input: Equatable, Sendable {
    case line(String)
    /// Ctrl-C: the line was discarded.
    case interrupted
    /// Ctrl-D on an empty line, or the input closed.
    case end
  }

  /// Completion choices for the current line, as the REPL computed them.
  public struct Choices: Sendable {
    /// UTF-8 offset in the current line where the replaced text starts.
    public var start: Int
    /// Replacements for the text from `start` to the cursor, with what the list shows.
    public var candidates: [(replacement: String, display: String)]
    /// What a single Tab inserts (the only candidate with its suffix, or a common prefix);
    /// nil leaves the typed text as it is.
    public var insertion: String?

    public init(start: Int, candidates: [(replacement: String, display: String)], insertion: String?) {
      self.start = start
      self.candidates = candidates
      self.insertion = insertion
    }
  }

  /// Computes completions from the current line's text before the cursor. Called on the main
  /// thread, from inside readline.
  nonisolated(unsafe) public static var completer: ((String) -> Choices?)?

  nonisolated(unsafe) private static var acceptedLine: String?
  nonisolated(unsafe) private static var lineDone = false
  nonisolated(unsafe) private static var configured = false
  /// Display labels for the current completion matches, by match.
  nonisolated(unsafe) private static var labels: [String: String] = [:]
  /// The last history entry added, to drop consecutive duplicates.
  nonisolated(unsafe) private static var lastEntry: String?

  /// Sets readline up once: the application name for `$if chiso` in `~/.inputrc`, completion
  /// hooks, and signal handling. `promptsToStandardError` keeps prompts out of redirected output.
  public static func configure(promptsToStandardError: Bool = false) {
    if configured { return }
    configured = true
    chiso_rl_configure(attemptCompletion, displayMatches, promptsToStandardError ? 1 : 0)
    _ = chiso_install_signal_handlers()
  }

  /// Reads one line with editing; the prompt is shown only here.
  public static func read(prompt: String) -> Input {
    configure()
    acceptedLine = nil
    lineDone = false
    _ = chiso_take_sigint()
    if chiso_terminating() != 0 { return .end }
    chiso_catch_sigtstp(1)
    defer { chiso_catch_sigtstp(0) }
    rl_callback_handler_install(prompt, lineHandler)
    let input = chiso_rl_input_fd()
    while !lineDone {
      var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
      let ready = poll(&descriptor, 1, 250)
      let pollError = ready < 0 ? errno : 0
      if chiso_terminating() != 0 {
        chiso_rl_abandon_line("\n")
        return .end
      }
      if chiso_take_sigint() != 0 {
        chiso_rl_abandon_line("^C\n")
        return .interrupted
      }
      if chiso_take_sigwinch() != 0 { rl_resize_terminal() }
      if chiso_take_sigtstp() != 0 { chiso_rl_suspend() }
      if ready < 0 {
        if pollError == EINTR || pollError == EAGAIN { continue }
        rl_callback_handler_remove()
        return .end
      }
      if ready == 0 { continue }
      if descriptor.revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
        rl_callback_read_char()
      }
    }
    guard let line = acceptedLine else {
      // Ctrl-D: end the prompt's line so the shell's prompt starts on its own.
      writeOut("\n")
      return .end
    }
    return .line(line)
  }

  private static func writeOut(_ text: String) { chiso_rl_write(text) }

  private static let lineHandler: @convention(c) (UnsafeMutablePointer<CChar>?) -> Void = { raw in
    // Removing the handler here stops readline from printing the prompt again.
    rl_callback_handler_remove()
    LineEditor.lineDone = true
    if let raw {
      LineEditor.acceptedLine = String(cString: raw)
      free(raw)
    } else {
      LineEditor.acceptedLine = nil
    }
  }

  /// Whether Ctrl-C was pressed since the last call (clears the flag). Polled while a query runs.
  public static func takeInterrupt() -> Bool { chiso_take_sigint() != 0 || chiso_terminating() != 0 }

  /// Whether SIGTERM or SIGHUP asked the session to end.
  public static var isTerminating: Bool { chiso_terminating() != 0 }

  // MARK: - History

  /// Adds an entry to the in-memory history (Up, Ctrl-R), skipping a repeat of the previous one.
  /// A multi-line entry stays one entry.
  public static func addHistory(_ entry: String) {
    guard !entry.isEmpty, entry != lastEntry else { return }
    configure()
    add_history(entry)
    lastEntry = entry
  }

  /// Loads entries (oldest first) into the in-memory history.
  public static func loadHistory(_ entries: [String]) {
    for entry in entries { addHistory(entry) }
  }

  // MARK: - Completion

  private static let attemptCompletion:
    @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = {
      _, start, end in
      chiso_rl_completion_defaults()
      guard let completer = LineEditor.completer, let buffer = chiso_rl_line_buffer() else { return nil }
      let point = Int(chiso_rl_point())
      let bytes = UnsafeRawBufferPointer(start: buffer, count: Int(chiso_rl_end()))
      guard point <= bytes.count else { return nil }
      let before = String(decoding: bytes[0..<point], as: UTF8.self)
      guard let choices = completer(before), !choices.candidates.isEmpty else { return nil }
      let wordStart = Int(start)
      guard choices.start >= wordStart, choices.start <= point, Int(end) == point else { return nil }
      let kept = String(decoding: bytes[wordStart..<choices.start], as: UTF8.self)
      let typed = String(decoding: bytes[choices.start..<point], as: UTF8.self)
      var matches: [String] = []
      LineEditor.labels = [:]
      if choices.candidates.count == 1 {
        matches = [kept + (choices.insertion ?? choices.candidates[0].replacement)]
      } else {
        matches = [kept + (choices.insertion ?? typed)]
        for candidate in choices.candidates {
          let match = kept + candidate.replacement
          matches.append(match)
          LineEditor.labels[match] = candidate.display
        }
      }
      return cStringArray(matches)
    }

  /// A malloc'd, NULL-terminated array of malloc'd strings, which readline frees.
  private static func cStringArray(_ strings: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    let stride = MemoryLayout<UnsafeMutablePointer<CChar>?>.stride
    guard let raw = malloc(stride * (strings.count + 1)) else { return nil }
    let array = raw.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: strings.count + 1)
    for (index, string) in strings.enumerated() { array[index] = strdup(string) }
    array[strings.count] = nil
    return array
  }

  /// Lists the choices by their labels (a column name, not the whole line it would make).
  private static let displayMatches:
    @convention(c) (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, Int32, Int32) -> Void = {
      matches, count, _ in
      guard let matches, count > 0 else { return }
      let limit = 200
      var shown: [String] = []
      for index in 1...Int(count) {
        guard let pointer = matches[index] else { break }
        let match = String(cString: pointer)
        shown.append(LineEditor.labels[match] ?? match)
        if shown.count == limit { break }
      }
      if Int(count) > limit { shown.append("… \(Int(count) - limit) more: type more letters") }
      let width = shown.map { $0.count }.max() ?? 1
      var labels: [String] = [""] + shown
      labels = labels.map { $0 }
      if let array = cStringArray(labels) {
        rl_display_match_list(array, Int32(shown.count), Int32(width))
        for index in 0...shown.count { free(array[index]) }
        free(array)
      }
      rl_forced_update_display()
    }
}
