import ChisoEngine
import ChisoLocale

/// A result with several numeric columns and no column named to draw (`--value`): every
/// series is drawn, or the chart refuses and names the columns to pick from. Nothing is
/// dropped silently.
///
/// - Lines over a series (years): one line per column (per unit and column, when the result
///   has several units) on one chart with a legend — when the columns share a scale (all ranks
///   or none, their largest values within a factor of 20) and there are at most `maxLines`
///   lines. Otherwise a panel per column, on its own axis (each cut, with a note, like any
///   line chart).
/// - Sparklines: one unit's columns as rows on one scale when they share it; else a panel per
///   column.
/// - Bars: one panel per column.
/// - More columns than `maxPanels` that cannot share one chart: an error that lists the
///   columns and says how to pick one.
enum WideChart {
  static let maxLines = 8
  static let maxPanels = 4

  enum Plan {
    /// Not a wide table (or a column was named): draw as it is.
    case single
    /// One chart of a long table built from the columns: one line per column (and unit).
    case melted(Table, ChartSpec, columns: [String])
    /// One chart per column, each drawing the column its spec names.
    case panels([ChartSpec])
  }

  static func plan(_ table: Table, _ spec: ChartSpec) throws(ChartError) -> Plan {
    guard spec.value == nil, spec.secondValue == nil else { return .single }
    var series: Int? = nil
    if let name = spec.series {
      series = table.index(of: name)
    } else if spec.kind != .bar {
      series = table.columns.indices.first { table.names[$0].lowercased() == "year" && table.columns[$0].type == .int }
    }
    let kind = spec.kind ?? ChartColumns.inferKind(table, series: series, label: spec.label)
    guard kind != .slope else { return .single }
    let numeric = table.columns.indices.filter { index in
      let name = table.names[index]
      // `year_from`, `year_to` (compare's periods) are not series to draw.
      return table.columns[index].type.isNumeric && index != series && name != spec.label
        && !name.lowercased().hasPrefix("year")
    }
    guard numeric.count >= 2 else { return .single }
    let names = numeric.map { table.names[$0] }
    let language = spec.language

    guard kind != .bar, let series else {
      guard names.count <= maxPanels else { throw tooMany(names, lines: nil, language) }
      return .panels(panelSpecs(names, spec, kind: .bar))
    }
    // The units: the label column's distinct values (one unit when there is none).
    let label =
      spec.label.flatMap(table.index(of:))
      ?? table.columns.indices.first { $0 != series && !numeric.contains($0) && table.columns[$0].type == .text }
    var units: [String] = []
    if let label {
      var seen = Set<String>()
      for row in 0..<table.rowCount {
        let text = table.columns[label].value(at: row).description
        if seen.insert(text).inserted { units.append(text) }
      }
    }
    let lines = max(1, units.count) * names.count
    // One chart when the columns share a scale and the lines stay readable (sparklines: one
    // unit's columns as rows on one scale); else a panel per column, each cut like any chart.
    let oneChart = kind == .sparkline ? units.count <= 1 : lines <= maxLines
    if sharedScale(table, numeric), oneChart {
      let valueName = ChartText.and(names, language)
      let long = melt(table, numeric, series: series, label: units.count > 1 ? label : nil, valueName: valueName)
      return .melted(long, meltedSpec(spec, names, valueName, table, numeric), columns: names)
    }
    guard names.count <= maxPanels else { throw tooMany(names, lines: names.count <= maxLines ? nil : lines, language) }
    return .panels(panelSpecs(names, spec, kind: kind))
  }

  /// Whether the columns can share one axis: all ranks or all not, and their largest values
  /// within a factor of 20.
  static func sharedScale(_ table: Table, _ numeric: [Int]) -> Bool {
    let ranks = numeric.filter { ChartColumns.isRankName(table.names[$0]) }
    guard ranks.isEmpty || ranks.count == numeric.count else { return false }
    let sizes: [Double] = numeric.compactMap { index in
      let column = table.columns[index]
      var size = 0.0
      for row in 0..<min(table.rowCount, column.count) {
        if let value = column.value(at: row).asDouble, value.isFinite { size = max(size, abs(value)) }
      }
      return size > 0 ? size : nil
    }
    guard let low = sizes.min(), let high = sizes.max() else { return true }
    return high / low <= 20
  }

  /// A long table: one row per input row and column — the line's name (`score`, or
  /// `Lai Châu · score` with several units), the series value, and the value.
  static func melt(_ table: Table, _ numeric: [Int], series: Int, label: Int?, valueName: String) -> Table {
    var names: [Value] = []
    var keys: [Value] = []
    var values: [Value] = []
    for row in 0..<table.rowCount {
      let unit = label.map { table.columns[$0].value(at: row).description + " · " } ?? ""
      for index in numeric {
        names.append(.text(unit + table.names[index]))
        keys.append(table.columns[series].value(at: row))
        values.append(table.columns[index].value(at: row).asDouble.map(Value.float) ?? .null)
      }
    }
    let lineName = label.map { table.names[$0] + " · column" } ?? "column"
    return Table(
      names: [lineName, table.names[series], valueName],
      columns: [
        Column.from(names, type: .text), Column.from(keys, type: table.columns[series].type), Column.from(values, type: .float),
      ])
  }

  static func meltedSpec(_ spec: ChartSpec, _ names: [String], _ valueName: String, _ table: Table, _ numeric: [Int]) -> ChartSpec {
    var out = spec
    out.label = nil
    out.value = valueName
    if out.lowerIsBetter == nil { out.lowerIsBetter = numeric.allSatisfy { ChartColumns.isRankName(table.names[$0]) } }
    return out
  }

  static func panelSpecs(_ names: [String], _ spec: ChartSpec, kind: ChartSpec.Kind) -> [ChartSpec] {
    names.map { name in
      var panel = spec
      panel.kind = kind
      panel.value = name
      if let title = spec.title { panel.title = "\(title): \(name)" }
      return panel
    }
  }

  static func tooMany(_ names: [String], lines: Int?, _ language: Language) -> ChartError {
    let list = ChartText.list(names.map { "`\($0)`" }, limit: 12, language)
    let example = names.first ?? "score"
    let what = lines.map { L10n.text("chart.wide.lines", language, $0) } ?? L10n.text("chart.wide.panels", language)
    return ChartError(L10n.text("chart.wide.too-many", language, names.count, list, what, example))
  }

  /// What a chart of `table` draws, for the line saying an SVG file was written.
  static func description(_ table: Table, _ spec: ChartSpec) -> String? {
    switch try? plan(table, spec) {
    case .melted(_, _, let columns)?: return ChartText.and(columns, spec.language)
    case .panels(let specs)?: return ChartText.and(specs.compactMap(\.value), spec.language)
    default: return nil
    }
  }
}

extension ChartText {
  /// `a, b and c` (`a, b và c`).
  static func and(_ items: [String], _ language: Language) -> String {
    guard items.count > 1, let last = items.last else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + (language == .vi ? " và " : " and ") + last
  }
}
