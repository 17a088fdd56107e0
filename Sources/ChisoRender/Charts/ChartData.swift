import ChisoEngine

/// The columns a chart draws, after inference: every name here exists in the table.
public struct ChartColumns: Sendable, Equatable {
  public var kind: ChartSpec.Kind
  /// The label column; nil when the table has none (a single unlabelled series).
  public var label: String?
  /// The drawn value (the first period of a wide slope chart).
  public var value: String
  /// The x axis (sparkline) or period column (slope, long form).
  public var series: String?
  /// The second period of a wide slope chart.
  public var secondValue: String?
  /// Whether smaller values are better (ranks).
  public var lowerIsBetter: Bool

  public init(
    kind: ChartSpec.Kind, label: String?, value: String, series: String?, secondValue: String?,
    lowerIsBetter: Bool
  ) {
    self.kind = kind
    self.label = label
    self.value = value
    self.series = series
    self.secondValue = secondValue
    self.lowerIsBetter = lowerIsBetter
  }

  /// The columns `spec` names, with sensible choices for those it leaves out:
  /// - series: an int column named `year` (sparkline and slope only);
  /// - value: the last numeric column other than the series (for a wide slope chart, the last
  ///   two, skipping names with `change`, `delta` or `diff` when others remain);
  /// - label: the first text column not otherwise used, else the first column not used;
  /// - kind: a slope chart when the series has exactly two values, a sparkline when it has
  ///   more, else a bar chart.
  public static func infer(_ table: Table, _ spec: ChartSpec) throws(ChartError) -> ChartColumns {
    func column(_ name: String, _ role: String) throws(ChartError) -> Int {
      guard let index = table.index(of: name) else {
        let known = table.names.map { "`\($0)`" }.joined(separator: ", ")
        throw ChartError("no column `\(name)` for the chart's \(role); columns: \(known)")
      }
      return index
    }
    func requireNumeric(_ index: Int, _ role: String) throws(ChartError) {
      let type = table.columns[index].type
      guard type.isNumeric || type == .null else {
        throw ChartError("the chart's \(role) `\(table.names[index])` is \(type), not a number")
      }
    }
    if let name = spec.label { _ = try column(name, "label") }
    if let name = spec.value { try requireNumeric(try column(name, "value"), "value") }
    if let name = spec.secondValue {
      try requireNumeric(try column(name, "second value"), "second value")
    }

    // The series (x axis): given, or an int column named `year`.
    var series: Int? = nil
    if let name = spec.series {
      series = try column(name, "series")
    } else if spec.kind != .bar {
      series = table.columns.indices.first {
        table.names[$0].lowercased() == "year" && table.columns[$0].type == .int
          && table.names[$0] != spec.value && table.names[$0] != spec.label
      }
    }
    let kind = spec.kind ?? inferKind(table, series: series, label: spec.label)
    if kind == .bar, spec.series == nil { series = nil }

    let numeric = table.columns.indices.filter {
      table.columns[$0].type.isNumeric && $0 != series && table.names[$0] != spec.label
    }
    var value: Int
    var second: Int? = nil
    if kind == .slope, series == nil {
      // Wide form: two numeric columns are the two periods.
      if let a = spec.value, let b = spec.secondValue {
        value = try column(a, "value")
        second = try column(b, "second value")
      } else {
        var candidates = numeric.filter {
          $0 != spec.value.flatMap(table.index(of:)) && $0 != spec.secondValue.flatMap(table.index(of:))
        }
        let steady = candidates.filter {
          !isChangeName(table.names[$0]) && !table.names[$0].lowercased().hasPrefix("year")
        }
        if steady.count >= 2 { candidates = steady }
        if let a = spec.value {
          value = try column(a, "value")
          guard let b = candidates.last else {
            throw ChartError(
              "a slope chart needs two periods: a `year` column, or two numeric columns such as `rank_2015, rank_2016`")
          }
          second = b
        } else if let b = spec.secondValue {
          second = try column(b, "second value")
          guard let a = candidates.last else {
            throw ChartError(
              "a slope chart needs two periods: a `year` column, or two numeric columns such as `rank_2015, rank_2016`")
          }
          value = a
        } else {
          guard candidates.count >= 2 else {
            throw ChartError(
              "a slope chart needs two periods: a `year` column (long form), or two numeric columns such as `rank_2015, rank_2016` (wide form)")
          }
          value = candidates[candidates.count - 2]
          second = candidates[candidates.count - 1]
        }
      }
    } else {
      if let name = spec.value {
        value = try column(name, "value")
      } else {
        guard let last = numeric.last else {
          throw ChartError(
            "nothing to draw: the result has no numeric column besides the x axis (columns: \(table.names.joined(separator: ", ")))")
        }
        value = last
      }
    }
    if kind == .sparkline || kind == .line, series == nil {
      throw ChartError(
        "a \(kind == .line ? "line chart" : "sparkline") needs an x axis: keep an int column named `year` in the result (or name the series column)")
    }

    // The label: given, or the first text column not otherwise used, else any column not used.
    let used: Set<Int> = Set([value, series, second].compactMap { $0 })
    var label: Int? = nil
    if let name = spec.label {
      label = try column(name, "label")
    } else {
      label =
        table.columns.indices.first { !used.contains($0) && table.columns[$0].type == .text }
        ?? (kind == .bar ? table.columns.indices.first { !used.contains($0) } : nil)
    }
    let valueName = table.names[value]
    return ChartColumns(
      kind: kind, label: label.map { table.names[$0] }, value: valueName,
      series: series.map { table.names[$0] }, secondValue: second.map { table.names[$0] },
      lowerIsBetter: spec.lowerIsBetter ?? isRankName(valueName))
  }

  /// A slope chart when the series column holds exactly two values, a sparkline when it holds
  /// more, else a bar chart.
  static func inferKind(_ table: Table, series: Int?, label: String?) -> ChartSpec.Kind {
    guard let series, series < table.columns.count else { return .bar }
    let column = table.columns[series]
    var distinct = Set<Value>()
    for row in 0..<min(table.rowCount, column.count) where !column.isNull(row) {
      distinct.insert(column.value(at: row))
      if distinct.count > 2 { return .sparkline }
    }
    return distinct.count == 2 ? .slope : .bar
  }

  /// Whether a column name reads as a rank (`rank`, `rank_2016`, `pci_rank`) rather than a
  /// change of rank (`rank_change`, `rank_delta`).
  public static func isRankName(_ name: String) -> Bool {
    let lower = name.lowercased()
    return lower.contains("rank") && !isChangeName(lower)
  }

  static func isChangeName(_ name: String) -> Bool {
    let lower = name.lowercased()
    return ["change", "delta", "diff", "move", "gain", "shift"].contains { lower.contains($0) }
  }
}

/// The rows of a table as a chart needs them: labels, values and series keys, with nulls and
/// non-finite numbers as nil.
struct ChartRows {
  var labels: [String]
  var values: [Double?]
  var seconds: [Double?]
  var series: [SeriesKey?]
  /// Decimal places for the values: 0 for whole numbers, else 2.
  var decimals: Int
  var count: Int { labels.count }

  init(_ table: Table, _ columns: ChartColumns) {
    let n = table.rowCount
    func numbers(_ name: String?) -> [Double?] {
      guard let name, let index = table.index(of: name) else { return [] }
      let column = table.columns[index]
      return (0..<n).map { row in
        guard row < column.count, let value = column.value(at: row).asDouble, value.isFinite else {
          return nil
        }
        return value
      }
    }
    if let name = columns.label, let index = table.index(of: name) {
      let column = table.columns[index]
      labels = (0..<n).map { row in row < column.count ? column.value(at: row).description : "null" }
    } else {
      // No label column: bars are numbered, a single series is named after its value column.
      labels = (0..<n).map { columns.kind == .bar ? String($0 + 1) : columns.value }
    }
    values = numbers(columns.value)
    seconds = numbers(columns.secondValue)
    if let name = columns.series, let index = table.index(of: name) {
      let column = table.columns[index]
      series = (0..<n).map { row in
        guard row < column.count, !column.isNull(row) else { return nil }
        return SeriesKey(column.value(at: row))
      }
    } else {
      series = []
    }
    let whole = (values + seconds).allSatisfy { value in
      guard let value else { return true }
      return value == value.rounded() && abs(value) < 1e15
    }
    decimals = whole ? 0 : 2
  }

  func format(_ value: Double, sign: Bool = false) -> String {
    ChartNumber.format(value, decimals: decimals, sign: sign)
  }
}

/// One value of the series column: sorts numerically when it is a number or date, else by text.
struct SeriesKey: Hashable, Comparable {
  var label: String
  var number: Double?

  init(_ value: Value) {
    label = value.description
    switch value {
    case .int(let v): number = Double(v)
    case .float(let v): number = v
    case .date(let v): number = Double(v)
    case .timestamp(let v): number = Double(v)
    default: number = nil
    }
  }

  static func < (a: SeriesKey, b: SeriesKey) -> Bool {
    switch (a.number, b.number) {
    case (let x?, let y?): return x < y
    case (.some, nil): return true
    case (nil, .some): return false
    case (nil, nil): return Array(a.label.utf8).lexicographicallyPrecedes(Array(b.label.utf8))
    }
  }
}

/// Fixed-point number text without Foundation or locale.
enum ChartNumber {
  static func format(_ value: Double, decimals: Int, sign: Bool = false) -> String {
    guard value.isFinite else { return FloatFormat.shortest(value) }
    var scale = 1.0
    for _ in 0..<max(0, decimals) { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    guard scaled < 9e15 else { return FloatFormat.shortest(value) }
    let units = Int64(scaled)
    let whole = units / Int64(scale)
    var text = String(whole)
    if decimals > 0 {
      let fraction = String(units % Int64(scale))
      text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
    if value < 0 && units != 0 { return "-" + text }
    if sign && units != 0 { return "+" + text }
    return text
  }
}

/// Which of `count` ordered rows to show: the first `limit`, plus those in `always` (the
/// highlighted unit); runs of two or more hidden rows become one `… N more` gap.
enum RowWindow {
  enum Item: Equatable {
    case row(Int)
    case gap(Int)
  }

  static func items(count: Int, limit: Int, always: Set<Int>) -> [Item] {
    let limit = max(1, limit)
    var items: [Item] = []
    var hidden: [Int] = []
    func flush() {
      if hidden.count == 1 { items.append(.row(hidden[0])) }
      if hidden.count > 1 { items.append(.gap(hidden.count)) }
      hidden = []
    }
    for index in 0..<max(0, count) {
      if count <= limit || index < limit || always.contains(index) {
        flush()
        items.append(.row(index))
      } else {
        hidden.append(index)
      }
    }
    flush()
    return items
  }
}

/// Ranks as publishers give them: competition ranks (1, 2, 2, 4), best first.
enum ChartRanks {
  /// The rank of each value among `values`; `lowerIsBetter` ranks the smallest first.
  static func competition(_ values: [Double], lowerIsBetter: Bool) -> [Int] {
    let order = values.indices.sorted { a, b in
      lowerIsBetter ? values[a] < values[b] : values[a] > values[b]
    }
    var ranks = [Int](repeating: 0, count: values.count)
    for (position, index) in order.enumerated() {
      if position > 0, values[order[position - 1]] == values[index] {
        ranks[index] = ranks[order[position - 1]]
      } else {
        ranks[index] = position + 1
      }
    }
    return ranks
  }
}

/// Label matching for `highlight`: canonical equivalence (NFC = NFD), then ignoring case.
enum ChartHighlight {
  static func matches(_ label: String, _ highlight: String?) -> Bool {
    guard let highlight else { return false }
    return label == highlight || label.lowercased() == highlight.lowercased()
  }
}
