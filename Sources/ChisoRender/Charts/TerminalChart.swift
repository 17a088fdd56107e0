import ChisoEngine
import ChisoLocale

/// Charts as terminal text: Unicode block characters (or plain ASCII), aligned by display
/// width so that Vietnamese names line up in NFC and NFD alike.
///
/// ```
/// score by province · 3 bars, highest first
///   Đà Nẵng     ███████████████████████████████████████████████ 70.00
///   Quảng Ninh  ████████████████████████████████████████████▏   65.60
/// ▶ Lai Châu    ████████████████████████████████████▏           53.46
/// ```
public enum TerminalChart {
  /// The chart of `table` as `spec` asks, ending with a newline.
  public static func render(_ table: Table, _ spec: ChartSpec) throws(ChartError) -> String {
    switch try WideChart.plan(table, spec) {
    case .single: break
    case .melted(let long, let longSpec, _): return try render(long, longSpec)
    case .panels(let specs):
      var out: [String] = []
      for panel in specs { out.append(try render(table, panel)) }
      return out.joined(separator: "\n")
    }
    let columns = try ChartColumns.infer(table, spec)
    switch columns.kind {
    case .bar: return bar(BarModel(table, spec, columns), spec)
    case .sparkline: return sparkline(try SparkModel(table, spec, columns), spec)
    case .line: return line(try SparkModel(table, spec, columns), spec)
    case .slope: return slope(try SlopeModel(table, spec, columns), spec)
    }
  }

  // MARK: Glyphs

  struct Glyphs {
    var marker: String
    var full: String
    var eighths: [String]
    var axis: String
    var levels: [String]
    var gap: String
    var ellipsis: String
    var up: String
    var down: String
    var rise: String
    var fall: String
    var level: String
    var gone: String
    var dot: String
    var arrow: String
    var dash: String
    var separator: String
    let ascii: Bool

    /// A title as printed: controls escaped; in ASCII, the arrow between periods spelled `->`.
    func title(_ text: String) -> String {
      let escaped = Escape.controls(text)
      return ascii ? escaped.replacing(" → ", with: " -> ") : escaped
    }

    init(ascii: Bool) {
      self.ascii = ascii
      separator = ascii ? " - " : " · "
      if ascii {
        marker = ">"
        full = "#"
        eighths = []
        axis = "|"
        levels = ["_", ".", "-", ":", "=", "+", "*", "#"]
        gap = " "
        ellipsis = "..."
        up = "+"
        down = "-"
        rise = "/"
        fall = "\\"
        level = "-"
        gone = "x"
        dot = "-"
        arrow = "->"
        dash = "-"
      } else {
        marker = "▶"
        full = "█"
        eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        axis = "│"
        levels = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        gap = "·"
        ellipsis = "…"
        up = "↑"
        down = "↓"
        rise = "↗"
        fall = "↘"
        level = "→"
        gone = "×"
        dot = "·"
        arrow = "→"
        dash = "–"
      }
    }
  }

  // MARK: Layout helpers

  static func pad(_ text: String, _ width: Int) -> String {
    let w = DisplayWidth.of(text)
    return w >= width ? text : text + String(repeating: " ", count: width - w)
  }

  static func padLeft(_ text: String, _ width: Int) -> String {
    let w = DisplayWidth.of(text)
    return w >= width ? text : String(repeating: " ", count: width - w) + text
  }

  /// A label as it is printed: controls escaped, cut to `width` columns.
  static func cell(_ label: String, _ width: Int, _ glyphs: Glyphs) -> String {
    DisplayWidth.truncate(Escape.controls(label), toWidth: width, ellipsis: glyphs.ellipsis)
  }

  static func labelWidth(_ labels: [String], cap: Int) -> Int {
    min(cap, max(1, labels.map { DisplayWidth.of(Escape.controls($0)) }.max() ?? 1))
  }

  static func emphasis(_ text: String, _ on: Bool, _ spec: ChartSpec) -> String {
    on ? Colour(enabled: spec.colour).apply("1;35", text) : text
  }

  static func moreLine(_ count: Int, _ indent: Int, _ glyphs: Glyphs, _ language: Language) -> String {
    String(repeating: " ", count: indent) + glyphs.ellipsis + " " + L10n.text("chart.more", language, count) + "\n"
  }

  static func footer(_ notes: [String], _ glyphs: Glyphs, _ language: Language) -> String {
    let word = L10n.text("severity.note", language)
    return notes.map { word + ": " + Escape.controls($0) + "\n" }.joined()
  }

  /// Whole and partial cells for a bar `cells` long.
  static func bar(_ cells: Double, _ glyphs: Glyphs) -> String {
    guard cells > 0, cells.isFinite else { return "" }
    if glyphs.eighths.isEmpty {
      return String(repeating: glyphs.full, count: Int(cells.rounded()))
    }
    var whole = Int(cells)
    var eighths = Int(((cells - Double(whole)) * 8).rounded())
    if eighths == 8 {
      whole += 1
      eighths = 0
    }
    return String(repeating: glyphs.full, count: whole) + glyphs.eighths[eighths]
  }

  // MARK: Bar

  static func bar(_ model: BarModel, _ spec: ChartSpec) -> String {
    let glyphs = Glyphs(ascii: spec.ascii)
    let diverging = model.hasNegative
    let values = model.bars.map { model.rows.format($0.value, sign: diverging) }
    let valueWidth = values.map { DisplayWidth.of($0) }.max() ?? 1
    let labelWidth = labelWidth(model.bars.map(\.label), cap: max(8, min(28, spec.width / 3)))
    let barWidth = max(10, spec.width - 2 - labelWidth - 2 - valueWidth)
    var out = glyphs.title(model.title) + glyphs.separator + L10n.count("chart.bars", model.bars.count, spec.language) + ", \(model.order)\n"

    let maxPositive = max(0, model.bars.map(\.value).max() ?? 0)
    let maxNegative = max(0, -(model.bars.map(\.value).min() ?? 0))
    // Diverging bars share one scale either side of a zero axis; one column is the axis.
    let scale: Double
    var negativeWidth = 0
    var positiveWidth = barWidth
    if diverging {
      // One column for the axis and one spare so that both longest bars round to full length.
      let total = maxPositive + maxNegative
      scale = total.isFinite ? Double(barWidth - 2) / total : 0
      negativeWidth = Int((maxNegative * scale).rounded())
      positiveWidth = barWidth - 1 - negativeWidth
    } else {
      scale = maxPositive > 0 ? Double(barWidth) / maxPositive : 0
    }
    let highlighted = Set(model.bars.indices.filter { model.bars[$0].highlighted })
    for item in RowWindow.items(count: model.bars.count, limit: spec.maxRows, always: highlighted) {
      guard case .row(let index) = item else {
        if case .gap(let n) = item { out += moreLine(n, 2, glyphs, spec.language) }
        continue
      }
      let entry = model.bars[index]
      var drawn: String
      if diverging {
        let cells = min(Int((abs(entry.value) * scale).rounded()), entry.value < 0 ? negativeWidth : positiveWidth)
        let block = String(repeating: glyphs.full, count: cells)
        if entry.value < 0 {
          drawn = String(repeating: " ", count: negativeWidth - cells) + block + glyphs.axis
            + String(repeating: " ", count: positiveWidth)
        } else {
          drawn = String(repeating: " ", count: negativeWidth) + glyphs.axis + pad(block, positiveWidth)
        }
      } else {
        let cells = entry.value > 0 && scale.isFinite ? min(Double(barWidth), entry.value * scale) : 0
        drawn = pad(bar(cells, glyphs), barWidth)
      }
      let marker = entry.highlighted ? glyphs.marker + " " : "  "
      let label = pad(cell(entry.label, labelWidth, glyphs), labelWidth)
      var line = emphasis(marker + label, entry.highlighted, spec) + " "
      line += emphasis(drawn, entry.highlighted, spec) + " " + padLeft(values[index], valueWidth)
      out += line + "\n"
    }
    return out + footer(model.notes, glyphs, spec.language)
  }

  // MARK: Sparkline

  static func sparkline(_ model: SparkModel, _ spec: ChartSpec) -> String {
    let glyphs = Glyphs(ascii: spec.ascii)
    let rows = model.rows
    let labelWidth = labelWidth(model.lines.map(\.label), cap: max(8, min(28, spec.width / 4)))
    // Keep the latest periods when there are more than fit.
    let room = max(8, spec.width - 2 - labelWidth - 2 - 40)
    let shown = min(model.keys.count, room)
    let first = model.keys.count - shown
    var notes: [String] = []
    if shown < model.keys.count {
      notes.append(L10n.text("chart.note.last-values", spec.language, shown, model.keys.count, model.columns.series ?? "year"))
    }
    let span = model.keys.isEmpty
      ? "" : ", " + model.keys[first].label + (shown > 1 ? glyphs.dash + (model.keys.last?.label ?? "") : "")
    var out = glyphs.title(model.title) + span + "\n"
    let lowText = rows.format(model.low)
    let highText = rows.format(model.high)
    let bottom = glyphs.levels.first ?? ""
    let top = glyphs.levels.last ?? ""
    if model.columns.lowerIsBetter {
      out += L10n.text("chart.spark.inverted", spec.language, model.columns.value) + "\n"
      out += L10n.text("chart.spark.scale", spec.language, "\(bottom) \(highText) \(glyphs.ellipsis) \(top) \(lowText)") + "\n"
    } else {
      out += L10n.text("chart.spark.scale", spec.language, "\(bottom) \(lowText) \(glyphs.ellipsis) \(top) \(highText)") + "\n"
    }

    struct Cells {
      var head: String
      var spark: String
      var last: String
      var key: String
      var extremes: String
      var highlighted: Bool
    }
    let bestWord = L10n.text(model.columns.lowerIsBetter ? "chart.best" : "chart.max", spec.language)
    let worstWord = L10n.text(model.columns.lowerIsBetter ? "chart.worst" : "chart.min", spec.language)
    let cells: [Cells] = model.lines.map { line in
      var spark = ""
      for point in line.points[first...] {
        spark += point.map { glyphs.levels[model.level($0, levels: glyphs.levels.count)] } ?? glyphs.gap
      }
      let last = line.last
      var extremes = ""
      if let (best, worst) = model.extremes(line) {
        let low = model.columns.lowerIsBetter ? best : worst
        let high = model.columns.lowerIsBetter ? worst : best
        let lowWord = model.columns.lowerIsBetter ? bestWord : worstWord
        let highWord = model.columns.lowerIsBetter ? worstWord : bestWord
        extremes = "\(lowWord) \(rows.format(low.0)) (\(model.keys[low.1].label))  "
          + "\(highWord) \(rows.format(high.0)) (\(model.keys[high.1].label))"
      }
      return Cells(
        head: (line.highlighted ? glyphs.marker + " " : "  ") + pad(cell(line.label, labelWidth, glyphs), labelWidth),
        spark: spark,
        last: last.map { rows.format($0.value) } ?? "null",
        key: last.map { "(" + model.keys[$0.key].label + ")" } ?? "",
        extremes: extremes,
        highlighted: line.highlighted)
    }
    let lastWidth = cells.map { DisplayWidth.of($0.last) }.max() ?? 0
    let keyWidth = cells.map { DisplayWidth.of($0.key) }.max() ?? 0
    let highlighted = Set(cells.indices.filter { cells[$0].highlighted })
    for item in RowWindow.items(count: cells.count, limit: spec.maxRows, always: highlighted) {
      guard case .row(let index) = item else {
        if case .gap(let n) = item { out += moreLine(n, 2, glyphs, spec.language) }
        continue
      }
      let c = cells[index]
      var line = emphasis(c.head, c.highlighted, spec) + "  " + emphasis(c.spark, c.highlighted, spec)
      line += "  " + padLeft(c.last, lastWidth) + " " + pad(c.key, keyWidth)
      if !c.extremes.isEmpty { line += "  " + c.extremes }
      while line.hasSuffix(" ") { line.removeLast() }
      out += line + "\n"
    }
    return out + footer(notes + model.notes, glyphs, spec.language)
  }

  // MARK: Slope

  static func slope(_ model: SlopeModel, _ spec: ChartSpec) -> String {
    let glyphs = Glyphs(ascii: spec.ascii)
    let count = max(model.left.count, model.right.count)
    let rankWidth = (model.left + model.right).map { DisplayWidth.of(model.rankText($0.rank)) }.max() ?? 1
    let labelCap = max(8, min(28, (spec.width - 2 * (rankWidth + 3) - 12) / 2))
    let labelWidth = max(
      labelWidth((model.left + model.right).map(\.label), cap: labelCap),
      DisplayWidth.of(Escape.controls(model.nameA)), DisplayWidth.of(Escape.controls(model.nameB)))
    let side = 2 + rankWidth + 1 + labelWidth
    var out = glyphs.title(model.title) + "\n"
    if model.ranksFromValues { out += L10n.text("chart.slope.ranked", spec.language, model.columns.value) + "\n" }
    out += L10n.text("chart.slope.legend", spec.language, glyphs.up, glyphs.down) + "\n"
    out += pad(String(repeating: " ", count: 2 + rankWidth + 1) + Escape.controls(model.nameA), side)
      + "     " + String(repeating: " ", count: 2 + rankWidth + 1) + Escape.controls(model.nameB) + "\n"

    func movementText(_ move: Double?) -> String {
      guard let move else { return L10n.text("chart.slope.new", spec.language) }
      if move == 0 { return "=" }
      let amount = ChartNumber.format(abs(move), decimals: model.decimals)
      return (move > 0 ? glyphs.up : glyphs.down) + amount
    }
    var always = Set<Int>()
    for (index, entry) in model.left.enumerated() where entry.highlighted { always.insert(index) }
    for (index, entry) in model.right.enumerated() where entry.highlighted { always.insert(index) }
    var newcomers = false
    var leavers = false
    for item in RowWindow.items(count: count, limit: spec.maxRows, always: always) {
      guard case .row(let index) = item else {
        if case .gap(let n) = item { out += moreLine(n, 2, glyphs, spec.language) }
        continue
      }
      var line = ""
      if index < model.left.count {
        let entry = model.left[index]
        let text = (entry.highlighted ? glyphs.marker + " " : "  ")
          + padLeft(model.rankText(entry.rank), rankWidth) + " " + pad(cell(entry.label, labelWidth, glyphs), labelWidth)
        var arrow = glyphs.gone
        if let move = model.movement(entry.label) {
          arrow = move > 0 ? glyphs.rise : move < 0 ? glyphs.fall : glyphs.level
        } else {
          leavers = true
        }
        line += emphasis(text, entry.highlighted, spec) + "  " + arrow + "  "
      } else {
        line += String(repeating: " ", count: side + 5)
      }
      if index < model.right.count {
        let entry = model.right[index]
        let text = (entry.highlighted ? glyphs.marker + " " : "  ")
          + padLeft(model.rankText(entry.rank), rankWidth) + " " + pad(cell(entry.label, labelWidth, glyphs), labelWidth)
        let move = model.movement(entry.label)
        if move == nil { newcomers = true }
        line += emphasis(text, entry.highlighted, spec) + "  " + movementText(move)
      }
      while line.hasSuffix(" ") { line.removeLast() }
      out += line + "\n"
    }
    var notes: [String] = []
    if newcomers { notes.append(L10n.text("chart.slope.new-note", spec.language, model.nameA)) }
    if leavers { notes.append(L10n.text("chart.slope.gone-note", spec.language, glyphs.gone, model.nameB)) }
    return out + footer(notes + model.notes, glyphs, spec.language)
  }
}
