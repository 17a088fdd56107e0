import ChisoEngine
import ChisoPlan

extension SQLBuilder {
  /// An expression over a relation's columns, written from the function templates.
  func expression(_ e: PlanExpr, _ rel: SQLRelation) throws(SQLUnsupported) -> String {
    switch e.kind {
    case .column(let i):
      guard rel.columns.indices.contains(i) else { throw SQLUnsupported("column #\(i) is out of range") }
      return rel.columns[i]
    case .literal(let v):
      return v.isNull ? dialect.null(e.type) : dialect.literal(v)
    case .call(let ref, let args):
      guard let entry = SQLTemplates.scalar(ref.id, dialect) else {
        throw SQLUnsupported("`\(ref.id)` has no SQL template for \(dialect)")
      }
      switch entry {
      case .localOnly(let reason):
        throw SQLUnsupported("`\(ref.id)`: \(reason)")
      case .sql(let write):
        let arguments = try args.map { (a: PlanExpr) throws(SQLUnsupported) in
          SQLArgument(sql: try expression(a, rel), type: a.type, constant: a.constant)
        }
        do {
          return try write(SQLCall(dialect: dialect, args: arguments, resultType: e.type))
        } catch let unsupported as SQLUnsupported {
          throw unsupported
        } catch {
          throw SQLUnsupported("`\(ref.id)`: \(error)")
        }
      }
    case .caseOf(let arms):
      var text = "CASE"
      for arm in arms {
        let value = try expression(arm.value, rel)
        let typedValue = arm.value.type == e.type || arm.value.type == .null || e.type == .null
          ? value : "CAST(\(value) AS \(dialect.typeName(e.type)))"
        text += " WHEN \(try expression(arm.condition, rel)) THEN \(typedValue)"
      }
      return text + " END"
    }
  }
}
