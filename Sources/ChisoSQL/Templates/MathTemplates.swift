import ChisoEngine
import Foundation

extension SQLTemplates {
  /// `math.*`. chiso follows IEEE: the root of a negative number, the logarithm of one, the arc
  /// sine of 2 are NaN, where DuckDB and PostgreSQL fail and Spark returns NaN or null; the
  /// templates test the domain first. Int arguments of `abs`, `floor` and `ceil` stay ints.
  static let math: [String: SQLDialectEntries] = [
    "math.abs": everywhere { c in "ABS(\(c[0]))" },
    "math.floor": everywhere { c in c.type(0) == .int ? c[0] : wholeFloat(c, "FLOOR") },
    "math.ceil": everywhere { c in c.type(0) == .int ? c[0] : wholeFloat(c, "CEIL") },
    "math.sqrt": everywhere { c in "(CASE WHEN \(c.double(0)) < 0 THEN \(nan(c)) ELSE SQRT(\(c.double(0))) END)" },
    "math.exp": everywhere { c in
      // PostgreSQL fails where the result overflows; chiso (as IEEE) gives infinity.
      c.dialect == .postgres
        ? "(CASE WHEN \(c.double(0)) > 709.782712893384 THEN CAST('Infinity' AS DOUBLE PRECISION) ELSE EXP(\(c.double(0))) END)"
        : "EXP(\(c.double(0)))"
    },
    "math.ln": logarithm("LN"),
    "math.log10": logarithm("LOG10"),
    "math.sin": everywhere { c in "SIN(\(c.double(0)))" },
    "math.cos": everywhere { c in "COS(\(c.double(0)))" },
    "math.tan": everywhere { c in "TAN(\(c.double(0)))" },
    "math.asin": unitDomain("ASIN"),
    "math.acos": unitDomain("ACOS"),
    "math.atan": everywhere { c in "ATAN(\(c.double(0)))" },
    // As chiso computes them, operation by operation (a built-in DEGREES may round differently).
    "math.degrees": everywhere { c in "((\(c.double(0)) * \(c.dialect.literal(.float(180)))) / PI())" },
    "math.radians": everywhere { c in "((\(c.double(0)) * PI()) / \(c.dialect.literal(.float(180))))" },
    "math.pi": everywhere { _ in "PI()" },
    "math.log": everywhere { c in "(\(safeLog("LN", c.double(1), c)) / \(safeLog("LN", c.double(0), c)))" },
    "math.pow": everywhere { c in
      guard c.dialect == .postgres else { return "POWER(\(c.double(1)), \(c.double(0)))" }
      let (x, y) = (c.double(1), c.double(0))
      return "(CASE WHEN \(x) < 0 AND \(y) <> FLOOR(\(y)) THEN \(nan(c)) ELSE POWER(\(x), \(y)) END)"
    },
    "math.round": everywhere { c in try Rounding.round(c) },
  ]

  /// FLOOR/CEIL of a float as a float (Spark's return BIGINT).
  static func wholeFloat(_ c: SQLCall, _ name: String) -> String {
    c.dialect == .spark ? "CAST(\(name)(\(c[0])) AS DOUBLE)" : "\(name)(\(c[0]))"
  }

  /// NaN, as each dialect writes it.
  static func nan(_ c: SQLCall) -> String { c.dialect.literal(.float(.nan)) }

  /// ln/log10: NaN below zero, minus infinity at zero (as IEEE and chiso).
  static func logarithm(_ name: String) -> SQLDialectEntries {
    everywhere { c in safeLog(name, c.double(0), c) }
  }

  static func safeLog(_ name: String, _ x: String, _ c: SQLCall) -> String {
    let minusInfinity = c.dialect.literal(.float(-.infinity))
    return "(CASE WHEN \(x) < 0 THEN \(nan(c)) WHEN \(x) = 0 THEN \(minusInfinity) ELSE \(name)(\(x)) END)"
  }

  static func unitDomain(_ name: String) -> SQLDialectEntries {
    everywhere { c in
      let x = c.double(0)
      return "(CASE WHEN \(x) < -1 OR \(x) > 1 THEN \(nan(c)) ELSE \(name)(\(x)) END)"
    }
  }
}

/// `math.round d x` exactly as chiso rounds: halves away from zero, judged on the exact value
/// of x·10^d. No engine does quite that — DuckDB's ROUND misjudges some near-halves (6.2695 to 3
/// places gives 6.27; the double is 6.26949999…), PostgreSQL rounds a DOUBLE to even (and its
/// NUMERIC conversion keeps only 15 digits), Spark rounds the shortest decimal text — so the
/// rounding is written out: s = x·10^d in IEEE arithmetic, rounded half away from zero, and
/// where s lands exactly on a half, the exact product's error (Dekker's two-product, the
/// split of 10^d done here) says on which side x·10^d really lies.
enum Rounding {
  static func round(_ c: SQLCall) throws(SQLUnsupported) -> String {
    guard case .int(let digits)? = c.args[0].constant else {
      throw SQLUnsupported("`math.round` with a computed number of digits")
    }
    let d = c.dialect
    if c.type(1) == .int {
      guard digits < 0 else { return c[1] }
      let m = Foundation.pow(10, Double(digits.magnitude))
      let q = "(CAST(\(c[1]) AS \(d.typeName(.float))) / \(d.literal(.float(m))))"
      return "CAST(\(halfAway(q, d)) * \(d.literal(.float(m))) AS BIGINT)"
    }
    return bind(c[1], d) { x in exact(x, digits: Int(clamping: digits), d) }
  }

  /// v rounded half away from zero, as a DOUBLE: its integer part, plus or minus one where the
  /// fraction (exact in IEEE arithmetic) is at least a half.
  static func halfAway(_ v: String, _ d: SQLDialect) -> String {
    "(\(trunc(v, d)) + SIGN(\(v)) * (CASE WHEN ABS(\(v) - \(trunc(v, d))) >= 0.5 THEN 1 ELSE 0 END))"
  }

  static func trunc(_ v: String, _ d: SQLDialect) -> String {
    d == .spark ? "(\(v) - \(v) % 1.0D)" : "TRUNC(\(v))"
  }

  static func exact(_ x: String, digits: Int, _ d: SQLDialect) -> String {
    let m = Foundation.pow(10, Double(digits))
    let lit = { (v: Double) in d.literal(.float(v)) }
    let s = "(\(x) * \(lit(m)))"
    var rounded = halfAway(s, d)
    if (0...22).contains(digits) {
      // Veltkamp's split of m into halves of 26 bits, then the exact error of x·m.
      let t = 134_217_729.0 * m
      let mh = t - (t - m)
      let ml = m - mh
      let xt = "(\(lit(134_217_729.0)) * \(x))"
      let xh = "(\(xt) - (\(xt) - \(x)))"
      let xl = "(\(x) - \(xh))"
      let error = "((((\(xh) * \(lit(mh)) - \(s)) + \(xh) * \(lit(ml))) + \(xl) * \(lit(mh))) + \(xl) * \(lit(ml)))"
      let tie = "ABS(\(s) - \(trunc(s, d))) = 0.5"
      let towardZero = "((\(error) < 0) = (\(s) > 0))"
      rounded = "(CASE WHEN \(tie) AND \(error) <> 0 AND \(towardZero) THEN \(trunc(s, d)) ELSE \(rounded) END)"
    }
    // Where x·10^d is not finite, chiso keeps x (PostgreSQL would fail on the overflow).
    let limit = Double.greatestFiniteMagnitude / m
    return "(CASE WHEN ABS(\(x)) >= \(lit(limit)) THEN \(x) ELSE \(rounded) / \(lit(m)) END)"
  }

  /// Evaluates `value` once and names it for `body`: a scalar subquery in PostgreSQL, a lambda
  /// in Spark (no correlated subqueries there) and DuckDB.
  static func bind(_ value: String, _ d: SQLDialect, _ body: (String) -> String) -> String {
    switch d {
    case .postgres:
      return "(SELECT \(body("_chiso_x")) FROM (SELECT CAST(\(value) AS DOUBLE PRECISION) AS _chiso_x) AS _chiso_round)"
    case .spark:
      return "AGGREGATE(ARRAY(CAST(\(value) AS DOUBLE)), CAST(NULL AS DOUBLE), (_chiso_acc, _chiso_x) -> \(body("_chiso_x")))"
    case .duckdb:
      return "LIST_TRANSFORM([CAST(\(value) AS DOUBLE)], lambda _chiso_x: \(body("_chiso_x")))[1]"
    }
  }
}
