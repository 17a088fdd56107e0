import ChisoCore
import ChisoPlan
import ChisoSyntax
import Testing

struct PlanPrinterTests {
  @Test func drawsATreeWithSchemas() throws {
    let text = PlanPrinter.render(try Fixtures.plan(
      "from pci | join p = provinces (==gso_code) | derive {x = math.round 1 score} | select {p.region, x}"))
    #expect(text.contains("result: region text, x float?"))
    #expect(text.contains("region ← provinces.region"))
    #expect(text.contains("x ← f(pci.score)"))
    #expect(text.contains("join side:inner (this.gso_code == that.gso_code)"))
    #expect(text.contains("left: scan pci :: year int, gso_code text, province text, component text, score float"))
    #expect(text.contains("right: scan provinces :: gso_code text"))
    #expect(text.contains("math.round 1 score"))
  }

  @Test func aggregatesAndWindows() throws {
    let text = PlanPrinter.render(try Fixtures.plan("from pci | group {year} (aggregate {n = count this, m = average score})"))
    #expect(text.contains("group {year} aggregate {count this, average score}"))
    #expect(text.contains("select {year, n = _agg, m = _agg} :: year int, n int, m float?"))
    let window = PlanPrinter.render(try Fixtures.plan("from pci | group {year} (sort {-score} | derive {r = rank score})"))
    #expect(window.contains("window per {year} by -score {rank}"))
    #expect(window.contains("[_window int?]"))
    #expect(window.contains("scan pci"))
  }

  @Test func optimizedPlansShowTheirRules() throws {
    let text = PlanPrinter.render(try Fixtures.optimized("from pci | sort {-score} | take 3"))
    #expect(text.contains("top-n 3 by -score :: year int"))
    #expect(text.contains("└─ scan pci :: (same)"))
    #expect(!text.contains("\nsort"))
  }

  @Test func operationsSayTheyRunOnRows() throws {
    let text = PlanPrinter.render(try Fixtures.plan("from pci | explain_rank 2015 2016"))
    #expect(text.contains("explain_rank from:2015 to:2016 composite:total (runs on its input's rows)"))
    #expect(text.contains("province ← pci.province"))
  }
}
