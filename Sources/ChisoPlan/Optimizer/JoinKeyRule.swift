/// A filter above an inner join that equates a left and a right column (`filter a.x == b.y`)
/// becomes a join key, so the join matches by hash instead of pairing every row; other
/// conditions on both sides become the join's residual condition.
enum JoinKeyRule {
  static let rule = Optimizer.Rule("join-key-extraction", "equalities across an inner join become join keys") { plan in
    guard case .filter(let input, let predicate) = plan.node,
      case .join(let left, let right, .inner, var leftKeys, var rightKeys, let residual) = input.node
    else { return nil }
    let n = left.schema.count
    var stay: [PlanExpr] = []
    var extra: [PlanExpr] = []
    var found = false
    for c in predicate.conjuncts {
      let used = c.columnsUsed
      guard used.contains(where: { $0 < n }), used.contains(where: { $0 >= n }) else {
        stay.append(c)
        continue
      }
      if c.functionID == "std.eq", case .call(_, let args) = c.kind, args.count == 2 {
        let a = args[0].columnsUsed
        let b = args[1].columnsUsed
        if !a.isEmpty, !b.isEmpty, a.allSatisfy({ $0 < n }), b.allSatisfy({ $0 >= n }), args[0].type == args[1].type {
          leftKeys.append(args[0])
          rightKeys.append(args[1].remapped { $0 - n })
          found = true
          continue
        }
        if !a.isEmpty, !b.isEmpty, b.allSatisfy({ $0 < n }), a.allSatisfy({ $0 >= n }), args[0].type == args[1].type {
          leftKeys.append(args[1])
          rightKeys.append(args[0].remapped { $0 - n })
          found = true
          continue
        }
      }
      extra.append(c)
    }
    guard found || !extra.isEmpty else { return nil }
    let newResidual = PlanExpr.and((residual?.conjuncts ?? []) + extra)
    let join = LogicalPlan(
      .join(left, right, side: .inner, leftKeys: leftKeys, rightKeys: rightKeys, residual: newResidual), schema: input.schema,
      span: input.span)
    guard let remaining = PlanExpr.and(stay) else { return join }
    return LogicalPlan(.filter(join, predicate: remaining), schema: plan.schema, span: plan.span)
  }
}
