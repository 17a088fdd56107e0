import ChisoEngine
import ChisoSyntax

/// Where a file-backed relation comes from, and how to read it.
public enum FileFormat: String, Sendable, Hashable { case csv, tsv, json, xlsx }

/// A relational plan before any physical choice: each node carries its output schema (names,
/// types, nullability, lineage) and the span of the step it came from. Expressions name
/// functions by registry id. The resolver builds it without reading a row; the optimizer
/// rewrites it; the executor (ChisoCore) runs it; the SQL generator translates it.
public struct LogicalPlan: Sendable {
  public indirect enum Node: Sendable {
    /// A catalog table, by name; the optimizer may narrow what it reads.
    case scan(table: String, read: ScanSpec)
    /// Constant rows (`from [{…}]`), one value per schema column.
    case values(rows: [[Value]])
    /// `read_csv "path"`, `read_json "path"`.
    case readFile(path: String, format: FileFormat, read: ScanSpec)
    /// `from_text "…"`: inline CSV or JSON text.
    case readText(text: String, format: FileFormat)
    /// The current iteration's rows inside `loop`.
    case loopInput
    case filter(LogicalPlan, predicate: PlanExpr)
    /// Appends columns, each expression seeing the columns before it.
    case derive(LogicalPlan, [PlanExpr])
    /// Exactly these columns.
    case project(LogicalPlan, [PlanExpr])
    /// Group keys then aggregates, one row per group (one row in all without keys).
    case aggregate(LogicalPlan, keys: [PlanExpr], aggregates: [AggregateExpr])
    /// Appends one column per call.
    case window(LogicalPlan, partition: [PlanExpr], order: [SortKey], calls: [WindowExpr])
    case sort(LogicalPlan, [SortKey])
    /// Rows `start..<end` (0-based) of the input in its order, per partition when partitioned.
    case take(LogicalPlan, partition: [PlanExpr], start: Int, end: Int?)
    /// `sort | take`: the first rows by `keys` without sorting the rest (an optimizer rule).
    case topN(LogicalPlan, keys: [SortKey], start: Int, end: Int)
    /// Left columns then right columns.
    case join(LogicalPlan, LogicalPlan, side: JoinSide, leftKeys: [PlanExpr], rightKeys: [PlanExpr], residual: PlanExpr?)
    /// Union all, positional; the schema's types are the unified column types.
    case append(LogicalPlan, LogicalPlan)
    /// `remove` (EXCEPT) and `intersect`, on whole rows with nulls equal.
    case setOperation(LogicalPlan, LogicalPlan, SetOperationKind)
    /// The initial rows, then the step applied to the previous iteration's rows until it yields none.
    case loop(LogicalPlan, step: LogicalPlan)
    /// An operation on whole tables that is not relational algebra (an index verb's analysis:
    /// `fit_weights`, `explain_rank`, …), with its parameters in a value.
    case operation(any TableOperation, inputs: [LogicalPlan])
  }

  public var node: Node
  /// The output columns, hidden ones included (they sit after or among the visible ones).
  public var schema: [SchemaColumn]
  /// The step of the query this node came from.
  public var span: Span?

  public init(_ node: Node, schema: [SchemaColumn], span: Span?) {
    self.node = node
    self.schema = schema
    self.span = span
  }

  /// Positions of the visible columns.
  public var visibleIndices: [Int] { schema.indices.filter { !schema[$0].hidden } }

  /// The visible columns.
  public var visibleColumns: [SchemaColumn] { visibleIndices.map { schema[$0] } }

  /// The node's inputs, left to right.
  public var children: [LogicalPlan] {
    switch node {
    case .scan, .values, .readFile, .readText, .loopInput: return []
    case .filter(let p, _), .derive(let p, _), .project(let p, _), .aggregate(let p, _, _), .window(let p, _, _, _),
      .sort(let p, _), .take(let p, _, _, _), .topN(let p, _, _, _):
      return [p]
    case .join(let a, let b, _, _, _, _), .append(let a, let b), .setOperation(let a, let b, _), .loop(let a, let b):
      return [a, b]
    case .operation(_, let inputs): return inputs
    }
  }

  /// The same node with its inputs replaced (in the order `children` gives them).
  public func replacingChildren(_ new: [LogicalPlan]) -> LogicalPlan {
    var copy = self
    switch node {
    case .scan, .values, .readFile, .readText, .loopInput: return self
    case .filter(_, let e): copy.node = .filter(new[0], predicate: e)
    case .derive(_, let e): copy.node = .derive(new[0], e)
    case .project(_, let e): copy.node = .project(new[0], e)
    case .aggregate(_, let k, let a): copy.node = .aggregate(new[0], keys: k, aggregates: a)
    case .window(_, let p, let o, let c): copy.node = .window(new[0], partition: p, order: o, calls: c)
    case .sort(_, let k): copy.node = .sort(new[0], k)
    case .take(_, let p, let s, let e): copy.node = .take(new[0], partition: p, start: s, end: e)
    case .topN(_, let k, let s, let e): copy.node = .topN(new[0], keys: k, start: s, end: e)
    case .join(_, _, let side, let lk, let rk, let r):
      copy.node = .join(new[0], new[1], side: side, leftKeys: lk, rightKeys: rk, residual: r)
    case .append: copy.node = .append(new[0], new[1])
    case .setOperation(_, _, let kind): copy.node = .setOperation(new[0], new[1], kind)
    case .loop: copy.node = .loop(new[0], step: new[1])
    case .operation(let op, _): copy.node = .operation(op, inputs: new)
    }
    return copy
  }

  /// Every node, this one first, depth first.
  public func forEachNode(_ f: (LogicalPlan) -> Void) {
    var stack = [self]
    while let plan = stack.popLast() {
      f(plan)
      stack.append(contentsOf: plan.children.reversed())
    }
  }

  /// The catalog tables the plan scans.
  public var scannedTables: [String] {
    var out: [String] = []
    forEachNode { if case .scan(let t, _) = $0.node, !out.contains(t) { out.append(t) } }
    return out
  }
}

public enum SetOperationKind: String, Sendable {
  /// Rows of the left without an equal row in the right.
  case except
  /// Rows of the left with an equal row in the right.
  case intersect
}

/// What a scan reads of its table: which columns (positions in the table's own schema, nil for
/// all) and which rows (a condition over the columns it outputs, pushed down by the optimizer).
/// The schema of the scan node is the chosen columns, in this order.
public struct ScanSpec: Sendable {
  public var columns: [Int]?
  public var predicate: PlanExpr?

  public init(columns: [Int]? = nil, predicate: PlanExpr? = nil) {
    self.columns = columns
    self.predicate = predicate
  }

  public static let all = ScanSpec()
}

/// An operation over whole input tables that relational algebra does not express (index verbs'
/// analyses: least squares, counterfactual ranks, bootstrap draws). It is a value: its
/// parameters are fixed when the query is resolved, and `execute` is a pure function of the
/// input tables. Its output schema is the plan node's.
public protocol TableOperation: Sendable {
  /// The verb it implements (`fit_weights`).
  var name: String { get }
  /// Its parameters as `name: value` pairs, for EXPLAIN.
  var parameters: [(String, String)] { get }
  /// The years it compares with each other (`explain_rank 2018 2019`), for the
  /// methodology-break lint; empty when it works within each year.
  var comparedYears: [Int] { get }
  /// The output table from the input tables (visible columns only, in schema order).
  func execute(_ inputs: [Table]) throws(ExecutionError) -> Table
}

extension TableOperation {
  public var comparedYears: [Int] { [] }
}
