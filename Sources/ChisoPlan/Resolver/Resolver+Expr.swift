import ChisoEngine
import ChisoSyntax

extension Resolver {
  static let operatorNames: [BinaryOp: String] = [
    .add: "std.add", .sub: "std.sub", .mul: "std.mul", .div: "std.div", .intDiv: "std.div_i",
    .mod: "std.mod", .pow: "std.pow", .eq: "std.eq", .ne: "std.ne", .lt: "std.lt", .le: "std.le",
    .gt: "std.gt", .ge: "std.ge", .and: "std.and", .or: "std.or", .coalesce: "std.coalesce",
    .regex: "std.regex_search",
  ]

  /// Binds an expression in a scope; calls whose arguments are all constants are folded. An
  /// error raised without a span below (a registry or kernel knows no syntax) gets this
  /// expression's.
  public func bind(_ expr: Expr, _ scope: ExprScope) throws -> PlanExpr {
    do {
      return try bindUnlocated(expr, scope)
    } catch let error as Diagnostic {
      throw error.withSpanFallback(expr.span)
    }
  }

  func bindUnlocated(_ expr: Expr, _ scope: ExprScope) throws -> PlanExpr {
    switch expr.kind {
    case .literal(let literal):
      return try bindLiteral(literal, expr.span)
    case .ident(let path):
      return try bindIdent(path, expr, scope)
    case .unary(let op, let operand):
      switch op {
      case .plus: return try bind(operand, scope)
      case .neg: return try call("std.neg", [try bind(operand, scope)], expr.span)
      case .not: return try call("std.not", [try bind(operand, scope)], expr.span)
      case .selfEq:
        guard let split = scope.joinSplit, case .ident(let path) = operand.kind else {
          throw Diagnostic(
            .misplacedSelfEquality, "`==column` only works as a join condition: `join t (==id)`", span: expr.span)
        }
        var left = scope
        left.columns = Array(scope.columns[..<split])
        left.joinSplit = nil
        var right = scope
        right.columns = Array(scope.columns[split...])
        right.joinSplit = nil
        let a = try bindIdent(path, operand, left)
        let b = try bindIdent(path, operand, right).remapped { $0 + split }
        return try call("std.eq", [a, b], expr.span)
      }
    case .binary(let op, let a, let b):
      // `x == null` tests for null (PRQL compiles it to IS NULL).
      if op == .eq || op == .ne {
        let negate = op == .ne
        if case .literal(.null) = b.kind { return try call(negate ? "std.is_not_null" : "std.is_null", [try bind(a, scope)], expr.span) }
        if case .literal(.null) = a.kind { return try call(negate ? "std.is_not_null" : "std.is_null", [try bind(b, scope)], expr.span) }
      }
      // `d + 3months`: a date or timestamp shifted by an interval literal (`std.add_interval`).
      if op == .add || op == .sub, let shifted = try bindIntervalArithmetic(op, a, b, scope, expr.span) { return shifted }
      guard let name = Resolver.operatorNames[op] else {
        throw Diagnostic(.internalError, "operator \(op.rawValue) has no function", span: expr.span)
      }
      return try call(name, [try bind(a, scope), try bind(b, scope)], expr.span, symbol: op.rawValue)
    case .call(let head, let args, let named):
      return try bindCall(head, args, named, expr, scope)
    case .pipeline(let steps):
      guard var value = steps.first else { throw Diagnostic(.emptyPipeline, "empty pipeline", span: expr.span) }
      for step in steps.dropFirst() {
        switch step.kind {
        case .call(let head, let args, let named):
          value = Expr(.call(head, args + [value], named), value.span.union(step.span))
        case .ident:
          value = Expr(.call(step, [value], []), value.span.union(step.span))
        default:
          throw Diagnostic(.notAFunction, "expected a function after `|`", span: step.span)
        }
      }
      var bound = try bind(value, scope)
      bound.span = expr.span
      return bound
    case .caseOf(let arms):
      var bound: [PlanExpr.CaseArm] = []
      var type = DataType.null
      for arm in arms {
        let condition = try bind(arm.condition, scope)
        guard condition.type == .bool || condition.type == .null else {
          throw Diagnostic(
            .typeMismatch, "a `case` condition must be true/false, this is \(condition.type)", span: arm.condition.span)
        }
        let value = try bind(arm.value, scope)
        guard let unified = DataType.unify(type, value.type) else {
          throw Diagnostic(.typeMismatch, "`case` values must have one type: \(type) and \(value.type)", span: arm.value.span)
        }
        type = unified
        bound.append(PlanExpr.CaseArm(condition, value))
      }
      return PlanExpr(.caseOf(bound), type: type, nullable: true, span: expr.span)
    case .fstring(let parts):
      var args: [PlanExpr] = []
      for part in parts {
        switch part {
        case .text(let t): args.append(.literal(.text(t), span: expr.span))
        case .expr(let e):
          var b = try bind(e, scope)
          if b.type != .text && b.type != .null { b = try call("std.as_text", [b], e.span) }
          args.append(b)
        }
      }
      return try call("std.concat", args, expr.span)
    case .sstring:
      throw Diagnostic(
        .sqlNotSupported, "s-strings hold SQL, and chiso runs PRQL only", span: expr.span,
        hints: ["write the expression in PRQL, e.g. `text.lower x` instead of s\"LOWER(x)\""])
    case .tuple:
      throw Diagnostic(
        .unexpectedTuple, "a tuple `{…}` cannot be used as a value here", span: expr.span,
        hints: ["tuples list the columns of `select`, `derive`, `aggregate`, `sort`, `group`"])
    case .array:
      throw Diagnostic(
        .unexpectedArray, "an array `[…]` cannot be used as a value here", span: expr.span,
        hints: ["use it with `in`: `filter (x | in [1, 2])`, or as a relation: `from [{a = 1}]`"])
    case .range:
      throw Diagnostic(
        .unexpectedRange, "a range is only a value for `in` and `take`", span: expr.span,
        hints: ["`filter (year | in 2010..2015)`"])
    case .lambda:
      throw Diagnostic(.unexpectedFunction, "a function cannot be used as a value here", span: expr.span)
    }
  }

  /// The value of a constant expression (a literal, `-3`, `2 * 5`, a script parameter).
  public func constant(_ expr: Expr) throws -> Value {
    let bound = try bind(expr, .constants)
    guard let value = bound.constant else {
      throw Diagnostic(.badArgument, "expected a constant here", span: expr.span)
    }
    return value
  }

  func bindLiteral(_ literal: Literal, _ span: Span) throws -> PlanExpr {
    switch literal {
    case .null: return .literal(.null, span: span)
    case .bool(let b): return .literal(.bool(b), span: span)
    case .integer(let i): return .literal(.int(i), span: span)
    case .float(let d): return .literal(.float(d), span: span)
    case .string(let s): return .literal(.text(s), span: span)
    case .date(let text):
      if let d = CivilDate.parseDate(text) { return .literal(.date(d), span: span) }
      if let t = CivilDate.parseTimestamp(text) { return .literal(.timestamp(t), span: span) }
      throw Diagnostic(
        .badDate, "`@\(text)` is not a valid date", span: span,
        hints: ["dates are written `@2019-05-27`, timestamps `@2019-05-27T10:30:00`"])
    case .interval(let n, let unit):
      // Alone (not beside a date), days and weeks are a number of days; the other units only
      // have a meaning added to or subtracted from a date or timestamp (`bindIntervalArithmetic`).
      guard unit == "days" || unit == "weeks" else {
        throw Diagnostic(
          .badInterval, "an interval in \(unit) only has a meaning added to or subtracted from a date or timestamp",
          span: span, hints: ["e.g. `@2019-01-31 + 1months` (2019-02-28) or `invoice_date - 90minutes`"])
      }
      do {
        return .literal(.int(try CheckedArithmetic.interval(n, unit: unit).days), span: span)
      } catch {
        throw Diagnostic(.outOfRange, error.message, span: span, hints: error.hints)
      }
    }
  }

  /// `operand ± interval` when one side is an interval literal (`3months`, `-2hours`) in a unit
  /// other than days and weeks; nil otherwise (days and weeks are a number of days, added by
  /// `std.add` with checked date arithmetic). The interval becomes the constant months, days and
  /// microseconds of a `std.add_interval` call; a date shifted by less than a day becomes a
  /// timestamp, as in DuckDB.
  func bindIntervalArithmetic(_ op: BinaryOp, _ a: Expr, _ b: Expr, _ scope: ExprScope, _ span: Span) throws -> PlanExpr? {
    func literal(_ e: Expr) -> (count: Int64, unit: String, negated: Bool)? {
      if case .literal(.interval(let n, let unit)) = e.kind { return (n, unit, false) }
      if case .unary(.neg, let inner) = e.kind, case .literal(.interval(let n, let unit)) = inner.kind { return (n, unit, true) }
      return nil
    }
    let found: (count: Int64, unit: String, negated: Bool)
    let intervalFirst: Bool
    if let l = literal(b) {
      (found, intervalFirst) = (l, false)
    } else if let l = literal(a) {
      (found, intervalFirst) = (l, true)
    } else {
      return nil
    }
    guard found.unit != "days", found.unit != "weeks" else { return nil }
    let intervalExpr = intervalFirst ? a : b
    var operand = try bind(intervalFirst ? b : a, scope)
    if intervalFirst, op == .sub {
      throw Diagnostic(
        .typeMismatch, "an interval minus a date has no meaning", span: span,
        hints: ["subtract the interval from the date: `d - \(source.text(of: intervalExpr.span))`"])
    }
    guard [.date, .timestamp, .null].contains(operand.type) else {
      throw Diagnostic(
        .typeMismatch, "`\(op.rawValue)` cannot take \(operand.type) and an interval in \(found.unit)", span: span,
        hints: ["intervals of \(found.unit) shift dates and timestamps: `@2019-01-31 + 1months`"])
    }
    var interval: CheckedArithmetic.Interval
    do {
      interval = try CheckedArithmetic.interval(found.count, unit: found.unit)
      if found.negated != (op == .sub) { interval = try interval.negated() }
    } catch {
      throw Diagnostic(.outOfRange, error.message, span: intervalExpr.span, hints: error.hints)
    }
    if operand.type == .date, !interval.isWholeDays { operand = try call("std.as_timestamp", [operand], operand.span) }
    let parts: [PlanExpr] = [interval.months, interval.days, interval.micros].map { .literal(.int($0), span: intervalExpr.span) }
    return try call("std.add_interval", [operand] + parts, span, symbol: op.rawValue)
  }

  /// Binds a registry function, with a type error that names the signature. A call whose
  /// arguments are all constants is evaluated now (constant folding), so `take 2 * 5` is
  /// `take 10` and an overflow in a literal is reported at its place.
  public func call(_ name: String, _ args: [PlanExpr], _ span: Span, symbol: String? = nil) throws -> PlanExpr {
    guard let function = FunctionRegistry.byName[name] else {
      throw Diagnostic(.internalError, "function \(name) is missing from the registry")
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
      throw Diagnostic(.typeMismatch, "\(what) cannot take \(types)", span: span, hints: hints)
    }
    let ref = FunctionRef(id: function.name, argumentTypes: args.map(\.type))
    // `a ?? b` is null only where every side is; most functions are null where an argument is.
    let nullable = function.name == "std.coalesce"
      ? args.allSatisfy(\.nullable) : function.mayReturnNull || args.contains(where: \.nullable)
    let expr = PlanExpr(.call(ref, args), type: binding.resultType, nullable: nullable, span: span)
    if !args.isEmpty, args.allSatisfy({ $0.constant != nil }) {
      do {
        return try ConstantFolder.fold(expr, binding)
      } catch {
        throw error.withSpanFallback(span)
      }
    }
    return expr
  }

  /// Finds a column by name: `x`, `t.x`, `this.x`, `that.x`.
  public func resolveColumn(_ path: [String], _ scope: ExprScope, span: Span) throws -> Int {
    var path = path
    var range = scope.columns.indices
    if let split = scope.joinSplit, path.count > 1 {
      if path[0] == "this" {
        range = 0..<split
        path.removeFirst()
      } else if path[0] == "that" {
        range = split..<scope.columns.count
        path.removeFirst()
      }
    } else if path.count > 1, path[0] == "this" {
      path.removeFirst()
    }
    let name = path.last ?? ""
    let qualifier = path.count > 1 ? path.dropLast().joined(separator: ".") : nil
    // A plain loop comparing names first, without copying each column's description: a
    // 20,000-column relation is scanned once per name.
    var matches: [Int] = []
    scope.columns.withUnsafeBufferPointer { columns in
      for i in range where columns[i].name == name && !columns[i].hidden && (qualifier == nil || columns[i].qualifier == qualifier) {
        matches.append(i)
      }
    }
    if matches.count > 1 {
      let originals = matches.filter { !scope.columns[$0].joinKeyCopy }
      if !originals.isEmpty { matches = originals }
    }
    if matches.count == 1 { return matches[0] }
    if matches.count > 1 {
      let options = matches.map { i in scope.columns[i].qualifier.map { "\($0).\(name)" } ?? name }
      let qualified = matches.allSatisfy { scope.columns[$0].qualifier != nil }
        && Set(matches.compactMap { scope.columns[$0].qualifier }).count == matches.count
      // Duplicates from `==key` joins are equal; anything else must be qualified — and where
      // qualifying cannot tell them apart, renaming can.
      throw Diagnostic(
        .ambiguousColumn, "`\(name)` is ambiguous", span: span, label: "could be \(options.joined(separator: " or "))",
        hints: qualified
          ? ["qualify it: `\(options[0])`"]
          : ["two columns are both called `\(name)`: rename one where it is made, e.g. `derive {\(name)_2 = …}`"])
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
        .unknownRelation, "no relation `\(qualifier)` here", span: span,
        label: Diagnostic.suggestion(for: qualifier, among: qualifiers),
        hints: qualifiers.isEmpty ? hints : ["relations: " + qualifiers.joined(separator: ", ")])
    }
    let fullName = path.joined(separator: ".")
    var label = Diagnostic.suggestion(for: name, among: candidates)
    if label == nil, let fn = EditDistance.closest(to: fullName, among: FunctionRegistry.allNames) {
      label = "did you mean `\(fn)`?"
    }
    throw Diagnostic(.unknownColumn, "unknown column `\(fullName)`", span: span, label: label, hints: hints)
  }

  func bindIdent(_ path: [String], _ expr: Expr, _ scope: ExprScope) throws -> PlanExpr {
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
          .ambiguousParameter, "`\(path[0])` is both a script parameter and a column", span: expr.span,
          hints: ["rename the parameter, e.g. `let the_\(path[0]) = …`"])
      }
      return try bind(argument, scope)
    }
    // Zero-argument functions (`math.pi`) and names that are columns first.
    let name = path.joined(separator: ".")
    let index: Int
    do {
      index = try resolveColumn(path, scope, span: expr.span)
    } catch let error as Diagnostic where error.id == .unknownColumn || error.id == .unknownRelation {
      if let function = FunctionRegistry.byName[name], function.parameters.isEmpty {
        return try call(name, [], expr.span)
      }
      if FunctionRegistry.byName[name] != nil || FunctionRegistry.aggregatesByName[name] != nil
        || FunctionRegistry.windowsByName[name] != nil
      {
        throw Diagnostic(
          .functionAsValue, "`\(name)` is a function; give it an argument", span: expr.span,
          hints: ["e.g. `\(name) score`, or `(score | \(name))`"])
      }
      if path == ["this"] || path == ["that"] {
        throw Diagnostic(.misplacedThis, "`\(name)` stands for a whole relation; name a column: `\(name).x`", span: expr.span)
      }
      throw error
    }
    let column = scope.columns[index]
    switch scope.mode {
    case .aggregate(_, let keyMap):
      guard let k = keyMap[index] else {
        throw Diagnostic(
          .notAggregated, "`\(column.name)` is neither a group key nor inside an aggregate", span: expr.span,
          hints: ["wrap it in an aggregate (`max \(column.name)`) or add it to the group keys"])
      }
      return .column(k, column, span: expr.span)
    default:
      return .column(index, column, span: expr.span)
    }
  }

  func bindCall(_ head: Expr, _ args: [Expr], _ named: [NamedArg], _ expr: Expr, _ scope: ExprScope) throws -> PlanExpr {
    guard case .ident(let path) = head.kind else {
      throw Diagnostic(.notAFunction, "only named functions can be called", span: head.span)
    }
    let name = path.joined(separator: ".")
    if let extra = named.first {
      throw Diagnostic(.unknownArgument, "`\(name)` has no argument `\(extra.name)`", span: extra.span)
    }
    switch name {
    case "in": return try bindIn(args, expr, scope)
    case "as":
      guard args.count == 2, case .ident(let typePath) = args[0].kind,
        let type = FunctionRegistry.castTypes[typePath.joined(separator: ".")]
      else {
        let typeNames = ["int", "float", "text", "bool", "date", "timestamp"]
        var label: String? = nil
        if let first = args.first, case .ident(let p) = first.kind {
          label = Diagnostic.suggestion(for: p.joined(separator: "."), among: typeNames)
        }
        throw Diagnostic(
          .badType, "`as` takes a type: int, float, text, bool, date, timestamp", span: args.first?.span ?? expr.span, label: label)
      }
      return try call("std.as_\(type.rawValue)", [try bind(args[1], scope)], expr.span)
    default:
      break
    }
    var inAggregate = false
    if case .aggregate = scope.mode { inAggregate = true }
    if let aggregate = FunctionRegistry.aggregatesByName[name] {
      return try bindAggregate(aggregate.kind, name: name, args, expr, scope)
    }
    // `first`/`last` reduce a group in `aggregate` and look along the window elsewhere.
    if inAggregate, name == "first" || name == "last" {
      return try bindAggregate(name == "first" ? .first : .last, name: name, args, expr, scope)
    }
    if let window = FunctionRegistry.windowsByName[name] {
      guard case .window(let base, _, let order, _) = scope.mode else {
        throw Diagnostic(.misplacedWindow, "`\(name)` works on ordered rows; use it in `derive` or `select`", span: expr.span)
      }
      var plain = scope
      plain.mode = .plain
      let bound = try window.bind(WindowCallSite(resolver: self, args: args, scope: plain, order: order, span: expr.span))
      pendingWindows.append(bound)
      return PlanExpr(.column(base + pendingWindows.count - 1), type: bound.type, nullable: true, span: expr.span)
    }
    if let binding = lookup(name), case .function(let params, let body) = binding {
      return try callScalarFunction(name, params, body, args, expr, scope)
    }
    guard let function = FunctionRegistry.byName[name] else {
      let candidates = FunctionRegistry.allNames + ["in", "as"] + definedNames(relations: false, functions: true)
      var hints: [String] = []
      if registry[name] != nil { hints.append("`\(name)` is a transform: start a new pipeline step with `|`") }
      throw Diagnostic(
        .unknownFunction, "unknown function `\(name)`", span: head.span,
        label: Diagnostic.suggestion(for: name, among: candidates), hints: hints)
    }
    guard args.count == function.parameters.count || function.parameters.first == "parts…" else {
      throw Diagnostic(
        .argumentCount,
        "`\(function.name)` takes \(function.parameters.count) argument\(function.parameters.count == 1 ? "" : "s"), got \(args.count)",
        span: expr.span, hints: ["\(function.signature): \(function.summary)"])
    }
    let bound = try args.map { try bind($0, scope) }
    return try call(function.name, bound, expr.span)
  }

  /// `x | in 1..5` (two comparisons) and `x | in [a, b]` (a chain of `==`, bounded by the parser).
  func bindIn(_ args: [Expr], _ expr: Expr, _ scope: ExprScope) throws -> PlanExpr {
    guard args.count == 2 else {
      throw Diagnostic(.argumentCount, "`in` takes a range or array, then a value: `x | in 1..5`", span: expr.span)
    }
    let value = try bind(args[1], scope)
    switch args[0].kind {
    case .range(let low, let high):
      var parts: [PlanExpr] = []
      if let low { parts.append(try call("std.ge", [value, try bind(low, scope)], expr.span, symbol: ">=")) }
      if let high { parts.append(try call("std.le", [value, try bind(high, scope)], expr.span, symbol: "<=")) }
      guard var result = parts.first else { return .literal(.bool(true), span: expr.span) }
      for p in parts.dropFirst() { result = try call("std.and", [result, p], expr.span) }
      return result
    case .array(let items):
      // A balanced tree of `||`, so a long list cannot nest deeper than its logarithm.
      var terms = try items.map { try call("std.eq", [value, try bind($0, scope)], expr.span, symbol: "==") }
      guard !terms.isEmpty else { return .literal(.bool(false), span: expr.span) }
      while terms.count > 1 {
        var next: [PlanExpr] = []
        var i = 0
        while i < terms.count {
          next.append(i + 1 < terms.count ? try call("std.or", [terms[i], terms[i + 1]], expr.span) : terms[i])
          i += 2
        }
        terms = next
      }
      return terms[0]
    default:
      throw Diagnostic(.badArgument, "`in` takes a range (`1..5`) or an array (`[1, 2]`)", span: args[0].span)
    }
  }

  func bindAggregate(_ kind: AggregateKind, name: String, _ args: [Expr], _ expr: Expr, _ scope: ExprScope) throws -> PlanExpr {
    guard args.count == 1 else {
      throw Diagnostic(.argumentCount, "`\(name)` takes one column", span: expr.span)
    }
    var plain = scope
    plain.mode = .plain
    var argument: PlanExpr? = nil
    var actual = kind
    if kind == .count, case .ident(let p) = args[0].kind, p == ["this"] || p == ["that"] {
      actual = .countAll
    } else {
      argument = try bind(args[0], plain)
    }
    let inputType = argument?.type ?? .int
    guard let type = actual.resultType(inputType) else {
      throw Diagnostic(
        .typeMismatch, "`\(name)` cannot take a \(inputType) column", span: expr.span,
        hints: [FunctionRegistry.aggregatesByName[name]?.summary ?? ""].filter { !$0.isEmpty })
    }
    let nullable = !(actual == .count || actual == .countAll || actual == .countDistinct || actual == .sum)
    switch scope.mode {
    case .aggregate(let keyCount, _):
      pendingAggregates.append(AggregateExpr(kind: actual, argument: argument, type: type, span: expr.span))
      return PlanExpr(.column(keyCount + pendingAggregates.count - 1), type: type, nullable: nullable, span: expr.span)
    case .window(let base, _, _, let frame):
      pendingWindows.append(WindowExpr(function: .aggregate(actual), argument: argument, frame: frame, type: type, span: expr.span))
      return PlanExpr(.column(base + pendingWindows.count - 1), type: type, nullable: nullable, span: expr.span)
    case .plain:
      throw Diagnostic(.misplacedAggregate, "`\(name)` is an aggregate; use it in `aggregate`, `derive` or `select`", span: expr.span)
    }
  }

  func callScalarFunction(_ name: String, _ params: [Param], _ body: Expr, _ args: [Expr], _ expr: Expr, _ scope: ExprScope) throws -> PlanExpr {
    callDepth += 1
    defer { callDepth -= 1 }
    guard callDepth < Resolver.maxCallDepth else { throw Diagnostic(.recursion, "`\(name)` calls itself too deeply", span: expr.span) }
    let positional = params.filter { $0.defaultValue == nil }
    guard args.count == positional.count else {
      throw Diagnostic(
        .argumentCount, "`\(name)` takes \(positional.count) argument\(positional.count == 1 ? "" : "s"), got \(args.count)",
        span: expr.span)
    }
    var frame: [String: Binding] = [:]
    for (p, a) in zip(positional, args) { frame[p.name] = .expr(a) }
    for p in params where p.defaultValue != nil { frame[p.name] = .expr(p.defaultValue ?? Expr(.literal(.null), expr.span)) }
    var bound = try withBindings(frame) { try bind(body, scope) }
    bound.span = expr.span
    return bound
  }

  /// Takes the window calls pulled out so far.
  public func takePendingWindows() -> [WindowExpr] {
    defer { pendingWindows = [] }
    return pendingWindows
  }

  public func takePendingAggregates() -> [AggregateExpr] {
    defer { pendingAggregates = [] }
    return pendingAggregates
  }

  func resetPending() {
    pendingWindows = []
    pendingAggregates = []
  }
}
