import ChisoEngine

/// A SQL engine chiso can compile a plan for. Each dialect says how to spell names, literals and
/// types; what differs in meaning (division, rounding, text order) lives in the function
/// templates (`Templates/`), keyed by registry function id.
public enum SQLDialect: String, Sendable, CaseIterable, CustomStringConvertible {
  case duckdb
  case postgres
  case spark

  /// `--sql NAME` and `.sql NAME` accept these spellings.
  public static func named(_ text: String) -> SQLDialect? {
    switch text.lowercased() {
    case "duckdb": return .duckdb
    case "postgres", "postgresql", "pg": return .postgres
    case "spark", "sparksql", "spark-sql": return .spark
    default: return nil
    }
  }

  public var description: String {
    switch self {
    case .duckdb: return "DuckDB"
    case .postgres: return "PostgreSQL"
    case .spark: return "Spark SQL"
    }
  }

  /// A text sort key in a collation: byte order is DuckDB's and Spark's default but must be
  /// asked of PostgreSQL (`COLLATE "C"`, its default follows the server's locale); Vietnamese
  /// order is ICU's `vi` in each engine.
  func collate(_ key: String, _ collation: Collation) -> String {
    switch (self, collation) {
    case (.postgres, .binary): return "\(key) COLLATE \"C\""
    case (.duckdb, .binary), (.spark, .binary): return key
    case (.postgres, .vietnamese): return "\(key) COLLATE \"vi-x-icu\""
    case (.duckdb, .vietnamese), (.spark, .vietnamese): return "\(key) COLLATE vi"
    }
  }

  /// A quoted identifier: `"name"` (DuckDB, PostgreSQL) or `` `name` `` (Spark).
  public func identifier(_ name: String) -> String {
    switch self {
    case .duckdb, .postgres: return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    case .spark: return "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
    }
  }

  /// A text literal. Spark's parser reads backslash escapes; the others double the quote.
  public func string(_ s: String) -> String {
    switch self {
    case .duckdb, .postgres:
      return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
    case .spark:
      var out = "'"
      for ch in s.unicodeScalars {
        switch ch {
        case "\\": out += "\\\\"
        case "'": out += "\\'"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default: out.unicodeScalars.append(ch)
        }
      }
      return out + "'"
    }
  }

  /// The SQL type that holds a chiso type exactly.
  public func typeName(_ type: DataType) -> String {
    switch (self, type) {
    case (_, .int): return "BIGINT"
    case (.postgres, .float): return "DOUBLE PRECISION"
    case (_, .float): return "DOUBLE"
    case (.duckdb, .text): return "VARCHAR"
    case (.postgres, .text): return "TEXT"
    case (.spark, .text): return "STRING"
    case (_, .bool): return "BOOLEAN"
    case (_, .date): return "DATE"
    // chiso's timestamps have no time zone: Spark's TIMESTAMP is in the session's zone.
    case (.spark, .timestamp): return "TIMESTAMP_NTZ"
    case (_, .timestamp): return "TIMESTAMP"
    // A column that only holds nulls: any type does; INTEGER unifies with the others.
    case (.spark, .null): return "INT"
    case (_, .null): return "INTEGER"
    }
  }

  /// A literal of a value, typed as chiso types it (an int stays BIGINT-compatible, a float is a
  /// DOUBLE, never a DECIMAL).
  public func literal(_ value: Value) -> String {
    switch value {
    case .null: return "NULL"
    case .bool(let b): return b ? "TRUE" : "FALSE"
    case .int(let i):
      // PostgreSQL reads a small literal as a 4-byte integer, whose arithmetic overflows early.
      if self == .postgres, Int32(exactly: i) != nil { return "\(i)::BIGINT" }
      if i == Int64.min { return "CAST(\(string(String(i))) AS BIGINT)" }
      return String(i)
    case .float(let d):
      return "CAST(" + string(floatText(d)) + " AS " + typeName(.float) + ")"
    case .text(let s): return string(s)
    case .date: return "DATE " + string(value.description)
    case .timestamp:
      return (self == .spark ? "TIMESTAMP_NTZ " : "TIMESTAMP ") + string(value.description)
    }
  }

  /// A typed null.
  public func null(_ type: DataType) -> String {
    type == .null ? "NULL" : "CAST(NULL AS \(typeName(type)))"
  }

  /// A float as all three engines read it back exactly.
  func floatText(_ d: Double) -> String {
    if d.isNaN { return "NaN" }
    if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
    return FloatFormat.shortest(d)
  }

  /// Whether `WITH RECURSIVE` is available (Spark has it from 4.1).
  var hasRecursiveCTE: Bool { true }

  /// `a IS NOT DISTINCT FROM b` (null-safe equality).
  func nullSafeEqual(_ a: String, _ b: String) -> String {
    self == .spark ? "(\(a) <=> \(b))" : "(\(a) IS NOT DISTINCT FROM \(b))"
  }
}
