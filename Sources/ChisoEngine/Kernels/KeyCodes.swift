/// Per-row integer codes for key columns, so that grouping, joining, distinct and set operations
/// hash machine integers instead of boxed values.
///
/// Two rows get the same code exactly when their values are equal (text by exact string, -0.0
/// and 0.0 equal, all NaNs equal); nulls get `nullCode` and a flag, since SQL groups nulls together
/// but never joins them.
public enum KeyCodes {
  public static let nullCode = Int64.min

  /// Codes for one column. Text codes index a deduplicated dictionary; pass `shared` to encode
  /// several columns (two sides of a join) into one code space.
  public static func codes(_ column: Column, shared: inout [ExactText: Int64]) -> [Int64] {
    let n = column.count
    var out = [Int64](repeating: 0, count: n)
    switch column.storage {
    case .null: return [Int64](repeating: nullCode, count: n)
    case .bool(let a): for i in 0..<n { out[i] = a[i] ? 1 : 0 }
    case .int(let a): out = a
    case .float(let a):
      for i in 0..<n {
        let d = a[i] == 0 ? 0.0 : a[i]
        out[i] = d.isNaN ? Int64.max : Int64(bitPattern: d.bitPattern)
      }
    case .date(let a): for i in 0..<n { out[i] = Int64(a[i]) }
    case .timestamp(let a): out = a
    case .text(let t):
      let remap: [Int64] = t.dictionary.map { string in
        let s = ExactText(string)
        if let c = shared[s] { return c }
        let c = Int64(shared.count)
        shared[s] = c
        return c
      }
      for i in 0..<n { out[i] = remap.isEmpty ? 0 : remap[Int(t.codes[i])] }
    }
    if let validity = column.validity {
      for i in 0..<n where !validity.isValid(i) { out[i] = nullCode }
    }
    return out
  }

  /// Dense group ids (0, 1, 2… in order of first appearance) for rows of several key columns.
  /// - Returns: the id of each row, and the first row of each group.
  /// - Complexity: O(rows × keys) expected.
  public static func groupIDs(_ keys: [Column], rowCount: Int) -> (ids: [Int32], firstRows: [Int]) {
    if keys.isEmpty {
      return ([Int32](repeating: 0, count: rowCount), rowCount > 0 ? [0] : [])
    }
    if let dense = denseGroupIDs(keys, rowCount: rowCount) { return dense }
    var ids = [Int32](repeating: 0, count: rowCount)
    var firstRows: [Int] = []
    var first = true
    for key in keys {
      var shared: [ExactText: Int64] = [:]
      let codes = codes(key, shared: &shared)
      // Pair the running group id with this column's code.
      var table: [Pair: Int32] = [:]
      table.reserveCapacity(min(rowCount, 1 << 16))
      firstRows.removeAll(keepingCapacity: true)
      for row in 0..<rowCount {
        let pair = Pair(a: first ? 0 : Int64(ids[row]), b: codes[row], null: key.isNull(row))
        if let id = table[pair] {
          ids[row] = id
        } else {
          let id = Int32(table.count)
          table[pair] = id
          ids[row] = id
          firstRows.append(row)
        }
      }
      first = false
    }
    return (ids, firstRows)
  }

  /// Largest combined key space the dense path allocates a table for.
  static let denseLimit = 1 << 24

  /// A key column as small dense integers: each row's code in `0..<cardinality`, equal values
  /// equal codes, null its own code (the last). Text uses its dictionary (deduplicated, as
  /// `codes` does it, by bytes), bools two codes, integers, dates and timestamps their offset from the
  /// minimum when the range is small; nil for floats and wide ranges.
  static func denseCodes(_ column: Column, limit: Int) -> (codes: [UInt32], cardinality: Int)? {
    let n = column.count
    let validity = column.validity
    var out = [UInt32](repeating: 0, count: n)
    var cardinality: Int
    switch column.storage {
    case .null:
      return ([UInt32](repeating: 0, count: n), 1)
    case .bool(let a):
      cardinality = 2
      a.withUnsafeBufferPointer { a in
        out.withUnsafeMutableBufferPointer { o in for i in 0..<n { o[i] = a[i] ? 1 : 0 } }
      }
    case .text(let t):
      var shared: [ExactText: UInt32] = [:]
      let remap: [UInt32] = t.dictionary.map { string in
        let s = ExactText(string)
        if let c = shared[s] { return c }
        let c = UInt32(shared.count)
        shared[s] = c
        return c
      }
      cardinality = max(shared.count, 1)
      if cardinality > limit { return nil }
      if remap.isEmpty { break }
      let identity = remap.indices.allSatisfy { remap[$0] == UInt32($0) }
      if identity {
        out = t.codes
      } else {
        remap.withUnsafeBufferPointer { r in
          t.codes.withUnsafeBufferPointer { c in
            out.withUnsafeMutableBufferPointer { o in for i in 0..<n { o[i] = r[Int(c[i])] } }
          }
        }
      }
    case .int(let a), .timestamp(let a):
      guard let range = smallRange(a, validity, limit: limit) else { return nil }
      cardinality = range.count
      let low = range.low
      a.withUnsafeBufferPointer { a in
        out.withUnsafeMutableBufferPointer { o in for i in 0..<n { o[i] = UInt32(truncatingIfNeeded: a[i] &- low) } }
      }
    case .date(let d):
      let a = d.map(Int64.init)
      guard let range = smallRange(a, validity, limit: limit) else { return nil }
      cardinality = range.count
      let low = range.low
      for i in 0..<n { out[i] = UInt32(truncatingIfNeeded: a[i] &- low) }
    case .float:
      return nil
    }
    if let validity {
      // Null rows get the code after the values' (their stored value is arbitrary).
      let nullCode = UInt32(cardinality)
      for i in 0..<n where !validity.isValid(i) { out[i] = nullCode }
      cardinality += 1
    }
    return (out, cardinality)
  }

  /// The minimum and the number of values from it to the maximum, over valid rows, when that
  /// number is at most `limit`.
  private static func smallRange(_ a: [Int64], _ validity: NullBitmap?, limit: Int) -> (low: Int64, count: Int)? {
    var low = Int64.max
    var high = Int64.min
    if let validity {
      for i in a.indices where validity.isValid(i) {
        low = Swift.min(low, a[i])
        high = Swift.max(high, a[i])
      }
    } else {
      a.withUnsafeBufferPointer { a in
        for x in a {
          low = Swift.min(low, x)
          high = Swift.max(high, x)
        }
      }
    }
    if low > high { return (0, 1) }  // no valid value
    let (span, overflow) = high.subtractingReportingOverflow(low)
    guard !overflow, span < Int64(limit) else { return nil }
    return (low, Int(span) + 1)
  }

  /// Group ids without hashing when every key has a small dense code and their product is
  /// small: the combined code indexes a table of ids directly. Same ids, in the same order of
  /// first appearance, as the hashing path.
  static func denseGroupIDs(_ keys: [Column], rowCount: Int) -> (ids: [Int32], firstRows: [Int])? {
    let limit = Swift.min(denseLimit, Swift.max(1 << 16, rowCount * 4))
    var combined: [UInt32] = []
    var space = 1
    for key in keys {
      guard let (codes, cardinality) = denseCodes(key, limit: limit) else { return nil }
      let (product, overflow) = space.multipliedReportingOverflow(by: cardinality)
      guard !overflow, product <= limit else { return nil }
      if combined.isEmpty {
        combined = codes
      } else {
        let stride = UInt32(cardinality)
        combined.withUnsafeMutableBufferPointer { c in
          codes.withUnsafeBufferPointer { k in for i in 0..<rowCount { c[i] = c[i] &* stride &+ k[i] } }
        }
      }
      space = product
    }
    var table = [Int32](repeating: -1, count: space)
    var ids = [Int32](repeating: 0, count: rowCount)
    var firstRows: [Int] = []
    combined.withUnsafeBufferPointer { c in
      table.withUnsafeMutableBufferPointer { t in
        ids.withUnsafeMutableBufferPointer { ids in
          for row in 0..<rowCount {
            let slot = Int(c[row])
            var id = t[slot]
            if id < 0 {
              id = Int32(firstRows.count)
              t[slot] = id
              firstRows.append(row)
            }
            ids[row] = id
          }
        }
      }
    }
    return (ids, firstRows)
  }

  struct Pair: Hashable {
    var a: Int64
    var b: Int64
    var null: Bool
  }
}

/// A string that is equal to another only when their UTF-8 bytes are: Swift's `String` equality is
/// canonical equivalence, under which "é" (U+00E9) and "e\u{301}" are equal, while `==`, sorting and
/// DuckDB compare code points. Grouping, joins and distinct use this, so that they agree with `==`
/// and never merge two spellings (the first one's bytes would silently replace the other's).
public struct ExactText: Hashable, Sendable {
  public let string: String

  @inline(__always)
  public init(_ string: String) { self.string = string }

  public static func == (a: ExactText, b: ExactText) -> Bool { a.string.utf8.elementsEqual(b.string.utf8) }

  public func hash(into hasher: inout Hasher) {
    var string = self.string
    string.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
  }
}
