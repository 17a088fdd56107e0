import ChisoEngine
import ChisoSyntax

/// A logical plan: relational operators over bound expressions. Each node's output columns are
/// positional; `Plan.columns` names them for the final result.
public indirect enum PlanNode: Sendable {
  /// A catalog table, loaded on first use.
  case scan(name: String)
  /// An inline relation (`from [{…}]`, `from_text`).
  case values(Table)
  /// `read_csv "path"` / `read_json "path"`.
  case readFile(path: String, format: FileFormat, span: Span)
  /// The current iteration's rows inside `loop`.
  case loopInput
  case filter(Plan, BoundExpr)
  /// Appends columns, each expression seeing the columns before it.
  case derive(Plan, [BoundExpr])
  /// Exactly these columns.
  case project(Plan, [BoundExpr])
  /// Group keys then aggregates, one row per group.
  case aggregate(Plan, keys: [BoundExpr], aggregates: [AggregateCall])
  /// Appends one column per call.
  case window(Plan, partition: [BoundExpr], order: [SortKey], calls: [WindowCall])
  case sort(Plan, [SortKey])
  /// Rows `start..<end` (0-based), per partition in `order` when partitioned.
  case take(Plan, partition: [BoundExpr], order: [SortKey], start: Int, end: Int?)
  /// Left columns then right columns.
  case join(Plan, Plan, side: JoinSide, leftKeys: [BoundExpr], rightKeys: [BoundExpr], residual: BoundExpr?)
  /// Union all, positional; `types` are the unified column types.
  case append(Plan, Plan, types: [DataType])
  /// Rows of the left with (semi) or without (anti) an equal row in the right; nulls equal.
  case semiJoin(Plan, Plan, anti: Bool)
  /// The initial rows, then the step applied to the previous iteration's rows until it yields none.
  case loop(Plan, step: Plan)
}

public enum FileFormat: String, Sendable { case csv, tsv, json }

/// A plan node and the names and types of its output columns.
public struct Plan: Sendable {
  public var node: PlanNode
  public var columns: [PlanColumn]
  /// Years a comparison verb (`compare 2015 2016`, `explain_rank …`) compares, for the
  /// methodology-break check.
  public var comparedYears: [Int] = []
  /// The relations those verbs compared (their input plans), for the coverage check.
  public var comparedInputs: [PlanNode] = []

  public init(_ node: PlanNode, columns: [PlanColumn]) {
    self.node = node
    self.columns = columns
  }
}

public struct PlanColumn: Sendable {
  public var name: String
  public var type: DataType

  public init(name: String, type: DataType) {
    self.name = name
    self.type = type
  }
}
