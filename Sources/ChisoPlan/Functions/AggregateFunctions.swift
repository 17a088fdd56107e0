import ChisoEngine

/// One aggregate function: in `aggregate` it reduces a group; in `derive` it becomes a window
/// function over the partition (or the `window` frame). The kernel is `Aggregator` (ChisoEngine),
/// chosen by `kind`.
public struct AggregateFunction: Sendable {
  public var name: String
  public var aliases: [String]
  public var kind: AggregateKind
  public var summary: String
  /// A query on the bundled data that uses it.
  public var example: String

  public init(_ name: String, aliases: [String] = [], kind: AggregateKind, summary: String, example: String) {
    self.name = name
    self.aliases = aliases
    self.kind = kind
    self.summary = summary
    self.example = example
  }

  public var signature: String { "\(name) column" }
  public var docAnchor: String { "docs/language.md#aggregate-functions" }
}

extension FunctionRegistry {
  public static let aggregateFunctions: [AggregateFunction] = [
    AggregateFunction(
      "sum", kind: .sum, summary: "Sum of the non-null values; 0 for none.",
      example: "from pci | group {year} (aggregate {total = sum score})"),
    AggregateFunction(
      "count", kind: .count, summary: "`count this`: rows; `count x`: non-null values of x.",
      example: "from pci | group {year} (aggregate {rows = count this})"),
    AggregateFunction(
      "count_distinct", kind: .countDistinct, summary: "Number of distinct non-null values.",
      example: "from pci | group {year} (aggregate {provinces = count_distinct province})"),
    AggregateFunction(
      "average", aliases: ["avg", "mean"], kind: .average, summary: "Mean of the non-null values (aliases `avg`, `mean`).",
      example: "from pci | group {year} (aggregate {mean = average score})"),
    AggregateFunction(
      "min", kind: .min, summary: "Smallest non-null value.", example: "from pci | group {year} (aggregate {low = min score})"),
    AggregateFunction(
      "max", kind: .max, summary: "Largest non-null value.", example: "from pci | group {year} (aggregate {high = max score})"),
    AggregateFunction(
      "stddev", kind: .stddev, summary: "Sample standard deviation.",
      example: "from pci | group {year} (aggregate {spread = stddev score})"),
    AggregateFunction(
      "median", kind: .median, summary: "Median of the non-null values.",
      example: "from pci | group {year} (aggregate {mid = median score})"),
    AggregateFunction(
      "concat_array", kind: .concat, summary: "The text values joined together.",
      example: "from provinces | aggregate {names = concat_array province}"),
    AggregateFunction(
      "all", kind: .all, summary: "True when every value is true.",
      example: "from pci | group {year} (aggregate {all_high = all (score > 1)})"),
    AggregateFunction(
      "any", kind: .any, summary: "True when some value is true.",
      example: "from pci | group {year} (aggregate {some_high = any (score > 70)})"),
  ]
}
