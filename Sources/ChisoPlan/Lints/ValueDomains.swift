import ChisoEngine

/// For each output column of a plan node that comes from a watched source column (an index
/// table's `year` or `component`), the set of values its rows can hold there: the source's
/// distinct values, narrowed by every `filter` on the way. A static analysis of the plan —
/// a filter's condition is evaluated for each candidate value with the other columns unknown.
struct ValueDomains {
  /// Column position → the values it can hold.
  var byColumn: [Int: Set<Value>] = [:]
  /// Watched source column → the values of it that the rows here came from, also after the
  /// column itself was dropped (`filter component == "total" | select {year, score}`).
  var rows: [ColumnOrigin: Set<Value>] = [:]

  /// The domains at `plan`'s output. `universe` gives a watched origin's values, nil for others.
  static func analyse(_ plan: LogicalPlan, universe: (ColumnOrigin) -> Set<Value>?) -> ValueDomains {
    var out = ValueDomains()
    let inputs = plan.children.map { analyse($0, universe: universe) }
    switch plan.node {
    case .scan, .readFile:
      for (i, column) in plan.schema.enumerated() {
        if let origin = column.origin, let values = universe(origin) {
          out.byColumn[i] = values
          out.rows[origin] = values
        }
      }
    case .values, .readText, .loopInput:
      break
    case .filter(_, let predicate):
      out = inputs[0]
      let input = plan.children[0]
      for (i, values) in out.byColumn {
        let kept = values.filter { Tri.evaluate(predicate, column: i, value: $0) != .false }
        out.byColumn[i] = kept
        if let origin = input.schema[i].origin, let rows = out.rows[origin] { out.rows[origin] = rows.intersection(kept) }
      }
    case .derive, .window, .sort, .take, .topN, .setOperation, .loop:
      out = inputs[0]
    case .project(_, let exprs):
      out.rows = inputs[0].rows
      for (k, e) in exprs.enumerated() { if let i = e.columnIndex, let d = inputs[0].byColumn[i] { out.byColumn[k] = d } }
    case .aggregate(_, let keys, _):
      out.rows = inputs[0].rows
      for (k, e) in keys.enumerated() { if let i = e.columnIndex, let d = inputs[0].byColumn[i] { out.byColumn[k] = d } }
    case .join(let left, _, _, _, _, _):
      out = inputs[0]
      for (i, d) in inputs[1].byColumn { out.byColumn[left.schema.count + i] = d }
      for (o, d) in inputs[1].rows { out.rows[o, default: []].formUnion(d) }
    case .append:
      out = inputs[0]
      for (i, d) in inputs[1].byColumn { out.byColumn[i, default: []].formUnion(d) }
      for (o, d) in inputs[1].rows { out.rows[o, default: []].formUnion(d) }
    case .operation:
      for domains in inputs { for (o, d) in domains.rows { out.rows[o, default: []].formUnion(d) } }
      // Columns that copy an input column (by origin) keep its domain.
      for (k, column) in plan.schema.enumerated() {
        guard let origin = column.origin else { continue }
        for (input, domains) in zip(plan.children, inputs) {
          for (i, d) in domains.byColumn where input.schema[i].origin == origin { out.byColumn[k, default: []].formUnion(d) }
        }
      }
    }
    return out
  }
}

/// Three-valued truth of a condition when one column's value is known and the others are not.
enum Tri: Equatable {
  case `true`, `false`, unknown

  static func evaluate(_ e: PlanExpr, column: Int, value: Value) -> Tri {
    switch e.kind {
    case .literal(.bool(let b)): return b ? .true : .false
    case .literal(.null): return .false
    case .call(let f, let args):
      switch f.id {
      case "std.and":
        let a = evaluate(args[0], column: column, value: value)
        let b = evaluate(args[1], column: column, value: value)
        if a == .false || b == .false { return .false }
        return a == .true && b == .true ? .true : .unknown
      case "std.or":
        let a = evaluate(args[0], column: column, value: value)
        let b = evaluate(args[1], column: column, value: value)
        if a == .true || b == .true { return .true }
        return a == .false && b == .false ? .false : .unknown
      case "std.not":
        switch evaluate(args[0], column: column, value: value) {
        case .true: return .false
        case .false: return .true
        case .unknown: return .unknown
        }
      case "std.eq", "std.ne", "std.lt", "std.le", "std.gt", "std.ge":
        guard args.count == 2 else { return .unknown }
        var (a, b, flipped) = (args[0], args[1], false)
        if b.columnIndex == column, a.constant != nil { (a, b, flipped) = (b, a, true) }
        guard a.columnIndex == column, let constant = b.constant else { return .unknown }
        if value.isNull || constant.isNull { return .false }
        guard let order = compare(value, constant) else { return .unknown }
        let c = flipped ? -order : order
        let holds: Bool
        switch f.id {
        case "std.eq": holds = c == 0
        case "std.ne": holds = c != 0
        case "std.lt": holds = c < 0
        case "std.le": holds = c <= 0
        case "std.gt": holds = c > 0
        default: holds = c >= 0
        }
        return holds ? .true : .false
      case "std.is_null", "std.is_not_null":
        guard args.first?.columnIndex == column else { return .unknown }
        return (value.isNull == (f.id == "std.is_null")) ? .true : .false
      default:
        return .unknown
      }
    default:
      return .unknown
    }
  }

  /// -1, 0, 1 for comparable values (numbers with numbers, text with text), else nil.
  static func compare(_ a: Value, _ b: Value) -> Int? {
    switch (a, b) {
    case (.text(let x), .text(let y)): return x == y ? 0 : (x < y ? -1 : 1)
    default:
      guard let x = a.asDouble, let y = b.asDouble else { return nil }
      return x == y ? 0 : (x < y ? -1 : 1)
    }
  }
}
