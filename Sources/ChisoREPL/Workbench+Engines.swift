import ChisoBackends
import ChisoCore
import ChisoSQL
import ChisoSyntax
import Foundation

extension Workbench {
  /// `.engine [ENGINE]`.
  func engine(_ spec: String?) {
    guard let spec, !spec.trimmingWhitespace.isEmpty else {
      note("engine: \(session.backend?.displayName ?? "chiso (embedded)")")
      return
    }
    do {
      let backend = try Engines.connect(spec, catalog: session.catalog)
      session.backend = backend
      note("engine: \(backend?.displayName ?? "chiso (embedded)")")
    } catch let error as EngineError {
      fail(error.message + error.hints.map { "\n  = help: \($0)" }.joined())
    } catch {
      fail("\(error)")
    }
  }

  /// `.sql [DIALECT] [QUERY]`.
  func sql(_ argument: String?) {
    var text = argument?.trimmingWhitespace ?? ""
    var dialect = SQLDialect.duckdb
    if let backend = session.backend {
      let name = String(backend.displayName.prefix { ch in ch != ":" && ch != " " })
      dialect = SQLDialect.named(name) ?? .duckdb
    }
    if let first = text.split(separator: " ", maxSplits: 1).first, let named = SQLDialect.named(String(first)) {
      dialect = named
      text = String(text.dropFirst(first.count)).trimmingWhitespace
    }
    guard let query = text.isEmpty ? lastQuery : text else {
      fail(".sql needs a query: .sql postgres from pci | take 3")
      return
    }
    let source = SourceFile(name: "<sql>", text: query)
    do throws(ChisoError) {
      console.write(SQLScript.render(try session.optimizedPlan(source), dialect: dialect))
    } catch {
      report(error, source)
    }
  }

  /// A typed line as the history keeps it: passwords in `.engine` URLs redacted.
  public static func historyEntry(_ line: String) -> String {
    line.trimmingWhitespace.hasPrefix(".engine") ? Redaction.redact(line) : line
  }
}
