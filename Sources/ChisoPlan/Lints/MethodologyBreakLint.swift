import ChisoEngine
import ChisoSyntax

/// Warns when a query compares an index across a methodology break recorded in its manifest
/// (PCI's `policy_bias` changed meaning; PAPI went from 6 to 8 dimensions in 2018, …) — only
/// where a step really relates rows of different years: an aggregate or window that does not
/// keep years apart, a join of different years, or a verb that compares two years (`compare`,
/// `explain_rank`, `contributions`) — or where the result itself lists the index's scores from
/// both sides of a break (a time series). Work kept within each year (ranks per year, a later
/// `filter year == 2016`) does not warn. Years and components come from the plan's filters
/// wherever they stand (`ValueDomains`).
enum MethodologyBreakLint {
  static func warnings(_ plan: LogicalPlan, _ data: LintData, _ resultRows: Int?) -> [Diagnostic] {
    let tables = Set(plan.scannedTables.filter { data.manifests[$0] != nil })
    guard !tables.isEmpty else { return [] }
    func universe(_ origin: ColumnOrigin) -> Set<Value>? {
      guard tables.contains(origin.table), origin.column == "year" || origin.column == "component" else { return nil }
      if let values = data.distinctValues(of: origin) { return Set(values) }
      if origin.column == "year", let years = data.manifests[origin.table]?.years, years.count == 2, years[0] <= years[1] {
        return Set((years[0]...years[1]).map { Value.int(Int64($0)) })
      }
      return nil
    }
    var out: [Diagnostic] = []
    var seen = Set<String>()
    func reportListing(_ comparison: Comparison, at span: Span?) {
      guard let manifest = data.manifests[comparison.table] else { return }
      // Breaks a comparing step already warned about are not said again.
      var rest = comparison
      rest.years = comparison.years
      let crossed = breaks(manifest, years: comparison.years, components: comparison.components)
        .filter { !seen.contains("\(comparison.table)|\($0.1.year)|\($0.1.component)") }
      guard !crossed.isEmpty else { return }
      if crossed.count == 1, let (component, b) = crossed.first {
        seen.insert("\(comparison.table)|\(b.year)|\(b.component)")
        let years = comparison.years.sorted()
        out.append(Diagnostic(
          .methodologyBreak,
          "the result lists \(manifest.id) `\(b.component == "*" ? component : b.component)` from both sides of a methodology break in \(b.year)",
          span: span, label: "rows from \(years.first ?? 0)–\(years.last ?? 0)",
          hints: [b.note, "see `chiso --describe \(comparison.table)`"], severity: .warning))
        return
      }
      if let d = listing(manifest, comparison, at: span) { out.append(d) }
    }
    func report(_ comparison: Comparison, at span: Span?, listing: Bool) {
      guard let manifest = data.manifests[comparison.table] else { return }
      let fresh = breaks(manifest, years: comparison.years, components: comparison.components).filter { _, b in
        seen.insert("\(comparison.table)|\(b.year)|\(b.component)").inserted
      }
      guard !fresh.isEmpty else { return }
      let years = comparison.years.sorted()
      let range = "\(years.first ?? 0)\(years.count > 2 ? "–" : " and ")\(years.last ?? 0)"
      // One warning per step: several breaks crossed by one comparison are one fact.
      let named = fresh.map { component, b in b.component == "*" ? component : b.component }
      let what = "\(manifest.id) " + distinctInOrder(named).map { "`\($0)`" }.joined(separator: ", ")
      let breakYears = distinctInOrder(fresh.map { String($0.1.year) })
      let when = breakYears.count == 1
        ? "a methodology break in \(breakYears[0])"
        : "methodology breaks in " + breakYears.dropLast().joined(separator: ", ") + " and " + (breakYears.last ?? "")
      out.append(Diagnostic(
        .methodologyBreak,
        listing ? "the result lists \(what) from both sides of \(when)" : "this step compares \(what) across \(when)",
        span: span, label: listing ? "rows from \(range)" : "compares \(range)",
        hints: fresh.map { _, b in fresh.count == 1 ? b.note : "\(b.year): \(b.note)" } + ["see `chiso --describe \(comparison.table)`"],
        severity: .warning))
    }
    plan.forEachNode { node in
      for comparison in comparisons(node, universe: universe) { report(comparison, at: node.span, listing: false) }
    }
    // An empty result lists nothing; a listing's breaks are said once per table.
    if resultRows != 0 {
      for (comparison, span) in listings(plan, universe: universe) { reportListing(comparison, at: span) }
    }
    return out
  }

  /// One warning for a result that lists a table's scores across several breaks.
  static func listing(_ manifest: IndexManifest, _ comparison: Comparison, at span: Span?) -> Diagnostic? {
    let crossed = breaks(manifest, years: comparison.years, components: comparison.components)
    guard !crossed.isEmpty else { return nil }
    let years = comparison.years.sorted()
    let breakYears = Array(Set(crossed.map(\.1.year))).sorted().map(String.init)
    var components: [String] = []
    for (c, b) in crossed where !components.contains(b.component == "*" ? c : b.component) { components.append(b.component == "*" ? c : b.component) }
    let list = breakYears.joined(separator: ", ")
    return Diagnostic(
      .methodologyBreak,
      "the result lists \(manifest.id) \(components.map { "`\($0)`" }.joined(separator: ", ")) across methodology breaks in \(list)",
      span: span, label: "rows from \(years.first ?? 0)–\(years.last ?? 0)",
      hints: crossed.map { "\($0.1.year) \($0.1.component == "*" ? $0.0 : $0.1.component): \($0.1.note)" } + ["see `chiso --describe \(comparison.table)`"],
      severity: .warning)
  }

  /// A result that shows an index's scores (or values computed from them) for years on both
  /// sides of a break, located at the `from` that reads the table.
  static func listings(_ plan: LogicalPlan, universe: (ColumnOrigin) -> Set<Value>?) -> [(Comparison, Span?)] {
    let domains = ValueDomains.analyse(plan, universe: universe)
    return yearColumns(plan, domains).compactMap { i, years in
      guard years.count > 1, !plan.schema[i].hidden, let table = plan.schema[i].origin?.table else { return nil }
      let showsScores = plan.visibleColumns.contains { readsScores($0.sources, of: table) }
      guard showsScores else { return nil }
      var scanSpan: Span? = nil
      plan.forEachNode { if case .scan(table, _) = $0.node, scanSpan == nil { scanSpan = $0.span } }
      return (Comparison(table: table, years: years, components: components(plan, domains, table)), scanSpan)
    }
  }

  struct Comparison {
    var table: String
    var years: Set<Int>
    /// nil: every component (or a table without one).
    var components: Set<String>?
  }

  /// Whether an expression's values come from a table's scores.
  static func readsScores(_ sources: Set<ColumnOrigin>, of table: String) -> Bool {
    sources.contains { $0.table == table && ($0.column == "score" || $0.column == "value") }
  }

  /// The cross-year comparisons a node makes: combining rows of several years in a computation
  /// that reads the scores (`count this` compares nothing).
  static func comparisons(_ node: LogicalPlan, universe: (ColumnOrigin) -> Set<Value>?) -> [Comparison] {
    func sources(_ e: PlanExpr?, _ input: LogicalPlan) -> Set<ColumnOrigin> {
      guard let e else { return [] }
      var out = Set<ColumnOrigin>()
      for i in e.columnsUsed where i < input.schema.count { out.formUnion(input.schema[i].sources) }
      return out
    }
    switch node.node {
    case .aggregate(let input, let keys, let aggregates):
      let read = aggregates.reduce(into: Set<ColumnOrigin>()) { $0.formUnion(sources($1.argument, input)) }
      let domains = ValueDomains.analyse(input, universe: universe)
      return across(input, domains, keptApart: keys.compactMap(\.columnIndex)).filter { readsScores(read, of: $0.table) }
    case .window(let input, let partition, let order, let calls):
      var read = calls.reduce(into: Set<ColumnOrigin>()) { $0.formUnion(sources($1.argument, input)) }
      // A rank orders by scores: it compares them.
      for key in order { read.formUnion(sources(key.expr, input)) }
      let domains = ValueDomains.analyse(input, universe: universe)
      return across(input, domains, keptApart: partition.compactMap(\.columnIndex)).filter { readsScores(read, of: $0.table) }
    case .join(let left, let right, _, let leftKeys, let rightKeys, _):
      let l = ValueDomains.analyse(left, universe: universe)
      let r = ValueDomains.analyse(right, universe: universe)
      var out: [Comparison] = []
      for (i, li) in yearColumns(left, l) {
        for (j, rj) in yearColumns(right, r) where left.schema[i].origin == right.schema[j].origin {
          // Joined on equal years: each output row pairs rows of one year.
          let equated = zip(leftKeys, rightKeys).contains { $0.columnIndex == i && $1.columnIndex == j }
          let years = li.union(rj)
          guard !equated, years.count > 1, let table = left.schema[i].origin?.table else { continue }
          let bothScored = [left, right].allSatisfy { side in side.schema.contains { readsScores($0.sources, of: table) } }
          guard bothScored else { continue }
          out.append(Comparison(table: table, years: years, components: components(left, l, table)?.union(components(right, r, table) ?? [])))
        }
      }
      return out
    case .operation(let op, let inputs):
      guard !op.comparedYears.isEmpty, let input = inputs.first else { return [] }
      let domains = ValueDomains.analyse(input, universe: universe)
      return yearColumns(input, domains).compactMap { i, _ in
        guard let table = input.schema[i].origin?.table else { return nil }
        return Comparison(table: table, years: Set(op.comparedYears), components: components(input, domains, table))
      }
    default:
      return []
    }
  }

  /// Rows from several years meeting in one group (no key or partition keeps years apart).
  static func across(_ input: LogicalPlan, _ domains: ValueDomains, keptApart: [Int]) -> [Comparison] {
    yearColumns(input, domains).compactMap { i, years in
      guard years.count > 1, let origin = input.schema[i].origin else { return nil }
      if keptApart.contains(where: { input.schema[$0].origin == origin }) { return nil }
      return Comparison(table: origin.table, years: years, components: components(input, domains, origin.table))
    }
  }

  /// The input's year columns and their years.
  static func yearColumns(_ plan: LogicalPlan, _ domains: ValueDomains) -> [(Int, Set<Int>)] {
    domains.byColumn.sorted { $0.key < $1.key }.compactMap { i, values in
      guard plan.schema[i].origin?.column == "year" else { return nil }
      return (i, Set(values.compactMap { if case .int(let y) = $0 { return Int(y) } else { return nil } }))
    }
  }

  /// The components the node's rows come from (nil: the table has no component column).
  static func components(_ plan: LogicalPlan, _ domains: ValueDomains, _ table: String) -> Set<String>? {
    guard let values = domains.rows[ColumnOrigin(table: table, column: "component")] else { return nil }
    return Set(values.compactMap { if case .text(let c) = $0 { return c } else { return nil } })
  }

  /// The breaks a comparison of these years and components crosses.
  static func breaks(_ manifest: IndexManifest, years: Set<Int>, components: Set<String>?) -> [(String, IndexManifest.Break)] {
    guard let lo = years.min(), let hi = years.max(), lo < hi else { return [] }
    var out: [(String, IndexManifest.Break)] = []
    for b in manifest.breaks.sorted(by: { $0.year < $1.year }) where b.year > lo && b.year <= hi {
      guard years.contains(where: { $0 < b.year }), years.contains(where: { $0 >= b.year }) else { continue }
      if b.component == "*" {
        // A whole-index break (coverage, a recomputation, a new dimension) matters for the composite.
        guard components.map({ $0.contains(manifest.compositeID) }) ?? true else { continue }
        out.append((manifest.compositeID, b))
      } else if components.map({ $0.contains(b.component) }) ?? true {
        out.append((b.component, b))
      }
    }
    return out
  }
}

/// The distinct elements of a sequence in first-seen order.
func distinctInOrder<S: Sequence>(_ items: S) -> [S.Element] where S.Element: Hashable {
  var seen = Set<S.Element>()
  return items.filter { seen.insert($0).inserted }
}
