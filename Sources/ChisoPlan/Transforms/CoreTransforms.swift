import ChisoEngine
import ChisoSyntax

/// PRQL's transforms, one record each (in the file named for it). Adding a transform is one
/// record here, its implementation beside it, and one case file in Tests/QueryTests/Cases.
public enum CoreTransforms {
  public static let all: [TransformSpec] = [
    from, readCSV, readJSON, readXLSX, fromText,
    filter, derive, select, group, aggregate, sort, take, join, window, append, remove, intersect, loop,
    fillNull,
  ]
}

extension Resolver {
  /// Items of a tuple argument, or the argument itself.
  public func items(_ expr: Expr) -> [Expr] {
    if case .tuple(let items) = expr.kind {
      if let alias = expr.alias, items.count == 1 {
        var item = items[0]
        item.alias = alias
        return [item]
      }
      return items
    }
    return [expr]
  }

  /// The scope a step's expressions bind in; with `windows`, aggregates and window functions
  /// become window columns.
  public func scope(_ rel: Relation, _ context: TransformContext, windows: Bool) -> ExprScope {
    var scope = ExprScope(columns: rel.columns)
    if windows {
      scope.mode = .window(base: rel.columns.count, partition: context.partition, order: rel.sort, frame: context.frame)
    }
    return scope
  }

  /// Adds window calls pulled out of an expression as hidden columns.
  public func withPendingWindows(_ rel: Relation, _ context: TransformContext, span: Span) -> Relation {
    let calls = takePendingWindows()
    guard !calls.isEmpty else { return rel }
    var schema = rel.columns
    for call in calls {
      schema.append(SchemaColumn(name: "_window", type: call.type, nullable: true, sources: call.argument.map { sources(of: $0, in: rel.columns) } ?? [], hidden: true))
    }
    return rel.adding(.window(rel.plan, partition: context.partition, order: rel.sort, calls: calls), schema: schema, span: span)
  }

  /// The schema column an expression makes: a copy keeps its source's lineage.
  public func column(for expr: PlanExpr, named name: String, in columns: [SchemaColumn]) -> SchemaColumn {
    if let i = expr.columnIndex, i < columns.count {
      var copy = columns[i]
      copy.name = name
      copy.qualifier = nil
      copy.hidden = false
      copy.joinKeyCopy = false
      return copy
    }
    return SchemaColumn(
      name: name, type: expr.type, nullable: expr.nullable, origin: origin(of: expr, in: columns),
      sources: sources(of: expr, in: columns), decimals: fixedDecimals(of: expr))
  }

  /// How a text sort key compares: as the query chose (`collate:`), else the session's, else
  /// the collation of the table its values come from; byte order for everything else.
  public func collation(for key: PlanExpr, in columns: [SchemaColumn], chosen: Collation?) -> Collation {
    guard key.type == .text else { return .binary }
    if let chosen { return chosen }
    if let session = schemas.sessionCollation { return session }
    let tables = Set(sources(of: key, in: columns).map(\.table))
    let collations = Set(tables.map { schemas.collation(ofTable: $0) ?? .binary })
    return collations.count == 1 ? collations.first ?? .binary : .binary
  }

  /// The decimals `math.round N x` fixes for a float result (0…15), for the display; nil for
  /// anything else (arithmetic on a rounded value can need more digits again).
  func fixedDecimals(of expr: PlanExpr) -> Int? {
    guard expr.type == .float, case .call(let f, let args) = expr.kind, f.id == "math.round", args.count == 2,
      case .literal(.int(let n)) = args[0].kind, (0...15).contains(n)
    else { return nil }
    return Int(n)
  }

  /// The source column whose values an expression holds unchanged: a column, or `a ?? b` of
  /// copies of one source (what `compare`'s full join makes of the unit).
  func origin(of expr: PlanExpr, in columns: [SchemaColumn]) -> ColumnOrigin? {
    switch expr.kind {
    case .column(let i): return i < columns.count ? columns[i].origin : nil
    case .call(let f, let args) where f.id == "std.coalesce":
      let origins = args.map { origin(of: $0, in: columns) }
      guard let first = origins.first ?? nil, origins.allSatisfy({ $0 == first }) else { return nil }
      return first
    default: return nil
    }
  }

  /// The source columns an expression reads.
  public func sources(of expr: PlanExpr, in columns: [SchemaColumn]) -> Set<ColumnOrigin> {
    var out = Set<ColumnOrigin>()
    for i in expr.columnsUsed where i < columns.count { out.formUnion(columns[i].sources) }
    return out
  }

  /// Projects to `exprs`, carrying the sort keys along as hidden columns so that a later window
  /// or `take` still knows the order.
  public func project(_ rel: Relation, _ exprs: [PlanExpr], _ columns: [SchemaColumn], span: Span) -> Relation {
    var exprs = exprs
    var columns = columns
    var sort: [SortKey] = []
    for key in rel.sort {
      if let i = key.expr.columnIndex, let j = exprs.firstIndex(where: { $0.columnIndex == i }) {
        sort.append(SortKey(expr: .column(j, columns[j], span: key.expr.span), descending: key.descending, collation: key.collation))
      } else {
        exprs.append(key.expr)
        var hidden = column(for: key.expr, named: "_sort", in: rel.columns)
        hidden.hidden = true
        columns.append(hidden)
        sort.append(SortKey(expr: .column(exprs.count - 1, hidden, span: key.expr.span), descending: key.descending, collation: key.collation))
      }
    }
    return Relation(plan: LogicalPlan(.project(rel.plan, exprs), schema: columns, span: span), sort: sort)
  }

  /// Column positions named by `a`, `t.a` or `t.*` (for `select !{…}` and `group t.*`).
  public func columnReferences(_ item: Expr, _ rel: Relation) throws -> [Int] {
    guard case .ident(let path) = item.kind else {
      throw Diagnostic(.badArgument, "expected a column name", span: item.span)
    }
    if path == ["*"] || path == ["this", "*"] { return rel.visibleIndices }
    if path.count == 2, path[1] == "*" {
      let matches = rel.visibleIndices.filter { rel.columns[$0].qualifier == path[0] }
      if matches.isEmpty {
        let qualifiers = Set(rel.columns.compactMap(\.qualifier)).sorted()
        throw Diagnostic(
          .unknownRelation, "no relation `\(path[0])` here", span: item.span,
          label: Diagnostic.suggestion(for: path[0], among: qualifiers),
          hints: qualifiers.isEmpty ? [] : ["relations: " + qualifiers.joined(separator: ", ")])
      }
      return matches
    }
    return [try resolveColumn(path, ExprScope(columns: rel.columns), span: item.span)]
  }

  /// The steps of a pipeline argument (`(sort x | take 1)` or a single step).
  func steps(_ pipeline: Expr) -> [Expr] {
    if case .pipeline(let s) = pipeline.kind { return s }
    return [pipeline]
  }
}
