import ChisoEngine
import ChisoSyntax

extension CoreTransforms {
  static let append = TransformSpec(
    "append", parameters: [.positional("relation", .relation, "a relation with the same columns")],
    summary: "The rows of another relation after these (UNION ALL); columns match by position.",
    example: "from pci | filter year == 2015 | append (from pci | filter year == 2016) | take 3",
    docAnchor: "docs/language.md#append-remove-intersect"
  ) { call in
    let r = call.resolver
    let other = try r.relation(try call.required("relation"))
    try checkSameWidth(call.input, other, span: call.span, verb: "append")
    let left = call.input.finish()
    let right = other.finish()
    var schema: [SchemaColumn] = []
    for (a, b) in zip(left.schema, right.schema) {
      guard let t = DataType.unify(a.type, b.type) else {
        throw Diagnostic(
          .typeMismatch, "`append` cannot stack column `\(a.name)` (\(a.type)) on `\(b.name)` (\(b.type))", span: call.span,
          hints: ["convert one side, e.g. `derive \(b.name) = (\(b.name) | as \(a.type))`"])
      }
      var column = a
      column.type = t
      column.nullable = a.nullable || b.nullable
      column.origin = a.origin == b.origin ? a.origin : nil
      column.sources = a.sources.union(b.sources)
      schema.append(column)
    }
    return Relation(plan: LogicalPlan(.append(left, right), schema: schema, span: call.span))
  }

  static func checkSameWidth(_ a: Relation, _ b: Relation, span: Span, verb: String) throws {
    let x = a.visibleIndices.count
    let y = b.visibleIndices.count
    guard x == y else {
      throw Diagnostic(
        .columnCount, "`\(verb)` needs relations with the same number of columns: \(x) and \(y)", span: span,
        hints: ["columns are matched by position; `select` the same columns on both sides"])
    }
  }
}
