import ChisoCore
import ChisoPlan
import ChisoSyntax
import Testing

/// Lints run on the plan and its lineage, wherever the step stands.
struct LintTests {
  func warnings(_ text: String) throws -> [Diagnostic] {
    try Fixtures.session.execute(SourceFile(name: "<test>", text: text)).warnings
  }

  @Test(arguments: [
    "from pci | filter province == \"Lai Chau\"",
    "from pci | sort year | filter province == \"Lai Chau\"",
    "from pci | derive {x = score * 2} | filter province == \"Lai Chau\"",
    "from pci | filter component == \"total\" | compare 2015 2016 | filter province == \"Lai Chau\"",
    "from pci | explain_rank 2015 2016 | filter province == \"Lai Chau\"",
    "from pci | join provinces (==gso_code) | filter region == \"Central highlands\"",
  ])
  func spellingWarnsAfterAnyStep(_ query: String) throws {
    let w = try warnings(query)
    #expect(w.contains { $0.id == .noSuchValue }, "\(query)")
  }

  @Test func spellingIsQuietForRealValues() throws {
    #expect(try warnings("from pci | filter province == \"Lai Châu\" && year == 2016").isEmpty)
    let computed = try warnings("from pci | derive {p = text.lower province} | filter p == \"lai chau\" && year == 2016")
    #expect(computed.filter { $0.id == .noSuchValue }.isEmpty)
  }

  @Test func breaksWarnAtTheComparingStep() throws {
    let w = try warnings("from pci | filter component == \"total\" | group province (aggregate {m = average score})")
    let breaks = w.filter { $0.id == .methodologyBreak }
    #expect(!breaks.isEmpty)
    // `aggregate`, inside `group province (…)`, is the step that compares.
    #expect(breaks.allSatisfy { $0.span?.start == 56 })
  }

  @Test(arguments: [
    "from pci | filter year == 2016 | group province (aggregate {m = average score})",
    "from pci | group {year, component} (sort {-score} | derive {r = rank score}) | filter year == 2016",
    "from pci | filter component == \"total\" | group year (aggregate {n = count this})",
    "from pci | filter component == \"market_entry\" && (year | in 2010..2016) | group province (aggregate {m = average score})",
  ])
  func withinYearWorkIsQuiet(_ query: String) throws {
    #expect(try warnings(query).filter { $0.id == .methodologyBreak }.isEmpty, "\(query)")
  }

  @Test func comparisonVerbsWarnForTheirYears() throws {
    let w = try warnings("from pci | filter component == \"total\" | explain_rank 2008 2009")
    #expect(w.contains { $0.id == .methodologyBreak && $0.message.contains("2009") })
    let quiet = try warnings("from pci | filter component == \"total\" | explain_rank 2015 2016")
    #expect(quiet.filter { $0.id == .methodologyBreak }.isEmpty)
  }
}
