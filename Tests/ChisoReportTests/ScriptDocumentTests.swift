import ChisoSyntax
import Testing

@testable import ChisoReport

/// Scripts read as documents: prose, queries, directives, and the text each query runs from.
struct ScriptDocumentTests {
  @Test func oneQueryScriptIsOneCellWithItsProse() throws {
    let text = "# ## Title\n#\n# Some *prose*.\nlet the_year = 2016\n\nfrom pci\nfilter year == the_year\n"
    let document = ScriptDocument.parse(name: "t.prql", text: text)
    #expect(document.cells.count == 1)
    let cell = try #require(document.cells.first)
    #expect(cell.firstLine == 4)
    #expect(cell.lastLine == 7)
    #expect(cell.code == "let the_year = 2016\n\nfrom pci\nfilter year == the_year")
    #expect(cell.mainCode == "from pci\nfilter year == the_year")
    #expect(cell.hasMain)
    #expect(cell.declares.map(\.name) == ["the_year"])
    #expect(cell.declares.map(\.value) == ["2016"])
    guard case .prose(let prose) = document.blocks.first else {
      Issue.record("no prose first")
      return
    }
    #expect(prose.lines == ["## Title", "", "Some *prose*."])
    // The text run keeps the file's line numbers.
    #expect(cell.source.text.split(separator: "\n", omittingEmptySubsequences: false)[5] == "from pci")
  }

  @Test func definitionsAreFoundAndKeptForLaterQueries() throws {
    let text = """
      let x = (
        from pci
        take 3
      )
      from x

      # Another query.
      from x
      select {province}
      """
    let document = ScriptDocument.parse(name: "t.prql", text: text)
    let cells = document.cells
    #expect(cells.count == 2)
    #expect(cells[0].mainLines == [4])
    #expect(cells[1].firstLine == 8)
    // The second query sees the first one's definition, not its main pipeline.
    let second = cells[1].source.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(second[0] == "let x = (")
    #expect(second[4] == "")
    #expect(second[7] == "from x")
  }

  @Test func aCommentBetweenStepsStaysInTheQuery() {
    let text = "from pci\n\n# keep the totals\nfilter component == \"total\"\ntake 3\n"
    let document = ScriptDocument.parse(name: "t.prql", text: text)
    #expect(document.cells.count == 1)
    #expect(document.cells.first?.code.contains("# keep the totals") == true)
  }

  @Test func directivesAttachToTheirQuery() throws {
    let text = """
      # --chart slope --highlight "Lai Châu"
      # --steps
      from pci
      # --rows 5
      take 10
      # --nonsense here
      """
    let cell = try #require(ScriptDocument.parse(name: "t.prql", text: text).cells.first)
    var chart = ChartDirective(kind: .slope)
    chart.highlight = "Lai Châu"
    #expect(cell.directives.contains(.chart(chart)))
    #expect(cell.directives.contains(.steps))
    #expect(cell.directives.contains(.rows(5)))
    #expect(cell.directives.contains { if case .problem(let m) = $0 { return m.contains("--nonsense") } else { return false } })
    #expect(!cell.code.contains("--rows"))
  }

  @Test func chartDirectivesRejectFilesAndUnknownOptions() {
    #expect(ReportDirective.parse("--chart bar:out.svg").map { if case .problem = $0 { true } else { false } } == true)
    #expect(ReportDirective.parse("--chart bar --colour red").map { if case .problem = $0 { true } else { false } } == true)
    #expect(ReportDirective.parse("then change it with `--param x=1`") == nil)
    #expect(ReportDirective.parse("-- a dash in prose") == nil)
  }

  @Test func theLessonDefinesTheRelationsItsChartsDraw() throws {
    let text = try Fixture.script("Queries/lessons/04_explaining_a_rank_change.prql")
    let document = ScriptDocument.parse(name: "lesson", text: text)
    let cell = try #require(document.cells.first)
    #expect(document.cells.count == 1)
    #expect(cell.boundNames == ["decomposition", "field"])
    #expect(cell.mainCode.hasPrefix("from pci\nexplain_rank"))
  }

  @Test func parametersPassOnlyToTheQueriesThatDeclareThem() throws {
    let text = "let a = 1\nfrom pci | take a\n\nlet b = 2\nfrom pci | take b\n"
    let document = ScriptDocument.parse(name: "t.prql", text: text)
    #expect(document.cells.count == 2)
    let first = document.parameters(["a": "5", "b": "6", "zzz": "1"], for: document.cells[0])
    #expect(first == ["a": "5", "zzz": "1"])
    let second = document.parameters(["a": "5", "b": "6"], for: document.cells[1])
    #expect(second == ["a": "5", "b": "6"])
  }

  @Test func textThatDoesNotLexIsOneQuery() {
    let document = ScriptDocument.parse(name: "t.prql", text: "# hi\nfrom pci | filter x == \"open\n")
    #expect(document.cells.count == 1)
  }
}

/// Line endings and odd text never crash the reader.
struct ScriptDocumentEdgeTests {
  @Test func windowsLineEndings() {
    let text = "from pci\r\nfilter year == 2016\r\ntake 2\r\n\r\n# next\r\nfrom provinces | take 1\r\n"
    let document = ScriptDocument.parse(name: "crlf.prql", text: text)
    #expect(document.cells.count == 2)
    #expect(document.cells.first?.code == "from pci\nfilter year == 2016\ntake 2")
  }

  @Test(arguments: ["", "\n\n", "# only prose", "let x = (", "\r\r\r", "from a\rfrom b", "\\\n\\", "#\n#\n# --chart", "from pci | take 1\n# --chart bar"])
  func oddTextIsRead(_ text: String) {
    let document = ScriptDocument.parse(name: "odd.prql", text: text)
    for cell in document.cells { #expect(cell.firstLine <= cell.lastLine) }
  }
}
