import ChisoEngine
import ChisoPlan
import ChisoSyntax

/// One stage of a pipeline in step mode: the step's text, its result, and what it changed.
public struct StepResult: Sendable {
  public var index: Int
  public var count: Int
  public var step: String
  public var table: Table
  public var summary: String
}

extension Session {
  /// Runs the main pipeline one transform at a time, for teaching: the result after each step
  /// and a sentence on what the step did (rows dropped and why, columns added, groups formed,
  /// ranks assigned).
  public func steps(_ source: SourceFile, parameters: [String: String] = [:]) throws(ChisoError) -> [StepResult] {
    try deep { () throws(ChisoError) in try self.unboundedSteps(source, parameters: parameters) }
  }

  func unboundedSteps(_ source: SourceFile, parameters: [String: String]) throws(ChisoError) -> [StepResult] {
    let query: Query
    do { query = try Parser.parse(source) } catch { throw .query(error) }
    guard let main = query.main else { throw .query(Diagnostic(.noMain, "the query has no main pipeline")) }
    let lets = query.statements.filter { if case .main = $0 { return false } else { return true } }
    let pipeline: [Expr]
    if case .pipeline(let steps) = main.kind { pipeline = steps } else { pipeline = [main] }
    var results: [StepResult] = []
    var previous: Table? = nil
    for k in 1...pipeline.count {
      let prefix = Array(pipeline[0..<k])
      let expr = prefix.count == 1 ? prefix[0] : Expr(.pipeline(prefix), prefix[0].span.union(prefix[k - 1].span))
      let partial = Query(statements: lets + [.main(expr)])
      let plan = try guarded {
        try resolver(source, parameters).resolve(partial)
      }
      let table = try unboundedRun(plan, optimize: true)
      let stepText = String(source.text(of: pipeline[k - 1].span))
      results.append(StepResult(
        index: k, count: pipeline.count, step: stepText, table: table,
        summary: Stepper.describe(pipeline[k - 1], stepText: stepText, before: previous, after: table)))
      previous = table
    }
    return results
  }
}

enum Stepper {
  static func describe(_ step: Expr, stepText: String, before: Table?, after: Table) -> String {
    var verb = ""
    switch step.kind {
    case .call(let head, _, _): if case .ident(let p) = head.kind { verb = p.joined(separator: ".") }
    case .ident(let p): verb = p.joined(separator: ".")
    default: break
    }
    func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
    guard let before else {
      return "starts with \(plural(after.rowCount, "row")) and \(plural(after.columnCount, "column")): " + after.names.joined(separator: ", ")
    }
    let added = after.names.filter { !before.names.contains($0) }
    let removed = before.names.filter { !after.names.contains($0) }
    var parts: [String] = []
    switch verb {
    case "filter":
      let dropped = before.rowCount - after.rowCount
      parts.append("kept \(after.rowCount) of \(before.rowCount) rows, dropped \(dropped): those where `\(stepText.dropFirst("filter".count).trimmingCharacters())` is not true (false or null)")
    case "aggregate":
      parts.append("reduced \(plural(before.rowCount, "row")) to \(plural(after.rowCount, "row"))")
    case "group":
      parts.append(after.rowCount < before.rowCount ? "formed \(plural(after.rowCount, "group row")) from \(plural(before.rowCount, "row"))" : "worked within each group: \(before.rowCount) → \(plural(after.rowCount, "row"))")
    case "sort":
      parts.append("reordered the rows (\(stepText.dropFirst("sort".count).trimmingCharacters()); `-` is descending, nulls last)")
    case "take":
      parts.append("kept \(after.rowCount) of \(before.rowCount) rows")
    case "join":
      parts.append("matched rows: \(before.rowCount) → \(plural(after.rowCount, "row"))")
    case "ranked", "compare":
      parts.append("assigned competition ranks (highest = 1, ties share a rank and the next skips)")
    default:
      if before.rowCount != after.rowCount { parts.append("\(before.rowCount) → \(plural(after.rowCount, "row"))") }
    }
    if !added.isEmpty { parts.append("added " + added.map { "`\($0)`" }.joined(separator: ", ")) }
    if !removed.isEmpty { parts.append("removed " + removed.map { "`\($0)`" }.joined(separator: ", ")) }
    if parts.isEmpty { parts.append("\(plural(after.rowCount, "row")), columns unchanged") }
    return parts.joined(separator: "; ")
  }
}

extension Substring {
  func trimmingCharacters() -> String { String(self).trimmingSpaces }
}
