import ChisoEngine
import ChisoSyntax

extension CoreTransforms {
  /// `fill_null {score = 0, note = "n/a"}`: each listed column with its nulls replaced, in place
  /// (tidyr's `replace_na`, polars' `fill_null`). The replacement must fit the column's type.
  static let fillNull = TransformSpec(
    "fill_null", parameters: [.positional("values", .expr, "column = replacement pairs: `fill_null {score = 0}`")],
    summary: "Replaces nulls in the named columns with a value, keeping the columns where they are.",
    example: "from [{a = 1}, {a = null}] | fill_null {a = 0}",
    docAnchor: "docs/language.md#fill_null"
  ) { call in
    let r = call.resolver
    let rel = call.input
    var replacements: [Int: PlanExpr] = [:]
    for item in r.items(try call.required("values")) {
      guard let name = item.alias else {
        throw Diagnostic(
          .badArgument, "`fill_null` takes `column = value` pairs", span: item.span,
          hints: ["e.g. `fill_null {score = 0}`"])
      }
      let index = try r.resolveColumn([name], ExprScope(columns: rel.columns), span: item.span)
      guard replacements[index] == nil else {
        throw Diagnostic(.duplicateArgument, "`\(name)` is listed twice", span: item.span)
      }
      var value = item
      value.alias = nil
      let column = PlanExpr.column(index, rel.columns[index], span: item.span)
      let replacement = try r.bind(value, ExprScope(columns: rel.columns))
      guard DataType.unify(column.type, replacement.type) == column.type || column.type == .null else {
        throw Diagnostic(
          .typeMismatch, "`\(name)` is \(column.type); it cannot hold \(replacement.type)", span: value.span,
          hints: ["give it a value of type \(column.type), or convert the column first: `derive \(name) = (\(name) | as \(replacement.type))`"])
      }
      replacements[index] = try r.call("std.coalesce", [column, replacement], item.span)
    }
    let visible = rel.visibleIndices
    let exprs = visible.map { replacements[$0] ?? .column($0, rel.columns[$0], span: call.span) }
    let columns = visible.map { i -> SchemaColumn in
      guard let e = replacements[i] else { return rel.columns[i] }
      var column = rel.columns[i]
      column.nullable = e.nullable
      column.origin = nil
      return column
    }
    return r.project(rel, exprs, columns, span: call.span)
  }
}
