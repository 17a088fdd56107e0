import ChisoEngine
import ChisoSyntax

extension CoreTransforms {
  static let aggregate = TransformSpec(
    "aggregate", parameters: [.positional("aggregates", .expr, "aggregates: `aggregate {n = count this}`")],
    summary: "Reduces the rows (of each group, inside `group`) to one row of aggregates.",
    example: "from pci | group {year} (aggregate {mean = average score})",
    docAnchor: "docs/language.md#group-and-aggregate"
  ) { call in
    let r = call.resolver
    let rel = call.input
    let context = call.context
    r.resetPending()
    var keyMap: [Int: Int] = [:]
    for (k, key) in context.partition.enumerated() { if let i = key.columnIndex { keyMap[i] = k } }
    var scope = ExprScope(columns: rel.columns)
    scope.mode = .aggregate(keyCount: context.partition.count, keyMap: keyMap)
    var finals: [PlanExpr] = []
    var names: [String] = []
    for item in r.items(try call.required("aggregates")) {
      let bound = try r.bind(item, scope)
      if let alias = item.alias { scope.aliases[alias] = bound }
      finals.append(bound)
      names.append(item.alias ?? r.derivedName(item))
    }
    let aggregates = r.takePendingAggregates()
    let keyColumns = context.partitionNames.enumerated().map { k, pair in
      var column = r.column(for: context.partition[k], named: pair.0, in: rel.columns)
      column.qualifier = pair.1
      return column
    }
    let aggregateColumns = aggregates.map { a in
      SchemaColumn(
        name: "_agg", type: a.type, nullable: !(a.kind == .count || a.kind == .countAll || a.kind == .countDistinct || a.kind == .sum),
        sources: a.argument.map { r.sources(of: $0, in: rel.columns) } ?? [], hidden: true)
    }
    let grouped = Relation(
      plan: LogicalPlan(
        .aggregate(rel.plan, keys: context.partition, aggregates: aggregates), schema: keyColumns + aggregateColumns,
        span: call.span))
    // Keys first, then one column per item (usually the aggregate itself).
    let keyExprs = keyColumns.indices.map { PlanExpr.column($0, keyColumns[$0], span: call.span) }
    let itemColumns = zip(names, finals).map { r.column(for: $1, named: $0, in: grouped.columns) }
    call.context = TransformContext()
    return r.project(grouped, keyExprs + finals, keyColumns + itemColumns, span: call.span)
  }
}
