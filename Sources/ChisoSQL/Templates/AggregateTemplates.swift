import ChisoEngine

/// An aggregate call being written: in `aggregate` (one value per group) or as a window
/// function over a frame (`derive` inside `group` or `window`).
public struct SQLAggregateCall: Sendable {
  public var dialect: SQLDialect
  public var kind: AggregateKind
  /// nil for `count this`.
  public var argument: SQLArgument?
  public var resultType: DataType
  /// As a window function (then the generator appends `OVER (…)`).
  public var inWindow: Bool
  /// `ORDER BY …` of the rows, for the order-sensitive ones (`concat_array`, `first`, `last`).
  public var orderBy: String?
  /// ` OVER (…)` as a window function: it follows the aggregate call, inside any cast.
  public var over: String = ""

  var x: String { argument?.sql ?? "*" }
}

/// How each aggregate is written. What chiso's `aggregate` gives for a group without values
/// (as PRQL compiles it): `sum` 0, `concat_array` '', `all` true, `any` false; as a window
/// function over no values they are null, as in SQL.
public enum SQLAggregateTemplates {
  public static func entry(_ kind: AggregateKind, _ dialect: SQLDialect, inWindow: Bool) -> SQLFunctionEntry {
    switch (kind, dialect) {
    case (.median, .postgres) where inWindow:
      return .localOnly("PostgreSQL's PERCENTILE_CONT is not a window function")
    case (.first, .spark) where !inWindow, (.last, .spark) where !inWindow:
      return .localOnly("Spark's FIRST and LAST aggregates follow no order")
    default:
      // Aggregates are written by `write` (they need their frame and order); the entry only
      // says whether the dialect has them.
      return .sql { _ in "" }
    }
  }

  static func write(_ c: SQLAggregateCall) -> String {
    let d = c.dialect
    let x = c.x
    let order = c.orderBy.map { " ORDER BY " + $0 } ?? ""
    func wrap(_ sql: String, empty: String) -> String { c.inWindow ? sql : "COALESCE(\(sql), \(empty))" }
    func double(_ sql: String) -> String { "CAST(\(sql)\(c.over) AS \(d.typeName(.float)))" }
    let over = c.over
    let typed = c.argument?.type ?? .int
    let collated = d == .postgres && typed == .text ? "\(x) COLLATE \"C\"" : x
    switch c.kind {
    case .sum:
      // SUM of BIGINT is HUGEINT in DuckDB, NUMERIC in PostgreSQL; chiso's is an int.
      let sum = c.resultType == .int ? "CAST(SUM(\(x))\(over) AS BIGINT)" : "SUM(\(x))\(over)"
      return wrap(sum, empty: c.resultType == .int ? "0" : d.literal(.float(0)))
    case .count: return "COUNT(\(x))\(over)"
    case .countAll: return "COUNT(*)\(over)"
    case .countDistinct: return "COUNT(DISTINCT \(x))\(over)"
    case .average: return double("AVG(\(x))")
    case .min: return "MIN(\(collated))\(over)"
    case .max: return "MAX(\(collated))\(over)"
    case .stddev: return double("STDDEV_SAMP(\(x))")
    case .median:
      switch d {
      case .duckdb: return double("MEDIAN(\(x))")
      case .postgres: return double("PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY \(x))")
      case .spark: return double("MEDIAN(\(x))")
      }
    case .concat:
      switch d {
      case .duckdb, .postgres:
        let agg = c.inWindow ? "STRING_AGG(\(x), '')\(over)" : "STRING_AGG(\(x), ''\(order))"
        return wrap(agg, empty: "''")
      case .spark:
        // COLLECT_LIST follows the window's order; in `aggregate` the rows' order is Spark's.
        return wrap("CONCAT_WS('', COLLECT_LIST(\(x))\(over))", empty: "''")
      }
    case .all:
      return wrap("BOOL_AND(\(x))\(over)", empty: "TRUE")
    case .any:
      return wrap("BOOL_OR(\(x))\(over)", empty: "FALSE")
    case .first, .last:
      if c.inWindow { return (c.kind == .first ? "FIRST_VALUE(\(x))" : "LAST_VALUE(\(x))") + over }
      switch d {
      case .duckdb: return (c.kind == .first ? "FIRST(" : "LAST(") + x + order + ")"
      case .postgres:
        let list = "ARRAY_AGG(\(x)\(order))"
        return c.kind == .first ? "(\(list))[1]" : "(\(list))[COUNT(*)]"
      case .spark: return c.kind == .first ? "FIRST(\(x))" : "LAST(\(x))"
      }
    }
  }
}

/// How each window function is written (the generator appends `OVER (…)`).
public enum SQLWindowTemplates {
  public static func entry(_ function: WindowFunction, _ dialect: SQLDialect) -> SQLFunctionEntry {
    switch function {
    case .aggregate(let kind): return SQLAggregateTemplates.entry(kind, dialect, inWindow: true)
    default: return .sql { _ in "" }
    }
  }

  /// The call without its OVER clause.
  static func call(_ function: WindowFunction, argument: String?) -> String {
    let x = argument ?? "NULL"
    switch function {
    case .rowNumber: return "ROW_NUMBER()"
    case .rank: return "RANK()"
    case .denseRank: return "DENSE_RANK()"
    case .lag(let k): return "LAG(\(x), \(k))"
    case .lead(let k): return "LEAD(\(x), \(k))"
    case .first: return "FIRST_VALUE(\(x))"
    case .last: return "LAST_VALUE(\(x))"
    case .aggregate: return ""
    }
  }
}
