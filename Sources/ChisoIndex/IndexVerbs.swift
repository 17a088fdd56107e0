import ChisoEngine
import ChisoPlan
import ChisoSyntax

/// The index verbs (docs/language.md, "Index verbs"), one record each in the file named for it.
/// Relational verbs (`ranked`, `compare`, `bands`) build ordinary plan nodes from syntax trees
/// made here — never from PRQL text; analyses (`fit_weights`, `explain_rank`, …) are
/// `TableOperation` values that the executor runs on their input's rows.
public enum IndexVerbs {
  public static let all: [TransformSpec] = [
    pivot, unpivot, ranked, compare, bands, recompute, fitWeights, contributions, explainRank, whatIf, resolveAliases,
    rankAudit, robustness, check,
  ]

  /// `unit:`, `year:`, `component:`, `value:` — the columns a verb works on, when they are not
  /// called `province`, `year`, `component`, `score`.
  static let shapeParameters: [Parameter] = [
    .named("unit", .name, default: "province", "the column naming the unit (province)"),
    .named("year", .name, default: "year", "the year column"),
    .named("component", .name, default: "component", "the component column"),
    .named("value", .name, default: "score", "the score column"),
  ]

  static let indexParameter = Parameter.named("index", .name, "the index manifest to use (default: the table's own)")

  /// The manifest for a relation: `index:NAME`, or the table its rows come from.
  static func manifest(_ call: TransformCall) throws -> IndexManifest? {
    let manifests = call.resolver.schemas.manifests
    if let id = call.text("index") {
      if let m = manifests[id] ?? manifests.values.first(where: { $0.id == id }) { return m }
      let known = Set(manifests.values.map(\.id)).sorted()
      throw Diagnostic(
        .unknownIndex, "no manifest for index `\(id)`", span: call.span(of: "index"),
        label: Diagnostic.suggestion(for: id, among: known), hints: ["indices: " + known.joined(separator: ", ")])
    }
    for table in call.input.plan.scannedTables { if let m = manifests[table] { return m } }
    return nil
  }

  /// A relation made by an operation over the (finished) input.
  static func operation(
    _ op: any TableOperation, _ call: TransformCall, inputs: [LogicalPlan]? = nil, output: [OutputColumn]
  ) -> Relation {
    let input = call.input.finish()
    let all = input.schema
    let sources = all.reduce(into: Set<ColumnOrigin>()) { $0.formUnion($1.sources) }
    let schema = output.map { c -> SchemaColumn in
      if let from = c.copyOf, from < all.count {
        var column = all[from]
        column.name = c.name
        column.type = c.type
        column.qualifier = nil
        return column
      }
      return SchemaColumn(name: c.name, type: c.type, nullable: c.nullable, sources: sources)
    }
    return Relation(plan: LogicalPlan(.operation(op, inputs: inputs ?? [input]), schema: schema, span: call.span))
  }

  /// An output column of an operation; `copyOf` names the input column whose values it holds.
  struct OutputColumn {
    var name: String
    var type: DataType
    var nullable = true
    var copyOf: Int? = nil
  }
}

/// Competition rank (1 = highest) of `value` among `others`: one plus the number strictly above.
func competitionRank(_ value: Double, among others: [Double]) -> Int {
  1 + others.reduce(0) { $0 + ($1 > value ? 1 : 0) }
}
