import ChisoEngine
import ChisoSyntax
import Foundation

/// Warns when a `filter` compares a text column with a value the column never holds but a
/// spelling of it does: `province == "Lai Chau"` or `"lai châu"` for `Lai Châu`. Typing names
/// without diacritics is the commonest way to get an empty answer without an error.
enum LiteralCheck {
  static func warnings(plan: Plan, catalog: Catalog) -> [Diagnostic] {
    var out: [Diagnostic] = []
    visit(plan.node, catalog: catalog, into: &out)
    return out
  }

  static func visit(_ node: PlanNode, catalog: Catalog, into out: inout [Diagnostic]) {
    if case .filter(let input, let condition) = node, let tableName = BreakCheck.selectionTable(input.node),
      let table = try? catalog.table(tableName)
    {
      for (column, literal, span) in equalities(condition) where column < table.columnCount {
        guard case .text(let buffer) = table.columns[column].storage,
          !buffer.dictionary.contains(where: { $0.utf8.elementsEqual(literal.utf8) })
        else { continue }
        let folded = fold(literal)
        let matches = buffer.dictionary.filter { fold($0) == folded }
        let suggestion = matches.first ?? EditDistance.closest(to: literal, among: buffer.dictionary)
        guard let suggestion else { continue }
        out.append(Diagnostic(
          "no-such-value", "`\(table.names[column])` never equals \"\(literal)\"", span: span,
          label: "did you mean \"\(suggestion)\"?",
          hints: ["text comparisons are exact: diacritics and case count"], severity: .warning))
      }
    }
    for child in BreakCheck.children(node) { visit(child, catalog: catalog, into: &out) }
  }

  /// `column == "text"` comparisons in a condition's `&&`/`||` tree.
  static func equalities(_ e: BoundExpr) -> [(Int, String, Span)] {
    guard case .call(let f, let args) = e.kind else { return [] }
    switch f.name {
    case "&&", "||": return args.flatMap(equalities)
    case "==", "!=":
      guard args.count == 2 else { return [] }
      if case .column(let c) = args[0].kind, case .literal(.text(let s)) = args[1].kind { return [(c, s, e.span)] }
      if case .column(let c) = args[1].kind, case .literal(.text(let s)) = args[0].kind { return [(c, s, e.span)] }
      return []
    default: return []
    }
  }

  /// Lower case, no diacritics, đ → d: how names compare when typed on a plain keyboard.
  static func fold(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in s.decomposedStringWithCanonicalMapping.unicodeScalars {
      if scalar.properties.generalCategory == .nonspacingMark { continue }
      switch scalar {
      case "đ", "Đ": out.append("d")
      default: out.append(contentsOf: String(scalar).lowercased().unicodeScalars)
      }
    }
    return String(out)
  }
}
