/// Rewrites a logical plan into an equivalent one that is cheaper to run, by named rules applied
/// bottom-up (each rule sees its inputs already rewritten). Every rule keeps the result the same:
/// the same rows, in the same order where the query fixes one. `--explain` shows the plan after
/// the optimizer; `OptimizerTests` test each rule by itself.
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

  public var rules: [Rule]

  public init(rules: [Rule] = Optimizer.standardRules) { self.rules = rules }

  /// The rules, in the order they run.
  public static let standardRules: [Rule] = [TopNRule.rule]

  public func optimize(_ plan: LogicalPlan) -> LogicalPlan {
    var rewritten = plan.replacingChildren(plan.children.map(optimize))
    for rule in rules {
      if let next = rule.apply(rewritten) { rewritten = next }
    }
    return rewritten
  }
}
