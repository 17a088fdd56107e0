import ChisoEngine
import Foundation
import Testing

@testable import ChisoRender

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Charts: exact terminal output for small tables, inference, SVG well-formedness and escaping,
/// atomic file writes and the front-end entry points.
@Suite struct ChartTests {
  // MARK: Fixtures

  static func scores(_ names: [String] = ["Hà Nội", "Lai Châu", "Đà Nẵng"], _ values: [Value]? = nil) -> Table {
    makeTable([
      ("province", .text, names.map { .text($0) }),
      ("score", .float, values ?? [.float(60.74), .float(53.46), .float(70.0)]),
    ])
  }

  static func longTable(_ rows: [(String, Int64, Value)], value: String = "score", type: DataType = .float) -> Table {
    makeTable([
      ("province", .text, rows.map { .text($0.0) }),
      ("year", .int, rows.map { .int($0.1) }),
      (value, type, rows.map { $0.2 }),
    ])
  }

  static func terminal(_ table: Table, _ spec: ChartSpec) -> String {
    do { return try TerminalChart.render(table, spec) } catch { return "error: \(error.message)" }
  }

  // MARK: Bar

  @Test func barSortedWithHighlight() {
    let text = Self.terminal(Self.scores(), ChartSpec(kind: .bar, highlight: "Lai Châu", width: 44))
    #expect(
      text == """
        score by province · 3 bars, highest first
          Đà Nẵng  ███████████████████████████ 70.00
          Hà Nội   ███████████████████████▍    60.74
        ▶ Lai Châu ████████████████████▋       53.46

        """)
    #expect(lineWidths(text).dropFirst().allSatisfy { $0 == 44 })
  }

  @Test func barNegativeValuesDivergeFromAnAxis() {
    let table = makeTable([
      ("province", .text, ["Hà Nội", "Lai Châu", "Đà Nẵng", "Huế"].map { .text($0) }),
      ("rank_change", .int, [.int(3), .int(-2), .int(0), .int(1)]),
    ])
    let text = Self.terminal(table, ChartSpec(kind: .bar, highlight: "Lai Châu", width: 44))
    #expect(
      text == """
        rank_change by province · 4 bars, highest first
          Hà Nội              │█████████████████  +3
          Huế                 │██████             +1
          Đà Nẵng             │                    0
        ▶ Lai Châu ███████████│                   -2

        """)
  }

  @Test func barNullsAreSkippedWithANote() {
    let table = Self.scores(["Hà Nội", "Lai Châu", "Đà Nẵng"], [.float(60.74), .null, .float(70)])
    let text = Self.terminal(table, ChartSpec(kind: .bar, width: 44))
    #expect(
      text == """
        score by province · 2 bars, highest first
          Đà Nẵng ████████████████████████████ 70.00
          Hà Nội  ████████████████████████▎    60.74
        note: 1 with no score (null), not drawn: Lai Châu

        """)
  }

  @Test func barASCII() {
    let text = Self.terminal(Self.scores(), ChartSpec(kind: .bar, highlight: "Lai Châu", ascii: true, width: 44))
    #expect(
      text == """
        score by province - 3 bars, highest first
          Đà Nẵng  ########################### 70.00
          Hà Nội   #######################     60.74
        > Lai Châu #####################       53.46

        """)
    #expect(Self.withoutNames(text).unicodeScalars.allSatisfy { $0.isASCII })
  }

  /// `text` without the Vietnamese names the fixtures use (ASCII mode draws in ASCII; names stay).
  static func withoutNames(_ text: String) -> String {
    ["Đà Nẵng", "Hà Nội", "Lai Châu"].reduce(text) { $0.replacingOccurrences(of: $1, with: "") }
  }

  @Test func barAlignsNFCAndNFDNames() {
    let nfc = ["Hà Nội", "Đắk Lắk", "Thừa Thiên Huế"]
    let nfd = ["Ha\u{300} No\u{323}\u{302}i", "Đa\u{306}\u{301}k La\u{306}\u{301}k", "Thu\u{31B}\u{300}a Thie\u{302}n Hue\u{302}\u{301}"]
    let values: [Value] = [.float(3), .float(2), .float(1)]
    let a = Self.terminal(Self.scores(nfc, values), ChartSpec(kind: .bar, highlight: "Đắk Lắk", width: 50))
    let b = Self.terminal(Self.scores(nfd, values), ChartSpec(kind: .bar, highlight: "Đắk Lắk", width: 50))
    #expect(!sameBytes(a, b))
    #expect(a == b)  // canonically equivalent
    #expect(lineWidths(a) == lineWidths(b))
    #expect(lineWidths(b).dropFirst().allSatisfy { $0 == 50 })
    #expect(b.contains("▶ Đa\u{306}\u{301}k La\u{306}\u{301}k"))  // NFC highlight matched an NFD label
  }

  @Test func barTruncatesLongListsButKeepsTheHighlight() {
    let names = (1...10).map { "P\($0)" }
    let table = Self.scores(names, (1...10).map { .float(Double(11 - $0)) })
    let text = Self.terminal(table, ChartSpec(kind: .bar, highlight: "P8", width: 30, maxRows: 3))
    #expect(
      text == """
        score by province · 10 bars, highest first
          P1  █████████████████████ 10
          P2  ██████████████████▉    9
          P3  ████████████████▊      8
          … 4 more
        ▶ P8  ██████▎                3
          … 2 more

        """)
  }

  @Test func barOfRanksPutsRankOneFirst() {
    let table = makeTable([
      ("province", .text, [.text("B"), .text("A"), .text("C")]),
      ("rank", .int, [.int(2), .int(1), .int(3)]),
    ])
    let text = Self.terminal(table, ChartSpec(kind: .bar, width: 30))
    #expect(text.split(separator: "\n").dropFirst().map { $0.dropFirst(2).prefix(1) } == ["A", "B", "C"])
    #expect(text.hasPrefix("rank by province · 3 bars, lowest (best rank) first\n"))
  }

  @Test func barEdgeCasesDoNotCrash() {
    // All zero, all null, one row, empty, non-finite.
    let cases: [Table] = [
      Self.scores(["a", "b"], [.float(0), .float(0)]),
      Self.scores(["a", "b"], [.null, .null]),
      Self.scores(["a"], [.float(-1)]),
      Self.scores([], []),
      Self.scores(["a", "b", "c"], [.float(.nan), .float(.infinity), .float(1)]),
    ]
    for table in cases {
      let text = Self.terminal(table, ChartSpec(kind: .bar, width: 20))
      #expect(!text.hasPrefix("error"))
      #expect(text.hasSuffix("\n"))
    }
    #expect(Self.terminal(Self.scores(["a", "b"], [.null, .null]), ChartSpec(kind: .bar)).contains("note: 2 with no score"))
  }

  @Test func extremeValuesDoNotCrash() {
    let huge = Self.scores(["a", "b", "c"], [.float(1e308), .float(-1e308), .float(5e-324)])
    let years = Self.longTable([("a", .max, .float(1e308)), ("a", .min, .float(-1e308)), ("b", .max, .float(0))])
    for kind in ChartSpec.Kind.allCases {
      for table in [huge, years] {
        for ascii in [false, true] {
          let spec = ChartSpec(kind: kind, ascii: ascii, width: 1, maxRows: 0)
          _ = Self.terminal(table, spec)
          if let document = try? SVGChart.render(table, spec) { #expect(Self.parse(document) != nil) }
        }
      }
    }
  }

  // MARK: Sparkline

  @Test func sparklineScalesToEightLevels() {
    let rows: [(String, Int64, Value)] = (0..<8).map { ("Lai Châu", 2001 + Int64($0), .float(Double($0))) }
    let text = Self.terminal(Self.longTable(rows), ChartSpec(kind: .sparkline, width: 60))
    #expect(
      text == """
        score by year, 2001–2008
        one scale for all lines: ▁ 0 … █ 7
          Lai Châu  ▁▂▃▄▅▆▇█  7 (2008)  min 0 (2001)  max 7 (2008)

        """)
  }

  @Test func sparklineInvertsRanksAndShowsGaps() {
    let rows: [(String, Int64, Value)] = [
      ("A", 2001, .int(1)), ("A", 2002, .int(4)), ("A", 2004, .int(8)),
      ("B", 2001, .int(8)), ("B", 2002, .null), ("B", 2003, .int(2)), ("B", 2004, .int(1)),
    ]
    let table = Self.longTable(rows, value: "rank", type: .int)
    let text = Self.terminal(table, ChartSpec(kind: .sparkline, highlight: "B", width: 60))
    #expect(
      text == """
        rank by year, 2001–2004
        lower rank is better, so the bars are inverted: up means better
        one scale for all lines: ▁ 8 … █ 1
        ▶ B  ▁·▇█  1 (2004)  best 1 (2004)  worst 8 (2001)
          A  █▅·▁  8 (2004)  best 1 (2001)  worst 8 (2004)
        note: 2 gaps: no rank for that year (1 null)

        """)
    let ascii = Self.terminal(table, ChartSpec(kind: .sparkline, highlight: "B", ascii: true, width: 60))
    #expect(ascii.unicodeScalars.allSatisfy { $0.isASCII })
    #expect(ascii.contains("> B  _ *#  1 (2004)"))
    #expect(ascii.contains("  A  #= _  8 (2004)"))
  }

  @Test func sparklineKeepsMissingYearsAsGaps() {
    let rows: [(String, Int64, Value)] = [("A", 2001, .float(1)), ("A", 2004, .float(2))]
    let text = Self.terminal(Self.longTable(rows), ChartSpec(kind: .sparkline))
    #expect(text.contains("  A  ▁··█  2 (2004)"))
    #expect(text.contains("note: 2 gaps: no score for that year (no rows at all for 2002, 2003)"))
  }

  @Test func sparklineRejectsSeveralRowsPerUnitAndYear() {
    let rows: [(String, Int64, Value)] = [("A", 2001, .float(1)), ("A", 2001, .float(2))]
    let text = Self.terminal(Self.longTable(rows), ChartSpec(kind: .sparkline))
    #expect(text.hasPrefix("error: several rows for A at year 2001"))
  }

  @Test func sparklineWithoutAYearColumnSaysWhatItNeeds() {
    let text = Self.terminal(Self.scores(), ChartSpec(kind: .sparkline))
    #expect(text.hasPrefix("error: a sparkline needs an x axis"))
  }

  // MARK: Slope

  static let slopeRows: [(String, Int64, Value)] = [
    ("A", 2015, .float(50)), ("B", 2015, .float(60)), ("C", 2015, .float(55)), ("D", 2015, .float(40)),
    ("A", 2016, .float(61)), ("B", 2016, .float(60)), ("C", 2016, .float(54)), ("E", 2016, .float(58)),
  ]

  @Test func slopeRanksScoresAndShowsMovement() {
    let text = Self.terminal(Self.longTable(Self.slopeRows), ChartSpec(kind: .slope, highlight: "C", width: 60))
    #expect(
      text == """
        rank by score, 2015 → 2016
        units ranked by score in each period, 1 = highest
        ↑n moved up n places, ↓n moved down, = kept its rank
            2015         2016
          1 B     ↘    1 A     ↑2
        ▶ 2 C     ↘    2 B     ↓1
          3 A     ↗    3 E     new
          4 D     ×  ▶ 4 C     ↓2
        note: new = no rank in 2015
        note: × = no rank in 2016

        """)
    let ascii = Self.terminal(Self.longTable(Self.slopeRows), ChartSpec(kind: .slope, highlight: "C", ascii: true))
    #expect(ascii.hasPrefix("rank by score, 2015 -> 2016\n"))
    #expect(ascii.unicodeScalars.allSatisfy { $0.isASCII })
    #expect(ascii.contains("> 2 C     \\    2 B     -1"))
    #expect(ascii.contains("  3 A     /    3 E     new"))
  }

  @Test func slopeOfPublishedRanksInWideForm() {
    let table = makeTable([
      ("province", .text, ["Đà Nẵng", "Lai Châu", "Cao Bằng"].map { .text($0) }),
      ("year_from", .int, [.int(2015), .int(2015), .int(2015)]),
      ("year_to", .int, [.int(2016), .int(2016), .int(2016)]),
      ("rank_from", .int, [.int(1), .int(61), .int(58)]),
      ("rank_to", .int, [.int(1), .int(62), .int(63)]),
      ("rank_change", .int, [.int(0), .int(-1), .int(-5)]),
    ])
    let columns = try? ChartColumns.infer(table, ChartSpec(kind: .slope))
    #expect(columns?.value == "rank_from")
    #expect(columns?.secondValue == "rank_to")
    #expect(columns?.lowerIsBetter == true)
    let text = Self.terminal(table, ChartSpec(kind: .slope, highlight: "Lai Châu", width: 60))
    #expect(
      text == """
        rank_from → rank_to, 2015 → 2016
        ↑n moved up n places, ↓n moved down, = kept its rank
             2015              2016
           1 Đà Nẵng   →     1 Đà Nẵng   =
          58 Cao Bằng  ↘  ▶ 62 Lai Châu  ↓1
        ▶ 61 Lai Châu  ↘    63 Cao Bằng  ↓5

        """)
  }

  @Test func slopeNeedsTwoPeriods() {
    let rows: [(String, Int64, Value)] = [("A", 2015, .float(1)), ("B", 2015, .float(2))]
    #expect(Self.terminal(Self.longTable(rows), ChartSpec(kind: .slope)).hasPrefix("error: a slope chart needs two values of `year`"))
    let three = Self.slopeRows + [("A", 2017, .float(1))]
    #expect(Self.terminal(Self.longTable(three), ChartSpec(kind: .slope)).contains("drawn: the first and last, 2015 and 2017"))
  }

  // MARK: Inference

  @Test func inferencePicksLabelValueSeriesAndKind() throws {
    let long = Self.longTable(Self.slopeRows)
    let slope = try ChartColumns.infer(long, ChartSpec())
    #expect(slope == ChartColumns(kind: .slope, label: "province", value: "score", series: "year", secondValue: nil, lowerIsBetter: false))
    let three = Self.longTable(Self.slopeRows + [("A", 2017, .float(1))])
    #expect(try ChartColumns.infer(three, ChartSpec()).kind == .sparkline)
    let bar = try ChartColumns.infer(Self.scores(), ChartSpec())
    #expect(bar.kind == .bar && bar.label == "province" && bar.value == "score" && bar.series == nil)
    // A bar chart of a long table by year: the year is the label when no text column exists.
    let years = makeTable([("year", .int, [.int(2015), .int(2016)]), ("score", .float, [.float(1), .float(2)])])
    let yearBar = try ChartColumns.infer(years, ChartSpec(kind: .bar))
    #expect(yearBar.label == "year" && yearBar.value == "score")
    #expect(Self.terminal(years, ChartSpec(kind: .bar)).contains("in table order"))
    #expect(ChartColumns.isRankName("rank_2016") && ChartColumns.isRankName("pci_rank"))
    #expect(!ChartColumns.isRankName("rank_change") && !ChartColumns.isRankName("score"))
  }

  @Test func inferenceErrorsNameTheProblem() {
    let text = makeTable([("province", .text, [.text("a")])])
    #expect(Self.terminal(text, ChartSpec(kind: .bar)).hasPrefix("error: nothing to draw"))
    #expect(Self.terminal(Self.scores(), ChartSpec(kind: .bar, value: "scroe")).hasPrefix("error: no column `scroe`"))
    #expect(Self.terminal(Self.scores(), ChartSpec(kind: .bar, value: "province")).contains("is text, not a number"))
  }

  @Test func highlightThatMatchesNothingIsReported() {
    let text = Self.terminal(Self.scores(), ChartSpec(kind: .bar, highlight: "Lai Chau"))
    #expect(text.contains("note: nothing to highlight: no unit is labelled \"Lai Chau\""))
  }

  // MARK: SVG

  /// Parses `svg` and returns the concatenated text content, or nil when it is not well-formed.
  static func parse(_ svg: String) -> (text: String, elements: [String: Int])? {
    final class Collector: NSObject, XMLParserDelegate {
      var text = ""
      var elements: [String: Int] = [:]
      func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
      func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
      ) { elements[elementName, default: 0] += 1 }
    }
    let parser = XMLParser(data: Data(svg.utf8))
    let collector = Collector()
    parser.delegate = collector
    guard parser.parse() else { return nil }
    return (collector.text, collector.elements)
  }

  static func svg(_ table: Table, _ spec: ChartSpec) -> String {
    do { return try SVGChart.render(table, spec) } catch { return "error: \(error.message)" }
  }

  @Test func svgIsWellFormedForEveryKind() throws {
    let long = Self.longTable(Self.slopeRows + [("A", 2017, .float(1)), ("B", 2017, .null)])
    let documents = [
      Self.svg(Self.scores(), ChartSpec(kind: .bar, highlight: "Lai Châu")),
      Self.svg(Self.scores(["a", "b"], [.float(-3), .float(2)]), ChartSpec(kind: .bar)),
      Self.svg(long, ChartSpec(kind: .sparkline, highlight: "C")),
      Self.svg(Self.longTable(Self.slopeRows), ChartSpec(kind: .slope, highlight: "C")),
      Self.svg(Self.scores([], []), ChartSpec(kind: .bar)),
    ]
    for document in documents {
      #expect(document.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
      let parsed = try #require(Self.parse(document))
      #expect(parsed.elements["svg"] == 1)
      #expect(parsed.elements["title"] == 1)
      #expect(!document.contains("href"))  // no external assets
    }
    let bar = try #require(Self.parse(documents[0]))
    #expect(bar.elements["rect", default: 0] >= 4)  // background and three bars
    #expect(bar.text.contains("score by province") && bar.text.contains("Lai Châu"))
    let slope = try #require(Self.parse(documents[3]))
    #expect(slope.elements["line", default: 0] >= 5)  // two axes and three lines
  }

  @Test func svgEscapesMarkupInLabels() throws {
    let nasty = "A<&>\"'B\u{1}"
    let table = Self.scores([nasty, "</text><script>x</script>"], [.float(1), .float(2)])
    let document = Self.svg(table, ChartSpec(kind: .bar, highlight: nasty, title: "<b>&title"))
    #expect(!document.contains("<script>"))
    #expect(document.contains("A&lt;&amp;&gt;&quot;&apos;B\u{FFFD}"))
    let parsed = try #require(Self.parse(document))
    #expect(parsed.text.contains("A<&>\"'B\u{FFFD}"))
    #expect(parsed.text.contains("</text><script>x</script>"))
    #expect(parsed.text.contains("<b>&title"))
    #expect(parsed.elements["script"] == nil)
    #expect(SVGChart.escape("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&apos;f")
  }

  @Test func svgHighlightsInAContrastingColour() {
    let document = Self.svg(Self.scores(), ChartSpec(kind: .bar, highlight: "Lai Châu"))
    #expect(document.components(separatedBy: "fill=\"\(SVGChart.accent)\"").count - 1 == 1)  // one red bar
    #expect(document.contains("class=\"hl\">Lai Châu</text>"))
    let spark = Self.svg(Self.longTable(Self.slopeRows + [("C", 2017, .float(50))]), ChartSpec(kind: .sparkline, highlight: "C"))
    #expect(spark.contains("stroke=\"\(SVGChart.accent)\""))
  }

  @Test func svgSparklineOfRanksSaysItIsInverted() throws {
    let rows: [(String, Int64, Value)] = [("A", 2001, .int(1)), ("A", 2002, .int(5))]
    let parsed = try #require(Self.parse(Self.svg(Self.longTable(rows, value: "rank", type: .int), ChartSpec(kind: .sparkline))))
    #expect(parsed.text.contains("Lower rank is better: lines are inverted"))
  }

  // MARK: Files and commands

  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("chiso-charts-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func fileWriteIsAtomic() throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("chart.svg").path
    try ChartFile.write("old", to: path)
    // A reader holding the old file keeps seeing all of it: the new file replaces it by rename,
    // never by rewriting it in place.
    let reader = try #require(FileHandle(forReadingAtPath: path))
    defer { try? reader.close() }
    let before = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64
    try ChartFile.write(String(repeating: "new ", count: 10_000), to: path)
    let after = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64
    #expect(before != after)
    #expect(String(data: reader.readDataToEndOfFile(), encoding: .utf8) == "old")
    #expect(try String(contentsOfFile: path, encoding: .utf8) == String(repeating: "new ", count: 10_000))
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["chart.svg"])  // no temporaries left
    // A failed write leaves nothing behind and says why.
    #expect(throws: ChartError.self) { try ChartFile.write("x", to: directory.appendingPathComponent("none/x.svg").path) }
    let folder = directory.appendingPathComponent("folder.svg")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
    #expect(throws: ChartError.self) { try ChartFile.write("x", to: folder.path) }
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["chart.svg", "folder.svg"])
  }

  @Test func chartRequestParsing() throws {
    #expect(try ChartRequest.parse("bar") == ChartRequest(kind: .bar))
    #expect(try ChartRequest.parse("Sparkline") == ChartRequest(kind: .sparkline))
    #expect(try ChartRequest.parse("slope:out.svg") == ChartRequest(kind: .slope, file: "out.svg"))
    #expect(try ChartRequest.parse("auto:/tmp/a:b.svg") == ChartRequest(kind: nil, file: "/tmp/a:b.svg"))
    #expect(try ChartRequest.parse("out.SVG") == ChartRequest(kind: nil, file: "out.SVG"))
    #expect(throws: ChartError.self) { try ChartRequest.parse("pie") }
    #expect(throws: ChartError.self) { try ChartRequest.parse("bar:out.png") }
    #expect(throws: ChartError.self) { try ChartRequest.parse("bar:") }
  }

  @Test func replCommandDrawsOrWrites() throws {
    let table = Self.scores()
    let text = try ChartCommand.run(table: table, argument: "bar --highlight \"Lai Châu\" --width 44")
    #expect(text == Self.terminal(table, ChartSpec(kind: .bar, highlight: "Lai Châu", width: 44)))
    #expect(try ChartCommand.run(table: table, argument: "--ascii --width=44 'bar'").contains("> Lai Châu") == false)
    #expect(try ChartCommand.run(table: table, argument: "--ascii --highlight='Lai Châu'").contains("> Lai Châu"))
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("my chart.svg").path
    let message = try ChartCommand.run(table: table, argument: "\"\(path)\" --highlight 'Lai Châu'")
    #expect(message == "wrote bar chart of score by province to \(path)\n")
    let written = try String(contentsOfFile: path, encoding: .utf8)
    #expect(Self.parse(written) != nil)
    #expect(written == Self.svg(table, ChartSpec(kind: .bar, highlight: "Lai Châu")))
    #expect(throws: ChartError.self) { try ChartCommand.run(table: table, argument: "--highlight") }
    #expect(throws: ChartError.self) { try ChartCommand.run(table: table, argument: "--bogus") }
    #expect(throws: ChartError.self) { try ChartCommand.run(table: table, argument: "bar \"unclosed") }
    #expect(throws: ChartError.self) { try ChartCommand.run(table: table, argument: "--width 5") }
  }

  @Test func rowWindowCollapsesRunsAndKeepsSingles() {
    #expect(RowWindow.items(count: 3, limit: 5, always: []) == [.row(0), .row(1), .row(2)])
    #expect(RowWindow.items(count: 6, limit: 2, always: [3]) == [.row(0), .row(1), .row(2), .row(3), .gap(2)])
    #expect(RowWindow.items(count: 6, limit: 2, always: [5]) == [.row(0), .row(1), .gap(3), .row(5)])
    #expect(ChartRanks.competition([5, 7, 7, 1], lowerIsBetter: false) == [3, 1, 1, 4])
    #expect(ChartNumber.format(-0.004, decimals: 2) == "0.00")
    #expect(ChartNumber.format(2.5, decimals: 0, sign: true) == "+3")
    #expect(ChartNumber.format(-1.005, decimals: 1) == "-1.0")
  }
}
