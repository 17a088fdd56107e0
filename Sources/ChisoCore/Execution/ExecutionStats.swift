import ChisoEngine
import ChisoPlan
import ChisoSyntax
import Foundation

/// What the executor saw while it ran a plan, for warnings that need the rows' counts rather
/// than a second run: which step emptied the result, a join that matched nothing, a join that
/// multiplied rows because its key was incomplete.
final class ExecutionStats: @unchecked Sendable {
  struct Step {
    enum Kind {
      case scan(String)
      case filter
      case join(side: JoinSide)
      case take
      case other
    }
    var kind: Kind
    var span: Span?
    var inputRows: [Int]
    var outputRows: Int
    /// For a join that multiplied rows: columns both sides share that, added to the key, would
    /// have matched each row at most once.
    var missingKeys: [String] = []
  }

  private let lock = NSLock()
  private(set) var steps: [Step] = []
  /// Warnings raised while running (a rank over NaN), once per place.
  private(set) var notes: [Diagnostic] = []
  private var noted = Set<Int>()

  func note(_ warning: Diagnostic) {
    lock.lock()
    if noted.insert(warning.span?.start ?? -1).inserted { notes.append(warning) }
    lock.unlock()
  }

  /// Warns when a rank's order holds NaN or an infinity: legal (DuckDB's order puts NaN above
  /// every number), but never silent.
  func checkRankOrder(_ function: WindowFunction, _ order: [SortColumn], span: Span?) {
    let name: String
    switch function {
    case .rank: name = "rank"
    case .denseRank: name = "rank_dense"
    default: return
    }
    for key in order {
      guard let row = FloatOrder.firstNonFinite(key.column) else { continue }
      let value = key.column.value(at: row)
      note(Diagnostic(
        .nonFiniteRank, "`\(name)` ranks values that include \(value)", span: span,
        label: "\(value) sorts \(value == .float(-.infinity) ? "below" : "above") every number",
        hints: [
          "as in DuckDB, NaN is greater than every number (infinity too): it ranks first in a descending sort",
          "keep finite values first: `filter x > -1e308 && x < 1e308`",
        ],
        severity: .warning))
      return
    }
  }

  func record(_ step: Step) {
    lock.lock()
    steps.append(step)
    lock.unlock()
  }

  /// Warnings for the result: why it is empty (when no other warning says so already), and joins
  /// that multiplied rows.
  func warnings(resultRows: Int, explained: Bool) -> [Diagnostic] {
    var out: [Diagnostic] = notes
    for step in steps {
      guard case .join(let side) = step.kind, step.inputRows.count == 2, !step.missingKeys.isEmpty,
        side == .inner || side == .left, step.outputRows > step.inputRows[0], step.inputRows[0] > 0
      else { continue }
      let factor = Double(step.outputRows) / Double(step.inputRows[0])
      let keys = step.missingKeys.map { "`\($0)`" }.joined(separator: ", ")
      let extra = step.missingKeys.map { "==\($0)" }.joined(separator: " && ")
      out.append(Diagnostic(
        .joinFanOut,
        "this join made \(step.outputRows) rows from \(step.inputRows[0]) (×\(FloatFormat.shortest((factor * 10).rounded() / 10))): several rows of the right match each row of the left",
        span: step.span, label: "both sides also have \(keys)",
        hints: ["add \(step.missingKeys.count == 1 ? "it" : "them") to the condition: `(… && \(extra))`, or aggregate the right side first"],
        severity: .warning))
    }
    guard resultRows == 0, !explained else { return out }
    // The first step (in the order they ran) that turned rows into none.
    for step in steps where step.outputRows == 0 && !step.inputRows.isEmpty && step.inputRows.allSatisfy({ $0 > 0 }) {
      switch step.kind {
      case .filter, .scan:
        out.append(Diagnostic(
          .emptyResult, "no rows: this filter kept none of the \(step.inputRows[0]) rows before it", span: step.span,
          label: "removes every row", hints: ["`--step` shows the rows before and after each step"], severity: .warning))
      case .join:
        out.append(Diagnostic(
          .emptyResult,
          "no rows: this join matched none of the \(step.inputRows[0]) rows of the left with the \(step.inputRows[1]) of the right",
          span: step.span, label: "no key matched",
          hints: ["compare the key columns' values and types on both sides (text \"01\" is not the number 1)"], severity: .warning))
      case .take:
        out.append(Diagnostic(.emptyResult, "no rows: this `take` keeps none", span: step.span, severity: .warning))
      case .other:
        continue
      }
      break
    }
    return out
  }
}
