import ChisoEngine
import ChisoLocale

/// Charts as standalone SVG documents: no scripts, no external fonts or images; text in a
/// common sans-serif stack that covers Vietnamese; the highlighted unit in a contrasting colour;
/// every piece of data text XML-escaped.
public enum SVGChart {
  /// The chart of `table` as `spec` asks, as a complete SVG document.
  public static func render(_ table: Table, _ spec: ChartSpec) throws(ChartError) -> String {
    try render(table, spec, scope: nil)
  }

  /// The chart as an `<svg>` element to place inside an HTML page: no XML declaration, the
  /// element's `id` is `id`, and its style rules apply only inside it (`#id text { … }`), so two
  /// charts on a page, or the page's own rules, never restyle each other.
  public static func embedded(_ table: Table, _ spec: ChartSpec, id: String) throws(ChartError) -> String {
    try render(table, spec, scope: id)
  }

  static func render(_ table: Table, _ spec: ChartSpec, scope: String?) throws(ChartError) -> String {
    switch try WideChart.plan(table, spec) {
    case .single: break
    case .melted(let long, let longSpec, _): return try render(long, longSpec, scope: scope)
    case .panels(let specs):
      var panels: [String] = []
      for (index, panel) in specs.enumerated() {
        panels.append(try render(table, panel, scope: scope.map { "\($0)-\(index + 1)" }))
      }
      // In a page, panels are elements one after the other; in a file, one document stacking them.
      return scope == nil ? stack(panels) : panels.joined()
    }
    let columns = try ChartColumns.infer(table, spec)
    var canvas = Canvas(scope: scope, language: spec.language)
    switch columns.kind {
    case .bar: return bar(BarModel(table, spec, columns), spec, &canvas)
    case .sparkline: return sparkline(try SparkModel(table, spec, columns), spec, &canvas)
    case .slope: return slope(try SlopeModel(table, spec, columns), spec, &canvas)
    case .line: return line(try SparkModel(table, spec, columns), spec, &canvas)
    }
  }

  /// SVG documents stacked top to bottom in one document (each kept whole as a nested `<svg>`).
  static func stack(_ documents: [String]) -> String {
    var body = ""
    var y = 0.0
    var width = 0.0
    for document in documents {
      var element = document
      if element.hasPrefix("<?xml"), let end = element.firstIndex(of: "\n") { element = String(element[element.index(after: end)...]) }
      let w = attribute("width", element) ?? 0
      let h = attribute("height", element) ?? 0
      if let open = element.range(of: "<svg ") {
        element.replaceSubrange(open, with: "<svg x=\"0\" y=\"\(n(y))\" ")
      }
      body += element
      y += h
      width = max(width, w)
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(y))\" viewBox=\"0 0 \(n(width)) \(n(y))\" role=\"img\">\n"
      + body + "</svg>\n"
  }

  /// The number in the first `name="…"` of an element's text.
  static func attribute(_ name: String, _ text: String) -> Double? {
    guard let start = text.range(of: " \(name)=\"") else { return nil }
    let rest = text[start.upperBound...]
    guard let end = rest.firstIndex(of: "\"") else { return nil }
    return Double(rest[..<end])
  }

  // MARK: Palette and type

  static let ink = "#1f2933"
  static let muted = "#52606d"
  static let grid = "#e4e7eb"
  static let base = "#7b93ad"
  static let accent = "#d1363a"
  static let rise = "#1b9e77"
  static let fall = "#d95f02"
  static let quiet = "#b6bec8"
  static let fontSize = 12.0
  static let fonts = "'DejaVu Sans', 'Noto Sans', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif"

  // MARK: XML

  /// Text safe inside an XML element or a double- or single-quoted attribute: `& < > " '`
  /// escaped; characters XML 1.0 forbids (controls other than tab, LF, CR; U+FFFE, U+FFFF)
  /// replaced with U+FFFD.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x26: out += "&amp;"
      case 0x3C: out += "&lt;"
      case 0x3E: out += "&gt;"
      case 0x22: out += "&quot;"
      case 0x27: out += "&apos;"
      case 0x09, 0x0A, 0x0D: out.unicodeScalars.append(scalar)
      case 0x00..<0x20, 0xFFFE, 0xFFFF: out += "\u{FFFD}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// A coordinate or length: one decimal, no exponent.
  static func n(_ value: Double) -> String {
    ChartNumber.format(value.isFinite ? value : 0, decimals: 1)
  }

  /// Estimated rendered width of `text` at `size` pixels (average sans-serif advance).
  static func textWidth(_ text: String, size: Double = fontSize) -> Double {
    Double(DisplayWidth.of(text)) * size * 0.6
  }

  /// Collects SVG elements and wraps them in a document (or, with a `scope`, an element for
  /// an HTML page).
  struct Canvas {
    var body = ""
    var scope: String? = nil
    var language: Language = .en

    mutating func text(
      _ x: Double, _ y: Double, _ content: String, anchor: String = "start", cls: String? = nil,
      fill: String? = nil, rotate: Double? = nil
    ) {
      body += "<text x=\"\(n(x))\" y=\"\(n(y))\""
      if let rotate { body += " transform=\"rotate(\(n(rotate)) \(n(x)) \(n(y)))\"" }
      if anchor != "start" { body += " text-anchor=\"\(anchor)\"" }
      if let cls { body += " class=\"\(cls)\"" }
      if let fill { body += " fill=\"\(fill)\"" }
      body += ">" + escape(content) + "</text>\n"
    }

    /// A text element whose content is already markup (escaped text and `tspan`s).
    mutating func markup(_ x: Double, _ y: Double, _ content: String, anchor: String = "start", cls: String? = nil) {
      body += "<text x=\"\(n(x))\" y=\"\(n(y))\""
      if anchor != "start" { body += " text-anchor=\"\(anchor)\"" }
      if let cls { body += " class=\"\(cls)\"" }
      body += ">" + content + "</text>\n"
    }

    mutating func line(
      _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1,
      extra: String = ""
    ) {
      body +=
        "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\"\(extra)/>\n"
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, extra: String = "") {
      body +=
        "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(0, w)))\" height=\"\(n(max(0, h)))\" fill=\"\(fill)\"\(extra)/>\n"
    }

    mutating func circle(_ x: Double, _ y: Double, _ r: Double, fill: String) {
      body += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(r))\" fill=\"\(fill)\"/>\n"
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double) {
      let list = points.map { n($0.0) + "," + n($0.1) }.joined(separator: " ")
      body +=
        "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n"
    }

    func document(width: Double, height: Double, title: String, description: String) -> String {
      var out = ""
      var prefix = ""
      var identity = ""
      if let scope {
        prefix = "#\(escape(scope)) "
        identity = " id=\"\(escape(scope))\" class=\"chart\""
      } else {
        out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      }
      out +=
        "<svg xmlns=\"http://www.w3.org/2000/svg\"\(identity) width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" font-family=\"\(fonts)\" font-size=\"\(n(fontSize))\">\n"
      out += "<title>" + escape(title) + "</title>\n"
      out += "<desc>" + escape(description) + "</desc>\n"
      out += "<style>\n"
      out += "\(prefix)text { fill: \(ink); }\n"
      out += "\(prefix).title { font-size: 17px; font-weight: bold; }\n"
      out += "\(prefix).sub, \(prefix).axis, \(prefix).note { font-size: 11px; fill: \(muted); }\n"
      out += "\(prefix).note { font-style: italic; }\n"
      out += "\(prefix).head { font-weight: bold; fill: \(muted); }\n"
      out += "\(prefix).hl { font-weight: bold; fill: \(accent); }\n"
      out += "</style>\n"
      out += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
      out += body
      out += "</svg>\n"
      return out
    }
  }

  /// Tick values covering `low...high` at a round step (1, 2 or 5 × 10^k), and that step.
  static func ticks(_ low: Double, _ high: Double, count: Int = 5) -> (ticks: [Double], step: Double) {
    guard high > low, (high - low).isFinite else { return ([low], 1) }
    let raw = (high - low) / Double(max(1, count))
    var magnitude = 1.0
    while magnitude * 10 <= raw { magnitude *= 10 }
    while magnitude > raw { magnitude /= 10 }
    let ratio = raw / magnitude
    let step = magnitude * (ratio < 1.5 ? 1 : ratio < 3 ? 2 : ratio < 7 ? 5 : 10)
    var ticks: [Double] = []
    var tick = (low / step).rounded(.down) * step
    while tick <= high + step * 0.999 && ticks.count < 50 {
      ticks.append(tick)
      tick += step
    }
    return (ticks, step)
  }

  static func decimals(forStep step: Double) -> Int {
    var decimals = 0
    var s = step
    while s < 1 && decimals < 6 {
      s *= 10
      decimals += 1
    }
    return decimals
  }

  static func notes(_ canvas: inout Canvas, _ notes: [String], x: Double, y: inout Double) {
    let word = L10n.text("severity.note", canvas.language)
    for note in notes {
      canvas.text(x, y, word + ": " + note, cls: "note")
      y += 16
    }
  }

  /// The widest note, in pixels, with its `note:` prefix.
  static func notesWidth(_ notes: [String], _ language: Language) -> Double {
    let word = L10n.text("severity.note", language) + ": "
    return notes.map { textWidth(word + $0, size: 11) }.max() ?? 0
  }

  static func labelCut(_ label: String) -> String {
    DisplayWidth.truncate(label, toWidth: 36)
  }

  // MARK: Bar

  static func bar(_ model: BarModel, _ spec: ChartSpec, _ canvas: inout Canvas) -> String {
    let language = spec.language
    let labels = model.bars.map { labelCut($0.label) }
    let labelPixels = min(260, max(60, labels.map { textWidth($0) }.max() ?? 60))
    let left = 20 + labelPixels + 10
    let plotWidth = 520.0
    let right = left + plotWidth
    let width = right + 80
    let rowHeight = 20.0
    let top = 84.0

    let values = model.bars.map(\.value)
    let (ticks, step) = ticks(min(0, values.min() ?? 0), max(0, values.max() ?? 0))
    let low = ticks.first ?? 0
    let high = max(ticks.last ?? 1, low + step)
    func x(_ v: Double) -> Double { left + (v - low) / (high - low) * plotWidth }

    canvas.text(20, 30, model.title, cls: "title")
    canvas.text(20, 50, L10n.count("chart.bars", model.bars.count, language) + ", \(model.order)", cls: "sub")
    canvas.text(left - 10, top - 10, model.columns.label ?? L10n.text("chart.row", language), anchor: "end", cls: "head")

    let highlighted = Set(model.bars.indices.filter { model.bars[$0].highlighted })
    let items = RowWindow.items(count: model.bars.count, limit: spec.maxRows, always: highlighted)
    let plotBottom = top + Double(items.count) * rowHeight
    let tickDecimals = decimals(forStep: step)
    for tick in ticks {
      canvas.line(x(tick), top - 4, x(tick), plotBottom, stroke: tick == 0 ? muted : grid, width: tick == 0 ? 1.2 : 1)
      canvas.text(x(tick), plotBottom + 16, ChartNumber.format(tick, decimals: tickDecimals), anchor: "middle", cls: "axis")
    }
    canvas.text(left + plotWidth / 2, plotBottom + 36, model.columns.value, anchor: "middle", cls: "head")

    let diverging = model.hasNegative
    for (slot, item) in items.enumerated() {
      let y = top + Double(slot) * rowHeight
      switch item {
      case .gap(let count):
        canvas.text(left - 10, y + 14, "… " + L10n.text("chart.more", language, count), anchor: "end", cls: "note")
      case .row(let index):
        let entry = model.bars[index]
        let from = x(min(0, entry.value))
        let to = x(max(0, entry.value))
        canvas.rect(from, y + 3, to - from, rowHeight - 6, fill: entry.highlighted ? accent : base)
        canvas.text(left - 10, y + 14, labels[index], anchor: "end", cls: entry.highlighted ? "hl" : nil)
        let valueText = model.rows.format(entry.value, sign: diverging)
        canvas.text(
          entry.value < 0 ? x(0) + 5 : to + 5, y + 14, valueText, cls: entry.highlighted ? "hl" : "axis")
      }
    }
    var y = plotBottom + 60
    notes(&canvas, model.notes, x: 20, y: &y)
    return canvas.document(
      width: max(width, 20 + notesWidth(model.notes, language) + 20, textWidth(model.title, size: 17) + 40),
      height: y, title: model.title,
      description: L10n.text(
        "chart.desc.bar", language, model.columns.value, model.columns.label ?? L10n.text("chart.row", language), model.order))
  }

  // MARK: Sparkline

  static func sparkline(_ model: SparkModel, _ spec: ChartSpec, _ canvas: inout Canvas) -> String {
    let language = spec.language
    let rows = model.rows
    let labels = model.lines.map { labelCut($0.label) }
    let labelPixels = min(260, max(60, labels.map { textWidth($0) }.max() ?? 60))
    let left = 20 + labelPixels + 12
    let sparkWidth = min(420, max(160, Double(model.keys.count) * 22))
    let rowHeight = 26.0
    let sparkHeight = 18.0
    let top = 96.0
    let lower = model.columns.lowerIsBetter

    canvas.text(20, 30, model.title, cls: "title")
    let lowText = rows.format(model.low)
    let highText = rows.format(model.high)
    canvas.text(
      20, 50,
      lower
        ? L10n.text("chart.svg.spark.inverted", language, model.columns.value, lowText, highText)
        : L10n.text("chart.svg.spark.scale", language, lowText, highText),
      cls: "sub")
    let valueX = left + sparkWidth + 30
    let latestTexts = model.lines.map { line in
      line.last.map { "\(rows.format($0.value)) (\(model.keys[$0.key].label))" } ?? ""
    }
    let extremesX = valueX + max(70, latestTexts.map { textWidth($0) }.max() ?? 70) + 24
    canvas.text(left - 12, top - 30, model.columns.label ?? "", anchor: "end", cls: "head")
    canvas.text(
      left + sparkWidth / 2, top - 30, L10n.text("chart.by", language, model.columns.value, model.columns.series ?? "year"),
      anchor: "middle", cls: "head")
    canvas.text(valueX, top - 30, L10n.text("chart.latest", language), cls: "head")

    func x(_ index: Int) -> Double {
      model.keys.count > 1 ? left + Double(index) / Double(model.keys.count - 1) * sparkWidth : left + sparkWidth / 2
    }
    func fraction(_ v: Double) -> Double {
      guard model.high > model.low else { return 0.5 }
      let f = (v - model.low) / (model.high - model.low)
      return lower ? 1 - f : f
    }
    // Period labels along the top: first, last and a few between.
    let labelEvery = max(1, Int((Double(model.keys.count) * 34 / sparkWidth).rounded(.up)))
    for (index, key) in model.keys.enumerated()
    where index == 0 || index == model.keys.count - 1 || (index % labelEvery == 0 && model.keys.count - 1 - index >= labelEvery) {
      canvas.text(x(index), top - 8, key.label, anchor: "middle", cls: "axis")
    }

    let highlighted = Set(model.lines.indices.filter { model.lines[$0].highlighted })
    let items = RowWindow.items(count: model.lines.count, limit: spec.maxRows, always: highlighted)
    var extremesWidth = 0.0
    for (slot, item) in items.enumerated() {
      let y = top + Double(slot) * rowHeight
      guard case .row(let index) = item else {
        if case .gap(let count) = item {
          canvas.text(left - 12, y + 16, "… " + L10n.text("chart.more", language, count), anchor: "end", cls: "note")
        }
        continue
      }
      let line = model.lines[index]
      let colour = line.highlighted ? accent : ink
      canvas.rect(left - 3, y + 2, sparkWidth + 6, sparkHeight + 4, fill: "#f5f7fa")
      canvas.text(left - 12, y + 16, labels[index], anchor: "end", cls: line.highlighted ? "hl" : nil)
      func point(_ i: Int, _ v: Double) -> (Double, Double) { (x(i), y + 4 + (1 - fraction(v)) * sparkHeight) }
      var run: [(Double, Double)] = []
      func flush() {
        if run.count == 1, let p = run.first { canvas.circle(p.0, p.1, 1.6, fill: colour) }
        if run.count > 1 { canvas.polyline(run, stroke: colour, width: line.highlighted ? 2.2 : 1.4) }
        run = []
      }
      for (i, value) in line.points.enumerated() {
        if let value { run.append(point(i, value)) } else { flush() }
      }
      flush()
      if let last = line.last {
        let p = point(last.key, last.value)
        canvas.circle(p.0, p.1, 2.6, fill: colour)
        canvas.text(
          valueX, y + 16, latestTexts[index],
          cls: line.highlighted ? "hl" : nil)
      }
      if let (best, worst) = model.extremes(line) {
        let words =
          lower
          ? (L10n.text("chart.best", language), L10n.text("chart.worst", language))
          : (L10n.text("chart.max", language), L10n.text("chart.min", language))
        let text = "\(words.0) \(rows.format(best.0)) (\(model.keys[best.1].label)) · \(words.1) \(rows.format(worst.0)) (\(model.keys[worst.1].label))"
        canvas.text(extremesX, y + 16, text, cls: "axis")
        extremesWidth = max(extremesWidth, textWidth(text, size: 11))
      }
    }
    var y = top + Double(items.count) * rowHeight + 24
    notes(&canvas, model.notes, x: 20, y: &y)
    let width = max(extremesX + extremesWidth + 20, 20 + notesWidth(model.notes, language) + 20)
    return canvas.document(
      width: max(width, textWidth(model.title, size: 17) + 40), height: y, title: model.title,
      description: L10n.text(
        "chart.desc.spark", language, model.columns.value, model.columns.series ?? "year",
        model.columns.label ?? L10n.text("chart.unit", language)))
  }

  // MARK: Slope

  static func slope(_ model: SlopeModel, _ spec: ChartSpec, _ canvas: inout Canvas) -> String {
    let language = spec.language
    let all = model.left + model.right
    let labelPixels = min(260, max(60, all.map { textWidth(labelCut($0.label)) }.max() ?? 60))
    let rankPixels = max(14, all.map { textWidth(model.rankText($0.rank)) }.max() ?? 14)
    let xA = 20 + labelPixels + 10 + rankPixels + 10
    let xB = xA + 280
    let rowHeight = 18.0
    let top = 96.0
    let count = max(model.left.count, model.right.count)
    let anyHighlight = all.contains { $0.highlighted }

    canvas.text(20, 30, model.title, cls: "title")
    let meaning = model.ranksFromValues
      ? L10n.text("chart.svg.slope.ranked", language, model.columns.value) : L10n.text("chart.svg.slope.rank", language)
    canvas.text(20, 50, meaning + " " + L10n.text("chart.svg.slope.rising", language), cls: "sub")
    canvas.text(xA, top - 16, model.nameA, anchor: "middle", cls: "head")
    canvas.text(xB, top - 16, model.nameB, anchor: "middle", cls: "head")

    var always = Set<Int>()
    for (i, e) in model.left.enumerated() where e.highlighted { always.insert(i) }
    for (i, e) in model.right.enumerated() where e.highlighted { always.insert(i) }
    let items = RowWindow.items(count: count, limit: spec.maxRows, always: always)
    var slotOf: [Int: Int] = [:]
    for (slot, item) in items.enumerated() { if case .row(let i) = item { slotOf[i] = slot } }
    func y(_ slot: Int) -> Double { top + Double(slot) * rowHeight }
    let positionB = Dictionary(model.right.enumerated().map { ($1.label, $0) }, uniquingKeysWith: { a, _ in a })

    canvas.line(xA, top - 8, xA, y(max(0, items.count - 1)) + 6, stroke: grid, width: 2)
    canvas.line(xB, top - 8, xB, y(max(0, items.count - 1)) + 6, stroke: grid, width: 2)
    // Lines first (highlighted last, on top), then labels.
    var hidden = 0
    var highlightLines: [(Double, Double, Double, Double)] = []
    for (i, entry) in model.left.enumerated() {
      guard let j = positionB[entry.label], let move = model.movement(entry.label) else { continue }
      guard let slotA = slotOf[i], let slotB = slotOf[j] else {
        hidden += 1
        continue
      }
      if entry.highlighted {
        highlightLines.append((xA, y(slotA), xB, y(slotB)))
        continue
      }
      let colour = anyHighlight ? quiet : move > 0 ? rise : move < 0 ? fall : quiet
      canvas.line(xA, y(slotA), xB, y(slotB), stroke: colour, width: 1.4, extra: " stroke-opacity=\"0.8\"")
    }
    for (x1, y1, x2, y2) in highlightLines {
      canvas.line(x1, y1, x2, y2, stroke: accent, width: 3)
      canvas.circle(x1, y1, 4, fill: accent)
      canvas.circle(x2, y2, 4, fill: accent)
    }
    for (slot, item) in items.enumerated() {
      switch item {
      case .gap(let n):
        let more = "… " + L10n.text("chart.more", language, n)
        canvas.text(xA - 10 - rankPixels - 10, y(slot) + 4, more, anchor: "end", cls: "note")
        canvas.text(xB + 10, y(slot) + 4, more, cls: "note")
      case .row(let i):
        if i < model.left.count {
          let e = model.left[i]
          let cls = e.highlighted ? "hl" : nil
          canvas.text(xA - 10, y(slot) + 4, model.rankText(e.rank), anchor: "end", cls: e.highlighted ? "hl" : "axis")
          canvas.text(xA - 10 - rankPixels - 10, y(slot) + 4, labelCut(e.label), anchor: "end", cls: cls)
        }
        if i < model.right.count {
          let e = model.right[i]
          let move: String
          if let m = model.movement(e.label) {
            let amount = ChartNumber.format(abs(m), decimals: model.decimals)
            move =
              m == 0
              ? "<tspan dx=\"6\" fill=\"\(muted)\">=</tspan>"
              : "<tspan dx=\"6\" fill=\"\(m > 0 ? rise : fall)\">\(m > 0 ? "↑" : "↓")\(amount)</tspan>"
          } else {
            move = "<tspan dx=\"6\" fill=\"\(muted)\">\(escape(L10n.text("chart.slope.new", language)))</tspan>"
          }
          canvas.text(xB + 10 + rankPixels, y(slot) + 4, model.rankText(e.rank), anchor: "end", cls: e.highlighted ? "hl" : "axis")
          canvas.markup(xB + 10 + rankPixels + 10, y(slot) + 4, escape(labelCut(e.label)) + move, cls: e.highlighted ? "hl" : nil)
        }
      }
    }
    var notes = model.notes
    if hidden > 0 { notes.insert(L10n.text("chart.note.hidden-lines", language, hidden), at: 0) }
    var yNote = y(items.count) + 16
    Self.notes(&canvas, notes, x: 20, y: &yNote)
    let width = max(xB + 10 + rankPixels + 10 + labelPixels + 50, 20 + notesWidth(notes, language) + 20)
    return canvas.document(
      width: max(width, textWidth(model.title, size: 17) + 40), height: yNote, title: model.title,
      description: L10n.text("chart.desc.slope", language, model.nameA, model.nameB))
  }
}
