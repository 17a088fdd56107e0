import ChisoEngine
import ChisoSyntax

/// Transforms for index work (docs/language.md, "Index verbs"). Reshaping and analyses that need
/// the data itself (`pivot` must know the component names to name its columns; `fit_weights`
/// solves a regression) run their input when the query is resolved, as DuckDB's PIVOT does; the
/// others are rewritten into ordinary PRQL transforms.
extension Resolver {
  static let indexVerbs = [
    "pivot", "unpivot", "ranked", "compare", "bands", "recompute", "fit_weights", "contributions",
    "explain_rank", "what_if", "rank_audit", "robustness", "check",
  ]

  func applyIndexVerb(_ name: String, _ args: [Expr], _ named: [NamedArg], _ rel: Relation, span: Span) throws -> Relation? {
    switch name {
    case "pivot": return try pivot(rel, args, named, span)
    case "unpivot": return try unpivot(rel, args, named, span)
    case "ranked": return try ranked(rel, args, named, span)
    case "compare": return try compare(rel, args, named, span)
    case "bands": return try bands(rel, named, span)
    case "recompute": return try recompute(rel, named, span)
    case "fit_weights": return try fitWeights(rel, named, span)
    case "contributions": return try contributions(rel, args, named, span)
    case "explain_rank": return try explainRank(rel, args, named, span)
    case "what_if": return try whatIf(rel, named, span)
    case "rank_audit": return try rankAudit(rel, named, span)
    case "robustness": return try robustness(rel, named, span)
    case "check": return try check(rel, args, named, span)
    default: return nil
    }
  }

  // MARK: - Helpers

  /// Runs a relation now (for verbs that need its data to plan).
  func materialize(_ rel: Relation) throws -> Table {
    let plan = rel.finish()
    var table = try Executor(catalog: catalog).run(plan)
    table.names = plan.columns.map(\.name)
    return table
  }

  func valuesRelation(_ table: Table) -> Relation {
    Relation(plan: .values(table), columns: zip(table.names, table.columns).map { ScopeColumn(name: $0, qualifier: nil, type: $1.type) })
  }

  /// Resolves generated PRQL over the input, bound as `_input`.
  func desugar(_ text: String, input: Relation, span: Span) throws -> Relation {
    let expr: Expr
    do {
      expr = try Parser.parseExpression(text)
    } catch {
      throw Diagnostic("internal", "internal error expanding this step: \(error.message)", span: span)
    }
    environment.append(["_input": .relation(input)])
    defer { environment.removeLast() }
    do {
      return try relation(expr)
    } catch let error as Diagnostic {
      // Errors inside generated text are reported at the user's step.
      var located = error
      located.span = span
      located.label = nil
      throw located
    }
  }

  func identArg(_ named: [NamedArg], _ key: String) throws -> String? {
    guard let arg = named.first(where: { $0.name == key }) else { return nil }
    switch arg.value.kind {
    case .ident(let path): return path.joined(separator: ".")
    case .literal(.string(let s)): return s
    default: throw Diagnostic("bad-argument", "`\(key):` takes a name", span: arg.value.span)
    }
  }

  func constantArg(_ named: [NamedArg], _ key: String) throws -> Value? {
    guard let arg = named.first(where: { $0.name == key }) else { return nil }
    return try Executor.constant(try bind(arg.value, ExprScope(columns: [])))
  }

  func intArg(_ named: [NamedArg], _ key: String) throws -> Int? {
    guard let v = try constantArg(named, key) else { return nil }
    guard case .int(let i) = v else {
      throw Diagnostic("type-mismatch", "`\(key):` takes a whole number", span: named.first { $0.name == key }?.span)
    }
    return Int(i)
  }

  func doubleArg(_ named: [NamedArg], _ key: String) throws -> Double? {
    guard let v = try constantArg(named, key) else { return nil }
    guard let d = v.asDouble else {
      throw Diagnostic("type-mismatch", "`\(key):` takes a number", span: named.first { $0.name == key }?.span)
    }
    return d
  }

  func yearArg(_ args: [Expr], _ i: Int, span: Span) throws -> Int {
    guard i < args.count else { throw Diagnostic("missing-argument", "this verb needs two years: `compare 2015 2016`", span: span) }
    guard case .int(let y) = try Executor.constant(try bind(args[i], ExprScope(columns: []))) else {
      throw Diagnostic("type-mismatch", "a year is a whole number", span: args[i].span)
    }
    return Int(y)
  }

  func checkNamed(_ named: [NamedArg], allowed: [String], verb: String) throws {
    for arg in named where !allowed.contains(arg.name) {
      throw Diagnostic(
        "unknown-argument", "`\(verb)` has no argument `\(arg.name)`", span: arg.span,
        label: Diagnostic.suggestion(for: arg.name, among: allowed), hints: ["\(verb) takes: " + allowed.map { $0 + ":" }.joined(separator: " ")])
    }
  }

  /// The manifest for a relation: `index:NAME`, or the table its rows come from.
  func manifest(for rel: Relation, _ named: [NamedArg], span: Span) throws -> IndexManifest? {
    if let id = try identArg(named, "index") {
      if let m = catalog.manifests[id] ?? catalog.manifests.values.first(where: { $0.id == id }) { return m }
      let known = Set(catalog.manifests.values.map(\.id)).sorted()
      throw Diagnostic("unknown-index", "no manifest for index `\(id)`", span: named.first { $0.name == "index" }?.value.span,
                       label: Diagnostic.suggestion(for: id, among: known), hints: ["indices: " + known.joined(separator: ", ")])
    }
    var scans: [(String, PlanNode)] = []
    BreakCheck.collect(rel.plan, into: &scans)
    for (table, _) in scans { if let m = catalog.manifests[table] { return m } }
    return nil
  }

  func text(_ v: Value) -> String? { if case .text(let s) = v { return s } else if v.isNull { return nil } else { return v.description } }

  // MARK: - Reshaping

  /// `pivot component score`: one row per remaining key, one column per component.
  func pivot(_ rel: Relation, _ args: [Expr], _ named: [NamedArg], _ span: Span) throws -> Relation {
    try checkNamed(named, allowed: [], verb: "pivot")
    guard args.count == 2 else {
      throw Diagnostic("argument-count", "`pivot` takes the column whose values become column names, then the values: `pivot component score`", span: span)
    }
    // `pivot component score` or `pivot {component} {score}`.
    let nameRefs = try items(args[0]).flatMap { try columnReferences($0, rel) }
    let valueRefs = try items(args[1]).flatMap { try columnReferences($0, rel) }
    guard nameRefs.count == 1, valueRefs.count == 1 else { throw Diagnostic("bad-argument", "`pivot` takes one column each", span: span) }
    let visible = rel.visibleIndices
    guard let namePosition = visible.firstIndex(of: nameRefs[0]), let valuePosition = visible.firstIndex(of: valueRefs[0]) else {
      throw Diagnostic("bad-argument", "`pivot` columns must be visible", span: span)
    }
    let table = try materialize(rel)
    let keyPositions = table.columns.indices.filter { $0 != namePosition && $0 != valuePosition }
    let (ids, firstRows) = KeyCodes.groupIDs(keyPositions.map { table.columns[$0] }, rowCount: table.rowCount)
    let nameColumn = table.columns[namePosition]
    var order: [String] = []
    var slot: [String: Int] = [:]
    var sources: [[Int]] = []
    // A text column's names are looked up once per dictionary entry, not once per row.
    var slotOfCode: [Int] = []
    var codes: [UInt32] = []
    if case .text(let t) = nameColumn.storage {
      slotOfCode = [Int](repeating: -1, count: t.dictionary.count)
      codes = t.codes
    }
    for row in 0..<table.rowCount {
      if !codes.isEmpty, !nameColumn.isNull(row), slotOfCode[Int(codes[row])] >= 0 {
        let s = slotOfCode[Int(codes[row])]
        let g = Int(ids[row])
        if sources[s][g] < 0 {
          sources[s][g] = row
          continue
        }
      }
      guard let name = text(nameColumn.value(at: row)) else {
        throw Diagnostic("null-name", "`pivot` met a null `\(table.names[namePosition])`; filter it out first", span: args[0].span)
      }
      let s: Int
      if let existing = slot[name] {
        s = existing
      } else {
        s = order.count
        slot[name] = s
        order.append(name)
        sources.append([Int](repeating: -1, count: firstRows.count))
      }
      if !codes.isEmpty { slotOfCode[Int(codes[row])] = s }
      let g = Int(ids[row])
      if sources[s][g] >= 0 {
        let keyText = keyPositions.map { table.columns[$0].value(at: row).description }.joined(separator: ", ")
        throw Diagnostic(
          "pivot-duplicate",
          keyPositions.isEmpty
            ? "`pivot` found two values for `\(name)`, and no other column tells the rows apart"
            : "`pivot` found two values for `\(name)` at (\(keyText))", span: span,
          hints: ["keep one row per key first, e.g. `group {…} (aggregate {score = average score})`, or drop the columns that differ"])
      }
      sources[s][g] = row
    }
    var names = keyPositions.map { table.names[$0] }
    var columns = keyPositions.map { table.columns[$0].gather(firstRows) }
    for (s, name) in order.enumerated() {
      names.append(name)
      columns.append(table.columns[valuePosition].gather(sources[s]))
    }
    return valuesRelation(Table(names: names, columns: columns, rowCount: firstRows.count))
  }

  /// `unpivot {market_entry, land_access} names:component values:score`: wide → long.
  func unpivot(_ rel: Relation, _ args: [Expr], _ named: [NamedArg], _ span: Span) throws -> Relation {
    try checkNamed(named, allowed: ["names", "values"], verb: "unpivot")
    guard args.count == 1 else {
      throw Diagnostic("argument-count", "`unpivot` takes the columns to fold: `unpivot {a, b}`", span: span)
    }
    let namesColumn = try identArg(named, "names") ?? "component"
    let valuesColumn = try identArg(named, "values") ?? "score"
    var folded: [Int] = []
    for item in items(args[0]) { folded += try columnReferences(item, rel) }
    let visible = rel.visibleIndices
    let table = try materialize(rel)
    let foldedPositions = folded.compactMap { visible.firstIndex(of: $0) }
    let keep = table.columns.indices.filter { !foldedPositions.contains($0) }
    var type = DataType.null
    for p in foldedPositions {
      guard let t = DataType.unify(type, table.columns[p].type) else {
        throw Diagnostic("type-mismatch", "`unpivot` cannot fold \(type) and \(table.columns[p].type) columns together", span: args[0].span)
      }
      type = t
    }
    // Row-major: each input row gives one row per folded column, in order.
    var rows: [Int] = []
    var which: [Int] = []
    for row in 0..<table.rowCount {
      for (k, _) in foldedPositions.enumerated() { rows.append(row); which.append(k) }
    }
    var columns = keep.map { table.columns[$0].gather(rows) }
    let (labels, _) = TextBuffer.encode(which.map { table.names[foldedPositions[$0]] })
    columns.append(Column(.text(labels)))
    var values: [Column] = []
    for p in foldedPositions {
      guard let w = table.columns[p].widened(to: type) else { throw Diagnostic("type-mismatch", "cannot fold", span: span) }
      values.append(w)
    }
    guard let stacked = Column.concatenate(values) else { throw Diagnostic("internal", "unpivot failed", span: span) }
    let n = table.rowCount
    columns.append(stacked.gather(zip(rows, which).map { row, k in k * n + row }))
    return valuesRelation(Table(names: keep.map { table.names[$0] } + [namesColumn, valuesColumn], columns: columns, rowCount: rows.count))
  }

  // MARK: - Ranks and comparisons

  /// `ranked score by:{year, component}`: competition ranks, highest = 1, nulls unranked.
  func ranked(_ rel: Relation, _ args: [Expr], _ named: [NamedArg], _ span: Span) throws -> Relation {
    try checkNamed(named, allowed: ["by", "dense", "ascending", "as"], verb: "ranked")
    guard args.count == 1, case .ident(let path) = args[0].kind, let value = path.last else {
      throw Diagnostic("argument-count", "`ranked` takes the column to rank by: `ranked score by:{year, component}`", span: span)
    }
    _ = try columnReferences(args[0], rel)
    var keys: [String] = []
    if let by = named.first(where: { $0.name == "by" }) {
      for item in items(by.value) {
        guard case .ident(let p) = item.kind else { throw Diagnostic("bad-argument", "`by:` takes column names", span: item.span) }
        _ = try columnReferences(item, rel)
        keys.append(p.joined(separator: "."))
      }
    }
    let dense = (try constantArg(named, "dense")) == .bool(true)
    let ascending = (try constantArg(named, "ascending")) == .bool(true)
    let output = try identArg(named, "as") ?? "rank"
    let function = dense ? "rank_dense" : "rank"
    let order = ascending ? value : "-\(value)"
    let inner = "sort {\(order)} | derive {\(output) = case [\(value) == null => null, true => (\(function) \(value))]}"
    let text = keys.isEmpty ? "from _input | \(inner)" : "from _input | group {\(keys.joined(separator: ", "))} (\(inner))"
    return try desugar(text, input: rel, span: span)
  }

  /// `compare 2015 2016` / `compare consecutive:true`: per unit and component, both scores, both
  /// ranks (among all units in the relation that year) and the changes; rank_change > 0 = moved up.
  func compare(_ rel: Relation, _ args: [Expr], _ named: [NamedArg], _ span: Span) throws -> Relation {
    try checkNamed(named, allowed: ["unit", "year", "component", "value", "consecutive"], verb: "compare")
    let shapeTable = Table(names: rel.visibleIndices.map { rel.columns[$0].name }, columns: rel.visibleIndices.map { _ in Column(.null(0)) }, rowCount: 0)
    let shape = try IndexShape.resolve(shapeTable, named: named, span: span, needComponent: false)
    let consecutive = (try constantArg(named, "consecutive")) == .bool(true)
    let (u, y, v) = (shape.unitName, shape.yearName, shape.valueName)
    let groupKeys = [y] + (shape.componentName.map { [$0] } ?? [])
    let rankStep = "group {\(groupKeys.joined(separator: ", "))} (sort {-\(v)} | derive {_rank = case [\(v) == null => null, true => (rank \(v))]})"
    var condition = "this.\(u) == that.\(u)"
    if let c = shape.componentName { condition += " && this.\(c) == that.\(c)" }
    let text: String
    let componentSelect = shape.componentName.map { "\($0) = a.\($0) ?? b.\($0), " } ?? ""
    if consecutive {
      text = """
        from a = (from _input | \(rankStep))
        join b = (from _input | \(rankStep)) (\(condition) && this.\(y) + 1 == that.\(y))
        select {\(u) = a.\(u), \(componentSelect)year_from = a.\(y), year_to = b.\(y), score_from = a.\(v), score_to = b.\(v), score_change = b.\(v) - a.\(v), rank_from = a._rank, rank_to = b._rank, rank_change = a._rank - b._rank}
        """
    } else {
      let from = try yearArg(args, 0, span: span)
      let to = try yearArg(args, 1, span: span)
      comparedYears += [from, to]
    comparedInputs.append(rel.plan)
      text = """
        from a = (from _input | \(rankStep) | filter \(y) == \(from))
        join side:full b = (from _input | \(rankStep) | filter \(y) == \(to)) (\(condition))
        select {\(u) = a.\(u) ?? b.\(u), \(componentSelect)year_from = \(from), year_to = \(to), score_from = a.\(v), score_to = b.\(v), score_change = b.\(v) - a.\(v), rank_from = a._rank, rank_to = b._rank, rank_change = a._rank - b._rank}
        """
    }
    return try desugar(text, input: rel, span: span)
  }

  /// `bands`: the manifest's band for each score, by its share of the maximum.
  func bands(_ rel: Relation, _ named: [NamedArg], _ span: Span) throws -> Relation {
    try checkNamed(named, allowed: ["index", "value", "max"], verb: "bands")
    guard let manifest = try manifest(for: rel, named, span: span) else {
      throw Diagnostic("no-manifest", "`bands` needs an index manifest: name it with `index:par_index`", span: span)
    }
    let value = try identArg(named, "value") ?? (rel.columns.contains { $0.name == "score" && !$0.hidden } ? "score" : "value")
    guard let maximum = try doubleArg(named, "max") ?? manifest.compositeMax else {
      throw Diagnostic("no-scale", "the \(manifest.id) manifest gives no maximum score; pass `max:`", span: span)
    }
    let defined = manifest.bands.filter { $0.minPercent != nil || $0.maxPercent != nil }
    guard !defined.isEmpty else {
      throw Diagnostic(
        "no-band-thresholds", "the \(manifest.id) manifest names its bands but gives no thresholds", span: span,
        hints: ["bands: " + manifest.bands.map { $0.nameVI ?? $0.id }.joined(separator: ", "), "the shared sources do not publish the cut-offs"])
    }
    var arms: [String] = []
    for band in defined {
      var conditions: [String] = []
      if let lo = band.minPercent { conditions.append("_pct \(band.minInclusive ? ">=" : ">") \(lo)") }
      if let hi = band.maxPercent { conditions.append("_pct \(band.maxInclusive ? "<=" : "<") \(hi)") }
      let label = (band.nameVI ?? band.id).replacingOccurrences(of: "\"", with: "'")
      arms.append("\(conditions.joined(separator: " && ")) => \"\(label)\"")
    }
    let text = """
      from _input
      derive {_pct = \(value) / \(maximum) * 100}
      derive {pct_of_max = (_pct | math.round 2), band = case [\(arms.joined(separator: ", "))]}
      select !{_pct}
      """
    return try desugar(text, input: rel, span: span)
  }

  // MARK: - Composites and weights

  struct Panel {
    /// unit → year → component → value
    var values: [String: [Int: [String: Double]]] = [:]
    var units: [String] = []
    var years: [Int] = []
    var components: [String] = []
  }

  func panel(_ table: Table, _ shape: IndexShape) -> Panel {
    var p = Panel()
    var seenUnits = Set<String>()
    var seenComponents = Set<String>()
    var seenYears = Set<Int>()
    for row in 0..<table.rowCount {
      guard let unit = text(table.columns[shape.unit].value(at: row)),
        case .int(let y) = table.columns[shape.year].value(at: row),
        let v = table.columns[shape.value].value(at: row).asDouble
      else { continue }
      let component = shape.component.flatMap { text(table.columns[$0].value(at: row)) } ?? "total"
      p.values[unit, default: [:]][Int(y), default: [:]][component] = v
      if seenUnits.insert(unit).inserted { p.units.append(unit) }
      if seenComponents.insert(component).inserted { p.components.append(component) }
      seenYears.insert(Int(y))
    }
    p.years = seenYears.sorted()
    return p
  }

  /// Weights per component: the manifest's, else fitted by least squares on `year`.
  func weights(_ manifest: IndexManifest?, _ p: Panel, year: Int, span: Span) throws -> (weights: [String: Double], source: String) {
    let composite = manifest?.compositeID ?? "total"
    if let manifest, manifest.components.contains(where: { $0.weight != nil && !$0.isComposite }) {
      var w: [String: Double] = [:]
      for c in manifest.components where !c.isComposite { if let weight = c.weight { w[c.id] = weight } }
      return (w, "manifest (\(manifest.id))")
    }
    let fit = try fit(p, year: year, composite: composite, intercept: false, span: span)
    return (Dictionary(uniqueKeysWithValues: zip(fit.components, fit.weights)), "fitted on \(year) (R² \(FloatFormat.shortest((fit.r2 * 10000).rounded() / 10000)))")
  }

  func fit(_ p: Panel, year: Int, composite: String, intercept: Bool, span: Span) throws -> (components: [String], weights: [Double], r2: Double, n: Int) {
    let components = p.components.filter { c in
      c != composite && p.units.contains { p.values[$0]?[year]?[c] != nil }
    }
    var x: [[Double]] = []
    var y: [Double] = []
    for unit in p.units {
      guard let row = p.values[unit]?[year], let target = row[composite] else { continue }
      let features = components.compactMap { row[$0] }
      guard features.count == components.count else { continue }
      x.append(features + (intercept ? [1] : []))
      y.append(target)
    }
    guard let solution = LeastSquares.solve(x, y) else {
      throw Diagnostic(
        "cannot-fit", "cannot fit weights for \(year): \(x.count) complete units for \(components.count + (intercept ? 1 : 0)) unknowns", span: span,
        hints: ["each unit needs every component and the composite `\(composite)` that year"])
    }
    return (components + (intercept ? ["(intercept)"] : []), solution.weights, solution.r2, x.count)
  }

  /// `fit_weights`: least-squares weights of the composite on its components, per year, with R².
  func fitWeights(_ rel: Relation, _ named: [NamedArg], _ span: Span) throws -> Relation {
    try checkNamed(named, allowed: ["unit", "year", "component", "value", "index", "intercept"], verb: "fit_weights")
    let table = try materialize(rel)
    let shape = try IndexShape.resolve(table, named: named, span: span, needComponent: true)
    let composite = try manifest(for: rel, named, span: span)?.compositeID ?? "total"
    let intercept = (try constantArg(named, "intercept")) == .bool(true)
    let p = panel(table, shape)
    var years: [Value] = [], components: [Value] = [], weights: [Value] = [], r2s: [Value] = [], ns: [Value] = []
    for year in p.years {
      let fit = try fit(p, year: year, composite: composite, intercept: intercept, span: span)
      for (c, w) in zip(fit.components, fit.weights) {
        years.append(.int(Int64(year))); components.append(.text(c)); weights.append(.float(w))
        r2s.append(.float(fit.r2)); ns.append(.int(Int64(fit.n)))
      }
    }
    return valuesRelation(Table(
      names: [shape.yearName, "component", "weight", "r2", "units"],
      columns: [Column.from(years, type: .int), Column.from(components, type: .text), Column.from(weights, type: .float),
                Column.from(r2s, type: .float), Column.from(ns, type: .int)]))
  }

  /// `recompute`: the composite from its components with the manifest's weights, against the
  /// published composite.
  func recompute(_ rel: Relation, _ named: [NamedArg], _ span: Span) throws -> Relation {
    try checkNamed(named, allowed: ["unit", "year", "component", "value", "index", "tolerance"], verb: "recompute")
    let table = try materialize(rel)
    let shape = try IndexShape.resolve(table, named: named, span: span, needComponent: true)
    guard let manifest = try manifest(for: rel, named, span: span) else {
      throw Diagnostic("no-manifest", "`recompute` needs an index manifest: `recompute index:papi`", span: span)
    }
    let weighted = manifest.components.filter { !$0.isComposite && $0.weight != nil }
    guard !weighted.isEmpty else {
      throw Diagnostic(
        "no-weights", "the \(manifest.id) manifest states no component weights", span: span,
        hints: ["estimate them from the data with `fit_weights`, then compare"])
    }
    let tolerance = try doubleArg(named, "tolerance") ?? 0.01
    let p = panel(table, shape)
    var out: [[Value]] = []
    for unit in p.units {
      for year in p.years {
        guard let row = p.values[unit]?[year] else { continue }
        let present = weighted.filter { c in
          row[c.id] != nil && (c.firstYear.map { year >= $0 } ?? true) && (c.lastYear.map { year <= $0 } ?? true)
        }
        let expected = weighted.filter { c in
          (c.firstYear.map { year >= $0 } ?? true) && (c.lastYear.map { year <= $0 } ?? true) && !c.gapYears.contains(year)
        }
        let recomputed: Value = present.count == expected.count && !present.isEmpty
          ? .float(present.reduce(0) { $0 + ($1.weight ?? 0) * (row[$1.id] ?? 0) }) : .null
        let published: Value = row[manifest.compositeID].map { .float($0) } ?? .null
        var difference: Value = .null
        var flagged: Value = .null
        if let a = recomputed.asDouble, let b = published.asDouble {
          difference = .float(a - b)
          flagged = .bool(abs(a - b) > tolerance)
        }
        out.append([.text(unit), .int(Int64(year)), published, recomputed, difference, flagged])
      }
    }
    return valuesRelation(rowsTable([shape.unitName, shape.yearName, "published", "recomputed", "difference", "flagged"],
                                    [.text, .int, .float, .float, .float, .bool], out))
  }

  func rowsTable(_ names: [String], _ types: [DataType], _ rows: [[Value]]) -> Table {
    Table(names: names, columns: types.indices.map { k in Column.from(rows.map { $0[k] }, type: types[k]) }, rowCount: rows.count)
  }

  /// `contributions 2018 2019`: each component's share of the composite's change (weight × change).
  func contributions(_ rel: Relation, _ args: [Expr], _ named: [NamedArg], _ span: Span) throws -> Relation {
    try checkNamed(named, allowed: ["unit", "year", "component", "value", "index"], verb: "contributions")
    let from = try yearArg(args, 0, span: span)
    let to = try yearArg(args, 1, span: span)
    comparedYears += [from, to]
    comparedInputs.append(rel.plan)
    let table = try materialize(rel)
    let shape = try IndexShape.resolve(table, named: named, span: span, needComponent: true)
    let manifest = try manifest(for: rel, named, span: span)
    let composite = manifest?.compositeID ?? "total"
    let p = panel(table, shape)
    let (w, source) = try weights(manifest, p, year: to, span: span)
    var out: [[Value]] = []
    for unit in p.units {
      guard let a = p.values[unit]?[from], let b = p.values[unit]?[to] else { continue }
      let compositeChange = (b[composite] ?? .nan) - (a[composite] ?? .nan)
      for c in p.components where c != composite {
        let change: Value = (a[c] != nil && b[c] != nil) ? .float((b[c] ?? 0) - (a[c] ?? 0)) : .null
        let weight: Value = w[c].map { .float($0) } ?? .null
        var contribution: Value = .null
        if let d = change.asDouble, let k = weight.asDouble { contribution = .float(d * k) }
        out.append([.text(unit), .text(c), change, weight, contribution, compositeChange.isNaN ? .null : .float(compositeChange), .text(source)])
      }
    }
    return valuesRelation(rowsTable([shape.unitName, "component", "change", "weight", "contribution", "composite_change", "weight_source"],
                                    [.text, .text, .float, .float, .float, .float, .text], out))
  }

  /// `explain_rank 2018 2019`: the rank change split into the unit's own move and everyone
  /// else's, by counterfactual re-ranking.
  func explainRank(_ rel: Relation, _ args: [Expr], _ named: [NamedArg], _ span: Span) throws -> Relation {
    try checkNamed(named, allowed: ["unit", "year", "component", "value", "index"], verb: "explain_rank")
    let from = try yearArg(args, 0, span: span)
    let to = try yearArg(args, 1, span: span)
    comparedYears += [from, to]
    comparedInputs.append(rel.plan)
    let table = try materialize(rel)
    let shape = try IndexShape.resolve(table, named: named, span: span, needComponent: false)
    let composite = try manifest(for: rel, named, span: span)?.compositeID ?? "total"
    let p = panel(table, shape)
    func scores(_ year: Int) -> [String: Double] {
      var out: [String: Double] = [:]
      for unit in p.units { if let v = p.values[unit]?[year]?[composite] ?? (shape.component == nil ? p.values[unit]?[year]?["total"] : nil) { out[unit] = v } }
      return out
    }
    let a = scores(from)
    let b = scores(to)
    var out: [[Value]] = []
    for unit in p.units {
      guard let sa = a[unit], let sb = b[unit] else { continue }
      let othersA = a.filter { $0.key != unit }.map(\.value)
      let othersB = b.filter { $0.key != unit }.map(\.value)
      let rankFrom = competitionRank(sa, among: othersA)
      let rankTo = competitionRank(sb, among: othersB)
      // Own move: this year's score among last year's field. Others' move: last year's score
      // among this year's field. Positive = up.
      let own = rankFrom - competitionRank(sb, among: othersA)
      let others = rankFrom - competitionRank(sa, among: othersB)
      let total = rankFrom - rankTo
      out.append([.text(unit), .float(sa), .float(sb), .float(sb - sa), .int(Int64(rankFrom)), .int(Int64(rankTo)),
                  .int(Int64(total)), .int(Int64(own)), .int(Int64(others)), .int(Int64(total - own - others))])
    }
    return valuesRelation(rowsTable(
      [shape.unitName, "score_from", "score_to", "score_change", "rank_from", "rank_to", "rank_change", "own_effect", "others_effect", "interaction"],
      [.text, .float, .float, .float, .int, .int, .int, .int, .int, .int], out))
  }

  /// `what_if unit:"Lai Châu" year:2019 component:market_entry raise:0.5` (or `set:`): the new
  /// composite and rank, everyone else unchanged.
  func whatIf(_ rel: Relation, _ named: [NamedArg], _ span: Span) throws -> Relation {
    try checkNamed(named, allowed: ["unit", "year", "component", "set", "raise", "index", "value", "unit_column"], verb: "what_if")
    let table = try materialize(rel)
    var shapeNamed = named.filter { !["unit", "year", "component", "set", "raise"].contains($0.name) }
    if let uc = named.first(where: { $0.name == "unit_column" }) { shapeNamed.append(NamedArg(name: "unit", value: uc.value, span: uc.span)) }
    let shape = try IndexShape.resolve(table, named: shapeNamed, span: span, needComponent: true)
    guard case .text(let unit) = try constantArg(named, "unit") ?? .null else {
      throw Diagnostic("missing-argument", "`what_if` needs `unit:\"Lai Châu\"`", span: span)
    }
    guard let year = try intArg(named, "year") else { throw Diagnostic("missing-argument", "`what_if` needs `year:2019`", span: span) }
    guard let component = try identArg(named, "component") else {
      throw Diagnostic("missing-argument", "`what_if` needs `component:market_entry`", span: span)
    }
    let manifest = try manifest(for: rel, named, span: span)
    let composite = manifest?.compositeID ?? "total"
    let p = panel(table, shape)
    guard let row = p.values[unit]?[year] else {
      throw Diagnostic("unknown-unit", "no rows for `\(unit)` in \(year)", span: span,
                       label: Diagnostic.suggestion(for: unit, among: p.units))
    }
    guard let old = row[component] else {
      throw Diagnostic("unknown-component", "`\(unit)` has no `\(component)` in \(year)", span: span,
                       label: Diagnostic.suggestion(for: component, among: p.components))
    }
    let new: Double
    if let set = try doubleArg(named, "set") { new = set } else if let raise = try doubleArg(named, "raise") { new = old + raise } else {
      throw Diagnostic("missing-argument", "`what_if` needs `set:VALUE` or `raise:AMOUNT`", span: span)
    }
    guard let before = row[composite] else { throw Diagnostic("no-composite", "`\(unit)` has no `\(composite)` in \(year)", span: span) }
    let (w, source) = try weights(manifest, p, year: year, span: span)
    guard let weight = w[component] else { throw Diagnostic("no-weight", "no weight for `\(component)`", span: span) }
    let after = before + weight * (new - old)
    let others = p.units.filter { $0 != unit }.compactMap { p.values[$0]?[year]?[composite] }
    let rankBefore = competitionRank(before, among: others)
    let rankAfter = competitionRank(after, among: others)
    return valuesRelation(rowsTable(
      [shape.unitName, "year", "component", "value_before", "value_after", "composite_before", "composite_after", "rank_before", "rank_after", "rank_change", "weight", "weight_source"],
      [.text, .int, .text, .float, .float, .float, .float, .int, .int, .int, .float, .text],
      [[.text(unit), .int(Int64(year)), .text(component), .float(old), .float(new), .float(before), .float(after),
        .int(Int64(rankBefore)), .int(Int64(rankAfter)), .int(Int64(rankBefore - rankAfter)), .float(weight), .text(source)]]))
  }

  // MARK: - Trust checks

  /// `rank_audit decimals:2`: ranks from full-precision scores against ranks from scores rounded
  /// as published, with the gaps to the neighbours (near-ties).
  func rankAudit(_ rel: Relation, _ named: [NamedArg], _ span: Span) throws -> Relation {
    try checkNamed(named, allowed: ["unit", "year", "component", "value", "index", "decimals"], verb: "rank_audit")
    let table = try materialize(rel)
    let shape = try IndexShape.resolve(table, named: named, span: span, needComponent: false)
    let composite = try manifest(for: rel, named, span: span)?.compositeID ?? "total"
    let decimals = try intArg(named, "decimals") ?? 2
    let scale = Math.pow(10, Double(decimals))
    let p = panel(table, shape)
    var out: [[Value]] = []
    for year in p.years {
      var field: [(String, Double)] = []
      for unit in p.units { if let v = p.values[unit]?[year]?[composite] { field.append((unit, v)) } }
      let full = field.map(\.1)
      let rounded = full.map { ($0 * scale).rounded(.toNearestOrAwayFromZero) / scale }
      for (i, (unit, v)) in field.enumerated() {
        let rf = competitionRank(v, among: full.enumerated().filter { $0.offset != i }.map(\.element))
        let rr = competitionRank(rounded[i], among: rounded.enumerated().filter { $0.offset != i }.map(\.element))
        let above = full.filter { $0 > v }.min().map { $0 - v }
        let below = full.filter { $0 < v }.max().map { v - $0 }
        out.append([.text(unit), .int(Int64(year)), .float(v), .float(rounded[i]), .int(Int64(rf)), .int(Int64(rr)),
                    .bool(rf != rr), above.map { .float($0) } ?? .null, below.map { .float($0) } ?? .null])
      }
    }
    return valuesRelation(rowsTable(
      [shape.unitName, "year", "score", "score_published", "rank_full", "rank_rounded", "ranks_differ", "gap_above", "gap_below"],
      [.text, .int, .float, .float, .int, .int, .bool, .float, .float], out))
  }

  /// `robustness draws:1000 spread:0.2 seed:1`: ranks under randomly perturbed weights.
  func robustness(_ rel: Relation, _ named: [NamedArg], _ span: Span) throws -> Relation {
    try checkNamed(named, allowed: ["unit", "year", "component", "value", "index", "draws", "spread", "seed", "top"], verb: "robustness")
    let table = try materialize(rel)
    let shape = try IndexShape.resolve(table, named: named, span: span, needComponent: true)
    let manifest = try manifest(for: rel, named, span: span)
    let composite = manifest?.compositeID ?? "total"
    let draws = min(try intArg(named, "draws") ?? 500, 100_000)
    let spread = try doubleArg(named, "spread") ?? 0.2
    let top = try intArg(named, "top") ?? 10
    var rng = SeededGenerator(seed: UInt64(bitPattern: Int64(try intArg(named, "seed") ?? 1)))
    let p = panel(table, shape)
    var out: [[Value]] = []
    for year in p.years {
      let (w, _) = try weights(manifest, p, year: year, span: span)
      let components = p.components.filter { $0 != composite && w[$0] != nil }
      let units = p.units.filter { u in components.allSatisfy { p.values[u]?[year]?[$0] != nil } }
      guard units.count > 1 else { continue }
      let matrix = units.map { u in components.map { p.values[u]?[year]?[$0] ?? 0 } }
      let base = components.map { w[$0] ?? 0 }
      func ranks(_ weights: [Double]) -> [Int] {
        let scores = matrix.map { zip($0, weights).reduce(0) { $0 + $1.0 * $1.1 } }
        return scores.indices.map { i in 1 + scores.indices.reduce(0) { $0 + (scores[$1] > scores[i] ? 1 : 0) } }
      }
      let baseRanks = ranks(base)
      var lo = baseRanks
      var hi = baseRanks
      var inTop = [Int](repeating: 0, count: units.count)
      for _ in 0..<draws {
        let perturbed = base.map { $0 * (1 + spread * (2 * rng.nextDouble() - 1)) }
        for (i, r) in ranks(perturbed).enumerated() {
          lo[i] = min(lo[i], r)
          hi[i] = max(hi[i], r)
          if r <= top { inTop[i] += 1 }
        }
      }
      for (i, unit) in units.enumerated() {
        out.append([.text(unit), .int(Int64(year)), .int(Int64(baseRanks[i])), .int(Int64(lo[i])), .int(Int64(hi[i])),
                    .float(Double(inTop[i]) / Double(max(draws, 1)))])
      }
    }
    return valuesRelation(rowsTable([shape.unitName, "year", "rank", "rank_best", "rank_worst", "share_top\(top)"],
                                    [.text, .int, .int, .int, .int, .float], out))
  }
}

