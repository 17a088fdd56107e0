import ChisoREPL
import Foundation
import Testing

/// Drives the real `chiso` binary in a pseudo-terminal through tmux (`send-keys` to type,
/// `capture-pane` to read the screen), as a user would: a query, Tab completion, a multi-line
/// query, Ctrl-C at the prompt and during a query, Ctrl-R, and history surviving a restart.
/// Without tmux or the binary it fails, unless `CHISO_SKIP_TMUX=1` skips it on purpose.
struct REPLEndToEndTests {
  /// A tmux server of our own (its own socket), so the test never touches anyone else's.
  final class Terminal {
    let socket = "chiso-e2e-\(UUID().uuidString.prefix(8))"
    let tmux: String
    let session = "repl"

    init(tmux: String) { self.tmux = tmux }

    /// Runs a tmux command with posix_spawn (through `Subprocess`), output to a file. Not
    /// Foundation's `Process`: it learns that a child exited from a socket the child inherits,
    /// and the tmux server that `new-session` leaves behind would hold that socket open forever.
    @discardableResult
    func run(_ arguments: [String], output: Bool = false) -> (status: Int32, output: String) {
      let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(UUID().uuidString).out").path
      defer { unlink(file) }
      let status = Subprocess.runShell(
        // `timeout` (where present) bounds every tmux call, so this test can never hang a run.
        #"if command -v timeout >/dev/null 2>&1; then set -- timeout 20 "$@"; fi; exec "$@" </dev/null >"$0" 2>/dev/null"#,
        arguments: [tmux, "-L", socket, "-f", "/dev/null"] + arguments, zero: file) ?? -1
      let text = output ? ((try? String(contentsOfFile: file, encoding: .utf8)) ?? "") : ""
      return (status, text)
    }

    func start(_ command: String, directory: String) {
      run(["new-session", "-d", "-s", session, "-x", "120", "-y", "50", "-c", directory, command])
    }

    /// Types text literally (no key names).
    func type(_ text: String) { run(["send-keys", "-t", session, "-l", text]) }
    /// Presses keys by name: Enter, Tab, C-c, C-d, C-r, C-l.
    func press(_ keys: String...) { run(["send-keys", "-t", session] + keys) }
    var screen: String { run(["capture-pane", "-p", "-t", session], output: true).output }
    var isRunning: Bool { run(["has-session", "-t", session]).status == 0 }

    /// Waits until the screen satisfies `condition`; the last screen either way.
    @discardableResult
    func waitFor(_ timeout: Double = 20, _ condition: (String) -> Bool) -> (ok: Bool, screen: String) {
      let deadline = Date().addingTimeInterval(timeout)
      var last = ""
      while Date() < deadline {
        last = screen
        if condition(last) { return (true, last) }
        Thread.sleep(forTimeInterval: 0.1)
      }
      return (false, last)
    }

    func waitForText(_ text: String, _ timeout: Double = 20) -> (ok: Bool, screen: String) {
      waitFor(timeout) { $0.contains(text) }
    }

    /// Clears the screen (readline's Ctrl-L) so the next check sees only what follows.
    func clear() {
      press("C-l")
      waitFor(5) { screen in
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        return lines.count == 1 && lines[0].hasPrefix("chiso>")
      }
    }

    func stop() { run(["kill-server"]) }
  }

  static var tmuxPath: String? {
    for folder in ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin", "/bin"] {
      let path = folder + "/tmux"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }

  /// The `chiso` built beside this test bundle (any scratch path), else `.build/debug`.
  static var binary: String? {
    // The chiso processes these tests start never touch the user's real cache.
    setenv("XDG_CACHE_HOME", NSTemporaryDirectory() + "chiso-test-cache", 1)
    var candidates: [String] = []
    if let executable = Bundle.main.executablePath {
      var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
      for _ in 0..<3 {
        candidates.append(folder.appendingPathComponent("chiso").path)
        folder = folder.deletingLastPathComponent()
      }
    }
    let argument0 = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
    candidates.append(argument0.deletingLastPathComponent().appendingPathComponent("chiso").path)
    candidates.append(Fixtures.packageRoot.appendingPathComponent(".build/debug/chiso").path)
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// tmux and the binary, or nil after recording why not: a missing tool fails the test, unless
  /// `CHISO_SKIP_TMUX=1` asks to skip the REPL-in-tmux tests on purpose.
  static func tools() -> (tmux: String, binary: String)? {
    let skip = ProcessInfo.processInfo.environment["CHISO_SKIP_TMUX"] == "1"
    guard let tmux = tmuxPath else {
      if skip {
        print("note: CHISO_SKIP_TMUX=1: the REPL-in-tmux tests are skipped")
      } else {
        Issue.record("tmux is not installed: install it (apt-get install tmux), or set CHISO_SKIP_TMUX=1 to skip the REPL-in-tmux tests on purpose")
      }
      return nil
    }
    guard let binary else {
      if !skip { Issue.record("the chiso binary was not found beside the tests: build it first (swift build)") }
      return nil
    }
    return (tmux, binary)
  }

  @Test(.timeLimit(.minutes(3))) func interactiveSession() throws {
    guard let (tmux, binary) = Self.tools() else { return }
    let state = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: state) }
    let inputrc = state.appendingPathComponent("inputrc")
    try "set bell-style none\n".write(to: inputrc, atomically: true, encoding: .utf8)
    // A FIFO nobody writes to: chiso refuses to read it (it might never end).
    let fifo = state.appendingPathComponent("never.csv").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let command =
      "env XDG_STATE_HOME='\(state.path)' INPUTRC='\(inputrc.path)' TERM=xterm-256color NO_COLOR=1 "
      + "'\(binary)' --data '\(Fixtures.datasets)'"

    let terminal = Terminal(tmux: tmux)
    defer { terminal.stop() }
    terminal.start(command, directory: Fixtures.packageRoot.path)
    try #require(terminal.waitForText("chiso>").ok, "no prompt")

    // A query.
    terminal.type(#"from pci | filter year == 2016 && component == "total" | sort {-score} | take 3"#)
    terminal.press("Enter")
    var result = terminal.waitForText("3 rows")
    #expect(result.ok)
    // Seven significant digits by default; `.precision full` shows every digit, `math.round 2`
    // its two decimals, `.decimal comma` a Vietnamese decimal comma.
    #expect(result.screen.contains("│ 2016 │ 48       │ Đà Nẵng    │ total     │ 70.00140 │"), "display precision: \(result.screen)")
    terminal.clear()
    terminal.type(".precision full")
    terminal.press("Enter")
    terminal.type(#"from pci | filter year == 2016 && component == "total" | sort {-score} | take 1 | select {province, score, r = math.round 2 score}"#)
    terminal.press("Enter")
    result = terminal.waitForText("1 row")
    #expect(result.screen.contains("│ Đà Nẵng  │ 70.001396 │ 70.00 │"), ".precision full and math.round 2: \(result.screen)")
    terminal.clear()
    terminal.type(".decimal comma")
    terminal.press("Enter")
    terminal.type(".precision 4")
    terminal.press("Enter")
    terminal.type(#"from pci | filter year == 2016 && component == "total" | sort {-score} | take 1 | select {province, score, r = math.round 2 score}"#)
    terminal.press("Enter")
    result = terminal.waitForText("70,00")
    #expect(result.screen.contains("70,0 │ 70,00 │"), ".decimal comma, .precision 4: \(result.screen)")
    terminal.type(".decimal point")
    terminal.press("Enter")
    terminal.type(".precision 7")
    terminal.press("Enter")

    // Tab completes a table name, a column derived earlier, and a value without diacritics.
    terminal.clear()
    terminal.type("from provinces | derive {density = 1} | select {province, dens")
    terminal.press("Tab")
    result = terminal.waitForText("select {province, density")
    #expect(result.ok, "column completion: \(result.screen)")
    terminal.type("}")
    terminal.press("Enter")
    #expect(terminal.waitForText("63 rows").ok)
    terminal.clear()
    terminal.type("from provinces | filter province == \"lang")
    terminal.press("Tab")
    result = terminal.waitForText("filter province == \"Lạng Sơn\"")
    #expect(result.ok, "value completion: \(result.screen)")
    terminal.press("Enter")
    result = terminal.waitForText("1 row")
    #expect(result.ok)
    #expect(result.screen.contains("│ Lạng Sơn │"))

    // Tab twice lists the choices.
    terminal.clear()
    terminal.type("from prov")
    terminal.press("Tab")
    #expect(terminal.waitForText("chiso> from province").ok)
    terminal.press("Tab")
    result = terminal.waitFor { $0.contains("province_merger_2025") && $0.contains("provinces_2025") }
    #expect(result.ok, "completion list: \(result.screen)")
    terminal.press("C-c")
    #expect(terminal.waitFor { $0.hasSuffix("chiso>") || $0.contains("^C\nchiso>") }.ok)

    // A multi-line query: continuation prompts while the line ends with `|`.
    terminal.clear()
    terminal.type("from pci |")
    terminal.press("Enter")
    #expect(terminal.waitForText("  ...>").ok)
    terminal.type(#"filter year == 2016 && component == "total" |"#)
    terminal.press("Enter")
    terminal.type("sort {-score} | take 2")
    terminal.press("Enter")
    result = terminal.waitForText("2 rows")
    #expect(result.ok, "multi-line: \(result.screen)")
    #expect(result.screen.contains("Quảng Ninh"))

    // Ctrl-C at the prompt clears the line: what follows runs on its own.
    terminal.clear()
    terminal.type("from nonsense here")
    // Wait for readline to echo the text before interrupting (a loaded machine is slow to echo).
    #expect(terminal.waitForText("from nonsense here").ok)
    terminal.press("C-c")
    #expect(terminal.waitForText("from nonsense here^C").ok)
    terminal.type(".schema provinces")
    terminal.press("Enter")
    result = terminal.waitForText("provinces — 63 rows, 7 columns")
    #expect(result.ok, "after Ctrl-C at the prompt: \(result.screen)")

    // A FIFO is refused, not read forever.
    terminal.clear()
    terminal.type("from (read_csv \"\(fifo)\")")
    #expect(terminal.waitForText("read_csv").ok)
    terminal.press("Enter")
    result = terminal.waitForText("regular files only")
    #expect(result.ok, "FIFO: \(result.screen)")

    // Ctrl-C during a query cancels it and keeps the session (6,000 random weightings per year
    // take a minute or more in a debug build).
    terminal.clear()
    terminal.type("from pci | robustness draws:6000")
    #expect(terminal.waitForText("draws:6000").ok)
    terminal.press("Enter")
    Thread.sleep(forTimeInterval: 1.5)
    terminal.press("C-c")
    result = terminal.waitForText("cancelled")
    #expect(result.ok, "cancel: \(result.screen)")
    terminal.type("from provinces | select {province} | take 1")
    terminal.press("Enter")
    result = terminal.waitForText("Hà Nội")
    #expect(result.ok, "after cancelling: \(result.screen)")

    // Ctrl-D on an empty line exits.
    terminal.press("C-d")
    #expect(terminal.waitFor(10) { _ in !terminal.isRunning }.ok || !terminal.isRunning)

    // History survives a restart: the multi-line query is one entry, found with Ctrl-R.
    let history = state.appendingPathComponent("chiso/history").path
    let saved = (try? String(contentsOfFile: history, encoding: .utf8)) ?? ""
    #expect(saved.contains(#"from pci |\nfilter year == 2016 && component == "total" |\nsort {-score} | take 2"#))
    terminal.start(command, directory: Fixtures.packageRoot.path)
    try #require(terminal.waitForText("chiso>").ok)
    terminal.press("C-r")
    terminal.type("sort {-score} | take 2")
    #expect(terminal.waitForText("(reverse-i-search)").ok)
    terminal.press("Enter")
    result = terminal.waitForText("2 rows")
    #expect(result.ok, "history after restart: \(result.screen)")
    #expect(result.screen.contains("Quảng Ninh"))
    // Up recalls it; run again right away, it is not stored twice in a row.
    func stored() -> Int {
      let lines = ((try? String(contentsOfFile: history, encoding: .utf8)) ?? "").split(separator: "\n")
      return lines.filter { $0.hasPrefix("from pci |\\nfilter") }.count
    }
    let before = stored()
    terminal.clear()
    terminal.press("Up")
    #expect(terminal.waitForText("sort {-score} | take 2").ok)
    terminal.press("Enter")
    #expect(terminal.waitForText("2 rows").ok)
    #expect(stored() == before)
    terminal.type(".quit")
    terminal.press("Enter")
    #expect(terminal.waitFor(10) { _ in !terminal.isRunning }.ok || !terminal.isRunning)
  }

  /// Issue 12's reproducers in one session: each answers with a located error (or a documented
  /// value) and the prompt comes back; the session still runs queries at the end.
  @Test(.timeLimit(.minutes(3))) func sessionSurvivesTheCrashClasses() throws {
    guard let tmux = Self.tmuxPath, let binary = Self.binary else {
      print("note: tmux or the chiso binary is missing; the REPL reliability test is skipped")
      return
    }
    let state = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: state) }
    let inputrc = state.appendingPathComponent("inputrc")
    try "set bell-style none\n".write(to: inputrc, atomically: true, encoding: .utf8)
    let command =
      "env XDG_STATE_HOME='\(state.path)' INPUTRC='\(inputrc.path)' TERM=xterm-256color NO_COLOR=1 "
      + "'\(binary)' --max-memory 64M --data '\(Fixtures.datasets)'"
    let terminal = Terminal(tmux: tmux)
    defer { terminal.stop() }
    terminal.start(command, directory: Fixtures.packageRoot.path)
    try #require(terminal.waitForText("chiso>").ok, "no prompt")
    let cases: [(String, String)] = [
      ("from [{a = 1}] | derive {d = @2019-01-01 + 9223372036854775807weeks}", "is too long"),
      ("from pci | take (-9223372036854775807 - 1)..3 | select {year}", "3 rows"),
      ("from [{a = 1}] | window rows:9223372036854775807..9223372036854775807 (derive {s = sum a})", "1 row"),
      ("from [{a = -9223372036854775807 - 1}] | derive {b = math.abs a}", "integer overflow"),
      ("from [{a = 15}] | derive {b = (a | math.round (-9223372036854775807 - 1))}", "1 row"),
      ("from [{a = \"hello\"}] | derive {b = (a | text.extract (-9223372036854775807 - 1) 3)}", "1 row"),
      ("from pci | robustness draws:-1", "`draws:` must be between 1 and 100000"),
      ("from [{s = \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\"}] | filter s ~= \"(a+)+$\"", "0 rows"),
      ("from (read_csv \"/dev/zero\")", "is a device, not a file"),
      ("from [{a = 9223372036854775807}, {a = 1}] | sort a | window rows:-1..0 (derive {s = sum a})", "integer overflow"),
      ("from [{a = 1}] | derive {d = @0001-01-01 + 9223372036854775807}", "date out of range"),
      ("from [{a = -1.0e300}] | derive {b = (a | as int)}", "does not fit in an int"),
      ("from [{x = -1.0}, {x = 4.0}] | derive {n = x ** 0.5} | filter n == 2.5", "0 rows"),
      ("from [{n = 1, v = 2}] | loop (filter n < 3 | select {v = v + 0.5, n = n + 1})", "in another order"),
      ("from pci | join side:left side:inner provinces (==gso_code)", "`side:` is given twice"),
      ("from pci | derive {k = 1} | join (from pci | derive {k = 1}) (==k)", "more than the memory limit (64 MB)"),
      ("from [{n = 1}] | loop (derive {n = n + 1})", "ran 10000 times"),
    ]
    for (query, answer) in cases {
      terminal.clear()
      terminal.type(query)
      #expect(terminal.waitForText(String(query.suffix(12))).ok)
      terminal.press("Enter")
      let result = terminal.waitFor(60) { $0.contains(answer) && $0.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("chiso>") }
      #expect(result.ok, "\(query): \(result.screen)")
      #expect(terminal.isRunning, "the session ended after \(query)")
    }
    terminal.clear()
    terminal.type("from provinces | select {province} | take 1")
    terminal.press("Enter")
    #expect(terminal.waitForText("Hà Nội").ok)
    terminal.type(".quit")
    terminal.press("Enter")
    #expect(terminal.waitFor(10) { _ in !terminal.isRunning }.ok || !terminal.isRunning)
  }
}
