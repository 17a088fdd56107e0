import ChisoEngine
import ChisoSyntax

extension CoreTransforms {
  static let derive = TransformSpec(
    "derive", parameters: [.positional("columns", .expr, "columns to add: `derive {x = …}`")],
    summary: "Adds columns computed from the others; a column of an existing name replaces it.",
    example: "from pci | derive {tenth = score / 10}"
  ) { call in
    let r = call.resolver
    var out = call.input
    let items = r.items(try call.required("columns"))
    // A wide `derive` makes one node with every column, not one node per column.
    var current = out.columns
    var exprs: [PlanExpr] = []
    func flush() {
      guard !exprs.isEmpty else { return }
      out = out.adding(.derive(out.plan, exprs), schema: current, span: call.span)
      exprs = []
    }
    // Visible columns by name, kept as columns are added: a 20,000-item `derive` stays linear.
    var visibleByName: [String: [Int]] = [:]
    func index() {
      visibleByName = [:]
      for (i, c) in current.enumerated() where !c.hidden { visibleByName[c.name, default: []].append(i) }
    }
    index()
    for item in items {
      if case .tuple = item.kind { throw Diagnostic(.badArgument, "nested tuple in `derive`", span: item.span) }
      r.resetPending()
      // (The scope is let go before `current` grows, so that the columns are not copied.)
      let bound = try { () throws -> PlanExpr in
        var itemScope = ExprScope(columns: current)
        itemScope.mode = .window(base: current.count, partition: call.context.partition, order: out.sort, frame: call.context.frame)
        return try r.bind(item, itemScope)
      }()
      if !r.pendingWindows.isEmpty {
        flush()
        out = r.withPendingWindows(out, call.context, span: call.span)
        current = out.columns
        index()
      }
      let name = item.alias ?? r.derivedName(item)
      // A new column of an existing name replaces it (the old one stays for sorting, hidden).
      for i in visibleByName[name] ?? [] { current[i].hidden = true }
      visibleByName[name] = [current.count]
      exprs.append(bound)
      current.append(r.column(for: bound, named: name, in: current))
    }
    flush()
    return out
  }
}
