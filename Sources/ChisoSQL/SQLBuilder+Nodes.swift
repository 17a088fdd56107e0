import ChisoEngine
import ChisoPlan

extension SQLBuilder {
  /// The relation of a plan node, built on its inputs'.
  func relation(_ plan: LogicalPlan) throws(SQLUnsupported) -> SQLRelation {
    let types = plan.schema.map(\.type)
    let names = plan.schema.map(\.name)
    switch plan.node {
    case .scan(let table, let read):
      // The pruned columns by name; a pushed-down predicate as a WHERE.
      var rel = SQLRelation(from: dialect.identifier(table), columns: names.map { dialect.identifier($0) }, types: types, plain: true)
      if let predicate = read.predicate {
        rel.wheres.append(try expression(predicate, rel))
        rel.plain = false
      }
      return rel
    case .values(let rows):
      return values(rows, plan.schema)
    case .readFile(let path, _, _):
      throw SQLUnsupported("chiso reads `\(path)` itself and sends its rows")
    case .readText:
      throw SQLUnsupported("chiso reads inline text itself and sends its rows")
    case .loopInput:
      guard let rows = loopRows else { throw SQLUnsupported("the rows of a loop outside its loop") }
      return rows
    case .filter(let input, let predicate):
      var rel = try relation(input)
      rel.wheres.append(try expression(predicate, rel))
      rel.plain = false
      return rel
    case .derive(let input, let items):
      var rel = try fusable(try relation(input), names: input.schema.map(\.name))
      for item in items {
        rel.columns.append(try expression(item, rel))
        rel.types.append(item.type)
      }
      rel.plain = false
      return rel
    case .project(let input, let items):
      var rel = try fusable(try relation(input), names: input.schema.map(\.name))
      rel.columns = try items.map { (e: PlanExpr) throws(SQLUnsupported) in try expression(e, rel) }
      rel.types = items.map(\.type)
      rel.plain = false
      return rel
    case .aggregate(let input, let keys, let aggregates):
      return try aggregate(try relation(input), input, keys, aggregates, names: names, types: types)
    case .window(let input, let partition, let order, let calls):
      return try window(try relation(input), input, partition, order, calls, names: names, types: types)
    case .sort(let input, let keys):
      var rel = try relation(input)
      rel.order = try keys.map { (k: SortKey) throws(SQLUnsupported) in
        OrderTerm(sql: try expression(k.expr, rel), descending: k.descending, type: k.expr.type, collation: k.collation)
      }
      // Order keys may be expressions: a join or set operation above gives this a CTE first.
      rel.plain = false
      return rel
    case .take(let input, let partition, let start, let end):
      return try take(try relation(input), input, partition: partition, start: start, end: end)
    case .topN(let input, let keys, let start, let end):
      var rel = try relation(input)
      rel.order = try keys.map { (k: SortKey) throws(SQLUnsupported) in
        OrderTerm(sql: try expression(k.expr, rel), descending: k.descending, type: k.expr.type, collation: k.collation)
      }
      return try take(rel, input, partition: [], start: start, end: end)
    case .join(let left, let right, let side, let leftKeys, let rightKeys, let residual):
      return try join(left, right, side, leftKeys, rightKeys, residual, types: types)
    case .append(let top, let bottom):
      let a = try relation(top)
      let b = try relation(bottom)
      let unique = uniqueNames(names)
      let sql = selectText(a, items: typed(a, types, unique)) + "\nUNION ALL\n" + selectText(b, items: typed(b, types, unique))
      return cte(sql, names: unique, types: types)
    case .setOperation(let left, let right, let kind):
      return try setOperation(left, right, kind)
    case .loop(let initial, let step):
      return try loop(initial, step, plan)
    case .operation(let op, let inputs):
      if let rows = op as? MaterializedRelation { return values(rows.rows, plan.schema) }
      if let relational = op as? any RelationalForm, let form = relational.relationalForm(inputs: inputs, schema: plan.schema, span: plan.span) {
        return try relation(form)
      }
      throw SQLUnsupported("`\(op.name)` is an analysis SQL does not express; it runs on chiso's engine")
    }
  }

  /// A relation whose column expressions may be copied into others; one that grew large is
  /// given a CTE first, so that nested derives do not repeat long expressions.
  func fusable(_ rel: SQLRelation, names: [String]) throws(SQLUnsupported) -> SQLRelation {
    let size = rel.columns.reduce(0) { $0 + $1.utf8.count }
    return size > 6_000 ? materialize(rel, names: names) : rel
  }

  /// Each column of a relation cast to the type the plan gives it (where the two differ).
  func typed(_ rel: SQLRelation, _ types: [DataType], _ names: [String], always: Bool = false) -> [String] {
    rel.columns.indices.map { k in
      let value = (rel.types[k] == types[k] && !always) || types[k] == .null ? rel.columns[k] : "CAST(\(rel.columns[k]) AS \(dialect.typeName(types[k])))"
      return "\(value) AS \(dialect.identifier(names[k]))"
    }
  }

  /// Inline rows as VALUES, each column cast to its type.
  func values(_ rows: [[Value]], _ schema: [SchemaColumn]) -> SQLRelation {
    let unique = uniqueNames(schema.map(\.name))
    let types = schema.map(\.type)
    let items = unique.indices.map { k in
      types[k] == .null ? "c\(k) AS \(dialect.identifier(unique[k]))" : "CAST(c\(k) AS \(dialect.typeName(types[k]))) AS \(dialect.identifier(unique[k]))"
    }
    let sql: String
    if rows.isEmpty || schema.isEmpty {
      let nulls = unique.indices.map { k in "\(dialect.null(types[k])) AS \(dialect.identifier(unique[k]))" }
      sql = "SELECT " + (nulls.isEmpty ? "NULL AS _empty" : nulls.joined(separator: ", ")) + (rows.isEmpty ? " WHERE 1 = 0" : "")
    } else {
      let tuples = rows.map { row in "(" + row.map { dialect.literal($0) }.joined(separator: ", ") + ")" }
      let alias = "_values(" + unique.indices.map { "c\($0)" }.joined(separator: ", ") + ")"
      let body = tuples.joined(separator: ", ")
      let from = dialect == .spark ? "VALUES \(body) AS \(alias)" : "(VALUES \(body)) AS \(alias)"
      sql = "SELECT " + items.joined(separator: ", ") + " FROM " + from
    }
    return cte(sql, names: unique, types: types)
  }

  func aggregate(
    _ input: SQLRelation, _ plan: LogicalPlan, _ keys: [PlanExpr], _ aggregates: [AggregateExpr], names: [String], types: [DataType]
  ) throws(SQLUnsupported) -> SQLRelation {
    // Keys and arguments become plain columns first where they are expressions, so that GROUP BY
    // names columns (PostgreSQL does not match a repeated subquery with its GROUP BY).
    var rel = input
    let exprs = keys + aggregates.compactMap(\.argument)
    if exprs.contains(where: { $0.columnIndex == nil }) || !rel.plain {
      var extended = rel
      var extraNames = plan.schema.map(\.name)
      for (k, e) in exprs.enumerated() where e.columnIndex == nil {
        extended.columns.append(try expression(e, rel))
        extended.types.append(e.type)
        extraNames.append("_chiso_arg_\(k)")
      }
      rel = materialize(extended, names: extraNames)
    }
    var position = plan.schema.count
    func column(_ e: PlanExpr) -> String {
      if let i = e.columnIndex { return rel.columns[i] }
      defer { position += 1 }
      return rel.columns[position]
    }
    let keySQL = keys.map(column)
    let orderText = rel.order.isEmpty ? nil : orderBy(rel.order)
    var aggSQL: [String] = []
    for call in aggregates {
      let argument = call.argument.map { SQLArgument(sql: column($0), type: $0.type) }
      let site = SQLAggregateCall(
        dialect: dialect, kind: call.kind, argument: argument, resultType: call.type, inWindow: false, orderBy: orderText)
      switch SQLAggregateTemplates.entry(call.kind, dialect, inWindow: false) {
      case .localOnly(let reason): throw SQLUnsupported(reason)
      case .sql: aggSQL.append(SQLAggregateTemplates.write(site))
      }
    }
    let unique = uniqueNames(names)
    let items = zip(keySQL + aggSQL, unique).map { "\($0) AS \(dialect.identifier($1))" }
    let groupBy = keys.isEmpty ? "" : " GROUP BY " + keySQL.joined(separator: ", ")
    return cte(selectText(rel, items: items, suffix: groupBy), names: unique, types: types)
  }

  func window(
    _ input: SQLRelation, _ plan: LogicalPlan, _ partition: [PlanExpr], _ order: [SortKey], _ calls: [WindowExpr],
    names: [String], types: [DataType]
  ) throws(SQLUnsupported) -> SQLRelation {
    let rel = input
    let partitionSQL = try partition.map { (e: PlanExpr) throws(SQLUnsupported) in try expression(e, rel) }
    var orderTerms = try order.map { (k: SortKey) throws(SQLUnsupported) in
      OrderTerm(sql: try expression(k.expr, rel), descending: k.descending, type: k.expr.type, collation: k.collation)
    }
    let explicitOrder = !orderTerms.isEmpty
    // Without an order of its own, a row number or lag follows the rows' order (chiso keeps it).
    if orderTerms.isEmpty { orderTerms = rel.order }
    var extra: [String] = []
    for (k, call) in calls.enumerated() {
      let argument = try call.argument.map { (e: PlanExpr) throws(SQLUnsupported) in try expression(e, rel) }
      var text: String
      switch SQLWindowTemplates.entry(call.function, dialect) {
      case .localOnly(let reason): throw SQLUnsupported(reason)
      case .sql: break
      }
      var window: [String] = []
      if !partitionSQL.isEmpty { window.append("PARTITION BY " + partitionSQL.joined(separator: ", ")) }
      if !orderTerms.isEmpty {
        window.append("ORDER BY " + orderBy(orderTerms))
      } else if dialect == .spark, needsOrder(call.function) {
        // Spark wants an ORDER BY for row numbers, ranks, lag and lead; the rows have none.
        window.append("ORDER BY NULL")
      }
      if let frame = frameClause(call, hasOrder: explicitOrder) { window.append(frame) }
      let over = " OVER (" + window.joined(separator: " ") + ")"
      if case .aggregate(let kind) = call.function {
        var site = SQLAggregateCall(
          dialect: dialect, kind: kind, argument: argument.map { SQLArgument(sql: $0, type: call.argument?.type ?? .null) },
          resultType: call.type, inWindow: true, orderBy: nil)
        site.over = over
        text = SQLAggregateTemplates.write(site)
      } else {
        text = SQLWindowTemplates.call(call.function, argument: argument) + over
      }
      let position = plan.schema.count + k
      extra.append("\(text) AS \(dialect.identifier("_chiso_window_\(position)"))")
    }
    var base = rel
    base.columns = rel.columns
    let materialized = materialize(base, names: Array(names.prefix(rel.columns.count)), extra: extra)
    var out = materialized
    for k in calls.indices {
      out.columns.append(dialect.identifier("_chiso_window_\(plan.schema.count + k)"))
      out.types.append(calls[k].type)
    }
    out.types = types
    return out
  }

  func needsOrder(_ function: WindowFunction) -> Bool {
    switch function {
    case .rowNumber, .rank, .denseRank, .lag, .lead: return true
    default: return false
    }
  }

  /// The frame of a window call. Ranks, row numbers, lag and lead have none; the others get
  /// chiso's exactly (SQL's default differs without ORDER BY).
  func frameClause(_ call: WindowExpr, hasOrder: Bool) -> String? {
    switch call.function {
    case .rowNumber, .rank, .denseRank, .lag, .lead: return nil
    default: break
    }
    let frame = call.frame
    // A range frame without an order of its own spans the whole partition in chiso.
    if frame == .whole || (!hasOrder && frame.kind == .range) {
      return "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING"
    }
    func bound(_ v: Int64?, start: Bool) -> String {
      guard let v else { return start ? "UNBOUNDED PRECEDING" : "UNBOUNDED FOLLOWING" }
      if v == 0 { return "CURRENT ROW" }
      // Offsets past any table's length mean the same as 2⁴⁰ rows, which every engine can count.
      let rows = min(v.magnitude, 1 << 40)
      return v < 0 ? "\(rows) PRECEDING" : "\(rows) FOLLOWING"
    }
    return (frame.kind == .rows ? "ROWS" : "RANGE") + " BETWEEN " + bound(frame.start, start: true) + " AND " + bound(frame.end, start: false)
  }

  func take(_ input: SQLRelation, _ plan: LogicalPlan, partition: [PlanExpr], start: Int, end: Int?) throws(SQLUnsupported) -> SQLRelation {
    let names = plan.schema.map(\.name)
    if partition.isEmpty {
      var suffix = ""
      if !input.order.isEmpty { suffix += " ORDER BY " + orderBy(input.order) }
      if let end { suffix += " LIMIT \(end > start ? end - start : 0)" }
      if start > 0 { suffix += " OFFSET \(start)" }
      // The rows and the order they are meant to be in: the order terms are carried as columns.
      let carried = materialize(SQLRelation(from: input.from, columns: input.columns, types: input.types, wheres: input.wheres, order: input.order), names: names)
      // `materialize` wrote the SELECT without ORDER BY / LIMIT: append them to that CTE.
      ctes[ctes.count - 1].sql += suffix
      return carried
    }
    // Per group: a row number in the current order, then a filter on it.
    let partitionSQL = try partition.map { (e: PlanExpr) throws(SQLUnsupported) in try expression(e, input) }
    var over = "PARTITION BY " + partitionSQL.joined(separator: ", ")
    if !input.order.isEmpty { over += " ORDER BY " + orderBy(input.order) } else if dialect == .spark { over += " ORDER BY NULL" }
    let numbered = materialize(input, names: names, extra: ["ROW_NUMBER() OVER (\(over)) AS \(dialect.identifier("_chiso_row"))"])
    var out = numbered
    var conditions = ["\(dialect.identifier("_chiso_row")) > \(start)"]
    if let end { conditions.append("\(dialect.identifier("_chiso_row")) <= \(end)") }
    out.wheres = conditions
    out.plain = false
    return out
  }

  func join(
    _ left: LogicalPlan, _ right: LogicalPlan, _ side: JoinSide, _ leftKeys: [PlanExpr], _ rightKeys: [PlanExpr],
    _ residual: PlanExpr?, types: [DataType]
  ) throws(SQLUnsupported) -> SQLRelation {
    var l = try relation(left)
    if !l.plain { l = materialize(l, names: left.schema.map(\.name)) }
    var r = try relation(right)
    if !r.plain { r = materialize(r, names: right.schema.map(\.name)) }
    let a = freshName("l")
    let b = freshName("r")
    let qa = dialect.identifier(a)
    let qb = dialect.identifier(b)
    let lq = SQLRelation(from: l.from, columns: l.columns.map { "\(qa).\($0)" }, types: l.types)
    let rq = SQLRelation(from: r.from, columns: r.columns.map { "\(qb).\($0)" }, types: r.types)
    var conditions: [String] = []
    for (lk, rk) in zip(leftKeys, rightKeys) {
      conditions.append("\(try expression(lk, lq)) = \(try expression(rk, rq))")
    }
    let both = SQLRelation(from: "", columns: lq.columns + rq.columns, types: lq.types + rq.types)
    if let residual { conditions.append(try expression(residual, both)) }
    let keyword: String
    switch side {
    case .inner: keyword = "INNER JOIN"
    case .left: keyword = "LEFT JOIN"
    case .right: keyword = "RIGHT JOIN"
    case .full: keyword = "FULL JOIN"
    }
    let on = conditions.isEmpty ? "TRUE" : conditions.joined(separator: " AND ")
    let from = "\(l.from) AS \(qa) \(keyword) \(r.from) AS \(qb) ON \(on)"
    // A join keeps the left rows' order (chiso's hash join does; prqlc re-sorts after a join).
    let order = l.order.map { OrderTerm(sql: "\(qa).\($0.sql)", descending: $0.descending, type: $0.type, collation: $0.collation) }
    return SQLRelation(from: from, columns: both.columns, types: types, order: order)
  }

  /// `remove` and `intersect` are PRQL's `EXCEPT ALL` and `INTERSECT ALL`, rows matched one for
  /// one, written so that the left's order and columns survive on every engine: each left row is
  /// numbered among its equal copies, and kept when its number is above (remove) or within
  /// (intersect) the count of equal rows on the right — nulls equal, as chiso's `SetOperation`.
  func setOperation(_ left: LogicalPlan, _ right: LogicalPlan, _ kind: SetOperationKind) throws(SQLUnsupported) -> SQLRelation {
    let l = try relation(left)
    var r = try relation(right)
    if !r.plain { r = materialize(r, names: right.schema.map(\.name)) }
    let copy = dialect.identifier("_chiso_copy")
    // Equal rows are interchangeable, so any order among copies numbers them (Spark requires one).
    let partition = l.columns.isEmpty ? "" : "PARTITION BY " + l.columns.joined(separator: ", ") + " "
    let within = "ORDER BY " + (l.columns.isEmpty ? "1" : l.columns.joined(separator: ", "))
    let numbered = materialize(l, names: left.schema.map(\.name), extra: ["ROW_NUMBER() OVER (\(partition)\(within)) AS \(copy)"])
    let alias = dialect.identifier(freshName("other"))
    let outer = dialect.identifier(freshName("rows"))
    let matches = zip(numbered.columns, r.columns).map { dialect.nullSafeEqual("\(outer).\($0)", "\(alias).\($1)") }
    let count = "(SELECT COUNT(*) FROM \(r.from) AS \(alias) WHERE \(matches.isEmpty ? "TRUE" : matches.joined(separator: " AND ")))"
    var out = SQLRelation(
      from: "\(numbered.from) AS \(outer)", columns: numbered.columns.map { "\(outer).\($0)" }, types: l.types,
      order: numbered.order.map { OrderTerm(sql: "\(outer).\($0.sql)", descending: $0.descending, type: $0.type, collation: $0.collation) })
    out.wheres = ["\(outer).\(copy) \(kind == .except ? ">" : "<=") \(count)"]
    return out
  }

  /// `loop` as WITH RECURSIVE: the initial rows, then the step over the previous iteration's
  /// rows until it yields none. The step must be one SELECT over those rows (filters, derives,
  /// selects): engines allow the recursive reference nowhere else. A counter stops a loop that
  /// never ends after chiso's limit, with an error.
  func loop(_ initial: LogicalPlan, _ step: LogicalPlan, _ plan: LogicalPlan) throws(SQLUnsupported) -> SQLRelation {
    let types = plan.schema.map(\.type)
    let unique = uniqueNames(plan.schema.map(\.name))
    let start = try relation(initial)
    let name = freshName("loop")
    let counter = dialect.identifier("_chiso_iteration")
    let rows = SQLRelation(from: dialect.identifier(name), columns: unique.map { dialect.identifier($0) }, types: types, plain: true)
    let saved = (loopRows, ctes.count)
    loopRows = rows
    defer { loopRows = saved.0 }
    let next = try relation(step)
    guard ctes.count == saved.1, next.from == rows.from else {
      throw SQLUnsupported("this `loop` step needs more than one SELECT over the previous rows")
    }
    // The failing cast reads the counter, so that no engine folds it as a constant.
    let message = "'`loop` ran 10000 times without ending (make sure its step eventually yields no rows): ' || CAST(\(counter) AS \(dialect.typeName(.text)))"
    let limit = "CASE WHEN \(counter) >= 10000 THEN CAST(\(message) AS INTEGER) ELSE \(counter) + 1 END"
    let first = selectText(start, items: typed(start, types, unique, always: true) + ["0 AS \(counter)"])
    let again = selectText(next, items: typed(next, types, unique, always: true) + ["\(limit) AS \(counter)"])
    ctes.append((name, first + "\nUNION ALL\n" + again, true))
    return rows
  }
}
