import ChisoEngine
import ChisoSyntax

extension CoreTransforms {
  /// `from pci`, `from p = provinces`, `from [{a = 1}]`, `from (…)`.
  static let from = TransformSpec(
    "from", kind: .source,
    parameters: [.positional("table", .relation, "a table: `from pci`")],
    summary: "Starts a pipeline from a table, a relation defined with `let`, or inline rows.",
    example: "from pci | take 3"
  ) { call in
    try call.resolver.relation(try call.required("table"))
  }
}
