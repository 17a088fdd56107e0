import ChisoEngine
import Testing

@testable import ChisoRender

@Suite struct TableRendererTests {
  static let nfcNames = ["Hà Nội", "Đắk Lắk", "Thừa Thiên Huế"]
  static let nfdNames = [
    "Ha\u{300} No\u{323}\u{302}i", "Đa\u{306}\u{301}k La\u{306}\u{301}k",
    "Thu\u{31B}\u{300}a Thie\u{302}n Hue\u{302}\u{301}",
  ]

  static func provinces(_ names: [String]) -> Table {
    makeTable([
      ("province", .text, names.map { .text($0) }),
      ("score", .float, [.float(37.5), .float(0.1), .null]),
      ("rank", .int, [.int(1), .int(12), .int(3)]),
    ])
  }

  static func snapshot(_ names: [String]) -> String {
    """
    ┌────────────────┬───────┬──────┐
    │    province    │ score │ rank │
    │      text      │ float │ int  │
    ├────────────────┼───────┼──────┤
    │ \(names[0])         │  37.5 │    1 │
    │ \(names[1])        │   0.1 │   12 │
    │ \(names[2]) │  null │    3 │
    └────────────────┴───────┴──────┘
    3 rows

    """
  }

  @Test func vietnameseNamesAlignInNFC() {
    let rendered = TableRenderer.render(Self.provinces(Self.nfcNames))
    #expect(rendered == Self.snapshot(Self.nfcNames))
    #expect(sameBytes(rendered, Self.snapshot(Self.nfcNames)))
  }

  @Test func vietnameseNamesAlignInNFD() {
    let rendered = TableRenderer.render(Self.provinces(Self.nfdNames))
    #expect(sameBytes(rendered, Self.snapshot(Self.nfdNames)))
    // Both spellings draw equally wide lines, and every line of the box is the same width.
    let nfc = lineWidths(TableRenderer.render(Self.provinces(Self.nfcNames)))
    let nfd = lineWidths(rendered)
    #expect(nfc == nfd)
    #expect(Set(nfd.dropLast()) == [33])
  }

  static func numbers(_ count: Int) -> Table {
    Table(names: ["n"], columns: [Column(.int((1...Int64(count)).map { $0 }))])
  }

  @Test func headAndTailElision() {
    let rendered = TableRenderer.render(Self.numbers(10), style: TableStyle(maxRows: 4))
    #expect(
      rendered == """
        ┌────────────┐
        │     n      │
        │    int     │
        ├────────────┤
        │          1 │
        │          2 │
        │ … 6 rows … │
        │          9 │
        │         10 │
        └────────────┘
        10 rows (4 shown)

        """)
  }

  @Test func oddMaxRowsShowsOneMoreAtTheHead() {
    let rendered = TableRenderer.render(Self.numbers(10), style: TableStyle(maxRows: 3))
    let body = rendered.split(separator: "\n").map(String.init)
    #expect(body[4].hasSuffix(" 1 │"))
    #expect(body[5].hasSuffix(" 2 │"))
    #expect(body[6].contains("… 7 rows …"))
    #expect(body[7].hasSuffix(" 10 │"))
    #expect(body.last == "10 rows (3 shown)")
  }

  @Test func noElisionAtOrBelowMaxRows() {
    let rendered = TableRenderer.render(Self.numbers(4), style: TableStyle(maxRows: 4))
    #expect(!rendered.contains("…"))
    #expect(rendered.hasSuffix("│   4 │\n└─────┘\n4 rows\n"))
    #expect(TableRenderer.render(Self.numbers(1)).hasSuffix("\n1 row\n"))
  }

  static func wide() -> Table {
    let names = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"]
    return Table(
      names: names,
      columns: (0..<6).map { index in Column(.int((0..<2).map { Int64($0 * 1000 + index) })) })
  }

  @Test func middleColumnsAreElidedAtNarrowWidth() {
    let rendered = TableRenderer.render(Self.wide(), style: TableStyle(maxWidth: 30))
    #expect(
      rendered == """
        ┌───────┬──────┬───┬──────┐
        │ alpha │ beta │ … │ zeta │
        │  int  │ int  │   │ int  │
        ├───────┼──────┼───┼──────┤
        │     0 │    1 │ … │    5 │
        │  1000 │ 1001 │ … │ 1005 │
        └───────┴──────┴───┴──────┘
        2 rows (3 columns hidden: gamma, delta, epsilon)

        """)
    #expect(lineWidths(rendered).dropLast().allSatisfy { $0 <= 30 })
  }

  @Test func wideEnoughShowsEveryColumn() {
    let rendered = TableRenderer.render(Self.wide(), style: TableStyle(maxWidth: 80))
    #expect(!rendered.contains("hidden"))
    #expect(rendered.contains("epsilon"))
  }

  @Test func oneHiddenColumnIsSingular() {
    let rendered = TableRenderer.render(Self.wide(), style: TableStyle(maxWidth: 45))
    #expect(rendered.hasSuffix("2 rows (1 column hidden: delta)\n"))
  }

  @Test func longCellsAreCutWithAnEllipsisBeforeColumnsAreHidden() {
    let long = String(repeating: "x", count: 100)
    let table = makeTable([("id", .int, [.int(1)]), ("note", .text, [.text(long)])])
    let rendered = TableRenderer.render(table, style: TableStyle(maxWidth: 60))
    // Cut to the width left over: 60 - (1 + "id" column 6) - 3 = 50 columns, ellipsis included.
    #expect(rendered.contains("│ " + String(repeating: "x", count: 49) + "… │"))
    #expect(!rendered.contains("hidden"))
    #expect(lineWidths(rendered).allSatisfy { $0 <= 60 })
    // Narrower than one capped column: the column itself narrows.
    let narrow = TableRenderer.render(table, style: TableStyle(maxWidth: 12))
    #expect(lineWidths(narrow).dropLast().allSatisfy { $0 <= 12 })
    #expect(narrow.hasSuffix("(1 column hidden: note)\n"))
  }

  @Test func textIsCutBeforeAnyColumnIsHidden() {
    let table = makeTable([
      ("province", .text, [.text("Thừa Thiên Huế"), .text(String(repeating: "中文", count: 12))]),
      ("score", .float, [.float(37.5), .float(0.1)]),
      ("note", .text, [.text("ok"), .null]),
    ])
    #expect(
      TableRenderer.render(table, style: TableStyle(maxWidth: 38)) == """
        ┌─────────────────────┬───────┬──────┐
        │      province       │ score │ note │
        │        text         │ float │ text │
        ├─────────────────────┼───────┼──────┤
        │ Thừa Thiên Huế      │  37.5 │ ok   │
        │ 中文中文中文中文中… │   0.1 │ null │
        └─────────────────────┴───────┴──────┘
        2 rows

        """)
  }

  @Test func asciiStyle() {
    let table = makeTable([
      ("name", .text, [.text("a"), .null]), ("n", .int, [.int(5), .int(10)]),
    ])
    let rendered = TableRenderer.render(table, style: TableStyle(ascii: true))
    #expect(
      rendered == """
        +------+-----+
        | name |  n  |
        | text | int |
        +------+-----+
        | a    |   5 |
        | null |  10 |
        +------+-----+
        2 rows

        """)
  }

  @Test func controlCharactersAreEscaped() {
    let table = makeTable([("s", .text, [.text("a\nb"), .text("c\td"), .text("\u{1B}[31m")])])
    let rendered = TableRenderer.render(table)
    #expect(rendered.contains("│ a\\nb     │"))
    #expect(rendered.contains("│ c\\td     │"))
    #expect(rendered.contains("│ \\x1B[31m │"))
    #expect(!rendered.contains("\u{1B}"))
  }

  @Test func emptyTables() {
    let noRows = makeTable([("a", .int, []), ("b", .text, [])])
    #expect(
      TableRenderer.render(noRows) == """
        ┌─────┬──────┐
        │  a  │  b   │
        │ int │ text │
        └─────┴──────┘
        0 rows

        """)
    #expect(TableRenderer.render(Table.empty) == "(no columns)\n0 rows\n")
  }

  @Test func colourBoldsHeadersAndDimsNulls() {
    let table = makeTable([("x", .int, [.null, .int(7)])])
    let rendered = TableRenderer.render(table, style: TableStyle(colour: true))
    #expect(rendered.contains("\u{1B}[1mx\u{1B}[0m"))
    #expect(rendered.contains("│ \u{1B}[2mnull\u{1B}[0m │"))
    #expect(rendered.contains("│    7 │"))
    let plain = TableRenderer.render(table)
    #expect(!plain.contains("\u{1B}"))
    #expect(plain.contains("│ null │"))
  }

  @Test func floatsKeepShortestRoundTripText() {
    let table = makeTable([
      ("v", .float, [.float(0.1 + 0.2), .float(2), .float(.nan), .float(-.infinity)])
    ])
    let rendered = TableRenderer.render(table)
    #expect(rendered.contains("│ 0.30000000000000004 │"))
    #expect(rendered.contains("│                 2.0 │"))
    #expect(rendered.contains("│                 nan │"))
    #expect(rendered.contains("│                -inf │"))
  }

  @Test func fitKeepsBothEnds() {
    let layout = TableRenderer.fit(
      natural: [5, 5, 5, 5, 5], floors: [5, 5, 5, 5, 5], maxWidth: 21, ellipsisWidth: 1)
    #expect(layout.kept == [0, 4])
    #expect(layout.ellipsisAt == 1)
    #expect(TableRenderer.drawnWidth(layout.widths, ellipsisWidth: 1) <= 21)
  }

  @Test func tenThousandRowsRenderQuickly() {
    let count = 10_000
    var names: [String] = []
    for index in 0..<count { names.append(index % 3 == 0 ? "Đắk Lắk \(index % 63)" : "Hà Nội") }
    let table = Table(
      names: ["province", "year", "score", "rank"],
      columns: [
        Column(.text(TextBuffer.encode(names).0)),
        Column(.int((0..<count).map { Int64(2010 + $0 % 15) })),
        Column(.float((0..<count).map { Double($0) / 7 })),
        Column(.int((0..<count).map { Int64($0) })),
      ])
    let clock = ContinuousClock()
    var text = ""
    let elapsed = clock.measure { text = TableRenderer.render(table) }
    #expect(text.hasSuffix("10000 rows\n"))
    #expect(elapsed < .seconds(2))
  }
}
