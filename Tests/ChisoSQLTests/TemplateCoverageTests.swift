import ChisoEngine
import ChisoPlan
import ChisoSQL
import Testing

/// Every function chiso knows is written for every dialect, or marked as running on chiso's
/// engine with a reason: a new function without a template fails here, not on a user's query.
struct TemplateCoverageTests {
  @Test(arguments: SQLDialect.allCases)
  func everyScalarFunctionHasATemplate(_ dialect: SQLDialect) {
    for function in FunctionRegistry.scalars {
      guard let entry = SQLTemplates.scalar(function.name, dialect) else {
        Issue.record("`\(function.name)` has no SQL template for \(dialect)")
        continue
      }
      if case .localOnly(let reason) = entry { #expect(!reason.isEmpty, "`\(function.name)` is local-only without a reason") }
    }
  }

  @Test(arguments: SQLDialect.allCases)
  func everyAggregateHasATemplateAsAggregateAndWindow(_ dialect: SQLDialect) {
    for kind in AggregateKind.allCases {
      for inWindow in [false, true] {
        if case .localOnly(let reason) = SQLAggregateTemplates.entry(kind, dialect, inWindow: inWindow) {
          #expect(!reason.isEmpty, "`\(kind)` is local-only without a reason")
        }
      }
    }
    // Each registry aggregate maps to a kind with an entry.
    #expect(FunctionRegistry.aggregateFunctions.allSatisfy { AggregateKind.allCases.contains($0.kind) })
  }

  @Test(arguments: SQLDialect.allCases)
  func everyWindowFunctionHasATemplate(_ dialect: SQLDialect) {
    let functions: [String: WindowFunction] = [
      "row_number": .rowNumber, "rank": .rank, "rank_dense": .denseRank, "lag": .lag(1), "lead": .lead(1),
      "first": .first, "last": .last,
    ]
    for spec in FunctionRegistry.windowFunctions {
      guard let function = functions[spec.name] else {
        Issue.record("window function `\(spec.name)` is not known to the SQL generator")
        continue
      }
      if case .localOnly(let reason) = SQLWindowTemplates.entry(function, dialect) { #expect(!reason.isEmpty) }
    }
  }

  /// No template is left over from a function that no longer exists.
  @Test func noStrayTemplates() {
    let ids = Set(FunctionRegistry.scalars.map(\.name))
    for id in SQLTemplates.scalars.keys { #expect(ids.contains(id), "template for unknown function `\(id)`") }
  }
}
