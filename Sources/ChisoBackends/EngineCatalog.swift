import ChisoCore
import ChisoEngine
import ChisoPlan

/// The tables of an engine that has its own (a PostgreSQL database, a DuckDB file), as chiso
/// resolves queries against them: names and types from the engine's information_schema. Files
/// named in a query and the index manifests still come from the data folders.
final class EngineCatalog: SchemaProvider, @unchecked Sendable {
  let engine: String
  /// Table → (column, SQL type, nullable), in column order.
  let tables: [String: [(String, String, Bool)]]
  let local: Catalog

  init(engine: String, tables: [String: [(String, String, Bool)]], local: Catalog) {
    self.engine = engine
    self.tables = tables
    self.local = local
  }

  var tableNames: [String] { tables.keys.sorted() }
  /// A table sorts its text like the data folder's table of that name (the bundled tables
  /// copied into PostgreSQL keep their Vietnamese order), and the session's choice wins.
  func collation(ofTable name: String) -> Collation? { local.collation(ofTable: name) }
  var sessionCollation: Collation? { local.sessionCollation }
  var manifests: [String: IndexManifest] { local.manifests }

  func schema(ofTable name: String) throws(DataError) -> TableSchema? {
    guard let columns = tables[name] else { return nil }
    var types: [DataType] = []
    for (column, sqlType, _) in columns {
      guard let type = Self.chisoType(sqlType) else {
        throw DataError(
          file: "\(engine) table \(name)",
          message: "column `\(column)` has type \(sqlType), which chiso cannot represent",
          hint: "query a view that casts it, e.g. CREATE VIEW \(name)_v AS SELECT …, \(column)::text AS \(column) FROM \(name)")
      }
      types.append(type)
    }
    return TableSchema(names: columns.map(\.0), types: types, nullable: columns.map(\.2))
  }

  func schema(ofFile path: String, format: FileFormat) throws(DataError) -> TableSchema {
    try local.schema(ofFile: path, format: format)
  }

  func schema(ofText text: String, format: FileFormat) throws(DataError) -> TableSchema {
    try local.schema(ofText: text, format: format)
  }

  /// chiso's type for an engine's type name (PostgreSQL's or DuckDB's spelling); nil when
  /// chiso has none. NUMERIC/DECIMAL are read as floats.
  static func chisoType(_ sqlType: String) -> DataType? {
    let t = sqlType.lowercased()
    let base = t.split(separator: "(").first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? t
    switch base {
    case "bigint", "integer", "smallint", "tinyint", "int", "int2", "int4", "int8", "hugeint", "ubigint", "uinteger",
      "usmallint", "utinyint", "long", "short", "byte":
      return .int
    case "double precision", "double", "real", "float", "float4", "float8", "numeric", "decimal":
      return .float
    case "text", "character varying", "varchar", "character", "char", "name", "citext", "string", "bpchar":
      return .text
    case "boolean", "bool":
      return .bool
    case "date":
      return .date
    case "timestamp", "timestamp without time zone", "timestamp_ns", "timestamp_ms", "timestamp_s", "datetime":
      return .timestamp
    default:
      return nil
    }
  }
}
