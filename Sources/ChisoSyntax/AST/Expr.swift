/// A node of the parsed query, with the span it came from.
///
/// PRQL has one syntax for everything: a transform is a function call whose last argument is the
/// relation piped into it, so the AST does not distinguish transforms from functions; the
/// resolver does.
public struct Expr: Sendable, Equatable {
  public var kind: ExprKind
  public var span: Span
  /// `name = expr` in a tuple or as a transform argument.
  public var alias: String?

  public init(_ kind: ExprKind, _ span: Span, alias: String? = nil) {
    self.kind = kind
    self.span = span
    self.alias = alias
  }
}

public enum Literal: Sendable, Equatable {
  case null
  case bool(Bool)
  case integer(Int64)
  case float(Double)
  case string(String)
  /// The text after `@`: a date, time or timestamp.
  case date(String)
  case interval(Int64, String)
}

public enum BinaryOp: String, Sendable, Equatable {
  case mul = "*", div = "/", intDiv = "//", mod = "%", pow = "**"
  case add = "+", sub = "-"
  case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">=", regex = "~="
  case coalesce = "??"
  case and = "&&", or = "||"
}

public enum UnaryOp: String, Sendable, Equatable {
  case neg = "-", plus = "+", not = "!"
  /// `==col` in a join condition: `this.col == that.col`.
  case selfEq = "=="
}

/// A parameter of a `func` or lambda: `rel`, `rel <relation>`, `n:1`.
public struct Param: Sendable, Equatable {
  public var name: String
  public var type: String?
  public var defaultValue: Expr?
  public var span: Span

  public init(name: String, type: String? = nil, defaultValue: Expr? = nil, span: Span) {
    self.name = name
    self.type = type
    self.defaultValue = defaultValue
    self.span = span
  }
}

/// A named argument of a call: `side:left`.
public struct NamedArg: Sendable, Equatable {
  public var name: String
  public var value: Expr
  public var span: Span

  public init(name: String, value: Expr, span: Span) {
    self.name = name
    self.value = value
    self.span = span
  }
}

public struct CaseArm: Sendable, Equatable {
  public var condition: Expr
  public var value: Expr

  public init(condition: Expr, value: Expr) {
    self.condition = condition
    self.value = value
  }
}

public indirect enum ExprKind: Sendable, Equatable {
  /// A name or path: `score`, `pci.score`, `tracks.*`, `this.x`, `math.round`.
  case ident([String])
  case literal(Literal)
  case unary(UnaryOp, Expr)
  case binary(BinaryOp, Expr, Expr)
  /// `start..end`, either side optional.
  case range(Expr?, Expr?)
  /// `f a b name:c`: the callee, positional and named arguments.
  case call(Expr, [Expr], [NamedArg])
  /// `a | b | c`: each step after the first is a call taking the previous result last.
  case pipeline([Expr])
  /// `{a = x, y}`.
  case tuple([Expr])
  /// `[x, y]`: an array; an array of tuples is an inline relation.
  case array([Expr])
  case caseOf([CaseArm])
  case fstring([FStringInterpolation])
  /// `s"…"`: SQL, which chiso does not run.
  case sstring(String)
  /// `a b -> body`.
  case lambda([Param], Expr)
}

public enum FStringInterpolation: Sendable, Equatable {
  case text(String)
  case expr(Expr)
}

/// A top-level statement of a query or script.
public enum Statement: Sendable, Equatable {
  /// `let name = expr` (a relation or a function).
  case letBinding(name: String, value: Expr, span: Span)
  /// The query's main pipeline.
  case main(Expr)
  /// `prql target:… version:…`: accepted and ignored.
  case header(Span)
}

/// A parsed query: its statements, in order.
public struct Query: Sendable, Equatable {
  public var statements: [Statement]

  public init(statements: [Statement]) { self.statements = statements }

  /// The main pipeline, if any.
  public var main: Expr? {
    for statement in statements.reversed() { if case .main(let e) = statement { return e } }
    return nil
  }
}
