import ChisoEngine

/// A scalar function resolved for concrete argument types: the result type and the kernel.
public struct ScalarBinding: Sendable {
  public var name: String
  public var resultType: DataType
  /// Computes the result column from argument columns (constants arrive as constant columns)
  /// and the row count.
  public var kernel: @Sendable ([Column], Int) throws(ExecutionError) -> Column

  public init(
    name: String, resultType: DataType,
    kernel: @escaping @Sendable ([Column], Int) throws(ExecutionError) -> Column
  ) {
    self.name = name
    self.resultType = resultType
    self.kernel = kernel
  }
}

/// Everything chiso knows about one scalar function, in one place: adding a function is one
/// entry in a family list (`FunctionRegistry+Math.swift`, …) and one test case.
public struct ScalarFunction: Sendable {
  /// The PRQL std path, e.g. `text.lower`; operators use `std.add`, `std.eq`, ….
  public var name: String
  public var aliases: [String]
  /// Parameter names in PRQL order (the piped column last).
  public var parameters: [String]
  public var summary: String
  /// A query on the bundled data that uses the function (run by the registry test).
  public var example: String
  /// False when the result is never null for non-null arguments (arithmetic, comparisons);
  /// true for functions that make nulls (division by zero, failed casts).
  public var mayReturnNull: Bool
  /// Picks the kernel for argument types; nil when the types do not fit.
  public var bind: @Sendable ([DataType]) -> ScalarBinding?

  public init(
    _ name: String, aliases: [String] = [], parameters: [String], summary: String, example: String,
    mayReturnNull: Bool = true, bind: @escaping @Sendable ([DataType]) -> ScalarBinding?
  ) {
    self.name = name
    self.aliases = aliases
    self.parameters = parameters
    self.summary = summary
    self.example = example
    self.mayReturnNull = mayReturnNull
    self.bind = bind
  }

  /// Where docs/language.md describes it.
  public var docAnchor: String { "docs/language.md#functions" }

  /// `text.lower column`, for messages.
  public var signature: String { ([name] + parameters).joined(separator: " ") }
}

/// The single list of scalar functions, and the lists of aggregate and window functions.
public enum FunctionRegistry {
  public static let scalars: [ScalarFunction] =
    operators + nullTests + mathFunctions + textFunctions + dateFunctions + castFunctions

  /// Scalar functions by name and alias.
  public static let byName: [String: ScalarFunction] = {
    var table: [String: ScalarFunction] = [:]
    for function in scalars {
      table[function.name] = function
      for alias in function.aliases { table[alias] = function }
    }
    return table
  }()

  /// The kernel for a bound function (what a plan's `FunctionRef` names).
  public static func binding(for ref: FunctionRef) -> ScalarBinding? {
    byName[ref.id]?.bind(ref.argumentTypes)
  }

  /// `x == null` and `x != null` (PRQL compiles them to IS NULL / IS NOT NULL).
  static let nullTests: [ScalarFunction] = [true, false].map { negate in
    ScalarFunction(
      negate ? "std.is_not_null" : "std.is_null", parameters: ["column"],
      summary: negate ? "`x != null`: whether x has a value." : "`x == null`: whether x is null.",
      example: negate ? "from pci | filter score != null" : "from pci | filter score == null", mayReturnNull: false
    ) { types in
      guard types.count == 1 else { return nil }
      return ScalarBinding(name: negate ? "is not null" : "is null", resultType: .bool) { cols, n in
        var out = [Bool](repeating: false, count: n)
        for i in 0..<n { out[i] = cols[0].isNull(i) != negate }
        return Column(.bool(out))
      }
    }
  }

  /// Aggregate functions by name and alias.
  public static let aggregatesByName: [String: AggregateFunction] = {
    var table: [String: AggregateFunction] = [:]
    for function in aggregateFunctions {
      table[function.name] = function
      for alias in function.aliases { table[alias] = function }
    }
    return table
  }()

  /// Window functions by name.
  public static let windowsByName: [String: WindowFunctionSpec] = Dictionary(
    uniqueKeysWithValues: windowFunctions.map { ($0.name, $0) })

  /// Every name a user may call, for "did you mean".
  public static var allNames: [String] {
    Array(byName.keys) + Array(aggregatesByName.keys) + Array(windowsByName.keys)
  }
}
