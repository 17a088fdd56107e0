import ChisoCore
import ChisoEngine
import ChisoPlan
import ChisoSQL
import Foundation

/// `--engine postgresql://…`: the database's tables (those on its search path) are the catalog,
/// with their columns' types from information_schema; queries run there through libpq, read
/// only, their rows streamed back one at a time.
public final class PostgresBackend: QueryBackend, @unchecked Sendable {
  let runner: PostgresRunner
  let split: SplitExecution
  public let displayName: String
  public let schemas: (any SchemaProvider)?

  public init(url: String, catalog: Catalog) throws {
    let connection = try PostgresConnection(url: url)
    // What chiso's engine assumes: ISO dates, UTC, shortest exact floats; and no query writes.
    try connection.execute(
      "SET client_encoding = 'UTF8'; SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'; SET extra_float_digits = 1; "
        + "SET IntervalStyle = 'iso_8601'; SET default_transaction_read_only = on;")
    let tables = try PostgresRunner.catalog(connection)
    runner = PostgresRunner(connection: connection, tables: Set(tables.keys))
    displayName = connection.shownURL
    split = SplitExecution(runner: runner, engineName: "postgresql")
    let engineCatalog = EngineCatalog(engine: "postgresql", tables: tables, local: catalog)
    schemas = engineCatalog
    lintData = EngineLintData(split: split, schemas: engineCatalog, local: catalog)
  }

  public func run(_ plan: LogicalPlan, session: Session) throws -> Table { try split.run(plan, session: session) }
  public private(set) var lintData: (any LintData)? = nil

  public func explain(_ plan: LogicalPlan) -> String { "database: \(displayName)\n" + split.explain(plan) }
}

final class PostgresRunner: SQLRunner, @unchecked Sendable {
  let connection: PostgresConnection
  let tables: Set<String>
  var dialect: SQLDialect { .postgres }

  init(connection: PostgresConnection, tables: Set<String>) {
    self.connection = connection
    self.tables = tables
  }

  func hasTable(_ name: String) -> Bool { tables.contains(name) }

  func fetch(_ query: SQLQuery, tables: [String]) throws -> Table {
    var builder = ResultBuilder(columns: query.columns, engine: "PostgreSQL")
    try connection.query(query.text) { cells in try builder.append(cells) }
    return builder.finish()
  }

  /// Tables and views on the search path, the first schema winning a name.
  static func catalog(_ connection: PostgresConnection) throws -> [String: [(String, String, Bool)]] {
    var tables: [String: [(String, String, Bool)]] = [:]
    var owner: [String: String] = [:]
    let sql = """
      SELECT c.table_schema, c.table_name, c.column_name,
        CASE WHEN c.data_type = 'USER-DEFINED' THEN c.udt_name WHEN c.data_type = 'ARRAY' THEN c.udt_name || ' (array)' ELSE c.data_type END,
        c.is_nullable
      FROM information_schema.columns c
      WHERE c.table_schema = ANY (current_schemas(false))
      ORDER BY array_position(current_schemas(false), c.table_schema::name), c.table_name, c.ordinal_position
      """
    try connection.query(sql) { cells in
      guard cells.count == 5, let schema = cells[0], let t = cells[1], let c = cells[2], let type = cells[3] else { return }
      if let first = owner[t], first != schema { return }
      owner[t] = schema
      tables[t, default: []].append((c, type, cells[4] != "NO"))
    }
    return tables
  }
}
