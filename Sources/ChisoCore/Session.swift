import ChisoEngine
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
}

/// The entry point for front ends and tests: a catalog plus the pipeline
/// text → tokens → AST → resolved plan → result.
public final class Session: @unchecked Sendable {
  public let catalog: Catalog

  public init(dataDirectories: [String]) {
    catalog = Catalog(directories: dataDirectories)
  }

  public init(catalog: Catalog) {
    self.catalog = catalog
  }

  /// Parses and resolves a query without running it (names and types are checked).
  /// `parameters` override the script's `let name = constant` declarations (`--param`).
  public func plan(_ source: SourceFile, parameters: [String: String] = [:]) throws(ChisoError) -> Plan {
    do {
      let query = try Parser.parse(source)
      return try Resolver(catalog: catalog, source: source, parameters: try Session.parameterExprs(parameters)).resolve(query)
    } catch let error as Diagnostic {
      throw .query(error)
    } catch let error as ChisoError {
      throw error
    } catch {
      throw .query(Diagnostic("internal", "internal error: \(error)"))
    }
  }

  /// Runs a query: its result, and warnings such as comparisons across a methodology break.
  public func execute(_ source: SourceFile, parameters: [String: String] = [:]) throws(ChisoError) -> QueryResult {
    let plan = try plan(source, parameters: parameters)
    let executor = Executor(catalog: catalog)
    let table = try run(plan)
    var warnings = LiteralCheck.warnings(plan: plan, catalog: catalog)
    warnings += BreakCheck.warnings(plan: plan, result: table, catalog: catalog, source: source, executor: executor)
    warnings += CoverageCheck.diagnostics(plan: plan, result: table, catalog: catalog, source: source, executor: executor)
    return QueryResult(table: table, warnings: warnings)
  }

  /// `--param` values as expressions: a PRQL literal (`2019`, `"Lai Châu"`, `@2019-01-01`), or
  /// else the text itself (`province=Lai Châu`).
  static func parameterExprs(_ parameters: [String: String]) throws -> [String: Expr] {
    var out: [String: Expr] = [:]
    for (name, text) in parameters {
      if let parsed = try? Parser.parseExpression(text), Resolver.isConstant(parsed) {
        var e = parsed
        e.span = Span(0, 0)
        out[name] = e
      } else {
        out[name] = Expr(.literal(.string(text)), Span(0, 0))
      }
    }
    return out
  }

  /// Runs a query and returns its result.
  public func run(_ source: SourceFile) throws(ChisoError) -> Table {
    try run(try plan(source))
  }

  /// Runs a resolved plan.
  public func run(_ plan: Plan) throws(ChisoError) -> Table {
    do {
      return try Executor(catalog: catalog).run(plan)
    } catch let error as Diagnostic {
      throw .query(error)
    } catch let error as ChisoError {
      throw error
    } catch let error as ExecutionError {
      throw .query(Diagnostic("runtime", error.message, hints: error.hints))
    } catch {
      throw .query(Diagnostic("internal", "internal error: \(error)"))
    }
  }
}
