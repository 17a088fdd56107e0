import ChisoEngine

extension SQLTemplates {
  /// `as TYPE`: a float becomes an int by rounding halves away from zero (engines cast to even
  /// or truncate), text parses and fails loudly on bad input, anything prints as chiso prints it.
  static let casts: [String: SQLDialectEntries] = [
    "std.as_int": everywhere { c in try Casts.toInt(c.args[0], c.dialect) },
    "std.as_float": everywhere { c in try Casts.toFloat(c.args[0], c.dialect) },
    "std.as_text": everywhere { c in Casts.toText(c.args[0], c.dialect) },
    "std.as_bool": everywhere { c in try Casts.toBool(c.args[0], c.dialect) },
    "std.as_date": everywhere { c in try Casts.plain(c.args[0], .date, from: [.date, .timestamp, .text], c.dialect) },
    "std.as_timestamp": everywhere { c in try Casts.plain(c.args[0], .timestamp, from: [.date, .timestamp, .text], c.dialect) },
  ]
}

enum Casts {
  static func unsupported(_ a: SQLArgument, _ target: DataType) -> SQLUnsupported {
    SQLUnsupported("`as \(target)` of a \(a.type) (chiso reports the error itself)")
  }

  static func plain(_ a: SQLArgument, _ target: DataType, from: Set<DataType>, _ d: SQLDialect) throws(SQLUnsupported) -> String {
    if a.type == target { return a.sql }
    if a.type == .null { return d.null(target) }
    guard from.contains(a.type) else { throw unsupported(a, target) }
    return "CAST(\(a.sql) AS \(d.typeName(target)))"
  }

  static func toInt(_ a: SQLArgument, _ d: SQLDialect) throws(SQLUnsupported) -> String {
    switch a.type {
    case .int: return a.sql
    case .null: return d.null(.int)
    case .float:
      let rounded = d == .duckdb ? "ROUND(\(a.sql))" : Rounding.halfAway(a.sql, d)
      return "CAST(\(rounded) AS BIGINT)"
    case .bool: return "(CASE WHEN \(a.sql) THEN 1 WHEN NOT \(a.sql) THEN 0 END)"
    case .text: return "CAST(TRIM(\(a.sql)) AS BIGINT)"
    case .date, .timestamp: throw unsupported(a, .int)
    }
  }

  static func toFloat(_ a: SQLArgument, _ d: SQLDialect) throws(SQLUnsupported) -> String {
    switch a.type {
    case .float: return a.sql
    case .null: return d.null(.float)
    case .int, .text: return "CAST(\(a.sql) AS \(d.typeName(.float)))"
    case .bool, .date, .timestamp: throw unsupported(a, .float)
    }
  }

  static func toBool(_ a: SQLArgument, _ d: SQLDialect) throws(SQLUnsupported) -> String {
    switch a.type {
    case .bool: return a.sql
    case .null: return d.null(.bool)
    case .int: return "(\(a.sql) <> 0)"
    case .text:
      // chiso's words; anything else fails in the engine's cast as it fails in chiso.
      let word = "LOWER(TRIM(\(a.sql)))"
      return "(CASE WHEN \(word) IN ('true', 't', '1', 'yes') THEN TRUE WHEN \(word) IN ('false', 'f', '0', 'no') THEN FALSE "
        + "ELSE CAST(\(a.sql) AS BOOLEAN) END)"
    case .float, .date, .timestamp: throw unsupported(a, .bool)
    }
  }

  /// A value as text, printed as chiso prints it (`60.0`, `true`, `2016-01-01`).
  static func toText(_ a: SQLArgument, _ d: SQLDialect) -> String {
    let text = d.typeName(.text)
    switch a.type {
    case .text: return a.sql
    case .null: return d.null(.text)
    case .int, .date: return "CAST(\(a.sql) AS \(text))"
    case .bool: return "(CASE WHEN \(a.sql) THEN 'true' WHEN NOT \(a.sql) THEN 'false' END)"
    case .float:
      switch d {
      case .duckdb, .spark: return "CAST(\(a.sql) AS \(text))"
      case .postgres:
        // PostgreSQL prints 60.0 as `60` and infinity as `Infinity`.
        let x = a.sql
        return "(CASE WHEN \(x) = 'Infinity' THEN 'inf' WHEN \(x) = '-Infinity' THEN '-inf' WHEN \(x) = 'NaN' THEN 'nan' "
          + "WHEN \(x) = TRUNC(\(x)) AND ABS(\(x)) < 1e16 THEN CAST(CAST(\(x) AS BIGINT) AS TEXT) || '.0' ELSE CAST(\(x) AS TEXT) END)"
      }
    case .timestamp:
      // `2016-01-01 10:30:00`, with the fraction of a second only when there is one.
      switch d {
      case .duckdb: return "CAST(\(a.sql) AS VARCHAR)"
      case .postgres: return "CAST(\(a.sql) AS TEXT)"
      case .spark: return "CAST(\(a.sql) AS STRING)"
      }
    }
  }
}
