import ChisoCore
import ChisoLocale
import ChisoREPL
import ChisoRender
import Foundation
import LineEditor

/// The interactive loop: reads lines with readline, hands them to `EntryReader`, runs entries
/// on a `Workbench`, and keeps history. The logic lives in ChisoREPL; this file only wires it to
/// the terminal.
struct REPL {
  let session: Session
  let output: Output

  /// Mutable loop state the completion callback reads (the unfinished query's earlier lines).
  final class State {
    var reader = EntryReader()
  }

  func loop() {
    let stdoutIsTerminal = isatty(STDOUT_FILENO) != 0
    let colour = stdoutIsTerminal && TerminalInfo.wantsColour(fd: STDOUT_FILENO) && output.colour
    LineEditor.configure(promptsToStandardError: !stdoutIsTerminal)
    let console = TerminalConsole(colour: colour, interrupted: { LineEditor.takeInterrupt() })
    let bench = Workbench(session: session, console: console, mode: output.format)
    bench.ascii = output.ascii
    bench.language = output.language
    bench.warningStyle = output.warningStyle
    bench.numbers = output.numbers
    bench.version = ChisoVersion.current
    let completer = Completer(session: session)
    let state = State()

    LineEditor.completer = { currentLine in
      let pending = state.reader.pending
      let prefix = pending.isEmpty ? "" : pending + "\n"
      let completion = completer.complete(prefix + currentLine)
      let start = completion.start - prefix.utf8.count
      guard start >= 0 else { return nil }
      return LineEditor.Choices(
        start: start,
        candidates: completion.candidates.map { ($0.replacement, $0.display) },
        insertion: completion.insertion)
    }

    let history = HistoryFile(path: HistoryFile.defaultPath())
    LineEditor.loadHistory(history.load())
    var historyFailed = false
    func remember(_ typed: String) {
      // A password typed in `.engine postgresql://user:secret@…` is never kept.
      let entry = Workbench.historyEntry(typed)
      LineEditor.addHistory(entry)
      do throws(HistoryError) {
        try history.append(entry)
      } catch {
        if !historyFailed {
          console.writeError("note: history is not saved: \(error.message)\n")
          historyFailed = true
        }
      }
    }

    let tables = session.catalog.tableNames.count
    console.writeError(L10n.count("repl.banner", tables, output.language, ChisoVersion.current) + "\n")

    while true {
      let prompt = state.reader.isEmpty ? "chiso> " : "  ...> "
      switch LineEditor.read(prompt: prompt) {
      case .end:
        return
      case .interrupted:
        state.reader.clear()
      case .line(let line):
        switch state.reader.feed(line) {
        case .more, .nothing:
          continue
        case .query(let query):
          remember(query)
          bench.run(query: query)
        case .command(let command, let pending):
          remember(command)
          switch bench.handle(command: command, pending: pending) {
          case .quit: return
          case .proceed: break
          case .run(let query):
            remember(query)
            console.writeError(query + "\n")
            bench.run(query: query)
          }
        }
      }
    }
  }
}
