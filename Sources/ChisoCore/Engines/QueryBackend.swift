import ChisoEngine
import ChisoPlan

/// An engine other than chiso's own that runs (parts of) plans: DuckDB, PostgreSQL, Spark
/// (`--engine`, `.engine`). The session hands it every optimized plan; it runs what its SQL can
/// express where the data lives and gives the rest back to `Session.runLocally`.
public protocol QueryBackend: AnyObject, Sendable {
  /// What `--explain` and `.engine` call it (`duckdb`, `postgresql://ana@db.example/pci`); never
  /// holds a password.
  var displayName: String { get }
  /// The engine's own tables, when it has a catalog (a PostgreSQL database, a DuckDB file); nil
  /// when it reads the session's data folders.
  var schemas: (any SchemaProvider)? { get }
  /// The plan's result, rendered by chiso as usual.
  func run(_ plan: LogicalPlan, session: Session) throws -> Table
  /// The plan as `--explain` shows it: each node with the engine that runs it.
  func explain(_ plan: LogicalPlan) -> String
  /// What the lints know of the engine's tables (the years and components a table holds).
  var lintData: (any LintData)? { get }
}
