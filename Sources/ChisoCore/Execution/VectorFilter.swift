import ChisoEngine
import ChisoPlan
import ChisoSyntax

/// Filters run vectorised: the condition is compiled into a `VectorPredicate` (comparisons of a
/// column with a literal, text compared once per dictionary entry, `&&`, `||`, `!`), evaluated a
/// morsel at a time on every core into a selection vector, and only the selected rows of the
/// columns still needed are gathered (in parallel). Any other condition is evaluated whole by its
/// kernel and used as a Boolean column, so every filter takes this path, with the same answers
/// and the same errors as evaluating the condition row by row.
extension Executor {
  func vectorPredicate(_ expr: PlanExpr, _ table: Table) throws -> VectorPredicate {
    if case .literal(let value) = expr.kind {
      if case .bool(let b) = value { return .constant(b) }
      return .constant(nil)
    }
    if case .call(let ref, let args) = expr.kind {
      switch ref.id {
      case "std.and" where args.count == 2:
        return .and(try vectorPredicate(args[0], table), try vectorPredicate(args[1], table))
      case "std.or" where args.count == 2:
        return .or(try vectorPredicate(args[0], table), try vectorPredicate(args[1], table))
      case "std.not" where args.count == 1:
        return .not(try vectorPredicate(args[0], table))
      default:
        if let compiled = try comparison(ref, args, table) { return compiled }
      }
    }
    let column = try evaluate(expr, table)
    if case .bool(let values) = column.storage, values.count == table.rowCount { return .bools(values, column.validity) }
    return .constant(nil)
  }

  static let comparisonOps: [String: VectorPredicate.Op] = [
    "std.eq": .eq, "std.ne": .ne, "std.lt": .lt, "std.le": .le, "std.gt": .gt, "std.ge": .ge,
  ]

  /// `column op literal` or `literal op column`, compiled; nil for other shapes.
  func comparison(_ ref: FunctionRef, _ args: [PlanExpr], _ table: Table) throws -> VectorPredicate? {
    guard args.count == 2, let given = Self.comparisonOps[ref.id] else { return nil }
    let columnFirst: Bool
    let index: Int
    let literal: Value
    if case .column(let i) = args[0].kind, case .literal(let v) = args[1].kind {
      (columnFirst, index, literal) = (true, i, v)
    } else if case .literal(let v) = args[0].kind, case .column(let i) = args[1].kind {
      (columnFirst, index, literal) = (false, i, v)
    } else {
      return nil
    }
    guard index < table.columnCount else { return nil }
    let column = table.columns[index]
    guard column.count == table.rowCount else { return nil }
    let op = columnFirst ? given : given.swapped
    if literal.isNull { return .constant(nil) }
    switch (column.storage, literal) {
    case (.null, _): return .constant(nil)
    case (.int(let a), .int(let c)): return .ints(a, column.validity, op, c)
    case (.int(let a), .float(let c)): return .intsAsDoubles(a, column.validity, op, c)
    case (.float(let a), .float(let c)): return .floats(a, column.validity, op, c)
    case (.float(let a), .int(let c)): return .floats(a, column.validity, op, Double(c))
    case (.date(let a), .date(let c)): return .dates(a, column.validity, op, c)
    case (.timestamp(let a), .timestamp(let c)): return .ints(a, column.validity, op, c)
    case (.text(let t), .text):
      // The comparison kernel answers once per dictionary entry.
      guard let binding = FunctionRegistry.binding(for: ref) else { return nil }
      let entries = t.dictionary.count
      let dictionary = Column(.text(TextBuffer(codes: (0..<entries).map(UInt32.init), dictionary: t.dictionary)))
      let constant = Column.constant(literal, count: entries)
      let answers: Column
      do {
        answers = try binding.kernel(columnFirst ? [dictionary, constant] : [constant, dictionary], entries)
      } catch {
        throw Diagnostic(.runtime, error.message, span: args[0].span, hints: error.hints)
      }
      guard case .bool(let values) = answers.storage, values.count == entries else { return nil }
      return .codes(t.codes, column.validity, (0..<entries).map { answers.isNull($0) ? nil : values[$0] })
    default:
      return nil
    }
  }
}
