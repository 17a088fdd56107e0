import ChisoCore
import ChisoPlan
import ChisoSyntax
import Testing

/// Each optimizer rule by itself, and the results it keeps equal.
struct OptimizerTests {
  func only(_ rule: Optimizer.Rule, _ text: String) throws -> LogicalPlan {
    Optimizer(rules: [rule]).optimize(try Fixtures.plan(text))
  }

  @Test func topNReplacesSortThenTake() throws {
    let rule = Optimizer.standardRules.first { $0.name == "top-n" }!
    let plan = try only(rule, "from pci | sort {-score} | take 5")
    guard case .topN(let input, let keys, let start, let end) = plan.node else { Issue.record("no top-n"); return }
    #expect(keys.count == 1 && keys[0].descending)
    #expect(start == 0 && end == 5)
    guard case .scan("pci", _) = input.node else { Issue.record("top-n over \(input.node)"); return }
  }

  @Test func topNLeavesGroupedTakesAndLargeTakes() throws {
    let rule = Optimizer.standardRules.first { $0.name == "top-n" }!
    let grouped = try only(rule, "from pci | group {year} (sort {-score} | take 3)")
    var sawTopN = false
    grouped.forEachNode { if case .topN = $0.node { sawTopN = true } }
    #expect(!sawTopN)
    let large = try only(rule, "from pci | sort {-score} | take 100000")
    guard case .take = large.node else { Issue.record("expected take"); return }
  }

  @Test(arguments: [
    "from pci | sort {-score, province} | take 7",
    "from pci | sort {component, -year} | take 3..9",
    "from pci | filter year == 2011 && component == \"total\" | sort {-score} | take 10",
  ])
  func topNGivesTheSameRowsAsSorting(_ query: String) throws {
    let plan = try Fixtures.plan(query)
    let withRule = try Fixtures.session.run(plan)
    let withoutRule = try Fixtures.session.run(Optimizer(rules: []).optimize(plan), optimize: false)
    #expect(withRule.rowCount == withoutRule.rowCount)
    for c in 0..<withRule.columnCount {
      #expect((0..<withRule.rowCount).map { withRule.columns[c].value(at: $0) } == (0..<withoutRule.rowCount).map { withoutRule.columns[c].value(at: $0) })
    }
  }
}
