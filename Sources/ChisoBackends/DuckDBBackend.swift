import ChisoCore
import ChisoEngine
import ChisoPlan
import ChisoSQL
import Foundation

/// `--engine duckdb` (the data folders' files, as views over them) or `--engine duckdb:FILE`
/// (a DuckDB database, opened read-only; its tables are the catalog). Each query runs in the
/// `duckdb` command-line shell (PyPI's `duckdb-cli`), its rows streamed back as JSON lines.
public final class DuckDBBackend: QueryBackend, @unchecked Sendable {
  let runner: DuckDBRunner
  let split: SplitExecution
  public let displayName: String
  public let schemas: (any SchemaProvider)?

  public init(database: String?, catalog: Catalog) throws {
    guard let executable = ToolLocator.find("duckdb", environment: "CHISO_DUCKDB") else {
      throw EngineError(
        "the `duckdb` program was not found",
        hints: ["run Tests/Engines/setup.sh (a virtualenv with PyPI's duckdb-cli), or set CHISO_DUCKDB to the program"])
    }
    if let database, !FileManager.default.fileExists(atPath: database) {
      throw EngineError("no DuckDB database at \(database)")
    }
    runner = DuckDBRunner(executable: executable, database: database, catalog: catalog)
    displayName = database.map { "duckdb:\($0)" } ?? "duckdb"
    split = SplitExecution(runner: runner, engineName: displayName)
    if let database {
      let tables = try runner.catalogQuery()
      schemas = EngineCatalog(engine: "duckdb:\(database)", tables: tables, local: catalog)
    } else {
      schemas = nil
    }
    lintData = EngineLintData(split: split, schemas: schemas ?? catalog, local: catalog)
  }

  public func run(_ plan: LogicalPlan, session: Session) throws -> Table { try split.run(plan, session: session) }
  public private(set) var lintData: (any LintData)? = nil

  public func explain(_ plan: LogicalPlan) -> String { split.explain(plan) }
}

final class DuckDBRunner: SQLRunner, @unchecked Sendable {
  let executable: String
  let database: String?
  let catalog: Catalog
  var dialect: SQLDialect { .duckdb }

  init(executable: String, database: String?, catalog: Catalog) {
    self.executable = executable
    self.database = database
    self.catalog = catalog
  }

  func hasTable(_ name: String) -> Bool {
    if database != nil { return true }
    guard let path = catalog.files[name] else { return false }
    let lower = path.lowercased()
    return lower.hasSuffix(".csv") || lower.hasSuffix(".tsv")
  }

  /// A view over a data file, its columns typed as chiso's catalog types them, read as chiso
  /// reads CSV (an empty field null, `""` the empty text).
  func view(_ table: String) throws -> String? {
    guard database == nil, let path = catalog.files[table] else { return nil }
    guard let schema = try catalog.schema(ofTable: table) else { return nil }
    let d = SQLDialect.duckdb
    let columns = zip(schema.names, schema.types).map { "\(d.string($0)): \(d.string(d.typeName($1 == .null ? .text : $1)))" }
    let delimiter = path.lowercased().hasSuffix(".tsv") ? "\\t" : ","
    return "CREATE OR REPLACE TEMP VIEW \(d.identifier(table)) AS SELECT * FROM read_csv(\(d.string(path)), header = true, "
      + "auto_detect = false, delim = \(d.string(delimiter)), quote = '\"', escape = '\"', allow_quoted_nulls = false, "
      + "columns = {\(columns.joined(separator: ", "))});"
  }

  func fetch(_ query: SQLQuery, tables: [String]) throws -> Table {
    var script = ""
    for table in tables { if let v = try view(table) { script += v + "\n" } }
    script += query.text + ";\n"
    var builder = ResultBuilder(columns: query.columns, engine: "DuckDB")
    try run(script) { cells in try builder.append(cells) }
    return builder.finish()
  }

  /// Runs a script in the shell, each result row to `row`.
  func run(_ script: String, row: ([String?]) throws -> Void) throws {
    var arguments = ["-jsonlines", "-bail", "-noheader"]
    if let database { arguments += ["-readonly", database] }
    let child = try ChildProcess(executable: executable, arguments: arguments)
    try child.write(script)
    child.closeInput()
    var failure: Error? = nil
    while let line = child.readLine() {
      guard failure == nil, !line.isEmpty else { continue }
      do { try row(try JSONRow.cells(line)) } catch { failure = error }
    }
    let status = child.wait()
    if status != 0 {
      throw EngineError("DuckDB: " + child.stderrText().trimmingCharacters(in: .whitespacesAndNewlines))
    }
    if let failure { throw failure }
  }

  /// The database's tables and columns (information_schema), for the catalog.
  func catalogQuery() throws -> [String: [(String, String, Bool)]] {
    var tables: [String: [(String, String, Bool)]] = [:]
    let sql = "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns "
      + "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position;\n"
    try run(sql) { cells in
      guard cells.count == 4, let t = cells[0], let c = cells[1], let type = cells[2] else { return }
      tables[t, default: []].append((c, type, cells[3] != "NO"))
    }
    return tables
  }
}
