import ChisoEngine
import ChisoSyntax

/// Binds a parsed query to the catalog: names to columns, functions to kernels, transforms to
/// plan nodes, checking types on the way. Every error is a located `Diagnostic`, raised before
/// any query data is computed.
final class Resolver {
  enum Binding {
    case relation(Relation)
    case function([Param], Expr)
    /// A function argument, bound where it is used.
    case expr(Expr)
  }

  let catalog: Catalog
  let source: SourceFile
  /// Let bindings and function parameters, innermost last.
  var environment: [[String: Binding]] = [[:]]
  var callDepth = 0
  /// Calls pulled out of expressions while binding `aggregate`/`derive` items.
  var pendingAggregates: [AggregateCall] = []
  var pendingWindows: [WindowCall] = []

  static let transforms = [
    "from", "filter", "derive", "select", "group", "aggregate", "sort", "take", "join", "window",
    "append", "remove", "intersect", "loop", "from_text", "read_csv", "read_json", "read_xlsx",
  ]

  /// `--param name=value` overrides for the script's `let name = constant` declarations.
  let parameters: [String: Expr]
  var declaredParameters: [String] = []
  /// Years named by comparison verbs (see `Plan.comparedYears`).
  var comparedYears: [Int] = []
  /// The inputs of those verbs (which run their input while resolving, so the plan alone no
  /// longer shows which table they compared), for the coverage check.
  var comparedInputs: [PlanNode] = []

  init(catalog: Catalog, source: SourceFile, parameters: [String: Expr] = [:]) {
    self.catalog = catalog
    self.source = source
    self.parameters = parameters
  }

  /// Whether a `let` value is a constant (a parameter) rather than a relation.
  static func isConstant(_ e: Expr) -> Bool {
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
  func resolve(_ query: Query) throws -> Plan {
    var main: Plan? = nil
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
        main = try relation(expr).finish()
        main?.comparedYears = comparedYears
        main?.comparedInputs = comparedInputs
      }
    }
    let unknown = parameters.keys.filter { !declaredParameters.contains($0) }.sorted()
    if let first = unknown.first {
      throw Diagnostic(
        "unknown-parameter", "the script declares no parameter `\(first)`", span: Span(0, 0),
        label: Diagnostic.suggestion(for: first, among: declaredParameters),
        hints: declaredParameters.isEmpty
          ? ["declare one at the top of the script: `let \(first) = …` (its default)"]
          : ["parameters: " + declaredParameters.joined(separator: ", ")])
    }
    guard let main else {
      throw Diagnostic(
        "no-main", "the query has no main pipeline", span: Span(0, source.text.utf8.count),
        hints: ["end with a pipeline such as `from pci | take 5`"])
    }
    return main
  }

  func lookup(_ name: String) -> Binding? {
    for scope in environment.reversed() { if let b = scope[name] { return b } }
    return nil
  }

  // MARK: - Relations

  /// Resolves an expression that must be a relation: a pipeline, a table name, an inline array.
  func relation(_ expr: Expr, context: TransformContext = TransformContext()) throws -> Relation {
    switch expr.kind {
    case .pipeline(let steps):
      guard let first = steps.first else { throw Diagnostic("empty-pipeline", "empty pipeline", span: expr.span) }
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
      switch name {
      case "from":
        guard let arg = args.first else {
          throw Diagnostic("missing-argument", "`from` needs a table", span: expr.span, hints: tableHint())
        }
        var target = arg
        if target.alias == nil { target.alias = nil }
        return try relation(target)
      case "read_csv", "read_json":
        guard let arg = args.first, case .literal(.string(let path)) = arg.kind else {
          throw Diagnostic("bad-argument", "`\(name)` needs a file path in quotes", span: expr.span)
        }
        let table: Table
        do {
          table = try name == "read_json" ? JSONReader.read(path: path) : CSVReader.read(path: path, options: CSVOptions.forPath(path))
        } catch {
          throw ChisoError.data(error, span: arg.span)
        }
        let qualifier = expr.alias
        return Relation(
          plan: .values(table),
          columns: zip(table.names, table.columns).map { ScopeColumn(name: $0, qualifier: qualifier, type: $1.type) })
      case "read_xlsx":
        return try readXLSX(expr, args: args, named: named)
      case "from_text":
        guard let arg = args.first, case .literal(.string(let text)) = arg.kind else {
          throw Diagnostic("bad-argument", "`from_text` needs the text in quotes", span: expr.span)
        }
        var format = "csv"
        if let f = named.first(where: { $0.name == "format" }) {
          guard case .ident(let p) = f.value.kind, ["csv", "json"].contains(p.joined(separator: ".")) else {
            // (Any other format used to be read as CSV, silently.)
            throw Diagnostic("bad-argument", "`format:` is `csv` or `json`", span: f.value.span,
                             hints: ["e.g. `from_text format:json '{\"columns\": [\"a\"], \"data\": [[1]]}'`"])
          }
          format = p.joined(separator: ".")
        }
        let table: Table
        do {
          table = format == "json"
            ? try JSONReader.read(bytes: Array(text.utf8), name: "from_text")
            : try CSVReader.read(bytes: Array(text.utf8), name: "from_text")
        } catch {
          throw ChisoError.data(error, span: arg.span)
        }
        return Relation(plan: .values(table), columns: zip(table.names, table.columns).map { ScopeColumn(name: $0, qualifier: expr.alias, type: $1.type) })
      default:
        if case .function = lookup(name) {
          throw Diagnostic("not-a-relation", "`\(name)` must be applied to a relation", span: expr.span,
                           hints: ["write `from t | \(name)`"])
        }
      }
    default:
      break
    }
    throw Diagnostic(
      "not-a-relation", "expected a relation (a table, a pipeline or `[{…}]`)", span: expr.span,
      hints: ["start the pipeline with `from TABLE`"] + tableHint())
  }

  func tableHint() -> [String] {
    let names = catalog.tableNames
    return names.isEmpty ? [] : ["tables: " + names.joined(separator: ", ")]
  }

  func namedRelation(_ path: [String], alias: String?, span: Span) throws -> Relation {
    var name = path.joined(separator: ".")
    // `_param.rel` names a relation parameter (older PRQL syntax).
    if path.count == 2, path[0] == "_param" { name = path[1] }
    if let binding = lookup(name) {
      switch binding {
      case .relation(var rel):
        if let alias { for i in rel.columns.indices { rel.columns[i].qualifier = alias } }
        else if !name.hasPrefix("_") {
          for i in rel.columns.indices where rel.columns[i].qualifier == nil { rel.columns[i].qualifier = name }
        }
        return rel
      case .expr(let e):
        var inner = try relation(e)
        if let alias { for i in inner.columns.indices { inner.columns[i].qualifier = alias } }
        return inner
      case .function:
        throw Diagnostic("not-a-relation", "`\(name)` is a function, not a relation", span: span)
      }
    }
    let table: Table?
    do {
      table = try catalog.table(name)
    } catch {
      throw ChisoError.data(error, span: span)
    }
    guard let table else {
      var candidates = catalog.tableNames
      for scope in environment { for (k, v) in scope { if case .relation = v { candidates.append(k) } } }
      throw Diagnostic(
        "unknown-table", "unknown table `\(name)`", span: span,
        label: Diagnostic.suggestion(for: name, among: candidates),
        hints: candidates.isEmpty ? ["no tables: pass --data DIR with CSV or JSON files"] : ["tables: " + candidates.sorted().joined(separator: ", ")])
    }
    let qualifier = alias ?? name
    return Relation(
      plan: .scan(name: name),
      columns: zip(table.names, table.columns).map { ScopeColumn(name: $0, qualifier: qualifier, type: $1.type) })
  }

  /// `[{a = 1, b = "x"}, {…}]`: constant rows.
  func inlineRelation(_ items: [Expr], span: Span, alias: String?) throws -> Relation {
    var names: [String] = []
    var rows: [[Value]] = []
    for item in items {
      guard case .tuple(let fields) = item.kind else {
        throw Diagnostic("bad-inline-relation", "an inline relation is a list of tuples: `[{a = 1}, {a = 2}]`", span: item.span)
      }
      var row: [Value] = []
      for (index, field) in fields.enumerated() {
        let name = field.alias ?? derivedName(field)
        if rows.isEmpty { names.append(name) } else if index >= names.count || names[index] != name {
          throw Diagnostic("bad-inline-relation", "every row must have the columns \(names.joined(separator: ", "))", span: field.span)
        }
        let bound = try bind(field, ExprScope(columns: []))
        row.append(try Executor.constant(bound))
      }
      if !rows.isEmpty, row.count != names.count {
        throw Diagnostic("bad-inline-relation", "every row must have \(names.count) columns", span: item.span)
      }
      rows.append(row)
    }
    var columns: [Column] = []
    var scope: [ScopeColumn] = []
    for (index, name) in names.enumerated() {
      let values = rows.map { $0[index] }
      var type = DataType.null
      for v in values {
        guard let t = DataType.unify(type, v.type) else {
          throw Diagnostic("type-mismatch", "column `\(name)` mixes \(type) and \(v.type)", span: span)
        }
        type = t
      }
      columns.append(Column.from(values, type: type))
      scope.append(ScopeColumn(name: name, qualifier: alias, type: type))
    }
    return Relation(plan: .values(Table(names: names, columns: columns, rowCount: rows.count)), columns: scope)
  }

  /// A name for an unnamed column: the column's own name, or the expression's text.
  func derivedName(_ expr: Expr) -> String {
    if case .ident(let path) = expr.kind, let last = path.last { return last }
    return String(source.text(of: expr.span))
  }
}
