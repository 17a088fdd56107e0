/// A sort whose keys begin the next sort's keys is redundant: `sort a | sort {a, b}` orders as
/// `sort {a, b}` alone (both sorts are stable, so ties on every key keep their input order
/// either way). Sorts that only break ties for a later one (`sort b | sort a`) stay.
enum RedundantSortRule {
  static let rule = Optimizer.Rule("redundant-sort", "a sort the next sort makes irrelevant is removed") { plan in
    switch plan.node {
    case .sort(let input, let keys):
      guard case .sort(let inner, let innerKeys) = input.node, isPrefix(innerKeys, of: keys) else { return nil }
      return LogicalPlan(.sort(inner, keys), schema: plan.schema, span: plan.span)
    case .topN(let input, let keys, let start, let end):
      guard case .sort(let inner, let innerKeys) = input.node, isPrefix(innerKeys, of: keys) else { return nil }
      return LogicalPlan(.topN(inner, keys: keys, start: start, end: end), schema: plan.schema, span: plan.span)
    default:
      return nil
    }
  }

  static func isPrefix(_ a: [SortKey], of b: [SortKey]) -> Bool {
    a.count <= b.count && zip(a, b).allSatisfy { $0.sameAs($1) }
  }
}
