import ChisoCore
import ChisoEngine
import ChisoPlan
import ChisoSQL

/// What a SQL engine's client does for the backend: send one statement and stream its rows
/// back, decoded into chiso's types.
protocol SQLRunner: AnyObject, Sendable {
  var dialect: SQLDialect { get }
  /// Whether a catalog table can be read by the engine itself (else chiso reads it and sends
  /// its rows).
  func hasTable(_ name: String) -> Bool
  /// Runs a query; the statements that must come first (views over the data files) for the
  /// tables it reads.
  func fetch(_ query: SQLQuery, tables: [String]) throws -> Table
}

/// A failure of an engine or its client, shown as a query error.
public struct EngineError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public var hints: [String]

  public init(_ message: String, hints: [String] = []) {
    self.message = message
    self.hints = hints
  }

  public var description: String { message }
}
