import ChisoEngine
import ChisoSyntax

extension Resolver {
  /// Applies one pipeline step to a relation.
  func apply(_ step: Expr, to rel: Relation, context: inout TransformContext) throws -> Relation {
    var head: Expr
    var args: [Expr] = []
    var named: [NamedArg] = []
    switch step.kind {
    case .call(let h, let a, let n): (head, args, named) = (h, a, n)
    case .ident: head = step
    default:
      throw Diagnostic(
        "not-a-transform", "expected a transform such as `filter`, `derive` or `sort`", span: step.span,
        hints: ["transforms: " + Resolver.transforms.joined(separator: ", ")])
    }
    guard case .ident(let path) = head.kind else {
      throw Diagnostic("not-a-transform", "expected a transform", span: head.span)
    }
    let name = path.joined(separator: ".")
    func arg(_ i: Int, _ what: String) throws -> Expr {
      guard i < args.count else {
        throw Diagnostic("missing-argument", "`\(name)` needs \(what)", span: step.span)
      }
      return args[i]
    }
    func expectArgs(_ n: Int) throws {
      if args.count > n {
        var hints = ["to pass several items, put them in a tuple: `\(name) {a, b}`"]
        if n > 0, let alias = args[n - 1].alias, case .ident(let p) = args[n - 1].kind {
          hints = ["to call `\(p.joined(separator: "."))`, wrap the call in parentheses: `\(name) \(alias) = (\(p.joined(separator: ".")) …)`"]
        }
        throw Diagnostic(
          "extra-argument", "`\(name)` takes \(n) argument\(n == 1 ? "" : "s"), got \(args.count)",
          span: args[n].span, label: "unexpected argument", hints: hints)
      }
    }
    switch name {
    case "filter":
      try expectArgs(1)
      return try filter(rel, try arg(0, "a condition"), context)
    case "derive":
      try expectArgs(1)
      return try derive(rel, items(try arg(0, "columns to add: `derive {x = …}`")), context)
    case "select":
      try expectArgs(1)
      return try select(rel, try arg(0, "columns: `select {a, b}`"), context)
    case "aggregate":
      try expectArgs(1)
      var ctx = context
      let result = try aggregate(rel, items(try arg(0, "aggregates: `aggregate {n = count this}`")), &ctx)
      context = ctx
      return result
    case "group":
      try expectArgs(2)
      return try group(rel, keys: try arg(0, "keys"), pipeline: try arg(1, "a pipeline: `group {k} (aggregate {…})`"), context)
    case "sort":
      try expectArgs(1)
      return try sort(rel, try arg(0, "keys: `sort {-score}`"))
    case "take":
      try expectArgs(1)
      return try take(rel, try arg(0, "a count or range: `take 10`"), context)
    case "join":
      try expectArgs(2)
      return try join(rel, with: try arg(0, "a relation"), on: try arg(1, "a condition: `(==key)`"), named: named, span: step.span)
    case "window":
      try expectArgs(1)
      return try window(rel, named: named, pipeline: try arg(0, "a pipeline"), context)
    case "append":
      try expectArgs(1)
      return try append(rel, try relation(try arg(0, "a relation")), span: step.span)
    case "remove", "intersect":
      try expectArgs(1)
      let other = try relation(try arg(0, "a relation"))
      try checkSameWidth(rel, other, span: step.span, verb: name)
      let left = rel.finish()
      let right = other.finish()
      return Relation(
        plan: .semiJoin(left, right, anti: name == "remove"),
        columns: rel.visibleIndices.map { rel.columns[$0] }, sort: [])
    case "loop":
      try expectArgs(1)
      return try loop(rel, try arg(0, "a pipeline"))
    case "from":
      throw Diagnostic(
        "misplaced-from", "`from` starts a pipeline; it cannot follow another step", span: step.span,
        hints: ["to combine relations use `join`, `append`, `remove` or `intersect`"])
    default:
      if let result = try applyIndexVerb(name, args, named, rel, span: step.span) { return result }
      if case .function(let params, let body) = lookup(name) {
        return try callRelationFunction(name, params, body, args: args, named: named, input: rel, span: step.span)
      }
      let candidates = Resolver.transforms + Resolver.indexVerbs + environment.flatMap { $0.compactMap { k, v in if case .function = v { return k } else { return nil } } }
      throw Diagnostic(
        "unknown-transform", "unknown transform `\(name)`", span: head.span,
        label: Diagnostic.suggestion(for: name, among: candidates),
        hints: ["transforms: " + Resolver.transforms.filter { !["from_text", "read_csv", "read_json", "read_xlsx"].contains($0) }.joined(separator: ", ")])
    }
  }

  /// Items of a tuple argument, or the argument itself.
  func items(_ expr: Expr) -> [Expr] {
    if case .tuple(let items) = expr.kind {
      if let alias = expr.alias, items.count == 1 { var item = items[0]; item.alias = alias; return [item] }
      return items
    }
    return [expr]
  }

  func scope(_ rel: Relation, _ context: TransformContext, windows: Bool) -> ExprScope {
    var scope = ExprScope(columns: rel.columns)
    if windows {
      scope.mode = .window(base: rel.columns.count, partition: context.partition, order: rel.sort, frame: context.frame)
    }
    return scope
  }

  /// Adds window calls pulled out of an expression as hidden columns.
  func withPendingWindows(_ rel: Relation, _ context: TransformContext) -> Relation {
    guard !pendingWindows.isEmpty else { return rel }
    var out = rel
    out.plan = .window(Plan(rel.plan, columns: []), partition: context.partition, order: rel.sort, calls: pendingWindows)
    for call in pendingWindows { out.columns.append(ScopeColumn(name: "_window", qualifier: nil, type: call.type, hidden: true)) }
    pendingWindows = []
    return out
  }

  // MARK: - Row transforms

  func filter(_ rel: Relation, _ condition: Expr, _ context: TransformContext) throws -> Relation {
    pendingWindows = []
    let bound = try bind(condition, scope(rel, context, windows: true))
    guard bound.type == .bool || bound.type == .null else {
      throw Diagnostic(
        "type-mismatch", "`filter` needs a true/false condition, this is \(bound.type)", span: condition.span,
        hints: bound.type == .int || bound.type == .float ? ["compare it: `filter score > 60`"] : [])
    }
    var out = withPendingWindows(rel, context)
    out.plan = .filter(Plan(out.plan, columns: []), bound)
    return out
  }

  func derive(_ rel: Relation, _ items: [Expr], _ context: TransformContext) throws -> Relation {
    var out = rel
    for item in items {
      if case .tuple = item.kind {
        throw Diagnostic("bad-argument", "nested tuple in `derive`", span: item.span)
      }
      pendingWindows = []
      let bound = try bind(item, scope(out, context, windows: true))
      out = withPendingWindows(out, context)
      let name = item.alias ?? derivedName(item)
      // A new column of an existing name replaces it (the old one stays for sorting, hidden).
      for i in out.columns.indices where !out.columns[i].hidden && out.columns[i].name == name {
        out.columns[i].hidden = true
      }
      out.plan = .derive(Plan(out.plan, columns: []), [bound])
      out.columns.append(ScopeColumn(name: name, qualifier: nil, type: bound.type))
    }
    return out
  }

  func select(_ rel: Relation, _ arg: Expr, _ context: TransformContext) throws -> Relation {
    var exclude = false
    var list = arg
    if case .unary(.not, let inner) = arg.kind { exclude = true; list = inner }
    var exprs: [BoundExpr] = []
    var columns: [ScopeColumn] = []
    pendingWindows = []
    var working = rel
    if exclude {
      var dropped = Set<Int>()
      for item in items(list) {
        for index in try columnReferences(item, rel) { dropped.insert(index) }
      }
      for index in rel.visibleIndices where !dropped.contains(index) {
        exprs.append(BoundExpr(.column(index), type: rel.columns[index].type, span: arg.span))
        columns.append(rel.columns[index])
      }
    } else {
      var bounds: [(BoundExpr, ScopeColumn)] = []
      var aliases: [String: BoundExpr] = [:]
      for item in items(list) {
        if case .ident(let path) = item.kind, path.last == "*" {
          for index in try columnReferences(item, rel) {
            bounds.append((BoundExpr(.column(index), type: rel.columns[index].type, span: item.span), rel.columns[index]))
          }
          continue
        }
        var itemScope = scope(rel, context, windows: true)
        itemScope.aliases = aliases
        let bound = try bind(item, itemScope)
        if let alias = item.alias { aliases[alias] = bound }
        var column = ScopeColumn(name: item.alias ?? derivedName(item), qualifier: nil, type: bound.type)
        // (A window function in `select {count x}` binds to a pending column past `rel.columns`.)
        if item.alias == nil, case .column(let i) = bound.kind, i < rel.columns.count { column.qualifier = rel.columns[i].qualifier }
        bounds.append((bound, column))
      }
      working = withPendingWindows(rel, context)
      exprs = bounds.map(\.0)
      columns = bounds.map(\.1)
    }
    return project(working, exprs, columns)
  }

  /// Projects to `exprs`, carrying the sort keys along as hidden columns so that a later window
  /// or `take` still knows the order.
  func project(_ rel: Relation, _ exprs: [BoundExpr], _ columns: [ScopeColumn]) -> Relation {
    var exprs = exprs
    var columns = columns
    var sort: [SortKey] = []
    for key in rel.sort {
      if case .column(let i) = key.expr.kind, let j = exprs.firstIndex(where: { if case .column(i) = $0.kind { return true } else { return false } }) {
        sort.append(SortKey(expr: BoundExpr(.column(j), type: key.expr.type, span: key.expr.span), descending: key.descending))
      } else {
        exprs.append(key.expr)
        columns.append(ScopeColumn(name: "_sort", qualifier: nil, type: key.expr.type, hidden: true))
        sort.append(SortKey(expr: BoundExpr(.column(exprs.count - 1), type: key.expr.type, span: key.expr.span), descending: key.descending))
      }
    }
    return Relation(plan: .project(Plan(rel.plan, columns: []), exprs), columns: columns, sort: sort)
  }

  /// Column positions named by `a`, `t.a` or `t.*` (for `select !{…}` and `group t.*`).
  func columnReferences(_ item: Expr, _ rel: Relation) throws -> [Int] {
    guard case .ident(let path) = item.kind else {
      throw Diagnostic("bad-argument", "expected a column name", span: item.span)
    }
    if path == ["*"] || path == ["this", "*"] { return rel.visibleIndices }
    if path.count == 2, path[1] == "*" {
      let matches = rel.visibleIndices.filter { rel.columns[$0].qualifier == path[0] }
      if matches.isEmpty {
        let qualifiers = Set(rel.columns.compactMap(\.qualifier)).sorted()
        throw Diagnostic(
          "unknown-relation", "no relation `\(path[0])` here", span: item.span,
          label: Diagnostic.suggestion(for: path[0], among: qualifiers),
          hints: qualifiers.isEmpty ? [] : ["relations: " + qualifiers.joined(separator: ", ")])
      }
      return matches
    }
    return [try resolveColumn(path, ExprScope(columns: rel.columns), span: item.span)]
  }

  func sort(_ rel: Relation, _ arg: Expr) throws -> Relation {
    var keys: [SortKey] = []
    for item in items(arg) {
      var expr = item
      var descending = false
      if case .unary(let op, let inner) = item.kind, op == .neg || op == .plus {
        descending = op == .neg
        expr = inner
      }
      if case .ident(let path) = expr.kind, path.last == "*" {
        for index in try columnReferences(expr, rel) {
          keys.append(SortKey(expr: BoundExpr(.column(index), type: rel.columns[index].type, span: expr.span), descending: descending))
        }
        continue
      }
      let bound = try bind(expr, ExprScope(columns: rel.columns))
      keys.append(SortKey(expr: bound, descending: descending))
    }
    var out = rel
    out.plan = .sort(Plan(rel.plan, columns: []), keys)
    out.sort = keys
    return out
  }

  func take(_ rel: Relation, _ arg: Expr, _ context: TransformContext) throws -> Relation {
    func integer(_ e: Expr?) throws -> Int? {
      guard let e else { return nil }
      let bound = try bind(e, ExprScope(columns: []))
      guard case .int(let v) = try Executor.constant(bound) else {
        throw Diagnostic("type-mismatch", "`take` needs a whole number", span: e.span)
      }
      return Int(clamping: v)
    }
    var start = 0
    var end: Int? = nil
    if case .range(let low, let high) = arg.kind {
      // PRQL ranges are 1-based and inclusive: `take 3..5` keeps rows 3, 4 and 5.
      start = max(0, (try integer(low) ?? 1) - 1)
      end = try integer(high)
    } else {
      guard let n = try integer(arg) else { return rel }
      if n < 0 {
        throw Diagnostic("bad-argument", "`take` needs a count of at least 0", span: arg.span)
      }
      end = n
    }
    var out = rel
    out.plan = .take(Plan(rel.plan, columns: []), partition: context.partition, order: rel.sort, start: start, end: end)
    return out
  }

  // MARK: - Groups and aggregates

  func aggregate(_ rel: Relation, _ items: [Expr], _ context: inout TransformContext) throws -> Relation {
    pendingAggregates = []
    var keyMap: [Int: Int] = [:]
    for (k, key) in context.partition.enumerated() { if case .column(let i) = key.kind { keyMap[i] = k } }
    var scope = ExprScope(columns: rel.columns)
    scope.mode = .aggregate(keyCount: context.partition.count, keyMap: keyMap)
    var finals: [BoundExpr] = []
    var names: [String] = []
    for item in items {
      let bound = try bind(item, scope)
      if let alias = item.alias { scope.aliases[alias] = bound }
      finals.append(bound)
      names.append(item.alias ?? derivedName(item))
    }
    let aggregates = pendingAggregates
    pendingAggregates = []
    let keyColumns = context.partitionNames.enumerated().map { k, pair in
      ScopeColumn(name: pair.0, qualifier: pair.1, type: context.partition[k].type)
    }
    let aggregateColumns = aggregates.map { ScopeColumn(name: "_agg", qualifier: nil, type: $0.type, hidden: true) }
    var out = Relation(
      plan: .aggregate(Plan(rel.plan, columns: []), keys: context.partition, aggregates: aggregates),
      columns: keyColumns + aggregateColumns)
    // Keys first, then one column per item (usually the aggregate itself).
    let keyExprs = keyColumns.indices.map { BoundExpr(.column($0), type: keyColumns[$0].type, span: Span(0, 0)) }
    out = project(out, keyExprs + finals, keyColumns + zip(names, finals).map { ScopeColumn(name: $0, qualifier: nil, type: $1.type) })
    context = TransformContext()
    return out
  }

  func group(_ rel: Relation, keys: Expr, pipeline: Expr, _ context: TransformContext) throws -> Relation {
    var ctx = context
    for item in items(keys) {
      if case .ident(let path) = item.kind, path.last == "*" {
        for index in try columnReferences(item, rel) {
          ctx.partition.append(BoundExpr(.column(index), type: rel.columns[index].type, span: item.span))
          ctx.partitionNames.append((rel.columns[index].name, rel.columns[index].qualifier))
        }
        continue
      }
      let bound = try bind(item, ExprScope(columns: rel.columns))
      var qualifier: String? = nil
      if item.alias == nil, case .column(let i) = bound.kind, i < rel.columns.count { qualifier = rel.columns[i].qualifier }
      ctx.partition.append(bound)
      ctx.partitionNames.append((item.alias ?? derivedName(item), qualifier))
    }
    var working = rel
    // Keys that are expressions become columns first, so the steps inside can refer to them.
    for (k, key) in ctx.partition.enumerated() {
      if case .column = key.kind { continue }
      working.plan = .derive(Plan(working.plan, columns: []), [key])
      working.columns.append(ScopeColumn(name: ctx.partitionNames[k].0, qualifier: nil, type: key.type))
      ctx.partition[k] = BoundExpr(.column(working.columns.count - 1), type: key.type, span: key.span)
    }
    let steps: [Expr]
    if case .pipeline(let s) = pipeline.kind { steps = s } else { steps = [pipeline] }
    for step in steps { working = try apply(step, to: working, context: &ctx) }
    return working
  }

  func window(_ rel: Relation, named: [NamedArg], pipeline: Expr, _ context: TransformContext) throws -> Relation {
    var ctx = context
    for arg in named {
      func bounds() throws -> (Int64?, Int64?) {
        guard case .range(let low, let high) = arg.value.kind else {
          throw Diagnostic("bad-argument", "`\(arg.name):` takes a range such as `-2..0`", span: arg.value.span)
        }
        func value(_ e: Expr?) throws -> Int64? {
          guard let e else { return nil }
          guard case .int(let v) = try Executor.constant(try bind(e, ExprScope(columns: []))) else {
            throw Diagnostic("type-mismatch", "window bounds are whole numbers", span: e.span)
          }
          return v
        }
        return (try value(low), try value(high))
      }
      switch arg.name {
      case "rows":
        let (s, e) = try bounds()
        ctx.frame = WindowFrame(kind: .rows, start: s, end: e)
      case "range":
        let (s, e) = try bounds()
        ctx.frame = WindowFrame(kind: .range, start: s, end: e)
      case "expanding":
        if case .literal(.bool(true)) = arg.value.kind { ctx.frame = WindowFrame(kind: .rows, start: nil, end: 0) }
      case "rolling":
        guard case .literal(.integer(let n)) = arg.value.kind, n > 0 else {
          throw Diagnostic("bad-argument", "`rolling:` takes a positive whole number", span: arg.value.span)
        }
        ctx.frame = WindowFrame(kind: .rows, start: -(n - 1), end: 0)
      default:
        throw Diagnostic(
          "unknown-argument", "`window` has no argument `\(arg.name)`", span: arg.span,
          label: Diagnostic.suggestion(for: arg.name, among: ["rows", "range", "expanding", "rolling"]),
          hints: ["window takes rows:, range:, expanding:, rolling:"])
      }
    }
    let steps: [Expr]
    if case .pipeline(let s) = pipeline.kind { steps = s } else { steps = [pipeline] }
    var working = rel
    for step in steps { working = try apply(step, to: working, context: &ctx) }
    return working
  }

  // MARK: - Combining relations

  func join(_ rel: Relation, with other: Expr, on condition: Expr, named: [NamedArg], span: Span) throws -> Relation {
    var side = JoinSide.inner
    for arg in named {
      guard arg.name == "side" else {
        throw Diagnostic("unknown-argument", "`join` has no argument `\(arg.name)`", span: arg.span, hints: ["join takes side:inner|left|right|full"])
      }
      guard case .ident(let p) = arg.value.kind, let s = JoinSide(rawValue: p.joined(separator: ".")) else {
        throw Diagnostic("bad-argument", "`side:` is inner, left, right or full", span: arg.value.span)
      }
      side = s
    }
    let right = try relation(other)
    let leftCount = rel.columns.count
    var columns = rel.columns + right.columns
    // Columns of the side that may be missing become nullable (types unchanged).
    var scope = ExprScope(columns: columns)
    scope.joinSplit = leftCount
    var conjuncts: [Expr] = []
    func split(_ e: Expr) {
      if case .binary(.and, let a, let b) = e.kind { split(a); split(b) } else { conjuncts.append(e) }
    }
    split(condition)
    var leftKeys: [BoundExpr] = []
    var rightKeys: [BoundExpr] = []
    var residual: [BoundExpr] = []
    for c in conjuncts {
      let bound = try bind(c, scope)
      if case .unary(.selfEq, _) = c.kind, case .call(_, let args) = bound.kind, args.count == 2,
        case .column(let r) = args[1].kind, side != .right, side != .full
      {
        columns[r].joinKeyCopy = true
      }
      guard bound.type == .bool || bound.type == .null else {
        throw Diagnostic("type-mismatch", "a join condition must be true/false, this is \(bound.type)", span: c.span)
      }
      if case .call(let f, let args) = bound.kind, f.name == "==", args.count == 2 {
        let a = args[0].columnsUsed
        let b = args[1].columnsUsed
        if !a.isEmpty, !b.isEmpty, a.allSatisfy({ $0 < leftCount }), b.allSatisfy({ $0 >= leftCount }) {
          leftKeys.append(args[0]); rightKeys.append(args[1].remapped { $0 - leftCount }); continue
        }
        if !a.isEmpty, !b.isEmpty, b.allSatisfy({ $0 < leftCount }), a.allSatisfy({ $0 >= leftCount }) {
          leftKeys.append(args[1]); rightKeys.append(args[0].remapped { $0 - leftCount }); continue
        }
      }
      residual.append(bound)
    }
    let residualExpr = residual.reduce(nil as BoundExpr?) { acc, e in
      guard let acc else { return e }
      let and = FunctionRegistry.byName["std.and"]?.bind([.bool, .bool])
      return and.map { BoundExpr(.call($0, [acc, e]), type: .bool, span: e.span) } ?? e
    }
    return Relation(
      plan: .join(Plan(rel.plan, columns: []), Plan(right.plan, columns: []), side: side, leftKeys: leftKeys, rightKeys: rightKeys, residual: residualExpr),
      columns: columns, sort: side == .left || side == .inner ? rel.sort : [])
  }

  func checkSameWidth(_ a: Relation, _ b: Relation, span: Span, verb: String) throws {
    let x = a.visibleIndices.count
    let y = b.visibleIndices.count
    guard x == y else {
      throw Diagnostic(
        "column-count", "`\(verb)` needs relations with the same number of columns: \(x) and \(y)", span: span,
        hints: ["columns are matched by position; `select` the same columns on both sides"])
    }
  }

  func append(_ rel: Relation, _ other: Relation, span: Span) throws -> Relation {
    try checkSameWidth(rel, other, span: span, verb: "append")
    let left = rel.finish()
    let right = other.finish()
    var types: [DataType] = []
    for (a, b) in zip(left.columns, right.columns) {
      guard let t = DataType.unify(a.type, b.type) else {
        throw Diagnostic(
          "type-mismatch", "`append` cannot stack column `\(a.name)` (\(a.type)) on `\(b.name)` (\(b.type))", span: span,
          hints: ["convert one side, e.g. `derive \(b.name) = (\(b.name) | as \(a.type))`"])
      }
      types.append(t)
    }
    let columns = zip(rel.visibleIndices, types).map { i, t in ScopeColumn(name: rel.columns[i].name, qualifier: rel.columns[i].qualifier, type: t) }
    return Relation(plan: .append(left, right, types: types), columns: columns)
  }

  func loop(_ rel: Relation, _ pipeline: Expr) throws -> Relation {
    let initial = rel.finish()
    let visible = rel.visibleIndices.map { rel.columns[$0] }
    var input = Relation(plan: .loopInput, columns: visible)
    var ctx = TransformContext()
    let steps: [Expr]
    if case .pipeline(let s) = pipeline.kind { steps = s } else { steps = [pipeline] }
    for step in steps { input = try apply(step, to: input, context: &ctx) }
    let step = input.finish()
    guard step.columns.count == initial.columns.count else {
      throw Diagnostic("column-count", "a `loop` step must keep the same columns (\(initial.columns.count)), it gives \(step.columns.count)", span: pipeline.span)
    }
    for (a, b) in zip(initial.columns, step.columns) where DataType.unify(a.type, b.type) == nil {
      throw Diagnostic("type-mismatch", "a `loop` step changes `\(a.name)` from \(a.type) to \(b.type)", span: pipeline.span)
    }
    return Relation(plan: .loop(initial, step: step), columns: visible)
  }

  /// A user function applied as a transform: the relation is its last parameter.
  func callRelationFunction(_ name: String, _ params: [Param], _ body: Expr, args: [Expr], named: [NamedArg], input: Relation, span: Span) throws -> Relation {
    callDepth += 1
    defer { callDepth -= 1 }
    guard callDepth < 64 else {
      throw Diagnostic("recursion", "`\(name)` calls itself too deeply", span: span)
    }
    var frame: [String: Binding] = [:]
    let positional = params.filter { $0.defaultValue == nil }
    guard args.count == positional.count - 1 else {
      throw Diagnostic(
        "argument-count", "`\(name)` takes \(positional.count - 1) argument\(positional.count == 2 ? "" : "s") before the relation, got \(args.count)",
        span: span)
    }
    for (param, arg) in zip(positional, args) { frame[param.name] = .expr(arg) }
    if let last = positional.last { frame[last.name] = .relation(input) }
    for param in params where param.defaultValue != nil {
      frame[param.name] = .expr(named.first { $0.name == param.name }?.value ?? param.defaultValue ?? Expr(.literal(.null), span))
    }
    environment.append(frame)
    defer { environment.removeLast() }
    return try relation(body)
  }
}
