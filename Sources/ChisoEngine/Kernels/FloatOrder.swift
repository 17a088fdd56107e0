/// How chiso compares floats, everywhere (`==`, `<`, `in`, sorting, grouping, `count_distinct`,
/// joins, `remove`): DuckDB's total order, not IEEE's. NaN equals NaN and is greater than every
/// number, infinities included; -0.0 equals 0.0.
///
/// IEEE's unordered NaN made `NaN == 2.5` true in chiso (neither `<` nor `>` held, so the
/// comparison kernels saw "equal"), while grouping put NaNs together and `count_distinct`
/// counted each NaN apart: three answers to one question.
public enum FloatOrder {
  /// -1, 0 or 1.
  @inline(__always)
  public static func compare(_ a: Double, _ b: Double) -> Int {
    if a < b { return -1 }
    if a > b { return 1 }
    if a == b { return 0 }
    // At least one is NaN.
    return a.isNaN ? (b.isNaN ? 0 : 1) : -1
  }

  @inline(__always)
  public static func equal(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }

  /// A key equal for exactly the values `equal` calls equal.
  @inline(__always)
  public static func key(_ d: Double) -> UInt64 {
    if d.isNaN { return Double.nan.bitPattern }
    return (d == 0 ? 0.0 : d).bitPattern
  }

  /// The first row holding NaN or an infinity (nulls aside), if any.
  public static func firstNonFinite(_ column: Column) -> Int? {
    guard case .float(let values) = column.storage else { return nil }
    for i in values.indices where !values[i].isFinite && !column.isNull(i) { return i }
    return nil
  }
}
