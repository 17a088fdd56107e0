extension PlanExpr {
  /// Whether two expressions compute the same thing (spans aside).
  public func sameAs(_ other: PlanExpr) -> Bool {
    guard type == other.type else { return false }
    switch (kind, other.kind) {
    case (.column(let a), .column(let b)): return a == b
    case (.literal(let a), .literal(let b)): return a == b
    case (.call(let f, let a), .call(let g, let b)):
      return f == g && a.count == b.count && zip(a, b).allSatisfy { $0.sameAs($1) }
    case (.caseOf(let a), .caseOf(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { $0.condition.sameAs($1.condition) && $0.value.sameAs($1.value) }
    default: return false
    }
  }

  /// The expression with each column replaced by an expression (`substitute(i)`), or nil when
  /// some column has no replacement.
  func substituting(_ substitute: (Int) -> PlanExpr?) -> PlanExpr? {
    switch kind {
    case .column(let i):
      guard var replacement = substitute(i) else { return nil }
      replacement.span = span
      return replacement
    case .literal: return self
    case .call(let f, let args):
      var out: [PlanExpr] = []
      for a in args {
        guard let b = a.substituting(substitute) else { return nil }
        out.append(b)
      }
      var copy = self
      copy.kind = .call(f, out)
      return copy
    case .caseOf(let arms):
      var out: [CaseArm] = []
      for arm in arms {
        guard let c = arm.condition.substituting(substitute), let v = arm.value.substituting(substitute) else { return nil }
        out.append(CaseArm(c, v))
      }
      var copy = self
      copy.kind = .caseOf(out)
      return copy
    }
  }

  /// The `&&`-separated parts of a condition.
  var conjuncts: [PlanExpr] {
    if case .call(let f, let args) = kind, f.id == "std.and", args.count == 2 { return args[0].conjuncts + args[1].conjuncts }
    return [self]
  }

  /// `a && b && …` of conditions, without literal `true`s (none left: nil).
  static func and(_ parts: [PlanExpr]) -> PlanExpr? {
    let parts = parts.filter { if case .literal(.bool(true)) = $0.kind { return false } else { return true } }
    guard var out = parts.first else { return nil }
    for p in parts.dropFirst() {
      out = PlanExpr(
        .call(FunctionRef(id: "std.and", argumentTypes: [out.type, p.type]), [out, p]), type: .bool,
        nullable: out.nullable || p.nullable, span: out.span.union(p.span))
    }
    return out
  }
}

extension SortKey {
  func sameAs(_ other: SortKey) -> Bool { descending == other.descending && expr.sameAs(other.expr) }
}
