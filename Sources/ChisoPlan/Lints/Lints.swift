import ChisoEngine
import ChisoSyntax
import Foundation

/// What lints may know about the data without reading it again: the manifests, and the distinct
/// values of a source column when the catalog already holds them (a loaded table's dictionary).
public protocol LintData: AnyObject {
  var manifests: [String: IndexManifest] { get }
  /// The distinct values of a table's column, if known; nil when that would mean reading data.
  func distinctValues(of origin: ColumnOrigin) -> [Value]?
  /// Other spellings of unit names (`TP.HCM`, `Daklak`), keyed by `Aliases.key`: the official
  /// name and its code (from `province_aliases`, when the data folder has it).
  func aliases() -> [String: (official: String, code: String)]
}

/// `column OP constant` comparisons in a condition, the shape every value lint looks for.
enum ConstantComparisons {
  /// The comparisons with one of `operators` (`std.eq`, `std.ne`) found by descending through
  /// `connectives` (`std.and`, and `std.or` where either side matters), constant on either side.
  static func find(_ e: PlanExpr, through connectives: Set<String>, operators: Set<String>) -> [(column: Int, value: Value, span: Span)] {
    guard case .call(let f, let args) = e.kind, args.count == 2 else { return [] }
    if connectives.contains(f.id) { return args.flatMap { find($0, through: connectives, operators: operators) } }
    guard operators.contains(f.id) else { return [] }
    if let c = args[0].columnIndex, let v = args[1].constant { return [(c, v, e.span)] }
    if let c = args[1].columnIndex, let v = args[0].constant { return [(c, v, e.span)] }
    return []
  }
}

/// How alias spellings are compared: NFC, case folded, blanks collapsed.
public enum Aliases {
  public static func key(_ s: String) -> String {
    s.precomposedStringWithCanonicalMapping.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }
}

/// Warnings computed from the plan and its lineage after a query ran: never a second execution
/// of the query, never a search of its text. Each lint is a function of the plan.
public enum Lints {
  /// Each lint: its name and a function of the plan, the data's statistics and the result's row
  /// count (nil when the query did not run).
  public static let all: [(name: String, run: @Sendable (LogicalPlan, LintData, Int?) -> [Diagnostic])] = [
    ("spelling", { plan, data, _ in SpellingLint.warnings(plan, data) }),
    ("value-range", { plan, data, _ in ValueRangeLint.warnings(plan, data) }),
    ("coverage", CoverageLint.warnings),
    ("methodology-break", MethodologyBreakLint.warnings),
  ]

  public static func run(_ plan: LogicalPlan, data: LintData, resultRows: Int? = nil) -> [Diagnostic] {
    var out: [Diagnostic] = []
    for lint in all {
      for warning in lint.run(plan, data, resultRows) where !out.contains(where: { $0.id == warning.id && $0.message == warning.message }) {
        out.append(warning)
      }
    }
    return out
  }
}
