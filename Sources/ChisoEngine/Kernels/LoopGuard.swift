/// The limits of a `loop` (PRQL's recursive CTE): at most `maxLoopIterations` iterations, and
/// all iterations' rows together within the memory limit — a step that doubles its rows stops
/// with an error long before it exhausts the machine, however few iterations that takes.
public struct LoopGuard: Sendable {
  public private(set) var iterations = 0
  public private(set) var rows = 0
  public private(set) var bytes = 0.0
  let limits = ResourceLimits.current

  public init() {}

  /// Counts the initial rows (`isStep == false`) or one iteration's.
  public mutating func admit(_ table: Table, isStep: Bool = true) throws(ExecutionError) {
    try QueryCancellation.check()
    if isStep {
      iterations += 1
      if iterations > limits.maxLoopIterations {
        throw ExecutionError(
          "`loop` ran \(limits.maxLoopIterations) times without ending",
          hints: ["make sure the step eventually yields no rows, e.g. `filter n < 100` on a column it increases"])
      }
    }
    rows += table.rowCount
    bytes += ResourceLimits.bytes(rows: table.rowCount, columns: table.columns)
    try ResourceLimits.check(
      bytes: bytes, "`loop` has made \(rows) rows in \(iterations) iteration\(iterations == 1 ? "" : "s"); together they",
      hint: "a step that keeps as many rows as it gets (or more) grows without end: filter in the step")
  }
}

extension Table {
  /// This table with each column widened to `types` where they differ (int → float, …).
  public func widened(to types: [DataType]) -> Table {
    var copy = self
    for k in copy.columns.indices where k < types.count && copy.columns[k].type != types[k] {
      if let w = copy.columns[k].widened(to: types[k]) { copy.columns[k] = w }
    }
    return copy
  }
}
