import Foundation
import Testing

/// Issue 14's failures, typed into the real REPL through tmux as an analyst and a teacher would
/// type them: each one now fails loudly with a hint that works, or answers right.
///
/// Every wait polls the screen (`capture-pane`) until the text shows or a deadline passes; the
/// tmux server is this test's own (its own socket) and is killed at the end. This test does not
/// skip quietly: without tmux or the chiso binary it fails, unless `CHISO_SKIP_TMUX=1` says to
/// skip the REPL-in-tmux tests on purpose.
struct AnalystDayTmuxTests {
  /// A REPL in tmux with helpers that type an entry and wait for what it should print.
  struct Session {
    let terminal: REPLEndToEndTests.Terminal
    let state: URL

    /// Clears the screen, types `entry`, presses Enter and waits until `expected` shows; the
    /// screen, for further checks. A missing `expected` is recorded with the screen as it was.
    @discardableResult
    func enter(_ entry: String, expect expected: String, timeout: Double = 20, sourceLocation: SourceLocation = #_sourceLocation) -> String {
      terminal.clear()
      terminal.type(entry)
      terminal.press("Enter")
      let result = terminal.waitForText(expected, timeout)
      #expect(result.ok, "`\(entry)` did not show \(expected):\n\(result.screen)", sourceLocation: sourceLocation)
      return result.screen
    }
  }

  @Test(.timeLimit(.minutes(2))) func anAnalystsDayInTheREPL() throws {
    guard let (tmux, binary) = REPLEndToEndTests.tools() else { return }
    let state = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: state) }
    let inputrc = state.appendingPathComponent("inputrc")
    try "set bell-style none\n".write(to: inputrc, atomically: true, encoding: .utf8)
    // A script in a folder whose name has a space: `.step FILE` and `.read FILE` must take the
    // whole path.
    let folder = state.appendingPathComponent("my lessons")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let script = folder.appendingPathComponent("top two.prql")
    try "from pci\nfilter year == 2016 && component == \"total\"\nsort {-score}\ntake 2\n".write(to: script, atomically: true, encoding: .utf8)
    let command =
      "env XDG_STATE_HOME='\(state.path)' INPUTRC='\(inputrc.path)' TERM=xterm-256color NO_COLOR=1 LANG=C.UTF-8 LC_ALL= "
      + "'\(binary)' --data '\(Fixtures.datasets)'"
    let terminal = REPLEndToEndTests.Terminal(tmux: tmux)
    defer { terminal.stop() }
    terminal.start(command, directory: Fixtures.packageRoot.path)
    try #require(terminal.waitForText("chiso>").ok, "no prompt")
    let repl = Session(terminal: terminal, state: state)

    // SQL habits: an error, and a hint whose suggestion runs as suggested.
    var screen = repl.enter("from pci where year = 2016", expect: "in PRQL: `from pci | filter year == 2016`")
    #expect(screen.contains("error: `from` takes 1 argument, got 3"))
    repl.enter("from pci | filter year == 2016", expect: "693 rows")
    // Input that used to be ignored is an error.
    repl.enter("from pci foo", expect: "error: `from` takes 1 argument, got 2")

    // A misspelled province after `sort` (not right after `from`): a warning with the alias.
    screen = repl.enter(
      #"from pci | filter component == "total" | sort {-score} | filter province == "Daklak""#,
      expect: #"the data spells it "Đắk Lắk""#)
    #expect(screen.contains("0 rows"))

    // A join that multiplies rows says so.
    repl.enter(
      #"from pci | filter year == 2016 && component == "total" | join (from pci | filter year == 2016) (==province) | aggregate {n = count this}"#,
      expect: "this join made 693 rows from 63")

    // A session that remembers: `let` alone, `.save`, `_`, `.tables`, `.write`.
    repl.enter(#"let t2016 = (from pci | filter year == 2016 && component == "total")"#, expect: "defined `t2016` for this session")
    screen = repl.enter("from t2016 | aggregate {n = count this}", expect: "1 row")
    #expect(screen.contains("│  63 │"))
    repl.enter(
      #"from pci | filter year == 2016 && component == "total" | sort {-score} | take 3 | select {province, score}"#,
      expect: "3 rows")
    repl.enter(".save top3", expect: "saved the last result as `top3` (3 rows, 2 columns)")
    screen = repl.enter(#"from _ | filter province == "Quảng Ninh""#, expect: "1 row")
    #expect(screen.contains("│ Quảng Ninh │ 65.59555 │"))  // 7 significant digits on screen
    screen = repl.enter(".tables", expect: "defined in this session: t2016")
    #expect(screen.contains("top3") && screen.contains("(this session's table)"))
    let csv = state.appendingPathComponent("top3.csv")
    repl.enter(".write top3 \(csv.path)", expect: "wrote 3 rows of top3 to")
    #expect((try? String(contentsOf: csv, encoding: .utf8))?.hasPrefix("province,score\nĐà Nẵng,70.001396\n") == true)

    // Help where people are: verbs and functions.
    screen = repl.enter(".help compare", expect: "example: from pci | filter component == \"total\" | compare 2015 2016")
    #expect(screen.contains("compare [FROM] [TO]"))
    screen = repl.enter(".help math.round", expect: "halves away from zero")
    #expect(screen.contains("math.round digits column"))

    // `.step FILE` steps the file (a path with a space in it); after `.read FILE`, `.step` and
    // `.explain` work on the file's query, not the previous entry.
    screen = repl.enter(".step \(script.path)", expect: "step 4/4: take 2")
    #expect(screen.contains("kept 2 of 63 rows"))
    repl.enter(".read \(script.path)", expect: "2 rows")
    repl.enter(".step", expect: "step 4/4: take 2")
    screen = repl.enter(".explain", expect: "top-n 2 by -score")
    #expect(screen.contains("scan pci"))

    // An exercise read in the REPL is checked against its solution file's answer.
    repl.enter(".read Queries/lessons/02_ranks_your_turn.prql", expect: "Your ranks are dense (1, 2, 2, 3)")
    repl.enter(".read Queries/lessons/solutions/02_ranks_your_turn.prql", expect: "correct: 63 rows match the answer")

    // A chart of a wide result draws every column, with a legend.
    repl.enter(
      #"from pci | filter province == "Lai Châu" && component != "total" && year >= 2012 && year <= 2016 | group year (aggregate {lowest = min score, highest = max score}) | sort year"#,
      expect: "5 rows")
    screen = repl.enter(".chart line", expect: "lowest and highest by year, 2012–2016")
    #expect(screen.contains("● highest 8.84 (2016)") && screen.contains("○ lowest 4.54 (2016)"))

    terminal.type(".quit")
    terminal.press("Enter")
    #expect(terminal.waitFor(10) { _ in !terminal.isRunning }.ok || !terminal.isRunning)
  }
}
