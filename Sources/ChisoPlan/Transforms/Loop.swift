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
    let pipeline = try call.required("pipeline")
    // The step's rows are stacked under the input's by position (PRQL's `WITH RECURSIVE …
    // UNION ALL`). When the step widens a column (int → float), the step is resolved again over
    // the widened columns, so that its kernels read what the executor gives them and a float is
    // never cut to an int.
    var schema = initial.schema
    var step = try loopStep(r, pipeline, schema, call.span)
    for _ in 0..<3 {
      let widened = try loopSchema(initial: schema, step: step.schema, span: pipeline.span)
      if widened.map(\.type) == schema.map(\.type) {
        schema = widened
        break
      }
      schema = widened
      step = try loopStep(r, pipeline, schema, call.span)
    }
    return Relation(plan: LogicalPlan(.loop(initial, step: step), schema: schema, span: call.span))
  }
}

extension CoreTransforms {
  /// The loop's step resolved over rows of `schema`.
  static func loopStep(_ r: Resolver, _ pipeline: Expr, _ schema: [SchemaColumn], _ span: Span) throws -> LogicalPlan {
    var input = Relation(plan: LogicalPlan(.loopInput, schema: schema, span: span))
    var ctx = TransformContext()
    for step in r.steps(pipeline) { input = try r.apply(step, to: input, context: &ctx) }
    return input.finish()
  }

  /// The loop's columns: the input's, widened to hold the step's values. A step with other
  /// columns, or the same columns in another order (`select {v, n}` under `n, v` would put `v`
  /// under `n` by position, which is never what was meant), is an error.
  static func loopSchema(initial: [SchemaColumn], step: [SchemaColumn], span: Span) throws -> [SchemaColumn] {
    guard step.count == initial.count else {
      throw Diagnostic(
        .columnCount, "a `loop` step must keep the same columns (\(initial.count)), it gives \(step.count)", span: span)
    }
    let inputNames = initial.map(\.name)
    let stepNames = step.map(\.name)
    if inputNames != stepNames, Set(inputNames).count == inputNames.count, Set(inputNames) == Set(stepNames) {
      throw Diagnostic(
        .loopColumnOrder,
        "the `loop` step gives its columns in another order (\(stepNames.joined(separator: ", "))) than its input (\(inputNames.joined(separator: ", ")))",
        span: span,
        hints: ["a loop stacks each step's rows under the previous ones by position: list the columns as the input has them, `select {\(inputNames.joined(separator: ", "))}`"])
    }
    var schema = initial
    for (k, (a, b)) in zip(initial, step).enumerated() {
      guard let t = DataType.unify(a.type, b.type) else {
        throw Diagnostic(.typeMismatch, "a `loop` step changes `\(a.name)` from \(a.type) to \(b.type)", span: span)
      }
      schema[k].type = t
      schema[k].nullable = a.nullable || b.nullable
    }
    return schema
  }
}
