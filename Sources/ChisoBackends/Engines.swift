import ChisoCore
import Foundation

/// `--engine` and `.engine` values: `chiso` (the embedded engine), `duckdb`, `duckdb:FILE`,
/// `postgresql://…` (or `postgres://…`, or libpq's `host=… dbname=…`), `spark`,
/// `spark:local[N]`, `spark://HOST:PORT`.
public enum Engines {
  public static let help = "chiso, duckdb, duckdb:FILE, postgresql://…, spark, spark://HOST:7077"

  /// The backend for a value; nil for chiso's own engine.
  public static func connect(_ spec: String, catalog: Catalog) throws -> (any QueryBackend)? {
    let value = spec.trimmingCharacters(in: .whitespaces)
    switch value.lowercased() {
    case "", "chiso", "local": return nil
    case "duckdb": return try DuckDBBackend(database: nil, catalog: catalog)
    case "spark": return try SparkBackend(master: "local[2]", catalog: catalog)
    default: break
    }
    if value.lowercased().hasPrefix("duckdb:") { return try DuckDBBackend(database: String(value.dropFirst(7)), catalog: catalog) }
    if value.hasPrefix("spark://") { return try SparkBackend(master: value, catalog: catalog) }
    if value.lowercased().hasPrefix("spark:") { return try SparkBackend(master: String(value.dropFirst(6)), catalog: catalog) }
    if value.hasPrefix("postgresql://") || value.hasPrefix("postgres://") || value.contains("dbname=") || value.contains("host=") {
      return try PostgresBackend(url: value, catalog: catalog)
    }
    throw EngineError("unknown engine `\(Redaction.redact(value))`", hints: ["engines: \(help)"])
  }
}
