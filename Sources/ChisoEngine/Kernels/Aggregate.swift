/// Aggregate functions, computed over groups of rows.
///
/// Results follow what PRQL compiles to on DuckDB: `sum` of no values is 0
/// (`COALESCE(SUM(x), 0)`), `concat_array` of none is '', `all` of none is true and `any` false;
/// `average`, `min`, `max`, `stddev`, `median` of none are null. Nulls are skipped.
public enum AggregateKind: String, Sendable, CaseIterable {
  case sum, count, countAll, countDistinct, average, min, max, stddev, median, concat, all, any
  case first, last

  /// The result type for an argument type; nil when the combination is not allowed.
  public func resultType(_ input: DataType) -> DataType? {
    switch self {
    case .count, .countAll, .countDistinct: return .int
    case .sum: return input == .int || input == .bool || input == .null ? .int : (input == .float ? .float : nil)
    case .average, .stddev, .median: return input.isNumeric || input == .null ? .float : nil
    case .min, .max, .first, .last: return input
    case .concat: return input == .text || input == .null ? .text : nil
    case .all, .any: return input == .bool || input == .null ? .bool : nil
    }
  }
}

/// Rows bucketed by group: group `g` owns `rows[offsets[g]..<offsets[g+1]]`, in input order.
public struct GroupedRows: Sendable {
  public var offsets: [Int]
  public var rows: [Int]

  public init(ids: [Int32], groupCount: Int) {
    var counts = [Int](repeating: 0, count: groupCount + 1)
    for id in ids { counts[Int(id) + 1] += 1 }
    for g in 0..<groupCount { counts[g + 1] += counts[g] }
    offsets = counts
    var cursor = counts
    rows = [Int](repeating: 0, count: ids.count)
    for (row, id) in ids.enumerated() {
      rows[cursor[Int(id)]] = row
      cursor[Int(id)] += 1
    }
  }

  public init(offsets: [Int], rows: [Int]) {
    self.offsets = offsets
    self.rows = rows
  }

  public var groupCount: Int { offsets.count - 1 }

  public func rows(of group: Int) -> ArraySlice<Int> { rows[offsets[group]..<offsets[group + 1]] }
}

public enum Aggregator {
  /// Aggregates `column` (nil for `countAll`) per group.
  public static func aggregate(_ kind: AggregateKind, _ column: Column?, groups: GroupedRows) throws(ExecutionError) -> Column {
    var out: [Value] = []
    out.reserveCapacity(groups.groupCount)
    let inputType = column?.type ?? .int
    guard let type = kind.resultType(inputType) else {
      throw ExecutionError("`\(kind.rawValue)` cannot take a \(inputType) column")
    }
    // Fast typed paths for the common numeric kernels.
    if let column, let fast = try fastPath(kind, column, groups) { return fast }
    for g in 0..<groups.groupCount {
      out.append(try reduce(kind, column, groups.rows(of: g)))
    }
    return Column.from(out, type: type)
  }

  private static func fastPath(_ kind: AggregateKind, _ column: Column, _ groups: GroupedRows) throws(ExecutionError) -> Column? {
    let n = groups.groupCount
    switch (kind, column.storage) {
    case (.sum, .int(let a)):
      var sums = [Int64](repeating: 0, count: n)
      for g in 0..<n {
        var s: Int64 = 0
        for row in groups.rows(of: g) where !column.isNull(row) {
          let (r, overflow) = s.addingReportingOverflow(a[row])
          if overflow { throw ExecutionError("integer overflow in `sum`") }
          s = r
        }
        sums[g] = s
      }
      return Column(.int(sums))
    case (.sum, .float(let a)):
      var sums = [Double](repeating: 0, count: n)
      for g in 0..<n {
        var s = 0.0
        for row in groups.rows(of: g) where !column.isNull(row) { s += a[row] }
        sums[g] = s
      }
      return Column(.float(sums))
    case (.average, .float), (.average, .int):
      var means = [Double](repeating: 0, count: n)
      var valid = NullBitmap(count: n, allValid: true)
      let values = doubles(column)
      for g in 0..<n {
        var s = 0.0
        var c = 0
        for row in groups.rows(of: g) where !column.isNull(row) { s += values[row]; c += 1 }
        if c == 0 { valid.set(g, false) } else { means[g] = s / Double(c) }
      }
      return Column(.float(means), validity: valid)
    case (.count, _):
      var counts = [Int64](repeating: 0, count: n)
      for g in 0..<n {
        var c: Int64 = 0
        for row in groups.rows(of: g) where !column.isNull(row) { c += 1 }
        counts[g] = c
      }
      return Column(.int(counts))
    default:
      return nil
    }
  }

  /// Aggregates `column` (nil for `countAll`) per group given each row's group id, in one
  /// sequential pass over the rows (no per-group row lists); nil when the kind and type have no
  /// such kernel (then use `aggregate(_:_:groups:)`). Values are accumulated in row order within
  /// each group, so results equal the row-list kernels' to the bit.
  public static func aggregate(
    _ kind: AggregateKind, _ column: Column?, ids: [Int32], groupCount n: Int
  ) throws(ExecutionError) -> Column? {
    let rowCount = ids.count
    guard let column else {
      guard kind == .countAll else { return nil }
      var counts = [Int64](repeating: 0, count: n)
      ids.withUnsafeBufferPointer { ids in for g in ids { counts[Int(g)] += 1 } }
      return Column(.int(counts))
    }
    let validity = column.validity
    if case .null = column.storage { return nil }
    switch kind {
    case .countAll:
      var counts = [Int64](repeating: 0, count: n)
      ids.withUnsafeBufferPointer { ids in for g in ids { counts[Int(g)] += 1 } }
      return Column(.int(counts))
    case .count:
      var counts = [Int64](repeating: 0, count: n)
      if let validity {
        for i in 0..<rowCount where validity.isValid(i) { counts[Int(ids[i])] += 1 }
      } else {
        ids.withUnsafeBufferPointer { ids in for g in ids { counts[Int(g)] += 1 } }
      }
      return Column(.int(counts))
    case .sum:
      switch column.storage {
      case .int(let a):
        var sums = [Int64](repeating: 0, count: n)
        var overflow = false
        for i in 0..<rowCount where validity?.isValid(i) ?? true {
          let g = Int(ids[i])
          let (r, o) = sums[g].addingReportingOverflow(a[i])
          overflow = overflow || o
          sums[g] = r
        }
        if overflow { throw ExecutionError("integer overflow in `sum`") }
        return Column(.int(sums))
      case .float(let a):
        var sums = [Double](repeating: 0, count: n)
        if let validity {
          for i in 0..<rowCount where validity.isValid(i) { sums[Int(ids[i])] += a[i] }
        } else {
          sums.withUnsafeMutableBufferPointer { sums in
            a.withUnsafeBufferPointer { a in
              ids.withUnsafeBufferPointer { ids in for i in 0..<rowCount { sums[Int(ids[i])] += a[i] } }
            }
          }
        }
        return Column(.float(sums))
      default: return nil
      }
    case .average, .stddev:
      let values: [Double]
      switch column.storage {
      case .int(let a): values = a.map(Double.init)
      case .float(let a): values = a
      default: return nil
      }
      var sums = [Double](repeating: 0, count: n)
      var counts = [Int](repeating: 0, count: n)
      values.withUnsafeBufferPointer { v in
        ids.withUnsafeBufferPointer { ids in
          sums.withUnsafeMutableBufferPointer { sums in
            counts.withUnsafeMutableBufferPointer { counts in
              if let validity {
                for i in 0..<rowCount where validity.isValid(i) {
                  let g = Int(ids[i])
                  sums[g] += v[i]
                  counts[g] += 1
                }
              } else {
                for i in 0..<rowCount {
                  let g = Int(ids[i])
                  sums[g] += v[i]
                  counts[g] += 1
                }
              }
            }
          }
        }
      }
      if kind == .average { return GroupMoments.averages(sums, counts) }
      // Sample standard deviation, two passes as `reduce` does it: the mean, then the squares.
      var means = GroupMoments.means(sums, counts)
      // The corrected two-pass mean: adding the deviations' mean makes the mean of equal values
      // exactly that value, so their standard deviation is exactly 0 (it was 7.8e-15 for a
      // group of equal prices), as DuckDB's is.
      var corrections = [Double](repeating: 0, count: n)
      values.withUnsafeBufferPointer { v in
        ids.withUnsafeBufferPointer { ids in
          corrections.withUnsafeMutableBufferPointer { corrections in
            means.withUnsafeBufferPointer { means in
              if let validity {
                for i in 0..<rowCount where validity.isValid(i) {
                  let g = Int(ids[i])
                  corrections[g] += v[i] - means[g]
                }
              } else {
                for i in 0..<rowCount {
                  let g = Int(ids[i])
                  corrections[g] += v[i] - means[g]
                }
              }
            }
          }
        }
      }
      GroupMoments.correct(&means, corrections, counts)
      var squares = [Double](repeating: 0, count: n)
      values.withUnsafeBufferPointer { v in
        ids.withUnsafeBufferPointer { ids in
          squares.withUnsafeMutableBufferPointer { squares in
            means.withUnsafeBufferPointer { means in
              if let validity {
                for i in 0..<rowCount where validity.isValid(i) {
                  let g = Int(ids[i])
                  let d = v[i] - means[g]
                  squares[g] += d * d
                }
              } else {
                for i in 0..<rowCount {
                  let g = Int(ids[i])
                  let d = v[i] - means[g]
                  squares[g] += d * d
                }
              }
            }
          }
        }
      }
      return GroupMoments.standardDeviations(squares, counts)
    case .min, .max:
      let isMax = kind == .max
      @inline(__always) func pick<T>(_ a: [T], _ zero: T, _ better: (T, T) -> Bool, _ make: ([T], NullBitmap) -> Column) -> Column {
        var best = [T?](repeating: nil, count: n)
        for i in 0..<rowCount where validity?.isValid(i) ?? true {
          let g = Int(ids[i])
          if let b = best[g] { if better(a[i], b) { best[g] = a[i] } } else { best[g] = a[i] }
        }
        var valid = NullBitmap(count: n, allValid: true)
        var values: [T] = []
        values.reserveCapacity(n)
        for g in 0..<n {
          if let b = best[g] { values.append(b) } else { values.append(zero); valid.set(g, false) }
        }
        return make(values, valid)
      }
      switch column.storage {
      case .int(let a):
        return pick(a, 0, { isMax ? $0 > $1 : $0 < $1 }) { Column(.int($0), validity: $1) }
      case .timestamp(let a):
        return pick(a, 0, { isMax ? $0 > $1 : $0 < $1 }) { Column(.timestamp($0), validity: $1) }
      case .date(let a):
        return pick(a, 0, { isMax ? $0 > $1 : $0 < $1 }) { Column(.date($0), validity: $1) }
      case .float(let a):
        // NaN orders after every number (as in `RowOrder`): it is the max, and the min only
        // when there is nothing else.
        return pick(a, 0, { x, y in
          if x.isNaN || y.isNaN { return isMax ? (x.isNaN && !y.isNaN) : (!x.isNaN && y.isNaN) }
          return isMax ? x > y : x < y
        }) { Column(.float($0), validity: $1) }
      default: return nil
      }
    default:
      return nil
    }
  }

  static func doubles(_ column: Column) -> [Double] {
    switch column.storage {
    case .int(let a): return a.map(Double.init)
    case .float(let a): return a
    default: return [Double](repeating: 0, count: column.count)
    }
  }

  /// Aggregates the given rows of `column` into one value.
  public static func reduce(_ kind: AggregateKind, _ column: Column?, _ rows: ArraySlice<Int>) throws(ExecutionError) -> Value {
    guard let column else {
      return .int(Int64(rows.count))  // countAll
    }
    switch kind {
    case .countAll: return .int(Int64(rows.count))
    case .count:
      return .int(Int64(rows.reduce(0) { $0 + (column.isNull($1) ? 0 : 1) }))
    case .countDistinct:
      // Text by its bytes (`ExactText`), as `==` compares it; other values as `Value`s.
      if case .text(let t) = column.storage {
        var seenText = Set<ExactText>()
        for row in rows where !column.isNull(row) { seenText.insert(ExactText(t[row])) }
        return .int(Int64(seenText.count))
      }
      // Floats by `FloatOrder.key`: every NaN is one value, as `group` and DuckDB see it
      // (`Value`'s own equality is IEEE's, under which no two NaNs are equal).
      if case .float(let a) = column.storage {
        var seenFloats = Set<UInt64>()
        for row in rows where !column.isNull(row) { seenFloats.insert(FloatOrder.key(a[row])) }
        return .int(Int64(seenFloats.count))
      }
      var seen = Set<Value>()
      for row in rows where !column.isNull(row) { seen.insert(column.value(at: row)) }
      return .int(Int64(seen.count))
    case .sum:
      switch column.storage {
      case .int(let a):
        var s: Int64 = 0
        for row in rows where !column.isNull(row) {
          let (r, overflow) = s.addingReportingOverflow(a[row])
          if overflow { throw ExecutionError("integer overflow in `sum`") }
          s = r
        }
        return .int(s)
      case .float(let a):
        var s = 0.0
        for row in rows where !column.isNull(row) { s += a[row] }
        return .float(s)
      case .bool(let a):
        return .int(Int64(rows.reduce(0) { $0 + (!column.isNull($1) && a[$1] ? 1 : 0) }))
      default: return .int(0)
      }
    case .average:
      var s = 0.0
      var c = 0
      for row in rows { if let d = column.value(at: row).asDouble { s += d; c += 1 } }
      return c == 0 ? .null : .float(s / Double(c))
    case .stddev:
      var values: [Double] = []
      for row in rows { if let d = column.value(at: row).asDouble { values.append(d) } }
      guard values.count > 1 else { return .null }
      var mean = values.reduce(0, +) / Double(values.count)
      // Corrected two-pass mean (as the grouped kernel): equal values have a deviation of exactly 0.
      mean += values.reduce(0) { $0 + ($1 - mean) } / Double(values.count)
      let ss = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
      return .float((ss / Double(values.count - 1)).squareRoot())
    case .median:
      var values: [Double] = []
      for row in rows { if let d = column.value(at: row).asDouble { values.append(d) } }
      guard !values.isEmpty else { return .null }
      values.sort { FloatOrder.compare($0, $1) < 0 }  // NaN last, as DuckDB
      let mid = values.count / 2
      return .float(values.count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2)
    case .min, .max:
      let order = RowOrder([SortColumn(column, descending: kind == .max)])
      var best: Int? = nil
      for row in rows where !column.isNull(row) {
        if let b = best { if order.compare(row, b) < 0 { best = row } } else { best = row }
      }
      return best.map { column.value(at: $0) } ?? .null
    case .first:
      return rows.first.map { column.value(at: $0) } ?? .null
    case .last:
      return rows.last.map { column.value(at: $0) } ?? .null
    case .concat:
      var text = ""
      for row in rows { if case .text(let s) = column.value(at: row) { text += s } }
      return .text(text)
    case .all:
      for row in rows { if case .bool(false) = column.value(at: row) { return .bool(false) } }
      return .bool(true)
    case .any:
      for row in rows { if case .bool(true) = column.value(at: row) { return .bool(true) } }
      return .bool(false)
    }
  }
}

/// A failure while computing, without a source location (the executor adds one).
public struct ExecutionError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public var hints: [String]

  public init(_ message: String, hints: [String] = []) {
    self.message = message
    self.hints = hints
  }

  public var description: String { message }
}

/// The finishing arithmetic of grouped `average` and `stddev` from per-group sums, counts and
/// squared deviations — one place for the one-pass kernel and the parallel one
/// (`ParallelAggregate`), so both turn the same sums into the same bits.
enum GroupMoments {
  /// `sums / counts`, null for an empty group.
  static func averages(_ sums: [Double], _ counts: [Int]) -> Column {
    var out = [Double](repeating: 0, count: sums.count)
    var valid = NullBitmap(count: sums.count, allValid: true)
    for g in sums.indices {
      if counts[g] == 0 { valid.set(g, false) } else { out[g] = sums[g] / Double(counts[g]) }
    }
    return Column(.float(out), validity: valid)
  }

  /// The first-pass means (0 for an empty group).
  static func means(_ sums: [Double], _ counts: [Int]) -> [Double] {
    var means = [Double](repeating: 0, count: sums.count)
    for g in sums.indices where counts[g] > 0 { means[g] = sums[g] / Double(counts[g]) }
    return means
  }

  /// Adds the mean of the deviations from the first-pass means (the corrected two-pass mean).
  static func correct(_ means: inout [Double], _ corrections: [Double], _ counts: [Int]) {
    for g in means.indices where counts[g] > 0 { means[g] += corrections[g] / Double(counts[g]) }
  }

  /// The sample standard deviation from the squared deviations, null below two values.
  static func standardDeviations(_ squares: [Double], _ counts: [Int]) -> Column {
    var out = [Double](repeating: 0, count: squares.count)
    var valid = NullBitmap(count: squares.count, allValid: true)
    for g in squares.indices {
      if counts[g] < 2 { valid.set(g, false) } else { out[g] = (squares[g] / Double(counts[g] - 1)).squareRoot() }
    }
    return Column(.float(out), validity: valid)
  }
}
