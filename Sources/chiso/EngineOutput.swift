import ArgumentParser
import ChisoBackends
import ChisoCore
import ChisoPlan
import ChisoSQL
import ChisoSyntax
import Foundation

/// `--engine` and `--sql`.
enum EngineSetup {
  /// Connects the session to `--engine`'s engine (nothing for chiso's own).
  static func attach(_ engine: String?, to session: Session) throws {
    guard let engine else { return }
    do {
      session.backend = try Engines.connect(engine, catalog: session.catalog)
    } catch let error as EngineError {
      var text = "error: \(error.message)\n"
      for hint in error.hints { text += "  = help: \(hint)\n" }
      StandardStreams.err(text)
      throw ExitCode(1)
    }
  }

  static func dialect(_ name: String?) throws -> SQLDialect? {
    guard let name else { return nil }
    guard let dialect = SQLDialect.named(name) else {
      throw ValidationError("--sql takes duckdb, postgres or spark, got `\(name)`")
    }
    return dialect
  }
}

extension Output {
  /// `--sql`: the query as the engine would run it.
  func printSQL(_ session: Session, _ source: SourceFile, _ dialect: SQLDialect) -> Bool {
    do {
      let plan = try session.optimizedPlan(source, parameters: parameters)
      write(SQLScript.render(plan, dialect: dialect))
      return true
    } catch {
      report(error, source)
      return false
    }
  }
}

/// `chiso load postgresql://… Datasets/`: copies a data folder's tables into a database.
struct LoadCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "chiso load",
    abstract: "Copy a data folder's tables into a PostgreSQL database (CREATE TABLE, then COPY).",
    discussion: """
      The password comes from the URL, PGPASSWORD or ~/.pgpass, and is never printed.

      Example:
        chiso load postgresql://ana@localhost/indices Datasets/
      """)

  @Argument(help: "The database: postgresql://USER@HOST[:PORT]/DB (or libpq's keyword form).")
  var database: String

  @Argument(help: "The data folder (default Datasets/).")
  var folder: String = "Datasets"

  @Flag(name: .long, help: "Replace tables that already exist.")
  var replace = false

  func run() throws {
    do {
      let loaded = try PostgresLoader.load(url: database, folder: folder, replace: replace) { line in
        StandardStreams.err("loaded \(line)\n")
      }
      print("\(loaded.count) tables, \(loaded.reduce(0) { $0 + $1.rows }) rows copied into \(Redaction.redact(database))")
    } catch let error as EngineError {
      var text = "error: \(error.message)\n"
      for hint in error.hints { text += "  = help: \(hint)\n" }
      StandardStreams.err(text)
      throw ExitCode(1)
    }
  }
}
