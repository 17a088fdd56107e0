import ChisoEngine
import ChisoSyntax

/// Warns when a `filter` compares a text column with a value the column never holds but a
/// spelling of it does: `province == "Lai Chau"` or `"lai châu"` for `Lai Châu`. Typing names
/// without diacritics is the commonest way to get an empty answer without an error. It follows
/// lineage, so it fires wherever the filter stands: after `sort`, `derive`, `join`, a verb.
enum SpellingLint {
  static func warnings(_ plan: LogicalPlan, _ data: LintData) -> [Diagnostic] {
    var out: [Diagnostic] = []
    plan.forEachNode { node in
      guard case .filter(let input, let predicate) = node.node else { return }
      for (column, literal, span) in equalities(predicate) where column < input.schema.count {
        guard let origin = input.schema[column].origin, let values = data.distinctValues(of: origin) else { continue }
        let texts = values.compactMap { v -> String? in if case .text(let s) = v { return s } else { return nil } }
        guard texts.count == values.filter({ !$0.isNull }).count, !texts.contains(where: { $0.utf8.elementsEqual(literal.utf8) }) else { continue }
        // Another source's spelling of a unit (`TP.HCM`, `Daklak`): say which unit it is.
        if let (official, code) = data.aliases()[Aliases.key(literal)], texts.contains(official) {
          out.append(Diagnostic(
            .aliasSpelling, "`\(input.schema[column].name)` never equals \"\(literal)\": the data spells it \"\(official)\"", span: span,
            label: "another spelling of \(official) (GSO \(code))",
            hints: ["write `\(input.schema[column].name) == \"\(official)\"`, or key on the code: `gso_code == \"\(code)\"`",
                    "province_aliases lists the spellings chiso knows; `resolve_aliases COLUMN` turns a column of such spellings into official names"],
            severity: .warning))
          continue
        }
        let folded = TextFold.fold(literal)
        let suggestion = texts.first { TextFold.fold($0) == folded } ?? EditDistance.closest(to: literal, among: texts)
        guard let suggestion else { continue }
        out.append(Diagnostic(
          .noSuchValue, "`\(input.schema[column].name)` never equals \"\(literal)\"", span: span,
          label: "did you mean \"\(suggestion)\"?", hints: ["text comparisons are exact: diacritics and case count"],
          severity: .warning))
      }
    }
    return out
  }

  /// `column == "text"` (and `!=`) comparisons in a condition's `&&`/`||` tree.
  static func equalities(_ e: PlanExpr) -> [(Int, String, Span)] {
    ConstantComparisons.find(e, through: ["std.and", "std.or"], operators: ["std.eq", "std.ne"]).compactMap {
      if case .text(let s) = $0.value { return ($0.column, s, $0.span) } else { return nil }
    }
  }
}

