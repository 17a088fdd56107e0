/// `sort | take n` (no partition) → `topN`: the first n rows by a bounded heap instead of a full
/// sort. Only when n is small next to what a heap saves — the executor's heap is worth it below
/// about an eighth of the rows, which the plan does not know, so the rule applies for n ≤ 10,000
/// and leaves larger takes to sort.
enum TopNRule {
  static let limit = 10_000

  static let rule = Optimizer.Rule("top-n", "sort followed by take becomes a bounded top-n") { plan in
    guard case .take(let input, let partition, let start, let end) = plan.node, partition.isEmpty, let end, end <= limit,
      case .sort(let sortInput, let keys) = input.node
    else { return nil }
    return LogicalPlan(.topN(sortInput, keys: keys, start: start, end: end), schema: plan.schema, span: plan.span)
  }
}
