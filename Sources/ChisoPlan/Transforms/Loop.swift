import ChisoEngine
import ChisoSyntax

extension CoreTransforms {
  static let loop = TransformSpec(
    "loop", parameters: [.positional("pipeline", .pipeline, "the step: `loop (filter n < 10 | select {n = n + 1})`")],
    summary: "Applies the step to the previous iteration's rows until it yields none; the result is every iteration's rows.",
    example: "from [{n = 1}] | loop (filter n < 5 | select {n = n + 1})"
  ) { call in
    let r = call.resolver
    let initial = call.input.finish()
    let visible = initial.schema
    var input = Relation(plan: LogicalPlan(.loopInput, schema: visible, span: call.span))
    var ctx = TransformContext()
    let pipeline = try call.required("pipeline")
    for step in r.steps(pipeline) { input = try r.apply(step, to: input, context: &ctx) }
    let step = input.finish()
    guard step.schema.count == initial.schema.count else {
      throw Diagnostic(
        .columnCount, "a `loop` step must keep the same columns (\(initial.schema.count)), it gives \(step.schema.count)",
        span: pipeline.span)
    }
    var schema = visible
    for (k, (a, b)) in zip(initial.schema, step.schema).enumerated() {
      guard let t = DataType.unify(a.type, b.type) else {
        throw Diagnostic(.typeMismatch, "a `loop` step changes `\(a.name)` from \(a.type) to \(b.type)", span: pipeline.span)
      }
      schema[k].type = t
      schema[k].nullable = a.nullable || b.nullable
    }
    return Relation(plan: LogicalPlan(.loop(initial, step: step), schema: schema, span: call.span))
  }
}
