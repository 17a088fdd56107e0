import ChisoEngine
import ChisoSyntax

extension CoreTransforms {
  static let group = TransformSpec(
    "group",
    parameters: [
      .positional("keys", .expr, "the keys: `group {year, component}`"),
      .positional("pipeline", .pipeline, "a pipeline: `group {k} (aggregate {…})`"),
    ],
    summary: "Applies the pipeline to each group of rows with equal keys.",
    example: "from pci | group {year, component} (aggregate {mean = average score})",
    docAnchor: "docs/language.md#group-and-aggregate"
  ) { call in
    let r = call.resolver
    let rel = call.input
    var ctx = call.context
    for item in r.items(try call.required("keys")) {
      if case .ident(let path) = item.kind, path.last == "*" {
        for index in try r.columnReferences(item, rel) {
          ctx.partition.append(.column(index, rel.columns[index], span: item.span))
          ctx.partitionNames.append((rel.columns[index].name, rel.columns[index].qualifier))
        }
        continue
      }
      let bound = try r.bind(item, ExprScope(columns: rel.columns))
      var qualifier: String? = nil
      if item.alias == nil, let i = bound.columnIndex, i < rel.columns.count { qualifier = rel.columns[i].qualifier }
      ctx.partition.append(bound)
      ctx.partitionNames.append((item.alias ?? r.derivedName(item), qualifier))
    }
    var working = rel
    // Keys that are expressions become columns first, so the steps inside can refer to them.
    for (k, key) in ctx.partition.enumerated() where key.columnIndex == nil {
      let column = r.column(for: key, named: ctx.partitionNames[k].0, in: working.columns)
      working = working.adding(.derive(working.plan, [key]), schema: working.columns + [column], span: call.span)
      ctx.partition[k] = .column(working.columns.count - 1, column, span: key.span)
    }
    for step in r.steps(try call.required("pipeline")) { working = try r.apply(step, to: working, context: &ctx) }
    return working
  }
}
