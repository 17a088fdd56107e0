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
  public static func codes(_ column: Column, shared: inout [String: Int64]) -> [Int64] {
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
      let remap: [Int64] = t.dictionary.map { s in
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
    var ids = [Int32](repeating: 0, count: rowCount)
    var firstRows: [Int] = []
    var first = true
    for key in keys {
      var shared: [String: Int64] = [:]
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

  struct Pair: Hashable {
    var a: Int64
    var b: Int64
    var null: Bool
  }
}
