/// Rewrites a logical plan into an equivalent one that is cheaper to run: named local rules,
/// applied bottom-up until none applies (each sees its inputs already rewritten), then whole-plan
/// passes (column pruning). Every rewrite keeps the result the same — the same rows, in the same
/// order where the query fixes one. `--explain` shows the plan after the optimizer;
/// `OptimizerTests` and `Cases/plans/optimized.test` test each rule.
public struct Optimizer: Sendable {
  /// A rewrite of one node (whose inputs are already rewritten); nil when it does not apply.
  public struct Rule: Sendable {
    public var name: String
    public var summary: String
    public var apply: @Sendable (LogicalPlan) -> LogicalPlan?

    public init(_ name: String, _ summary: String, apply: @escaping @Sendable (LogicalPlan) -> LogicalPlan?) {
      self.name = name
      self.summary = summary
      self.apply = apply
    }
  }

  /// A rewrite of the whole plan.
  public struct Pass: Sendable {
    public var name: String
    public var summary: String
    public var run: @Sendable (LogicalPlan) -> LogicalPlan
  }

  public var rules: [Rule]
  public var passes: [Pass]

  public init(rules: [Rule] = Optimizer.standardRules, passes: [Pass] = Optimizer.standardPasses) {
    self.rules = rules
    self.passes = passes
  }

  /// The rules, in the order they are tried at each node.
  public static let standardRules: [Rule] = [
    ConstantFilterRule.rule, PredicatePushdownRule.rule, JoinKeyRule.rule, LimitPushdownRule.rule,
    RedundantSortRule.rule, TopNRule.rule,
  ]
  public static let standardPasses: [Pass] = [ColumnPruning.pass]

  /// Longest a rule may keep rewriting one node (a guard; the rules only move work down).
  static let maxRewrites = 64

  public func optimize(_ plan: LogicalPlan) -> LogicalPlan {
    var rewritten = rewrite(plan)
    for pass in passes { rewritten = pass.run(rewritten) }
    return rewritten
  }

  /// Bottom up: the children are fixed points of the rules before their parent is tried.
  func rewrite(_ plan: LogicalPlan) -> LogicalPlan {
    settle(plan.replacingChildren(plan.children.map(rewrite)))
  }

  /// The rules applied at `node` until none fires; its children are fixed points already.
  func settle(_ plan: LogicalPlan) -> LogicalPlan {
    var node = plan
    var budget = Optimizer.maxRewrites
    var changed = true
    while changed, budget > 0 {
      changed = false
      for rule in rules {
        guard let next = rule.apply(node) else { continue }
        // The nodes the rule made (a filter pushed below, at most two levels down) get their
        // turn too. Below them are the subtrees that were fixed points already: revisiting all
        // of them after every rewrite made a 20,000-step pipeline quadratic (minutes).
        node = next.replacingChildren(next.children.map { refresh($0, depth: Optimizer.refreshDepth) })
        changed = true
        budget -= 1
        break
      }
    }
    return node
  }

  /// How deep below a rewritten node the rules are tried again (deeper than any rule builds).
  static let refreshDepth = 3

  func refresh(_ plan: LogicalPlan, depth: Int) -> LogicalPlan {
    guard depth > 0 else { return plan }
    return settle(plan.replacingChildren(plan.children.map { refresh($0, depth: depth - 1) }))
  }
}
