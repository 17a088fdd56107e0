import ChisoEngine
import ChisoSyntax

/// Warns when a `filter` compares a whole-number column with a number it never holds:
/// `year == 2030` on a table of 2011–2024, `out_of == 7`. The text twin is `SpellingLint`; like
/// it, it follows lineage, so it fires after `sort`, `derive`, `join` or a verb, and whether the
/// number was written in the query or came from `--param`. Years of an index with recorded
/// coverage are `CoverageLint`'s (it knows what the publisher covered).
enum ValueRangeLint {
  static func warnings(_ plan: LogicalPlan, _ data: LintData) -> [Diagnostic] {
    var out: [Diagnostic] = []
    plan.forEachNode { node in
      guard case .filter(let input, let predicate) = node.node else { return }
      for (column, number, span) in equalities(predicate) where column < input.schema.count {
        guard let origin = input.schema[column].origin else { continue }
        if origin.column == "year", let m = data.manifests[origin.table], !m.coverage.isEmpty { continue }
        guard let values = data.distinctValues(of: origin) else { continue }
        let ints = values.compactMap { v -> Int64? in if case .int(let i) = v { return i } else { return nil } }
        guard !ints.isEmpty, ints.count == values.filter({ !$0.isNull }).count, !ints.contains(number) else { continue }
        let sorted = ints.sorted()
        let name = input.schema[column].name
        let held = sorted.count <= 12
          ? sorted.map(String.init).joined(separator: ", ")
          : "\(sorted[0])–\(sorted[sorted.count - 1]) (\(sorted.count) values)"
        let nearest = sorted.min { abs($0 - number) < abs($1 - number) }
        out.append(Diagnostic(
          .noSuchValue, "`\(name)` never equals \(number): `\(origin.table).\(origin.column)` holds \(held)", span: span,
          label: nearest.map { "the nearest value is \($0)" },
          hints: ["`filter \(name) == \(nearest ?? sorted[0])`, or a range: `filter (\(name) | in \(sorted[0])..\(sorted[sorted.count - 1]))`"],
          severity: .warning))
      }
    }
    return out
  }

  /// `column == number` comparisons in a condition's `&&`/`||` tree.
  static func equalities(_ e: PlanExpr) -> [(Int, Int64, Span)] {
    ConstantComparisons.find(e, through: ["std.and", "std.or"], operators: ["std.eq"]).compactMap {
      if case .int(let n) = $0.value { return ($0.column, n, $0.span) } else { return nil }
    }
  }
}
