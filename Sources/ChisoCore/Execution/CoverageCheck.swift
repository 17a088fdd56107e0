import ChisoEngine
import ChisoSyntax

/// Diagnostics driven by an index manifest's per-year `[[coverage]]` (written by the import from
/// the data): an incomplete year must never give a silently wrong rank, and an empty or thin
/// result says why when the coverage knows.
///
/// - `partial-year` (warning): the query ranks, compares or aggregates rows of a year in which the
///   table holds fewer units than the publisher scored (PCI 2021: 27 of 63 provinces). A rank
///   computed there is a rank among those present, not the published one: the hint points to the
///   ranks table. Also raised, once, when a filter asks for such a year by name.
/// - `year-not-covered` (warning): an empty result from `filter year == N` where the table has no
///   year N at all: the hint gives the years it covers.
/// - `alias-spelling` (warning): an empty result from `province == "TP.HCM"`, a spelling that
///   `province_aliases` knows: the hint gives the spelling the table uses.
///
/// Input: the resolved plan, its result and the catalog; output: diagnostics. It reads only the
/// rows of the manifest tables the query selects (the table after the filters right above `from`),
/// as `BreakCheck` does.
enum CoverageCheck {
  static func diagnostics(plan: Plan, result: Table, catalog: Catalog, source: SourceFile, executor: Executor) -> [Diagnostic] {
    var selections: [(String, PlanNode, Bool)] = []
    collect(plan.node, related: false, into: &selections)
    for input in plan.comparedInputs { collect(input, related: true, into: &selections) }
    var out: [Diagnostic] = []
    var warned = Set<String>()
    for (tableName, node, relates) in selections {
      // The index table itself, or its table of published ranks (`pci_ranks`).
      let isRanks = catalog.manifests[tableName] == nil
      guard let manifest = catalog.manifests[tableName] ?? catalog.manifests.values.first(where: { $0.ranksTable == tableName }),
        !manifest.coverage.isEmpty, let table = try? catalog.table(tableName)
      else { continue }
      let span = tableSpan(tableName, in: source)
      let asked = filterLiterals(node, table: table)
      // Years present in the selected rows, with their components.
      var present: [Int: Set<String>] = [:]
      if let rows = try? executor.run(node), let yearIndex = rows.index(of: "year") {
        let componentIndex = rows.index(of: "component")
        for row in 0..<rows.rowCount {
          guard case .int(let y) = rows.columns[yearIndex].value(at: row) else { continue }
          var component = isRanks ? rankComponent : manifest.compositeID
          if let componentIndex, case .text(let c) = rows.columns[componentIndex].value(at: row) { component = c }
          present[Int(y), default: []].insert(component)
        }
      }
      let compared = Set(plan.comparedYears)
      // Ranking or comparing an incomplete year (published ranks are ranks among all units, so
      // relating them is no problem: only asking for a thin year is).
      if relates && !isRanks {
        for (year, components) in present.sorted(by: { $0.key < $1.key })
        where compared.isEmpty || compared.contains(year) {
          guard let c = manifest.coverage(year: year), let short = shortfall(c, components, manifest) else { continue }
          warned.insert("\(tableName)|\(year)")
          out.append(partialYear(manifest, tableName, c, short, span: span, ranking: true))
        }
      }
      // A year asked for by name.
      for year in asked.years {
        let key = "\(tableName)|\(year)"
        guard !warned.contains(key) else { continue }
        if let c = manifest.coverage(year: year) {
          let components = present[year] ?? (isRanks ? [rankComponent] : Set(c.components))
          if let short = shortfall(c, components, manifest) {
            warned.insert(key)
            out.append(partialYear(manifest, tableName, c, short, span: asked.yearSpan ?? span, ranking: false))
          }
        } else if result.rowCount == 0 {
          warned.insert(key)
          let years = manifest.coverage.map(\.year)
          out.append(Diagnostic(
            "year-not-covered", "`\(tableName)` has no year \(year): the result is empty for that reason",
            span: asked.yearSpan ?? span, label: "not in the data",
            hints: ["\(tableName) covers \(years.min() ?? 0)–\(years.max() ?? 0); `chiso --describe \(tableName)` shows each year's coverage"],
            severity: .warning))
        }
      }
      // A province spelled as another source spells it.
      if result.rowCount == 0 {
        for (literal, literalSpan) in asked.provinces {
          if let d = aliasSpelling(literal, table: table, tableName: tableName, catalog: catalog, span: literalSpan) {
            out.append(d)
          }
        }
      }
    }
    return out
  }

  /// Stands for the published ranks in the coverage arithmetic (rows of the ranks table).
  static let rankComponent = "(published rank)"

  /// How many units the selected components of a year lack, or nil when complete for them.
  static func shortfall(_ c: IndexManifest.Coverage, _ components: Set<String>, _ manifest: IndexManifest) -> (present: Int, component: String)? {
    var worst: (Int, String)? = nil
    for component in components.sorted() {
      let n = component == rankComponent ? c.ranked : c.units(component: component, compositeID: manifest.compositeID)
      if n < c.of, n < (worst?.0 ?? Int.max) { worst = (n, component) }
    }
    return worst.map { (present: $0.0, component: $0.1) }
  }

  static func partialYear(
    _ manifest: IndexManifest, _ tableName: String, _ c: IndexManifest.Coverage, _ short: (present: Int, component: String),
    span: Span?, ranking: Bool
  ) -> Diagnostic {
    let what = short.component == manifest.compositeID ? "" : short.component == rankComponent ? " published ranks" : " `\(short.component)`"
    let message = ranking
      ? "\(manifest.id) \(c.year)\(what) covers \(short.present) of \(c.of) provinces: ranks and comparisons computed here are among \(short.present == 1 ? "that one" : "those \(short.present)"), not the published ones"
      : short.component == rankComponent
        ? "\(manifest.id) \(c.year) has published ranks for only \(short.present) of \(c.of) provinces"
        : "\(manifest.id) \(c.year)\(what) covers only \(short.present) of \(c.of) provinces"
    var hints: [String] = []
    if let note = c.note { hints.append(note) }
    if let ranks = manifest.ranksTable, c.ranked > 0 {
      if short.component != rankComponent {
        hints.append("the published ranks: `from \(ranks) | filter year == \(c.year)` (\(c.ranked) province\(c.ranked == 1 ? "" : "s"))")
      }
    }
    hints.append("`chiso --describe \(manifest.table ?? tableName)` shows each year's coverage")
    return Diagnostic(
      "partial-year", message, span: span, label: "incomplete year \(c.year)", hints: hints, severity: .warning)
  }

  /// `province == "TP.HCM"` where the column never holds the text but `province_aliases` maps it.
  static func aliasSpelling(_ literal: String, table: Table, tableName: String, catalog: Catalog, span: Span) -> Diagnostic? {
    guard let column = table.index(of: "province"), case .text(let buffer) = table.columns[column].storage,
      !buffer.dictionary.contains(where: { $0.utf8.elementsEqual(literal.utf8) }),
      let aliases = try? catalog.table("province_aliases"),
      let a = aliases.index(of: "alias"), let p = aliases.index(of: "province"), let g = aliases.index(of: "gso_code")
    else { return nil }
    let key = normalized(literal)
    for row in 0..<aliases.rowCount {
      guard case .text(let alias) = aliases.columns[a].value(at: row), normalized(alias) == key,
        case .text(let official) = aliases.columns[p].value(at: row), case .text(let code) = aliases.columns[g].value(at: row)
      else { continue }
      return Diagnostic(
        "alias-spelling", "no row has province \"\(literal)\": `\(tableName)` spells it \"\(official)\"",
        span: span, label: "another spelling of \(official) (GSO \(code))",
        hints: ["write `province == \"\(official)\"`, or key on the code: `gso_code == \"\(code)\"`",
                "province_aliases lists the spellings chiso knows"],
        severity: .warning)
    }
    return nil
  }

  /// NFC, case folded, whitespace collapsed: how the alias table keys its spellings.
  static func normalized(_ s: String) -> String {
    s.precomposedStringWithCanonicalMapping.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }

  /// `year == N` and `province == "…"` comparisons in the filters of a selection.
  static func filterLiterals(_ node: PlanNode, table: Table) -> (years: [Int], yearSpan: Span?, provinces: [(String, Span)]) {
    var years: [Int] = []
    var yearSpan: Span? = nil
    var provinces: [(String, Span)] = []
    var current = node
    while case .filter(let input, let condition) = current {
      for (column, value, span) in equalities(condition) where column < table.columnCount {
        switch (table.names[column], value) {
        case ("year", .int(let y)):
          years.append(Int(y))
          yearSpan = yearSpan ?? span
        case ("province", .text(let s)): provinces.append((s, span))
        default: break
        }
      }
      current = input.node
    }
    return (years, yearSpan, provinces)
  }

  /// `column == literal` in a condition's `&&` tree (an `||` could be satisfied otherwise).
  static func equalities(_ e: BoundExpr) -> [(Int, Value, Span)] {
    guard case .call(let f, let args) = e.kind, args.count == 2 else { return [] }
    switch f.name {
    case "&&": return args.flatMap(equalities)
    case "==":
      if case .column(let c) = args[0].kind, case .literal(let v) = args[1].kind { return [(c, v, e.span)] }
      if case .column(let c) = args[1].kind, case .literal(let v) = args[0].kind { return [(c, v, e.span)] }
      return []
    default: return []
    }
  }

  /// The selections of manifest tables (a scan and the filters right above it), each with whether
  /// an aggregate or a window function above it relates its rows to each other (ranks them,
  /// averages them); a join alone only looks things up.
  static func collect(_ node: PlanNode, related: Bool, into out: inout [(String, PlanNode, Bool)]) {
    if let table = BreakCheck.selectionTable(node) {
      out.append((table, node, related))
      return
    }
    let relates: Bool
    switch node {
    case .aggregate, .window: relates = true
    default: relates = related
    }
    for child in BreakCheck.children(node) { collect(child, related: relates, into: &out) }
  }

  /// Where the query names the table, skipping `#` comments (a script's header often names it).
  static func tableSpan(_ table: String, in source: SourceFile) -> Span? {
    let bytes = Array(source.text.utf8)
    let needle = Array(table.utf8)
    guard !needle.isEmpty, needle.count <= bytes.count else { return nil }
    func isWord(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b == 95 }
    var inComment = false
    var quote: UInt8? = nil
    var i = 0
    while i + needle.count <= bytes.count {
      let b = bytes[i]
      if inComment {
        if b == 10 { inComment = false }
      } else if let q = quote {
        if b == q { quote = nil }
      } else if b == UInt8(ascii: "#") {
        inComment = true
      } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
        quote = b
      } else if bytes[i..<(i + needle.count)].elementsEqual(needle),
        i == 0 || !isWord(bytes[i - 1]), i + needle.count == bytes.count || !isWord(bytes[i + needle.count])
      {
        return Span(i, i + needle.count)
      }
      i += 1
    }
    return nil
  }
}
