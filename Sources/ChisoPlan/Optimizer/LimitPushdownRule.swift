/// `take` moves below row-by-row steps (`select`, `derive`: they neither add nor drop rows nor
/// look at other rows), so it can meet a `sort` and become a top-n, or cut the rows those steps
/// compute. Two takes in a row become one.
enum LimitPushdownRule {
  static let rule = Optimizer.Rule("limit-pushdown", "take moves below row-by-row steps") { plan in
    guard case .take(let input, let partition, let start, let end) = plan.node, partition.isEmpty else { return nil }
    func take(_ p: LogicalPlan) -> LogicalPlan {
      LogicalPlan(.take(p, partition: [], start: start, end: end), schema: p.schema, span: plan.span)
    }
    switch input.node {
    case .project(let inner, let exprs):
      return LogicalPlan(.project(take(inner), exprs), schema: input.schema, span: input.span)
    case .derive(let inner, let exprs):
      return LogicalPlan(.derive(take(inner), exprs), schema: input.schema, span: input.span)
    case .take(let inner, let p, let s2, let e2) where p.isEmpty:
      // Rows start..<end of rows s2..<e2. Positions come from the user (`take 9223372036854775807..`):
      // a sum past Int.max means past the last row, so saturating is the exact answer here.
      func plus(_ a: Int, _ b: Int) -> Int {
        let (r, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b < 0 ? .min : .max) : r
      }
      let lo = plus(s2, start)
      let available = e2.map { plus($0, -lo) }
      let wanted = end.map { plus($0, -start) }
      var hi: Int? = nil
      if let a = available, let w = wanted { hi = plus(lo, max(0, min(a, w))) } else if let a = available { hi = plus(lo, max(0, a)) } else if let w = wanted { hi = plus(lo, w) }
      return LogicalPlan(.take(inner, partition: [], start: lo, end: hi.map { max(lo, $0) }), schema: plan.schema, span: plan.span)
    default:
      return nil
    }
  }
}
