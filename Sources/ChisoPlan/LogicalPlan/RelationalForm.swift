import ChisoSyntax

/// An operation that is relational algebra after all, once resolved (`unpivot` is a UNION ALL
/// of projections): it can say so as plan nodes over its inputs, with the same columns and
/// types, for engines that run plans as SQL. chiso's own engine still runs the operation.
public protocol RelationalForm: TableOperation {
  /// The same rows as plan nodes over `inputs` (whose schemas are the operation's inputs'),
  /// with `schema` as the output; nil when this instance has none.
  func relationalForm(inputs: [LogicalPlan], schema: [SchemaColumn], span: Span?) -> LogicalPlan?
}
