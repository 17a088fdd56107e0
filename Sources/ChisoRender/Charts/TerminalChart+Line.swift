import ChisoLocale

extension TerminalChart {
  /// Markers told apart without colour: one per line, in legend order.
  static let lineMarkers = ["●", "○", "■", "□", "▲", "△", "◆", "◇"]
  static let asciiLineMarkers = ["*", "o", "#", "+", "x", "@", "%", "&"]
  /// Rows of the plot area.
  static let plotHeight = 12

  /// A line chart on the terminal: the value up a y axis with round ticks, the series (years)
  /// along an x axis with labels, one marker per line joined by dots, and a legend with each
  /// line's latest value. Ranks (lower is better) put the best at the top. At most
  /// `lineMarkers.count` lines are drawn (the best latest values, and the highlighted one); a
  /// note says how many were left out.
  ///
  /// ```
  /// rank by year, 2014–2016
  ///    20 ┤ ○─────○
  ///    40 ┤
  ///    60 ┤ ●·····●·····●
  ///       └─┬─────┬─────┬
  ///        2014  2015  2016   year
  /// ● Lai Châu 62 (2016)   ○ Hà Nội 24 (2015)
  /// ```
  static func line(_ model: SparkModel, _ spec: ChartSpec) -> String {
    let glyphs = Glyphs(ascii: spec.ascii)
    let language = spec.language
    let markers = spec.ascii ? asciiLineMarkers : lineMarkers
    let lower = model.columns.lowerIsBetter
    let rows = model.rows

    // Which lines: the best latest values first, the highlighted one always.
    let highlighted = Set(model.lines.indices.filter { model.lines[$0].highlighted })
    var chosen = Array(model.lines.indices.prefix(markers.count))
    for index in highlighted.sorted() where !chosen.contains(index) {
      chosen.removeLast()
      chosen.append(index)
    }
    var notes: [String] = []
    if chosen.count < model.lines.count {
      notes.append(L10n.text("chart.note.lines-cut", language, chosen.count, model.lines.count))
    }

    // The y scale: round ticks around the values drawn.
    let drawn = chosen.flatMap { model.lines[$0].points.compactMap { $0 } }
    let low = drawn.min() ?? 0
    let high = drawn.max() ?? 1
    let padding = high > low ? 0 : 1.0
    var (ticks, step) = SVGChart.ticks(low - padding, high + padding, count: 4)
    // Ranks start at 1: a rank axis runs from 1, not 0 (and drops a tick crowding it).
    if lower, low >= 1, ticks.count > 1, ticks[0] == 0 {
      ticks[0] = 1
      if ticks.count > 2, ticks[1] - 1 <= step / 2 { ticks.remove(at: 1) }
    }
    let tickLow = ticks.first ?? low
    let tickHigh = max(ticks.last ?? high, tickLow + step)
    let tickDecimals = SVGChart.decimals(forStep: step)
    let tickTexts = ticks.map { ChartNumber.format($0, decimals: tickDecimals) }
    let axisWidth = (tickTexts.map { DisplayWidth.of($0) }.max() ?? 1) + 1

    // The plot: as wide as the terminal allows, at least 3 columns per period.
    let keyWidth = max(4, model.keys.map { DisplayWidth.of($0.label) }.max() ?? 4)
    let seriesName = model.columns.series ?? "year"
    // Room for the axis, the last label's overhang and the x axis's name after it.
    let room = max(20, spec.width - axisWidth - 2 - (keyWidth + 1) / 2 - 3 - DisplayWidth.of(Escape.controls(seriesName)))
    let width = max(2, min(room, max(model.keys.count * (keyWidth + 2), 24)))
    let height = plotHeight
    func column(_ index: Int) -> Int {
      model.keys.count > 1 ? Int((Double(index) / Double(model.keys.count - 1) * Double(width - 1)).rounded()) : width / 2
    }
    func row(_ value: Double) -> Int {
      var fraction = (value - tickLow) / (tickHigh - tickLow)
      // Extreme values (a span that overflows, or too small to tell apart) sit mid-axis.
      if !fraction.isFinite { fraction = 0.5 }
      fraction = min(1, max(0, fraction))
      let up = lower ? 1 - fraction : fraction
      return min(height - 1, max(0, Int(((1 - up) * Double(height - 1)).rounded())))
    }

    // Draw: the others first, the highlighted line last (on top); markers over the joins.
    var grid = [[String]](repeating: [String](repeating: " ", count: width), count: height)
    let order = chosen.enumerated().sorted { a, b in
      let ha = model.lines[a.element].highlighted
      let hb = model.lines[b.element].highlighted
      return ha == hb ? a.offset < b.offset : hb
    }
    let join = spec.ascii ? "." : "·"
    for (slot, index) in order {
      let line = model.lines[index]
      let paint = { (text: String) in emphasis(text, line.highlighted, spec) }
      var previous: (x: Int, y: Double)? = nil
      for (i, point) in line.points.enumerated() {
        guard let point else {
          previous = nil
          continue
        }
        let x = column(i)
        if let previous, x - previous.x > 1 {
          for between in (previous.x + 1)..<x {
            let t = Double(between - previous.x) / Double(x - previous.x)
            let y = row(previous.y + (point - previous.y) * t)
            if grid[y][between] == " " { grid[y][between] = paint(join) }
          }
        }
        previous = (x, point)
      }
      for (i, point) in line.points.enumerated() {
        if let point { grid[row(point)][column(i)] = paint(markers[slot % markers.count]) }
      }
    }

    // Title, the y axis's meaning, the plot with its ticks, the x axis and its labels.
    let span = model.keys.isEmpty ? "" : ", " + (model.keys.first?.label ?? "") + (model.keys.count > 1 ? glyphs.dash + (model.keys.last?.label ?? "") : "")
    var out = glyphs.title(model.title) + span + "\n"
    var axisNote = L10n.text("chart.term.line.y", language, Escape.controls(model.columns.value))
    if lower { axisNote += ". " + L10n.text("chart.svg.line.inverted", language, Escape.controls(model.columns.value)) }
    out += axisNote + "\n"
    var labelled: [Int: String] = [:]
    for (tick, text) in zip(ticks, tickTexts) { labelled[row(tick)] = text }
    let vertical = spec.ascii ? "|" : "│"
    let tickMark = spec.ascii ? "+" : "┤"
    for y in 0..<height {
      var text = grid[y].joined()
      while text.hasSuffix(" ") { text.removeLast() }
      if let label = labelled[y] {
        out += padLeft(label, axisWidth) + " " + tickMark + text + "\n"
      } else {
        out += String(repeating: " ", count: axisWidth) + " " + vertical + text + "\n"
      }
    }
    // The x axis: a tick under each labelled period; labels that would touch are left out.
    var axis = [String](repeating: spec.ascii ? "-" : "─", count: width)
    var labels = [Character](repeating: " ", count: width + keyWidth + 2)
    var nextFree = 0
    let lastIndex = model.keys.count - 1
    let lastStart = lastIndex >= 0 ? max(0, column(lastIndex) - model.keys[lastIndex].label.count / 2) : 0
    for i in model.keys.indices {
      let label = Array(model.keys[i].label)
      let x = column(i)
      var start = max(0, x - label.count / 2)
      if i == lastIndex {
        start = max(start, nextFree)
      } else {
        // The last period is always labelled; the others where they fit before it.
        guard start >= nextFree, start + label.count + 1 <= lastStart else { continue }
      }
      axis[x] = spec.ascii ? "+" : "┬"
      for (k, character) in label.enumerated() where start + k < labels.count { labels[start + k] = character }
      nextFree = start + label.count + 1
    }
    let corner = spec.ascii ? "+" : "└"
    out += String(repeating: " ", count: axisWidth) + " " + corner + axis.joined() + "\n"
    var labelLine = String(labels)
    while labelLine.hasSuffix(" ") { labelLine.removeLast() }
    out += String(repeating: " ", count: axisWidth + 2) + labelLine + "   " + Escape.controls(seriesName) + "\n"

    // The legend, in the order chosen, with each line's latest value.
    var entries: [String] = []
    for (slot, index) in chosen.enumerated() {
      let line = model.lines[index]
      let latest = line.last.map { " " + rows.format($0.value) + " (" + model.keys[$0.key].label + ")" } ?? " null"
      entries.append(emphasis(markers[slot % markers.count] + " " + cell(line.label, 28, glyphs) + latest, line.highlighted, spec))
    }
    var legendLine = ""
    for entry in entries {
      if !legendLine.isEmpty, DisplayWidth.of(legendLine) + 3 + DisplayWidth.of(entry) > spec.width {
        out += legendLine + "\n"
        legendLine = ""
      }
      legendLine += (legendLine.isEmpty ? "" : "   ") + entry
    }
    if !legendLine.isEmpty { out += legendLine + "\n" }
    return out + footer(notes + model.notes, glyphs, language)
  }
}
