import ChisoEngine
import ChisoSyntax

extension CoreTransforms {
  static let select = TransformSpec(
    "select", parameters: [.positional("columns", .expr, "columns: `select {a, b}`")],
    summary: "Exactly these columns (computed ones allowed); `select !{a}` drops columns.",
    example: "from pci | select {year, province, score}"
  ) { call in
    let r = call.resolver
    let rel = call.input
    let arg = try call.required("columns")
    var list = arg
    var exclude = false
    if case .unary(.not, let inner) = arg.kind {
      exclude = true
      list = inner
    }
    r.resetPending()
    if exclude {
      var dropped = Set<Int>()
      for item in r.items(list) { for index in try r.columnReferences(item, rel) { dropped.insert(index) } }
      let kept = rel.visibleIndices.filter { !dropped.contains($0) }
      return r.project(rel, kept.map { .column($0, rel.columns[$0], span: arg.span) }, kept.map { rel.columns[$0] }, span: call.span)
    }
    var bounds: [(PlanExpr, SchemaColumn)] = []
    var aliases: [String: PlanExpr] = [:]
    for item in r.items(list) {
      if case .ident(let path) = item.kind, path.last == "*" {
        for index in try r.columnReferences(item, rel) {
          bounds.append((.column(index, rel.columns[index], span: item.span), rel.columns[index]))
        }
        continue
      }
      var itemScope = r.scope(rel, call.context, windows: true)
      itemScope.aliases = aliases
      let bound = try r.bind(item, itemScope)
      if let alias = item.alias { aliases[alias] = bound }
      var column = r.column(for: bound, named: item.alias ?? r.derivedName(item), in: rel.columns)
      // (A window function in `select {count x}` binds to a pending column past `rel.columns`.)
      if let i = bound.columnIndex, i >= rel.columns.count {
        column = SchemaColumn(name: item.alias ?? r.derivedName(item), type: bound.type, nullable: bound.nullable)
      } else if item.alias == nil, let i = bound.columnIndex {
        column.qualifier = rel.columns[i].qualifier
      }
      bounds.append((bound, column))
    }
    let working = r.withPendingWindows(rel, call.context, span: call.span)
    return r.project(working, bounds.map(\.0), bounds.map(\.1), span: call.span)
  }
}
