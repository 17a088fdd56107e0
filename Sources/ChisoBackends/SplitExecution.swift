import ChisoCore
import ChisoEngine
import ChisoPlan
import ChisoSQL
import ChisoSyntax
import Foundation

/// Runs a plan across a SQL engine and chiso's engine: each node runs on the engine when its
/// SQL can be written (`SQLGenerator.unsupportedReason`) — the largest such parts become one
/// statement each — and on chiso's engine otherwise (an index verb's analysis, a function
/// without a template), on the rows the engine sent back. Rows chiso made that an engine part
/// needs (a file chiso read, an analysis's output) are sent to it as VALUES.
final class SplitExecution: @unchecked Sendable {
  let runner: any SQLRunner
  let generator: SQLGenerator
  let engineName: String

  init(runner: any SQLRunner, engineName: String) {
    self.runner = runner
    self.generator = SQLGenerator(dialect: runner.dialect)
    self.engineName = engineName
  }

  /// Why the node runs on chiso's engine, or nil when the SQL engine runs it: the engine runs
  /// what its SQL can write and what reads its tables (or the query's inline rows); steps on
  /// rows chiso already holds (an analysis's output, a file it read) stay with chiso.
  func localReason(_ plan: LogicalPlan) -> String? {
    if case .scan(let table, _) = plan.node, !runner.hasTable(table) {
      return "chiso reads `\(table)` (a file the engine does not read) and sends its rows"
    }
    if let reason = generator.unsupportedReason(plan) { return reason }
    // Does an engine table (or inline rows) reach this node other than through an analysis
    // chiso runs?
    var stack = [plan]
    while let node = stack.popLast() {
      switch node.node {
      case .scan(let table, _) where runner.hasTable(table): return nil
      case .values: return nil
      case .operation(let op, let inputs):
        if op is any RelationalForm { stack.append(contentsOf: inputs) }
      default:
        stack.append(contentsOf: node.children)
      }
    }
    return "its input rows are already chiso's"
  }

  /// The result; an engine's failure becomes a query error at the query's last step.
  func run(_ plan: LogicalPlan, session: Session) throws -> Table {
    var depth = 0
    var stack = [(plan, 1)]
    while let (node, d) = stack.popLast() {
      depth = max(depth, d)
      stack.append(contentsOf: node.children.map { ($0, d + 1) })
    }
    do {
      // Thousands of nested steps are more than SQL text (and recursion) should hold: the
      // engine sends the tables' rows and chiso's engine runs the steps, which it does without
      // recursion.
      if depth > SQLGenerator.maxDepth { return try session.runLocally(try tablesFetched(plan, session)) }
      do {
        return try evaluate(plan, session)
      } catch let error as EngineError where Self.tooComplex(error) {
        // The engine's parser gave up on the statement's size (Spark's, at a few hundred
        // nested conditions): the same fallback.
        return try session.runLocally(try tablesFetched(plan, session))
      }
    } catch let error as EngineError {
      throw Diagnostic(.runtime, error.message, span: plan.span, hints: error.hints)
    }
  }

  func evaluate(_ plan: LogicalPlan, _ session: Session) throws -> Table {
    if localReason(plan) != nil {
      var children = plan.children
      // A loop's step refers to the loop's rows: only its initial rows come from elsewhere.
      let count = { if case .loop = plan.node { return 1 } else { return children.count } }()
      for k in 0..<count { children[k] = try materialized(children[k], session) }
      return try session.runLocally(plan.replacingChildren(children))
    }
    let remote = try remoteTree(plan, session)
    let query = try sql(remote)
    return try runner.fetch(query, tables: remote.scannedTables)
  }

  /// The plan's SQL, every column selected (hidden ones too: chiso's engine may read them).
  func sql(_ plan: LogicalPlan) throws -> SQLQuery {
    do {
      return try generator.generate(plan, names: .positional, includeHidden: true)
    } catch {
      throw EngineError("cannot write this part for \(runner.dialect): \(error.reason)")
    }
  }

  static func tooComplex(_ error: EngineError) -> Bool {
    error.message.contains("TOO_COMPLEX") || error.message.contains("stack depth limit exceeded")
      || error.message.contains("maximum recursion depth") || error.message.contains("Max expression depth")
  }

  /// The plan with each table it scans replaced by the table's rows, fetched from the engine;
  /// rebuilt without recursion (the plan may be thousands of steps deep).
  func tablesFetched(_ plan: LogicalPlan, _ session: Session) throws -> LogicalPlan {
    var stack: [(LogicalPlan, Bool)] = [(plan, false)]
    var done: [LogicalPlan] = []
    while let (node, visited) = stack.popLast() {
      if case .scan = node.node {
        done.append(try materialized(node, session))
        continue
      }
      var children = node.children
      // A loop's step stays as it is: it reads the loop's rows.
      let count = { if case .loop = node.node { return 1 } else { return children.count } }()
      if visited {
        let rebuilt = Array(done.suffix(count))
        done.removeLast(count)
        children.replaceSubrange(0..<count, with: rebuilt)
        done.append(node.replacingChildren(children))
      } else {
        stack.append((node, true))
        for child in children.prefix(count).reversed() { stack.append((child, false)) }
      }
    }
    return done.last ?? plan
  }

  /// A node the engine runs, with its inputs that it cannot run replaced by their rows.
  func remoteTree(_ plan: LogicalPlan, _ session: Session) throws -> LogicalPlan {
    if case .loop = plan.node { return plan }
    let children = try plan.children.map { child -> LogicalPlan in
      localReason(child) == nil ? try remoteTree(child, session) : try materialized(child, session)
    }
    return plan.replacingChildren(children)
  }

  /// A part evaluated (wherever it runs) and standing in the plan as its rows.
  func materialized(_ plan: LogicalPlan, _ session: Session) throws -> LogicalPlan {
    if case .operation(let op, _) = plan.node, op is MaterializedRelation { return plan }
    let where_ = localReason(plan) == nil ? engineName : "chiso"
    let table = try evaluate(plan, session)
    return LogicalPlan(.operation(MaterializedRelation(table: table, origin: where_), inputs: []), schema: plan.schema, span: plan.span)
  }

  /// The distinct values of a table's column, asked of the engine once and kept (the lints'
  /// statistics: which years and components a table holds).
  private var distinct: [ColumnOrigin: [Value]] = [:]
  private let distinctLock = NSLock()

  func distinctValues(of origin: ColumnOrigin, schema: TableSchema?) -> [Value]? {
    distinctLock.lock()
    defer { distinctLock.unlock() }
    if let known = distinct[origin] { return known }
    guard runner.hasTable(origin.table), let schema, let k = schema.names.firstIndex(of: origin.column) else { return nil }
    let column = SchemaColumn.source(origin.table, origin.column, type: schema.types[k])
    let d = runner.dialect
    let query = SQLQuery(
      text: "SELECT DISTINCT \(d.identifier(origin.column)) AS c0 FROM \(d.identifier(origin.table)) LIMIT 10001", dialect: d,
      columns: [column], ordered: false)
    guard let table = try? runner.fetch(query, tables: [origin.table]), table.rowCount <= 10_000 else { return nil }
    let values = (0..<table.rowCount).map { table.columns[0].value(at: $0) }
    distinct[origin] = values
    return values
  }

  /// `--explain`: the plan with the engine that runs each node.
  func explain(_ plan: LogicalPlan) -> String {
    let body = PlanPrinter.render(plan) { node in
      if let reason = self.localReason(node) { return "chiso's engine (\(reason))" }
      return self.engineName
    }
    return "engine: \(engineName) (\(runner.dialect)); steps marked `chiso's engine` run locally on the rows the engine sends\n" + body
  }
}
