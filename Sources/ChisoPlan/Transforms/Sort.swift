import ChisoEngine
import ChisoSyntax

extension CoreTransforms {
  static let sort = TransformSpec(
    "sort", parameters: [.positional("keys", .expr, "keys: `sort {-score}`")],
    summary: "Orders the rows by the keys (`-key` descending); nulls come last.",
    example: "from pci | filter year == 2016 && component == \"total\" | sort {-score}"
  ) { call in
    let r = call.resolver
    let rel = call.input
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
          keys.append(SortKey(expr: .column(index, rel.columns[index], span: expr.span), descending: descending))
        }
        continue
      }
      keys.append(SortKey(expr: try r.bind(expr, ExprScope(columns: rel.columns)), descending: descending))
    }
    var out = rel.adding(.sort(rel.plan, keys), schema: rel.columns, span: call.span)
    out.sort = keys
    return out
  }
}
