import ChisoSyntax

/// Builds syntax trees for the relational verbs, every node located at the user's step, so an
/// error inside points where the verb was written. Names are identifiers in the tree, never text
/// to re-parse, so a column called `Sub-Index 1` needs no quoting.
struct SyntaxBuilder {
  let span: Span

  func ident(_ path: String...) -> Expr { Expr(.ident(path), span) }
  func ident(path: [String]) -> Expr { Expr(.ident(path), span) }
  func int(_ v: Int) -> Expr { Expr(.literal(.integer(Int64(v))), span) }
  func float(_ v: Double) -> Expr { Expr(.literal(.float(v)), span) }
  func text(_ s: String) -> Expr { Expr(.literal(.string(s)), span) }
  var null: Expr { Expr(.literal(.null), span) }
  var `true`: Expr { Expr(.literal(.bool(true)), span) }

  func call(_ name: String, _ args: [Expr], named: [(String, Expr)] = []) -> Expr {
    Expr(.call(ident(name), args, named.map { NamedArg(name: $0.0, value: $0.1, span: span) }), span)
  }
  func pipeline(_ steps: [Expr]) -> Expr { Expr(.pipeline(steps), span) }
  func tuple(_ items: [Expr]) -> Expr { Expr(.tuple(items), span) }
  func binary(_ op: BinaryOp, _ a: Expr, _ b: Expr) -> Expr { Expr(.binary(op, a, b), span) }
  func neg(_ a: Expr) -> Expr { Expr(.unary(.neg, a), span) }
  func caseOf(_ arms: [(Expr, Expr)]) -> Expr { Expr(.caseOf(arms.map { CaseArm(condition: $0.0, value: $0.1) }), span) }
  func named(_ e: Expr, _ alias: String) -> Expr {
    var copy = e
    copy.alias = alias
    return copy
  }
  func and(_ parts: [Expr]) -> Expr {
    parts.dropFirst().reduce(parts[0]) { binary(.and, $0, $1) }
  }
}
