/// Moves each part of a `filter` (its `&&` conjuncts) below the step under it where that keeps
/// the result: through `select`/`derive` (rewriting it over their inputs), `sort` (a filter keeps
/// the order), an `aggregate` or `window` when it tests only group or partition keys, into one
/// side of a join (the left of an inner or left join, the right of an inner or right one), and
/// into a scan. Parts that cannot move stay where they were, in their own filter, so a condition
/// is never evaluated on rows an earlier filter removed.
enum PredicatePushdownRule {
  static let rule = Optimizer.Rule("predicate-pushdown", "filters move toward the scan") { plan in
    guard case .filter(let input, let predicate) = plan.node else { return nil }
    var stay: [PlanExpr] = []
    var moved: [PlanExpr] = []
    for c in predicate.conjuncts {
      if let m = push(c, through: input) { moved.append(m) } else { stay.append(c) }
    }
    guard !moved.isEmpty, let pushed = below(input, PlanExpr.and(moved), plan) else { return nil }
    guard let remaining = PlanExpr.and(stay) else { return pushed }
    return LogicalPlan(.filter(pushed, predicate: remaining), schema: plan.schema, span: plan.span)
  }

  /// The conjunct rewritten over the inputs of `node`, if it can move below it (join sides are
  /// decided in `below`, which re-splits).
  static func push(_ c: PlanExpr, through node: LogicalPlan) -> PlanExpr? {
    let used = c.columnsUsed
    switch node.node {
    case .project(_, let exprs):
      return c.substituting { $0 < exprs.count ? exprs[$0] : nil }
    case .derive(let input, _):
      return used.allSatisfy({ $0 < input.schema.count }) ? c : nil
    case .sort:
      return c
    case .window(let input, let partition, _, _):
      let keys = Set(partition.compactMap(\.columnIndex))
      return used.allSatisfy({ $0 < input.schema.count && keys.contains($0) }) ? c : nil
    case .aggregate(_, let keys, _):
      return c.substituting { $0 < keys.count ? keys[$0] : nil }
    case .join(let left, _, let side, _, _, _):
      let n = left.schema.count
      if used.allSatisfy({ $0 < n }), side == .inner || side == .left { return c }
      if used.allSatisfy({ $0 >= n }), side == .inner || side == .right { return c }
      return nil
    case .scan(_, let read):
      return read.predicate == nil ? c : nil
    default:
      return nil
    }
  }

  /// `node` with `condition` (already over its inputs) applied below it.
  static func below(_ node: LogicalPlan, _ condition: PlanExpr?, _ filter: LogicalPlan) -> LogicalPlan? {
    guard let condition else { return nil }
    func filtered(_ input: LogicalPlan, _ c: PlanExpr) -> LogicalPlan {
      LogicalPlan(.filter(input, predicate: c), schema: input.schema, span: filter.span)
    }
    switch node.node {
    case .project(let input, let exprs):
      return LogicalPlan(.project(filtered(input, condition), exprs), schema: node.schema, span: node.span)
    case .derive(let input, let exprs):
      return LogicalPlan(.derive(filtered(input, condition), exprs), schema: node.schema, span: node.span)
    case .sort(let input, let keys):
      return LogicalPlan(.sort(filtered(input, condition), keys), schema: node.schema, span: node.span)
    case .window(let input, let p, let o, let calls):
      return LogicalPlan(.window(filtered(input, condition), partition: p, order: o, calls: calls), schema: node.schema, span: node.span)
    case .aggregate(let input, let keys, let aggregates):
      return LogicalPlan(.aggregate(filtered(input, condition), keys: keys, aggregates: aggregates), schema: node.schema, span: node.span)
    case .join(let left, let right, let side, let lk, let rk, let residual):
      let n = left.schema.count
      var l: [PlanExpr] = []
      var r: [PlanExpr] = []
      for c in condition.conjuncts {
        if c.columnsUsed.allSatisfy({ $0 < n }) { l.append(c) } else { r.append(c.remapped { $0 - n }) }
      }
      let newLeft = PlanExpr.and(l).map { filtered(left, $0) } ?? left
      let newRight = PlanExpr.and(r).map { filtered(right, $0) } ?? right
      return LogicalPlan(
        .join(newLeft, newRight, side: side, leftKeys: lk, rightKeys: rk, residual: residual), schema: node.schema, span: node.span)
    case .scan(let table, var read):
      read.predicate = condition
      return LogicalPlan(.scan(table: table, read: read), schema: node.schema, span: node.span)
    default:
      return nil
    }
  }
}
