import ChisoCore
import ChisoREPL
import ChisoRender
import Foundation
import Testing

/// A REPL session remembers: definitions, saved results, `_`, exports; and shows warnings
/// briefly with the detail on `.warnings`; `.help NAME` reads the registries.
struct SessionMemoryTests {
  /// A fresh session each time: definitions and saved tables belong to a session.
  func bench() -> (Workbench, RecordingConsole) {
    let console = RecordingConsole()
    return (Workbench(session: Session(dataDirectories: [Fixtures.datasets]), console: console), console)
  }

  @Test func letAloneDefinesARelationForTheSession() {
    let (bench, console) = bench()
    #expect(bench.run(query: "let t = (from pci | filter year == 2016 && component == \"total\")"))
    #expect(console.out.contains("defined `t` for this session: year, gso_code, province, component, score"))
    #expect(bench.run(query: "from t | sort {-score} | take 2"))
    #expect(console.out.contains("Đà Nẵng"))
    // A definition that does not resolve is an error at once, and is not kept.
    #expect(!bench.run(query: "let u = (from pci | filter nope)"))
    #expect(console.err.contains("unknown column `nope`"))
    #expect(!bench.run(query: "from u"))
  }

  @Test func saveUnderscoreAndWrite() throws {
    let (bench, console) = bench()
    #expect(bench.run(query: "from pci | filter year == 2016 && component == \"total\" | sort {-score} | take 3 | select {province, score}"))
    _ = bench.handle(command: ".save top3")
    #expect(console.out.contains("saved the last result as `top3` (3 rows, 2 columns)"))
    console.out = ""
    #expect(bench.run(query: "from top3 | take 1"))
    #expect(console.out.contains("Đà Nẵng"))
    #expect(bench.run(query: "from _ | derive {s = score * 2}"))
    console.out = ""
    _ = bench.handle(command: ".tables")
    #expect(console.out.contains("top3"))
    #expect(console.out.contains("(this session's table)"))
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("top3.csv").path
    _ = bench.handle(command: ".write top3 \(file)")
    let written = try String(contentsOfFile: file, encoding: .utf8)
    #expect(written.hasPrefix("province,score\nĐà Nẵng,70.001396\n"))
  }

  @Test func warningsAreOneLineWithTheDetailOnRequest() {
    let (bench, console) = bench()
    #expect(bench.run(query: "from pci | filter province == \"Lai Chau\" && year == 2016"))
    let lines = console.err.split(separator: "\n")
    #expect(lines.first?.hasPrefix("warning: `province` never equals \"Lai Chau\": the data spells it \"Lai Châu\" (<repl:1>:1:19)") == true)
    #expect(!console.err.contains("-->"))
    console.err = ""
    _ = bench.handle(command: ".warnings")
    #expect(console.err.contains(" --> <repl:1>:1:19"))
    #expect(console.err.contains("gso_code == \"12\""))
    console.err = ""
    _ = bench.handle(command: ".warnings off")
    #expect(bench.run(query: "from pci | filter province == \"Lai Chau\" && year == 2016"))
    #expect(console.err.isEmpty)
  }

  @Test(arguments: ["compare", "filter", "math.round", "average", "rank", "fill_null", "read_xlsx"])
  func helpKnowsEveryRecord(_ name: String) {
    let (bench, console) = bench()
    _ = bench.handle(command: ".help \(name)")
    #expect(console.out.contains("example: "), "\(name): \(console.out) \(console.err)")
    #expect(console.out.contains("more: docs/language.md#"))
  }

  @Test func helpSuggestsTheClosestName() {
    let (bench, console) = bench()
    _ = bench.handle(command: ".help compre")
    #expect(console.err.contains("did you mean `compare`?"))
  }

  @Test func stepAndExplainWorkOnAFileAndAfterRead() throws {
    let (bench, console) = bench()
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("q.prql").path
    try "from pci\nfilter year == 2016\ntake 2\n".write(toFile: file, atomically: true, encoding: .utf8)
    _ = bench.handle(command: ".step \(file)")
    #expect(console.out.contains("step 3/3: take 2"))
    console.out = ""
    _ = bench.handle(command: ".read \(file)")
    _ = bench.handle(command: ".explain")
    #expect(console.out.contains("take 2"))
    console.out = ""
    _ = bench.handle(command: ".step")
    #expect(console.out.contains("step 2/3: filter year == 2016"))
  }
}
