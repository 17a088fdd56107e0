import ChisoCore
import ChisoEngine
import ChisoPlan
import ChisoSyntax
import Testing

/// Every rule the optimizer applies, each alone: it rewrites the plans it should (and keeps
/// its hands off the ones it must not), and the result is the same rows, in the same order, with
/// and without it — on the bundled data.
struct OptimizerRuleTests {
  static func rule(_ name: String) -> Optimizer.Rule {
    Optimizer.standardRules.first { $0.name == name } ?? Optimizer.Rule(name, "missing") { _ in nil }
  }

  static func only(_ name: String, _ text: String) throws -> LogicalPlan {
    Optimizer(rules: [rule(name)], passes: []).optimize(try Fixtures.plan(text))
  }

  /// The node kinds from the root down the first input of each node.
  static func spine(_ plan: LogicalPlan) -> [String] {
    var out: [String] = []
    var node: LogicalPlan? = plan
    while let current = node {
      out.append(kind(current))
      node = current.children.first
    }
    return out
  }

  static func kind(_ plan: LogicalPlan) -> String {
    switch plan.node {
    case .scan(_, let read): return read.predicate == nil ? "scan" : "scan+where"
    case .filter: return "filter"
    case .derive: return "derive"
    case .project: return "project"
    case .aggregate: return "aggregate"
    case .window: return "window"
    case .sort: return "sort"
    case .take: return "take"
    case .topN: return "top-n"
    case .join(_, _, _, let keys, _, _): return keys.isEmpty ? "join" : "join-keys"
    default: return "other"
    }
  }

  static func rows(_ t: Table) -> [[Value]] { (0..<t.rowCount).map { r in t.columns.map { $0.value(at: r) } } }

  /// The query's rows with only `name` applied and with no rule at all.
  static func sameResult(_ name: String, _ text: String) throws -> Bool {
    let plan = try Fixtures.plan(text)
    let with = try Fixtures.session.run(Optimizer(rules: [rule(name)], passes: []).optimize(plan), optimize: false)
    let without = try Fixtures.session.run(Optimizer(rules: [], passes: []).optimize(plan), optimize: false)
    return rows(with) == rows(without)
  }

  @Test func constantFilter() throws {
    #expect(Self.spine(try Self.only("constant-filter", "from pci | filter true | take 3")).prefix(2) == ["take", "scan"])
    #expect(Self.spine(try Self.only("constant-filter", "from pci | filter false"))[0] == "take")
    #expect(try Self.sameResult("constant-filter", "from pci | filter 1 == 2 | aggregate {n = count this}"))
  }

  @Test(arguments: [
    // through select, derive, sort, into the scan
    (#"from pci | select {year, province, score} | filter year == 2016"#, true),
    (#"from pci | derive {s2 = score * 2} | sort {-s2} | filter component == "total""#, true),
    // through an aggregate on its keys, a window on its partition keys
    (#"from pci | group {year, component} (aggregate {m = average score}) | filter year == 2016"#, true),
    (#"from pci | group {year} (sort {-score} | derive {r = rank score}) | filter year == 2010"#, true),
    // into the kept side of a left join
    (#"from pci | join side:left provinces (==gso_code) | filter year == 2012"#, true),
  ])
  func predicatePushdownMoves(_ query: String, _ moves: Bool) throws {
    let plan = try Self.only("predicate-pushdown", query)
    var pushed = false
    plan.forEachNode { if Self.kind($0) == "scan+where" { pushed = true } }
    #expect(pushed == moves, "\(query)")
    #expect(try Self.sameResult("predicate-pushdown", query), "\(query)")
  }

  @Test(arguments: [
    // A window's rows depend on the whole partition: a filter on a non-key column stays above it.
    #"from pci | group {year} (sort {-score} | derive {r = rank score}) | filter component == "total""#,
    // The other side of a left join keeps its unmatched rows: a filter on it stays above.
    #"from pci | join side:left provinces (==gso_code) | filter region == "Red River Delta""#,
    // An aggregate's value is not a key.
    #"from pci | group {year} (aggregate {m = average score}) | filter m > 50"#,
  ])
  func predicatePushdownStays(_ query: String) throws {
    let plan = try Self.only("predicate-pushdown", query)
    var pushed = false
    var filters = 0
    plan.forEachNode {
      if Self.kind($0) == "scan+where" { pushed = true }
      if Self.kind($0) == "filter" { filters += 1 }
    }
    #expect(!pushed && filters == 1, "\(query)")
    #expect(try Self.sameResult("predicate-pushdown", query), "\(query)")
  }

  @Test func joinKeyExtraction() throws {
    let query = "from a = pci\njoin b = provinces (true)\nfilter a.gso_code == b.gso_code && a.year == 2016\naggregate {n = count this}"
    let plan = try Self.only("join-key-extraction", query)
    var keyed = false
    plan.forEachNode { if Self.kind($0) == "join-keys" { keyed = true } }
    #expect(keyed)
    #expect(try Self.sameResult("join-key-extraction", query))
  }

  @Test func limitPushdown() throws {
    let plan = try Self.only("limit-pushdown", "from pci | derive {s = score * 2} | select {province, s} | take 4")
    #expect(Self.spine(plan).prefix(3) == ["project", "derive", "take"])
    let twice = try Self.only("limit-pushdown", "from pci | take 2..20 | take 3..5")
    #expect(Self.spine(twice).prefix(2) == ["take", "scan"])
    #expect(try Self.sameResult("limit-pushdown", "from pci | take 2..20 | take 3..5"))
    #expect(try Self.sameResult("limit-pushdown", "from pci | derive {s = score * 2} | take 4"))
  }

  @Test func redundantSort() throws {
    let plan = try Self.only("redundant-sort", "from pci | sort year | sort {year, -score}")
    #expect(Self.spine(plan).prefix(2) == ["sort", "scan"])
    // A sort that breaks ties for a later one stays.
    let kept = try Self.only("redundant-sort", "from pci | sort score | sort year")
    #expect(Self.spine(kept).prefix(3) == ["sort", "sort", "scan"])
    #expect(try Self.sameResult("redundant-sort", "from pci | sort year | sort {year, -score} | take 20"))
    #expect(try Self.sameResult("redundant-sort", "from pci | sort score | sort year | take 20"))
  }

  @Test func columnPruningReadsOnlyTheNeededColumns() throws {
    let plan = try Fixtures.optimized("from pci | filter year == 2016 | aggregate {m = average score}")
    var scanned: [Int]? = nil
    plan.forEachNode { if case .scan(_, let read) = $0.node { scanned = read.columns } }
    #expect(scanned?.count == 2)
  }
}
