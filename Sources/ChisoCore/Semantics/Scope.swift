import ChisoEngine
import ChisoSyntax

/// A column as names see it: its name, the relation it came from, and whether it is visible.
struct ScopeColumn {
  var name: String
  /// The relation name or alias (`tracks`, `a`), for `a.title`.
  var qualifier: String?
  var type: DataType
  /// Kept for sorting or windows but not part of the result (`select` dropped it).
  var hidden: Bool = false
  /// The right-hand copy of a `==key` join key: equal to the left one wherever both exist, so a
  /// bare `key` means the left one instead of being ambiguous.
  var joinKeyCopy: Bool = false
}

/// A relation under construction: its plan, its columns and its current order.
struct Relation {
  var plan: PlanNode
  var columns: [ScopeColumn]
  /// The order rows are in, for window functions and `take` inside `group`.
  var sort: [SortKey] = []

  var visibleIndices: [Int] { columns.indices.filter { !columns[$0].hidden } }

  /// The final plan: visible columns only.
  func finish() -> Plan {
    let visible = visibleIndices
    let columns = visible.map { PlanColumn(name: self.columns[$0].name, type: self.columns[$0].type) }
    if visible.count == self.columns.count { return Plan(plan, columns: columns) }
    let exprs = visible.map { BoundExpr(.column($0), type: self.columns[$0].type, span: Span(0, 0)) }
    return Plan(.project(Plan(plan, columns: []), exprs), columns: columns)
  }
}

/// What a transform inside `group` or `window` applies to.
struct TransformContext {
  /// Group keys (over the current relation's columns).
  var partition: [BoundExpr] = []
  var partitionNames: [(String, String?)] = []
  /// The `window` frame for aggregates in `derive`.
  var frame: WindowFrame = .whole
  var inGroup: Bool { !partition.isEmpty }
}
