import ChisoEngine

extension SQLTemplates {
  /// Operators. The semantic gaps chiso closes in SQL: `/` is always a float division and `//`
  /// truncates toward zero (PostgreSQL's `/` truncates integers; DuckDB's `//` divides floats);
  /// dividing by zero gives null (DuckDB gives infinity, PostgreSQL and ANSI Spark fail); `%`
  /// keeps the sign of the dividend; text compares by its bytes; date arithmetic counts days.
  static let operators: [String: SQLDialectEntries] = [
    "std.add": everywhere { c in try dateArithmetic(c, "+") ?? "(\(c[0]) + \(c[1]))" },
    "std.sub": everywhere { c in try dateArithmetic(c, "-") ?? "(\(c[0]) - \(c[1]))" },
    "std.mul": everywhere { c in "(\(c[0]) * \(c[1]))" },
    "std.div": everywhere { c in "(\(c.double(0)) / NULLIF(\(c.double(1)), 0))" },
    "std.div_i": everywhere { c in
      if c.resultType == .int {
        switch c.dialect {
        case .duckdb: return "(\(c[0]) // NULLIF(\(c[1]), 0))"
        case .postgres: return "(\(c[0]) / NULLIF(\(c[1]), 0))"
        case .spark: return "(\(c[0]) div NULLIF(\(c[1]), 0))"
        }
      }
      let q = "(\(c.double(0)) / NULLIF(\(c.double(1)), 0))"
      switch c.dialect {
      case .duckdb, .postgres: return "TRUNC(\(q))"
      // Spark has no TRUNC for numbers: q - fmod(q, 1) is exactly q truncated.
      case .spark: return "(\(q) - \(q) % 1.0D)"
      }
    },
    "std.mod": everywhere { c in
      // `x % -1` is 0 for every x (engines overflow on the smallest int divided by -1).
      if c.resultType == .int { return "(CASE WHEN \(c[1]) = -1 THEN 0 ELSE \(c[0]) % NULLIF(\(c[1]), 0) END)" }
      switch c.dialect {
      case .duckdb, .spark: return "(\(c.double(0)) % NULLIF(\(c.double(1)), 0))"
      // PostgreSQL has no float remainder: NUMERIC's MOD keeps the dividend's sign.
      case .postgres:
        return "CAST(MOD(CAST(\(c[0]) AS NUMERIC), CAST(NULLIF(\(c[1]), 0) AS NUMERIC)) AS DOUBLE PRECISION)"
      }
    },
    "std.pow": everywhere { c in
      // A negative number to a fractional power is NaN (IEEE, chiso); PostgreSQL fails instead.
      guard c.dialect == .postgres else { return "POWER(\(c.double(0)), \(c.double(1)))" }
      let (x, y) = (c.double(0), c.double(1))
      return "(CASE WHEN \(x) < 0 AND \(y) <> FLOOR(\(y)) THEN \(c.dialect.literal(.float(.nan))) ELSE POWER(\(x), \(y)) END)"
    },
    "std.neg": everywhere { c in "(-\(c[0]))" },
    "std.eq": comparison("="),
    "std.ne": comparison("<>"),
    "std.lt": comparison("<"),
    "std.le": comparison("<="),
    "std.gt": comparison(">"),
    "std.ge": comparison(">="),
    "std.and": everywhere { c in "(\(c[0]) AND \(c[1]))" },
    "std.or": everywhere { c in "(\(c[0]) OR \(c[1]))" },
    "std.not": everywhere { c in "(NOT \(c[0]))" },
    "std.is_null": everywhere { c in "(\(c[0]) IS NULL)" },
    "std.is_not_null": everywhere { c in "(\(c[0]) IS NOT NULL)" },
    "std.coalesce": everywhere { c in
      // Both sides in the result type: PostgreSQL will not unify BIGINT with DOUBLE PRECISION by
      // itself in every context, and a bare NULL needs a type.
      let t = c.dialect.typeName(c.resultType)
      return "COALESCE(CAST(\(c[0]) AS \(t)), CAST(\(c[1]) AS \(t)))"
    },
    "std.regex_search": [
      .duckdb: .sql { c in try regexChecked(c); return "REGEXP_MATCHES(\(c[0]), \(c[1]))" },
      .postgres: .sql { c in
        // PostgreSQL's regular expressions are not RE2's: `\b`, `\p{…}`, `(?i)` mid-pattern and
        // the like mean other things there, so such patterns run on chiso's engine.
        try regexChecked(c)
        if case .text(let p)? = c.args[1].constant, p.contains("\\") || p.contains("(?") || p.contains("[[:") {
          throw SQLUnsupported("a regular expression with RE2 escapes or flags on PostgreSQL")
        }
        return "(\(c[0]) ~ \(c[1]))"
      },
      .spark: .sql { c in try regexChecked(c); return "(\(c[0]) RLIKE \(c[1]))" },
    ],
  ]

  /// A pattern chiso refuses (a backreference, a lookaround: they need backtracking) is refused on
  /// every engine too — it runs on chiso's engine, which says why — and a computed pattern runs
  /// there as well, so no engine accepts what chiso would not.
  static func regexChecked(_ c: SQLCall) throws(SQLUnsupported) {
    guard case .text(let pattern)? = c.args[1].constant else {
      throw SQLUnsupported("a computed regular expression")
    }
    do { _ = try LinearRegex(pattern) } catch { throw SQLUnsupported("a regular expression chiso refuses") }
  }

  static func comparison(_ op: String) -> SQLDialectEntries {
    everywhere { c in
      // Equality needs no collation (PostgreSQL's deterministic collations compare bytes for it).
      if op == "=" || op == "<>" { return "(\(c[0]) \(op) \(c[1]))" }
      return "(\(c.bytewise(0)) \(op) \(c.bytewise(1)))"
    }
  }

  /// `date ± days`, `timestamp ± days` and `date - date`; nil for plain numbers.
  static func dateArithmetic(_ c: SQLCall, _ op: String) throws(SQLUnsupported) -> String? {
    let (a, b) = (c.type(0), c.type(1))
    let d = c.dialect
    switch (a, b) {
    case (.date, .date):
      return d == .spark ? "DATEDIFF(\(c[0]), \(c[1]))" : "CAST(\(c[0]) - \(c[1]) AS BIGINT)"
    case (.date, .int), (.int, .date):
      let (date, days) = a == .date ? (c[0], c[1]) : (c[1], c[0])
      switch d {
      case .duckdb, .postgres: return "(\(date) \(op) CAST(\(days) AS INTEGER))"
      case .spark: return op == "+" ? "DATE_ADD(\(date), CAST(\(days) AS INT))" : "DATE_SUB(\(date), CAST(\(days) AS INT))"
      }
    case (.timestamp, .int), (.int, .timestamp):
      let (ts, days) = a == .timestamp ? (c[0], c[1]) : (c[1], c[0])
      switch d {
      case .duckdb: return "(\(ts) \(op) TO_DAYS(CAST(\(days) AS INTEGER)))"
      case .postgres: return "(\(ts) \(op) \(days) * INTERVAL '1 day')"
      case .spark: return "(\(ts) \(op) MAKE_DT_INTERVAL(CAST(\(days) AS INT)))"
      }
    case (.timestamp, .timestamp), (.timestamp, .date), (.date, .timestamp) where op == "-":
      // Days between, as a float (chiso has no interval type).
      let (x, y) = ("CAST(\(c[0]) AS \(d.typeName(.timestamp)))", "CAST(\(c[1]) AS \(d.typeName(.timestamp)))")
      switch d {
      case .duckdb: return "((EPOCH_US(\(x)) - EPOCH_US(\(y))) / 86400000000.0)"
      case .postgres: return "(EXTRACT(EPOCH FROM (\(x) - \(y))) / 86400.0)"
      case .spark: return "((UNIX_MICROS(\(x)) - UNIX_MICROS(\(y))) / 86400000000.0)"
      }
    default:
      return nil
    }
  }
}
