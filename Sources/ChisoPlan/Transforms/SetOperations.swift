import ChisoEngine
import ChisoSyntax

extension CoreTransforms {
  static let remove = setOperation(
    "remove", .except, "The rows that have no equal row in the other relation (EXCEPT).")
  static let intersect = setOperation(
    "intersect", .intersect, "The rows that have an equal row in the other relation (INTERSECT).")

  static func setOperation(_ name: String, _ kind: SetOperationKind, _ summary: String) -> TransformSpec {
    TransformSpec(
      name, parameters: [.positional("relation", .relation, "a relation with the same columns")],
      summary: summary,
      example: "from provinces | select {gso_code} | \(name) (from pci | filter year == 2005 | select {gso_code})",
      docAnchor: "docs/language.md#append-remove-intersect"
    ) { call in
      let other = try call.resolver.relation(try call.required("relation"))
      try checkSameWidth(call.input, other, span: call.span, verb: name)
      let left = call.input.finish()
      return Relation(plan: LogicalPlan(.setOperation(left, other.finish(), kind), schema: left.schema, span: call.span))
    }
  }
}
