import ChisoCore
import ChisoREPL
import Foundation
import Testing

/// `.engine` and `.sql` in the REPL.
struct EngineCommandTests {
  @Test func parsesEngineAndSQL() throws {
    #expect(try DotCommand.parse(".engine duckdb").get() == .engine(spec: "duckdb"))
    #expect(try DotCommand.parse(".engine").get() == .engine(spec: nil))
    #expect(try DotCommand.parse(".sql postgres from pci | take 1").get() == .sql(argument: "postgres from pci | take 1"))
  }

  @Test func sqlPrintsTheLastQueryInTheChosenDialect() {
    let console = RecordingConsole()
    let bench = Workbench(session: Session(dataDirectories: [Fixtures.datasets]), console: console)
    #expect(bench.run(query: "from pci | filter year == 2016 | sort {-score} | take 3"))
    _ = bench.handle(command: ".sql spark")
    #expect(console.out.contains("`score` DESC NULLS LAST"))
    _ = bench.handle(command: ".sql postgres from provinces | filter province > \"H\"")
    #expect(console.out.contains("COLLATE \"C\""))
  }

  @Test func engineShowsAndRejectsWithTheChoices() {
    let console = RecordingConsole()
    let bench = Workbench(session: Session(dataDirectories: [Fixtures.datasets]), console: console)
    _ = bench.handle(command: ".engine")
    #expect(console.out.contains("engine: chiso (embedded)"))
    _ = bench.handle(command: ".engine oracle://scott:tiger@db")
    #expect(console.err.contains("unknown engine"))
    #expect(!console.err.contains("tiger"))
    #expect(Workbench.historyEntry(".engine postgresql://ana:s3cret@db/x") == ".engine postgresql://ana:***@db/x")
    #expect(Workbench.historyEntry("from pci | take 1") == "from pci | take 1")
  }
}
