import ChisoEngine
import ChisoPlan
import ChisoSyntax

/// Runs a (optimized) logical plan on the engine's kernels, bottom-up, one operator at a time
/// over whole columns. Functions are looked up by their registry id; the only physical choice,
/// top-N, was made by the optimizer (`TopN` rule).
struct Executor {
  let catalog: Catalog
  /// Row counts of the steps that can empty a result or multiply it, for warnings.
  var stats: ExecutionStats? = nil
  /// The rows of the current `loop` iteration.
  var loopInput: Table? = nil

  func run(_ plan: LogicalPlan) throws -> Table {
    var table = try runNode(plan)
    if plan.schema.count == table.columns.count { table.names = plan.schema.map(\.name) }
    return table
  }

  /// A chain of `filter`, `derive` and `project` nodes (a 1,000-item `derive`, 2,000 `filter`
  /// steps) runs in a loop rather than by recursion, so that its length cannot overflow the stack.
  func runRowSteps(_ plan: LogicalPlan) throws -> Table {
    var chain: [LogicalPlan] = []
    var base = plan
    loop: while true {
      switch base.node {
      case .filter(let input, _), .derive(let input, _), .project(let input, _):
        chain.append(base)
        base = input
      default:
        break loop
      }
    }
    var table = try run(base)
    for step in chain.reversed() {
      switch step.node {
      case .filter(_, let condition):
        let before = table.rowCount
        table = try filtered(table, condition)
        stats?.record(.init(kind: .filter, span: step.span, inputRows: [before], outputRows: table.rowCount))
      case .derive(_, let exprs):
        // With a running size: a 20,000-item `derive` over a large table stops at the memory
        // limit before it allocates, and stays linear.
        var columns = table.columns
        var bytes = ResourceLimits.bytes(rows: table.rowCount, columns: columns)
        for expr in exprs {
          try Executor.checkWidth(bytes: bytes, rows: table.rowCount, columns: columns.count, adding: 1, at: expr.span)
          let current = Table(names: [], columns: columns, rowCount: table.rowCount)
          let column = try evaluate(expr, current)
          bytes += Double(table.rowCount) * Double(ResourceLimits.rowBytes(column))
          columns.append(column)
        }
        table = Table(names: [], columns: columns, rowCount: table.rowCount)
      case .project(_, let exprs):
        try Executor.checkWidth(bytes: 0, rows: table.rowCount, columns: 0, adding: exprs.count, at: exprs.first?.span ?? step.span)
        let columns = try exprs.map { try evaluate($0, table) }
        table = Table(names: [], columns: columns, rowCount: table.rowCount)
      default:
        break
      }
    }
    return table
  }

  func runNode(_ plan: LogicalPlan) throws -> Table {
    do { try QueryCancellation.check() } catch { throw Diagnostic(.runtime, error.message, span: plan.span) }
    switch plan.node {
    case .scan(let name, let read):
      if let empty = skippedByStatistics(name, read, plan) { return empty }
      let table = try scanColumns(name, read, plan)
      guard let predicate = read.predicate else { return table }
      let out = try filtered(table, predicate)
      stats?.record(.init(kind: .scan(name), span: predicate.span, inputRows: [table.rowCount], outputRows: out.rowCount))
      return out
    case .values(let rows):
      let columns = plan.schema.indices.map { k in Column.from(rows.map { $0[k] }, type: plan.schema[k].type) }
      return Table(names: plan.schema.map(\.name), columns: columns, rowCount: rows.count)
    case .readFile(let path, let format, let read):
      let table: Table
      do { table = try Catalog.read(path: path, format: format) } catch { throw ChisoError.data(error, span: plan.span) }
      catalog.learned(path: path, table: table)
      return try scanned(table, read, plan, source: path)
    case .readText(let text, let format):
      do { return try Catalog.read(text: text, format: format) } catch { throw ChisoError.data(error, span: plan.span) }
    case .loopInput:
      return loopInput ?? .empty
    case .filter, .derive, .project:
      return try runRowSteps(plan)
    case .aggregate(let input, let keys, let aggregates):
      return try aggregate(input, keys, aggregates)
    case .window(let input, let partition, let order, let calls):
      return try window(input, partition, order, calls)
    case .sort(let input, let keys):
      let table = try run(input)
      let order = RowOrder(try keys.map { SortColumn(try evaluate($0.expr, table), descending: $0.descending, collation: $0.collation) })
      let sorted = order.sortedRows(Array(0..<table.rowCount))
      // Already in order (a file sorted by year, say): the table as it is. Otherwise every
      // column is gathered into the new order on every core (a quarter of a 10M-row rank's time
      // on one).
      return Self.isIdentity(sorted, table.rowCount) ? table : ParallelGather.gather(table, sorted)
    case .topN(let input, let keys, let start, let end):
      let table = try run(input)
      let order = RowOrder(try keys.map { SortColumn(try evaluate($0.expr, table), descending: $0.descending, collation: $0.collation) })
      let top = order.topRows(end, rowCount: table.rowCount)
      return table.gather(Array(top[min(start, top.count)...]))
    case .take(let input, let partition, let start, let end):
      let table = try run(input)
      let out = try take(table, partition, start, end)
      stats?.record(.init(kind: .take, span: plan.span, inputRows: [table.rowCount], outputRows: out.rowCount))
      return out
    case .join:
      return try runJoin(plan, needed: nil)
    case .append(let a, let b):
      let x = try run(a)
      let y = try run(b)
      var columns: [Column] = []
      for (k, column) in plan.schema.enumerated() {
        guard let cx = x.columns[k].widened(to: column.type), let cy = y.columns[k].widened(to: column.type),
          let joined = Column.concatenate([cx, cy])
        else { throw ExecutionError("cannot append column \(k + 1)") }
        columns.append(joined)
      }
      return Table(names: x.names, columns: columns, rowCount: x.rowCount + y.rowCount)
    case .setOperation(let a, let b, let kind):
      return try setOperation(try run(a), try run(b), kind)
    case .loop(let initial, let step):
      return try loop(initial, step, plan)
    case .operation(let op, let inputs):
      let tables = try inputs.map { try run($0) }
      var result: Table
      do {
        result = try op.execute(tables)
      } catch {
        throw Diagnostic(.runtime, error.message, span: plan.span, hints: error.hints)
      }
      guard result.columnCount == plan.schema.count else {
        throw ExecutionError("`\(op.name)` made \(result.columnCount) columns where its plan has \(plan.schema.count)")
      }
      for (k, column) in plan.schema.enumerated() where result.columns[k].type != column.type {
        guard let widened = result.columns[k].widened(to: column.type) else {
          throw ExecutionError("`\(op.name)` made column `\(column.name)` \(result.columns[k].type), planned as \(column.type)")
        }
        result.columns[k] = widened
      }
      return result
    }
  }

  /// The columns and rows a scan asks for. A table read at run time must have the types the
  /// query was planned with; if a sample guessed wrong, the session plans again with the real ones.
  func scanned(_ table: Table, _ read: ScanSpec, _ plan: LogicalPlan, source: String) throws -> Table {
    let positions = read.columns ?? Array(table.columns.indices)
    guard positions.allSatisfy({ $0 < table.columnCount }) else { throw SchemaChanged(source: source) }
    var picked = read.columns == nil
      ? table : Table(names: positions.map { table.names[$0] }, columns: positions.map { table.columns[$0] }, rowCount: table.rowCount)
    if picked.columns.map(\.type) != plan.schema.map(\.type) || picked.names != plan.schema.map(\.name) {
      throw SchemaChanged(source: source)
    }
    if let predicate = read.predicate { picked = try filtered(picked, predicate) }
    return picked
  }

  /// The columns a scan reads (from memory, the cache or the file), before its predicate.
  func scanColumns(_ name: String, _ read: ScanSpec, _ plan: LogicalPlan) throws -> Table {
    let table: Table
    do {
      guard let t = try catalog.scan(name, columns: read.columns) else { throw ExecutionError("table \(name) disappeared") }
      table = t
    } catch let error as DataError {
      throw ChisoError.data(error, span: plan.span)
    }
    return try scanned(table, ScanSpec(columns: nil, predicate: nil), plan, source: name)
  }

  /// How many rows `plan` yields, for a step that reads none of its columns (`aggregate {n =
  /// count this}` with no group): a scan's or filter's condition is counted a 64-row word at a
  /// time, and no selection vector or column is made. Nil for other plans (they run as usual).
  func countOnly(_ plan: LogicalPlan) throws -> Int? {
    switch plan.node {
    case .scan(let name, let read):
      guard let predicate = read.predicate else { return nil }
      if skippedByStatistics(name, read, plan) != nil { return 0 }
      let table = try scanColumns(name, read, plan)
      let n = try vectorPredicate(predicate, table).count(rowCount: table.rowCount)
      stats?.record(.init(kind: .scan(name), span: predicate.span, inputRows: [table.rowCount], outputRows: n))
      return n
    case .filter(let input, let condition):
      let table = try run(input)
      let n = try vectorPredicate(condition, table).count(rowCount: table.rowCount)
      stats?.record(.init(kind: .filter, span: plan.span, inputRows: [table.rowCount], outputRows: n))
      return n
    default:
      return nil
    }
  }

  /// An empty table when the cache's statistics show the scan's predicate matches no row (the
  /// file is not read at all).
  func skippedByStatistics(_ name: String, _ read: ScanSpec, _ plan: LogicalPlan) -> Table? {
    guard let predicate = read.predicate else { return nil }
    let positions = read.columns ?? Array(plan.schema.indices)
    let used = predicate.columnsUsed.filter { $0 < positions.count }.sorted()
    let byTable = catalog.statistics(name, columns: used.map { positions[$0] })
    guard !byTable.isEmpty else { return nil }
    var byOutput: [Int: ColumnStatistics] = [:]
    for i in used {
      guard let s = byTable[positions[i]] else { continue }
      // A cached type other than the planned one: the scan reads and re-plans as usual.
      guard s.type == plan.schema[i].type else { return nil }
      byOutput[i] = s
    }
    guard StatisticsPruning.cannotMatch(predicate, byOutput) else { return nil }
    let columns = plan.schema.map { Column.from([], type: $0.type) }
    return Table(names: plan.schema.map(\.name), columns: columns, rowCount: 0)
  }

  /// The rows where `condition` is true: a selection vector from the vectorised predicate
  /// (`VectorFilter`), then the selected rows gathered on every core.
  func filtered(_ table: Table, _ condition: PlanExpr) throws -> Table {
    let rows = try vectorPredicate(condition, table).selection(rowCount: table.rowCount)
    return rows.count == table.rowCount ? table : ParallelGather.gather(table, rows)
  }

  func aggregate(_ input: LogicalPlan, _ keys: [PlanExpr], _ aggregates: [AggregateExpr]) throws -> Table {
    // Over a join, only the columns the keys and aggregates read are gathered.
    var read = Set<Int>()
    for key in keys { read.formUnion(key.columnsUsed) }
    for call in aggregates { if let argument = call.argument { read.formUnion(argument.columnsUsed) } }
    if read.isEmpty, keys.isEmpty, aggregates.allSatisfy({ $0.kind == .countAll && $0.argument == nil }), let n = try countOnly(input) {
      // Counting rows alone (`count this`): one number.
      let counted = Column(.int([Int64(n)]))
      return Table(names: [String](repeating: "", count: aggregates.count), columns: aggregates.map { _ in counted }, rowCount: 1)
    }
    let table = try runJoin(input, needed: read)
    let keyColumns = try keys.map { try evaluate($0, table) }
    var (ids, firstRows) = KeyCodes.groupIDs(keyColumns, rowCount: table.rowCount)
    // An aggregate without keys yields one row even from no rows.
    if keys.isEmpty && table.rowCount == 0 { firstRows = [] }
    let groupCount = keys.isEmpty ? 1 : firstRows.count
    if keys.isEmpty { ids = [Int32](repeating: 0, count: table.rowCount) }
    // Row lists per group only for kernels that need them; the common ones run on the ids.
    var groups: GroupedRows? = nil
    var columns = keyColumns.map { $0.gather(firstRows) }
    for call in aggregates {
      let argument = try call.argument.map { try evaluate($0, table) }
      do {
        // Large inputs: partials per chunk on every core, combined in a fixed order.
        if let parallel = ParallelAggregate.aggregate(call.kind, argument, ids: ids, groupCount: groupCount),
          parallel.type == call.type
        {
          columns.append(parallel)
          continue
        }
        if let fast = try Aggregator.aggregate(call.kind, argument, ids: ids, groupCount: groupCount),
          fast.type == call.type || argument?.type == .null
        {
          columns.append(fast)
          continue
        }
        let grouped = groups ?? GroupedRows(ids: ids, groupCount: groupCount)
        groups = grouped
        columns.append(try Aggregator.aggregate(call.kind, argument, groups: grouped))
      } catch {
        throw Diagnostic(.runtime, error.message, span: call.span, hints: error.hints)
      }
    }
    return Table(names: [String](repeating: "", count: columns.count), columns: columns, rowCount: groupCount)
  }

  func window(_ input: LogicalPlan, _ partition: [PlanExpr], _ order: [SortKey], _ calls: [WindowExpr]) throws -> Table {
    let table = try run(input)
    let partitionColumns = try partition.map { try evaluate($0, table) }
    let (ids, firstRows) = KeyCodes.groupIDs(partitionColumns, rowCount: table.rowCount)
    // Rows are already in window order (the relation was sorted), so each partition's rows
    // in input order are in window order.
    let groupCount = partition.isEmpty ? (table.rowCount > 0 ? 1 : 0) : firstRows.count
    // Partition row lists only for the functions that need them (frames, aggregates); ranks,
    // row numbers, lag and lead stream over the ids.
    var groups: GroupedRows? = nil
    let orderColumns = try order.map { SortColumn(try evaluate($0.expr, table), descending: $0.descending, collation: $0.collation) }
    let rowOrder = RowOrder(orderColumns)
    var columns = table.columns
    for call in calls {
      stats?.checkRankOrder(call.function, orderColumns, span: call.span)
      let argument = try call.argument.map { try evaluate($0, table) }
      if let fast = StreamingWindow.compute(call.function, argument: argument, ids: ids, groupCount: groupCount, order: rowOrder),
        fast.type == call.type || fast.type == .null
      {
        columns.append(fast)
        continue
      }
      let grouped = groups ?? GroupedRows(ids: ids, groupCount: groupCount)
      groups = grouped
      do {
        columns.append(try WindowKernel.compute(
          call.function, argument: argument, rowCount: table.rowCount, partitions: grouped, order: rowOrder,
          orderValues: orderColumns.count == 1 ? orderColumns[0].column : nil, frame: call.frame, resultType: call.type))
      } catch {
        throw Diagnostic(.runtime, error.message, span: call.span, hints: error.hints)
      }
    }
    return Table(names: table.names + calls.map { _ in "" }, columns: columns, rowCount: table.rowCount)
  }

  func take(_ table: Table, _ partition: [PlanExpr], _ start: Int, _ end: Int?) throws -> Table {
    if partition.isEmpty {
      let lo = min(start, table.rowCount)
      let hi = max(lo, min(end ?? table.rowCount, table.rowCount))
      return lo == 0 && hi == table.rowCount ? table : table.gather(Array(lo..<hi))
    }
    let keyColumns = try partition.map { try evaluate($0, table) }
    let (ids, firstRows) = KeyCodes.groupIDs(keyColumns, rowCount: table.rowCount)
    var seen = [Int](repeating: 0, count: firstRows.count)
    var rows: [Int] = []
    for row in 0..<table.rowCount {
      let g = Int(ids[row])
      let position = seen[g]
      seen[g] += 1
      if position >= start, end.map({ position < $0 }) ?? true { rows.append(row) }
    }
    return table.gather(rows)
  }

  /// `remove` and `intersect`: EXCEPT ALL and INTERSECT ALL, rows matched one for one
  /// (`SetOperation`), as PRQL's book defines them.
  func setOperation(_ x: Table, _ y: Table, _ kind: SetOperationKind) throws -> Table {
    x.gather(SetOperation.rows(left: x.columns, right: y.columns, leftCount: x.rowCount, rightCount: y.rowCount, anti: kind == .except))
  }

  /// Iterations and memory are bounded (`LoopGuard`), the error located at the `loop` step; each
  /// iteration's rows are widened to the loop's column types before the step reads them, so a
  /// float made in the step is never cut to the initial rows' int.
  func loop(_ initial: LogicalPlan, _ step: LogicalPlan, _ plan: LogicalPlan) throws -> Table {
    let types = plan.schema.map(\.type)
    let start = try run(initial).widened(to: types)
    var guarded = LoopGuard()
    try Executor.located(plan.span) { () throws(ExecutionError) in try guarded.admit(start, isStep: false) }
    var parts = [start]
    var current = start
    while current.rowCount > 0 {
      var inner = self
      inner.loopInput = current
      current = try inner.run(step).widened(to: types)
      try Executor.located(plan.span) { () throws(ExecutionError) in try guarded.admit(current) }
      parts.append(current)
    }
    var columns: [Column] = []
    for (k, column) in plan.schema.enumerated() {
      guard let joined = Column.concatenate(parts.map { $0.columns[k].widened(to: column.type) ?? $0.columns[k] }) else {
        throw ExecutionError("`loop` produced columns of different types")
      }
      columns.append(joined)
    }
    return Table(names: start.names, columns: columns, rowCount: parts.reduce(0) { $0 + $1.rowCount })
  }

  /// `body`'s result, its `ExecutionError` located at `span`.
  static func located<T>(_ span: Span?, _ body: () throws(ExecutionError) -> T) throws(Diagnostic) -> T {
    do { return try body() } catch { throw Diagnostic(.runtime, error.message, span: span, hints: error.hints) }
  }

  /// A table of `bytes` widened by `count` columns must fit the memory limit (`derive` of 20,000
  /// columns over a large table).
  static func checkWidth(bytes: Double, rows: Int, columns: Int, adding count: Int, at span: Span?) throws {
    try located(span) { () throws(ExecutionError) in
      try ResourceLimits.check(bytes: bytes + Double(rows) * 8 * Double(count), "\(rows) rows of \(columns + count) columns")
    }
  }

  /// A join; `needed` (nil = all) are the output columns the steps after it read.
  func runJoin(_ plan: LogicalPlan, needed: Set<Int>?) throws -> Table {
    guard case .join(let leftPlan, let rightPlan, let side, let leftKeys, let rightKeys, let residual) = plan.node else {
      return try run(plan)
    }
    let left = try run(leftPlan)
    let right = try run(rightPlan)
    let lk = try leftKeys.map { try evaluate($0, left) }
    let rk = try rightKeys.map { try evaluate($0, right) }
    let accept: (([Int], [Int]) throws(ExecutionError) -> [Bool])?
    if let residual {
      accept = { (l: [Int], r: [Int]) throws(ExecutionError) -> [Bool] in
        let pairs = Table(names: left.names + right.names, columns: left.gather(l).columns + right.gather(r).columns, rowCount: l.count)
        let mask: Column
        do { mask = try self.evaluate(residual, pairs) } catch let e as ExecutionError { throw e } catch { throw ExecutionError("\(error)") }
        let values = ColumnMapping.bools(mask)
        return (0..<l.count).map { values[$0] && !mask.isNull($0) }
      }
    } else {
      accept = nil
    }
    // Bounded by the memory limit before the row pairs exist (an exploding join stops there).
    let rowBytes = (left.columns + right.columns).reduce(0) { $0 + ResourceLimits.rowBytes($1) }
    let (l, r) = try Executor.located(plan.span) { () throws(ExecutionError) in
      try HashJoin.match(left: lk, right: rk, leftCount: left.rowCount, rightCount: right.rowCount, side: side, rowBytes: rowBytes, accept: accept)
    }
    if let stats {
      var step = ExecutionStats.Step(
        kind: .join(side: side), span: plan.span, inputRows: [left.rowCount, right.rowCount], outputRows: l.count)
      if (side == .inner || side == .left), l.count > left.rowCount, residual == nil {
        step.missingKeys = try missingKeys(leftPlan, rightPlan, left, right, leftKeys, rightKeys, lk, rk, side)
      }
      stats.record(step)
    }
    // Each left row once, in order (a lookup join): the left columns are used as they are.
    // Columns no later step reads (`needed`) are not gathered: a null column stands in.
    func pick(_ column: Column, _ position: Int, _ rows: [Int]) -> Column {
      needed.map { $0.contains(position) } ?? true ? column.gather(rows) : Column(.null(rows.count))
    }
    let leftColumns = Self.isIdentity(l, left.rowCount) ? left.columns : left.columns.enumerated().map { pick($1, $0, l) }
    let rightColumns = right.columns.enumerated().map { pick($1, left.columnCount + $0, r) }
    return Table(names: left.names + right.names, columns: leftColumns + rightColumns, rowCount: l.count)
  }

  /// For a join that multiplied rows: the columns both sides share (by name, outside the key)
  /// that would make it match each left row at most once if added to the key.
  func missingKeys(
    _ leftPlan: LogicalPlan, _ rightPlan: LogicalPlan, _ left: Table, _ right: Table, _ leftKeys: [PlanExpr],
    _ rightKeys: [PlanExpr], _ lk: [Column], _ rk: [Column], _ side: JoinSide
  ) throws -> [String] {
    let keyed = Set(leftKeys.compactMap(\.columnIndex).map { leftPlan.schema[$0].name })
    var out: [String] = []
    for (i, column) in leftPlan.schema.enumerated() where !column.hidden && !keyed.contains(column.name) {
      guard let j = rightPlan.schema.firstIndex(where: { !$0.hidden && $0.name == column.name }),
        DataType.unify(left.columns[i].type, right.columns[j].type) != nil, left.columns[i].type == right.columns[j].type
      else { continue }
      let (l, _) = try HashJoin.match(
        left: lk + [left.columns[i]], right: rk + [right.columns[j]], leftCount: left.rowCount, rightCount: right.rowCount,
        side: side, accept: nil)
      if l.count <= left.rowCount { out.append(column.name) }
    }
    return out
  }

  /// Whether `rows` is exactly 0, 1, …, count - 1.
  static func isIdentity(_ rows: [Int], _ count: Int) -> Bool {
    guard rows.count == count else { return false }
    return rows.withUnsafeBufferPointer { rows in
      for i in 0..<count where rows[i] != i { return false }
      return true
    }
  }

  /// Evaluates an expression over all rows of a table.
  func evaluate(_ expr: PlanExpr, _ table: Table) throws -> Column {
    switch expr.kind {
    case .column(let i):
      return table.columns[i]
    case .literal(let v):
      return Column.constant(v, count: table.rowCount)
    case .call(let ref, let args):
      guard let binding = FunctionRegistry.binding(for: ref) else {
        throw ExecutionError("function \(ref.id) has no kernel for \(ref.argumentTypes)")
      }
      let columns = try args.map { try evaluate($0, table) }
      do {
        return try binding.kernel(columns, table.rowCount)
      } catch {
        throw Diagnostic(.runtime, error.message, span: expr.span, hints: error.hints)
      }
    case .caseOf(let arms):
      let n = table.rowCount
      var chosen = [Int](repeating: -1, count: n)
      var values: [Column] = []
      for (k, arm) in arms.enumerated() {
        let condition = try evaluate(arm.condition, table)
        let flags = ColumnMapping.bools(condition)
        for i in 0..<n where chosen[i] < 0 && !flags.isEmpty && flags[i] && !condition.isNull(i) { chosen[i] = k }
        values.append(try evaluate(arm.value, table).widened(to: expr.type) ?? Column(.null(n)))
      }
      var out = [Value](repeating: .null, count: n)
      for i in 0..<n where chosen[i] >= 0 { out[i] = values[chosen[i]].value(at: i) }
      return Column.from(out, type: expr.type)
    }
  }
}

/// A table's real types differ from those its plan was made with (a sample guessed wrong, or
/// the file changed): the session plans the query again.
struct SchemaChanged: Error {
  var source: String
}
