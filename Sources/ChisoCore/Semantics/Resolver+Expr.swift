import ChisoEngine
import ChisoSyntax

/// What names mean while binding one expression, and where aggregate and window calls go.
struct ExprScope {
  enum Mode {
    /// Row-wise: aggregates and window functions are errors.
    case plain
    /// In `aggregate`: aggregates become columns after the keys; plain columns must be keys.
    case aggregate(keyCount: Int, keyMap: [Int: Int])
    /// In `derive`/`select`/`filter`: aggregates and window functions become window columns
    /// appended after `base`.
    case window(base: Int, partition: [BoundExpr], order: [SortKey], frame: WindowFrame)
  }

  var columns: [ScopeColumn]
  var mode: Mode = .plain
  /// In a join condition: columns before this index are `this`, from it on `that`.
  var joinSplit: Int? = nil
  /// Names given earlier in the same `select`/`aggregate` tuple, which later items may use.
  var aliases: [String: BoundExpr] = [:]
}

extension Resolver {
  static let operatorNames: [BinaryOp: String] = [
    .add: "std.add", .sub: "std.sub", .mul: "std.mul", .div: "std.div", .intDiv: "std.div_i",
    .mod: "std.mod", .pow: "std.pow", .eq: "std.eq", .ne: "std.ne", .lt: "std.lt", .le: "std.le",
    .gt: "std.gt", .ge: "std.ge", .and: "std.and", .or: "std.or", .coalesce: "std.coalesce",
    .regex: "std.regex_search",
  ]

  func bind(_ expr: Expr, _ scope: ExprScope) throws -> BoundExpr {
    switch expr.kind {
    case .literal(let literal):
      return try bindLiteral(literal, expr.span)
    case .ident(let path):
      return try bindIdent(path, expr, scope)
    case .unary(let op, let operand):
      switch op {
      case .plus: return try bind(operand, scope)
      case .neg: return try call("std.neg", [try bind(operand, scope)], expr.span, [operand.span])
      case .not: return try call("std.not", [try bind(operand, scope)], expr.span, [operand.span])
      case .selfEq:
        guard let split = scope.joinSplit, case .ident(let path) = operand.kind else {
          throw Diagnostic(
            "misplaced-self-equality", "`==column` only works as a join condition: `join t (==id)`", span: expr.span)
        }
        var left = scope
        left.columns = Array(scope.columns[..<split])
        left.joinSplit = nil
        var right = scope
        right.columns = Array(scope.columns[split...])
        right.joinSplit = nil
        let a = try bindIdent(path, operand, left)
        let b = try bindIdent(path, operand, right).remapped { $0 + split }
        return try call("std.eq", [a, b], expr.span, [operand.span, operand.span])
      }
    case .binary(let op, let a, let b):
      // `x == null` tests for null (PRQL compiles it to IS NULL).
      if op == .eq || op == .ne {
        if case .literal(.null) = b.kind { return try nullTest(try bind(a, scope), negate: op == .ne, expr.span) }
        if case .literal(.null) = a.kind { return try nullTest(try bind(b, scope), negate: op == .ne, expr.span) }
      }
      guard let name = Resolver.operatorNames[op] else {
        throw Diagnostic("internal", "operator \(op.rawValue) has no function", span: expr.span)
      }
      return try call(name, [try bind(a, scope), try bind(b, scope)], expr.span, [a.span, b.span], symbol: op.rawValue)
    case .call(let head, let args, let named):
      return try bindCall(head, args, named, expr, scope)
    case .pipeline(let steps):
      guard var value = steps.first else { throw Diagnostic("empty-pipeline", "empty pipeline", span: expr.span) }
      for step in steps.dropFirst() {
        switch step.kind {
        case .call(let head, let args, let named):
          value = Expr(.call(head, args + [value], named), value.span.union(step.span))
        case .ident:
          value = Expr(.call(step, [value], []), value.span.union(step.span))
        default:
          throw Diagnostic("not-a-function", "expected a function after `|`", span: step.span)
        }
      }
      var bound = try bind(value, scope)
      bound.span = expr.span
      return bound
    case .caseOf(let arms):
      var bound: [(BoundExpr, BoundExpr)] = []
      var type = DataType.null
      for arm in arms {
        let condition = try bind(arm.condition, scope)
        guard condition.type == .bool || condition.type == .null else {
          throw Diagnostic("type-mismatch", "a `case` condition must be true/false, this is \(condition.type)", span: arm.condition.span)
        }
        let value = try bind(arm.value, scope)
        guard let unified = DataType.unify(type, value.type) else {
          throw Diagnostic("type-mismatch", "`case` values must have one type: \(type) and \(value.type)", span: arm.value.span)
        }
        type = unified
        bound.append((condition, value))
      }
      return BoundExpr(.caseOf(bound), type: type, span: expr.span)
    case .fstring(let parts):
      var args: [BoundExpr] = []
      for part in parts {
        switch part {
        case .text(let t): args.append(BoundExpr(.literal(.text(t)), type: .text, span: expr.span))
        case .expr(let e):
          var b = try bind(e, scope)
          if b.type != .text && b.type != .null { b = try call("std.as_text", [b], e.span, [e.span]) }
          args.append(b)
        }
      }
      return try call("std.concat", args, expr.span, args.map(\.span))
    case .sstring:
      throw Diagnostic(
        "sql-not-supported", "s-strings hold SQL, and chiso runs PRQL only", span: expr.span,
        hints: ["write the expression in PRQL, e.g. `text.lower x` instead of s\"LOWER(x)\""])
    case .tuple:
      throw Diagnostic("unexpected-tuple", "a tuple `{…}` cannot be used as a value here", span: expr.span,
                       hints: ["tuples list the columns of `select`, `derive`, `aggregate`, `sort`, `group`"])
    case .array:
      throw Diagnostic("unexpected-array", "an array `[…]` cannot be used as a value here", span: expr.span,
                       hints: ["use it with `in`: `filter (x | in [1, 2])`, or as a relation: `from [{a = 1}]`"])
    case .range:
      throw Diagnostic("unexpected-range", "a range is only a value for `in` and `take`", span: expr.span,
                       hints: ["`filter (year | in 2010..2015)`"])
    case .lambda:
      throw Diagnostic("unexpected-function", "a function cannot be used as a value here", span: expr.span)
    }
  }

  func bindLiteral(_ literal: Literal, _ span: Span) throws -> BoundExpr {
    switch literal {
    case .null: return BoundExpr(.literal(.null), type: .null, span: span)
    case .bool(let b): return BoundExpr(.literal(.bool(b)), type: .bool, span: span)
    case .integer(let i): return BoundExpr(.literal(.int(i)), type: .int, span: span)
    case .float(let d): return BoundExpr(.literal(.float(d)), type: .float, span: span)
    case .string(let s): return BoundExpr(.literal(.text(s)), type: .text, span: span)
    case .date(let text):
      if let d = CivilDate.parseDate(text) { return BoundExpr(.literal(.date(d)), type: .date, span: span) }
      if let t = CivilDate.parseTimestamp(text) { return BoundExpr(.literal(.timestamp(t)), type: .timestamp, span: span) }
      throw Diagnostic("bad-date", "`@\(text)` is not a valid date", span: span,
                       hints: ["dates are written `@2019-05-27`, timestamps `@2019-05-27T10:30:00`"])
    case .interval(let n, let unit):
      switch unit {
      case "days": return BoundExpr(.literal(.int(n)), type: .int, span: span)
      case "weeks": return BoundExpr(.literal(.int(n * 7)), type: .int, span: span)
      default:
        throw Diagnostic("unsupported", "intervals in \(unit) are not supported yet; use days", span: span)
      }
    }
  }

  func nullTest(_ operand: BoundExpr, negate: Bool, _ span: Span) throws -> BoundExpr {
    let binding = ScalarBinding(name: negate ? "is not null" : "is null", resultType: .bool) { cols, n in
      var out = [Bool](repeating: false, count: n)
      for i in 0..<n { out[i] = cols[0].isNull(i) != negate }
      return Column(.bool(out))
    }
    return BoundExpr(.call(binding, [operand]), type: .bool, span: span)
  }

  /// Binds a registry function, with a type error that names the signature.
  func call(_ name: String, _ args: [BoundExpr], _ span: Span, _ argSpans: [Span], symbol: String? = nil) throws -> BoundExpr {
    guard let function = FunctionRegistry.byName[name] else {
      throw Diagnostic("internal", "function \(name) is missing from the registry", span: span)
    }
    guard let binding = function.bind(args.map(\.type)) else {
      let types = args.map { $0.type.rawValue }.joined(separator: " and ")
      let what = symbol.map { "`\($0)`" } ?? "`\(function.name)`"
      var hints = ["\(function.signature): \(function.summary)"]
      if symbol == "+" && args.contains(where: { $0.type == .text }) {
        hints.append("to join text use an f-string: f\"{a}{b}\"")
      }
      if args.contains(where: { $0.type == .text }) && args.contains(where: { $0.type.isNumeric }) {
        hints.append("convert text to a number with `(x | as float)`")
      }
      return try { throw Diagnostic("type-mismatch", "\(what) cannot take \(types)", span: span, hints: hints) }()
    }
    return BoundExpr(.call(binding, args), type: binding.resultType, span: span)
  }

  /// Finds a column by name: `x`, `t.x`, `this.x`, `that.x`.
  func resolveColumn(_ path: [String], _ scope: ExprScope, span: Span) throws -> Int {
    var path = path
    var range = scope.columns.indices
    if let split = scope.joinSplit, path.count > 1 {
      if path[0] == "this" { range = 0..<split; path.removeFirst() } else if path[0] == "that" { range = split..<scope.columns.count; path.removeFirst() }
    } else if path.count > 1, path[0] == "this" {
      path.removeFirst()
    }
    let name = path.last ?? ""
    let qualifier = path.count > 1 ? path.dropLast().joined(separator: ".") : nil
    var matches = range.filter { i in
      let c = scope.columns[i]
      return !c.hidden && c.name == name && (qualifier == nil || c.qualifier == qualifier)
    }
    if matches.count > 1 {
      let originals = matches.filter { !scope.columns[$0].joinKeyCopy }
      if !originals.isEmpty { matches = originals }
    }
    if matches.count == 1 { return matches[0] }
    if matches.count > 1 {
      let options = matches.map { i in scope.columns[i].qualifier.map { "\($0).\(name)" } ?? name }
      // Duplicates from `==key` joins are equal; anything else must be qualified.
      throw Diagnostic(
        "ambiguous-column", "`\(name)` is ambiguous", span: span,
        label: "could be \(options.joined(separator: " or "))", hints: ["qualify it: `\(options[0])`"])
    }
    let visible = range.filter { !scope.columns[$0].hidden }.map { scope.columns[$0] }
    let candidates = visible.map(\.name)
    var hints: [String] = []
    if !candidates.isEmpty {
      let listed = candidates.count > 30 ? Array(candidates.prefix(30)) + ["…"] : candidates
      hints.append("available columns: " + listed.joined(separator: ", "))
    }
    if let qualifier, !scope.columns.contains(where: { $0.qualifier == qualifier }) {
      let qualifiers = Set(scope.columns.compactMap(\.qualifier)).sorted()
      throw Diagnostic(
        "unknown-relation", "no relation `\(qualifier)` here", span: span,
        label: Diagnostic.suggestion(for: qualifier, among: qualifiers),
        hints: qualifiers.isEmpty ? hints : ["relations: " + qualifiers.joined(separator: ", ")])
    }
    let fullName = path.joined(separator: ".")
    var label = Diagnostic.suggestion(for: name, among: candidates)
    if label == nil, let fn = EditDistance.closest(to: fullName, among: FunctionRegistry.allNames) {
      label = "did you mean `\(fn)`?"
    }
    throw Diagnostic("unknown-column", "unknown column `\(fullName)`", span: span, label: label, hints: hints)
  }

  func bindIdent(_ path: [String], _ expr: Expr, _ scope: ExprScope) throws -> BoundExpr {
    if path.count == 1, let local = scope.aliases[path[0]] {
      var copy = local
      copy.span = expr.span
      return copy
    }
    if path.count == 1, let binding = lookup(path[0]), case .expr(let argument) = binding {
      // A script parameter that is also a column name would silently mean one or the other.
      if environment.count == 1, declaredParameters.contains(path[0]),
        scope.columns.contains(where: { !$0.hidden && $0.name == path[0] })
      {
        throw Diagnostic(
          "ambiguous-parameter", "`\(path[0])` is both a script parameter and a column", span: expr.span,
          hints: ["rename the parameter, e.g. `let the_\(path[0]) = …`"])
      }
      return try bind(argument, scope)
    }
    // Zero-argument functions (`math.pi`) and names that are columns first.
    let name = path.joined(separator: ".")
    let index: Int
    do {
      index = try resolveColumn(path, scope, span: expr.span)
    } catch let error as Diagnostic where error.code == "unknown-column" || error.code == "unknown-relation" {
      if let function = FunctionRegistry.byName[name], function.parameters.isEmpty {
        return try call(name, [], expr.span, [])
      }
      if FunctionRegistry.byName[name] != nil || FunctionRegistry.aggregates[name] != nil || FunctionRegistry.windowOnly.contains(name) {
        throw Diagnostic(
          "function-as-value", "`\(name)` is a function; give it an argument", span: expr.span,
          hints: ["e.g. `\(name) score`, or `(score | \(name))`"])
      }
      if path == ["this"] || path == ["that"] {
        throw Diagnostic("misplaced-this", "`\(name)` stands for a whole relation; name a column: `\(name).x`", span: expr.span)
      }
      throw error
    }
    let column = scope.columns[index]
    switch scope.mode {
    case .aggregate(_, let keyMap):
      guard let k = keyMap[index] else {
        throw Diagnostic(
          "not-aggregated", "`\(column.name)` is neither a group key nor inside an aggregate", span: expr.span,
          hints: ["wrap it in an aggregate (`max \(column.name)`) or add it to the group keys"])
      }
      return BoundExpr(.column(k), type: column.type, span: expr.span)
    default:
      return BoundExpr(.column(index), type: column.type, span: expr.span)
    }
  }

  func bindCall(_ head: Expr, _ args: [Expr], _ named: [NamedArg], _ expr: Expr, _ scope: ExprScope) throws -> BoundExpr {
    guard case .ident(let path) = head.kind else {
      throw Diagnostic("not-a-function", "only named functions can be called", span: head.span)
    }
    let name = path.joined(separator: ".")
    if let extra = named.first {
      throw Diagnostic("unknown-argument", "`\(name)` has no argument `\(extra.name)`", span: extra.span)
    }
    func plain() -> ExprScope { var s = scope; s.mode = .plain; return s }

    switch name {
    case "in":
      guard args.count == 2 else {
        throw Diagnostic("argument-count", "`in` takes a range or array, then a value: `x | in 1..5`", span: expr.span)
      }
      let value = try bind(args[1], scope)
      switch args[0].kind {
      case .range(let low, let high):
        var parts: [BoundExpr] = []
        if let low { parts.append(try call("std.ge", [value, try bind(low, scope)], expr.span, [args[1].span, low.span], symbol: ">=")) }
        if let high { parts.append(try call("std.le", [value, try bind(high, scope)], expr.span, [args[1].span, high.span], symbol: "<=")) }
        guard var result = parts.first else { return BoundExpr(.literal(.bool(true)), type: .bool, span: expr.span) }
        for p in parts.dropFirst() { result = try call("std.and", [result, p], expr.span, []) }
        return result
      case .array(let items):
        var result: BoundExpr? = nil
        for item in items {
          let eq = try call("std.eq", [value, try bind(item, scope)], expr.span, [args[1].span, item.span], symbol: "==")
          result = try result.map { try call("std.or", [$0, eq], expr.span, []) } ?? eq
        }
        return result ?? BoundExpr(.literal(.bool(false)), type: .bool, span: expr.span)
      default:
        throw Diagnostic("bad-argument", "`in` takes a range (`1..5`) or an array (`[1, 2]`)", span: args[0].span)
      }
    case "as":
      guard args.count == 2, case .ident(let typePath) = args[0].kind, let type = FunctionRegistry.castTypes[typePath.joined(separator: ".")] else {
        throw Diagnostic(
          "bad-type", "`as` takes a type: int, float, text, bool, date, timestamp", span: args.first?.span ?? expr.span,
          label: args.first.flatMap { a in if case .ident(let p) = a.kind { return Diagnostic.suggestion(for: p.joined(separator: "."), among: ["int", "float", "text", "bool", "date", "timestamp"]) } else { return nil } })
      }
      return try call("std.as_\(type.rawValue)", [try bind(args[1], scope)], expr.span, [args[1].span])
    default:
      break
    }

    if let kind = FunctionRegistry.aggregates[name] ?? ((name == "first" || name == "last") && { if case .aggregate = scope.mode { return true } else { return false } }() ? (name == "first" ? .first : .last) : nil) {
      guard args.count == 1 else {
        throw Diagnostic("argument-count", "`\(name)` takes one column", span: expr.span)
      }
      var argument: BoundExpr? = nil
      var actual = kind
      if kind == .count, case .ident(let p) = args[0].kind, p == ["this"] || p == ["that"] {
        actual = .countAll
      } else {
        argument = try bind(args[0], plain())
      }
      let inputType = argument?.type ?? .int
      guard let type = actual.resultType(inputType) else {
        throw Diagnostic("type-mismatch", "`\(name)` cannot take a \(inputType) column", span: expr.span,
                         hints: [FunctionRegistry.specialSummaries[name] ?? ""].filter { !$0.isEmpty })
      }
      switch scope.mode {
      case .aggregate(let keyCount, _):
        pendingAggregates.append(AggregateCall(kind: actual, argument: argument, type: type, span: expr.span))
        return BoundExpr(.column(keyCount + pendingAggregates.count - 1), type: type, span: expr.span)
      case .window(let base, _, _, let frame):
        pendingWindows.append(WindowCall(function: .aggregate(actual), argument: argument, frame: frame, type: type, span: expr.span))
        return BoundExpr(.column(base + pendingWindows.count - 1), type: type, span: expr.span)
      case .plain:
        throw Diagnostic("misplaced-aggregate", "`\(name)` is an aggregate; use it in `aggregate`, `derive` or `select`", span: expr.span)
      }
    }

    if FunctionRegistry.windowOnly.contains(name) {
      guard case .window(let base, _, let order, _) = scope.mode else {
        throw Diagnostic("misplaced-window", "`\(name)` works on ordered rows; use it in `derive` or `select`", span: expr.span)
      }
      var function: WindowFunction
      var argument: BoundExpr? = nil
      var type = DataType.int
      switch name {
      case "row_number", "rank", "rank_dense":
        guard args.count <= 1 else { throw Diagnostic("argument-count", "`\(name)` takes one argument (`this` or a column)", span: expr.span) }
        function = name == "row_number" ? .rowNumber : (name == "rank" ? .rank : .denseRank)
        if name != "row_number", order.isEmpty {
          throw Diagnostic("unordered-rank", "`\(name)` needs an order: `sort` first", span: expr.span,
                           hints: ["e.g. `group {year} (sort {-score} | derive r = rank score)`"])
        }
      case "lag", "lead":
        guard args.count == 2 else {
          throw Diagnostic("argument-count", "`\(name)` takes an offset then a column: `\(name) 1 score`", span: expr.span)
        }
        guard case .int(let k) = try Executor.constant(try bind(args[0], ExprScope(columns: []))), k >= 0 else {
          throw Diagnostic("bad-argument", "the offset of `\(name)` must be a whole number ≥ 0", span: args[0].span)
        }
        // An offset past any partition's size means the same as the largest such one; clamping it
        // keeps the kernels' `row + offset` arithmetic far from overflow (`lead 9223372036854775807`).
        let offset = Int(min(k, Int64(Int32.max)))
        function = name == "lag" ? .lag(offset) : .lead(offset)
        argument = try bind(args[1], plain())
        type = argument?.type ?? .null
      default:
        guard args.count == 1 else { throw Diagnostic("argument-count", "`\(name)` takes one column", span: expr.span) }
        function = name == "first" ? .first : .last
        argument = try bind(args[0], plain())
        type = argument?.type ?? .null
      }
      // As PRQL compiles them, these use SQL's default frame, not the `window` frame.
      let frame: WindowFrame = order.isEmpty ? .whole : .toCurrentPeers
      pendingWindows.append(WindowCall(function: function, argument: argument, frame: frame, type: type, span: expr.span))
      return BoundExpr(.column(base + pendingWindows.count - 1), type: type, span: expr.span)
    }

    if let binding = lookup(name), case .function(let params, let body) = binding {
      callDepth += 1
      defer { callDepth -= 1 }
      guard callDepth < 64 else { throw Diagnostic("recursion", "`\(name)` calls itself too deeply", span: expr.span) }
      let positional = params.filter { $0.defaultValue == nil }
      guard args.count == positional.count else {
        throw Diagnostic("argument-count", "`\(name)` takes \(positional.count) argument\(positional.count == 1 ? "" : "s"), got \(args.count)", span: expr.span)
      }
      var frame: [String: Binding] = [:]
      for (p, a) in zip(positional, args) { frame[p.name] = .expr(a) }
      for p in params where p.defaultValue != nil { frame[p.name] = .expr(p.defaultValue ?? Expr(.literal(.null), expr.span)) }
      environment.append(frame)
      defer { environment.removeLast() }
      var bound = try bind(body, scope)
      bound.span = expr.span
      return bound
    }

    guard let function = FunctionRegistry.byName[name] else {
      var candidates = FunctionRegistry.allNames + ["in", "as"]
      for level in environment { for (k, v) in level { if case .function = v { candidates.append(k) } } }
      var hints: [String] = []
      if Resolver.transforms.contains(name) { hints.append("`\(name)` is a transform: start a new pipeline step with `|`") }
      throw Diagnostic("unknown-function", "unknown function `\(name)`", span: head.span,
                       label: Diagnostic.suggestion(for: name, among: candidates), hints: hints)
    }
    guard args.count == function.parameters.count || function.parameters.first == "parts…" else {
      throw Diagnostic(
        "argument-count", "`\(function.name)` takes \(function.parameters.count) argument\(function.parameters.count == 1 ? "" : "s"), got \(args.count)",
        span: expr.span, hints: ["\(function.signature): \(function.summary)"])
    }
    let bound = try args.map { try bind($0, scope) }
    return try call(function.name, bound, expr.span, args.map(\.span))
  }
}
