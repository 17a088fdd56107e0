import ChisoEngine
import ChisoLocale

/// The data of a bar chart, ordered and annotated; drawn by `TerminalChart` and `SVGChart`.
struct BarModel {
  struct Bar {
    var label: String
    var value: Double
    var highlighted: Bool
  }

  var title: String
  var columns: ChartColumns
  /// Best first: descending, or ascending for ranks; table order when labels are years.
  var bars: [Bar]
  /// How the bars are ordered, for the subtitle.
  var order: String
  var rows: ChartRows
  var notes: [String]

  var hasNegative: Bool { bars.contains { $0.value < 0 } }

  init(_ table: Table, _ spec: ChartSpec, _ columns: ChartColumns) {
    self.columns = columns
    rows = ChartRows(table, columns)
    let language = spec.language
    title = spec.title ?? L10n.text("chart.by", language, columns.value, columns.label ?? L10n.text("chart.row", language))
    var bars: [Bar] = []
    var missing: [String] = []
    for row in 0..<rows.count {
      if let value = rows.values[row] {
        bars.append(
          Bar(label: rows.labels[row], value: value, highlighted: ChartHighlight.matches(rows.labels[row], spec.highlight)))
      } else {
        missing.append(rows.labels[row])
      }
    }
    let keepOrder = columns.label?.lowercased() == "year"
    if keepOrder {
      order = L10n.text("chart.order.table", language)
    } else if columns.lowerIsBetter {
      order = L10n.text("chart.order.lowest", language)
      bars = Self.stableSorted(bars) { $0.value < $1.value }
    } else {
      order = L10n.text("chart.order.highest", language)
      bars = Self.stableSorted(bars) { $0.value > $1.value }
    }
    self.bars = bars
    var notes: [String] = []
    if !missing.isEmpty {
      notes.append(
        L10n.text("chart.note.nulls", language, missing.count, columns.value, ChartText.list(missing, limit: 8, language)))
    }
    let labels = rows.labels
    let repeated = labels.count - Set(labels).count
    if repeated > 0, columns.label != nil {
      notes.append(L10n.text("chart.note.repeats", language, repeated, columns.label ?? "label"))
    }
    notes += ChartText.highlightNotes(
      spec.highlight, found: bars.contains { $0.highlighted } || missing.contains { ChartHighlight.matches($0, spec.highlight) },
      language)
    self.notes = notes
  }

  static func stableSorted(_ bars: [Bar], by better: (Bar, Bar) -> Bool) -> [Bar] {
    bars.enumerated().sorted { a, b in
      if better(a.element, b.element) { return true }
      if better(b.element, a.element) { return false }
      return a.offset < b.offset
    }.map(\.element)
  }
}

/// The data of sparklines: one line per unit over the sorted series values, on one scale.
struct SparkModel {
  struct Line {
    var label: String
    /// One value per key (nil = no value that period).
    var points: [Double?]
    var highlighted: Bool
    var last: (value: Double, key: Int)? {
      for index in points.indices.reversed() { if let v = points[index] { return (v, index) } }
      return nil
    }
  }

  var title: String
  var columns: ChartColumns
  var keys: [SeriesKey]
  var lines: [Line]
  var low: Double
  var high: Double
  var rows: ChartRows
  var notes: [String]
  var gaps: Int

  init(_ table: Table, _ spec: ChartSpec, _ columns: ChartColumns) throws(ChartError) {
    self.columns = columns
    rows = ChartRows(table, columns)
    let seriesName = columns.series ?? "year"
    var keys = Set<SeriesKey>()
    var noKey = 0
    for row in 0..<rows.count {
      if row < rows.series.count, let key = rows.series[row] { keys.insert(key) } else { noKey += 1 }
    }
    var sorted = keys.sorted()
    // Whole-number periods (years) keep their spacing: a missing year is a gap, not skipped.
    var absent: [String] = []
    if let seriesIndex = columns.series.flatMap(table.index(of:)), table.columns[seriesIndex].type == .int,
      let lowKey = sorted.first?.number, let highKey = sorted.last?.number, highKey - lowKey < 400,
      abs(lowKey) < 1e15, abs(highKey) < 1e15
    {
      let present = Set(sorted.compactMap(\.number))
      var filled: [SeriesKey] = []
      var year = lowKey
      while year <= highKey {
        let key = SeriesKey(.int(Int64(year)))
        if !present.contains(year) { absent.append(key.label) }
        filled.append(key)
        year += 1
      }
      sorted = filled
    }
    self.keys = sorted
    let position = Dictionary(uniqueKeysWithValues: self.keys.enumerated().map { ($1, $0) })
    var order: [String] = []
    var byLabel: [String: [Double?]] = [:]
    var seen: Set<[String]> = []
    var nulls = 0
    for row in 0..<rows.count {
      guard row < rows.series.count, let key = rows.series[row], let x = position[key] else { continue }
      let label = rows.labels[row]
      if !seen.insert([label, key.label]).inserted {
        throw ChartError(
          "several rows for \(label) at \(seriesName) \(key.label): a sparkline needs one value per unit and \(seriesName) (filter to one component?)")
      }
      if byLabel[label] == nil {
        order.append(label)
        byLabel[label] = [Double?](repeating: nil, count: self.keys.count)
      }
      if let value = rows.values[row] { byLabel[label]?[x] = value } else { nulls += 1 }
    }
    var lines = order.map { label in
      Line(label: label, points: byLabel[label] ?? [], highlighted: ChartHighlight.matches(label, spec.highlight))
    }
    // Best latest value first; units with no value last.
    let lowerIsBetter = columns.lowerIsBetter
    lines = lines.enumerated().sorted { a, b in
      switch (a.element.last?.value, b.element.last?.value) {
      case (let x?, let y?):
        if x != y { return lowerIsBetter ? x < y : x > y }
        return a.offset < b.offset
      case (.some, nil): return true
      case (nil, .some): return false
      case (nil, nil): return a.offset < b.offset
      }
    }.map(\.element)
    self.lines = lines
    let all = lines.flatMap { $0.points.compactMap { $0 } }
    low = all.min() ?? 0
    high = all.max() ?? 0
    gaps = lines.reduce(0) { $0 + $1.points.filter { $0 == nil }.count }
    let language = spec.language
    let title = spec.title ?? L10n.text("chart.by", language, columns.value, seriesName)
    self.title = title
    var notes: [String] = []
    if gaps > 0 {
      var note = L10n.count("chart.note.gaps", gaps, language, columns.value, seriesName)
      var reasons: [String] = []
      if nulls > 0 { reasons.append(L10n.text("chart.note.null-count", language, nulls)) }
      if !absent.isEmpty { reasons.append(L10n.text("chart.note.absent", language, ChartText.list(absent, limit: 8, language))) }
      if !reasons.isEmpty { note += " (" + reasons.joined(separator: "; ") + ")" }
      notes.append(note)
    }
    if noKey > 0 { notes.append(L10n.text("chart.note.no-series", language, noKey, seriesName)) }
    notes += ChartText.highlightNotes(spec.highlight, found: lines.contains { $0.highlighted }, language)
    self.notes = notes
  }

  /// The level 0...levels-1 of a value on the shared scale; ranks are inverted so that a higher
  /// level is always better.
  func level(_ value: Double, levels: Int) -> Int {
    guard high > low else { return levels / 2 }
    var fraction = (value - low) / (high - low)
    guard fraction.isFinite else { return levels / 2 }
    if columns.lowerIsBetter { fraction = 1 - fraction }
    return min(levels - 1, max(0, Int((fraction * Double(levels - 1)).rounded())))
  }

  /// Best and worst point of a line: (value, key index).
  func extremes(_ line: Line) -> (best: (Double, Int), worst: (Double, Int))? {
    var best: (Double, Int)? = nil
    var worst: (Double, Int)? = nil
    for (index, point) in line.points.enumerated() {
      guard let point else { continue }
      let better = columns.lowerIsBetter ? { (a: Double, b: Double) in a < b } : { (a: Double, b: Double) in a > b }
      if best == nil || better(point, best?.0 ?? point) { best = (point, index) }
      if worst == nil || better(worst?.0 ?? point, point) { worst = (point, index) }
    }
    guard let best, let worst else { return nil }
    return (best, worst)
  }
}

/// The data of a slope chart: each unit's rank in two periods.
struct SlopeModel {
  struct Entry {
    var label: String
    /// The rank shown (a published rank, or the competition rank of the score).
    var rank: Double
    var value: Double
    var highlighted: Bool
  }

  var title: String
  var columns: ChartColumns
  var nameA: String
  var nameB: String
  /// Units in period A by rank, best first; likewise B.
  var left: [Entry]
  var right: [Entry]
  var rankA: [String: Double]
  var rankB: [String: Double]
  var decimals: Int
  var notes: [String]
  /// Whether ranks were computed from scores (else the values are ranks).
  var ranksFromValues: Bool

  init(_ table: Table, _ spec: ChartSpec, _ columns: ChartColumns) throws(ChartError) {
    self.columns = columns
    let rows = ChartRows(table, columns)
    let language = spec.language
    var notes: [String] = []
    var a: [(String, Double)] = []
    var b: [(String, Double)] = []
    var missingA: [String] = []
    var missingB: [String] = []
    if let _ = columns.secondValue {
      nameA = columns.value
      nameB = columns.secondValue ?? ""
      // `compare`'s output names its periods in `year_from` and `year_to`.
      if let from = Self.constant(table, "year_from"), let to = Self.constant(table, "year_to"), from != to {
        nameA = from
        nameB = to
      }
      for row in 0..<rows.count {
        let label = rows.labels[row]
        if let v = rows.values[row] { a.append((label, v)) } else { missingA.append(label) }
        if row < rows.seconds.count, let v = rows.seconds[row] { b.append((label, v)) } else { missingB.append(label) }
      }
    } else {
      let seriesName = columns.series ?? "year"
      let keys = Set(rows.series.compactMap { $0 }).sorted()
      guard let first = keys.first, let last = keys.last, keys.count >= 2 else {
        throw ChartError(
          "a slope chart needs two values of `\(seriesName)`; the result has \(keys.count) (e.g. filter (\(seriesName) | in [2015, 2016]))")
      }
      if keys.count > 2 {
        notes.append(L10n.text("chart.note.periods", language, keys.count, seriesName, first.label, last.label))
      }
      nameA = first.label
      nameB = last.label
      for row in 0..<rows.count {
        guard row < rows.series.count, let key = rows.series[row] else { continue }
        let label = rows.labels[row]
        if key == first {
          if let v = rows.values[row] { a.append((label, v)) } else { missingA.append(label) }
        } else if key == last {
          if let v = rows.values[row] { b.append((label, v)) } else { missingB.append(label) }
        }
      }
    }
    for (side, name) in [(a, nameA), (b, nameB)] {
      var seen = Set<String>()
      for (label, _) in side where !seen.insert(label).inserted {
        throw ChartError(
          "several rows for \(label) in \(name): a slope chart needs one value per unit and period (filter to one component?)")
      }
    }
    let lowerIsBetter = columns.lowerIsBetter
    ranksFromValues = !lowerIsBetter
    func ranked(_ side: [(String, Double)]) -> [Entry] {
      let values = side.map(\.1)
      let ranks: [Double] =
        lowerIsBetter ? values : ChartRanks.competition(values, lowerIsBetter: false).map(Double.init)
      let entries = zip(side, ranks).map { pair, rank in
        Entry(label: pair.0, rank: rank, value: pair.1, highlighted: ChartHighlight.matches(pair.0, spec.highlight))
      }
      return entries.enumerated().sorted { x, y in
        x.element.rank != y.element.rank ? x.element.rank < y.element.rank : x.offset < y.offset
      }.map(\.element)
    }
    left = ranked(a)
    right = ranked(b)
    rankA = Dictionary(left.map { ($0.label, $0.rank) }, uniquingKeysWith: { x, _ in x })
    rankB = Dictionary(right.map { ($0.label, $0.rank) }, uniquingKeysWith: { x, _ in x })
    decimals = (left + right).allSatisfy { $0.rank == $0.rank.rounded() } ? 0 : 2
    let what = lowerIsBetter ? columns.value : L10n.text("chart.rank-by", language, columns.value)
    if let second = columns.secondValue {
      let periods = nameA == columns.value ? "" : ", \(nameA) → \(nameB)"
      title = spec.title ?? "\(columns.value) → \(second)" + periods
    } else {
      title = spec.title ?? "\(what), \(nameA) → \(nameB)"
    }
    if !missingA.isEmpty {
      notes.append(L10n.text("chart.note.missing-in", language, missingA.count, columns.value, nameA, ChartText.list(missingA, limit: 8, language)))
    }
    if !missingB.isEmpty {
      notes.append(L10n.text("chart.note.missing-in", language, missingB.count, columns.value, nameB, ChartText.list(missingB, limit: 8, language)))
    }
    notes += ChartText.highlightNotes(
      spec.highlight, found: (left + right).contains { $0.highlighted }, language)
    self.notes = notes
  }

  /// The one non-null value of column `name`, when it has exactly one.
  static func constant(_ table: Table, _ name: String) -> String? {
    guard let index = table.index(of: name) else { return nil }
    let column = table.columns[index]
    var found: Value? = nil
    for row in 0..<min(table.rowCount, column.count) where !column.isNull(row) {
      let value = column.value(at: row)
      if let found, found != value { return nil }
      found = value
    }
    return found?.description
  }

  /// Places moved up from A to B (positive = better); nil when the unit is missing from either.
  func movement(_ label: String) -> Double? {
    guard let a = rankA[label], let b = rankB[label] else { return nil }
    return a - b
  }

  func rankText(_ rank: Double) -> String { ChartNumber.format(rank, decimals: decimals) }
}

/// Shared wording.
enum ChartText {
  /// `a, b, c and 4 more`.
  static func list(_ items: [String], limit: Int, _ language: Language = .en) -> String {
    let shown = items.prefix(limit).joined(separator: ", ")
    return items.count > limit ? L10n.text("chart.and-more", language, shown, items.count - limit) : shown
  }

  static func highlightNotes(_ highlight: String?, found: Bool, _ language: Language = .en) -> [String] {
    guard let highlight, !found else { return [] }
    return [L10n.text("chart.note.highlight", language, highlight)]
  }
}
