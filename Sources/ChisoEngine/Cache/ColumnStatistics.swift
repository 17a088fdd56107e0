/// What is known about one column without reading its rows: kept in the columnar cache beside
/// the values, so a scan whose predicate cannot match (`year == 1990` on a column whose minimum
/// is 2006) skips the read, and the REPL can answer questions about a table it has not loaded.
public struct ColumnStatistics: Sendable, Equatable {
  public var type: DataType
  public var rowCount: Int
  public var nullCount: Int
  /// The smallest and largest non-null value in the order comparisons use (numbers by value,
  /// text by UTF-8 bytes, `false` < `true`); nil when there is no non-null value, or for a float
  /// column holding NaN (which compares equal to everything, so no range excludes it).
  public var min: Value?
  public var max: Value?
  /// About how many distinct non-null values the column holds: exact for text (its dictionary)
  /// and for small integer ranges, a HyperLogLog estimate (±2%) otherwise.
  public var distinctEstimate: Int

  public init(type: DataType, rowCount: Int, nullCount: Int, min: Value?, max: Value?, distinctEstimate: Int) {
    self.type = type
    self.rowCount = rowCount
    self.nullCount = nullCount
    self.min = min
    self.max = max
    self.distinctEstimate = distinctEstimate
  }

  /// The statistics of a column, in one pass over its values.
  public static func of(_ column: Column) -> ColumnStatistics {
    let n = column.count
    let nulls = column.nullCount
    let validity = column.validity
    @inline(__always) func valid(_ i: Int) -> Bool { validity?.isValid(i) ?? true }
    switch column.storage {
    case .null(let count):
      return ColumnStatistics(type: .null, rowCount: count, nullCount: count, min: nil, max: nil, distinctEstimate: 0)
    case .bool(let values):
      var sawFalse = false
      var sawTrue = false
      for i in 0..<n where valid(i) { if values[i] { sawTrue = true } else { sawFalse = true } }
      let lo: Value? = sawFalse ? .bool(false) : (sawTrue ? .bool(true) : nil)
      let hi: Value? = sawTrue ? .bool(true) : (sawFalse ? .bool(false) : nil)
      return ColumnStatistics(
        type: .bool, rowCount: n, nullCount: nulls, min: lo, max: hi, distinctEstimate: (sawFalse ? 1 : 0) + (sawTrue ? 1 : 0))
    case .int(let values):
      let (lo, hi, distinct) = integers(values, validity)
      return ColumnStatistics(type: .int, rowCount: n, nullCount: nulls, min: lo.map(Value.int), max: hi.map(Value.int), distinctEstimate: distinct)
    case .timestamp(let values):
      let (lo, hi, distinct) = integers(values, validity)
      return ColumnStatistics(
        type: .timestamp, rowCount: n, nullCount: nulls, min: lo.map(Value.timestamp), max: hi.map(Value.timestamp),
        distinctEstimate: distinct)
    case .date(let values):
      let (lo, hi, distinct) = integers(values.map(Int64.init), validity)
      return ColumnStatistics(
        type: .date, rowCount: n, nullCount: nulls, min: lo.map { .date(Int32($0)) }, max: hi.map { .date(Int32($0)) },
        distinctEstimate: distinct)
    case .float(let values):
      var lo = Double.infinity
      var hi = -Double.infinity
      var sawNaN = false
      var any = false
      var sketch = HyperLogLog()
      values.withUnsafeBufferPointer { v in
        for i in 0..<n where valid(i) {
          let x = v[i]
          if x.isNaN { sawNaN = true; continue }
          any = true
          if x < lo { lo = x }
          if x > hi { hi = x }
          sketch.add(x == 0 ? 0 : x.bitPattern)
        }
      }
      let ranged = any && !sawNaN
      return ColumnStatistics(
        type: .float, rowCount: n, nullCount: nulls, min: ranged ? .float(lo) : nil, max: ranged ? .float(hi) : nil,
        distinctEstimate: sketch.estimate + (sawNaN ? 1 : 0))
    case .text(let buffer):
      // Only the entries some non-null row uses count (a dictionary may hold more).
      var used = [Bool](repeating: false, count: buffer.dictionary.count)
      buffer.codes.withUnsafeBufferPointer { codes in
        for i in 0..<n where valid(i) && Int(codes[i]) < used.count { used[Int(codes[i])] = true }
      }
      var lo: String? = nil
      var hi: String? = nil
      var distinct = 0
      for (code, text) in buffer.dictionary.enumerated() where used[code] {
        distinct += 1
        if lo.map({ text.utf8.lexicographicallyPrecedes($0.utf8) }) ?? true { lo = text }
        if hi.map({ $0.utf8.lexicographicallyPrecedes(text.utf8) }) ?? true { hi = text }
      }
      return ColumnStatistics(type: .text, rowCount: n, nullCount: nulls, min: lo.map(Value.text), max: hi.map(Value.text), distinctEstimate: distinct)
    }
  }

  /// Minimum, maximum and distinct count of integers: exact when the range is small, else a
  /// HyperLogLog estimate.
  static func integers(_ values: [Int64], _ validity: NullBitmap?) -> (Int64?, Int64?, Int) {
    var lo = Int64.max
    var hi = Int64.min
    var any = false
    values.withUnsafeBufferPointer { v in
      if validity == nil {
        for x in v {
          if x < lo { lo = x }
          if x > hi { hi = x }
        }
        any = !v.isEmpty
      } else if let validity {
        for i in 0..<v.count where validity.isValid(i) {
          any = true
          if v[i] < lo { lo = v[i] }
          if v[i] > hi { hi = v[i] }
        }
      }
    }
    guard any else { return (nil, nil, 0) }
    let (span, overflow) = hi.subtractingReportingOverflow(lo)
    if !overflow, span < 1 << 20 {
      var seen = [Bool](repeating: false, count: Int(span) + 1)
      var distinct = 0
      values.withUnsafeBufferPointer { v in
        for i in 0..<v.count where validity?.isValid(i) ?? true {
          let k = Int(v[i] &- lo)
          if !seen[k] { seen[k] = true; distinct += 1 }
        }
      }
      return (lo, hi, distinct)
    }
    var sketch = HyperLogLog()
    for i in 0..<values.count where validity?.isValid(i) ?? true { sketch.add(UInt64(bitPattern: values[i])) }
    return (lo, hi, sketch.estimate)
  }
}

/// A HyperLogLog sketch with 2^12 registers (standard error about 1.6%).
struct HyperLogLog {
  static let bits = 12
  var registers = [UInt8](repeating: 0, count: 1 << HyperLogLog.bits)

  @inline(__always)
  mutating func add(_ value: UInt64) {
    // SplitMix64's finaliser spreads nearby integers over the whole hash.
    var z = value &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    let index = Int(z >> UInt64(64 - HyperLogLog.bits))
    let rank = UInt8(Swift.min((z << UInt64(HyperLogLog.bits)).leadingZeroBitCount + 1, 64 - HyperLogLog.bits + 1))
    if rank > registers[index] { registers[index] = rank }
  }

  var estimate: Int {
    let m = Double(registers.count)
    var sum = 0.0
    var zeros = 0
    for r in registers {
      sum += 1.0 / Double(UInt64(1) << UInt64(r))
      if r == 0 { zeros += 1 }
    }
    let alpha = 0.7213 / (1 + 1.079 / m)
    let raw = alpha * m * m / sum
    // Small ranges: linear counting is exact enough and unbiased.
    if raw <= 2.5 * m, zeros > 0 { return Int((m * Self.log(m / Double(zeros))).rounded()) }
    return Int(raw.rounded())
  }

  /// Natural logarithm without Foundation (the engine does not import it).
  static func log(_ x: Double) -> Double {
    // log(x) = 2 atanh((x-1)/(x+1)), after scaling x into [1, 2) by powers of two.
    var exponent = 0
    var y = x
    while y >= 2 { y /= 2; exponent += 1 }
    while y < 1 { y *= 2; exponent -= 1 }
    let t = (y - 1) / (y + 1)
    var term = t
    var sum = 0.0
    var k = 1.0
    while k < 60 {
      sum += term / k
      term *= t * t
      k += 2
    }
    return 2 * sum + Double(exponent) * 0.693_147_180_559_945_3
  }
}
