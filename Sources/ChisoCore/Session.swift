import ChisoEngine
import ChisoSyntax

/// A failure the user should see: a located query diagnostic, or a problem in a data file.
public enum ChisoError: Error, Sendable {
  case query(Diagnostic)
  /// A data file problem; `span` is where the query named the file, when it did.
  case data(DataError, span: Span?)
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
  public func plan(_ source: SourceFile) throws(ChisoError) -> Plan {
    do {
      let query = try Parser.parse(source)
      return try Resolver(catalog: catalog, source: source).resolve(query)
    } catch let error as Diagnostic {
      throw .query(error)
    } catch let error as ChisoError {
      throw error
    } catch {
      throw .query(Diagnostic("internal", "internal error: \(error)"))
    }
  }

  /// Runs a query and returns its result.
  public func run(_ source: SourceFile) throws(ChisoError) -> Table {
    let plan = try plan(source)
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
