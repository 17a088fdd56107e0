/// One sort key: a column and a direction. Nulls sort last in both directions, as DuckDB's
/// default (`NULLS LAST`) does.
public struct SortColumn: Sendable {
  public var column: Column
  public var descending: Bool

  public init(_ column: Column, descending: Bool = false) {
    self.column = column
    self.descending = descending
  }
}

/// Multi-key row comparison on integer ranks prepared once per key, so the comparator never
/// touches strings.
public struct RowOrder: Sendable {
  /// Per key: a comparable rank per row (text: rank of its dictionary entry by UTF-8 bytes).
  private var ints: [[Int64]] = []
  private var doubles: [[Double]?] = []
  private var nulls: [NullBitmap?] = []
  private var descending: [Bool] = []

  public init(_ keys: [SortColumn]) {
    for key in keys {
      descending.append(key.descending)
      nulls.append(key.column.type == .null ? NullBitmap(count: key.column.count, allValid: false) : key.column.validity)
      switch key.column.storage {
      case .null(let n): ints.append([Int64](repeating: 0, count: n)); doubles.append(nil)
      case .bool(let a): ints.append(a.map { $0 ? 1 : 0 }); doubles.append(nil)
      case .int(let a): ints.append(a); doubles.append(nil)
      case .float(let a): ints.append([]); doubles.append(a)
      case .date(let a): ints.append(a.map(Int64.init)); doubles.append(nil)
      case .timestamp(let a): ints.append(a); doubles.append(nil)
      case .text(let t):
        // Rank the dictionary once: byte order, which is what DuckDB's default collation does.
        let order = t.dictionary.indices.sorted { t.dictionary[$0].utf8.lexicographicallyPrecedes(t.dictionary[$1].utf8) }
        var rank = [Int64](repeating: 0, count: t.dictionary.count)
        var previous: String? = nil
        var current: Int64 = -1
        for index in order {
          if t.dictionary[index] != previous { current += 1; previous = t.dictionary[index] }
          rank[index] = current
        }
        ints.append(t.codes.map { rank.isEmpty ? 0 : rank[Int($0)] })
        doubles.append(nil)
      }
    }
  }

  public var keyCount: Int { descending.count }

  /// -1, 0 or 1: how row `a` orders against row `b`.
  @inline(__always)
  public func compare(_ a: Int, _ b: Int) -> Int {
    for k in 0..<descending.count {
      let aNull = nulls[k].map { !$0.isValid(a) } ?? false
      let bNull = nulls[k].map { !$0.isValid(b) } ?? false
      if aNull || bNull {
        if aNull && bNull { continue }
        return aNull ? 1 : -1  // nulls last, whatever the direction
      }
      var c = 0
      if let d = doubles[k] {
        let x = d[a]
        let y = d[b]
        // NaN sorts after every number, as in DuckDB.
        if x.isNaN || y.isNaN {
          c = x.isNaN ? (y.isNaN ? 0 : 1) : -1
        } else {
          c = x < y ? -1 : (x > y ? 1 : 0)
        }
      } else {
        let x = ints[k][a]
        let y = ints[k][b]
        c = x < y ? -1 : (x > y ? 1 : 0)
      }
      if c != 0 { return descending[k] ? -c : c }
    }
    return 0
  }

  /// Row indices in sorted order; ties keep their input order (stable).
  /// - Complexity: O(n log n) comparisons.
  public func sortedRows(_ rows: [Int]) -> [Int] {
    if descending.isEmpty { return rows }
    return rows.sorted { a, b in
      let c = compare(a, b)
      return c != 0 ? c < 0 : a < b
    }
  }
}
