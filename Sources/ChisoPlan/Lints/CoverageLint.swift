import ChisoEngine
import ChisoSyntax

/// Warnings driven by an index manifest's per-year `[[coverage]]` (written by the import from the
/// data): an incomplete year must never give a silently wrong rank, and an empty result says why
/// when the coverage knows.
///
/// - `partial-year`: a step ranks, compares or aggregates scores of a year in which the table holds
///   fewer units than the publisher scored (PCI 2021: 27 of 63) — a rank computed there is a rank
///   among those present, not the published one; the hint points to the ranks table. Also raised
///   once when a filter asks for such a year by name.
/// - `year-not-covered`: an empty result from `filter year == N` where the table has no year N.
///
/// Years and components come from the plan's filters wherever they stand (`ValueDomains`); the
/// warnings point at the step that relates the rows, or at the filter's condition.
enum CoverageLint {
  static func warnings(_ plan: LogicalPlan, _ data: LintData, _ resultRows: Int?) -> [Diagnostic] {
    // The index tables with coverage, and the ranks tables beside them.
    var manifestOf: [String: IndexManifest] = [:]
    for (table, m) in data.manifests where !m.coverage.isEmpty {
      manifestOf[table] = m
      if let ranks = m.ranksTable { manifestOf[ranks] = m }
    }
    let tables = plan.scannedTables.filter { manifestOf[$0] != nil }
    guard !tables.isEmpty else { return [] }
    func universe(_ origin: ColumnOrigin) -> Set<Value>? {
      guard tables.contains(origin.table), ["year", "component", "province", "gso_code", "unit"].contains(origin.column) else { return nil }
      if let values = data.distinctValues(of: origin) { return Set(values) }
      return nil
    }
    var out: [Diagnostic] = []
    var warned = Set<String>()
    // The years whose rows reach the result: a year ranked in a step but filtered out later
    // (`group year (…rank…) | filter year == 2016`) misleads no one.
    let reaching = ValueDomains.analyse(plan, universe: universe).rows
    // Steps that relate rows of a year to each other.
    plan.forEachNode { node in
      for (table, years, components) in relating(node, universe: universe) {
        guard let manifest = manifestOf[table], manifest.ranksTable != table else { continue }
        var shown = years
        if let kept = reaching[ColumnOrigin(table: table, column: "year")] {
          shown = years.intersection(kept.compactMap { if case .int(let y) = $0 { return Int(y) } else { return nil } })
        }
        for year in shown.sorted() {
          guard let c = manifest.coverage(year: year), let short = shortfall(c, components, manifest),
            warned.insert("\(table)|\(year)").inserted
          else { continue }
          out.append(partialYear(manifest, table, c, short, span: node.span, ranking: true))
        }
      }
    }
    // Years asked for by name.
    plan.forEachNode { node in
      guard case .filter(let input, let predicate) = node.node else { return }
      for (column, value, span) in equalities(predicate) where column < input.schema.count {
        guard let origin = input.schema[column].origin, origin.column == "year", case .int(let y) = value,
          let manifest = manifestOf[origin.table], warned.insert("\(origin.table)|\(y)").inserted
        else { continue }
        let year = Int(y)
        let isRanks = manifest.ranksTable == origin.table
        if let c = manifest.coverage(year: year) {
          let components: Set<String>? = isRanks ? [rankComponent] : nil
          if let short = shortfall(c, components, manifest) {
            out.append(partialYear(manifest, origin.table, c, short, span: span, ranking: false))
          }
        } else if resultRows == 0 {
          let years = manifest.coverage.map(\.year)
          out.append(Diagnostic(
            .yearNotCovered, "`\(origin.table)` has no year \(year): the result is empty for that reason",
            span: span, label: "not in the data",
            hints: ["\(origin.table) covers \(years.min() ?? 0)–\(years.max() ?? 0); `chiso --describe \(manifest.table ?? origin.table)` shows each year's coverage"],
            severity: .warning))
        }
      }
    }
    return out
  }

  /// Stands for the published ranks in the coverage arithmetic (rows of the ranks table).
  static let rankComponent = "(published rank)"

  /// The table, years and components whose scores a node relates: an aggregate or window over
  /// scores, a join of scored rows, an analysis (`explain_rank`, `fit_weights`, …).
  static func relating(_ node: LogicalPlan, universe: (ColumnOrigin) -> Set<Value>?) -> [(String, Set<Int>, Set<String>?)] {
    func scored(_ input: LogicalPlan, _ exprs: [PlanExpr]) -> Set<String> {
      var out = Set<String>()
      for e in exprs {
        for i in e.columnsUsed where i < input.schema.count {
          for s in input.schema[i].sources where s.column == "score" || s.column == "value" { out.insert(s.table) }
        }
      }
      return out
    }
    func years(_ input: LogicalPlan, _ tables: Set<String>, only: [Int] = []) -> [(String, Set<Int>, Set<String>?)] {
      let domains = ValueDomains.analyse(input, universe: universe)
      return tables.sorted().compactMap { table in
        guard let values = domains.rows[ColumnOrigin(table: table, column: "year")] else { return nil }
        // One province's rows over the years (`filter province == "Lai Châu" | … lag …`) relate
        // no province to another: a year others are missing from changes nothing there.
        if ["province", "gso_code", "unit"].contains(where: { domains.rows[ColumnOrigin(table: table, column: $0)]?.count == 1 }) {
          return nil
        }
        var ys = Set(values.compactMap { v -> Int? in if case .int(let y) = v { return Int(y) } else { return nil } })
        if !only.isEmpty { ys = ys.intersection(only) }
        let components = domains.rows[ColumnOrigin(table: table, column: "component")].map {
          Set($0.compactMap { v -> String? in if case .text(let c) = v { return c } else { return nil } })
        }
        return (table, ys, components)
      }
    }
    switch node.node {
    case .aggregate(let input, _, let aggregates):
      return years(input, scored(input, aggregates.compactMap(\.argument)))
    case .window(let input, _, let order, let calls):
      return years(input, scored(input, calls.compactMap(\.argument) + order.map(\.expr)))
    case .operation(let op, let inputs):
      guard let input = inputs.first else { return [] }
      let tables = Set(input.schema.flatMap(\.sources).filter { $0.column == "score" || $0.column == "value" }.map(\.table))
      return years(input, tables, only: op.yearsRead ?? [])
    default:
      return []
    }
  }

  /// How many units the components of a year lack (the worst), or nil when complete for them.
  static func shortfall(_ c: IndexManifest.Coverage, _ components: Set<String>?, _ manifest: IndexManifest) -> (present: Int, component: String)? {
    var worst: (Int, String)? = nil
    for component in (components ?? [manifest.compositeID]).sorted() {
      let n = component == rankComponent ? c.ranked : c.units(component: component, compositeID: manifest.compositeID)
      if n < c.of, n < (worst?.0 ?? Int.max) { worst = (n, component) }
    }
    return worst.map { (present: $0.0, component: $0.1) }
  }

  static func partialYear(
    _ manifest: IndexManifest, _ table: String, _ c: IndexManifest.Coverage, _ short: (present: Int, component: String),
    span: Span?, ranking: Bool
  ) -> Diagnostic {
    let what = short.component == manifest.compositeID ? "" : short.component == rankComponent ? " published ranks" : " `\(short.component)`"
    let among = short.present == 1 ? "that one" : "those \(short.present)"
    let message = ranking
      ? "\(manifest.id) \(c.year)\(what) covers \(short.present) of \(c.of) provinces: ranks and comparisons computed here are among \(among), not the published ones"
      : short.component == rankComponent
        ? "\(manifest.id) \(c.year) has published ranks for only \(short.present) of \(c.of) provinces"
        : "\(manifest.id) \(c.year)\(what) covers only \(short.present) of \(c.of) provinces"
    var hints: [String] = []
    if let note = c.note { hints.append(note) }
    if let ranks = manifest.ranksTable, c.ranked > 0, short.component != rankComponent {
      hints.append("the published ranks: `from \(ranks) | filter year == \(c.year)` (\(c.ranked) province\(c.ranked == 1 ? "" : "s"))")
    }
    hints.append("`chiso --describe \(manifest.table ?? table)` shows each year's coverage")
    return Diagnostic(.partialYear, message, span: span, label: "incomplete year \(c.year)", hints: hints, severity: .warning)
  }

  /// `column == literal` in a condition's `&&` tree (an `||` could be satisfied otherwise).
  static func equalities(_ e: PlanExpr) -> [(Int, Value, Span)] {
    ConstantComparisons.find(e, through: ["std.and"], operators: ["std.eq"]).map { ($0.column, $0.value, $0.span) }
  }
}
