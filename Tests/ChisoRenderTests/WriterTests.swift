import ChisoEngine
import Testing

@testable import ChisoRender

@Suite struct DelimitedWriterTests {
  @Test func csvQuotesOnlyWhereNeeded() {
    let table = makeTable([
      (
        "text", .text,
        [
          .text("plain"), .text("a,b"), .text("say \"hi\""), .text("line\nbreak"), .text("cr\rx"),
          .text(" lead"), .text("trail "), .text(""), .null, .text("Đắk Lắk"),
        ]
      )
    ])
    #expect(
      DelimitedWriter.render(table, dialect: .csv) == """
        text
        plain
        "a,b"
        "say ""hi\"""
        "line
        break"
        "cr\rx"
        " lead"
        "trail "
        ""

        Đắk Lắk

        """)
  }

  @Test func csvHeaderIsQuotedToo() {
    let table = makeTable([("a,b", .int, [.int(1)]), ("c", .int, [.int(2)])])
    #expect(DelimitedWriter.render(table, dialect: .csv) == "\"a,b\",c\n1,2\n")
  }

  @Test func csvSpellsEveryType() {
    let table = makeTable([
      ("b", .bool, [.bool(true), .bool(false), .null]),
      ("d", .date, [.date(19_753), .date(0), .null]),
      ("t", .timestamp, [.timestamp(1_706_700_000_123_400), .timestamp(0), .null]),
      ("f", .float, [.float(0.1), .float(100), .null]),
      ("i", .int, [.int(-7), .int(0), .null]),
      ("n", .null, [.null, .null, .null]),
    ])
    #expect(
      DelimitedWriter.render(table, dialect: .csv) == """
        b,d,t,f,i,n
        true,2024-01-31,2024-01-31 11:20:00.1234,0.1,-7,
        false,1970-01-01,1970-01-01 00:00:00,100.0,0,
        ,,,,,

        """)
  }

  @Test func tsvEscapesWithBackslashes() {
    let table = makeTable([
      ("s", .text, [.text("a\tb"), .text("x\ny"), .text("back\\slash"), .text("cr\r"), .null]),
      ("n", .int, [.int(1), .int(2), .int(3), .int(4), .null]),
    ])
    #expect(
      DelimitedWriter.render(table, dialect: .tsv)
        == "s\tn\na\\tb\t1\nx\\ny\t2\nback\\\\slash\t3\ncr\\r\t4\n\t\n")
  }

  @Test func tsvNeverQuotes() {
    let table = makeTable([("s", .text, [.text("say \"hi\", ok")])])
    #expect(DelimitedWriter.render(table, dialect: .tsv) == "s\nsay \"hi\", ok\n")
  }
}

@Suite struct JSONWriterTests {
  @Test func stringsAreEscaped() {
    let table = makeTable([
      (
        "s", .text,
        [
          .text("quote \" and \\ backslash"), .text("tab\tnew\nline\r"), .text("bell\u{07}\u{1F}"),
          .text("Hà Nội ☃ 😀"), .text("\u{08}\u{0C}"),
        ]
      )
    ])
    #expect(
      JSONWriter.render(table, layout: .lines) == """
        {"s":"quote \\" and \\\\ backslash"}
        {"s":"tab\\tnew\\nline\\r"}
        {"s":"bell\\u0007\\u001F"}
        {"s":"Hà Nội ☃ 😀"}
        {"s":"\\b\\f"}

        """)
  }

  @Test func numbersAndNulls() {
    let table = makeTable([
      ("i", .int, [.int(42), .int(-9_223_372_036_854_775_807), .null]),
      ("f", .float, [.float(37.5), .float(1), .float(.nan)]),
      ("g", .float, [.float(.infinity), .float(-.infinity), .float(1e-7)]),
      ("b", .bool, [.bool(true), .null, .bool(false)]),
      ("d", .date, [.date(19_753), .null, .date(0)]),
      ("t", .timestamp, [.timestamp(0), .null, .timestamp(1_500_000)]),
    ])
    #expect(
      JSONWriter.render(table, layout: .lines) == """
        {"i":42,"f":37.5,"g":"Infinity","b":true,"d":"2024-01-31","t":"1970-01-01 00:00:00"}
        {"i":-9223372036854775807,"f":1.0,"g":"-Infinity","b":null,"d":null,"t":null}
        {"i":null,"f":"NaN","g":1e-07,"b":false,"d":"1970-01-01","t":"1970-01-01 00:00:01.5"}

        """)
  }

  @Test func arrayLayoutHasOneObjectPerLine() {
    let table = makeTable([("name", .text, [.text("a"), .null]), ("n", .int, [.int(1), .int(2)])])
    #expect(
      JSONWriter.render(table, layout: .array) == """
        [
          {"name":"a","n":1},
          {"name":null,"n":2}
        ]

        """)
    #expect(JSONWriter.render(makeTable([("x", .int, [])]), layout: .array) == "[]\n")
    #expect(JSONWriter.render(makeTable([("x", .int, [])]), layout: .lines) == "")
  }

  @Test func duplicateNamesAreDisambiguated() {
    let table = makeTable([
      ("id", .int, [.int(1)]), ("id", .int, [.int(2)]), ("id_1", .int, [.int(3)]),
      ("id", .int, [.int(4)]),
    ])
    #expect(
      JSONWriter.render(table, layout: .lines) == "{\"id\":1,\"id_2\":2,\"id_1\":3,\"id_3\":4}\n")
    #expect(disambiguatedNames(["a", "b", "a", "a"]) == ["a", "b", "a_1", "a_2"])
  }

  @Test func keysAreEscaped() {
    let table = makeTable([("say \"x\"", .int, [.int(1)])])
    #expect(JSONWriter.render(table, layout: .lines) == "{\"say \\\"x\\\"\":1}\n")
  }
}

@Suite struct MarkdownWriterTests {
  @Test func pipesAreEscapedAndNumbersRightAligned() {
    let table = makeTable([
      ("province", .text, [.text("Hà Nội"), .text("a|b"), .null]),
      ("score", .float, [.float(37.5), .null, .float(2)]),
      ("note", .text, [.text("x\ny"), .text(""), .text("ok")]),
    ])
    #expect(
      MarkdownWriter.render(table) == """
        | province | score | note   |
        | -------- | ----: | ------ |
        | Hà Nội   |  37.5 | x<br>y |
        | a\\|b     |  null |        |
        | null     |   2.0 | ok     |

        """)
  }

  @Test func nfdTextPadsLikeNFC() {
    let nfc = MarkdownWriter.render(makeTable([("p", .text, [.text("Đắk Lắk"), .text("Huế")])]))
    let nfd = MarkdownWriter.render(
      makeTable([
        ("p", .text, [.text("Đa\u{306}\u{301}k La\u{306}\u{301}k"), .text("Hue\u{302}\u{301}")])
      ]))
    #expect(lineWidths(nfc) == lineWidths(nfd))
    #expect(nfc.contains("| Huế     |"))
  }

  @Test func emptyTables() {
    #expect(MarkdownWriter.render(makeTable([("a", .int, [])])) == "| a   |\n| --: |\n")
    #expect(MarkdownWriter.render(Table.empty) == "")
  }
}

@Suite struct LineWriterTests {
  @Test func namesRightAlignedAndRowsSeparated() {
    let table = makeTable([
      ("province", .text, [.text("Hà Nội"), .null]),
      ("score", .float, [.float(37.5), .float(1)]),
    ])
    #expect(
      LineWriter.render(table) == """
        province = Hà Nội
           score = 37.5

        province = null
           score = 1.0

        """)
  }

  @Test func colourDimsNull() {
    let table = makeTable([("x", .int, [.null])])
    #expect(LineWriter.render(table, colour: true) == "x = \u{1B}[2mnull\u{1B}[0m\n")
    #expect(LineWriter.render(makeTable([("x", .int, [])])) == "")
  }
}

@Suite struct RendererTests {
  static let mixed = makeTable([
    ("province", .text, [.text("Huế"), .null]),
    ("score", .float, [.null, .float(.nan)]),
    ("ok", .bool, [.bool(true), .null]),
  ])

  @Test func nullInEveryFormat() {
    let t = Self.mixed
    #expect(Renderer.render(t, as: .csv) == "province,score,ok\nHuế,,true\n,nan,\n")
    #expect(Renderer.render(t, as: .tsv) == "province\tscore\tok\nHuế\t\ttrue\n\tnan\t\n")
    #expect(
      Renderer.render(t, as: .jsonl)
        == "{\"province\":\"Huế\",\"score\":null,\"ok\":true}\n{\"province\":null,\"score\":\"NaN\",\"ok\":null}\n"
    )
    #expect(
      Renderer.render(t, as: .json).contains("  {\"province\":null,\"score\":\"NaN\",\"ok\":null}\n]"))
    #expect(Renderer.render(t, as: .markdown).contains("| null     |   nan | null |"))
    #expect(Renderer.render(t, as: .line).contains("province = null\n"))
    #expect(
      Renderer.render(t, as: .table) == """
        ┌──────────┬───────┬──────┐
        │ province │ score │  ok  │
        │   text   │ float │ bool │
        ├──────────┼───────┼──────┤
        │ Huế      │  null │ true │
        │ null     │   nan │ null │
        └──────────┴───────┴──────┘
        2 rows

        """)
  }

  @Test func allNullTextColumnWithEmptyDictionary() {
    // A text column widened from nulls has codes but an empty dictionary.
    let column = Column(
      .text(TextBuffer(codes: [0, 0], dictionary: [])),
      validity: NullBitmap(count: 2, allValid: false))
    let table = Table(names: ["t"], columns: [column])
    for format in OutputFormat.allCases {
      #expect(!Renderer.render(table, as: format).isEmpty)
    }
    #expect(Renderer.render(table, as: .csv) == "t\n\n\n")
  }

  @Test func inconsistentTablesDoNotTrap() {
    // Fewer names than columns, and a row count beyond a column's length.
    let table = Table(
      names: ["a"],
      columns: [Column(.int([1])), Column(.text(TextBuffer(codes: [5], dictionary: ["x"])))],
      rowCount: 2)
    #expect(Renderer.render(table, as: .csv) == "a,\"\"\n1,\n,\n")
    for format in OutputFormat.allCases {
      #expect(
        !Renderer.render(table, as: format, style: TableStyle(maxRows: 1, maxWidth: 5)).isEmpty)
    }
  }

  @Test func streamingWriteMatchesRender() {
    let count = 10_000
    let table = Table(
      names: ["province", "n", "x"],
      columns: [
        Column(
          .text(TextBuffer.encode((0..<count).map { $0 % 5 == 0 ? nil : "Đắk Lắk \($0 % 17)" }).0)),
        Column(.int((0..<count).map { Int64($0) })),
        Column(.float((0..<count).map { Double($0) / 3 })),
      ])
    for format in OutputFormat.allCases {
      let style = TableStyle(maxRows: format == .table ? 40 : nil)
      var chunks: [String] = []
      Renderer.write(table, as: format, style: style) { chunks.append($0) }
      let whole = Renderer.render(table, as: format, style: style)
      #expect(chunks.joined() == whole, "\(format)")
      if format != .table { #expect(chunks.count > 1, "\(format) streams in chunks") }
    }
  }

  @Test func formatsRoundTripTheirNames() {
    #expect(
      OutputFormat.allCases.map(\.rawValue) == [
        "table", "csv", "tsv", "json", "jsonl", "markdown", "line",
      ])
    #expect(OutputFormat(rawValue: "jsonl") == .jsonl)
  }
}

@Suite struct ColourTests {
  @Test func helpersHonourTheFlag() {
    let on = Colour(enabled: true)
    let off = Colour(enabled: false)
    #expect(on.bold("h") == "\u{1B}[1mh\u{1B}[0m")
    #expect(on.dim("null") == "\u{1B}[2mnull\u{1B}[0m")
    #expect(on.red("error") == "\u{1B}[31merror\u{1B}[0m")
    #expect(off.bold("h") == "h")
    #expect(off.red("error") == "error")
    #expect(on.red("") == "")
  }
}
