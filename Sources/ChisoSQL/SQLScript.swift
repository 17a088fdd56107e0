import ChisoPlan

/// What `--sql` and `.sql` print: the whole query as one statement, or — when part of it runs
/// on chiso's engine (an index verb's analysis) — the statement for each part the engine runs,
/// with a comment saying what chiso does with its rows.
public enum SQLScript {
  public static func render(_ plan: LogicalPlan, dialect: SQLDialect) -> String {
    let generator = SQLGenerator(dialect: dialect)
    if let query = try? generator.generate(plan) { return query.text + ";\n" }
    var parts: [String] = []
    var notes: [String] = []
    collect(plan, generator, &parts, &notes)
    var out = "-- Part of this query runs on chiso's engine:\n" + notes.map { "--   " + $0 + "\n" }.joined()
    for (k, part) in parts.enumerated() { out += "\n-- part \(k + 1)\n" + part + ";\n" }
    return out
  }

  /// The largest parts the dialect can write, and why the rest cannot.
  static func collect(_ plan: LogicalPlan, _ generator: SQLGenerator, _ parts: inout [String], _ notes: inout [String]) {
    if let reason = generator.unsupportedReason(plan) {
      notes.append(reason)
      for child in plan.children { collect(child, generator, &parts, &notes) }
      return
    }
    if let query = try? generator.generate(plan) {
      parts.append(query.text)
    } else {
      for child in plan.children { collect(child, generator, &parts, &notes) }
    }
  }
}
