import ChisoEngine

/// One argument of a call as a template sees it: its SQL text, its chiso type, and its value when
/// it is a constant (a `math.round` digit count, a `date.to_text` format).
public struct SQLArgument: Sendable {
  public var sql: String
  public var type: DataType
  public var constant: Value?

  public init(sql: String, type: DataType, constant: Value? = nil) {
    self.sql = sql
    self.type = type
    self.constant = constant
  }
}

/// A call being written: the dialect, its arguments, and the result type the plan expects.
public struct SQLCall: Sendable {
  public var dialect: SQLDialect
  public var args: [SQLArgument]
  public var resultType: DataType

  public init(dialect: SQLDialect, args: [SQLArgument], resultType: DataType) {
    self.dialect = dialect
    self.args = args
    self.resultType = resultType
  }

  public subscript(_ i: Int) -> String { args[i].sql }
  public func type(_ i: Int) -> DataType { args[i].type }

  /// The argument as a DOUBLE (ints widened as chiso widens them).
  public func double(_ i: Int) -> String {
    args[i].type == .float ? args[i].sql : "CAST(\(args[i].sql) AS \(dialect.typeName(.float)))"
  }

  /// The argument with a byte-order collation where the engine would otherwise use a locale's
  /// (PostgreSQL): chiso compares text by its UTF-8 bytes, as DuckDB and Spark do.
  public func bytewise(_ i: Int) -> String {
    dialect == .postgres && args[i].type == .text ? "(\(args[i].sql) COLLATE \"C\")" : args[i].sql
  }
}

/// Why part of a plan cannot be written in a dialect; that part then runs on chiso's engine.
public struct SQLUnsupported: Error, Sendable, CustomStringConvertible {
  public var reason: String
  public init(_ reason: String) { self.reason = reason }
  public var description: String { reason }
}

/// How a function is written in one dialect: a template, or the reason it runs on chiso's
/// engine only (its input is then computed by the engine and fetched).
public enum SQLFunctionEntry: Sendable {
  /// A template; it throws `SQLUnsupported` for argument types or values it cannot write.
  case sql(@Sendable (SQLCall) throws -> String)
  case localOnly(String)
}

/// Per-dialect entries of one function.
public typealias SQLDialectEntries = [SQLDialect: SQLFunctionEntry]

/// The same template in every dialect (it may still look at `call.dialect`).
func everywhere(_ f: @escaping @Sendable (SQLCall) throws -> String) -> SQLDialectEntries {
  Dictionary(uniqueKeysWithValues: SQLDialect.allCases.map { ($0, SQLFunctionEntry.sql(f)) })
}

/// A plain call `NAME(args…)` in every dialect.
func named(_ name: String) -> SQLDialectEntries {
  everywhere { call in "\(name)(" + call.args.map(\.sql).joined(separator: ", ") + ")" }
}

/// The SQL templates of every scalar function, by registry id (`std.add`, `math.round`), as
/// prqlc's `std.sql` keeps one per function and dialect. `TemplateCoverageTests` checks that
/// every function in `FunctionRegistry.scalars` has an entry for every dialect.
public enum SQLTemplates {
  public static let scalars: [String: SQLDialectEntries] = {
    var all: [String: SQLDialectEntries] = [:]
    for family in [operators, math, text, dates, casts] {
      all.merge(family) { a, _ in a }
    }
    return all
  }()

  /// The entry for a function id in a dialect; nil when there is none (a defect the coverage
  /// test catches).
  public static func scalar(_ id: String, _ dialect: SQLDialect) -> SQLFunctionEntry? {
    scalars[id]?[dialect]
  }
}
