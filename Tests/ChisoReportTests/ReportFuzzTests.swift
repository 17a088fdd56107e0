import ChisoCore
import ChisoEngine
import Foundation
import Testing

@testable import ChisoReport

/// Random scripts made of chiso's pieces — statements, comments, directives, line endings,
/// brackets, quotes, Vietnamese text and markup — never crash the reader or the builder, and
/// never put markup from the script into the page.
struct ReportFuzzTests {
  static let pieces = [
    "from pci", "from provinces", "let x = 1", "let r = (", ")", "from r", "filter year == 2016", "take 3",
    "select {province, score}", "| sort {-score}", "derive {a = score * 2}", "# ## Heading", "# prose *em* `code`",
    "# --chart bar", "# --chart line --of r", "# --chart slope --highlight \"Lai Châu\"", "# --steps", "# --rows 2",
    "# --bogus", "#", "", "\"open", "'", "[", "]", "{", "}", "\\", "\r", "<script>x()</script>", "Đắk Lắk",
    "component == \"gia nhập thị trường\"", "filter province == \"<b>\"", "group {year} (aggregate {n = count this})",
  ]

  static func script(_ generator: inout SeededGenerator) -> String {
    let count = Int(generator.next() % 12)
    var out = ""
    for _ in 0..<count {
      out += pieces[Int(generator.next() % UInt64(pieces.count))]
      out += generator.next() % 5 == 0 ? " " : (generator.next() % 4 == 0 ? "\r\n" : "\n")
    }
    return out
  }

  @Test func randomScriptsAreReadWithoutCrashing() {
    let iterations = Int(ProcessInfo.processInfo.environment["CHISO_FUZZ_ITERATIONS"] ?? "") ?? 400
    var generator = SeededGenerator(seed: UInt64(ProcessInfo.processInfo.environment["CHISO_FUZZ_SEED"] ?? "") ?? 7)
    for _ in 0..<iterations {
      let text = Self.script(&generator)
      let document = ScriptDocument.parse(name: "fuzz.prql", text: text)
      var previous = 0
      for cell in document.cells {
        #expect(cell.firstLine > previous && cell.firstLine <= cell.lastLine, "\(text.debugDescription)")
        previous = cell.lastLine
        // The text a query runs from has the file's lines.
        #expect(ScriptDocument.lines(cell.source.text).count >= cell.lastLine)
      }
    }
  }

  @Test func randomReportsAreBuiltWithoutMarkupFromTheScript() throws {
    var generator = SeededGenerator(seed: 11)
    for _ in 0..<40 {
      let text = Self.script(&generator)
      let report = try ReportBuilder.build(
        [ReportInput(name: "fuzz.prql", text: text)], session: Fixture.session, options: ReportOptions(date: "2025-01-31"))
      #expect(!report.html.contains("<script"), "\(text.debugDescription)")
      #expect(!report.html.contains("<b>"), "\(text.debugDescription)")
      #expect(report.html.hasSuffix("</html>\n"))
    }
  }
}
