import ChisoEngine
import ChisoPlan
import ChisoSyntax

extension UnpivotOperation: RelationalForm {
  /// One projection per folded column — the kept columns, the column's name, its value — and
  /// their UNION ALL (rows come column by column, where chiso's engine goes row by row).
  func relationalForm(inputs: [LogicalPlan], schema: [SchemaColumn], span: Span?) -> LogicalPlan? {
    guard let input = inputs.first, !folded.isEmpty, type != .null else { return nil }
    let keep = input.schema.indices.filter { !folded.contains($0) }
    let at = span ?? Span(0, 0)
    var parts: [LogicalPlan] = []
    for p in folded {
      var items = keep.map { PlanExpr.column($0, input.schema[$0], span: at) }
      items.append(.literal(.text(input.schema[p].name), span: at))
      var value = PlanExpr.column(p, input.schema[p], span: at)
      if value.type != type {
        value = PlanExpr(.call(FunctionRef(id: "std.as_\(type.rawValue)", argumentTypes: [value.type]), [value]), type: type, span: at)
      }
      items.append(value)
      parts.append(LogicalPlan(.project(input, items), schema: schema, span: span))
    }
    return parts.dropFirst().reduce(parts[0]) { LogicalPlan(.append($0, $1), schema: schema, span: span) }
  }
}
