import ChisoEngine
import ChisoLocale
import Foundation
import Testing

@testable import ChisoRender

/// Line charts, charts embedded in HTML pages, and charts in Vietnamese.
struct LineAndLanguageChartTests {
  static let ranks = makeTable([
    ("province", .text, [.text("Lai Châu"), .text("Lai Châu"), .text("Lai Châu"), .text("Hà Nội"), .text("Hà Nội"), .text("Hà Nội")]),
    ("year", .int, [.int(2014), .int(2015), .int(2016), .int(2014), .int(2015), .int(2016)]),
    ("rank", .int, [.int(62), .int(61), .int(62), .int(24), .int(24), .null]),
  ])

  @Test func lineIsAKind() throws {
    #expect(try ChartRequest.parse("line") == ChartRequest(kind: .line))
    #expect(try ChartRequest.parse("line:out.svg") == ChartRequest(kind: .line, file: "out.svg"))
  }

  @Test func aLineChartHasAxesALineAndALegendEntryPerUnit() throws {
    let svg = try SVGChart.render(Self.ranks, ChartSpec(kind: .line, highlight: "Lai Châu"))
    let parsed = try #require(ChartTests.parse(svg))
    #expect(parsed.elements["polyline"] == 2)
    #expect(parsed.text.contains("rank by year"))
    #expect(parsed.text.contains("Lai Châu 62 (2016)"))  // the legend, with the latest value
    #expect(parsed.text.contains("Hà Nội 24 (2015)"))
    #expect(parsed.text.contains("2014") && parsed.text.contains("2016"))  // x axis
    #expect(parsed.text.contains("Lower rank is better: the axis is inverted"))
    #expect(svg.contains("transform=\"rotate(-90"))  // the y axis title
  }

  @Test func aLineChartNeedsASeries() {
    let table = makeTable([("province", .text, [.text("a")]), ("score", .float, [.float(1)])])
    #expect(throws: ChartError.self) { try SVGChart.render(table, ChartSpec(kind: .line)) }
  }

  @Test func onTheTerminalALineChartHasAxesAndALegend() throws {
    let text = try TerminalChart.render(Self.ranks, ChartSpec(kind: .line, width: 60))
    #expect(text.hasPrefix("rank by year, 2014–2016\n"))
    #expect(text.contains("Lower rank is better: the axis is inverted"))
    #expect(text.contains("● Hà Nội 24 (2015)") && text.contains("○ Lai Châu 62 (2016)"))  // the legend
    #expect(text.contains("2014") && text.contains("2015") && text.contains("2016   year"))  // the x axis
    #expect(text.contains("└"))
    // Ranks are inverted: rank 24's row is above rank 62's.
    let lines = text.split(separator: "\n").map(String.init)
    let hanoi = try #require(lines.firstIndex { $0.contains("┤") && $0.contains("●") || $0.contains("│") && $0.contains("●") })
    let laiChau = try #require(lines.firstIndex { ($0.contains("┤") || $0.contains("│")) && $0.contains("○") })
    #expect(hanoi < laiChau)
    #expect(text.contains("20 ┤") && text.contains("60 ┤"))  // round ticks on the y axis
  }

  @Test func manyLinesAreCutWithANote() throws {
    var names: [Value] = []
    var years: [Value] = []
    var values: [Value] = []
    for unit in 0..<20 {
      for year in 2015...2016 {
        names.append(.text("unit \(unit)"))
        years.append(.int(Int64(year)))
        values.append(.float(Double(unit + year - 2015)))
      }
    }
    let table = makeTable([("unit", .text, names), ("year", .int, years), ("score", .float, values)])
    let svg = try SVGChart.render(table, ChartSpec(kind: .line, highlight: "unit 0"))
    let parsed = try #require(ChartTests.parse(svg))
    #expect(parsed.elements["polyline"] == 13)  // twelve, and the highlighted one
    #expect(parsed.text.contains("13 of 20 lines drawn"))
  }

  @Test func embeddedChartsAreElementsWithScopedStyles() throws {
    let svg = try SVGChart.embedded(Self.ranks, ChartSpec(kind: .line), id: "q1-chart-1")
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"q1-chart-1\" class=\"chart\""))
    #expect(!svg.contains("<?xml"))
    #expect(svg.contains("#q1-chart-1 text { fill:"))
    #expect(!svg.contains("\ntext {"))
    #expect(ChartTests.parse(svg) != nil)
  }

  @Test func chartsSpeakVietnamese() throws {
    let bars = makeTable([("province", .text, [.text("Lai Châu"), .text("Hà Nội")]), ("score", .float, [.float(53.46), .float(60.74)])])
    let spec = ChartSpec(kind: .bar, highlight: "Lai Chau x", language: .vi)
    let text = try TerminalChart.render(bars, spec)
    #expect(text.hasPrefix("score theo province · 2 thanh, cao nhất trước\n"))
    #expect(text.contains("ghi chú: không có gì để làm nổi bật: không đơn vị nào có nhãn \"Lai Chau x\""))
    let svg = try SVGChart.render(bars, spec)
    #expect(svg.contains("2 thanh, cao nhất trước"))
    #expect(svg.contains("<desc>Biểu đồ cột của score theo province, cao nhất trước.</desc>"))
    let slope = try TerminalChart.render(Self.ranks, ChartSpec(kind: .slope, language: .vi))
    #expect(slope.contains("↑n lên n bậc, ↓n xuống n bậc, = giữ nguyên hạng"))
    let line = try SVGChart.render(Self.ranks, ChartSpec(kind: .line, language: .vi))
    #expect(line.contains("rank càng thấp càng tốt: trục được lật ngược"))
  }

  @Test func tableFootersSpeakVietnamese() {
    let table = makeTable([("n", .int, (0..<30).map { .int(Int64($0)) })])
    let text = TableRenderer.render(table, style: TableStyle(maxRows: 10, language: .vi))
    #expect(text.hasSuffix("30 dòng (hiện 10)\n"))
    #expect(text.contains("… 20 dòng …"))
    #expect(TableRenderer.render(table, style: TableStyle(maxRows: 10)).hasSuffix("30 rows (10 shown)\n"))
  }
}
