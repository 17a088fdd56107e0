/// `filter true` is no step; `filter false` (or `null`) keeps no rows, whatever its input.
enum ConstantFilterRule {
  static let rule = Optimizer.Rule("constant-filter", "a filter on a constant keeps every row or none") { plan in
    guard case .filter(let input, let predicate) = plan.node, let value = predicate.constant else { return nil }
    if case .bool(true) = value { return input }
    return LogicalPlan(.take(input, partition: [], start: 0, end: 0), schema: plan.schema, span: plan.span)
  }
}
