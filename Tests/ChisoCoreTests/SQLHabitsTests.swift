import ChisoCore
import ChisoSyntax
import Testing

/// Every habit hint the session offers is a query that runs.
struct SQLHabitsTests {
  static let session = Session(dataDirectories: [QueryFuzzTests.datasets])

  @Test(arguments: [
    "SELECT province, score FROM pci WHERE year = 2016 AND component = 'total' ORDER BY score DESC LIMIT 3",
    "select * from provinces limit 2",
    "from pci where year = 2016",
    "from pci | where year == 2016",
    "from pci | filter year = 2016",
    "from pci | filter year == 2016 and score > 5",
    "from pci | filter year == 2016 or year == 2015",
    "from pci | filter year <> 2016",
    "from pci | order by year desc",
    "from pci | sort year | limit 5",
    "from pci | filter province in (\"Hà Nội\", \"Huế\")",
    "from pci | derive r = round(score, 2)",
    "from pci | filter province == “Hà Nội”",
  ])
  func hintsRun(_ query: String) throws {
    do throws(ChisoError) {
      _ = try Self.session.execute(SourceFile(name: "<test>", text: query))
      Issue.record("expected an error for \(query)")
    } catch {
      guard case .query(let d) = error else { Issue.record("\(error)"); return }
      let hint = try #require(d.hints.first { $0.hasPrefix("in PRQL: `") }, "no PRQL hint for \(query): \(d.hints)")
      let suggestion = String(hint.dropFirst("in PRQL: `".count).dropLast())
      let result = try Self.session.execute(SourceFile(name: "<suggestion>", text: suggestion))
      #expect(result.table.columnCount > 0, "\(suggestion)")
    }
  }

  @Test func validQueriesAreLeftAlone() {
    #expect(SQLHabits.rewrite("from pci | filter year == 2016 && score > 5") == nil)
    #expect(SQLHabits.rewrite("from pci | derive {x = score * 2}") == nil)
  }
}
