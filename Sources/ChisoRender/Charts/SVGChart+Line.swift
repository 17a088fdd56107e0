import ChisoLocale

extension SVGChart {
  /// Colours for the lines of a line chart, told apart by people with the common colour-vision
  /// deficiencies (Okabe and Ito's palette, without the red kept for the highlighted unit).
  static let lineColours = ["#0072b2", "#e69f00", "#009e73", "#56b4e9", "#cc79a7", "#f0e442", "#000000", "#7b93ad", "#8c564b", "#17becf"]

  /// The most lines drawn before the rest are left out (and named in a note).
  static let maxLines = 12

  /// A line chart: the series (years) along the x axis, the value up the y axis with ticks and
  /// grid lines, one line per unit and a legend beside the plot with each unit's latest value.
  /// Ranks (lower is better) run from the best at the top. Years with no value break the line.
  static func line(_ model: SparkModel, _ spec: ChartSpec, _ canvas: inout Canvas) -> String {
    let language = spec.language
    let lower = model.columns.lowerIsBetter
    let rows = model.rows

    // Which lines: the best latest values first, the highlighted unit always.
    let highlighted = Set(model.lines.indices.filter { model.lines[$0].highlighted })
    let limit = max(1, min(spec.maxRows, maxLines))
    var chosen = Array(model.lines.indices.prefix(limit))
    for index in highlighted.sorted() where !chosen.contains(index) { chosen.append(index) }
    var notes = model.notes
    if chosen.count < model.lines.count {
      notes.insert(L10n.text("chart.note.lines-cut", language, chosen.count, model.lines.count), at: 0)
    }

    let left = 64.0
    let top = 84.0
    let plotWidth = max(280.0, min(620.0, Double(model.keys.count) * 48))
    let plotHeight = 300.0
    let right = left + plotWidth
    let bottom = top + plotHeight

    // The y scale: round ticks around the values drawn.
    let drawn = chosen.flatMap { model.lines[$0].points.compactMap { $0 } }
    let low = drawn.min() ?? 0
    let high = drawn.max() ?? 1
    let padding = high > low ? 0 : 1.0
    let (ticks, step) = ticks(low - padding, high + padding)
    let tickLow = ticks.first ?? low
    let tickHigh = max(ticks.last ?? high, tickLow + step)
    func y(_ value: Double) -> Double {
      let fraction = (value - tickLow) / (tickHigh - tickLow)
      return lower ? top + fraction * plotHeight : bottom - fraction * plotHeight
    }
    func x(_ index: Int) -> Double {
      model.keys.count > 1 ? left + Double(index) / Double(model.keys.count - 1) * plotWidth : left + plotWidth / 2
    }

    canvas.text(20, 30, model.title, cls: "title")
    // One line per unit; a single unlabelled series needs no such sentence.
    var subtitle = model.columns.label.map { L10n.text("chart.svg.line.sub", language, $0) } ?? ""
    if lower { subtitle += (subtitle.isEmpty ? "" : " ") + L10n.text("chart.svg.line.inverted", language, model.columns.value) }
    canvas.text(20, 50, subtitle, cls: "sub")

    // Axes, grid and ticks.
    let tickDecimals = decimals(forStep: step)
    for tick in ticks {
      canvas.line(left, y(tick), right, y(tick), stroke: grid)
      canvas.text(left - 8, y(tick) + 4, ChartNumber.format(tick, decimals: tickDecimals), anchor: "end", cls: "axis")
    }
    canvas.line(left, top, left, bottom, stroke: muted)
    canvas.line(left, lower ? top : bottom, right, lower ? top : bottom, stroke: muted)
    let labelEvery = max(1, Int((Double(model.keys.count) * 40 / plotWidth).rounded(.up)))
    for (index, key) in model.keys.enumerated()
    where index == 0 || index == model.keys.count - 1 || (index % labelEvery == 0 && model.keys.count - 1 - index >= labelEvery) {
      canvas.line(x(index), bottom, x(index), bottom + 4, stroke: muted)
      canvas.text(x(index), bottom + 18, key.label, anchor: "middle", cls: "axis")
    }
    canvas.text(left + plotWidth / 2, bottom + 38, model.columns.series ?? "year", anchor: "middle", cls: "head")
    canvas.text(16, top + plotHeight / 2, model.columns.value, anchor: "middle", cls: "head", rotate: -90)

    // Lines: the others first, the highlighted one last (on top).
    func colour(_ slot: Int, _ line: SparkModel.Line) -> String {
      if line.highlighted { return accent }
      return lineColours[slot % lineColours.count]
    }
    let order = chosen.enumerated().sorted { a, b in
      let ha = model.lines[a.element].highlighted
      let hb = model.lines[b.element].highlighted
      return ha == hb ? a.offset < b.offset : hb
    }
    for (slot, index) in order {
      let line = model.lines[index]
      let stroke = colour(slot, line)
      let width = line.highlighted ? 3.0 : 1.8
      var run: [(Double, Double)] = []
      func flush() {
        if run.count > 1 { canvas.polyline(run, stroke: stroke, width: width) }
        run = []
      }
      for (i, value) in line.points.enumerated() {
        if let value {
          run.append((x(i), y(value)))
          canvas.circle(x(i), y(value), line.highlighted ? 3.2 : 2.2, fill: stroke)
        } else {
          flush()
        }
      }
      flush()
    }

    // The legend: one entry per line, in the order chosen (best latest value first).
    let legendX = right + 28
    var legendY = top + 4
    var legendWidth = 0.0
    for (slot, index) in chosen.enumerated() {
      let line = model.lines[index]
      let stroke = colour(slot, line)
      canvas.line(legendX, legendY - 4, legendX + 22, legendY - 4, stroke: stroke, width: line.highlighted ? 3 : 2)
      let latest = line.last.map { " " + rows.format($0.value) + " (" + model.keys[$0.key].label + ")" } ?? ""
      let text = labelCut(line.label) + latest
      canvas.text(legendX + 30, legendY, text, cls: line.highlighted ? "hl" : nil)
      legendWidth = max(legendWidth, 30 + textWidth(text))
      legendY += 18
    }

    var yNote = max(bottom + 62, legendY + 12)
    Self.notes(&canvas, notes, x: 20, y: &yNote)
    let width = max(legendX + legendWidth + 20, 20 + notesWidth(notes, language) + 20, textWidth(model.title, size: 17) + 40)
    return canvas.document(
      width: width, height: yNote, title: model.title,
      description: L10n.text(
        "chart.desc.line", language, model.columns.value, model.columns.series ?? "year",
        model.columns.label ?? L10n.text("chart.unit", language)))
  }
}
