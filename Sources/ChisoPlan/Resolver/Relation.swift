import ChisoEngine
import ChisoSyntax

/// A relation under construction: its plan (whose schema is the scope names resolve in) and the
/// order its rows are in, for window functions and `take` inside `group`.
public struct Relation: Sendable {
  public var plan: LogicalPlan
  public var sort: [SortKey]

  public init(plan: LogicalPlan, sort: [SortKey] = []) {
    self.plan = plan
    self.sort = sort
  }

  /// The columns names resolve against: the plan's schema.
  public var columns: [SchemaColumn] {
    get { plan.schema }
    set { plan.schema = newValue }
  }

  public var visibleIndices: [Int] { plan.visibleIndices }

  /// The visible columns.
  public var visibleColumns: [SchemaColumn] { plan.visibleColumns }

  /// A new node over this relation's plan; the order is kept.
  public func adding(_ node: LogicalPlan.Node, schema: [SchemaColumn], span: Span?) -> Relation {
    Relation(plan: LogicalPlan(node, schema: schema, span: span), sort: sort)
  }

  /// The final plan: visible columns only, every one named as the user sees it.
  public func finish(span: Span? = nil) -> LogicalPlan {
    let visible = visibleIndices
    if visible.count == columns.count { return plan }
    var schema: [SchemaColumn] = []
    var exprs: [PlanExpr] = []
    for i in visible {
      exprs.append(.column(i, columns[i], span: span ?? plan.span ?? Span(0, 0)))
      schema.append(columns[i])
    }
    return LogicalPlan(.project(plan, exprs), schema: schema, span: span ?? plan.span)
  }
}

/// What a transform inside `group` or `window` applies to.
public struct TransformContext: Sendable {
  /// Group keys (over the current relation's columns).
  public var partition: [PlanExpr] = []
  public var partitionNames: [(String, String?)] = []
  /// The `window` frame for aggregates in `derive`.
  public var frame: WindowFrame = .whole
  public var inGroup: Bool { !partition.isEmpty }

  public init() {}
}

/// What names mean while binding one expression, and where aggregate and window calls go.
public struct ExprScope: Sendable {
  public enum Mode: Sendable {
    /// Row-wise: aggregates and window functions are errors.
    case plain
    /// In `aggregate`: aggregates become columns after the keys; plain columns must be keys.
    case aggregate(keyCount: Int, keyMap: [Int: Int])
    /// In `derive`/`select`/`filter`: aggregates and window functions become window columns
    /// appended after `base`.
    case window(base: Int, partition: [PlanExpr], order: [SortKey], frame: WindowFrame)
  }

  public var columns: [SchemaColumn]
  public var mode: Mode = .plain
  /// In a join condition: columns before this index are `this`, from it on `that`.
  public var joinSplit: Int? = nil
  /// Names given earlier in the same `select`/`aggregate` tuple, which later items may use.
  public var aliases: [String: PlanExpr] = [:]

  public init(columns: [SchemaColumn], mode: Mode = .plain) {
    self.columns = columns
    self.mode = mode
  }

  /// A scope with no columns: only constants bind.
  public static let constants = ExprScope(columns: [])
}
