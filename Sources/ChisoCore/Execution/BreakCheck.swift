import ChisoEngine
import ChisoSyntax

/// Warns when a query compares an index across a methodology break recorded in its manifest
/// (PCI's `policy_bias` changed meaning; PAPI went from 6 to 8 dimensions in 2018, …).
///
/// The rows a query selects from an index table are the table after the `filter` steps that
/// directly follow `from`; a query compares across a break when those rows span the break year
/// for a component the break concerns, and the query relates rows to each other (an aggregate,
/// a window function or a join) or returns several years.
enum BreakCheck {
  static func warnings(plan: Plan, result: Table, catalog: Catalog, source: SourceFile, executor: Executor) -> [Diagnostic] {
    var selections: [(String, PlanNode)] = []
    collect(plan.node, into: &selections)
    let relates = relatesRows(plan.node)
    var out: [Diagnostic] = []
    var seen = Set<String>()
    for (table, node) in selections {
      guard let manifest = catalog.manifests[table], let rows = try? executor.run(node),
        let yearIndex = rows.index(of: "year")
      else { continue }
      let componentIndex = rows.index(of: "component")
      var yearsByComponent: [String: Set<Int>] = [:]
      // A comparison verb (`compare`, …) names the years it compares: use those, not every year
      // it read.
      if let fromIndex = result.index(of: "year_from"), let toIndex = result.index(of: "year_to") {
        let componentColumn = result.index(of: "component")
        for row in 0..<result.rowCount {
          var component = "*"
          if let componentColumn, case .text(let c) = result.columns[componentColumn].value(at: row) { component = c }
          for index in [fromIndex, toIndex] {
            if case .int(let y) = result.columns[index].value(at: row) { yearsByComponent[component, default: []].insert(Int(y)) }
          }
        }
      }
      let compared = Set(plan.comparedYears)
      for row in 0..<rows.rowCount where result.index(of: "year_from") == nil {
        guard case .int(let year) = rows.columns[yearIndex].value(at: row) else { continue }
        var component = "*"
        if let componentIndex, case .text(let c) = rows.columns[componentIndex].value(at: row) { component = c }
        if compared.isEmpty || compared.contains(Int(year)) { yearsByComponent[component, default: []].insert(Int(year)) }
      }
      let resultYears: Set<Int> = {
        guard let i = result.index(of: "year") else { return [] }
        return Set((0..<result.rowCount).compactMap { if case .int(let y) = result.columns[i].value(at: $0) { return Int(y) } else { return nil } })
      }()
      guard relates || resultYears.count > 1 else { continue }
      for (component, years) in yearsByComponent.sorted(by: { $0.key < $1.key }) {
        guard let lo = years.min(), let hi = years.max(), lo < hi else { continue }
        // Whole-index breaks (coverage, recomputation, a new dimension) matter for the composite.
        for b in manifest.breaks(component: component == "*" ? nil : component, from: lo, to: hi)
        where (b.component != "*" || component == manifest.compositeID || component == "*")
          && years.contains(where: { $0 < b.year }) && years.contains(where: { $0 >= b.year }) {
          let key = "\(table)|\(b.year)|\(b.component)"
          guard !seen.contains(key) else { continue }
          seen.insert(key)
          out.append(Diagnostic(
            "methodology-break",
            "this query compares \(manifest.id) `\(b.component == "*" ? component : b.component)` across a methodology break in \(b.year)",
            span: span(of: table, in: source), label: "rows from \(lo) to \(hi)",
            hints: [b.note, "see `chiso --describe \(table)`"], severity: .warning))
        }
      }
    }
    return out
  }

  /// Scan nodes with the filters directly above them.
  static func collect(_ node: PlanNode, into out: inout [(String, PlanNode)]) {
    if let table = selectionTable(node) {
      out.append((table, node))
      return
    }
    for child in children(node) { collect(child, into: &out) }
  }

  static func selectionTable(_ node: PlanNode) -> String? {
    switch node {
    case .scan(let name): return name
    case .filter(let input, _): return selectionTable(input.node)
    default: return nil
    }
  }

  static func relatesRows(_ node: PlanNode) -> Bool {
    switch node {
    case .aggregate, .window, .join: return true
    default: return children(node).contains(where: relatesRows)
    }
  }

  static func children(_ node: PlanNode) -> [PlanNode] {
    switch node {
    case .scan, .values, .readFile, .loopInput: return []
    case .filter(let p, _), .derive(let p, _), .project(let p, _), .aggregate(let p, _, _), .window(let p, _, _, _),
      .sort(let p, _), .take(let p, _, _, _, _):
      return [p.node]
    case .join(let a, let b, _, _, _, _): return [a.node, b.node]
    case .append(let a, let b, _), .semiJoin(let a, let b, _): return [a.node, b.node]
    case .loop(let a, let b): return [a.node, b.node]
    }
  }

  /// Where the query names the table (`from pci`), for the caret; `#` comments are skipped.
  static func span(of table: String, in source: SourceFile) -> Span? {
    CoverageCheck.tableSpan(table, in: source)
  }
}
