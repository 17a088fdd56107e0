import ChisoEngine

extension FunctionRegistry {
  /// Type names `as` accepts, PRQL's and SQL's.
  public static let castTypes: [String: DataType] = [
    "int": .int, "integer": .int, "int64": .int, "bigint": .int, "INTEGER": .int, "INT": .int, "BIGINT": .int,
    "float": .float, "double": .float, "real": .float, "REAL": .float, "DOUBLE": .float, "FLOAT": .float,
    "decimal": .float, "DECIMAL": .float, "numeric": .float,
    "text": .text, "string": .text, "varchar": .text, "TEXT": .text, "VARCHAR": .text,
    "bool": .bool, "boolean": .bool, "BOOLEAN": .bool,
    "date": .date, "DATE": .date, "timestamp": .timestamp, "TIMESTAMP": .timestamp,
  ]

  static let castFunctions: [ScalarFunction] = DataType.allCases.filter { $0 != .null }.map { target in
    ScalarFunction(
      "std.as_\(target.rawValue)", parameters: ["column"],
      summary: "`x | as \(target.rawValue)`: converts to \(target.rawValue); text that does not parse is an error.",
      example: "from pci | derive y = (year | as \(target == .date || target == .timestamp ? "text" : target.rawValue))"
    ) { types in
      guard types.count == 1 else { return nil }
      return ScalarBinding(name: "as \(target.rawValue)", resultType: target) { cols, n throws(ExecutionError) in
        try Cast.convert(cols[0], to: target, n)
      }
    }
  }
}

/// Conversions between types, as DuckDB's CAST: float → int rounds half away from zero, text
/// parses (and fails loudly), anything → text formats.
enum Cast {
  static func convert(_ c: Column, to target: DataType, _ n: Int) throws(ExecutionError) -> Column {
    if c.type == target { return c }
    if let widened = c.widened(to: target) { return widened }
    var values = [Value](repeating: .null, count: n)
    for i in 0..<n {
      let v = c.value(at: i)
      if v.isNull { continue }
      values[i] = try convert(v, to: target)
    }
    return Column.from(values, type: target)
  }

  static func convert(_ v: Value, to target: DataType) throws(ExecutionError) -> Value {
    switch (v, target) {
    case (_, .text): return .text(v.description)
    case (.float(let d), .int):
      return .int(try CheckedArithmetic.int(d))
    case (.bool(let b), .int): return .int(b ? 1 : 0)
    case (.int(let i), .bool): return .bool(i != 0)
    case (.timestamp(let t), .date): return .date(CivilDate.split(t).day)
    case (.text(let s), _):
      let trimmed = s.trimmingSpaces
      switch target {
      case .int: if let i = Int64(trimmed) { return .int(i) }
      case .float: if let d = Double(trimmed) { return .float(d) }
      case .bool:
        switch trimmed.lowercased() {
        case "true", "t", "1", "yes": return .bool(true)
        case "false", "f", "0", "no": return .bool(false)
        default: break
        }
      case .date: if let d = CivilDate.parseDate(trimmed) { return .date(d) }
      case .timestamp:
        if let t = CivilDate.parseTimestamp(trimmed) { return .timestamp(t) }
        if let d = CivilDate.parseDate(trimmed) { return .timestamp(Int64(d) * CivilDate.microsPerDay) }
      default: break
      }
      throw ExecutionError("could not convert \(Quote.text(s)) to \(target)")
    default:
      throw ExecutionError("cannot convert \(v.type) to \(target)")
    }
  }
}

extension String {
  public var trimmingSpaces: String {
    var t = Substring(self)
    while let f = t.first, f.isWhitespace { t.removeFirst() }
    while let l = t.last, l.isWhitespace { t.removeLast() }
    return String(t)
  }
}
