import ChisoEngine
import ChisoSyntax

extension CoreTransforms {
  static let filter = TransformSpec(
    "filter", parameters: [.positional("condition", .expr, "a condition: `filter score > 60`")],
    summary: "Keeps the rows where the condition is true (not false, not null).",
    example: "from pci | filter year == 2016 && component == \"total\""
  ) { call in
    let r = call.resolver
    r.resetPending()
    let condition = try call.required("condition")
    let bound = try r.bind(condition, r.scope(call.input, call.context, windows: true))
    guard bound.type == .bool || bound.type == .null else {
      throw Diagnostic(
        .typeMismatch, "`filter` needs a true/false condition, this is \(bound.type)", span: condition.span,
        hints: bound.type == .int || bound.type == .float ? ["compare it: `filter score > 60`"] : [])
    }
    let out = r.withPendingWindows(call.input, call.context, span: call.span)
    return out.adding(.filter(out.plan, predicate: bound), schema: out.columns, span: call.span)
  }
}
