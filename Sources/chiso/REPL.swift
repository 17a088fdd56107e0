import ChisoCore
import ChisoEngine
import ChisoREPL
import ChisoRender
import ChisoSyntax
import Foundation
import LineEditor

/// The plain read-eval loop (the full workbench REPL is its own issue).
struct REPL {
  let session: Session
  let output: Output

  func loop() {
    print("chiso \(ChisoVersion.current) — PRQL over \(session.catalog.tableNames.count) tables. End a query with an empty line or `;`… type .help, .tables, .quit")
    var buffer = ""
    var entry = 0
    while let line = LineEditor.readLine(prompt: buffer.isEmpty ? "chiso> " : "  ...> ") {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if buffer.isEmpty, trimmed.hasPrefix(".") {
        if !meta(trimmed) { return }
        continue
      }
      if buffer.isEmpty && trimmed.isEmpty { continue }
      buffer += (buffer.isEmpty ? "" : "\n") + line
      if !Completeness.isComplete(buffer) && !trimmed.isEmpty { continue }
      entry += 1
      LineEditor.addHistory(buffer)
      _ = output.run(session, SourceFile(name: "<repl:\(entry)>", text: buffer))
      buffer = ""
    }
  }

  /// Handles a dot command; false means quit.
  func meta(_ command: String) -> Bool {
    let words = command.split(separator: " ")
    switch words.first ?? "" {
    case ".quit", ".exit": return false
    case ".tables": print(session.catalog.tableNames.joined(separator: "\n"))
    case ".schema":
      let names = words.count > 1 ? [String(words[1])] : session.catalog.tableNames
      for name in names {
        do {
          guard let table = try session.catalog.table(name) else { print("unknown table \(name)"); continue }
          print("\(name): " + zip(table.names, table.columns).map { "\($0) \($1.type)" }.joined(separator: ", "))
        } catch {
          FileHandle.standardError.write(Data(DiagnosticRenderer.render(error).utf8))
        }
      }
    default:
      print(".help  .tables  .schema [table]  .quit")
    }
    return true
  }
}

