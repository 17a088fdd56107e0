import ChisoEngine
import ChisoSyntax

extension CoreTransforms {
  static let join = TransformSpec(
    "join",
    parameters: [
      .positional("relation", .relation, "a relation: `join provinces (==gso_code)`"),
      .positional("condition", .expr, "a condition: `(==key)` or `(this.a == that.b)`"),
      .named("side", .choice(["inner", "left", "right", "full"]), default: "inner", "which unmatched rows to keep"),
    ],
    summary: "Pairs rows of two relations where the condition holds (`side:left` keeps unmatched left rows).",
    example: "from pci | join side:left provinces (==gso_code) | take 3"
  ) { call in
    let r = call.resolver
    let rel = call.input
    let side = JoinSide(rawValue: call.text("side") ?? "inner") ?? .inner
    let right = try r.relation(try call.required("relation"))
    let condition = try call.required("condition")
    let leftCount = rel.columns.count
    var columns = rel.columns + right.columns
    // Columns of the side that may be missing may hold nulls.
    if side == .right || side == .full { for i in 0..<leftCount { columns[i].nullable = true } }
    if side == .left || side == .full { for i in leftCount..<columns.count { columns[i].nullable = true } }
    var scope = ExprScope(columns: columns)
    scope.joinSplit = leftCount
    var conjuncts: [Expr] = []
    // Iterative: a long chain of `&&` cannot exhaust the stack.
    var pending = [condition]
    while let e = pending.popLast() {
      if case .binary(.and, let a, let b) = e.kind { pending.append(b); pending.append(a) } else { conjuncts.append(e) }
    }
    var leftKeys: [PlanExpr] = []
    var rightKeys: [PlanExpr] = []
    var residual: [PlanExpr] = []
    for c in conjuncts {
      let bound = try r.bind(c, scope)
      if case .unary(.selfEq, _) = c.kind, case .call(_, let args) = bound.kind, args.count == 2,
        let rightKey = args[1].columnIndex, side != .right, side != .full
      {
        columns[rightKey].joinKeyCopy = true
      }
      guard bound.type == .bool || bound.type == .null else {
        throw Diagnostic(.typeMismatch, "a join condition must be true/false, this is \(bound.type)", span: c.span)
      }
      if bound.functionID == "std.eq", case .call(_, let args) = bound.kind, args.count == 2 {
        let a = args[0].columnsUsed
        let b = args[1].columnsUsed
        if !a.isEmpty, !b.isEmpty, a.allSatisfy({ $0 < leftCount }), b.allSatisfy({ $0 >= leftCount }) {
          leftKeys.append(args[0])
          rightKeys.append(args[1].remapped { $0 - leftCount })
          continue
        }
        if !a.isEmpty, !b.isEmpty, b.allSatisfy({ $0 < leftCount }), a.allSatisfy({ $0 >= leftCount }) {
          leftKeys.append(args[1])
          rightKeys.append(args[0].remapped { $0 - leftCount })
          continue
        }
      }
      residual.append(bound)
    }
    var residualExpr: PlanExpr? = nil
    for e in residual { residualExpr = try residualExpr.map { try r.call("std.and", [$0, e], e.span) } ?? e }
    let node = LogicalPlan.Node.join(
      rel.plan, right.plan, side: side, leftKeys: leftKeys, rightKeys: rightKeys, residual: residualExpr)
    return Relation(plan: LogicalPlan(node, schema: columns, span: call.span), sort: side == .left || side == .inner ? rel.sort : [])
  }
}
