import ChisoCore
import ChisoREPL
import ChisoRender
import ChisoSyntax
import Foundation
import Testing

struct DotCommandTests {
  @Test(arguments: [
    (".help", DotCommand.help(topic: nil)),
    (".help mode", .help(topic: "mode")),
    (".tables", .tables),
    (".schema", .schema(table: nil)),
    (".schema  pci ", .schema(table: "pci")),
    (".mode csv", .mode(.csv)),
    (".mode MARKDOWN", .mode(.markdown)),
    (".mode", .mode(nil)),
    (".timer on", .timer(true)),
    (".timer off", .timer(false)),
    (".maxrows 20", .maxRows(.rows(20))),
    (".maxrows auto", .maxRows(.auto)),
    (".maxrows all", .maxRows(.all)),
    (".read q.prql", .read(path: "q.prql")),
    (".read \"my file.prql\"", .read(path: "my file.prql")),
    (".read q.prql --param the_year=2015 --param p=\"Lai Châu\"", .read(path: "q.prql", parameters: ["the_year": "2015", "p": "Lai Châu"])),
    (".step from pci | take 1", .step(query: "from pci | take 1")),
    (".step", .step(query: nil)),
    (".chart bar out.svg", .chart(argument: "bar out.svg")),
    (".output out.csv", .output(path: "out.csv")),
    (".output", .output(path: nil)),
    (".once x.json", .once(path: "x.json")),
    (".explain from pci | take 1", .explain(query: "from pci | take 1")),
    (".explain", .explain(query: nil)),
    (".last", .last),
    (".edit", .edit),
    (".quit", .quit),
    (".exit", .quit),
  ])
  func parses(_ line: String, _ command: DotCommand) throws {
    #expect(try DotCommand.parse(line).get() == command)
  }

  @Test(arguments: [
    (".mode xml", "unknown mode `xml`"),
    (".timer maybe", ".timer takes on or off"),
    (".maxrows -3", ".maxrows takes"),
    (".read", ".read needs a file"),
    (".tabels", "did you mean `.tables`?"),
    (".tables pci", "takes no argument"),
  ])
  func rejects(_ line: String, _ message: String) {
    guard case .failure(let error) = DotCommand.parse(line) else {
      Issue.record("\(line) parsed")
      return
    }
    #expect(error.message.contains(message))
  }
}

struct WorkbenchTests {
  func bench(_ console: RecordingConsole = RecordingConsole()) -> (Workbench, RecordingConsole) {
    (Workbench(session: Fixtures.session, console: console), console)
  }

  @Test func runsAQueryAndShowsTheRowCount() {
    let (bench, console) = bench()
    #expect(bench.run(query: "from pci | filter year == 2016 && component == \"total\" | sort {-score} | take 3"))
    #expect(console.out.contains("Đà Nẵng"))
    #expect(console.out.hasSuffix("3 rows\n"))
    #expect(bench.lastQuery?.hasPrefix("from pci") == true)
  }

  @Test func longResultsShowHeadAndTail() {
    let (bench, console) = bench(RecordingConsole(terminal: (120, 30)))
    bench.run(query: "from provinces")
    // 30 lines of terminal: 20 rows shown, the middle elided and counted.
    #expect(console.out.contains("… 43 rows …"))
    #expect(console.out.contains("63 rows (20 shown)"))
    #expect(console.out.contains("Hà Nội"))
    #expect(console.out.contains("Cà Mau"))
  }

  @Test func wideResultsElideMiddleColumnsToFitTheTerminal() {
    let (bench, console) = bench(RecordingConsole(terminal: (60, 40)))
    bench.run(query: "from provinces | take 2")
    let lines = console.out.split(separator: "\n")
    #expect(lines.allSatisfy { DisplayWidth.of(String($0)) <= 60 || $0.contains("hidden") })
    #expect(console.out.contains("hidden"))
  }

  @Test func sizeIsReadForEachResult() {
    let console = RecordingConsole(terminal: (200, 40))
    let (bench, _) = bench(console)
    bench.run(query: "from provinces | take 1")
    #expect(!console.out.contains("hidden"))
    console.terminal = (50, 40)
    console.out = ""
    bench.run(query: "from provinces | take 1")
    #expect(console.out.contains("hidden"))
  }

  @Test func maxRowsAndTimer() {
    let (bench, console) = bench()
    #expect(bench.handle(command: ".maxrows 4") == .proceed)
    #expect(bench.handle(command: ".timer on") == .proceed)
    bench.run(query: "from provinces")
    #expect(console.out.contains("63 rows (4 shown)"))
    #expect(console.out.contains("time: "))
    console.out = ""
    _ = bench.handle(command: ".maxrows all")
    _ = bench.handle(command: ".timer off")
    bench.run(query: "from provinces")
    #expect(console.out.contains("63 rows"))
    #expect(!console.out.contains("shown"))
    #expect(!console.out.contains("time:"))
  }

  @Test func notATerminalShowsEverything() {
    let (bench, console) = bench(RecordingConsole(terminal: nil))
    bench.run(query: "from provinces")
    #expect(console.out.hasSuffix("63 rows\n"))
  }

  @Test func modes() {
    let (bench, console) = bench()
    _ = bench.handle(command: ".mode csv")
    bench.run(query: "from provinces | select {gso_code, province} | take 2")
    #expect(console.out == "gso_code,province\n01,Hà Nội\n02,Hà Giang\n")
    console.out = ""
    _ = bench.handle(command: ".mode json")
    bench.run(query: "from provinces | select {gso_code} | take 1")
    #expect(console.out.contains("\"gso_code\": \"01\"") || console.out.contains("\"gso_code\":\"01\""))
    console.out = ""
    _ = bench.handle(command: ".mode")
    #expect(console.out == "mode: json\n")
  }

  @Test func errorsAreLocated() {
    let (bench, console) = bench()
    #expect(!bench.run(query: "from pci | filter yaer == 2016"))
    #expect(console.err.contains("unknown column `yaer`"))
    #expect(console.err.contains("<repl:1>:1:19"))
    #expect(console.out.isEmpty)
  }

  @Test func cancelledQueryReturnsWithTheSessionIntact() {
    let console = RecordingConsole()
    console.interruptAfterPolls = 1
    let (bench, _) = bench(console)
    // A join of 1.7 million rows takes seconds: interrupted at the first poll (20 ms).
    let slow = "from pci | join papi (==year) | aggregate {c = count this}"
    #expect(!bench.run(query: slow))
    #expect(console.err.contains("cancelled"))
    console.interruptAfterPolls = nil
    #expect(bench.run(query: "from provinces | take 1"))
  }

  @Test func tablesAndSchema() {
    let (bench, console) = bench()
    _ = bench.handle(command: ".tables")
    #expect(console.out.contains("pci"))
    #expect(console.out.contains("provinces.csv"))
    console.out = ""
    _ = bench.handle(command: ".schema provinces")
    #expect(console.out.contains("provinces — 63 rows, 7 columns"))
    #expect(console.out.contains("column"))
    #expect(console.out.contains("nulls"))
    #expect(console.out.contains("distinct"))
    // gso_code: text, no nulls, 63 distinct values.
    let row = console.out.split(separator: "\n").first { $0.contains("gso_code") } ?? ""
    #expect(row.contains("text"))
    #expect(row.contains("63"))
    _ = bench.handle(command: ".schema provnces")
    #expect(console.err.contains("did you mean `provinces`?"))
  }

  @Test func schemaCounts() {
    let table = Workbench.schemaTable(
      (try? Fixtures.session.run(.init(name: "t", text: "from [{a = 1, b = \"x\"}, {a = 1, b = null}, {a = 2, b = \"y\"}]"))) ?? .empty)
    let text = Renderer.render(table, as: .csv)
    #expect(text == "column,type,nulls,distinct\na,int,0,2\nb,text,1,2\n")
  }

  @Test func outputAndOnceWriteFiles() throws {
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let (bench, console) = bench()
    let out = folder.appendingPathComponent("out.csv").path
    _ = bench.handle(command: ".mode csv")
    _ = bench.handle(command: ".output \(out)")
    bench.run(query: "from provinces | select {gso_code} | take 1")
    bench.run(query: "from provinces | select {gso_code} | take 2")
    #expect(try String(contentsOfFile: out, encoding: .utf8) == "gso_code\n01\ngso_code\n01\n02\n")
    #expect(console.out.isEmpty)
    _ = bench.handle(command: ".output")
    #expect(console.out.contains("results go to the terminal again"))
    console.out = ""
    bench.run(query: "from provinces | select {gso_code} | take 1")
    #expect(console.out == "gso_code\n01\n")
    let once = folder.appendingPathComponent("once.csv").path
    console.out = ""
    _ = bench.handle(command: ".once \(once)")
    bench.run(query: "from provinces | select {province} | take 1")
    bench.run(query: "from provinces | select {gso_code} | take 1")
    #expect(try String(contentsOfFile: once, encoding: .utf8) == "province\nHà Nội\n")
    #expect(console.out == "gso_code\n01\n")
    // No temporary files are left behind.
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
    #expect(leftovers.isEmpty)
    _ = bench.handle(command: ".output /no/such/folder/x.csv")
    #expect(console.err.contains("no such folder"))
  }

  @Test func readRunsAFile() throws {
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("q.prql").path
    try "from provinces\nselect {province}\ntake 1\n".write(toFile: file, atomically: true, encoding: .utf8)
    let (bench, console) = bench()
    _ = bench.handle(command: ".read \(file)")
    #expect(console.out.contains("Hà Nội"))
    _ = bench.handle(command: ".read \(folder.path)/missing.prql")
    #expect(console.err.contains("cannot read"))
  }

  @Test func explainPrintsThePlan() {
    let (bench, console) = bench()
    _ = bench.handle(command: ".explain from pci | filter year == 2016 | sort {-score} | take 3")
    #expect(console.out.contains("top-n 3 by -score"))
    #expect(console.out.contains("scan pci where year == 2016"))
    console.out = ""
    _ = bench.handle(command: ".explain from pci | filter nope")
    #expect(console.err.contains("unknown column `nope`"))
  }

  @Test func lastPagesTheWholeResult() {
    let (bench, console) = bench(RecordingConsole(terminal: (80, 20)))
    _ = bench.handle(command: ".last")
    #expect(console.err.contains("no result yet"))
    bench.run(query: "from provinces")
    _ = bench.handle(command: ".last")
    #expect(console.paged.count == 1)
    #expect(console.paged.first?.contains("63 rows\n") == true)
    #expect(console.paged.first?.contains("Bạc Liêu") == true)
    #expect(console.paged.first?.contains("population_thousand") == true)
  }

  @Test func editRunsTheSavedQuery() {
    let (bench, console) = bench()
    bench.run(query: "from pci | take 1")
    console.editorResult = "from provinces | take 2\n"
    #expect(bench.handle(command: ".edit") == .run("from provinces | take 2"))
    #expect(console.edited == ["from pci | take 1"])
    #expect(bench.handle(command: ".edit", pending: "from papi |") == .run("from provinces | take 2"))
    #expect(console.edited.last == "from papi |")
    console.editorResult = nil
    #expect(bench.handle(command: ".edit") == .proceed)
  }

  @Test func quitAndUnknownCommands() {
    let (bench, console) = bench()
    #expect(bench.handle(command: ".quit") == .quit)
    #expect(bench.handle(command: ".exit") == .quit)
    #expect(bench.handle(command: ".frobnicate") == .proceed)
    #expect(console.err.contains("unknown command `.frobnicate`"))
    _ = bench.handle(command: ".help")
    #expect(console.out.contains(".schema [TABLE]"))
    #expect(console.out.contains("Ctrl-R"))
  }
}

struct CancellableTests {
  @Test func returnsTheResult() {
    #expect(Cancellable.run({ 42 }, interrupted: { false }) == 42)
  }

  @Test func givesUpWhenInterrupted() {
    let clock = ContinuousClock()
    let start = clock.now
    let result = Cancellable.run({ () -> Int in
      Thread.sleep(forTimeInterval: 5)
      return 1
    }, interrupted: { clock.now - start > .milliseconds(100) })
    #expect(result == nil)
    #expect(clock.now - start < .seconds(2))
  }
}

struct HistoryFileTests {
  @Test func defaultPathFollowsXDG() {
    #expect(HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/chiso/history")
    #expect(HistoryFile.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/state/chiso/history")
    #expect(HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]) == "/h/.local/state/chiso/history")
  }

  @Test func appendsCreatesFolderDropsRepeatsKeepsMultiLineEntries() throws {
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("deep/chiso/history").path
    let history = HistoryFile(path: path)
    #expect(history.load().isEmpty)
    #expect(try history.append("from pci | take 1"))
    #expect(try !history.append("from pci | take 1"))
    #expect(try history.append("from pci\nfilter x == \"a\\b\"\ntake 2"))
    #expect(try history.append(".tables"))
    #expect(try history.append("from pci | take 1"))
    let again = HistoryFile(path: path)
    #expect(again.load() == ["from pci | take 1", "from pci\nfilter x == \"a\\b\"\ntake 2", ".tables", "from pci | take 1"])
    // The repeat check carries over a restart.
    #expect(try !again.append("from pci | take 1"))
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
  }

  @Test func concurrentSessionsKeepEveryEntry() async throws {
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("history").path
    await withTaskGroup(of: Void.self) { group in
      for session in 0..<4 {
        group.addTask {
          let history = HistoryFile(path: path)
          for entry in 0..<50 { _ = try? history.append("from pci | take \(session * 1000 + entry)") }
        }
      }
    }
    let entries = HistoryFile(path: path).load()
    #expect(entries.count == 200)
    #expect(Set(entries).count == 200)
  }
}
