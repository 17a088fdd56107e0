import ChisoEngine
import ChisoSyntax

/// Binds a parsed query to the catalog's schemas: names to column positions, functions to
/// registry ids, transforms to plan nodes, checking types on the way. It reads no rows and runs
/// nothing: schemas come from a `SchemaProvider`, constants fold here, and the one verb whose
/// columns depend on data (`pivot`) asks a `PlanPreparer`. Every error is a located `Diagnostic`.
public final class Resolver {
  public enum Binding {
    case relation(Relation)
    case function([Param], Expr)
    /// A function argument or script parameter, bound where it is used.
    case expr(Expr)
  }

  public let schemas: SchemaProvider
  public let registry: TransformRegistry
  public let source: SourceFile
  let preparer: PlanPreparer?
  /// Let bindings and function parameters, innermost last.
  var environment: [[String: Binding]] = [[:]]
  var callDepth = 0
  /// Calls pulled out of expressions while binding `aggregate`/`derive` items.
  var pendingAggregates: [AggregateExpr] = []
  var pendingWindows: [WindowExpr] = []
  /// `--param name=value` overrides for the script's `let name = constant` declarations.
  let parameters: [String: Expr]
  public private(set) var declaredParameters: [String] = []

  /// Deepest nesting of user functions calling each other.
  static let maxCallDepth = 64

  /// `definitions`: names a session defined earlier (`let t = (…)` entered alone in the REPL),
  /// visible to the query as if it had defined them itself.
  public init(
    schemas: SchemaProvider, registry: TransformRegistry, source: SourceFile, parameters: [String: Expr] = [:],
    preparer: PlanPreparer? = nil, definitions: [(name: String, value: Expr)] = []
  ) {
    self.schemas = schemas
    self.registry = registry
    self.source = source
    self.parameters = parameters
    self.preparer = preparer
    for (name, value) in definitions {
      if case .lambda(let params, let body) = value.kind {
        environment[0][name] = .function(params, body)
      } else {
        environment[0][name] = .expr(value)
      }
    }
  }

  /// Whether a `let` value is a constant (a parameter) rather than a relation.
  public static func isConstant(_ e: Expr) -> Bool {
    switch e.kind {
    case .literal, .fstring: return true
    case .unary(_, let x): return isConstant(x)
    case .binary(_, let a, let b): return isConstant(a) && isConstant(b)
    case .array(let items): return items.allSatisfy(isConstant)
    case .range(let a, let b): return (a.map(isConstant) ?? true) && (b.map(isConstant) ?? true)
    default: return false
    }
  }

  /// The plan of the query's main pipeline.
  public func resolve(_ query: Query) throws -> LogicalPlan {
    var main: LogicalPlan? = nil
    for statement in query.statements {
      switch statement {
      case .header: continue
      case .letBinding(let name, let value, _):
        if case .lambda(let params, let body) = value.kind {
          environment[0][name] = .function(params, body)
        } else if Resolver.isConstant(value) {
          // `let year = 2019`: a script parameter, which `--param year=2016` may override.
          declaredParameters.append(name)
          environment[0][name] = .expr(parameters[name] ?? value)
        } else {
          environment[0][name] = .relation(try relation(value))
        }
      case .main(let expr):
        main = try relation(expr).finish(span: expr.span)
      }
    }
    let unknown = parameters.keys.filter { !declaredParameters.contains($0) }.sorted()
    if let first = unknown.first {
      throw Diagnostic(
        .unknownParameter, "the script declares no parameter `\(first)`", span: parameters[first]?.span,
        label: Diagnostic.suggestion(for: first, among: declaredParameters),
        hints: declaredParameters.isEmpty
          ? ["declare one at the top of the script: `let \(first) = …` (its default)"]
          : ["parameters: " + declaredParameters.joined(separator: ", ")])
    }
    guard let main else {
      throw Diagnostic(
        .noMain, "the query has no main pipeline", span: source.span(0, source.text.utf8.count),
        hints: ["end with a pipeline such as `from pci | take 5`"])
    }
    return main
  }

  /// The prepare step of a data-dependent verb: the distinct values of one column of a plan,
  /// which the session computes by running it.
  public func prepare(_ plan: LogicalPlan, column: Int, span: Span) throws -> [Value] {
    guard let preparer else {
      throw Diagnostic(
        .needsData, "this step names its columns after the data, which is not read here", span: span,
        hints: ["run the query to see its columns"])
    }
    return try preparer.distinctValues(of: plan, column: column)
  }

  func lookup(_ name: String) -> Binding? {
    for scope in environment.reversed() { if let b = scope[name] { return b } }
    return nil
  }

  /// Runs `body` with extra names bound (a verb's own relations, a function's parameters).
  public func withBindings<T>(_ bindings: [String: Binding], _ body: () throws -> T) rethrows -> T {
    environment.append(bindings)
    defer { environment.removeLast() }
    return try body()
  }

  /// Names of relations and functions the query defines, for suggestions.
  func definedNames(relations: Bool, functions: Bool) -> [String] {
    var out: [String] = []
    for scope in environment {
      for (k, v) in scope {
        switch v {
        case .relation: if relations { out.append(k) }
        case .function: if functions { out.append(k) }
        case .expr: break
        }
      }
    }
    return out.sorted()
  }

  // MARK: - Relations

  /// Resolves an expression that must be a relation: a pipeline, a table name, an inline array,
  /// or a source such as `read_csv "…"`.
  public func relation(_ expr: Expr, context: TransformContext = TransformContext()) throws -> Relation {
    switch expr.kind {
    case .pipeline(let steps):
      guard let first = steps.first else { throw Diagnostic(.emptyPipeline, "empty pipeline", span: expr.span) }
      var rel = try relation(first, context: context)
      var ctx = context
      for step in steps.dropFirst() { rel = try apply(step, to: rel, context: &ctx) }
      // `p = (from provinces | …)` names the whole relation.
      if let alias = expr.alias { for i in rel.columns.indices { rel.columns[i].qualifier = alias } }
      return rel
    case .ident(let path):
      return try namedRelation(path, alias: expr.alias, span: expr.span)
    case .array(let items):
      return try inlineRelation(items, span: expr.span, alias: expr.alias)
    case .call(let head, let args, let named):
      guard case .ident(let path) = head.kind else { break }
      let name = path.joined(separator: ".")
      if let spec = registry[name], spec.kind == .source {
        var call = try TransformCall(
          resolver: self, spec: spec, input: Relation.empty, context: context, args: args, named: named,
          span: expr.span, headSpan: head.span)
        var rel = try spec.resolve(&call)
        if let alias = expr.alias { for i in rel.columns.indices { rel.columns[i].qualifier = alias } }
        return rel
      }
      if case .function = lookup(name) {
        throw Diagnostic(
          .notARelation, "`\(name)` must be applied to a relation", span: expr.span, hints: ["write `from t | \(name)`"])
      }
    default:
      break
    }
    throw Diagnostic(
      .notARelation, "expected a relation (a table, a pipeline or `[{…}]`)", span: expr.span,
      hints: ["start the pipeline with `from TABLE`"] + tableHint())
  }

  func tableHint() -> [String] {
    let names = schemas.tableNames
    return names.isEmpty ? [] : ["tables: " + names.joined(separator: ", ")]
  }

  func namedRelation(_ path: [String], alias: String?, span: Span) throws -> Relation {
    var name = path.joined(separator: ".")
    // `_param.rel` names a relation parameter (older PRQL syntax).
    if path.count == 2, path[0] == "_param" { name = path[1] }
    if let binding = lookup(name) {
      switch binding {
      case .relation(var rel):
        if let alias {
          for i in rel.columns.indices { rel.columns[i].qualifier = alias }
        } else if !name.hasPrefix("_") {
          for i in rel.columns.indices where rel.columns[i].qualifier == nil { rel.columns[i].qualifier = name }
        }
        return rel
      case .expr(let e):
        var inner = try relation(e)
        if let alias { for i in inner.columns.indices { inner.columns[i].qualifier = alias } }
        return inner
      case .function:
        throw Diagnostic(.notARelation, "`\(name)` is a function, not a relation", span: span)
      }
    }
    let schema: TableSchema?
    do throws(DataError) {
      schema = try schemas.schema(ofTable: name)
    } catch {
      throw PlanError.data(error, span: span)
    }
    guard let schema else {
      let candidates = schemas.tableNames + definedNames(relations: true, functions: false)
      throw Diagnostic(
        .unknownTable, "unknown table `\(name)`", span: span,
        label: Diagnostic.suggestion(for: name, among: candidates),
        hints: candidates.isEmpty
          ? ["no tables: pass --data DIR with CSV, JSON or xlsx files"] : ["tables: " + candidates.sorted().joined(separator: ", ")])
    }
    let qualifier = alias ?? name
    let columns = schema.names.indices.map { i in
      SchemaColumn.source(name, schema.names[i], type: schema.types[i], nullable: schema.nullable[i], qualifier: qualifier)
    }
    return Relation(plan: LogicalPlan(.scan(table: name, read: .all), schema: columns, span: span))
  }

  /// `[{a = 1, b = "x"}, {…}]`: constant rows.
  func inlineRelation(_ items: [Expr], span: Span, alias: String?) throws -> Relation {
    var names: [String] = []
    var rows: [[Value]] = []
    for item in items {
      guard case .tuple(let fields) = item.kind else {
        throw Diagnostic(.badInlineRelation, "an inline relation is a list of tuples: `[{a = 1}, {a = 2}]`", span: item.span)
      }
      var row: [Value] = []
      for (index, field) in fields.enumerated() {
        let name = field.alias ?? derivedName(field)
        if rows.isEmpty {
          names.append(name)
        } else if index >= names.count || names[index] != name {
          throw Diagnostic(.badInlineRelation, "every row must have the columns \(names.joined(separator: ", "))", span: field.span)
        }
        row.append(try constant(field))
      }
      if !rows.isEmpty, row.count != names.count {
        throw Diagnostic(.badInlineRelation, "every row must have \(names.count) columns", span: item.span)
      }
      rows.append(row)
    }
    var schema: [SchemaColumn] = []
    for (index, name) in names.enumerated() {
      var type = DataType.null
      var nullable = false
      for row in rows {
        guard let t = DataType.unify(type, row[index].type) else {
          throw Diagnostic(.typeMismatch, "column `\(name)` mixes \(type) and \(row[index].type)", span: span)
        }
        type = t
        nullable = nullable || row[index].isNull
      }
      schema.append(SchemaColumn(name: name, qualifier: alias, type: type, nullable: nullable))
    }
    return Relation(plan: LogicalPlan(.values(rows: rows), schema: schema, span: span))
  }

  /// A name for an unnamed column: the column's own name, or the expression's text.
  public func derivedName(_ expr: Expr) -> String {
    if case .ident(let path) = expr.kind, let last = path.last { return last }
    return String(source.text(of: expr.span))
  }

  // MARK: - Steps

  /// Applies one pipeline step to a relation.
  public func apply(_ step: Expr, to rel: Relation, context: inout TransformContext) throws -> Relation {
    var head: Expr
    var args: [Expr] = []
    var named: [NamedArg] = []
    switch step.kind {
    case .call(let h, let a, let n): (head, args, named) = (h, a, n)
    case .ident: head = step
    default:
      throw Diagnostic(
        .notATransform, "expected a transform such as `filter`, `derive` or `sort`", span: step.span,
        hints: ["transforms: " + registry.names(.transform).joined(separator: ", ")])
    }
    guard case .ident(let path) = head.kind else {
      throw Diagnostic(.notATransform, "expected a transform", span: head.span)
    }
    let name = path.joined(separator: ".")
    if let spec = registry[name] {
      if spec.kind == .source {
        throw Diagnostic(
          .misplacedFrom, "`\(name)` starts a pipeline; it cannot follow another step", span: step.span,
          hints: ["to combine relations use `join`, `append`, `remove` or `intersect`"])
      }
      do {
        var call = try TransformCall(
          resolver: self, spec: spec, input: rel, context: context, args: args, named: named, span: step.span, headSpan: head.span)
        let result = try spec.resolve(&call)
        context = call.context
        return result
      } catch let error as Diagnostic {
        // A transform's error without a place of its own points at the step.
        throw error.withSpanFallback(step.span)
      }
    }
    if case .function(let params, let body) = lookup(name) {
      return try callRelationFunction(name, params, body, args: args, named: named, input: rel, span: step.span)
    }
    throw unknownTransform(name, span: head.span)
  }

  func unknownTransform(_ name: String, span: Span) -> Diagnostic {
    let candidates = registry.allNames + definedNames(relations: false, functions: true)
    var label = Diagnostic.suggestion(for: name, among: candidates)
    var hints = ["transforms: " + registry.names(.transform).joined(separator: ", "), "index verbs: " + registry.names(.verb).joined(separator: ", ")]
    if label == nil, FunctionRegistry.byName[name] != nil || FunctionRegistry.aggregatesByName[name] != nil {
      label = "`\(name)` is a function, not a transform"
      hints = ["use it inside a step: `derive {x = \(name) …}`"]
    }
    return Diagnostic(.unknownTransform, "unknown transform `\(name)`", span: span, label: label, hints: hints)
  }

  /// A user function applied as a transform: the relation is its last parameter.
  func callRelationFunction(
    _ name: String, _ params: [Param], _ body: Expr, args: [Expr], named: [NamedArg], input: Relation, span: Span
  ) throws -> Relation {
    callDepth += 1
    defer { callDepth -= 1 }
    guard callDepth < Resolver.maxCallDepth else {
      throw Diagnostic(.recursion, "`\(name)` calls itself too deeply", span: span)
    }
    var frame: [String: Binding] = [:]
    let positional = params.filter { $0.defaultValue == nil }
    guard args.count == positional.count - 1 else {
      throw Diagnostic(
        .argumentCount,
        "`\(name)` takes \(positional.count - 1) argument\(positional.count == 2 ? "" : "s") before the relation, got \(args.count)",
        span: span)
    }
    try TransformCall.rejectDuplicates(named, source: source)
    for arg in named where !params.contains(where: { $0.name == arg.name && $0.defaultValue != nil }) {
      throw Diagnostic(
        .unknownArgument, "`\(name)` has no argument `\(arg.name)`", span: arg.span,
        label: Diagnostic.suggestion(for: arg.name, among: params.filter { $0.defaultValue != nil }.map(\.name)))
    }
    for (param, arg) in zip(positional, args) { frame[param.name] = .expr(arg) }
    if let last = positional.last { frame[last.name] = .relation(input) }
    for param in params where param.defaultValue != nil {
      frame[param.name] = .expr(named.first { $0.name == param.name }?.value ?? param.defaultValue ?? Expr(.literal(.null), span))
    }
    return try withBindings(frame) { try relation(body) }
  }
}

extension Relation {
  /// No columns, no rows: what a source transform is applied to.
  public static let empty = Relation(plan: LogicalPlan(.values(rows: []), schema: [], span: nil))
}

/// A failure while resolving that is not about the query text: a data file the catalog could
/// not sample.
public enum PlanError: Error, Sendable {
  case data(DataError, span: Span?)
}
