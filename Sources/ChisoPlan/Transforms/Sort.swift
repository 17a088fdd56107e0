import ChisoEngine
import ChisoSyntax

extension CoreTransforms {
  static let sort = TransformSpec(
    "sort",
    parameters: [
      .positional("keys", .expr, "keys: `sort {-score}`"),
      .named("collate", .choice(Collation.allCases.map(\.rawValue)), default: "the data folder's (vi for the bundled tables), else binary",
        "how text sorts: `collate:vi` (Vietnamese alphabetical order) or `collate:binary` (code points)"),
    ],
    summary: "Orders the rows by the keys (`-key` descending); nulls come last. Text sorts in Vietnamese order with `collate:vi`.",
    example: "from provinces | sort {region, province} collate:vi"
  ) { call in
    let r = call.resolver
    let rel = call.input
    let chosen = call.text("collate").flatMap(Collation.init(rawValue:))
    var keys: [SortKey] = []
    for item in r.items(try call.required("keys")) {
      var expr = item
      var descending = false
      if case .unary(let op, let inner) = item.kind, op == .neg || op == .plus {
        descending = op == .neg
        expr = inner
      }
      if case .ident(let path) = expr.kind, path.last == "*" {
        for index in try r.columnReferences(expr, rel) {
          let column = PlanExpr.column(index, rel.columns[index], span: expr.span)
          keys.append(SortKey(expr: column, descending: descending, collation: r.collation(for: column, in: rel.columns, chosen: chosen)))
        }
        continue
      }
      let bound = try r.bind(expr, ExprScope(columns: rel.columns))
      keys.append(SortKey(expr: bound, descending: descending, collation: r.collation(for: bound, in: rel.columns, chosen: chosen)))
    }
    var out = rel.adding(.sort(rel.plan, keys), schema: rel.columns, span: call.span)
    out.sort = keys
    return out
  }
}
