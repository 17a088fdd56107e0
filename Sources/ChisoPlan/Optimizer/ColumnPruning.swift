/// Drops the columns no later step reads, down to the scans, which then read only the columns
/// the query needs (`scan pci columns {year, score}`). A pass over the whole plan: each node is
/// asked for the columns its parent needs and returns a plan whose output holds at least those,
/// with where each surviving column moved.
enum ColumnPruning {
  static let pass = Optimizer.Pass(
    name: "column-pruning", summary: "only the columns later steps read are kept, down to the scan"
  ) { plan in
    // The result's columns are all needed, in their order.
    let (pruned, map) = prune(plan, needed: Set(plan.schema.indices))
    guard pruned.schema.count == plan.schema.count, map.count == plan.schema.count,
      plan.schema.indices.allSatisfy({ map[$0] == $0 })
    else { return plan }
    return pruned
  }

  /// `plan` keeping at least the `needed` output positions; the map sends each kept old
  /// position to its new one (positions not in it are gone).
  static func prune(_ plan: LogicalPlan, needed: Set<Int>) -> (LogicalPlan, [Int: Int]) {
    func identity(_ p: LogicalPlan) -> [Int: Int] { Dictionary(uniqueKeysWithValues: p.schema.indices.map { ($0, $0) }) }
    func keepAll() -> (LogicalPlan, [Int: Int]) {
      (plan.replacingChildren(plan.children.map { prune($0, needed: Set($0.schema.indices)).0 }), identity(plan))
    }
    func remap(_ e: PlanExpr, _ map: [Int: Int]) -> PlanExpr { e.remapped { map[$0] ?? $0 } }
    func used(_ exprs: [PlanExpr]) -> Set<Int> { exprs.reduce(into: Set<Int>()) { $0.formUnion($1.columnsUsed) } }

    switch plan.node {
    case .scan(let table, var read):
      let current = read.columns ?? Array(plan.schema.indices)
      var keep = needed.union(read.predicate?.columnsUsed ?? []).sorted()
      if keep.isEmpty, !plan.schema.isEmpty { keep = [0] }  // one column carries the row count
      guard keep.count < plan.schema.count else { return (plan, identity(plan)) }
      let map = Dictionary(uniqueKeysWithValues: keep.enumerated().map { ($1, $0) })
      read.columns = keep.map { current[$0] }
      read.predicate = read.predicate.map { remap($0, map) }
      return (LogicalPlan(.scan(table: table, read: read), schema: keep.map { plan.schema[$0] }, span: plan.span), map)

    case .filter(let input, let predicate):
      let (child, map) = prune(input, needed: needed.union(predicate.columnsUsed))
      return (LogicalPlan(.filter(child, predicate: remap(predicate, map)), schema: child.schema, span: plan.span), map)

    case .sort(let input, let keys):
      let (child, map) = prune(input, needed: needed.union(used(keys.map(\.expr))))
      let newKeys = keys.map { SortKey(expr: remap($0.expr, map), descending: $0.descending, collation: $0.collation) }
      return (LogicalPlan(.sort(child, newKeys), schema: child.schema, span: plan.span), map)

    case .take(let input, let partition, let start, let end):
      let (child, map) = prune(input, needed: needed.union(used(partition)))
      return (LogicalPlan(.take(child, partition: partition.map { remap($0, map) }, start: start, end: end), schema: child.schema, span: plan.span), map)

    case .topN(let input, let keys, let start, let end):
      let (child, map) = prune(input, needed: needed.union(used(keys.map(\.expr))))
      let newKeys = keys.map { SortKey(expr: remap($0.expr, map), descending: $0.descending, collation: $0.collation) }
      return (LogicalPlan(.topN(child, keys: newKeys, start: start, end: end), schema: child.schema, span: plan.span), map)

    case .derive(let input, let exprs):
      let n = input.schema.count
      // Keep a derived column if needed, or read by a kept later one (walking back).
      var keptDerived = Set<Int>()
      var neededInput = needed.filter { $0 < n }
      for j in exprs.indices.reversed() where needed.contains(n + j) || keptDerived.contains(n + j) {
        keptDerived.insert(n + j)
        for u in exprs[j].columnsUsed { if u < n { neededInput.insert(u) } else { keptDerived.insert(u) } }
      }
      let (child, childMap) = prune(input, needed: neededInput)
      var map = childMap
      var newExprs: [PlanExpr] = []
      var schema = child.schema
      for j in exprs.indices where keptDerived.contains(n + j) {
        newExprs.append(remap(exprs[j], map))
        map[n + j] = schema.count
        schema.append(plan.schema[n + j])
      }
      if newExprs.isEmpty { return (child, childMap) }
      return (LogicalPlan(.derive(child, newExprs), schema: schema, span: plan.span), map)

    case .project(let input, let exprs):
      let kept = exprs.indices.filter { needed.contains($0) }
      let (child, childMap) = prune(input, needed: used(kept.map { exprs[$0] }))
      let map = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, $0) })
      return (LogicalPlan(.project(child, kept.map { remap(exprs[$0], childMap) }), schema: kept.map { plan.schema[$0] }, span: plan.span), map)

    case .aggregate(let input, let keys, let aggregates):
      // Keys define the groups: all stay. Aggregates stay when needed.
      let k = keys.count
      let keptAggregates = aggregates.indices.filter { needed.contains(k + $0) }
      let reads = used(keys).union(used(keptAggregates.compactMap { aggregates[$0].argument }))
      let (child, childMap) = prune(input, needed: reads)
      var map = Dictionary(uniqueKeysWithValues: (0..<k).map { ($0, $0) })
      for (new, old) in keptAggregates.enumerated() { map[k + old] = k + new }
      let newAggregates = keptAggregates.map { i -> AggregateExpr in
        var a = aggregates[i]
        a.argument = a.argument.map { remap($0, childMap) }
        return a
      }
      let schema = Array(plan.schema[0..<k]) + keptAggregates.map { plan.schema[k + $0] }
      return (LogicalPlan(.aggregate(child, keys: keys.map { remap($0, childMap) }, aggregates: newAggregates), schema: schema, span: plan.span), map)

    case .window(let input, let partition, let order, let calls):
      let n = input.schema.count
      let keptCalls = calls.indices.filter { needed.contains(n + $0) }
      var reads = needed.filter { $0 < n }.union(used(partition)).union(used(order.map(\.expr)))
      reads.formUnion(used(keptCalls.compactMap { calls[$0].argument }))
      let (child, childMap) = prune(input, needed: reads)
      if keptCalls.isEmpty { return (child, childMap) }
      var map = childMap
      var schema = child.schema
      var newCalls: [WindowExpr] = []
      for i in keptCalls {
        var call = calls[i]
        call.argument = call.argument.map { remap($0, childMap) }
        newCalls.append(call)
        map[n + i] = schema.count
        schema.append(plan.schema[n + i])
      }
      let node = LogicalPlan.Node.window(
        child, partition: partition.map { remap($0, childMap) },
        order: order.map { SortKey(expr: remap($0.expr, childMap), descending: $0.descending, collation: $0.collation) }, calls: newCalls)
      return (LogicalPlan(node, schema: schema, span: plan.span), map)

    case .join(let left, let right, let side, let leftKeys, let rightKeys, let residual):
      let n = left.schema.count
      let residualUsed = residual?.columnsUsed ?? []
      let leftNeeds = needed.filter { $0 < n }.union(used(leftKeys)).union(residualUsed.filter { $0 < n })
      let rightNeeds = Set(needed.filter { $0 >= n }.map { $0 - n }).union(used(rightKeys))
        .union(residualUsed.filter { $0 >= n }.map { $0 - n })
      // Columns both sides share by name stay: when the join multiplies rows, the executor
      // checks which of them would complete the key (the `join-fan-out` warning).
      let shared = Set(left.schema.filter { !$0.hidden }.map(\.name)).intersection(right.schema.filter { !$0.hidden }.map(\.name))
      let sharedLeft = Set(left.schema.indices.filter { shared.contains(left.schema[$0].name) })
      let sharedRight = Set(right.schema.indices.filter { shared.contains(right.schema[$0].name) })
      let (l, lmap) = prune(left, needed: leftNeeds.union(sharedLeft))
      let (r, rmap) = prune(right, needed: rightNeeds.union(sharedRight))
      var map = lmap
      for (old, new) in rmap { map[n + old] = l.schema.count + new }
      let node = LogicalPlan.Node.join(
        l, r, side: side, leftKeys: leftKeys.map { remap($0, lmap) }, rightKeys: rightKeys.map { remap($0, rmap) },
        residual: residual.map { remap($0, map) })
      var schema = l.schema + r.schema
      // Nullability and join-key flags come from the join's own schema.
      for (old, new) in map where new < schema.count && old < plan.schema.count { schema[new] = plan.schema[old] }
      return (LogicalPlan(node, schema: schema, span: plan.span), map)

    case .values, .readFile, .readText, .loopInput, .append, .setOperation, .loop, .operation:
      // Positional combinations and operations see whole rows; their inputs keep every column.
      return keepAll()
    }
  }
}
