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

  /// Per result column, the decimals the query fixed (`math.round 2`), for the display.
  public var columnDecimals: [Int?] {
    guard let plan else { return [] }
    let shown = plan.schema.filter { !$0.hidden }
    guard shown.count == table.columnCount else { return [] }
    return shown.map(\.decimals)
  }
}

/// The entry point for front ends and tests: a catalog plus the pipeline
/// text → tokens → AST → LogicalPlan → optimized plan → result, and the lints over the plan.
public final class Session: PlanPreparer, @unchecked Sendable {
  public let catalog: Catalog
  /// What a query may use (memory, file sizes, loop iterations); bound around every query.
  public var limits = ResourceLimits.standard
  /// Every transform and verb the session knows.
  public let registry: TransformRegistry
  public let optimizer: Optimizer
  /// Relations and functions defined for the rest of the session (`let t = (…)` entered alone),
  /// in order, with the source each was written in (for error carets).
  public private(set) var definitions: [(name: String, value: Expr, source: SourceFile)] = []
  /// Where queries run: nil for chiso's own engine, else a SQL engine (`--engine`), which also
  /// may bring its own tables (a PostgreSQL database, a DuckDB file).
  public var backend: (any QueryBackend)? = nil

  /// The tables queries are resolved against: the backend's, or the data folders'.
  public var schemas: any SchemaProvider { backend?.schemas ?? catalog }

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
  /// This session's limits are in force there (`ResourceLimits.current`), and the caller's
  /// cancel switch (task-local values do not cross to another thread: they are bound again).
  func deep<T: Sendable>(_ body: @escaping @Sendable () throws(ChisoError) -> T) throws(ChisoError) -> T {
    let limits = self.limits
    let cancellation = QueryCancellation.current
    let outcome: Result<T, ChisoError> = DeepStack.run {
      QueryCancellation.$current.withValue(cancellation) {
        ResourceLimits.$scoped.withValue(limits) {
          do throws(ChisoError) { return .success(try body()) } catch { return .failure(error) }
        }
      }
    }
    return try outcome.get()
  }

  func unboundedPlan(_ source: SourceFile, parameters: [String: String]) throws(ChisoError) -> LogicalPlan {
    do {
      return try resolvedPlan(source, parameters: parameters)
    } catch {
      throw withHabitHint(error, source, parameters)
    }
  }

  /// A query error, with the PRQL the user probably meant when the query carries a SQL or
  /// spreadsheet habit (`where`, `=`, `and`, `round(x, 2)`, `SELECT … FROM`, curly quotes) — only
  /// when that rewrite resolves, so the suggestion always works.
  func withHabitHint(_ error: ChisoError, _ source: SourceFile, _ parameters: [String: String]) -> ChisoError {
    guard case .query(var diagnostic) = error, let rewrite = SQLHabits.rewrite(source.text) else { return error }
    let candidate = SourceFile(name: source.name, text: rewrite)
    guard (try? resolvedPlan(candidate, parameters: parameters)) != nil else { return error }
    let shown = rewrite.contains("\n") ? "\n" + rewrite.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n") : "`\(rewrite)`"
    diagnostic.hints.append("in PRQL: \(shown)")
    return .query(diagnostic)
  }

  func resolvedPlan(_ source: SourceFile, parameters: [String: String]) throws(ChisoError) -> LogicalPlan {
    try guarded {
      let query = try Parser.parse(source)
      return try resolver(source, parameters).resolve(query)
    }
  }

  func resolver(_ source: SourceFile, _ parameters: [String: String]) throws -> Resolver {
    Resolver(
      schemas: schemas, registry: registry, source: source, parameters: try Session.parameterExprs(parameters), preparer: self,
      definitions: definitions.map { ($0.name, $0.value) })
  }

  /// Whether a text holds only `let` definitions (a REPL entry that defines, not queries).
  public static func isDefinition(_ text: String) -> Bool {
    guard let query = try? Parser.parse(SourceFile(name: "<check>", text: text)) else { return false }
    return query.main == nil && query.statements.contains { if case .letBinding = $0 { return true } else { return false } }
  }

  /// Keeps the `let` statements of `source` for the rest of the session, after checking that
  /// each resolves; returns each name with its columns (empty for a function or constant).
  @discardableResult
  public func define(_ source: SourceFile) throws(ChisoError) -> [(name: String, columns: [String])] {
    try deep { () throws(ChisoError) in
      try self.guarded {
        let query = try Parser.parse(source)
        var out: [(String, [String])] = []
        var added: [(name: String, value: Expr, source: SourceFile)] = []
        for statement in query.statements {
          guard case .letBinding(let name, let value, _) = statement else { continue }
          var columns: [String] = []
          if case .lambda = value.kind {} else if !Resolver.isConstant(value) {
            // Resolve it now, with the earlier definitions, so a mistake shows at once.
            let check = Resolver(
              schemas: self.schemas, registry: self.registry, source: source, preparer: self,
              definitions: (self.definitions + added).map { ($0.name, $0.value) })
            columns = try check.relation(value).visibleColumns.map(\.name)
          }
          added.append((name, value, source))
          out.append((name, columns))
        }
        for d in added {
          self.definitions.removeAll { $0.name == d.name }
          self.definitions.append(d)
        }
        return out
      }
    }
  }

  /// Forgets a session definition.
  public func undefine(_ name: String) { definitions.removeAll { $0.name == name } }

  /// The sources of the session's definitions, for rendering errors that point into them.
  public var definitionSources: [SourceFile] {
    var seen = Set<SourceID>()
    return definitions.compactMap { seen.insert($0.source.id).inserted ? $0.source : nil }
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
        let stats = ExecutionStats()
        let table = try runChecked(optimized, stats: stats)
        // Lints read the plan as the query was written, not as it was rewritten to run.
        var warnings = Lints.run(resolved, data: backend?.lintData ?? catalog, resultRows: table.rowCount)
        let explained = warnings.contains { [.noSuchValue, .aliasSpelling, .yearNotCovered].contains($0.id) }
        warnings += stats.warnings(resultRows: table.rowCount, explained: explained)
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
  func runChecked(_ plan: LogicalPlan, stats: ExecutionStats? = nil) throws -> Table {
    if let backend { return try backend.run(plan, session: self) }
    return try runLocally(plan, stats: stats)
  }

  /// Runs a plan on chiso's own engine (a backend's local parts come here); a `SchemaChanged`
  /// passes through for the caller to plan again.
  public func runLocally(_ plan: LogicalPlan) throws -> Table { try runLocally(plan, stats: nil) }

  func runLocally(_ plan: LogicalPlan, stats: ExecutionStats?) throws -> Table {
    do {
      return try Executor(catalog: catalog, stats: stats).run(plan)
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
