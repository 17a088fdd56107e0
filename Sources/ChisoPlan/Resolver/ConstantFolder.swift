import ChisoEngine
import ChisoSyntax

/// Evaluates calls on constants while resolving: `2 * 5` becomes `10`, `-3` a literal, and a
/// literal that overflows is an error at its own place. It runs the function's kernel on one
/// row of constants — no table, no executor.
enum ConstantFolder {
  static func fold(_ expr: PlanExpr, _ binding: ScalarBinding) throws(Diagnostic) -> PlanExpr {
    guard case .call(_, let args) = expr.kind else { return expr }
    let columns = args.map { Column.constant($0.constant ?? .null, count: 1) }
    let result: Column
    do {
      result = try binding.kernel(columns, 1)
    } catch {
      // Raised without a span: the caller holding the expression locates it.
      throw Diagnostic(.runtime, error.message, hints: error.hints)
    }
    let value = result.value(at: 0)
    // Keep the bound type (a null of type int stays an int-typed null).
    return PlanExpr(.literal(value), type: expr.type, nullable: value.isNull, span: expr.span)
  }
}
