import ChisoEngine
import ChisoPlan

/// Decides from a column's cached statistics (minimum, maximum, nulls) that a scan's predicate
/// holds on no row, so the scan reads nothing: `filter year == 1990` on a panel whose years run
/// 2006–2024. Only comparisons of a column with a literal are judged (joined by `&&` and `||`);
/// anything else is assumed to match. Judgements follow the comparison kernels exactly: numbers
/// by value, text by UTF-8 bytes; a float column with NaN has no range (NaN compares equal to
/// everything there), so it is never pruned.
enum StatisticsPruning {
  /// Whether `predicate` (over the scan's output columns) is true on no row. `statistics` are
  /// by output position.
  static func cannotMatch(_ predicate: PlanExpr, _ statistics: [Int: ColumnStatistics]) -> Bool {
    guard case .call(let ref, let args) = predicate.kind else { return false }
    switch ref.id {
    case "std.and":
      return args.contains { cannotMatch($0, statistics) }
    case "std.or":
      return args.allSatisfy { cannotMatch($0, statistics) }
    case "std.eq", "std.ne", "std.lt", "std.le", "std.gt", "std.ge":
      guard args.count == 2 else { return false }
      if case .column(let i) = args[0].kind, case .literal(let v) = args[1].kind, let s = statistics[i] {
        return excluded(ref.id, s, v, columnFirst: true)
      }
      if case .literal(let v) = args[0].kind, case .column(let i) = args[1].kind, let s = statistics[i] {
        return excluded(ref.id, s, v, columnFirst: false)
      }
      return false
    default:
      return false
    }
  }

  /// Whether `column op literal` (or `literal op column`) is true on no row.
  static func excluded(_ op: String, _ s: ColumnStatistics, _ literal: Value, columnFirst: Bool) -> Bool {
    // A comparison with null is never true; an all-null column matches nothing.
    if literal.isNull || (s.rowCount == s.nullCount) { return true }
    guard let lo = s.min, let hi = s.max, let a = order(lo, literal), let b = order(hi, literal) else { return false }
    // a = sign(min - v), b = sign(max - v).
    let flipped: String
    switch (op, columnFirst) {
    case (_, true): flipped = op
    case ("std.lt", false): flipped = "std.gt"
    case ("std.le", false): flipped = "std.ge"
    case ("std.gt", false): flipped = "std.lt"
    case ("std.ge", false): flipped = "std.le"
    default: flipped = op
    }
    switch flipped {
    case "std.eq": return a > 0 || b < 0
    case "std.ne": return a == 0 && b == 0
    case "std.lt": return a >= 0
    case "std.le": return a > 0
    case "std.gt": return b <= 0
    case "std.ge": return b < 0
    default: return false
    }
  }

  /// The sign of `x - y` as the comparison kernels order them; nil for pairs not judged here.
  static func order(_ x: Value, _ y: Value) -> Int? {
    switch (x, y) {
    case (.int(let a), .int(let b)): return a < b ? -1 : (a > b ? 1 : 0)
    case (.date(let a), .date(let b)): return a < b ? -1 : (a > b ? 1 : 0)
    case (.timestamp(let a), .timestamp(let b)): return a < b ? -1 : (a > b ? 1 : 0)
    case (.bool(let a), .bool(let b)): return a == b ? 0 : (!a ? -1 : 1)
    case (.text(let a), .text(let b)):
      if a.utf8.elementsEqual(b.utf8) { return 0 }
      return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
    case (.float, .float), (.float, .int), (.int, .float):
      guard let a = x.asDouble, let b = y.asDouble, !a.isNaN, !b.isNaN else { return nil }
      return a < b ? -1 : (a > b ? 1 : 0)
    default:
      return nil
    }
  }
}
