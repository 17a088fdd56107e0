import ChisoEngine
import ChisoIndex
import ChisoPlan
import ChisoSyntax

/// A failure the user should see: a located query diagnostic, or a problem in a data file.
public enum ChisoError: Error, Sendable {
  case query(Diagnostic)
  /// A data file problem; `span` is where the query named the file, when it did.
  case data(DataError, span: Span?)
}

/// A query's result and the warnings it raised.
public struct QueryResult: Sendable {
  public var table: Table
  public var warnings: [Diagnostic]
  /// The plan that ran (after the optimizer).
  public var plan: LogicalPlan?

  public init(table: Table, warnings: [Diagnostic], plan: LogicalPlan? = nil) {
    self.table = table
    self.warnings = warnings
    self.plan = plan
  }
}

/// The entry point for front ends and tests: a catalog plus the pipeline
/// text → tokens → AST → LogicalPlan → optimized plan → result, and the lints over the plan.
public final class Session: PlanPreparer, @unchecked Sendable {
  public let catalog: Catalog
  /// Every transform and verb the session knows.
  public let registry: TransformRegistry
  public let optimizer: Optimizer

  /// PRQL's transforms and the index verbs.
  public static let standardRegistry = TransformRegistry.core.adding(IndexVerbs.all)

  public init(dataDirectories: [String]) {
    catalog = Catalog(directories: dataDirectories)
    registry = Session.standardRegistry
    optimizer = Optimizer()
  }

  public init(catalog: Catalog, registry: TransformRegistry = Session.standardRegistry) {
    self.catalog = catalog
    self.registry = registry
    optimizer = Optimizer()
  }

  /// Parses and resolves a query without running it (names and types are checked). The only
  /// rows read are a data-dependent verb's prepare step (`pivot`'s column names).
  /// `parameters` override the script's `let name = constant` declarations (`--param`).
  public func plan(_ source: SourceFile, parameters: [String: String] = [:]) throws(ChisoError) -> LogicalPlan {
    try deep { () throws(ChisoError) in try self.unboundedPlan(source, parameters: parameters) }
  }

  /// `body` on a thread with a large stack (`DeepStack`): resolving, optimizing and running walk
  /// the plan recursively, and a plan is as deep as the pipeline is long.
  func deep<T: Sendable>(_ body: @escaping @Sendable () throws(ChisoError) -> T) throws(ChisoError) -> T {
    let outcome: Result<T, ChisoError> = DeepStack.run {
      do throws(ChisoError) { return .success(try body()) } catch { return .failure(error) }
    }
    return try outcome.get()
  }

  func unboundedPlan(_ source: SourceFile, parameters: [String: String]) throws(ChisoError) -> LogicalPlan {
    try guarded {
      let query = try Parser.parse(source)
      return try Resolver(
        schemas: catalog, registry: registry, source: source, parameters: try Session.parameterExprs(parameters), preparer: self
      ).resolve(query)
    }
  }

  /// The plan as it runs: resolved, then optimized.
  public func optimizedPlan(_ source: SourceFile, parameters: [String: String] = [:]) throws(ChisoError) -> LogicalPlan {
    try deep { () throws(ChisoError) in self.optimizer.optimize(try self.unboundedPlan(source, parameters: parameters)) }
  }

  /// Runs a query: its result, and warnings such as comparisons across a methodology break.
  public func execute(_ source: SourceFile, parameters: [String: String] = [:]) throws(ChisoError) -> QueryResult {
    try deep { () throws(ChisoError) in try self.unboundedExecute(source, parameters: parameters) }
  }

  func unboundedExecute(_ source: SourceFile, parameters: [String: String]) throws(ChisoError) -> QueryResult {
    // A sampled schema can guess a type wrong; the executor notices and the query is planned
    // again with the real types (at most once per table it reads).
    var attempts = 0
    while true {
      let resolved = try unboundedPlan(source, parameters: parameters)
      let optimized = optimizer.optimize(resolved)
      do {
        let table = try runChecked(optimized)
        // Lints read the plan as the query was written, not as it was rewritten to run.
        let warnings = Lints.run(resolved, data: catalog, resultRows: table.rowCount)
        let cacheWarnings = catalog.drainCacheWarnings().map { Diagnostic(.cacheIgnored, $0, severity: .warning) }
        return QueryResult(table: table, warnings: cacheWarnings + warnings, plan: optimized)
      } catch let changed as SchemaChanged {
        attempts += 1
        if attempts > 3 {
          throw ChisoError.query(Diagnostic(.schemaChanged, "`\(changed.source)` keeps changing while it is read"))
        }
      } catch {
        throw Session.chisoError(error)
      }
    }
  }

  /// `--param` values as expressions: a PRQL literal (`2019`, `"Lai Châu"`, `@2019-01-01`), or
  /// else the text itself (`province=Lai Châu`). Each value is its own source (`--param NAME`),
  /// so an error in it points at it.
  static func parameterExprs(_ parameters: [String: String]) throws -> [String: Expr] {
    var out: [String: Expr] = [:]
    for (name, text) in parameters {
      let source = parameterSource(name: name, value: text)
      if let parsed = try? Parser.parseExpression(text, source: source.id), Resolver.isConstant(parsed) {
        out[name] = parsed
      } else {
        out[name] = Expr(.literal(.string(text)), source.span(0, text.utf8.count))
      }
    }
    return out
  }

  /// The source a `--param` value's spans point into.
  public static func parameterSource(name: String, value: String) -> SourceFile {
    SourceFile(name: "--param \(name)", text: value)
  }

  /// Runs a query and returns its result.
  public func run(_ source: SourceFile) throws(ChisoError) -> Table {
    try execute(source).table
  }

  /// Runs a resolved plan (optimizing it first, unless told not to).
  public func run(_ plan: LogicalPlan, optimize: Bool = true) throws(ChisoError) -> Table {
    try deep { () throws(ChisoError) in try self.unboundedRun(plan, optimize: optimize) }
  }

  func unboundedRun(_ plan: LogicalPlan, optimize: Bool) throws(ChisoError) -> Table {
    do {
      return try runChecked(optimize ? optimizer.optimize(plan) : plan)
    } catch let changed as SchemaChanged {
      throw ChisoError.query(Diagnostic(.schemaChanged, "`\(changed.source)` changed since the query was planned; run it again"))
    } catch {
      throw Session.chisoError(error)
    }
  }

  /// Runs a plan; a `SchemaChanged` passes through for the caller to plan again.
  func runChecked(_ plan: LogicalPlan) throws -> Table {
    do {
      return try Executor(catalog: catalog).run(plan)
    } catch let changed as SchemaChanged {
      throw changed
    } catch {
      throw Session.chisoError(error)
    }
  }

  // MARK: - PlanPreparer

  public func distinctValues(of plan: LogicalPlan, column: Int) throws -> [Value] {
    let table: Table
    do {
      table = try runChecked(optimizer.optimize(plan))
    } catch let changed as SchemaChanged {
      throw Diagnostic(.schemaChanged, "`\(changed.source)` changed while the query was planned; run it again")
    } catch let error as ChisoError {
      switch error {
      case .query(let d): throw d
      case .data(let e, let span): throw PlanError.data(e, span: span)
      }
    }
    guard column < table.columnCount else { return [] }
    let (_, firstRows) = KeyCodes.groupIDs([table.columns[column]], rowCount: table.rowCount)
    return firstRows.map { table.columns[column].value(at: $0) }
  }

  // MARK: - Errors

  func guarded<T>(_ body: () throws -> T) throws(ChisoError) -> T {
    do { return try body() } catch { throw Session.chisoError(error) }
  }

  static func chisoError(_ error: Error) -> ChisoError {
    switch error {
    case let e as ChisoError: return e
    case let d as Diagnostic: return .query(d)
    case let e as ExecutionError: return .query(Diagnostic(.runtime, e.message, hints: e.hints))
    case PlanError.data(let e, let span): return .data(e, span: span)
    case let e as DataError: return .data(e, span: nil)
    default: return .query(Diagnostic(.internalError, "internal error: \(error)"))
    }
  }
}
