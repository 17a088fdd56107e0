import ChisoEngine

/// Building blocks for kernels: typed views of columns and element-wise maps that keep null
/// bitmaps right.
public enum ColumnMapping {
  /// Numeric values as Double (ints widened); zeros where null.
  public static func doubles(_ c: Column) -> [Double] {
    switch c.storage {
    case .int(let a): return a.map(Double.init)
    case .float(let a): return a
    case .bool(let a): return a.map { $0 ? 1 : 0 }
    default: return [Double](repeating: 0, count: c.count)
    }
  }

  public static func ints(_ c: Column) -> [Int64] {
    switch c.storage {
    case .int(let a): return a
    case .float(let a): return a.map { Int64(exactly: $0.rounded(.towardZero)) ?? 0 }
    case .date(let a): return a.map(Int64.init)
    case .timestamp(let a): return a
    case .bool(let a): return a.map { $0 ? 1 : 0 }
    default: return [Int64](repeating: 0, count: c.count)
    }
  }

  public static func bools(_ c: Column) -> [Bool] {
    if case .bool(let a) = c.storage { return a }
    return [Bool](repeating: false, count: c.count)
  }

  /// Validity of several columns combined (null if any input is null).
  public static func validity(_ columns: [Column], count: Int) -> NullBitmap? {
    var result: NullBitmap? = nil
    for c in columns {
      if c.type == .null { return NullBitmap(count: count, allValid: false) }
      result = NullBitmap.intersect(result, c.validity)
    }
    return result
  }

  /// Element-wise Double → Double. NaN and infinities are values, as in DuckDB: `math.sqrt` of
  /// a negative is NaN, `math.ln 0` is -inf (docs/language.md, "Numbers").
  public static func mapFloat(_ c: Column, _ f: (Double) -> Double) -> Column {
    let input = doubles(c)
    var out = [Double](repeating: 0, count: input.count)
    for i in 0..<input.count { out[i] = f(input[i]) }
    return Column(.float(out), validity: c.type == .null ? NullBitmap(count: c.count, allValid: false) : c.validity)
  }

  /// Maps each distinct string once (dictionary entries), re-interning the results.
  public static func mapText(_ c: Column, _ f: (String) -> String?) -> Column {
    guard case .text(let t) = c.storage else { return Column(.null(c.count)) }
    var builder = TextBuilder(capacity: t.dictionary.count)
    for s in t.dictionary { builder.append(f(s)) }
    let (mapped, mappedValidity) = builder.finish()
    var validity = c.validity
    let codes = t.codes.map { mapped.codes.isEmpty ? 0 : mapped.codes[Int($0)] }
    if let mappedValidity {
      var v = validity ?? NullBitmap(count: c.count, allValid: true)
      for (i, code) in t.codes.enumerated() where !mappedValidity.isValid(Int(code)) { v.set(i, false) }
      validity = v
    }
    return Column(.text(TextBuffer(codes: codes, dictionary: mapped.dictionary)), validity: validity)
  }

  /// Maps each distinct string once to a value of another type.
  public static func mapTextTo(_ c: Column, type: DataType, _ f: (String) -> Value) -> Column {
    guard case .text(let t) = c.storage else { return Column(.null(c.count)) }
    let perEntry = t.dictionary.map(f)
    var values = [Value](repeating: .null, count: c.count)
    for i in 0..<c.count where !c.isNull(i) { values[i] = perEntry.isEmpty ? .null : perEntry[Int(t.codes[i])] }
    return Column.from(values, type: type)
  }

  /// The string of each row (nil for null).
  public static func strings(_ c: Column) -> [String?] {
    (0..<c.count).map { i in
      if c.isNull(i) { return nil }
      if case .text(let t) = c.storage { return t[i] }
      return c.value(at: i).description
    }
  }
}
