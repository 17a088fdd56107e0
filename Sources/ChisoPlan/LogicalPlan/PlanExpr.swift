import ChisoEngine
import ChisoSyntax

/// A scalar function chosen for concrete argument types: the registry id (`std.add`,
/// `math.round`) and the types it was bound for. The executor looks the kernel up by both; the
/// SQL generator looks up the function's template by the id. No closures live in a plan.
public struct FunctionRef: Sendable, Hashable, CustomStringConvertible {
  public var id: String
  public var argumentTypes: [DataType]

  public init(id: String, argumentTypes: [DataType]) {
    self.id = id
    self.argumentTypes = argumentTypes
  }

  public var description: String { id }
}

/// An expression whose names are bound to column positions of its input and whose type is known.
public struct PlanExpr: Sendable {
  public indirect enum Kind: Sendable {
    /// The input column at this position.
    case column(Int)
    case literal(Value)
    /// A scalar function (operators included) applied to arguments.
    case call(FunctionRef, [PlanExpr])
    /// `case [c1 => v1, …]`: the first true condition's value, else null.
    case caseOf([CaseArm])
  }

  public struct CaseArm: Sendable {
    public var condition: PlanExpr
    public var value: PlanExpr
    public init(_ condition: PlanExpr, _ value: PlanExpr) {
      self.condition = condition
      self.value = value
    }
  }

  public var kind: Kind
  public var type: DataType
  public var nullable: Bool
  public var span: Span

  public init(_ kind: Kind, type: DataType, nullable: Bool = true, span: Span) {
    self.kind = kind
    self.type = type
    self.nullable = nullable
    self.span = span
  }

  public static func column(_ index: Int, _ column: SchemaColumn, span: Span) -> PlanExpr {
    PlanExpr(.column(index), type: column.type, nullable: column.nullable, span: span)
  }

  public static func literal(_ value: Value, span: Span) -> PlanExpr {
    PlanExpr(.literal(value), type: value.type, nullable: value.isNull, span: span)
  }

  /// The column positions this expression reads.
  public var columnsUsed: Set<Int> {
    var out = Set<Int>()
    visit { if case .column(let i) = $0.kind { out.insert(i) } }
    return out
  }

  /// Calls `f` on this expression and every sub-expression, parents first.
  public func visit(_ f: (PlanExpr) -> Void) {
    f(self)
    switch kind {
    case .column, .literal: break
    case .call(_, let args): for a in args { a.visit(f) }
    case .caseOf(let arms): for arm in arms { arm.condition.visit(f); arm.value.visit(f) }
    }
  }

  /// The same expression with every column position mapped.
  public func remapped(_ map: (Int) -> Int) -> PlanExpr {
    var copy = self
    switch kind {
    case .column(let i): copy.kind = .column(map(i))
    case .literal: break
    case .call(let f, let args): copy.kind = .call(f, args.map { $0.remapped(map) })
    case .caseOf(let arms): copy.kind = .caseOf(arms.map { CaseArm($0.condition.remapped(map), $0.value.remapped(map)) })
    }
    return copy
  }

  /// The literal value, if this is a constant.
  public var constant: Value? {
    if case .literal(let v) = kind { return v }
    return nil
  }

  /// The input column position, if this is a plain column reference.
  public var columnIndex: Int? {
    if case .column(let i) = kind { return i }
    return nil
  }

  /// The function id, if this is a call.
  public var functionID: String? {
    if case .call(let f, _) = kind { return f.id }
    return nil
  }
}

/// A sort key over the current columns.
public struct SortKey: Sendable {
  public var expr: PlanExpr
  public var descending: Bool
  /// How text keys compare: `collate:vi`, the session's `.collation`, or the data folder's.
  public var collation: Collation

  public init(expr: PlanExpr, descending: Bool, collation: Collation = .binary) {
    self.expr = expr
    self.descending = descending
    self.collation = collation
  }
}

/// An aggregate call in `aggregate` (or, inside `derive`, a window over the partition).
public struct AggregateExpr: Sendable {
  public var kind: AggregateKind
  /// nil for `count this`.
  public var argument: PlanExpr?
  public var type: DataType
  public var span: Span

  public init(kind: AggregateKind, argument: PlanExpr?, type: DataType, span: Span) {
    self.kind = kind
    self.argument = argument
    self.type = type
    self.span = span
  }
}

/// A window function call pulled out of `derive`/`select`/`filter`.
public struct WindowExpr: Sendable {
  public var function: WindowFunction
  public var argument: PlanExpr?
  public var frame: WindowFrame
  public var type: DataType
  public var span: Span

  public init(function: WindowFunction, argument: PlanExpr?, frame: WindowFrame, type: DataType, span: Span) {
    self.function = function
    self.argument = argument
    self.frame = frame
    self.type = type
    self.span = span
  }
}
