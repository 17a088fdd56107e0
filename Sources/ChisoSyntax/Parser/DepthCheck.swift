/// Rejects expressions deeper than later stages can walk recursively, using an explicit stack
/// (so the check itself cannot overflow). Long operator chains like `1+1+…+1` are parsed by a
/// loop but nest in the tree, so the parser's own nesting counter does not see them.
enum DepthCheck {
  static let maxTreeDepth = 500

  static func check(_ root: Expr) throws(Diagnostic) {
    var stack: [(Expr, Int)] = [(root, 1)]
    while let (expr, depth) = stack.popLast() {
      if depth > maxTreeDepth {
        throw Diagnostic(
          .tooDeep, "expression nested too deeply (more than \(maxTreeDepth) levels)",
          span: expr.span, hints: ["split the expression into several `derive` steps"])
      }
      for child in children(expr) { stack.append((child, depth + 1)) }
    }
  }

  static func children(_ expr: Expr) -> [Expr] {
    switch expr.kind {
    case .ident, .literal, .sstring: return []
    case .unary(_, let e): return [e]
    case .binary(_, let a, let b): return [a, b]
    case .range(let a, let b): return [a, b].compactMap { $0 }
    case .call(let f, let args, let named): return [f] + args + named.map(\.value)
    case .pipeline(let steps): return steps
    case .tuple(let items), .array(let items): return items
    case .caseOf(let arms): return arms.flatMap { [$0.condition, $0.value] }
    case .fstring(let parts):
      return parts.compactMap { if case .expr(let e) = $0 { return e } else { return nil } }
    case .lambda(let params, let body): return params.compactMap(\.defaultValue) + [body]
    }
  }
}
