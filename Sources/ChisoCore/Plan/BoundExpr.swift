import ChisoEngine
import ChisoSyntax

/// An expression whose names are bound to column positions and whose type is known.
public struct BoundExpr: Sendable {
  public indirect enum Kind: Sendable {
    /// The input column at this position.
    case column(Int)
    case literal(Value)
    /// A scalar function (operators included) applied to arguments.
    case call(ScalarBinding, [BoundExpr])
    /// `case [c1 => v1, …]`: the first true condition's value, else null.
    case caseOf([(BoundExpr, BoundExpr)])
  }

  public var kind: Kind
  public var type: DataType
  public var span: Span

  public init(_ kind: Kind, type: DataType, span: Span) {
    self.kind = kind
    self.type = type
    self.span = span
  }

  /// The column positions this expression reads.
  public var columnsUsed: Set<Int> {
    switch kind {
    case .column(let i): return [i]
    case .literal: return []
    case .call(_, let args): return args.reduce(into: Set<Int>()) { $0.formUnion($1.columnsUsed) }
    case .caseOf(let arms):
      return arms.reduce(into: Set<Int>()) { $0.formUnion($1.0.columnsUsed); $0.formUnion($1.1.columnsUsed) }
    }
  }

  /// The same expression with every column position mapped.
  public func remapped(_ map: (Int) -> Int) -> BoundExpr {
    var copy = self
    switch kind {
    case .column(let i): copy.kind = .column(map(i))
    case .literal: break
    case .call(let f, let args): copy.kind = .call(f, args.map { $0.remapped(map) })
    case .caseOf(let arms): copy.kind = .caseOf(arms.map { ($0.0.remapped(map), $0.1.remapped(map)) })
    }
    return copy
  }

  /// The literal value, if this is a constant.
  public var constant: Value? {
    if case .literal(let v) = kind { return v }
    return nil
  }
}

/// A sort key over the current columns.
public struct SortKey: Sendable {
  public var expr: BoundExpr
  public var descending: Bool

  public init(expr: BoundExpr, descending: Bool) {
    self.expr = expr
    self.descending = descending
  }
}

/// An aggregate call in `aggregate`.
public struct AggregateCall: Sendable {
  public var kind: AggregateKind
  /// nil for `count this`.
  public var argument: BoundExpr?
  public var type: DataType
  public var span: Span
}

/// A window function call in `derive`/`select`/`filter`.
public struct WindowCall: Sendable {
  public var function: WindowFunction
  public var argument: BoundExpr?
  public var frame: WindowFrame
  public var type: DataType
  public var span: Span
}
