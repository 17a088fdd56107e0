import ChisoEngine
import Foundation
import Testing

@testable import ChisoRender

/// Charts of wide results (several numeric columns, no `--value`): every series is drawn, on one
/// chart when the columns share a scale, in panels when they do not, or the chart refuses and
/// names the columns to pick from — on the terminal and in SVG alike.
struct WideChartTests {
  /// Lai Châu's PCI composite, its rank and its lowest and highest sub-index, 2014–2016.
  static let laiChau = makeTable([
    ("year", .int, [.int(2014), .int(2015), .int(2016)]),
    ("lowest", .float, [.float(3.55), .float(3.65), .float(4.54)]),
    ("highest", .float, [.float(7.71), .float(8.53), .float(8.84)]),
    ("rank", .int, [.int(62), .int(61), .int(62)]),
  ])

  static func table(dropping name: String) -> Table {
    let keep = laiChau.names.indices.filter { laiChau.names[$0] != name }
    return Table(names: keep.map { laiChau.names[$0] }, columns: keep.map { laiChau.columns[$0] })
  }

  @Test func columnsOnOneScaleShareOneChartWithALegendEntryEach() throws {
    let wide = Self.table(dropping: "rank")
    let text = try TerminalChart.render(wide, ChartSpec(kind: .line, width: 70))
    #expect(text.hasPrefix("lowest and highest by year, 2014–2016\n"))
    #expect(text.contains("● highest 8.84 (2016)") && text.contains("○ lowest 4.54 (2016)"))
    let svg = try SVGChart.render(wide, ChartSpec(kind: .line))
    let parsed = try #require(ChartTests.parse(svg))
    #expect(parsed.elements["polyline"] == 2)
    #expect(parsed.text.contains("highest 8.84 (2016)") && parsed.text.contains("lowest 4.54 (2016)"))
    // Chosen without a kind: a sparkline per column, not only the last column.
    let auto = try TerminalChart.render(wide, ChartSpec())
    #expect(auto.contains("highest") && auto.contains("lowest"))
  }

  @Test func columnsOnDifferentScalesGetAPanelEach() throws {
    let text = try TerminalChart.render(Self.laiChau, ChartSpec(kind: .line, width: 70))
    // A rank never shares an axis with a score: each column is its own panel, on its own axis.
    #expect(text.contains("lowest by year") && text.contains("highest by year") && text.contains("rank by year"))
    #expect(text.contains("Lower rank is better"))
    let svg = try SVGChart.render(Self.laiChau, ChartSpec(kind: .line, title: "Lai Châu"))
    let parsed = try #require(ChartTests.parse(svg))
    #expect(parsed.elements["svg"] == 4)  // the document and three panels
    #expect(parsed.elements["polyline"] == 3)
    #expect(parsed.text.contains("Lai Châu: rank") && parsed.text.contains("Lai Châu: lowest"))
    #expect(svg.components(separatedBy: "<svg x=\"0\" y=\"").count == 4)  // stacked, one under another
  }

  @Test func panelsInAPageAreElementsOfTheirOwn() throws {
    let html = try SVGChart.embedded(Self.laiChau, ChartSpec(kind: .line), id: "chart-3")
    #expect(!html.contains("<?xml"))
    for panel in 1...3 { #expect(html.contains("id=\"chart-3-\(panel)\""), "panel \(panel)") }
    #expect(html.contains("#chart-3-2 text {"))  // each panel's styles are scoped to it
  }

  @Test func namingAColumnDrawsOnlyIt() throws {
    let text = try TerminalChart.render(Self.laiChau, ChartSpec(kind: .line, value: "rank", width: 70))
    #expect(text.hasPrefix("rank by year"))
    #expect(!text.contains("lowest") && !text.contains("highest"))
  }

  @Test func tooManyColumnsRefuseAndSayWhichToPick() throws {
    var columns: [(String, DataType, [Value])] = [("year", .int, [.int(2015), .int(2016)])]
    for name in ["a", "b", "c", "d", "e", "f", "g", "h", "i"] { columns.append((name, .float, [.float(1), .float(2)])) }
    let wide = makeTable(columns)
    for render in [{ try TerminalChart.render(wide, ChartSpec(kind: .line)) }, { try SVGChart.render(wide, ChartSpec(kind: .line)) }] {
      do {
        _ = try render()
        Issue.record("a chart of 9 lines was drawn")
      } catch let error as ChartError {
        #expect(error.message.contains("the result has 9 numeric columns (`a`, `b`"))
        #expect(error.message.contains("9 lines are too many to read"))
        #expect(error.message.contains("`--value a`"))
      }
    }
    // Naming one still works.
    #expect(try TerminalChart.render(wide, ChartSpec(kind: .line, value: "c")).hasPrefix("c by year"))
  }

  @Test func severalUnitsAndColumnsAreNamedTogether() throws {
    let table = makeTable([
      ("province", .text, [.text("Lai Châu"), .text("Lai Châu"), .text("Hà Nội"), .text("Hà Nội")]),
      ("year", .int, [.int(2015), .int(2016), .int(2015), .int(2016)]),
      ("lowest", .float, [.float(3.6), .float(4.5), .float(4.9), .float(5.1)]),
      ("highest", .float, [.float(8.5), .float(8.8), .float(8.1), .float(8.0)]),
    ])
    let text = try TerminalChart.render(table, ChartSpec(kind: .line, width: 100))
    for name in ["Lai Châu · lowest", "Lai Châu · highest", "Hà Nội · lowest", "Hà Nội · highest"] {
      #expect(text.contains(name), "\(name) missing:\n\(text)")
    }
  }

  /// Twenty provinces' lowest and highest sub-index: 40 lines will not fit one chart, so each
  /// column is a panel, cut to the best eight lines with a note — nothing dropped silently.
  @Test func manyUnitsGetAPanelPerColumn() throws {
    var names: [Value] = []
    var years: [Value] = []
    var lows: [Value] = []
    var highs: [Value] = []
    for unit in 0..<20 {
      for year in 2015...2016 {
        names.append(.text("unit \(unit)"))
        years.append(.int(Int64(year)))
        lows.append(.float(Double(unit) / 10))
        highs.append(.float(5 + Double(unit) / 10))
      }
    }
    let table = makeTable([("unit", .text, names), ("year", .int, years), ("lowest", .float, lows), ("highest", .float, highs)])
    let text = try TerminalChart.render(table, ChartSpec(kind: .line, width: 80))
    #expect(text.contains("lowest by year") && text.contains("highest by year"))
    #expect(text.components(separatedBy: "8 of 20 lines drawn").count == 3)
    let sparks = try TerminalChart.render(table, ChartSpec(kind: .sparkline, width: 80))
    #expect(sparks.contains("lowest by year") && sparks.contains("highest by year"))
  }

  @Test func barsOfSeveralColumnsArePanelsOrRefused() throws {
    let table = makeTable([
      ("province", .text, [.text("Đà Nẵng"), .text("Lai Châu")]),
      ("score", .float, [.float(70.0), .float(53.46)]),
      ("rank", .int, [.int(1), .int(62)]),
    ])
    let text = try TerminalChart.render(table, ChartSpec(kind: .bar))
    #expect(text.contains("score by province") && text.contains("rank by province"))
    var columns: [(String, DataType, [Value])] = [("province", .text, [.text("a")])]
    for name in ["a1", "a2", "a3", "a4", "a5"] { columns.append((name, .float, [.float(1)])) }
    #expect(throws: ChartError.self) { try TerminalChart.render(makeTable(columns), ChartSpec(kind: .bar)) }
  }

  @Test func theTerminalLineChartFitsItsWidth() throws {
    var years: [Value] = []
    var values: [Value] = []
    for year in 2005...2024 {
      years.append(.int(Int64(year)))
      values.append(.float(Double(year % 7)))
    }
    let table = makeTable([("year", .int, years), ("score", .float, values)])
    for width in [40, 80, 120] {
      let text = try TerminalChart.render(table, ChartSpec(kind: .line, width: width))
      let plot = text.split(separator: "\n").dropFirst(2).map(String.init)  // the title and the axis note may be longer
      #expect(plot.allSatisfy { DisplayWidth.of($0) <= width }, "wider than \(width):\n\(text)")
      #expect(text.contains("2005") && text.contains("2024   year"))
    }
  }

  @Test func aRankAxisStartsAtOne() throws {
    let table = makeTable([("year", .int, [.int(2015), .int(2016), .int(2017)]), ("rank", .int, [.int(1), .int(5), .int(9)])])
    let text = try TerminalChart.render(table, ChartSpec(kind: .line))
    let plot = text.split(separator: "\n").map(String.init)
    #expect(plot[2].hasPrefix("  1 ┤●"), "\(text)")  // rank 1 on the top line, labelled 1
    #expect(!text.contains(" 0 ┤"))
  }

  @Test func theTerminalLineChartInASCII() throws {
    let text = try TerminalChart.render(Self.table(dropping: "rank"), ChartSpec(kind: .line, ascii: true, width: 60))
    #expect(text.utf8.allSatisfy { $0 < 128 }, "not ASCII:\n\(text)")
    #expect(text.contains("* highest") && text.contains("o lowest"))
  }

  @Test func extremeAndMissingValuesDoNotCrash() throws {
    let table = makeTable([
      ("year", .int, [.int(2014), .int(2015), .int(2016)]),
      ("a", .float, [.float(1e308), .null, .float(-1e308)]),
      ("b", .float, [.float(.nan), .float(1), .null]),
    ])
    _ = try? TerminalChart.render(table, ChartSpec(kind: .line))
    _ = try? SVGChart.render(table, ChartSpec(kind: .line))
    let one = makeTable([("year", .int, [.int(2016)]), ("a", .float, [.float(2)]), ("b", .float, [.float(3)])])
    #expect(try TerminalChart.render(one, ChartSpec(kind: .line)).contains("a 2 (2016)"))
  }
}
