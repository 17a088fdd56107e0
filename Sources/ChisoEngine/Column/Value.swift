/// One value, boxed. Used for literals, inline relations and rendering — never on a kernel's
/// hot path, where columns stay typed arrays.
public enum Value: Sendable, Hashable, CustomStringConvertible {
  case null
  case bool(Bool)
  case int(Int64)
  case float(Double)
  case text(String)
  /// Days since 1970-01-01.
  case date(Int32)
  /// Microseconds since 1970-01-01T00:00:00 (no time zone).
  case timestamp(Int64)

  public var type: DataType {
    switch self {
    case .null: return .null
    case .bool: return .bool
    case .int: return .int
    case .float: return .float
    case .text: return .text
    case .date: return .date
    case .timestamp: return .timestamp
    }
  }

  public var isNull: Bool { if case .null = self { return true } else { return false } }

  public var asDouble: Double? {
    switch self {
    case .int(let v): return Double(v)
    case .float(let v): return v
    default: return nil
    }
  }

  public var description: String {
    switch self {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .float(let d): return FloatFormat.shortest(d)
    case .text(let s): return s
    case .date(let d): return CivilDate.formatDate(d)
    case .timestamp(let t): return CivilDate.formatTimestamp(t)
    }
  }
}

/// How chiso prints a Double: the shortest text that reads back as the same number, with `.0`
/// for whole values (as DuckDB prints DOUBLE), `inf`/`-inf`/`nan` for the rest.
public enum FloatFormat {
  public static func shortest(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    if value == value.rounded(), abs(value) < 1e16 {
      return String(Int64(value)) + ".0"
    }
    // `description` directly: the same text as interpolation without building an interpolation
    // buffer (a third of the cost of writing a float column as CSV).
    return value.description
  }
}
