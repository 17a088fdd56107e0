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
  /// Picks the kernel for argument types; nil when the types do not fit.
  public var bind: @Sendable ([DataType]) -> ScalarBinding?

  public init(
    _ name: String, aliases: [String] = [], parameters: [String], summary: String, example: String,
    bind: @escaping @Sendable ([DataType]) -> ScalarBinding?
  ) {
    self.name = name
    self.aliases = aliases
    self.parameters = parameters
    self.summary = summary
    self.example = example
    self.bind = bind
  }

  /// `text.lower column`, for messages.
  public var signature: String { ([name] + parameters).joined(separator: " ") }
}

/// What a name in call position means when it is not a scalar function.
public enum SpecialFunction: Sendable {
  case aggregate(AggregateKind)
  case window(WindowFunction)
}

/// The single list of functions.
public enum FunctionRegistry {
  public static let scalars: [ScalarFunction] =
    operators + mathFunctions + textFunctions + dateFunctions + castFunctions

  /// Scalar functions by name and alias.
  public static let byName: [String: ScalarFunction] = {
    var table: [String: ScalarFunction] = [:]
    for function in scalars {
      table[function.name] = function
      for alias in function.aliases { table[alias] = function }
    }
    return table
  }()

  /// Aggregate functions: in `aggregate` they reduce a group; in `derive` they become window
  /// functions over the partition (or the `window` frame).
  public static let aggregates: [String: AggregateKind] = [
    "sum": .sum, "count": .count, "count_distinct": .countDistinct, "average": .average,
    "avg": .average, "mean": .average, "min": .min, "max": .max, "stddev": .stddev, "median": .median,
    "concat_array": .concat, "all": .all, "any": .any,
  ]

  /// Functions that only make sense over ordered rows.
  public static let windowOnly: Set<String> = ["row_number", "rank", "rank_dense", "lag", "lead", "first", "last"]

  /// Every name a user may call, for "did you mean".
  public static var allNames: [String] {
    Array(byName.keys) + Array(aggregates.keys) + Array(windowOnly)
  }

  /// Summaries for `.help` and the docs.
  public static let specialSummaries: [String: String] = [
    "sum": "Sum of the non-null values; 0 for none.",
    "count": "`count this`: rows; `count x`: non-null values of x.",
    "count_distinct": "Number of distinct non-null values.",
    "average": "Mean of the non-null values (alias `avg`).",
    "min": "Smallest non-null value.", "max": "Largest non-null value.",
    "stddev": "Sample standard deviation.", "median": "Median of the non-null values.",
    "concat_array": "The text values joined together.",
    "all": "True when every value is true.", "any": "True when some value is true.",
    "row_number": "1, 2, 3… in the current sort order.",
    "rank": "Competition rank in the current sort order: ties share a rank, the next skips (1, 2, 2, 4).",
    "rank_dense": "Dense rank: ties share a rank, the next does not skip (1, 2, 2, 3).",
    "lag": "`lag n x`: x from n rows before (null at the start).",
    "lead": "`lead n x`: x from n rows after (null at the end).",
    "first": "The first value of the window.", "last": "The last value of the window.",
  ]
}
