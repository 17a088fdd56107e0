import ChisoEngine
import ChisoSyntax

/// What lints may know about the data without reading it again: the manifests, and the distinct
/// values of a source column when the catalog already holds them (a loaded table's dictionary).
public protocol LintData: AnyObject {
  var manifests: [String: IndexManifest] { get }
  /// The distinct values of a table's column, if known; nil when that would mean reading data.
  func distinctValues(of origin: ColumnOrigin) -> [Value]?
}

/// Warnings computed from the plan and its lineage after a query ran: never a second execution
/// of the query, never a search of its text. Each lint is a function of the plan.
public enum Lints {
  public static let all: [(name: String, run: @Sendable (LogicalPlan, LintData) -> [Diagnostic])] = [
    ("spelling", SpellingLint.warnings),
    ("methodology-break", MethodologyBreakLint.warnings),
  ]

  public static func run(_ plan: LogicalPlan, data: LintData) -> [Diagnostic] {
    var out: [Diagnostic] = []
    for lint in all {
      for warning in lint.run(plan, data) where !out.contains(where: { $0.id == warning.id && $0.message == warning.message }) {
        out.append(warning)
      }
    }
    return out
  }
}
