import ChisoCore
import ChisoLocale
import ChisoREPL
import Foundation
import Testing

/// The REPL in Vietnamese, component names typed or completed in Vietnamese, empty results
/// explained, and `.report`.
struct VietnameseAndReportTests {
  func bench() -> (Workbench, RecordingConsole) {
    let console = RecordingConsole()
    return (Workbench(session: Fixtures.session, console: console), console)
  }

  @Test func newCommandsParse() throws {
    #expect(try DotCommand.parse(".lang vi").get() == .lang(.vi))
    #expect(try DotCommand.parse(".lang").get() == .lang(nil))
    #expect((try? DotCommand.parse(".lang fr").get()) == nil)
    var arguments = ReportArguments(files: ["a.prql", "my b.prql"], output: "out.html")
    arguments.steps = true
    arguments.parameters = ["the_year": "2010"]
    #expect(try DotCommand.parse(".report a.prql \"my b.prql\" -o out.html --steps --param the_year=2010").get() == .report(arguments))
    #expect((try? DotCommand.parse(".report").get()) == nil)
    #expect((try? DotCommand.parse(".report a.prql --bogus").get()) == nil)
  }

  @Test func everyCommandIsDescribedInBothLanguages() {
    let en = DotCommand.infos(.en)
    let vi = DotCommand.infos(.vi)
    #expect(en.count == vi.count)
    for (e, v) in zip(en, vi) {
      #expect(L10n.has("cmd.\(e.name.dropFirst()).summary") && L10n.has("cmd.\(e.name.dropFirst()).detail"), "\(e.name)")
      #expect(e.summary != v.summary || e.name == ".mode", "\(e.name) has no Vietnamese summary")
      #expect(e.detail != v.detail, "\(e.name) has no Vietnamese description")
    }
  }

  @Test func helpAndErrorsInVietnamese() {
    let (bench, console) = bench()
    _ = bench.handle(command: ".lang vi")
    #expect(bench.language == .vi)
    _ = bench.handle(command: ".help")
    #expect(console.out.contains("Các lệnh:"))
    #expect(console.out.contains(".schema [TABLE]"))
    #expect(console.out.contains("các cột: kiểu, số giá trị null, số giá trị khác nhau"))
    #expect(console.out.contains("Phím: Tab gợi ý hoàn thành"))
    _ = bench.handle(command: ".help report")
    #expect(console.out.contains("Tạo một trang HTML độc lập"))
    #expect(!bench.run(query: "from pci | filter yaer == 2016"))
    #expect(console.err.contains("lỗi: không có cột `yaer`"))
    #expect(console.err.contains("= gợi ý: các cột hiện có:"))
    bench.run(query: "from pci | filter year == 2016 | take 2")
    #expect(console.out.contains("2 dòng\n"))
    _ = bench.handle(command: ".lang")
    #expect(console.out.contains("ngôn ngữ: vi"))
  }

  @Test func aComponentMayBeTypedByItsVietnameseName() {
    let (bench, console) = bench()
    #expect(bench.run(query: "from pci | filter year == 2016 && component == \"gia nhập thị trường\" | sort {-score} | take 1"))
    #expect(console.err.contains("note: \"gia nhập thị trường\" is the component `market_entry` (Entry costs); running with `market_entry`"))
    #expect(console.out.contains("market_entry"))
    #expect(console.out.contains("1 row"))
  }

  @Test func anEmptyResultSaysWhichStepEmptiedIt() {
    let (bench, console) = bench()
    bench.run(query: "from pci | filter year == 2016 | filter province == \"Atlantis\"")
    #expect(console.out.contains("0 rows"))
    #expect(console.err.contains("warning: no rows: this filter kept none of the 693 rows before it (<repl:1>:1:34)"))
  }

  @Test func componentsCompleteFromTheirVietnameseNames() {
    let completion = Fixtures.complete("from pci | filter component == \"gia nh")
    #expect(completion.replacements == ["market_entry"])
    #expect(completion.candidates.first?.display == "market_entry — Chi phí gia nhập thị trường")
    #expect(completion.insertion == "market_entry\"")
    // Without diacritics, and by a later word of the name.
    #expect(Fixtures.complete("from pci | filter component == \"dao tao").replacements == ["labor_training"])
    // The ids themselves still complete as values.
    #expect(Fixtures.complete("from pci | filter component == \"market").replacements == ["market_entry"])
  }

  @Test func reportWritesAPage() throws {
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let (bench, console) = bench()
    let lesson = Fixtures.packageRoot.appendingPathComponent("Queries/lessons/04_explaining_a_rank_change.prql").path
    let target = folder.appendingPathComponent("r.html").path
    _ = bench.handle(command: ".report \(lesson) -o \(target)")
    #expect(console.out.contains("wrote a report of 1 query to \(target)"))
    let html = try String(contentsOfFile: target, encoding: .utf8)
    #expect(html.contains("<h1>Lesson 4 — Explaining a rank change</h1>"))
    #expect(html.contains("<svg"))
    _ = bench.handle(command: ".report no/such/file.prql")
    #expect(console.err.contains("cannot read no/such/file.prql"))
  }
}
