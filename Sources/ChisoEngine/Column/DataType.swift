/// The logical type of a column or expression.
///
/// `null` is the type of a column that holds only nulls (the literal `null`); it unifies with
/// every other type, as SQL's untyped NULL does.
public enum DataType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  case null
  case bool
  case int
  case float
  case text
  case date
  case timestamp

  public var description: String { rawValue }

  /// Whether values of this type are numbers (int or float).
  public var isNumeric: Bool { self == .int || self == .float }

  /// The common type of two types, as `append`, `case` and `??` need it; nil when incompatible.
  public static func unify(_ a: DataType, _ b: DataType) -> DataType? {
    if a == b { return a }
    switch (a, b) {
    case (.null, _): return b
    case (_, .null): return a
    case (.int, .float), (.float, .int): return .float
    case (.date, .timestamp), (.timestamp, .date): return .timestamp
    default: return nil
    }
  }
}
